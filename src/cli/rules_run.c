/*
 * rules_run.c: loading and running the --rules files, and `readstat rank`.
 */
#include "rules_cli.h"

#include "display.h"
#include "input.h"
#include "numfmt.h"
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void cli_rule_limits(const cli_args *args, rs_rule_limits *limits)
{
    rs_rule_limits_init(limits);
    if (args->budget_given)
        limits->instructions = args->budget;
    if (args->rule_memory_given)
        limits->memory = args->rule_memory;
    if (args->rule_seconds_given)
        limits->seconds = args->rule_seconds;
}

int cli_rules_load(const cli_args *args, rs_rules **out)
{
    *out = NULL;
    rs_rule_limits limits;
    cli_rule_limits(args, &limits);
    rs_rules *rules = NULL;
    rs_status st = rs_rules_new(&limits, &rules);
    if (st != RS_OK) {
        cli_error("rules: %s", rs_strerror(st));
        return st == RS_ERR_NOMEM ? EXIT_FAILURE_INTERNAL : EXIT_USAGE;
    }
    for (size_t i = 0; i < args->rule_count; i++) {
        st = rs_rules_load_file(rules, args->rules[i]);
        if (st != RS_OK) {
            const char *why = rs_rules_error(rules);
            char *clean = display_clean(why, strlen(why));
            cli_error("%s", clean && clean[0] ? clean : rs_strerror(st));
            free(clean);
            rs_rules_free(rules);
            return st == RS_ERR_NOMEM ? EXIT_FAILURE_INTERNAL : EXIT_RULE_ERROR;
        }
    }
    *out = rules;
    return EXIT_OK;
}

/* The input's modification date, "YYYY-MM-DD" (UTC), for meta.date. */
static bool file_date(const char *path, char *buf, size_t size)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
        return false;
    struct tm tm;
    if (!gmtime_r(&st.st_mtime, &tm))
        return false;
    return strftime(buf, size, "%Y-%m-%d", &tm) > 0;
}

rs_rule_results *cli_rules_run(rs_rules *rules, const rs_report *report, const char *path)
{
    rs_rule_meta meta[2];
    size_t count = 0;
    char date[32];
    meta[count].key = "file";
    meta[count++].value = path;
    if (!rs_report_meta(report, "date") && file_date(path, date, sizeof date)) {
        meta[count].key = "date";
        meta[count++].value = date;
    }
    rs_rule_results *res = NULL;
    if (rs_rules_run(rules, report, meta, count, &res) != RS_OK)
        return NULL;
    for (size_t i = 0; i < res->error_count; i++) {
        const rs_rule_error *e = &res->errors[i];
        char *clean = display_clean(e->message, strlen(e->message));
        cli_error("%s:%d: rule '%s': %s", e->file, e->line, e->rule, clean ? clean : "?");
        free(clean);
    }
    return res;
}

/* ------------------------------------------------------------------ */
/* rank                                                                 */

typedef struct ranked {
    const char *path;
    bool has_score;
    double score;
    uint64_t minutes;
    uint64_t words;
    char *title; /* from meta or the title block; may be NULL */
    size_t order; /* input order, for a stable sort */
} ranked;

static int compare_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->has_score != b->has_score)
        return a->has_score ? -1 : 1;
    if (a->has_score && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static char *title_of(const rs_report *r)
{
    const char *meta = rs_report_meta(r, "title");
    if (meta)
        return display_clean(meta, strlen(meta));
    /* The block the library took for the title, else the first heading
     * that counts (navigation headings do not). */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0, n = rs_report_block_count(r); i < n; i++) {
            const rs_block *b = rs_report_block(r, i);
            bool hit = b && (pass == 0 ? b->role == RS_ROLE_TITLE
                                       : b->kind == RS_BLOCK_HEADING &&
                                             rs_report_block_is_main(r, i, false));
            if (hit) {
                size_t len;
                const char *text = rs_report_block_text(r, i, &len);
                return display_clean(text ? text : "", text ? len : 0);
            }
        }
    }
    return NULL;
}

static void print_rank_json(const cli_args *args, const ranked *items, size_t count)
{
    out_puts("{\"by\":");
    cli_json_string(args->rank_by);
    out_puts(",\"articles\":[");
    for (size_t i = 0; i < count; i++) {
        const ranked *it = &items[i];
        out_puts(i ? ",\n  {" : "\n  {");
        out_printf("\"rank\":%zu,\"source\":", i + 1);
        cli_json_string(it->path);
        out_puts(",\"title\":");
        if (it->title)
            cli_json_string(it->title);
        else
            out_puts("null");
        if (it->has_score)
            out_printf(",\"score\":%.10g", it->score);
        else
            out_puts(",\"score\":null");
        out_printf(",\"minutes\":%llu,\"words\":%llu}", (unsigned long long)it->minutes,
                   (unsigned long long)it->words);
    }
    out_puts(count ? "\n]}\n" : "]}\n");
}

static void print_rank_table(const cli_args *args, const ranked *items, size_t count)
{
    char header[96];
    snprintf(header, sizeof header, "%.40s", args->rank_by);
    out_puts("Rank  ");
    display_number(header, 10);
    out_puts("   Min   Words  Article\n");
    for (size_t i = 0; i < count; i++) {
        const ranked *it = &items[i];
        char rank[32], score[64], words[32], minutes[32];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        if (it->has_score)
            snprintf(score, sizeof score, "%.2f", it->score);
        else
            snprintf(score, sizeof score, "n/a");
        fmt_count(it->words, words, sizeof words);
        fmt_count(it->minutes, minutes, sizeof minutes);
        display_number(rank, 4);
        out_puts("  ");
        display_number(score, 10);
        display_number(minutes, 6);
        display_number(words, 8);
        out_puts("  ");
        char *name = display_clean(it->path, strlen(it->path));
        char line[512];
        snprintf(line, sizeof line, "%s%s%s%s", name ? name : "?", it->title ? " (" : "",
                 it->title ? it->title : "", it->title ? ")" : "");
        display_text(line, 78 - 30);
        free(name);
        out_puts("\n");
    }
}

int cli_rank(const cli_args *args, const rs_options *opts, rs_rules *rules)
{
    size_t count = args->input_count;
    if (count == 0) {
        cli_error("rank needs at least one FILE");
        return EXIT_USAGE;
    }
    ranked *items = calloc(count, sizeof *items);
    if (!items) {
        cli_error("out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    int status = EXIT_OK;
    bool rule_failed = false;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        const char *path = args->inputs[i];
        rs_report *report = NULL;
        const char *reason = "";
        input_result r = cli_analyze_input(path, opts, args->meta, args->meta_count, &report,
                                           &reason);
        if (r != INPUT_OK) {
            cli_error("%s: %s", cli_input_display_name(path), reason);
            if (status == EXIT_OK || r == INPUT_NO_MEMORY)
                status = r == INPUT_NO_MEMORY ? EXIT_FAILURE_INTERNAL : EXIT_BAD_INPUT;
            continue;
        }
        rs_rule_results *res = cli_rules_run(rules, report, path);
        if (!res) {
            rs_report_free(report);
            status = EXIT_FAILURE_INTERNAL;
            continue;
        }
        ranked *it = &items[kept++];
        it->path = path;
        it->order = i;
        for (size_t k = 0; k < res->score_count; k++) {
            if (strcmp(res->scores[k].name, args->rank_by) == 0) {
                it->has_score = true;
                it->score = res->scores[k].value;
            }
        }
        rule_failed |= res->error_count > 0;
        const rs_reading_time *t = rs_report_reading_time(report);
        const rs_counts *c = rs_report_counts(report);
        it->minutes = t ? t->minutes : 0;
        it->words = c ? c->words : 0;
        it->title = title_of(report);
        rs_rule_results_free(res);
        rs_report_free(report);
    }
    size_t missing = 0;
    for (size_t i = 0; i < kept; i++)
        missing += !items[i].has_score;
    if (missing > 0 && missing == kept) {
        cli_error("no article has the score '%s' (check the name given to --by)",
                  args->rank_by);
        rule_failed = true;
    }
    qsort(items, kept, sizeof *items, compare_ranked);
    if (args->json)
        print_rank_json(args, items, kept);
    else
        print_rank_table(args, items, kept);
    for (size_t i = 0; i < kept; i++)
        free(items[i].title);
    free(items);
    if (status == EXIT_OK && rule_failed)
        status = EXIT_RULE_ERROR;
    return status;
}
