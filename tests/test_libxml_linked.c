/*
 * The CLI links libxml2 in (src/format/libxml_linked.c) and stands in for the
 * ICU functions libxml2 refers to, opening ICU on first use
 * (src/format/icu_on_demand.c).  These tests pin that the linked table is
 * whole, that an HTML analysis runs through it, and that an encoding only
 * ICU knows still converts, through the stand-ins, as with the shared
 * libxml2.
 */
#include <criterion/criterion.h>
#include <iconv.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <string.h>

#include "format/libxml.h"
#include "readstat.h"

Test(libxml_linked, the_table_is_filled_at_link_time)
{
    rs__libxml api;
    cr_assert_eq(rs__libxml_open(&api), RS_OK);
    cr_expect_null(api.handle);
    cr_expect_not_null(api.init_parser);
    cr_expect_not_null(api.create_push_parser);
    cr_expect_not_null(api.use_options);
    cr_expect_not_null(api.parse_chunk);
    cr_expect_not_null(api.free_parser);
    cr_expect_not_null(api.byte_consumed);
    cr_expect_not_null(api.stop_parser);
    cr_expect_not_null(api.input_shrink);
    rs__libxml_close(&api);
    cr_expect_null(api.parse_chunk);
}

Test(libxml_linked, html_is_analysed)
{
    static const char page[] = "<html><head><title>A page</title></head><body><article>"
                               "<p>One short sentence here. And a second one.</p>"
                               "</article></body></html>";
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_HTML;
    rs_report *r = NULL;
    cr_assert_eq(rs_analyze(page, sizeof page - 1, &o, &r), RS_OK);
    const rs_counts *c = rs_report_counts(r);
    cr_expect_eq(c->words, 8);
    cr_expect_eq(c->sentences, 2);
    rs_report_free(r);
}

/* SCSU is known to ICU and not to glibc's iconv, so libxml2 asks ICU for it.
 * In SCSU's initial state printable ASCII stands for itself. */
Test(libxml_linked, an_encoding_only_icu_knows_converts)
{
    iconv_t cd = iconv_open("UTF-8", "SCSU");
    cr_assert_eq(cd, (iconv_t)-1, "iconv knows SCSU: the test no longer reaches ICU");
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler("SCSU");
    cr_assert_not_null(handler);
    xmlBufferPtr in = xmlBufferCreate();
    xmlBufferPtr out = xmlBufferCreate();
    xmlBufferCCat(in, "Plain words, converted.");
    cr_expect_eq(xmlCharEncInFunc(handler, out, in), 23);
    cr_expect_str_eq((const char *)xmlBufferContent(out), "Plain words, converted.");
    xmlBufferFree(in);
    xmlBufferFree(out);
    xmlCharEncCloseFunc(handler);
}

Test(libxml_linked, an_encoding_nobody_knows_is_refused)
{
    cr_expect_null(xmlFindCharEncodingHandler("x-readstat-no-such-charset"));
}
