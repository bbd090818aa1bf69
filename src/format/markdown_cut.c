/* Where a Markdown document may be cut into pieces (see markdown_cut.h). */
#include "format/markdown_cut.h"

#include <string.h>

#include "core/ascii.h"

/* The HTML blocks that run until an end marker, blank lines or not. */
static const struct {
    const char *open, *end;
} raw_html[] = {
    {"<script", "</script>"}, {"<pre", "</pre>"}, {"<style", "</style>"},
    {"<textarea", "</textarea>"}, {"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"},
};

static bool has_ci(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    for (size_t i = 0; i + m <= n; i++)
        if (rs__ascii_eq_ci(s + i, m, lit, m))
            return true;
    return false;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* "- ", "* ", "+ ", "1. ", "1) " (or the marker alone on its line). */
static bool list_marker(const char *s, size_t n)
{
    size_t i = 0;
    if (n && (s[0] == '-' || s[0] == '*' || s[0] == '+')) {
        i = 1;
    } else {
        while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
            return false;
        i++;
    }
    return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r';
}

/* The fence a line opens or closes: ``` or ~~~ (3 or more), after up to 3 spaces. */
static size_t fence_run(const char *s, size_t n, char *c)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i >= n || (s[i] != '`' && s[i] != '~'))
        return 0;
    *c = s[i];
    size_t run = 0;
    while (i + run < n && s[i + run] == *c)
        run++;
    return run >= 3 ? run : 0;
}

static void look_at_line(rs__md_cut *cut, const char *s, size_t n, size_t start)
{
    if (cut->fence) {
        char c;
        size_t run = fence_run(s, n, &c);
        size_t i = 0;
        while (i < n && s[i] == ' ')
            i++;
        if (run >= cut->fence_len && c == cut->fence && blank_line(s + i + run, n - i - run))
            cut->fence = 0;
        return;
    }
    if (cut->html_end) {
        if (has_ci(s, n, cut->html_end))
            cut->html_end = NULL;
        return;
    }
    if (blank_line(s, n)) {
        cut->prev_blank = true;
        return;
    }
    if (cut->prev_blank && s[0] != ' ' && s[0] != '\t' && !list_marker(s, n))
        cut->last_cut = start;
    cut->prev_blank = false;
    char c;
    size_t run = fence_run(s, n, &c);
    if (run) {
        cut->fence = c;
        cut->fence_len = run;
        return;
    }
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i >= n || s[i] != '<')
        return;
    for (size_t k = 0; k < sizeof raw_html / sizeof raw_html[0]; k++) {
        size_t m = strlen(raw_html[k].open);
        if (n - i >= m && rs__ascii_eq_ci(s + i, m, raw_html[k].open, m)) {
            if (!has_ci(s + i + m, n - i - m, raw_html[k].end))
                cut->html_end = raw_html[k].end;
            return;
        }
    }
    /* "<!DOCTYPE": a declaration runs to its '>' */
    if (n - i >= 3 && s[i + 1] == '!' && s[i + 2] >= 'A' && s[i + 2] <= 'Z'
        && !memchr(s + i, '>', n - i))
        cut->html_end = ">";
}

void rs__md_cut_scan(rs__md_cut *cut, const char *text, size_t len)
{
    while (cut->scan < len) {
        const char *nl = memchr(text + cut->scan, '\n', len - cut->scan);
        if (!nl)
            return; /* the line is not whole yet */
        size_t end = (size_t)(nl - text);
        look_at_line(cut, text + cut->scan, end - cut->scan, cut->scan);
        cut->scan = end + 1;
    }
}
