/* serve_rules.c: see serve_rules.h. */
#include "serve_rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rule file is source text a person wrote; anything bigger is a mistake. */
#define MAX_RULE_FILE (16u * 1024 * 1024)

struct rules_gen {
    size_t refs;             /* the pool's own (while current) + borrowers */
    char **sources;
    size_t *lens;
    size_t count;
    const char *const *names;
    rs_rule_limits limits;
    rs_rules **idle;         /* instances nobody is using */
    size_t idle_count, idle_cap;
};

static void gen_free(rules_gen *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->idle_count; i++)
        rs_rules_free(g->idle[i]);
    for (size_t i = 0; i < g->count; i++)
        free(g->sources[i]);
    free(g->idle);
    free(g->sources);
    free(g->lens);
    free(g);
}

static bool read_file(const char *path, char **out, size_t *len, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + used, 1, cap - used, f)) > 0) {
        used += n;
        if (used > MAX_RULE_FILE) {
            snprintf(why, why_size, "%s: larger than 16 MiB", path);
            free(buf);
            fclose(f);
            return false;
        }
        if (used == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        snprintf(why, why_size, "%s: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        return false;
    }
    *out = buf;
    *len = used;
    return true;
}

/* A new instance from the generation's sources: nothing touches the disk,
 * so every instance of a generation has the same rules. */
static rs_rules *gen_instance(const rules_gen *g, char *why, size_t why_size)
{
    rs_rules *r = NULL;
    rs_status st = rs_rules_new(&g->limits, &r);
    for (size_t i = 0; st == RS_OK && i < g->count; i++) {
        st = rs_rules_load_string(r, g->names[i], g->sources[i], g->lens[i]);
        if (st != RS_OK && why)
            snprintf(why, why_size, "%s", rs_rules_error(r)[0] ? rs_rules_error(r)
                                                                  : rs_strerror(st));
    }
    if (st != RS_OK) {
        if (why && !r)
            snprintf(why, why_size, "%s", rs_strerror(st));
        rs_rules_free(r);
        return NULL;
    }
    return r;
}

static rules_gen *gen_load(const rules_pool *pool, char *why, size_t why_size)
{
    rules_gen *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    g->refs = 1;
    g->names = pool->paths;
    g->limits = pool->limits;
    g->sources = calloc(pool->path_count, sizeof *g->sources);
    g->lens = calloc(pool->path_count, sizeof *g->lens);
    if (!g->sources || !g->lens) {
        snprintf(why, why_size, "out of memory");
        gen_free(g);
        return NULL;
    }
    for (; g->count < pool->path_count; g->count++)
        if (!read_file(pool->paths[g->count], &g->sources[g->count], &g->lens[g->count], why,
                       why_size)) {
            gen_free(g);
            return NULL;
        }
    /* Loading one instance now is the validation: a broken file is found
     * at reload time, not by the next request. */
    rs_rules *first = gen_instance(g, why, why_size);
    g->idle = malloc(4 * sizeof *g->idle);
    if (!first || !g->idle) {
        if (first && !g->idle)
            snprintf(why, why_size, "out of memory");
        rs_rules_free(first);
        gen_free(g);
        return NULL;
    }
    g->idle_cap = 4;
    g->idle[g->idle_count++] = first;
    return g;
}

bool rules_pool_init(rules_pool *pool, const char *const *paths, size_t count,
                     const rs_rule_limits *limits, char *why, size_t why_size)
{
    memset(pool, 0, sizeof *pool);
    pthread_mutex_init(&pool->lock, NULL);
    pool->paths = paths;
    pool->path_count = count;
    pool->limits = *limits;
    if (count == 0)
        return true;
    pool->current = gen_load(pool, why, why_size);
    pool->generation = 1;
    return pool->current != NULL;
}

void rules_pool_free(rules_pool *pool)
{
    /* Only after the server has stopped: no borrower is left. */
    gen_free(pool->current);
    pool->current = NULL;
    pthread_mutex_destroy(&pool->lock);
}

/* Drops one reference; the caller holds the lock. */
static bool gen_unref(rules_gen *g)
{
    return --g->refs == 0;
}

bool rules_pool_reload(rules_pool *pool, char *why, size_t why_size)
{
    if (pool->path_count == 0)
        return true;
    rules_gen *fresh = gen_load(pool, why, why_size);
    pthread_mutex_lock(&pool->lock);
    if (!fresh) {
        pool->reloads_failed++;
        pthread_mutex_unlock(&pool->lock);
        return false;
    }
    rules_gen *old = pool->current;
    pool->current = fresh;
    pool->reloads_ok++;
    pool->generation++;
    bool free_old = old && gen_unref(old);
    pthread_mutex_unlock(&pool->lock);
    if (free_old)
        gen_free(old);
    return true;
}

rs_rules *rules_pool_acquire(rules_pool *pool, rules_gen **gen)
{
    pthread_mutex_lock(&pool->lock);
    rules_gen *g = pool->current;
    *gen = g;
    if (!g) {
        pthread_mutex_unlock(&pool->lock);
        return NULL;
    }
    g->refs++;
    rs_rules *r = g->idle_count ? g->idle[--g->idle_count] : NULL;
    pthread_mutex_unlock(&pool->lock);
    if (!r)
        r = gen_instance(g, NULL, 0); /* outside the lock: it runs Lua */
    return r;
}

void rules_pool_release(rules_pool *pool, rules_gen *g, rs_rules *r)
{
    if (!g)
        return;
    pthread_mutex_lock(&pool->lock);
    if (r && g->idle_count == g->idle_cap) {
        rs_rules **p = realloc(g->idle, 2 * g->idle_cap * sizeof *p);
        if (p) {
            g->idle = p;
            g->idle_cap *= 2;
        }
    }
    bool kept = false;
    if (r && g->idle_count < g->idle_cap) {
        g->idle[g->idle_count++] = r;
        kept = true;
    }
    bool free_gen = gen_unref(g);
    pthread_mutex_unlock(&pool->lock);
    if (r && !kept)
        rs_rules_free(r);
    if (free_gen)
        gen_free(g);
}
