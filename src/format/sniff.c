/*
 * Format sniffing for RS_FORMAT_AUTO.  HTML announces itself in its first
 * tag.  Markdown has no such mark, so it takes front matter, or at least
 * two different kinds of Markdown syntax, to call a text Markdown: a news
 * page pasted as text has bullets, but not headings made of '#', fences,
 * [links](...) or **emphasis**.  Only the first RS_SNIFF_BYTES are read.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii.h"
#include "format/frontend.h"

static bool starts_with_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && rs__ascii_eq_ci(s, n, prefix, n);
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

enum { ATX = 1, FENCE = 2, LINK = 4, EMPHASIS = 8, SETEXT = 16, QUOTE = 32 };

/* Two kinds of syntax settle it: the scan stops there. */
static bool settled(unsigned seen)
{
    return (seen & (seen - 1)) != 0;
}

/* What a line's start tells: a heading, a fence, a quote, a setext rule. */
static unsigned line_signals(const char *line, size_t n)
{
    unsigned seen = 0;
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
    if (n >= 3 && (line[0] == '=' || line[0] == '-')) {
        size_t k = 1;
        while (k < n && line[k] == line[0])
            k++;
        if (k == n)
            seen |= SETEXT;
    }
    return seen;
}

/* Whether a pair of bytes that marks inline syntax may start at s[i]. */
static bool pair_start(unsigned char c)
{
    return c == ']' || c == '*' || c == '_';
}

/*
 * The next i from `from` on where s[i] may start "](", "**" or "__", or
 * len.  The pairs never hold a line break, so they are looked for across
 * lines; prose has few of these bytes, and SSE2 passes over sixteen at a
 * time.
 */
static size_t next_pair_start(const unsigned char *s, size_t from, size_t len)
{
    size_t i = from;
#if defined(__SSE2__)
    const __m128i close = _mm_set1_epi8(']'), star = _mm_set1_epi8('*'),
                  under = _mm_set1_epi8('_');
    for (; len - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, close), _mm_cmpeq_epi8(x, star)),
                                   _mm_cmpeq_epi8(x, under));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return i + (unsigned)__builtin_ctz(mask);
    }
#endif
    while (i < len && !pair_start(s[i]))
        i++;
    return i;
}

static unsigned inline_signals(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned seen = 0;
    for (size_t i = next_pair_start(s, 0, len); i + 1 < len; i = next_pair_start(s, i + 1, len)) {
        if (s[i] == ']' && s[i + 1] == '(')
            seen |= LINK;
        else if (s[i] == s[i + 1] && s[i] != ']')
            seen |= EMPHASIS;
        if (seen == (LINK | EMPHASIS))
            break;
    }
    return seen;
}

static bool looks_like_markdown(const char *s, size_t len)
{
    unsigned seen = inline_signals(s, len);
    for (size_t p = 0; p < len && !settled(seen);) {
        const char *nl = memchr(s + p, '\n', len - p);
        size_t end = nl ? (size_t)(nl - s) : len;
        seen |= line_signals(s + p, end - p);
        p = end + 1;
    }
    return settled(seen);
}

rs_format rs__sniff_format(const char *text, size_t len)
{
    if (len > RS_SNIFF_BYTES)
        len = RS_SNIFF_BYTES;
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
    return looks_like_markdown(text + body, len - body) ? RS_FORMAT_MARKDOWN : RS_FORMAT_TEXT;
}
