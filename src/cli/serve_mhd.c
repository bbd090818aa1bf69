#include "serve_mhd.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#ifndef READSTAT_MHD_SONAME
#define READSTAT_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* dlsym() returns an object pointer; POSIX guarantees it converts to a
 * function pointer, and memcpy says so without a cast ISO C forbids. */
static bool resolve(void *lib, const char *name, void *slot, size_t slot_size)
{
    void *sym = dlsym(lib, name);
    if (!sym)
        return false;
    memcpy(slot, &sym, slot_size);
    return true;
}

bool serve_mhd_load(serve_mhd *api, char *why, size_t why_size)
{
    static const char *const names[] = {READSTAT_MHD_SONAME, "libmicrohttpd.so"};
    void *lib = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !lib; i++)
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(why, why_size, "the server needs libmicrohttpd (%s): %s", READSTAT_MHD_SONAME,
                 dlerror());
        return false;
    }
#define RESOLVE(field, symbol)                                          \
    if (!resolve(lib, #symbol, &api->field, sizeof api->field)) {       \
        snprintf(why, why_size, "libmicrohttpd lacks %s", #symbol);     \
        return false;                                                   \
    }
    RESOLVE(start_daemon, MHD_start_daemon)
    RESOLVE(get_daemon_info, MHD_get_daemon_info)
    RESOLVE(quiesce_daemon, MHD_quiesce_daemon)
    RESOLVE(stop_daemon, MHD_stop_daemon)
    RESOLVE(lookup_connection_value, MHD_lookup_connection_value)
    RESOLVE(get_connection_info, MHD_get_connection_info)
    RESOLVE(create_response, MHD_create_response_from_buffer_with_free_callback)
    RESOLVE(add_response_header, MHD_add_response_header)
    RESOLVE(queue_response, MHD_queue_response)
    RESOLVE(destroy_response, MHD_destroy_response)
#undef RESOLVE
    return true;
}
