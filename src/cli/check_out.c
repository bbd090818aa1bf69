/*
 * check_out.c: `readstat check` output: a table for people (the failing
 * checks as "file:line:col: level: rule: message", the shape compilers use,
 * so editors and CI logs link them), or JSON, NDJSON or CSV for tools.
 */
#include "check.h"

#include "display.h"
#include "numfmt.h"
#include "output.h"
#include "rules_exec.h"
#include "textpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Places listed per failing check in the table; JSON has them all. */
#define TABLE_PLACES 5

static const char *gate_name(const cli_args *args)
{
    return args->fail_on >= 0 ? rs_check_level_name((rs_check_level)args->fail_on) : "none";
}

/* meta.title, else the block the library took for the title. */
static char *title_of(const rs_report *r)
{
    const char *meta = rs_report_meta(r, "title");
    if (meta)
        return display_clean(meta, strlen(meta));
    for (size_t i = 0, n = rs_report_block_count(r); i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        if (b && b->role == RS_ROLE_TITLE) {
            size_t len;
            const char *text = rs_report_block_text(r, i, &len);
            return display_clean(text ? text : "", text ? len : 0);
        }
    }
    return NULL;
}

static bool grade_of(const rs_report *r, rs_score_id id, double *out)
{
    const rs_readability *rd = rs_report_readability(r);
    if (!rd || !rd->defined[id])
        return false;
    *out = rd->value[id];
    return true;
}

static bool job_passes(const cli_args *args, const check_job *job)
{
    if (job->result != INPUT_OK)
        return false;
    for (size_t i = 0; job->results && i < job->results->check_count; i++)
        if (check_fails_gate(args, &job->results->checks[i]))
            return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* JSON and NDJSON                                                      */

static void json_entry(strbuf *b, const cli_args *args, const check_job *job)
{
    sb_puts(b, "{\"file\":");
    sb_json_string(b, job->path);
    if (job->result != INPUT_OK) {
        sb_puts(b, ",\"error\":");
        sb_json_string(b, job->reason);
        sb_puts(b, ",\"passed\":false}");
        return;
    }
    const rs_report *r = job->report;
    const rs_counts *c = rs_report_counts(r);
    const rs_reading_time *t = rs_report_reading_time(r);
    sb_puts(b, ",\"format\":");
    sb_json_string(b, rs_format_name(rs_report_format(r)));
    sb_puts(b, ",\"title\":");
    char *title = title_of(r);
    if (title)
        sb_json_string(b, title);
    else
        sb_puts(b, "null");
    free(title);
    sb_printf(b, ",\"words\":%llu,\"sentences\":%llu", (unsigned long long)c->words,
              (unsigned long long)c->sentences);
    sb_printf(b, ",\"reading_time\":{\"seconds\":%llu,\"minutes\":%llu}",
              (unsigned long long)t->seconds, (unsigned long long)t->minutes);
    static const struct { const char *key; rs_score_id id; } scores[] = {
        {"grade", RS_SCORE_CONSENSUS_GRADE},
        {"flesch_reading_ease", RS_SCORE_FLESCH_READING_EASE},
    };
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++) {
        double v;
        sb_printf(b, ",\"%s\":", scores[i].key);
        if (grade_of(r, scores[i].id, &v))
            sb_printf(b, "%.2f", v);
        else
            sb_puts(b, "null");
    }
    if (job->results)
        rules_exec_json_members(b, r, job->results, true);
    else
        sb_puts(b, ",\"tags\":[],\"scores\":{},\"checks\":[],\"rule_errors\":[]");
    sb_printf(b, ",\"passed\":%s}", job_passes(args, job) ? "true" : "false");
}

/* ------------------------------------------------------------------ */
/* CSV (RFC 4180)                                                       */

static void csv_field(const char *s, bool text)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    /* A cell that starts with = + - @ is a formula to a spreadsheet: a
     * title must not run as one (CSV injection), so it gets a quote mark. */
    bool guard = text && s[0] && strchr("=+-@", s[0]);
    if (quote || guard)
        out_puts("\"");
    if (guard)
        out_puts("'");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            out_puts("\"\"");
        else
            out_write(p, 1);
    }
    if (quote || guard)
        out_puts("\"");
}

static void csv_row(const cli_args *args, const check_job *job)
{
    csv_field(job->path, true);
    if (job->result != INPUT_OK) {
        out_puts(",,,,,,,,,,,,,,fail,");
        char *clean = display_clean(job->reason, strlen(job->reason));
        csv_field(clean ? clean : "", true);
        free(clean);
        out_puts("\n");
        return;
    }
    const rs_report *r = job->report;
    const rs_counts *c = rs_report_counts(r);
    const rs_reading_time *t = rs_report_reading_time(r);
    out_puts(",");
    csv_field(rs_format_name(rs_report_format(r)), false);
    out_puts(",");
    char *title = title_of(r);
    csv_field(title ? title : "", true);
    free(title);
    out_printf(",%llu,%llu,%llu,%llu,", (unsigned long long)c->words,
               (unsigned long long)c->sentences, (unsigned long long)t->seconds,
               (unsigned long long)t->minutes);
    double v;
    if (grade_of(r, RS_SCORE_CONSENSUS_GRADE, &v))
        out_printf("%.2f", v);
    out_puts(",");
    if (grade_of(r, RS_SCORE_FLESCH_READING_EASE, &v))
        out_printf("%.2f", v);
    out_puts(",");
    strbuf cell = {0};
    size_t failed[3] = {0, 0, 0};
    const rs_rule_results *res = job->results;
    for (size_t i = 0; res && i < res->tag_count; i++)
        sb_printf(&cell, "%s%s", i ? "; " : "", res->tags[i].name);
    csv_field(sb_cstr(&cell), true);
    cell.len = 0;
    size_t len;
    const char *text = rs_report_text(r, &len);
    textpos tp;
    textpos_init(&tp, text, len);
    for (size_t i = 0; res && i < res->check_count; i++) {
        const rs_rule_check *ck = &res->checks[i];
        if (ck->passed)
            continue;
        if (ck->level <= RS_CHECK_ERROR)
            failed[ck->level]++;
        sb_printf(&cell, "%s%s", cell.len ? "; " : "", ck->name);
        if (ck->where_count > 0) {
            size_t line, col;
            textpos_at(&tp, ck->where[0].start, &line, &col);
            sb_printf(&cell, "@%zu:%zu", line, col);
        }
    }
    textpos_free(&tp);
    out_printf(",%zu,%zu,%zu,", failed[RS_CHECK_ERROR], failed[RS_CHECK_WARNING],
               failed[RS_CHECK_INFO]);
    csv_field(sb_cstr(&cell), true);
    sb_free(&cell);
    out_printf(",%s,", job_passes(args, job) ? "pass" : "fail");
    out_puts("\n");
}

/* ------------------------------------------------------------------ */
/* The table                                                            */

static void table_failures(const check_job *job)
{
    const rs_rule_results *res = job->results;
    size_t len;
    const char *text = rs_report_text(job->report, &len);
    textpos tp;
    textpos_init(&tp, text, len);
    for (size_t i = 0; res && i < res->check_count; i++) {
        const rs_rule_check *c = &res->checks[i];
        if (c->passed)
            continue;
        char *msg = display_clean(c->message, strlen(c->message));
        char *name = display_clean(job->path, strlen(job->path));
        size_t shown = c->where_count < TABLE_PLACES ? c->where_count : TABLE_PLACES;
        for (size_t k = 0; k < (shown ? shown : 1); k++) {
            out_printf("  %s", name ? name : "?");
            if (shown) {
                size_t line, col;
                textpos_at(&tp, c->where[k].start, &line, &col);
                out_printf(":%zu:%zu", line, col);
            }
            out_printf(": %s: %s", rs_check_level_name(c->level), c->name);
            if (msg && msg[0])
                out_printf(": %s", msg);
            out_puts("\n");
        }
        if (c->where_count > TABLE_PLACES)
            out_printf("  ... and %zu more places\n", c->where_count - TABLE_PLACES);
        free(msg);
        free(name);
    }
    for (size_t i = 0; res && i < res->error_count; i++) {
        const rs_rule_error *e = &res->errors[i];
        char *msg = display_clean(e->message, strlen(e->message));
        out_printf("  %s:%d: rule error: %s: %s\n", e->file, e->line, e->rule, msg ? msg : "?");
        free(msg);
    }
    textpos_free(&tp);
}

/* The numbers first, in fixed columns, then the file name whole (a cut
 * path cannot be found) and its tags. */
static void table_row(const check_job *job)
{
    char *name = display_clean(job->path, strlen(job->path));
    if (job->result != INPUT_OK) {
        char *why = display_clean(job->reason, strlen(job->reason));
        display_cell("", 7 + 8 + 6 + 2);
        display_cell("unreadable", 11);
        out_printf("%s: %s\n", name ? name : "?", why ? why : "?");
        free(why);
        free(name);
        return;
    }
    const rs_report *r = job->report;
    char words[32], minutes[32], grade[32], checks[32];
    fmt_count(rs_report_counts(r)->words, words, sizeof words);
    snprintf(minutes, sizeof minutes, "%llu min",
             (unsigned long long)rs_report_reading_time(r)->minutes);
    double g;
    if (grade_of(r, RS_SCORE_CONSENSUS_GRADE, &g))
        fmt_decimal1(g, grade, sizeof grade);
    else
        snprintf(grade, sizeof grade, "-");
    size_t failed[3] = {0, 0, 0};
    const rs_rule_results *res = job->results;
    for (size_t i = 0; res && i < res->check_count; i++)
        if (!res->checks[i].passed && res->checks[i].level <= RS_CHECK_ERROR)
            failed[res->checks[i].level]++;
    if (failed[RS_CHECK_ERROR])
        snprintf(checks, sizeof checks, "%zu error%s", failed[RS_CHECK_ERROR],
                 failed[RS_CHECK_ERROR] > 1 ? "s" : "");
    else if (failed[RS_CHECK_WARNING])
        snprintf(checks, sizeof checks, "%zu warning%s", failed[RS_CHECK_WARNING],
                 failed[RS_CHECK_WARNING] > 1 ? "s" : "");
    else
        snprintf(checks, sizeof checks, "ok");
    display_number(words, 7);
    display_number(minutes, 8);
    display_number(grade, 6);
    out_puts("  ");
    display_cell(checks, 11);
    out_puts(name ? name : "?");
    free(name);
    if (res && res->tag_count) {
        strbuf tags = {0};
        for (size_t i = 0; i < res->tag_count; i++)
            sb_printf(&tags, "%s%s", i ? ", " : "", res->tags[i].name);
        char *clean = display_clean(tags.bytes ? tags.bytes : "", tags.len);
        out_printf("  [%s]", clean ? clean : "?");
        free(clean);
        sb_free(&tags);
    }
    out_puts("\n");
    table_failures(job);
}

/* ------------------------------------------------------------------ */

void check_out_begin(const cli_args *args)
{
    if (args->json) {
        out_printf("{\"readstat\":\"%s\",\"fail_on\":\"%s\",\"files\":[", readstat_version(),
                   gate_name(args));
    } else if (args->csv) {
        out_puts("file,format,title,words,sentences,reading_seconds,reading_minutes,grade,"
                 "flesch_reading_ease,tags,errors,warnings,infos,failed_checks,gate,error\n");
    } else if (!args->ndjson) {
        out_puts("  Words    Time Grade  Checks     File  [tags]\n");
    }
}

void check_out_file(const cli_args *args, const check_job *job, size_t index)
{
    if (args->json || args->ndjson) {
        strbuf b = {0};
        json_entry(&b, args, job);
        /* One file per line in both forms: --json stays diff-friendly. */
        if (args->json)
            out_puts(index == 0 ? "\n" : ",\n");
        out_write(b.bytes ? b.bytes : "", b.len);
        if (args->ndjson)
            out_puts("\n");
        sb_free(&b);
    } else if (args->csv) {
        csv_row(args, job);
    } else {
        table_row(job);
    }
}

void check_out_end(const cli_args *args, const check_totals *t)
{
    bool passed = t->gate_failed_files == 0 && t->unreadable == 0 && t->rule_errors == 0;
    if (args->json) {
        out_printf("%s],\"summary\":{\"files\":%zu,\"unreadable\":%zu,\"gate_failed_files\":%zu,"
                   "\"failed_checks\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu},"
                   "\"rule_errors\":%zu,\"passed\":%s}}\n",
                   t->files ? "\n" : "", t->files, t->unreadable, t->gate_failed_files, t->failed[RS_CHECK_ERROR],
                   t->failed[RS_CHECK_WARNING], t->failed[RS_CHECK_INFO], t->rule_errors,
                   passed ? "true" : "false");
    } else if (!args->csv && !args->ndjson) {
        out_printf("\n%zu file%s checked", t->files, t->files == 1 ? "" : "s");
        if (t->unreadable)
            out_printf(", %zu unreadable", t->unreadable);
        out_printf("; failed checks: %zu error%s, %zu warning%s, %zu info",
                   t->failed[RS_CHECK_ERROR], t->failed[RS_CHECK_ERROR] == 1 ? "" : "s",
                   t->failed[RS_CHECK_WARNING], t->failed[RS_CHECK_WARNING] == 1 ? "" : "s",
                   t->failed[RS_CHECK_INFO]);
        if (t->rule_errors)
            out_printf("; %zu rule error%s", t->rule_errors, t->rule_errors == 1 ? "" : "s");
        out_printf("\ngate (--fail-on %s): %s", gate_name(args), passed ? "passed" : "FAILED");
        if (t->gate_failed_files)
            out_printf(", %zu file%s failing", t->gate_failed_files,
                       t->gate_failed_files == 1 ? "" : "s");
        out_puts("\n");
    }
}
