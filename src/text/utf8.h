/* utf8.h: a lenient UTF-8 decoder for text that may be damaged. */
#ifndef RS_TEXT_UTF8_H
#define RS_TEXT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RS_REPLACEMENT_CHAR 0xFFFD

/*
 * Decodes the code point at s[0..len) (len >= 1) into *cp and returns the
 * number of bytes it used.  A damaged sequence (overlong form, surrogate,
 * value past U+10FFFF, stray continuation byte, truncation) becomes U+FFFD
 * and *invalid is set; it consumes the longest prefix that could have begun
 * a valid sequence ("maximal subpart", Unicode 15 §3.9), so that every
 * damaged spot is one replacement character, as browsers and utf8proc-based
 * tools count it.
 */
static inline size_t rs__utf8_decode(const unsigned char *s, size_t len, int32_t *cp,
                                     bool *invalid)
{
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t need;
    int32_t value;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        value = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        value = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        value = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; /* overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        *cp = RS_REPLACEMENT_CHAR;
        *invalid = true;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len)
            goto damaged;
        unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            goto damaged;
        value = (value << 6) | (b & 0x3F);
    }
    *cp = value;
    return need + 1;
damaged:
    *cp = RS_REPLACEMENT_CHAR;
    *invalid = true;
    return i;
}

/*
 * Encodes cp as UTF-8 into out (4 bytes of room) and returns its length.
 * NUL, surrogates and values past U+10FFFF become U+FFFD, as CommonMark and
 * HTML read such character references.
 */
static inline size_t rs__utf8_encode(unsigned long cp, char *out)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = RS_REPLACEMENT_CHAR;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#endif
