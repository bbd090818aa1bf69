/*
 * What a word's key decides.  Gunning's Fog index leaves out words that
 * reach three syllables only through -es, -ed or -ing (Gunning 1952).
 * tools/gen_wordfacts.c links this file to precompute the facts of a
 * vocabulary, so the table and these rules are one code.
 */
#include "text/wordfacts.h"

#include <string.h>

#include "text/syllables.h"
#include "text/wordlists.h"

static bool ends_with(const char *key, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && memcmp(key + len - n, suffix, n) == 0;
}

/* Syllables the word has without an -es, -ed or -ing that adds one. */
static unsigned stem_syllables(const char *key, size_t len, unsigned syllables)
{
    if (ends_with(key, len, "ing"))
        return syllables - 1;
    if (ends_with(key, len, "ted") || ends_with(key, len, "ded"))
        return syllables - 1;
    if (ends_with(key, len, "es") && len > 3) {
        char c = key[len - 3];
        if (c == 's' || c == 'z' || c == 'x' || ends_with(key, len, "ches")
            || ends_with(key, len, "shes") || ends_with(key, len, "ges")
            || ends_with(key, len, "ces"))
            return syllables - 1;
    }
    return syllables;
}

/* Without a key (too long), a word is on no list. */
unsigned rs__word_key_flags(const char *key, size_t key_len, unsigned syllables)
{
    unsigned flags = 0;
    unsigned lists = key_len ? rs__familiar_lists(key, key_len, RS_LIST_DALE_CHALL | RS_LIST_SPACHE)
                             : 0;
    if (!(lists & RS_LIST_DALE_CHALL))
        flags |= RS_WORD_DIFFICULT;
    if (!(lists & RS_LIST_SPACHE))
        flags |= RS_WORD_UNFAMILIAR;
    if (syllables >= 3 && stem_syllables(key, key_len, syllables) >= 3)
        flags |= RS_WORD_COMPLEX;
    return flags;
}

unsigned rs__word_ascii_rules(const char *key, size_t len, unsigned *syllables)
{
    *syllables = rs__syllables_ascii(key, len);
    if (*syllables == 0)
        *syllables = 1;
    return rs__word_key_flags(key, len, *syllables) | rs__word_lex(key, len) << RS_WORD_LEX_SHIFT;
}
