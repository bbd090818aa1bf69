/* rules_exec.c: see rules_exec.h.  The JSON here mirrors rules_out.c's
 * compact form key for key, so that a line from `--ndjson-in`, the server
 * or a -j worker reads exactly like `readstat --json` for several files. */
#include "rules_exec.h"

#include "display.h"
#include "output.h"
#include "rules_cli.h"
#include "textpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The file's modification date, "YYYY-MM-DD" (UTC). */
static bool file_date(const char *path, char *buf, size_t size)
{
    struct stat st;
    if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0)
        return false;
    struct tm tm;
    if (!gmtime_r(&st.st_mtime, &tm))
        return false;
    return strftime(buf, size, "%Y-%m-%d", &tm) > 0;
}

rs_rule_results *rules_exec_file(rs_rules *rules, const rs_report *report, const char *path,
                                 const rs_rule_meta *extra, size_t extra_count)
{
    rs_rule_meta *meta = malloc((extra_count + 2) * sizeof *meta);
    if (!meta)
        return NULL;
    size_t count = 0;
    char date[32];
    if (path) {
        meta[count].key = "file";
        meta[count++].value = path;
        if (!rs_report_meta(report, "date") && file_date(path, date, sizeof date)) {
            meta[count].key = "date";
            meta[count++].value = date;
        }
    }
    for (size_t i = 0; i < extra_count; i++)
        meta[count++] = extra[i];
    rs_rule_results *res = NULL;
    rs_status st = rs_rules_run(rules, report, meta, count, &res);
    free(meta);
    return st == RS_OK ? res : NULL;
}

void rules_exec_errors(const rs_rule_results *res, strbuf *out)
{
    for (size_t i = 0; i < res->error_count; i++) {
        const rs_rule_error *e = &res->errors[i];
        char *clean = display_clean(e->message, strlen(e->message));
        sb_printf(out, "%s:%d: rule '%s': %s\n", e->file, e->line, e->rule,
                  clean ? clean : "?");
        free(clean);
    }
}

void rules_exec_json_members(strbuf *out, const rs_report *report,
                             const rs_rule_results *res, bool with_col)
{
    size_t len;
    const char *text = rs_report_text(report, &len);
    textpos tp;
    if (!textpos_init(&tp, text, len))
        out->failed = true;

    sb_puts(out, ",\"tags\":[");
    for (size_t i = 0; i < res->tag_count; i++) {
        if (i)
            sb_puts(out, ",");
        sb_json_string(out, res->tags[i].name);
    }
    sb_puts(out, "],\"scores\":{");
    for (size_t i = 0; i < res->score_count; i++) {
        if (i)
            sb_puts(out, ",");
        sb_json_string(out, res->scores[i].name);
        sb_puts(out, ":");
        sb_json_number(out, res->scores[i].value);
    }
    sb_puts(out, "},\"checks\":[");
    for (size_t i = 0; i < res->check_count; i++) {
        const rs_rule_check *c = &res->checks[i];
        sb_puts(out, i ? ",{\"rule\":" : "{\"rule\":");
        sb_json_string(out, c->name);
        sb_puts(out, ",\"file\":");
        sb_json_string(out, c->file);
        sb_puts(out, ",\"level\":");
        sb_json_string(out, rs_check_level_name(c->level));
        sb_puts(out, c->passed ? ",\"passed\":true,\"message\":" : ",\"passed\":false,\"message\":");
        sb_json_string(out, c->message);
        sb_puts(out, ",\"where\":[");
        for (size_t k = 0; k < c->where_count; k++) {
            const rs_rule_place *p = &c->where[k];
            size_t line, col;
            textpos_at(&tp, p->start, &line, &col);
            sb_puts(out, k ? ",{\"kind\":" : "{\"kind\":");
            sb_json_string(out, p->kind);
            if (p->index)
                sb_printf(out, ",\"index\":%zu", p->index);
            sb_printf(out, ",\"start\":%zu,\"end\":%zu,\"line\":%zu", p->start, p->end, line);
            if (with_col)
                sb_printf(out, ",\"col\":%zu", col);
            sb_puts(out, "}");
        }
        sb_puts(out, "]}");
    }
    sb_puts(out, "],\"rule_errors\":[");
    for (size_t i = 0; i < res->error_count; i++) {
        const rs_rule_error *e = &res->errors[i];
        sb_puts(out, i ? ",{\"file\":" : "{\"file\":");
        sb_json_string(out, e->file);
        sb_printf(out, ",\"line\":%d,\"rule\":", e->line);
        sb_json_string(out, e->rule);
        sb_puts(out, ",\"message\":");
        sb_json_string(out, e->message);
        sb_puts(out, "}");
    }
    sb_puts(out, "]");
    textpos_free(&tp);
}

bool rules_exec_report_json(strbuf *out, const rs_report *report, const char *source,
                            unsigned json_flags, const rs_rule_results *res, bool with_col,
                            const char *extra)
{
    size_t mark = out->len;
    if (rs_report_write_json(report, source, json_flags, sb_write_cb, out) != RS_OK ||
        out->failed)
        return false;
    if (!res && !extra)
        return true;
    /* The writer's object ends with '}' (and, pretty, a newline before it):
     * drop the brace, add our members, close again. */
    size_t end = out->len;
    while (end > mark && out->bytes[end - 1] != '}')
        end--;
    if (end == mark)
        return false;
    out->len = end - 1;
    while (out->len > mark && (out->bytes[out->len - 1] == '\n' || out->bytes[out->len - 1] == ' '))
        out->len--;
    if (res)
        rules_exec_json_members(out, report, res, with_col);
    if (extra)
        sb_puts(out, extra);
    sb_puts(out, "}");
    return !out->failed;
}

int cli_rules_per_thread(const cli_args *args, rs_rules *rules, unsigned threads,
                         void ***states)
{
    *states = calloc(threads ? threads : 1, sizeof **states);
    if (!*states) {
        cli_error("out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    (*states)[0] = rules;
    for (unsigned i = 1; rules && i < threads; i++) {
        rs_rules *copy = NULL;
        int st = cli_rules_load(args, &copy);
        if (st != EXIT_OK) {
            cli_rules_free_per_thread(rules, *states, i);
            *states = NULL;
            return st;
        }
        (*states)[i] = copy;
    }
    return EXIT_OK;
}

void cli_rules_free_per_thread(rs_rules *rules, void **states, unsigned threads)
{
    if (!states)
        return;
    for (unsigned i = 0; i < threads; i++)
        if (states[i] != rules)
            rs_rules_free(states[i]);
    free(states);
}
