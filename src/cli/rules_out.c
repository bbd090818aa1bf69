/*
 * rules_out.c: the rules' results, as JSON members and as text.
 *
 * The library's JSON writer makes one closed object and cannot be extended,
 * so the report's JSON is caught in a buffer and the rules' members are
 * written before its closing brace: the result is one object, as a JSON
 * consumer expects, and the report's part stays byte for byte the same.
 */
#include "rules_cli.h"

#include "display.h"
#include "numfmt.h"
#include "output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Places shown per check in the text report; the JSON has them all. */
#define HUMAN_PLACES 5
#define REPORT_WIDTH 78

/* ------------------------------------------------------------------ */
/* Line numbers of byte offsets                                         */

typedef struct line_index {
    size_t *starts; /* byte offset where each line starts */
    size_t count;
} line_index;

static line_index index_lines(const rs_report *r)
{
    line_index li = {NULL, 0};
    size_t len;
    const char *text = rs_report_text(r, &len);
    size_t n = 1;
    for (size_t i = 0; text && i < len; i++)
        n += text[i] == '\n';
    li.starts = malloc(n * sizeof *li.starts);
    if (!li.starts)
        return li;
    li.starts[li.count++] = 0;
    for (size_t i = 0; text && i < len; i++)
        if (text[i] == '\n')
            li.starts[li.count++] = i + 1;
    return li;
}

/* 1-based line of a byte offset; 0 if unknown. */
static size_t line_of(const line_index *li, size_t offset)
{
    if (!li->starts)
        return 0;
    size_t lo = 0, hi = li->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (li->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

typedef struct buffer {
    char *bytes;
    size_t len, cap;
    bool failed;
} buffer;

static int buffer_write(void *ud, const char *bytes, size_t len)
{
    buffer *b = ud;
    if (b->failed)
        return 1;
    if (len > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap - b->len < len)
            cap *= 2;
        char *p = realloc(b->bytes, cap);
        if (!p) {
            b->failed = true;
            return 1;
        }
        b->bytes = p;
        b->cap = cap;
    }
    memcpy(b->bytes + b->len, bytes, len);
    b->len += len;
    return 0;
}

/* A JSON string; invalid UTF-8 is the rules' business, but the output must
 * stay valid JSON, so bytes >= 0x80 that do not form UTF-8 become U+FFFD. */

void cli_json_string(const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    out_puts("\"");
    while (*p) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            out_write(esc, 2);
            p++;
        } else if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out_write(esc, 6);
            p++;
        } else if (c < 0x80) {
            out_write((const char *)p, 1);
            p++;
        } else {
            size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            size_t k = 1;
            while (n && k < n && (p[k] & 0xC0) == 0x80)
                k++;
            if (n && k == n) {
                out_write((const char *)p, n);
                p += n;
            } else {
                out_puts("\\ufffd");
                p += k;
            }
        }
    }
    out_puts("\"");
}

static void json_number(double v)
{
    char num[64];
    snprintf(num, sizeof num, "%.10g", isfinite(v) ? v : 0.0);
    out_puts(num);
}

/* Starts member `key` at depth 1: comma, line break and indent. */
static void member(bool pretty, int depth, const char *key)
{
    out_puts(",");
    if (pretty) {
        out_puts("\n");
        out_pad((size_t)depth * 2);
    }
    if (key) {
        cli_json_string(key);
        out_puts(pretty ? ": " : ":");
    }
}

static void item_start(bool pretty, int depth, bool first)
{
    if (!first)
        out_puts(",");
    if (pretty) {
        out_puts("\n");
        out_pad((size_t)depth * 2);
    }
}

static void close_list(bool pretty, int depth, bool empty, const char *bracket)
{
    if (pretty && !empty) {
        out_puts("\n");
        out_pad((size_t)depth * 2);
    }
    out_puts(bracket);
}

static void field(bool pretty, bool first, const char *key)
{
    if (!first)
        out_puts(pretty ? ", " : ",");
    cli_json_string(key);
    out_puts(pretty ? ": " : ":");
}

static void write_rule_members(const rs_report *report, const rs_rule_results *res, bool pretty)
{
    line_index li = index_lines(report);

    member(pretty, 1, "tags");
    out_puts("[");
    for (size_t i = 0; i < res->tag_count; i++) {
        if (i)
            out_puts(pretty ? ", " : ",");
        cli_json_string(res->tags[i].name);
    }
    out_puts("]");

    member(pretty, 1, "scores");
    out_puts("{");
    for (size_t i = 0; i < res->score_count; i++) {
        item_start(pretty, 2, i == 0);
        cli_json_string(res->scores[i].name);
        out_puts(pretty ? ": " : ":");
        json_number(res->scores[i].value);
    }
    close_list(pretty, 1, res->score_count == 0, "}");

    member(pretty, 1, "checks");
    out_puts("[");
    for (size_t i = 0; i < res->check_count; i++) {
        const rs_rule_check *c = &res->checks[i];
        item_start(pretty, 2, i == 0);
        out_puts("{");
        field(pretty, true, "rule");
        cli_json_string(c->name);
        field(pretty, false, "file");
        cli_json_string(c->file);
        field(pretty, false, "level");
        cli_json_string(rs_check_level_name(c->level));
        field(pretty, false, "passed");
        out_puts(c->passed ? "true" : "false");
        field(pretty, false, "message");
        cli_json_string(c->message);
        field(pretty, false, "where");
        out_puts("[");
        for (size_t k = 0; k < c->where_count; k++) {
            const rs_rule_place *p = &c->where[k];
            if (k)
                out_puts(pretty ? ", " : ",");
            out_puts("{");
            field(pretty, true, "kind");
            cli_json_string(p->kind);
            if (p->index) {
                field(pretty, false, "index");
                out_printf("%zu", p->index);
            }
            field(pretty, false, "start");
            out_printf("%zu", p->start);
            field(pretty, false, "end");
            out_printf("%zu", p->end);
            field(pretty, false, "line");
            out_printf("%zu", line_of(&li, p->start));
            out_puts("}");
        }
        out_puts("]}");
    }
    close_list(pretty, 1, res->check_count == 0, "]");

    member(pretty, 1, "rule_errors");
    out_puts("[");
    for (size_t i = 0; i < res->error_count; i++) {
        const rs_rule_error *e = &res->errors[i];
        item_start(pretty, 2, i == 0);
        out_puts("{");
        field(pretty, true, "file");
        cli_json_string(e->file);
        field(pretty, false, "line");
        out_printf("%d", e->line);
        field(pretty, false, "rule");
        cli_json_string(e->rule);
        field(pretty, false, "message");
        cli_json_string(e->message);
        out_puts("}");
    }
    close_list(pretty, 1, res->error_count == 0, "]");
    free(li.starts);
}

void cli_rules_print_json(const rs_report *report, const char *source, unsigned json_flags,
                          const rs_rule_results *results)
{
    buffer b = {0};
    rs_status st = rs_report_write_json(report, source, json_flags, buffer_write, &b);
    /* Everything up to the object's closing brace, then our members. */
    size_t end = b.len;
    while (end > 0 && b.bytes[end - 1] != '}')
        end--;
    if (st != RS_OK || b.failed || end == 0) {
        free(b.bytes);
        cli_error("out of memory");
        return;
    }
    size_t body = end - 1;
    bool pretty = (json_flags & RS_JSON_PRETTY) != 0;
    while (body > 0 && (b.bytes[body - 1] == '\n' || b.bytes[body - 1] == ' '))
        body--;
    out_write(b.bytes, body);
    free(b.bytes);
    write_rule_members(report, results, pretty);
    out_puts(pretty ? "\n}\n" : "}\n");
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */

static void print_excerpt(const rs_report *r, const rs_rule_place *p, const line_index *li)
{
    size_t len;
    const char *text = rs_report_text(r, &len);
    size_t start = p->start < len ? p->start : len;
    size_t end = p->end < len ? p->end : len;
    if (end < start)
        end = start;
    char where[96];
    if (p->index)
        snprintf(where, sizeof where, "      line %zu, %s %zu: ", line_of(li, p->start), p->kind,
                 p->index);
    else
        snprintf(where, sizeof where, "      line %zu: ", line_of(li, p->start));
    out_puts(where);
    char *clean = display_clean(text ? text + start : "", end - start);
    size_t used = strlen(where);
    display_text(clean ? clean : "", used < REPORT_WIDTH ? REPORT_WIDTH - used : 10);
    free(clean);
    out_puts("\n");
}

void cli_rules_print_human(const rs_report *report, const rs_rule_results *res)
{
    line_index li = index_lines(report);
    out_puts("\nRules\n");
    out_puts("  Tags          ");
    if (res->tag_count == 0)
        out_puts("(none)");
    for (size_t i = 0; i < res->tag_count; i++) {
        char *clean = display_clean(res->tags[i].name, strlen(res->tags[i].name));
        out_printf("%s%s", i ? ", " : "", clean ? clean : "?");
        free(clean);
    }
    out_puts("\n");
    if (res->score_count > 0) {
        out_puts("  Scores\n");
        for (size_t i = 0; i < res->score_count; i++) {
            char value[64];
            snprintf(value, sizeof value, "%.2f", res->scores[i].value);
            out_puts("    ");
            char *clean = display_clean(res->scores[i].name, strlen(res->scores[i].name));
            display_cell(clean ? clean : "?", 30);
            free(clean);
            display_number(value, 12);
            out_puts("\n");
        }
    }
    if (res->check_count > 0) {
        out_puts("  Checks\n");
        for (size_t i = 0; i < res->check_count; i++) {
            const rs_rule_check *c = &res->checks[i];
            out_printf("    %-4s %-7s ", c->passed ? "ok" : "FAIL",
                       rs_check_level_name(c->level));
            char *line = NULL;
            size_t n = strlen(c->name) + strlen(c->message) + 3;
            line = malloc(n);
            if (line) {
                snprintf(line, n, "%s%s%s", c->name, c->message[0] ? ": " : "", c->message);
                char *clean = display_clean(line, strlen(line));
                display_text(clean ? clean : "", REPORT_WIDTH - 17);
                free(clean);
                free(line);
            }
            out_puts("\n");
            for (size_t k = 0; k < c->where_count && k < HUMAN_PLACES; k++)
                print_excerpt(report, &c->where[k], &li);
            if (c->where_count > HUMAN_PLACES)
                out_printf("      ... and %zu more\n", c->where_count - HUMAN_PLACES);
        }
    }
    if (res->error_count > 0) {
        out_puts("  Rule errors\n");
        for (size_t i = 0; i < res->error_count; i++) {
            const rs_rule_error *e = &res->errors[i];
            char *clean = display_clean(e->message, strlen(e->message));
            out_printf("    %s:%d: rule '%s': %s\n", e->file, e->line, e->rule,
                       clean ? clean : "?");
            free(clean);
        }
    }
    free(li.starts);
}
