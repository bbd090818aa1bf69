/*
 * dynlib.h: what the loaders of libraries opened on first use share
 * (format/libxml.c, format/md4c_lib.c).
 */
#ifndef RS_FORMAT_DYNLIB_H
#define RS_FORMAT_DYNLIB_H

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

/* dlsym() returns an object pointer; POSIX guarantees it converts to a
 * function pointer, and memcpy does so without a cast ISO C forbids. */
static inline bool rs__dl_resolve(void *handle, const char *name, void *slot, size_t slot_size)
{
    void *sym = dlsym(handle, name);
    if (sym)
        memcpy(slot, &sym, slot_size);
    return sym != NULL;
}

#endif
