/*
 * Per-word measures.  Proper nouns (a capital not at the start of a
 * sentence) count as familiar for Dale-Chall and Spache, as Dale and Chall's
 * counting rules have it, and are never Gunning Fog complex words.  Fog also
 * leaves out hyphenated compounds and words that reach three syllables only
 * through -es, -ed or -ing (Gunning 1952).
 */
#include "text/wordinfo.h"

#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "text/syllables.h"
#include "text/wordfacts.h"

/* ------------------------------------------------------------------ */
/* Keys                                                                 */

/* The ASCII key is the word in lower case (len < cap); false at the first
   byte that is not ASCII.  Whole 8-byte stores may write past len, never
   past cap. */
static bool ascii_key(const char *word, size_t len, char *out, size_t cap)
{
    const unsigned char *w = (const unsigned char *)word;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v = rs__word_load64(w + i);
        if (v & RS_WORD_HIGH_BITS)
            return false;
        rs__word_store64(out + i, rs__word_ascii_lower8(v));
    }
    if (i == len)
        return true;
    if (i + 8 <= cap) {
        uint64_t v = rs__word_load_upto8(w + i, len - i);
        if (v & RS_WORD_HIGH_BITS)
            return false;
        rs__word_store64(out + i, rs__word_ascii_lower8(v));
        return true;
    }
    for (; i < len; i++) {
        unsigned char c = w[i];
        if (c >= 0x80)
            return false;
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return true;
}

/*
 * ASCII but for right single quotation marks (don’t, it’s): the general
 * path's answer without utf8proc, as ASCII case-folds to lower case, ’
 * becomes ' and NFC leaves ASCII alone.  (size_t)-1 for other words.
 */
static size_t apostrophe_key(const char *word, size_t len, char *out, size_t cap)
{
    const unsigned char *w = (const unsigned char *)word;
    size_t o = 0;
    for (size_t i = 0; i < len; i++, o++) {
        unsigned char c = w[i];
        char k;
        if (c < 0x80)
            k = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        else if (c == 0xE2 && len - i >= 3 && w[i + 1] == 0x80 && w[i + 2] == 0x99)
            k = '\'', i += 2;
        else
            return (size_t)-1;
        if (o + 1 >= cap || o + 1 > RS_WORD_KEY_MAX)
            return 0; /* too long, as the general path finds */
        out[o] = k;
    }
    out[o] = '\0';
    return o;
}

size_t rs__word_key_any(const char *word, size_t len, char *out, size_t cap)
{
    if (len < cap && ascii_key(word, len, out, cap)) {
        out[len] = '\0';
        return len;
    }
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)word[i] < 0x80;
    if (ascii)
        return 0; /* does not fit */
    size_t quoted = apostrophe_key(word, len, out, cap);
    if (quoted != (size_t)-1)
        return quoted;
    /* utf8proc works in a caller buffer here, so no allocation happens. */
    utf8proc_int32_t cps[RS_WORD_KEY_MAX];
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len,
                                            cps, RS_WORD_KEY_MAX,
                                            UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0 || n > RS_WORD_KEY_MAX)
        return 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (cps[i] == 0x2019)
            cps[i] = '\'';
    n = utf8proc_normalize_utf32(cps, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0)
        return 0;
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cps[i], enc);
        if (k <= 0 || o + (size_t)k >= cap)
            return 0;
        memcpy(out + o, enc, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* What the key decides                                                 */

/* U.S., e.g., Ph.D. are read letter by letter; "w" alone has three. */
static unsigned spelled_syllables(const char *key, size_t len)
{
    unsigned n = 0;
    for (size_t i = 0; i < len; i++)
        if (key[i] >= 'a' && key[i] <= 'z')
            n += key[i] == 'w' ? 3 : 1;
    return n ? n : 1;
}

/* Syllables and flags of a plain word, and its key in out. */
static unsigned plain_word(const char *word, size_t len, bool dotted, rs__word_info *out,
                           unsigned *flags)
{
    out->key_len = rs__word_key(word, len, out->key, sizeof out->key);
    bool ascii = out->key_len > 0;
    for (size_t i = 0; i < out->key_len; i++)
        if ((unsigned char)out->key[i] >= 0x80)
            ascii = false;
    unsigned syllables;
    if (!dotted && ascii && out->key_len <= RS_WORD_TABLE_KEY) {
        /* don’t, it’s: an ASCII key (’ made '), whose rules the build ran */
        const unsigned char *k = (const unsigned char *)out->key;
        size_t n = out->key_len;
        uint64_t k0 = rs__word_load_upto8(k, n < 8 ? n : 8);
        uint64_t k1 = n > 8 ? rs__word_load_upto8(k + 8, n - 8) : 0;
        if (rs__word_table_find(&rs__word_facts_table, k0, k1, n, rs__word_table_hash(k0, k1),
                                &syllables, flags)) {
            *flags &= RS_WORD_KEY_BITS; /* the lexicon's bits are for ASCII words' entries */
            return syllables;
        }
    }
    if (dotted)
        syllables = spelled_syllables(out->key, out->key_len);
    else if (ascii)
        syllables = rs__syllables_ascii(out->key, out->key_len);
    else
        syllables = rs_syllables(word, len);
    if (syllables == 0)
        syllables = 1;
    *flags = rs__word_key_flags(out->key, out->key_len, syllables);
    return syllables;
}

void rs__word_describe(const char *text, const rs__token *t, bool sentence_initial,
                       rs__word_info *out)
{
    memset(out, 0, sizeof *out);
    const char *word = text + t->start;
    size_t len = t->end - t->start;
    if (t->kind != RS_WORD_PLAIN && t->kind != RS_WORD_NUMBER)
        return; /* links, addresses, handles, tags and CJK have no syllables */
    out->scored = true;
    if (t->kind == RS_WORD_NUMBER) {
        out->syllables = rs__syllables_number(word, len);
        return;
    }
    unsigned flags;
    out->syllables = plain_word(word, len, (t->flags & RS_TF_DOTTED) != 0, out, &flags);
    unsigned bits = rs__word_token_bits(t, sentence_initial, flags);
    out->long_word = (bits & RS_WORD_LONG) != 0;
    out->difficult = (bits & RS_WORD_DIFFICULT) != 0;
    out->unfamiliar = (bits & RS_WORD_UNFAMILIAR) != 0;
    out->complex = (bits & RS_WORD_COMPLEX) != 0;
}

/* ------------------------------------------------------------------ */
/* The cache                                                            */

/* How a cache key was made from the word: the lists and the syllable rules
   see the same word whatever its case, so ASCII words share one entry. */
enum {
    KIND_ASCII_LOWER = RS_WORD_KIND_ASCII_LOWER, /* an ASCII plain word, in lower case */
    KIND_PLAIN_BYTES,     /* a plain word with other characters, as written */
    KIND_DOTTED_BYTES,    /* U.S., e.g., as written: read letter by letter */
    KIND_NUMBER_BYTES     /* a number, as written */
};
_Static_assert((int)KIND_NUMBER_BYTES == (int)RS_WORD_KIND_NUMBER
                   && (int)KIND_DOTTED_BYTES == (int)RS_WORD_KIND_DOTTED
                   && (int)KIND_PLAIN_BYTES == (int)RS_WORD_KIND_PLAIN_BYTES,
               "measuring finds numbers, dotted and non-ASCII words by these kinds");

enum {
    CACHE_FIRST_SLOTS = 512,   /* without rs__word_cache_expect() */
    /* A short text brings a new word every sixteen bytes or so (a long one
       fewer), and a table is at most half full. */
    CACHE_BYTES_PER_SLOT = 8,
    CACHE_LEAST_SLOTS = 64,
    CACHE_MOST_FIRST_SLOTS = 8192,
    CACHE_MAX_SLOTS = 1u << 16, /* 2 MiB: ample for the vocabulary of a book */
    CACHE_MAX_NUMBERS = CACHE_MAX_SLOTS / 8, /* numbers are kept while the cache is this small */
    CACHE_BYTES_PER_WORD = 2 * CACHE_BYTES_PER_SLOT
};

static inline uint64_t cache_hash(const uint64_t key[3])
{
    return rs__word_cache_hash(key[0], key[1], key[2]);
}

/* The slot of key (whose cache_hash() is hash), or the free slot where it
   would go. */
static inline rs__word_cache_entry *cache_slot_hashed(const rs__word_cache *c, uint64_t hash,
                                                      const uint64_t key[3], unsigned len,
                                                      unsigned kind)
{
    size_t mask = c->nslots - 1;
    for (size_t s = (size_t)(hash >> c->shift);; s = (s + 1) & mask) {
        rs__word_cache_entry *e = &c->slots[s];
        if (e->tag == 0
            || (e->tag == rs__word_cache_tag(len, kind) && e->key[0] == key[0]
                && e->key[1] == key[1] && e->key[2] == key[2]))
            return e;
    }
}

static inline rs__word_cache_entry *cache_slot(const rs__word_cache *c, const uint64_t key[3],
                                               unsigned len, unsigned kind)
{
    return cache_slot_hashed(c, cache_hash(key), key, len, kind);
}

/* Whether adding an entry needs cache_room() to make a table first. */
static inline bool cache_needs_room(const rs__word_cache *c)
{
    return !c->nslots || (c->count + 1) * 2 > c->nslots;
}

/* The flags of a new entry, whose key has these: no id kept yet (a shift,
   not a branch: first sightings are the most of a short text's words). */
_Static_assert(RS_WORD_ID_PENDING == RS_WORD_UNFAMILIAR << 2,
               "entry_flags() shifts the one to the other");
static inline uint16_t entry_flags(unsigned flags)
{
    return (uint16_t)(flags | (flags & RS_WORD_UNFAMILIAR) << 2);
}

/* Puts the seeds in a new, empty table. */
static void cache_seed(rs__word_cache *c)
{
    const rs__word_table *t = &rs__word_facts_table;
    for (size_t i = 0; i < t->seed_count; i++) {
        const rs__word_seed *seed = &t->seeds[i];
        const uint64_t key[3] = {seed->k0, seed->k1, 0};
        rs__word_cache_entry *e = cache_slot_hashed(c, seed->hash, key, seed->len, KIND_ASCII_LOWER);
        if (e->tag)
            continue; /* the table repeats no word; no harm if it did */
        *e = (rs__word_cache_entry){.key = {seed->k0, seed->k1, 0},
                                    .tag = rs__word_cache_tag(seed->len, KIND_ASCII_LOWER),
                                    .syllables = seed->syllables,
                                    .flags = entry_flags(seed->flags)};
        c->count++;
    }
}

/*
 * Doubles a filled table where it is: the allocator can often extend the
 * block without copying it (an mmap'ed block is remapped), so the pages the
 * old table was written to are kept and only the new half is fresh memory.
 * A new table beside the old one would have the process fault in both and
 * throw the old one's pages away.
 *
 * The old entries are copied to the new half (whose pages they would fill
 * anyway) and placed again from there, one old probe run after another in
 * the order they sat, as a fresh table filled from the old one would take
 * them: within a run the words seen first, the frequent ones, keep the
 * slots nearest their hash's.  A slot of the new half is free, holds an old
 * entry not yet placed (its bit in unplaced) or one already placed.
 * Placing an entry probes past placed ones only and takes the first slot
 * that is free or holds an unplaced entry, which is then placed in turn
 * (an entry's new slot is about twice its old one, so this is rare: at the
 * table's end).  A placed entry never moves again, so every probe run still
 * runs through placed entries alone, as linear probing needs.
 */
_Static_assert(CACHE_MAX_SLOTS % 128 == 0,
               "cache_double() keeps a bit for each slot of the old half");
static rs_status cache_double(const rs_allocator *alloc, rs__word_cache *c)
{
    uint64_t unplaced[CACHE_MAX_SLOTS / 2 / 64];
    const size_t old_n = c->nslots, n = 2 * old_n;
    rs__word_cache_entry *slots =
        rs__realloc(alloc, c->slots, old_n * sizeof *slots, n * sizeof *slots);
    if (!slots)
        return RS_ERR_NOMEM;
    rs__word_cache_entry *const moved = slots + old_n;
    memcpy(moved, slots, old_n * sizeof *slots);
    memset(slots, 0, old_n * sizeof *slots);
    memset(unplaced, 0, (old_n + 63) / 64 * sizeof unplaced[0]);
    size_t first = old_n; /* a free slot: no probe run goes across it */
    for (size_t i = 0; i < old_n; i++) {
        if (moved[i].tag)
            unplaced[i / 64] |= UINT64_C(1) << (i % 64);
        else if (first == old_n)
            first = i;
    }
    c->slots = slots;
    c->nslots = n;
    c->shift--;
    const size_t mask = n - 1;
    for (size_t k = 1; k <= old_n; k++) {
        const size_t i = (first + k) & (old_n - 1);
        if (!(unplaced[i / 64] >> (i % 64) & 1))
            continue;
        unplaced[i / 64] &= ~(UINT64_C(1) << (i % 64));
        rs__word_cache_entry placing = moved[i];
        moved[i].tag = 0;
        for (;;) {
            size_t s = (size_t)(cache_hash(placing.key) >> c->shift);
            while (slots[s].tag
                   && !(s >= old_n && unplaced[(s - old_n) / 64] >> ((s - old_n) % 64) & 1))
                s = (s + 1) & mask;
            rs__word_cache_entry evicted = slots[s];
            slots[s] = placing;
            if (!evicted.tag)
                break;
            unplaced[(s - old_n) / 64] &= ~(UINT64_C(1) << ((s - old_n) % 64));
            placing = evicted;
        }
    }
    return RS_OK;
}

/* Makes room for one more entry: *room is false once the cache is full. */
static rs_status cache_room(const rs_allocator *alloc, rs__word_cache *c, bool *room)
{
    *room = true;
    if (c->nslots && (c->count + 1) * 2 <= c->nslots)
        return RS_OK;
    if (c->nslots) {
        *room = c->nslots * 2 <= CACHE_MAX_SLOTS;
        return *room ? cache_double(alloc, c) : RS_OK;
    }
    size_t n = c->first_slots ? c->first_slots : CACHE_FIRST_SLOTS;
    rs__word_cache_entry *slots = rs__alloc(alloc, n * sizeof *slots);
    if (!slots)
        return RS_ERR_NOMEM;
    memset(slots, 0, n * sizeof *slots);
    c->slots = slots;
    c->nslots = n;
    c->shift = 64;
    for (size_t k = n; k > 1; k >>= 1)
        c->shift--;
    if (c->seed)
        cache_seed(c);
    return RS_OK;
}

void rs__word_cache_expect(rs__word_cache *cache, size_t text_bytes)
{
    if (cache->nslots)
        return;
    size_t n = CACHE_LEAST_SLOTS;
    while (n < CACHE_MOST_FIRST_SLOTS && n * CACHE_BYTES_PER_SLOT < text_bytes)
        n *= 2;
    cache->first_slots = n;
    /* about half the seeds are among the text's words anyway; more would
       make the table grow, which costs more than the seeds save */
    cache->seed = n / 2 >= text_bytes / CACHE_BYTES_PER_WORD + rs__word_facts_table.seed_count / 2;
}

void rs__word_cache_free(rs__word_cache *cache, const rs_allocator *alloc)
{
    rs__free(alloc, cache->slots, cache->nslots * sizeof *cache->slots);
    memset(cache, 0, sizeof *cache);
}

/* Ids taken from another set, or from this one before it was cleared, are
   no longer the words' ids. */
void rs__word_cache_forget_ids(rs__word_cache *cache, const rs__strset *unfamiliar)
{
    /* before the first id the entries hold none: a fresh analysis has nothing to clear */
    if (cache->ids_set)
        for (size_t i = 0; i < cache->nslots; i++)
            cache->slots[i].flags = entry_flags(cache->slots[i].flags);
    cache->ids_set = unfamiliar;
    cache->ids_epoch = unfamiliar->epoch;
}

/* One half of a long word's digest: a multiply-xorshift over its eights. */
static uint64_t digest_half(const unsigned char *w, size_t len, uint64_t seed, uint64_t factor)
{
    uint64_t h = seed ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, w + i, sizeof v);
        h = (h ^ v) * factor;
        h ^= h >> 29;
    }
    uint64_t rest = 0;
    memcpy(&rest, w + i, len - i);
    h = (h ^ rest) * factor;
    return h ^ (h >> 32);
}

/* The longest word whose bytes are its key; a longer one is kept as a digest. */
enum { UNFAMILIAR_RAW_MAX = 256 };

const char *rs__word_unfamiliar_key(const char *word, size_t len, char buf[RS_WORD_KEY_MAX],
                                    size_t *key_len)
{
    *key_len = rs__word_key(word, len, buf, RS_WORD_KEY_MAX);
    if (*key_len)
        return buf;
    if (len <= UNFAMILIAR_RAW_MAX) {
        *key_len = len;
        return word;
    }
    /* A word of megabytes (a page of base64) would make the set of unique
       words as big as the input: 128 bits of its bytes, its length, and a
       NUL first, which no word has (an input with a NUL is refused), stand
       for it.  Two such words share a digest with odds of 2^-128. */
    const unsigned char *w = (const unsigned char *)word;
    uint64_t parts[3] = {
        digest_half(w, len, UINT64_C(0x243F6A8885A308D3), UINT64_C(0x9E3779B97F4A7C15)),
        digest_half(w, len, UINT64_C(0x13198A2E03707344), UINT64_C(0xC2B2AE3D27D4EB4F)),
        (uint64_t)len,
    };
    buf[0] = '\0';
    memcpy(buf + 1, parts, sizeof parts);
    *key_len = 1 + sizeof parts;
    return buf;
}

/* A word the cache does not keep. */
static void measure_uncached(const char *text, const rs__token *t, bool sentence_initial,
                             rs__word_facts *out)
{
    rs__word_info wi;
    rs__word_describe(text, t, sentence_initial, &wi);
    *out = (rs__word_facts){
        .syllables = wi.syllables,
        .bits = (wi.scored ? RS_WORD_SCORED : 0u) | (wi.long_word ? RS_WORD_LONG : 0u)
                | (wi.difficult ? RS_WORD_DIFFICULT : 0u) | (wi.complex ? RS_WORD_COMPLEX : 0u)
                | (wi.unfamiliar ? RS_WORD_UNFAMILIAR : 0u),
    };
}

/* Keeps a word in the free slot e. */
static inline void cache_put(rs__word_cache *cache, rs__word_cache_entry *e, const uint64_t key[3],
                             size_t len, unsigned kind, unsigned syllables, unsigned flags)
{
    *e = (rs__word_cache_entry){.key = {key[0], key[1], key[2]},
                                .tag = rs__word_cache_tag(len, kind),
                                .syllables = (uint8_t)syllables,
                                .flags = entry_flags(flags)};
    cache->count++;
}

/* Syllables and flags of a word not yet in the cache, which is then added
   (*e is NULL when the cache is full).  long_word: the word has more than 6
   letters, which an ASCII key's entry keeps (RS_WORD_LONG): its letters
   are the key's. */
static rs_status cache_fill(const rs_allocator *alloc, rs__word_cache *cache, const char *word,
                            size_t len, const uint64_t key[3], unsigned kind, bool long_word,
                            unsigned *syllables, unsigned *flags, rs__word_cache_entry **e)
{
    rs__word_info wi;
    if (kind == KIND_NUMBER_BYTES) {
        *flags = 0;
        *syllables = rs__syllables_number(word, len);
    } else if (kind == KIND_PLAIN_BYTES || kind == KIND_DOTTED_BYTES) {
        *syllables = plain_word(word, len, kind == KIND_DOTTED_BYTES, &wi, flags);
    } else {
        /* The key of an ASCII word is its lower case (as rs__word_key makes
           it); the build ran the rules on the commonest ones already. */
        if (!rs__word_table_find(&rs__word_facts_table, key[0], key[1], len,
                                 rs__word_table_hash(key[0], key[1]), syllables, flags)) {
            ascii_key(word, len, wi.key, sizeof wi.key);
            *flags = rs__word_ascii_rules(wi.key, len, syllables);
        }
        if (long_word)
            *flags |= RS_WORD_LONG;
    }
    *e = NULL;
    bool room = false;
    /* Numbers repeat far less than words, and the cache never forgets: a
       table of figures must not fill it before the prose comes. */
    bool keep = kind != KIND_NUMBER_BYTES || cache->count < CACHE_MAX_NUMBERS;
    if (keep && *syllables <= UINT8_MAX) {
        rs_status st = cache_room(alloc, cache, &room);
        if (st != RS_OK)
            return st;
    }
    if (room) {
        *e = cache_slot(cache, key, (unsigned)len, kind);
        if ((*e)->tag) /* a new table's seeds had it */
            return RS_OK;
        cache_put(cache, *e, key, len, kind, *syllables, *flags);
    }
    return RS_OK;
}

/*
 * What a word of these syllables and cache flags adds, in the cache's entry
 * e (NULL: not kept), with its id in the unfamiliar set where the entry
 * holds one the set still has.
 */
static inline void word_facts(const rs__word_cache *cache, const rs__strset *unfamiliar,
                              const rs__token *t, bool sentence_initial, unsigned syllables,
                              unsigned flags, rs__word_cache_entry *e, rs__word_facts *out)
{
    *out = (rs__word_facts){.syllables = syllables,
                            .bits = rs__word_token_bits(t, sentence_initial,
                                                        flags & RS_WORD_KEY_BITS),
                            .entry = e};
    if ((out->bits & RS_WORD_UNFAMILIAR) && e && !(e->flags & RS_WORD_ID_PENDING)
        && rs__word_cache_ids_hold(cache, unfamiliar)) {
        out->bits |= RS_WORD_KNOWN_ID;
        out->unfamiliar_id = e->unfamiliar;
    }
}

/* Adds the classifier's lexicon answer (from the cache flags) and the fold hash. */
static inline void with_lex(rs__word_facts *out, unsigned flags, uint64_t fold_hash)
{
    out->bits |= RS_WORD_LEX_KNOWN;
    out->lex = flags >> RS_WORD_LEX_SHIFT;
    out->fold_hash = fold_hash;
}

/* The measures of a word whose cache key is key. */
static inline rs_status measure_keyed(const rs_allocator *alloc, rs__word_cache *cache,
                                      const rs__strset *unfamiliar, const char *word, size_t len,
                                      const uint64_t key[3], unsigned kind, const rs__token *t,
                                      bool sentence_initial, bool want_lex, rs__word_facts *out)
{
    rs__word_cache_entry *e = cache->nslots ? cache_slot(cache, key, (unsigned)len, kind) : NULL;
    unsigned syllables, flags;
    if (e && e->tag) {
        syllables = e->syllables;
        flags = e->flags;
    } else {
        rs_status st = cache_fill(alloc, cache, word, len, key, kind, t->letters > 6, &syllables,
                                  &flags, &e);
        if (st != RS_OK)
            return st;
    }
    if (kind == KIND_NUMBER_BYTES) {
        *out = (rs__word_facts){.syllables = syllables, .bits = RS_WORD_SCORED};
        return RS_OK;
    }
    word_facts(cache, unfamiliar, t, sentence_initial, syllables, flags, e, out);
    if (want_lex && kind == KIND_ASCII_LOWER)
        with_lex(out, flags, rs__word_fold_hash_words(key, len));
    return RS_OK;
}

/* Numbers, words with other than ASCII characters, and what the cache does
   not keep. */
static rs_status measure_other(const rs_allocator *alloc, rs__word_cache *cache,
                               const rs__strset *unfamiliar, const char *text, const rs__token *t,
                               bool sentence_initial, rs__word_facts *out)
{
    size_t len = t->end - t->start;
    unsigned kind = 0;
    if (t->kind == RS_WORD_PLAIN && (t->flags & RS_TF_DOTTED))
        kind = KIND_DOTTED_BYTES;
    else if (t->kind == RS_WORD_PLAIN && !(t->flags & RS_TF_ASCII))
        kind = KIND_PLAIN_BYTES;
    else if (t->kind == RS_WORD_NUMBER)
        kind = KIND_NUMBER_BYTES;
    if (!kind || len == 0 || len > RS_WORD_CACHE_KEY) {
        measure_uncached(text, t, sentence_initial, out);
        return RS_OK;
    }
    const char *word = text + t->start;
    const unsigned char *w = (const unsigned char *)word;
    uint64_t key[3] = {0, 0, 0};
    for (size_t i = 0; i < len; i += 8)
        key[i / 8] = rs__word_load_upto8(w + i, len - i < 8 ? len - i : 8);
    return measure_keyed(alloc, cache, unfamiliar, word, len, key, kind, t, sentence_initial, false,
                         out);
}

/* The facts of an ASCII key k0, k1 (len bytes, 1 to 16, hash its cache
   hash) that the cache does not have: the table's, else the rules'. */
static unsigned ascii_facts(uint64_t k0, uint64_t k1, size_t len, uint64_t hash,
                            unsigned *syllables)
{
    unsigned flags;
    if (rs__word_table_find(&rs__word_facts_table, k0, k1, len, hash, syllables, &flags))
        return flags;
    char key[2 * sizeof(uint64_t)];
    rs__word_store64(key, k0);
    rs__word_store64(key + 8, k1);
    return rs__word_ascii_rules(key, len, syllables);
}

/*
 * measure_keyed() for the commonest key: an ASCII word of up to 16 bytes
 * in lower case (k0, k1), hash its rs__word_cache_hash().  The hash places
 * it in the cache, places the probe of the facts table when the cache lacks
 * it, and is the fold hash's, so it is made once; a miss adds the entry at
 * the free slot the probe found unless the table must grow first.  Inlined
 * into both callers: as a call of its own, its arguments and registers cost
 * as much as a sixth of it.
 */
static RS_ALWAYS_INLINE rs_status measure_ascii(const rs_allocator *alloc, rs__word_cache *cache,
                                                const rs__strset *unfamiliar, size_t len,
                                                uint64_t k0, uint64_t k1, uint64_t hash,
                                                const rs__token *t, bool sentence_initial,
                                                bool want_lex, rs__word_facts *out)
{
    const uint64_t key[3] = {k0, k1, 0};
    rs__word_cache_entry *e =
        cache->nslots ? cache_slot_hashed(cache, hash, key, (unsigned)len, KIND_ASCII_LOWER) : NULL;
    unsigned syllables, flags;
    if (e && e->tag) {
        syllables = e->syllables;
        flags = e->flags;
    } else {
        flags = ascii_facts(k0, k1, len, hash, &syllables) | (t->letters > 6 ? RS_WORD_LONG : 0u);
        if (syllables > UINT8_MAX) {
            e = NULL;
        } else if (cache_needs_room(cache)) {
            bool room;
            rs_status st = cache_room(alloc, cache, &room);
            if (st != RS_OK)
                return st;
            e = room ? cache_slot_hashed(cache, hash, key, (unsigned)len, KIND_ASCII_LOWER) : NULL;
        }
        if (e && !e->tag) { /* a new table's seeds may have it already */
            cache_put(cache, e, key, len, KIND_ASCII_LOWER, syllables, flags);
        }
    }
    word_facts(cache, unfamiliar, t, sentence_initial, syllables, flags, e, out);
    if (want_lex)
        with_lex(out, flags, rs__word_fold_hash_short(hash, len));
    return RS_OK;
}

rs_status rs__word_measure_ascii(const rs_allocator *alloc, rs__word_cache *cache,
                                 const rs__strset *unfamiliar, const rs__token *t,
                                 bool sentence_initial, bool want_lex, uint64_t k0, uint64_t k1,
                                 uint64_t hash, rs__word_facts *out)
{
    return measure_ascii(alloc, cache, unfamiliar, t->end - t->start, k0, k1, hash, t,
                         sentence_initial, want_lex, out);
}

rs_status rs__word_measure_slow(const rs_allocator *alloc, rs__word_cache *cache,
                                const rs__strset *unfamiliar, const char *text,
                                const rs__token *t, bool sentence_initial, bool want_lex,
                                rs__word_facts *out)
{
    size_t len = t->end - t->start;
    if (t->kind != RS_WORD_PLAIN || (t->flags & (RS_TF_DOTTED | RS_TF_ASCII)) != RS_TF_ASCII
        || len - 1 >= RS_WORD_CACHE_KEY)
        return measure_other(alloc, cache, unfamiliar, text, t, sentence_initial, out);
    /* The commonest case: a short ASCII word, whose key is its lower case. */
    const char *word = text + t->start;
    const unsigned char *w = (const unsigned char *)word;
    if (len <= 16) {
        uint64_t k0, k1 = 0;
        if (len <= 8) {
            k0 = rs__word_load_upto8(w, len);
        } else {
            k0 = rs__word_load64(w);
            k1 = rs__word_load_upto8(w + 8, len - 8);
        }
        if ((k0 | k1) & RS_WORD_HIGH_BITS) { /* not ASCII after all: the general path knows */
            measure_uncached(text, t, sentence_initial, out);
            return RS_OK;
        }
        k0 = rs__word_ascii_lower8(k0);
        k1 = len > 8 ? rs__word_ascii_lower8(k1) : 0;
        return measure_ascii(alloc, cache, unfamiliar, len, k0, k1, rs__word_cache_hash(k0, k1, 0),
                             t, sentence_initial, want_lex, out);
    }
    uint64_t key[3];
    key[0] = rs__word_load64(w);
    key[1] = rs__word_load64(w + 8);
    key[2] = rs__word_load_upto8(w + 16, len - 16);
    if ((key[0] | key[1] | key[2]) & RS_WORD_HIGH_BITS) {
        measure_uncached(text, t, sentence_initial, out);
        return RS_OK;
    }
    for (size_t i = 0; i < 3; i++)
        key[i] = rs__word_ascii_lower8(key[i]);
    return measure_keyed(alloc, cache, unfamiliar, word, len, key, KIND_ASCII_LOWER, t,
                         sentence_initial, want_lex, out);
}
