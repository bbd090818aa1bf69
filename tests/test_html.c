/*
 * The HTML front-end and the HTML role classifier.  Front-end features are
 * pinned with small inline pages; the classifier with the pages in
 * tests/fixtures/html (ours: see its README).  Fixtures are found through
 * RS_HTML_FIXTURES, else next to this source file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "readstat.h"
#include "format/html_tags.h"

static rs_report *html_chunks(const char *text, size_t len, size_t chunk)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_HTML;
    return analyze_in_chunks(text, len, chunk, &o);
}

static rs_report *html(const char *text)
{
    return html_chunks(text, strlen(text), strlen(text) + 1);
}

static char *read_fixture(const char *name, size_t *len)
{
    char path[1024];
    const char *dir = getenv("RS_HTML_FIXTURES");
    FILE *fp = NULL;
    if (dir) {
        snprintf(path, sizeof path, "%s/%s", dir, name);
        fp = fopen(path, "rb");
    }
    /* __FILE__ may be relative to the build root, one or two levels up from the test's directory */
    static const char *const prefixes[] = {"", "../", "../../", NULL};
    const char *here = __FILE__;
    const char *slash = strrchr(here, '/');
    int dir_len = slash ? (int)(slash - here) : 1;
    for (const char *const *p = prefixes; !fp && *p; p++) {
        snprintf(path, sizeof path, "%s%.*s/fixtures/html/%s", here[0] == '/' ? "" : *p, dir_len,
                 slash ? here : ".", name);
        fp = fopen(path, "rb");
    }
    cr_assert_not_null(fp, "fixture %s not found (set RS_HTML_FIXTURES)", name);
    return read_whole_file(fp, len);
}

static rs_report *fixture(const char *name)
{
    size_t len;
    char *text = read_fixture(name, &len);
    rs_report *r = html_chunks(text, len, 100); /* small chunks: streaming must not matter */
    free(text);
    return r;
}

/* The index of the first block whose text contains needle, or RS_NONE. */
static size_t find_block(const rs_report *r, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        for (size_t k = 0; k + n <= len; k++)
            if (memcmp(t + k, needle, n) == 0)
                return i;
    }
    return RS_NONE;
}

static bool block_is(const rs_report *r, size_t i, const char *text)
{
    size_t len;
    const char *t = rs_report_block_text(r, i, &len);
    return len == strlen(text) && memcmp(t, text, len) == 0;
}

static rs_role role_of(const rs_report *r, const char *needle)
{
    size_t i = find_block(r, needle);
    cr_assert_neq(i, RS_NONE, "no block has \"%s\"", needle);
    return rs_report_block(r, i)->role;
}

/* Every block that contains needle has the role. */
static void assert_all(const rs_report *r, const char *needle, rs_role role)
{
    size_t n = strlen(needle), seen = 0;
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        for (size_t k = 0; k + n <= len; k++) {
            if (memcmp(t + k, needle, n) == 0) {
                cr_assert_eq(rs_report_block(r, i)->role, role, "block %zu (%s) is %s, not %s", i,
                             needle, rs_role_name(rs_report_block(r, i)->role), rs_role_name(role));
                seen++;
                break;
            }
        }
    }
    cr_assert_gt(seen, 0, "no block has \"%s\"", needle);
}

/* ------------------------------------------------------------------ */
/* Front-end                                                            */

Test(html_frontend, entities_are_decoded)
{
    rs_report *r = html("<p>Caf&eacute; &amp; bar &#8212; &lt;b&gt; &#x41;&quot;</p>");
    cr_assert_eq(rs_report_block_count(r), 1);
    cr_assert(block_is(r, 0, "Caf\xC3\xA9 & bar \xE2\x80\x94 <b> A\""));
    rs_report_free(r);
}

Test(html_frontend, hidden_text_is_skipped)
{
    rs_report *r = html("<html><head><title>T</title><style>p{x:y}</style>"
                        "<script>var headscript = 1;</script></head><body>"
                        "<script>var a = 'script text';</script><style>.b{}</style>"
                        "<noscript>noscript text</noscript><template>template text</template>"
                        "<svg><text>svg text</text></svg><p>Visible words.</p></body></html>");
    cr_assert_eq(rs_report_block_count(r), 1);
    cr_assert(block_is(r, 0, "Visible words."));
    cr_assert_str_eq(rs_report_meta(r, "title"), "T");
    rs_report_free(r);
}

Test(html_frontend, blocks_per_tag)
{
    rs_report *r = html("<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5>"
                        "<h6>Six</h6><p>Para <b>bold</b> <a href='/x'>link</a>.</p>"
                        "<ul><li>Item one</li><li>Item two</li></ul>"
                        "<blockquote>Quoted</blockquote><pre>a  b\n  c</pre>"
                        "<figure><figcaption>Cap</figcaption></figure>"
                        "<table><tr><td>c1</td><td>c2</td></tr></table>"
                        "<div>Loose text</div><p>line<br>break</p>");
    static const struct { rs_block_kind kind; int level; const char *text; } want[] = {
        {RS_BLOCK_HEADING, 1, "One"}, {RS_BLOCK_HEADING, 2, "Two"},
        {RS_BLOCK_HEADING, 3, "Three"}, {RS_BLOCK_HEADING, 4, "Four"},
        {RS_BLOCK_HEADING, 5, "Five"}, {RS_BLOCK_HEADING, 6, "Six"},
        {RS_BLOCK_PARAGRAPH, 0, "Para bold link."}, {RS_BLOCK_LIST_ITEM, 0, "Item one"},
        {RS_BLOCK_LIST_ITEM, 0, "Item two"}, {RS_BLOCK_QUOTE, 0, "Quoted"},
        {RS_BLOCK_CODE, 0, "a  b\n  c"}, {RS_BLOCK_CAPTION, 0, "Cap"},
        {RS_BLOCK_TABLE_CELL, 0, "c1"}, {RS_BLOCK_TABLE_CELL, 0, "c2"},
        {RS_BLOCK_PARAGRAPH, 0, "Loose text"}, {RS_BLOCK_PARAGRAPH, 0, "line\nbreak"},
    };
    size_t n = sizeof want / sizeof want[0];
    cr_assert_eq(rs_report_block_count(r), n, "%zu blocks", rs_report_block_count(r));
    for (size_t i = 0; i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        cr_assert_eq(b->kind, want[i].kind, "block %zu kind %s", i, rs_block_kind_name(b->kind));
        cr_assert_eq(b->level, want[i].level, "block %zu level", i);
        cr_assert(block_is(r, i, want[i].text), "block %zu text", i);
    }
    rs_report_free(r);
}

Test(html_frontend, source_offsets_point_at_the_text)
{
    const char *page = "<div><p>Alpha beta.</p>\n<p>Gamma &amp; delta.</p></div>";
    rs_report *r = html(page);
    cr_assert_eq(rs_report_block_count(r), 2);
    for (size_t i = 0; i < 2; i++) {
        const rs_block *b = rs_report_block(r, i);
        cr_assert_leq(b->start, b->end);
        cr_assert_leq(b->end, strlen(page));
        if (i > 0)
            cr_assert_geq(b->start, rs_report_block(r, i - 1)->end);
    }
    cr_assert_eq(strncmp(page + rs_report_block(r, 0)->start, "Alpha", 5), 0);
    cr_assert_eq(strncmp(page + rs_report_block(r, 1)->start, "Gamma", 5), 0);
    rs_report_free(r);
}

Test(html_frontend, images_are_counted_once)
{
    rs_report *r = html("<p>Text <img src=a.png> more</p>"
                        "<div><picture><source srcset=b.webp><img src=b.png></picture></div>"
                        "<div><img src=c.png></div>");
    cr_assert_eq(rs_report_block_count(r), 3);
    cr_assert_eq(rs_report_block(r, 0)->counts.images, 1);
    cr_assert_eq(rs_report_block(r, 0)->kind, RS_BLOCK_PARAGRAPH);
    cr_assert_eq(rs_report_block(r, 1)->kind, RS_BLOCK_IMAGE);
    cr_assert_eq(rs_report_block(r, 1)->counts.images, 1);
    cr_assert_eq(rs_report_block(r, 2)->kind, RS_BLOCK_IMAGE);
    cr_assert_eq(rs_report_page_counts(r)->images, 3);
    rs_report_free(r);
}

Test(html_frontend, broken_markup_is_read)
{
    rs_report *r = html("<div><p>First <b>bold <i>both</b> italic</i> end.</span></p></td>"
                        "<p>Second<p>Third</div></div></div><li>Stray item"
                        "<!-- an unclosed comment <p>hidden");
    cr_assert_neq(find_block(r, "First bold both italic end."), RS_NONE);
    cr_assert_neq(find_block(r, "Second"), RS_NONE);
    cr_assert_neq(find_block(r, "Third"), RS_NONE);
    cr_assert_neq(find_block(r, "Stray item"), RS_NONE);
    cr_assert_eq(find_block(r, "hidden"), RS_NONE);
    rs_report_free(r);
}

/* The page's word count (every block, main or not). */
static uint64_t page_words(const rs_report *r)
{
    return rs_report_page_counts(r)->words;
}

Test(html_frontend, text_after_the_end_of_html_is_read)
{
    /* libxml2 alone stops at </html>; a browser shows what follows */
    rs_report *r = html("<html><body><p>One two three.</p></body></html>\n"
                        "<p>Four five.</p>");
    cr_expect_eq(page_words(r), 5);
    cr_expect_neq(find_block(r, "Four five."), RS_NONE);
    rs_report_free(r);
    /* two whole pages, one after the other, in any case and spacing */
    r = html("<!DOCTYPE html><html><head><title>First</title></head><body><p>One two.</p>"
             "</body></HTML >\n<!DOCTYPE html><html><head><title>Second</title></head>"
             "<body><p>Three four five.</p></body></html>\n");
    cr_expect_eq(page_words(r), 5);
    cr_expect_str_eq(rs_report_meta(r, "title"), "First");
    rs_report_free(r);
    /* only the end tag itself: inside a comment it stays a comment, and a
       longer name is another tag */
    r = html("<p>One.</p><!-- </html> --><p>Two.</p></htmlx><p>Three.</p>");
    cr_expect_eq(page_words(r), 3);
    cr_expect_eq(find_block(r, "-->"), RS_NONE);
    rs_report_free(r);
}

Test(html_frontend, a_doctype_quote_left_open_ends_at_its_bracket)
{
    /* a browser ends a DOCTYPE at its first '>' even inside a quoted
       string; libxml2 alone read the rest of the page as the declaration */
    static const char *const pages[] = {
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN>\n<html><head>"
        "<title>Open quote</title></head><body><p>One two three.</p></body></html>",
        "<!doctype html system 'about:legacy-compat><html><head><title>Open quote</title>"
        "</head><body><p>One two three.</p></body></html>",
        /* the '>' of the next tag is the first: the DOCTYPE takes "<html" */
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\n<html><head><title>Open quote"
        "</title></head><body><p>One two three.</p></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        size_t len = strlen(pages[i]);
        for (size_t chunk = len; chunk > 0; chunk = chunk == len ? 1 : 0) {
            rs_report *r = html_chunks(pages[i], len, chunk);
            cr_expect_eq(page_words(r), 3, "page %zu in chunks of %zu: %llu words", i, chunk,
                         (unsigned long long)page_words(r));
            cr_expect_str_eq(rs_report_meta(r, "title"), "Open quote", "page %zu", i);
            rs_report_free(r);
        }
    }
    /* what follows that '>' is text, as a browser shows it */
    rs_report *r = html("<!DOCTYPE html PUBLIC \"a>b c\"><p>One two.</p>");
    cr_expect_eq(page_words(r), 4);
    rs_report_free(r);
    /* quotes that close before the '>' are libxml2's as written */
    r = html("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
             "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><title>Closed</title>"
             "<p>One two three four.</p>");
    cr_expect_eq(page_words(r), 4);
    cr_expect_str_eq(rs_report_meta(r, "title"), "Closed");
    rs_report_free(r);
}

Test(html_frontend, end_of_html_across_the_parse_windows)
{
    /* libxml2 gets the input in 64 KiB windows: an end tag cut by a window
       edge at any byte is still found, fed whole or byte by byte */
    enum { WINDOW = 1 << 16 };
    const char tail[] = "</html>\n<p>Four five six.</p>";
    char *page = malloc(WINDOW + sizeof tail + 16);
    for (size_t back = 1; back <= 8; back++) {
        size_t at = WINDOW - back, len = 0;
        len += (size_t)sprintf(page, "<html><body><p>One two three.</p><!--");
        memset(page + len, 'x', at - 3 - len);
        memcpy(page + at - 3, "-->", 3);
        memcpy(page + at, tail, sizeof tail);
        len = at + sizeof tail - 1;
        for (size_t chunk = len; chunk > 0; chunk = chunk == len ? 4093 : 0) {
            rs_report *r = html_chunks(page, len, chunk);
            cr_expect_eq(page_words(r), 6, "</html> %zu bytes before the window's end, chunks of %zu",
                         back, chunk);
            rs_report_free(r);
        }
    }
    free(page);
}

Test(html_frontend, invalid_utf8_keeps_offsets)
{
    const char page[] = "<p>ab\xFF\xFE cd</p><p>\xC3\xA9t\xC3\xA9</p>";
    rs_report *r = html_chunks(page, sizeof page - 1, 5); /* splits the \xC3\xA9 pairs */
    cr_assert_eq(rs_report_block_count(r), 2);
    cr_assert(block_is(r, 0, "ab?? cd"));
    cr_assert(block_is(r, 1, "\xC3\xA9t\xC3\xA9"));
    rs_report_free(r);
}

Test(html_frontend, streaming_matches_one_buffer)
{
    size_t len;
    char *text = read_fixture("article.html", &len);
    rs_report *whole = html_chunks(text, len, len);
    rs_report *bytes = html_chunks(text, len, 1);
    cr_assert_eq(rs_report_block_count(whole), rs_report_block_count(bytes));
    for (size_t i = 0; i < rs_report_block_count(whole); i++) {
        size_t a, b;
        const char *ta = rs_report_block_text(whole, i, &a);
        const char *tb = rs_report_block_text(bytes, i, &b);
        cr_assert(a == b && memcmp(ta, tb, a) == 0, "block %zu differs", i);
        cr_assert_eq(rs_report_block(whole, i)->role, rs_report_block(bytes, i)->role);
    }
    free(text);
    rs_report_free(whole);
    rs_report_free(bytes);
}

Test(html_frontend, deep_nesting_finishes, .timeout = 60)
{
    enum { DEPTH = 100000 };
    size_t len = DEPTH * 11 + 64;
    char *page = malloc(len), *p = page;
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "deep text");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "</div>");
    rs_report *r = html_chunks(page, (size_t)(p - page), 65536);
    cr_assert_neq(find_block(r, "deep text"), RS_NONE);
    rs_report_free(r);
    /* the same, never closed, and with spans: every level still open at the end */
    p = page;
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, i % 2 ? "<span>" : "<div>");
    p += sprintf(p, "unclosed");
    r = html_chunks(page, (size_t)(p - page), 65536);
    cr_assert_neq(find_block(r, "unclosed"), RS_NONE);
    rs_report_free(r);
    free(page);
}

Test(html_frontend, huge_attribute_finishes, .timeout = 60)
{
    size_t big = 10u << 20;
    const char *head = "<p title=\"", *tail = "\">after the attribute</p>";
    size_t len = strlen(head) + big + strlen(tail);
    char *page = malloc(len + 1);
    memcpy(page, head, strlen(head));
    memset(page + strlen(head), 'a', big);
    memcpy(page + strlen(head) + big, tail, strlen(tail) + 1);
    rs_report *r = html_chunks(page, len, 65536);
    cr_assert_neq(find_block(r, "after the attribute"), RS_NONE);
    rs_report_free(r);
    free(page);
}

Test(html_frontend, white_space_collapses_around_long_words)
{
    /* words longer than eight bytes, runs of eight or more spaces, tabs and
       line breaks, multi-byte letters, and the tail of the text node */
    rs_report *r = html("<p>        extraordinarily\t\tlong   \r\n  wordswithoutanybreak          "
                        "caf\xC3\xA9s  na\xC3\xAFvet\xC3\xA9 end</p>"
                        "<p>ab</p><p>                                x</p>"
                        "<pre>  keep\t  this  </pre>");
    cr_assert_eq(rs_report_block_count(r), 4);
    cr_assert(block_is(r, 0, "extraordinarily long wordswithoutanybreak caf\xC3\xA9s "
                             "na\xC3\xAFvet\xC3\xA9 end"));
    cr_assert(block_is(r, 1, "ab"));
    cr_assert(block_is(r, 2, "x"));
    cr_assert(block_is(r, 3, "  keep\t  this"));
    rs_report_free(r);
}

Test(html_frontend, invalid_utf8_after_long_ascii_runs)
{
    /* bad bytes right after 32 and 8 ASCII bytes, and a sequence cut by the end of a run */
    const char page[] = "<p>0123456789abcdefghijklmnopqrstuvwxyz\xFFZ</p>"
                        "<p>12345678\xE2\x82 x \xF0\x9F\x98\x80 \xED\xA0\x80</p>";
    rs_report *r = html_chunks(page, sizeof page - 1, sizeof page);
    cr_assert_eq(rs_report_block_count(r), 2);
    cr_assert(block_is(r, 0, "0123456789abcdefghijklmnopqrstuvwxyz?Z"));
    cr_assert(block_is(r, 1, "12345678?? x \xF0\x9F\x98\x80 ???"));
    rs_report_free(r);
}

/*
 * Text with every mix of words and white space at every offset from the
 * start of the text node: the collapsed text is the words joined by single
 * spaces, as a byte-by-byte reading gives (the copy moves sixteen bytes a
 * step where it can, so the runs must land on and across every boundary).
 */
Test(html_frontend, white_space_collapses_like_a_byte_wise_reading)
{
    static const char *const gaps[] = {" ", "  ", "\n", "\t", " \n  ", "\r\n", "                 "};
    static const char *const words[] = {"a", "of", "the", "ferry", "caf\xC3\xA9", "extraordinary",
                                        "wordswithoutanybreakatall", "x,y.", "2"};
    uint32_t seed = 7;
    for (int round = 0; round < 400; round++) {
        char body[512], expected[512];
        size_t blen = 0, elen = 0;
        seed = seed * 1103515245u + 12345u;
        int lead = (int)(seed >> 16) % 3; /* white space before the first word, or not */
        if (lead)
            blen += (size_t)snprintf(body + blen, sizeof body - blen, "%s", gaps[(seed >> 20) % 7]);
        int nwords = 1 + round % 23;
        for (int w = 0; w < nwords; w++) {
            seed = seed * 1103515245u + 12345u;
            const char *word = words[(seed >> 16) % (sizeof words / sizeof words[0])];
            if (w) {
                blen += (size_t)snprintf(body + blen, sizeof body - blen, "%s", gaps[(seed >> 24) % 7]);
                expected[elen++] = ' ';
            }
            blen += (size_t)snprintf(body + blen, sizeof body - blen, "%s", word);
            elen += (size_t)snprintf(expected + elen, sizeof expected - elen, "%s", word);
        }
        if (round % 2)
            blen += (size_t)snprintf(body + blen, sizeof body - blen, "%s", gaps[round % 7]);
        char page[600];
        snprintf(page, sizeof page, "<p>%.*s</p>", (int)blen, body);
        expected[elen] = '\0';
        rs_report *r = html(page);
        cr_assert_eq(rs_report_block_count(r), 1, "%s", page);
        cr_assert(block_is(r, 0, expected), "%s", page);
        rs_report_free(r);
    }
}

/* A byte that is not UTF-8 at every offset of a long ASCII run: one '?' there, offsets unmoved. */
Test(html_frontend, invalid_utf8_anywhere_in_a_long_run)
{
    char run[161];
    for (size_t i = 0; i < sizeof run - 1; i++)
        run[i] = (char)('a' + i % 26);
    run[sizeof run - 1] = '\0';
    char clean[200];
    snprintf(clean, sizeof clean, "<p>%s</p>", run);
    rs_report *ref = html(clean);
    size_t start = rs_report_block(ref, 0)->start, end = rs_report_block(ref, 0)->end;
    rs_report_free(ref);
    cr_assert_eq(start, 3);
    for (size_t at = 0; at < sizeof run - 1; at++) {
        char page[200], expected[161];
        memcpy(expected, run, sizeof run);
        expected[at] = '?';
        snprintf(page, sizeof page, "<p>%s</p>", run);
        page[3 + at] = (char)0xFF;
        rs_report *r = html(page);
        cr_assert_eq(rs_report_block_count(r), 1);
        cr_assert(block_is(r, 0, expected), "bad byte at %zu", at);
        cr_assert_eq(rs_report_block(r, 0)->start, start);
        cr_assert_eq(rs_report_block(r, 0)->end, end);
        rs_report_free(r);
    }
}

Test(html_frontend, block_starts_after_long_attributes)
{
    /* the '<' of a start tag is found behind attributes of any length */
    char page[600];
    char attr[400];
    memset(attr, 'x', sizeof attr - 1);
    attr[sizeof attr - 1] = '\0';
    snprintf(page, sizeof page, "<div>Loose words <div data-a=\"%s\">Inner.</div></div>", attr);
    rs_report *r = html(page);
    cr_assert_eq(rs_report_block_count(r), 2);
    /* the loose text ends where the inner element starts */
    cr_assert_eq(rs_report_block(r, 0)->end, (size_t)(strstr(page, "<div data") - page));
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Tag and class/id vocabulary                                          */

Test(html_vocab, tags_and_their_flow)
{
    unsigned flow;
    cr_assert_eq(rs__html_tag_lookup("p", &flow), RS_TAG_P);
    cr_assert_eq(flow, RS_FLOW_BLOCK);
    cr_assert_eq(rs__html_tag_lookup("dir", &flow), RS_TAG_UL);
    cr_assert_eq(flow, RS_FLOW_BLOCK);
    cr_assert_eq(rs__html_tag_lookup("optgroup", &flow), RS_TAG_OPTION);
    cr_assert_eq(flow, RS_FLOW_SKIP);
    cr_assert_eq(rs__html_tag_lookup("img", &flow), RS_TAG_IMG);
    cr_assert_eq(flow, RS_FLOW_VOID);
    cr_assert_eq(rs__html_tag_lookup("span", &flow), RS_TAG_SPAN);
    cr_assert_eq(flow, RS_FLOW_INLINE);
    /* names of no tag of ours flow inline, listed or not */
    cr_assert_eq(rs__html_tag_lookup("frameset", &flow), RS_TAG_OTHER);
    cr_assert_eq(flow, RS_FLOW_INLINE);
    cr_assert_eq(rs__html_tag_lookup("my-widget", &flow), RS_TAG_OTHER);
    cr_assert_eq(flow, RS_FLOW_INLINE);
    cr_assert_eq(rs__html_tag_lookup("", &flow), RS_TAG_OTHER);
    cr_assert_eq(rs__html_tag_lookup(NULL, &flow), RS_TAG_OTHER);
}

/* Every cue word: the lists of the table, by the two bytes a word may start with. */
static const char FIRST_BYTES[] = "abcdefghijklmnopqrstuvwxyz-";

#define FOR_EACH_CUE_WORD(w)                                                             \
    for (const char *a_ = FIRST_BYTES; *a_; a_++)                                        \
        for (const char *b_ = FIRST_BYTES; *b_; b_++)                                    \
            for (const rs__html_cue_word *w = rs__html_cue_words((unsigned char)*a_,     \
                                                                 (unsigned char)*b_);    \
                 w && w->word; w++)

/* The cues of s by brute force over the vocabulary's own word table. */
static uint32_t naive_cues(const char *s, size_t len)
{
    uint32_t found = 0;
    FOR_EACH_CUE_WORD(w) {
        for (size_t i = 0; i + w->len <= len; i++) {
            size_t j = 0;
            while (j < w->len && (s[i + j] >= 'A' && s[i + j] <= 'Z' ? s[i + j] + 32 : s[i + j]) == w->word[j])
                j++;
            if (j == w->len) {
                found |= w->cue;
                break;
            }
        }
    }
    return found;
}

Test(html_vocab, each_list_holds_the_words_that_start_with_its_pair)
{
    size_t words = 0;
    for (const char *a = FIRST_BYTES; *a; a++) {
        for (const char *b = FIRST_BYTES; *b; b++) {
            const rs__html_cue_word *list = rs__html_cue_words((unsigned char)*a, (unsigned char)*b);
            if (*a != '-' && *b != '-') /* either case */
                cr_assert_eq(rs__html_cue_words((unsigned char)(*a - 32), (unsigned char)(*b - 32)), list);
            for (const rs__html_cue_word *w = list; w && w->word; w++, words++) {
                cr_assert(w->word[0] == *a && w->word[1] == *b, "%s in the list of %c%c", w->word, *a, *b);
                cr_assert_eq(strlen(w->word), w->len, "%s", w->word);
                cr_assert_geq(w->len, 3, "%s", w->word);
                cr_assert_neq(w->cue, 0, "%s", w->word);
            }
        }
    }
    cr_assert_gt(words, 80);
    cr_assert_null(rs__html_cue_words('2', 'a'));
    cr_assert_null(rs__html_cue_words('a', 0xC3));
}

Test(html_vocab, every_word_is_found_anywhere_in_any_case)
{
    size_t words = 0;
    FOR_EACH_CUE_WORD(w) {
        char buf[64];
        words++;
        cr_assert_eq(rs__html_name_cues(w->word, w->len) & w->cue, w->cue, "%s alone", w->word);
        int n = snprintf(buf, sizeof buf, "x %s", w->word);
        for (int i = 2; i < n; i++)
            buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? (char)(buf[i] - 32) : buf[i];
        cr_assert_eq(rs__html_name_cues(buf, (size_t)n) & w->cue, w->cue, "%s at the end", buf);
        n = snprintf(buf, sizeof buf, "%s2_", w->word);
        cr_assert_eq(rs__html_name_cues(buf, (size_t)n) & w->cue, w->cue, "%s at the start", buf);
        cr_assert_eq(rs__html_name_cues(w->word, w->len - 1u) & w->cue,
                     naive_cues(w->word, w->len - 1u) & w->cue, "%s cut", w->word);
    }
    cr_assert_gt(words, 80);
}

Test(html_vocab, one_pass_agrees_with_brute_force)
{
    /* pseudo-random names from the letters the words are made of, and some others */
    static const char alphabet[] = "abcdeghilmnoprstuwxy-AEIOS 2_\xC3";
    uint32_t seed = 12345;
    char name[40];
    for (int round = 0; round < 20000; round++) {
        size_t len = 1 + round % (sizeof name - 1);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            name[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        cr_assert_eq(rs__html_name_cues(name, len), naive_cues(name, len), "%.*s",
                     (int)len, name);
    }
    cr_assert_eq(rs__html_name_cues("articleBody sidebar2", 20),
                 RS_CUE_POSITIVE | RS_CUE_MAYBE | RS_CUE_NEGATIVE | RS_CUE_UNLIKELY | RS_CUE_CHROME);
    /* words that start with a dash or a digit-bearing pair, or have a dash second */
    cr_assert(rs__html_name_cues("top-ad-slot", 11) & RS_CUE_UNLIKELY);
    cr_assert(rs__html_name_cues("site-nav", 8) & RS_CUE_CHROME);
    cr_assert(rs__html_name_cues("H-Entry", 7) & RS_CUE_POSITIVE);
    cr_assert(rs__html_name_cues("p-author", 8) & RS_CUE_BYLINE);
    cr_assert(rs__html_name_cues("ai2html-box", 11) & RS_CUE_UNLIKELY);
    cr_assert(rs__html_name_cues("com-box", 7) & RS_CUE_NEGATIVE);
    cr_assert(rs__html_name_cues("fallback-image", 14) & RS_CUE_FALLBACK_IMAGE);
    cr_assert_eq(rs__html_cue_weight(rs__html_name_cues("hid", 3), 3), -25);
    cr_assert_eq(rs__html_cue_weight(rs__html_name_cues("hide", 4), 4), 0);
    cr_assert_eq(rs__html_name_cues(NULL, 0), 0);
}

/* ------------------------------------------------------------------ */
/* Metadata                                                             */

Test(html_meta, og_title_wins_and_suffix_goes)
{
    rs_report *r = html("<html lang='fr'><head><title>Story of the day | Site</title>"
                        "<meta property='og:title' content='The OG title'></head>"
                        "<body><h1>Heading</h1><p>Text.</p></body></html>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "The OG title");
    cr_assert_str_eq(rs_report_meta(r, "language"), "fr");
    rs_report_free(r);
    r = html("<title>Story of the day | Site</title><p>Text.</p>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Story of the day");
    rs_report_free(r);
    r = html("<title>Long story of the day \xE2\x80\x94 Site</title><p>Text.</p>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Long story of the day");
    rs_report_free(r);
    /* the site's own name goes whatever the title's length */
    r = html("<title>Mozilla - Wikipedia</title><meta property='og:site_name' content='Wikipedia'>"
             "<p>Text.</p>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Mozilla");
    cr_assert_str_eq(rs_report_meta(r, "site_name"), "Wikipedia");
    rs_report_free(r);
    /* a short title with a dash is one title */
    r = html("<title>Minecraft 1.8 - The Bountiful Update</title><p>Text.</p>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Minecraft 1.8 - The Bountiful Update");
    rs_report_free(r);
    r = html("<body><h1>Only  the\nheading</h1><p>Text.</p></body>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Only the heading");
    rs_report_free(r);
}

Test(html_meta, byline_date_description_language)
{
    rs_report *r = html("<head><meta name='author' content='Jane Roe'>"
                        "<meta http-equiv='content-language' content='de'>"
                        "<meta property='article:published_time' content='2020-01-02'>"
                        "<meta name='description' content='What it is about.'>"
                        "<meta property='og:description' content='Not this one.'></head>"
                        "<body><time datetime='1999-09-09'>then</time><p>Text.</p></body>");
    cr_assert_str_eq(rs_report_meta(r, "byline"), "Jane Roe");
    cr_assert_str_eq(rs_report_meta(r, "date"), "2020-01-02");
    cr_assert_str_eq(rs_report_meta(r, "description"), "What it is about.");
    cr_assert_str_eq(rs_report_meta(r, "language"), "de");
    rs_report_free(r);
    r = html("<body><p><a rel='author' href='/jo'>Jo Bloggs</a></p>"
             "<time datetime='2021-05-06T07:00'>May 6</time><p>Text.</p></body>");
    cr_assert_str_eq(rs_report_meta(r, "byline"), "Jo Bloggs");
    cr_assert_str_eq(rs_report_meta(r, "date"), "2021-05-06T07:00");
    rs_report_free(r);
}

Test(html_meta, json_ld)
{
    rs_report *r = html(
        "<head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
        "\"headline\":\"Caf\\u00e9 news\",\"datePublished\":\"2022-02-03T04:05:06Z\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann One\"},{\"name\":\"Bo Two\","
        "\"worksFor\":{\"name\":\"Not an author\"}}],\"publisher\":{\"name\":\"The Paper\"},}"
        "</script></head><body><p>Text.</p></body>");
    cr_assert_str_eq(rs_report_meta(r, "title"), "Caf\xC3\xA9 news");
    cr_assert_str_eq(rs_report_meta(r, "date"), "2022-02-03T04:05:06Z");
    cr_assert_str_eq(rs_report_meta(r, "byline"), "Ann One, Bo Two");
    cr_assert_str_eq(rs_report_meta(r, "site_name"), "The Paper");
    rs_report_free(r);
    /* broken JSON-LD is skipped, not fatal */
    r = html("<script type='application/ld+json'>{\"headline\": \"unterminated</script><p>Text.</p>");
    cr_assert_not_null(find_block(r, "Text.") != RS_NONE ? r : NULL);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* The hand-checked article                                             */

Test(html_article, title_byline_sections_counts)
{
    rs_report *r = fixture("article.html");
    cr_assert_str_eq(rs_report_meta(r, "title"), "The Quiet Harbour");
    cr_assert_str_eq(rs_report_meta(r, "byline"), "Ana Lima");
    cr_assert_str_eq(rs_report_meta(r, "date"), "2024-03-05T08:00:00Z");
    cr_assert_str_eq(rs_report_meta(r, "language"), "en");
    cr_assert_str_eq(rs_report_meta(r, "site_name"), "Coast Weekly");
    cr_assert_str_eq(rs_report_meta(r, "description"), "A day in a small fishing harbour.");

    cr_assert_eq(role_of(r, "The Quiet Harbour"), RS_ROLE_TITLE);
    cr_assert_eq(role_of(r, "By Ana Lima"), RS_ROLE_BYLINE);
    cr_assert_eq(role_of(r, "Boats waiting for the tide"), RS_ROLE_CAPTION);
    assert_all(r, "Home", RS_ROLE_BOILERPLATE);
    assert_all(r, "Storm closes", RS_ROLE_BOILERPLATE);
    assert_all(r, "Copyright 2024", RS_ROLE_BOILERPLATE);

    /* story: 29 + 30 + 31 + 26 + 16 words in five paragraphs, three one-word
       headings, a seven-word caption; 13 sentences; one image */
    const rs_counts *c = rs_report_counts(r);
    cr_assert_eq(c->words, 142, "%llu words", (unsigned long long)c->words);
    cr_assert_eq(c->sentences, 13, "%llu sentences", (unsigned long long)c->sentences);
    cr_assert_eq(c->paragraphs, 5);
    cr_assert_eq(c->images, 1);
    /* the page adds nav (6), title (3), byline (3), aside (14), footer (15) */
    cr_assert_eq(rs_report_page_counts(r)->words, 142 + 6 + 3 + 3 + 14 + 15,
                 "%llu page words", (unsigned long long)rs_report_page_counts(r)->words);

    /* sections: nav before any heading; h1 > h2 Morning > h3 Boats; h1 > h2 Evening */
    cr_assert_eq(rs_report_section_count(r), 5);
    static const struct { int level; size_t parent; const char *heading; bool chrome; } want[] = {
        {0, RS_NONE, NULL, true}, {1, RS_NONE, "The Quiet Harbour", false},
        {2, 1, "Morning", false}, {3, 2, "Boats", false}, {2, 1, "Evening", false},
    };
    for (size_t i = 0; i < 5; i++) {
        const rs_section *s = rs_report_section(r, i);
        cr_assert_eq(s->level, want[i].level, "section %zu level %d", i, s->level);
        cr_assert_eq(s->parent, want[i].parent, "section %zu parent", i);
        cr_assert_eq(s->boilerplate, want[i].chrome, "section %zu boilerplate", i);
        if (want[i].heading)
            cr_assert(block_is(r, s->heading_block, want[i].heading), "section %zu heading", i);
    }
    /* Morning holds P2 (30), Boats (1 + 31 + caption 7) and its own heading (1) */
    cr_assert_eq(rs_report_section(r, 2)->counts.words, 1 + 30 + 1 + 31 + 7,
                 "%llu", (unsigned long long)rs_report_section(r, 2)->counts.words);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* One fixture per boilerplate cue                                      */

static void assert_story_kept(const rs_report *r)
{
    assert_all(r, "Every morning the fishing boats", RS_ROLE_CONTENT);
    assert_all(r, "The harbour master opens", RS_ROLE_CONTENT);
    assert_all(r, "There are twelve boats", RS_ROLE_CONTENT);
    assert_all(r, "In the evening the boats", RS_ROLE_CONTENT);
    assert_all(r, "When the last boat", RS_ROLE_CONTENT);
    cr_assert_eq(role_of(r, "The Quiet Harbour"), RS_ROLE_TITLE);
}

/*
 * The classifier knows elements by the ids the front-end numbers them with:
 * ids close together and ids far apart (thousands of empty inline elements
 * between the blocks' elements) must give the same roles.
 */
Test(html_cues, element_ids_far_apart_give_the_same_roles)
{
    size_t len;
    char *text = read_fixture("related.html", &len);
    const char *body = strstr(text, "<body");
    cr_assert_not_null(body);
    size_t at = (size_t)(strchr(body, '>') - text) + 1;
    static const char filler[] = "<i></i>";
    size_t fillers = 3000, flen = sizeof filler - 1;
    char *spread = malloc(len + fillers * flen + 1);
    cr_assert_not_null(spread);
    memcpy(spread, text, at);
    for (size_t k = 0; k < fillers; k++)
        memcpy(spread + at + k * flen, filler, flen);
    memcpy(spread + at + fillers * flen, text + at, len - at);
    rs_report *a = html_chunks(text, len, len + 1);
    rs_report *b = html_chunks(spread, len + fillers * flen, len + fillers * flen + 1);
    cr_assert_eq(rs_report_block_count(a), rs_report_block_count(b));
    for (size_t i = 0; i < rs_report_block_count(a); i++) {
        size_t la, lb;
        const char *ta = rs_report_block_text(a, i, &la), *tb = rs_report_block_text(b, i, &lb);
        cr_assert(la == lb && memcmp(ta, tb, la) == 0, "block %zu", i);
        cr_assert_eq(rs_report_block(a, i)->role, rs_report_block(b, i)->role, "block %zu", i);
    }
    assert_story_kept(b);
    rs_report_free(a);
    rs_report_free(b);
    free(spread);
    free(text);
}

Test(html_cues, nav)
{
    rs_report *r = fixture("nav.html");
    assert_story_kept(r);
    assert_all(r, "Home", RS_ROLE_BOILERPLATE);
    assert_all(r, "About us", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, footer)
{
    rs_report *r = fixture("footer.html");
    assert_story_kept(r);
    assert_all(r, "Filed under harbours", RS_ROLE_BOILERPLATE);
    assert_all(r, "Copyright 2024", RS_ROLE_BOILERPLATE);
    assert_all(r, "Privacy policy", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, aside)
{
    rs_report *r = fixture("aside.html");
    assert_story_kept(r);
    assert_all(r, "Most Read", RS_ROLE_BOILERPLATE);
    assert_all(r, "Storm closes", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, share_counters)
{
    rs_report *r = fixture("share.html");
    assert_story_kept(r);
    assert_all(r, "214 shares", RS_ROLE_BOILERPLATE);
    assert_all(r, "Share on Facebook", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, comment_counts)
{
    rs_report *r = fixture("comments.html");
    assert_story_kept(r);
    assert_all(r, "37 Comments", RS_ROLE_BOILERPLATE);
    assert_all(r, "What a lovely piece", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, related_links)
{
    rs_report *r = fixture("related.html");
    assert_story_kept(r);
    assert_all(r, "You May Also Like", RS_ROLE_BOILERPLATE);
    assert_all(r, "Lighthouse opens", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, cookie_notice)
{
    rs_report *r = fixture("cookie.html");
    assert_story_kept(r);
    assert_all(r, "We use cookies", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, newsletter_box)
{
    rs_report *r = fixture("newsletter.html");
    assert_story_kept(r);
    assert_all(r, "Get the morning briefing", RS_ROLE_BOILERPLATE);
    assert_all(r, "Sign up for our newsletter", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(html_cues, repeated_block)
{
    rs_report *r = fixture("repeated.html");
    assert_story_kept(r);
    assert_all(r, "Listen to Coast Weekly Daily", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}
