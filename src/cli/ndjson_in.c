/*
 * ndjson_in.c: the batch contract for archives (GNU parallel, Spark pipe(),
 * Hadoop Streaming): each input line is one article object, each output
 * line is its report, so a line-oriented tool can split, distribute and
 * reassemble the work without knowing anything about readstat.
 *
 * The main thread reads lines; workers parse, analyse, run the rules and
 * render the JSON line into the job; the main thread writes the lines in
 * input order.  A line that is not an article gives an error line
 * {"source": ..., "error": ...} and the stream goes on.
 */
#include "ndjson_in.h"

#include "batch.h"
#include "error_line.h"
#include "input.h"
#include "json_in.h"
#include "output.h"
#include "rules_exec.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct line_job {
    char *line;
    size_t len;
    char *source;        /* "<input>:<line number>", replaced by the id */
    strbuf out;          /* the rendered output line */
    strbuf rule_errors;  /* stderr lines for rule errors */
    const char *error;   /* static: the line was not an article */
    char error_buf[256]; /* when the message is built (JSON syntax errors) */
    bool no_memory;
    bool rule_failed;
    int worst;           /* worst failed check level, or -1 */
} line_job;

typedef struct stream {
    const cli_args *args;
    const rs_options *opts;
    char **inputs;
    size_t count, current;
    FILE *file;          /* the input being read, or NULL */
    const char *name;    /* how messages name it */
    unsigned long long line_no;
    ndjson_result result;
} stream;

static const json_mapping NDJSON_MAPPING = {
    .id = "/id", .text = "/text", .markdown = "/markdown", .html = "/html",
    .meta_object = "/meta", .rest_is_meta = true,
};

static void set_status(ndjson_result *r, int s)
{
    if (s == EXIT_FAILURE_INTERNAL || (s != EXIT_OK && r->status == EXIT_OK))
        r->status = s;
}

/* Opens the next input; false when there is none left. */
static bool open_next(stream *s)
{
    while (s->current < s->count) {
        const char *path = s->inputs[s->current++];
        s->line_no = 0;
        s->name = path;
        if (strcmp(path, "-") == 0) {
            s->file = stdin;
            return true;
        }
        s->file = fopen(path, "r");
        if (s->file)
            return true;
        cli_error("%s: %s", path, strerror(errno));
        print_error_line(path, strerror(errno));
        set_status(&s->result, EXIT_BAD_INPUT);
    }
    return false;
}

static bool blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
            return false;
    return true;
}

static void *stream_next(void *ud)
{
    stream *s = ud;
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        if (!s->file && !open_next(s)) {
            free(line);
            return NULL;
        }
        ssize_t n = getline(&line, &cap, s->file);
        if (n < 0) {
            if (ferror(s->file)) {
                cli_error("%s: %s", cli_input_display_name(s->name), strerror(errno));
                set_status(&s->result, EXIT_BAD_INPUT);
            }
            if (s->file != stdin)
                fclose(s->file);
            s->file = NULL;
            continue;
        }
        s->line_no++;
        /* Blank lines (a trailing newline, padding) are not articles. */
        if (blank(line, (size_t)n))
            continue;
        line_job *job = calloc(1, sizeof *job);
        char source[64];
        snprintf(source, sizeof source, ":%llu", s->line_no);
        size_t name_len = strlen(s->name);
        char *src = job ? malloc(name_len + strlen(source) + 1) : NULL;
        if (!job || !src) {
            free(job);
            free(line);
            set_status(&s->result, EXIT_FAILURE_INTERNAL);
            return NULL;
        }
        memcpy(src, s->name, name_len);
        strcpy(src + name_len, source);
        job->source = src;
        job->line = line;
        job->len = (size_t)n;
        job->worst = -1;
        return job;
    }
}

static void render(const stream *s, rs_rules *rules, line_job *job, json_t *doc)
{
    json_article art;
    const char *why = json_article_read(doc, &NDJSON_MAPPING, &art);
    if (why) {
        job->error = why;
        job->no_memory = art.no_memory;
        json_article_free(&art);
        return;
    }
    if (art.id) {
        free(job->source);
        job->source = art.id;
        art.id = NULL;
    }
    rs_options opts = *s->opts;
    opts.format = art.format;
    rs_report *report = NULL;
    const char *reason = "";
    input_result r = cli_analyze_memory(art.text, art.len, &opts, art.meta, art.meta_count,
                                        s->args->meta, s->args->meta_count, &report, &reason);
    json_article_free(&art);
    if (r != INPUT_OK) {
        job->error = reason;
        job->no_memory = r == INPUT_NO_MEMORY;
        return;
    }
    rs_rule_results *res = NULL;
    if (rules) {
        res = rules_exec_file(rules, report, NULL, NULL, 0);
        if (!res) {
            job->error = "out of memory running the rules";
            job->no_memory = true;
            rs_report_free(report);
            return;
        }
        rules_exec_errors(res, &job->rule_errors);
        job->rule_failed = res->error_count > 0;
        job->worst = rs_rule_results_worst(res);
    }
    unsigned flags = s->args->detail ? RS_JSON_DETAIL : 0;
    if (!rules_exec_report_json(&job->out, report, job->source, flags, res, false, NULL)) {
        job->error = "out of memory";
        job->no_memory = true;
    }
    sb_puts(&job->out, "\n");
    rs_rule_results_free(res);
    rs_report_free(report);
}

static void stream_work(void *ud, void *state, void *vjob)
{
    const stream *s = ud;
    line_job *job = vjob;
    json_error_t err;
    /* JSON_ALLOW_NUL keeps a \u0000 inside a string from being refused by
     * the parser: the analyzer refuses it with a clearer message. */
    json_t *doc = json_loadb(job->line, job->len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
    free(job->line);
    job->line = NULL;
    if (!doc) {
        snprintf(job->error_buf, sizeof job->error_buf, "invalid JSON at column %d: %s",
                 err.column, err.text);
        job->error = job->error_buf;
        return;
    }
    render(s, state, job, doc);
    json_decref(doc);
}

static bool stream_emit(void *ud, void *vjob)
{
    stream *s = ud;
    line_job *job = vjob;
    if (job->error) {
        cli_error("%s: %s", job->source, job->error);
        print_error_line(job->source, job->error);
        set_status(&s->result, job->no_memory ? EXIT_FAILURE_INTERNAL : EXIT_BAD_INPUT);
    } else {
        const char *text = sb_cstr(&job->rule_errors);
        for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
            cli_error("%.*s", (int)(nl - text), text);
        out_write(job->out.bytes, job->out.len);
        s->result.rule_failed |= job->rule_failed;
        if (s->args->fail_on >= 0 && job->worst >= s->args->fail_on)
            s->result.gate_failed = true;
    }
    sb_free(&job->out);
    sb_free(&job->rule_errors);
    free(job->source);
    free(job);
    return out_ok();
}

ndjson_result cli_ndjson_in(const cli_args *args, const rs_options *opts, rs_rules *rules,
                            char **inputs, size_t count)
{
    stream s = {.args = args, .opts = opts, .inputs = inputs, .count = count};
    void **states = NULL;
    int st = cli_rules_per_thread(args, rules, args->jobs, &states);
    if (st != EXIT_OK) {
        s.result.status = st;
        return s.result;
    }
    batch_ops ops = {.ud = &s, .next = stream_next, .work = stream_work, .emit = stream_emit};
    if (!batch_run(&ops, states, args->jobs)) {
        cli_error("could not start %u threads", args->jobs);
        set_status(&s.result, EXIT_FAILURE_INTERNAL);
    }
    if (s.file && s.file != stdin)
        fclose(s.file);
    cli_rules_free_per_thread(rules, states, args->jobs);
    return s.result;
}
