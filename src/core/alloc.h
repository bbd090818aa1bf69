/* alloc.h: every allocation of the library goes through the caller's hook. */
#ifndef RS_CORE_ALLOC_H
#define RS_CORE_ALLOC_H

#include <stddef.h>

#include "readstat.h"

/* Returns the hook to use: the caller's, or one over the C library. */
rs_allocator rs__allocator_or_default(const rs_allocator *a);

void *rs__alloc(const rs_allocator *a, size_t size);
void *rs__realloc(const rs_allocator *a, void *ptr, size_t old_size, size_t new_size);
void rs__free(const rs_allocator *a, void *ptr, size_t size);

/*
 * Grows *items (an array of elem_size-byte elements with *cap slots) so
 * that it holds at least need elements.  Doubling keeps appends amortised
 * O(1).  Returns RS_ERR_NOMEM or RS_ERR_LIMIT (size overflow) on failure,
 * leaving the array as it was.
 */
rs_status rs__grow(const rs_allocator *a, void **items, size_t *cap, size_t need,
                   size_t elem_size);

/* rs__grow() with its common case, room enough already, inline: hot loops
   append one element at a time, and the call would cost more than the
   check. */
static inline rs_status rs__reserve(const rs_allocator *a, void **items, size_t *cap, size_t need,
                                    size_t elem_size)
{
    return need <= *cap ? RS_OK : rs__grow(a, items, cap, need, elem_size);
}

/* rs__grow(), with every new slot zero-filled (for arrays of marks or counters). */
rs_status rs__grow_zeroed(const rs_allocator *a, void **items, size_t *cap, size_t need,
                          size_t elem_size);

/* rs__grow_zeroed() with its common case, room enough already, inline, as
   rs__reserve() is rs__grow()'s. */
static inline rs_status rs__reserve_zeroed(const rs_allocator *a, void **items, size_t *cap,
                                           size_t need, size_t elem_size)
{
    return need <= *cap ? RS_OK : rs__grow_zeroed(a, items, cap, need, elem_size);
}

#endif
