/*
 * The tokenizer: words by readstat's rules (see README "Words"), one token
 * per punctuation mark, and white-space runs that remember line breaks, so
 * that the sentence splitter can reason about what surrounds a period.
 */
#include "text/tokenizer.h"

#include <string.h>

#include "core/alloc.h"
#include "text/charclass.h"
#include "text/utf8.h"

typedef struct scanner {
    const unsigned char *s;
    size_t end;
    rs__text_stats *stats;
} scanner;

static size_t peek_multibyte(const scanner *sc, size_t pos, int32_t *cp, rs__cc *cls)
{
    bool invalid = false;
    size_t n = rs__utf8_decode(sc->s + pos, sc->end - pos, cp, &invalid);
    *cls = rs__charclass(*cp);
    return n;
}

/* The code point at pos and its class; at the end, -1 and a space. */
static inline size_t peek(const scanner *sc, size_t pos, int32_t *cp, rs__cc *cls)
{
    if (pos >= sc->end) {
        *cp = -1;
        *cls = RS_CC_SPACE;
        return 0;
    }
    unsigned char b = sc->s[pos];
    if (b < 0x80) {
        *cp = b;
        *cls = (rs__cc)rs__ascii_class[b];
        return 1;
    }
    return peek_multibyte(sc, pos, cp, cls);
}

/* Longest host name DNS allows; longer runs are not taken for one. */
enum { MAX_DOMAIN = 253 };

static bool ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool ascii_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower_ascii(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static bool starts_with_ci(const scanner *sc, size_t pos, const char *prefix)
{
    size_t n = strlen(prefix);
    if (sc->end - pos < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower_ascii(sc->s[pos + i]) != prefix[i])
            return false;
    return true;
}

/* Top-level domains common enough in prose to mark "example.com" as a link. */
static bool is_common_tld(const unsigned char *s, size_t len)
{
    static const char *const tlds[] = {
        "com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "uk", "us", "ca",
        "de", "fr", "jp", "cn", "ru", "au", "in", "it", "es", "nl", "eu", "info", "biz",
        "ai", "app", "dev", "me", "tv", "ly", "news", "blog", "xyz", "site", "online",
    };
    if (len < 2 || len > 6)
        return false;
    for (size_t i = 0; i < sizeof tlds / sizeof tlds[0]; i++) {
        if (strlen(tlds[i]) != len)
            continue;
        size_t j = 0;
        while (j < len && lower_ascii(s[j]) == tlds[i][j])
            j++;
        if (j == len)
            return true;
    }
    return false;
}

/* A link ends at white space; punctuation closing the sentence is not part of it. */
static size_t link_end(const scanner *sc, size_t pos)
{
    size_t p = pos;
    int open_parens = 0;
    while (p < sc->end) {
        int32_t cp;
        rs__cc cls;
        size_t n = peek(sc, p, &cp, &cls);
        if (cls == RS_CC_SPACE || cls == RS_CC_NEWLINE || cls == RS_CC_CONTROL || cp == '<'
            || cp == '>' || cp == '"' || cp == 0x201C || cp == 0x201D)
            break;
        if (cp == '(')
            open_parens++;
        else if (cp == ')')
            open_parens--;
        p += n;
    }
    while (p > pos) {
        unsigned char c = sc->s[p - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\''
            || c == ']' || c == '}') {
            p--;
        } else if (c == ')' && open_parens < 0) {
            open_parens++;
            p--;
        } else if (p - pos >= 3 && c >= 0x80 && (memcmp(sc->s + p - 3, "\xE2\x80\x99", 3) == 0
                                                 || memcmp(sc->s + p - 3, "\xE2\x80\x9D", 3) == 0)) {
            p -= 3; /* ’ or ” */
        } else {
            break;
        }
    }
    return p;
}

static size_t scan_email(const scanner *sc, size_t pos)
{
    size_t p = pos;
    while (p < sc->end && p - pos < 64
           && (ascii_alnum(sc->s[p]) || strchr("._%+-", sc->s[p]) != NULL) && sc->s[p])
        p++;
    if (p == pos || p >= sc->end || sc->s[p] != '@' || sc->s[p - 1] == '.')
        return 0;
    size_t dom = ++p;
    while (p < sc->end && p - dom < MAX_DOMAIN
           && (ascii_alnum(sc->s[p]) || sc->s[p] == '-' || sc->s[p] == '.'))
        p++;
    while (p > dom && (sc->s[p - 1] == '.' || sc->s[p - 1] == '-'))
        p--;
    /* The domain needs a dot with a label of two or more letters after it. */
    size_t last_dot = 0;
    for (size_t i = dom; i < p; i++)
        if (sc->s[i] == '.')
            last_dot = i;
    if (!last_dot || last_dot == dom || p - last_dot - 1 < 2)
        return 0;
    for (size_t i = last_dot + 1; i < p; i++)
        if (!ascii_letter(sc->s[i]))
            return 0;
    return p;
}

static size_t scan_domain(const scanner *sc, size_t pos)
{
    size_t p = pos, label_start = pos, labels = 0, first_len = 0;
    for (;;) {
        label_start = p;
        while (p < sc->end && (ascii_alnum(sc->s[p]) || sc->s[p] == '-'))
            p++;
        /* Bounded, or "a.b.c.d…" would be rescanned from every word in it. */
        if (p == label_start || p - pos > MAX_DOMAIN)
            return 0;
        if (labels++ == 0)
            first_len = p - label_start;
        if (p + 1 < sc->end && sc->s[p] == '.' && ascii_alnum(sc->s[p + 1]))
            p++;
        else
            break;
    }
    if (labels < 2 || first_len < 2 || !is_common_tld(sc->s + label_start, p - label_start))
        return 0;
    if (p < sc->end) {
        int32_t cp;
        rs__cc cls;
        peek(sc, p, &cp, &cls);
        if (cls == RS_CC_LETTER || cls == RS_CC_DIGIT || cp == '@')
            return 0;
        if (cp == '/')
            return link_end(sc, p);
    }
    return p;
}

/* A link, an address or a domain starting at pos; 0 if there is none. */
static size_t scan_link(const scanner *sc, size_t pos, uint8_t *kind)
{
    /* Every link, address and domain has one of :.@_%+- right after its
       first run of letters and digits; most words end in a space or a
       comma, and are settled here without the scans below. */
    size_t p = pos;
    while (p < sc->end && ascii_alnum(sc->s[p]))
        p++;
    if (p >= sc->end)
        return 0;
    switch (sc->s[p]) {
    case ':': case '.': case '@': case '_': case '%': case '+': case '-':
        break;
    default:
        return 0;
    }
    if (starts_with_ci(sc, pos, "http://") || starts_with_ci(sc, pos, "https://")
        || starts_with_ci(sc, pos, "ftp://") || starts_with_ci(sc, pos, "www.")) {
        size_t e = link_end(sc, pos);
        if (e > pos + 4) {
            *kind = RS_WORD_URL;
            return e;
        }
    }
    size_t e = scan_email(sc, pos);
    if (e) {
        *kind = RS_WORD_EMAIL;
        return e;
    }
    e = scan_domain(sc, pos);
    if (e) {
        *kind = RS_WORD_URL;
        return e;
    }
    return 0;
}

/*
 * "U.S.", "e.g.", "a.m.", "Ph.D.": segments of one or two ASCII letters, each
 * followed by a period, at least two of them.  Returns the end (after the
 * last period) or 0.
 */
static size_t scan_dotted(const scanner *sc, size_t pos, size_t first_seg_end)
{
    size_t p = first_seg_end, segs = 1;
    while (p < sc->end && sc->s[p] == '.') {
        size_t q = p + 1, k = 0;
        while (q + k < sc->end && ascii_letter(sc->s[q + k]))
            k++;
        if (k == 0)
            return segs >= 2 ? p + 1 : 0;
        /* Bounded, so that "a.b.a.b…" is not rescanned from each letter. */
        if (k > 2 || segs >= 8)
            return 0;
        segs++;
        p = q + k;
    }
    (void)pos;
    return 0;
}

static rs_status push(const rs_allocator *alloc, rs__token_vec *out, const rs__token *t)
{
    if (out->count == out->cap) {
        rs_status st = rs__grow(alloc, (void **)&out->items, &out->cap, out->count + 1,
                                sizeof *out->items);
        if (st != RS_OK)
            return st;
    }
    out->items[out->count++] = *t;
    return RS_OK;
}

/* Counts the characters of a token; returns whether it is all ASCII. */
static bool count_chars(const scanner *sc, size_t from, size_t to)
{
    uint64_t chars = 0;
    bool ascii = true;
    for (size_t p = from; p < to;) {
        int32_t cp;
        rs__cc cls;
        size_t n = peek(sc, p, &cp, &cls);
        ascii = ascii && cp < 0x80;
        if (cls != RS_CC_SPACE && cls != RS_CC_NEWLINE && cls != RS_CC_MARK
            && cls != RS_CC_FORMAT && cls != RS_CC_CONTROL)
            chars++;
        p += n;
    }
    sc->stats->characters += chars;
    return ascii;
}

/* A word by the general rule: letters, marks and digits, with inner joiners. */
static size_t scan_word(const scanner *sc, size_t pos, rs__token *t, bool *ascii)
{
    size_t p = pos;
    rs__cc prev = RS_CC_OTHER;
    bool starts_with_digit = false, any_lower = false, any_upper = false, first = true;
    /* The common case first: a run of ASCII letters, settled a byte at a time. */
    if (p < sc->end && rs__ascii_class[sc->s[p] & 0x7F] == RS_CC_LETTER && sc->s[p] < 0x80) {
        unsigned char c = sc->s[p];
        t->flags |= (c <= 'Z') ? RS_TF_UPPER_FIRST : RS_TF_LOWER_FIRST;
        do {
            if (c <= 'Z')
                any_upper = true;
            else
                any_lower = true;
            p++;
        } while (p < sc->end && (c = sc->s[p]) < 0x80 && rs__ascii_class[c] == RS_CC_LETTER);
        t->letters += (uint32_t)(p - pos);
        prev = RS_CC_LETTER;
        first = false;
    }
    *ascii = true;
    while (p < sc->end) {
        int32_t cp;
        rs__cc cls;
        size_t n = peek(sc, p, &cp, &cls);
        if (cls == RS_CC_LETTER) {
            t->letters++;
            bool upper = rs__is_upper_fast(cp);
            bool lower = !upper && rs__is_lower_fast(cp);
            any_upper = any_upper || upper;
            any_lower = any_lower || lower;
            if (first) {
                if (upper)
                    t->flags |= RS_TF_UPPER_FIRST;
                else if (lower)
                    t->flags |= RS_TF_LOWER_FIRST;
            }
        } else if (cls == RS_CC_DIGIT) {
            t->digits++;
            if (first)
                starts_with_digit = true;
        } else if (cls == RS_CC_MARK || cls == RS_CC_FORMAT) {
            /* belongs to the letter before it */
        } else if (cls == RS_CC_APOSTROPHE || cls == RS_CC_HYPHEN || cp == ',' || cp == '.') {
            if (prev != RS_CC_LETTER && prev != RS_CC_DIGIT)
                break;
            int32_t next;
            rs__cc next_cls;
            if (!peek(sc, p + n, &next, &next_cls))
                break;
            if (cls == RS_CC_APOSTROPHE) {
                if (next_cls != RS_CC_LETTER)
                    break;
                t->flags |= RS_TF_APOSTROPHE;
            } else if (cls == RS_CC_HYPHEN) {
                if (next_cls != RS_CC_LETTER && next_cls != RS_CC_DIGIT)
                    break;
                t->flags |= RS_TF_HYPHEN;
            } else if (!(prev == RS_CC_DIGIT && next_cls == RS_CC_DIGIT && starts_with_digit)) {
                break; /* 1,000 and 3.14 hold together; "end.Next" does not */
            }
        } else {
            break;
        }
        if (cls != RS_CC_MARK && cls != RS_CC_FORMAT) {
            prev = cls;
            first = false;
        }
        *ascii = *ascii && n == 1;
        p += n;
    }
    if (any_upper && !any_lower)
        t->flags |= RS_TF_ALL_UPPER;
    t->kind = (starts_with_digit && !(t->flags & RS_TF_HYPHEN)) ? RS_WORD_NUMBER : RS_WORD_PLAIN;
    return p;
}

rs_status rs__tokenize(const rs_allocator *alloc, const char *text, size_t start, size_t end,
                       rs__token_vec *out, rs__text_stats *stats)
{
    scanner sc = {(const unsigned char *)text, end, stats};
    size_t pos = start;
    while (pos < end) {
        int32_t cp;
        rs__cc cls;
        size_t n;
        if (sc.s[pos] < 0x80) {
            cp = sc.s[pos];
            cls = (rs__cc)rs__ascii_class[cp];
            n = 1;
        } else {
            bool invalid = false;
            n = rs__utf8_decode(sc.s + pos, end - pos, &cp, &invalid);
            if (invalid)
                stats->invalid_utf8++;
            cls = rs__charclass(cp);
        }
        rs__token t = {.start = pos, .cp = cp, .type = RS_TOK_OTHER};

        if (cls == RS_CC_SPACE || cls == RS_CC_NEWLINE || cls == RS_CC_FORMAT) {
            t.type = RS_TOK_SPACE;
            size_t p = pos;
            bool blank_before = false;
            while (p < end) {
                size_t m = peek(&sc, p, &cp, &cls);
                if (cls == RS_CC_NEWLINE) {
                    if (!(t.flags & RS_TF_NEWLINE) && blank_before)
                        t.flags |= RS_TF_SPACE_BEFORE_NL;
                    t.flags |= RS_TF_NEWLINE;
                } else if (cls == RS_CC_SPACE) {
                    blank_before = true;
                } else if (cls != RS_CC_FORMAT) {
                    break;
                }
                p += m;
            }
            t.end = p;
            if (t.end == pos) /* cannot happen, but never loop forever */
                t.end = pos + n;
            /* Format characters alone (ZWJ between emoji) are not a gap. */
            if (!(t.flags & RS_TF_NEWLINE) && !blank_before) {
                pos = t.end;
                continue;
            }
        } else if (cls == RS_CC_LETTER || cls == RS_CC_DIGIT) {
            t.type = RS_TOK_WORD;
            uint8_t kind;
            size_t e = (cp < 0x80) ? scan_link(&sc, pos, &kind) : 0;
            if (e) {
                t.kind = kind;
                t.end = e;
                if (sc.s[pos] >= 'A' && sc.s[pos] <= 'Z')
                    t.flags |= RS_TF_UPPER_FIRST;
                else
                    t.flags |= RS_TF_LOWER_FIRST;
            } else {
                bool ascii;
                t.end = scan_word(&sc, pos, &t, &ascii);
                if (t.digits == 0 && t.letters <= 2 && t.end - pos == t.letters
                    && !(t.flags & (RS_TF_HYPHEN | RS_TF_APOSTROPHE))) {
                    size_t d = scan_dotted(&sc, pos, t.end);
                    if (d) {
                        for (size_t i = t.end; i < d; i++)
                            if (ascii_letter(sc.s[i]))
                                t.letters++;
                        t.end = d;
                        t.flags |= RS_TF_DOTTED;
                    }
                }
                /* ASCII letters, digits, joiners and dots are characters each */
                if (ascii) {
                    t.flags |= RS_TF_ASCII;
                    stats->characters += t.end - pos;
                }
            }
            if (!(t.flags & RS_TF_ASCII) && count_chars(&sc, pos, t.end))
                t.flags |= RS_TF_ASCII;
        } else if (cls == RS_CC_CJK) {
            t.type = RS_TOK_WORD;
            t.kind = RS_WORD_CJK;
            t.end = pos + n;
            stats->characters++;
        } else if ((cp == '@' || cp == '#') && pos + 1 < end) {
            bool after_word = false;
            if (out->count) {
                const rs__token *last = &out->items[out->count - 1];
                after_word = last->end == pos && last->type == RS_TOK_WORD;
            }
            size_t p = pos + 1, letters = 0;
            while (p < end) {
                int32_t c2;
                rs__cc k2;
                size_t m = peek(&sc, p, &c2, &k2);
                if (k2 == RS_CC_LETTER || k2 == RS_CC_MARK)
                    letters++;
                else if (k2 != RS_CC_DIGIT && c2 != '_')
                    break;
                p += m;
            }
            if (!after_word && p > pos + 1 && (cp == '@' || letters > 0)) {
                t.type = RS_TOK_WORD;
                t.kind = cp == '@' ? RS_WORD_HANDLE : RS_WORD_HASHTAG;
                t.end = p;
                t.flags |= RS_TF_LOWER_FIRST;
                if (count_chars(&sc, pos, p))
                    t.flags |= RS_TF_ASCII;
            } else {
                t.type = RS_TOK_PUNCT;
                t.end = pos + n;
                stats->characters++;
            }
        } else {
            /* A mark with no letter before it (U+FE0F after a symbol asks
               for emoji style) belongs to the symbol: it is no word. */
            t.type = (cls == RS_CC_PUNCT || cls == RS_CC_APOSTROPHE || cls == RS_CC_HYPHEN)
                         ? RS_TOK_PUNCT
                         : RS_TOK_OTHER;
            t.end = pos + n;
            if (cls != RS_CC_CONTROL && cls != RS_CC_MARK)
                stats->characters++;
        }
        /* Count damaged bytes inside multi-code-point tokens too. */
        if ((t.type == RS_TOK_WORD && !(t.flags & RS_TF_ASCII)) || t.type == RS_TOK_SPACE) {
            for (size_t p = pos + n; p < t.end;) {
                if (sc.s[p] < 0x80) {
                    p++;
                    continue;
                }
                bool bad = false;
                int32_t c3;
                p += rs__utf8_decode(sc.s + p, t.end - p, &c3, &bad);
                if (bad)
                    stats->invalid_utf8++;
            }
        }
        rs_status st = push(alloc, out, &t);
        if (st != RS_OK)
            return st;
        pos = t.end;
    }
    return RS_OK;
}
