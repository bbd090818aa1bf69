#include "core/strset.h"

#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"

/* What the first key reserves: a short document's unfamiliar words
   (about eighty in a 5 KB article) fit after one doubling.  Reserving more
   saves little and, by where glibc then places the document's other
   growing arrays, made a 1 MB Markdown file copy more on realloc. */
enum { FIRST_SLOTS = 128, FIRST_ENTRIES = FIRST_SLOTS / 2, FIRST_BYTES = 512 };


/* p[0..n), n <= 8, zero padded, in the byte order of the machine: two
   overlapping loads, or for up to three bytes three single ones. */
static RS_ALWAYS_INLINE uint64_t load_upto8(const unsigned char *p, size_t n)
{
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        return (uint64_t)lo << 32 | (uint64_t)hi << (8 * (8 - n));
#else
        return lo | (uint64_t)hi << (8 * (n - 4));
#endif
    }
    if (n == 0)
        return 0;
    unsigned char b[8] = {0};
    b[0] = p[0];
    b[n >> 1] = p[n >> 1];
    b[n - 1] = p[n - 1];
    uint64_t v;
    memcpy(&v, b, sizeof v);
    return v;
}

static RS_ALWAYS_INLINE uint64_t hash_round(uint64_t h, uint64_t v)
{
    h = (h ^ v) * UINT64_C(0xFF51AFD7ED558CCD);
    return h ^ (h >> 32);
}

static RS_ALWAYS_INLINE uint32_t hash_end(uint64_t h)
{
    h *= UINT64_C(0xC4CEB9FE1A85EC53);
    return (uint32_t)(h >> 32);
}

/* Eight bytes at a time: keys are words, mostly under sixteen bytes.  The
   hash only places keys in this set (ids are the order of insertion), so
   the byte order of the loads does not matter. */
static uint32_t key_hash(const char *key, size_t len)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t h = (uint64_t)len * UINT64_C(0x9E3779B97F4A7C15);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, sizeof v);
        h = hash_round(h, v);
    }
    if (i < len)
        h = hash_round(h, load_upto8(p + i, len - i));
    return hash_end(h);
}

/* key_hash() of a key of 1 to 16 bytes, from its two zero-padded eights. */
static RS_ALWAYS_INLINE uint32_t eights_hash(const uint64_t w[2], size_t len)
{
    uint64_t h = hash_round((uint64_t)len * UINT64_C(0x9E3779B97F4A7C15), w[0]);
    return hash_end(len > 8 ? hash_round(h, w[1]) : h);
}

/* A key of 1 to 16 bytes as two zero-padded eights, and key_hash() of it
   from them. */
static RS_ALWAYS_INLINE uint32_t short_key_hash(const char *key, size_t len, uint64_t w[2])
{
    const unsigned char *p = (const unsigned char *)key;
    if (len <= 8) {
        w[0] = load_upto8(p, len);
        w[1] = 0;
    } else {
        memcpy(&w[0], p, sizeof w[0]);
        w[1] = load_upto8(p + 8, len - 8);
    }
    return eights_hash(w, len);
}

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

/* Room for one more key of len bytes. */
static rs_status make_room(rs__strset *set, const rs_allocator *alloc, size_t len)
{
    /* Keep the load under one half so that probes stay short. */
    if ((set->count + 1) * 2 > set->nslots) {
        rs_status st = rehash(set, alloc, set->nslots ? set->nslots * 2 : FIRST_SLOTS);
        if (st != RS_OK)
            return st;
    }
    if (set->count + 1 > set->entries_cap) {
        size_t need = set->count + 1 > FIRST_ENTRIES ? set->count + 1 : FIRST_ENTRIES;
        rs_status st =
            rs__grow(alloc, (void **)&set->entries, &set->entries_cap, need, sizeof *set->entries);
        if (st != RS_OK)
            return st;
    }
    if (set->bytes_len + len > set->bytes_cap) {
        size_t need = set->bytes_len + len > FIRST_BYTES ? set->bytes_len + len : FIRST_BYTES;
        return rs__grow(alloc, (void **)&set->bytes, &set->bytes_cap, need, 1);
    }
    return RS_OK;
}

/* Adds the key (hash h; w: its bytes zero padded when short_key) at the
   end of the probe for it, unless the probe finds it. */
static RS_ALWAYS_INLINE rs_status add_hashed(rs__strset *set, const rs_allocator *alloc,
                                             const char *key, size_t len, uint32_t h,
                                             bool short_key, const uint64_t w[2], uint32_t *id)
{
    if (len > UINT32_MAX || set->count >= UINT32_MAX - 1)
        return RS_ERR_LIMIT;
    size_t s = 0; /* where the probe stopped: the free slot for the key */
    if (set->nslots) {
        for (s = h & (set->nslots - 1); set->slots[s]; s = (s + 1) & (set->nslots - 1)) {
            const struct rs__strset_entry *e = &set->entries[set->slots[s] - 1];
            if (e->hash == h && e->len == len && memcmp(set->bytes + e->offset, key, len) == 0) {
                if (id)
                    *id = set->slots[s] - 1;
                return RS_OK;
            }
        }
    }
    /* a set reserved for its keys has room: one test for the three arrays */
    if (RS_UNLIKELY((set->count + 1) * 2 > set->nslots || set->count + 1 > set->entries_cap
                    || set->bytes_len + len > set->bytes_cap)) {
        size_t nslots = set->nslots;
        rs_status st = make_room(set, alloc, len);
        if (st != RS_OK)
            return st;
        if (set->nslots != nslots) { /* rehashed: probe the new slots */
            s = h & (set->nslots - 1);
            while (set->slots[s])
                s = (s + 1) & (set->nslots - 1);
        }
    }
    char *to = set->bytes + set->bytes_len;
    if (short_key && set->bytes_cap - set->bytes_len >= 2 * sizeof w[0])
        memcpy(to, w, 2 * sizeof w[0]); /* the padding past len is the next key's room */
    else if (len) /* the empty key leaves bytes as they are, perhaps not yet allocated */
        memcpy(to, key, len);
    set->entries[set->count] = (struct rs__strset_entry){set->bytes_len, (uint32_t)len, h};
    set->bytes_len += len;
    set->slots[s] = (uint32_t)(++set->count);
    if (id)
        *id = (uint32_t)(set->count - 1);
    return RS_OK;
}

rs_status rs__strset_add(rs__strset *set, const rs_allocator *alloc, const char *key, size_t len,
                         uint32_t *id)
{
    /* a word's key is hashed from two eights that then copy it */
    uint64_t w[2];
    bool short_key = len - 1 < sizeof w;
    uint32_t h = short_key ? short_key_hash(key, len, w) : key_hash(key, len);
    return add_hashed(set, alloc, key, len, h, short_key, w, id);
}

/* A little-endian eight in the byte order of the machine, as load_upto8()
   loads bytes. */
static inline uint64_t native_eight(uint64_t le)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return le;
#else
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(le >> (8 * i));
    uint64_t v;
    memcpy(&v, b, sizeof v);
    return v;
#endif
}

rs_status rs__strset_add_short(rs__strset *set, const rs_allocator *alloc, uint64_t w0,
                               uint64_t w1, size_t len, uint32_t *id)
{
    /* the eights short_key_hash() loads from the same bytes */
    uint64_t w[2] = {native_eight(w0), native_eight(w1)};
    return add_hashed(set, alloc, (const char *)w, len, eights_hash(w, len), true, w, id);
}

rs_status rs__strset_reserve(rs__strset *set, const rs_allocator *alloc, size_t keys,
                             size_t bytes)
{
    if (keys > UINT32_MAX / 2)
        return RS_ERR_LIMIT;
    size_t nslots = set->nslots ? set->nslots : FIRST_SLOTS;
    while (keys * 2 > nslots)
        nslots *= 2;
    if (nslots != set->nslots) {
        rs_status st = rehash(set, alloc, nslots);
        if (st != RS_OK)
            return st;
    }
    rs_status st = rs__reserve(alloc, (void **)&set->entries, &set->entries_cap, keys,
                               sizeof *set->entries);
    if (st != RS_OK)
        return st;
    /* short keys copy sixteen bytes: room for the last one's padding */
    return rs__reserve(alloc, (void **)&set->bytes, &set->bytes_cap, bytes + 16, 1);
}

bool rs__strset_find(const rs__strset *set, const char *key, size_t len, uint32_t *id)
{
    if (!set->nslots || len > UINT32_MAX)
        return false;
    uint32_t h = key_hash(key, len);
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
