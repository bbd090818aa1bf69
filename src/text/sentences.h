/* sentences.h: sentence boundaries inside one block. */
#ifndef RS_TEXT_SENTENCES_H
#define RS_TEXT_SENTENCES_H

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

#endif
