/* textpos.h: line and column of byte offsets, for "file:line:col". */
#ifndef READSTAT_CLI_TEXTPOS_H
#define READSTAT_CLI_TEXTPOS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct textpos {
    const char *text;
    size_t len;
    size_t *starts; /* byte offset where each line starts */
    size_t count;
} textpos;

/* Indexes text's lines (LF ends a line; a CR before it is part of the
 * line, as editors count).  False when out of memory. */
bool textpos_init(textpos *tp, const char *text, size_t len);
void textpos_free(textpos *tp);

/* 1-based line and column of a byte offset.  The column counts code
 * points, as editors and CI annotations do, not bytes. */
void textpos_at(const textpos *tp, size_t offset, size_t *line, size_t *col);

#endif
