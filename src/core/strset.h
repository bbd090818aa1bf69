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
/*
 * rs__strset_add() of a key of 1 to 16 bytes given as two little-endian
 * eights, zero padded (w1 is 0 up to 8 bytes), as a caller that made the
 * key eight bytes at a time has it: the set neither loads nor hashes the
 * bytes again.
 */
rs_status rs__strset_add_short(rs__strset *set, const rs_allocator *alloc, uint64_t w0,
                               uint64_t w1, size_t len, uint32_t *id);
/*
 * Makes room for `keys` keys of `bytes` bytes in all before the set grows
 * again, so that a caller that can tell how many keys are to come makes
 * one allocation of each array instead of a doubling series.  Never
 * shrinks.  Errors: RS_ERR_NOMEM, RS_ERR_LIMIT.
 */
rs_status rs__strset_reserve(rs__strset *set, const rs_allocator *alloc, size_t keys,
                             size_t bytes);
/* Is key in the set?  If so, *id (may be NULL) receives its index. */
bool rs__strset_find(const rs__strset *set, const char *key, size_t len, uint32_t *id);
/* Forgets every key but keeps the memory for reuse. */
void rs__strset_clear(rs__strset *set);
void rs__strset_free(rs__strset *set, const rs_allocator *alloc);

#endif
