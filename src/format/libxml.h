/*
 * libxml.h: libxml2's HTML push parser, opened on first use.
 *
 * Linking libxml2 makes every process that loads readstat also load ICU and
 * libstdc++ (Debian builds libxml2 with ICU): about 1.3 ms at start-up, most
 * of the budget for analysing one small article, paid even by callers that
 * never see HTML.  So the HTML front-end opens it with dlopen() when an HTML
 * document starts, with lazy binding (RTLD_LAZY: binding every function
 * of libxml2, ICU and libstdc++ up front cost about 0.3 ms more, most of
 * them never called).  The library is never unloaded (RTLD_NODELETE): later
 * documents pay one reference count and five symbol lookups (a lookup costs
 * about as much as the reference count, so the two functions a document
 * seldom needs are looked up when it does).  The table lives in the
 * front-end's state, so there is no global state.  The CLI, a process of
 * its own, links libxml2 instead and fills the table at link time
 * (libxml_linked.c).
 */
#ifndef RS_FORMAT_LIBXML_H
#define RS_FORMAT_LIBXML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "readstat.h"

typedef struct rs__libxml {
    void *handle;
    __typeof__(&xmlInitParser) init_parser;
    __typeof__(&htmlCreatePushParserCtxt) create_push_parser;
    __typeof__(&htmlCtxtUseOptions) use_options;
    __typeof__(&htmlParseChunk) parse_chunk;
    __typeof__(&htmlFreeParserCtxt) free_parser;
    /* looked up on first use: NULL until then */
    __typeof__(&xmlByteConsumed) byte_consumed;
    __typeof__(&xmlStopParser) stop_parser;
    __typeof__(&xmlParserInputShrink) input_shrink;
} rs__libxml;

/* Errors: RS_ERR_UNAVAILABLE when the library or a symbol it needs for every document is missing. */
rs_status rs__libxml_open(rs__libxml *api);

/* xmlByteConsumed(ctxt), or -1 when the library lacks it. */
long rs__libxml_byte_consumed(rs__libxml *api, htmlParserCtxtPtr ctxt);

/* xmlStopParser(ctxt), when the library has it (stopping only saves work: callers ignore later events). */
void rs__libxml_stop(rs__libxml *api, htmlParserCtxtPtr ctxt);

/*
 * xmlParserInputShrink(in), when the library has it: drops what the parser
 * has read of its input buffer.  libxml2 does so itself between elements
 * and in text, but not inside a script or style body, which it would keep
 * whole however long.
 */
void rs__libxml_shrink(rs__libxml *api, xmlParserInputPtr in);

void rs__libxml_close(rs__libxml *api);

#endif
