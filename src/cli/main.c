/* main.c: the readstat command: options, then each input in turn. */
#include "args.h"
#include "error_line.h"
#include "human.h"
#include "input.h"
#include "output.h"
#include "rules_cli.h"

#include "readstat.h"

#include <stdio.h>

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

/* --extract: the main content, blocks separated by blank lines. */
static void print_extract(run *ctx, const rs_report *report)
{
    if (ctx->reports_printed > 0)
        out_puts("\n");
    bool first = true;
    for (size_t i = 0, n = rs_report_block_count(report); i < n; i++) {
        if (!rs_report_block_is_main(report, i, ctx->args->all))
            continue;
        size_t len;
        const char *text = rs_report_block_text(report, i, &len);
        if (!first)
            out_puts("\n\n");
        first = false;
        out_write(text, len);
    }
    if (!first)
        out_puts("\n");
}

static void print_json(run *ctx, const rs_report *report, const char *source,
                       const rs_rule_results *rules)
{
    unsigned flags = ctx->ndjson ? 0 : RS_JSON_PRETTY;
    if (ctx->args->detail)
        flags |= RS_JSON_DETAIL;
    if (ctx->args->extract)
        flags |= RS_JSON_EXTRACT;
    if (rules)
        cli_rules_print_json(report, source, flags, rules);
    else if (rs_report_write_json(report, source, flags, out_write_cb, NULL) == RS_OK)
        out_puts("\n");
}

/* Returns the exit status this input calls for. */
static int process_input(run *ctx, const char *path)
{
    const char *name = cli_input_display_name(path);
    rs_report *report = NULL;
    const char *reason = "";
    input_result result = cli_analyze_input(path, &ctx->options, ctx->args->meta,
                                            ctx->args->meta_count, &report, &reason);
    if (result != INPUT_OK) {
        cli_error("%s: %s", name, reason);
        if (ctx->ndjson)
            print_error_line(path, reason);
        return result == INPUT_NO_MEMORY ? EXIT_FAILURE_INTERNAL : EXIT_BAD_INPUT;
    }

    uint64_t invalid = rs_report_invalid_utf8(report);
    if (invalid > 0)
        cli_error("%s: %llu invalid UTF-8 sequence(s) replaced by U+FFFD", name,
                  (unsigned long long)invalid);

    rs_rule_results *rules = NULL;
    if (ctx->rules) {
        rules = cli_rules_run(ctx->rules, report, path);
        if (!rules) {
            cli_error("%s: out of memory running the rules", name);
            rs_report_free(report);
            return EXIT_FAILURE_INTERNAL;
        }
        ctx->rule_failed |= rules->error_count > 0;
        if (ctx->args->fail_on >= 0 && rs_rule_results_worst(rules) >= ctx->args->fail_on)
            ctx->gate_failed = true;
    }

    if (ctx->args->extract && !ctx->args->json) {
        print_extract(ctx, report);
    } else if (ctx->args->json) {
        print_json(ctx, report, path, rules);
    } else {
        if (ctx->reports_printed > 0)
            out_puts("\n");
        human_report(report, name, ctx->args->detail);
        if (rules)
            cli_rules_print_human(report, rules);
    }
    ctx->reports_printed++;
    rs_rule_results_free(rules);
    rs_report_free(report);
    return EXIT_OK;
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
    int status = run_all(&args);
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
    ctx.ndjson = args.json && count > 1;

    int status = EXIT_OK;
    for (size_t i = 0; i < count && out_ok(); i++) {
        int s = process_input(&ctx, inputs[i]);
        /* The first failure decides the status, but an internal failure
         * (out of memory) outranks a bad input. */
        if (s == EXIT_FAILURE_INTERNAL || (s != EXIT_OK && status == EXIT_OK))
            status = s;
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
