/* textpos.c: see textpos.h. */
#include "textpos.h"

#include <stdlib.h>
#include <string.h>

bool textpos_init(textpos *tp, const char *text, size_t len)
{
    tp->text = text ? text : "";
    tp->len = text ? len : 0;
    tp->count = 0;
    size_t n = 1;
    for (const char *p = tp->text, *end = tp->text + tp->len;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    tp->starts = malloc(n * sizeof *tp->starts);
    if (!tp->starts)
        return false;
    tp->starts[tp->count++] = 0;
    for (size_t i = 0; i < tp->len; i++)
        if (tp->text[i] == '\n')
            tp->starts[tp->count++] = i + 1;
    return true;
}

void textpos_free(textpos *tp)
{
    free(tp->starts);
    tp->starts = NULL;
    tp->count = 0;
}

void textpos_at(const textpos *tp, size_t offset, size_t *line, size_t *col)
{
    if (!tp->starts) {
        *line = *col = 0;
        return;
    }
    if (offset > tp->len)
        offset = tp->len;
    size_t lo = 0, hi = tp->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tp->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    /* Continuation bytes (10xxxxxx) do not start a code point. */
    size_t c = 1;
    for (size_t i = tp->starts[lo]; i < offset; i++)
        c += ((unsigned char)tp->text[i] & 0xC0) != 0x80;
    *col = c;
}
