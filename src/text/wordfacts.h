/*
 * wordfacts.h: what a word's key decides (syllables, the familiar lists,
 * Fog's complex test, the classifier's lexicon), and the table of those
 * facts that the build precomputes for a fixed vocabulary.
 */
#ifndef RS_TEXT_WORDFACTS_H
#define RS_TEXT_WORDFACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What measuring a block needs of one word: its syllables and these bits. */
enum {
    RS_WORD_DIFFICULT = 1u << 0,  /* not familiar to Dale-Chall */
    RS_WORD_UNFAMILIAR = 1u << 1, /* not familiar to Spache */
    RS_WORD_COMPLEX = 1u << 2,    /* Gunning Fog's complex word */
    RS_WORD_SCORED = 1u << 3,     /* has syllables: not a link, address, handle, tag or CJK */
    RS_WORD_LONG = 1u << 4,       /* more than 6 letters */
    RS_WORD_KNOWN_ID = 1u << 5,   /* with _UNFAMILIAR: unfamiliar_id is the word's id in the set */
    RS_WORD_LEX_KNOWN = 1u << 6,  /* lex and fold_hash are the word's (asked for, and an ASCII key) */
    RS_WORD_KEY_BITS = RS_WORD_DIFFICULT | RS_WORD_UNFAMILIAR | RS_WORD_COMPLEX,
    RS_WORD_LEX_SHIFT = 6         /* where an entry's flags keep the lexicon's answer */
};

/*
 * What the plain-text classifier's lexicon says of a word's key (fold): the
 * RS__WORD_LEX_* bits of doc/roles_text.h, which fit in the 10 bits above
 * RS_WORD_LEX_SHIFT.  Cache entries of ASCII keys keep it, so that the
 * classifier, which describes the words just measured, looks up none again.
 */
unsigned rs__word_lex(const char *key, size_t len);

/* The RS_WORD_KEY_BITS a key decides, given its syllables. */
unsigned rs__word_key_flags(const char *key, size_t len, unsigned syllables);

/*
 * The rules for an ASCII key (a word in lower case): its syllables (at
 * least 1) in *syllables, and its RS_WORD_KEY_BITS with rs__word_lex() above
 * RS_WORD_LEX_SHIFT returned, as a word cache entry keeps them.
 */
unsigned rs__word_ascii_rules(const char *key, size_t len, unsigned *syllables);

/*
 * rs__word_ascii_rules() answered in advance for the words of the lists
 * and the syllable exceptions and their regular inflections: most words
 * of prose are there, and a probe costs a fraction of the rules.
 * tools/gen_wordfacts.c runs the rules at build time to make it, so it
 * cannot disagree with them.  Keys of up to RS_WORD_TABLE_KEY bytes, as
 * little-endian eights, zero padded; an open-addressing index of
 * 1 << bits slots (0: free, else 1 + the entry), at most half full.
 */
enum {
    RS_WORD_TABLE_KEY = 16,
    /* an entry's facts: syllables, flags above them, the key's length on top */
    RS_WORD_TABLE_FLAGS_SHIFT = 8,
    RS_WORD_TABLE_LEN_SHIFT = 24
};

typedef struct rs__word_table {
    const uint64_t (*keys)[2];
    const uint32_t *facts;
    const uint16_t *slots;
    uint32_t count;
    unsigned bits;
} rs__word_table;

/* Generated at build time (word_facts_table.c). */
extern const rs__word_table rs__word_facts_table;

static inline uint64_t rs__word_table_hash(uint64_t k0, uint64_t k1, size_t len)
{
    uint64_t x = (k0 ^ (k1 * UINT64_C(0xFF51AFD7ED558CCD)) ^ len) * UINT64_C(0x9E3779B97F4A7C15);
    return x ^ (x >> 29);
}

/* The slot where the key is, or the free slot where it would go. */
static inline size_t rs__word_table_slot(const rs__word_table *t, uint64_t k0, uint64_t k1,
                                         size_t len)
{
    size_t mask = ((size_t)1 << t->bits) - 1;
    for (size_t s = (size_t)(rs__word_table_hash(k0, k1, len) >> (64 - t->bits));;
         s = (s + 1) & mask) {
        unsigned e = t->slots[s];
        if (e == 0)
            return s;
        e--;
        if (t->keys[e][0] == k0 && t->keys[e][1] == k1
            && t->facts[e] >> RS_WORD_TABLE_LEN_SHIFT == len)
            return s;
    }
}

/* rs__word_ascii_rules() of the key k0, k1 (len bytes) from the table:
   false when the table does not have it. */
static inline bool rs__word_table_find(const rs__word_table *t, uint64_t k0, uint64_t k1,
                                       size_t len, unsigned *syllables, unsigned *flags)
{
    if (len > RS_WORD_TABLE_KEY)
        return false;
    unsigned e = t->slots[rs__word_table_slot(t, k0, k1, len)];
    if (e == 0)
        return false;
    uint32_t f = t->facts[e - 1];
    *syllables = f & 0xFF;
    *flags = (f >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF;
    return true;
}

#endif
