/*
 * The HTML front-end opens libxml2 on first use (src/format/libxml.h).  This
 * test builds the loader twice: against the real soname, and against one
 * that cannot exist, where opening must fail with RS_ERR_UNAVAILABLE and an
 * HTML analysis must report it rather than crash.
 */
#include <criterion/criterion.h>

#include "format/libxml.h"
#include "readstat.h"

#ifdef RS_TEST_MISSING_LIBXML

Test(libxml_loader, missing_library_is_reported)
{
    rs__libxml api;
    cr_expect_eq(rs__libxml_open(&api), RS_ERR_UNAVAILABLE);
    cr_expect_null(api.handle);
    cr_expect_null(api.parse_chunk);
    rs__libxml_close(&api); /* safe after a failed open */
    cr_expect_str_eq(rs_strerror(RS_ERR_UNAVAILABLE),
                     "format support unavailable: libxml2 (HTML) or md4c (Markdown) could not be loaded");
}

#else

Test(libxml_loader, opens_and_resolves_every_symbol)
{
    rs__libxml api;
    cr_assert_eq(rs__libxml_open(&api), RS_OK);
    cr_expect_not_null(api.init_parser);
    cr_expect_not_null(api.create_push_parser);
    cr_expect_not_null(api.use_options);
    cr_expect_not_null(api.parse_chunk);
    cr_expect_not_null(api.free_parser);
    /* the two a document seldom needs are looked up when first asked */
    cr_expect_null(api.byte_consumed);
    cr_expect_null(api.stop_parser);
    htmlSAXHandler sax = {0}; /* no callbacks: no document is built */
    htmlParserCtxtPtr ctxt = api.create_push_parser(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    cr_assert_not_null(ctxt);
    cr_expect_eq(api.parse_chunk(ctxt, "<p>abc</p>", 10, 0), 0);
    cr_expect_geq(rs__libxml_byte_consumed(&api, ctxt), 0);
    cr_expect_not_null(api.byte_consumed);
    rs__libxml_stop(&api, ctxt);
    cr_expect_not_null(api.stop_parser);
    api.free_parser(ctxt);
    rs__libxml_close(&api);
    cr_expect_null(api.handle);
}

/* Opened and closed per document: the second open must find it loaded. */
Test(libxml_loader, html_analyses_in_a_row)
{
    static const char page[] = "<html><body><article><p>One short sentence here."
                               "</p></article></body></html>";
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_HTML;
    for (int i = 0; i < 3; i++) {
        rs_report *r = NULL;
        cr_assert_eq(rs_analyze(page, sizeof page - 1, &o, &r), RS_OK);
        cr_expect_eq(rs_report_counts(r)->words, 4);
        rs_report_free(r);
    }
}

#endif
