#include "format/libxml.h"

#include <dlfcn.h>
#include <string.h>

#ifndef RS_LIBXML_SONAME
#define RS_LIBXML_SONAME "libxml2.so.2"
#endif

/* dlsym() returns an object pointer; POSIX guarantees it converts to a
 * function pointer, and memcpy does so without a cast ISO C forbids. */
static bool resolve(void *handle, const char *name, void *slot, size_t slot_size)
{
    void *sym = dlsym(handle, name);
    if (sym)
        memcpy(slot, &sym, slot_size);
    return sym != NULL;
}

rs_status rs__libxml_open(rs__libxml *api)
{
    memset(api, 0, sizeof *api);
    api->handle = dlopen(RS_LIBXML_SONAME, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    if (!api->handle)
        return RS_ERR_UNAVAILABLE;
    bool ok = resolve(api->handle, "xmlInitParser", &api->init_parser, sizeof api->init_parser)
              && resolve(api->handle, "htmlCreatePushParserCtxt", &api->create_push_parser,
                         sizeof api->create_push_parser)
              && resolve(api->handle, "htmlCtxtUseOptions", &api->use_options,
                         sizeof api->use_options)
              && resolve(api->handle, "htmlParseChunk", &api->parse_chunk,
                         sizeof api->parse_chunk)
              && resolve(api->handle, "htmlFreeParserCtxt", &api->free_parser,
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
        resolve(api->handle, "xmlByteConsumed", &api->byte_consumed, sizeof api->byte_consumed);
    return api->byte_consumed ? api->byte_consumed(ctxt) : -1;
}

void rs__libxml_stop(rs__libxml *api, htmlParserCtxtPtr ctxt)
{
    if (!api->stop_parser && api->handle)
        resolve(api->handle, "xmlStopParser", &api->stop_parser, sizeof api->stop_parser);
    if (api->stop_parser)
        api->stop_parser(ctxt);
}

void rs__libxml_close(rs__libxml *api)
{
    if (api->handle)
        dlclose(api->handle);
    memset(api, 0, sizeof *api);
}
