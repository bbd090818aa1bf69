/* display.c: widths come from utf8proc_charwidth (East Asian wide = 2,
 * combining marks = 0), so that columns line up with non-ASCII text. */
#include "display.h"

#include "output.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026, one column */

static bool is_space(utf8proc_int32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0x85)
        return true;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_control(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF;
}

char *display_clean(const char *bytes, size_t len)
{
    /* An invalid byte (1) turns into U+FFFD (3): the output is at most 3x. */
    char *out = malloc(3 * len + 1);
    if (!out)
        return NULL;
    size_t used = 0;
    bool pending_space = false;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)bytes;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (is_space(cp)) {
            pending_space = used > 0;
        } else if (!is_control(cp)) {
            if (pending_space)
                out[used++] = ' ';
            pending_space = false;
            used += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + used);
        }
        i += (size_t)n;
    }
    out[used] = '\0';
    return out;
}

/* Decodes one code point of a cleaned string (always valid UTF-8). */
static size_t next_char(const char *s, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)n;
}

static size_t char_width(utf8proc_int32_t cp)
{
    int w = utf8proc_charwidth(cp);
    return w > 0 ? (size_t)w : 0;
}

size_t display_width(const char *s)
{
    size_t width = 0;
    while (*s) {
        utf8proc_int32_t cp;
        s += next_char(s, &cp);
        width += char_width(cp);
    }
    return width;
}

/* Prints the longest prefix of s that fits in columns - 1, then "…";
 * returns the columns used. */
static size_t print_cut(const char *s, size_t columns)
{
    /* A zero-width mark stays with the character before it. */
    size_t used = 0, bytes = 0;
    while (s[bytes]) {
        utf8proc_int32_t cp;
        size_t n = next_char(s + bytes, &cp);
        size_t w = char_width(cp);
        if (used + w > columns - 1)
            break;
        used += w;
        bytes += n;
    }
    /* A cut just after a space would leave "word …". */
    while (bytes > 0 && s[bytes - 1] == ' ') {
        bytes--;
        used--;
    }
    out_write(s, bytes);
    out_puts(ELLIPSIS);
    return used + 1;
}

static size_t print_fitted(const char *s, size_t max_columns)
{
    size_t width = display_width(s);
    if (width <= max_columns) {
        out_puts(s);
        return width;
    }
    return max_columns == 0 ? 0 : print_cut(s, max_columns);
}

void display_cell(const char *s, size_t columns)
{
    size_t used = print_fitted(s, columns);
    out_pad(columns - used);
}

void display_text(const char *s, size_t max_columns)
{
    print_fitted(s, max_columns);
}

void display_number(const char *s, size_t columns)
{
    size_t width = display_width(s);
    if (width < columns)
        out_pad(columns - width);
    out_puts(s);
}
