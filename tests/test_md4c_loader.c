/*
 * The Markdown front-end opens md4c on first use (src/format/md4c_lib.h).
 * This test builds the loader twice: against the real soname, and against
 * one that cannot exist, where opening must fail with RS_ERR_UNAVAILABLE.
 */
#include <criterion/criterion.h>

#include "format/md4c_lib.h"
#include "readstat.h"

#ifdef RS_TEST_MISSING_MD4C

Test(md4c_loader, missing_library_is_reported)
{
    rs__md4c api;
    cr_expect_eq(rs__md4c_open(&api), RS_ERR_UNAVAILABLE);
    cr_expect_null(api.handle);
    cr_expect_null(api.parse);
    rs__md4c_close(&api); /* safe after a failed open */
}

#else

static int count_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    (void)type, (void)text;
    *(unsigned *)ud += size;
    return 0;
}

static int no_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)type, (void)detail, (void)ud;
    return 0;
}

static int no_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)type, (void)detail, (void)ud;
    return 0;
}

Test(md4c_loader, opens_and_parses)
{
    rs__md4c api;
    cr_assert_eq(rs__md4c_open(&api), RS_OK);
    cr_assert_not_null(api.parse);
    const MD_PARSER parser = {
        .enter_block = no_block, .leave_block = no_block,
        .enter_span = no_span, .leave_span = no_span, .text = count_text,
    };
    static const char doc[] = "# Hi\n\nSome *text*.\n";
    unsigned text_bytes = 0;
    cr_expect_eq(api.parse(doc, sizeof doc - 1, &parser, &text_bytes), 0);
    cr_expect_eq(text_bytes, 2 + 5 + 4 + 1, "Hi, 'Some ', 'text', '.'");
    rs__md4c_close(&api);
    cr_expect_null(api.handle);
}

/* Opened and closed per document: the second open must find it loaded. */
Test(md4c_loader, markdown_analyses_in_a_row)
{
    static const char doc[] = "# A title\n\nOne short sentence here.\n";
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_MARKDOWN;
    for (int i = 0; i < 3; i++) {
        rs_report *r = NULL;
        cr_assert_eq(rs_analyze(doc, sizeof doc - 1, &o, &r), RS_OK);
        cr_expect_eq(rs_report_counts(r)->words, 4, "the title is not the article's text");
        rs_report_free(r);
    }
}

#endif
