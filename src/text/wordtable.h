/* wordtable.h: the hash behind the tables that tools/gen_wordtable.py makes. */
#ifndef RS_TEXT_WORDTABLE_H
#define RS_TEXT_WORDTABLE_H

#include <stddef.h>
#include <stdint.h>

/* Must stay bit-identical to wordtable_hash() in tools/gen_wordtable.py. */
static inline uint32_t rs__wordtable_hash(uint32_t seed, const char *key, size_t len)
{
    uint32_t h = 2166136261u ^ (uint32_t)(seed * 0x9E3779B1u);
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

#endif
