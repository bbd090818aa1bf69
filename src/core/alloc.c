#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    (void)ud;
    (void)old_size;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, new_size);
}

rs_allocator rs__allocator_or_default(const rs_allocator *a)
{
    if (a && a->realloc_fn)
        return *a;
    return (rs_allocator){libc_realloc, NULL};
}

void *rs__alloc(const rs_allocator *a, size_t size)
{
    if (size == 0)
        size = 1;
    return a->realloc_fn(a->ud, NULL, 0, size);
}

void *rs__realloc(const rs_allocator *a, void *ptr, size_t old_size, size_t new_size)
{
    if (new_size == 0)
        new_size = 1;
    return a->realloc_fn(a->ud, ptr, old_size, new_size);
}

void rs__free(const rs_allocator *a, void *ptr, size_t size)
{
    if (ptr)
        a->realloc_fn(a->ud, ptr, size, 0);
}

rs_status rs__grow(const rs_allocator *a, void **items, size_t *cap, size_t need,
                   size_t elem_size)
{
    if (need <= *cap)
        return RS_OK;
    size_t new_cap = *cap ? *cap : 16;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return RS_ERR_LIMIT;
        new_cap *= 2;
    }
    if (new_cap > SIZE_MAX / elem_size)
        return RS_ERR_LIMIT;
    void *grown = rs__realloc(a, *items, *cap * elem_size, new_cap * elem_size);
    if (!grown)
        return RS_ERR_NOMEM;
    *items = grown;
    *cap = new_cap;
    return RS_OK;
}

rs_status rs__grow_zeroed(const rs_allocator *a, void **items, size_t *cap, size_t need,
                          size_t elem_size)
{
    size_t old = *cap;
    if (need <= old)
        return RS_OK;
    rs_status st = rs__grow(a, items, cap, need, elem_size);
    if (st == RS_OK)
        memset((char *)*items + old * elem_size, 0, (*cap - old) * elem_size);
    return st;
}
