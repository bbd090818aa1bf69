/*
 * serve_http.c: one request, from its first callback to its access-log
 * line.  libmicrohttpd parses HTTP and calls serve_handle several times
 * per request: once with the headers, then with each piece of the body,
 * then once more with nothing, when the answer is due.
 */
#include "serve_int.h"

#include "input.h"
#include "rules_exec.h"
#include "strbuf.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

typedef struct request {
    struct timespec start;
    endpoint ep;
    strbuf body;
    bool too_large;
    bool answered;
    unsigned status;
    size_t bytes_in, bytes_out;
    char id[128];               /* the article's id, for the log */
    char path[128];             /* the URL's path, cut, for the log */
    char method[8];
} request;

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

void serve_log(const char *event, const char *members)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    char stamp[32] = "";
    if (gmtime_r(&now.tv_sec, &tm))
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    strbuf line = {0};
    sb_printf(&line, "{\"time\":\"%s.%03ldZ\",\"event\":", stamp, now.tv_nsec / 1000000);
    sb_json_string(&line, event);
    sb_puts(&line, members);
    sb_puts(&line, "}\n");
    /* One fwrite per line: stdio's stream lock keeps lines whole. */
    fwrite(line.bytes ? line.bytes : "", 1, line.len, stderr);
    sb_free(&line);
}

/* Compares in time that depends only on the expected token's length, so
 * that response times do not reveal how much of a guess was right. */
static bool token_equal(const char *given, size_t given_len, const char *want, size_t want_len)
{
    volatile unsigned char diff = (unsigned char)(given_len != want_len);
    for (size_t i = 0; i < want_len; i++) {
        unsigned char g = i < given_len ? (unsigned char)given[i] : 0;
        diff |= (unsigned char)(g ^ (unsigned char)want[i]);
    }
    return diff == 0;
}

static bool authorized(const server *srv, struct MHD_Connection *conn)
{
    if (!srv->token)
        return true;
    const char *h = srv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return false;
    h += 7;
    while (*h == ' ')
        h++;
    size_t n = strlen(h);
    while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t'))
        n--;
    return token_equal(h, n, srv->token, srv->token_len);
}

static enum MHD_Result answer(server *srv, struct MHD_Connection *conn, request *req,
                              unsigned status, const char *type, strbuf *body)
{
    size_t len = body->len;
    char *bytes = body->bytes;
    if (body->failed || !bytes) {
        free(bytes);
        bytes = NULL;
        len = 0;
    }
    body->bytes = NULL;
    body->len = body->cap = 0;
    struct MHD_Response *resp = srv->mhd.create_response(
        len, bytes ? bytes : (void *)"", bytes ? free : NULL);
    if (!resp) {
        free(bytes);
        return MHD_NO;
    }
    srv->mhd.add_response_header(resp, "Content-Type", type);
    if (status == 401)
        srv->mhd.add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"readstat\"");
    if (status == 405)
        srv->mhd.add_response_header(resp, "Allow", req->ep == EP_ANALYZE || req->ep == EP_CHECK
                                                   ? "POST" : "GET");
    pthread_mutex_lock(&srv->state_lock);
    bool draining = srv->draining;
    pthread_mutex_unlock(&srv->state_lock);
    if (draining)
        srv->mhd.add_response_header(resp, "Connection", "close");
    enum MHD_Result r = srv->mhd.queue_response(conn, status, resp);
    srv->mhd.destroy_response(resp);
    req->answered = true;
    req->status = status;
    req->bytes_out = len;
    return r;
}

static enum MHD_Result answer_error(server *srv, struct MHD_Connection *conn, request *req,
                                    unsigned status, const char *message)
{
    strbuf b = {0};
    sb_puts(&b, "{\"error\":");
    sb_json_string(&b, message);
    sb_puts(&b, "}\n");
    return answer(srv, conn, req, status, "application/json", &b);
}

static endpoint route(const char *url)
{
    if (strcmp(url, "/v1/analyze") == 0)
        return EP_ANALYZE;
    if (strcmp(url, "/v1/check") == 0)
        return EP_CHECK;
    if (strcmp(url, "/healthz") == 0)
        return EP_HEALTHZ;
    if (strcmp(url, "/metrics") == 0)
        return EP_METRICS;
    return EP_OTHER;
}

/* POST /v1/analyze and /v1/check, once the whole body is in. */
static enum MHD_Result analyze_request(server *srv, struct MHD_Connection *conn, request *req)
{
    json_error_t jerr;
    json_t *doc = json_loadb(req->body.bytes ? req->body.bytes : "", req->body.len, 0, &jerr);
    char msg[256];
    if (!doc) {
        snprintf(msg, sizeof msg, "malformed JSON at line %d, column %d: %s", jerr.line,
                 jerr.column, jerr.text);
        return answer_error(srv, conn, req, 400, msg);
    }
    json_article art;
    const char *why = json_article_read(doc, &srv->map, &art);
    if (why) {
        bool nomem = art.no_memory;
        json_article_free(&art);
        json_decref(doc);
        return answer_error(srv, conn, req, nomem ? 500 : 400, why);
    }
    if (art.id)
        snprintf(req->id, sizeof req->id, "%s", art.id);
    rs_options opts = srv->opts;
    opts.format = art.format;
    rs_report *report = NULL;
    const char *reason = "";
    input_result r = cli_analyze_memory(art.text, art.len, &opts, art.meta, art.meta_count,
                                        NULL, 0, &report, &reason);
    json_decref(doc); /* art.text pointed into it */
    char *source = art.id;
    art.id = NULL;
    json_article_free(&art);
    if (r != INPUT_OK) {
        free(source);
        return answer_error(srv, conn, req, r == INPUT_NO_MEMORY ? 500 : 400, reason);
    }

    rules_gen *gen = NULL;
    rs_rules *rules = rules_pool_acquire(&srv->rules, &gen);
    rs_rule_results *res = NULL;
    bool nomem = gen && !rules;
    if (rules) {
        res = rules_exec_file(rules, report, NULL, NULL, 0);
        nomem = !res;
    }
    rules_pool_release(&srv->rules, gen, rules);
    if (nomem) {
        free(source);
        rs_report_free(report);
        return answer_error(srv, conn, req, 500, "out of memory running the rules");
    }

    int fail_on = srv->args->fail_on;
    bool gate_ok = !res || ((fail_on < 0 || rs_rule_results_worst(res) < fail_on) &&
                            res->error_count == 0);
    strbuf extra = {0};
    if (!res) /* the same keys with or without rules: clients need no special case */
        sb_puts(&extra, ",\"tags\":[],\"scores\":{},\"checks\":[],\"rule_errors\":[]");
    sb_printf(&extra, ",\"gate\":{\"fail_on\":\"%s\",\"passed\":%s,\"rule_errors\":%zu}",
              fail_on >= 0 ? rs_check_level_name((rs_check_level)fail_on) : "none",
              gate_ok ? "true" : "false", res ? res->error_count : 0);
    strbuf body = {0};
    bool ok = !extra.failed &&
              rules_exec_report_json(&body, report, source, 0, res, true, sb_cstr(&extra));
    sb_free(&extra);
    sb_puts(&body, "\n");
    if (res && res->error_count > 0) {
        strbuf lines = {0};
        rules_exec_errors(res, &lines);
        strbuf m = {0};
        sb_puts(&m, ",\"rule_errors\":");
        sb_json_string(&m, sb_cstr(&lines));
        serve_log("rule-error", sb_cstr(&m));
        sb_free(&m);
        sb_free(&lines);
    }
    free(source);
    rs_rule_results_free(res);
    rs_report_free(report);
    if (!ok) {
        sb_free(&body);
        return answer_error(srv, conn, req, 500, "out of memory");
    }
    unsigned status = req->ep == EP_CHECK && !gate_ok ? 422 : 200;
    return answer(srv, conn, req, status, "application/json", &body);
}

enum MHD_Result serve_handle(void *cls, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **req_state)
{
    (void)version;
    server *srv = cls;
    request *req = *req_state;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &req->start);
        req->ep = route(url);
        snprintf(req->method, sizeof req->method, "%s", method);
        snprintf(req->path, sizeof req->path, "%s", url);
        *req_state = req;
        metrics_begin(&srv->stats);

        bool post = strcmp(method, "POST") == 0;
        bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        if (req->ep == EP_OTHER)
            return answer_error(srv, conn, req, 404, "no such endpoint");
        /* The health check answers without a token: load balancers and
         * systemd watchdogs probe it with no credentials. */
        if (req->ep == EP_HEALTHZ) {
            if (!get)
                return answer_error(srv, conn, req, 405, "use GET");
            strbuf b = {0};
            sb_puts(&b, "{\"status\":\"ok\"}\n");
            return answer(srv, conn, req, 200, "application/json", &b);
        }
        if (!authorized(srv, conn))
            return answer_error(srv, conn, req, 401, "missing or wrong bearer token");
        if (req->ep == EP_METRICS) {
            if (!get)
                return answer_error(srv, conn, req, 405, "use GET");
            strbuf b = {0};
            pthread_mutex_lock(&srv->rules.lock);
            unsigned long ok = srv->rules.reloads_ok, failed = srv->rules.reloads_failed;
            pthread_mutex_unlock(&srv->rules.lock);
            metrics_render(&srv->stats, &b, ok, failed);
            return answer(srv, conn, req, 200, "text/plain; version=0.0.4; charset=utf-8", &b);
        }
        if (!post)
            return answer_error(srv, conn, req, 405, "use POST");
        /* A declared size over the limit is refused before a byte of the
         * body is read. */
        const char *cl = srv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > srv->args->max_body)
            return answer_error(srv, conn, req, 413, "request body too large");
        return MHD_YES;
    }
    if (req->answered) {
        /* Answered early (413): the rest of the body is dropped. */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size > 0) {
        req->bytes_in += *upload_size;
        if (!req->too_large && req->body.len + *upload_size > srv->args->max_body) {
            /* Chunked bodies have no Content-Length: stop keeping it. */
            req->too_large = true;
            sb_free(&req->body);
        }
        if (!req->too_large)
            sb_write(&req->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->too_large)
        return answer_error(srv, conn, req, 413, "request body too large");
    if (req->body.failed)
        return answer_error(srv, conn, req, 500, "out of memory");
    return analyze_request(srv, conn, req);
}

static void remote_address(const server *srv, struct MHD_Connection *conn, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *info =
        srv->mhd.get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, size, "?");
    if (!info || !info->client_addr)
        return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)size);
}

void serve_completed(void *cls, struct MHD_Connection *conn, void **req_state,
                     enum MHD_RequestTerminationCode why)
{
    server *srv = cls;
    request *req = *req_state;
    if (!req)
        return;
    *req_state = NULL;
    double secs = seconds_since(&req->start);
    unsigned status = why == MHD_REQUEST_TERMINATED_COMPLETED_OK || req->answered ? req->status
                                                                                : 0;
    metrics_end(&srv->stats, req->ep, status, secs);
    char remote[64];
    remote_address(srv, conn, remote, sizeof remote);
    strbuf m = {0};
    sb_puts(&m, ",\"remote\":");
    sb_json_string(&m, remote);
    sb_puts(&m, ",\"method\":");
    sb_json_string(&m, req->method);
    sb_puts(&m, ",\"path\":");
    sb_json_string(&m, req->path);
    sb_printf(&m, ",\"status\":%u,\"bytes_in\":%zu,\"bytes_out\":%zu,\"ms\":%.3f", status,
              req->bytes_in, req->bytes_out, secs * 1000);
    if (req->id[0]) {
        sb_puts(&m, ",\"id\":");
        sb_json_string(&m, req->id);
    }
    if (why != MHD_REQUEST_TERMINATED_COMPLETED_OK)
        sb_printf(&m, ",\"terminated\":%d", (int)why);
    serve_log("request", sb_cstr(&m));
    sb_free(&m);
    sb_free(&req->body);
    free(req);
}
