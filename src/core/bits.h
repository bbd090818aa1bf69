/* bits.h: counting the bits of a 64-bit mask (the SIMD scans make such masks). */
#ifndef RS_CORE_BITS_H
#define RS_CORE_BITS_H

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

#endif
