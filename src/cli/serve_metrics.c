/* serve_metrics.c: see serve_metrics.h.  One mutex: a request takes it
 * twice for a few additions, far below the cost of an analysis. */
#include "serve_metrics.h"

#include <string.h>

static const unsigned CODES[METRICS_CODES] = {200, 400, 401, 404, 405, 413, 422, 500, 503, 0};
/* Upper bounds in seconds: a 5 KB article takes about a millisecond, an
 * 8 MiB one with rules about a second. */
static const double BOUNDS[METRICS_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                               0.05,   0.1,   0.25,   0.5,   1,    2.5};

static const char *const PATHS[EP__COUNT] = {"/v1/analyze", "/v1/check", "/healthz", "/metrics",
                                             "other"};

const char *endpoint_path(endpoint ep)
{
    return PATHS[ep];
}

void metrics_init(metrics *m)
{
    memset(m, 0, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
}

void metrics_destroy(metrics *m)
{
    pthread_mutex_destroy(&m->lock);
}

void metrics_begin(metrics *m)
{
    pthread_mutex_lock(&m->lock);
    m->in_flight++;
    pthread_mutex_unlock(&m->lock);
}

void metrics_end(metrics *m, endpoint ep, unsigned status, double seconds)
{
    size_t code = METRICS_CODES - 1; /* "0": none of the known ones */
    for (size_t i = 0; i < METRICS_CODES - 1; i++)
        if (CODES[i] == status)
            code = i;
    pthread_mutex_lock(&m->lock);
    m->in_flight--;
    m->requests[ep][code]++;
    if (status >= 400 && status != 422)
        m->errors++;
    if (status == 0)
        m->errors++;
    for (size_t i = 0; i < METRICS_BUCKETS; i++)
        if (seconds <= BOUNDS[i]) {
            m->buckets[i]++;
            break;
        }
    m->count++;
    m->sum_seconds += seconds;
    pthread_mutex_unlock(&m->lock);
}

void metrics_render(metrics *m, strbuf *out, unsigned long reloads_ok,
                    unsigned long reloads_failed)
{
    metrics s;
    pthread_mutex_lock(&m->lock);
    s = *m;
    pthread_mutex_unlock(&m->lock);

    sb_puts(out, "# HELP readstat_requests_total HTTP requests answered, by endpoint and status "
                 "code (code 0: the client left first).\n"
                 "# TYPE readstat_requests_total counter\n");
    for (int ep = 0; ep < EP__COUNT; ep++)
        for (size_t c = 0; c < METRICS_CODES; c++)
            if (s.requests[ep][c])
                sb_printf(out, "readstat_requests_total{endpoint=\"%s\",code=\"%u\"} %llu\n",
                          PATHS[ep], CODES[c], (unsigned long long)s.requests[ep][c]);
    sb_printf(out, "# HELP readstat_errors_total Requests that ended in an error (4xx or 5xx "
                   "other than 422, or the client leaving).\n"
                   "# TYPE readstat_errors_total counter\n"
                   "readstat_errors_total %llu\n",
              (unsigned long long)s.errors);
    sb_puts(out, "# HELP readstat_request_duration_seconds Time from the request's arrival to "
                 "the end of its answer.\n"
                 "# TYPE readstat_request_duration_seconds histogram\n");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < METRICS_BUCKETS; i++) {
        cumulative += s.buckets[i];
        sb_printf(out, "readstat_request_duration_seconds_bucket{le=\"%g\"} %llu\n", BOUNDS[i],
                  (unsigned long long)cumulative);
    }
    sb_printf(out, "readstat_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                   "readstat_request_duration_seconds_sum %.6f\n"
                   "readstat_request_duration_seconds_count %llu\n",
              (unsigned long long)s.count, s.sum_seconds, (unsigned long long)s.count);
    sb_printf(out, "# HELP readstat_requests_in_flight Requests being handled now.\n"
                   "# TYPE readstat_requests_in_flight gauge\n"
                   "readstat_requests_in_flight %llu\n",
              (unsigned long long)s.in_flight);
    sb_printf(out, "# HELP readstat_rule_reloads_total Rule reloads (SIGHUP), by result.\n"
                   "# TYPE readstat_rule_reloads_total counter\n"
                   "readstat_rule_reloads_total{result=\"ok\"} %lu\n"
                   "readstat_rule_reloads_total{result=\"failed\"} %lu\n",
              reloads_ok, reloads_failed);
}
