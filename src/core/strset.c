#include "core/strset.h"

#include <string.h>

#include "core/alloc.h"
#include "text/wordtable.h"

static rs_status rehash(rs__strset *set, const rs_allocator *alloc, size_t nslots)
{
    uint32_t *slots = rs__alloc(alloc, nslots * sizeof *slots);
    if (!slots)
        return RS_ERR_NOMEM;
    memset(slots, 0, nslots * sizeof *slots);
    for (size_t i = 0; i < set->count; i++) {
        size_t s = set->entries[i].hash & (nslots - 1);
        while (slots[s])
            s = (s + 1) & (nslots - 1);
        slots[s] = (uint32_t)(i + 1);
    }
    rs__free(alloc, set->slots, set->nslots * sizeof *set->slots);
    set->slots = slots;
    set->nslots = nslots;
    return RS_OK;
}

rs_status rs__strset_add(rs__strset *set, const rs_allocator *alloc, const char *key, size_t len,
                         uint32_t *id)
{
    if (len > UINT32_MAX || set->count >= UINT32_MAX - 1)
        return RS_ERR_LIMIT;
    uint32_t h = rs__wordtable_hash(0, key, len);
    if (set->nslots) {
        for (size_t s = h & (set->nslots - 1); set->slots[s]; s = (s + 1) & (set->nslots - 1)) {
            const struct rs__strset_entry *e = &set->entries[set->slots[s] - 1];
            if (e->hash == h && e->len == len && memcmp(set->bytes + e->offset, key, len) == 0) {
                if (id)
                    *id = set->slots[s] - 1;
                return RS_OK;
            }
        }
    }
    /* Keep the load under one half so that probes stay short. */
    if ((set->count + 1) * 2 > set->nslots) {
        rs_status st = rehash(set, alloc, set->nslots ? set->nslots * 2 : 64);
        if (st != RS_OK)
            return st;
    }
    rs_status st = rs__grow(alloc, (void **)&set->entries, &set->entries_cap, set->count + 1,
                            sizeof *set->entries);
    if (st == RS_OK)
        st = rs__grow(alloc, (void **)&set->bytes, &set->bytes_cap, set->bytes_len + len, 1);
    if (st != RS_OK)
        return st;
    memcpy(set->bytes + set->bytes_len, key, len);
    set->entries[set->count] = (struct rs__strset_entry){set->bytes_len, (uint32_t)len, h};
    set->bytes_len += len;
    size_t s = h & (set->nslots - 1);
    while (set->slots[s])
        s = (s + 1) & (set->nslots - 1);
    set->slots[s] = (uint32_t)(++set->count);
    if (id)
        *id = (uint32_t)(set->count - 1);
    return RS_OK;
}

bool rs__strset_find(const rs__strset *set, const char *key, size_t len, uint32_t *id)
{
    if (!set->nslots || len > UINT32_MAX)
        return false;
    uint32_t h = rs__wordtable_hash(0, key, len);
    for (size_t s = h & (set->nslots - 1); set->slots[s]; s = (s + 1) & (set->nslots - 1)) {
        const struct rs__strset_entry *e = &set->entries[set->slots[s] - 1];
        if (e->hash == h && e->len == len && memcmp(set->bytes + e->offset, key, len) == 0) {
            if (id)
                *id = set->slots[s] - 1;
            return true;
        }
    }
    return false;
}

void rs__strset_clear(rs__strset *set)
{
    if (set->slots)
        memset(set->slots, 0, set->nslots * sizeof *set->slots);
    set->count = 0;
    set->bytes_len = 0;
    set->epoch++;
}

void rs__strset_free(rs__strset *set, const rs_allocator *alloc)
{
    rs__free(alloc, set->slots, set->nslots * sizeof *set->slots);
    rs__free(alloc, set->entries, set->entries_cap * sizeof *set->entries);
    rs__free(alloc, set->bytes, set->bytes_cap);
    uint64_t epoch = set->epoch + 1;
    memset(set, 0, sizeof *set);
    set->epoch = epoch;
}
