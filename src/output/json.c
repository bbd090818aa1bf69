/*
 * json.c: the report as JSON.
 *
 * This file is a consumer of the public API (readstat.h): what it prints
 * comes from the report accessors, so any other program could write the
 * same output.  It borrows the library's UTF-8 decoder, and reads a streamed
 * report's section headings and truncation count from its layout.  It never
 * allocates: output goes through a fixed buffer that is handed to the
 * caller's rs_write_fn in large chunks.
 */
#include "readstat.h"
#include "doc/report.h" /* a streamed report: its sections' headings, how many it left out */
#include "text/utf8.h" /* the library's one decoder: same U+FFFD rule everywhere */
#include "output/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Nesting in the schema never goes deeper than 4; 16 leaves room. */
#define JSON_MAX_DEPTH 16
#define JSON_BUFFER_SIZE 16384

/*
 * A member's key as it is written: "name": and a space, which compact output
 * leaves out, in a slot that is copied whole.  A copy of a known size is a
 * few instructions, where strlen() and memcpy() of each key were most of
 * the cost of a member; the bytes after the key are scratch that the next
 * write covers.
 */
enum { KEY_SLOT = 32 };
typedef struct json_key {
    char head[KEY_SLOT];
    unsigned char len; /* with the space; 0 where the name did not fit */
} json_key;

/* The keys this file writes, each once here. */
#define JSON_KEYS(X)                                                                           \
    X(readstat) X(source) X(format) X(language) X(meta) X(counts) X(characters) X(letters)     \
    X(words) X(sentences) X(syllables) X(paragraphs) X(monosyllables) X(polysyllables)         \
    X(complex_words) X(long_words) X(difficult_words) X(unfamiliar_words) X(cjk_chars)         \
    X(images) X(digits) X(unscored_words) X(readability) X(reading_time) X(seconds)            \
    X(minutes) X(wpm) X(page) X(sections) X(heading) X(level) X(parent) X(boilerplate)         \
    X(start) X(end) X(blocks) X(kind) X(role) X(text) X(block) X(grade)                        \
    X(sections_truncated) X(warnings) X(invalid_utf8)

#define KEY_HEAD(name) "\"" #name "\": "
#define KEY_ID(name) KEY_ID_##name,
#define KEY_ENTRY(name) {KEY_HEAD(name), sizeof KEY_HEAD(name) - 1},
enum { JSON_KEYS(KEY_ID) KEY_ID__COUNT };
static const json_key json_keys[KEY_ID__COUNT] = {JSON_KEYS(KEY_ENTRY)};
#define KEY(name) (&json_keys[KEY_ID_##name])

typedef struct json_writer {
    rs_write_fn write;
    void *ud;
    bool failed;
    bool pretty;
    int depth;
    /* Whether the container at each depth already holds a member, i.e.
     * whether the next one needs a comma. */
    bool has_member[JSON_MAX_DEPTH];
    /* the scores' names as keys, made once for every readability object */
    json_key score_key[RS_SCORE__COUNT];
    size_t used;
    char buf[JSON_BUFFER_SIZE];
} json_writer;

static void jw_flush(json_writer *w)
{
    if (w->used > 0 && !w->failed && w->write(w->ud, w->buf, w->used) != 0)
        w->failed = true;
    w->used = 0;
}

/* The part of jw_raw() that flushes: kept out of line, jw_raw() is everywhere. */
static void jw_raw_flushing(json_writer *w, const char *s, size_t len)
{
    while (len > 0 && !w->failed) {
        if (w->used == JSON_BUFFER_SIZE)
            jw_flush(w);
        size_t room = JSON_BUFFER_SIZE - w->used;
        size_t n = len < room ? len : room;
        memcpy(w->buf + w->used, s, n);
        w->used += n;
        s += n;
        len -= n;
    }
}

static inline void jw_raw(json_writer *w, const char *s, size_t len)
{
    if (len <= JSON_BUFFER_SIZE - w->used && !w->failed) {
        memcpy(w->buf + w->used, s, len);
        w->used += len;
    } else {
        jw_raw_flushing(w, s, len);
    }
}

static void jw_cstr(json_writer *w, const char *s)
{
    jw_raw(w, s, strlen(s));
}

/*
 * Room for n more bytes at the end of the buffer, flushing it first if need
 * be (n is at most JSON_BUFFER_SIZE).  The caller writes there and adds
 * what it wrote to w->used; it may write past that (scratch, never sent).
 */
static inline char *jw_space(json_writer *w, size_t n)
{
    if (JSON_BUFFER_SIZE - w->used < n)
        jw_flush(w);
    return w->buf + w->used;
}

/* A line break and two spaces a level, JSON_MAX_DEPTH levels deep. */
static const char indent[] = "\n                                ";
enum { INDENT_MAX = sizeof indent - 1 };
_Static_assert(INDENT_MAX - 1 == 2 * JSON_MAX_DEPTH, "the indent covers every depth");

/* At out, which has room for INDENT_MAX bytes: returns the end of the indent. */
static inline char *put_newline_indent(const json_writer *w, char *out)
{
    memcpy(out, indent, INDENT_MAX);
    return out + 1 + 2 * (size_t)w->depth;
}

/* ------------------------------------------------------------------ */
/* Strings                                                              */

/* One code point, or -1 for a damaged sequence (one U+FFFD each). */
static size_t utf8_decode(const unsigned char *s, size_t len, long *cp)
{
    int32_t c;
    bool invalid = false;
    size_t n = rs__utf8_decode(s, len, &c, &invalid);
    *cp = invalid ? -1 : c;
    return n;
}

/* Unicode White_Space: the whole property, small enough to list. */
static bool is_unicode_space(long cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Printable ASCII but the space, '"' and '\\': goes out as it is in any string. */
static inline bool verbatim_ascii(unsigned char c)
{
    return c > 0x20 && c < 0x80 && c != '"' && c != '\\';
}

#if defined(__SSE2__)
static inline __m128i load16(const unsigned char *s)
{
    return _mm_loadu_si128((const __m128i *)(const void *)s);
}

/* The bytes of v that no string takes as they are: below ' ', above 0x7F, '"', '\\'. */
static inline __m128i odd_bytes(__m128i v)
{
    /* signed: the bytes below ' ' and those from 0x80 up at once */
    return _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(' ')),
                        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
}

/*
 * Of the 16 bytes at s, a bit for each that the scan in verbatim_end() must
 * stop at: a byte below ' ' or above 0x7F, '"', '\\', and with collapse_space
 * a space, unless it is a single one between what was written (after_text
 * for the first byte) and a verbatim byte.  A space at the last byte is
 * reported, since the byte after it is not looked at: the caller checks it.
 */
static inline unsigned verbatim_stops(const unsigned char *s, bool collapse_space, bool after_text)
{
    __m128i v = load16(s);
    unsigned stops = (unsigned)_mm_movemask_epi8(odd_bytes(v));
    if (!collapse_space)
        return stops;
    unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    unsigned verbatim = ~(stops | spaces) & 0xFFFF;
    unsigned kept = spaces & (verbatim >> 1) & (after_text ? 0xFFFF : 0xFFFE);
    return stops | (spaces & ~kept);
}

/* The bytes of the 16 at s that start a run of white space: a space before a
   space or an odd byte (s[16] is read). */
static inline __m128i spaces_not_kept(const unsigned char *s)
{
    const __m128i space = _mm_set1_epi8(' ');
    __m128i next = load16(s + 1);
    return _mm_and_si128(_mm_cmpeq_epi8(load16(s), space),
                         _mm_or_si128(odd_bytes(next), _mm_cmpeq_epi8(next, space)));
}

/*
 * Whether none of the 64 bytes at s is one to stop at, with after_text: a
 * test for the common case, four times the stride of verbatim_stops().
 * With collapse_space s[64] is read too, the byte after a last space.
 */
static inline bool verbatim_64(const unsigned char *s, bool collapse_space)
{
    __m128i any = _mm_or_si128(_mm_or_si128(odd_bytes(load16(s)), odd_bytes(load16(s + 16))),
                               _mm_or_si128(odd_bytes(load16(s + 32)), odd_bytes(load16(s + 48))));
    if (collapse_space) {
        __m128i runs = _mm_or_si128(_mm_or_si128(spaces_not_kept(s), spaces_not_kept(s + 16)),
                                    _mm_or_si128(spaces_not_kept(s + 32), spaces_not_kept(s + 48)));
        any = _mm_or_si128(any, runs);
    }
    return _mm_movemask_epi8(any) == 0;
}

/*
 * For n bytes at s, from 4 to 15 (a word, a name), without collapse_space:
 * a bit at the first that needs escaping, or at n.  Its first and last 8 or
 * 4 bytes, which overlap, are loaded as they are: no copy.
 */
static inline unsigned short_stops(const unsigned char *s, size_t n)
{
    uint64_t head, tail;
    unsigned k;
    if (n >= 8) {
        memcpy(&head, s, 8);
        memcpy(&tail, s + n - 8, 8);
        k = 8;
    } else {
        uint32_t head32, tail32;
        memcpy(&head32, s, 4);
        memcpy(&tail32, s + n - 4, 4);
        head = head32;
        tail = tail32;
        k = 4;
    }
    __m128i v = _mm_set_epi64x((long long)tail, (long long)head);
    unsigned odd = (unsigned)_mm_movemask_epi8(odd_bytes(v));
    unsigned in_head = odd & ((1u << k) - 1), in_tail = (odd >> 8) & ((1u << k) - 1);
    if (in_head)
        return in_head;
    /* the tail's bytes that the head covers were clean */
    return 1u << (in_tail ? n - k + (unsigned)__builtin_ctz(in_tail) : n);
}
#endif

/*
 * The end of the bytes from s[i] that go out as they are: printable ASCII
 * but '"' and '\\', and spaces, which with collapse_space must each be a
 * single one between two such bytes (after_text: something was written
 * before s[i]).  Most text is made of them.
 */
static size_t verbatim_end(const unsigned char *s, size_t i, size_t len, bool collapse_space,
                           bool after_text)
{
#if defined(__SSE2__)
    while (i < len) {
        size_t left = len - i;
        bool room_for_64 = left >= 64 + (size_t)collapse_space;
        if (after_text && room_for_64 && verbatim_64(s + i, collapse_space)) {
            i += 64;
            continue;
        }
        unsigned stops;
        if (left >= 16) {
            stops = verbatim_stops(s + i, collapse_space, after_text);
        } else if (len >= 16) {
            /* the last 16 bytes, from s[i] on: no copy, nothing read past the end */
            stops = verbatim_stops(s + len - 16, collapse_space, true) >> (16 - left);
            if (collapse_space && !after_text && s[i] == ' ')
                stops |= 1;
        } else if (!collapse_space && left >= 4) {
            stops = short_stops(s + i, left);
        } else {
            /* a short string: the zero after it is a byte to stop at */
            unsigned char padded[16] = {0};
            memcpy(padded, s + i, left);
            stops = verbatim_stops(padded, collapse_space, after_text);
        }
        if (stops == 0) {
            i += left < 16 ? left : 16;
            after_text = true;
            continue;
        }
        unsigned at = (unsigned)__builtin_ctz(stops);
        i += at;
        /* a space that ends a chunk may be a single one: the byte after it decides */
        if (at == 15 && collapse_space && i + 1 < len && s[i] == ' '
            && verbatim_ascii(s[i + 1])) {
            i += 2;
            after_text = true;
            continue;
        }
        return i;
    }
    return i;
#else
    while (i < len) {
        if (verbatim_ascii(s[i])) {
            i++;
        } else if (s[i] == ' '
                   && (!collapse_space
                       || (after_text && i + 1 < len && verbatim_ascii(s[i + 1])))) {
            i += collapse_space ? 2 : 1;
        } else {
            break;
        }
        after_text = true;
    }
    return i;
#endif
}

/*
 * Writes s[0..len) escaped for a JSON string.  With collapse_space, every run of white
 * space becomes one space and the ends are trimmed (sentence text, which
 * may span line breaks).
 */
static void jw_escaped(json_writer *w, const char *str, size_t len, bool collapse_space)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    bool pending_space = false, wrote_any = false;
    size_t run_start = 0; /* start of bytes that can be copied verbatim */
    size_t i = 0;

    while (i < len) {
        if (!pending_space) {
            size_t from = i;
            i = verbatim_end(s, i, len, collapse_space, wrote_any);
            if (i > from)
                wrote_any = true;
            if (i == len)
                break;
        }
        long cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        bool plain = cp >= 0x20 && cp != '"' && cp != '\\';
        if (collapse_space && cp >= 0 && is_unicode_space(cp))
            plain = false;
        if (plain && !pending_space) {
            i += n;
            wrote_any = true;
            continue;
        }
        /* Copy what came before, then deal with this code point. */
        jw_raw(w, (const char *)s + run_start, i - run_start);
        if (collapse_space && cp >= 0 && is_unicode_space(cp)) {
            pending_space = wrote_any;
            i += n;
            run_start = i;
            continue;
        }
        if (pending_space) {
            jw_raw(w, " ", 1);
            pending_space = false;
        }
        run_start = i;
        if (plain) {
            continue; /* now copied verbatim by the next pass */
        }
        wrote_any = true;
        switch (cp) {
        case -1: jw_raw(w, "\\ufffd", 6); break;
        case '"': jw_raw(w, "\\\"", 2); break;
        case '\\': jw_raw(w, "\\\\", 2); break;
        case '\n': jw_raw(w, "\\n", 2); break;
        case '\r': jw_raw(w, "\\r", 2); break;
        case '\t': jw_raw(w, "\\t", 2); break;
        case '\b': jw_raw(w, "\\b", 2); break;
        case '\f': jw_raw(w, "\\f", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[(cp >> 4) & 0xF], hex[cp & 0xF]};
            jw_raw(w, esc, sizeof esc);
        }
        }
        i += n;
        run_start = i;
    }
    jw_raw(w, (const char *)s + run_start, i - run_start);
}

static void jw_string_bytes(json_writer *w, const char *str, size_t len, bool collapse_space)
{
    jw_raw(w, "\"", 1);
    jw_escaped(w, str, len, collapse_space);
    jw_raw(w, "\"", 1);
}

/* ------------------------------------------------------------------ */
/* Structure                                                            */

/*
 * At out, which has room for SEPARATOR_MAX bytes: the comma before a member,
 * if it is not the first, and its line and indent.  Returns the end.
 */
enum { SEPARATOR_MAX = 1 + INDENT_MAX };

static inline char *put_separator(json_writer *w, char *out)
{
    if (w->depth > 0) {
        if (w->has_member[w->depth])
            *out++ = ',';
        w->has_member[w->depth] = true;
        if (w->pretty)
            out = put_newline_indent(w, out);
    }
    return out;
}

static void jw_separator(json_writer *w)
{
    char *out = jw_space(w, SEPARATOR_MAX);
    w->used += (size_t)(put_separator(w, out) - out);
}

/*
 * Starts a member: comma, line break and indent, then the key if there is
 * one (none in an array), with room for value_max more bytes after it.
 * Returns where the value goes; jw_end() takes where it ends.  Every member
 * starts here: it writes straight into the buffer.
 */
enum { MEMBER_HEAD_MAX = SEPARATOR_MAX + KEY_SLOT };

static inline char *jw_begin(json_writer *w, const json_key *key, size_t value_max)
{
    char *p = put_separator(w, jw_space(w, MEMBER_HEAD_MAX + value_max));
    if (key) {
        memcpy(p, key->head, KEY_SLOT);
        p += key->len - !w->pretty;
    }
    return p;
}

static inline void jw_end(json_writer *w, const char *end)
{
    w->used = (size_t)(end - w->buf);
}

static inline void jw_member(json_writer *w, const json_key *key)
{
    jw_end(w, jw_begin(w, key, 0));
}

/* A key too long for a slot: plain ASCII with nothing to escape, as keys are. */
static void jw_member_named(json_writer *w, const char *name)
{
    jw_separator(w);
    jw_raw(w, "\"", 1);
    jw_cstr(w, name);
    jw_raw(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
}

/* The key of a score's name ("flesch_kincaid_grade"), or len 0 if it does not fit. */
static void make_key(json_key *key, const char *name)
{
    memset(key, 0, sizeof *key);
    size_t len = name ? strlen(name) : 0;
    if (!name || len > KEY_SLOT - 4)
        return;
    key->head[0] = '"';
    memcpy(key->head + 1, name, len);
    memcpy(key->head + 1 + len, "\": ", 3);
    key->len = (unsigned char)(len + 4);
}

/*
 * A whole member, key and value, in the writer's form (compact or pretty),
 * copied from a slot like a key: the blocks' kinds and roles, a few names
 * that a report repeats for each of thousands of blocks.
 */
typedef struct json_member {
    char bytes[KEY_SLOT];
    unsigned char len; /* 0 where the member did not fit: written another way */
} json_member;

static void make_name_member(const json_writer *w, json_member *m, const json_key *key,
                             const char *name)
{
    memset(m, 0, sizeof *m);
    size_t key_len = (size_t)(key->len - !w->pretty), len = name ? strlen(name) : 0;
    /* only a name that escaping leaves as it is */
    if (!name || key_len + len + 2 > KEY_SLOT
        || verbatim_end((const unsigned char *)name, 0, len, false, true) != len)
        return;
    memcpy(m->bytes, key->head, key_len);
    m->bytes[key_len] = '"';
    memcpy(m->bytes + key_len + 1, name, len);
    m->bytes[key_len + 1 + len] = '"';
    m->len = (unsigned char)(key_len + len + 2);
}

static void jw_whole_member(json_writer *w, const json_member *m)
{
    char *p = put_separator(w, jw_space(w, SEPARATOR_MAX + KEY_SLOT));
    memcpy(p, m->bytes, KEY_SLOT);
    jw_end(w, p + m->len);
}

/* A member whose key comes from the input (metadata): escaped. */
static void jw_member_escaped(json_writer *w, const char *key)
{
    jw_separator(w);
    jw_string_bytes(w, key, strlen(key), false);
    jw_raw(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
}

static inline void jw_open(json_writer *w, const json_key *key, char bracket)
{
    char *p = jw_begin(w, key, 1);
    *p++ = bracket;
    jw_end(w, p);
    if (w->depth + 1 < JSON_MAX_DEPTH) {
        w->depth++;
        w->has_member[w->depth] = false;
    } else {
        w->failed = true; /* cannot happen with this schema */
    }
}

static inline void jw_close(json_writer *w, char bracket)
{
    bool had_members = w->has_member[w->depth];
    w->depth--;
    char *out = jw_space(w, INDENT_MAX + 1), *p = out;
    if (w->pretty && had_members)
        p = put_newline_indent(w, p);
    *p++ = bracket;
    w->used += (size_t)(p - out);
}

static void jw_null(json_writer *w, const json_key *key)
{
    char *p = jw_begin(w, key, 4);
    memcpy(p, "null", 4);
    jw_end(w, p + 4);
}

static inline void jw_uint(json_writer *w, const json_key *key, uint64_t v)
{
    char *p = jw_begin(w, key, RS_DECIMAL_MAX);
    jw_end(w, p + rs__format_uint(v, p));
}

static void jw_int(json_writer *w, const json_key *key, long long v)
{
    char *p = jw_begin(w, key, RS_DECIMAL_MAX);
    jw_end(w, p + rs__format_int(v, p));
}

/*
 * At p, the end of the output, with room for RS_DECIMAL_MAX bytes: a double
 * rounded to 2 decimals, without trailing zeros ("65.7", "3"), so that whole
 * numbers look like integers; "-0" prints as "0", and a value that is not
 * finite (which the library promises never to make) as null.
 */
static void put_double(json_writer *w, char *p, double v)
{
    size_t fast_len = isfinite(v) ? rs__format_hundredths(v, p) : 0;
    jw_end(w, p + fast_len);
    if (fast_len)
        return;
    if (!isfinite(v)) {
        jw_raw(w, "null", 4);
        return;
    }
    /* beyond what rs__format_hundredths() can promise: printf itself */
    char num[512]; /* enough for %.2f of any finite double */
    int n = snprintf(num, sizeof num, "%.2f", v);
    if (n <= 0 || (size_t)n >= sizeof num) {
        jw_raw(w, "null", 4);
        return;
    }
    while (num[n - 1] == '0')
        num[--n] = '\0';
    if (num[n - 1] == '.')
        num[--n] = '\0';
    jw_cstr(w, strcmp(num, "-0") == 0 ? "0" : num);
}

static void jw_double(json_writer *w, const json_key *key, double v)
{
    put_double(w, jw_begin(w, key, RS_DECIMAL_MAX), v);
}

static void jw_string(json_writer *w, const json_key *key, const char *value)
{
    jw_member(w, key);
    if (value)
        jw_string_bytes(w, value, strlen(value), false);
    else
        jw_raw(w, "null", 4);
}

/* A metadata entry: the key as well as the value is the input's. */
static void jw_meta(json_writer *w, const char *key, const char *value)
{
    jw_member_escaped(w, key);
    jw_string_bytes(w, value, strlen(value), false);
}

/* ------------------------------------------------------------------ */
/* The report                                                           */

/*
 * Whether none of the 8 bytes in x needs escaping, spaces allowed: none
 * below ' ' or above 0x7F, no '"' or '\\'.  Each test (a byte below n, a
 * zero byte) is exact about whether there is one, which is all this asks.
 */
static inline bool plain_8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
    uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    uint64_t below_space = (x - ones * ' ') & ~x;
    uint64_t no_quote = (quote - ones) & ~quote, no_backslash = (backslash - ones) & ~backslash;
    return ((x | below_space | no_quote | no_backslash) & high) == 0;
}

static inline bool plain_byte(unsigned char c)
{
    return verbatim_ascii(c) || c == ' ';
}

/*
 * A text of 1 to 15 bytes (a word, a short block) that needs no escaping
 * and no white space collapsed, copied to out; false if it needs either.
 * It is read and written as two overlapping pieces (8, 4 or 1 bytes from
 * each end, and the middle byte of 3) without a call to memcpy() for its
 * length: most words in --detail output go this way.
 */
static inline bool copy_short_plain(const char *s, size_t n, char *out)
{
    if (n >= 8) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + n - 8, 8);
        if (!plain_8(head) || !plain_8(tail))
            return false;
        memcpy(out, &head, 8);
        memcpy(out + n - 8, &tail, 8);
    } else if (n >= 4) {
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + n - 4, 4);
        /* the two halves as one word: both are checked at once */
        if (!plain_8(((uint64_t)tail << 32) | head))
            return false;
        memcpy(out, &head, 4);
        memcpy(out + n - 4, &tail, 4);
    } else {
        unsigned char first = (unsigned char)s[0], middle = (unsigned char)s[n / 2],
                      last = (unsigned char)s[n - 1];
        if (!plain_byte(first) || !plain_byte(middle) || !plain_byte(last))
            return false;
        out[0] = (char)first;
        out[n / 2] = (char)middle;
        out[n - 1] = (char)last;
    }
    return true;
}

/* A text the report hands out (a block's, a sentence's, a word's). */
static void jw_text(json_writer *w, const json_key *key, const char *bytes, size_t len,
                    bool collapse_space)
{
    char *p = jw_begin(w, key, 1);
    *p++ = '"';
    jw_end(w, p);
    jw_escaped(w, bytes ? bytes : "", bytes ? len : 0, collapse_space);
    jw_raw(w, "\"", 1);
}

/* A word's text: --detail writes one for each word, and most are short and plain. */
static void jw_word_text(json_writer *w, const char *bytes, size_t len)
{
    if (bytes && len > 0 && len < 16) {
        char *p = jw_begin(w, KEY(text), 2 + 16);
        *p++ = '"';
        if (copy_short_plain(bytes, len, p)) {
            p[len] = '"';
            jw_end(w, p + len + 1);
        } else {
            jw_end(w, p);
            jw_escaped(w, bytes, len, false);
            jw_raw(w, "\"", 1);
        }
        return;
    }
    jw_text(w, KEY(text), bytes, len, false);
}

static void write_counts(json_writer *w, const rs_counts *c)
{
    jw_open(w, KEY(counts), '{');
    jw_uint(w, KEY(characters), c->characters);
    jw_uint(w, KEY(letters), c->letters);
    jw_uint(w, KEY(words), c->words);
    jw_uint(w, KEY(sentences), c->sentences);
    jw_uint(w, KEY(syllables), c->syllables);
    jw_uint(w, KEY(paragraphs), c->paragraphs);
    jw_uint(w, KEY(monosyllables), c->monosyllables);
    jw_uint(w, KEY(polysyllables), c->polysyllables);
    jw_uint(w, KEY(complex_words), c->complex_words);
    jw_uint(w, KEY(long_words), c->long_words);
    jw_uint(w, KEY(difficult_words), c->difficult_words);
    jw_uint(w, KEY(unfamiliar_words), c->unfamiliar_words);
    jw_uint(w, KEY(cjk_chars), c->cjk_chars);
    jw_uint(w, KEY(images), c->images);
    jw_uint(w, KEY(digits), c->digits);
    jw_uint(w, KEY(unscored_words), c->unscored_words);
    jw_close(w, '}');
}

static void write_readability(json_writer *w, const rs_readability *r)
{
    jw_open(w, KEY(readability), '{');
    for (int id = 0; id < RS_SCORE__COUNT; id++) {
        const json_key *key = &w->score_key[id];
        if (key->len == 0) {
            /* no name, or one too long for a key slot: not with the library's names */
            const char *name = rs_score_name((rs_score_id)id);
            if (!name)
                continue;
            jw_member_named(w, name);
            if (r->defined[id])
                put_double(w, jw_space(w, RS_DECIMAL_MAX), r->value[id]);
            else
                jw_raw(w, "null", 4);
        } else if (r->defined[id]) {
            jw_double(w, key, r->value[id]);
        } else {
            jw_null(w, key);
        }
    }
    jw_close(w, '}');
}

static void write_reading_time(json_writer *w, const rs_reading_time *t)
{
    jw_open(w, KEY(reading_time), '{');
    jw_uint(w, KEY(seconds), t->seconds);
    jw_uint(w, KEY(minutes), t->minutes);
    jw_double(w, KEY(wpm), t->words_per_minute);
    jw_close(w, '}');
}

static void write_figures(json_writer *w, const rs_counts *c, const rs_readability *s,
                          const rs_reading_time *t)
{
    static const rs_counts no_counts;
    static const rs_readability no_scores;
    static const rs_reading_time no_time;
    write_counts(w, c ? c : &no_counts);
    write_readability(w, s ? s : &no_scores);
    write_reading_time(w, t ? t : &no_time);
}

static void write_meta(json_writer *w, const rs_report *r)
{
    jw_open(w, KEY(meta), '{');
    for (size_t i = 0, n = rs_report_meta_count(r); i < n; i++) {
        const char *key, *value;
        if (rs_report_meta_at(r, i, &key, &value))
            jw_meta(w, key, value);
    }
    jw_close(w, '}');
}

/*
 * Section i's heading, or NULL: by its block's text, which a streamed report
 * keeps for the kept sections' headings only, in the order of the sections
 * (looking it up by block number would search them all for each).
 */
static const char *section_heading(const rs_report *r, size_t i, size_t *len)
{
    const rs_section *s = &r->sections[i];
    if (s->heading_block == RS_NONE)
        return NULL;
    if (!r->stream)
        return rs_report_block_text(r, s->heading_block, len);
    *len = r->section_heading[i].len;
    return r->headings ? r->headings + r->section_heading[i].offset : "";
}

static void write_sections(json_writer *w, const rs_report *r)
{
    jw_open(w, KEY(sections), '[');
    for (size_t i = 0, n = rs_report_section_count(r); i < n; i++) {
        const rs_section *s = rs_report_section(r, i);
        if (!s)
            continue;
        jw_open(w, NULL, '{');
        size_t len = 0;
        const char *heading = section_heading(r, i, &len);
        if (heading) {
            jw_text(w, KEY(heading), heading, len, true);
        } else {
            jw_null(w, KEY(heading));
        }
        jw_int(w, KEY(level), s->level);
        if (s->parent != RS_NONE)
            jw_uint(w, KEY(parent), s->parent);
        else
            jw_null(w, KEY(parent));
        jw_member(w, KEY(boilerplate));
        jw_cstr(w, s->boilerplate ? "true" : "false");
        jw_uint(w, KEY(start), s->start);
        jw_uint(w, KEY(end), s->end);
        write_counts(w, &s->counts);
        write_readability(w, &s->readability);
        write_reading_time(w, &s->reading_time);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void write_blocks(json_writer *w, const rs_report *r)
{
    json_member kind_member[RS_BLOCK__COUNT], role_member[RS_ROLE__COUNT];
    for (int k = 0; k < RS_BLOCK__COUNT; k++)
        make_name_member(w, &kind_member[k], KEY(kind), rs_block_kind_name((rs_block_kind)k));
    for (int k = 0; k < RS_ROLE__COUNT; k++)
        make_name_member(w, &role_member[k], KEY(role), rs_role_name((rs_role)k));
    jw_open(w, KEY(blocks), '[');
    for (size_t i = 0, n = rs_report_block_count(r); i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        if (!b)
            continue;
        jw_open(w, NULL, '{');
        if ((unsigned)b->kind < RS_BLOCK__COUNT && kind_member[b->kind].len)
            jw_whole_member(w, &kind_member[b->kind]);
        else
            jw_string(w, KEY(kind), rs_block_kind_name(b->kind));
        if ((unsigned)b->role < RS_ROLE__COUNT && role_member[b->role].len)
            jw_whole_member(w, &role_member[b->role]);
        else
            jw_string(w, KEY(role), rs_role_name(b->role));
        if (b->kind == RS_BLOCK_HEADING)
            jw_int(w, KEY(level), b->level);
        jw_uint(w, KEY(start), b->start);
        jw_uint(w, KEY(end), b->end);
        size_t len;
        const char *bytes = rs_report_block_text(r, i, &len);
        jw_text(w, KEY(text), bytes, len, false);
        jw_uint(w, KEY(words), b->words);
        jw_uint(w, KEY(sentences), b->sentences);
        if (b->counts.images)
            jw_uint(w, KEY(images), b->counts.images);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* Flesch-Kincaid grade of one sentence: its own words, syllables. */
static void write_sentence_grade(json_writer *w, const rs_sentence *s)
{
    if (s->scored_words == 0) {
        jw_null(w, KEY(grade));
        return;
    }
    double grade = 0.39 * s->words + 11.8 * (double)s->syllables / s->scored_words - 15.59;
    jw_double(w, KEY(grade), grade);
}

static void write_detail(json_writer *w, const rs_report *r)
{
    jw_open(w, KEY(sentences), '[');
    for (size_t i = 0, n = rs_report_sentence_count(r); i < n; i++) {
        const rs_sentence *s = rs_report_sentence(r, i);
        if (!s)
            continue;
        jw_open(w, NULL, '{');
        size_t len;
        const char *bytes = rs_report_sentence_text(r, i, &len);
        jw_text(w, KEY(text), bytes, len, true);
        jw_uint(w, KEY(block), s->block);
        jw_uint(w, KEY(start), s->start);
        jw_uint(w, KEY(end), s->end);
        jw_uint(w, KEY(words), s->words);
        jw_uint(w, KEY(syllables), s->syllables);
        write_sentence_grade(w, s);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_open(w, KEY(words), '[');
    for (size_t i = 0, n = rs_report_word_count(r); i < n; i++) {
        const rs_word *word = rs_report_word(r, i);
        if (!word)
            continue;
        jw_open(w, NULL, '{');
        size_t len;
        const char *bytes = rs_report_word_text(r, i, &len);
        jw_word_text(w, bytes, len);
        if (word->kind != RS_WORD_PLAIN)
            jw_string(w, KEY(kind), rs_word_kind_name(word->kind));
        jw_uint(w, KEY(syllables), word->syllables);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* The report's main blocks, for write_extract(): each block's text, and
   a blank line before each but the first. */
typedef struct main_blocks {
    const rs_report *report;
    bool all;
    size_t next;          /* the next block to look at */
    const char *pending;  /* a block's text, after the blank line handed over */
    size_t pending_len;
    bool any;
} main_blocks;

static bool next_main_text(void *ud, const char **text, size_t *len)
{
    main_blocks *m = ud;
    if (m->pending) {
        *text = m->pending;
        *len = m->pending_len;
        m->pending = NULL;
        return true;
    }
    for (size_t n = rs_report_block_count(m->report); m->next < n;) {
        size_t i = m->next++;
        if (!rs_report_block_is_main(m->report, i, m->all))
            continue;
        *text = rs_report_block_text(m->report, i, len);
        if (m->any) {
            m->pending = *text;
            m->pending_len = *len;
            *text = "\n\n";
            *len = 2;
        }
        m->any = true;
        return true;
    }
    return false;
}

/* --extract --json: the main content as one string, and its words. */
static void write_extract(json_writer *w, const rs_report *r, rs_text_next_fn next, void *next_ud)
{
    jw_member(w, KEY(text));
    jw_raw(w, "\"", 1);
    const char *text;
    size_t len;
    while (next(next_ud, &text, &len))
        jw_escaped(w, text, len, false);
    jw_raw(w, "\"", 1);
    const rs_counts *c = rs_report_counts(r);
    jw_uint(w, KEY(words), c ? c->words : 0);
}

/* The object's first members, which every form of it opens with. */
static void write_head(json_writer *w, const rs_report *r, const char *source, unsigned flags,
                       rs_write_fn write, void *ud)
{
    w->write = write;
    w->ud = ud;
    w->failed = false;
    w->pretty = (flags & RS_JSON_PRETTY) != 0;
    w->depth = 0;
    w->has_member[0] = false;
    w->used = 0;
    for (int id = 0; id < RS_SCORE__COUNT; id++)
        make_key(&w->score_key[id], rs_score_name((rs_score_id)id));

    const char *lang = rs_report_language(r);
    const char *format = rs_format_name(rs_report_format(r));
    jw_open(w, NULL, '{');
    jw_string(w, KEY(readstat), readstat_version());
    jw_string(w, KEY(source), source);
    jw_string(w, KEY(format), format ? format : "text");
    jw_string(w, KEY(language), lang ? lang : "en");
    write_meta(w, r);
}

/* Closes the object and hands over what is left. */
static rs_status write_end(json_writer *w)
{
    jw_close(w, '}');
    jw_flush(w);
    return w->failed ? RS_ERR_STATE : RS_OK;
}

RS_API rs_status rs_report_write_extract_json(const rs_report *r, const char *source,
                                              unsigned flags, rs_write_fn write, void *ud,
                                              rs_text_next_fn next, void *next_ud)
{
    if (!r || !write || !next)
        return RS_ERR_ARG;
    json_writer w;
    write_head(&w, r, source, flags, write, ud);
    write_extract(&w, r, next, next_ud);
    return write_end(&w);
}

RS_API rs_status rs_report_write_json(const rs_report *r, const char *source, unsigned flags,
                                      rs_write_fn write, void *ud)
{
    if (!r || !write)
        return RS_ERR_ARG;

    json_writer w;
    write_head(&w, r, source, flags, write, ud);
    const rs_options *opts = rs_report_options(r);
    if (flags & RS_JSON_EXTRACT) {
        main_blocks blocks = {.report = r, .all = opts && (opts->flags & RS_OPT_ALL)};
        write_extract(&w, r, next_main_text, &blocks);
        return write_end(&w);
    }
    write_figures(&w, rs_report_counts(r), rs_report_readability(r), rs_report_reading_time(r));
    jw_open(&w, KEY(page), '{');
    write_figures(&w, rs_report_page_counts(r), rs_report_page_readability(r),
                  rs_report_page_reading_time(r));
    jw_close(&w, '}');
    write_sections(&w, r);
    /* A streamed report has no blocks; it tells how many sections it left out. */
    if (opts && (opts->flags & RS_OPT_STREAM))
        jw_uint(&w, KEY(sections_truncated), r->sections_truncated);
    else
        write_blocks(&w, r);
    uint64_t invalid = rs_report_invalid_utf8(r);
    if (invalid > 0) {
        jw_open(&w, KEY(warnings), '{');
        jw_uint(&w, KEY(invalid_utf8), invalid);
        jw_close(&w, '}');
    }
    /* The report holds sentences and words only if it was made with
     * RS_OPT_DETAIL; without them the keys would be misleadingly empty. */
    if ((flags & RS_JSON_DETAIL) && opts && (opts->flags & RS_OPT_DETAIL))
        write_detail(&w, r);
    return write_end(&w);
}
