#include "format/libxml.h"

#include <string.h>

#include "format/dynlib.h"

#ifndef RS_LIBXML_SONAME
#define RS_LIBXML_SONAME "libxml2.so.2"
#endif

rs_status rs__libxml_open(rs__libxml *api)
{
    memset(api, 0, sizeof *api);
    api->handle = rs__dl_open(RS_LIBXML_SONAME);
    if (!api->handle)
        return RS_ERR_UNAVAILABLE;
    void *h = api->handle;
    bool ok = rs__dl_resolve(h, "xmlInitParser", &api->init_parser, sizeof api->init_parser)
              && rs__dl_resolve(h, "htmlCreatePushParserCtxt", &api->create_push_parser,
                                sizeof api->create_push_parser)
              && rs__dl_resolve(h, "htmlCtxtUseOptions", &api->use_options,
                                sizeof api->use_options)
              && rs__dl_resolve(h, "htmlParseChunk", &api->parse_chunk, sizeof api->parse_chunk)
              && rs__dl_resolve(h, "htmlFreeParserCtxt", &api->free_parser,
                                sizeof api->free_parser);
    if (!ok) {
        rs__libxml_close(api);
        return RS_ERR_UNAVAILABLE;
    }
    return RS_OK;
}

long rs__libxml_byte_consumed(rs__libxml *api, htmlParserCtxtPtr ctxt)
{
    if (!api->byte_consumed && api->handle)
        rs__dl_resolve(api->handle, "xmlByteConsumed", &api->byte_consumed,
                       sizeof api->byte_consumed);
    return api->byte_consumed ? api->byte_consumed(ctxt) : -1;
}

void rs__libxml_stop(rs__libxml *api, htmlParserCtxtPtr ctxt)
{
    if (!api->stop_parser && api->handle)
        rs__dl_resolve(api->handle, "xmlStopParser", &api->stop_parser, sizeof api->stop_parser);
    if (api->stop_parser)
        api->stop_parser(ctxt);
}

void rs__libxml_shrink(rs__libxml *api, xmlParserInputPtr in)
{
    if (!api->input_shrink && api->handle)
        rs__dl_resolve(api->handle, "xmlParserInputShrink", &api->input_shrink,
                       sizeof api->input_shrink);
    if (api->input_shrink && in)
        api->input_shrink(in);
}

void rs__libxml_close(rs__libxml *api)
{
    if (api->handle)
        dlclose(api->handle);
    memset(api, 0, sizeof *api);
}
