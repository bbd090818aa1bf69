/* args.c: option parsing by hand: getopt_long is not POSIX, and the options
 * are few.  Accepts "--opt value" and "--opt=value"; "--" ends the options. */
#include "args.h"

#include "output.h"

#include "readstat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_error(const char *fmt, const char *what)
{
    cli_error(fmt, what);
    fputs("Try 'readstat --help' for more information.\n", stderr);
}

/* Matches "--name" or "--name=value"; *value gets the inline value or NULL. */
static bool match_option(const char *arg, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return false;
    if (arg[n] == '\0') {
        *value = NULL;
        return true;
    }
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    return false;
}

/* The value of an option that takes one: inline or the next argument. */
static const char *option_value(const char *name, const char *inline_value, int argc,
                                char **argv, int *i)
{
    if (inline_value)
        return inline_value;
    if (*i + 1 >= argc) {
        usage_error("option '%s' needs a value", name);
        return NULL;
    }
    return argv[++*i];
}

static bool parse_wpm(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || v <= 0)
        return false;
    *out = v;
    return true;
}

static bool parse_format(const char *text, int *out)
{
    for (int f = 0; f < RS_FORMAT__COUNT; f++) {
        if (strcmp(text, rs_format_name((rs_format)f)) == 0) {
            *out = f;
            return true;
        }
    }
    return false;
}

/* "key=value" with a non-empty key. */
static bool valid_meta(const char *text)
{
    const char *eq = strchr(text, '=');
    return eq && eq != text;
}

void cli_free_args(cli_args *args)
{
    free(args->meta);
    args->meta = NULL;
    free(args->rules);
    args->rules = NULL;
}

static bool parse_positive(const char *text, double max, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || v <= 0 || v > max)
        return false;
    *out = v;
    return true;
}

bool cli_parse_args(int argc, char **argv, cli_args *args)
{
    memset(args, 0, sizeof *args);
    args->fail_on = -1;
    /* at most one --rules per argument */
    args->rules = malloc(sizeof *args->rules * (size_t)(argc > 0 ? argc : 1));
    if (!args->rules) {
        cli_error("out of memory");
        return false;
    }
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "rank") == 0) {
        args->rank = true;
        first = 2;
    }
    /* at most one --meta per argument */
    args->meta = malloc(sizeof *args->meta * (size_t)(argc > 0 ? argc : 1));
    if (!args->meta) {
        cli_error("out of memory");
        cli_free_args(args);
        return false;
    }
    /* The inputs are compacted to the front of argv: slot count is always
     * behind i, so it only ever overwrites an argument already read. */
    char **inputs = argv;
    size_t count = 0;
    bool options_done = false;

    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        const char *value;
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            inputs[count++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "--json") == 0 || strcmp(arg, "-j") == 0) {
            args->json = true;
        } else if (strcmp(arg, "--detail") == 0 || strcmp(arg, "-d") == 0) {
            args->detail = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            args->help = true;
        } else if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
            args->version = true;
        } else if (match_option(arg, "--wpm", &value)) {
            const char *text = option_value("--wpm", value, argc, argv, &i);
            if (!text)
                goto fail;
            if (!parse_wpm(text, &args->wpm)) {
                usage_error("invalid --wpm value '%s' (expected a positive number)", text);
                goto fail;
            }
            args->wpm_given = true;
        } else if (strcmp(arg, "--all") == 0) {
            args->all = true;
        } else if (strcmp(arg, "--extract") == 0) {
            args->extract = true;
        } else if (match_option(arg, "--format", &value)) {
            const char *text = option_value("--format", value, argc, argv, &i);
            if (!text)
                return false;
            if (!parse_format(text, &args->format)) {
                usage_error("invalid --format '%s' (expected text, markdown, html or auto)", text);
                return false;
            }
            args->format_given = true;
        } else if (match_option(arg, "--meta", &value)) {
            const char *text = option_value("--meta", value, argc, argv, &i);
            if (!text)
                return false;
            if (!valid_meta(text)) {
                usage_error("invalid --meta '%s' (expected key=value)", text);
                return false;
            }
            args->meta[args->meta_count++] = text;
        } else if (match_option(arg, "--lang", &value)) {
            const char *text = option_value("--lang", value, argc, argv, &i);
            if (!text)
                goto fail;
            args->lang = text;
        } else if (match_option(arg, "--rules", &value)) {
            const char *text = option_value("--rules", value, argc, argv, &i);
            if (!text)
                goto fail;
            args->rules[args->rule_count++] = text;
        } else if (match_option(arg, "--fail-on", &value)) {
            const char *text = option_value("--fail-on", value, argc, argv, &i);
            if (!text)
                goto fail;
            if (strcmp(text, "error") == 0) {
                args->fail_on = 2;
            } else if (strcmp(text, "warning") == 0) {
                args->fail_on = 1;
            } else {
                usage_error("invalid --fail-on value '%s' (expected error or warning)", text);
                goto fail;
            }
        } else if (match_option(arg, "--by", &value)) {
            const char *text = option_value("--by", value, argc, argv, &i);
            if (!text)
                goto fail;
            args->rank_by = text;
        } else if (match_option(arg, "--budget", &value)) {
            const char *text = option_value("--budget", value, argc, argv, &i);
            double v;
            if (!text)
                goto fail;
            if (!parse_positive(text, 1e15, &v) || v < 1000) {
                usage_error("invalid --budget value '%s' (expected a number of instructions, "
                            "at least 1000)", text);
                goto fail;
            }
            args->budget = (unsigned long long)v;
            args->budget_given = true;
        } else if (match_option(arg, "--rule-memory", &value)) {
            const char *text = option_value("--rule-memory", value, argc, argv, &i);
            double v;
            if (!text)
                goto fail;
            if (!parse_positive(text, 65536, &v) || v < 1) {
                usage_error("invalid --rule-memory value '%s' (expected MiB, 1 to 65536)", text);
                goto fail;
            }
            args->rule_memory = (size_t)v * 1024 * 1024;
            args->rule_memory_given = true;
        } else if (match_option(arg, "--rule-time", &value)) {
            const char *text = option_value("--rule-time", value, argc, argv, &i);
            if (!text)
                goto fail;
            if (!parse_positive(text, 3600, &args->rule_seconds)) {
                usage_error("invalid --rule-time value '%s' (expected seconds)", text);
                goto fail;
            }
            args->rule_seconds_given = true;
        } else {
            usage_error("unknown option '%s'", arg);
            goto fail;
        }
    }
    args->inputs = inputs;
    args->input_count = count;
    if (args->rank) {
        if (args->rule_count == 0 || !args->rank_by) {
            usage_error("%s", "rank needs --rules FILE and --by SCORE");
            goto fail;
        }
    } else if (args->rank_by) {
        usage_error("%s", "--by only applies to 'readstat rank'");
        goto fail;
    }
    if (args->fail_on >= 0 && args->rule_count == 0) {
        usage_error("%s", "--fail-on needs --rules FILE");
        goto fail;
    }
    return true;
fail:
    cli_free_args(args);
    return false;
}

void cli_print_usage(void)
{
    out_puts(
        "Usage: readstat [OPTIONS] [FILE...]\n"
        "       readstat rank --rules FILE --by SCORE [OPTIONS] FILE...\n"
        "Reports reading time, readability scores and the structure of articles in\n"
        "plain text, Markdown or HTML.  With no FILE, or when FILE is -, reads\n"
        "standard input.\n"
        "\n"
        "Options:\n"
        "  -j, --json       print JSON: one indented object for one input, one\n"
        "                   compact object per line (NDJSON) for several inputs\n"
        "  -d, --detail     list every sentence with its grade (with --json, also\n"
        "                   every word)\n"
        "      --format F   text, markdown, html or auto (the default: by file\n"
        "                   extension, then by the first bytes)\n"
        "      --all        count the whole page, not just the main content\n"
        "      --extract    print the main content as plain text (with --json:\n"
        "                   the metadata and the text)\n"
        "      --meta K=V   set metadata key K (repeatable); wins over the document\n"
        "      --wpm N      reading speed in words per minute (default 238)\n"
        "      --lang L     language of the text; supported: en (the default)\n"
        "      --rules FILE run the Lua rule file FILE (repeatable): adds tags, scores\n"
        "                   and checks to the report\n"
        "      --fail-on L  exit 1 when a check of level L (error or warning) or\n"
        "                   worse fails: the publish gate\n"
        "      --budget N   instructions each rule may run per article (default\n"
        "                   20000000)\n"
        "      --rule-memory MIB  memory per rule file (default 64)\n"
        "      --rule-time S      seconds each rule may run per article (default 1)\n"
        "      --by SCORE   (rank) the score to order the articles by, highest first\n"
        "  -h, --help       show this help and exit\n"
        "  -V, --version    show the version and exit\n"
        "\n"
        "Exit status:\n"
        "  0  every input was analyzed\n"
        "  1  output could not be written, or out of memory\n"
        "     or (with --fail-on) a check at that level failed\n"
        "  2  usage error (unknown option, bad value, unsupported language)\n"
        "  3  an input could not be read or is not text (the others are still\n"
        "     reported)\n"
        "  4  a rule file could not be loaded, or a rule failed or ran out of\n"
        "     budget (the other rules and the analysis are still reported)\n");
}
