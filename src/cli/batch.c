/* batch.c: see batch.h.  A ring of job slots: the main thread appends at
 * the tail and emits from the head once the head's job is done; workers
 * take the oldest job nobody has taken yet.
 *
 * A small article is analysed in well under 100 us, and waking a sleeping
 * thread costs a good part of that, so the threads wake each other in
 * batches: a worker wakes the main thread once half the ring is done (or
 * when nothing is left to take), and the main thread wakes the workers once
 * per refill, not once per job. */
#include "batch.h"

#include "readstat.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct slot {
    void *job;
    bool done;
} slot;

typedef struct pool {
    const batch_ops *ops;
    pthread_mutex_t lock;
    pthread_cond_t work_ready; /* a job to take, or stopping */
    pthread_cond_t job_done;   /* some job finished */
    slot *ring;
    size_t capacity;
    size_t head, taken, tail;  /* monotonic counters; index = counter % capacity */
    size_t done_unannounced;   /* jobs done since a worker last woke the main thread */
    bool stopping;
} pool;

typedef struct worker {
    pool *p;
    void *state;
    pthread_t thread;
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->tail && !p->stopping)
            pthread_cond_wait(&p->work_ready, &p->lock);
        if (p->taken == p->tail)
            break; /* stopping, and nothing left */
        slot *s = &p->ring[p->taken++ % p->capacity];
        pthread_mutex_unlock(&p->lock);
        p->ops->work(p->ops->ud, w->state, s->job);
        pthread_mutex_lock(&p->lock);
        s->done = true;
        if (++p->done_unannounced >= p->capacity / 2 || p->taken == p->tail) {
            p->done_unannounced = 0;
            pthread_cond_signal(&p->job_done);
        }
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static bool run_inline(const batch_ops *ops, void *state)
{
    bool go_on = true;
    void *job;
    while (go_on && (job = ops->next(ops->ud)) != NULL) {
        ops->work(ops->ud, state, job);
        go_on = ops->emit(ops->ud, job);
    }
    return true;
}

void batch_warm_up(void)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_HTML;
    rs_report *r = NULL;
    if (rs_analyze("<p>warm up</p>", 14, &o, &r) == RS_OK)
        rs_report_free(r);
}

bool batch_run(const batch_ops *ops, void *const *states, unsigned threads)
{
    if (threads <= 1)
        return run_inline(ops, states ? states[0] : NULL);
    batch_warm_up();

    pool p = {.ops = ops, .capacity = (size_t)threads * BATCH_JOBS_PER_WORKER};
    p.ring = calloc(p.capacity, sizeof *p.ring);
    worker *workers = calloc(threads, sizeof *workers);
    if (!p.ring || !workers) {
        free(p.ring);
        free(workers);
        return false;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.work_ready, NULL);
    pthread_cond_init(&p.job_done, NULL);

    unsigned started = 0;
    for (; started < threads; started++) {
        workers[started].p = &p;
        workers[started].state = states ? states[started] : NULL;
        if (pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]) != 0)
            break;
    }
    bool ok = started == threads;
    bool more = ok;
    pthread_mutex_lock(&p.lock);
    for (;;) {
        /* Fill the ring; the producer may block on input, so it runs
         * without the lock. */
        size_t added = 0;
        while (more && p.tail - p.head < p.capacity) {
            pthread_mutex_unlock(&p.lock);
            void *job = ops->next(ops->ud);
            pthread_mutex_lock(&p.lock);
            if (!job) {
                more = false;
                break;
            }
            slot *s = &p.ring[p.tail++ % p.capacity];
            s->job = job;
            s->done = false;
            added++;
        }
        if (added)
            pthread_cond_broadcast(&p.work_ready);
        if (p.head == p.tail)
            break;
        slot *s = &p.ring[p.head % p.capacity];
        while (!s->done)
            pthread_cond_wait(&p.job_done, &p.lock);
        p.head++;
        void *job = s->job;
        pthread_mutex_unlock(&p.lock);
        if (!ops->emit(ops->ud, job))
            more = false;
        pthread_mutex_lock(&p.lock);
    }
    p.stopping = true;
    pthread_cond_broadcast(&p.work_ready);
    pthread_mutex_unlock(&p.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    pthread_cond_destroy(&p.job_done);
    pthread_cond_destroy(&p.work_ready);
    pthread_mutex_destroy(&p.lock);
    free(p.ring);
    free(workers);
    return ok;
}
