/*
 * serve_rules.h: the server's rule sets.  The rules engine allows one
 * rs_rules per thread, so each generation of rules keeps a pool of
 * instances, all loaded from the same source text read once; a request
 * borrows one and gives it back.  SIGHUP makes a new generation: requests
 * already running finish on the old one, which is freed by the last of
 * them, so a reload drops nothing.
 */
#ifndef READSTAT_CLI_SERVE_RULES_H
#define READSTAT_CLI_SERVE_RULES_H

#include "readstat_rules.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct rules_gen rules_gen;

typedef struct rules_pool {
    pthread_mutex_t lock;
    rules_gen *current;           /* NULL when there are no --rules */
    rs_rule_limits limits;
    const char *const *paths;     /* the --rules files */
    size_t path_count;
    unsigned long reloads_ok, reloads_failed, generation;
} rules_pool;

/* Loads the files for the first time.  False with the reason in why. */
bool rules_pool_init(rules_pool *pool, const char *const *paths, size_t count,
                     const rs_rule_limits *limits, char *why, size_t why_size);
void rules_pool_free(rules_pool *pool);

/* Loads the files again; on failure the old rules stay and why says why. */
bool rules_pool_reload(rules_pool *pool, char *why, size_t why_size);

/* A rule set for this request (NULL without --rules, or out of memory:
 * *gen tells which).  Give it back with rules_pool_release. */
rs_rules *rules_pool_acquire(rules_pool *pool, rules_gen **gen);
void rules_pool_release(rules_pool *pool, rules_gen *gen, rs_rules *rules);

#endif
