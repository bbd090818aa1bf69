/* number.c: see number.h. */
#include "output/number.h"

#include <float.h>
#include <math.h>

/* "00" to "99": two digits per division. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

size_t rs__format_uint(uint64_t v, char *out)
{
    size_t n = 1;
    for (uint64_t t = v; t >= 10; t /= 10)
        n++;
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

size_t rs__format_int(long long v, char *out)
{
    if (v >= 0)
        return rs__format_uint((uint64_t)v, out);
    out[0] = '-';
    /* negated in unsigned arithmetic, where LLONG_MIN has a magnitude */
    return 1 + rs__format_uint(0 - (uint64_t)v, out + 1);
}

size_t rs__format_hundredths(double v, char *out)
{
    /*
     * A double has 53 significant bits and 100 is 25 * 4, five bits more, so
     * with a 64-bit long double the product below is v * 100 exactly, and
     * rintl() rounds that exact value to the nearest integer, ties to even,
     * as printf rounds the exact value of v.  Below 1e13 the hundredths fit
     * in an integer with room to spare.
     */
#if LDBL_MANT_DIG >= 58
    if (!(fabs(v) < 1e13))
        return 0;
    long double hundredths = rintl((long double)v * 100.0L);
    long long n = (long long)hundredths;
    if (n == 0) {
        out[0] = '0';
        return 1;
    }
    size_t len = 0;
    if (n < 0) {
        out[len++] = '-';
        n = -n;
    }
    len += rs__format_uint((uint64_t)(n / 100), out + len);
    unsigned cents = (unsigned)(n % 100);
    if (cents) {
        out[len++] = '.';
        out[len++] = (char)('0' + cents / 10);
        if (cents % 10)
            out[len++] = (char)('0' + cents % 10);
    }
    return len;
#else
    (void)v;
    (void)out;
    return 0;
#endif
}
