/* tokenizer.h: one block of text -> words, punctuation and white space. */
#ifndef RS_TEXT_TOKENIZER_H
#define RS_TEXT_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

#include "readstat.h"

typedef enum rs__tok_type {
    RS_TOK_WORD = 0,
    RS_TOK_PUNCT, /* one punctuation code point */
    RS_TOK_SPACE, /* a run of white space, line breaks included */
    RS_TOK_OTHER  /* one symbol, emoji or control: never part of a word */
} rs__tok_type;

enum {
    RS_TF_UPPER_FIRST = 1u << 0, /* word: first letter upper case */
    RS_TF_LOWER_FIRST = 1u << 1, /* word: first letter lower case */
    RS_TF_DOTTED = 1u << 2,      /* word: U.S., e.g., Ph.D. (ends with its '.') */
    RS_TF_HYPHEN = 1u << 3,      /* word: a hyphenated compound */
    RS_TF_ASCII = 1u << 4,       /* word: ASCII only */
    RS_TF_NEWLINE = 1u << 5,     /* space: holds a line break */
    RS_TF_SPACE_BEFORE_NL = 1u << 6, /* space: blanks before its first line break */
    RS_TF_APOSTROPHE = 1u << 7,  /* word: has an inner apostrophe */
    RS_TF_ALL_UPPER = 1u << 8,   /* word: every letter upper case */
    /* punctuation the sentence splitter must look at: . ! ? ) and the other
       terminals and bullets; it passes over the rest without a look */
    RS_TF_SPLITS = 1u << 9,
    /* word: an ASCII letter, then lower-case ASCII letters only, with
       sixteen bytes of the text readable from its start, as the
       tokenizer's fast path finds most words (others may be so too): the
       word cache's key is then the word with its first byte lowered */
    RS_TF_LOWER_TAIL = 1u << 10
};

typedef struct rs__token {
    size_t start, end;   /* byte offsets into the whole input */
    int32_t cp;          /* first code point */
    uint32_t letters;    /* letters in a word */
    uint32_t digits;     /* digits in a word */
    uint16_t flags;      /* RS_TF_* */
    uint8_t type;        /* rs__tok_type */
    uint8_t kind;        /* rs_word_kind, for words */
} rs__token;

typedef struct rs__token_vec {
    rs__token *items;
    size_t count, cap;
} rs__token_vec;

/* What tokenizing a block counted besides the tokens. */
typedef struct rs__text_stats {
    uint64_t characters;   /* code points that are not space, marks or controls */
    uint64_t invalid_utf8; /* damaged sequences read as U+FFFD */
    uint64_t newlines;     /* '\n' bytes (white-space tokens hold them all) */
} rs__text_stats;

/*
 * Appends the tokens of text[start..end) to out (which it does not clear).
 * Errors: RS_ERR_NOMEM, RS_ERR_LIMIT.
 */
rs_status rs__tokenize(const rs_allocator *alloc, const char *text, size_t start, size_t end,
                       rs__token_vec *out, rs__text_stats *stats);

/*
 * rs__tokenize(), where text[end..readable_end) may be read too (it never
 * goes into a token): the words near end are then read as fast as the
 * others, and get RS_TF_LOWER_TAIL where sixteen bytes up to readable_end
 * follow their start.
 */
rs_status rs__tokenize_readable(const rs_allocator *alloc, const char *text, size_t start,
                                size_t end, size_t readable_end, rs__token_vec *out,
                                rs__text_stats *stats);

#endif
