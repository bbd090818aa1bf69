/*
 * The tokenizer: words by readstat's rules (see README "Words"), one token
 * per punctuation mark, and white-space runs that remember line breaks, so
 * that the sentence splitter can reason about what surrounds a period.
 */
#include "text/tokenizer.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "text/charclass.h"
#include "text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Out of the fast loop (RS_NOINLINE), the general rules do not take its
   registers; inside it, the common shapes of text are the straight path. */
#include "core/hints.h"

typedef struct scanner {
    const unsigned char *s;
    size_t end;
    rs__text_stats *stats;
    /* The last address local part and host-name chain read: every word
       starting inside one ends where it ends and gets the same verdict, so
       "a.b.a.b…" is read once, not once per word in it. */
    size_t local_from, local_to, local_result;
    size_t chain_from, chain_to, chain_last_label, chain_result;
    bool chain_judged; /* chain_result is known: found only when a start needs it */
    /* The same for the last chain of one- and two-letter segments and dots. */
    size_t dots_from, dots_to;
} scanner;

/*
 * What each byte is to the fast paths: ASCII letters (with their case),
 * digits, blanks, line breaks, and bytes that are one token by themselves.
 * Bytes from 0x80 on, '@' and '#' are none of these: the general rules
 * decide there.
 */
enum {
    TB_DIGIT = 1u << 0,
    TB_LETTER = 1u << 1,
    TB_UPPER = 1u << 2, /* RS_TF_UPPER_FIRST once shifted down by two */
    TB_LOWER = 1u << 3, /* RS_TF_LOWER_FIRST once shifted down by two */
    TB_BLANK = 1u << 4,
    TB_NEWLINE = 1u << 5,
    TB_SINGLE = 1u << 6, /* one token by itself: punctuation, a symbol or a control */
    TB_ALNUM = 1u << 7,  /* letter or digit: one test for either */
    TB_PUNCT = 1u << 8,  /* a single that is punctuation (RS_CC_PUNCT, APOSTROPHE, HYPHEN) */
    TB_CONTROL = 1u << 9, /* a single that is no character */
    TB_ENDS = 1u << 10,   /* after letters or digits, ends the word and rules out a link */
    TB_COMMA = 1u << 11,  /* ends a word that does not start with a digit */
    TB_SPLITS = 1u << 12, /* a token the sentence splitter stops at: RS_TF_SPLITS */
    TB_LOCAL = 1u << 13,  /* may be in an address's local part: letters, digits, . _ % + - */
    /* after a word's lower-case letters, what the fast loop gives a second
       look (hot_joined_word): ' - : and the first byte of ’ ” and dashes */
    TB_JOINS = 1u << 14
};

/* The classes of rs__ascii_class, in these bits. */
enum {
    U_ = TB_ALNUM | TB_LETTER | TB_UPPER | TB_LOCAL, l_ = TB_ALNUM | TB_LETTER | TB_LOWER | TB_LOCAL,
    d_ = TB_ALNUM | TB_DIGIT | TB_LOCAL, b_ = TB_BLANK, n_ = TB_NEWLINE,
    p_ = TB_SINGLE | TB_PUNCT | TB_ENDS, o_ = TB_SINGLE | TB_ENDS, c_ = TB_SINGLE | TB_CONTROL | TB_ENDS,
    /* what may join a word or open a link: ' - , . and : _ % + */
    j_ = TB_SINGLE | TB_PUNCT, k_ = TB_SINGLE,
    m_ = j_ | TB_COMMA, x_ = j_ | TB_LOCAL, y_ = k_ | TB_LOCAL,
    /* ' and :, and - */
    q_ = j_ | TB_JOINS, h_ = x_ | TB_JOINS,
    /* . ! ? ) : sentence ends and list markers */
    P_ = p_ | TB_SPLITS, J_ = j_ | TB_SPLITS | TB_LOCAL
};

static const uint16_t byte_kind[256] = {
    c_, c_, c_, c_, c_, c_, c_, c_, c_, b_, n_, b_, b_, n_, c_, c_,
    c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_, c_,
    b_, P_, p_, 0,  o_, x_, p_, q_, p_, P_, p_, y_, m_, h_, J_, p_,
    d_, d_, d_, d_, d_, d_, d_, d_, d_, d_, q_, p_, o_, o_, o_, P_,
    0,  U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, p_, p_, p_, o_, x_,
    o_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_,
    l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, l_, p_, o_, p_, o_, c_,
    [0xE2] = TB_JOINS,
};

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
enum { MAX_DOMAIN = 253, MAX_LOCAL_PART = 64 };

static bool ascii_alnum(unsigned char c)
{
    return byte_kind[c] & TB_ALNUM;
}

static bool ascii_letter(unsigned char c)
{
    return byte_kind[c] & TB_LETTER;
}

static int lower_ascii(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static bool starts_with_ci(const scanner *sc, size_t pos, const char *prefix, size_t n)
{
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
    static const char tlds[][8] = {
        "com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "uk", "us", "ca",
        "de", "fr", "jp", "cn", "ru", "au", "in", "it", "es", "nl", "eu", "info", "biz",
        "ai", "app", "dev", "me", "tv", "ly", "news", "blog", "xyz", "site", "online",
    };
    if (len < 2 || len > 6)
        return false;
    for (size_t i = 0; i < sizeof tlds / sizeof tlds[0]; i++) {
        /* a shorter name fails at its NUL: labels hold no NUL */
        if (tlds[i][len] != '\0')
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
        unsigned char b = sc->s[p];
        if (b < 0x80) {
            /* the same tests as below, a table read for ASCII */
            if ((byte_kind[b] & (TB_BLANK | TB_NEWLINE | TB_CONTROL)) || b == '<' || b == '>'
                || b == '"')
                break;
            open_parens += (b == '(') - (b == ')');
            p++;
            continue;
        }
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

static bool local_part_char(unsigned char c)
{
    return byte_kind[c] & TB_LOCAL;
}

/* The address whose local part is the run [from, to), or 0 for none. */
static size_t read_local_part(scanner *sc, size_t from)
{
    size_t p = from;
    while (p < sc->end && local_part_char(sc->s[p]))
        p++;
    sc->local_from = from;
    sc->local_to = p;
    if (p >= sc->end || sc->s[p] != '@' || sc->s[p - 1] == '.')
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

/* An address starting at pos (a letter or digit); 0 if there is none. */
static size_t scan_email(scanner *sc, size_t pos)
{
    if (pos < sc->local_from || pos >= sc->local_to)
        sc->local_result = read_local_part(sc, pos);
    /* A local part longer than 64 bytes is not one. */
    if (sc->local_to - pos > MAX_LOCAL_PART)
        return 0;
    return sc->local_result;
}

/* Where a host name whose last label is [label, p) ends, or 0 if it is none. */
static size_t domain_end(const scanner *sc, size_t label, size_t p)
{
    if (!is_common_tld(sc->s + label, p - label))
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

/* Reads the chain of dot-separated labels from pos and what it ends as. */
static void read_chain(scanner *sc, size_t pos)
{
    size_t p = pos, label_start;
    for (;;) {
        label_start = p;
        while (p < sc->end && (ascii_alnum(sc->s[p]) || sc->s[p] == '-'))
            p++;
        if (p + 1 < sc->end && sc->s[p] == '.' && ascii_alnum(sc->s[p + 1]))
            p++;
        else
            break;
    }
    sc->chain_from = pos;
    sc->chain_to = p;
    sc->chain_last_label = label_start;
    sc->chain_judged = false;
}

/*
 * A host name ("example.com") starting at pos (a letter or digit); 0 if
 * there is none.  It needs two labels or more, the first two characters
 * long or more, and at most MAX_DOMAIN bytes from pos.
 */
static size_t scan_domain(scanner *sc, size_t pos)
{
    if (pos < sc->chain_from || pos >= sc->chain_to)
        read_chain(sc, pos);
    if (pos >= sc->chain_last_label || sc->chain_to - pos > MAX_DOMAIN)
        return 0;
    unsigned char second = sc->s[pos + 1];
    if (!ascii_alnum(second) && second != '-')
        return 0;
    if (!sc->chain_judged) {
        sc->chain_result = domain_end(sc, sc->chain_last_label, sc->chain_to);
        sc->chain_judged = true;
    }
    return sc->chain_result;
}

/* A link, an address or a domain starting at pos; 0 if there is none. */
static size_t scan_link(scanner *sc, size_t pos, uint8_t *kind)
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
    if (starts_with_ci(sc, pos, "http://", 7) || starts_with_ci(sc, pos, "https://", 8)
        || starts_with_ci(sc, pos, "ftp://", 6) || starts_with_ci(sc, pos, "www.", 4)) {
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
static size_t scan_dotted(scanner *sc, size_t pos, size_t first_seg_end)
{
    if (pos < sc->dots_from || pos >= sc->dots_to) {
        size_t p = first_seg_end;
        while (p < sc->end && sc->s[p] == '.') {
            size_t q = p + 1, k = 0;
            while (q + k < sc->end && ascii_letter(sc->s[q + k]))
                k++;
            if (k == 0 || k > 2)
                break;
            p = q + k;
        }
        sc->dots_from = pos;
        sc->dots_to = p;
    }
    /* Eight segments of two letters and their dots span 23 bytes: a chain
       going on further from pos is too long to be one abbreviation. */
    if (sc->dots_to - pos > 24)
        return 0;
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
    return 0;
}

/* Counts the characters of a token; returns whether it is all ASCII. */
static bool count_chars(const scanner *sc, size_t from, size_t to)
{
    uint64_t chars = 0;
    bool ascii = true;
    for (size_t p = from; p < to;) {
        unsigned char b = sc->s[p];
        if (b < 0x80) {
            /* ASCII: a character unless white space or a control */
            chars += !(byte_kind[b] & (TB_BLANK | TB_NEWLINE | TB_CONTROL));
            p++;
            continue;
        }
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

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EACH_BYTE(b) ((uint64_t)(b) * 0x0101010101010101u)

/*
 * The top bit of each of the eight bytes at q that is not an ASCII
 * lower-case letter.  Only the first such byte is ever read, and it is
 * exact: a sum carries out of a byte only when the byte is 0x80 or more,
 * which is flagged itself, and carries only reach the bytes after it.
 */
static inline uint64_t not_lower(const unsigned char *q)
{
    uint64_t x;
    memcpy(&x, q, 8);
    uint64_t lower = (x + EACH_BYTE(0x1F)) & ~(x + EACH_BYTE(0x05)) & ~x;
    return ~lower & EACH_BYTE(0x80);
}

/* Past the lower-case ASCII letters at p, eight at a time: most of a word
   after its first letter is one such run. */
static inline size_t lower_run(const unsigned char *s, size_t p, size_t end)
{
    while (end - p >= 8) {
        uint64_t stop = not_lower(s + p);
        if (stop)
            return p + ((unsigned)__builtin_ctzll(stop) >> 3);
        p += 8;
    }
    return p;
}

#if defined(__SSE2__)
/* Sixteen bytes at a time where the vector unit is there: its constants
   take no general register from the loop around it. */
enum { LOWER_CHUNK = 16 };
typedef unsigned lower_stops_t;

/* A bit for each of the LOWER_CHUNK bytes at q that is not a lower-case
   ASCII letter.  Less 'a', the letters are 0..25 and every other byte
   26..255; a saturating add of 128 - 26 sets the top bit of just those. */
static inline lower_stops_t lower_stops(const unsigned char *q)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
    __m128i from_a = _mm_sub_epi8(x, _mm_set1_epi8('a'));
    return (unsigned)_mm_movemask_epi8(_mm_adds_epu8(from_a, _mm_set1_epi8(128 - 26)));
}

/* The offset of the first byte lower_stops() marked (stops != 0). */
static inline size_t first_stop(lower_stops_t stops)
{
    return (unsigned)__builtin_ctz(stops);
}

/* lower_stops()' mark of the byte n (< LOWER_CHUNK) bytes on. */
static inline lower_stops_t stop_at(size_t n)
{
    return 1u << n;
}
#else
enum { LOWER_CHUNK = 8 };
typedef uint64_t lower_stops_t;

/* The top bit of each of the LOWER_CHUNK bytes at q that is not a
   lower-case ASCII letter (the first of them exact: not_lower()). */
static inline lower_stops_t lower_stops(const unsigned char *q)
{
    return not_lower(q);
}

static inline size_t first_stop(lower_stops_t stops)
{
    return (unsigned)__builtin_ctzll(stops) >> 3;
}

static inline lower_stops_t stop_at(size_t n)
{
    return UINT64_C(0x80) << (8 * n);
}
#endif
#else
enum { LOWER_CHUNK = 8 };
typedef unsigned lower_stops_t;

static inline size_t lower_run(const unsigned char *s, size_t p, size_t end)
{
    (void)s;
    (void)end;
    return p; /* the byte loop after it reads the run */
}

/* A bit for each of the LOWER_CHUNK bytes at q that is not a lower-case
   ASCII letter, a byte at a time. */
static inline lower_stops_t lower_stops(const unsigned char *q)
{
    lower_stops_t stops = 0;
    for (unsigned i = 0; i < LOWER_CHUNK; i++)
        stops |= (lower_stops_t)!(q[i] >= 'a' && q[i] <= 'z') << i;
    return stops;
}

static inline size_t first_stop(lower_stops_t stops)
{
    size_t i = 0;
    while (!(stops & 1)) {
        stops >>= 1;
        i++;
    }
    return i;
}

static inline lower_stops_t stop_at(size_t n)
{
    return 1u << n;
}
#endif

/* The first byte from p on that is not a lower-case letter, if it is
   found LOWER_CHUNK bytes at a time before the last LOWER_CHUNK; else 0. */
static inline size_t lower_run_stop(const unsigned char *s, size_t p, size_t end)
{
    while (RS_LIKELY(end - p >= LOWER_CHUNK)) {
        lower_stops_t stops = lower_stops(s + p);
        if (RS_LIKELY(stops != 0))
            return p + first_stop(stops);
        p += LOWER_CHUNK;
    }
    return 0;
}

/*
 * The end of the run of ASCII letters and digits at p (one of them).  What
 * they were (TB_UPPER, TB_LOWER, TB_DIGIT) goes into *seen, their digits
 * into *digits.
 */
static inline size_t alnum_run(const unsigned char *s, size_t p, size_t end, unsigned *seen,
                               uint32_t *digits)
{
    unsigned acc = byte_kind[s[p]], k;
    uint32_t d = acc & TB_DIGIT;
    size_t q = lower_run(s, p + 1, end);
    if (q > p + 1)
        acc |= TB_LOWER;
    p = q;
    while (p < end && ((k = byte_kind[s[p]]) & TB_ALNUM)) {
        acc |= k;
        d += k & TB_DIGIT;
        p++;
    }
    *seen |= acc;
    *digits += d;
    return p;
}

/* The class of the code point at p (not ASCII), and its length. */
static rs__cc class_at(const unsigned char *s, size_t p, size_t end, size_t *len)
{
    int32_t cp;
    bool invalid = false;
    *len = rs__utf8_decode(s + p, end - p, &cp, &invalid);
    return rs__charclass(cp);
}

/*
 * Does the local part of an address run from pos to an '@', within the
 * length scan_email() takes?  Each word of "a_a_a_..." asks: a look to the
 * run's end made such a run quadratic.
 */
static bool local_part_to_at(const unsigned char *s, size_t pos, size_t end)
{
    size_t p = pos, most = end - pos > MAX_LOCAL_PART ? pos + MAX_LOCAL_PART : end;
    while (p < most && local_part_char(s[p]))
        p++;
    return p < end && s[p] == '@';
}

/* Does a host name's first label, from pos, go on to a second one, within
   the length scan_domain() takes? */
static bool label_then_dot(const unsigned char *s, size_t pos, size_t end)
{
    size_t p = pos, most = end - pos > MAX_DOMAIN ? pos + MAX_DOMAIN : end;
    while (p < most && (ascii_alnum(s[p]) || s[p] == '-'))
        p++;
    return p + 1 < end && s[p] == '.' && ascii_alnum(s[p + 1]);
}

/*
 * The rest of an ASCII word whose first run of letters and digits,
 * [pos, p), is followed by neither a blank nor a line break nor the end:
 * inner apostrophes, hyphens and digit groups, when the byte after each
 * piece settles it without the general rules (nothing there could make it
 * a link, an address, a dotted abbreviation, or a word going on in
 * non-ASCII but for ’ between letters).  Returns the word's end, adding
 * to *seen, *digits, *joiners and *flags, or returns 0 for the general
 * rules to decide.
 */
typedef struct word_tally {
    unsigned seen;    /* TB_UPPER, TB_LOWER, TB_DIGIT */
    uint32_t digits, joiners; /* joiners: bytes neither letters nor digits */
    uint32_t uncounted;       /* bytes that are no characters: 2 for each ’ */
    uint16_t flags;
} word_tally;

/*
 * The end of a decimal ("18.4", "3.5%") whose first run [pos, p), digits
 * only, is followed by a period, as general_token reads it: the digits
 * after the period end where no further group, joiner or letter goes on
 * and no address can be read (a '%' might be in one's local part).  Adds
 * to w->digits and w->joiners; 0 for the general rules to decide.
 */
static size_t decimal_end(const unsigned char *s, size_t pos, size_t p, size_t end,
                          word_tally *w)
{
    size_t q = p + 1;
    if (q >= end || !(byte_kind[s[q]] & TB_DIGIT))
        return 0;
    while (q < end && (byte_kind[s[q]] & TB_DIGIT))
        q++;
    if (q < end && !(byte_kind[s[q]] & (TB_BLANK | TB_NEWLINE | TB_ENDS))
        && !(s[q] == '%' && !local_part_to_at(s, pos, end)))
        return 0;
    w->digits += (uint32_t)(q - p - 1);
    w->joiners++;
    return q;
}

/*
 * The end of "a.m.", "U.S.", "Ph.D." at pos, whose first segment [pos, p)
 * (ASCII letters and digits) is followed by a period, as general_token
 * reads it (scan_dotted), where the byte after it settles that no link,
 * address or host name starts at pos: the last period is followed by
 * neither a byte an address's local part may hold nor a non-ASCII one,
 * and the first or the last segment is one letter (a host name's first
 * label has two or more, and so has its top-level domain).  Adds the
 * periods to w->joiners and RS_TF_DOTTED to w->flags; 0 for the general
 * rules to decide.
 */
static size_t dotted_end(const unsigned char *s, size_t pos, size_t p, size_t end,
                         word_tally *w)
{
    size_t first = p - pos, last = first, segs = 1;
    if (w->seen & TB_DIGIT)
        return (w->seen & TB_LETTER) ? 0 : decimal_end(s, pos, p, end, w);
    if (first > 2)
        return 0;
    for (;;) {
        /* s[p] is a period */
        size_t q = p + 1, k = 0;
        while (q + k < end && (byte_kind[s[q + k]] & TB_LETTER))
            k++;
        if (k == 0)
            break;
        if (k > 2 || segs >= 8)
            return 0;
        segs++;
        last = k;
        p = q + k;
        if (p >= end || s[p] != '.')
            return 0;
    }
    size_t d = p + 1;
    if (segs < 2 || (first == 2 && last == 2)
        || (d < end && (s[d] >= 0x80 || (byte_kind[s[d]] & TB_LOCAL))))
        return 0;
    w->flags |= RS_TF_DOTTED;
    w->joiners += (uint32_t)segs; /* a period after each segment */
    return d;
}

static RS_NOINLINE size_t word_tail(const unsigned char *s, size_t pos, size_t p, size_t end,
                                    word_tally *w)
{
    bool starts_with_digit = byte_kind[s[pos]] & TB_DIGIT;
    bool first_run = true;
    for (;;) {
        unsigned char c = s[p];
        bool more = p + 1 < end;
        unsigned char next = more ? s[p + 1] : 0;
        unsigned next_kind = byte_kind[next];
        if (first_run) {
            first_run = false;
            /* What scan_link would look at: its first run and the byte after it. */
            size_t run = p - pos;
            switch (c) {
            case '@':
                return 0;
            case ':':
                /* only http://, https:// and ftp:// open a link with a colon */
                if ((run == 4 || run == 5) && (s[pos] | 0x20) == 'h' && (s[pos + 1] | 0x20) == 't')
                    return 0;
                if (run == 3 && (s[pos] | 0x20) == 'f' && (s[pos + 1] | 0x20) == 't')
                    return 0;
                return p;
            case '_': case '%': case '+':
                return local_part_to_at(s, pos, end) ? 0 : p;
            case '-':
                if (local_part_to_at(s, pos, end) || label_then_dot(s, pos, end))
                    return 0;
                break; /* a hyphen inside a word, or not, as below */
            default:
                break;
            }
            if (c == '.') {
                /* "word." before a blank, a quote or the end; "www." may open a link */
                /* before a non-ASCII byte (”, ’) no address or host name
                   goes on, and scan_word() ends the word at its period */
                if (more && !(next_kind & (TB_BLANK | TB_NEWLINE)) && next != '"' && next < 0x80)
                    return dotted_end(s, pos, p, end, w);
                if (p - pos == 3 && (s[pos] | 0x20) == 'w' && (s[pos + 1] | 0x20) == 'w'
                    && (s[pos + 2] | 0x20) == 'w')
                    return 0;
                return p;
            }
        }
        if (c == '\'') {
            if (next_kind & TB_LETTER) {
                w->flags |= RS_TF_APOSTROPHE;
                goto joined;
            }
        } else if (c == '-') {
            if (next_kind & TB_ALNUM) {
                w->flags |= RS_TF_HYPHEN;
                goto joined;
            }
        } else if (c == ',' || c == '.') {
            /* 1,000 and 3.14 hold together */
            if (!(starts_with_digit && (byte_kind[s[p - 1]] & TB_DIGIT)))
                return p;
            if (next_kind & TB_DIGIT)
                goto joined;
        } else if (c < 0x80) {
            return p;
        } else if (c == 0xE2 && p + 3 < end && s[p + 1] == 0x80 && s[p + 2] == 0x99
                   && (byte_kind[s[p + 3]] & TB_LETTER)) {
            /* ’ before an ASCII letter joins as ' does: three bytes, one
               character */
            w->flags |= RS_TF_APOSTROPHE;
            w->joiners += 3;
            w->uncounted += 2;
            p = alnum_run(s, p + 3, end, &w->seen, &w->digits);
            if (p == end || (byte_kind[s[p]] & (TB_BLANK | TB_NEWLINE)))
                return p;
            continue;
        } else {
            size_t len;
            rs__cc cls = class_at(s, p, end, &len);
            if (cls == RS_CC_LETTER || cls == RS_CC_DIGIT || cls == RS_CC_MARK || cls == RS_CC_FORMAT)
                return 0;
            if (cls == RS_CC_APOSTROPHE || cls == RS_CC_HYPHEN) {
                /* ’ and ‐ join only what a letter or a digit follows */
                if (p + len < end && (s[p + len] >= 0x80 || (byte_kind[s[p + len]] & TB_ALNUM)))
                    return 0;
            }
            return p;
        }
        /* a joiner before a byte that may start a letter or a digit */
        return next >= 0x80 ? 0 : p;
    joined:
        w->joiners++;
        p = alnum_run(s, p + 1, end, &w->seen, &w->digits);
        if (p == end || (byte_kind[s[p]] & (TB_BLANK | TB_NEWLINE)))
            return p;
    }
}

/* A run of ASCII blanks and line breaks at pos; 0 if a non-ASCII byte
   ends it.  Its '\n' bytes are added to *newlines. */
static size_t fast_space(const unsigned char *s, size_t pos, size_t end, rs__token *t,
                         uint64_t *newlines)
{
    uint16_t flags = 0;
    bool blank_before = false;
    size_t p = pos, nl = 0;
    for (; p < end; p++) {
        unsigned k = byte_kind[s[p]];
        if (k & TB_NEWLINE) {
            if (!(flags & RS_TF_NEWLINE) && blank_before)
                flags |= RS_TF_SPACE_BEFORE_NL;
            flags |= RS_TF_NEWLINE;
            nl += s[p] == '\n';
        } else if (k & TB_BLANK) {
            blank_before = true;
        } else {
            break;
        }
    }
    if (p < end && s[p] >= 0x80) {
        size_t len;
        rs__cc cls = class_at(s, p, end, &len);
        if (cls == RS_CC_SPACE || cls == RS_CC_NEWLINE || cls == RS_CC_FORMAT)
            return 0;
    }
    *newlines += nl;
    *t = (rs__token){.start = pos, .end = p, .cp = s[pos], .flags = flags, .type = RS_TOK_SPACE};
    return p;
}

/*
 * The token at pos by the general rules.  Returns false for format
 * characters alone, which make no token; t->end is where to go on.
 */
static RS_NOINLINE bool general_token(scanner *sc, size_t pos, const rs__token_vec *out, rs__token *tok)
{
    size_t end = sc->end;
    rs__text_stats *stats = sc->stats;
    int32_t cp;
    rs__cc cls;
    size_t n;
    if (sc->s[pos] < 0x80) {
        cp = sc->s[pos];
        cls = (rs__cc)rs__ascii_class[cp];
        n = 1;
    } else {
        bool invalid = false;
        n = rs__utf8_decode(sc->s + pos, end - pos, &cp, &invalid);
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
            size_t m = peek(sc, p, &cp, &cls);
            if (cls == RS_CC_NEWLINE) {
                if (!(t.flags & RS_TF_NEWLINE) && blank_before)
                    t.flags |= RS_TF_SPACE_BEFORE_NL;
                t.flags |= RS_TF_NEWLINE;
                stats->newlines += cp == '\n';
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
            *tok = t;
            return false;
        }
    } else if (cls == RS_CC_LETTER || cls == RS_CC_DIGIT) {
        t.type = RS_TOK_WORD;
        uint8_t kind;
        size_t e = (cp < 0x80) ? scan_link(sc, pos, &kind) : 0;
        if (e) {
            t.kind = kind;
            t.end = e;
            if (sc->s[pos] >= 'A' && sc->s[pos] <= 'Z')
                t.flags |= RS_TF_UPPER_FIRST;
            else
                t.flags |= RS_TF_LOWER_FIRST;
        } else {
            bool ascii;
            t.end = scan_word(sc, pos, &t, &ascii);
            if (t.digits == 0 && t.letters <= 2 && t.end - pos == t.letters
                && !(t.flags & (RS_TF_HYPHEN | RS_TF_APOSTROPHE))) {
                size_t d = scan_dotted(sc, pos, t.end);
                if (d) {
                    for (size_t i = t.end; i < d; i++)
                        if (ascii_letter(sc->s[i]))
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
        if (!(t.flags & RS_TF_ASCII) && count_chars(sc, pos, t.end))
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
            size_t m = peek(sc, p, &c2, &k2);
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
            if (count_chars(sc, pos, p))
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
        if (t.type == RS_TOK_PUNCT && (rs__is_terminal(cp) || rs__is_bullet(cp) || cp == ')'))
            t.flags |= RS_TF_SPLITS;
        t.end = pos + n;
        if (cls != RS_CC_CONTROL && cls != RS_CC_MARK)
            stats->characters++;
    }
    /* Count damaged bytes inside multi-code-point tokens too. */
    if ((t.type == RS_TOK_WORD && !(t.flags & RS_TF_ASCII)) || t.type == RS_TOK_SPACE) {
        for (size_t p = pos + n; p < t.end;) {
            if (sc->s[p] < 0x80) {
                p++;
                continue;
            }
            bool bad = false;
            int32_t c3;
            p += rs__utf8_decode(sc->s + p, t.end - p, &c3, &bad);
            if (bad)
                stats->invalid_utf8++;
        }
    }
    *tok = t;
    return true;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
_Static_assert(sizeof(rs__token) == 32 && offsetof(rs__token, cp) == 16
                   && offsetof(rs__token, letters) == 20 && offsetof(rs__token, digits) == 24
                   && offsetof(rs__token, flags) == 28 && offsetof(rs__token, type) == 30
                   && offsetof(rs__token, kind) == 31,
               "put_packed writes the token as four 8-byte words");
#endif

/*
 * Writes a token whose last four fields come packed in two words: cp and
 * letters, then digits, flags, type and kind, in the struct's order.  A
 * struct literal is stored field by field, eight stores; packed into four
 * words it takes four, and the tokenizer writes a token every few bytes.
 */
static inline void put_packed(rs__token *o, size_t start, size_t end, uint64_t cp_letters,
                              uint64_t rest)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    char *at = (char *)o;
    memcpy(at, &start, 8);
    memcpy(at + 8, &end, 8);
    memcpy(at + 16, &cp_letters, 8);
    memcpy(at + 24, &rest, 8);
#else
    *o = (rs__token){.start = start, .end = end, .cp = (int32_t)(uint32_t)cp_letters,
                     .letters = (uint32_t)(cp_letters >> 32), .digits = (uint32_t)rest,
                     .flags = (uint16_t)(rest >> 32), .type = (uint8_t)(rest >> 48),
                     .kind = (uint8_t)(rest >> 56)};
#endif
}

static inline void put_token(rs__token *o, size_t start, size_t end, uint32_t cp, uint32_t letters,
                             uint32_t digits, unsigned flags, unsigned type, unsigned kind)
{
    put_packed(o, start, end, cp | (uint64_t)letters << 32,
               digits | (uint64_t)flags << 32 | (uint64_t)type << 48 | (uint64_t)kind << 56);
}

/*
 * The flags and type of a token that is one ASCII byte, packed as
 * put_token packs them: punctuation (TB_PUNCT in byte_kind), the marks the
 * splitter reads (TB_SPLITS), and other singles.
 */
#define SB_PUNCT(b)                                                                           \
    ((b) == '!' || (b) == '"' || (b) == '%' || (b) == '&' || (b) == '\'' || (b) == '('       \
     || (b) == ')' || (b) == '*' || (b) == ',' || (b) == '-' || (b) == '.' || (b) == '/'      \
     || (b) == ':' || (b) == ';' || (b) == '?' || (b) == '[' || (b) == '\\' || (b) == ']'    \
     || (b) == '_' || (b) == '{' || (b) == '}')
#define SB_SPLITS(b) ((b) == '!' || (b) == ')' || (b) == '.' || (b) == '?')
#define SB(b)                                                                                 \
    ((uint64_t)(SB_SPLITS(b) ? RS_TF_SPLITS : 0) << 32                                        \
     | (uint64_t)(SB_PUNCT(b) ? RS_TOK_PUNCT : RS_TOK_OTHER) << 48)
#define SB4(b) SB(b), SB((b) + 1), SB((b) + 2), SB((b) + 3)
#define SB16(b) SB4(b), SB4((b) + 4), SB4((b) + 8), SB4((b) + 12)

static const uint64_t single_bits[128] = {
    SB16(0), SB16(16), SB16(32), SB16(48), SB16(64), SB16(80), SB16(96), SB16(112),
};

#undef SB16
#undef SB4
#undef SB
#undef SB_SPLITS
#undef SB_PUNCT

/* A token that is one byte: punctuation, a symbol or a control. */
static inline void put_single(rs__token *o, size_t pos, unsigned b)
{
    put_packed(o, pos, pos + 1, b, single_bits[b]);
}

/*
 * The ASCII word at pos by the fast rules, written to *o; returns its end,
 * or 0 for general_token to read it.  The fast loop settles the plain
 * words itself; this reads the rest, from lower_end, where the lower-case
 * letters after the first byte end.
 */
static RS_NOINLINE size_t ascii_word(const unsigned char *s, size_t pos, size_t lower_end,
                                     size_t end, rs__token *o)
{
    unsigned b = s[pos], k = byte_kind[b], kp;
    unsigned seen = k | (lower_end > pos + 1 ? TB_LOWER : 0);
    uint32_t digits = k & TB_DIGIT, joiners = 0;
    uint16_t flags = ((k >> 2) & (RS_TF_UPPER_FIRST | RS_TF_LOWER_FIRST)) | RS_TF_ASCII;
    size_t p = lower_end;
    while (p < end && ((kp = byte_kind[s[p]]) & TB_ALNUM)) {
        seen |= kp;
        digits += kp & TB_DIGIT;
        p++;
    }
    if (p < end && !(byte_kind[s[p]] & (TB_BLANK | TB_NEWLINE | TB_ENDS))
        && !(s[p] == ',' && !(k & TB_DIGIT))) {
        word_tally w = {seen, digits, 0, 0, flags};
        p = word_tail(s, pos, p, end, &w);
        if (!p)
            return 0;
        seen = w.seen;
        digits = w.digits;
        joiners = w.joiners;
        flags = w.flags;
        if (w.uncounted)
            flags &= (uint16_t)~RS_TF_ASCII;
    }
    if ((seen & (TB_UPPER | TB_LOWER)) == TB_UPPER)
        flags |= RS_TF_ALL_UPPER;
    put_token(o, pos, p, b, (uint32_t)(p - pos) - digits - joiners, digits, flags, RS_TOK_WORD,
              ((k & TB_DIGIT) && !(flags & RS_TF_HYPHEN)) ? RS_WORD_NUMBER : RS_WORD_PLAIN);
    return p;
}

/* UTF-8 continuation bytes in s[from..to). */
static size_t continuation_bytes(const unsigned char *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t p = from; p < to; p++)
        n += (s[p] & 0xC0) == 0x80;
    return n;
}

/*
 * Does the period after the plain word [pos, p) end it, as word_tail
 * decides: before a blank, a line break, a '"', a non-ASCII byte or the
 * end, unless the word is "www".
 */
static inline bool period_ends_word(const unsigned char *s, size_t pos, size_t p, size_t end)
{
    return (p + 1 == end || (byte_kind[s[p + 1]] & (TB_BLANK | TB_NEWLINE)) || s[p + 1] == '"'
            || s[p + 1] >= 0x80)
           && !(p - pos == 3 && (s[pos] | 0x20) == 'w' && s[pos + 1] == 'w' && s[pos + 2] == 'w');
}

/*
 * A plain word (its first byte an ASCII letter or digit, the rest
 * lower-case letters) as put_token packs it, by its first byte: the cp and
 * letters word less the word's length (shifted up 32), and the digits,
 * flags, type and kind word for a word of one byte and for a longer one
 * (which is not RS_TF_ALL_UPPER).  Those of a letter hold RS_TF_LOWER_TAIL,
 * which the fast loop's words keep: the others drop it.
 */
typedef struct plain_word {
    uint64_t cp_letters;
    uint64_t rest[2]; /* [0] a word of one byte, [1] a longer one: an index, not a branch */
} plain_word;

/* RS_TF_LOWER_TAIL in the flags, type and kind word */
#define PW_LOWER_TAIL ((uint64_t)RS_TF_LOWER_TAIL << 32)

#define PW_DIGIT(b) ((b) >= '0' && (b) <= '9')
#define PW_UPPER(b) ((b) >= 'A' && (b) <= 'Z')
#define PW_LOWER(b) ((b) >= 'a' && (b) <= 'z')
#define PW_REST(digits, flags, kind)                                                          \
    ((uint64_t)(digits) | (uint64_t)((flags) | RS_TF_ASCII) << 32                             \
     | (uint64_t)RS_TOK_WORD << 48 | (uint64_t)(kind) << 56)
#define PW_RESTS(b, one)                                                                      \
    (PW_DIGIT(b)   ? PW_REST(1, 0, RS_WORD_NUMBER)                                            \
     : PW_UPPER(b) ? PW_REST(0, RS_TF_UPPER_FIRST | RS_TF_LOWER_TAIL                          \
                                    | ((one) ? RS_TF_ALL_UPPER : 0), RS_WORD_PLAIN)           \
     : PW_LOWER(b) ? PW_REST(0, RS_TF_LOWER_FIRST | RS_TF_LOWER_TAIL, RS_WORD_PLAIN)          \
                   : 0)
#define PW(b) {(uint64_t)(b) - ((uint64_t)PW_DIGIT(b) << 32), {PW_RESTS(b, 1), PW_RESTS(b, 0)}}
#define PW4(b) PW(b), PW((b) + 1), PW((b) + 2), PW((b) + 3)
#define PW16(b) PW4(b), PW4((b) + 4), PW4((b) + 8), PW4((b) + 12)

static const plain_word plain_words[128] = {
    PW16(0), PW16(16), PW16(32), PW16(48), PW16(64), PW16(80), PW16(96), PW16(112),
};

#undef PW16
#undef PW4
#undef PW
#undef PW_RESTS
#undef PW_REST
#undef PW_LOWER
#undef PW_UPPER
#undef PW_DIGIT

/*
 * Does the byte after a plain word's lower-case letters, of kind kc, end
 * it where the word's first byte is of kind k: a blank, a line break, a
 * mark that ends any word, or a comma after a word that starts with no
 * digit (1,000 goes on).
 */
static inline bool plain_word_end(unsigned k, unsigned kc)
{
    return (kc & (TB_BLANK | TB_NEWLINE | TB_ENDS | TB_COMMA)) && !((kc & TB_COMMA) && (k & TB_DIGIT));
}

/* The plain word [pos, p) (plain_word), RS_TF_LOWER_TAIL where tail_mask
   has it. */
static inline void put_plain_word(rs__token *o, const unsigned char *s, size_t pos, size_t p,
                                  uint64_t tail_mask)
{
    const plain_word *w = &plain_words[s[pos]];
    uint64_t cp_letters = w->cp_letters + ((uint64_t)(p - pos) << 32);
    put_packed(o, pos, p, cp_letters,
               w->rest[p > pos + 1] & (tail_mask | ~PW_LOWER_TAIL));
}

#if defined(__SSE2__) && defined(__GNUC__) && !defined(RS_TOKENIZER_NO_WIDE)
#define WIDE_WORDS 1

/*
 * The offset of the lowest bit set in x (x != 0), as a size_t.  The words
 * loop below takes one per word: __builtin_ctzll() costs it a sign
 * extension of its int and a register cleared before each tzcnt.  The
 * encoding of tzcnt runs as bsf where BMI1 is missing, and both give the
 * same for x != 0.
 */
static inline size_t lowest_bit(uint64_t x)
{
#if defined(__x86_64__)
    uint64_t n;
    __asm__("tzcntq %1, %0" : "=r"(n) : "rm"(x) : "cc");
    return (size_t)n;
#else
    return (unsigned)__builtin_ctzll(x);
#endif
}

/* The bytes one classification covers: a 64-bit mask a class. */
enum { WIDE_BLOCK = 64 };

typedef struct wide_block {
    uint64_t blank_word; /* a ' ' before an ASCII letter or digit (below blank_limit) */
    /* a byte that is no lower-case ASCII letter, no such blank and no
       word's first byte after one: where a word ends otherwise (and the
       block's last two bytes, whose next bytes it does not hold) */
    uint64_t other_end;
    size_t base; /* where the block starts in the text */
} wide_block;

/* The masks of the WIDE_BLOCK bytes from base (and the byte after
   them), sixteen at a time, with the blanks from blank_limit on left out. */
static inline wide_block wide_classify(const unsigned char *s, size_t base, size_t blank_limit)
{
    const unsigned char *q = s + base;
    uint64_t not_lower = 0, blank_word = 0;
#if defined(__clang__)
#pragma clang loop unroll(full)
#elif defined(__GNUC__)
#pragma GCC unroll 4
#endif
    for (unsigned i = 0; i < WIDE_BLOCK / 16; i++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(q + 16 * i));
        __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(q + 16 * i + 1));
        /* less 'a', the lower-case letters are 0..25; a saturating add of
           128 - 26 sets the top bit of every other byte (lower_stops) */
        __m128i not_lower16 =
            _mm_adds_epu8(_mm_sub_epi8(x, _mm_set1_epi8('a')), _mm_set1_epi8(128 - 26));
        /* the same for letters of either case (OR 0x20 lowers them and
           makes no other byte a letter) and for digits */
        __m128i next_not_letter = _mm_adds_epu8(
            _mm_sub_epi8(_mm_or_si128(next, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')),
            _mm_set1_epi8(128 - 26));
        __m128i next_not_digit =
            _mm_adds_epu8(_mm_sub_epi8(next, _mm_set1_epi8('0')), _mm_set1_epi8(128 - 10));
        __m128i blank_word16 = _mm_andnot_si128(_mm_and_si128(next_not_letter, next_not_digit),
                                                _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        not_lower |= (uint64_t)(unsigned)_mm_movemask_epi8(not_lower16) << (16 * i);
        blank_word |= (uint64_t)(unsigned)_mm_movemask_epi8(blank_word16) << (16 * i);
    }
    /* the walk needs the byte after a blank's and a mark's word start */
    not_lower |= UINT64_C(3) << 62;
    blank_word &= ~(UINT64_C(3) << 62);
    size_t blanks = blank_limit > base ? blank_limit - base : 0;
    if (blanks < WIDE_BLOCK)
        blank_word &= (UINT64_C(1) << blanks) - 1;
    return (wide_block){blank_word, not_lower & ~blank_word & ~(blank_word << 1), base};
}

/*
 * RS_TF_LOWER_TAIL for the plain word [start, e) as the fast loop gives
 * it: a word of more than LOWER_CHUNK bytes after its first gets it only
 * where the chunk holding its end is whole before end (lower_run_stop());
 * the others do (their LOWER_CHUNK bytes after the first are readable:
 * wide_limit).
 */
static uint64_t wide_tail_mask(size_t start, size_t e, size_t end)
{
    size_t p = start + 1;
    if (e - p < LOWER_CHUNK)
        return ~UINT64_C(0);
    size_t chunk = p + (e - p) / LOWER_CHUNK * LOWER_CHUNK;
    return end - chunk >= LOWER_CHUNK ? ~UINT64_C(0) : 0;
}

/* What wide_words() keeps between its calls from one fast_tokens(). */
typedef struct wide_state {
    wide_block block;   /* the last block classified (base SIZE_MAX: none yet) */
    size_t limit;       /* where a block may start: below it */
    size_t blank_limit; /* where a blank may end a word: below it */
    size_t end;         /* the end of the text */
} wide_state;

typedef struct wide_run {
    size_t pos;
    rs__token *o;
    uint64_t chars;
} wide_run;

/*
 * From the word start pos, the plain words of prose that the fast loop's
 * hot path writes as put_plain_word() and one blank before the next word
 * (or a mark and then that blank), found from masks of WIDE_BLOCK bytes.
 * Stops at the first word it does not settle, or at limit.  Inside the
 * fast loop: it stops about three times a paragraph, and a call each time
 * cost more than the registers it shares.
 */
static RS_ALWAYS_INLINE wide_run wide_words(const unsigned char *s, size_t pos, rs__token *o,
                                            wide_state *state)
{
    rs__token *o_from = o;
    size_t marks = 0;
    size_t limit = state->limit, blank_limit = state->blank_limit, end = state->end;
    /* a word ending from here on may be one the fast loop does not flag
       RS_TF_LOWER_TAIL (wide_tail_mask()) */
    size_t late = end > LOWER_CHUNK - 1 ? end - (LOWER_CHUNK - 1) : 0;
    wide_block b = state->block;
    if (pos < b.base || pos - b.base >= WIDE_BLOCK - 16)
        b = wide_classify(s, pos, blank_limit);
    size_t base = b.base, i = pos - base;
    for (;;) {
        /* i <= WIDE_BLOCK - 2: the words from i that end in a blank
           before the next word are the blanks up to x, where the first
           word ends in something else */
        uint64_t after = ~UINT64_C(1) << i;
        size_t x = (unsigned)__builtin_ctzll(b.other_end & after);
        uint64_t run = b.blank_word & after & ((UINT64_C(1) << x) - 1);
        size_t start = base + i;
        rs__token *first = o;
        while (run) {
            size_t e = base + lowest_bit(run);
            run &= run - 1;
            put_plain_word(o, s, start, e, ~UINT64_C(0));
            put_token(o + 1, e, e + 1, ' ', 0, 0, 0, RS_TOK_SPACE, 0);
            o += 2;
            start = e + 1;
        }
        if (RS_UNLIKELY(start > late)) {
            /* only a word ending at late or after may lose it (its last
               chunk starts past end - LOWER_CHUNK): the run's last words */
            for (rs__token *w = o; w > first && w[-2].end >= late;) {
                w -= 2;
                if (!wide_tail_mask(w->start, w->end, end))
                    w->flags &= (uint16_t)~RS_TF_LOWER_TAIL;
            }
        }
        i = start - base;
        if (x >= WIDE_BLOCK - 2) {
            if (i == 0 || start >= limit)
                break;
            base = start;
            i = 0;
            b = wide_classify(s, base, blank_limit);
            continue;
        }
        unsigned c = s[base + x], kc = byte_kind[c];
        if (!((b.blank_word >> (x + 1)) & 1) || !(kc & TB_SINGLE) || (kc & TB_CONTROL))
            break;
        /* the fast loop's test of what ends a plain word (a blank follows) */
        if (!plain_word_end(byte_kind[s[start]], kc)
            && !(c == '.' && period_ends_word(s, start, base + x, end)))
            break;
        put_plain_word(o, s, start, base + x, wide_tail_mask(start, base + x, end));
        put_single(o + 1, base + x, c);
        put_token(o + 2, base + x + 1, base + x + 2, ' ', 0, 0, 0, RS_TOK_SPACE, 0);
        o += 3;
        marks++;
        i = x + 2;
    }
    state->block = b;
    /* a character a byte, but the blanks: one after each word and mark,
       and a word before each mark */
    size_t spaces = ((size_t)(o - o_from) - marks) / 2;
    return (wide_run){base + i, o, base + i - pos - spaces};
}
#else
#define WIDE_WORDS 0
#endif

/*
 * The punctuation from U+2000 on that prose uses most, by the last byte of
 * its UTF-8 form E2 80 xx (a bit per xx - 0x80): U+2010 to U+2015 (hyphens
 * and dashes), U+2018, U+2019, U+201C, U+201D (curly quotes), U+2022 (the
 * bullet) and U+2026 (the ellipsis); and those of them that are
 * RS_TF_SPLITS.  Each is a punctuation token by itself.
 */
#define COMMON_PUNCT_E2_80                                                                    \
    (0x3Full << 0x10 | 1ull << 0x18 | 1ull << 0x19 | 1ull << 0x1C | 1ull << 0x1D | 1ull << 0x22 \
     | 1ull << 0x26)
#define SPLITS_PUNCT_E2_80 (1ull << 0x22 | 1ull << 0x26)

static inline bool common_punct_at(const unsigned char *s, size_t pos, size_t end)
{
    return s[pos] == 0xE2 && end - pos >= 3 && s[pos + 1] == 0x80 && s[pos + 2] >= 0x80
           && s[pos + 2] < 0xC0 && ((COMMON_PUNCT_E2_80 >> (s[pos + 2] - 0x80)) & 1);
}

/*
 * In the fast loop, the end of the word at pos whose first byte is a
 * letter and whose lower-case letters after it end at p (pos < p <= pos +
 * LOWER_CHUNK) in ', ’ or -, when one more run of lower-case letters
 * follows it inside the chunk whose lower_stops() from pos + 1 are stops,
 * and the byte after that run ends the word as word_tail() reads it: a
 * blank, a line break, a byte that ends any word, a comma, or a period
 * before a blank, a line break or a byte that ends any word (so that no
 * address or host name goes on from pos, and no link starts there).  The
 * joiner's length goes to *join; returns 0 for the general rules to
 * decide.  The bytes up to one past that end are in the text (the fast
 * loop's hot_limit).
 */
static inline size_t joined_word_end(const unsigned char *s, size_t pos, size_t p,
                                     lower_stops_t stops, size_t *join)
{
    size_t n;
    if (s[p] == '\'' || s[p] == '-')
        n = 1;
    else if (s[p] == 0xE2)
        n = 3;
    else
        return 0;
    /* the first byte after the joiner, as an offset into the chunk */
    size_t after = p + n - (pos + 1);
    if (after >= LOWER_CHUNK || (stops & stop_at(after)))
        return 0;
    if (n == 3 && !(s[p + 1] == 0x80 && s[p + 2] == 0x99))
        return 0; /* not ’ */
    stops &= ~(stop_at(after) - 1);
    if (!stops)
        return 0;
    size_t e = pos + 1 + first_stop(stops);
    unsigned ke = byte_kind[s[e]];
    if (!(ke & (TB_BLANK | TB_NEWLINE | TB_ENDS)) && s[e] != ','
        && !(s[e] == '.' && (byte_kind[s[e + 1]] & (TB_BLANK | TB_NEWLINE | TB_ENDS))))
        return 0;
    *join = n;
    return e;
}

/*
 * In the fast loop, the word at pos whose first byte is a letter and
 * whose lower-case letters after it end at p in a joiner or a colon,
 * written to *o as ascii_word() writes it, without its calls: don't,
 * don’t, well-known (joined_word_end()), "word--" and "word-", and
 * "word:" where no http:, https: or ftp: can open a link.  Returns its
 * end, or 0 for the rules after the fast loop's have_end.  Out of the
 * loop, so that the plain words' registers are not its.
 */
static RS_NOINLINE size_t hot_joined_word(const unsigned char *s, size_t pos, size_t p,
                                          lower_stops_t stops, rs__token *o)
{
    unsigned c = s[p];
    if (c == ':') {
        if ((s[pos] | 0x20) == 'h' || (s[pos] | 0x20) == 'f')
            return 0;
        put_plain_word(o, s, pos, p, 0);
        return p;
    }
    if (c == 0xE2) {
        /* a dash, a quote, the bullet or the ellipsis ends the word (but
           ‐ and ‑ join what a letter or a digit follows), and so does ’
           before an ASCII byte that is no letter or digit */
        size_t after = p + 3 - (pos + 1);
        if (after >= LOWER_CHUNK || s[p + 1] != 0x80)
            return 0;
        unsigned third = s[p + 2] - 0x80u, next = s[p + 3];
        if (third >= 0x40)
            return 0;
        if (third == 0x19 ? next < 0x80 && !(byte_kind[next] & TB_ALNUM)
                          : ((COMMON_PUNCT_E2_80 & ~(3ull << 0x10)) >> third) & 1) {
            put_plain_word(o, s, pos, p, 0);
            return p;
        }
    }
    if (c == '-' && !(byte_kind[s[p + 1]] & TB_ALNUM)) {
        /* "word--word", "word-": one or two hyphens that join nothing,
           then a run of lower-case letters or none, then a byte no
           address or host name can hold; so no link starts at pos, and
           the word ends at its hyphen */
        size_t j = p + 1 + (s[p + 1] == '-'), q = j, at = j - (pos + 1);
        if (at >= LOWER_CHUNK)
            return 0;
        if (!(stops & stop_at(at))) {
            stops &= ~(stop_at(at) - 1);
            if (!stops)
                return 0;
            q = pos + 1 + first_stop(stops);
        }
        if (!(byte_kind[s[q]] & (TB_BLANK | TB_NEWLINE | TB_ENDS)) && s[q] != ','
            && !(s[q] == '.' && (byte_kind[s[q + 1]] & (TB_BLANK | TB_NEWLINE | TB_ENDS))))
            return 0;
        put_plain_word(o, s, pos, p, 0);
        return p;
    }
    size_t join;
    size_t e = joined_word_end(s, pos, p, stops, &join);
    if (e)
        put_token(o, pos, e, s[pos], (uint32_t)(e - pos - join), 0,
                  ((byte_kind[s[pos]] >> 2) & (RS_TF_UPPER_FIRST | RS_TF_LOWER_FIRST))
                      | (join == 1 ? RS_TF_ASCII : 0)
                      | (c == '-' ? RS_TF_HYPHEN : RS_TF_APOSTROPHE),
                  RS_TOK_WORD, RS_WORD_PLAIN);
    return e;
}

/*
 * Appends the tokens the fast paths settle from pos on, as many as fit in
 * the room left in out, and returns where it stopped: at end, at a full
 * vector, or (*general set) at a token for general_token.  Its own loop, so
 * that the registers of the general rules are not this loop's.
 */
static size_t fast_tokens(const unsigned char *s, size_t pos, size_t end, size_t readable_end,
                          rs__token_vec *out, uint64_t *characters, uint64_t *newlines,
                          bool *general)
{
    rs__token *o = out->items + out->count;
    /* Every token takes a byte at least: the tokens starting before stop
       fit in the room left, and one test per token settles both limits. */
    size_t room = out->cap - out->count;
    size_t stop = end - pos > room ? pos + room : end;
    /* A word starting below hot_limit has its chunk of LOWER_CHUNK bytes
       after its first byte in the text, and if it ends in that chunk, the
       two bytes after its end and the one after those start tokens before
       stop: one test per word stands for the three. */
    size_t hot_limit = stop > LOWER_CHUNK + 2 ? stop - (LOWER_CHUNK + 2) : 0;
#if WIDE_WORDS
    /* wide_words() reads a block of WIDE_BLOCK bytes from a word start
       below wide_limit, and sixteen more after its words' first bytes
       (RS_TF_LOWER_TAIL) */
    size_t wide_limit = 0;
    if (readable_end - pos > WIDE_BLOCK + LOWER_CHUNK)
        wide_limit = readable_end - (WIDE_BLOCK + LOWER_CHUNK);
    if (wide_limit > stop)
        wide_limit = stop;
    /* a blank that ends a word is one whose next token starts before stop */
    wide_state wide = {{0, 0, SIZE_MAX}, wide_limit, stop - 1, end};
#endif
    uint64_t chars = 0;
    /* k: the kind of the byte at pos; c and kc: the byte after the last
       token and its kind (TB_ENDS at the end). */
    unsigned k = byte_kind[s[pos]], c, kc;
    for (;;) {
        if (RS_LIKELY(k & TB_ALNUM)) {
            /* The plain word: its first letter or digit, lower-case letters,
               and a blank, a line break, or a mark that ends it. */
#if WIDE_WORDS
            if (pos < wide_limit) {
                wide_run run = wide_words(s, pos, o, &wide);
                pos = run.pos;
                o = run.o;
                chars += run.chars;
                k = byte_kind[s[pos]];
            }
#endif
            size_t p = pos + 1;
            /* RS_TF_LOWER_TAIL where sixteen bytes from pos may be read */
            uint64_t tail_mask = 0;
            if (RS_LIKELY(pos < hot_limit)) {
                /* the usual words of prose, and one blank after them */
                lower_stops_t stops = lower_stops(s + p);
                if (RS_LIKELY(stops != 0)) {
                    p += first_stop(stops);
                    c = s[p];
                    kc = byte_kind[c];
                    tail_mask = LOWER_CHUNK >= 15 ? ~UINT64_C(0) : 0;
                    if (RS_LIKELY(plain_word_end(k, kc))
                        || (c == '.' && period_ends_word(s, pos, p, end))) {
                        put_plain_word(o++, s, pos, p, tail_mask);
                        chars += p - pos; /* ASCII: a character a byte */
                        pos = p;
                        if (kc & TB_BLANK) {
                            k = byte_kind[s[pos + 1]];
                            if (k & (TB_ALNUM | TB_SINGLE)) {
                                put_token(o++, pos, pos + 1, c, 0, 0, 0, RS_TOK_SPACE, 0);
                                pos++;
                                continue;
                            }
                        } else if (kc & TB_SINGLE) {
                            /* "word," "word." "word)": the mark, and one
                               blank before a word or a mark */
                            put_single(o++, pos, c);
                            chars += !(kc & TB_CONTROL);
                            pos++;
                            unsigned c2 = s[pos];
                            kc = byte_kind[c2];
                            if (kc & TB_BLANK) {
                                k = byte_kind[s[pos + 1]];
                                if (k & (TB_ALNUM | TB_SINGLE)) {
                                    put_token(o++, pos, pos + 1, c2, 0, 0, 0, RS_TOK_SPACE, 0);
                                    pos++;
                                    continue;
                                }
                            }
                        }
                        k = kc;
                        continue;
                    }
                    if ((kc & TB_JOINS) && (k & TB_LETTER)) {
                        size_t e = hot_joined_word(s, pos, p, stops, o);
                        if (e) {
                            /* ’ is one character of three bytes */
                            chars += e - pos - (o->flags & RS_TF_ASCII ? 0 : 2);
                            o++;
                            pos = e;
                            c = s[pos];
                            kc = byte_kind[c];
                            goto after_token;
                        }
                    }
                    goto have_end;
                }
                p = lower_run_stop(s, p + LOWER_CHUNK, end);
                if (p != 0) {
                    c = s[p];
                    kc = byte_kind[c];
                    tail_mask = LOWER_CHUNK >= 15 ? ~UINT64_C(0) : 0;
                    goto have_end;
                }
                p = pos + 1;
            } else if (RS_LIKELY(end - p >= LOWER_CHUNK)) {
                /* most words end in their first chunk */
                lower_stops_t stops = lower_stops(s + p);
                if (RS_LIKELY(stops != 0)) {
                    p += first_stop(stops);
                    c = s[p];
                    kc = byte_kind[c];
                    tail_mask = LOWER_CHUNK >= 15 ? ~UINT64_C(0) : 0;
                    goto have_end;
                }
                p = lower_run_stop(s, p + LOWER_CHUNK, end);
                if (p != 0) {
                    c = s[p];
                    kc = byte_kind[c];
                    tail_mask = LOWER_CHUNK >= 15 ? ~UINT64_C(0) : 0;
                    goto have_end;
                }
                p = pos + 1;
            } else if (readable_end - p >= LOWER_CHUNK) {
                /* near the end, where the bytes after it may be read: the
                   chunk as if the end were a stop */
                p += first_stop(lower_stops(s + p) | stop_at(end - p));
                if (p < end) {
                    c = s[p];
                    kc = byte_kind[c];
                } else {
                    c = 0;
                    kc = TB_ENDS;
                }
                tail_mask = LOWER_CHUNK >= 15 ? ~UINT64_C(0) : 0;
                goto have_end;
            }
            /* the last bytes of the text, and words of lower-case letters
               up to them */
            p = lower_run(s, p, end);
            while (p < end && (byte_kind[s[p]] & TB_LOWER))
                p++;
            if (p < end) {
                c = s[p];
                kc = byte_kind[c];
            } else {
                c = 0;
                kc = TB_ENDS;
            }
        have_end:
            if (RS_LIKELY(plain_word_end(k, kc)) || (c == '.' && period_ends_word(s, pos, p, end))) {
                put_plain_word(o++, s, pos, p, tail_mask);
                chars += p - pos; /* ASCII: a character a byte */
                pos = p;
                goto after_token;
            }
            if ((k & TB_DIGIT) && (kc & TB_DIGIT) && p == pos + 1) {
                /* a number of digits only, ending where ascii_word() would
                   end it without a look at what follows */
                size_t q = p + 1;
                while (q < end && (byte_kind[s[q]] & TB_DIGIT))
                    q++;
                if (q < end) {
                    c = s[q];
                    kc = byte_kind[c];
                } else {
                    c = 0;
                    kc = TB_ENDS;
                }
                if (kc & (TB_BLANK | TB_NEWLINE | TB_ENDS)) {
                    put_token(o++, pos, q, s[pos], 0, (uint32_t)(q - pos), RS_TF_ASCII,
                              RS_TOK_WORD, RS_WORD_NUMBER);
                    chars += q - pos;
                    pos = q;
                    goto after_token;
                }
            }
            p = ascii_word(s, pos, p, end, o);
            if (!p) {
                *general = true;
                break;
            }
            o++;
            chars += p - pos;
            /* a word with ’: its bytes after the first of each code point
               are no characters */
            if (RS_UNLIKELY(!(o[-1].flags & RS_TF_ASCII)))
                chars -= continuation_bytes(s, pos, p);
            pos = p;
        } else if (k & TB_SINGLE) {
            put_single(o++, pos, s[pos]);
            chars += !(k & TB_CONTROL);
            pos++;
        } else if (k & (TB_BLANK | TB_NEWLINE)) {
            size_t next = fast_space(s, pos, end, o, newlines);
            if (!next) {
                *general = true;
                break;
            }
            o++;
            pos = next;
            if (pos >= stop)
                break;
            k = byte_kind[s[pos]];
            continue;
        } else if (common_punct_at(s, pos, end)) {
            /* dashes, curly quotes, the bullet and the ellipsis: what
               general_token makes of them, without its decoding */
            unsigned third = s[pos + 2] - 0x80u;
            put_token(o++, pos, pos + 3, 0x2000u + third, 0, 0,
                      (SPLITS_PUNCT_E2_80 >> third) & 1 ? RS_TF_SPLITS : 0, RS_TOK_PUNCT, 0);
            chars++;
            pos += 3;
        } else {
            *general = true;
            break;
        }
        if (pos < end) {
            c = s[pos];
            kc = byte_kind[c];
        } else {
            c = 0;
            kc = TB_ENDS;
        }
    after_token:
        /* the usual next token: one blank before a word or a mark (pos <
           stop, as that asks) */
        if ((kc & TB_BLANK) && pos + 1 < stop) {
            unsigned k2 = byte_kind[s[pos + 1]];
            if (k2 & (TB_ALNUM | TB_SINGLE)) {
                put_token(o++, pos, pos + 1, c, 0, 0, 0, RS_TOK_SPACE, 0);
                pos++;
                k = k2;
                continue;
            }
        }
        if (pos >= stop)
            break;
        k = kc;
    }
    out->count = (size_t)(o - out->items);
    *characters += chars;
    return pos;
}

rs_status rs__tokenize(const rs_allocator *alloc, const char *text, size_t start, size_t end,
                       rs__token_vec *out, rs__text_stats *stats)
{
    return rs__tokenize_readable(alloc, text, start, end, end, out, stats);
}

rs_status rs__tokenize_readable(const rs_allocator *alloc, const char *text, size_t start,
                                size_t end, size_t readable_end, rs__token_vec *out,
                                rs__text_stats *stats)
{
    scanner sc = {.s = (const unsigned char *)text, .end = end, .stats = stats};
    size_t pos = start;
    while (pos < end) {
        if (out->count == out->cap) {
            rs_status st = rs__grow(alloc, (void **)&out->items, &out->cap, out->count + 1,
                                    sizeof *out->items);
            if (st != RS_OK)
                return st;
        }
        bool general = false;
        pos = fast_tokens(sc.s, pos, end, readable_end, out, &stats->characters, &stats->newlines,
                          &general);
        if (!general)
            continue;
        if (out->count == out->cap) {
            rs_status st = rs__grow(alloc, (void **)&out->items, &out->cap, out->count + 1,
                                    sizeof *out->items);
            if (st != RS_OK)
                return st;
        }
        rs__token *t = &out->items[out->count];
        if (general_token(&sc, pos, out, t))
            out->count++;
        pos = t->end;
    }
    return RS_OK;
}
