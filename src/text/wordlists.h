/* wordlists.h: familiar-word tests against the Dale-Chall and Spache lists. */
#ifndef RS_TEXT_WORDLISTS_H
#define RS_TEXT_WORDLISTS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Raw list membership, generated at build time by tools/gen_wordtable.py
 * from the lists in data/wordlists/.  Return 1 when key[0..len) is listed, else -1.
 */
int rs__dale_chall_lookup(const char *key, size_t len);
int rs__spache_lookup(const char *key, size_t len);
/* The same for key[0..len) followed by the byte tail, without copying. */
int rs__dale_chall_lookup_then(const char *key, size_t len, unsigned char tail);
int rs__spache_lookup_then(const char *key, size_t len, unsigned char tail);

/*
 * True when the word is on the list or is an inflection of a listed word
 * under Dale & Chall's (1948) counting rules: regular plurals, third-person
 * -s, possessives, -ed/-ing/-n verb forms, comparatives and superlatives of
 * listed adjectives, and -ly adverbs.  Hyphenated words are familiar when
 * every part is.  The rules and their known imprecision are described in
 * wordlists.c.
 */
/* lower: lowercase, NFC, apostrophes as ASCII '. */
bool rs__dale_chall_familiar(const char *lower, size_t len);
bool rs__spache_familiar(const char *lower, size_t len);

/* Both tests at once, for the lists in want: the RS_LIST_* bits of the
   lists lower is familiar to. */
enum { RS_LIST_DALE_CHALL = 1u << 0, RS_LIST_SPACHE = 1u << 1 };
unsigned rs__familiar_lists(const char *lower, size_t len, unsigned want);

#endif
