/*
 * The visible text of a Markdown block and its offset map.
 *
 * The map holds an entry where the text stops following the input one byte
 * for one byte: at the start of each run copied from the input, and around
 * every byte that stands for markup (an entity, a line break).  Entries that
 * only continue the run before them are not stored, so a plain paragraph
 * split by md4c into many pieces still maps with a handful of entries.
 */
#include "format/markdown_text.h"
#include "text/utf8.h"

#include <string.h>

#include "core/alloc.h"

enum {
    HTML_TEXT = RS_MD_HTML_TEXT,
    HTML_TAG_START, /* after '<': a tag, a comment, or a lone '<' */
    HTML_TAG_NAME,
    HTML_TAG_BODY,  /* attributes, up to '>' */
    HTML_BANG,      /* after "<!": a comment if "--" follows */
    HTML_COMMENT,
    HTML_DECL,      /* <!DOCTYPE ...>, <?...?>, <![CDATA[...]]> */
    HTML_RAW        /* inside script, style...: hidden until its end tag */
};

/* Longest entity the decoder looks at: "&" + 31 characters + ";" */
enum { ENTITY_MAX = 33 };

void rs__md_text_init(rs__md_text *t, const rs_allocator *alloc)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc;
}

void rs__md_text_release(rs__md_text *t)
{
    rs__free(t->alloc, t->bytes, t->cap);
    rs__free(t->alloc, t->map_text, t->map_text_cap * sizeof *t->map_text);
    rs__free(t->alloc, t->map_src, t->map_src_cap * sizeof *t->map_src);
    memset(t, 0, sizeof *t);
}

/*
 * Room for entries more map entries and bytes more text bytes, so that the
 * steps below write without checking.  An operation reserves its worst
 * case once, before it changes anything: a separator owed takes up to 3
 * entries and 1 byte, a run copied from the input up to 2 entries, a
 * stand-in up to 3 entries.
 */
static rs_status reserve(rs__md_text *t, size_t entries, size_t bytes)
{
    size_t need = t->map_len + entries;
    rs_status st = RS_OK;
    if (need > t->map_text_cap)
        st = rs__grow(t->alloc, (void **)&t->map_text, &t->map_text_cap, need,
                      sizeof *t->map_text);
    if (st == RS_OK && need > t->map_src_cap)
        st = rs__grow(t->alloc, (void **)&t->map_src, &t->map_src_cap, need, sizeof *t->map_src);
    if (st == RS_OK && t->len + bytes > t->cap)
        st = rs__grow(t->alloc, (void **)&t->bytes, &t->cap, t->len + bytes, 1);
    return st;
}

enum { SEPARATOR_ENTRIES = 3, RUN_ENTRIES = 2, STANDIN_ENTRIES = 3 };

static inline void put_entry(rs__md_text *t, size_t text, size_t src)
{
    t->map_text[t->map_len] = text;
    t->map_src[t->map_len] = src;
    t->map_len++;
}

/*
 * Records that text from t->len on comes from input[src..].  Where the run
 * before ends elsewhere in the input, an entry first says where it ended:
 * "**bold**," puts "bold" and "," side by side in the text, and a word
 * ending at that seam ends before the "**", not after it.
 */
static inline void map_at(rs__md_text *t, size_t src, bool verbatim)
{
    if (t->map_len) {
        size_t k = t->map_len - 1;
        bool continues = t->verbatim_last && verbatim && src >= t->map_src[k]
                         && src - t->map_src[k] == t->len - t->map_text[k];
        if (continues)
            return;
        if (t->map_text[k] == t->len && !t->end_mark_last) {
            t->map_src[k] = src; /* nothing came from the old entry: replace it */
            t->verbatim_last = verbatim;
            return;
        }
        if (t->map_text[k] < t->len)
            put_entry(t, t->len, t->map_src[k] + (t->len - t->map_text[k]));
    }
    put_entry(t, t->len, src);
    t->verbatim_last = verbatim;
    t->end_mark_last = false;
}

/* What the view showed becomes a copy (bytes has room for it). */
static inline void copy_view(rs__md_text *t)
{
    if (t->view) {
        memcpy(t->bytes, t->view, t->len);
        t->view = NULL;
    }
}

static inline void append(rs__md_text *t, const char *s, size_t n)
{
    if (n == 0)
        return;
    copy_view(t); /* the run ends here */
    memcpy(t->bytes + t->len, s, n);
    t->len += n;
}

/* Bytes that are not a copy of input[src..]: mapped to src, then to src_end. */
static inline void put_standin(rs__md_text *t, const char *s, size_t n, size_t src, size_t src_end)
{
    map_at(t, src, false);
    append(t, s, n);
    put_entry(t, t->len, src_end); /* where the stand-in ends, and what follows starts */
    t->verbatim_last = true;
    t->end_mark_last = true;
}

/*
 * Pays the separator a break left owing, now that visible text follows:
 * mapped as a copy of the byte where the break was, so that text going on
 * right after that byte (one space between words) needs no entry; a word
 * never ends at a separator, where a stand-in's end would be asked.
 */
static inline void settle_pending(rs__md_text *t)
{
    if (!t->pending)
        return;
    char sep = t->pending;
    t->pending = 0;
    if (t->len == 0)
        return;
    map_at(t, t->pending_src, true);
    append(t, &sep, 1);
}

/* A stand-in after whatever separator is owed: the room for both, then both. */
static rs_status put_standin_settled(rs__md_text *t, const char *s, size_t n, size_t src,
                                     size_t src_end)
{
    rs_status st = reserve(t, SEPARATOR_ENTRIES + STANDIN_ENTRIES, 1 + n);
    if (st != RS_OK)
        return st;
    settle_pending(t);
    put_standin(t, s, n, src, src_end);
    return RS_OK;
}

rs_status rs__md_text_copy(rs__md_text *t, const char *s, size_t n, size_t src)
{
    if (n)
        rs__md_text_touch(t, src, n);
    if (t->len == 0 && !t->keep_space) {
        while (n && rs__md_is_space(*s)) { /* a reader sees no white space before the text */
            s++;
            src++;
            n--;
        }
    }
    if (n == 0)
        return RS_OK;
    rs_status st = reserve(t, SEPARATOR_ENTRIES + RUN_ENTRIES, 1 + n);
    if (st != RS_OK)
        return st;
    settle_pending(t);
    map_at(t, src, true);
    append(t, s, n);
    return RS_OK;
}

rs_status rs__md_text_copy_input_other(rs__md_text *t, const char *s, size_t n, size_t src)
{
    if (t->len || t->map_len)
        return rs__md_text_copy(t, s, n, src);
    /* the block's first text: rs__md_text_copy(), pointing instead of copying */
    if (n)
        rs__md_text_touch(t, src, n);
    if (!t->keep_space) {
        while (n && rs__md_is_space(*s)) {
            s++;
            src++;
            n--;
        }
    }
    if (n == 0)
        return RS_OK;
    rs_status st = reserve(t, 1, 0);
    if (st != RS_OK)
        return st;
    t->pending = 0; /* no separator before the first text */
    put_entry(t, 0, src);
    t->verbatim_last = true;
    t->end_mark_last = false;
    t->view = s;
    t->len = n;
    return RS_OK;
}

rs_status rs__md_text_own(rs__md_text *t)
{
    if (!t->view)
        return RS_OK;
    rs_status st = reserve(t, 0, 0);
    if (st == RS_OK)
        copy_view(t);
    return st;
}

rs_status rs__md_text_join(rs__md_text *t, char sep, size_t sep_src, const rs__md_text *more)
{
    if (more->len == 0)
        return RS_OK;
    rs_status st = reserve(t, SEPARATOR_ENTRIES + 1 + more->map_len, 1 + more->len);
    if (st != RS_OK)
        return st;
    copy_view(t);
    if (sep && t->len) {
        t->pending = sep;
        t->pending_src = sep_src;
        settle_pending(t);
    }
    size_t base = t->len, k = t->map_len;
    /* the run before ends here, not where its source would go on */
    if (k && t->map_text[k - 1] < base)
        put_entry(t, base, t->map_src[k - 1] + (base - t->map_text[k - 1]));
    for (size_t e = 0; e < more->map_len; e++)
        put_entry(t, base + more->map_text[e], more->map_src[e]);
    memcpy(t->bytes + base, rs__md_text_bytes(more), more->len);
    t->len += more->len;
    t->verbatim_last = more->verbatim_last;
    t->end_mark_last = more->end_mark_last;
    if (more->touched)
        rs__md_text_touch(t, more->touch_min, more->touch_max - more->touch_min);
    return RS_OK;
}

rs_status rs__md_text_insert(rs__md_text *t, const char *s, size_t n, size_t src)
{
    if (t->len == 0 && !t->keep_space) {
        while (n && rs__md_is_space(*s)) {
            s++;
            n--;
        }
    }
    if (n == 0)
        return RS_OK;
    return put_standin_settled(t, s, n, src, src);
}

rs_status rs__md_text_codepoint(rs__md_text *t, unsigned long cp, size_t src)
{
    char buf[4];
    size_t n = rs__utf8_encode(cp, buf);
    return put_standin_settled(t, buf, n, src, src);
}

/* Named entities: the HTML 4 set that prose uses; anything else is kept as written. */
typedef struct named_entity {
    const char *name;
    unsigned long cp;
} named_entity;

/* U+00A0 to U+00FF, in code point order. */
static const char *const latin1_names[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

static const named_entity other_names[] = {
    {"quot", 0x22},    {"amp", 0x26},     {"apos", 0x27},    {"lt", 0x3C},
    {"gt", 0x3E},      {"OElig", 0x152},  {"oelig", 0x153},  {"Scaron", 0x160},
    {"scaron", 0x161}, {"Yuml", 0x178},   {"fnof", 0x192},   {"circ", 0x2C6},
    {"tilde", 0x2DC},  {"Delta", 0x394},  {"Pi", 0x3A0},     {"Sigma", 0x3A3},
    {"Omega", 0x3A9},  {"alpha", 0x3B1},  {"beta", 0x3B2},   {"gamma", 0x3B3},
    {"delta", 0x3B4},  {"epsilon", 0x3B5},{"lambda", 0x3BB}, {"mu", 0x3BC},
    {"pi", 0x3C0},     {"sigma", 0x3C3},  {"tau", 0x3C4},    {"phi", 0x3C6},
    {"omega", 0x3C9},  {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"zwnj", 0x200C},  {"zwj", 0x200D},   {"lrm", 0x200E},   {"rlm", 0x200F},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E},
    {"dagger", 0x2020},{"Dagger", 0x2021},{"bull", 0x2022},  {"hellip", 0x2026},
    {"permil", 0x2030},{"prime", 0x2032}, {"Prime", 0x2033}, {"lsaquo", 0x2039},
    {"rsaquo", 0x203A},{"oline", 0x203E}, {"frasl", 0x2044}, {"euro", 0x20AC},
    {"trade", 0x2122}, {"larr", 0x2190},  {"uarr", 0x2191},  {"rarr", 0x2192},
    {"darr", 0x2193},  {"harr", 0x2194},  {"lArr", 0x21D0},  {"rArr", 0x21D2},
    {"hArr", 0x21D4},  {"minus", 0x2212}, {"radic", 0x221A}, {"infin", 0x221E},
    {"asymp", 0x2248}, {"ne", 0x2260},    {"equiv", 0x2261}, {"le", 0x2264},
    {"ge", 0x2265},    {"loz", 0x25CA},   {"spades", 0x2660},{"clubs", 0x2663},
    {"hearts", 0x2665},{"diams", 0x2666}, {"check", 0x2713},
};

static bool name_is(const char *name, const char *s, size_t n)
{
    return strlen(name) == n && memcmp(name, s, n) == 0;
}

static bool numeric_value(const char *s, size_t n, unsigned long *cp)
{
    /* s is what lies between "&#" and ';' */
    unsigned base = 10;
    if (n && (s[0] == 'x' || s[0] == 'X')) {
        base = 16;
        s++;
        n--;
    }
    if (n == 0 || n > (base == 16 ? 6u : 7u)) /* CommonMark's limits */
        return false;
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = v * base + d;
    }
    *cp = v;
    return true;
}

size_t rs__entity_decode(const char *s, size_t n, char *out)
{
    if (n < 3 || s[0] != '&' || s[n - 1] != ';')
        return 0;
    const char *name = s + 1;
    size_t name_len = n - 2;
    unsigned long cp;
    if (name[0] == '#')
        return numeric_value(name + 1, name_len - 1, &cp) ? rs__utf8_encode(cp, out) : 0;
    for (size_t i = 0; i < 96; i++)
        if (name_is(latin1_names[i], name, name_len))
            return rs__utf8_encode(0xA0 + i, out);
    for (size_t i = 0; i < sizeof other_names / sizeof other_names[0]; i++)
        if (name_is(other_names[i].name, name, name_len))
            return rs__utf8_encode(other_names[i].cp, out);
    return 0;
}

rs_status rs__md_text_entity(rs__md_text *t, const char *s, size_t n, size_t src)
{
    char buf[4];
    size_t len = rs__entity_decode(s, n, buf);
    if (len == 0) /* an unknown name stays as written, as CommonMark says */
        return rs__md_text_copy(t, s, n, src);
    rs__md_text_touch(t, src, n);
    return put_standin_settled(t, buf, len, src, src + n);
}

/* ------------------------------------------------------------------ */
/* Raw HTML                                                             */

static bool tag_in(const char *tag, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(tag, *list) == 0)
            return true;
    return false;
}

/* Whose content no reader sees. */
static const char *const hidden_tags[] = {
    "script", "style", "template", "svg", "noscript", "textarea", "title", "head", NULL,
};

/* Tags that sit inside a line of text: they do not separate words. */
static const char *const inline_tags[] = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr", NULL,
};

static bool ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static void end_tag(rs__md_text *t, bool self_closing, size_t src, unsigned *images)
{
    t->tag[t->tag_len <= RS_MD_TAG_MAX ? t->tag_len : 0] = '\0';
    t->html_state = HTML_TEXT;
    if (t->tag_len > RS_MD_TAG_MAX) /* no tag we know has so long a name */
        return;
    if (!t->tag_closing && !self_closing && tag_in(t->tag, hidden_tags)) {
        memcpy(t->skip_tag, t->tag, t->tag_len + 1);
        t->skip_match = 0;
        t->html_state = HTML_RAW;
        return;
    }
    if (!t->tag_closing && strcmp(t->tag, "img") == 0)
        (*images)++;
    if (strcmp(t->tag, "br") == 0)
        rs__md_text_break(t, '\n', src);
    else if (!tag_in(t->tag, inline_tags))
        rs__md_text_break(t, ' ', src);
}

/* After "</" + name in hidden content: does c go on matching? */
static bool raw_end_matches(const rs__md_text *t, char c)
{
    size_t k = t->skip_match;
    if (k == 0)
        return c == '<';
    if (k == 1)
        return c == '/';
    return lower(c) == t->skip_tag[k - 2];
}

rs_status rs__md_text_html(rs__md_text *t, const char *s, size_t n, size_t src,
                           unsigned *images)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        size_t at = src + i;
        switch (t->html_state) {
        case HTML_TEXT:
            if (c == '<') {
                t->html_state = HTML_TAG_START;
                t->lt_src = at;
                continue;
            }
            if (rs__md_is_space(c)) {
                rs__md_text_break(t, ' ', at);
                continue;
            }
            if (c == '&') {
                size_t end = i + 1;
                while (end < n && end - i < ENTITY_MAX && s[end] != ';' && s[end] != '&'
                       && !rs__md_is_space(s[end]))
                    end++;
                char buf[4];
                size_t len = 0;
                if (end < n && s[end] == ';')
                    len = rs__entity_decode(s + i, end + 1 - i, buf);
                if (len) {
                    rs_status st = put_standin_settled(t, buf, len, at, src + end + 1);
                    if (st != RS_OK)
                        return st;
                    i = end;
                    continue;
                }
            }
            {
                rs_status st = rs__md_text_copy(t, &c, 1, at);
                if (st != RS_OK)
                    return st;
            }
            continue;
        case HTML_TAG_START:
            t->tag_len = 0;
            t->tag_closing = false;
            if (ascii_letter(c)) {
                t->tag[t->tag_len++] = lower(c);
                t->html_state = HTML_TAG_NAME;
            } else if (c == '/') {
                t->tag_closing = true;
                t->html_state = HTML_TAG_NAME;
            } else if (c == '!') {
                t->dashes = 0;
                t->html_state = HTML_BANG;
            } else if (c == '?') {
                t->html_state = HTML_DECL;
            } else {
                /* "a < b": the '<' was text; c is looked at again */
                t->html_state = HTML_TEXT;
                rs_status st = rs__md_text_copy(t, "<", 1, t->lt_src);
                if (st != RS_OK)
                    return st;
                i--;
            }
            continue;
        case HTML_TAG_NAME:
            if (c == '>') {
                end_tag(t, false, at, images);
            } else if (rs__md_is_space(c) || c == '/') {
                t->quote = 0;
                t->html_state = HTML_TAG_BODY;
                if (c == '/')
                    i--; /* the body sees it: "<br/>" closes itself */
            } else if (t->tag_len <= RS_MD_TAG_MAX) {
                t->tag[t->tag_len++] = lower(c);
            }
            continue;
        case HTML_TAG_BODY:
            if (t->quote) {
                if (c == t->quote)
                    t->quote = 0;
            } else if (c == '"' || c == '\'') {
                t->quote = c;
            } else if (c == '>') {
                end_tag(t, i > 0 && s[i - 1] == '/', at, images);
            }
            continue;
        case HTML_BANG:
            if (c == '-' && ++t->dashes == 2) {
                t->dashes = 0;
                t->html_state = HTML_COMMENT;
            } else if (c != '-') {
                t->html_state = c == '>' ? HTML_TEXT : HTML_DECL;
            }
            continue;
        case HTML_COMMENT:
            if (c == '>' && t->dashes >= 2)
                t->html_state = HTML_TEXT;
            else
                t->dashes = c == '-' ? t->dashes + 1 : 0;
            continue;
        case HTML_DECL:
            if (c == '>')
                t->html_state = HTML_TEXT;
            continue;
        default: /* HTML_RAW */
            if (raw_end_matches(t, c)) {
                if (++t->skip_match == strlen(t->skip_tag) + 2) {
                    memcpy(t->tag, t->skip_tag, sizeof t->tag);
                    t->tag_len = strlen(t->tag);
                    t->tag_closing = true;
                    t->quote = 0;
                    t->html_state = HTML_TAG_BODY;
                }
            } else {
                t->skip_match = c == '<';
            }
            continue;
        }
    }
    return RS_OK;
}
