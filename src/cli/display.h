/* display.h: text as a terminal shows it: one line, measured in columns. */
#ifndef READSTAT_CLI_DISPLAY_H
#define READSTAT_CLI_DISPLAY_H

#include <stddef.h>

/*
 * A copy of bytes[0..len) that is safe to print on one line: white space
 * runs become one space, the ends are trimmed, control characters are
 * dropped and invalid UTF-8 becomes U+FFFD.  The caller frees it; NULL when
 * out of memory.
 */
char *display_clean(const char *bytes, size_t len);

/* Columns that a cleaned, NUL-terminated string takes. */
size_t display_width(const char *s);

/*
 * Prints s left-aligned in exactly `columns` columns: cut with "…" when too
 * wide, padded with spaces otherwise.
 */
void display_cell(const char *s, size_t columns);

/* Prints s right-aligned in `columns` columns.  Never cuts: these are
 * numbers, and a wrong number is worse than a ragged column. */
void display_number(const char *s, size_t columns);

/* Prints s in at most max_columns, cut with "…", without padding (the last
 * cell of a line: no trailing blanks). */
void display_text(const char *s, size_t max_columns);

#endif
