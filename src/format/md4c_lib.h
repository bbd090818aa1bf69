/*
 * md4c_lib.h: md4c, opened when the first Markdown document starts.
 *
 * Every process that links md4c loads it at start-up, about 0.05 ms here,
 * paid by each run on a text or HTML article too, where a short run is
 * mostly start-up.  So, as the HTML front-end does with libxml2
 * (format/libxml.h), the Markdown front-end opens it with dlopen() on
 * first use and never unloads it (RTLD_NODELETE: later documents pay a
 * reference count and one lookup).  Its one entry point, md_parse(), is
 * kept in the front-end's state: there is no global state.
 */
#ifndef RS_FORMAT_MD4C_LIB_H
#define RS_FORMAT_MD4C_LIB_H

#include <md4c.h>

#include "readstat.h"

typedef struct rs__md4c {
    void *handle;
    __typeof__(&md_parse) parse;
} rs__md4c;

/* Errors: RS_ERR_UNAVAILABLE when the library or md_parse is missing. */
rs_status rs__md4c_open(rs__md4c *api);

void rs__md4c_close(rs__md4c *api);

#endif
