/* ascii.h: ASCII case folding for markup names and metadata comparisons. */
#ifndef RS_CORE_ASCII_H
#define RS_CORE_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static inline char rs__ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* a[0..alen) and b[0..blen) equal, ASCII case aside (other bytes exactly). */
static inline bool rs__ascii_eq_ci(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++)
        if (rs__ascii_lower(a[i]) != rs__ascii_lower(b[i]))
            return false;
    return true;
}

/* The NUL-terminated s (NULL allowed) equals lit, ASCII case aside. */
static inline bool rs__ascii_str_eq_ci(const char *s, const char *lit)
{
    return s && rs__ascii_eq_ci(s, strlen(s), lit, strlen(lit));
}

#endif
