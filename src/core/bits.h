/* bits.h: eight bytes as one 64-bit word, and the bit masks the scans make. */
#ifndef RS_CORE_BITS_H
#define RS_CORE_BITS_H

#include <stdbool.h>
#include <stdint.h>

/* The bits set in x: no POPCNT on the x86-64 baseline, and a call to
   libgcc's would cost more than these few operations. */
static inline unsigned rs__bits_set(uint64_t x)
{
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* c in each of the eight bytes of a word. */
#define RS_BYTES_OF(c) (UINT64_C(0x0101010101010101) * (unsigned char)(c))

/* The high bit of every zero byte of x, and of no other (no sum carries
   into the next byte: the low seven bits are added apart from the top). */
static inline uint64_t rs__zero_bytes(uint64_t x)
{
    uint64_t y = (x & RS_BYTES_OF(0x7F)) + RS_BYTES_OF(0x7F);
    return ~(y | x | RS_BYTES_OF(0x7F));
}

/* Whether a byte of the word v is c. */
static inline bool rs__holds_byte(uint64_t v, unsigned char c)
{
    return rs__zero_bytes(v ^ RS_BYTES_OF(c)) != 0;
}

#endif
