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
 * rs__word_ascii_rules() answered in advance for a vocabulary: the words of
 * the lists and the syllable exceptions with their regular inflections,
 * and the words of CMUdict (data/vocabulary/), so that most words of prose
 * are there and a probe costs a fraction of the rules.  tools/gen_wordfacts.c
 * runs the rules at build time to make it, so it cannot disagree with them.
 *
 * Keys come as little-endian eights, zero padded (k0, k1: up to
 * RS_WORD_TABLE_KEY bytes).  Most keys are up to RS_WORD_CODE_LETTERS of
 * a-z and the apostrophe: such a key is kept as 5 bits a letter in one
 * 64-bit code, with the index of its facts in a small palette above, in
 * hashed buckets.  The other keys (longer, or with other characters) have
 * whole keys and facts in an open-addressing index of 1 << bits slots (0:
 * free, else 1 + the entry), at most half full.  A key is in one part only.
 */
enum {
    RS_WORD_TABLE_KEY = 16,
    /* an entry's facts: syllables, flags above them, the key's length on top */
    RS_WORD_TABLE_FLAGS_SHIFT = 8,
    RS_WORD_TABLE_LEN_SHIFT = 24,
    /* 55 bits of letters leave 9 for the palette: ~95% of the vocabulary
       fits, and an entry is one 64-bit word */
    RS_WORD_CODE_LETTERS = 11,
    RS_WORD_CODE_BITS = 5 * RS_WORD_CODE_LETTERS, /* a code's facts index is above these */
    RS_WORD_CODE_APOSTROPHE = 27                  /* a-z are 1 to 26, padding 0 */
};
#define RS_WORD_CODE_MASK ((UINT64_C(1) << RS_WORD_CODE_BITS) - 1)

typedef struct rs__word_table {
    /* the coded keys, bucket by bucket: bucket b is codes[starts[b]] up to
       codes[starts[b + 1]], 1 << bucket_bits buckets */
    const uint64_t *codes;
    const uint32_t *starts;
    const uint32_t *palette; /* facts as the other part keeps them, without the length */
    uint32_t code_count, palette_count;
    unsigned bucket_bits;
    /* the other keys */
    const uint64_t (*keys)[2];
    const uint32_t *facts;
    const uint16_t *slots;
    uint32_t count;
    unsigned bits;
} rs__word_table;

/* Generated at build time (word_facts_table.c). */
extern const rs__word_table rs__word_facts_table;

#define RS_WORD_TABLE_ONES UINT64_C(0x0101010101010101)
#define RS_WORD_TABLE_HIGH UINT64_C(0x8080808080808080)

/*
 * The 5-bit codes of up to 8 key bytes in one byte each, in the high bit of
 * each byte of *valid whether the byte is a letter or an apostrophe.  Bytes
 * must be below 0x80, so that no addition carries into the next byte.
 */
static inline uint64_t rs__word_code_bytes(uint64_t v, uint64_t *valid)
{
    uint64_t at_least_a = v + RS_WORD_TABLE_ONES * (0x80 - 'a');
    uint64_t beyond_z = v + RS_WORD_TABLE_ONES * (0x80 - 'z' - 1);
    uint64_t not_apostrophe = (v ^ RS_WORD_TABLE_ONES * '\'') + RS_WORD_TABLE_ONES * 0x7F;
    uint64_t apostrophe = ~not_apostrophe & RS_WORD_TABLE_HIGH;
    *valid = (at_least_a & ~beyond_z & RS_WORD_TABLE_HIGH) | apostrophe;
    /* a letter's low five bits are its code; an apostrophe's (7) become 27 */
    return (v & RS_WORD_TABLE_ONES * 0x1F)
           ^ (apostrophe >> 7) * (RS_WORD_CODE_APOSTROPHE ^ ('\'' & 0x1F));
}

/* Eight 5-bit codes, one a byte, side by side in the low 40 bits. */
static inline uint64_t rs__word_code_pack8(uint64_t v)
{
    v = (v & UINT64_C(0x001F001F001F001F)) | (v >> 3 & UINT64_C(0x03E003E003E003E0));
    v = (v & UINT64_C(0x000003FF000003FF)) | (v >> 6 & UINT64_C(0x000FFC00000FFC00));
    return (v & UINT64_C(0xFFFFF)) | (v >> 12 & UINT64_C(0xFFFFF00000));
}

/* The code of the key k0, k1 (len bytes), or 0 when it has none. */
static inline uint64_t rs__word_code(uint64_t k0, uint64_t k1, size_t len)
{
    if (len - 1 >= RS_WORD_CODE_LETTERS || ((k0 | k1) & RS_WORD_TABLE_HIGH))
        return 0;
    uint64_t valid0, code = rs__word_code_pack8(rs__word_code_bytes(k0, &valid0));
    if (len <= 8)
        return valid0 == RS_WORD_TABLE_HIGH >> (8 * (8 - len)) ? code : 0;
    uint64_t valid1, code1 = rs__word_code_pack8(rs__word_code_bytes(k1, &valid1));
    if (valid0 != RS_WORD_TABLE_HIGH || valid1 != RS_WORD_TABLE_HIGH >> (8 * (16 - len)))
        return 0;
    return code | code1 << 40;
}

static inline size_t rs__word_code_bucket(uint64_t code, unsigned bucket_bits)
{
    return (size_t)((code * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bucket_bits));
}

static inline uint64_t rs__word_table_hash(uint64_t k0, uint64_t k1, size_t len)
{
    uint64_t x = (k0 ^ (k1 * UINT64_C(0xFF51AFD7ED558CCD)) ^ len) * UINT64_C(0x9E3779B97F4A7C15);
    return x ^ (x >> 29);
}

/* The slot where the uncoded key is, or the free slot where it would go. */
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
    uint32_t f;
    uint64_t code = rs__word_code(k0, k1, len);
    if (code) {
        size_t b = rs__word_code_bucket(code, t->bucket_bits);
        size_t i = t->starts[b], end = t->starts[b + 1];
        while (i < end && (t->codes[i] & RS_WORD_CODE_MASK) != code)
            i++;
        if (i == end)
            return false;
        f = t->palette[t->codes[i] >> RS_WORD_CODE_BITS];
    } else {
        if (len > RS_WORD_TABLE_KEY || len == 0)
            return false;
        unsigned e = t->slots[rs__word_table_slot(t, k0, k1, len)];
        if (e == 0)
            return false;
        f = t->facts[e - 1];
    }
    *syllables = f & 0xFF;
    *flags = (f >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF;
    return true;
}

#endif
