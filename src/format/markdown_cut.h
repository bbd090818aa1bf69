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
 *
 * A block that no such cut ends for long (a paragraph, a list item or a
 * quote with no blank line, a code or HTML block of megabytes) is cut
 * inside (rs__md_inner_cut), so that memory stays bounded: at the start of
 * a line that only continues the block (its text, after white space and
 * '>' markers, starts with a letter, and so does the next line's, so that
 * neither can open another block, be a setext underline or a table's
 * delimiter row), after a line that ends inside a sentence; or, inside a
 * fenced code block or an HTML block that an end marker closes, at the
 * start of any line; or between two rows of a table (the next piece is
 * read after an empty header row); or, in a run of link reference
 * definitions that opened a block, before one of them (a cut inside one
 * would make a paragraph of the rest); or, failing those, inside a line
 * before a word that goes on a sentence (not after '.', '!', '?' or their
 * CJK forms; between two CJK ideographs if there is no space), one in
 * lower case first; or inside a token of megabytes, before a letter; or,
 * last, where a line of megabytes has no letter to cut before (dots,
 * '#', '>' or '<' over and over, symbols between spaces), before any
 * character but white space or a list number, ASCII punctuation read
 * escaped.  The front-end then parses the next piece as the continuation
 * of that block (format/markdown.c).
 */
#ifndef RS_FORMAT_MARKDOWN_CUT_H
#define RS_FORMAT_MARKDOWN_CUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A place to cut inside a block, and what the block is there. */
typedef struct rs__md_inner_cut {
    size_t at;            /* where the next piece starts */
    bool mid_line;        /* inside a line, before a word */
    /* inside a line, before ASCII punctuation that the next piece reads
       escaped ("\\#"), so that it opens no block there */
    bool escape_first;
    bool table_row;       /* between two lines that may be a table's rows */
    size_t content;       /* a line's first byte past white space and '>' markers */
    size_t quotes;        /* '>' markers before it */
    size_t indent;        /* columns of white space before it, when there are no markers */
    char fence;           /* inside a fenced code block at the top level: its fence */
    size_t fence_len, fence_indent;
    /* the code line's rest could close the fence: the next piece reads it
       indented four spaces, as code that closes nothing */
    bool fence_pad;
    const char *html_open; /* inside an HTML block that an end marker closes: its opening */
} rs__md_inner_cut;

/* A fence or HTML block that only its end closes. */
typedef struct rs__md_block_span {
    char fence;
    size_t fence_len, fence_indent;
    const char *html_end;
    size_t body;          /* its first line after its opening */
    size_t end;           /* where its closing line starts (SIZE_MAX: open) */
} rs__md_block_span;

typedef struct rs__md_cut {
    size_t scan;          /* the next line to look at */
    size_t last_cut;      /* the last place found to cut, 0: none */
    bool prev_blank;
    bool prev_by_itself;  /* the line before is a block by itself: a heading, a break */
    char fence;           /* '`' or '~' inside a fenced code block, else 0 */
    size_t fence_len;
    const char *html_end; /* the end marker of the open HTML block, or NULL */
    /* for inner cuts (rs__md_inner_cut_find) */
    size_t normal_since;  /* no fence nor end-marked HTML block is open from here on */
    size_t block_body;    /* the open fence's or HTML block's first line after its opening */
    size_t fence_indent;  /* spaces before the open fence */
    rs__md_block_span closed; /* the last one that ended (end 0: none) */
    /* lines that read as link reference definitions, the first of them at
       a block's start, from refs_from on (in_refs: up to the last line
       looked at); refs_last: the latest one; refs_end: where a piece may
       start after them (the next line, or the last one when the next may
       hold its title) */
    bool in_refs;
    size_t refs_from, refs_last, refs_end;
    /* md4c 0.4.8 looks for the line of every label that may be a reference
       ("[a]", not "[a](b)") from its paragraph's first line, so that a
       label costs the lines before it, and a paragraph its lines times its
       labels.  run_lines and run_work: the paragraph being read, its lines
       and the lines before each of its labels (they start again after a
       blank line, a heading, a break, a fence, a list item's marker or a
       deeper quote); run_quotes: its quotes; run_html: it is an HTML
       block, where no label counts.  dense: one reached
       RS__MD_DENSE_WORK; dense_from: the last cut before it (the front-end
       cuts inside from there), dense_end: the first cut after it (once
       dense_end_known).  A second such paragraph while one is pending
       stops the scan (dense_stop) until rs__md_cut_dense_done(). */
    size_t run_lines, run_quotes;
    uint64_t run_work;
    bool run_html;
    bool dense, dense_end_known, dense_stop;
    size_t dense_from, dense_end;
} rs__md_cut;

/* Whether s[p], in s[0, n), is a ']' that may end a label md4c looks up
   as a reference: not one before '(' (a link's destination). */
static inline bool rs__md_label_end(const char *s, size_t p, size_t n)
{
    return s[p] == ']' && (p + 1 == n || s[p + 1] != '(');
}

/* What a block's lines times its labels may reach before md4c's search for
   their lines is worth cutting it for (about 2 ms), once it is cut inside
   anyway (format/markdown.c). */
#define RS__MD_LABEL_WORK (UINT64_C(1) << 22)

/* And before a paragraph that blank lines end is cut inside for it, in
   lines before its labels (about 0.1 s of md4c's: 23,000 lines of "[a] b"
   reach it): such a cut may read differently from the whole
   (format/markdown.c), and the scanner's paragraphs are a guess, so only
   a paragraph that would cost that much whole is cut. */
#define RS__MD_DENSE_WORK (UINT64_C(1) << 28)

/* Looks at the whole lines of text[cut->scan, len); updates last_cut. */
void rs__md_cut_scan(rs__md_cut *cut, const char *text, size_t len);

/*
 * A place to cut inside a block, in (from, to], after rs__md_cut_scan()
 * read text up to len: the latest line start that may be one, else the
 * latest place before a word (the rules above).  Returns whether there is
 * one, in *c.
 */
bool rs__md_inner_cut_find(const rs__md_cut *cut, const char *text, size_t from, size_t to,
                           size_t len, rs__md_inner_cut *c);

/*
 * Whether the line holding `at` (text read up to len) begins as no block
 * does (a letter, or a '[': in a paragraph, a definition's line is its
 * text), or began before `lo` (lo_in_line: a line goes on into lo), and
 * the line after it does not underline it into a heading: a cut inside it
 * cannot split a list marker, a heading's or a break's marks from the
 * rest.
 */
bool rs__md_cut_in_text_line(const char *text, size_t lo, bool lo_in_line, size_t at,
                             size_t len);

/* After a cut at `at`, maybe inside the line being read: the rest reads as a line. */
void rs__md_cut_resume(rs__md_cut *cut, size_t at);

/* The pending paragraph of dense labels is parsed up to dense_end: the
   scan goes on, and a paragraph it stopped at becomes the pending one. */
void rs__md_cut_dense_done(rs__md_cut *cut);

#endif
