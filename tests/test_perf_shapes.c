/*
 * Growth: the shapes issue 5 names (one huge line, a million one-word
 * sentences, a million blank lines, one huge word), in every format, at a
 * size and at twice that size.  Time is not asserted (machines are
 * shared); what is asserted is deterministic: the figures double with the
 * input, and so, at most, does the memory the library asks for (peak live
 * bytes through the allocator hook), and the number of allocations stays
 * far below one per word.  bench/README.md has the instruction counts.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "readstat.h"

typedef enum { ONE_LINE, ONE_WORD_SENTENCES, BLANK_LINES, ONE_WORD } shape;

static const char prose[] = "The ferry left at dawn, and the crew counted every crate. ";

/* n repetitions of the shape's unit (a sentence, a line break, a letter). */
static char *make(shape s, size_t n, size_t *len)
{
    char *b = malloc(n * (sizeof prose - 1) + 8);
    cr_assert_not_null(b);
    size_t o = 0;
    switch (s) {
    case ONE_LINE:
        for (size_t i = 0; i < n; i++, o += sizeof prose - 1)
            memcpy(b + o, prose, sizeof prose - 1);
        break;
    case ONE_WORD_SENTENCES:
        for (size_t i = 0; i < n; i++, o += 5)
            memcpy(b + o, "Yes. ", 5);
        break;
    case BLANK_LINES:
        /* blank lines, then one word so that there is something to count */
        memset(b, '\n', n);
        memcpy(b + n, "End.", 4);
        o = n + 4;
        break;
    case ONE_WORD:
        memset(b, 'a', n);
        o = n;
        break;
    }
    *len = o;
    return b;
}

typedef struct run {
    rs_counts counts;
    size_t blocks;
    alloc_tally mem;
} run;

static run analyze_text(const char *text, size_t len, rs_format format)
{
    run out = {0};
    rs_allocator alloc = {alloc_tally_realloc, &out.mem};
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    o.allocator = &alloc;
    rs_report *r = NULL;
    rs_status st = rs_analyze(text, len, &o, &r);
    cr_assert_eq(st, RS_OK, "%s", rs_strerror(st));
    out.counts = *rs_report_page_counts(r);
    out.blocks = rs_report_block_count(r);
    rs_report_free(r);
    cr_expect_eq(out.mem.live, 0, "the report frees what the analysis took");
    return out;
}

static run analyze(shape s, size_t n, rs_format format)
{
    size_t len;
    char *text = make(s, n, &len);
    run out = analyze_text(text, len, format);
    free(text);
    return out;
}

/* Figures at n and 2n; memory at most about twice as much. */
static void check_growth(shape s, size_t n, rs_format format, const char *what)
{
    run a = analyze(s, n, format), b = analyze(s, 2 * n, format);
    if (s != ONE_WORD && s != BLANK_LINES) {
        /* the shape repeats, so every count doubles */
        cr_expect_eq(b.counts.words, 2 * a.counts.words, "%s: words", what);
        cr_expect_eq(b.counts.sentences, 2 * a.counts.sentences, "%s: sentences", what);
        cr_expect_eq(b.counts.syllables, 2 * a.counts.syllables, "%s: syllables", what);
    } else {
        cr_expect_eq(a.counts.words, 1, "%s: one word", what);
        cr_expect_eq(b.counts.words, 1, "%s: one word", what);
    }
    /* Growth of at most 2x plus the fixed part (tables sized by powers of two
       may round up once more at the larger size). */
    cr_expect_leq(b.mem.peak, 2 * a.mem.peak + a.mem.peak / 2 + (1u << 20),
                  "%s: peak %zu bytes at %zu, %zu at %zu", what, a.mem.peak, n, b.mem.peak, 2 * n);
    /* Allocations grow geometrically, never once per word or per line. */
    cr_expect_leq(b.mem.calls, 400, "%s: %zu allocations", what, b.mem.calls);
}

enum { SIZE = 1000000 };

Test(perf_shapes, one_long_line_grows_linearly, .timeout = 120)
{
    /* 4 MB and 8 MB of text on one line; 1 and 2 MB in the other formats */
    check_growth(ONE_LINE, 4 * SIZE / 58, RS_FORMAT_TEXT, "text line");
    check_growth(ONE_LINE, SIZE / 58, RS_FORMAT_MARKDOWN, "markdown line");
    check_growth(ONE_LINE, SIZE / 58, RS_FORMAT_HTML, "html line");
}

Test(perf_shapes, a_million_one_word_sentences_grow_linearly, .timeout = 120)
{
    check_growth(ONE_WORD_SENTENCES, SIZE / 2, RS_FORMAT_TEXT, "text sentences");
    check_growth(ONE_WORD_SENTENCES, SIZE / 5, RS_FORMAT_MARKDOWN, "markdown sentences");
    check_growth(ONE_WORD_SENTENCES, SIZE / 5, RS_FORMAT_HTML, "html sentences");
    run r = analyze(ONE_WORD_SENTENCES, SIZE, RS_FORMAT_TEXT);
    cr_expect_eq(r.counts.sentences, SIZE);
}

Test(perf_shapes, a_million_blank_lines_grow_linearly, .timeout = 120)
{
    check_growth(BLANK_LINES, SIZE / 2, RS_FORMAT_TEXT, "text blank lines");
    check_growth(BLANK_LINES, SIZE / 2, RS_FORMAT_MARKDOWN, "markdown blank lines");
    check_growth(BLANK_LINES, SIZE / 2, RS_FORMAT_HTML, "html blank lines");
    run r = analyze(BLANK_LINES, SIZE, RS_FORMAT_TEXT);
    cr_expect_eq(r.blocks, 1);
}

Test(perf_shapes, one_huge_word_grows_linearly, .timeout = 120)
{
    check_growth(ONE_WORD, 4 * SIZE, RS_FORMAT_TEXT, "text word");
    check_growth(ONE_WORD, SIZE, RS_FORMAT_MARKDOWN, "markdown word");
    check_growth(ONE_WORD, SIZE, RS_FORMAT_HTML, "html word");
}

/* n copies of unit, run together with no space. */
static run analyze_units(const char *unit, size_t n, rs_format format)
{
    size_t u = strlen(unit), len = n * u;
    char *text = malloc(len);
    cr_assert_not_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * u, unit, u);
    run out = analyze_text(text, len, format);
    free(text);
    return out;
}

/*
 * Words joined by a byte that an address's local part may hold: each word
 * asked whether the run went on to an '@', and read it to its end, so that
 * 256 KB of "a_" took 7 s and 2 MB would take minutes (the test's timeout).
 */
Test(perf_shapes, words_joined_by_local_part_marks_grow_linearly, .timeout = 120)
{
    static const char *const units[] = {"a_", "a%", "a+", "1_", "ab-c_"};
    static const rs_format formats[] = {RS_FORMAT_TEXT, RS_FORMAT_MARKDOWN, RS_FORMAT_HTML};
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
            size_t n = (size_t)(2 << 20) / strlen(units[k]);
            run a = analyze_units(units[k], n / 2, formats[f]), b = analyze_units(units[k], n, formats[f]);
            cr_expect_gt(a.counts.words, n / 4, "%s (format %d): %llu words", units[k], (int)formats[f],
                         (unsigned long long)a.counts.words);
            cr_expect_eq(b.counts.words, 2 * a.counts.words, "%s (format %d): words", units[k],
                         (int)formats[f]);
        }
    }
}
