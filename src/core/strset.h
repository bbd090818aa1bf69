/* strset.h: a set of byte strings, for counting unique words. */
#ifndef RS_CORE_STRSET_H
#define RS_CORE_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "readstat.h"

typedef struct rs__strset {
    uint32_t *slots;   /* 0 = empty, else 1 + index into entries */
    size_t nslots;
    struct rs__strset_entry { size_t offset; uint32_t len; uint32_t hash; } *entries;
    size_t count, entries_cap;
    char *bytes;
    size_t bytes_len, bytes_cap;
    uint64_t epoch;    /* changes whenever the ids given out so far stop holding */
} rs__strset;

/*
 * Adds key unless present; *id (may be NULL) receives its index, which is
 * the order of first insertion.  Errors: RS_ERR_NOMEM, RS_ERR_LIMIT.
 */
rs_status rs__strset_add(rs__strset *set, const rs_allocator *alloc, const char *key, size_t len,
                         uint32_t *id);
/* Is key in the set?  If so, *id (may be NULL) receives its index. */
bool rs__strset_find(const rs__strset *set, const char *key, size_t len, uint32_t *id);
/* Forgets every key but keeps the memory for reuse. */
void rs__strset_clear(rs__strset *set);
void rs__strset_free(rs__strset *set, const rs_allocator *alloc);

#endif
