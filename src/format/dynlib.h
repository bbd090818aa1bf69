/*
 * dynlib.h: what the loaders of libraries opened on first use share
 * (format/libxml.c, format/md4c_lib.c).
 */
#ifndef RS_FORMAT_DYNLIB_H
#define RS_FORMAT_DYNLIB_H

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

/*
 * Opens a library on first use: lazily bound (most of what it brings is
 * never called), kept to itself, and never unloaded (a later document pays
 * a reference count).  NULL when it cannot be loaded.
 */
static inline void *rs__dl_open(const char *soname)
{
    return dlopen(soname, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
}

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
