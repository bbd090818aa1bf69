/*
 * Plain-text structure.  Blank lines separate paragraphs; a line starting
 * with a bullet (•, -, *, +, ‣, ◦, ▪, ●, ⁃) or a number ("1." "1)") and a
 * space is a list item, continued by the more-indented lines after it; a
 * short line (at most 15 words) with a letter, no final punctuation and no
 * lower-case start, followed by text, is a heading.  Headings in plain text
 * have no levels to read, so all are level 1.
 */
#include "format/plaintext.h"

#include <string.h>

#include "core/bits.h"
#include "core/hints.h"
#include "text/charclass.h"
#include "text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { OPEN_NONE, OPEN_PARAGRAPH, OPEN_ITEM };

enum { HEADING_MAX_WORDS = 15, HEADING_MAX_BYTES = 150, PROSE_MIN_BYTES = 60 };

typedef struct line_info {
    bool blank;
    size_t start, end;     /* content without surrounding blanks */
    size_t indent;         /* columns of leading blanks (a tab counts 4) */
    bool list_item;
    bool heading_like;
    bool starts_lower;     /* not known of a list item: nothing asks */
    bool ends_terminal;    /* . ! ? … (past closing quotes) */
} line_info;

static inline size_t decode(const char *text, size_t pos, size_t end, int32_t *cp)
{
    unsigned char b = (unsigned char)text[pos];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    bool invalid = false;
    return rs__utf8_decode((const unsigned char *)text + pos, end - pos, cp, &invalid);
}

static bool is_blank_cc(rs__cc cls)
{
    return cls == RS_CC_SPACE || cls == RS_CC_NEWLINE || cls == RS_CC_FORMAT
           || cls == RS_CC_CONTROL;
}

/* cp, n bytes long, is the line's first visible code point, at pos. */
static bool list_marker(const char *text, size_t pos, size_t end, int32_t cp, size_t n)
{
    size_t after = pos + n;
    if (rs__is_bullet(cp))
        return true; /* "•item" is still an item: the bullet says so */
    if (cp == '-' || cp == '*' || cp == '+')
        return after < end && (text[after] == ' ' || text[after] == '\t');
    size_t digits = 0;
    while (pos + digits < end && text[pos + digits] >= '0' && text[pos + digits] <= '9')
        digits++;
    if (digits == 0 || digits > 3 || pos + digits >= end)
        return false;
    size_t p = pos + digits;
    if (text[p] != '.' && text[p] != ')')
        return false;
    p++;
    if (p < end && text[p] == ')')
        p++;
    return p < end && (text[p] == ' ' || text[p] == '\t');
}

static bool letter_or_digit(rs__cc cls)
{
    return cls == RS_CC_LETTER || cls == RS_CC_DIGIT;
}

/*
 * Where the line's visible text ends (li->end), its last visible code point
 * and the last one that is not a closing quote or bracket (0 if none),
 * read backwards from the end: most lines end in ASCII, one byte a code
 * point.  A run of other bytes is decoded forwards from its start, which
 * is where decoding the line from p would put a boundary too (decoding
 * never takes an ASCII byte into a sequence), so damaged UTF-8 reads the
 * same both ways.  p is the first visible code point.
 */
static void examine_end(const char *text, size_t p, size_t end, line_info *li, int32_t *last_cp,
                        int32_t *last_non_closer)
{
    bool have_last = false;
    *last_cp = *last_non_closer = 0;
    for (size_t q = end; q > p;) {
        unsigned char b = (unsigned char)text[q - 1];
        if (b < 0x80) {
            rs__cc cls = (rs__cc)rs__ascii_class[b];
            if (!is_blank_cc(cls)) {
                if (!have_last) {
                    *last_cp = b;
                    li->end = q;
                    have_last = true;
                }
                if (letter_or_digit(cls) || !rs__is_closer(b)) {
                    *last_non_closer = b;
                    return;
                }
            }
            q--;
            continue;
        }
        size_t s = q - 1;
        while (s > p && (unsigned char)text[s - 1] >= 0x80)
            s--;
        bool visible = false, non_closer = false;
        int32_t run_last = 0, run_non_closer = 0;
        size_t run_end = s;
        for (size_t x = s; x < q;) {
            int32_t cp;
            size_t n = decode(text, x, end, &cp);
            rs__cc cls = rs__charclass_fast(cp);
            if (!is_blank_cc(cls)) {
                visible = true;
                run_last = cp;
                run_end = x + n;
                if (letter_or_digit(cls) || !rs__is_closer(cp)) {
                    non_closer = true;
                    run_non_closer = cp;
                }
            }
            x += n;
        }
        if (visible && !have_last) {
            *last_cp = run_last;
            li->end = run_end;
            have_last = true;
        }
        if (non_closer) {
            *last_non_closer = run_non_closer;
            return;
        }
        q = s;
    }
}

/* The class of the code point at *q, which is moved past it. */
static inline rs__cc class_at(const char *text, size_t *q, size_t end)
{
    unsigned char b = (unsigned char)text[*q];
    if (b < 0x80) {
        (*q)++;
        return (rs__cc)rs__ascii_class[b];
    }
    int32_t cp;
    *q += decode(text, *q, end, &cp);
    return rs__charclass(cp);
}

/*
 * Words in text[p..stop) up to HEADING_MAX_WORDS + 1 (more cannot make a
 * heading), and whether a letter is among them; the line ends at end.
 */
static size_t count_heading_words(const char *text, size_t p, size_t stop, size_t end,
                                  bool *has_letter)
{
    enum {
        WORD = 1u << RS_CC_LETTER | 1u << RS_CC_DIGIT | 1u << RS_CC_CJK | 1u << RS_CC_MARK,
        JOINER = 1u << RS_CC_APOSTROPHE | 1u << RS_CC_HYPHEN,
        LETTER = 1u << RS_CC_LETTER | 1u << RS_CC_CJK,
    };
    size_t words = 0;
    unsigned letter = 0;
    /* Between words, then through one: a word goes on over apostrophes and
       hyphens, and a CJK character is a word of its own. */
    for (size_t q = p; q < stop;) {
        unsigned bit = 1u << class_at(text, &q, end);
        if (!(bit & WORD))
            continue;
        if (++words > HEADING_MAX_WORDS)
            break; /* more cannot make a heading */
        letter |= bit & LETTER;
        if (bit == 1u << RS_CC_CJK)
            continue;
        while (q < stop) {
            bit = 1u << class_at(text, &q, end);
            if (!(bit & (WORD | JOINER)))
                break;
            letter |= bit & LETTER;
            if (bit == 1u << RS_CC_CJK)
                break;
        }
    }
    *has_letter = letter != 0;
    return words;
}

/*
 * count_heading_words() of text[p..stop) where every byte of it is ASCII,
 * sixteen bytes at a time (a heading-like line is read byte by byte
 * otherwise, a class look-up each, and most lines that are no sentence are
 * short ASCII headings): the whole count, where count_heading_words()
 * stops past HEADING_MAX_WORDS, which tells a heading the same.  A byte is
 * in a word if it is a letter or a digit, or a ' or - right after a byte
 * in a word; a word starts at a letter or digit after a byte in none.
 * The chunks end at stop and the first may start before p (those bytes
 * are masked off), so nothing past the line is read, nor before the text
 * (stop must be at least sixteen bytes per chunk).  false: a byte is not
 * ASCII, or the line is too close to the text's start; nothing is told.
 */
static bool count_ascii_heading_words(const char *text, size_t p, size_t stop, size_t *words,
                                      bool *has_letter)
{
#if defined(__SSE2__)
    enum { CHUNK = 16, GROUP = 4 }; /* four chunks' bits make a 64-bit mask */
    size_t chunks = (stop - p + CHUNK - 1) / CHUNK;
    if (stop < chunks * CHUNK)
        return false;
    size_t base = stop - chunks * CHUNK;
    const __m128i fold = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), zero = _mm_set1_epi8('0'),
                  z_less_a = _mm_set1_epi8('z' - 'a'), nine = _mm_set1_epi8(9),
                  apostrophe = _mm_set1_epi8('\''), hyphen = _mm_set1_epi8('-');
    uint64_t in_word_before = 0, letters = 0;
    unsigned count = 0;
    for (size_t c = 0; c < chunks; c += GROUP) {
        uint64_t word = 0, join = 0, letter = 0, high = 0;
        for (size_t k = 0; k < GROUP && c + k < chunks; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + base + CHUNK * (c + k)));
            /* a - z and A - Z fall on 0..25 once folded and moved down, 0 - 9 on 0..9 */
            __m128i from_a = _mm_sub_epi8(_mm_or_si128(v, fold), a);
            __m128i from_zero = _mm_sub_epi8(v, zero);
            __m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(from_a, z_less_a), from_a);
            __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(from_zero, nine), from_zero);
            __m128i is_joiner = _mm_or_si128(_mm_cmpeq_epi8(v, apostrophe), _mm_cmpeq_epi8(v, hyphen));
            unsigned shift = (unsigned)(CHUNK * k);
            letter |= (uint64_t)(unsigned)_mm_movemask_epi8(is_letter) << shift;
            word |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(is_letter, is_digit)) << shift;
            join |= (uint64_t)(unsigned)_mm_movemask_epi8(is_joiner) << shift;
            high |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << shift;
        }
        if (c == 0) {
            /* the bytes before the line's start */
            uint64_t line = ~((UINT64_C(1) << (p - base)) - 1);
            word &= line;
            join &= line;
            letter &= line;
            high &= line;
        }
        if (high)
            return false;
        /* the runs of joiners right after a byte in a word: adding their
           first bits carries through each run, and flips exactly its bits */
        uint64_t joined = ((word << 1) | in_word_before) & join;
        uint64_t in_word = word | (((join + joined) ^ join) & join);
        count += rs__bits_set(word & ~((in_word << 1) | in_word_before));
        letters |= letter;
        in_word_before = in_word >> 63;
    }
    *words = count;
    *has_letter = letters != 0;
    return true;
#else
    (void)text, (void)p, (void)stop, (void)words, (void)has_letter;
    return false;
#endif
}

/* rs__is_closer() and rs__is_terminal() of a line's byte: a byte past 0x7F
   is part of a sequence, or damaged, and is no code point of its own. */
static inline bool ascii_closer(unsigned char c)
{
    return c < 0x80 && rs__is_closer(c);
}

static inline bool ascii_terminal(unsigned char c)
{
    return c < 0x80 && rs__is_terminal(c);
}

/* Whether a line opening with this byte opens with visible ASCII that makes
   no list marker (a letter, a quote): no blank to skip, no item. */
static inline bool opens_visibly(unsigned char first)
{
    return first > ' ' && first < 0x7F && first != '-' && first != '*' && first != '+'
           && !(first >= '0' && first <= '9');
}

/* Whether text[p..stop) (the line ends at end) has the words of a heading:
   one to HEADING_MAX_WORDS of them, a letter among them. */
static bool heading_words(const char *text, size_t p, size_t stop, size_t end)
{
    bool has_letter;
    size_t words;
    if (!count_ascii_heading_words(text, p, stop, &words, &has_letter))
        words = count_heading_words(text, p, stop, end, &has_letter);
    return has_letter && words >= 1 && words <= HEADING_MAX_WORDS;
}

/*
 * What the line parser needs of a line, reading as little of it as it can:
 * its leading blanks, its first and last visible code points, and its
 * words only when the rest leaves it a possible heading.
 */
static RS_NOINLINE void examine_slow(const char *text, size_t start, size_t end, line_info *li)
{
    const unsigned char *u = (const unsigned char *)text;
    /* Most lines that are no sentence are titles: opening with visible
       ASCII and ending with an ASCII letter or digit, which ends their
       visible text; no final punctuation, so their words decide. */
    if (end > start && opens_visibly(u[start]) && u[end - 1] < 0x80
        && letter_or_digit((rs__cc)rs__ascii_class[u[end - 1]])) {
        unsigned char first = u[start];
        bool starts_lower = first >= 'a' && first <= 'z';
        *li = (line_info){.start = start, .end = end, .starts_lower = starts_lower};
        if (!starts_lower && end - start <= HEADING_MAX_BYTES)
            li->heading_like = heading_words(text, start, end, end);
        return;
    }
    /* A line opening with "•" (U+2022, the common bullet) is a
       list item, whatever follows; where it ends in an ASCII letter, digit
       or . ! ?, that byte ends its visible text too: what the reading
       below would find, at once (an item is no heading). */
    if (end - start >= 4 && u[start] == 0xE2 && u[start + 1] == 0x80 && u[start + 2] == 0xA2) {
        unsigned char last = u[end - 1];
        bool terminal = ascii_terminal(last);
        if (terminal || (last < 0x80 && letter_or_digit((rs__cc)rs__ascii_class[last]))) {
            *li = (line_info){.start = start, .end = end, .list_item = true,
                              .ends_terminal = terminal};
            return;
        }
    }
    /* Likewise a sentence in curly quotes: an opening one (U+201C, U+2018:
       no list marker, no lower case), and . ! or ? at the end or before a
       closing quote, ASCII or curly (U+201D, U+2019). */
    if (end - start >= 5 && u[start] == 0xE2 && u[start + 1] == 0x80
        && (u[start + 2] == 0x9C || u[start + 2] == 0x98)) {
        size_t mark = end - 1; /* where the . ! or ? should be */
        unsigned char last = u[mark];
        if (ascii_closer(last))
            mark = end - 2;
        else if ((last == 0x9D || last == 0x99) && end - start >= 7 && u[end - 2] == 0x80
                 && u[end - 3] == 0xE2)
            mark = end - 4;
        if (ascii_terminal(u[mark])) {
            *li = (line_info){.start = start, .end = end, .ends_terminal = true};
            return;
        }
    }
    *li = (line_info){.blank = true, .start = end, .end = end};
    size_t p = start;
    int32_t first_cp = 0;
    size_t first_len = 0;
    while (p < end) {
        unsigned char b = (unsigned char)text[p];
        if (b < 0x80) {
            if (!is_blank_cc((rs__cc)rs__ascii_class[b])) {
                first_cp = b;
                first_len = 1;
                break;
            }
            li->indent += b == '\t' ? 4 : 1;
            p++;
            continue;
        }
        int32_t cp;
        size_t n = decode(text, p, end, &cp);
        /* a bullet is no blank: bulleted lines skip the class look-up */
        if (rs__is_bullet(cp) || !is_blank_cc(rs__charclass(cp))) {
            first_cp = cp;
            first_len = n;
            break;
        }
        li->indent += 1;
        p += n;
    }
    if (p >= end)
        return;
    li->blank = false;
    li->start = p;
    li->list_item = list_marker(text, p, end, first_cp, first_len);

    int32_t last_cp, last_non_closer;
    examine_end(text, p, end, li, &last_cp, &last_non_closer);
    li->starts_lower = !li->list_item && rs__is_lower_fast(first_cp);
    li->ends_terminal = rs__is_terminal(last_non_closer);
    bool final_punct = li->ends_terminal || last_cp == ':' || last_cp == ';' || last_cp == ','
                       || last_non_closer == ':' || last_non_closer == ';' || last_non_closer == ',';
    if (!li->list_item && li->end - li->start <= HEADING_MAX_BYTES && !final_punct
        && !li->starts_lower)
        li->heading_like = heading_words(text, p, li->end, end);
}

/* examine(), where the line is a sentence as most lines of prose are:
   inline, the rest out of line. */
static RS_ALWAYS_INLINE void examine(const char *text, size_t start, size_t end, line_info *li)
{
    /* Most lines of prose open with a visible ASCII byte that makes no list
       marker (a letter, a quote) and end with . ! or ?, or with one and
       the quote or bracket that closes it: a sentence, so no heading.
       What the reading below would find of them, at once. */
    if (end - start >= 2) {
        unsigned char first = (unsigned char)text[start], last = (unsigned char)text[end - 1];
        bool visible_opening = opens_visibly(first);
        if (visible_opening && ascii_closer(last))
            last = (unsigned char)text[end - 2];
        if (visible_opening && ascii_terminal(last)) {
            *li = (line_info){.start = start, .end = end, .ends_terminal = true,
                              .starts_lower = first >= 'a' && first <= 'z'};
            return;
        }
    }
    examine_slow(text, start, end, li);
}

void rs__plaintext_init(rs__plaintext *pt)
{
    *pt = (rs__plaintext){.open = OPEN_NONE};
}

static RS_ALWAYS_INLINE rs_status emit(const rs__block_sink *sink, rs_block_kind kind, size_t start,
                                       size_t end)
{
    return sink->block(sink->ud, kind, kind == RS_BLOCK_HEADING ? 1 : 0, start, end);
}

/* Ends the open block; a lone heading-like line waits for what follows. */
static RS_ALWAYS_INLINE rs_status close_block(rs__plaintext *pt, const rs__block_sink *sink,
                                              bool may_wait)
{
    int open = pt->open;
    pt->open = OPEN_NONE;
    if (open == OPEN_NONE)
        return RS_OK;
    if (open == OPEN_ITEM)
        return emit(sink, RS_BLOCK_LIST_ITEM, pt->start, pt->end);
    if (pt->lines == 1 && pt->first_line_heading_like && may_wait) {
        pt->pending = true;
        pt->pending_start = pt->start;
        pt->pending_end = pt->end;
        return RS_OK;
    }
    return emit(sink, RS_BLOCK_PARAGRAPH, pt->start, pt->end);
}

static void open_block(rs__plaintext *pt, int kind, const line_info *li)
{
    pt->open = kind;
    pt->start = li->start;
    pt->end = li->end;
    pt->lines = 1;
    pt->first_line_heading_like = li->heading_like;
    pt->item_indent = li->indent;
    pt->item_gap = false;
}

static RS_ALWAYS_INLINE rs_status blank_line(rs__plaintext *pt, const rs__block_sink *sink)
{
    /* An item may go on after a blank line, indented (a loose list). */
    if (pt->open == OPEN_ITEM) {
        pt->item_gap = true;
        return RS_OK;
    }
    return close_block(pt, sink, true);
}

/* rs__plaintext_line(), inline: in the front-end's loop the sink is known,
   so each block goes straight to emit_block() and the analyzer, with no
   calls through the sink and no line_info through memory, which cost the
   front-end a fifth of its instructions (one block a line, 45,000 of them
   in 10 MB of text). */
static RS_ALWAYS_INLINE rs_status parse_examined(rs__plaintext *pt, const line_info *line,
                                                 const rs__block_sink *sink);

static RS_ALWAYS_INLINE rs_status parse_line(rs__plaintext *pt, const char *text, size_t start,
                                             size_t end, const rs__block_sink *sink)
{
    if (start == end) /* half the lines of a text are empty: nothing to examine */
        return blank_line(pt, sink);
    line_info li;
    examine(text, start, end, &li);
    return parse_examined(pt, &li, sink);
}

/*
 * parse_examined() of a line and then of an empty line, in one, where that
 * is sure to make the line a paragraph of its own (nothing open, no list
 * item, no heading): as most paragraphs of plain text are made, which then
 * need not be opened, closed and looked at in between.  False, having done
 * nothing, otherwise.
 */
static RS_ALWAYS_INLINE bool paragraph_then_blank(rs__plaintext *pt, const line_info *li,
                                                  const rs__block_sink *sink, rs_status *st)
{
    if (pt->open != OPEN_NONE || li->blank || li->list_item || li->heading_like)
        return false;
    *st = RS_OK;
    if (pt->pending) {
        pt->pending = false;
        *st = emit(sink, RS_BLOCK_HEADING, pt->pending_start, pt->pending_end);
    }
    if (*st == RS_OK)
        *st = emit(sink, RS_BLOCK_PARAGRAPH, li->start, li->end);
    return true;
}

/* One line that is not empty, examined. */
static RS_ALWAYS_INLINE rs_status parse_examined(rs__plaintext *pt, const line_info *line,
                                                 const rs__block_sink *sink)
{
    const line_info li = *line;
    if (li.blank)
        return blank_line(pt, sink);

    rs_status st = RS_OK;
    if (pt->pending) {
        pt->pending = false;
        st = emit(sink, RS_BLOCK_HEADING, pt->pending_start, pt->pending_end);
        if (st != RS_OK)
            return st;
    }
    if (li.list_item) {
        /* "Popular Now" right above its list is the list's heading. */
        if (pt->open == OPEN_PARAGRAPH && pt->lines == 1 && pt->first_line_heading_like) {
            pt->open = OPEN_NONE;
            st = emit(sink, RS_BLOCK_HEADING, pt->start, pt->end);
        } else {
            st = close_block(pt, sink, false);
        }
        open_block(pt, OPEN_ITEM, &li);
        return st;
    }
    if (pt->open == OPEN_ITEM && li.indent > pt->item_indent) {
        pt->end = li.end;
        pt->lines++;
        pt->item_gap = false;
        return RS_OK;
    }
    if (pt->open == OPEN_ITEM && pt->item_gap) {
        st = close_block(pt, sink, false);
        open_block(pt, OPEN_PARAGRAPH, &li);
        return st;
    }
    if (pt->open == OPEN_PARAGRAPH) {
        bool looks_like_prose = !li.starts_lower
                                && (li.ends_terminal || li.end - li.start >= PROSE_MIN_BYTES);
        if (pt->lines == 1 && pt->first_line_heading_like && looks_like_prose) {
            st = emit(sink, RS_BLOCK_HEADING, pt->start, pt->end);
            open_block(pt, OPEN_PARAGRAPH, &li);
            return st;
        }
        pt->end = li.end;
        pt->lines++;
        return RS_OK;
    }
    /* after a blank line (most paragraphs) nothing is open: no call */
    if (pt->open != OPEN_NONE)
        st = close_block(pt, sink, false);
    open_block(pt, OPEN_PARAGRAPH, &li);
    return st;
}

rs_status rs__plaintext_line(rs__plaintext *pt, const char *text, size_t start, size_t end,
                             const rs__block_sink *sink)
{
    return parse_line(pt, text, start, end, sink);
}

rs_status rs__plaintext_finish(rs__plaintext *pt, const rs__block_sink *sink)
{
    if (pt->pending) {
        /* Nothing follows the heading-like line (a pending line means no
           block is open): it is text, not a heading. */
        pt->pending = false;
        return emit(sink, RS_BLOCK_PARAGRAPH, pt->pending_start, pt->pending_end);
    }
    return close_block(pt, sink, false);
}

/* ------------------------------------------------------------------ */
/* The front-end: cuts the input into lines as they complete.          */

typedef struct plaintext_frontend {
    rs__plaintext lines;
    size_t line_start;  /* first byte of the line not yet parsed */
    size_t search_pos;  /* where the search for its end resumes */
    const char *text;   /* the input, valid during one feed() */
    const rs__frontend_sink *sink;
    bool long_line;     /* the line's start was parsed already (see long_line_start) */
    bool after_empty;   /* the last line parsed was empty */
    size_t next_cr;     /* the first \r from where its search began, else cr_seen_to */
    size_t cr_seen_to;  /* how far that search went */
    /* the block handed over: only its place and text change from one to
       the next, the rest (markup evidence) stays zero */
    rs__block_in out;
    /* the pending heading-like line (rs__plaintext.pending), copied once
       blank lines after it pass PENDING_HOLD_BYTES (keep_pending()) */
    bool pending_copied;
    char pending_text[HEADING_MAX_BYTES];
} plaintext_frontend;

/*
 * A heading-like line waits for what follows its blank lines, which tells
 * whether it is a heading.  Its input is kept meanwhile, and with it every
 * blank line after it: megabytes of them would be held whole.  Past this
 * many bytes of them, the line is copied and its input let go.
 */
enum { PENDING_HOLD_BYTES = 64 * 1024 };

/* The pending line, copied if the blank lines after it grow long
   (PENDING_HOLD_BYTES); its offsets go on being rebased, and may pass
   below the buffer's start, as unsigned offsets that the analyzer adds
   its base to. */
static void keep_pending(plaintext_frontend *f, const char *text)
{
    const rs__plaintext *pt = &f->lines;
    if (!pt->pending || f->pending_copied || f->line_start - pt->pending_end < PENDING_HOLD_BYTES
        || pt->pending_end - pt->pending_start > sizeof f->pending_text)
        return;
    memcpy(f->pending_text, text + pt->pending_start, pt->pending_end - pt->pending_start);
    f->pending_copied = true;
}

static RS_ALWAYS_INLINE rs_status emit_block(void *ud, rs_block_kind kind, int level, size_t start,
                                             size_t end)
{
    plaintext_frontend *f = ud;
    rs__block_in *b = &f->out;
    b->kind = kind;
    b->level = level;
    b->start = start;
    b->end = end;
    b->text = f->text + start;
    b->text_len = end - start;
    if (f->pending_copied && start == f->lines.pending_start && end == f->lines.pending_end) {
        b->text = f->pending_text; /* its input may be gone (keep_pending()) */
        f->pending_copied = false;
    }
    return f->sink->block(f->sink->ud, b);
}

static rs_status frontend_init(void *state, const rs_allocator *alloc, size_t start)
{
    (void)alloc;
    plaintext_frontend *f = state;
    rs__plaintext_init(&f->lines);
    f->line_start = f->search_pos = start;
    return RS_OK;
}

/*
 * A line longer than LONG_LINE_BYTES is parsed before it ends, so that the
 * block it belongs to can be read (and, when streaming, measured and
 * dropped) while the line goes on.  That changes nothing: a line that long
 * is no heading, and what else a line tells (blank, indent, list marker,
 * first letter) its start tells.  The rest of it only moves the block's end.
 */
enum { LONG_LINE_BYTES = 64 * 1024 };

/* The visible text of text[start..end) extends the open block. */
static RS_NOINLINE void extend_open_block(plaintext_frontend *f, const char *text, size_t start,
                                          size_t end)
{
    line_info li;
    examine(text, start, end, &li);
    if (!li.blank && f->lines.open != OPEN_NONE)
        f->lines.end = li.end;
}

/* How far back from the bytes' end long_line_start() looks for an ASCII
   byte; and how much of a line that is blank so far it keeps. */
enum { CUT_SEARCH_BYTES = 256, BLANK_KEEP = 4096 };

/*
 * Cuts a long unfinished line after an ASCII byte near the end of what has
 * come: the rest may not start mid-character.  Where the last
 * CUT_SEARCH_BYTES hold none (CJK text), the line is cut before its last
 * character, whose bytes may not all have come.  Looking further back
 * would find the one ASCII byte at the start of a line of CJK text ("A"
 * and then megabytes of Chinese), and the cut would never move past it:
 * the line, and its block, would be held whole.
 */
static RS_NOINLINE rs_status long_line_start(plaintext_frontend *f, const char *text, size_t len,
                                             const rs__block_sink *sink)
{
    if (len - f->line_start <= LONG_LINE_BYTES)
        return RS_OK;
    size_t cut = len, look_to = len - CUT_SEARCH_BYTES; /* past line_start, as the line is long */
    while (cut > look_to && (unsigned char)text[cut - 1] >= 0x80)
        cut--;
    if (cut == look_to) {
        cut = len - 1;
        while (cut > f->line_start && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    if (f->long_line) {
        extend_open_block(f, text, f->line_start, cut);
    } else {
        line_info li;
        examine(text, f->line_start, cut, &li);
        if (li.blank) {
            /* white space of megabytes, so far: only its last BLANK_KEEP
               bytes are kept, which tell as much (a blank line, or one
               indented past any list) */
            if (cut - f->line_start > BLANK_KEEP) {
                size_t from = cut - BLANK_KEEP;
                while (from < cut && ((unsigned char)text[from] & 0xC0) == 0x80)
                    from++;
                f->line_start = from;
            }
            return RS_OK;
        }
        if (li.end - li.start <= HEADING_MAX_BYTES)
            return RS_OK; /* not yet known to be no heading */
        rs_status st = rs__plaintext_line(&f->lines, text, f->line_start, cut, sink);
        if (st != RS_OK)
            return st;
        f->long_line = true;
    }
    f->line_start = cut;
    return RS_OK;
}

/* One whole line, or the end of a long one. */
static RS_ALWAYS_INLINE rs_status take_line(plaintext_frontend *f, const char *text, size_t start,
                                            size_t end, const rs__block_sink *sink)
{
    if (!f->long_line)
        return parse_line(&f->lines, text, start, end, sink);
    f->long_line = false;
    extend_open_block(f, text, start, end);
    return RS_OK;
}

/*
 * The first line break (\n or \r) in text[p..len), or len.  Most input
 * has no \r at all, so the next \r is found once for the bytes fed
 * (next_cr, searched up to cr_seen_to) and each line is a memchr for \n
 * up to it: one pass over the line at memchr's speed instead of a
 * two-byte search of our own.
 */
static size_t line_break_from(plaintext_frontend *f, const char *text, size_t p, size_t len)
{
    if (f->next_cr < p) /* passed: search again from here */
        f->next_cr = f->cr_seen_to = p;
    if (f->next_cr == f->cr_seen_to && f->cr_seen_to < len) {
        const char *cr = memchr(text + f->cr_seen_to, '\r', len - f->cr_seen_to);
        f->next_cr = cr ? (size_t)(cr - text) : len;
        f->cr_seen_to = len;
    }
    size_t limit = f->next_cr < len ? f->next_cr : len;
    const char *nl = limit > p ? memchr(text + p, '\n', limit - p) : NULL;
    return nl ? (size_t)(nl - text) : limit;
}

static rs_status frontend_feed(void *state, const char *text, size_t from, size_t len,
                               bool at_end, const rs__frontend_sink *sink)
{
    (void)from; /* search_pos remembers where the search stopped */
    plaintext_frontend *f = state;
    f->text = text;
    f->sink = sink;
    const rs__block_sink lines_sink = {emit_block, f};
    size_t p = f->search_pos;
    while (p < len) {
        char c = text[p];
        if (c != '\n' && c != '\r') {
            p = line_break_from(f, text, p + 1, len);
            if (p == len)
                break;
            c = text[p];
        }
        /* A second empty line in a row changes nothing: the first closed
           the block (or marked the list item's gap). */
        if (c == '\n' && p == f->line_start && f->after_empty) {
            /* and so does every empty line after it: the run in one go */
            do
                p++;
            while (p < len && text[p] == '\n');
            f->line_start = p;
            continue;
        }
        size_t term = 1;
        if (c == '\r') {
            if (p + 1 >= len && !at_end)
                break; /* a CR at the end of a chunk may be half of a CRLF */
            if (p + 1 < len && text[p + 1] == '\n')
                term = 2;
        }
        rs_status st;
        if (p > f->line_start && !f->long_line) {
            line_info li;
            examine(text, f->line_start, p, &li);
            /* the empty line right after it, if it has come, in the same go */
            if (c == '\n' && p + 1 < len && text[p + 1] == '\n'
                && paragraph_then_blank(&f->lines, &li, &lines_sink, &st)) {
                if (st != RS_OK)
                    return st;
                p += 2;
                f->line_start = p;
                f->after_empty = true;
                continue;
            }
            f->after_empty = false;
            st = parse_examined(&f->lines, &li, &lines_sink);
        } else {
            f->after_empty = p == f->line_start && !f->long_line;
            st = take_line(f, text, f->line_start, p, &lines_sink);
        }
        if (st != RS_OK)
            return st;
        p += term;
        f->line_start = p;
    }
    f->search_pos = p;
    keep_pending(f, text);
    /* a sink of their own for the calls out of line: the loop's never
       leaves this function, so its calls through it are direct */
    const rs__block_sink tail_sink = {emit_block, f};
    if (!at_end)
        return long_line_start(f, text, p, &tail_sink);
    if (f->line_start < len) {
        rs_status st = take_line(f, text, f->line_start, len, &tail_sink);
        if (st != RS_OK)
            return st;
        f->line_start = f->search_pos = len;
    }
    return rs__plaintext_finish(&f->lines, &tail_sink);
}

static void frontend_release(void *state)
{
    (void)state;
}

/* The unfinished line, and the open or pending block it may join. */
static size_t frontend_keep_from(const void *state)
{
    const plaintext_frontend *f = state;
    size_t keep = f->line_start;
    if (f->lines.open != OPEN_NONE && f->lines.start < keep)
        keep = f->lines.start;
    if (f->lines.pending && !f->pending_copied && f->lines.pending_start < keep)
        keep = f->lines.pending_start;
    return keep;
}

static void frontend_rebase(void *state, size_t delta)
{
    plaintext_frontend *f = state;
    f->line_start -= delta;
    f->search_pos -= delta;
    f->next_cr = f->cr_seen_to = f->search_pos; /* the \r search starts over */
    if (f->lines.open != OPEN_NONE) {
        f->lines.start -= delta;
        f->lines.end -= delta;
    }
    if (f->lines.pending) {
        f->lines.pending_start -= delta;
        f->lines.pending_end -= delta;
    }
}

/* A paragraph or list item is open: [start, end) is in it for good. */
static bool frontend_open_block(const void *state, size_t *start, size_t *end)
{
    const plaintext_frontend *f = state;
    if (f->lines.open == OPEN_NONE)
        return false;
    *start = f->lines.start;
    *end = f->lines.end;
    return true;
}

static void frontend_advance_open(void *state, size_t start)
{
    plaintext_frontend *f = state;
    if (f->lines.open != OPEN_NONE && start > f->lines.start && start <= f->lines.end)
        f->lines.start = start;
}

static bool frontend_stream(void *state)
{
    (void)state; /* lines are parsed as they come anyway */
    return true;
}

const rs__frontend_ops rs__plaintext_ops = {
    sizeof(plaintext_frontend), frontend_init, frontend_feed, frontend_release,
    frontend_stream, frontend_keep_from, frontend_rebase, frontend_open_block,
    frontend_advance_open, NULL,
};
