/*
 * junit.c: `readstat check --junit FILE`.  GitLab, Jenkins and GitHub
 * (through test-report actions) read JUnit XML natively, so each check
 * becomes a test case they list and annotate.  One <testsuite> per file;
 * a check that fails at the --fail-on level is a <failure>, one that fails
 * below it passes with the message in <system-out> (shown, not blocking);
 * a rule error or an unreadable file is an <error>.
 */
#include "check.h"

#include "output.h"
#include "textpos.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* XML 1.0 text: markup characters escaped, invalid UTF-8 as U+FFFD, and
 * the control characters XML 1.0 forbids dropped. */
static void xml_text(strbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned c = *p;
        if (c < 0x80) {
            switch (c) {
            case '&': sb_puts(b, "&amp;"); break;
            case '<': sb_puts(b, "&lt;"); break;
            case '>': sb_puts(b, "&gt;"); break;
            case '"': sb_puts(b, "&quot;"); break;
            case '\'': sb_puts(b, "&apos;"); break;
            default:
                if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    sb_write(b, (const char *)p, 1);
            }
            p++;
            continue;
        }
        size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        size_t k = 1;
        while (n && k < n && (p[k] & 0xC0) == 0x80)
            k++;
        /* U+FFFE and U+FFFF are not XML characters either. */
        bool nonchar = n == 3 && c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
        if (n && k == n && !nonchar)
            sb_write(b, (const char *)p, n);
        else
            sb_puts(b, "\xEF\xBF\xBD");
        p += n && k == n ? n : k;
    }
}

static void attr(strbuf *b, const char *name, const char *value)
{
    sb_printf(b, " %s=\"", name);
    xml_text(b, value);
    sb_puts(b, "\"");
}

void junit_file(strbuf *body, const cli_args *args, const check_job *job, size_t *tests,
                size_t *failures, size_t *errors)
{
    strbuf cases = {0};
    size_t n_tests = 0, n_failures = 0, n_errors = 0;
    if (job->result != INPUT_OK) {
        sb_puts(&cases, "    <testcase");
        attr(&cases, "classname", job->path);
        attr(&cases, "name", "read");
        attr(&cases, "file", job->path);
        sb_puts(&cases, ">\n      <error");
        attr(&cases, "message", job->reason);
        sb_puts(&cases, "/>\n    </testcase>\n");
        n_tests++;
        n_errors++;
    } else if (job->results) {
        const rs_rule_results *res = job->results;
        size_t len;
        const char *text = rs_report_text(job->report, &len);
        textpos tp;
        textpos_init(&tp, text, len);
        for (size_t i = 0; i < res->check_count; i++) {
            const rs_rule_check *c = &res->checks[i];
            char name[512], line_no[32] = "";
            size_t line = 0, col = 0;
            snprintf(name, sizeof name, "%s: %s", c->file, c->name);
            if (c->where_count)
                textpos_at(&tp, c->where[0].start, &line, &col);
            sb_puts(&cases, "    <testcase");
            attr(&cases, "classname", job->path);
            attr(&cases, "name", name);
            attr(&cases, "file", job->path);
            if (line) {
                snprintf(line_no, sizeof line_no, "%zu", line);
                attr(&cases, "line", line_no);
            }
            n_tests++;
            if (c->passed) {
                sb_puts(&cases, "/>\n");
                continue;
            }
            /* Every place, as "file:line:col: message", one per line. */
            strbuf detail = {0};
            for (size_t k = 0; k < c->where_count; k++) {
                size_t l, cl;
                textpos_at(&tp, c->where[k].start, &l, &cl);
                sb_printf(&detail, "%s:%zu:%zu: %s\n", job->path, l, cl, c->message);
            }
            if (c->where_count == 0)
                sb_printf(&detail, "%s: %s\n", job->path, c->message);
            if (check_fails_gate(args, c)) {
                n_failures++;
                sb_puts(&cases, ">\n      <failure");
                attr(&cases, "type", rs_check_level_name(c->level));
                attr(&cases, "message", c->message);
                sb_puts(&cases, ">");
                xml_text(&cases, sb_cstr(&detail));
                sb_puts(&cases, "</failure>\n    </testcase>\n");
            } else {
                sb_puts(&cases, ">\n      <system-out>");
                xml_text(&cases, rs_check_level_name(c->level));
                sb_puts(&cases, " (below the gate): ");
                xml_text(&cases, sb_cstr(&detail));
                sb_puts(&cases, "</system-out>\n    </testcase>\n");
            }
            sb_free(&detail);
        }
        for (size_t i = 0; i < res->error_count; i++) {
            const rs_rule_error *e = &res->errors[i];
            char name[512], message[1024];
            snprintf(name, sizeof name, "%s: %s", e->file, e->rule);
            snprintf(message, sizeof message, "%s:%d: %s", e->file, e->line, e->message);
            sb_puts(&cases, "    <testcase");
            attr(&cases, "classname", job->path);
            attr(&cases, "name", name);
            attr(&cases, "file", job->path);
            sb_puts(&cases, ">\n      <error");
            attr(&cases, "type", "rule-error");
            attr(&cases, "message", message);
            sb_puts(&cases, "/>\n    </testcase>\n");
            n_tests++;
            n_errors++;
        }
        textpos_free(&tp);
    }
    sb_puts(body, "  <testsuite");
    attr(body, "name", job->path);
    sb_printf(body, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\"", n_tests,
              n_failures, n_errors);
    if (cases.len) {
        sb_puts(body, ">\n");
        sb_write(body, cases.bytes, cases.len);
        sb_puts(body, "  </testsuite>\n");
    } else {
        sb_puts(body, "/>\n");
    }
    sb_free(&cases);
    *tests += n_tests;
    *failures += n_failures;
    *errors += n_errors;
}

bool junit_write(const char *path, const strbuf *body, size_t tests, size_t failures,
                 size_t errors)
{
    if (body->failed) {
        cli_error("%s: out of memory", path);
        return false;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return false;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"readstat check\" tests=\"%zu\" failures=\"%zu\" "
               "errors=\"%zu\">\n",
            tests, failures, errors);
    if (body->len)
        fwrite(body->bytes, 1, body->len, f);
    fputs("</testsuites>\n", f);
    bool ok = !ferror(f);
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        cli_error("%s: write error", path);
    return ok;
}
