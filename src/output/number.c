/* number.c: see number.h. */
#include "output/number.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* "00" to "99": two digits per division. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* 10^k: where a number of k + 1 digits starts. */
static const uint64_t powers_of_ten[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u,
};

static inline size_t decimal_length(uint64_t v)
{
    /* from the bit length: 1233 / 4096 is log10(2) from above, close enough
       that a number of that many bits has t or t + 1 digits */
    unsigned bits = 64u - (unsigned)__builtin_clzll(v | 1);
    unsigned t = (bits * 1233u) >> 12;
    return t + ((v | 1) >= powers_of_ten[t]);
}

static inline size_t format_uint(uint64_t v, char *out)
{
    /* most counts in a report are below 100 */
    if (v < 10) {
        out[0] = (char)('0' + v);
        return 1;
    }
    if (v < 100) {
        out[0] = digit_pairs[2 * v];
        out[1] = digit_pairs[2 * v + 1];
        return 2;
    }
    size_t n = decimal_length(v);
    char *p = out + n;
    while (v >= 100) {
        unsigned pair = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        p[0] = digit_pairs[2 * pair];
        p[1] = digit_pairs[2 * pair + 1];
    }
    if (v >= 10) {
        p[-2] = digit_pairs[2 * v];
        p[-1] = digit_pairs[2 * v + 1];
    } else {
        p[-1] = (char)('0' + v);
    }
    return n;
}

size_t rs__format_uint(uint64_t v, char *out)
{
    return format_uint(v, out);
}

size_t rs__format_int(long long v, char *out)
{
    if (v >= 0)
        return format_uint((uint64_t)v, out);
    out[0] = '-';
    /* negated in unsigned arithmetic, where LLONG_MIN has a magnitude */
    return 1 + format_uint(0 - (uint64_t)v, out + 1);
}

size_t rs__format_hundredths(double v, char *out)
{
#if DBL_MANT_DIG == 53 && DBL_MAX_EXP == 1024 && FLT_RADIX == 2 /* IEEE 754 binary64 */
    if (!(fabs(v) < 1e13))
        return 0;
    /*
     * v is m * 2^-shift exactly, m below 2^53, so v * 100 is m * 100 (below
     * 2^60) over 2^shift, and integer arithmetic rounds that exact value to
     * the nearest hundredth, ties to even, as printf rounds the exact value
     * of v.  Below 1e13 (2^44) shift is at least 9.
     */
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    unsigned exponent = (unsigned)(bits >> 52) & 0x7FF;
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    unsigned shift = 1074; /* subnormal */
    if (exponent != 0) {
        m |= UINT64_C(1) << 52;
        shift = 1075 - exponent;
    }
    uint64_t hundredths = 0; /* from shift 61 up, m * 100 is below half a unit */
    if (shift <= 60) {
        uint64_t scaled = m * 100, half = UINT64_C(1) << (shift - 1);
        uint64_t rest = scaled & ((half << 1) - 1);
        hundredths = scaled >> shift;
        hundredths += rest > half || (rest == half && (hundredths & 1));
    }
    if (hundredths == 0) {
        out[0] = '0';
        return 1;
    }
    size_t len = 0;
    if (bits >> 63)
        out[len++] = '-';
    len += format_uint(hundredths / 100, out + len);
    unsigned cents = (unsigned)(hundredths % 100);
    if (cents) {
        out[len] = '.';
        out[len + 1] = digit_pairs[2 * cents];
        out[len + 2] = digit_pairs[2 * cents + 1];
        len += cents % 10 ? 3 : 2;
    }
    return len;
#else
    (void)v;
    (void)out;
    return 0;
#endif
}
