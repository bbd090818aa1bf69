/*
 * markdown_cut.h: where a Markdown document may be cut into pieces that
 * parse on their own as they would within the whole (RS_OPT_STREAM: md4c
 * parses whole documents only).
 *
 * A cut goes before a line that follows a blank line, starts in its first
 * column, and is not a list item: there every open block has ended (a
 * paragraph, a block quote, a table, a list, an HTML block of the kinds a
 * blank line ends), and nothing after it can continue them.  Not inside a
 * fenced code block, nor inside an HTML block that only its end tag or
 * "-->" closes.  What a cut still changes: a link reference definition
 * serves only its own piece, and a list that goes on past a blank line in
 * the first column is two lists.
 */
#ifndef RS_FORMAT_MARKDOWN_CUT_H
#define RS_FORMAT_MARKDOWN_CUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs__md_cut {
    size_t scan;          /* the next line to look at */
    size_t last_cut;      /* the last place found to cut, 0: none */
    bool prev_blank;
    char fence;           /* '`' or '~' inside a fenced code block, else 0 */
    size_t fence_len;
    const char *html_end; /* the end marker of the open HTML block, or NULL */
} rs__md_cut;

/* Looks at the whole lines of text[cut->scan, len); updates last_cut. */
void rs__md_cut_scan(rs__md_cut *cut, const char *text, size_t len);

#endif
