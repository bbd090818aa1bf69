/*
 * serve.c: `readstat serve`: starts libmicrohttpd with a pool of worker
 * threads, then waits for signals on the main thread with sigwait().  The
 * signals are blocked in every thread, so no handler runs and no global
 * flag is needed: SIGHUP reloads the rules, SIGTERM and SIGINT stop taking
 * connections, let the requests in flight finish, and exit.
 */
#include "serve.h"

#include "output.h"
#include "serve_int.h"
#include "batch.h"
#include "rules_cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_LISTEN "127.0.0.1:8080"
/* Headers and MHD's own bookkeeping per connection; the body is ours. */
#define CONNECTION_MEMORY (64 * 1024)

typedef struct listen_addr {
    struct sockaddr_storage ss;
    bool ipv6;
} listen_addr;

/* "127.0.0.1:8080", "[::1]:8080" or ":8080" (loopback). */
static bool parse_listen(const char *text, listen_addr *out)
{
    char host[64];
    const char *colon;
    memset(out, 0, sizeof *out);
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof host)
            return false;
        memcpy(host, text + 1, (size_t)(close - text - 1));
        host[close - text - 1] = '\0';
        colon = close + 1;
        out->ipv6 = true;
    } else {
        colon = strrchr(text, ':');
        if (!colon || (size_t)(colon - text) >= sizeof host)
            return false;
        memcpy(host, text, (size_t)(colon - text));
        host[colon - text] = '\0';
        if (!host[0])
            strcpy(host, "127.0.0.1");
    }
    char *end;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (!colon[1] || *end || port > 65535)
        return false;
    if (out->ipv6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&out->ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)&out->ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

static bool read_token(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return false;
    }
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    bool too_long = !feof(f);
    fclose(f);
    /* A trailing newline is how editors save files, not part of the token. */
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' ||
                     buf[n - 1] == '\t'))
        n--;
    if (too_long || n == 0 || memchr(buf, '\n', n)) {
        cli_error("%s: expected one token on one line (at most 4 KiB)", path);
        return false;
    }
    *out = malloc(n + 1);
    if (!*out)
        return false;
    memcpy(*out, buf, n);
    (*out)[n] = '\0';
    *len = n;
    return true;
}

/* The documented webhook bodies.  Ghost: {"post":{"current":{...}}} (the
 * post as it is now, beside "previous").  WordPress: the REST API's post
 * object, which webhook plugins send as it is, with "rendered" strings. */
static const char *const GHOST_META[][2] = {
    {"url", "/post/current/url"},         {"slug", "/post/current/slug"},
    {"status", "/post/current/status"},   {"date", "/post/current/published_at"},
    {"byline", "/post/current/primary_author/name"},
    {"description", "/post/current/custom_excerpt"},
};
static const char *const WORDPRESS_META[][2] = {
    {"url", "/link"}, {"slug", "/slug"}, {"status", "/status"}, {"date", "/date"},
    {"description", "/excerpt/rendered"},
};

static bool build_mapping(server *srv)
{
    const cli_args *a = srv->args;
    json_mapping *m = &srv->map;
    const char *payload = a->payload ? a->payload : "generic";
    const char *const (*preset)[2] = NULL;
    size_t preset_count = 0;
    if (strcmp(payload, "ghost") == 0) {
        *m = (json_mapping){.id = "/post/current/id", .title = "/post/current/title",
                            .html = "/post/current/html"};
        preset = GHOST_META;
        preset_count = sizeof GHOST_META / sizeof GHOST_META[0];
    } else if (strcmp(payload, "wordpress") == 0) {
        *m = (json_mapping){.id = "/id", .title = "/title/rendered", .html = "/content/rendered"};
        preset = WORDPRESS_META;
        preset_count = sizeof WORDPRESS_META / sizeof WORDPRESS_META[0];
    } else {
        *m = (json_mapping){.id = "/id", .title = "/title", .text = "/text",
                            .markdown = "/markdown", .html = "/html", .meta_object = "/meta"};
    }
    size_t cap = preset_count + a->field_count;
    srv->meta_keys = calloc(cap ? cap : 1, sizeof *srv->meta_keys);
    srv->meta_ptrs = calloc(cap ? cap : 1, sizeof *srv->meta_ptrs);
    if (!srv->meta_keys || !srv->meta_ptrs)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < preset_count; i++) {
        srv->meta_keys[n] = strdup(preset[i][0]);
        srv->meta_ptrs[n++] = preset[i][1];
    }
    for (size_t i = 0; i < a->field_count; i++) {
        const char *f = a->fields[i];
        const char *eq = strchr(f, '=');
        size_t klen = (size_t)(eq - f);
        const char *ptr = eq[1] ? eq + 1 : NULL; /* "NAME=" unmaps NAME */
        const char **slot = NULL;
        static const struct { const char *name; size_t offset; } names[] = {
            {"id", offsetof(json_mapping, id)},       {"title", offsetof(json_mapping, title)},
            {"text", offsetof(json_mapping, text)},   {"markdown", offsetof(json_mapping, markdown)},
            {"html", offsetof(json_mapping, html)},   {"meta", offsetof(json_mapping, meta_object)},
        };
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strlen(names[k].name) == klen && strncmp(f, names[k].name, klen) == 0)
                slot = (const char **)((char *)m + names[k].offset);
        if (slot) {
            *slot = ptr;
        } else if (klen > 5 && strncmp(f, "meta.", 5) == 0 && ptr) {
            char *key = malloc(klen - 5 + 1);
            if (!key)
                return false;
            memcpy(key, f + 5, klen - 5);
            key[klen - 5] = '\0';
            srv->meta_keys[n] = key;
            srv->meta_ptrs[n++] = ptr;
        } else {
            cli_error("--field '%s': NAME is id, title, text, markdown, html, meta or meta.KEY",
                      f);
            return false;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (!srv->meta_keys[i])
            return false;
    m->meta_keys = srv->meta_keys;
    m->meta_ptrs = srv->meta_ptrs;
    m->meta_count = n;
    return true;
}

static void free_mapping(server *srv)
{
    for (size_t i = 0; srv->meta_keys && i < srv->map.meta_count; i++)
        free((char *)srv->meta_keys[i]);
    free(srv->meta_keys);
    free(srv->meta_ptrs);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    strbuf m = {0};
    sb_puts(&m, ",\"message\":");
    sb_json_string(&m, msg);
    serve_log("httpd", sb_cstr(&m));
    sb_free(&m);
}

static void log_reason(const char *event, const char *why)
{
    strbuf m = {0};
    sb_puts(&m, ",\"message\":");
    sb_json_string(&m, why);
    serve_log(event, sb_cstr(&m));
    sb_free(&m);
}

static uint64_t in_flight(server *srv)
{
    pthread_mutex_lock(&srv->stats.lock);
    uint64_t n = srv->stats.in_flight;
    pthread_mutex_unlock(&srv->stats.lock);
    return n;
}

/* SIGTERM: no new connections; the requests already in finish (up to the
 * request timeout), then the daemon stops. */
static void drain(server *srv, struct MHD_Daemon *d)
{
    pthread_mutex_lock(&srv->state_lock);
    srv->draining = true;
    pthread_mutex_unlock(&srv->state_lock);
    MHD_socket fd = srv->mhd.quiesce_daemon(d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    struct timespec start, now, pause = {0, 10 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    uint64_t left;
    while ((left = in_flight(srv)) > 0) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= (time_t)srv->args->timeout)
            break;
        nanosleep(&pause, NULL);
    }
    char members[64];
    snprintf(members, sizeof members, ",\"unfinished\":%llu", (unsigned long long)left);
    serve_log("stopped", members);
}

static int run_daemon(server *srv, const listen_addr *addr)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    /* Blocked before MHD makes its threads, which inherit the mask: the
     * signals can then only be taken by sigwait below. */
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (addr->ipv6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = srv->mhd.start_daemon(
        flags, 0, NULL, NULL, serve_handle, srv,
        /* first, so that every message of MHD's goes through it */
        MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr->ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)srv->args->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->args->timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, serve_completed, srv,
        MHD_OPTION_END);
    if (!d) {
        cli_error("cannot listen on %s (in use, or not an address of this machine?)",
                  srv->args->listen ? srv->args->listen : DEFAULT_LISTEN);
        return EXIT_USAGE;
    }
    const union MHD_DaemonInfo *info = srv->mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char addr_text[64] = "?";
    if (addr->ipv6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)&addr->ss)->sin6_addr, addr_text,
                  sizeof addr_text);
    else
        inet_ntop(AF_INET, &((const struct sockaddr_in *)&addr->ss)->sin_addr, addr_text,
                  sizeof addr_text);
    char members[256];
    snprintf(members, sizeof members,
             ",\"address\":\"%s\",\"port\":%u,\"threads\":%u,\"rules\":%zu,\"auth\":%s",
             addr_text, info ? (unsigned)info->port : 0, srv->args->threads,
             srv->args->rule_count, srv->token ? "true" : "false");
    serve_log("listening", members);

    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            char why[1024];
            if (rules_pool_reload(&srv->rules, why, sizeof why)) {
                snprintf(members, sizeof members, ",\"generation\":%lu",
                         srv->rules.generation);
                serve_log("rules-reloaded", members);
            } else {
                log_reason("rules-reload-failed", why);
            }
            continue;
        }
        serve_log(sig == SIGTERM ? "sigterm" : "sigint", "");
        break;
    }
    drain(srv, d);
    srv->mhd.stop_daemon(d);
    return EXIT_OK;
}

int cli_serve(const cli_args *args, const rs_options *opts)
{
    server srv = {.args = args, .opts = *opts};
    listen_addr addr;
    if (!parse_listen(args->listen ? args->listen : DEFAULT_LISTEN, &addr)) {
        cli_error("invalid --listen '%s' (expected ADDR:PORT, e.g. 127.0.0.1:8080)",
                  args->listen);
        return EXIT_USAGE;
    }
    /* Writing to a client that went away must not end the server. */
    signal(SIGPIPE, SIG_IGN);
    if (args->token_file && !read_token(args->token_file, &srv.token, &srv.token_len))
        return EXIT_USAGE;
    if (!build_mapping(&srv)) {
        free_mapping(&srv);
        free(srv.token);
        return EXIT_USAGE;
    }
    rs_rule_limits limits;
    cli_rule_limits(args, &limits);
    if (args->rule_count > 0)
        srv.opts.flags |= RS_OPT_DETAIL; /* rules always see sentences */
    char why[1024] = "";
    int status = EXIT_OK;
    if (!serve_mhd_load(&srv.mhd, why, sizeof why)) {
        cli_error("%s", why);
        free_mapping(&srv);
        free(srv.token);
        return EXIT_FAILURE_INTERNAL;
    }
    if (!rules_pool_init(&srv.rules, args->rules, args->rule_count, &limits, why, sizeof why)) {
        cli_error("%s", why);
        status = EXIT_RULE_ERROR;
    } else {
        metrics_init(&srv.stats);
        pthread_mutex_init(&srv.state_lock, NULL);
        batch_warm_up(); /* before MHD starts its threads */
        status = run_daemon(&srv, &addr);
        pthread_mutex_destroy(&srv.state_lock);
        metrics_destroy(&srv.stats);
    }
    rules_pool_free(&srv.rules);
    free_mapping(&srv);
    free(srv.token);
    return status;
}
