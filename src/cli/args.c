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
    free(args->includes);
    args->includes = NULL;
    free(args->excludes);
    args->excludes = NULL;
    free(args->fields);
    args->fields = NULL;
}

/* A whole number in [min, max], digits only. */
static bool parse_count(const char *text, unsigned long long min, unsigned long long max,
                        unsigned long long *out)
{
    if (!text[0] || strspn(text, "0123456789") != strlen(text) || strlen(text) > 18)
        return false;
    unsigned long long v = strtoull(text, NULL, 10);
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool all_digits(const char *text)
{
    return text[0] && strspn(text, "0123456789") == strlen(text);
}

/* The subcommand named by argv[1], if any. */
static cli_mode mode_of(int argc, char **argv)
{
    if (argc > 1) {
        if (strcmp(argv[1], "rank") == 0)
            return CLI_MODE_RANK;
        if (strcmp(argv[1], "check") == 0)
            return CLI_MODE_CHECK;
        if (strcmp(argv[1], "serve") == 0)
            return CLI_MODE_SERVE;
    }
    return CLI_MODE_ANALYZE;
}

/* "--x needs 'readstat y'" style checks after parsing. */
static bool only_in(bool given, bool allowed, const char *what)
{
    if (given && !allowed) {
        usage_error("%s", what);
        return false;
    }
    return true;
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
    args->jobs = 1;
    args->threads = 2;
    args->max_body = CLI_DEFAULT_MAX_BODY;
    args->timeout = 30;
    args->mode = mode_of(argc, argv);
    args->rank = args->mode == CLI_MODE_RANK;
    int first = args->mode == CLI_MODE_ANALYZE ? 1 : 2;
    /* at most one --meta (--include, ...) per argument */
    size_t slots = (size_t)(argc > 0 ? argc : 1);
    args->meta = malloc(sizeof *args->meta * slots);
    args->includes = malloc(sizeof *args->includes * slots);
    args->excludes = malloc(sizeof *args->excludes * slots);
    args->fields = malloc(sizeof *args->fields * slots);
    if (!args->meta || !args->includes || !args->excludes || !args->fields) {
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
        } else if (strcmp(arg, "-j") == 0) {
            /* "-j N" is the job count, as for make */
            unsigned long long v;
            if (i + 1 >= argc) {
                usage_error("option '%s' needs a number of jobs", "-j");
                goto fail;
            }
            if (!parse_count(argv[++i], 1, CLI_MAX_JOBS, &v)) {
                usage_error("invalid -j value '%s' (expected 1 to 256 jobs)", argv[i]);
                goto fail;
            }
            args->jobs = (unsigned)v;
        } else if (strncmp(arg, "-j", 2) == 0 && all_digits(arg + 2)) {
            unsigned long long v;
            if (!parse_count(arg + 2, 1, CLI_MAX_JOBS, &v)) {
                usage_error("invalid -j value '%s' (expected 1 to 256 jobs)", arg + 2);
                goto fail;
            }
            args->jobs = (unsigned)v;
        } else if (match_option(arg, "--jobs", &value)) {
            const char *text = option_value("--jobs", value, argc, argv, &i);
            unsigned long long v;
            if (!text)
                goto fail;
            if (!parse_count(text, 1, CLI_MAX_JOBS, &v)) {
                usage_error("invalid --jobs value '%s' (expected 1 to 256)", text);
                goto fail;
            }
            args->jobs = (unsigned)v;
        } else if (strcmp(arg, "--json") == 0) {
            args->json = true;
        } else if (strcmp(arg, "-o") == 0 || match_option(arg, "--output", &value)) {
            const char *text = strcmp(arg, "-o") == 0 ? option_value("-o", NULL, argc, argv, &i)
                                                      : option_value("--output", value, argc, argv, &i);
            if (!text)
                goto fail;
            if (!*text) {
                usage_error("option '%s' needs a file name", arg);
                goto fail;
            }
            args->output = text;
        } else if (strcmp(arg, "--ndjson-in") == 0) {
            args->ndjson_in = true;
        } else if (strcmp(arg, "--ndjson") == 0) {
            args->ndjson = true;
        } else if (strcmp(arg, "--csv") == 0) {
            args->csv = true;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            args->quiet = true;
        } else if (match_option(arg, "--junit", &value)) {
            if (!(args->junit = option_value("--junit", value, argc, argv, &i)))
                goto fail;
        } else if (match_option(arg, "--changed-since", &value)) {
            if (!(args->changed_since = option_value("--changed-since", value, argc, argv, &i)))
                goto fail;
        } else if (match_option(arg, "--include", &value)) {
            const char *text = option_value("--include", value, argc, argv, &i);
            if (!text)
                goto fail;
            args->includes[args->include_count++] = text;
        } else if (match_option(arg, "--exclude", &value)) {
            const char *text = option_value("--exclude", value, argc, argv, &i);
            if (!text)
                goto fail;
            args->excludes[args->exclude_count++] = text;
        } else if (match_option(arg, "--listen", &value)) {
            if (!(args->listen = option_value("--listen", value, argc, argv, &i)))
                goto fail;
        } else if (match_option(arg, "--token-file", &value)) {
            if (!(args->token_file = option_value("--token-file", value, argc, argv, &i)))
                goto fail;
        } else if (match_option(arg, "--threads", &value)) {
            const char *text = option_value("--threads", value, argc, argv, &i);
            unsigned long long v;
            if (!text)
                goto fail;
            if (!parse_count(text, 1, CLI_MAX_JOBS, &v)) {
                usage_error("invalid --threads value '%s' (expected 1 to 256)", text);
                goto fail;
            }
            args->threads = (unsigned)v;
        } else if (match_option(arg, "--max-body", &value)) {
            const char *text = option_value("--max-body", value, argc, argv, &i);
            unsigned long long v;
            if (!text)
                goto fail;
            if (!parse_count(text, 1, 1ull << 31, &v)) {
                usage_error("invalid --max-body value '%s' (expected bytes, at most 2 GiB)", text);
                goto fail;
            }
            args->max_body = (size_t)v;
        } else if (match_option(arg, "--timeout", &value)) {
            const char *text = option_value("--timeout", value, argc, argv, &i);
            unsigned long long v;
            if (!text)
                goto fail;
            if (!parse_count(text, 1, 3600, &v)) {
                usage_error("invalid --timeout value '%s' (expected 1 to 3600 seconds)", text);
                goto fail;
            }
            args->timeout = (unsigned)v;
        } else if (match_option(arg, "--payload", &value)) {
            const char *text = option_value("--payload", value, argc, argv, &i);
            if (!text)
                goto fail;
            if (strcmp(text, "ghost") != 0 && strcmp(text, "wordpress") != 0 &&
                strcmp(text, "generic") != 0) {
                usage_error("invalid --payload '%s' (expected ghost, wordpress or generic)", text);
                goto fail;
            }
            args->payload = text;
        } else if (match_option(arg, "--field", &value)) {
            const char *text = option_value("--field", value, argc, argv, &i);
            if (!text)
                goto fail;
            const char *eq = strchr(text, '=');
            if (!eq || eq == text || (eq[1] != '/' && eq[1] != '\0')) {
                usage_error("invalid --field '%s' (expected NAME=/json/pointer)", text);
                goto fail;
            }
            args->fields[args->field_count++] = text;
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
            } else if (strcmp(text, "none") == 0 && args->mode >= CLI_MODE_CHECK) {
                args->fail_on = -1;
            } else {
                usage_error("invalid --fail-on value '%s' (expected error or warning)", text);
                goto fail;
            }
            args->fail_on_given = true;
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
    bool check = args->mode == CLI_MODE_CHECK, serve = args->mode == CLI_MODE_SERVE;
    bool analyze = args->mode == CLI_MODE_ANALYZE;
    /* check and serve are gates by nature: they fail on errors unless told
     * otherwise, and need no rules to run (then nothing can fail). */
    if ((check || serve) && !args->fail_on_given)
        args->fail_on = CLI_FAIL_ON_DEFAULT;
    if (analyze && args->fail_on >= 0 && args->rule_count == 0) {
        usage_error("%s", "--fail-on needs --rules FILE");
        goto fail;
    }
    if (!only_in(args->jobs > 1, analyze || check, "-j/--jobs applies to reading files and to 'readstat check'") ||
        !only_in(args->ndjson_in, analyze, "--ndjson-in does not apply to subcommands") ||
        !only_in(args->ndjson_in && args->extract, false, "--ndjson-in does not take --extract") ||
        !only_in(args->ndjson || args->csv || args->junit || args->changed_since ||
                     args->include_count || args->exclude_count || args->quiet,
                 check, "--ndjson, --csv, --junit, --changed-since, --include, --exclude and "
                        "--quiet apply to 'readstat check'") ||
        !only_in(args->listen || args->token_file || args->threads != 2 ||
                     args->max_body != CLI_DEFAULT_MAX_BODY || args->timeout != 30 ||
                     args->payload || args->field_count,
                 serve, "--listen, --token-file, --threads, --max-body, --timeout, --payload "
                        "and --field apply to 'readstat serve'") ||
        !only_in(check && (args->json + args->ndjson + args->csv) > 1, false,
                 "choose one of --json, --ndjson and --csv") ||
        !only_in(serve && args->input_count > 0, false, "'readstat serve' takes no FILE"))
        goto fail;
    if (check && args->input_count == 0 && !args->changed_since) {
        usage_error("%s", "check needs a PATH (a file or a directory)");
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
        "       readstat check [OPTIONS] PATH...    (a CI gate over files and folders)\n"
        "       readstat serve [OPTIONS]            (an HTTP server for CMS webhooks)\n"
        "Reports reading time, readability scores and the structure of articles in\n"
        "plain text, Markdown or HTML.  With no FILE, or when FILE is -, reads\n"
        "standard input.\n"
        "\n"
        "Options:\n"
        "  -o, --output F   write the report to F: a temporary file renamed over F\n"
        "                   at the end, so F is never left half-written\n"
        "      --json       print JSON: one indented object for one input, one\n"
        "                   compact object per line (NDJSON) for several inputs;\n"
        "                   past 1 MiB of text the input streams in bounded memory\n"
        "                   and the JSON lists no blocks (unless -d)\n"
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
        "  -j N, --jobs N   analyse with N threads; the output keeps the input order\n"
        "      --ndjson-in  the inputs are NDJSON: one article object per line with a\n"
        "                   \"text\", \"markdown\" or \"html\" field; prints one JSON line\n"
        "                   per input line (see plugins/PIPELINES.md)\n"
        "\n"
        "check options (besides --rules, --fail-on [default error, or none], -j):\n"
        "      --include GLOB / --exclude GLOB   filter the files found (repeatable)\n"
        "      --changed-since REV   only the files git reports changed since REV\n"
        "      --json | --ndjson | --csv   output format (default: a table)\n"
        "      --junit FILE  also write JUnit XML, one test case per check\n"
        "  -q, --quiet      no progress bar\n"
        "\n"
        "serve options (besides --rules, --fail-on, --wpm, --lang):\n"
        "      --listen ADDR:PORT   default 127.0.0.1:8080\n"
        "      --token-file FILE    require \"Authorization: Bearer <token>\"\n"
        "      --threads N          worker threads (default 2)\n"
        "      --max-body BYTES     request body limit (default 8388608)\n"
        "      --timeout S          idle connection timeout (default 30)\n"
        "      --payload P          ghost, wordpress or generic (the default)\n"
        "      --field NAME=/ptr    take NAME (id, title, text, markdown, html or\n"
        "                           meta.KEY) from a JSON pointer (repeatable)\n"
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
