/* wordinfo.h: what one word contributes to the counts. */
#ifndef RS_TEXT_WORDINFO_H
#define RS_TEXT_WORDINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/hints.h"
#include "core/strset.h"
#include "text/tokenizer.h"
#include "text/wordfacts.h"

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
 * rs__word_key() (below) answers short ASCII words inline.
 */
size_t rs__word_key_any(const char *word, size_t len, char *out, size_t cap);

/*
 * Describes the word token t of text.  sentence_initial tells whether it
 * opens its sentence: a capital there does not make a proper noun.
 */
void rs__word_describe(const char *text, const rs__token *t, bool sentence_initial,
                       rs__word_info *out);

/*
 * What rs__word_describe() finds for a word depends on its bytes alone, and
 * prose repeats a few thousand words over and over, so an analyzer keeps
 * the answers for short words.  The cache stops growing at a fixed size, so
 * it bounds memory whatever the input.
 */
enum { RS_WORD_CACHE_KEY = 23 };

/*
 * In an entry's flags, where no word's RS_WORD_SCORED is kept: the entry is
 * of an unfamiliar word and keeps no id for it, from the entry's making
 * until rs__word_cache_keep_id() and again from rs__word_cache_forget_ids().
 * Measuring reads it with the key's bits, so that a word whose id is not at
 * hand is found in the lookup of what it adds instead of a test of its own.
 */
enum { RS_WORD_ID_PENDING = RS_WORD_SCORED };

typedef struct rs__word_cache_entry {
    uint64_t key[3];      /* the key's bytes, zero padded: compared a word at a time */
    uint32_t unfamiliar;  /* the key's id in the unfamiliar set, but with RS_WORD_ID_PENDING */
    uint8_t tag;          /* rs__word_cache_tag(): the key's length and kind; 0: a free slot */
    uint8_t syllables;
    /* RS_WORD_DIFFICULT, _UNFAMILIAR, _COMPLEX as the key decides them;
       for an ASCII key, RS_WORD_LONG if it has more than 6 letters (as the
       token of a word with that key has), and above RS_WORD_LEX_SHIFT what
       the classifier's lexicon says of it (rs__word_lex()); and
       RS_WORD_ID_PENDING */
    uint16_t flags;
} rs__word_cache_entry;

typedef struct rs__word_cache {
    rs__word_cache_entry *slots;
    size_t nslots, count;
    unsigned shift;       /* 64 - log2(nslots): a hash's top bits pick the slot */
    /* the set the entries' unfamiliar ids belong to, as it was when they were taken */
    const rs__strset *ids_set;
    uint64_t ids_epoch;
    size_t first_slots;   /* the table's first size, rs__word_cache_expect(); 0: the default */
    bool seed;            /* the first table starts with rs__word_facts_table's seeds */
} rs__word_cache;

typedef struct rs__word_facts {
    unsigned syllables;
    unsigned bits;          /* RS_WORD_* */
    uint32_t unfamiliar_id; /* with RS_WORD_KNOWN_ID */
    /* RS_WORD_UNFAMILIAR without RS_WORD_KNOWN_ID: where the cache keeps the
       word (NULL: it does not), for rs__word_cache_keep_id() */
    rs__word_cache_entry *entry;
    /* with RS_WORD_LEX_KNOWN: rs__word_lex() and rs__word_fold_hash() of the key */
    unsigned lex;
    uint64_t fold_hash;
} rs__word_facts;

/*
 * rs__word_describe() of the word token t, answered from the cache when it
 * can (alloc grows it).  For an unfamiliar word the cache also remembers the
 * id its key has in the set unfamiliar (rs__word_cache_keep_id()).
 * rs__word_measure_lex() answers short ASCII words that are in the cache inline
 * and hands everything else to rs__word_measure_slow(): the per-word call is
 * most of the cost otherwise.  Errors: RS_ERR_NOMEM.
 */
rs_status rs__word_measure_slow(const rs_allocator *alloc, rs__word_cache *cache,
                                const rs__strset *unfamiliar, const char *text,
                                const rs__token *t, bool sentence_initial, bool want_lex,
                                rs__word_facts *out);

/*
 * rs__word_measure_slow() of a word token t that rs__word_cache_may_hold()
 * (plain, ASCII, 1 to 16 bytes) from its cache key: k0, k1 its lower case,
 * zero padded, and hash their rs__word_cache_hash(k0, k1, 0), as a caller
 * that probed the cache with them has them.  Errors: RS_ERR_NOMEM.
 */
rs_status rs__word_measure_ascii(const rs_allocator *alloc, rs__word_cache *cache,
                                 const rs__strset *unfamiliar, const rs__token *t,
                                 bool sentence_initial, bool want_lex, uint64_t k0, uint64_t k1,
                                 uint64_t hash, rs__word_facts *out);

/*
 * The key an unfamiliar word is counted under: rs__word_key() in buf, or
 * the word itself when it has none, or, for a word of over 256 bytes, a
 * 25-byte digest of it in buf.
 */
const char *rs__word_unfamiliar_key(const char *word, size_t len, char buf[RS_WORD_KEY_MAX],
                                    size_t *key_len);

/* Whether the unfamiliar ids the cache keeps are ids in unfamiliar: taken
   from that set, since it was last cleared. */
static inline bool rs__word_cache_ids_hold(const rs__word_cache *cache,
                                           const rs__strset *unfamiliar)
{
    return cache->ids_set == unfamiliar && cache->ids_epoch == unfamiliar->epoch;
}

/* Forgets the ids the cache keeps, which do not hold, and takes ids from
   unfamiliar from now on. */
void rs__word_cache_forget_ids(rs__word_cache *cache, const rs__strset *unfamiliar);

/* Makes the ids the cache keeps ids in unfamiliar (forgetting them where
   they do not hold), as rs__word_cache_keep_id() does before keeping one:
   then any id an entry keeps may be taken. */
static inline void rs__word_cache_hold_ids(rs__word_cache *cache, const rs__strset *unfamiliar)
{
    if (RS_UNLIKELY(!rs__word_cache_ids_hold(cache, unfamiliar)))
        rs__word_cache_forget_ids(cache, unfamiliar);
}

/* Remembers that the word measured into f has the id `id` in unfamiliar
   (UINT32_MAX: none to remember).  Inline: every unfamiliar word's first
   sighting keeps one, and the ids nearly always hold already. */
static inline void rs__word_cache_keep_id(rs__word_cache *cache, const rs__strset *unfamiliar,
                                          const rs__word_facts *f, uint32_t id)
{
    if (!f->entry || id == UINT32_MAX)
        return;
    rs__word_cache_hold_ids(cache, unfamiliar);
    f->entry->unfamiliar = id;
    f->entry->flags &= (uint16_t)~RS_WORD_ID_PENDING;
}

void rs__word_cache_free(rs__word_cache *cache, const rs_allocator *alloc);

/*
 * Sizes the cache's first table for a text of about text_bytes (until the
 * table is made): a short article's words then fit the first table, which
 * need not be cleared, filled and cleared again at twice the size, and a
 * long text skips the smallest sizes.  Where the table has room for them
 * besides the text's words, it starts with the English function words
 * (rs__word_facts_table's seeds), whose first sightings then cost no more
 * than the others.
 */
void rs__word_cache_expect(rs__word_cache *cache, size_t text_bytes);

/* ------------------------------------------------------------------ */
/* Eight bytes at a time                                                */

/* How cache keys are made, which a tag tells apart (wordinfo.c has the
   others): an ASCII plain word in lower case; a plain word with other
   characters as written; a dotted abbreviation (RS_TF_DOTTED) as written;
   a number as written. */
enum {
    RS_WORD_KIND_ASCII_LOWER = 1,
    RS_WORD_KIND_PLAIN_BYTES = 2,
    RS_WORD_KIND_DOTTED = 3,
    RS_WORD_KIND_NUMBER = 4
};

/* A key's length and kind (how it was made from the word, never 0), which
   together with its bytes tell keys apart.  The bytes past the length are
   zero, so keys of equal tags differ only in the words the length covers. */
enum { RS_WORD_TAG_KIND_SHIFT = 5 }; /* lengths up to RS_WORD_CACHE_KEY fit below */
static inline uint8_t rs__word_cache_tag(size_t len, unsigned kind)
{
    return (uint8_t)(len | kind << RS_WORD_TAG_KIND_SHIFT);
}

#define RS_WORD_ONES UINT64_C(0x0101010101010101)
#define RS_WORD_HIGH_BITS UINT64_C(0x8080808080808080)

/* Little-endian loads, so that the bytes of a word keep their order in the
   integer on any machine and a partial load equals a zero-padded full one. */
static inline uint32_t rs__word_load32(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

static inline uint64_t rs__word_load64(const unsigned char *p)
{
    return rs__word_load32(p) | (uint64_t)rs__word_load32(p + 4) << 32;
}

/* p[0..n), n <= 8, zero-padded: two overlapping loads instead of a byte loop. */
static inline uint64_t rs__word_load_upto8(const unsigned char *p, size_t n)
{
    if (n >= 4)
        return rs__word_load32(p) | (uint64_t)rs__word_load32(p + n - 4) << (8 * (n - 4));
    if (n == 0)
        return 0;
    return p[0] | (uint64_t)p[n >> 1] << (8 * (n >> 1)) | (uint64_t)p[n - 1] << (8 * (n - 1));
}

/* ASCII upper case to lower in every byte; bytes must be below 0x80, so
   the additions never carry into the next byte. */
static inline uint64_t rs__word_ascii_lower8(uint64_t w)
{
    uint64_t at_least_a = w + RS_WORD_ONES * (0x80 - 'A');
    uint64_t beyond_z = w + RS_WORD_ONES * (0x80 - 'Z' - 1);
    return w | ((at_least_a & ~beyond_z & RS_WORD_HIGH_BITS) >> 2);
}

static inline void rs__word_store64(char *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, sizeof v);
#else
    for (int i = 0; i < 8; i++)
        p[i] = (char)(v >> (8 * i));
#endif
}

static inline size_t rs__word_key(const char *word, size_t len, char *out, size_t cap)
{
    const unsigned char *w = (const unsigned char *)word;
    if (len - 1 < 8 && cap > 8) {
        uint64_t v = rs__word_load_upto8(w, len);
        if (!(v & RS_WORD_HIGH_BITS)) {
            rs__word_store64(out, rs__word_ascii_lower8(v));
            out[len] = '\0';
            return len;
        }
    } else if (len - 9 < 8 && cap > 16) {
        uint64_t v0 = rs__word_load64(w), v1 = rs__word_load_upto8(w + 8, len - 8);
        if (!((v0 | v1) & RS_WORD_HIGH_BITS)) {
            rs__word_store64(out, rs__word_ascii_lower8(v0));
            rs__word_store64(out + 8, rs__word_ascii_lower8(v1));
            out[len] = '\0';
            return len;
        }
    }
    return rs__word_key_any(word, len, out, cap);
}

static inline uint64_t rs__word_cache_hash(uint64_t k0, uint64_t k1, uint64_t k2)
{
    uint64_t x = k0 ^ (k1 * UINT64_C(0xFF51AFD7ED558CCD)) ^ (k2 * UINT64_C(0xC4CEB9FE1A85EC53));
    return x * UINT64_C(0x9E3779B97F4A7C15);
}

/*
 * A hash of a word's key (fold) for the classifier's repeat test, over its
 * bytes as little-endian eights, zero padded.  Up to 16 bytes it is the
 * cache's hash of those eights (which finding the word in the cache has
 * made already) and the length; equal keys hash alike, different ones
 * collide with 64-bit hash odds (a key of up to 8 bytes not at all).
 */
static inline uint64_t rs__word_fold_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
    return h ^ (h >> 32);
}

/* A block key's next word (its fold hash w, rs__word_fold_hash()): keys
   are only ever compared, and a bijection of h for each w keeps them
   apart as well as a finer mix. */
static inline uint64_t rs__word_key_step(uint64_t h, uint64_t w)
{
    return (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
}

static inline uint64_t rs__word_fold_hash_short(uint64_t cache_hash, size_t len)
{
    return cache_hash ^ len;
}

static inline uint64_t rs__word_fold_hash_words(const uint64_t *words, size_t len)
{
    if (len <= 16)
        return rs__word_fold_hash_short(rs__word_cache_hash(words[0], len > 8 ? words[1] : 0, 0),
                                        len);
    uint64_t h = rs__word_fold_mix(UINT64_C(0xD6E8FEB86659FD93), len);
    for (size_t i = 0; i < len; i += 8)
        h = rs__word_fold_mix(h, words[i / 8]);
    return h;
}

static inline uint64_t rs__word_fold_hash(const char *key, size_t len)
{
    const unsigned char *k = (const unsigned char *)key;
    uint64_t words[RS_WORD_KEY_MAX / 8 + 1] = {0};
    for (size_t i = 0; i < len && i / 8 < sizeof words / sizeof words[0]; i += 8)
        words[i / 8] = rs__word_load_upto8(k + i, len - i < 8 ? len - i : 8);
    return rs__word_fold_hash_words(words, len);
}

/* What the token around a key adds to the key's bits (a cache entry's
   flags): its length, and whether it is a proper noun, familiar and never
   complex, or a hyphenated compound, which Fog does not count. */
static inline unsigned rs__word_token_bits(const rs__token *t, bool sentence_initial,
                                           unsigned key_bits)
{
    if ((t->flags & RS_TF_UPPER_FIRST) && !sentence_initial)
        key_bits = 0;
    if (t->flags & RS_TF_HYPHEN)
        key_bits &= ~RS_WORD_COMPLEX;
    return key_bits | RS_WORD_SCORED | (t->letters > 6 ? RS_WORD_LONG : 0);
}

/* The bytes of the word w[0..len), 1 <= len <= 16, zero padded, in two
   words.  readable: w[0..16) may be read (the bytes past len are masked
   off). */
static RS_ALWAYS_INLINE void rs__word_bytes16(const unsigned char *w, size_t len, bool readable,
                                              uint64_t k[2])
{
    if (len <= 8) {
        k[0] = readable ? rs__word_load64(w) & (~UINT64_C(0) >> (64 - 8 * len))
                        : rs__word_load_upto8(w, len);
        k[1] = 0;
    } else {
        k[0] = rs__word_load64(w);
        k[1] = readable ? rs__word_load64(w + 8) & (~UINT64_C(0) >> (128 - 8 * len))
                        : rs__word_load_upto8(w + 8, len - 8);
    }
}

/* The bytes of an ASCII word of len bytes, as rs__word_bytes16() loads
   them, made its cache key: lower case. */
static RS_ALWAYS_INLINE void rs__word_lower16(uint64_t k[2], size_t len)
{
    k[0] = rs__word_ascii_lower8(k[0]);
    if (len > 8)
        k[1] = rs__word_ascii_lower8(k[1]);
}

/* The cache key of the ASCII word w[0..len), 1 <= len <= 16: its lower
   case, zero padded. */
static RS_ALWAYS_INLINE void rs__word_ascii_key16(const unsigned char *w, size_t len, bool readable,
                                                  uint64_t k[2])
{
    rs__word_bytes16(w, len, readable, k);
    rs__word_lower16(k, len);
}

/* rs__word_cache_probe() past its first slot, first, whose entry is not
   k's (its index is worked out here, off the path of the words found
   there). */
static RS_NOINLINE const rs__word_cache_entry *
rs__word_cache_probe_after(const rs__word_cache_entry *slots, size_t nslots, uint64_t k0,
                           uint64_t k1, uint8_t tag, const rs__word_cache_entry *first)
{
    size_t slot = (size_t)(first - slots);
    for (;;) {
        if (slots[slot].tag == 0)
            return NULL;
        slot = (slot + 1) & (nslots - 1);
        const rs__word_cache_entry *e = &slots[slot];
        if (e->key[0] == k0 && e->key[1] == k1 && e->tag == tag)
            return e;
    }
}

/* The entry of a non-empty cache for the key k of at most 16 bytes whose
   hash and tag these are, or NULL (keys are zero padded: key[2] is zero for
   them all).  Most words are in their first slot. */
static RS_ALWAYS_INLINE const rs__word_cache_entry *
rs__word_cache_probe(const rs__word_cache *cache, const uint64_t k[2], uint64_t hash, uint8_t tag)
{
    const rs__word_cache_entry *e = &cache->slots[hash >> cache->shift];
    if (RS_LIKELY(e->key[0] == k[0] && e->key[1] == k[1] && e->tag == tag))
        return e;
    return rs__word_cache_probe_after(cache->slots, cache->nslots, k[0], k[1], tag, e);
}

/*
 * The cache entry of the ASCII word w[0..len), 1 <= len <= 16, or NULL.
 * readable: w[0..16) may be read (the bytes past len are masked off).
 * *key_hash: the cache hash of its key, for rs__word_fold_hash_short().
 */
static inline const rs__word_cache_entry *rs__word_cache_find_ascii(const rs__word_cache *cache,
                                                                    const unsigned char *w,
                                                                    size_t len, bool readable,
                                                                    uint64_t *key_hash)
{
    if (!cache->nslots)
        return NULL;
    uint64_t k[2];
    rs__word_bytes16(w, len, readable, k);
    if ((k[0] | k[1]) & RS_WORD_HIGH_BITS)
        return NULL;
    rs__word_lower16(k, len);
    uint64_t hash = rs__word_cache_hash(k[0], k[1], 0);
    *key_hash = hash;
    return rs__word_cache_probe(cache, k, hash,
                                rs__word_cache_tag(len, RS_WORD_KIND_ASCII_LOWER));
}

/* Whether rs__word_cache_find() may find token t: a plain ASCII word of
   up to 16 bytes. */
static inline bool rs__word_cache_may_hold(const rs__token *t)
{
    return t->kind == RS_WORD_PLAIN && (t->flags & (RS_TF_DOTTED | RS_TF_ASCII)) == RS_TF_ASCII
           && t->end - t->start - 1 < 16;
}

/*
 * The cache entry of a short ASCII word, or NULL when rs__word_measure_slow()
 * is to answer.  text_end: where the readable bytes of text end (at or after
 * t->end).
 */
static inline const rs__word_cache_entry *rs__word_cache_find(const rs__word_cache *cache,
                                                              const char *text, size_t text_end,
                                                              const rs__token *t,
                                                              uint64_t *key_hash)
{
    if (!rs__word_cache_may_hold(t))
        return NULL;
    return rs__word_cache_find_ascii(cache, (const unsigned char *)text + t->start,
                                     t->end - t->start, text_end - t->start >= 16, key_hash);
}

/* The unfamiliar id the entry of an unfamiliar word keeps, or UINT32_MAX
   when it keeps none that holds. */
static inline uint32_t rs__word_cache_id(const rs__word_cache *cache, const rs__strset *unfamiliar,
                                         const rs__word_cache_entry *e)
{
    if (!rs__word_cache_ids_hold(cache, unfamiliar) || (e->flags & RS_WORD_ID_PENDING))
        return UINT32_MAX;
    return e->unfamiliar;
}

/*
 * rs__word_cache_find(), or else rs__word_measure_slow().  want_lex: also
 * the key's lexicon answer and fold hash, where the key is the word's
 * ASCII lower case (RS_WORD_LEX_KNOWN tells).
 */
static inline rs_status rs__word_measure_lex(const rs_allocator *alloc, rs__word_cache *cache,
                                             const rs__strset *unfamiliar, const char *text,
                                             size_t text_end, const rs__token *t,
                                             bool sentence_initial, bool want_lex,
                                             rs__word_facts *out)
{
    uint64_t key_hash;
    const rs__word_cache_entry *e = rs__word_cache_find(cache, text, text_end, t, &key_hash);
    if (e) {
        unsigned bits = rs__word_token_bits(t, sentence_initial, e->flags & RS_WORD_KEY_BITS);
        uint32_t id = bits & RS_WORD_UNFAMILIAR ? rs__word_cache_id(cache, unfamiliar, e) : 0;
        if (id != UINT32_MAX) {
            out->syllables = e->syllables;
            out->bits = bits | RS_WORD_KNOWN_ID;
            out->unfamiliar_id = id;
            if (want_lex) {
                out->bits |= RS_WORD_LEX_KNOWN;
                out->lex = e->flags >> RS_WORD_LEX_SHIFT;
                out->fold_hash = rs__word_fold_hash_short(key_hash, t->end - t->start);
            }
            return RS_OK;
        }
    }
    return rs__word_measure_slow(alloc, cache, unfamiliar, text, t, sentence_initial, want_lex,
                                 out);
}

#endif
