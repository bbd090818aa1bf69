/* strbuf.c: see strbuf.h. */
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_free(strbuf *b)
{
    free(b->bytes);
    b->bytes = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

/* Room for len more bytes plus a NUL. */
static bool reserve(strbuf *b, size_t len)
{
    if (b->failed)
        return false;
    if (len < b->cap - b->len)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= len) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->bytes, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->bytes = p;
    b->cap = cap;
    return true;
}

void sb_write(strbuf *b, const char *bytes, size_t len)
{
    if (len == 0 || !reserve(b, len))
        return;
    memcpy(b->bytes + b->len, bytes, len);
    b->len += len;
}

void sb_puts(strbuf *b, const char *s)
{
    sb_write(b, s, strlen(s));
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_write(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->bytes + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sb_cstr(strbuf *b)
{
    if (!reserve(b, 0))
        return "";
    b->bytes[b->len] = '\0';
    return b->bytes;
}

int sb_write_cb(void *ud, const char *bytes, size_t len)
{
    strbuf *b = ud;
    sb_write(b, bytes, len);
    return b->failed ? 1 : 0;
}

void sb_json_string_n(strbuf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *end = p + (s ? len : 0);
    sb_puts(b, "\"");
    while (p < end) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            sb_write(b, esc, 2);
            p++;
        } else if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sb_write(b, esc, 6);
            p++;
        } else if (c < 0x80) {
            /* Runs of plain ASCII go in one copy. */
            const unsigned char *q = p + 1;
            while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
                q++;
            sb_write(b, (const char *)p, (size_t)(q - p));
            p = q;
        } else {
            size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3
                                                 : c >= 0xC2 && c < 0xE0  ? 2
                                                                         : 0;
            size_t k = 1;
            while (n && k < n && p + k < end && (p[k] & 0xC0) == 0x80)
                k++;
            if (n && k == n) {
                sb_write(b, (const char *)p, n);
                p += n;
            } else {
                sb_puts(b, "\\ufffd");
                p += k;
            }
        }
    }
    sb_puts(b, "\"");
}

void sb_json_string(strbuf *b, const char *s)
{
    sb_json_string_n(b, s, s ? strlen(s) : 0);
}

void sb_json_number(strbuf *b, double v)
{
    sb_printf(b, "%.10g", isfinite(v) ? v : 0.0);
}
