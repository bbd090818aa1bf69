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
    RS_WORD_LEX_SHIFT = 5         /* where an entry's flags keep the lexicon's answer (bit 5 is no entry's) */
};

/*
 * What the plain-text classifier's lexicon says of a word's key (fold): the
 * RS__WORD_LEX_* bits of doc/roles_text.h, which fit in the 11 bits above
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
 * RS_WORD_TABLE_KEY bytes of ASCII, no NUL).  The table keeps them as they
 * come, so a probe compares the bytes a cache miss has in its registers
 * instead of recoding them: keys of up to 8 bytes one word each, longer
 * ones two.  ASCII leaves the top bit of every byte free; those of the
 * first word hold the index of the key's facts in a small palette
 * (rs__word_table_palette_index()).
 *
 * A first sighting usually finds the table cold, so a probe costs the
 * cache lines it touches.  The hash (the word cache's, rs__word_table_hash(),
 * so a miss in the cache has it already) picks one 64-byte line of keys,
 * which holds the key if the table has it, bar a few.  Keys go to their
 * line in the vocabulary's order, the lists' common words first; those
 * that find it full go to a second line that a rehash picks, and the first
 * line's overflow byte (a small array, soon warm) has the bit of their
 * fingerprint set, so that a word the table lacks reads a second line of
 * keys only if its fingerprint is there.
 */
enum {
    RS_WORD_TABLE_KEY = 16,
    RS_WORD_TABLE_SHORT_KEY = 8, /* keys up to this long take one word */
    RS_WORD_TABLE_LINE = 64,     /* bytes of keys a probe reads, one cache line */
    RS_WORD_TABLE_SHORT_SLOTS = RS_WORD_TABLE_LINE / 8,
    RS_WORD_TABLE_LONG_SLOTS = RS_WORD_TABLE_LINE / 16,
    /* a palette entry's facts: syllables, flags above them */
    RS_WORD_TABLE_FLAGS_SHIFT = 8,
    RS_WORD_TABLE_PALETTE_MAX = 256 /* one top bit of each of 8 bytes */
};

/*
 * An English function word (the lexicon's, data/wordlists/lexicon.tsv) as
 * a word cache entry keeps it: prose opens with them, and an analysis whose
 * cache starts with them (rs__word_cache_expect()) measures their first
 * sightings the straight way.  hash: rs__word_table_hash(k0, k1); flags
 * with RS_WORD_LONG for a word of more than 6 letters (all its bytes are).
 */
typedef struct rs__word_seed {
    uint64_t k0, k1, hash;
    uint16_t flags;
    uint8_t syllables, len;
} rs__word_seed;

typedef struct rs__word_table {
    /* short_lines lines of RS_WORD_TABLE_SHORT_SLOTS keys of up to
       RS_WORD_TABLE_SHORT_KEY bytes (an empty slot has no key's bytes),
       and each line's overflow byte */
    const uint64_t *short_keys;
    const uint8_t *short_overflow;
    uint32_t short_count, short_lines;
    /* the same for keys of 9 to RS_WORD_TABLE_KEY bytes, two words each */
    const uint64_t (*long_keys)[2];
    const uint8_t *long_overflow;
    uint32_t long_count, long_lines;
    const uint32_t *palette;
    uint32_t palette_count;
    const rs__word_seed *seeds;
    uint32_t seed_count;
} rs__word_table;

/* Generated at build time (word_facts_table.c). */
extern const rs__word_table rs__word_facts_table;

#define RS_WORD_TABLE_HIGH UINT64_C(0x8080808080808080)

/*
 * The hash that picks a key's line: the word cache's hash of a key of up
 * to 16 bytes (rs__word_cache_hash() with no third word), so that a cache
 * miss hands its hash on.  Were they ever to differ, probes would miss and
 * the rules answer: slower, never different.
 */
static inline uint64_t rs__word_table_hash(uint64_t k0, uint64_t k1)
{
    return (k0 ^ (k1 * UINT64_C(0xFF51AFD7ED558CCD))) * UINT64_C(0x9E3779B97F4A7C15);
}

/* The line of a hash among lines: the top 32 bits, which the multiply
   mixes best, scaled, so that any number of lines will do. */
static inline size_t rs__word_table_line(uint64_t hash, uint32_t lines)
{
    return (size_t)(((hash >> 32) * lines) >> 32);
}

/* The hash that picks a key's second line and its fingerprint: the first
   one mixed again, so that keys sharing a first line scatter. */
static inline uint64_t rs__word_table_rehash(uint64_t hash)
{
    return (hash ^ (hash >> 29)) * UINT64_C(0xC2B2AE3D27D4EB4F);
}

/* A key's bit in its first line's overflow byte. */
static inline unsigned rs__word_table_fingerprint(uint64_t rehash)
{
    return 1u << ((rehash >> 20) & 7);
}

/* The palette index in the top bits of a stored key's first word: byte i's
   top bit is the index's bit i (the multiply gathers them in the top byte,
   no two partial products meeting). */
static inline unsigned rs__word_table_palette_index(uint64_t first)
{
    return (unsigned)((((first & RS_WORD_TABLE_HIGH) >> 7) * UINT64_C(0x0102040810204080)) >> 56);
}

static inline uint64_t rs__word_table_palette_bits(unsigned index)
{
    uint64_t bits = 0;
    for (unsigned i = 0; i < 8; i++)
        bits |= (uint64_t)(index >> i & 1) << (8 * i + 7);
    return bits;
}

/* The slot of line that holds the key k0 (nonzero), or NULL. */
static inline const uint64_t *rs__word_table_short_slot(const rs__word_table *t, uint64_t k0,
                                                        size_t line)
{
    const uint64_t *keys = t->short_keys + line * RS_WORD_TABLE_SHORT_SLOTS;
    for (size_t i = 0; i < RS_WORD_TABLE_SHORT_SLOTS; i++)
        if ((keys[i] & ~RS_WORD_TABLE_HIGH) == k0)
            return &keys[i];
    return NULL;
}

/* The same for a long key (k1 nonzero); its first word. */
static inline const uint64_t *rs__word_table_long_slot(const rs__word_table *t, uint64_t k0,
                                                       uint64_t k1, size_t line)
{
    const uint64_t(*keys)[2] = t->long_keys + line * RS_WORD_TABLE_LONG_SLOTS;
    for (size_t i = 0; i < RS_WORD_TABLE_LONG_SLOTS; i++)
        if (keys[i][1] == k1 && (keys[i][0] & ~RS_WORD_TABLE_HIGH) == k0)
            return &keys[i][0];
    return NULL;
}

/*
 * rs__word_ascii_rules() of the key k0, k1 (len bytes, hash its
 * rs__word_table_hash()) from the table: false when the table does not
 * have it.  A key ending in NUL bytes would look like a shorter one, so
 * such keys are never found.
 */
static inline bool rs__word_table_find(const rs__word_table *t, uint64_t k0, uint64_t k1,
                                       size_t len, uint64_t hash, unsigned *syllables,
                                       unsigned *flags)
{
    const uint64_t *found;
    if (len - 1 < RS_WORD_TABLE_SHORT_KEY) {
        /* also keeps k0 nonzero, unlike an empty slot's bytes */
        if (!(k0 >> (8 * (len - 1))))
            return false;
        size_t line = rs__word_table_line(hash, t->short_lines);
        found = rs__word_table_short_slot(t, k0, line);
        if (!found) {
            uint64_t rehash = rs__word_table_rehash(hash);
            if (!(t->short_overflow[line] & rs__word_table_fingerprint(rehash)))
                return false;
            found = rs__word_table_short_slot(t, k0, rs__word_table_line(rehash, t->short_lines));
            if (!found)
                return false;
        }
    } else if (len - (RS_WORD_TABLE_SHORT_KEY + 1) < RS_WORD_TABLE_KEY - RS_WORD_TABLE_SHORT_KEY) {
        if (!(k1 >> (8 * (len - RS_WORD_TABLE_SHORT_KEY - 1))))
            return false;
        size_t line = rs__word_table_line(hash, t->long_lines);
        found = rs__word_table_long_slot(t, k0, k1, line);
        if (!found) {
            uint64_t rehash = rs__word_table_rehash(hash);
            if (!(t->long_overflow[line] & rs__word_table_fingerprint(rehash)))
                return false;
            found = rs__word_table_long_slot(t, k0, k1, rs__word_table_line(rehash, t->long_lines));
            if (!found)
                return false;
        }
    } else {
        return false;
    }
    uint32_t f = t->palette[rs__word_table_palette_index(*found)];
    *syllables = f & 0xFF;
    *flags = (f >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF;
    return true;
}

#endif
