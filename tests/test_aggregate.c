/*
 * Finishing a document (doc/aggregate.c): the page's and the main unique
 * unfamiliar words, counted in one pass with two pass numbers, come out
 * the same wherever the pass counter stands, its wrap-around included.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "doc/doc.h"
#include "readstat.h"

/*
 * Made-up words are unfamiliar.  The hidden blocks (boilerplate in
 * Markdown, so not main) share "zorblat" and "wumple" with main blocks,
 * one before and one after its first main occurrence; "snarfle" is only
 * ever hidden.
 */
static const struct {
    const char *text;
    bool hidden;
} blocks[] = {
    {"Zorblat quintex frobnicate zorblat.", false},
    {"Zorblat wumple.", true},
    {"Wumple grizzle quintex.", false},
    {"Snarfle wumple snarfle.", true},
};

/*
 * The page's and the main unique words, with the pass counter set to
 * `pass` before finishing (0: left as measuring left it).  A pass set is
 * past every mark measuring made, as the counter always is.
 */
static void finish_with_pass(uint32_t pass, uint64_t *page, uint64_t *in_main)
{
    rs_allocator alloc = rs__allocator_or_default(NULL);
    rs_report *r = rs__alloc(&alloc, sizeof *r);
    cr_assert_not_null(r);
    memset(r, 0, sizeof *r);
    r->alloc = alloc;
    rs_options_init(&r->opts);
    r->opts.format = RS_FORMAT_MARKDOWN;
    r->format = RS_FORMAT_MARKDOWN;
    rs__doc d;
    rs__doc_init(&d, r, &alloc);
    size_t at = 0;
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        size_t len = strlen(blocks[i].text);
        rs__block_in b = {
            .kind = RS_BLOCK_PARAGRAPH, .start = at, .end = at + len,
            .text = blocks[i].text, .text_len = len,
            .hints = blocks[i].hidden ? RS_HINT_HIDDEN : 0,
        };
        cr_assert_eq(rs__doc_add_block(&d, &b), RS_OK);
        at += len + 2;
    }
    if (pass) {
        cr_assert_lt(d.pass, pass);
        d.pass = pass;
    }
    cr_assert_eq(rs__doc_finish(&d), RS_OK);
    *page = rs_report_page_counts(r)->unfamiliar_words;
    *in_main = rs_report_counts(r)->unfamiliar_words;
    rs__doc_release(&d);
    rs_report_free(r);
}

Test(aggregate, page_and_main_unique_words)
{
    uint64_t page, in_main;
    finish_with_pass(0, &page, &in_main);
    cr_expect_eq(page, 6, "zorblat quintex frobnicate wumple grizzle snarfle");
    cr_expect_eq(in_main, 5, "zorblat quintex frobnicate wumple grizzle");
}

Test(aggregate, unique_words_across_the_pass_counter_wrapping)
{
    /* the first new pass wraps; the second; neither, just short of it */
    const uint32_t passes[] = {UINT32_MAX, UINT32_MAX - 1, UINT32_MAX - 2};
    for (size_t k = 0; k < sizeof passes / sizeof passes[0]; k++) {
        uint64_t page, in_main;
        finish_with_pass(passes[k], &page, &in_main);
        cr_expect_eq(page, 6, "pass %u", (unsigned)passes[k]);
        cr_expect_eq(in_main, 5, "pass %u", (unsigned)passes[k]);
    }
}
