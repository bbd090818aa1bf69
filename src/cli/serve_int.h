/* serve_int.h: what the server's parts share (serve.c, serve_http.c). */
#ifndef READSTAT_CLI_SERVE_INT_H
#define READSTAT_CLI_SERVE_INT_H

#include "args.h"
#include "json_in.h"
#include "serve_metrics.h"
#include "serve_mhd.h"
#include "serve_rules.h"

#include "readstat.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdbool.h>

typedef struct server {
    const cli_args *args;
    rs_options opts;
    json_mapping map;
    const char **meta_keys;   /* --field meta.KEY: the keys, owned */
    const char **meta_ptrs;
    char *token;              /* --token-file's token, or NULL */
    size_t token_len;
    rules_pool rules;
    metrics stats;
    serve_mhd mhd;
    /* Set once SIGTERM arrives: answers then say "Connection: close". */
    pthread_mutex_t state_lock;
    bool draining;
} server;

/* The MHD callbacks (serve_http.c). */
enum MHD_Result serve_handle(void *cls, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **req_state);
void serve_completed(void *cls, struct MHD_Connection *conn, void **req_state,
                     enum MHD_RequestTerminationCode why);

/* One JSON line on stderr: {"time":...,"event":...,<members>}.  members is
 * raw JSON (starting with a comma) or "". */
void serve_log(const char *event, const char *members);

#endif
