/* sentences.h: sentence boundaries inside one block. */
#ifndef RS_TEXT_SENTENCES_H
#define RS_TEXT_SENTENCES_H

#include <stdbool.h>
#include <stddef.h>

#include "readstat.h"
#include "text/tokenizer.h"

/* Tokens [first, last] of one sentence; it holds at least one word. */
typedef struct rs__span {
    size_t first, last;
} rs__span;

typedef struct rs__span_vec {
    rs__span *items;
    size_t count, cap;
} rs__span_vec;

/*
 * The splitter's state where a block is cut in two (RS_OPT_STREAM measures
 * a long block in pieces), so that the part after the cut is split as in
 * the whole block.
 */
typedef struct rs__sentence_carry {
    bool continues;     /* the part goes on with a sentence begun before it */
    unsigned char words; /* ...which had that many words before it, up to the 4 the rules ask */
    /* continues: the sentence began on the line the part starts in, with
       no line break since; else: the part starts a line */
    bool on_line;
    bool after_bullet;  /* the last token before the part that is not white space is a bullet */
    bool lists;         /* a bullet or a list marker came before */
    int last_number, last_alpha, last_roman; /* the last list marker's values */
    /* at a part's end, of its last sentence (or the one still open):
       `words` and `on_line` describe it as for `continues` */
    bool open;          /* nothing ended it before the part's end */
    bool ends_firmly;   /* a rule that looks at nothing past the part ended it */
    bool line_start;    /* the part ends with a line break */
} rs__sentence_carry;

/*
 * Splits the n tokens of one block (text is the whole input the tokens
 * point into) into sentences, appended to out.  The tokens are as
 * rs__tokenize makes them: inside a sentence the splitter passes over every
 * token whose flags (RS_TF_SPLITS, RS_TF_NEWLINE, RS_TF_DOTTED) ask for no
 * look.  A block boundary always
 * ends a sentence, so the last sentence runs to the block's end.
 * Errors: RS_ERR_NOMEM, RS_ERR_LIMIT.
 */
rs_status rs__split_sentences(const rs_allocator *alloc, const char *text,
                              const rs__token *toks, size_t n, rs__span_vec *out);

/*
 * The same for a part of a block (text/sentences_carried.c): at_start
 * (NULL: the block's start) is the state where the part starts; at_end
 * (NULL: not wanted) receives the state where it ends, for the part that
 * follows (whose `continues` the caller decides; out must then hold no
 * spans before the call).
 */
rs_status rs__split_sentences_carried(const rs_allocator *alloc, const char *text,
                                      const rs__token *toks, size_t n, rs__span_vec *out,
                                      const rs__sentence_carry *at_start,
                                      rs__sentence_carry *at_end);

#endif
