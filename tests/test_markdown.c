/* The Markdown front-end and front matter: blocks, texts, offsets, sections, metadata. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/frontend.h"
#include "readstat.h"

static void expect_meta(const rs_report *r, const char *key, const char *value);

static rs_report *analyze_md(const char *text, size_t len, unsigned flags)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_MARKDOWN;
    o.flags = flags | RS_OPT_DETAIL;
    rs_report *r = NULL;
    rs_status st = rs_analyze(text, len, &o, &r);
    cr_assert_eq(st, RS_OK, "rs_analyze: %s", rs_strerror(st));
    return r;
}

static rs_report *md(const char *text)
{
    return analyze_md(text, strlen(text), 0);
}

typedef struct expected_block {
    rs_block_kind kind;
    const char *text;
} expected_block;

static void expect_blocks(const char *input, const expected_block *expected, size_t n)
{
    rs_report *r = md(input);
    size_t got = rs_report_block_count(r);
    cr_expect_eq(got, n, "%zu blocks, expected %zu, in:\n%s", got, n, input);
    for (size_t i = 0; i < got && i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        size_t len;
        const char *text = rs_report_block_text(r, i, &len);
        char *copy = strndup(text, len);
        cr_expect_eq(b->kind, expected[i].kind, "block %zu (%s) is a %s", i, copy,
                     rs_block_kind_name(b->kind));
        cr_expect_str_eq(copy, expected[i].text, "block %zu", i);
        free(copy);
    }
    rs_report_free(r);
}

#define BLOCKS(input, ...)                                                                  \
    do {                                                                                    \
        const expected_block exp_[] = {__VA_ARGS__};                                        \
        expect_blocks(input, exp_, sizeof exp_ / sizeof exp_[0]);                           \
    } while (0)

/* The source bytes of block i. */
static char *block_source(const rs_report *r, size_t i)
{
    const rs_block *b = rs_report_block(r, i);
    return strndup(rs_report_text(r, NULL) + b->start, b->end - b->start);
}

/* ------------------------------------------------------------------ */
/* Blocks and their texts                                               */

Test(markdown, headings_atx_and_setext_with_levels)
{
    rs_report *r = md("# One #\n\nTwo\n===\n\n## Three\n\nFour\n----\n\n###### Six\n\n####### seven\n");
    static const struct { const char *text; int level; } want[] = {
        {"One", 1}, {"Two", 1}, {"Three", 2}, {"Four", 2}, {"Six", 6},
    };
    cr_assert_eq(rs_report_block_count(r), 6);
    for (size_t i = 0; i < 5; i++) {
        size_t len;
        const char *text = rs_report_block_text(r, i, &len);
        cr_expect_eq(rs_report_block(r, i)->kind, RS_BLOCK_HEADING, "block %zu", i);
        cr_expect_eq(rs_report_block(r, i)->level, want[i].level, "block %zu", i);
        cr_expect_eq(len, strlen(want[i].text));
        cr_expect_eq(memcmp(text, want[i].text, len), 0, "block %zu", i);
    }
    /* seven '#' is not a heading */
    cr_expect_eq(rs_report_block(r, 5)->kind, RS_BLOCK_PARAGRAPH);
    cr_expect_eq(rs_report_block(r, 5)->level, 0);
    rs_report_free(r);
}

Test(markdown, inline_syntax_is_removed)
{
    BLOCKS("Some **bold**, *em*, _under_, ~~gone~~, `a  code` and [a link](http://x.org \"t\")"
           " and <https://y.org> and ![alt text](i.png) end\\*.\n",
           {RS_BLOCK_PARAGRAPH, "Some bold, em, under, gone, a  code and a link and https://y.org"
                                " and  end*."});
    /* soft break: a space; hard break: a new line */
    BLOCKS("one\ntwo  \nthree\\\nfour\n", {RS_BLOCK_PARAGRAPH, "one two\nthree\nfour"});
    /* a reference link and its definition */
    BLOCKS("See [the docs][d].\n\n[d]: http://x.org\n", {RS_BLOCK_PARAGRAPH, "See the docs."});
}

Test(markdown, entities_are_decoded)
{
    BLOCKS("caf&eacute; &amp; &lt;tag&gt; &#233;&#xE9; &mdash; &copy; &nbsp;x &bogus; &#0;\n",
           {RS_BLOCK_PARAGRAPH, "caf\u00e9 & <tag> \u00e9\u00e9 \u2014 \u00a9 \u00a0x &bogus; \ufffd"});
    /* in headings, cells and raw HTML too */
    BLOCKS("# A &amp; B\n\n| x &lt; y |\n|---|\n| &quot;q&quot; |\n",
           {RS_BLOCK_HEADING, "A & B"}, {RS_BLOCK_TABLE_CELL, "x < y"},
           {RS_BLOCK_TABLE_CELL, "\"q\""});
    /* in code, an entity is what the code says */
    BLOCKS("`&amp;`\n", {RS_BLOCK_PARAGRAPH, "&amp;"});
}

Test(markdown, lists_nested_tight_and_loose)
{
    BLOCKS("- one\n- two\n  - two.a\n  - two.b\n    1. deep\n- three\n",
           {RS_BLOCK_LIST_ITEM, "one"}, {RS_BLOCK_LIST_ITEM, "two"},
           {RS_BLOCK_LIST_ITEM, "two.a"}, {RS_BLOCK_LIST_ITEM, "two.b"},
           {RS_BLOCK_LIST_ITEM, "deep"}, {RS_BLOCK_LIST_ITEM, "three"});
    /* a loose item's paragraphs are each a list-item block */
    BLOCKS("1. first\n\n   more of it\n2. second\n\nAfter.\n",
           {RS_BLOCK_LIST_ITEM, "first"}, {RS_BLOCK_LIST_ITEM, "more of it"},
           {RS_BLOCK_LIST_ITEM, "second"}, {RS_BLOCK_PARAGRAPH, "After."});
    /* task list marks are syntax */
    BLOCKS("- [x] done\n- [ ] to do\n", {RS_BLOCK_LIST_ITEM, "done"},
           {RS_BLOCK_LIST_ITEM, "to do"});
}

Test(markdown, blockquotes_hold_quote_blocks)
{
    BLOCKS("> Quoted *text*\n> goes on.\n>\n> # Quoted heading\n> - quoted item\n\nOwn text.\n",
           {RS_BLOCK_QUOTE, "Quoted text goes on."}, {RS_BLOCK_QUOTE, "Quoted heading"},
           {RS_BLOCK_QUOTE, "quoted item"}, {RS_BLOCK_PARAGRAPH, "Own text."});
    /* a quote inside a list item, and nested quotes */
    BLOCKS("- item\n\n  > inside\n\n> > twice\n",
           {RS_BLOCK_LIST_ITEM, "item"}, {RS_BLOCK_QUOTE, "inside"}, {RS_BLOCK_QUOTE, "twice"});
    /* a quoted heading opens no section */
    rs_report *r = md("# Title\n\n> ## Not a section\n\nText.\n");
    cr_expect_eq(rs_report_section_count(r), 1);
    rs_report_free(r);
}

Test(markdown, code_blocks_keep_their_text)
{
    BLOCKS("```python\ndef f(x):\n    return x\n```\n\n    indented code\n      more\n\nText.\n",
           {RS_BLOCK_CODE, "def f(x):\n    return x"}, {RS_BLOCK_CODE, "indented code\n  more"},
           {RS_BLOCK_PARAGRAPH, "Text."});
}

Test(markdown, tables_give_a_block_per_cell)
{
    BLOCKS("| Name | *Age* |\n|:-----|----:|\n| Ann  | 31 |\n| Bob  |  |\n",
           {RS_BLOCK_TABLE_CELL, "Name"}, {RS_BLOCK_TABLE_CELL, "Age"},
           {RS_BLOCK_TABLE_CELL, "Ann"}, {RS_BLOCK_TABLE_CELL, "31"},
           {RS_BLOCK_TABLE_CELL, "Bob"});
    rs_report *r = md("| a | **b** |\n|---|---|\n");
    char *src = block_source(r, 1);
    cr_expect_str_eq(src, "**b**"); /* a cell's span is its own, not the row's */
    free(src);
    rs_report_free(r);
}

Test(markdown, images_count_and_alt_text_is_not_prose)
{
    rs_report *r = md("![A big red barn](barn.jpg)\n\nText with ![icon](i.png) an icon.\n");
    cr_assert_eq(rs_report_block_count(r), 2);
    const rs_block *b = rs_report_block(r, 0);
    cr_expect_eq(b->kind, RS_BLOCK_IMAGE);
    cr_expect_eq(b->counts.images, 1);
    cr_expect_eq(b->words, 0);
    char *src = block_source(r, 0);
    cr_expect_str_eq(src, "![A big red barn](barn.jpg)");
    free(src);
    b = rs_report_block(r, 1);
    cr_expect_eq(b->kind, RS_BLOCK_PARAGRAPH);
    cr_expect_eq(b->counts.images, 1);
    cr_expect_eq(b->words, 4);
    cr_expect_eq(rs_report_counts(r)->images, 2);
    rs_report_free(r);
}

Test(markdown, an_emphasised_line_under_an_image_is_its_caption)
{
    BLOCKS("![x](a.png)\n*The barn in 1950.*\n\n![y](b.png)\n\n_Photo: J. Doe_\n\n*Not* a caption.\n",
           {RS_BLOCK_CAPTION, "The barn in 1950."}, {RS_BLOCK_IMAGE, ""},
           {RS_BLOCK_CAPTION, "Photo: J. Doe"}, {RS_BLOCK_PARAGRAPH, "Not a caption."});
    rs_report *r = md("![x](a.png)\n*The barn.*\n");
    cr_expect_eq(rs_report_block(r, 0)->role, RS_ROLE_CAPTION);
    cr_expect_eq(rs_report_counts(r)->words, 2); /* captions are main content */
    rs_report_free(r);
    /* emphasis without an image above is just emphasis */
    BLOCKS("Text.\n\n*Just emphasis.*\n", {RS_BLOCK_PARAGRAPH, "Text."},
           {RS_BLOCK_PARAGRAPH, "Just emphasis."});
}

Test(markdown, raw_html_keeps_only_visible_text)
{
    BLOCKS("<div align=\"center\">\n  <p>Hello &amp; <b>wel</b>come</p><p>Next</p>\n</div>\n\n"
           "<!-- a comment\nover lines -->\n\n"
           "<script>\nvar x = \"<p>no</p>\";\n</script>\n\n"
           "Inline <span class=\"k\">html</span> here.<br>New line.\n",
           {RS_BLOCK_PARAGRAPH, "Hello & welcome Next"},
           {RS_BLOCK_PARAGRAPH, "Inline html here.\nNew line."});
    /* an HTML image is counted, like a Markdown one */
    rs_report *r = md("<p align=\"center\"><img src=\"logo.png\" alt=\"Logo\"/></p>\n\nText.\n");
    cr_assert_eq(rs_report_block_count(r), 2);
    cr_expect_eq(rs_report_block(r, 0)->kind, RS_BLOCK_IMAGE);
    cr_expect_eq(rs_report_block(r, 0)->counts.images, 1);
    rs_report_free(r);
    /* a '<' that opens no tag is text */
    BLOCKS("<div>\na < b and c > d\n</div>\n", {RS_BLOCK_PARAGRAPH, "a < b and c > d"});
}

Test(markdown, thematic_breaks_and_blank_blocks_give_nothing)
{
    BLOCKS("One.\n\n---\n\n***\n\n#\n\nTwo.\n", {RS_BLOCK_PARAGRAPH, "One."},
           {RS_BLOCK_PARAGRAPH, "Two."});
    rs_report *r = md("");
    cr_expect_eq(rs_report_block_count(r), 0);
    cr_expect_eq(rs_report_format(r), RS_FORMAT_MARKDOWN);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Sections                                                             */

Test(markdown, headings_build_a_nested_section_tree)
{
    rs_report *r = md("Intro text.\n\n# Alpha\n\nText a.\n\n## Alpha one\n\nText in one.\n\n"
                      "### Deeper\n\nDeep.\n\n## Alpha two\n\nText two.\n\n# Beta\n\nText b.\n\n"
                      "### Beta skipped\n\nSkipped a level.\n");
    /* words count the section's own blocks and its subsections' */
    static const struct { int level; size_t parent; const char *heading; uint64_t words; } want[] = {
        {0, RS_NONE, NULL, 2},
        {1, RS_NONE, "Alpha", 14},
        {2, 1, "Alpha one", 7},
        {3, 2, "Deeper", 2},
        {2, 1, "Alpha two", 4},
        {1, RS_NONE, "Beta", 8},
        {3, 5, "Beta skipped", 5},
    };
    size_t n = sizeof want / sizeof want[0];
    cr_assert_eq(rs_report_section_count(r), n);
    for (size_t i = 0; i < n; i++) {
        const rs_section *s = rs_report_section(r, i);
        cr_expect_eq(s->level, want[i].level, "section %zu level %d", i, s->level);
        cr_expect_eq(s->parent, want[i].parent, "section %zu parent %zu", i, s->parent);
        if (want[i].heading) {
            cr_assert_neq(s->heading_block, RS_NONE);
            size_t len;
            const char *text = rs_report_block_text(r, s->heading_block, &len);
            cr_expect_eq(len, strlen(want[i].heading), "section %zu", i);
            cr_expect_eq(memcmp(text, want[i].heading, len), 0, "section %zu", i);
        } else {
            cr_expect_eq(s->heading_block, RS_NONE);
        }
        cr_expect_eq(s->counts.words, want[i].words, "section %zu: %llu words", i,
                     (unsigned long long)s->counts.words);
    }
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Offsets                                                              */

/* Every word's source is the word itself, unless entities were decoded in it. */
Test(markdown, word_offsets_point_at_the_words_in_the_input)
{
    const char *input = "# The *quick* title\n\n> Some **bold**, `code`, and [link text](http://x.org).\n\n"
                        "- item _one_\n\n| cell a | cell **b** |\n|---|---|\n\n<p>raw <b>html</b></p>\n";
    rs_report *r = md(input);
    size_t n = rs_report_word_count(r);
    cr_assert_eq(n, 17);
    for (size_t i = 0; i < n; i++) {
        const rs_word *w = rs_report_word(r, i);
        size_t len;
        const char *text = rs_report_word_text(r, i, &len);
        cr_expect_eq(w->start < strlen(input) && memcmp(input + w->start, text, len), 0,
                     "word %zu (%.*s) starts at %zu: %.12s", i, (int)len, text, w->start,
                     input + w->start);
        cr_expect_eq(w->end - w->start, len, "word %zu (%.*s) ends at %zu: source \"%.*s\"", i,
                     (int)len, text, w->end, (int)(w->end - w->start), input + w->start);
    }
    /* sentences start at their first word and end after their last */
    cr_assert_geq(rs_report_sentence_count(r), 2);
    const rs_sentence *s = rs_report_sentence(r, 1);
    char *sentence = strndup(input + s->start, s->end - s->start);
    cr_expect_str_eq(sentence, "Some **bold**, `code`, and [link text](http://x.org).");
    free(sentence);
    rs_report_free(r);
}

Test(markdown, word_offsets_span_entities)
{
    const char *input = "A caf&eacute; &amp; na&iuml;ve cr&egrave;me.\n";
    rs_report *r = md(input);
    static const char *const src[] = {"A", "caf&eacute;", "na&iuml;ve", "cr&egrave;me"};
    cr_assert_eq(rs_report_word_count(r), 4);
    for (size_t i = 0; i < 4; i++) {
        const rs_word *w = rs_report_word(r, i);
        char *got = strndup(input + w->start, w->end - w->start);
        cr_expect_str_eq(got, src[i], "word %zu", i);
        free(got);
    }
    rs_report_free(r);
}

Test(markdown, block_spans_cover_their_lines)
{
    const char *input = "## Heading ##\n\n1. An *item*\n   continued\n\n> quote [x](y)\n";
    rs_report *r = md(input);
    static const char *const want[] = {"## Heading ##", "1. An *item*\n   continued", "> quote [x](y)"};
    cr_assert_eq(rs_report_block_count(r), 3);
    for (size_t i = 0; i < 3; i++) {
        char *src = block_source(r, i);
        cr_expect_str_eq(src, want[i], "block %zu", i);
        free(src);
    }
    rs_report_free(r);
}

Test(markdown, reference_links_and_images_keep_spans_local)
{
    const char *input = "See [the docs][d] and ![][logo].\n\n![logo][logo]\n\n[d]: http://x.org\n"
                        "[logo]: logo.png\n";
    rs_report *r = md(input);
    cr_assert_eq(rs_report_block_count(r), 2);
    char *src = block_source(r, 0);
    cr_expect_str_eq(src, "See [the docs][d] and ![][logo].");
    free(src);
    src = block_source(r, 1);
    cr_expect_str_eq(src, "![logo][logo]");
    free(src);
    cr_expect_eq(rs_report_block(r, 1)->kind, RS_BLOCK_IMAGE);
    rs_report_free(r);
}

Test(markdown, crlf_line_ends)
{
    rs_report *r = md("---\r\ntitle: Crlf\r\ntags:\r\n  - a\r\n---\r\n# Crlf\r\n\r\nLine one\r\nline two.\r\n");
    expect_meta(r, "title", "Crlf");
    expect_meta(r, "tags", "a");
    cr_assert_eq(rs_report_block_count(r), 2);
    size_t len;
    const char *text = rs_report_block_text(r, 1, &len);
    cr_expect(len == 18 && memcmp(text, "Line one line two.", 18) == 0, "%.*s", (int)len, text);
    char *src = block_source(r, 1);
    cr_expect_str_eq(src, "Line one\r\nline two.");
    free(src);
    rs_report_free(r);
    r = md("+++\r\ntitle = \"T\"\r\ntags = [\"a\",\r\n \"b\"]\r\n+++\r\nBody.\r\n");
    expect_meta(r, "title", "T");
    expect_meta(r, "tags", "a, b");
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Front matter                                                         */

static void expect_meta(const rs_report *r, const char *key, const char *value)
{
    const char *got = rs_report_meta(r, key);
    if (!value) {
        cr_expect_null(got, "meta %s = \"%s\", expected none", key, got ? got : "");
        return;
    }
    cr_expect_not_null(got, "meta %s missing", key);
    if (got)
        cr_expect_str_eq(got, value, "meta %s", key);
}

Test(frontmatter, yaml_values_become_metadata)
{
    const char *input = "\xEF\xBB\xBF---\n"
                        "title: \"A Day &amp; a Night\"\n"
                        "author:\n  name: Jane Doe\n  url: https://jane.example\n"
                        "tags: [one, two, three]\n"
                        "categories:\n  - news\n  - local\n"
                        "publishDate: 2024-03-01T10:00:00Z\n"
                        "summary: >\n  A folded\n  summary.\n"
                        "lang: en-GB\n"
                        "draft: false\n"
                        "count: 12\n"
                        "nothing: ~\n"
                        "sources:\n  - name: A\n  - name: B\n"
                        "? [complex, key]\n: skipped\n"
                        "---\n"
                        "Body text.\n";
    rs_report *r = md(input);
    expect_meta(r, "title", "A Day &amp; a Night"); /* YAML is not HTML: no entities */
    expect_meta(r, "byline", "Jane Doe");
    expect_meta(r, "author.name", "Jane Doe");
    expect_meta(r, "author.url", "https://jane.example");
    expect_meta(r, "tags", "one, two, three");
    expect_meta(r, "categories", "news, local");
    expect_meta(r, "date", "2024-03-01T10:00:00Z");
    expect_meta(r, "publishDate", "2024-03-01T10:00:00Z");
    expect_meta(r, "description", "A folded summary.");
    expect_meta(r, "language", "en-GB");
    expect_meta(r, "draft", "false");
    expect_meta(r, "count", "12");
    expect_meta(r, "nothing", NULL);
    expect_meta(r, "sources.name", "A, B");
    expect_meta(r, "front_matter_error", NULL);
    /* the front matter is not text */
    cr_assert_eq(rs_report_block_count(r), 1);
    cr_expect_eq(rs_report_counts(r)->words, 2);
    rs_report_free(r);
}

Test(frontmatter, usual_keys_and_priorities)
{
    rs_report *r = md("---\nauthors:\n  - Ann\n  - Bo\ndate: 2020-01-01\npublished: 2021-01-01\n"
                      "description: Desc.\nsummary: Sum.\nlanguage: fr\n---\n");
    expect_meta(r, "byline", "Ann, Bo");
    expect_meta(r, "date", "2020-01-01");
    expect_meta(r, "published", "2021-01-01");
    expect_meta(r, "description", "Desc.");
    expect_meta(r, "language", "fr");
    rs_report_free(r);
    /* what the caller set wins over the document */
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_MARKDOWN;
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    cr_assert_eq(rs_analyzer_set_meta(a, "title", "From the CMS"), RS_OK);
    const char *doc = "---\ntitle: From the file\n---\n# From the file\n";
    cr_assert_eq(rs_analyzer_feed(a, doc, strlen(doc)), RS_OK);
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    rs_analyzer_free(a);
    expect_meta(r, "title", "From the CMS");
    rs_report_free(r);
}

Test(frontmatter, toml_values_become_metadata)
{
    const char *input = "+++\n"
                        "title = \"Hugo \\\"Post\\\" \\u00e9\"  # a comment\n"
                        "date = 2024-03-01T10:00:00Z\n"
                        "draft = true\n"
                        "weight = 1_000\n"
                        "ratio = 0.5\n"
                        "day = 1979-05-27\n"
                        "when = 1979-05-27 07:32:00\n"
                        "path = 'C:\\raw'\n"
                        "tags = [\"x\", 'y',\n  \"z\", # the last\n]\n"
                        "site.name = \"Dotted\"\n"
                        "\"quoted key\" = \"q\"\n"
                        "owner = { name = \"Inline\", id = 7 }\n"
                        "description = \"\"\"\nline one \\\n   joined\"\"\"\n"
                        "[author]\n"
                        "name = \"Bob\"\n"
                        "[[links]]\nurl = \"http://a\"\n[[links]]\nurl = \"http://b\"\n"
                        "+++\n"
                        "# Hugo \"Post\" \xc3\xa9\n";
    rs_report *r = md(input);
    expect_meta(r, "front_matter_error", NULL);
    expect_meta(r, "title", "Hugo \"Post\" \u00e9");
    expect_meta(r, "date", "2024-03-01T10:00:00Z");
    expect_meta(r, "draft", "true");
    expect_meta(r, "weight", "1_000");
    expect_meta(r, "ratio", "0.5");
    expect_meta(r, "day", "1979-05-27");
    expect_meta(r, "when", "1979-05-27 07:32:00");
    expect_meta(r, "path", "C:\\raw");
    expect_meta(r, "tags", "x, y, z");
    expect_meta(r, "site.name", "Dotted");
    expect_meta(r, "quoted key", "q");
    expect_meta(r, "owner.name", "Inline");
    expect_meta(r, "owner.id", "7");
    expect_meta(r, "description", "line one joined");
    expect_meta(r, "author.name", "Bob");
    expect_meta(r, "byline", "Bob");
    expect_meta(r, "links.url", "http://a, http://b");
    /* the heading repeats the front matter's title: it is the title */
    cr_assert_eq(rs_report_block_count(r), 1);
    cr_expect_eq(rs_report_block(r, 0)->role, RS_ROLE_TITLE);
    rs_report_free(r);
}

Test(frontmatter, invalid_toml_is_reported_and_skipped)
{
    static const char *const docs[][2] = {
        {"+++\ntitle = unquoted words\n+++\nBody.\n", "expected a value (strings need quotes) at line 2"},
        {"+++\ntitle = \"open\n+++\nBody.\n", "unterminated string at line 2"},
        {"+++\na = 1\n[table\n+++\nBody.\n", "expected ']' closing a table header at line 3"},
        {"+++\nx = [1, 2\ny = 3\n+++\nBody.\n", "expected ',' or ']' in an array at line 3"},
        {"+++\ns = \"bad \\q\"\n+++\nBody.\n", "invalid escape in a string at line 2"},
        {"+++\nk = 1 2\n+++\nBody.\n", "expected the end of the line at line 2"},
        {"+++\n\"\" = \"empty key\"\nx.\"\" = 1\ny = {}\nz = [\n+++\nBody.\n", "expected a value at line 6"},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        rs_report *r = md(docs[i][0]);
        expect_meta(r, "front_matter_error", docs[i][1]);
        expect_meta(r, "title", NULL);
        cr_expect_eq(rs_report_counts(r)->words, 1, "doc %zu", i);
        rs_report_free(r);
    }
}

Test(frontmatter, invalid_yaml_is_reported_and_skipped)
{
    rs_report *r = md("---\ntitle: ok\ntags: [unclosed\nauthor: x\n---\n# Heading\n\nBody text.\n");
    expect_meta(r, "front_matter_error",
                "while parsing a flow sequence, did not find expected ',' or ']' at line 4, column 7");
    expect_meta(r, "title", "Heading"); /* from the heading; nothing from the broken block */
    expect_meta(r, "tags", NULL);
    cr_expect_eq(rs_report_counts(r)->words, 2);
    rs_report_free(r);
    /* a tab where YAML wants spaces; invalid UTF-8 */
    r = md("---\na:\n\tb: 1\n---\nBody.\n");
    cr_expect_not_null(rs_report_meta(r, "front_matter_error"));
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);
    r = md("---\na: \xff\xfe\n---\nBody.\n");
    cr_expect_not_null(rs_report_meta(r, "front_matter_error"));
    rs_report_free(r);
}

Test(frontmatter, without_a_closing_fence_there_is_none)
{
    /* "---" is then a thematic break, and the rest is Markdown */
    BLOCKS("---\ntitle: no end\n\nText.\n", {RS_BLOCK_PARAGRAPH, "title: no end"},
           {RS_BLOCK_PARAGRAPH, "Text."});
    /* not at the very start: no front matter either */
    rs_report *r = md("\n---\ntitle: late\n---\nText.\n");
    expect_meta(r, "title", NULL);
    rs_report_free(r);
    /* closed by YAML's "..." and empty front matter */
    r = md("---\ntitle: dots\n...\nText.\n");
    expect_meta(r, "title", "dots");
    rs_report_free(r);
    /* a line of text between two breaks is not metadata: a break and a heading */
    BLOCKS("---\nJust a line of text.\n---\n\nMore.\n", {RS_BLOCK_HEADING, "Just a line of text."},
           {RS_BLOCK_PARAGRAPH, "More."});
    r = md("---\n---\nText.\n");
    cr_expect_eq(rs_report_meta_count(r), 0);
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);
}

/* Builds a YAML "billion laughs": ten levels, each ten aliases of the one before. */
static char *alias_bomb(void)
{
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    len += (size_t)snprintf(s + len, cap - len, "---\nl0: &l0 \"lol\"\n");
    for (int level = 1; level < 10; level++) {
        len += (size_t)snprintf(s + len, cap - len, "l%d: &l%d [", level, level);
        for (int k = 0; k < 10; k++)
            len += (size_t)snprintf(s + len, cap - len, "%s*l%d", k ? ", " : "", level - 1);
        len += (size_t)snprintf(s + len, cap - len, "]\n");
    }
    snprintf(s + len, cap - len, "title: Safe\n---\nBody.\n");
    return s;
}

Test(frontmatter, an_alias_bomb_is_not_expanded, .timeout = 10)
{
    char *input = alias_bomb();
    rs_report *r = md(input);
    expect_meta(r, "front_matter_error", NULL);
    expect_meta(r, "title", "Safe");
    expect_meta(r, "l0", "lol");
    /* an alias stands for its anchor's scalar once; aliases of sequences for nothing */
    expect_meta(r, "l1", "lol");
    expect_meta(r, "l2", NULL);
    size_t bytes = 0;
    for (size_t i = 0; i < rs_report_meta_count(r); i++) {
        const char *k, *v;
        rs_report_meta_at(r, i, &k, &v);
        bytes += strlen(k) + strlen(v);
    }
    cr_expect_lt(bytes, strlen(input));
    rs_report_free(r);
    free(input);
}

Test(frontmatter, huge_or_deep_front_matter_is_bounded, .timeout = 20)
{
    /* over 1 MiB: skipped unread */
    size_t n = (1u << 20) + 100;
    char *input = malloc(n + 64);
    cr_assert_not_null(input);
    size_t len = (size_t)sprintf(input, "---\ntitle: big\nx: \"");
    memset(input + len, 'a', n);
    len += n;
    len += (size_t)sprintf(input + len, "\"\n---\nBody.\n");
    rs_report *r = analyze_md(input, len, 0);
    expect_meta(r, "front_matter_error", "front matter larger than 1048576 bytes: skipped");
    expect_meta(r, "title", NULL);
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);
    /* 100,000 nested flow mappings: read, but nothing past the depth bound is kept */
    size_t depth = 100000;
    len = (size_t)sprintf(input, "---\n");
    for (size_t i = 0; i < depth; i++)
        input[len++] = '{', input[len++] = 'a', input[len++] = ':', input[len++] = ' ';
    input[len++] = 'x';
    memset(input + len, '}', depth);
    len += depth;
    len += (size_t)sprintf(input + len, "\n---\nBody.\n");
    r = analyze_md(input, len, 0);
    for (size_t i = 0; i < rs_report_meta_count(r); i++) {
        const char *k, *v;
        rs_report_meta_at(r, i, &k, &v);
        cr_expect_leq(strlen(k), 256, "a key of %zu bytes", strlen(k));
    }
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);
    free(input);
}

Test(frontmatter, toml_nesting_is_bounded, .timeout = 10)
{
    size_t depth = 100000;
    char *input = malloc(2 * depth + 64);
    cr_assert_not_null(input);
    size_t len = (size_t)sprintf(input, "+++\nx = ");
    memset(input + len, '[', depth);
    len += depth;
    memset(input + len, ']', depth);
    len += depth;
    len += (size_t)sprintf(input + len, "\n+++\nBody.\n");
    rs_report *r = analyze_md(input, len, 0);
    expect_meta(r, "front_matter_error", "arrays or tables nested too deep at line 2");
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);
    free(input);
}

/* ------------------------------------------------------------------ */
/* Hostile Markdown                                                     */

static void nesting_bomb(const char *unit, size_t times, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *input = malloc(ul * times + tl + 1);
    cr_assert_not_null(input);
    for (size_t i = 0; i < times; i++)
        memcpy(input + i * ul, unit, ul);
    memcpy(input + ul * times, tail, tl + 1);
    rs_report *r = analyze_md(input, ul * times + tl, 0);
    cr_expect_geq(rs_report_counts(r)->words + rs_report_block_count(r), 1, "%s", unit);
    rs_report_free(r);
    free(input);
}

Test(markdown, nesting_bombs_finish, .timeout = 30)
{
    nesting_bomb(">", 100000, " deep quote\n");
    nesting_bomb("- ", 100000, "deep item\n");
    nesting_bomb("[", 100000, "x\n");
    nesting_bomb("![", 100000, "x\n");
    nesting_bomb("*a ", 100000, "x\n");
    nesting_bomb("<div>", 100000, "x\n");
    nesting_bomb("[a](", 100000, "x\n");
    nesting_bomb("&#", 100000, "x\n");
    nesting_bomb("| a ", 100000, "|\n|---|\n");
}

/* ------------------------------------------------------------------ */
/* Streaming and allocation failure                                     */

Test(markdown, chunking_does_not_change_the_report)
{
    const char *input = "---\ntitle: T\n---\n# Head &amp; more\n\nA *b* c.\n\n- x\n- y\n";
    rs_report *whole = md(input);
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_MARKDOWN;
    o.flags = RS_OPT_DETAIL;
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    for (size_t i = 0; input[i]; i++)
        cr_assert_eq(rs_analyzer_feed(a, input + i, 1), RS_OK);
    rs_report *bytes;
    cr_assert_eq(rs_analyzer_finish(a, &bytes), RS_OK);
    rs_analyzer_free(a);
    cr_assert_eq(rs_report_block_count(bytes), rs_report_block_count(whole));
    for (size_t i = 0; i < rs_report_block_count(whole); i++) {
        size_t l1, l2;
        const char *t1 = rs_report_block_text(whole, i, &l1), *t2 = rs_report_block_text(bytes, i, &l2);
        cr_expect(l1 == l2 && memcmp(t1, t2, l1) == 0, "block %zu", i);
        cr_expect_eq(rs_report_block(whole, i)->start, rs_report_block(bytes, i)->start);
    }
    cr_expect_str_eq(rs_report_meta(bytes, "title"), "T");
    rs_report_free(whole);
    rs_report_free(bytes);
}

typedef struct failing_alloc {
    size_t left; /* allocations that still succeed */
} failing_alloc;

static void *fail_after(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    (void)old_size;
    failing_alloc *f = ud;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    if (f->left == 0)
        return NULL;
    f->left--;
    return realloc(ptr, new_size);
}

Test(markdown, allocation_failures_are_reported_cleanly)
{
    const char *input = "---\ntitle: T\ntags: [a, b]\n---\n# Head\n\nA *b* &amp; [c](d).\n\n"
                        "| x | y |\n|---|---|\n\n<p>html</p>\n";
    rs_status st = RS_ERR_NOMEM;
    size_t budget = 0;
    for (; st == RS_ERR_NOMEM && budget < 10000; budget++) {
        failing_alloc f = {budget};
        rs_allocator alloc = {fail_after, &f};
        rs_options o;
        rs_options_init(&o);
        o.format = RS_FORMAT_MARKDOWN;
        o.allocator = &alloc;
        rs_report *r = NULL;
        st = rs_analyze(input, strlen(input), &o, &r);
        cr_expect(st == RS_OK || st == RS_ERR_NOMEM, "budget %zu: %s", budget, rs_strerror(st));
        cr_expect_eq(r != NULL, st == RS_OK);
        rs_report_free(r);
    }
    cr_expect_eq(st, RS_OK, "never succeeded");
    cr_expect_gt(budget, 5); /* it did fail along the way */
}

/* ------------------------------------------------------------------ */
/* A whole article, worked out by hand                                  */

static char *read_fixture(const char *name, size_t *len)
{
    /* fixtures sit next to this file, wherever the build runs it from */
    char path[4096];
    const char *file = __FILE__;
    const char *slash = strrchr(file, '/');
    int dir = slash ? (int)(slash - file) : 1;
    snprintf(path, sizeof path, "%.*s/fixtures/markdown/%s", dir, slash ? file : ".", name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    char *buf = malloc(1 << 16);
    cr_assert_not_null(buf);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

Test(markdown, a_known_article_comes_out_exactly)
{
    size_t len;
    char *input = read_fixture("article.md", &len);
    rs_report *r = analyze_md(input, len, 0);

    expect_meta(r, "title", "Tending a Small Orchard");
    expect_meta(r, "byline", "Mara Quill");
    expect_meta(r, "date", "2024-05-14");
    expect_meta(r, "tags", "gardening, fruit");
    expect_meta(r, "description", "How a beginner can keep a few fruit trees healthy.");

    static const struct { rs_block_kind kind; rs_role role; int level; uint64_t words; } want[] = {
        {RS_BLOCK_HEADING, RS_ROLE_TITLE, 1, 4},         /* Tending a Small Orchard */
        {RS_BLOCK_PARAGRAPH, RS_ROLE_CONTENT, 0, 25},
        {RS_BLOCK_HEADING, RS_ROLE_CONTENT, 2, 2},       /* Choosing trees */
        {RS_BLOCK_PARAGRAPH, RS_ROLE_CONTENT, 0, 14},
        {RS_BLOCK_HEADING, RS_ROLE_CONTENT, 3, 1},       /* Apples */
        {RS_BLOCK_PARAGRAPH, RS_ROLE_CONTENT, 0, 9},
        {RS_BLOCK_HEADING, RS_ROLE_CONTENT, 3, 1},       /* Pears */
        {RS_BLOCK_PARAGRAPH, RS_ROLE_CONTENT, 0, 10},
        {RS_BLOCK_HEADING, RS_ROLE_CONTENT, 2, 1},       /* Pruning */
        {RS_BLOCK_PARAGRAPH, RS_ROLE_CONTENT, 0, 9},
        {RS_BLOCK_LIST_ITEM, RS_ROLE_CONTENT, 0, 5},
        {RS_BLOCK_LIST_ITEM, RS_ROLE_CONTENT, 0, 5},
        {RS_BLOCK_QUOTE, RS_ROLE_CONTENT, 0, 6},
        {RS_BLOCK_CAPTION, RS_ROLE_CAPTION, 0, 7},       /* with its image */
        {RS_BLOCK_HEADING, RS_ROLE_CONTENT, 2, 1},       /* Records */
        {RS_BLOCK_TABLE_CELL, RS_ROLE_CONTENT, 0, 1},
        {RS_BLOCK_TABLE_CELL, RS_ROLE_CONTENT, 0, 1},
        {RS_BLOCK_TABLE_CELL, RS_ROLE_CONTENT, 0, 1},
        {RS_BLOCK_TABLE_CELL, RS_ROLE_CONTENT, 0, 1},    /* 2019 */
        {RS_BLOCK_CODE, RS_ROLE_CONTENT, 0, 3},          /* log --tree apple */
    };
    size_t n = sizeof want / sizeof want[0];
    cr_assert_eq(rs_report_block_count(r), n);
    for (size_t i = 0; i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        cr_expect_eq(b->kind, want[i].kind, "block %zu kind %s", i, rs_block_kind_name(b->kind));
        cr_expect_eq(b->role, want[i].role, "block %zu role %s", i, rs_role_name(b->role));
        cr_expect_eq(b->level, want[i].level, "block %zu", i);
        cr_expect_eq(b->words, want[i].words, "block %zu: %llu words", i,
                     (unsigned long long)b->words);
    }
    cr_expect_eq(rs_report_block(r, 13)->counts.images, 1);

    /* sections: the title's, two of its subsections with their own */
    static const struct { int level; size_t parent; size_t heading; uint64_t words; } sections[] = {
        {1, RS_NONE, 0, 100}, {2, 0, 2, 37}, {3, 1, 4, 10}, {3, 1, 6, 11}, {2, 0, 8, 33},
        {2, 0, 14, 5},
    };
    cr_assert_eq(rs_report_section_count(r), 6);
    for (size_t i = 0; i < 6; i++) {
        const rs_section *s = rs_report_section(r, i);
        cr_expect_eq(s->level, sections[i].level, "section %zu", i);
        cr_expect_eq(s->parent, sections[i].parent, "section %zu", i);
        cr_expect_eq(s->heading_block, sections[i].heading, "section %zu", i);
        cr_expect_eq(s->counts.words, sections[i].words, "section %zu: %llu words", i,
                     (unsigned long long)s->counts.words);
        cr_expect(!s->boilerplate, "section %zu", i);
    }

    /* main figures: everything but the title and the code */
    const rs_counts *c = rs_report_counts(r);
    cr_expect_eq(c->words, 100);
    cr_expect_eq(c->sentences, 20);
    cr_expect_eq(c->paragraphs, 5);
    cr_expect_eq(c->images, 1);
    /* 100 words at 238 a minute, plus 12 s for the image */
    cr_expect_eq(rs_report_reading_time(r)->seconds, 37);
    /* the page: the title's 4 words and the code's 3 as well */
    cr_expect_eq(rs_report_page_counts(r)->words, 107);
    rs_report_free(r);
    free(input);
}

/* ------------------------------------------------------------------ */
/* The front-end's evidence, seen directly                              */

typedef struct captured {
    rs__block_in blocks[16];
    char texts[16][128];
    size_t n;
} captured;

static rs_status capture_block(void *ud, const rs__block_in *b)
{
    captured *c = ud;
    if (c->n < 16) {
        c->blocks[c->n] = *b;
        snprintf(c->texts[c->n], sizeof c->texts[c->n], "%.*s", (int)b->text_len, b->text);
        c->blocks[c->n].map_text = c->blocks[c->n].map_src = NULL;
        c->n++;
    }
    return RS_OK;
}

static rs_status ignore_meta(void *ud, const char *key, const char *value, size_t len)
{
    (void)ud, (void)key, (void)value, (void)len;
    return RS_OK;
}

static captured *run_frontend(const char *input)
{
    static captured c;
    memset(&c, 0, sizeof c);
    rs_allocator alloc = {fail_after, &(failing_alloc){SIZE_MAX}};
    const rs__frontend_ops *ops = &rs__markdown_ops;
    void *state = calloc(1, ops->state_size);
    rs__frontend_sink sink = {capture_block, ignore_meta, &c};
    cr_assert_eq(ops->init(state, &alloc, 0), RS_OK);
    cr_assert_eq(ops->feed(state, input, 0, strlen(input), true, &sink), RS_OK);
    ops->release(state);
    free(state);
    return &c;
}

Test(markdown, evidence_links_lists_tables_figures)
{
    captured *c = run_frontend("Read [the whole story](http://x.org).\n\n[Only a link](http://y.org)\n\n"
                               "- item\n\n| cell |\n|---|\n\n![img](a.png)\n*Its caption.*\n");
    cr_assert_eq(c->n, 5);
    cr_expect_eq(c->blocks[0].link_bytes, strlen("the whole story"));
    cr_expect_eq(c->blocks[0].hints & RS_HINT_LINK_BLOCK, 0);
    cr_expect_eq(c->blocks[1].link_bytes, strlen("Only a link"));
    cr_expect_neq(c->blocks[1].hints & RS_HINT_LINK_BLOCK, 0);
    cr_expect_neq(c->blocks[2].hints & RS_HINT_LIST, 0);
    cr_expect_neq(c->blocks[3].hints & RS_HINT_TABLE, 0);
    cr_expect_eq(c->blocks[4].kind, RS_BLOCK_CAPTION);
    cr_expect_neq(c->blocks[4].hints & RS_HINT_CAPTION, 0);
    cr_expect_eq(c->blocks[4].images, 1);
    cr_expect_str_eq(c->texts[4], "Its caption.");
}

/* Bare autolinks count as links whichever kinds a document holds, wherever they sit. */
Test(markdown, evidence_bare_autolinks)
{
    captured *c = run_frontend("See www.example.com today.\n\nMail me@example.org now.\n\n"
                               "Go to https://example.net/a now.\n");
    cr_assert_eq(c->n, 3);
    cr_expect_eq(c->blocks[0].link_bytes, strlen("www.example.com"));
    cr_expect_eq(c->blocks[1].link_bytes, strlen("me@example.org"));
    cr_expect_eq(c->blocks[2].link_bytes, strlen("https://example.net/a"));

    c = run_frontend("Only www.example.com here.\n");
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->blocks[0].link_bytes, strlen("www.example.com"));

    c = run_frontend("Only ftp://example.com/x here\n");
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->blocks[0].link_bytes, strlen("ftp://example.com/x"));

    c = run_frontend("No link at all. Not even www or a: colon.\n");
    cr_assert_eq(c->n, 1);
    cr_expect_eq(c->blocks[0].link_bytes, 0);

    /* a "www." at every position around the 64-byte steps of the search */
    char input[256];
    for (size_t lead = 0; lead < 140; lead++) {
        memset(input, 'a', lead);
        snprintf(input + lead, sizeof input - lead, " www.example.com end\n");
        c = run_frontend(input);
        cr_assert_eq(c->n, 1);
        cr_expect_eq(c->blocks[0].link_bytes, strlen("www.example.com"), "after %zu bytes", lead);
    }
}

/* A block that is its own source span, byte for byte, is handed over as the input itself. */
Test(markdown, evidence_text_in_place)
{
    const char *input = "# Title\n\nOne plain line of prose.\n\nTwo *runs* here.\n\n"
                        "Wrapped over\ntwo lines.\n";
    captured *c = run_frontend(input);
    cr_assert_eq(c->n, 4);
    /* the heading's text leaves out the '#': it needs its map */
    cr_expect_str_eq(c->texts[0], "Title");
    cr_expect_eq(c->blocks[0].map_len, 1);
    cr_expect_str_eq(c->texts[1], "One plain line of prose.");
    cr_expect_eq(c->blocks[1].map_len, 0);
    cr_expect_eq(c->blocks[1].text, input + c->blocks[1].start);
    cr_expect_eq(c->blocks[1].end - c->blocks[1].start, c->blocks[1].text_len);
    cr_expect_str_eq(c->texts[2], "Two runs here.");
    cr_expect_gt(c->blocks[2].map_len, 1);
    cr_expect_neq(c->blocks[2].text, input + c->blocks[2].start);
    cr_expect_str_eq(c->texts[3], "Wrapped over two lines.");
    /* the line break became a space, byte for byte: a copy, which one entry
       maps whole */
    cr_expect_eq(c->blocks[3].map_len, 1);
    cr_expect_neq(c->blocks[3].text, input + c->blocks[3].start);
}

/*
 * A fenced code block of a million lines is one block of a million
 * sentences, its text mapped to the source line by line.  Each sentence's
 * start is looked up after its words (measure.c, map_offset): a search
 * from the block's first line each time made this quadratic, minutes for
 * 5 MB (meson's timeout for this suite is 300 s).
 */
Test(markdown, a_long_code_block_maps_every_sentence_to_its_line)
{
    enum { LINES = 1000000, LINE = 5 }; /* "code\n" */
    size_t len = 4 + (size_t)LINES * LINE + 4;
    char *text = malloc(len + 1);
    cr_assert_not_null(text);
    memcpy(text, "```\n", 4);
    for (size_t k = 0; k < LINES; k++)
        memcpy(text + 4 + k * LINE, "code\n", LINE);
    memcpy(text + len - 4, "```\n", 5);
    rs_report *r = analyze_md(text, len, 0);
    cr_assert_eq(rs_report_sentence_count(r), LINES);
    static const size_t lines[] = {0, 1, LINES / 2, LINES - 2, LINES - 1};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        const rs_sentence *s = rs_report_sentence(r, lines[i]);
        cr_expect_eq(s->start, 4 + lines[i] * LINE, "line %zu starts at %zu", lines[i], s->start);
        cr_expect_eq(s->end, 4 + lines[i] * LINE + 4, "line %zu ends at %zu", lines[i], s->end);
        cr_expect_eq(s->words, 1);
    }
    rs_report_free(r);
    free(text);
}

/* n copies of unit, after head; *len is the length. */
static char *repeat_after(char *text, size_t *len, const char *unit, size_t n)
{
    size_t unit_len = strlen(unit);
    for (size_t k = 0; k < n; k++, *len += unit_len)
        memcpy(text + *len, unit, unit_len);
    return text;
}

/* Whether block i's text is its source with each "\n> " or "\n" a space (the first "> " gone). */
static bool text_is_source_joined(const rs_report *r, size_t i, const char *input)
{
    const rs_block *b = rs_report_block(r, i);
    size_t len;
    const char *text = rs_report_block_text(r, i, &len);
    size_t s = b->start + (input[b->start] == '>' ? 2 : 0), t = 0;
    while (s < b->end && t < len) {
        if (input[s] == '\n') {
            s += input[s + 1] == '>' ? 3 : 1;
            if (text[t++] != ' ')
                return false;
        } else if (input[s++] != text[t++]) {
            return false;
        }
    }
    return s == b->end && t == len;
}

/*
 * md4c 0.4.8 takes a paragraph's lines times its labels ("[a]", which may
 * be a reference) to read it: 1 MB of "[a] fox" lines took 5.5 s whole,
 * and this document, 4 MiB of them, about 90 s.  Such a paragraph is read
 * in pieces of a few hundred lines, and the pieces' blocks are joined
 * again: one block each, its text and every word's offsets those of the
 * whole parse.  (The timeout is the test: the figures were right before.)
 */
Test(markdown, paragraphs_of_labels_are_read_in_pieces_as_one_block, .timeout = 60)
{
    enum { LABELS = 1 << 19, QUOTED = 30000 };
    char *input = malloc((size_t)LABELS * 8 + (size_t)QUOTED * 10 + 256);
    cr_assert_not_null(input);
    size_t len = 0;
    repeat_after(input, &len, "# Dense labels\n\nBefore them, one line.\n\n", 1);
    size_t dense_start = len;
    repeat_after(input, &len, "[a] fox\n", LABELS);
    size_t dense_end = len - 1;
    repeat_after(input, &len, "\n", 1);
    size_t quote_start = len;
    repeat_after(input, &len, "> [b] owl\n", QUOTED);
    size_t quote_end = len - 1;
    repeat_after(input, &len, "\nAfter &amp; them.\n", 1);
    rs_report *r = analyze_md(input, len, 0);
    cr_assert_eq(rs_report_block_count(r), 5);
    static const rs_block_kind kinds[] = {RS_BLOCK_HEADING, RS_BLOCK_PARAGRAPH,
                                          RS_BLOCK_PARAGRAPH, RS_BLOCK_QUOTE, RS_BLOCK_PARAGRAPH};
    for (size_t i = 0; i < 5; i++)
        cr_expect_eq(rs_report_block(r, i)->kind, kinds[i], "block %zu", i);
    const rs_block *dense = rs_report_block(r, 2), *quote = rs_report_block(r, 3);
    cr_expect_eq(dense->start, dense_start);
    cr_expect_eq(dense->end, dense_end);
    cr_expect(text_is_source_joined(r, 2, input));
    cr_expect_eq(quote->start, quote_start);
    cr_expect_eq(quote->end, quote_end);
    cr_expect(text_is_source_joined(r, 3, input));
    size_t last_len;
    const char *last = rs_report_block_text(r, 4, &last_len);
    cr_expect_eq(last_len, 13);
    cr_expect_eq(memcmp(last, "After & them.", 13), 0);
    const rs_counts *c = rs_report_counts(r);
    uint64_t words = 4 + 2 * (uint64_t)LABELS + 2 * (uint64_t)QUOTED + 2;
    cr_expect_eq(c->words, words, "%" PRIu64 " words", c->words);
    cr_expect_eq(c->paragraphs, 3, "%" PRIu64 " paragraphs", c->paragraphs);
    size_t n = rs_report_word_count(r), wrong = 0;
    for (size_t i = 0; i < n; i++) {
        const rs_word *w = rs_report_word(r, i);
        size_t word_len;
        const char *word = rs_report_word_text(r, i, &word_len);
        wrong += w->end - w->start != word_len || memcmp(input + w->start, word, word_len) != 0;
    }
    cr_expect_eq(wrong, 0, "%zu of %zu words are not where their offsets say", wrong, n);
    rs_report_free(r);
    free(input);
}

/* The text of the report's last block. */
static char *last_block_text(const rs_report *r)
{
    size_t n = rs_report_block_count(r), len;
    cr_assert_gt(n, 0);
    const char *text = rs_report_block_text(r, n - 1, &len);
    return strndup(text, len);
}

/*
 * What looks like a paragraph of labels but costs md4c nothing is parsed
 * whole: lines of definitions (md4c takes them out of the paragraph), or
 * an HTML block (md4c reads no label in it).  Read in pieces, the
 * definition would serve only its own piece, and the last line's label
 * would stay text: "Go to [a] now."
 */
Test(markdown, definitions_and_html_blocks_are_no_paragraphs_of_labels)
{
    enum { LINES = 40000 };
    static const char *const units[] = {"[a]: /u\n", "[a] b\n"};
    static const char *const heads[] = {"", "[a]: /u\n\n<div>\n"};
    for (size_t k = 0; k < 2; k++) {
        char *input = malloc((size_t)LINES * 8 + 64);
        cr_assert_not_null(input);
        size_t len = 0;
        repeat_after(input, &len, heads[k], 1);
        repeat_after(input, &len, units[k], LINES);
        repeat_after(input, &len, "\nGo to [a] now.\n", 1);
        rs_report *r = analyze_md(input, len, 0);
        char *last = last_block_text(r);
        cr_expect_str_eq(last, "Go to a now.", "%s lines", k ? "HTML" : "definition");
        free(last);
        rs_report_free(r);
        free(input);
    }
}
