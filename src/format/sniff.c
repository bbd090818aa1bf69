/*
 * Format sniffing for RS_FORMAT_AUTO.  HTML announces itself in its first
 * tag.  Markdown has no such mark, so it takes front matter, or at least
 * two different kinds of Markdown syntax, to call a text Markdown: a news
 * page pasted as text has bullets, but not headings made of '#', fences,
 * [links](...) or **emphasis**.
 */
#include <string.h>

#include "format/frontend.h"

static bool starts_with_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != prefix[i])
            return false;
    }
    return true;
}

static bool looks_like_html(const char *s, size_t len)
{
    static const char *const openings[] = {
        "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ",
        "<article", "<section", "<main", "<h1", "<h2", "<!--", "<table", "<ul", "<span",
        "<link", "<script", "<style", "<?xml", "<header", "<nav", "<img", "<a ", NULL,
    };
    if (len == 0 || s[0] != '<')
        return false;
    for (const char *const *o = openings; *o; o++)
        if (starts_with_ci(s, len, *o))
            return true;
    return false;
}

static size_t markdown_signals(const char *s, size_t len)
{
    enum { ATX = 1, FENCE = 2, LINK = 4, EMPHASIS = 8, SETEXT = 16, QUOTE = 32 };
    unsigned seen = 0;
    for (size_t p = 0; p < len;) {
        const char *nl = memchr(s + p, '\n', len - p);
        size_t end = nl ? (size_t)(nl - s) : len;
        const char *line = s + p;
        size_t n = end - p;
        if (n >= 2 && line[0] == '#') {
            size_t h = 0;
            while (h < n && h < 6 && line[h] == '#')
                h++;
            if (h < n && line[h] == ' ')
                seen |= ATX;
        }
        if (n >= 3 && (memcmp(line, "```", 3) == 0 || memcmp(line, "~~~", 3) == 0))
            seen |= FENCE;
        if (n >= 2 && line[0] == '>' && line[1] == ' ')
            seen |= QUOTE;
        if (n >= 3 && (strspn(line, "=") == n || strspn(line, "-") == n))
            seen |= SETEXT;
        for (size_t i = 0; i + 1 < n; i++) {
            if (line[i] == ']' && line[i + 1] == '(')
                seen |= LINK;
            if ((line[i] == '*' && line[i + 1] == '*') || (line[i] == '_' && line[i + 1] == '_'))
                seen |= EMPHASIS;
        }
        p = end + 1;
    }
    size_t kinds = 0;
    for (unsigned bit = 1; bit <= QUOTE; bit <<= 1)
        kinds += (seen & bit) != 0;
    return kinds;
}

rs_format rs__sniff_format(const char *text, size_t len)
{
    size_t p = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p = 3;
    size_t body = p;
    while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
        p++;
    if (looks_like_html(text + p, len - p))
        return RS_FORMAT_HTML;
    if (starts_with_ci(text + body, len - body, "---\n") || starts_with_ci(text + body, len - body, "---\r\n")
        || starts_with_ci(text + body, len - body, "+++\n") || starts_with_ci(text + body, len - body, "+++\r\n"))
        return RS_FORMAT_MARKDOWN;
    return markdown_signals(text + body, len - body) >= 2 ? RS_FORMAT_MARKDOWN : RS_FORMAT_TEXT;
}
