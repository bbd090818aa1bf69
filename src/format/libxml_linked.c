/*
 * libxml_linked.c: the CLI's libxml2, linked in rather than opened.
 *
 * The library opens libxml2 with dlopen() (format/libxml.h), which in this
 * VM costs 1.3-1.8 ms for the first HTML document: Debian's libxml2 brings
 * ICU, libstdc++ and libgcc_s, whose relocations, page faults and start-up
 * code are most of a 5 KB page's whole process.  The CLI links Debian's
 * static libxml2 instead, with static zlib and liblzma, and gives the HTML
 * front-end the same table of functions, filled at link time.  ICU, which
 * libxml2 reaches only for an encoding that neither it nor iconv knows, is
 * opened when that first happens (icu_on_demand.c).  The meson file links
 * this file in place of format/libxml.c.
 */
#include "format/libxml.h"

#include <string.h>

rs_status rs__libxml_open(rs__libxml *api)
{
    memset(api, 0, sizeof *api);
    api->init_parser = xmlInitParser;
    api->create_push_parser = htmlCreatePushParserCtxt;
    api->use_options = htmlCtxtUseOptions;
    api->parse_chunk = htmlParseChunk;
    api->free_parser = htmlFreeParserCtxt;
    api->byte_consumed = xmlByteConsumed;
    api->stop_parser = xmlStopParser;
    api->input_shrink = xmlParserInputShrink;
    return RS_OK;
}

long rs__libxml_byte_consumed(rs__libxml *api, htmlParserCtxtPtr ctxt)
{
    return api->byte_consumed(ctxt);
}

void rs__libxml_stop(rs__libxml *api, htmlParserCtxtPtr ctxt)
{
    api->stop_parser(ctxt);
}

void rs__libxml_shrink(rs__libxml *api, xmlParserInputPtr in)
{
    if (in)
        api->input_shrink(in);
}

void rs__libxml_close(rs__libxml *api)
{
    memset(api, 0, sizeof *api);
}

/* The shared libxml2 frees its global state (encoding handlers, the last
   error) from a destructor of its own, which the static archive leaves
   out; without it that memory would still be held when the process ends.
   (Nothing is done if no document started libxml2.) */
__attribute__((destructor)) static void release_libxml2(void)
{
    xmlCleanupParser();
}
