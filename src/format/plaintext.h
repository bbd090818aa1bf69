/* plaintext.h: lines of plain text -> blocks (paragraphs, headings, list items). */
#ifndef RS_FORMAT_PLAINTEXT_H
#define RS_FORMAT_PLAINTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "format/frontend.h"

/* Where the line parser sends each finished block, in document order. */
typedef struct rs__block_sink {
    rs_status (*block)(void *ud, rs_block_kind kind, int level, size_t start, size_t end);
    void *ud;
} rs__block_sink;

/*
 * Push parser state.  Lines arrive one at a time, so blocks come out while
 * the input is still streaming; a one-line paragraph waits for the next
 * line to know whether it is a heading ("a short line without final
 * punctuation that is followed by text").
 */
typedef struct rs__plaintext {
    int open;                /* OPEN_NONE, OPEN_PARAGRAPH, OPEN_ITEM */
    size_t start, end;       /* the open block's content */
    size_t lines;
    bool first_line_heading_like;
    size_t item_indent;      /* columns before the open item's marker */
    bool item_gap;           /* a blank line inside the open item */
    bool pending;            /* a heading-like line followed by a blank line */
    size_t pending_start, pending_end;
} rs__plaintext;

void rs__plaintext_init(rs__plaintext *pt);

/* One line, text[start..end), without its line terminator. */
rs_status rs__plaintext_line(rs__plaintext *pt, const char *text, size_t start, size_t end,
                             const rs__block_sink *sink);

/* The input ended: flushes what is still open. */
rs_status rs__plaintext_finish(rs__plaintext *pt, const rs__block_sink *sink);

#endif
