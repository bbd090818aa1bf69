/*
 * RS_OPT_STREAM: an input that fits in one window gets every figure it gets
 * without the flag; a longer one loses and doubles nothing across windows;
 * memory stays bounded however long the input is.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <libxml/xmlmemory.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "readstat.h"

static char *read_file(const char *relative, size_t *len)
{
    /* the tests run from the build directory; the sources are next to it */
    static const char *const roots[] = {"", "../", "../../", "../../../", NULL};
    char path[2048];
    FILE *fp = NULL;
    const char *dir = getenv("RS_SOURCE_ROOT");
    if (dir) {
        snprintf(path, sizeof path, "%s/%s", dir, relative);
        fp = fopen(path, "rb");
    }
    for (const char *const *r = roots; !fp && *r; r++) {
        snprintf(path, sizeof path, "%s%s", *r, relative);
        fp = fopen(path, "rb");
    }
    cr_assert_not_null(fp, "%s not found (set RS_SOURCE_ROOT)", relative);
    return read_whole_file(fp, len);
}

static rs_report *analyze(const char *text, size_t len, rs_format format, unsigned flags,
                          size_t chunk, alloc_tally *count)
{
    rs_allocator alloc = {alloc_tally_realloc, count};
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    o.flags = flags;
    if (count)
        o.allocator = &alloc;
    return analyze_in_chunks(text, len, chunk, &o);
}

static void expect_same_counts(const rs_counts *a, const rs_counts *b, const char *what)
{
    cr_expect_eq(memcmp(a, b, sizeof *a), 0, "%s: counts differ (words %llu vs %llu, "
                 "unfamiliar %llu vs %llu)", what, (unsigned long long)a->words,
                 (unsigned long long)b->words, (unsigned long long)a->unfamiliar_words,
                 (unsigned long long)b->unfamiliar_words);
}

static void expect_same_scores(const rs_readability *a, const rs_readability *b,
                               const char *what)
{
    for (int k = 0; k < RS_SCORE__COUNT; k++) {
        cr_expect_eq(a->defined[k], b->defined[k], "%s: %s defined", what, rs_score_name(k));
        if (a->defined[k] && b->defined[k])
            cr_expect(a->value[k] == b->value[k], "%s: %s %g vs %g", what, rs_score_name(k),
                      a->value[k], b->value[k]);
    }
}

static void expect_same_time(const rs_reading_time *a, const rs_reading_time *b, const char *what)
{
    cr_expect_eq(a->seconds, b->seconds, "%s: seconds", what);
    cr_expect_eq(a->minutes, b->minutes, "%s: minutes", what);
}

/* The section's heading as both reports hand it out. */
static void expect_same_heading(const rs_report *full, const rs_report *streamed, size_t block,
                                const char *what)
{
    if (block == RS_NONE)
        return;
    size_t la = 0, lb = 0;
    const char *a = rs_report_block_text(full, block, &la);
    const char *b = rs_report_block_text(streamed, block, &lb);
    cr_assert_not_null(b, "%s: heading of block %zu", what, block);
    cr_expect(la == lb && memcmp(a, b, la) == 0, "%s: heading '%.*s' vs '%.*s'", what, (int)la,
              a, (int)lb, b);
}

static void expect_same_sections(const rs_report *a, const rs_report *b, const char *what)
{
    size_t n = rs_report_section_count(a);
    cr_expect_eq(rs_report_section_count(b), n, "%s: sections", what);
    for (size_t i = 0; i < n && i < rs_report_section_count(b); i++) {
        const rs_section *x = rs_report_section(a, i), *y = rs_report_section(b, i);
        char where[512];
        snprintf(where, sizeof where, "%s: section %zu", what, i);
        cr_expect_eq(x->heading_block, y->heading_block, "%s heading block", where);
        cr_expect_eq(x->level, y->level, "%s level", where);
        cr_expect_eq(x->parent, y->parent, "%s parent", where);
        cr_expect_eq(x->boilerplate, y->boilerplate, "%s boilerplate", where);
        cr_expect_eq(x->start, y->start, "%s start", where);
        cr_expect_eq(x->end, y->end, "%s end", where);
        expect_same_counts(&x->counts, &y->counts, where);
        expect_same_scores(&x->readability, &y->readability, where);
        expect_same_time(&x->reading_time, &y->reading_time, where);
        expect_same_heading(a, b, x->heading_block, where);
    }
}

static void expect_same_meta(const rs_report *a, const rs_report *b, const char *what)
{
    size_t n = rs_report_meta_count(a);
    cr_expect_eq(rs_report_meta_count(b), n, "%s: meta entries", what);
    for (size_t i = 0; i < n; i++) {
        const char *ka, *va, *kb, *vb;
        cr_assert(rs_report_meta_at(a, i, &ka, &va));
        if (!rs_report_meta_at(b, i, &kb, &vb))
            continue;
        cr_expect_str_eq(ka, kb, "%s: meta key %zu", what, i);
        cr_expect_str_eq(va, vb, "%s: meta %s", what, ka);
    }
}

/* Every figure of the streamed report is the full report's; blocks and text are gone. */
static void expect_same_figures(const char *text, size_t len, rs_format format, unsigned flags,
                                size_t chunk, const char *what)
{
    rs_report *full = analyze(text, len, format, flags, chunk, NULL);
    rs_report *streamed = analyze(text, len, format, flags | RS_OPT_STREAM, chunk, NULL);
    cr_expect_eq(rs_report_format(full), rs_report_format(streamed), "%s: format", what);
    expect_same_counts(rs_report_counts(full), rs_report_counts(streamed), what);
    expect_same_counts(rs_report_page_counts(full), rs_report_page_counts(streamed), what);
    expect_same_scores(rs_report_readability(full), rs_report_readability(streamed), what);
    expect_same_scores(rs_report_page_readability(full), rs_report_page_readability(streamed),
                       what);
    expect_same_time(rs_report_reading_time(full), rs_report_reading_time(streamed), what);
    expect_same_time(rs_report_page_reading_time(full), rs_report_page_reading_time(streamed),
                     what);
    expect_same_meta(full, streamed, what);
    expect_same_sections(full, streamed, what);
    cr_expect_eq(rs_report_invalid_utf8(full), rs_report_invalid_utf8(streamed), "%s", what);
    size_t text_len = 1;
    const char *kept = rs_report_text(streamed, &text_len);
    cr_expect(kept && text_len == 0, "%s: the streamed report keeps no input", what);
    cr_expect_eq(rs_report_block_count(streamed), 0, "%s: no blocks", what);
    cr_expect_null(rs_report_block(streamed, 0), "%s", what);
    rs_report_free(full);
    rs_report_free(streamed);
}

static void expect_same_for_file(const char *relative, rs_format format)
{
    size_t len;
    char *text = read_file(relative, &len);
    static const unsigned flags[] = {0, RS_OPT_ALL};
    static const size_t chunks[] = {7, 65536};
    for (size_t f = 0; f < 2; f++) {
        for (size_t c = 0; c < 2; c++) {
            char what[512];
            snprintf(what, sizeof what, "%s as %s, flags %u, chunks of %zu", relative,
                     rs_format_name(format), flags[f], chunks[c]);
            expect_same_figures(text, len, format, flags[f], chunks[c], what);
        }
    }
    free(text);
}

static const char *const text_inputs[] = {
    "examples/article.txt", "examples/sections.txt", "examples/short.txt",
    "tests/fixtures/text/byline_by.txt", "tests/fixtures/text/byline_pipe.txt",
    "tests/fixtures/text/byline_views.txt", "tests/fixtures/text/caption.txt",
    "tests/fixtures/text/comments.txt", "tests/fixtures/text/counters.txt",
    "tests/fixtures/text/footer.txt", "tests/fixtures/text/latest.txt",
    "tests/fixtures/text/nav.txt", "tests/fixtures/text/notice.txt",
    "tests/fixtures/text/popular_repeated.txt", NULL,
};

static const char *const html_inputs[] = {
    "tests/fixtures/html/article.html", "tests/fixtures/html/aside.html",
    "tests/fixtures/html/comments.html", "tests/fixtures/html/cookie.html",
    "tests/fixtures/html/footer.html", "tests/fixtures/html/nav.html",
    "tests/fixtures/html/newsletter.html", "tests/fixtures/html/related.html",
    "tests/fixtures/html/repeated.html", "tests/fixtures/html/share.html", NULL,
};

Test(stream, refused_with_detail)
{
    rs_options o;
    rs_options_init(&o);
    o.flags = RS_OPT_STREAM | RS_OPT_DETAIL;
    rs_analyzer *a = (rs_analyzer *)&o;
    cr_expect_eq(rs_analyzer_new(&o, &a), RS_ERR_ARG);
    cr_expect_null(a);
    rs_report *r = (rs_report *)&o;
    cr_expect_eq(rs_analyze("Some text.", 10, &o, &r), RS_ERR_ARG);
    cr_expect_null(r);
}

Test(stream, one_window_plain_text_figures_are_the_full_ones)
{
    for (const char *const *p = text_inputs; *p; p++)
        expect_same_for_file(*p, RS_FORMAT_TEXT);
}

Test(stream, one_window_markdown_figures_are_the_full_ones)
{
    expect_same_for_file("tests/fixtures/markdown/article.md", RS_FORMAT_MARKDOWN);
    expect_same_for_file("README.md", RS_FORMAT_MARKDOWN);
    for (const char *const *p = text_inputs; *p; p++)
        expect_same_for_file(*p, RS_FORMAT_MARKDOWN);
}

Test(stream, html_figures_are_the_full_ones)
{
    for (const char *const *p = html_inputs; *p; p++)
        expect_same_for_file(*p, RS_FORMAT_HTML);
    expect_same_for_file("examples/article.txt", RS_FORMAT_HTML);
}

Test(stream, empty_input)
{
    expect_same_figures("", 0, RS_FORMAT_AUTO, 0, 1, "empty input");
    expect_same_figures("\n\n  \n", 4, RS_FORMAT_TEXT, 0, 1, "blank lines");
}

/* text repeated `copies` times, a blank line after each copy. */
static char *repeat(const char *text, size_t len, size_t copies, size_t *out_len)
{
    size_t unit = len + 2;
    char *buf = malloc(unit * copies + 1);
    cr_assert_not_null(buf);
    for (size_t i = 0; i < copies; i++) {
        memcpy(buf + i * unit, text, len);
        memcpy(buf + i * unit + len, "\n\n", 2);
    }
    buf[unit * copies] = '\0';
    *out_len = unit * copies;
    return buf;
}

/*
 * Across many windows nothing is lost or counted twice: the page figures of
 * n copies are one copy's plus n - 1 times what a second copy adds (the
 * first copy's first line is a heading; later ones join no paragraph),
 * whatever the chunk size, and so are the main figures with RS_OPT_ALL.
 */
Test(stream, windows_lose_and_double_nothing)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    while (len && article[len - 1] == '\n')
        len--;
    size_t copies = 90, one_len, two_len, big_len; /* 350 KB, 3600 blocks: four windows */
    char *one_text = repeat(article, len, 1, &one_len);
    char *two_text = repeat(article, len, 2, &two_len);
    char *big = repeat(article, len, copies, &big_len);
    rs_report *one = analyze(one_text, one_len, RS_FORMAT_TEXT, RS_OPT_ALL, 65536, NULL);
    rs_report *two = analyze(two_text, two_len, RS_FORMAT_TEXT, RS_OPT_ALL, 65536, NULL);
    rs_report *many = analyze(big, big_len, RS_FORMAT_TEXT, RS_OPT_ALL | RS_OPT_STREAM, 4093,
                              NULL);
    rs_report *full = analyze(big, big_len, RS_FORMAT_TEXT, RS_OPT_ALL, 65536, NULL);
    rs_counts expected = *rs_report_page_counts(one);
    const rs_counts *c2 = rs_report_page_counts(two);
    uint64_t *fields = (uint64_t *)&expected;
    const uint64_t *second = (const uint64_t *)c2;
    for (size_t k = 0; k < sizeof expected / sizeof *fields; k++)
        fields[k] += (copies - 1) * (second[k] - fields[k]);
    expected.unfamiliar_words = c2->unfamiliar_words;
    expect_same_counts(rs_report_page_counts(many), &expected, "page of many copies");
    expect_same_counts(rs_report_counts(many), &expected, "main of many copies (all)");
    expect_same_counts(rs_report_page_counts(full), &expected, "page without the flag");
    /*
     * The top-level sections hold every block once.  (Which heading lines
     * are bylines, and so open no section, is the windows' own call.)
     */
    uint64_t words = 0;
    cr_expect_eq(rs_report_section_count(many) > 1, true);
    for (size_t i = 0; i < rs_report_section_count(many); i++) {
        const rs_section *s = rs_report_section(many, i);
        if (s->parent == RS_NONE)
            words += s->counts.words;
        if (i > 0)
            cr_expect_geq(s->start, rs_report_section(many, i - 1)->start);
    }
    cr_expect_eq(words, expected.words, "words in top-level sections");
    /* the first window's sections are the full report's */
    for (size_t i = 0; i < 100; i++) {
        const rs_section *x = rs_report_section(full, i), *y = rs_report_section(many, i);
        cr_expect_eq(x->heading_block, y->heading_block, "section %zu", i);
        cr_expect_eq(x->start, y->start, "section %zu start", i);
        cr_expect_eq(x->end, y->end, "section %zu end", i);
        cr_expect_eq(x->parent, y->parent, "section %zu parent", i);
        expect_same_counts(&x->counts, &y->counts, "section of many copies (all)");
        expect_same_heading(full, many, x->heading_block, "section of many copies");
    }
    rs_report_free(one);
    rs_report_free(two);
    rs_report_free(many);
    rs_report_free(full);
    free(one_text);
    free(two_text);
    free(big);
    free(article);
}

/*
 * Line ends are searched for across windows and after the read input is
 * dropped: with some LFs made CRs (one byte each, so nothing moves), far
 * apart and close together, the streamed figures are the LF input's.
 */
Test(stream, lone_crs_end_lines_across_windows)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    while (len && article[len - 1] == '\n')
        len--;
    size_t big_len;
    char *lf = repeat(article, len, 90, &big_len); /* four windows */
    char *cr = malloc(big_len + 1);
    cr_assert_not_null(cr);
    memcpy(cr, lf, big_len + 1);
    size_t breaks = 0;
    for (size_t i = 0; i < big_len; i++) {
        if (cr[i] != '\n')
            continue;
        /* CRs only, in one stretch, a few in the next: ~60 KB each; a run
           of line breaks changes whole (a CR before a LF would be a CRLF) */
        char end = (i / 60000) % 2 == 0 || breaks % 7 == 0 ? '\r' : '\n';
        for (; i < big_len && cr[i] == '\n'; i++)
            cr[i] = end;
        breaks++;
    }
    static const size_t chunks[] = {4093, 65536};
    for (size_t c = 0; c < 2; c++) {
        rs_report *want = analyze(lf, big_len, RS_FORMAT_TEXT, RS_OPT_ALL | RS_OPT_STREAM,
                                  chunks[c], NULL);
        rs_report *got = analyze(cr, big_len, RS_FORMAT_TEXT, RS_OPT_ALL | RS_OPT_STREAM,
                                 chunks[c], NULL);
        char what[64];
        snprintf(what, sizeof what, "chunks of %zu", chunks[c]);
        expect_same_counts(rs_report_page_counts(got), rs_report_page_counts(want), what);
        expect_same_counts(rs_report_counts(got), rs_report_counts(want), what);
        expect_same_sections(want, got, what);
        rs_report_free(want);
        rs_report_free(got);
    }
    free(lf);
    free(cr);
    free(article);
}

/* examples/article.txt as one line, copies times over, each copy followed by a space. */
static char *article_as_one_line(size_t copies, size_t *out_len)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    while (len && article[len - 1] == '\n')
        len--;
    for (size_t i = 0; i < len; i++)
        if (article[i] == '\n')
            article[i] = ' ';
    char *line = malloc((len + 1) * copies + 1);
    cr_assert_not_null(line);
    for (size_t i = 0; i < copies; i++) {
        memcpy(line + i * (len + 1), article, len);
        line[i * (len + 1) + len] = ' ';
    }
    *out_len = (len + 1) * copies;
    line[*out_len] = '\0';
    free(article);
    return line;
}

/*
 * A block longer than the slices (128 KiB) is measured in pieces cut at
 * sentence ends, or inside a sentence with none: the figures are exact.
 */
Test(stream, long_blocks_measured_in_pieces)
{
    size_t one_line_len;
    char *one_line = article_as_one_line(300, &one_line_len); /* one line of 1.1 MB */
    expect_same_figures(one_line, one_line_len, RS_FORMAT_TEXT, 0, 65536, "one long line");
    expect_same_figures(one_line, one_line_len, RS_FORMAT_TEXT, RS_OPT_ALL, 4093,
                        "one long line, small chunks");
    /* no sentence end at all: cut between words */
    char *words = malloc(600001);
    cr_assert_not_null(words);
    for (size_t i = 0; i < 100000; i++)
        memcpy(words + 6 * i, i % 7 ? "words " : "Sally ", 6);
    expect_same_figures(words, 600000, RS_FORMAT_TEXT, 0, 65536, "one long sentence");
    free(words);
    free(one_line);
}

/*
 * Markdown past one window is parsed in pieces cut at blank lines: for a
 * repeated document (front matter, lists, a quote, a table, code) the
 * figures are those of the whole parse.
 */
Test(stream, markdown_in_pieces)
{
    size_t len;
    char *doc = read_file("tests/fixtures/markdown/article.md", &len);
    size_t copies = 1500, big_len; /* 1.4 MB: six pieces */
    char *big = repeat(doc, len, copies, &big_len);
    rs_report *full = analyze(big, big_len, RS_FORMAT_MARKDOWN, 0, 65536, NULL);
    alloc_tally count = {0};
    rs_report *streamed = analyze(big, big_len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, &count);
    expect_same_counts(rs_report_page_counts(full), rs_report_page_counts(streamed), "page");
    expect_same_counts(rs_report_counts(full), rs_report_counts(streamed), "main");
    expect_same_meta(full, streamed, "markdown in pieces");
    rs_report_free(full);
    rs_report_free(streamed);
    free(big);
    /* four times as much, the same memory */
    big = repeat(doc, len, 4 * copies, &big_len);
    alloc_tally more = {0};
    rs_report_free(analyze(big, big_len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, &more));
    cr_expect_leq(more.peak, count.peak + count.peak / 8, "peak %zu, then %zu for 4x the input",
                  count.peak, more.peak);
    free(big);
    free(doc);
}

/* Text with a heading line before every paragraph: many sections. */
static char *headed_text(size_t headings, size_t *len)
{
    const char *para = "The ferry left at noon and came back before dark, as it always did.";
    char *buf = malloc(headings * 128);
    cr_assert_not_null(buf);
    size_t n = 0;
    for (size_t i = 0; i < headings; i++)
        n += (size_t)sprintf(buf + n, "Part %zu\n\n%s\n\n", i + 1, para);
    *len = n;
    return buf;
}

static int collect(void *ud, const char *bytes, size_t len)
{
    char **json = ud;
    size_t have = *json ? strlen(*json) : 0;
    char *grown = realloc(*json, have + len + 1);
    cr_assert_not_null(grown);
    memcpy(grown + have, bytes, len);
    grown[have + len] = '\0';
    *json = grown;
    return 0;
}

Test(stream, sections_past_the_cap_are_counted_as_truncated)
{
    size_t len;
    char *text = headed_text(1500, &len);
    rs_report *full = analyze(text, len, RS_FORMAT_TEXT, 0, 65536, NULL);
    rs_report *streamed = analyze(text, len, RS_FORMAT_TEXT, RS_OPT_STREAM, 65536, NULL);
    size_t all = rs_report_section_count(full), kept = rs_report_section_count(streamed);
    cr_expect_gt(all, 1024);
    cr_expect_eq(kept, 1024);
    char *json = NULL;
    cr_assert_eq(rs_report_write_json(streamed, NULL, 0, collect, &json), RS_OK);
    char expected[64];
    snprintf(expected, sizeof expected, "\"sections_truncated\":%zu", all - kept);
    cr_expect_not_null(strstr(json, expected), "%s in the JSON", expected);
    cr_expect_null(strstr(json, "\"blocks\""), "no blocks in the JSON");
    /* each kept section with its own heading, the last kept one included */
    cr_expect_not_null(strstr(json, "{\"heading\":\"Part 1\",\"level\":1,\"parent\":null,"),
                       "the first section in %.300s", json);
    cr_expect_not_null(strstr(json, "{\"heading\":\"Part 1024\",\"level\":1,"),
                       "the last kept section");
    cr_expect_null(strstr(json, "\"Part 1025\""), "no section past the cap");
    free(json);
    json = NULL;
    cr_assert_eq(rs_report_write_json(full, NULL, 0, collect, &json), RS_OK);
    cr_expect_null(strstr(json, "sections_truncated"), "only streamed reports tell");
    free(json);
    /* the page figures still hold every block */
    expect_same_counts(rs_report_page_counts(full), rs_report_page_counts(streamed), "page");
    rs_report_free(full);
    rs_report_free(streamed);
    free(text);
}

/*
 * A kept section goes on holding every block while the sections nested in
 * it are past the cap: "# Book", then more "## Part" sections than are
 * kept, over several windows.
 */
Test(stream, kept_section_holds_the_sections_past_the_cap_within_it)
{
    const char *para = "The ferry left at noon and came back before dark, as it always did.";
    size_t parts = 1500;
    char *doc = malloc(16 + parts * 128);
    cr_assert_not_null(doc);
    size_t len = (size_t)sprintf(doc, "# Book\n\n");
    for (size_t i = 0; i < parts; i++)
        len += (size_t)sprintf(doc + len, "## Part %zu\n\n%s\n\n", i + 1, para);
    rs_report *full = analyze(doc, len, RS_FORMAT_MARKDOWN, 0, 65536, NULL);
    rs_report *streamed = analyze(doc, len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, NULL);
    cr_assert_eq(rs_report_section_count(full), parts + 1);
    cr_assert_eq(rs_report_section_count(streamed), 1024);
    const rs_section *book = rs_report_section(full, 0), *kept = rs_report_section(streamed, 0);
    cr_expect_eq(book->level, 1);
    cr_expect_eq(kept->level, 1);
    cr_expect_eq(kept->end, book->end, "the book ends with the last part");
    cr_expect_eq(kept->end, len - 2, "the last paragraph's end");
    expect_same_counts(&book->counts, &kept->counts, "the book");
    expect_same_scores(&book->readability, &kept->readability, "the book");
    /* the last part kept is the full report's */
    const rs_section *last = rs_report_section(streamed, 1023);
    cr_expect_eq(last->parent, 0);
    expect_same_counts(&rs_report_section(full, 1023)->counts, &last->counts, "part 1023");
    expect_same_counts(rs_report_page_counts(full), rs_report_page_counts(streamed), "page");
    rs_report_free(full);
    rs_report_free(streamed);
    free(doc);
}

/* Made-up words, none on any list: each one distinct. */
static size_t made_up_word(size_t i, char *out)
{
    size_t n = 0;
    out[n++] = 'q';
    do {
        out[n++] = (char)('a' + i % 26);
        i /= 26;
    } while (i);
    out[n++] = 'x';
    return n;
}

static char *vocabulary_text(size_t words, size_t passes, size_t *len)
{
    char *buf = malloc(words * passes * 12 + 1);
    cr_assert_not_null(buf);
    size_t n = 0;
    for (size_t p = 0; p < passes; p++) {
        for (size_t i = 0; i < words; i++) {
            n += made_up_word(i, buf + n);
            buf[n++] = i % 12 == 11 ? '.' : ' ';
            if (i % 120 == 119)
                buf[n++] = '\n', buf[n++] = '\n';
        }
    }
    *len = n;
    return buf;
}

/*
 * The vocabulary of unfamiliar words stops at 32768 words; past it each
 * occurrence of a word not kept counts as a new one: exact when every word
 * occurs once, an overcount by the repeats otherwise.
 */
Test(stream, unfamiliar_words_past_the_cap)
{
    const size_t words = 40000, cap = 32768;
    size_t len;
    char *once = vocabulary_text(words, 1, &len);
    rs_report *full = analyze(once, len, RS_FORMAT_TEXT, RS_OPT_ALL, 65536, NULL);
    rs_report *streamed = analyze(once, len, RS_FORMAT_TEXT, RS_OPT_ALL | RS_OPT_STREAM, 65536,
                                  NULL);
    uint64_t unfamiliar = rs_report_page_counts(full)->unfamiliar_words;
    cr_expect_geq(unfamiliar, words);
    cr_expect_eq(rs_report_page_counts(streamed)->unfamiliar_words, unfamiliar);
    rs_report_free(full);
    rs_report_free(streamed);
    free(once);

    char *twice = vocabulary_text(words, 2, &len);
    full = analyze(twice, len, RS_FORMAT_TEXT, RS_OPT_ALL, 65536, NULL);
    streamed = analyze(twice, len, RS_FORMAT_TEXT, RS_OPT_ALL | RS_OPT_STREAM, 65536, NULL);
    uint64_t distinct = rs_report_page_counts(full)->unfamiliar_words;
    cr_expect_eq(rs_report_page_counts(streamed)->unfamiliar_words, distinct + (distinct - cap),
                 "each occurrence past the cap counts");
    rs_report_free(full);
    rs_report_free(streamed);
    free(twice);
}

static char *report_json(const rs_report *r)
{
    char *json = NULL;
    cr_assert_eq(rs_report_write_json(r, "-", 0, collect, &json), RS_OK);
    return json;
}

/*
 * The input fed through rs_analyzer_room() and rs_analyzer_commit(), in the
 * lengths of `commits` over and over, each from a room `extra` bytes longer
 * than what is written into it.
 */
static rs_report *analyze_in_rooms(const char *text, size_t len, unsigned flags,
                                   const size_t *commits, size_t ncommits, size_t extra)
{
    rs_options o;
    rs_options_init(&o);
    o.flags = flags;
    rs_analyzer *a = NULL;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    for (size_t p = 0, k = 0; p < len; k++) {
        size_t n = commits[k % ncommits];
        if (n > len - p)
            n = len - p;
        char *room = NULL;
        cr_assert_eq(rs_analyzer_room(a, n + extra, &room), RS_OK);
        memcpy(room, text + p, n);
        memset(room + n, '\0', extra); /* not input: never read as such */
        cr_assert_eq(rs_analyzer_commit(a, n), RS_OK, "commit of %zu at %zu", n, p);
        p += n;
    }
    rs_report *r = NULL;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    rs_analyzer_free(a);
    return r;
}

/*
 * Rooms give the report that rs_analyzer_feed() gives, streamed or not:
 * with commits of one byte, of none, and of more than a streaming
 * analyzer's 64 KiB slice (whose later slices wait in the buffer while the
 * read input is dropped before them), from rooms larger than what is
 * written.
 */
Test(stream, rooms_give_the_fed_report)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    size_t big_len;
    char *big = repeat(article, len, 90, &big_len); /* 350 KB: four windows */
    static const size_t commits[] = {1, 0, 200000, 4093, 65536, 65537, 3};
    static const unsigned flags[] = {0, RS_OPT_STREAM, RS_OPT_STREAM | RS_OPT_ALL};
    for (size_t f = 0; f < 3; f++) {
        rs_report *fed = analyze(big, big_len, RS_FORMAT_AUTO, flags[f], 65536, NULL);
        char *expected = report_json(fed);
        for (size_t extra = 0; extra <= 100; extra += 100) {
            rs_report *roomed = analyze_in_rooms(big, big_len, flags[f], commits, 7, extra);
            char *json = report_json(roomed);
            cr_expect_str_eq(json, expected, "flags %u, rooms %zu bytes longer", flags[f],
                             extra);
            free(json);
            rs_report_free(roomed);
        }
        free(expected);
        rs_report_free(fed);
    }
    free(big);
    free(article);
}

/* The most the analysis holds at once, for an input of `len` bytes fed in one call. */
static size_t peak_for_format(const char *unit, size_t unit_len, size_t copies, rs_format format)
{
    size_t len;
    char *text = repeat(unit, unit_len, copies, &len);
    alloc_tally count = {0};
    rs_report *r = analyze(text, len, format, RS_OPT_STREAM, len, &count);
    rs_report_free(r);
    free(text);
    cr_expect_eq(count.live, 0, "everything freed");
    return count.peak;
}

static size_t peak_for(const char *unit, size_t unit_len, size_t copies)
{
    return peak_for_format(unit, unit_len, copies, RS_FORMAT_TEXT);
}

/* Memory does not grow with the input: 4 times the input, the same peak. */
Test(stream, memory_does_not_grow_with_the_input)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    size_t small = peak_for(article, len, 1000);  /* 3.9 MB */
    size_t large = peak_for(article, len, 4000);  /* 15.5 MB */
    cr_expect_lt(large, 8u << 20, "peak %zu bytes", large);
    cr_expect_leq(large, small + small / 8, "peak %zu for 4x the input, %zu before", large, small);
    /* one long line per paragraph: the windows hold fewer blocks */
    char *flat = malloc(len + 1);
    size_t n = len;
    for (size_t i = 0; i < len; i++) {
        bool lone_break = article[i] == '\n' && (i == 0 || article[i - 1] != '\n')
                          && (i + 1 == len || article[i + 1] != '\n');
        flat[i] = lone_break ? ' ' : article[i];
    }
    size_t flat_small = peak_for(flat, n, 1000), flat_large = peak_for(flat, n, 4000);
    cr_expect_lt(flat_large, 8u << 20, "peak %zu bytes", flat_large);
    cr_expect_leq(flat_large, flat_small + flat_small / 8, "%zu then %zu", flat_small, flat_large);
    free(flat);
    free(article);
}

/* `unit` again and again up to `len` bytes (whole units), after `head`. */
static char *unit_after(const char *head, const char *unit, size_t len, size_t *out_len)
{
    size_t head_len = strlen(head), unit_len = strlen(unit);
    char *buf = malloc(head_len + len + 1);
    cr_assert_not_null(buf);
    memcpy(buf, head, head_len);
    size_t n = head_len;
    while (n + unit_len <= head_len + len) {
        memcpy(buf + n, unit, unit_len);
        n += unit_len;
    }
    buf[n] = '\0';
    *out_len = n;
    return buf;
}

/* head + units + tail (head and tail whole, the units up to `len` bytes). */
static char *units_between(const char *head, const char *unit, const char *tail, size_t len,
                      size_t *out_len)
{
    size_t body_len;
    char *body = unit_after(head, unit, len, &body_len);
    size_t tail_len = strlen(tail);
    char *buf = realloc(body, body_len + tail_len + 1);
    cr_assert_not_null(buf);
    memcpy(buf + body_len, tail, tail_len + 1);
    *out_len = body_len + tail_len;
    return buf;
}

/* A short block, then base64 in lines: no blank line, no sentence end. */
static char *base64_lines(size_t len, size_t *out_len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char head[] = "Attachment\n\n";
    char *buf = malloc(sizeof head + len + 1);
    cr_assert_not_null(buf);
    memcpy(buf, head, sizeof head - 1);
    size_t n = sizeof head - 1;
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        buf[n++] = (i % 77 == 76) ? '\n' : digits[x % 64];
    }
    buf[n] = '\0';
    *out_len = n;
    return buf;
}

/* A Chinese sentence pair, with no space: no word boundary an ASCII scan sees. */
static const char cjk_unit[] = "我们今天去公园散步。天气很好，阳光明媚。";

static char *cjk_line(size_t len, size_t *out_len)
{
    return unit_after("", cjk_unit, len, out_len);
}

/* One letter, then one line of CJK text: the line's only ASCII byte is its first. */
static char *letter_then_cjk_line(size_t len, size_t *out_len)
{
    return unit_after("A", cjk_unit, len, out_len);
}

static char *capitals_line(size_t len, size_t *out_len)
{
    return unit_after("", "HELLO WORLD AND MORE ", len, out_len);
}

static char *log_lines(size_t len, size_t *out_len)
{
    return unit_after("Server log\n\n", "Error 42 at Node\n", len, out_len);
}

static char *one_token(size_t len, size_t *out_len)
{
    return unit_after("", "abcdefghijklmnopqrstuvwxyz", len, out_len);
}

/* White space of megabytes, then a sentence: the line is blank until its end. */
static char *tabs_line(size_t len, size_t *out_len)
{
    return units_between("Title\n\n", "\t", "Then some words.\n", len, out_len);
}

/* A paragraph whose first pieces hold no sentence, only marks: it is counted
   with the first piece that holds one. */
static char *brackets_then_words(size_t len, size_t *out_len)
{
    return units_between("Title\n\n", "[", " and then some words.\n", len, out_len);
}

/* A token a byte: tokens take 32 bytes each, so pieces are bounded by their bytes. */
static char *dashes_line(size_t len, size_t *out_len)
{
    return unit_after("", "- ", len, out_len);
}

static char *amps_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", "&amp;", len, out_len);
}

/* Elements nested millions deep, each with a word: libxml2 keeps a name for each. */
static char *nested_divs_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body>", "<div>a ", len, out_len);
}

static char *lts_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", "<", len, out_len);
}

/* (an HTML paragraph that never closes: the page ends inside it) */
/* closers alone: each place a piece may end was read back to the start */
static char *closers_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", "]", len, out_len);
}

/* libxml2 waits at an '&' for one of "; >/" before it reads the reference:
   text of '&' and letters alone was held to its end */
static char *ampersands_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", "&", len, out_len);
}

static char *joined_by_ampersands_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", "a&b", len, out_len);
}

static char *cjk_paragraph_html(size_t len, size_t *out_len)
{
    return unit_after("<html><body><p>", cjk_unit, len, out_len);
}

static char *capital_lines(size_t len, size_t *out_len)
{
    return unit_after("", "HELLO WORLD AND MORE\n", len, out_len);
}

/* Capitals only, in lines of three words (each a sentence) and of six. */
static char *short_and_long_capital_lines(size_t len, size_t *out_len)
{
    return unit_after("", "ERROR AT NODE\nHELLO WORLD AND MORE THAN THAT\n", len, out_len);
}

/* CJK text with names in it, and no sentence end: cut before a name. */
static char *cjk_line_with_names(size_t len, size_t *out_len)
{
    return unit_after("", "我们今天去公园散步 Error Node ", len, out_len);
}

/*
 * Lines of one to six words, some capitalised, some ending in a mark: the
 * line-break rule ends some sentences and not others, and a cut may fall
 * anywhere in a sentence.
 */
static char *short_lines(size_t len, size_t *out_len)
{
    static const char *const words[] = {"alpha", "Beta", "gamma", "Node", "server", "Error",
                                        "42", "e.g.", "Mr.", "theta", "Kappa", "mu"};
    static const char *const ends[] = {"", "", "", ".", "!", "?", ":", ","};
    char *buf = malloc(len + 64);
    cr_assert_not_null(buf);
    size_t n = 0;
    uint32_t x = 2463534242u;
    while (n < len) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        for (uint32_t k = 0, count = 1 + x % 6; k < count; k++) {
            const char *w = words[(x >> (3 * k + 3)) % 12];
            n += (size_t)sprintf(buf + n, "%s%s", k ? " " : "", w);
        }
        n += (size_t)sprintf(buf + n, "%s\n", ends[(x >> 24) % 8]);
    }
    *out_len = n;
    return buf;
}

/*
 * A block cut where it can be, inside a sentence, gets the whole block's
 * figures: the piece after the cut goes on with the sentence (a line break
 * in it ends it only as in the whole block, its first word is not a
 * sentence's first, so a capital there still marks a name).  The inputs
 * keep their distinct unfamiliar words under the streaming cap.
 */
Test(stream, blocks_cut_inside_sentences_get_the_whole_figures)
{
    static const struct {
        const char *name;
        char *(*make)(size_t len, size_t *out_len);
        size_t len;
    } shapes[] = {
        {"short lines with no blank line", log_lines, (size_t)2 << 20},
        {"base64 lines after a title", base64_lines, (size_t)1 << 20},
        {"lines of capitals", capital_lines, (size_t)2 << 20},
        {"short and long lines of capitals", short_and_long_capital_lines, (size_t)2 << 20},
        {"one line of CJK text", cjk_line, (size_t)2 << 20},
        {"one line of CJK text with names", cjk_line_with_names, (size_t)2 << 20},
        {"lines of one to six words", short_lines, (size_t)2 << 20},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t len;
        char *text = shapes[k].make(shapes[k].len, &len);
        char what[256];
        snprintf(what, sizeof what, "%s, chunks of 64 KiB", shapes[k].name);
        expect_same_figures(text, len, RS_FORMAT_TEXT, 0, 65536, what);
        snprintf(what, sizeof what, "%s, all options, chunks of 4093", shapes[k].name);
        expect_same_figures(text, len, RS_FORMAT_TEXT, RS_OPT_ALL, 4093, what);
        free(text);
    }
}

/*
 * Blocks that offer no place to cut at a sentence end, or none before a
 * word in lower case, are still read in pieces: memory stays bounded
 * (stream_pieces.c, forced_piece_end; plaintext.c cuts a long line of
 * CJK text; html.c nudges libxml2 and cuts pieces where no space is).  The
 * pieces add up to the whole block's figures where a cut can be made
 * between tokens; a token of megabytes is cut inside, and each piece of it
 * counts as a word.
 */
Test(stream, memory_does_not_grow_with_blocks_that_never_end)
{
    static const struct {
        const char *name;
        char *(*make)(size_t len, size_t *out_len);
        bool exact;
        rs_format format;
        size_t most; /* the peak allowed (0: 8 MiB) */
    } shapes[] = {
        /* its distinct unfamiliar words pass the streaming cap: counted
           per occurrence past it (exact below it: see
           blocks_cut_inside_sentences_get_the_whole_figures) */
        {"base64 lines after a title", base64_lines, false, RS_FORMAT_TEXT, 0},
        {"one line of CJK text", cjk_line, true, RS_FORMAT_TEXT, 0},
        {"a letter, then one line of CJK text", letter_then_cjk_line, true, RS_FORMAT_TEXT, 0},
        {"one line of capitals", capitals_line, true, RS_FORMAT_TEXT, 0},
        {"short lines with no blank line", log_lines, true, RS_FORMAT_TEXT, 0},
        {"one token", one_token, false, RS_FORMAT_TEXT, 0},
        {"one HTML paragraph of CJK text", cjk_paragraph_html, true, RS_FORMAT_HTML, 0},
        {"a line of tabs", tabs_line, true, RS_FORMAT_TEXT, 0},
        {"a line of '[' before its words", brackets_then_words, true, RS_FORMAT_TEXT,
         (size_t)12 << 20},
        /* a token a byte: a piece's tokens alone take 32 bytes a byte of it */
        {"a line of '-' and spaces", dashes_line, true, RS_FORMAT_TEXT, (size_t)12 << 20},
        {"HTML of \"&amp;\" alone", amps_html, true, RS_FORMAT_HTML, (size_t)12 << 20},
        {"HTML nested millions deep", nested_divs_html, true, RS_FORMAT_HTML, 0},
        {"HTML of '<' alone", lts_html, true, RS_FORMAT_HTML, 0},
        {"HTML of ']' alone", closers_html, true, RS_FORMAT_HTML, 0},
        {"HTML of '&' alone", ampersands_html, true, RS_FORMAT_HTML, 0},
        {"HTML of \"a&b\" run together", joined_by_ampersands_html, true, RS_FORMAT_HTML,
         (size_t)12 << 20},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t peaks[2];
        for (int big = 0; big < 2; big++) {
            size_t len;
            char *text = shapes[k].make(big ? (size_t)8 << 20 : (size_t)2 << 20, &len);
            alloc_tally count = {0};
            rs_report *r = analyze(text, len, shapes[k].format, RS_OPT_STREAM, 65536, &count);
            cr_assert_not_null(r, "%s", shapes[k].name);
            if (!big) {
                rs_report *whole = analyze(text, len, shapes[k].format, 0, len, NULL);
                const rs_counts *x = rs_report_page_counts(whole), *y = rs_report_page_counts(r);
                if (shapes[k].exact)
                    expect_same_counts(x, y, shapes[k].name);
                cr_expect_eq(x->characters, y->characters, "%s", shapes[k].name);
                cr_expect_eq(x->letters, y->letters, "%s", shapes[k].name);
                cr_expect_eq(x->digits, y->digits, "%s", shapes[k].name);
                rs_report_free(whole);
            }
            rs_report_free(r);
            free(text);
            cr_expect_eq(count.live, 0, "%s: everything freed", shapes[k].name);
            peaks[big] = count.peak;
        }
        size_t most = shapes[k].most ? shapes[k].most : (size_t)8 << 20;
        cr_expect_lt(peaks[1], most, "%s: peak %zu bytes", shapes[k].name, peaks[1]);
        cr_expect_leq(peaks[1], peaks[0] + peaks[0] / 8, "%s: peak %zu for 4x the input, %zu before",
                      shapes[k].name, peaks[1], peaks[0]);
    }
}

/*
 * The input lent whole (rs_analyzer_lend()) and committed in the lengths
 * of `commits` over and over; *most_held is the most the analyzer had not
 * yet passed over (rs_analyzer_passed()) after a commit.  The input is
 * copied into a buffer of its exact size, so that a read past its end is
 * caught by the sanitizers.
 */
static rs_report *analyze_lent(const char *text, size_t len, rs_format format, unsigned flags,
                               const size_t *commits, size_t ncommits, size_t *most_held)
{
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    o.flags = flags;
    rs_analyzer *a = NULL;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    char *input = malloc(len ? len : 1);
    cr_assert_not_null(input);
    memcpy(input, text, len);
    cr_assert_eq(rs_analyzer_lend(a, input, len), RS_OK);
    *most_held = 0;
    for (size_t p = 0, k = 0; p < len; k++) {
        size_t n = commits[k % ncommits];
        if (n > len - p)
            n = len - p;
        cr_assert_eq(rs_analyzer_commit(a, n), RS_OK, "commit of %zu at %zu", n, p);
        p += n;
        size_t passed = rs_analyzer_passed(a);
        cr_assert_leq(passed, p, "passed over %zu of %zu committed", passed, p);
        if (p - passed > *most_held)
            *most_held = p - passed;
    }
    rs_report *r = NULL;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    rs_analyzer_free(a);
    /* the loan ends with the finish: the report reads none of it */
    memset(input, 'x', len);
    free(input);
    return r;
}

/*
 * A lent input gives the report that rs_analyzer_feed() gives, in any
 * steps, and what the analyzer has not passed over stays bounded: what a
 * caller that unmaps the passed pages keeps resident (the CLI, for a
 * large file).
 */
Test(stream, lent_input_gives_the_fed_report)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    size_t big_len;
    char *big = repeat(article, len, 1000, &big_len); /* 3.9 MB */
    static const size_t commits[] = {1, 0, 200000, 4093, 65536, 65537, 1 << 20, 3};
    static const unsigned flags[] = {RS_OPT_STREAM, RS_OPT_STREAM | RS_OPT_ALL};
    for (size_t f = 0; f < 2; f++) {
        rs_report *fed = analyze(big, big_len, RS_FORMAT_AUTO, flags[f], 65536, NULL);
        char *expected = report_json(fed);
        size_t held;
        rs_report *lent = analyze_lent(big, big_len, RS_FORMAT_AUTO, flags[f], commits, 8, &held);
        char *json = report_json(lent);
        cr_expect_str_eq(json, expected, "flags %u", flags[f]);
        cr_expect_lt(held, (size_t)3 << 20, "flags %u: %zu bytes not passed over", flags[f], held);
        free(json);
        rs_report_free(lent);
        free(expected);
        rs_report_free(fed);
    }
    /* one long line, HTML and Markdown, and an input shorter than a slice */
    static const struct { const char *head, *unit; rs_format format; } shapes[] = {
        {"", "The river flows past the mill. ", RS_FORMAT_TEXT},
        {"<html><body>", "<p>The river flows <b>past</b> the mill.</p>\n", RS_FORMAT_HTML},
        {"# Title\n\n", "Some *words* and a [link](x).\n\n- an item\n\n", RS_FORMAT_MARKDOWN},
    };
    static const size_t one_slice[] = {65536};
    for (size_t k = 0; k < 3; k++) {
        for (size_t size = 1000; size <= ((size_t)2 << 20); size *= 2048) {
            size_t n;
            char *text = unit_after(shapes[k].head, shapes[k].unit, size, &n);
            rs_report *fed = analyze(text, n, shapes[k].format, RS_OPT_STREAM, 65536, NULL);
            char *expected = report_json(fed);
            size_t held;
            rs_report *lent = analyze_lent(text, n, shapes[k].format, RS_OPT_STREAM, one_slice,
                                           1, &held);
            char *json = report_json(lent);
            cr_expect_str_eq(json, expected, "shape %zu, %zu bytes", k, n);
            free(json);
            rs_report_free(lent);
            free(expected);
            rs_report_free(fed);
            free(text);
        }
    }
    free(big);
    free(article);
}

/*
 * A byte order mark, then Markdown, streamed in chunks of a few bytes: the
 * read input was dropped before the body was known, and the body then
 * started 3 bytes into the text ("ding" for "Heading").  Found by
 * fuzz_feed's lent_like_fed.
 */
Test(stream, markdown_after_a_byte_order_mark_in_small_chunks)
{
    static const char text[] = "\xEF\xBB\xBFHeading\nText.\n";
    rs_report *whole = analyze(text, sizeof text - 1, RS_FORMAT_MARKDOWN, RS_OPT_STREAM,
                               sizeof text, NULL);
    cr_assert_eq(rs_report_counts(whole)->characters, 12, "Heading, Text.");
    for (size_t chunk = 1; chunk <= 4; chunk++) {
        rs_report *r = analyze(text, sizeof text - 1, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, chunk,
                               NULL);
        expect_same_counts(rs_report_counts(whole), rs_report_counts(r), "chunks");
        rs_report_free(r);
    }
    rs_report_free(whole);
}

/* A loan is all the input, for a streaming analyzer; nothing else feeds it. */
Test(stream, lending_refuses_what_it_cannot_serve)
{
    rs_options o;
    rs_options_init(&o);
    rs_analyzer *a = NULL;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    cr_expect_eq(rs_analyzer_lend(a, "text", 4), RS_ERR_STATE, "not streaming");
    rs_analyzer_free(a);
    o.flags = RS_OPT_STREAM;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    cr_expect_eq(rs_analyzer_lend(NULL, "text", 4), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_lend(a, NULL, 4), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_feed(a, "Some", 4), RS_OK);
    cr_expect_eq(rs_analyzer_lend(a, " text", 5), RS_ERR_STATE, "input came before");
    rs_analyzer_free(a);
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    char *room;
    cr_assert_eq(rs_analyzer_room(a, 8, &room), RS_OK);
    cr_expect_eq(rs_analyzer_lend(a, "text", 4), RS_ERR_STATE, "a room was lent first");
    rs_analyzer_free(a);
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    cr_expect_eq(rs_analyzer_lend(a, NULL, 0), RS_OK, "nothing lent");
    cr_expect_eq(rs_analyzer_passed(a), 0);
    cr_expect_eq(rs_analyzer_feed(a, "Some text.", 10), RS_OK, "a loan of nothing binds nothing");
    rs_analyzer_free(a);
    static const char text[] = "Some words. More words.";
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    cr_assert_eq(rs_analyzer_lend(a, text, sizeof text - 1), RS_OK);
    cr_expect_eq(rs_analyzer_lend(a, text, sizeof text - 1), RS_ERR_STATE, "lent twice");
    cr_expect_eq(rs_analyzer_feed(a, "x", 1), RS_ERR_STATE);
    cr_expect_eq(rs_analyzer_room(a, 8, &room), RS_ERR_STATE);
    cr_expect_null(room);
    cr_expect_eq(rs_analyzer_commit(a, sizeof text), RS_ERR_ARG, "more than lent");
    cr_expect_eq(rs_analyzer_commit(a, 11), RS_OK, "the refusals kept the loan");
    rs_report *r = NULL;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->words, 2, "the input ends where the commits did");
    rs_report_free(r);
    rs_analyzer_free(a);
    cr_expect_eq(rs_analyzer_passed(NULL), 0);
}

/* examples/article.txt as an HTML article: a heading, then one <p> per paragraph. */
static char *html_article(size_t *out_len)
{
    size_t len;
    char *article = read_file("examples/article.txt", &len);
    char *html = malloc(2 * len + 64);
    cr_assert_not_null(html);
    size_t n = 0;
    bool first = true;
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && !(article[end] == '\n' && end + 1 < len && article[end + 1] == '\n'))
            end++;
        const char *open = first ? "<h1>" : "<p>", *close = first ? "</h1>" : "</p>";
        memcpy(html + n, open, strlen(open));
        n += strlen(open);
        memcpy(html + n, article + i, end - i);
        n += end - i;
        memcpy(html + n, close, strlen(close));
        n += strlen(close);
        first = false;
        i = end;
        while (i < len && article[i] == '\n')
            i++;
    }
    free(article);
    *out_len = n;
    return html;
}

/* Page figures (and main ones with RS_OPT_ALL) of a streamed HTML page are the full ones. */
static void expect_same_page(const char *html, size_t len, size_t chunk, const char *what)
{
    rs_report *full = analyze(html, len, RS_FORMAT_HTML, RS_OPT_ALL, 65536, NULL);
    rs_report *streamed = analyze(html, len, RS_FORMAT_HTML, RS_OPT_ALL | RS_OPT_STREAM, chunk,
                                  NULL);
    expect_same_counts(rs_report_page_counts(full), rs_report_page_counts(streamed), what);
    expect_same_counts(rs_report_counts(full), rs_report_counts(streamed), what);
    expect_same_counts(rs_report_page_counts(full), rs_report_counts(streamed), what);
    rs_report_free(full);
    rs_report_free(streamed);
}

/* Many windows of HTML articles: nothing lost, nothing counted twice. */
Test(stream, html_windows_lose_and_double_nothing)
{
    size_t unit_len, len;
    char *unit = html_article(&unit_len);
    char *page = repeat(unit, unit_len, 120, &len); /* 450 KB: two windows and more */
    expect_same_page(page, len, 65536, "articles");
    expect_same_page(page, len, 4093, "articles, small chunks");
    free(page);
    free(unit);
}

/* One <p> longer than a window is handed over in pieces: the counts are exact. */
Test(stream, html_long_paragraph_in_pieces)
{
    size_t len;
    char *text = article_as_one_line(300, &len); /* 1.1 MB of text in one paragraph */
    static const char head[] = "<html><body><p>", tail[] = "</p></body></html>";
    size_t page_len = strlen(head) + len + strlen(tail);
    char *page = malloc(page_len + 1);
    cr_assert_not_null(page);
    memcpy(page, head, strlen(head));
    memcpy(page + strlen(head), text, len);
    memcpy(page + strlen(head) + len, tail, strlen(tail));
    free(text);
    expect_same_page(page, page_len, 65536, "one long paragraph");
    expect_same_page(page, page_len, 4093, "one long paragraph, small chunks");
    free(page);
}

Test(stream, html_memory_does_not_grow_with_the_input)
{
    size_t unit_len;
    char *unit = html_article(&unit_len);
    size_t small = peak_for_format(unit, unit_len, 1000, RS_FORMAT_HTML);  /* 3.9 MB */
    size_t large = peak_for_format(unit, unit_len, 4000, RS_FORMAT_HTML);  /* 15.5 MB */
    cr_expect_lt(large, 8u << 20, "peak %zu bytes", large);
    cr_expect_leq(large, small + small / 8, "peak %zu for 4x the input, %zu before", large, small);
    free(unit);
}

/* Elements nested past the depth kept are transparent: their text is counted all the same. */
Test(stream, html_nested_deeper_than_kept)
{
    static const char para[] = "<p>A sentence that is long enough to count, with a comma.</p>";
    static const char pre[] = "<pre>keep   these   spaces</pre><script>not text</script>";
    size_t levels = 20000, n = 0;
    size_t len = levels * 11 + 20 * (sizeof para - 1) + sizeof pre - 1;
    char *page = malloc(len + 1);
    cr_assert_not_null(page);
    for (size_t i = 0; i < levels; i++, n += 5)
        memcpy(page + n, "<div>", 5);
    for (size_t i = 0; i < 20; i++, n += sizeof para - 1)
        memcpy(page + n, para, sizeof para - 1);
    memcpy(page + n, pre, sizeof pre - 1);
    n += sizeof pre - 1;
    for (size_t i = 0; i < levels; i++, n += 6)
        memcpy(page + n, "</div>", 6);
    cr_assert_eq(n, len);
    expect_same_page(page, len, 65536, "deep nesting");
    expect_same_page(page, len, 7, "deep nesting, small chunks");
    free(page);
}

/* A page whose article comes after an inline script of `script_len` bytes
   (an application's JSON state), as JSON-LD (its headline after a list of
   numbers, which a stray byte would break) or not. */
static char *page_after_script(size_t script_len, bool json_ld, size_t *out_len)
{
    static const char article[] = "<article><h1>The Harbour</h1><p>Boats came in at dawn. The "
                                  "market opened late, and the rain held off until noon.</p>"
                                  "</article></body></html>";
    const char *head = json_ld ? "<html><head><script type='application/ld+json'>"
                                 "{\"filler\":["
                               : "<html><head><script id='state' type='application/json'>"
                                 "{\"items\":\"";
    const char *unit = json_ld ? "12," : "abcdefghijklmnopqrstuvw";
    const char *tail = json_ld ? "0],\"headline\":\"Harbour Report\"}</script></head><body>"
                               : "\"}</script></head><body>";
    size_t head_len = strlen(head), unit_len = strlen(unit), tail_len = strlen(tail);
    char *buf = malloc(head_len + script_len + tail_len + sizeof article);
    cr_assert_not_null(buf);
    memcpy(buf, head, head_len);
    size_t n = head_len;
    while (n + unit_len <= head_len + script_len) {
        memcpy(buf + n, unit, unit_len);
        n += unit_len;
    }
    memcpy(buf + n, tail, tail_len);
    memcpy(buf + n + tail_len, article, sizeof article);
    *out_len = n + tail_len + sizeof article - 1;
    return buf;
}

/*
 * libxml2 keeps a script's body until its end tag: the stream nudges it
 * and has it drop what it has read (html.c, RAW_TEXT_NUDGE; the CLI test
 * holds the process to 16 MiB on 32 MB of script, which the allocator
 * hook here cannot see).  The nudges are in the body, never in the text:
 * the article after the script gets the figures it gets whole.  A JSON-LD
 * script within the length we read is left alone: its metadata comes
 * through.
 */
Test(stream, long_inline_scripts)
{
    size_t len;
    char *page = page_after_script((size_t)4 << 20, false, &len);
    rs_report *r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
    rs_report *whole = analyze(page, len, RS_FORMAT_HTML, 0, len, NULL);
    expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(r),
                       "after a long script");
    cr_expect_eq(rs_report_counts(r)->words, 16);
    rs_report_free(whole);
    rs_report_free(r);
    free(page);
    page = page_after_script(600 * 1024, true, &len);
    r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
    cr_expect_str_eq(rs_report_meta(r, "title"), "Harbour Report", "JSON-LD of 600 KB is read");
    rs_report_free(r);
    free(page);
}

/*
 * A Markdown block of megabytes is parsed in pieces cut inside it
 * (format/markdown_cut.h), each going on as the block it is: memory does
 * not grow with it, and the figures are the whole document's (but for a
 * token of megabytes, whose pieces count as words each).
 */
Test(stream, markdown_blocks_that_never_end_stay_bounded)
{
    static const struct {
        const char *name, *head, *unit, *tail;
        bool exact;
        size_t most; /* the peak allowed (0: 8 MiB) */
    } shapes[] = {
        {"one line of capitals", "# Title\n\n", "HELLO WORLD AND MORE ", "", true, 0},
        {"one line of CJK text", "# 标题\n\n", "我们今天去公园散步。天气很好，阳光明媚。", "", true, 0},
        {"prose lines with no blank line", "# Title\n\n",
         "the quick brown fox jumps over the lazy dog and runs away.\n", "", true, 0},
        {"a list item", "# Title\n\n- first line of the item\n",
         "  the quick brown fox jumps over the lazy dog.\n", "", true, 0},
        {"a block quote", "# Title\n\n", "> the quick brown fox jumps over the lazy dog.\n", "",
         true, 0},
        {"a lazy block quote", "# Title\n\n> first line\n",
         "the quick brown fox jumps over the lazy dog\n", "", true, 0},
        {"fenced code", "# Title\n\n```\n", "let x = 1;\n", "```\n\nAfter the code.\n", true, 0},
        {"fenced code in a quote", "# Title\n\n> ```\n", "> let x = 1;\n", "> ```\n", true, 0},
        {"indented code", "# Title\n\n", "    let x = 1;\n", "\nAfter the code.\n", true, 0},
        {"an HTML block", "# Title\n\n<div>\n",
         "the quick brown fox <b>jumps</b> over the lazy dog.\n", "</div>\n", true, 0},
        {"one line of HTML", "# Title\n\n<div>", "HELLO <i>WORLD</i> AND MORE ", "</div>\n", true, 0},
        {"a pre block", "# Title\n\n<pre>\n", "the quick brown fox jumps over the lazy dog.\n",
         "</pre>\n", true, 0},
        {"a table", "# Title\n\n| a | b |\n|---|---|\n", "| hello world | foo bar baz |\n",
         "", true, 0},
        {"one token", "# Title\n\n", "abcdefghijklmnopqrstuvwxyz", "", false, 0},
        /* no letter to cut before: cut before punctuation read escaped */
        {"one line of dots", "# Title\n\n", ".", "", true, 0},
        {"one line of '#'", "# Title\n\n", "#", "", true, 0},
        {"one line of '<'", "# Title\n\n", "<", "", true, 0},
        {"one line of bullets and spaces", "# Title\n\n", "\u2022 ", "", true, 0},
        {"quotes nested a million deep", "# Title\n\n", "> ", "", true, 0},
        /* cut between the pairs that escape each other (after any
           backslash no cut was taken, and md4c read the whole line at once:
           for 8 MiB, 470 MB of the library's memory and 356 MiB of RSS) */
        {"one line of backslashes", "# Title\n\n", "\\", "", true, 0},
        {"one line of escaped brackets", "# Title\n\n", "\\[", "", true, 0},
        {"backslashes in threes", "# Title\n\nA ", "\\\\\\*", "", true, 0},
        /* windows that start inside such a line: the cut before a mark
           there was taken for one at a line's start, and refused */
        {"one line of '[]'", "# Title\n\n", "[]", "", true, 0},
        {"one line of '&['", "# Title\n\n", "&[", "", true, 0},
        /* such a line in a container: a cut inside it was refused short
           of a piece's most bytes, taken for a line of marks alone (md4c
           kept 9 MB for the 128 KiB of '[' of its first piece) */
        {"one line of '[' in a quote", "# Title\n\n> ", "[", "", true, 0},
        {"one line of '[' in a list item", "# Title\n\n1. ", "[", "", true, 0},
        {"one line of '[' in a heading", "# Title\n\n## ", "[", "", true, 0},
        {"one line of '[' in a table's cell", "# Title\n\n| a |\n|---|\n| ", "[", "", true, 0},
        {"one line of words in a quoted list item", "# Title\n\n> - ", "a [b] ", "", true, 0},
        /* or one that a mark leads: any but those that could open a
           block, or make a break or an underline of the line up to the cut */
        {"one line of '[' after '!'", "# Title\n\n![", "[", "", true, 0},
        {"one line of '[' after '**'", "# Title\n\n- **", "[", "", true, 0},
        {"one line of '[' after a backtick", "# Title\n\n`", "[", "", true, 0},
        {"one line of '[' after dashes", "# Title\n\n---", "[", "", true, 0},
        {"a break of megabytes", "# Title\n\nSome words.\n\n", "- ", "\nMore.\n", true, 0},
        /* a cut before a letter was searched for 128 KiB back: it went
           inside the "<div>", and "<di" and "v>" were read as text */
        {"one line of '[' after an HTML tag", "# Title\n\n<div>", "[", "", true, 0},
        {"one line of '.' after an HTML tag", "# Title\n\n<p>", ".", "", true, 0},
        /* a paragraph whose first pieces hold no sentence: it was counted
           with none of them (the pieces after its first count none) */
        {"a line of marks before its words", "# Title\n\n", "[", " and then some words.\n",
         true, 0},
        /* lines of a byte or two: a piece holds 16,384 of them at most (each
           costs md4c a line, the text a map entry and the analyzer a token:
           128 KiB of "[" lines peaked at 11 MB of the library's memory, and
           21 MiB of RSS) */
        {"lines of '['", "# Title\n\n", "[\n", "", true, 0},
        {"lines of a letter", "# Title\n\n", "a\n", "", true, 0},
        {"an HTML block of short lines", "# Title\n\n<div>\n", "a\n", "", true, 0},
        /* its text is copied a byte at a time: a separator for each space
           took three map entries (10.5 MB for 8 MiB), now none */
        {"an HTML block of one line of words", "# Title\n\n<div>\n", "a ", "", true, 0},
        /* (each of these lines is a sentence, and each piece after the
           first counts as going on with the sentence before: one fewer a
           piece) */
        {"a fence of short lines", "# Title\n\n```\n", "a\n", "", false, 0},
        /* one line of megabytes in a fence: no line to cut before, it was
           held whole (4 MiB of '<' peaked at 143 MiB of RSS); it is cut
           inside, and the next piece opens the fence again */
        /* (a token a byte: a piece of code holds more bytes than one of
           text, where md4c would read them as marks) */
        {"a fence of one line of '<'", "# Title\n\n```\nx", "<", "\n```\n\nAfter.\n", true,
         (size_t)12 << 20},
        {"a fence of one line of words", "# Title\n\n```\nx", "so it goes ",
         "\n```\n\nAfter.\n", true, 0},
        {"a fence of one line of spaces", "# Title\n\n```\nx", " ", "y\n```\n\nAfter.\n",
         true, 0},
        /* a line of the fence's own character: every cut in it could close
           the fence, and it was held whole (8 MiB: 290 MiB of RSS); the
           piece after the cut reads it indented four spaces, as code */
        {"a fence of one line of backticks", "# Title\n\n```\nx", "`", "\n```\n\nAfter.\n",
         true, (size_t)12 << 20},
        {"a fence of one line of tildes", "# Title\n\n  ~~~~\nx", "~", "\n  ~~~~\n\nAfter.\n",
         true, (size_t)12 << 20},
        {"a fence of one line of backtick runs", "# Title\n\n```\nx", "````` `",
         "\n```\n\nAfter.\n", true, (size_t)12 << 20},
        /* white space between blocks, passed over */
        {"a million blank lines", "# Title\n\nSome words.\n", "\n", "\nMore words.\n", true, 0},
        {"blank lines of CRs", "# Title\r\rSome words.\r", "\r", "\rMore words.\r", true, 0},
        {"one line of tabs", "# Title\n\nSome words.\n\n", "\t", "\n\nMore words.\n", true, 0},
        /* link reference definitions: cut between them, never inside one
           (the rest of it would read as a paragraph of text) */
        {"link reference definitions", "# Title\n\n", "[a]: /b\n", "\nMore words.\n", true, 0},
        {"definitions with titles", "# Title\n\n", "[a]: /b \"A title\"\n",
         "\nMore words.\n", true, 0},
        {"definitions with titles on the next line", "# Title\n\n", "[a]: /b\n  \"A title\"\n",
         "More words.\n", true, 0},
        /* after a break, definitions open a block too: cut between them,
           never inside one (its first part would read as a paragraph) */
        {"definitions after a break", "# Title\n\n***\n", "[a]: /b\n", "", true, 0},
        /* blocks of a line or two: cut between them, never inside a
           heading's line (the rest would read as a paragraph) */
        {"setext headings", "# Title\n\n", "Title\n===\n", "", true, 0},
        {"breaks", "# Title\n\n", "***\n", "", true, 0},
        /* lines like a table's rows, in a paragraph: they go on as its lines */
        {"a paragraph of lines like rows", "# Title\n\nSome words\n", "| a | b |\n", "", true, 0},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t peaks[2];
        for (int big = 0; big < 2; big++) {
            size_t len;
            char *text = units_between(shapes[k].head, shapes[k].unit, shapes[k].tail,
                                  big ? (size_t)8 << 20 : (size_t)2 << 20, &len);
            alloc_tally count = {0};
            rs_report *r = analyze(text, len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, &count);
            cr_assert_not_null(r, "%s", shapes[k].name);
            if (!big) {
                rs_report *whole = analyze(text, len, RS_FORMAT_MARKDOWN, 0, len, NULL);
                const rs_counts *x = rs_report_page_counts(whole), *y = rs_report_page_counts(r);
                if (shapes[k].exact) {
                    expect_same_counts(x, y, shapes[k].name);
                    expect_same_counts(rs_report_counts(whole), rs_report_counts(r),
                                       shapes[k].name);
                }
                cr_expect_eq(x->characters, y->characters, "%s", shapes[k].name);
                cr_expect_eq(x->letters, y->letters, "%s", shapes[k].name);
                cr_expect_eq(x->paragraphs, y->paragraphs, "%s", shapes[k].name);
                rs_report_free(whole);
            }
            rs_report_free(r);
            free(text);
            cr_expect_eq(count.live, 0, "%s: everything freed", shapes[k].name);
            peaks[big] = count.peak;
        }
        size_t most = shapes[k].most ? shapes[k].most : (size_t)8 << 20;
        cr_expect_lt(peaks[1], most, "%s: peak %zu bytes", shapes[k].name, peaks[1]);
        /* (and one doubling of the analyzer's input buffer, from 512 KiB:
           where the unparsed rest of a long block stands when a chunk
           comes decides whether it takes place) */
        cr_expect_leq(peaks[1], peaks[0] + peaks[0] / 8 + (512u << 10),
                      "%s: peak %zu for 4x the input, %zu before", shapes[k].name, peaks[1],
                      peaks[0]);
    }
}

/* Cut inside a Markdown block, the figures do not depend on how the input comes in. */
/* Markdown streamed in chunks of `chunk` bytes gets the whole document's counts. */
static void expect_markdown_streamed_as_whole(const char *text, size_t len, size_t chunk,
                                              const char *name)
{
    rs_report *whole = analyze(text, len, RS_FORMAT_MARKDOWN, 0, len, NULL);
    rs_report *fed = analyze(text, len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, chunk, NULL);
    cr_assert_not_null(fed, "%s", name);
    expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(fed), name);
    expect_same_counts(rs_report_counts(whole), rs_report_counts(fed), name);
    rs_report_free(fed);
    rs_report_free(whole);
}

Test(stream, markdown_inner_cuts_with_small_chunks)
{
    static const struct {
        const char *name, *head, *unit, *tail;
    } shapes[] = {
        {"one line of capitals", "# Title\n\n", "HELLO WORLD AND MORE ", ""},
        {"fenced code", "# Title\n\n```\n", "let x = 1;\n", "```\n\nAfter the code.\n"},
        {"a block quote", "# Title\n\n", "> the quick brown fox jumps over the lazy dog.\n", ""},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t len;
        char *text = units_between(shapes[k].head, shapes[k].unit, shapes[k].tail, (size_t)3 << 19,
                              &len);
        expect_markdown_streamed_as_whole(text, len, 4099, shapes[k].name);
        free(text);
    }
}

/*
 * md4c 0.4.8 looks for the line of each bracketed label ("[a]") from its
 * block's first line, so that a block costs its lines times its labels: a
 * paragraph with a label on each of its lines is cut every
 * INNER_PIECE_LINES lines (format/markdown.c), and its end is cut as well
 * (the whole rest once was one piece: 9.4 MB of the library's memory for
 * 8 MiB of input; through the CLI, 8 MB of "[a]: /b" lines took 3.9 s,
 * now 0.4).  The pieces get the whole paragraph's figures.
 */
Test(stream, a_paragraph_of_bracketed_labels)
{
    static const struct {
        const char *name, *unit, *tail;
    } shapes[] = {
        {"labels", "[a] the quick brown fox\n", "\nMore words.\n"},
        {"lines that would be definitions", "[a]: /b\n", ""},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t len;
        /* whole, the paragraph costs md4c its lines squared: kept small */
        char *text = units_between("# Title\n\nSome words\n", shapes[k].unit, shapes[k].tail,
                                   (size_t)640 << 10, &len);
        expect_markdown_streamed_as_whole(text, len, 65536, shapes[k].name);
        free(text);

        text = units_between("# Title\n\nSome words\n", shapes[k].unit, shapes[k].tail,
                             (size_t)8 << 20, &len);
        alloc_tally count = {0};
        rs_report *fed = analyze(text, len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, &count);
        cr_assert_not_null(fed, "%s", shapes[k].name);
        cr_expect_lt(count.peak, (size_t)4 << 20, "%s: peak %zu bytes", shapes[k].name,
                     count.peak);
        rs_report_free(fed);
        free(text);
    }
}

/*
 * Paragraphs of labels that blank lines end, each shorter than the wait
 * before a block is cut inside: md4c would still take each one's lines
 * times its labels, so the cut scanner marks such a paragraph once the
 * lines before its labels reach RS__MD_DENSE_WORK, and the stream parses
 * what comes before it as a piece and the paragraph in pieces of
 * INNER_PIECE_LINES lines (format/markdown_cut.c, format/markdown.c).
 * Streamed, 1.5 MB of three such paragraphs of 500 KB took 3.8-4.7 s through
 * the CLI before, 0.14-0.20 s now; the library held each paragraph whole (its
 * text, offset map and tokens: a peak of 20.8 MB for 8 MiB of them here,
 * and 11.3 s for this test), and now holds a piece (2.1 MB; 1.5 s, most
 * of it the whole document's parse).  The pieces get the whole
 * document's figures, a second such paragraph after the first included.
 */
Test(stream, paragraphs_of_labels_between_blank_lines)
{
    static const char unit[] = "[a] fox\n";
    static const char end[] = "\nMore words here.\n\n";
    /* each paragraph's length, then the document's */
    static const size_t sizes[][2] = {{(size_t)160 << 10, (size_t)800 << 10},
                                      {(size_t)400 << 10, (size_t)8 << 20}};
    for (size_t k = 0; k < 2; k++) {
        size_t para_len, len = 0;
        char *para = units_between("", unit, end, sizes[k][0], &para_len);
        size_t copies = sizes[k][1] / para_len + 1;
        char *text = malloc(copies * para_len + 32);
        cr_assert_not_null(text);
        static const char head[] = "# Title\n\n";
        memcpy(text, head, sizeof head - 1);
        len = sizeof head - 1;
        for (size_t c = 0; c < copies; c++, len += para_len)
            memcpy(text + len, para, para_len);
        free(para);
        if (k == 0) {
            /* whole, each paragraph costs md4c its lines squared: kept small */
            expect_markdown_streamed_as_whole(text, len, 65536, "paragraphs of labels");
        } else {
            alloc_tally count = {0};
            rs_report *fed = analyze(text, len, RS_FORMAT_MARKDOWN, RS_OPT_STREAM, 65536, &count);
            cr_assert_not_null(fed);
            const rs_counts *c = rs_report_counts(fed);
            cr_expect_eq(c->paragraphs, 2 * copies, "%" PRIu64 " paragraphs", c->paragraphs);
            cr_expect_lt(count.peak, (size_t)4 << 20, "peak %zu bytes", count.peak);
            rs_report_free(fed);
        }
        free(text);
    }
}

/*
 * libxml2 keeps a comment until its end: past 256 KiB the stream hands it
 * no more of it, finds the end itself ("-->" or "--!>", as libxml2 reads
 * them; dashes, bangs and '>' inside do not end it) and gives libxml2 the
 * end there (html.c, skip_comment).  Only offsets change: the text after
 * it gets the figures it gets whole, as does a page that ends inside one.
 */
Test(stream, long_comments)
{
    static const char *const endings[] = {" -->", " --!>", ""};
    for (size_t k = 0; k < 3; k++) {
        size_t len;
        char *page = unit_after("<html><body><p>Before the comment.</p><!-- ",
                                "old markup -- kept - here! > -!> ", (size_t)3 << 20, &len);
        const char *after = "<p>After the comment, the rain held off until noon.</p></body></html>";
        size_t end_len = strlen(endings[k]), after_len = k < 2 ? strlen(after) : 0;
        char *whole_page = malloc(len + end_len + after_len + 1);
        cr_assert_not_null(whole_page);
        memcpy(whole_page, page, len);
        memcpy(whole_page + len, endings[k], end_len);
        memcpy(whole_page + len + end_len, after, after_len);
        len += end_len + after_len;
        whole_page[len] = '\0';
        rs_report *r = analyze(whole_page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
        rs_report *whole = analyze(whole_page, len, RS_FORMAT_HTML, 0, len, NULL);
        expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(r), endings[k]);
        cr_expect_eq(rs_report_page_counts(r)->words, k < 2 ? 12u : 3u, "ending '%s'", endings[k]);
        rs_report_free(whole);
        rs_report_free(r);
        free(whole_page);
        free(page);
    }
}

/*
 * The stream takes over a comment at a window's end (html.c,
 * comment_too_long): a "--" that libxml2 was given last goes on with the
 * '>' after it.  The page's comment opener sits at byte 12, the windows end
 * at 64 KiB steps, and the fifth window is the first that leaves more than
 * 256 KiB of comment held: its last two bytes are the "--".
 */
Test(stream, comment_end_across_the_take_over)
{
    static const char head[] = "<html><body><!--";
    static const char after[] = "><p>After the comment, four words.</p></body></html>";
    size_t dashes_at = 5 * 65536 - 2;
    size_t len = dashes_at + 2 + sizeof after - 1;
    char *page = malloc(len + 1);
    cr_assert_not_null(page);
    memcpy(page, head, sizeof head - 1);
    for (size_t i = sizeof head - 1; i < dashes_at; i++)
        page[i] = (char)('a' + i % 26);
    memcpy(page + dashes_at, "--", 2);
    memcpy(page + dashes_at + 2, after, sizeof after);
    rs_report *r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
    rs_report *whole = analyze(page, len, RS_FORMAT_HTML, 0, len, NULL);
    cr_expect_eq(rs_report_page_counts(whole)->words, 5);
    expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(r),
                       "a comment ended across the take-over");
    rs_report_free(whole);
    rs_report_free(r);
    free(page);
}

/*
 * libxml2's own allocations, which the analyzer's allocator does not see:
 * what it holds of the input shows here.  The test links the libxml2 the
 * HTML front-end opens, so xmlMemSetup() reaches it; each test runs in a
 * process of its own, before libxml2 has allocated anything.
 */
static size_t xml_live, xml_peak;
enum { XML_HEADER = 16 };

static void *xml_tally_malloc(size_t n)
{
    char *p = malloc(n + XML_HEADER);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    xml_live += n;
    xml_peak = xml_live > xml_peak ? xml_live : xml_peak;
    return p + XML_HEADER;
}

static void xml_tally_free(void *q)
{
    if (!q)
        return;
    char *p = (char *)q - XML_HEADER;
    size_t n;
    memcpy(&n, p, sizeof n);
    xml_live -= n;
    free(p);
}

static void *xml_tally_realloc(void *q, size_t n)
{
    if (!q)
        return xml_tally_malloc(n);
    char *p = (char *)q - XML_HEADER;
    size_t old;
    memcpy(&old, p, sizeof old);
    char *moved = realloc(p, n + XML_HEADER);
    if (!moved)
        return NULL;
    memcpy(moved, &n, sizeof n);
    xml_live = xml_live - old + n;
    xml_peak = xml_live > xml_peak ? xml_live : xml_peak;
    return moved + XML_HEADER;
}

static char *xml_tally_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xml_tally_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void tally_libxml2(void)
{
    cr_assert_eq(xmlMemSetup(xml_tally_free, xml_tally_malloc, xml_tally_realloc,
                             xml_tally_strdup), 0);
}

/* A streamed HTML analysis; *xml_held: the peak of libxml2's allocations during it. */
static rs_report *analyze_html_stream(const char *page, size_t len, alloc_tally *count,
                                      size_t *xml_held)
{
    size_t xml_before = xml_live;
    xml_peak = xml_live;
    rs_report *r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, count);
    *xml_held = xml_peak - xml_before;
    return r;
}

/* what the long-tag pages go on with */
#define PARAGRAPH_UNIT "<p>The river flows past the mill and the town.</p>\n"

/*
 * head, then unit again and again up to 2 and 8 MB, then tail, streamed:
 * memory, libxml2's own included, does not grow with the input, and at
 * 2 MB the page gets the figures and sections it gets whole.  words: the
 * main words the stream counts at both sizes, or NULL where they grow
 * with the input.  most: the peak allowed (0: 4 MiB).
 */
static void expect_bounded_html_stream(const char *head, const char *unit, const char *tail,
                                       const uint64_t *words, size_t most, const char *what)
{
    tally_libxml2();
    size_t peaks[2];
    for (int big = 0; big < 2; big++) {
        size_t len;
        char *page = units_between(head, unit, tail, big ? (size_t)8 << 20 : (size_t)2 << 20,
                                   &len);
        alloc_tally count = {0};
        size_t xml_held;
        rs_report *r = analyze_html_stream(page, len, &count, &xml_held);
        cr_assert_not_null(r, "%s", what);
        if (words)
            cr_expect_eq(rs_report_counts(r)->words, *words, "%s: %llu words", what,
                         (unsigned long long)rs_report_counts(r)->words);
        if (!big) {
            rs_report *whole = analyze(page, len, RS_FORMAT_HTML, 0, len, NULL);
            expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(r), what);
            expect_same_sections(whole, r, what);
            rs_report_free(whole);
        }
        rs_report_free(r);
        free(page);
        cr_expect_eq(count.live, 0, "%s: everything freed", what);
        peaks[big] = count.peak + xml_held;
    }
    cr_expect_lt(peaks[1], most ? most : (size_t)4 << 20, "%s: peak %zu bytes", what, peaks[1]);
    cr_expect_leq(peaks[1], peaks[0] + peaks[0] / 8, "%s: peak %zu for 4x the input, %zu before",
                  what, peaks[1], peaks[0]);
}

/*
 * A DOCTYPE whose quote is still open at its '>' ends there, as in a
 * browser (html.c, doctype_quote_open_at()): libxml2 alone read the rest
 * of the page as the declaration, and the stream, once that held 256 KiB,
 * skipped it to the end: no word was counted.
 */
Test(stream, a_doctype_quote_left_open)
{
    const char *head = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN>\n<html><body>";
    expect_bounded_html_stream(head, PARAGRAPH_UNIT, "</body></html>", NULL, 0,
                               "a DOCTYPE's quote left open");
    size_t len;
    char *page = units_between(head, PARAGRAPH_UNIT, "</body></html>", (size_t)2 << 20, &len);
    rs_report *r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
    size_t units = (len - strlen(head) - strlen("</body></html>")) / strlen(PARAGRAPH_UNIT);
    cr_expect_eq(rs_report_page_counts(r)->words, 9 * units);
    rs_report_free(r);
    free(page);
    /* one whose '>' comes 600 KiB on, past the windows and the 256 KiB
       that the stream lets libxml2 hold: the stream skipped to the end */
    page = units_between("<html><body><p>Start.</p><!DOCTYPE x \"oops ", "y ",
                         "><p>After it.</p></body></html>", (size_t)600 << 10, &len);
    for (int stream = 0; stream < 2; stream++) {
        r = analyze(page, len, RS_FORMAT_HTML, stream ? RS_OPT_STREAM : 0, 65536, NULL);
        cr_expect_eq(rs_report_page_counts(r)->words, 3, "streamed: %d", stream);
        rs_report_free(r);
    }
    free(page);
}

/*
 * libxml2 holds a start tag until its '>'.  Past 256 KiB of one, the stream
 * hands it no more of the value it is in (libxml2 goes on from the closing
 * quote, or the space after an unquoted value, the value cut short), or,
 * outside a value, no more of the tag before its '>' (html.c,
 * settle_held_tag).  Memory stays bounded and the
 * text around the tag gets the figures it gets whole; the attributes after
 * a long value still count (`hidden` hides three words).
 */
Test(stream, long_attribute_values)
{
    static const struct {
        const char *name, *head, *unit, *tail;
        uint64_t words;
        size_t most;
    } shapes[] = {
        {"a double-quoted data URI",
         "<html><body><p>Before the value.</p><div data-src=\"data:image/png;base64,", "iVBORw0K",
         "\" hidden><p>Three hidden words.</p></div><p>After the value, the rain held off.</p>"
         "</body></html>", 3 + 7, 0},
        {"a single-quoted state with double quotes inside",
         "<html><body><p>Before the value.</p><div data-state='", "{\"key\":\"value\"},",
         "' hidden><p>Three hidden words.</p></div><p>After the value, the rain held off.</p>"
         "</body></html>", 3 + 7, 0},
        {"an unquoted value", "<html><body><p>Before the value.</p><div data-x=", "abcdefgh",
         " hidden><p>Three hidden words.</p></div><p>After the value, the rain held off.</p>"
         "</body></html>", 3 + 7, 0},
        /* what such a tag says after 256 KiB is lost: here only its end */
        {"a tag of many attributes", "<html><body><p>Before the value.</p><div ", "data-a=\"1\" ",
         "data-b='>'><p>After the value, the rain held off.</p></div></body></html>", 3 + 7, 0},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
        expect_bounded_html_stream(shapes[k].head, shapes[k].unit, shapes[k].tail,
                                   &shapes[k].words, shapes[k].most, shapes[k].name);
}

/*
 * libxml2 also waits for the '>' of an end tag, a processing instruction or
 * a declaration, and for a "</" in a script: past 256 KiB held, the stream
 * hands it no more of such markup before its '>' (html.c,
 * markup_too_long), and a script's body is moved on by nudges even where
 * its chunks begin with a '<'.  Before, each of these held the whole input
 * and searched it again every window.
 */
Test(stream, markup_that_libxml2_holds_to_its_end)
{
    /* the front-end keeps up to 1 MiB of input behind a script's body
       (KEEP_BACK), and the buffer drops what is read once it is half of it */
    static const size_t script = (size_t)6 << 20;
    static const struct {
        const char *name, *head, *unit, *tail;
        uint64_t words;
        size_t most;
    } shapes[] = {
        {"a script whose body says a<b", "<html><body><p>Before the script.</p><script>",
         "if (a<b) go(); ",
         "</script><p>After the script, the rain held off.</p></body></html>", 3 + 7, script},
        {"a script of '<'", "<html><body><p>Before the script.</p><script>", "<<",
         "</script><p>After the script, the rain held off.</p></body></html>", 3 + 7, script},
        {"an end tag with no '>'", "<html><body><p>Before the tag.</p><p>", "</b a ",
         "><p>After the tag, the rain held off.</p></body></html>", 3 + 7, 0},
        /* libxml2 leaves the script's body at "</b": the end tag does not
           close it, so the script's own end tag comes after */
        {"an end tag in a script", "<html><body><p>Before the script.</p><script>", "a</b ",
         "></script><p>After the tag, the rain held off.</p></body></html>", 3 + 7, script},
        {"a processing instruction", "<html><body><p>Before the instruction.</p><?php ",
         "echo 1; ", "?><p>After the instruction, the rain held off.</p></body></html>", 3 + 7,
         0},
        {"a declaration", "<!DOCTYPE html ", "'a' ",
         "><html><body><p>After the declaration, the rain held off.</p></body></html>", 7, 0},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
        expect_bounded_html_stream(shapes[k].head, shapes[k].unit, shapes[k].tail,
                                   &shapes[k].words, shapes[k].most, shapes[k].name);
}

/*
 * A tag longer than a parse window (64 KiB) and shorter than the take-over:
 * libxml2 2.9 loses track of the quote its value opened and held all the
 * input after it, so the stream has it look for the tag's end again from
 * its '<' (html.c, parse).  Memory does not grow with what follows.
 */
Test(stream, a_tag_longer_than_a_window)
{
    char head[200 * 1024];
    static const char open[] = "<html><body><div title=\"";
    memcpy(head, open, sizeof open - 1);
    size_t n = sizeof open - 1;
    while (n < sizeof head - 3)
        head[n++] = 'x';
    memcpy(head + n, "\">", 3);
    expect_bounded_html_stream(head, PARAGRAPH_UNIT, "", NULL, 0, "after a tag of 200 KiB");
}

/*
 * A quote inside an unquoted value is a byte of the value, but libxml2's
 * search for a tag's '>' takes it for a value's opening and waits for the
 * input's end.  The stream must not take that wait for a long value and
 * skip what follows as its rest (html.c, settle_held_tag reads the tag as
 * HTML does): the words after it are all counted.
 */
Test(stream, a_stray_quote_does_not_skip_the_page)
{
    size_t len;
    char *page = units_between("<html><body><span data-v=q\"r id=x>Two words</span><div",
                               " k='v'",
                               "><p>After the tag, the rain held off.</p></div></body></html>",
                               (size_t)400 << 10, &len);
    rs_report *r = analyze(page, len, RS_FORMAT_HTML, RS_OPT_STREAM, 65536, NULL);
    rs_report *whole = analyze(page, len, RS_FORMAT_HTML, 0, len, NULL);
    cr_expect_eq(rs_report_page_counts(whole)->words, 2 + 7);
    expect_same_counts(rs_report_page_counts(whole), rs_report_page_counts(r),
                       "after a quote in an unquoted value");
    rs_report_free(whole);
    rs_report_free(r);
    free(page);
}

/*
 * The same quote with no quote after it: libxml2's search would wait for
 * the input's end and hold the whole page.  Once the tag is held longer
 * than HELD_TEXT_MAX, the search is pointed at its '>' (html.c,
 * resume_at_tag_end): memory does not grow with the page, and the page
 * gets the figures and sections it gets whole.
 */
Test(stream, a_stray_quote_with_no_quote_after_it)
{
    expect_bounded_html_stream("<html><body><span data-v=q\"r id=x>Two words</span>",
                               PARAGRAPH_UNIT, "", NULL, 0, "after a stray quote");
}
