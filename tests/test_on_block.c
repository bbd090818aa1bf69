/*
 * rs_analyzer_on_block(): every block once, in order, with its settled
 * role and its text, whole or streamed; and rs_report_write_extract_json(),
 * which writes such a text.  Streamed with RS_OPT_ALL, the blocks' texts,
 * joined as --extract joins them, are the whole analysis's.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "readstat.h"

typedef struct gathered {
    char *text; /* the main blocks' texts, joined as readstat --extract joins them */
    size_t len, cap;
    size_t calls, next_index, pieces;
    size_t longest; /* the longest text handed over */
    bool any, last_main;
    const rs_report *report; /* whole mode: what every view must agree with */
} gathered;

static void append(gathered *g, const char *bytes, size_t len)
{
    if (g->len + len + 1 > g->cap) {
        g->cap = (g->len + len + 1) * 2;
        g->text = realloc(g->text, g->cap);
        cr_assert_not_null(g->text);
    }
    memcpy(g->text + g->len, bytes, len);
    g->len += len;
    g->text[g->len] = '\0';
}

static void gather(void *ud, const rs_block_view *v)
{
    gathered *g = ud;
    cr_assert_eq(v->index, g->next_index, "block %zu handed over as %zu", g->next_index,
                 v->index);
    cr_assert_not_null(v->block);
    cr_assert(v->text != NULL || v->len == 0);
    g->next_index++;
    g->calls++;
    bool joins = v->continues && g->last_main;
    g->last_main = v->main;
    g->pieces += v->continues;
    if (v->len > g->longest)
        g->longest = v->len;
    if (!v->main)
        return;
    if (g->any && !joins)
        append(g, "\n\n", 2);
    else if (joins && v->joint)
        append(g, &v->joint, 1);
    append(g, v->text, v->len);
    g->any = true;
}

static rs_report *analyze(const char *text, size_t len, rs_format format, unsigned flags,
                          gathered *g)
{
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    o.flags = flags;
    /* in the chunks a pipe brings, so that windows close on the way */
    return analyze_in_chunks_handing(text, len, 65536, &o, g ? gather : NULL, g);
}

/* The main text as the report's own blocks give it (whole mode). */
static char *main_text_of(const rs_report *r, bool all, size_t *len)
{
    gathered g = {0};
    append(&g, "", 0);
    bool first = true;
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        if (!rs_report_block_is_main(r, i, all))
            continue;
        size_t n;
        const char *t = rs_report_block_text(r, i, &n);
        if (!first)
            append(&g, "\n\n", 2);
        first = false;
        append(&g, t, n);
    }
    *len = g.len;
    return g.text;
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
    size_t n = strlen(unit);
    char *s = malloc(n * times + 1);
    cr_assert_not_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * n, unit, n);
    s[n * times] = '\0';
    *len = n * times;
    return s;
}

Test(on_block, whole_mode_hands_over_every_block_at_the_end_with_its_role)
{
    static const char doc[] =
        "Home | News | Sport | Weather\n\n"
        "Ferry Returns to the Harbor\n\n"
        "By Ann Lee\n\n"
        "The ferry left the pier at night. It carried two hundred people across the bay.\n\n"
        "The service will run every night this summer, the council said on Monday.\n";
    gathered g = {0};
    rs_report *r = analyze(doc, sizeof doc - 1, RS_FORMAT_TEXT, 0, &g);
    size_t n = rs_report_block_count(r);
    cr_assert_eq(g.calls, n, "%zu calls for %zu blocks", g.calls, n);
    size_t len;
    char *want = main_text_of(r, false, &len);
    cr_expect_eq(g.len, len);
    cr_expect_str_eq(g.text, want);
    /* the menu line is chrome and the story is in */
    cr_expect_null(strstr(g.text, "Weather"), "%s", g.text);
    cr_expect_not_null(strstr(g.text, "every night this summer"), "%s", g.text);
    free(want);
    free(g.text);
    rs_report_free(r);
}

Test(on_block, is_set_before_any_input)
{
    rs_analyzer *a = NULL;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    gathered g = {0};
    cr_expect_eq(rs_analyzer_on_block(NULL, gather, &g), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_on_block(a, NULL, &g), RS_ERR_ARG);
    cr_assert_eq(rs_analyzer_feed(a, "Some words.", 11), RS_OK);
    cr_expect_eq(rs_analyzer_on_block(a, gather, &g), RS_ERR_STATE);
    rs_analyzer_free(a);
}

/* Streamed with RS_OPT_ALL, every block is main: the joined texts are the
   whole analysis's, however the windows and the pieces fell; and so are
   the figures. */
static gathered expect_streamed_text_is_whole(const char *doc, size_t len, rs_format format,
                                              bool pieces)
{
    gathered g = {0};
    rs_report *streamed = analyze(doc, len, format, RS_OPT_STREAM | RS_OPT_ALL, &g);
    cr_expect_eq(rs_report_block_count(streamed), 0, "a streamed report keeps no blocks");
    rs_report *whole = analyze(doc, len, format, RS_OPT_ALL, NULL);
    size_t want_len;
    char *want = main_text_of(whole, true, &want_len);
    cr_expect_gt(g.calls, 1024, "more than a window's blocks: %zu", g.calls);
    if (pieces)
        cr_expect_gt(g.pieces, 0, "no piece went on from the one before");
    cr_expect_eq(g.len, want_len, "%zu bytes streamed, %zu whole", g.len, want_len);
    size_t at = 0;
    while (at < g.len && at < want_len && g.text[at] == want[at])
        at++;
    cr_expect_eq(at, want_len, "differs at %zu: \"%.40s\" against \"%.40s\"", at,
                 g.text + (at > 20 ? at - 20 : 0), want + (at > 20 ? at - 20 : 0));
    const rs_counts *got = rs_report_counts(streamed), *all = rs_report_counts(whole);
    cr_expect_eq(got->words, all->words);
    cr_expect_eq(got->sentences, all->sentences, "%llu sentences streamed, %llu whole",
                 (unsigned long long)got->sentences, (unsigned long long)all->sentences);
    cr_expect_eq(got->paragraphs, all->paragraphs, "%llu paragraphs streamed, %llu whole",
                 (unsigned long long)got->paragraphs, (unsigned long long)all->paragraphs);
    cr_expect_eq(got->characters, all->characters);
    cr_expect_eq(got->syllables, all->syllables);
    free(want);
    free(g.text);
    g.text = NULL;
    rs_report_free(streamed);
    rs_report_free(whole);
    return g;
}

/* Paragraphs, then one of `size` bytes without a blank line (measured in
   pieces), then more paragraphs. */
static char *with_a_long_paragraph(const char *head, const char *unit, size_t size,
                                   const char *joint, const char *tail, size_t *len)
{
    size_t a, b, c;
    char *paragraphs = repeat("The mill stood by the river. A baker went there.\n\n", 1500, &a);
    char *line = repeat(unit, size / strlen(unit), &b);
    char *rest = repeat("It is a well-known place, and the water is clean.\n\n", 1500, &c);
    size_t total = strlen(head) + a + b + strlen(joint) + c + strlen(tail);
    char *doc = malloc(total + 1);
    cr_assert_not_null(doc);
    snprintf(doc, total + 1, "%s%s%s%s%s%s", head, paragraphs, line, joint, rest, tail);
    free(paragraphs);
    free(line);
    free(rest);
    *len = total;
    return doc;
}

Test(on_block, streamed_plain_text_is_the_whole_text, .timeout = 120)
{
    size_t len;
    char *doc = with_a_long_paragraph("", "the water runs on and on ", 400000, "\n\n", "",
                                      &len);
    /* the long paragraph's pieces are merged, their text kept */
    expect_streamed_text_is_whole(doc, len, RS_FORMAT_TEXT, false);
    free(doc);
}

/* A plain-text paragraph of megabytes keeps its text for the callback, so
   the window it is in closes early, after each megabyte, and the rest goes
   on as a block of its own: memory does not grow with the paragraph.  Cut
   between sentences, and (a paragraph of one sentence) inside one. */
Test(on_block, a_plain_text_paragraph_of_megabytes_is_handed_over_in_parts, .timeout = 120)
{
    static const char *const units[] = {"The water runs on. It runs on and on. ",
                                        "the water runs on and on "};
    for (size_t k = 0; k < 2; k++) {
        size_t len;
        char *doc = with_a_long_paragraph("", units[k], 3500000, "\n\n", "", &len);
        gathered g = expect_streamed_text_is_whole(doc, len, RS_FORMAT_TEXT, true);
        cr_expect_geq(g.pieces, 2, "%zu parts went on from the one before", g.pieces);
        cr_expect_lt(g.longest, 1200 * 1024, "a text of %zu bytes handed over", g.longest);
        free(doc);
    }
}

Test(on_block, streamed_markdown_is_the_whole_text, .timeout = 120)
{
    size_t len;
    /* Markdown cuts a block only past 512 KiB */
    char *doc = with_a_long_paragraph("# Title\n\n", "the water *runs* on and on ", 1200000,
                                      "\n\n", "", &len);
    expect_streamed_text_is_whole(doc, len, RS_FORMAT_MARKDOWN, true);
    free(doc);
}

Test(on_block, streamed_html_is_the_whole_text, .timeout = 120)
{
    size_t a, b, c;
    char *before = repeat("<p>The mill stood by the river. A baker went there.</p>\n", 1500, &a);
    char *line = repeat("the water <b>runs</b> on and on\n", 400000 / 32, &b);
    char *after = repeat("<p>It is a well-known place, and the water is clean.</p>\n", 1500, &c);
    size_t total = a + b + c + 64;
    char *doc = malloc(total);
    cr_assert_not_null(doc);
    int n = snprintf(doc, total, "<html><body>%s<p>%s</p>%s</body></html>", before, line, after);
    expect_streamed_text_is_whole(doc, (size_t)n, RS_FORMAT_HTML, true);
    free(before);
    free(line);
    free(after);
    free(doc);
}

/* rs_report_write_extract_json()'s text source, a stretch at a time. */
typedef struct stretches {
    const char *const *parts;
    size_t next;
} stretches;

static bool next_stretch(void *ud, const char **text, size_t *len)
{
    stretches *s = ud;
    if (!s->parts[s->next])
        return false;
    *text = s->parts[s->next++];
    *len = strlen(*text);
    return true;
}

static int to_buffer(void *ud, const char *bytes, size_t len)
{
    gathered *g = ud;
    append(g, bytes, len);
    return 0;
}

Test(on_block, extract_json_from_stretches_is_the_reports_own)
{
    static const char doc[] = "A first paragraph, \"quoted\".\n\nA second one, caf\xc3\xa9.\n";
    rs_report *r = analyze(doc, sizeof doc - 1, RS_FORMAT_TEXT, 0, NULL);
    gathered own = {0}, given = {0};
    cr_assert_eq(rs_report_write_json(r, "x.txt", RS_JSON_EXTRACT, to_buffer, &own), RS_OK);
    static const char *const parts[] = {"A first paragraph, \"quo", "ted\".", "\n\n",
                                        "A second one, caf\xc3\xa9.", NULL};
    stretches s = {parts, 0};
    cr_assert_eq(rs_report_write_extract_json(r, "x.txt", RS_JSON_EXTRACT, to_buffer, &given,
                                              next_stretch, &s),
                 RS_OK);
    cr_expect_str_eq(given.text, own.text);
    cr_expect_not_null(strstr(own.text, "\\\"quoted\\\".\\n\\nA second"), "%s", own.text);
    stretches none = {parts + 4, 0};
    cr_expect_eq(rs_report_write_extract_json(r, NULL, 0, to_buffer, &given, NULL, &none),
                 RS_ERR_ARG);
    free(own.text);
    free(given.text);
    rs_report_free(r);
}

typedef struct sections_seen {
    size_t count, cap;
    size_t *section;
} sections_seen;

static void note_section(void *ud, const rs_block_view *v)
{
    sections_seen *s = ud;
    cr_assert_eq(v->index, s->count);
    if (s->count == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->section = realloc(s->section, s->cap * sizeof *s->section);
        cr_assert_not_null(s->section);
    }
    s->section[s->count++] = v->block->section;
}

Test(on_block, streamed_blocks_name_their_section_as_whole_ones_do)
{
    /* Markdown sections of 300 paragraphs: windows close inside sections
       and between them */
    char *doc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&doc, &len);
    cr_assert_not_null(f);
    for (int h = 0; h < 12; h++) {
        fprintf(f, "%s Part %d\n\n", h % 3 ? "###" : "##", h);
        for (int p = 0; p < 300; p++)
            fprintf(f, "Paragraph %d of part %d says a little more.\n\n", p, h);
    }
    fclose(f);
    sections_seen whole = {0}, streamed = {0};
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_MARKDOWN;
    rs_report_free(analyze_in_chunks_handing(doc, len, 65536, &o, note_section, &whole));
    o.flags = RS_OPT_STREAM;
    rs_report *r = analyze_in_chunks_handing(doc, len, 65536, &o, note_section, &streamed);
    cr_assert_eq(streamed.count, whole.count);
    cr_assert_eq(whole.count, 12 * 301, "%zu blocks", whole.count);
    for (size_t i = 0; i < whole.count; i++)
        cr_expect_eq(streamed.section[i], whole.section[i], "block %zu: section %zu, whole %zu",
                     i, streamed.section[i], whole.section[i]);
    /* the first block is the heading of section 0; block 301 opens section 1 */
    cr_expect_eq(whole.section[0], 0);
    cr_expect_eq(whole.section[301], 1);
    cr_expect_eq(rs_report_section_count(r), 12);
    rs_report_free(r);
    free(whole.section);
    free(streamed.section);
    free(doc);
}
