/* serve_metrics.h: the counters behind GET /metrics (Prometheus text
 * format 0.0.4): requests by endpoint and status, errors, a latency
 * histogram, requests in flight and rule reloads. */
#ifndef READSTAT_CLI_SERVE_METRICS_H
#define READSTAT_CLI_SERVE_METRICS_H

#include "strbuf.h"

#include <pthread.h>
#include <stdint.h>

typedef enum endpoint {
    EP_ANALYZE = 0,
    EP_CHECK,
    EP_HEALTHZ,
    EP_METRICS,
    EP_OTHER,
    EP__COUNT
} endpoint;

#define METRICS_CODES 10
#define METRICS_BUCKETS 12

typedef struct metrics {
    pthread_mutex_t lock;
    uint64_t requests[EP__COUNT][METRICS_CODES];
    uint64_t errors;          /* 4xx and 5xx, except 422 (a gate verdict) */
    uint64_t buckets[METRICS_BUCKETS]; /* cumulative at render time */
    uint64_t count;
    double sum_seconds;
    uint64_t in_flight;
} metrics;

void metrics_init(metrics *m);
void metrics_destroy(metrics *m);
void metrics_begin(metrics *m);
/* status 0: the client went away before an answer was sent. */
void metrics_end(metrics *m, endpoint ep, unsigned status, double seconds);
void metrics_render(metrics *m, strbuf *out, unsigned long reloads_ok,
                    unsigned long reloads_failed);
const char *endpoint_path(endpoint ep);

#endif
