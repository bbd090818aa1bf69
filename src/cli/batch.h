/*
 * batch.h: an ordered worker pool.  The main thread hands out jobs and
 * prints their results in the order it handed them out; N worker threads
 * do the jobs in between.  Nothing here prints: `emit` runs on the main
 * thread only, so it alone may use output.c's shared stdout buffer.
 */
#ifndef READSTAT_CLI_BATCH_H
#define READSTAT_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct batch_ops {
    void *ud;
    /* Main thread: the next job, or NULL when there is none left. */
    void *(*next)(void *ud);
    /* A worker thread: does the job.  `state` is that worker's own
     * (states[i] of batch_run): its rule set, for instance. */
    void (*work)(void *ud, void *state, void *job);
    /* Main thread, in order: prints the job's result and frees the job.
     * Returns false to stop handing out new jobs (the ones already handed
     * out are still done and emitted). */
    bool (*emit)(void *ud, void *job);
} batch_ops;

/* The most jobs in flight per worker: enough to keep every worker busy
 * while one slow job holds up the output and while the main thread sleeps
 * through half the ring (batch.c wakes it once per half), few enough that
 * memory stays bounded on an endless stream: each job holds its article's
 * output until it is printed. */
#define BATCH_JOBS_PER_WORKER 8

/*
 * Runs every job.  With one thread the jobs run on the calling thread, one
 * after the other, through the same three functions.  Returns false when a
 * thread could not be started (nothing has run then) or out of memory.
 */
bool batch_run(const batch_ops *ops, void *const *states, unsigned threads);

/*
 * Makes the library's lazy one-time initialisation (libxml2's parser
 * tables) happen on this thread, before any worker starts: libxml2 2.9
 * does not promise that xmlInitParser is safe to race.
 */
void batch_warm_up(void);

#endif
