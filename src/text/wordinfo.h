/* wordinfo.h: what one word contributes to the counts. */
#ifndef RS_TEXT_WORDINFO_H
#define RS_TEXT_WORDINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/tokenizer.h"

enum { RS_WORD_KEY_MAX = 96 };

typedef struct rs__word_info {
    unsigned syllables;
    bool scored;       /* has syllables: not a link, address, handle, tag or CJK */
    bool long_word;    /* more than 6 letters */
    bool difficult;    /* not familiar to Dale-Chall */
    bool unfamiliar;   /* not familiar to Spache */
    bool complex;      /* Gunning Fog's complex word */
    char key[RS_WORD_KEY_MAX]; /* case-folded NFC form with ' for ’ */
    size_t key_len;    /* 0 when the word is too long for a key */
} rs__word_info;

/*
 * Case-folds and NFC-normalises word[0..len) into out (cap bytes), turning
 * U+2019 into ASCII '.  Returns the key's length, or 0 if it does not fit.
 */
size_t rs__word_key(const char *word, size_t len, char *out, size_t cap);

/*
 * Describes the word token t of text.  sentence_initial tells whether it
 * opens its sentence: a capital there does not make a proper noun.
 */
void rs__word_describe(const char *text, const rs__token *t, bool sentence_initial,
                       rs__word_info *out);

/*
 * What rs__word_describe() finds for a word depends on its key alone, and
 * prose repeats a few thousand words over and over, so an analyzer keeps
 * the answers for short ASCII keys.  The cache stops growing at a fixed
 * size, so it bounds memory whatever the input.
 */
enum { RS_WORD_CACHE_KEY = 23 };

typedef struct rs__word_cache_entry {
    char key[RS_WORD_CACHE_KEY];
    uint8_t len;         /* 0: a free slot */
    uint8_t syllables;
    uint8_t flags;       /* see wordinfo.c */
    uint32_t hash;
} rs__word_cache_entry;

typedef struct rs__word_cache {
    rs__word_cache_entry *slots;
    size_t nslots, count;
} rs__word_cache;

/* rs__word_describe(), answered from the cache when it can (alloc grows
   it).  Errors: RS_ERR_NOMEM. */
rs_status rs__word_describe_cached(const rs_allocator *alloc, rs__word_cache *cache,
                                   const char *text, const rs__token *t, bool sentence_initial,
                                   rs__word_info *out);

void rs__word_cache_free(rs__word_cache *cache, const rs_allocator *alloc);

#endif
