#include "format/md4c_lib.h"

#include <string.h>

#include "format/dynlib.h"

#ifndef RS_MD4C_SONAME
#define RS_MD4C_SONAME "libmd4c.so.0"
#endif

rs_status rs__md4c_open(rs__md4c *api)
{
    memset(api, 0, sizeof *api);
    api->handle = rs__dl_open(RS_MD4C_SONAME);
    if (!api->handle)
        return RS_ERR_UNAVAILABLE;
    if (!rs__dl_resolve(api->handle, "md_parse", &api->parse, sizeof api->parse)) {
        rs__md4c_close(api);
        return RS_ERR_UNAVAILABLE;
    }
    return RS_OK;
}

void rs__md4c_close(rs__md4c *api)
{
    if (api->handle)
        dlclose(api->handle);
    memset(api, 0, sizeof *api);
}
