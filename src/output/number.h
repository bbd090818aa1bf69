/*
 * number.h: numbers as the JSON output writes them, without printf.
 *
 * A report of a large input prints a thousand sections, each with sixteen
 * counts and a dozen scores, and snprintf() was most of the cost of
 * writing it.  These give the same characters printf would.
 */
#ifndef RS_OUTPUT_NUMBER_H
#define RS_OUTPUT_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Longest decimal of a 64-bit integer, with its sign: the room each
   function below needs at out. */
enum { RS_DECIMAL_MAX = 20 };

/* v in decimal, as "%llu" prints it; returns the length (no terminator). */
size_t rs__format_uint(uint64_t v, char *out);

/* v in decimal, as "%lld" prints it; returns the length (no terminator). */
size_t rs__format_int(long long v, char *out);

/*
 * v rounded to hundredths as "%.2f" rounds it (the exact binary value, ties
 * to even), then written without trailing zeros or a trailing point, and
 * with no minus sign on a value that rounds to zero: "65.7", "3", "0".
 * Returns the length, or 0 where it cannot promise printf's digits (a value
 * that is not finite or not below 1e13, or a platform whose double is not
 * IEEE 754 binary64): the caller then formats it another way.
 */
size_t rs__format_hundredths(double v, char *out);

#endif
