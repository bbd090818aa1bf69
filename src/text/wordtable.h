/* wordtable.h: the hash behind the tables that tools/gen_wordtable.py makes. */
#ifndef RS_TEXT_WORDTABLE_H
#define RS_TEXT_WORDTABLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* p[0..n), n <= 8, as a little-endian integer, zero padded, on any machine. */
static inline uint64_t rs__wordtable_load(const unsigned char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n == 8) {
        uint64_t v;
        memcpy(&v, p, sizeof v);
        return v;
    }
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, sizeof lo);
        memcpy(&hi, p + n - 4, sizeof hi);
        return lo | (uint64_t)hi << (8 * (n - 4));
    }
#endif
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/*
 * One pass over the key, eight bytes at a time; the bucket and the slot
 * are mixed from it (rs__wordtable_mix), so a lookup reads the key once.
 * Must stay bit-identical to key_hash() and mix() in tools/gen_wordtable.py.
 */
static inline uint64_t rs__wordtable_hash(const char *key, size_t len)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t h = (uint64_t)len * UINT64_C(0x9E3779B97F4A7C15);
    for (size_t i = 0; i < len; i += 8) {
        h = (h ^ rs__wordtable_load(p + i, len - i < 8 ? len - i : 8)) * UINT64_C(0xFF51AFD7ED558CCD);
        h ^= h >> 32;
    }
    return h;
}

/* rs__wordtable_hash() of key[0..len) followed by the byte tail. */
static inline uint64_t rs__wordtable_hash_then(const char *key, size_t len, unsigned char tail)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t h = (uint64_t)(len + 1) * UINT64_C(0x9E3779B97F4A7C15);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        h = (h ^ rs__wordtable_load(p + i, 8)) * UINT64_C(0xFF51AFD7ED558CCD);
        h ^= h >> 32;
    }
    /* the last eight: what is left of the key (perhaps nothing), then tail */
    uint64_t last = rs__wordtable_load(p + i, len - i) | (uint64_t)tail << (8 * (len - i));
    h = (h ^ last) * UINT64_C(0xFF51AFD7ED558CCD);
    return h ^ h >> 32;
}

static inline uint32_t rs__wordtable_mix(uint64_t h, uint32_t seed)
{
    uint64_t x = h ^ (uint64_t)seed * UINT64_C(0xC4CEB9FE1A85EC53);
    x ^= x >> 33;
    x *= UINT64_C(0xFF51AFD7ED558CCD);
    x ^= x >> 29;
    return (uint32_t)(x >> 32);
}

#endif
