/* main.c: the readstat command: options, then each input in turn (on
 * -j N threads when asked), or a subcommand. */
#include "args.h"
#include "error_line.h"
#include "human.h"
#include "input.h"
#include "output.h"
#include "rules_cli.h"
#include "rules_exec.h"
#include "batch.h"
#include "check.h"
#include "ndjson_in.h"
#include "serve.h"
#include "spool.h"

#include "readstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct run {
    const cli_args *args;
    rs_options options;
    bool ndjson;
    size_t reports_printed;
    rs_rules *rules;   /* --rules, or NULL */
    bool rule_failed;  /* a rule failed or ran out of budget */
    bool gate_failed;  /* a check at --fail-on level or above failed */
} run;

/* Checks --lang against the library, so that the two never disagree. */
static bool language_supported(const rs_options *opts)
{
    rs_analyzer *a = NULL;
    rs_status st = rs_analyzer_new(opts, &a);
    rs_analyzer_free(a);
    return st != RS_ERR_LANG;
}

/*
 * --extract: the main content, blocks separated by blank lines, gathered
 * as the analysis settles each block's role (rs_analyzer_on_block()): a
 * streamed input keeps no blocks, and its text is spooled, not held.
 */
typedef struct extract_sink {
    spool text;
    bool any;       /* a main block was written */
    bool last_main; /* the block before was main: a piece of it goes on with no break */
} extract_sink;

static void extract_block(void *ud, const rs_block_view *view)
{
    extract_sink *x = ud;
    bool joins = view->continues && x->last_main;
    x->last_main = view->main;
    if (!view->main)
        return;
    if (x->any && !joins)
        spool_write(&x->text, "\n\n", 2);
    else if (joins && view->joint)
        spool_write(&x->text, &view->joint, 1);
    spool_write(&x->text, view->text, view->len);
    x->any = true;
}

static void print_extract(run *ctx, extract_sink *x)
{
    if (ctx->reports_printed > 0)
        out_puts("\n");
    const char *text;
    size_t len;
    while (spool_next(&x->text, &text, &len))
        out_write(text, len);
    if (x->any)
        out_puts("\n");
}

static unsigned json_flags(const run *ctx)
{
    unsigned flags = ctx->ndjson ? 0 : RS_JSON_PRETTY;
    if (ctx->args->detail)
        flags |= RS_JSON_DETAIL;
    if (ctx->args->extract)
        flags |= RS_JSON_EXTRACT;
    return flags;
}

static void print_json(run *ctx, const rs_report *report, const char *source,
                       const rs_rule_results *rules, extract_sink *extract)
{
    unsigned flags = json_flags(ctx);
    if (rules) { /* the whole report: its blocks have the text */
        cli_rules_print_json(report, source, flags, rules);
        return;
    }
    rs_status st = ctx->args->extract
                       ? rs_report_write_extract_json(report, source, flags, out_write_cb, NULL,
                                                      spool_next, &extract->text)
                       : rs_report_write_json(report, source, flags, out_write_cb, NULL);
    if (st == RS_OK)
        out_puts("\n");
}

/* One input's analysis, done on any thread (batch.h): nothing here
 * prints or touches `run` except through its own fields. */
typedef struct input_job {
    const char *path;
    rs_report *report;
    rs_rule_results *rules;
    input_result result;
    bool rules_no_memory;
    char reason[256];
    strbuf json; /* --json without rules: the report, written by the worker */
    extract_sink extract; /* --extract */
} input_job;

static void analyze_input(const run *ctx, rs_rules *rules, input_job *job)
{
    job->result = cli_analyze_input_r(job->path, &ctx->options, ctx->args->meta,
                                      ctx->args->meta_count,
                                      ctx->args->extract ? extract_block : NULL, &job->extract,
                                      &job->report, job->reason, sizeof job->reason);
    if (job->result == INPUT_OK && rules) {
        job->rules = rules_exec_file(rules, job->report, job->path, NULL, 0);
        job->rules_no_memory = job->rules == NULL;
    }
    /* Writing the JSON is a third of a small article's cost: with -j it is
       done here, on the worker threads, instead of by the one that prints.
       (Without -j it goes straight to stdout, never held whole in memory;
       nor is --extract's text, which is spooled until it is printed.) */
    if (job->result == INPUT_OK && !rules && ctx->args->json && !ctx->args->extract
        && ctx->args->jobs > 1
        && rs_report_write_json(job->report, job->path, json_flags(ctx), sb_write_cb, &job->json)
               == RS_OK)
        sb_puts(&job->json, "\n");
}

/* Prints one analysed input, on the main thread, in input order; frees
 * what the job holds.  Returns the exit status this input calls for. */
static int emit_input(run *ctx, input_job *job)
{
    const char *path = job->path;
    const char *name = cli_input_display_name(path);
    int status = EXIT_OK;
    rs_report *report = job->report;
    rs_rule_results *rules = job->rules;
    if (job->result != INPUT_OK) {
        cli_error("%s: %s", name, job->reason);
        if (ctx->ndjson)
            print_error_line(path, job->reason);
        return job->result == INPUT_NO_MEMORY ? EXIT_FAILURE_INTERNAL : EXIT_BAD_INPUT;
    }

    uint64_t invalid = rs_report_invalid_utf8(report);
    if (invalid > 0)
        cli_error("%s: %llu invalid UTF-8 sequence(s) replaced by U+FFFD", name,
                  (unsigned long long)invalid);

    if (job->rules_no_memory) {
        cli_error("%s: out of memory running the rules", name);
        rs_report_free(report);
        return EXIT_FAILURE_INTERNAL;
    }
    if (rules) {
        strbuf errors = {0};
        rules_exec_errors(rules, &errors);
        /* One cli_error per line, as cli_rules_run prints them. */
        const char *text = sb_cstr(&errors);
        for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
            cli_error("%.*s", (int)(nl - text), text);
        sb_free(&errors);
        ctx->rule_failed |= rules->error_count > 0;
        if (ctx->args->fail_on >= 0 && rs_rule_results_worst(rules) >= ctx->args->fail_on)
            ctx->gate_failed = true;
    }

    if (ctx->args->extract && spool_error(&job->extract.text)) {
        cli_error("%s: the extracted text could not be kept: %s", name,
                  strerror(spool_error(&job->extract.text)));
        rs_rule_results_free(rules);
        rs_report_free(report);
        return EXIT_FAILURE_INTERNAL;
    }
    if (ctx->args->extract && !ctx->args->json) {
        print_extract(ctx, &job->extract);
    } else if (ctx->args->json) {
        if (job->json.bytes && !job->json.failed)
            out_write(job->json.bytes, job->json.len);
        else
            print_json(ctx, report, path, rules, &job->extract);
    } else {
        if (ctx->reports_printed > 0)
            out_puts("\n");
        human_report(report, name, ctx->args->detail);
        if (rules)
            cli_rules_print_human(report, rules);
    }
    if (ctx->args->extract && spool_error(&job->extract.text)) { /* reading it back */
        cli_error("%s: the extracted text could not be read back: %s", name,
                  strerror(spool_error(&job->extract.text)));
        status = EXIT_FAILURE_INTERNAL;
    }
    ctx->reports_printed++;
    rs_rule_results_free(rules);
    rs_report_free(report);
    return status;
}

/* -j N: the same two halves, spread over N threads (batch.h). */
typedef struct files_batch {
    run *ctx;
    char **inputs;
    size_t count, next;
    int status;
} files_batch;

static void merge_status(int *status, int s)
{
    /* The first failure decides the status, but an internal failure
     * (out of memory) outranks a bad input. */
    if (s == EXIT_FAILURE_INTERNAL || (s != EXIT_OK && *status == EXIT_OK))
        *status = s;
}

static void *files_next(void *ud)
{
    files_batch *fb = ud;
    if (fb->next >= fb->count)
        return NULL;
    input_job *job = calloc(1, sizeof *job);
    if (!job) {
        merge_status(&fb->status, EXIT_FAILURE_INTERNAL);
        return NULL;
    }
    job->path = fb->inputs[fb->next++];
    return job;
}

static void files_work(void *ud, void *state, void *job)
{
    files_batch *fb = ud;
    analyze_input(fb->ctx, state, job);
}

static bool files_emit(void *ud, void *job)
{
    files_batch *fb = ud;
    merge_status(&fb->status, emit_input(fb->ctx, job));
    sb_free(&((input_job *)job)->json);
    spool_free(&((input_job *)job)->extract.text);
    free(job);
    return out_ok();
}

static int process_inputs(run *ctx, char **inputs, size_t count)
{
    unsigned threads = ctx->args->jobs;
    if (threads > count)
        threads = (unsigned)count;
    void **states = NULL;
    int status = cli_rules_per_thread(ctx->args, ctx->rules, threads, &states);
    if (status != EXIT_OK)
        return status;
    files_batch fb = {.ctx = ctx, .inputs = inputs, .count = count};
    batch_ops ops = {.ud = &fb, .next = files_next, .work = files_work, .emit = files_emit};
    if (!batch_run(&ops, states, threads)) {
        cli_error("could not start %u threads", threads);
        merge_status(&fb.status, EXIT_FAILURE_INTERNAL);
    }
    cli_rules_free_per_thread(ctx->rules, states, threads);
    return fb.status;
}

static int run_all(const cli_args *args);

int main(int argc, char **argv)
{
    out_init();
    cli_args args;
    if (!cli_parse_args(argc, argv, &args)) {
        cli_free_args(&args);
        return EXIT_USAGE;
    }
    if (args.output && args.mode == CLI_MODE_SERVE) {
        cli_error("-o/--output does not apply to 'readstat serve'");
        cli_free_args(&args);
        return EXIT_USAGE;
    }
    if (args.output && !out_open_file(args.output)) {
        cli_free_args(&args);
        return EXIT_FAILURE_INTERNAL;
    }
    int status = run_all(&args);
    /* Keep the report unless writing it failed; a bad input or a failed
     * gate still leaves a complete report of everything else. */
    if (args.output && !out_close_file(out_ok()))
        status = EXIT_FAILURE_INTERNAL;
    cli_free_args(&args);
    return status;
}

static int run_all(const cli_args *argsp)
{
    const cli_args args = *argsp;
    if (args.help) {
        cli_print_usage();
        return out_flush() ? EXIT_OK : EXIT_FAILURE_INTERNAL;
    }
    if (args.version) {
        out_printf("readstat %s\n", readstat_version());
        return out_flush() ? EXIT_OK : EXIT_FAILURE_INTERNAL;
    }

    run ctx = {.args = &args};
    rs_options_init(&ctx.options);
    if (args.wpm_given)
        ctx.options.words_per_minute = args.wpm;
    if (args.lang)
        ctx.options.lang = args.lang;
    if (args.detail)
        ctx.options.flags |= RS_OPT_DETAIL;
    if (args.all)
        ctx.options.flags |= RS_OPT_ALL;
    ctx.options.format = (rs_format)args.format;
    if (!language_supported(&ctx.options)) {
        cli_error("unsupported language '%s' (supported: en)", args.lang ? args.lang : "");
        return EXIT_USAGE;
    }
    if (args.mode == CLI_MODE_SERVE) /* it loads (and reloads) its own rules */
        return cli_serve(&args, &ctx.options);
    if (args.rule_count > 0) {
        int loaded = cli_rules_load(&args, &ctx.rules);
        if (loaded != EXIT_OK)
            return loaded;
        /* Rules always see sentences and words. */
        ctx.options.flags |= RS_OPT_DETAIL;
    }
    if (args.rank) {
        int ranked = cli_rank(&args, &ctx.options, ctx.rules);
        rs_rules_free(ctx.rules);
        return out_flush() ? ranked : EXIT_FAILURE_INTERNAL;
    }

    static char dash[] = "-";
    char *read_stdin[] = {dash};
    char **inputs = args.input_count > 0 ? args.inputs : read_stdin;
    size_t count = args.input_count > 0 ? args.input_count : 1;

    int status;
    if (args.mode == CLI_MODE_CHECK) {
        status = cli_check(&args, &ctx.options, ctx.rules);
        rs_rules_free(ctx.rules);
        return status;
    }
    if (args.ndjson_in) {
        ndjson_result r = cli_ndjson_in(&args, &ctx.options, ctx.rules, inputs, count);
        ctx.rule_failed = r.rule_failed;
        ctx.gate_failed = r.gate_failed;
        status = r.status;
    } else {
        ctx.ndjson = args.json && count > 1;
        /* Totals, sections and metadata need no blocks: a long input can
           stream (input.c streams only past its first MiB). */
        if (!args.detail && !ctx.rules)
            ctx.options.flags |= RS_OPT_STREAM;
        status = process_inputs(&ctx, inputs, count);
    }
    rs_rules_free(ctx.rules);
    if (!out_flush())
        return EXIT_FAILURE_INTERNAL;
    /* Rules come after the inputs: an unreadable input says more. */
    if (status == EXIT_OK && ctx.rule_failed)
        status = EXIT_RULE_ERROR;
    if (status == EXIT_OK && ctx.gate_failed)
        status = EXIT_GATE_FAILED;
    return status;
}
