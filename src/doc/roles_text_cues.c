/*
 * Cue phrases: what a block's own wording says about it.  Page chrome is
 * worded the same way on every site ("Skip to content", "All rights
 * reserved", "We use cookies", "Photo: ..."), so a handful of phrases, in
 * English and the other languages whose function words the classifier
 * knows, catch much of it.  A phrase only counts in a block short enough to
 * be that widget: a story may well mention cookies or a newsletter.
 * Phrases are matched without regard to ASCII case.  The phrases and
 * their index are in roles_text_cue_phrases.c.
 */
#include <stddef.h>
#include <string.h>

#include "core/ascii.h"
#include "core/bits.h"
#include "doc/roles_text.h"
#include "text/charclass.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define RS_CUES_NOINLINE __attribute__((noinline))
#define RS_CUES_FLATTEN __attribute__((flatten))
#else
#define RS_CUES_FLATTEN
#define RS_CUES_NOINLINE
#endif

/* Longest words for a block to be read as each kind of widget. */
enum {
    NAV_MAX_WORDS = 12,
    NOTICE_MIN_WORDS = 3, /* "Subscribe" alone is a link (a nav phrase) */
    NOTICE_MAX_WORDS = 60,
    SITE_WORDS_MAX_WORDS = 90,
    FOOTER_MAX_WORDS = 30,
    COMMENTS_MAX_WORDS = 8,
    AD_MAX_WORDS = 4,
    CREDIT_MAX_WORDS = 70,
    BY_MAX_WORDS = 16,
    VIEWS_MAX_WORDS = 6,
    DATE_MAX_WORDS = 14,
    COUNTER_MAX_WORDS = 8,
    SOURCE_MAX_WORDS = 6, /* the credit after a caption's " / " */
    PAREN_CREDIT_MAX_WORDS = 20,
    WANTED_WORDS = 96 /* past the longest block any phrase set is searched for */
};

/* Longest block whose phrases are looked for; every cue limit is far below. */
enum { CUE_TEXT_MAX = 4096 };

/* Where phrase first occurs in text (ASCII case aside), or len if nowhere. */
static size_t find(const char *text, size_t len, const char *phrase)
{
    size_t n = strlen(phrase);
    if (n == 0 || n > len)
        return len;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && rs__ascii_lower(text[i + k]) == phrase[k])
            k++;
        if (k == n)
            return i;
    }
    return len;
}

/* Does phrase (lower case, n bytes) stand at text (ASCII case aside)? */
static bool phrase_at(const char *text, const char *phrase, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (rs__ascii_lower(text[k]) != phrase[k])
            return false;
    return true;
}

/* Trailing blanks and the marks that close a teaser line: "Read more »". */
static size_t trim_end(const char *text, size_t len)
{
    /* the blanks and '>', a bit each: one test of the last byte */
    const uint64_t trimmed = 1ull << ' ' | 1ull << '\t' | 1ull << '\n' | 1ull << '\r' | 1ull << '>';
    while (len) {
        unsigned char c = (unsigned char)text[len - 1];
        /* the last byte alone tells most text from the marks: prose ends
           in a full stop or a letter */
        if (c < 64) {
            if (!((trimmed >> c) & 1))
                break;
            len--;
        } else if (c == 0xBB && len >= 2 && (unsigned char)text[len - 2] == 0xC2) {
            len -= 2; /* » */
        } else if (c == 0xBA && len >= 3 && (unsigned char)text[len - 3] == 0xE2
                   && (unsigned char)text[len - 2] == 0x80) {
            len -= 3; /* › */
        } else {
            break;
        }
    }
    return len;
}

typedef rs__cue_ending ending;
#define ENDING(s) {s, sizeof s - 1}

/* Does phrase (lower case, n bytes, n <= len) end text (ASCII case aside)?
   From the end: a teaser's ending and prose part at their last bytes. */
static bool ends_with_phrase(const char *text, size_t len, const char *phrase, size_t n)
{
    for (size_t k = n; k-- > 0;)
        if (rs__ascii_lower(text[len - n + k]) != phrase[k])
            return false;
    return true;
}

/* Does text end with one of the phrases whose bit is set in `some`
   (ASCII case aside)? */
static bool ends_with_some(const char *text, size_t len, const ending *phrases, unsigned some)
{
    for (; some; some &= some - 1) {
        const ending *e = &phrases[__builtin_ctz(some)];
        if (e->len <= len && ends_with_phrase(text, len, e->text, e->len))
            return true;
    }
    return false;
}

/* Does text, its trim_end() already taken, end with a teaser's ending?
   Its last two bytes leave most text none to compare. */
static inline bool ends_with_teaser(const rs__cue_phrases *x, const char *text, size_t len)
{
    if (len == 0)
        return false;
    unsigned some = x->teasers_ending_in[(unsigned char)rs__ascii_lower(text[len - 1])];
    if (!some)
        return false; /* most last bytes end no teaser */
    if (len >= 2)
        some &= x->teasers_before_last[(unsigned char)rs__ascii_lower(text[len - 2])];
    return some && ends_with_some(text, len, rs__cue_teaser_endings, some);
}

static const ending views_ending[] = {ENDING(" views")};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The eight bytes at text, 0x80 in each that is a digit, zero in the
   others.  (A byte is one when its difference from '0' is below ten; no
   sum below carries into the next.) */
static uint64_t digits_of_eight(const char *text)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t v;
    memcpy(&v, text, sizeof v);
    uint64_t off = v ^ ('0' * ones); /* 0..9 for the digits */
    uint64_t not_digit = ((off & (0x7F * ones)) + (0x76 * ones)) | off;
    return ~not_digit & (0x80 * ones);
}

/* Is any of the eight bytes at text a digit? */
static bool any_digit_of_eight(const char *text)
{
    return digits_of_eight(text) != 0;
}

/* 6:00, 2018-04-05, 05.04.2018, 4/5/18: a time or a numeric date. */
static bool has_numeric_date(const char *text, size_t len)
{
    for (size_t i = 0; i + 3 < len; i++) {
        /* the words between numbers, eight bytes at a time, up to the
           next digit */
        while (i + 8 <= len) {
            uint64_t digits = digits_of_eight(text + i);
            if (digits) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) \
    && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += (size_t)__builtin_ctzll(digits) / 8; /* the first byte is the lowest */
#endif
                break;
            }
            i += 8;
        }
        if (i + 3 >= len)
            break;
        if (!is_digit(text[i]))
            continue;
        size_t j = i;
        while (j < len && is_digit(text[j]))
            j++;
        if (j + 2 < len && (text[j] == ':' || text[j] == '-' || text[j] == '.' || text[j] == '/')
            && is_digit(text[j + 1]) && is_digit(text[j + 2]) && j - i <= 4)
            return true;
        i = j;
    }
    return false;
}

/* "14:44 Headline": a feed entry opens with its time (past any bullet). */
static bool starts_with_time(const char *text, size_t len)
{
    /* prose opens with a word: no digit among the nine bytes the time may start in */
    if (len > 8 && !any_digit_of_eight(text) && !is_digit(text[8]))
        return false;
    size_t p = 0, lead = len < 8 ? len : 8;
    while (p < lead && !is_digit(text[p]))
        p++; /* a bullet, a dash, blanks */
    size_t d = p;
    while (d < len && is_digit(text[d]))
        d++;
    return d > p && d - p <= 2 && d + 2 < len && (text[d] == ':' || text[d] == 'h')
           && is_digit(text[d + 1]) && is_digit(text[d + 2]);
}

/* A year: four digits from 1900 to 2099, standing alone. */
static bool has_year(const char *text, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (i > 0 && is_digit(text[i - 1]))
            continue;
        if (!(text[i] == '1' && text[i + 1] == '9') && !(text[i] == '2' && text[i + 1] == '0'))
            continue;
        if (is_digit(text[i + 2]) && is_digit(text[i + 3]) && (i + 4 == len || !is_digit(text[i + 4])))
            return true;
    }
    return false;
}

/*
 * "... in Kazan, Russia. / Xin Jing Bao": a caption's source after a slash,
 * a few capitalised words with no sentence after them.
 */
static bool ends_with_source(const char *text, size_t len)
{
    /* the last " /": memchr skips the prose between slashes */
    size_t slash = len;
    for (const char *p = text + 1, *end = text + len; p < end; p++) {
        p = memchr(p, '/', (size_t)(end - p));
        if (!p)
            break;
        if (p[-1] == ' ')
            slash = (size_t)(p - text);
    }
    if (slash >= len || slash < 20)
        return false;
    size_t p = slash + 1;
    while (p < len && text[p] == ' ')
        p++;
    if (p >= len || !((text[p] >= 'A' && text[p] <= 'Z') || (unsigned char)text[p] >= 0x80))
        return false;
    size_t words = 0;
    bool in_word = false;
    for (size_t i = p; i < len; i++) {
        char c = text[i];
        if (c == '.' && i + 1 < len && text[i + 1] == ' ')
            return false; /* a sentence goes on after the slash */
        bool word_char = c != ' ' && c != '\t' && c != '\n';
        if (word_char && !in_word)
            words++;
        in_word = word_char;
    }
    return words >= 1 && words <= SOURCE_MAX_WORDS;
}

/* "Glass cloche terrariums (Lucy Akins)": a caption ends with its credit
   (len is past trim_end()). */
static bool ends_with_named_credit(const char *text, size_t len, const rs__text_block *b)
{
    if (len < 4 || text[len - 1] != ')' || b->words > PAREN_CREDIT_MAX_WORDS)
        return false;
    size_t open = len - 1;
    while (open > 0 && text[open] != '(')
        open--;
    if (text[open] != '(' || open == 0)
        return false;
    size_t words = 0;
    bool start = true;
    for (size_t i = open + 1; i < len - 1; i++) {
        char c = text[i];
        if (is_digit(c) || c == '.' || c == ',' || c == ':' || c == '(')
            return false;
        if (c == ' ') {
            start = true;
            continue;
        }
        if (start) {
            if (c >= 'a' && c <= 'z')
                return false; /* "(optional)", "(bsc)": not a name */
            words++;
        }
        start = false;
    }
    return words >= 1 && words <= SOURCE_MAX_WORDS / 2 + 1;
}

/* "Daniel Kim Views": two to four capitalised words and a view counter
   (len is past trim_end()). */
static bool is_views_line(const char *text, size_t len, const rs__text_block *b)
{
    return b->alpha >= 3 && b->words <= VIEWS_MAX_WORDS && b->capitalised == b->alpha
           && ends_with_some(text, len, views_ending, 1);
}

/* " | " and " > " between a menu's entries, on one line: the marks at
   1..len-2 with a space either side.  Both marks in one pass, sixteen
   bytes at a time where SSE2 is: the lines asked are short, and a search
   per mark cost more than the bytes. */
#if defined(__SSE2__)
/* Of the marks at base + k (bit k), how many have a space either side. */
static inline size_t spaced_marks(const char *text, size_t base, unsigned marks)
{
    size_t bars = 0;
    for (; marks; marks &= marks - 1) {
        size_t at = base + (size_t)__builtin_ctz(marks);
        bars += text[at - 1] == ' ' && text[at + 1] == ' ';
    }
    return bars;
}

/* The places of text[base..base + 16) that hold '|' or '>', a bit each. */
static inline unsigned bar_marks(const char *text, size_t base)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + base));
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('|')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>'))));
}
#endif

static size_t spaced_bars(const char *text, size_t len)
{
    size_t bars = 0;
    if (len <= 2)
        return 0;
    if (len >= 1 + 8 && len <= 1 + 16) {
        /* too short for sixteen places: the eight bytes from the first and
           the eight up to the last place (len - 2) hold every place, and
           most such lines ("Sport", "Read more") have no mark at all */
        uint64_t head, tail;
        memcpy(&head, text, sizeof head);
        memcpy(&tail, text + len - 1 - sizeof tail, sizeof tail);
        if (!rs__holds_byte(head, '|') && !rs__holds_byte(head, '>') && !rs__holds_byte(tail, '|')
            && !rs__holds_byte(tail, '>'))
            return 0;
    }
    size_t i = 1, stop = len - 1;
#if defined(__SSE2__)
    for (; i + 16 <= stop; i += 16)
        bars += spaced_marks(text, i, bar_marks(text, i));
    if (i < stop && stop >= 1 + 16) {
        /* the last sixteen places, those before i already counted */
        size_t base = stop - 16;
        bars += spaced_marks(text, base, bar_marks(text, base) & ~((1u << (i - base)) - 1));
        i = stop;
    }
#endif
    for (; i < stop; i++)
        bars += (text[i] == '|' || text[i] == '>') && text[i - 1] == ' ' && text[i + 1] == ' ';
    return bars;
}

/* ------------------------------------------------------------------ */
/* Finding every phrase in one pass                                     */

/* Does the phrase (n bytes, its byte `anchor` of them found by memchr) occur
   in text?  Rarely asked (see RARE_C2): kept out of line, it leaves the
   registers of the caller's common path alone. */
RS_CUES_NOINLINE static bool contains(const char *text, size_t len, const char *phrase, size_t n,
                                      size_t anchor)
{
    if (n == 0 || n > len)
        return false;
    char c = phrase[anchor];
    char cases[2] = {c, (char)(c >= 'a' && c <= 'z' ? c - 32 : c)};
    /* the anchor stands between text + anchor and the last place the phrase fits */
    const char *from = text + anchor, *to = text + (len - n) + anchor + 1;
    for (size_t k = 0; k < (cases[1] != c ? 2u : 1u); k++)
        for (const char *p = from; p < to; p++) {
            p = memchr(p, cases[k], (size_t)(to - p));
            if (!p)
                break;
            if (phrase_at(p - anchor, phrase, n))
                return true;
        }
    return false;
}

/*
 * Can phrase id stand at text + at?  Its first eight bytes, folded as a gram
 * is, must: most phrases that share a gram with the text part from it there,
 * before any byte is compared as written.  The phrase fits in the text
 * (x->len[id] <= len - at); eight bytes are read only where the text has them.
 */
static bool head_fits(const rs__cue_phrases *x, const char *text, size_t len, size_t at, unsigned id)
{
    static const unsigned char keep_bytes[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    size_t n = x->len[id] < 8 ? x->len[id] : 8;
    uint64_t here = 0, head, keep;
    if (len - at >= sizeof here)
        memcpy(&here, text + at, sizeof here);
    else
        memcpy(&here, text + at, n);
    memcpy(&head, x->head + 8 * id, sizeof head);
    memcpy(&keep, keep_bytes + 8 - n, sizeof keep); /* n bytes of 0xFF, then zeros */
    return ((here | 0x2020202020202020ull) & keep) == head;
}

/* The sets among `wanted` left to find that have a phrase whose marked
   gram is the one at i, `gram` (at `place` in `grams`). */
static unsigned sets_near(const rs__cue_phrases *x, const char *text, size_t len, size_t i,
                          uint32_t gram, unsigned place, unsigned wanted)
{
    unsigned found = 0;
    unsigned b = place % RS__CUE_BUCKETS;
    for (unsigned k = x->start[b]; k < x->start[b + 1]; k++) {
        if (x->order_gram[k] != gram)
            continue; /* another gram of the bucket */
        unsigned id = x->order[k] / RS__CUE_BEFORE_MAX, before = x->order[k] % RS__CUE_BEFORE_MAX;
        if (before > i)
            continue;
        size_t at = i - before;
        if ((x->set[id] & wanted & ~found) && x->len[id] <= len - at
            && head_fits(x, text, len, at, id) && phrase_at(text + at, x->text[id], x->len[id]))
            found |= x->set[id];
    }
    return found;
}

/* The bytes whose absence spares a block a search. */
enum {
    RARE_SLASH = 1u << 0, /* a caption's " / Source" */
    RARE_C2 = 1u << 1,    /* the lead byte of the copyright sign */
    RARE_ALL = RARE_SLASH | RARE_C2
};

/* The scan takes the text sixteen places at a time; the grams of a stretch
   read two bytes past its sixteen. */
enum { STRETCH = 16, STRETCH_READ = STRETCH + 2 };

/*
 * The gram at text + at is marked (at `place` in `grams`) for the groups
 * still looked for: if the second hash lets it through, its phrases are
 * compared.  Adds what it finds to *found and returns the groups left.
 * Seldom asked (a stretch in five, in real prose), it is kept out of line
 * and leaves the registers of the scan alone.
 */
RS_CUES_NOINLINE static unsigned look_closer(const rs__cue_phrases *x, const char *text,
                                             size_t len, size_t at, unsigned place,
                                             unsigned wanted, unsigned *found)
{
    uint32_t gram = rs__cue_folded_gram(text + at);
    if (rs__cue_gram_checks(x, gram))
        *found |= sets_near(x, text, len, at, gram, place, wanted & ~*found);
    return rs__cue_groups(wanted & ~*found);
}

/*
 * Adds to *found the sets among `wanted` with a phrase of four bytes or
 * more in text (ASCII case aside), and tells which of the rare bytes text
 * holds: the compares ride along with the scan's sixteen bytes at a time,
 * so a scan cut short (every set found), a block under four bytes, or a
 * build without SSE2, is said to hold them all.
 *
 * A phrase that starts at an even i has a marked gram at i, one that starts
 * at an odd i has one at i + 1, inside the text unless a phrase of four
 * bytes ends the text there: that place is looked at last.  Most stretches
 * of sixteen bytes open no phrase of the sets looked for: their eight
 * grams are hashed at once and tested together.  The last stretch ends
 * where the text does (at an even place, so partly again) and reads
 * nothing past it; a text too short for one stretch is copied to zeros,
 * whose places past the last gram are not looked at.
 *
 * An extraction and a lookup a gram are most of the cost, and measured on
 * Zen 4 (bench/corpus) neither a wider path nor a smaller table pays:
 * AVX2 stretches of 32 bytes make as many lookups; gathering the grams'
 * bits from a 4 KiB bitmap with vpgatherdd runs no faster than the
 * scalar loads; and reading only 4 KiB of `grams`, at the same
 * instructions, made the run 1.3% faster at best: no filter in front of
 * it, which adds instructions, can gain much more.
 */
static unsigned scan(const rs__cue_phrases *x, const char *text, size_t len, unsigned wanted,
                     unsigned *found)
{
    unsigned groups = rs__cue_groups(wanted & ~*found);
    if (len < RS__CUE_GRAM_LEN || !groups)
        return RARE_ALL;
    const uint8_t *grams = x->grams;
    uint16_t places[8];
    unsigned char copy[2 * STRETCH];
    const char *s = text;
    unsigned marks, grams_in_final = 8;
    size_t last = len - RS__CUE_GRAM_LEN;
    size_t final = len >= STRETCH_READ ? (len - STRETCH_READ) & ~(size_t)1 : 0;
    if (len < STRETCH_READ) {
        /* zeros past the text: only a short text is read from the copy */
        memset(copy, 0, sizeof copy);
        memcpy(copy, text, len);
        s = (const char *)copy;
        grams_in_final = (unsigned)(last / 2 + 1);
    }
#if defined(__SSE2__)
    const __m128i bit = _mm_set1_epi8(0x20), slash = _mm_set1_epi8('/'),
                  c2 = _mm_set1_epi8((char)0xC2),
                  factors = _mm_set1_epi32((int)((uint32_t)RS__CUE_HASH_HIGH << 16 | RS__CUE_HASH_LOW));
    __m128i rare_bytes = _mm_setzero_si128(), at0, at2;
    /* rs__cue_gram_hash() of the grams at 0, 4, 8, 12 (at0) and 2, 6, 10,
       14 (at2), in the even 16-bit words */
#define STRETCH_MARKS(s)                                                                  \
    do {                                                                                  \
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s));                  \
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)((s) + 2));            \
        rare_bytes = _mm_or_si128(rare_bytes, _mm_or_si128(_mm_cmpeq_epi8(v, slash),      \
                                                           _mm_cmpeq_epi8(v, c2)));       \
        at0 = _mm_srli_epi16(_mm_madd_epi16(_mm_or_si128(v, bit), factors), 1);           \
        at2 = _mm_srli_epi16(_mm_madd_epi16(_mm_or_si128(w, bit), factors), 1);           \
        marks = grams[_mm_extract_epi16(at0, 0)] | grams[_mm_extract_epi16(at2, 0)]       \
                | grams[_mm_extract_epi16(at0, 2)] | grams[_mm_extract_epi16(at2, 2)]     \
                | grams[_mm_extract_epi16(at0, 4)] | grams[_mm_extract_epi16(at2, 4)]     \
                | grams[_mm_extract_epi16(at0, 6)] | grams[_mm_extract_epi16(at2, 6)];    \
    } while (0)
    /* the places in the order of the grams: at2's words moved up into at0's odd ones */
#define KEEP_PLACES()                                                                     \
    _mm_storeu_si128((__m128i *)(void *)places,                                           \
                     _mm_or_si128(_mm_and_si128(at0, _mm_set1_epi32(0xFFFF)),             \
                                  _mm_slli_epi32(at2, 16)))
#else
#define STRETCH_MARKS(s)                                                                  \
    do {                                                                                  \
        marks = 0;                                                                        \
        for (unsigned k = 0; k < 8; k++) {                                                \
            places[k] = (uint16_t)rs__cue_gram_hash(rs__cue_folded_gram((s) + 2 * k));    \
            marks |= grams[places[k]];                                                    \
        }                                                                                 \
    } while (0)
#define KEEP_PLACES() ((void)0)
#endif
    /* the grams of the stretch at base (the first n of them) marked for
       the groups still looked for, one by one: rarely more than one */
#define LOOK_AT(base, n, k)                                                               \
    do {                                                                                  \
        if ((k) < (n) && (grams[places[k]] & groups)) {                                   \
            groups = look_closer(x, text, len, (base) + 2 * (k), places[k], wanted, found); \
            if (!groups)                                                                  \
                return RARE_ALL;                                                          \
        }                                                                                 \
    } while (0)
#define LOOK_CLOSER(base, n)                                                              \
    do {                                                                                  \
        if (marks & groups) {                                                             \
            KEEP_PLACES();                                                                \
            LOOK_AT(base, n, 0);                                                          \
            LOOK_AT(base, n, 1);                                                          \
            LOOK_AT(base, n, 2);                                                          \
            LOOK_AT(base, n, 3);                                                          \
            LOOK_AT(base, n, 4);                                                          \
            LOOK_AT(base, n, 5);                                                          \
            LOOK_AT(base, n, 6);                                                          \
            LOOK_AT(base, n, 7);                                                          \
        }                                                                                 \
    } while (0)
    size_t p = 0;
    for (; p + STRETCH_READ <= len; p += STRETCH) {
        STRETCH_MARKS(text + p);
        LOOK_CLOSER(p, 8u);
    }
    if (p <= last) {
        STRETCH_MARKS(s + final);
        LOOK_CLOSER(final, grams_in_final);
    }
#undef LOOK_CLOSER
#undef LOOK_AT
#undef KEEP_PLACES
#undef STRETCH_MARKS
    if (last % 2 == 1) {
        uint32_t gram = rs__cue_folded_gram(text + last);
        unsigned place = rs__cue_gram_hash(gram);
        if ((grams[place] & groups) && rs__cue_gram_checks(x, gram))
            *found |= sets_near(x, text, len, last, gram, place, wanted & ~*found);
    }
#if defined(__SSE2__)
    /* the last sixteen bytes, past what the stretches compared */
    __m128i end = _mm_loadu_si128((const __m128i *)(const void *)(len >= STRETCH ? text + len - STRETCH
                                                                               : s));
    rare_bytes = _mm_or_si128(rare_bytes, _mm_or_si128(_mm_cmpeq_epi8(end, slash), _mm_cmpeq_epi8(end, c2)));
    /* one of them is as good as both: three blocks in a hundred have either */
    return _mm_movemask_epi8(rare_bytes) ? RARE_ALL : 0u;
#else
    return RARE_ALL;
#endif
}

/*
 * The sets among `wanted` (less those `found`) that have a phrase under
 * four bytes in text, given which rare bytes it may hold; the search stops
 * once those of `short_wanted` are found.  Most blocks have
 * no byte 0xC2 and so none of these phrases: kept out of line, the search
 * costs them nothing.
 */
RS_CUES_NOINLINE static unsigned find_short(const rs__cue_phrases *x, const char *text,
                                            size_t len, unsigned wanted, unsigned short_wanted,
                                            unsigned rare, unsigned found)
{
    unsigned found_here = 0;
    for (unsigned k = 0; k < x->nshort && (short_wanted & ~found & ~found_here); k++) {
        unsigned id = x->short_ids[k];
        bool no_anchor =
            !(rare & RARE_C2) && (unsigned char)x->text[id][x->short_anchor[k]] == 0xC2;
        if ((x->set[id] & wanted & ~found & ~found_here) && !no_anchor
            && contains(text, len, x->text[id], x->len[id], x->short_anchor[k]))
            found_here |= x->set[id];
    }
    return found_here;
}

/*
 * The sets among `wanted` that have a phrase in text (ASCII case aside);
 * *rare tells which of the rare bytes text may hold.
 */
static unsigned find_sets(const rs__cue_phrases *x, const char *text, size_t len, unsigned wanted,
                          unsigned *rare)
{
    unsigned found = 0;
    *rare = scan(x, text, len, wanted, &found);
    /* a block without the byte 0xC2 holds none of the phrases anchored on it */
    unsigned short_wanted = wanted & (*rare & RARE_C2 ? x->short_sets : x->short_sets_not_c2);
    if (short_wanted & ~found)
        found |= find_short(x, text, len, wanted, short_wanted, *rare, found);
    return found;
}

/* A third rare byte: the one that "(c) ", the coreless phrase, opens with. */
enum { RARE_PAREN = 1u << 2 };
/* The sets whose search, or whose cue, asks which rare bytes a block holds. */
enum { RARE_ASKERS = RS__CUE_SET_CREDIT | RS__CUE_SET_COPYRIGHT_SIGN | RS__CUE_SET_COPYRIGHT_C };
_Static_assert(RS__CUE_SETS_BY_WORDS == (RS__CUE_SET_NOTICE | RS__CUE_SET_SITE | RS__CUE_SET_FOOTER
                                         | RARE_ASKERS),
               "notices, site words and footers have no phrase under four bytes nor coreless");

#if defined(__SSE2__)
/* Adds v's bytes to what the slash-or-0xC2 and '(' accumulators have seen. */
static inline void note_rare_bytes(__m128i v, __m128i *slash_c2, __m128i *parens)
{
    *slash_c2 = _mm_or_si128(*slash_c2, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')),
                                                     _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))));
    *parens = _mm_or_si128(*parens, _mm_cmpeq_epi8(v, _mm_set1_epi8('(')));
}
#endif

/*
 * Which rare bytes text holds (RARE_ALL for the slash or 0xC2, as scan()
 * tells them, and RARE_PAREN), sixteen bytes at a time where SSE2 is:
 * the pass a block whose words hold no core takes instead of the scan.
 */
static unsigned rare_bytes_in(const char *text, size_t len)
{
#if defined(__SSE2__)
    __m128i slash_c2 = _mm_setzero_si128(), parens = _mm_setzero_si128();
    size_t i = 0;
    /* two stretches a turn: the blocks asked are long, and the loop's own
       count and branch were a third of its instructions */
    for (; i + 2 * STRETCH <= len; i += 2 * STRETCH) {
        note_rare_bytes(_mm_loadu_si128((const __m128i *)(const void *)(text + i)), &slash_c2,
                        &parens);
        note_rare_bytes(_mm_loadu_si128((const __m128i *)(const void *)(text + i + STRETCH)),
                        &slash_c2, &parens);
    }
    for (; i + STRETCH <= len; i += STRETCH)
        note_rare_bytes(_mm_loadu_si128((const __m128i *)(const void *)(text + i)), &slash_c2,
                        &parens);
    if (i < len) {
        /* the last sixteen bytes again, or a short text copied to zeros */
        unsigned char copy[STRETCH] = {0};
        const char *last = text + len - STRETCH;
        if (len < STRETCH) {
            memcpy(copy, text, len);
            last = (const char *)copy;
        }
        note_rare_bytes(_mm_loadu_si128((const __m128i *)(const void *)last), &slash_c2, &parens);
    }
    return (_mm_movemask_epi8(slash_c2) ? RARE_ALL : 0u) | (_mm_movemask_epi8(parens) ? RARE_PAREN : 0u);
#else
    bool slash_c2 = memchr(text, '/', len) != NULL || memchr(text, 0xC2, len) != NULL;
    return (slash_c2 ? RARE_ALL : 0u) | (memchr(text, '(', len) != NULL ? RARE_PAREN : 0u);
#endif
}

/*
 * The sets among `wanted` (all of RS__CUE_SETS_BY_WORDS) that have a
 * phrase in a text whose words hold no core, which holds the rare bytes
 * `rare`: only the coreless phrases and those under four bytes can be
 * there, and most blocks have none of the bytes those start or are
 * anchored on.
 */
static unsigned find_coreless(const rs__cue_phrases *x, const char *text, size_t len,
                              unsigned wanted, unsigned rare)
{
    unsigned found = 0;
    for (unsigned k = 0; k < x->ncoreless; k++) {
        unsigned id = x->coreless_ids[k];
        bool no_anchor = !(rare & RARE_PAREN) && x->text[id][x->coreless_anchor[k]] == '(';
        if ((x->set[id] & wanted & ~found) && !no_anchor
            && contains(text, len, x->text[id], x->len[id], x->coreless_anchor[k]))
            found |= x->set[id];
    }
    unsigned short_wanted = wanted & (rare & RARE_C2 ? x->short_sets : x->short_sets_not_c2);
    if (short_wanted & ~found)
        found |= find_short(x, text, len, wanted, short_wanted, rare, found);
    return found;
}

/* Does a word token among tokens[0..count) hold letters enough for a core
   that no lexicon answer covers?  Numbers ("16th", "3cookies") are counted,
   not looked up. */
static bool number_with_letters(const rs__token *tokens, size_t count)
{
#define WITH_LETTERS(t) \
    ((t).kind == RS_WORD_NUMBER && (t).type == RS_TOK_WORD && (t).letters >= RS__CUE_CORE_MIN)
    /* four tokens a turn: the blocks asked are long, and the loop's own
       count and branch were half its cost */
    size_t k = 0;
    for (; k + 4 <= count; k += 4) {
        if (WITH_LETTERS(tokens[k]))
            return true;
        if (WITH_LETTERS(tokens[k + 1]))
            return true;
        if (WITH_LETTERS(tokens[k + 2]))
            return true;
        if (WITH_LETTERS(tokens[k + 3]))
            return true;
    }
    for (; k < count; k++)
        if (WITH_LETTERS(tokens[k]))
            return true;
    return false;
#undef WITH_LETTERS
}

/*
 * Are the sets wanted all of RS__CUE_SETS_BY_WORDS, and do the block's
 * words (their lexicon answers' union lex_seen, and its tokens) hold no
 * core of their phrases?
 */
static bool words_hold_no_core(const rs__cue_phrases *x, unsigned wanted, unsigned lex_seen,
                               const rs__token *tokens, size_t count, const rs__text_block *b)
{
    return wanted && !(wanted & ~RS__CUE_SETS_BY_WORDS) && x->by_words
           && !(lex_seen & RS__WORD_CUE) && !(b->numbers > 0 && number_with_letters(tokens, count));
}

/* The phrase sets a block of w words is short enough to be searched for,
   as the limits above give them; a block ending a sentence drops
   RS__CUE_SET_NAV, one without numbers RS__CUE_SET_AGO.  A table: the
   limits' nine tests cost more than a load, once per block. */
#define WANTED_BY_WORDS(w)                                                                    \
    (((w) <= NAV_MAX_WORDS ? RS__CUE_SET_NAV : 0u)                                           \
     | ((w) >= NOTICE_MIN_WORDS && (w) <= NOTICE_MAX_WORDS ? RS__CUE_SET_NOTICE : 0u)        \
     | ((w) <= SITE_WORDS_MAX_WORDS ? RS__CUE_SET_SITE : 0u)                                 \
     | ((w) <= FOOTER_MAX_WORDS ? RS__CUE_SET_FOOTER : 0u)                                   \
     | ((w) <= COMMENTS_MAX_WORDS ? RS__CUE_SET_COMMENTS : 0u)                               \
     | ((w) <= AD_MAX_WORDS ? RS__CUE_SET_AD : 0u)                                           \
     | ((w) <= CREDIT_MAX_WORDS /* footers are shorter */                                     \
            ? RS__CUE_SET_CREDIT | RS__CUE_SET_COPYRIGHT_SIGN | RS__CUE_SET_COPYRIGHT_C        \
            : 0u)                                                                             \
     | ((w) <= DATE_MAX_WORDS ? RS__CUE_SET_AGO : 0u))
#define WANTED4(w) WANTED_BY_WORDS(w), WANTED_BY_WORDS((w) + 1), WANTED_BY_WORDS((w) + 2), \
                   WANTED_BY_WORDS((w) + 3)
#define WANTED16(w) WANTED4(w), WANTED4((w) + 4), WANTED4((w) + 8), WANTED4((w) + 12)
_Static_assert(WANTED_WORDS > SITE_WORDS_MAX_WORDS && WANTED_BY_WORDS(WANTED_WORDS) == 0,
               "past the table's words no set is searched for");
static const uint16_t wanted_by_words[WANTED_WORDS] = {
    WANTED16(0), WANTED16(16), WANTED16(32), WANTED16(48), WANTED16(64), WANTED16(80)};
#undef WANTED16
#undef WANTED4

/*
 * The cues that the sets found (not empty) tell, of a block of w words
 * whose cues so far are `cues`: the sets searched for were within their
 * limits, so only those of the copyright sets differ by the words.
 */
RS_CUES_NOINLINE static unsigned cues_of_found(unsigned found, uint32_t w, const char *text,
                                               size_t len, unsigned cues)
{
    if (found & RS__CUE_SET_NAV)
        cues |= RS__CUE_NAV;
    if (found & RS__CUE_SET_NOTICE)
        cues |= RS__CUE_NOTICE;
    if (found & RS__CUE_SET_SITE)
        cues |= RS__CUE_SITE_WORDS;
    bool copyright_sign = (found & (RS__CUE_SET_COPYRIGHT_SIGN | RS__CUE_SET_COPYRIGHT_C)) != 0;
    if ((found & RS__CUE_SET_FOOTER)
        || (w <= FOOTER_MAX_WORDS && copyright_sign && has_year(text, len)))
        cues |= RS__CUE_FOOTER;
    if (found & RS__CUE_SET_COMMENTS)
        cues |= RS__CUE_COMMENTS;
    if (found & RS__CUE_SET_AD)
        cues |= RS__CUE_AD;
    if ((found & RS__CUE_SET_CREDIT) || (copyright_sign && !(cues & RS__CUE_FOOTER)))
        cues |= RS__CUE_CREDIT;
    if (found & RS__CUE_SET_AGO)
        cues |= RS__CUE_DATE;
    return cues;
}

/*
 * The cues of a block whose word tokens are tokens[0..count) and whose
 * words' lexicon answers add up to lex_seen, with RS__WORD_CUE set as well
 * for a word the lexicon was not asked about (a link, an address, a
 * handle, a tag; the numbers are read from the tokens).  Without
 * RS__WORD_CUE the block holds no phrase of RS__CUE_SETS_BY_WORDS but the
 * coreless and shorter ones, and a long block is spared the scan for the
 * rest.  rs__text_describe_words(), which every block of plain text goes
 * through, takes it whole.
 */
static void text_cues(const rs__cue_index *index, const char *text, size_t len,
                      const rs__token *tokens, size_t count, unsigned lex_seen, rs__text_block *b)
{
    const rs__cue_phrases *phrases = index->phrases;
    uint32_t w = b->words;
    if (w == 0)
        return;
    size_t visible = trim_end(text, len);
    if (len > CUE_TEXT_MAX) {
        /* far past every word limit below: only a teaser's ending can tell */
        if (ends_with_teaser(phrases, text, visible))
            b->cues |= RS__CUE_TEASER;
        return;
    }
    /* Look for every phrase set the block is short enough for in one pass:
       blocks of up to 90 words meet a hundred phrases, longer ones none. */
    unsigned wanted = w < WANTED_WORDS ? wanted_by_words[w] : 0u;
    if (b->terminal)
        wanted &= ~(unsigned)RS__CUE_SET_NAV;
    if (b->numbers == 0)
        wanted &= ~(unsigned)RS__CUE_SET_AGO;
    unsigned rare = RARE_ALL;
    unsigned found = 0;
    if (words_hold_no_core(phrases, wanted, lex_seen, tokens, count, b)) {
        /* only credits and copyrights ask for the rare bytes (none past
           CREDIT_MAX_WORDS): a block that holds none has none of theirs */
        unsigned held = wanted & RARE_ASKERS ? rare_bytes_in(text, len) : 0u;
        rare = held & RARE_ALL;
        /* most blocks hold none of the bytes that the coreless and the
           short phrases are anchored on: nothing to look for */
        if ((held & (RARE_PAREN | RARE_C2)) || !phrases->coreless_on_paren
            || phrases->short_sets_not_c2)
            found = find_coreless(phrases, text, len, wanted, held);
    } else if (wanted) {
        found = find_sets(phrases, text, len, wanted, &rare);
    }
    /* most blocks hold no phrase: the cues of the sets are asked apart */
    unsigned cues = found ? cues_of_found(found, w, text, len, b->cues) : b->cues;
    if (w <= COUNTER_MAX_WORDS && b->widget == w)
        cues |= RS__CUE_COUNTER;
    /* a menu or breadcrumb written on one line: "News | Sport | Weather" */
    if (!b->terminal && w <= 40 && spaced_bars(text, len) >= 2)
        cues |= RS__CUE_NAV;
    if (w <= AD_MAX_WORDS
        && ((visible == 2 && find(text, 2, "ad") == 0) || (visible == 3 && find(text, 3, "ads") == 0)))
        cues |= RS__CUE_AD;
    if (w <= CREDIT_MAX_WORDS
        && (((rare & RARE_SLASH) && ends_with_source(text, len))
            || ends_with_named_credit(text, visible, b)))
        cues |= RS__CUE_CREDIT;
    if (w <= BY_MAX_WORDS && b->by_name)
        cues |= RS__CUE_BY;
    if (is_views_line(text, visible, b))
        cues |= RS__CUE_VIEWS;
    if (b->numbers > 0
        && ((w <= DATE_MAX_WORDS && (b->month || has_numeric_date(text, len)))
            || starts_with_time(text, len)))
        cues |= RS__CUE_DATE;
    if (ends_with_teaser(phrases, text, visible))
        cues |= RS__CUE_TEASER;
    b->cues = cues;
}

/* The ASCII marks below '@' that examine_end() tells apart, a bit each:
   one shift and test where rs__is_closer() and the others compare in turn. */
#define BIT(c) (1ull << (c))
static const uint64_t closers_below_64 = BIT('"') | BIT('\'') | BIT(')');
static const uint64_t terminals_below_64 = BIT('.') | BIT('!') | BIT('?');
static const uint64_t soft_ends_below_64 = BIT(':') | BIT(';') | BIT(',');
#undef BIT

/* How the block's text ends, past closing quotes and brackets. */
static void examine_end(const char *text, const rs__token *tokens, size_t count,
                        rs__text_block *b)
{
    for (size_t k = count; k-- > 0;) {
        const rs__token *t = &tokens[k];
        if (t->type == RS_TOK_SPACE)
            continue;
        if (t->type == RS_TOK_PUNCT && t->cp >= 0 && t->cp < 64) {
            /* most blocks end in a full stop or another ASCII mark */
            uint64_t bit = 1ull << t->cp;
            if (closers_below_64 & bit)
                continue;
            b->terminal = (terminals_below_64 & bit) != 0;
            b->soft_end = (soft_ends_below_64 & bit) != 0;
            return;
        }
        if (t->type == RS_TOK_PUNCT && rs__is_closer(t->cp))
            continue;
        if (t->type == RS_TOK_WORD) {
            /* "U.S." keeps its dot inside the word; it still ends a sentence */
            b->terminal = (t->flags & RS_TF_DOTTED) != 0 && text[t->end - 1] == '.';
            return;
        }
        b->terminal = rs__is_terminal(t->cp);
        b->soft_end = t->cp == ':' || t->cp == ';' || t->cp == ',';
        return;
    }
}

/*
 * Here, next to the cues, and flattened: the description and the cues are
 * one function, whose registers are saved once a block, and the helpers
 * that a block always meets are inlined (those kept out of line for being
 * rare, RS_CUES_NOINLINE, stay so).
 */
RS_CUES_FLATTEN void rs__text_describe_words(const rs__cue_index *index, const char *buffer,
                                             size_t offset, size_t len, const rs__token *tokens,
                                             size_t count, const rs_block *block,
                                             rs__text_words *w, rs__text_block *out)
{
    const char *text = buffer + offset;
    /* every field set one by one, none cleared first: gcc clears a
       description with `rep stosq`, whose start-up costs more than the
       stores, once per block */
    out->terminal = out->soft_end = false;
    out->kind = block->kind;
    uint64_t words = block->words, sentences = block->sentences, cjk = block->counts.cjk_chars;
    if ((words | sentences | cjk | len) <= UINT32_MAX) {
        /* one test for the four counts: a block's are far below */
        out->words = (uint32_t)words;
        out->sentences = (uint32_t)sentences;
        out->cjk = (uint32_t)cjk;
        out->bytes = (uint32_t)len;
    } else {
        out->words = rs__text_count32(words);
        out->sentences = rs__text_count32(sentences);
        out->cjk = rs__text_count32(cjk);
        out->bytes = rs__text_count32(len);
    }
    out->lines = len ? 1 : 0;
    if (w->newlines != UINT64_MAX)
        out->lines += (uint32_t)w->newlines;
    else
        for (const char *nl = text; (nl = memchr(nl, '\n', len - (size_t)(nl - text))) != NULL;
             nl++)
            out->lines++;
    out->alpha = w->alpha;
    out->capitalised = w->capitalised;
    out->capitalised_inner = w->capitalised_inner;
    out->numbers = w->numbers;
    out->cues = w->cues;
    /* rs__text_words_flush() into out, w left as it is (no one reads it
       after): the lanes' bytes added once, where they are wanted */
    out->widget = rs__text_add_stop_lanes(out->stop, w->stop, w->widget, w->stop_counts);
    out->month = w->month;
    out->by_name = w->by_name;
    /* 0 means "no words": a real hash of 0 only loses one repeat check */
    out->key = w->keyed ? (w->key ? w->key : 1) : 0;
    examine_end(buffer, tokens, count, out);
    text_cues(index, text, len, tokens, count, w->lex_seen, out);
}

void rs__text_cues(const rs__cue_index *index, const char *text, size_t len, rs__text_block *b)
{
    /* words unknown: as if one held a core, so that nothing is ruled out */
    text_cues(index, text, len, NULL, 0, RS__WORD_CUE, b);
}

size_t rs__text_byline_name(const char *text, size_t len, size_t *start)
{
    size_t p = 0;
    while (p < len && (text[p] == ' ' || text[p] == '\t'))
        p++;
    /* "By ", "Par ", "Posted by ": up to the author word and its space */
    for (size_t i = p; i < len && i < p + 16; i++) {
        if (text[i] != ' ')
            continue;
        size_t word = i;
        while (word > p && text[word - 1] != ' ')
            word--;
        char fold[8];
        size_t n = i - word;
        if (n == 0 || n >= sizeof fold)
            continue;
        for (size_t k = 0; k < n; k++)
            fold[k] = rs__ascii_lower(text[word + k]);
        if (rs__text_byline_word(fold, n)) {
            p = i + 1;
            break;
        }
    }
    size_t end = p;
    /* the name ends at a separator, a comma, a line break or a date's digits */
    while (end < len && text[end] != '\n' && text[end] != '|' && text[end] != ',' && !is_digit(text[end])
           && !(end + 1 < len && (unsigned char)text[end] == 0xC2 && (unsigned char)text[end + 1] == 0xB7)
           && !(end + 2 < len && (unsigned char)text[end] == 0xE2 && (unsigned char)text[end + 1] == 0x80
                && (unsigned char)text[end + 2] == 0xA2))
        end++;
    while (end > p && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    size_t views = strlen(" views");
    if (end - p > views && find(text + end - views, views, " views") == 0)
        end -= views;
    while (end > p && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    *start = p;
    return end - p;
}
