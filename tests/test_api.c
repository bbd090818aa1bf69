/* The public API around the analysis: formats, metadata, main and page figures. */
#include "helpers.h"

static rs_report *analyze_with(const char *text, rs_format format, unsigned flags)
{
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    o.flags = flags;
    rs_report *r = NULL;
    cr_assert_eq(rs_analyze(text, strlen(text), &o, &r), RS_OK);
    return r;
}

Test(api, format_names)
{
    cr_expect_str_eq(rs_format_name(RS_FORMAT_AUTO), "auto");
    cr_expect_str_eq(rs_format_name(RS_FORMAT_TEXT), "text");
    cr_expect_str_eq(rs_format_name(RS_FORMAT_MARKDOWN), "markdown");
    cr_expect_str_eq(rs_format_name(RS_FORMAT_HTML), "html");
    cr_expect_null(rs_format_name(RS_FORMAT__COUNT));
    cr_expect_str_eq(rs_block_kind_name(RS_BLOCK_IMAGE), "image");
    cr_expect_null(rs_block_kind_name(RS_BLOCK__COUNT));
}

Test(api, auto_format_sniffs_the_first_bytes)
{
    struct { const char *text; rs_format want; } cases[] = {
        {"Just some words. And more.", RS_FORMAT_TEXT},
        {"<!DOCTYPE html><html><body><p>Hi.</p></body></html>", RS_FORMAT_HTML},
        {"  \n<html lang=\"en\"><p>Hi.</p>", RS_FORMAT_HTML},
        {"---\ntitle: A post\n---\nBody text.", RS_FORMAT_MARKDOWN},
        {"+++\ntitle = \"A post\"\n+++\nBody text.", RS_FORMAT_MARKDOWN},
        {"# Title\n\nSome **bold** text and a [link](https://example.org).", RS_FORMAT_MARKDOWN},
        /* one bullet list is not enough to call a text Markdown */
        {"Popular\n\n* one\n* two\n", RS_FORMAT_TEXT},
        {"", RS_FORMAT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_report *r = analyze_with(cases[i].text, RS_FORMAT_AUTO, 0);
        cr_expect_eq(rs_report_format(r), cases[i].want, "case %zu: %s", i,
                     rs_format_name(rs_report_format(r)));
        rs_report_free(r);
    }
}

/* The format sniffed from a text fed in one piece and fed in chunks of `chunk` bytes. */
static rs_format sniffed(const char *text, size_t chunk)
{
    rs_report *r = analyze_in_chunks(text, strlen(text), chunk, NULL);
    rs_format f = rs_report_format(r);
    rs_report_free(r);
    return f;
}

Test(api, sniffing_reads_the_first_16_kib_however_the_input_is_cut)
{
    /* Markdown syntax after the first 16 KiB does not count, whether the
       text comes in one piece or in chunks that pass 16 KiB at any point */
    size_t prose = 20000;
    char *text = malloc(prose + 64);
    for (size_t i = 0; i < prose; i++)
        text[i] = i % 50 == 49 ? '\n' : "Plain words. "[i % 13];
    strcpy(text + prose, "\n# Heading\n\nA [link](https://example.org).\n");
    for (size_t chunk = 1000; chunk <= 9000; chunk += 4000)
        cr_expect_eq(sniffed(text, chunk), RS_FORMAT_TEXT, "chunks of %zu", chunk);
    cr_expect_eq(sniffed(text, strlen(text)), RS_FORMAT_TEXT);
    /* the same syntax within them makes it Markdown */
    memcpy(text + 16000, "\n# Heading\n\nA [link](x).\n", 26);
    cr_expect_eq(sniffed(text, 7), RS_FORMAT_MARKDOWN);
    cr_expect_eq(sniffed(text, strlen(text)), RS_FORMAT_MARKDOWN);
    free(text);
}

Test(api, sniffing_finds_inline_syntax_at_every_offset)
{
    /* "**" and "](" found wherever they fall, also across the scanner's
       sixteen-byte steps; a lone '*', ']' or '_' is no syntax */
    char text[128];
    for (size_t pad = 0; pad < 40; pad++) {
        memcpy(text, "# Title\n", 8);
        memset(text + 8, 'a', pad);
        strcpy(text + 8 + pad, "x**b** y");
        cr_expect_eq(sniffed(text, 4096), RS_FORMAT_MARKDOWN, "** after %zu bytes", pad);
        strcpy(text + 8 + pad, "[a](b)");
        cr_expect_eq(sniffed(text, 4096), RS_FORMAT_MARKDOWN, "]( after %zu bytes", pad);
        strcpy(text + 8 + pad, "*a] b_c*_ d]");
        cr_expect_eq(sniffed(text, 4096), RS_FORMAT_TEXT, "lone marks after %zu bytes", pad);
    }
}

Test(api, asked_format_is_kept)
{
    rs_report *r = analyze_with("<p>looks like html</p>", RS_FORMAT_TEXT, 0);
    cr_expect_eq(rs_report_format(r), RS_FORMAT_TEXT);
    rs_report_free(r);
    rs_options o;
    rs_options_init(&o);
    o.format = (rs_format)99;
    rs_analyzer *a;
    cr_expect_eq(rs_analyzer_new(&o, &a), RS_ERR_ARG);
}

Test(api, caller_metadata_wins_and_is_copied)
{
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    char key[] = "title", value[] = "From the CMS";
    cr_expect_eq(rs_analyzer_set_meta(a, key, value), RS_OK);
    cr_expect_eq(rs_analyzer_set_meta(a, "title", "second value"), RS_OK);
    cr_expect_eq(rs_analyzer_set_meta(a, "", "x"), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_set_meta(a, "k", NULL), RS_ERR_ARG);
    key[0] = value[0] = 'X'; /* the analyzer kept copies */
    cr_expect_eq(rs_analyzer_feed(a, "Body.", 5), RS_OK);
    rs_report *r;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    cr_expect_eq(rs_analyzer_set_meta(a, "late", "x"), RS_ERR_STATE);
    rs_analyzer_free(a);
    cr_expect_str_eq(rs_report_meta(r, "title"), "From the CMS");
    cr_expect_eq(rs_report_meta_count(r), 1);
    const char *k, *v;
    cr_expect(rs_report_meta_at(r, 0, &k, &v));
    cr_expect_str_eq(k, "title");
    cr_expect_not(rs_report_meta_at(r, 1, &k, &v));
    cr_expect_null(rs_report_meta(r, "missing"));
    rs_report_free(r);
}

Test(api, block_sentence_and_word_texts)
{
    rs_report *r = analyze_detail("Heading Line\n\nFirst one. Second one.");
    size_t len;
    const char *t = rs_report_block_text(r, 0, &len);
    cr_expect_eq(len, 12);
    cr_expect_eq(strncmp(t, "Heading Line", len), 0);
    t = rs_report_sentence_text(r, 2, &len);
    cr_expect_eq(strncmp(t, "Second one.", len), 0);
    cr_expect_eq(len, 11);
    t = rs_report_word_text(r, 3, &len);
    cr_expect_eq(strncmp(t, "one", len), 0);
    cr_expect_null(rs_report_block_text(r, 99, &len));
    cr_expect_eq(len, 0);
    cr_expect_eq(rs_report_sentence(r, 2)->block, 1);
    cr_expect(rs_report_block_is_main(r, 1, false));
    cr_expect_not(rs_report_block_is_main(r, 9, true));
    rs_report_free(r);
}

Test(api, page_figures_cover_every_block)
{
    const char *text = "Story Title\n\nThe story has words. It has two sentences.\n";
    rs_report *r = analyze_with(text, RS_FORMAT_TEXT, 0);
    const rs_counts *page = rs_report_page_counts(r), *main = rs_report_counts(r);
    cr_expect_geq(page->words, main->words);
    cr_expect_eq(page->words, 10);
    cr_expect(rs_report_page_readability(r)->defined[RS_SCORE_FLESCH_READING_EASE]);
    cr_expect_gt(rs_report_page_reading_time(r)->seconds, 0);
    rs_report_free(r);
    r = analyze_with(text, RS_FORMAT_TEXT, RS_OPT_ALL);
    cr_expect_eq(rs_report_counts(r)->words, 10, "--all: the whole page is the main figure");
    rs_report_free(r);
}
