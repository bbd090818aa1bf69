/*
 * Measuring one block: tokens, sentences, then each word's syllables and
 * word-list tests, summed into the block's own counts.  Sentence and word
 * offsets are mapped back to the input through the front-end's offset map.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "doc/doc.h"
#include "doc/roles_text.h"
#include "doc/stream_state.h"
#include "text/wordinfo.h"

void rs__doc_init(rs__doc *d, rs_report *report, const rs_allocator *alloc)
{
    memset(d, 0, sizeof *d);
    d->alloc = *alloc;
    d->report = report;
}

void rs__doc_release(rs__doc *d)
{
    const rs_allocator *a = &d->alloc;
    rs__free(a, d->evidence, d->evidence_cap * sizeof *d->evidence);
    rs__free(a, d->names_bytes, d->names_cap);
    rs__free(a, d->paths, d->paths_cap * sizeof *d->paths);
    rs__strset_free(&d->unfamiliar, a);
    rs__free(a, d->unfamiliar_ids, d->unfamiliar_ids_cap * sizeof *d->unfamiliar_ids);
    rs__free(a, d->tokens.items, d->tokens.cap * sizeof *d->tokens.items);
    rs__free(a, d->spans.items, d->spans.cap * sizeof *d->spans.items);
    rs__free(a, d->seen, d->seen_cap * sizeof *d->seen);
    rs__word_cache_free(&d->words, a);
    rs__free(a, d->text_blocks, d->text_blocks_cap * sizeof *d->text_blocks);
    if (d->cue_index)
        rs__cue_index_release(d->cue_index);
    rs__free(a, d->cue_index, sizeof *d->cue_index);
    memset(d, 0, sizeof *d);
}

/* Maps offsets in a block's text to input offsets, for increasing queries. */
typedef struct offset_mapper {
    const rs__block_in *block;
    size_t base;   /* where the block's text starts in its buffer */
    size_t k;      /* current map entry */
} offset_mapper;

/* The last of map_text[0..n) at or before t (its entries only grow), or 0. */
static size_t map_entry_before(const size_t *map_text, size_t n, size_t t)
{
    size_t lo = 0, hi = n; /* the entry is in [lo, hi) if any is */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (map_text[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t map_offset(offset_mapper *m, size_t buffer_offset)
{
    const rs__block_in *b = m->block;
    size_t t = buffer_offset - m->base;
    if (!b->map_len)
        return b->start + t;
    /* A query behind the last one (a sentence's start, after its words) is
       searched for: a walk from the first entry made a block of many lines
       and sentences quadratic (a long fenced code block with --detail). */
    if (m->k >= b->map_len || b->map_text[m->k] > t)
        m->k = map_entry_before(b->map_text, m->k < b->map_len ? m->k : b->map_len, t);
    while (m->k + 1 < b->map_len && b->map_text[m->k + 1] <= t)
        m->k++;
    size_t src = t >= b->map_text[m->k] ? b->map_src[m->k] + (t - b->map_text[m->k]) : b->start;
    if (src > b->end)
        src = b->end;
    if (src < b->start)
        src = b->start;
    return src;
}

/*
 * An end offset belongs to the text before it.  Where a front-end put two
 * entries at one text offset (where a run ended, then where the next one
 * starts), the first tells where a word ending there ends in the input.
 */
static size_t map_end_offset(offset_mapper *m, size_t buffer_offset)
{
    size_t src = map_offset(m, buffer_offset);
    const rs__block_in *b = m->block;
    size_t t = buffer_offset - m->base, k = m->k;
    if (!b->map_len || b->map_text[k] != t)
        return src;
    while (k > 0 && b->map_text[k - 1] == t)
        k--;
    src = b->map_src[k];
    return src > b->end ? b->end : src < b->start ? b->start : src;
}

/*
 * Sizes the unfamiliar set and its marks, before its first key, for the
 * text the word cache was sized for (rs__word_cache_expect()): at most half
 * a text's distinct words are unfamiliar, and those fit half the cache's
 * first table, so a short article's set is made once instead of doubling
 * from its smallest size.
 */
static rs_status expect_unfamiliar(rs__doc *d)
{
    size_t keys = d->words.first_slots / 4;
    if (d->unfamiliar_cap && keys > d->unfamiliar_cap)
        keys = d->unfamiliar_cap;
    if (!keys)
        return RS_OK;
    enum { KEY_BYTES = 8 }; /* a short word's key, about */
    rs_status st = rs__strset_reserve(&d->unfamiliar, &d->alloc, keys, keys * KEY_BYTES);
    if (st == RS_OK && keys > d->seen_cap)
        st = rs__grow_zeroed(&d->alloc, (void **)&d->seen, &d->seen_cap, keys, sizeof *d->seen);
    return st;
}

/* After the set gave *id to a key (st): the block's marks (note_unfamiliar)
   cover every id. */
static inline rs_status mark_room(rs__doc *d, rs_status st, const uint32_t *id)
{
    if (st == RS_OK && *id >= d->seen_cap)
        st = rs__grow_zeroed(&d->alloc, (void **)&d->seen, &d->seen_cap, d->unfamiliar.count,
                             sizeof *d->seen);
    return st;
}

/* The id of an unfamiliar word's key in the document's set, added if new. */
static rs_status remember_unfamiliar(rs__doc *d, const char *word, size_t len, uint32_t *id)
{
    char buf[RS_WORD_KEY_MAX];
    size_t key_len;
    const char *key = rs__word_unfamiliar_key(word, len, buf, &key_len);
    /* Streaming caps the set: a word past the cap counts as new each time. */
    if (d->unfamiliar_cap && d->unfamiliar.count >= d->unfamiliar_cap) {
        if (!rs__strset_find(&d->unfamiliar, key, key_len, id))
            *id = RS__UNFAMILIAR_OVERFLOW;
        return RS_OK;
    }
    rs_status st = RS_OK;
    if (RS_UNLIKELY(!d->unfamiliar.nslots))
        st = expect_unfamiliar(d);
    if (st == RS_OK)
        st = rs__strset_add(&d->unfamiliar, &d->alloc, key, key_len, id);
    return mark_room(d, st, id);
}

/* remember_unfamiliar() of a plain ASCII word of 1 to 16 bytes whose key
   (its lower case, rs__word_unfamiliar_key()) the loop made: k0, k1. */
static rs_status remember_unfamiliar_ascii(rs__doc *d, uint64_t k0, uint64_t k1, size_t len,
                                           uint32_t *id)
{
    if (d->unfamiliar_cap && d->unfamiliar.count >= d->unfamiliar_cap) {
        char key[2 * sizeof(uint64_t)];
        rs__word_store64(key, k0);
        rs__word_store64(key + 8, k1);
        if (!rs__strset_find(&d->unfamiliar, key, len, id))
            *id = RS__UNFAMILIAR_OVERFLOW;
        return RS_OK;
    }
    rs_status st = RS_OK;
    if (RS_UNLIKELY(!d->unfamiliar.nslots))
        st = expect_unfamiliar(d);
    if (st == RS_OK)
        st = rs__strset_add_short(&d->unfamiliar, &d->alloc, k0, k1, len, id);
    return mark_room(d, st, id);
}

/* rs__doc_start_unique_pass(), inline for the pass of every block: the
   marks rarely need to grow, and the pass number rarely wraps. */
static inline rs_status start_unique_pass(rs__doc *d)
{
    if (RS_LIKELY(d->unfamiliar.count <= d->seen_cap && d->pass != UINT32_MAX)) {
        d->pass++;
        return RS_OK;
    }
    return rs__doc_start_unique_pass(d);
}

rs_status rs__doc_start_unique_pass(rs__doc *d)
{
    /* the marks grow as ids are added (remember_unfamiliar): rarely here */
    if (d->unfamiliar.count > d->seen_cap) {
        rs_status st = rs__grow_zeroed(&d->alloc, (void **)&d->seen, &d->seen_cap,
                                       d->unfamiliar.count, sizeof *d->seen);
        if (st != RS_OK)
            return st;
    }
    if (++d->pass == 0) { /* wrapped: forget every mark */
        memset(d->seen, 0, d->seen_cap * sizeof *d->seen);
        d->pass = 1;
    }
    return RS_OK;
}

/* Appends a word's occurrence to the block's unfamiliar words, which
   count_unique_unfamiliar() counts once the block is measured. */
static inline rs_status note_unfamiliar(rs__doc *d, uint32_t id)
{
    rs_status st = rs__reserve(&d->alloc, (void **)&d->unfamiliar_ids, &d->unfamiliar_ids_cap,
                               d->nunfamiliar_ids + 1, sizeof *d->unfamiliar_ids);
    if (st != RS_OK)
        return st;
    d->unfamiliar_ids[d->nunfamiliar_ids++] = id;
    return RS_OK;
}

/* The block's unfamiliar words (its ids from `from` on), each once
   (rs__doc_start_unique_pass()); ids past the set's cap count each time,
   as doc/aggregate.c counts them for a range of blocks.  Counted after the
   word loop, which only appends the ids: deciding there whether a word is
   new to the block would be a second hard-to-predict branch per
   unfamiliar word. */
static uint64_t count_unique_unfamiliar(rs__doc *d, size_t from)
{
    uint64_t unique = 0;
    if (d->nunfamiliar_ids > from) /* else the ids may be NULL: no arithmetic on them */
        rs__count_unmarked(d->seen, d->pass, d->unfamiliar_ids + from, d->nunfamiliar_ids - from,
                           rs__doc_no_overflow_ids(d), &unique);
    return unique;
}

typedef struct block_ctx {
    rs__doc *d;
    const char *buffer;   /* the buffer the block's text is in */
    size_t text_end;      /* where the block's text ends in buffer */
    size_t readable_end;  /* where the buffer's bytes end: text_end or past it */
    bool in_arena;
    offset_mapper mapper;
    size_t index;         /* the block's index */
    bool detail;
    /* for the plain-text classifier (NULL: not wanted): its view of the
       block's words, which measuring adds to word by word; the tokens from
       described_to on are not in it yet */
    rs__text_words *described;
    const rs__cue_index *cues;
    size_t described_to;
    /* the block goes on with a sentence that has words before it: its
       first word opens no sentence */
    bool continues_sentence;
} block_ctx;

/* Adds the words among the tokens from bc->described_to up to end (which
   no sentence holds) to the classifier's view. */
static void describe_between(block_ctx *bc, size_t end)
{
    const rs__token *tokens = bc->d->tokens.items;
    if (end <= bc->described_to)
        return;
    for (size_t k = bc->described_to; k < end; k++)
        if (tokens[k].type == RS_TOK_WORD)
            rs__text_words_add_other(bc->described, bc->cues, bc->buffer, bc->text_end,
                                     &tokens[k]);
    bc->described_to = end;
}

/* Whether the tokens from..to (to excluded) hold a word. */
static inline bool any_word(const rs__token *tokens, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (tokens[k].type == RS_TOK_WORD)
            return true;
    return false;
}

/* Appends a word to the report's words (with detail). */
static rs_status record_word(block_ctx *bc, const rs__token *t, unsigned syllables)
{
    rs__doc *d = bc->d;
    rs_report *r = d->report;
    rs_status st = rs__reserve(&d->alloc, (void **)&r->words, &r->words_cap, r->nwords + 1,
                               sizeof *r->words);
    if (st == RS_OK)
        st = rs__reserve(&d->alloc, (void **)&r->word_text, &r->word_text_cap, r->nwords + 1,
                         sizeof *r->word_text);
    if (st != RS_OK)
        return st;
    size_t start = map_offset(&bc->mapper, t->start);
    size_t end = map_end_offset(&bc->mapper, t->end);
    r->words[r->nwords] =
        (rs_word){start, end < start ? start : end, (rs_word_kind)t->kind, syllables};
    r->word_text[r->nwords] = (rs__text_ref){t->start, t->end - t->start, bc->in_arena};
    r->nwords++;
    return RS_OK;
}

/*
 * The sums of a sentence's words.  Words the cache answers add to two
 * packed sums, which a run of at most LANE_RUN tokens cannot overflow: the
 * test lanes, three of LANE_BITS each, and the syllable lanes, the
 * syllables in LANE_BITS (a cached word has at most 255) and the
 * monosyllables, polysyllables and words in COUNT_BITS each, which is one
 * add a word for all four.  The other words add to the plain fields.
 */
enum { LANE_BITS = 21, COUNT_BITS = 14, LANE_RUN = 8192 };
#define LANE_MASK ((UINT64_C(1) << LANE_BITS) - 1)
#define COUNT_MASK ((UINT64_C(1) << COUNT_BITS) - 1)
_Static_assert(LANE_RUN * 255 <= LANE_MASK && LANE_RUN <= COUNT_MASK
                   && LANE_BITS + 3 * COUNT_BITS <= 64,
               "a run of LANE_RUN tokens fits every lane");

/* The block's counts, which the words add to as they are measured. */
typedef rs_counts word_sums;

/* What a cached word of s syllables adds to the syllable lanes: s,
   whether it has one, or three or more, and itself to the words. */
#define SYLLABLE_LANES(s)                                                                     \
    ((uint64_t)(s) | (uint64_t)((s) == 1) << LANE_BITS                                       \
     | (uint64_t)((s) >= 3) << (LANE_BITS + COUNT_BITS)                                      \
     | UINT64_C(1) << (LANE_BITS + 2 * COUNT_BITS))
#define SYLLABLE_LANES4(s) \
    SYLLABLE_LANES(s), SYLLABLE_LANES((s) + 1), SYLLABLE_LANES((s) + 2), SYLLABLE_LANES((s) + 3)
#define SYLLABLE_LANES16(s) \
    SYLLABLE_LANES4(s), SYLLABLE_LANES4((s) + 4), SYLLABLE_LANES4((s) + 8), \
        SYLLABLE_LANES4((s) + 12)
#define SYLLABLE_LANES64(s) \
    SYLLABLE_LANES16(s), SYLLABLE_LANES16((s) + 16), SYLLABLE_LANES16((s) + 32), \
        SYLLABLE_LANES16((s) + 48)
#define SYLLABLE_LANES_OF \
    {SYLLABLE_LANES64(0), SYLLABLE_LANES64(64), SYLLABLE_LANES64(128), SYLLABLE_LANES64(192)}

/*
 * What a cached word adds to the test lanes (difficult, complex, long) and,
 * in the top bit, whether it counts as unfamiliar, by an index of its
 * key's RS_WORD_KEY_BITS, whether it is long (RS_WORD_LONG, which the
 * cache keeps with an ASCII key), and above TL_FLAGS_SHIFT the token's
 * RS_TF_HYPHEN (never complex) and, where it makes a proper noun (none of
 * the key's bits), RS_TF_UPPER_FIRST: as rs__word_token_bits() decides.
 * With the entry's RS_WORD_ID_PENDING, a word that counts as unfamiliar
 * adds TL_NO_ID instead, which no sum of lanes is: its id is not at hand.
 */
enum {
    TL_FLAGS_SHIFT = 5,
    TL_PROPER = RS_TF_UPPER_FIRST << TL_FLAGS_SHIFT,
    TL_HYPHEN = RS_TF_HYPHEN << TL_FLAGS_SHIFT,
    TL_INDEXES = 2 * TL_HYPHEN
};
_Static_assert(RS_WORD_KEY_BITS == 7 && RS_WORD_DIFFICULT == 1 && RS_WORD_UNFAMILIAR == 2
                   && RS_WORD_COMPLEX == 4 && RS_WORD_ID_PENDING == 8 && RS_WORD_LONG == 16
                   && RS_TF_UPPER_FIRST == 1 && RS_TF_HYPHEN == 8 && TL_INDEXES == 512,
               "the key bits, the entry's pending and the token flags index the test lanes");
#define TL_NO_ID UINT64_MAX
#define TL_BITS(i) ((i) & TL_PROPER ? 0u : (i) & TL_HYPHEN ? (i) & 3u : (i) & 7u)
#define TEST_LANES(i)                                                                         \
    (((i) & RS_WORD_ID_PENDING) && (TL_BITS(i) & RS_WORD_UNFAMILIAR)                         \
         ? TL_NO_ID                                                                           \
         : (uint64_t)(TL_BITS(i) & RS_WORD_DIFFICULT)                                         \
               | (uint64_t)((TL_BITS(i) & RS_WORD_COMPLEX) != 0) << LANE_BITS                \
               | (uint64_t)(((i) & RS_WORD_LONG) != 0) << (2 * LANE_BITS)                    \
               | (uint64_t)((TL_BITS(i) & RS_WORD_UNFAMILIAR) != 0) << 63)
#define TEST_LANES4(i) TEST_LANES(i), TEST_LANES((i) + 1), TEST_LANES((i) + 2), TEST_LANES((i) + 3)
#define TEST_LANES16(i) \
    TEST_LANES4(i), TEST_LANES4((i) + 4), TEST_LANES4((i) + 8), TEST_LANES4((i) + 12)
#define TEST_LANES64(i) \
    TEST_LANES16(i), TEST_LANES16((i) + 16), TEST_LANES16((i) + 32), TEST_LANES16((i) + 48)
#define TEST_LANES_OF                                                                         \
    {TEST_LANES64(0),   TEST_LANES64(64),  TEST_LANES64(128), TEST_LANES64(192),             \
     TEST_LANES64(256), TEST_LANES64(320), TEST_LANES64(384), TEST_LANES64(448)}

static inline void add_lanes(word_sums *s, uint64_t syllable_lanes, uint64_t test_lanes)
{
    s->syllables += syllable_lanes & LANE_MASK;
    s->monosyllables += (syllable_lanes >> LANE_BITS) & COUNT_MASK;
    s->polysyllables += (syllable_lanes >> (LANE_BITS + COUNT_BITS)) & COUNT_MASK;
    s->words += syllable_lanes >> (LANE_BITS + 2 * COUNT_BITS);
    s->difficult_words += test_lanes & LANE_MASK;
    s->complex_words += (test_lanes >> LANE_BITS) & LANE_MASK;
    s->long_words += (test_lanes >> (2 * LANE_BITS)) & LANE_MASK; /* the top bit is no lane */
}

/*
 * Measures the word token t that the cache did not answer (in full), as
 * rs__word_measure_lex() would after its cache miss.
 */
static rs_status measure_other_word(block_ctx *bc, const rs__token *t, bool initial,
                                    bool keyed, uint64_t k0, uint64_t k1, uint64_t hash,
                                    word_sums *s)
{
    rs__doc *d = bc->d;
    rs__text_words *described = bc->described;
    rs__word_facts wf;
    /* keyed: a plain ASCII word whose cache key and hash the loop's probe made */
    rs_status st =
        keyed ? rs__word_measure_ascii(&d->alloc, &d->words, &d->unfamiliar, t, initial,
                                       described != NULL, k0, k1, hash, &wf)
              : rs__word_measure_slow(&d->alloc, &d->words, &d->unfamiliar, bc->buffer, t,
                                      initial, described != NULL, &wf);
    if (st != RS_OK)
        return st;
    if (described) {
        if (wf.bits & RS_WORD_LEX_KNOWN)
            rs__text_words_add_known(described, t, wf.lex, wf.fold_hash);
        else
            rs__text_words_add_other(described, bc->cues, bc->buffer, bc->text_end, t);
    }
    s->words++;
    unsigned bits = wf.bits;
    if (!(bits & RS_WORD_SCORED)) {
        s->unscored_words++;
        s->cjk_chars += t->kind == RS_WORD_CJK;
    } else {
        s->letters += t->letters;
        s->digits += t->digits;
        s->syllables += wf.syllables;
        s->monosyllables += wf.syllables == 1;
        s->polysyllables += wf.syllables >= 3;
        s->long_words += (bits & RS_WORD_LONG) != 0;
        s->difficult_words += (bits & RS_WORD_DIFFICULT) != 0;
        s->complex_words += (bits & RS_WORD_COMPLEX) != 0;
        if (bits & RS_WORD_UNFAMILIAR) {
            uint32_t id = wf.unfamiliar_id;
            if (!(bits & RS_WORD_KNOWN_ID)) {
                st = keyed ? remember_unfamiliar_ascii(d, k0, k1, t->end - t->start, &id)
                           : remember_unfamiliar(d, bc->buffer + t->start, t->end - t->start, &id);
                if (st != RS_OK)
                    return st;
                rs__word_cache_keep_id(&d->words, &d->unfamiliar, &wf, id);
            }
            st = note_unfamiliar(d, id);
            if (st != RS_OK)
                return st;
        }
    }
    if (bc->detail)
        return record_word(bc, t, (bits & RS_WORD_SCORED) ? wf.syllables : 0);
    return RS_OK;
}

/* The word loop is inlined into a function per copy (RS_NOINLINE, from
   core/hints.h), so that its registers are not shared with the code around
   it. */

/* Keys the cache cannot hold: an analysis that has cached nothing yet looks
   here, so that the loop need not ask whether there is a table. */
static const rs__word_cache_entry no_entries[2];

/* The analysis's cache as the loop reads it. */
static inline void take_cache(rs__word_cache *cache, const rs__doc *d)
{
    *cache = d->words;
    if (!cache->nslots) {
        cache->slots = (rs__word_cache_entry *)no_entries; /* only ever read */
        cache->nslots = 2;
        cache->shift = 63;
    }
}

/* Whether t is a word that is plain, ASCII and not dotted, which the cache
   may answer: where tokens are laid out as tokenizer.c packs them, one
   compare of the token's last eight bytes. */
static inline bool plain_ascii_word(const rs__token *t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    _Static_assert(offsetof(rs__token, digits) == 24 && offsetof(rs__token, flags) == 28
                       && offsetof(rs__token, type) == 30 && offsetof(rs__token, kind) == 31,
                   "the token's last eight bytes: digits, flags, type, kind");
    uint64_t tail;
    memcpy(&tail, (const char *)t + 24, sizeof tail);
    const uint64_t mask = (uint64_t)0xFF << 56 | (uint64_t)0xFF << 48
                          | (uint64_t)(RS_TF_DOTTED | RS_TF_ASCII) << 32;
    const uint64_t want = (uint64_t)RS_WORD_PLAIN << 56 | (uint64_t)RS_TOK_WORD << 48
                          | (uint64_t)RS_TF_ASCII << 32;
    return (tail & mask) == want;
#else
    return t->type == RS_TOK_WORD && t->kind == RS_WORD_PLAIN
           && (t->flags & (RS_TF_DOTTED | RS_TF_ASCII)) == RS_TF_ASCII;
#endif
}

/* The first n bytes of sixteen, n = 0..16, as two little-endian eights:
   the low eight, then the high eight (two arrays, so that the length
   indexes both without a multiply). */
#define KEY_MASK(n) ((n) >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * ((n) & 7))) - 1)
#define KEY_MASK_HIGH(n) ((n) <= 8 ? 0 : KEY_MASK((n) - 8))
#define KEY_MASKS(m)                                                                          \
    {m(0), m(1), m(2), m(3), m(4), m(5), m(6), m(7), m(8), m(9), m(10), m(11), m(12), m(13), \
     m(14), m(15), m(16)}
/* The word loop's tables in one object, so that one address reaches them all. */
static const struct {
    uint64_t syllable_lanes_of[256];
    uint64_t test_lanes_of[TL_INDEXES];
    uint64_t low[17], high[17];
} word_tables = {SYLLABLE_LANES_OF, TEST_LANES_OF, KEY_MASKS(KEY_MASK), KEY_MASKS(KEY_MASK_HIGH)};
#undef KEY_MASKS
#undef KEY_MASK_HIGH
#undef KEY_MASK
#undef SYLLABLE_LANES_OF
#undef TEST_LANES_OF
#undef TEST_LANES64
#undef TEST_LANES16
#undef TEST_LANES4
#undef TEST_LANES
#undef TL_BITS

/*
 * The cache key of a word of len <= 16 bytes at w with RS_TF_LOWER_TAIL:
 * sixteen bytes may be read, and only the first needs lowering (a letter:
 * the 0x20 bit).
 */
static RS_ALWAYS_INLINE void lower_tail_key(const unsigned char *w, size_t len, uint64_t k[2])
{
    k[0] = (rs__word_load64(w) & word_tables.low[len]) | 0x20;
    k[1] = rs__word_load64(w + 8) & word_tables.high[len];
}

/* The cache key of a number of len <= 16 bytes at w, where sixteen bytes
   may be read: its bytes as written. */
static RS_ALWAYS_INLINE void number_key(const unsigned char *w, size_t len, uint64_t k[2])
{
    k[0] = rs__word_load64(w) & word_tables.low[len];
    k[1] = rs__word_load64(w + 8) & word_tables.high[len];
}

/* rs__text_words_add_known() of a word the batch has no room for, out of
   the word loop: one word in 255 (the loop adds a block's opening words
   itself, with rs__text_words_batch_add_opening()). */
static RS_NOINLINE void add_known_unbatched(rs__text_words_batch *batch, rs__text_words *w,
                                           const rs__token *t, unsigned lex, uint64_t fold_hash)
{
    if (batch->taken_room != 0)
        rs__text_words_batch_put(batch, w);
    rs__text_words_add_known(w, t, lex, fold_hash);
    rs__text_words_batch_take(batch, w);
}

/* Where the next unfamiliar id of the block goes in d->unfamiliar_ids,
   which the word loop writes through this pointer (one register fewer than
   the array and a count); NULL while there is no array, and no block's
   words to measure. */
static inline uint32_t *ids_taken(rs__doc *d)
{
    return d->unfamiliar_ids ? d->unfamiliar_ids + d->nunfamiliar_ids : NULL;
}

/* The ids written up to next (ids_taken()) are the document's. */
static inline void ids_given(rs__doc *d, const uint32_t *next)
{
    if (next)
        d->nunfamiliar_ids = (size_t)(next - d->unfamiliar_ids);
}

/* The sums of the words the cache answered since the lanes were last
   emptied: the syllable lanes (with the words), the test lanes, and the letters (low half) and
   digits (high half) of words of at most 16 bytes. */
typedef struct lanes {
    uint64_t syllables, tests, letters_digits;
} lanes;

/* A token's letters and digits, as lanes.letters_digits adds them: where
   tokens are laid out as tokenizer.c packs them, one load. */
static inline uint64_t letters_digits(const rs__token *t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    _Static_assert(offsetof(rs__token, digits) == offsetof(rs__token, letters) + 4,
                   "letters, then digits");
    uint64_t v;
    memcpy(&v, (const char *)t + offsetof(rs__token, letters), sizeof v);
    return v;
#else
    return t->letters | (uint64_t)t->digits << 32;
#endif
}

/* Adds the lanes to s and empties them. */
static inline void empty_lanes(word_sums *s, lanes *l)
{
    s->letters += (uint32_t)l->letters_digits;
    s->digits += l->letters_digits >> 32;
    add_lanes(s, l->syllables, l->tests);
    *l = (lanes){0};
}

/* Appends the sentence of span, whose words' sums are s. */
static rs_status record_sentence(block_ctx *bc, const rs__span *span, size_t first_word,
                                 const word_sums *s)
{
    rs__doc *d = bc->d;
    rs_report *r = d->report;
    const rs__token *first = &d->tokens.items[span->first], *last = &d->tokens.items[span->last];
    rs_status st = rs__reserve(&d->alloc, (void **)&r->sentences, &r->sentences_cap,
                               r->nsentences + 1, sizeof *r->sentences);
    if (st == RS_OK)
        st = rs__reserve(&d->alloc, (void **)&r->sentence_text, &r->sentence_text_cap,
                         r->nsentences + 1, sizeof *r->sentence_text);
    if (st != RS_OK)
        return st;
    rs_sentence sentence = {
        .start = map_offset(&bc->mapper, first->start),
        .block = bc->index,
        .first_word = first_word,
        /* rs_sentence's 32-bit fields wrap as they did when counted one by one */
        .words = (uint32_t)s->words,
        .scored_words = (uint32_t)(s->words - s->unscored_words),
        .syllables = (uint32_t)s->syllables,
    };
    sentence.end = map_end_offset(&bc->mapper, last->end);
    if (sentence.end < sentence.start)
        sentence.end = sentence.start;
    r->sentences[r->nsentences] = sentence;
    r->sentence_text[r->nsentences] =
        (rs__text_ref){first->start, last->end - first->start, bc->in_arena};
    r->nsentences++;
    return RS_OK;
}

/* The difference of two sums: what came between them. */
static word_sums sums_since(const word_sums *now, const word_sums *then)
{
    return (word_sums){
        .words = now->words - then->words,
        .unscored_words = now->unscored_words - then->unscored_words,
        .syllables = now->syllables - then->syllables,
    };
}

/*
 * Measures the words of the block's sentences into c.  The words the cache
 * answers, most of prose, go the straight way here: what
 * rs__word_measure_lex() and rs__word_token_bits() find of them, summed in
 * the packed lanes (emptied at least every LANE_RUN tokens), and what the
 * classifier's view adds up, in a batch.  describe and detail are
 * bc->described != NULL and bc->detail, constants in each copy of the
 * loop.
 */
static RS_ALWAYS_INLINE rs_status measure_words_as(block_ctx *bc, rs_counts *c, bool describe,
                                                   bool detail)
{
    rs__doc *d = bc->d;
    const rs__token *tokens = d->tokens.items;
    const rs__span *spans = d->spans.items;
    size_t nspans = d->spans.count;
    /* a copy the loop can keep in registers; measuring a word the cache
       does not answer may change the cache, and the copy is taken again */
    rs__word_cache cache;
    rs__word_cache_hold_ids(&d->words, &d->unfamiliar);
    take_cache(&cache, d);
    rs__text_words *described = bc->described;
    rs__text_words_batch batch;
    if (describe)
        rs__text_words_batch_take(&batch, described);
    const unsigned char *buffer = (const unsigned char *)bc->buffer;
    size_t text_end = bc->text_end, readable_end = bc->readable_end;
    /* the words the cache did not answer, and the emptied lanes */
    word_sums *s = c;
    lanes l = {0};
    size_t lane_tokens = 0; /* tokens since the lanes were emptied */
    /* the block's tokens all fit the lanes (nearly every block): they are
       never emptied on the way */
    bool lanes_fit = d->tokens.count <= LANE_RUN;
    /* the block's unfamiliar words' ids, appended in place: each word has
       room for one, so that every cached word stores its id and only
       counts it if unfamiliar, with no branch on that */
    rs_status st = rs__reserve(&d->alloc, (void **)&d->unfamiliar_ids, &d->unfamiliar_ids_cap,
                               d->nunfamiliar_ids + d->tokens.count, sizeof *d->unfamiliar_ids);
    if (st != RS_OK)
        return st;
    uint32_t *next_id = ids_taken(d);
    /* a block that goes on with a sentence does not open it */
    unsigned first_proper_mask =
        bc->continues_sentence ? RS_TF_HYPHEN | RS_TF_UPPER_FIRST : RS_TF_HYPHEN;
    for (size_t k = 0; k < nspans; k++) {
        const rs__span *span = &spans[k];
        if (describe && bc->described_to < span->first) {
            /* most gaps between sentences are white space: the batch goes
               back only for words */
            if (any_word(tokens, bc->described_to, span->first)) {
                rs__text_words_batch_put(&batch, described);
                describe_between(bc, span->first);
                rs__text_words_batch_take(&batch, described);
            } else {
                bc->described_to = span->first;
            }
        }
        size_t first_word = d->report->nwords;
        word_sums before;
        if (detail) {
            empty_lanes(s, &l);
            before = *s;
        }
        /* The test lanes' index takes these of a token's flags: whether it
           is hyphenated, and, but for the sentence's first word, whether a
           capital makes it a proper noun. */
        unsigned proper_mask = first_proper_mask;
        first_proper_mask = RS_TF_HYPHEN;
        for (size_t from = span->first;; from += LANE_RUN) {
            size_t to = span->last;
            if (RS_UNLIKELY(!lanes_fit)) {
                if (to - from >= LANE_RUN)
                    to = from + LANE_RUN - 1;
                if (lane_tokens + (to - from + 1) > LANE_RUN) {
                    empty_lanes(s, &l);
                    lane_tokens = 0;
                }
                lane_tokens += to - from + 1;
            }
            for (const rs__token *t = tokens + from, *end = tokens + to + 1; t < end; t++) {
                if (t->type != RS_TOK_WORD)
                    continue;
                size_t start = t->start, len = t->end - start;
                uint64_t key[2];
                if (RS_LIKELY((t->flags & RS_TF_LOWER_TAIL) && len <= 16)) {
                    lower_tail_key(buffer + start, len, key);
                } else if (t->kind == RS_WORD_NUMBER) {
                    /* as rs__word_measure_slow() measures a number the cache
                       holds: its syllables, and no word-list tests */
                    if (len - 1 >= 16 || start + 16 > readable_end)
                        goto other;
                    number_key(buffer + start, len, key);
                    const rs__word_cache_entry *e =
                        rs__word_cache_probe(&cache, key, rs__word_cache_hash(key[0], key[1], 0),
                                   rs__word_cache_tag(len, RS_WORD_KIND_NUMBER));
                    if (!e)
                        goto other;
                    proper_mask = RS_TF_HYPHEN | RS_TF_UPPER_FIRST;
                    l.letters_digits += letters_digits(t);
                    l.syllables += word_tables.syllable_lanes_of[e->syllables];
                    if (describe)
                        rs__text_words_add_number(described);
                    if (detail) {
                        st = record_word(bc, t, e->syllables);
                        if (st != RS_OK)
                            return st;
                    }
                    continue;
                } else if ((t->flags & (RS_TF_DOTTED | RS_TF_ASCII)) != RS_TF_ASCII) {
                    /* as rs__word_measure_slow() measures a dotted word or
                       one with non-ASCII characters that the cache holds
                       (its key: the bytes as written) */
                    if (len - 1 >= 16 || start + 16 > readable_end || t->kind != RS_WORD_PLAIN)
                        goto other;
                    number_key(buffer + start, len, key);
                    const rs__word_cache_entry *e = rs__word_cache_probe(
                        &cache, key, rs__word_cache_hash(key[0], key[1], 0),
                        rs__word_cache_tag(len, (t->flags & RS_TF_DOTTED) ? RS_WORD_KIND_DOTTED
                                                                          : RS_WORD_KIND_PLAIN_BYTES));
                    if (!e)
                        goto other;
                    /* the entry keeps no RS_WORD_LONG: the token's letters tell */
                    uint64_t tests = word_tables.test_lanes_of
                        [(e->flags & (RS_WORD_KEY_BITS | RS_WORD_ID_PENDING))
                         | (t->letters > 6 ? RS_WORD_LONG : 0u)
                         | (t->flags & proper_mask) << TL_FLAGS_SHIFT];
                    if (tests == TL_NO_ID)
                        goto other;
                    proper_mask = RS_TF_HYPHEN | RS_TF_UPPER_FIRST;
                    l.letters_digits += letters_digits(t);
                    l.syllables += word_tables.syllable_lanes_of[e->syllables];
                    l.tests += tests;
                    if (describe) {
                        /* the classifier reads the word itself: no lexicon
                           answer is kept with this key */
                        rs__text_words_batch_put(&batch, described);
                        rs__text_words_add_other(described, bc->cues, bc->buffer, text_end, t);
                        rs__text_words_batch_take(&batch, described);
                    }
                    if (detail) {
                        st = record_word(bc, t, e->syllables);
                        if (st != RS_OK)
                            return st;
                    }
                    *next_id = e->unfamiliar;
                    next_id += (size_t)(tests >> 63);
                    continue;
                } else { /* made from the bytes, if the cache may hold the word */
                    if (!plain_ascii_word(t) || len - 1 >= 16)
                        goto other;
                    rs__word_ascii_key16(buffer + start, len, start + 16 <= readable_end, key);
                }
                uint64_t hash = rs__word_cache_hash(key[0], key[1], 0);
                uint8_t tag = rs__word_cache_tag(len, RS_WORD_KIND_ASCII_LOWER);
                const rs__word_cache_entry *e = rs__word_cache_probe(&cache, key, hash, tag);
                if (RS_UNLIKELY(!e)) {
                    if (describe)
                        rs__text_words_batch_put(&batch, described);
                    ids_given(d, next_id);
                    st = measure_other_word(bc, t, !(proper_mask & RS_TF_UPPER_FIRST), true,
                                            key[0], key[1], hash, s);
                    goto measured;
                }
                unsigned flags = t->flags, entry_flags = e->flags;
                uint64_t tests = word_tables.test_lanes_of
                    [(entry_flags & (RS_WORD_KEY_BITS | RS_WORD_ID_PENDING | RS_WORD_LONG))
                     | (flags & proper_mask) << TL_FLAGS_SHIFT];
                /* unfamiliar without its id at hand: rare, a word's first
                   sightings */
                if (RS_UNLIKELY(tests == TL_NO_ID))
                    goto other;
                /* whether the word is unfamiliar (the top bit of tests) is
                   no branch: every word stores an id, which only counts
                   for those */
                *next_id = e->unfamiliar;
                next_id += (size_t)(tests >> 63);
                proper_mask = RS_TF_HYPHEN | RS_TF_UPPER_FIRST;
                l.letters_digits += letters_digits(t);
                l.syllables += word_tables.syllable_lanes_of[e->syllables];
                l.tests += tests;
                if (describe) {
                    unsigned lex = entry_flags >> RS_WORD_LEX_SHIFT;
                    uint64_t fold_hash = rs__word_fold_hash_short(hash, len);
                    if (RS_UNLIKELY(!rs__text_words_batch_room(&batch))) {
                        /* the block's opening words here, where a call
                           would save and restore the loop's registers */
                        if (batch.taken_room == 0 && described->alpha <= 2)
                            rs__text_words_batch_add_opening(&batch, described, flags, lex,
                                                             fold_hash);
                        else
                            add_known_unbatched(&batch, described, t, lex, fold_hash);
                    } else {
                        rs__text_words_batch_add(&batch, flags, lex, fold_hash);
                    }
                }
                if (detail) {
                    st = record_word(bc, t, e->syllables);
                    if (st != RS_OK)
                        return st;
                }
                continue;
            other:
                if (describe)
                    rs__text_words_batch_put(&batch, described);
                ids_given(d, next_id);
                st = measure_other_word(bc, t, !(proper_mask & RS_TF_UPPER_FIRST), false, 0, 0, 0,
                                        s);
            measured:
                if (st != RS_OK)
                    return st;
                next_id = ids_taken(d); /* in the room reserved above */
                if (describe)
                    rs__text_words_batch_take(&batch, described);
                rs__word_cache_hold_ids(&d->words, &d->unfamiliar);
                take_cache(&cache, d);
                proper_mask = RS_TF_HYPHEN | RS_TF_UPPER_FIRST;
            }
            if (RS_LIKELY(to == span->last))
                break;
        }
        if (describe)
            bc->described_to = span->last + 1;
        if (detail) {
            empty_lanes(s, &l);
            word_sums sentence = sums_since(s, &before);
            st = record_sentence(bc, span, first_word, &sentence);
            if (st != RS_OK)
                return st;
        }
    }
    empty_lanes(s, &l);
    if (describe)
        rs__text_words_batch_put(&batch, described);
    ids_given(d, next_id);
    return RS_OK;
}

#define MEASURE_WORDS_COPY(name, describe, detail)                                            \
    static RS_NOINLINE rs_status name(block_ctx *bc, rs_counts *c)                            \
    {                                                                                         \
        return measure_words_as(bc, c, describe, detail);                                     \
    }
MEASURE_WORDS_COPY(measure_words_described, true, false)
MEASURE_WORDS_COPY(measure_words_described_detail, true, true)
MEASURE_WORDS_COPY(measure_words_plain, false, false)
MEASURE_WORDS_COPY(measure_words_plain_detail, false, true)
#undef MEASURE_WORDS_COPY

static rs_status measure_words(block_ctx *bc, rs_counts *c)
{
    if (bc->described)
        return bc->detail ? measure_words_described_detail(bc, c) : measure_words_described(bc, c);
    return bc->detail ? measure_words_plain_detail(bc, c) : measure_words_plain(bc, c);
}

/* Zero bytes after a block's copy in the arena (not part of the arena's
   text; the next copy goes over them): the tokenizer and measuring may read
   sixteen bytes from any word of the block. */
enum { ARENA_SLACK = 16 };

/* Where the block's text will live: the input itself, or a copy in the arena. */
static rs_status place_text(rs__doc *d, const rs__block_in *b, rs__text_ref *ref)
{
    rs_report *r = d->report;
    /* (a block's offsets may lie before the buffer, wrapped: those of a
       line the front-end copied before its input was dropped) */
    if (!b->map_len && b->text_len == b->end - b->start && r->text && b->start <= b->end
        && b->end <= r->text_len && b->text == r->text + b->start) {
        *ref = (rs__text_ref){b->start, b->text_len, false};
        return RS_OK;
    }
    return rs__doc_arena_copy(d, b->text, b->text_len, ref);
}

rs_status rs__doc_arena_copy(rs__doc *d, const char *text, size_t len, rs__text_ref *ref)
{
    rs_report *r = d->report;
    rs_status st = rs__grow(&d->alloc, (void **)&r->arena, &r->arena_cap,
                            r->arena_len + len + ARENA_SLACK, 1);
    if (st != RS_OK)
        return st;
    if (len)
        memcpy(r->arena + r->arena_len, text, len);
    memset(r->arena + r->arena_len + len, 0, ARENA_SLACK);
    *ref = (rs__text_ref){r->arena_len, len, true};
    r->arena_len += len;
    return RS_OK;
}

rs_status rs__doc_arena_join(rs__doc *d, rs__text_ref *into, rs__text_ref next)
{
    rs_report *r = d->report;
    if (into->in_arena == next.in_arena && into->offset + into->len == next.offset) {
        into->len += next.len; /* back to back already */
        return RS_OK;
    }
    if (into->in_arena && into->offset + into->len == r->arena_len) {
        /* the last copy in the arena (a long block's pieces so far): next
           goes after it, and nothing is copied twice */
        rs__text_ref copy;
        rs_status st = rs__doc_arena_copy(d, rs__text_at(r, next), next.len, &copy);
        if (st == RS_OK)
            into->len += next.len;
        return st;
    }
    size_t len = into->len + next.len;
    rs_status st = rs__grow(&d->alloc, (void **)&r->arena, &r->arena_cap,
                            r->arena_len + len + ARENA_SLACK, 1);
    if (st != RS_OK)
        return st;
    /* the sources are taken after the arena has grown: either may be in it */
    char *to = r->arena + r->arena_len;
    if (into->len)
        memcpy(to, rs__text_at(r, *into), into->len);
    if (next.len)
        memcpy(to + into->len, rs__text_at(r, next), next.len);
    memset(to + len, 0, ARENA_SLACK);
    *into = (rs__text_ref){r->arena_len, len, true};
    r->arena_len += len;
    return RS_OK;
}

static rs_status keep_names(rs__doc *d, const rs__block_in *b, rs__evidence *ev)
{
    ev->names = d->names_len;
    ev->names_len = b->names ? b->names_len : 0;
    if (!ev->names_len)
        return RS_OK;
    rs_status st = rs__grow(&d->alloc, (void **)&d->names_bytes, &d->names_cap,
                            d->names_len + ev->names_len, 1);
    if (st != RS_OK)
        return st;
    memcpy(d->names_bytes + d->names_len, b->names, ev->names_len);
    d->names_len += ev->names_len;
    return RS_OK;
}

/*
 * Sentences of a block measured in pieces (doc/stream_pieces.c): a piece's
 * rest, or the next piece, goes on where the piece ended.
 */
static RS_NOINLINE rs_status split_piece(rs__doc *d, const rs__block_in *b, block_ctx *bc)
{
    rs__piece_split *split = d->piece_split;
    const rs__sentence_carry *from = NULL;
    if (split->from && d->base + b->start == split->from_at) {
        from = split->from;
        bc->continues_sentence = from->continues && from->words > 0;
    }
    split->from = NULL;
    rs_status st = rs__split_sentences_carried(&d->alloc, bc->buffer, d->tokens.items,
                                               d->tokens.count, &d->spans, from, split->to);
    if (!split->to)
        d->piece_split = NULL;
    return st;
}

static rs_status keep_path(rs__doc *d, const rs__block_in *b, rs__evidence *ev)
{
    ev->path = d->paths_len;
    ev->path_len = b->path ? b->path_len : 0;
    if (!ev->path_len)
        return RS_OK;
    rs_status st = rs__grow(&d->alloc, (void **)&d->paths, &d->paths_cap,
                            d->paths_len + ev->path_len, sizeof *d->paths);
    if (st != RS_OK)
        return st;
    memcpy(d->paths + d->paths_len, b->path, ev->path_len * sizeof *d->paths);
    d->paths_len += ev->path_len;
    return RS_OK;
}

/* The plain-text classifier's view of the block, from the tokens at hand. */
static rs_status describe_for_roles(rs__doc *d, block_ctx *bc, const rs__text_ref *ref)
{
    rs_report *r = d->report;
    if (d->ntext_blocks + 1 != r->nblocks)
        return RS_OK; /* out of step: the classifier describes blocks itself */
    const rs__cue_index *index = bc->cues; /* rs__doc_cue_index(d), taken for measuring */
    rs_status st = rs__reserve(&d->alloc, (void **)&d->text_blocks, &d->text_blocks_cap,
                               d->ntext_blocks + 1, sizeof *d->text_blocks);
    if (st != RS_OK)
        return st;
    size_t count = ref->len ? d->tokens.count : 0;
    if (bc->described_to < count)
        describe_between(bc, count);
    rs__text_describe_words(index, bc->buffer, ref->offset, ref->len, d->tokens.items, count,
                            &r->blocks[r->nblocks - 1], bc->described,
                            &d->text_blocks[d->ntext_blocks]);
    d->ntext_blocks++;
    return RS_OK;
}

rs_status rs__doc_add_block(rs__doc *d, const rs__block_in *b)
{
    rs_report *r = d->report;
    rs_status st = rs__reserve(&d->alloc, (void **)&r->blocks, &r->blocks_cap, r->nblocks + 1,
                               sizeof *r->blocks);
    if (st == RS_OK)
        st = rs__reserve(&d->alloc, (void **)&r->block_text, &r->block_text_cap, r->nblocks + 1,
                         sizeof *r->block_text);
    if (st == RS_OK)
        st = rs__reserve(&d->alloc, (void **)&d->evidence, &d->evidence_cap, r->nblocks + 1,
                         sizeof *d->evidence);
    rs__text_ref ref;
    if (st == RS_OK)
        st = place_text(d, b, &ref);
    if (st != RS_OK)
        return st;
    /* the evidence and the block are filled where they are kept (past
       r->nblocks, which only counts them once measured): no copies */
    rs__evidence *ev = &d->evidence[r->nblocks];
    /* field by field: keep_names() and keep_path() set theirs, and the
       unfamiliar words' count is set once measured, so clearing the whole
       record first would store most of it twice */
    ev->hints = b->hints;
    ev->link_bytes = b->link_bytes;
    ev->depth = b->depth;
    ev->unfamiliar = d->nunfamiliar_ids;
    st = keep_names(d, b, ev);
    if (st == RS_OK)
        st = keep_path(d, b, ev);
    if (st != RS_OK)
        return st;

    block_ctx bc = {
        .d = d,
        .buffer = ref.in_arena ? r->arena : r->text,
        .text_end = ref.offset + ref.len,
        /* a block in the input itself is followed by the rest of it, one
           in the arena by its slack */
        .readable_end = ref.in_arena ? ref.offset + ref.len + ARENA_SLACK : r->text_len,
        .in_arena = ref.in_arena,
        .mapper = {.block = b, .base = ref.offset},
        .index = r->nblocks,
        .detail = (r->opts.flags & RS_OPT_DETAIL) != 0,
    };
    d->tokens.count = 0;
    d->spans.count = 0;
    rs__text_stats stats = {0};
    if (ref.len) {
        st = rs__tokenize_readable(&d->alloc, bc.buffer, ref.offset, ref.offset + ref.len,
                                   bc.readable_end, &d->tokens, &stats);
        if (st == RS_OK)
            st = RS_LIKELY(!d->piece_split)
                     ? rs__split_sentences(&d->alloc, bc.buffer, d->tokens.items,
                                           d->tokens.count, &d->spans)
                     : split_piece(d, b, &bc);
        if (st != RS_OK)
            return st;
    }
    rs__text_words described;
    if (r->format == RS_FORMAT_TEXT) {
        bc.cues = d->cue_index ? d->cue_index : rs__doc_cue_index(d);
        if (!bc.cues)
            return RS_ERR_NOMEM;
        rs__text_words_init(&described);
        described.newlines = stats.newlines;
        bc.described = &described;
    }
    /*
     * Field by field, not as compound literals: gcc clears an rs_block, or
     * its counts alone, with `rep stos`, where plain stores are fewer
     * instructions with no start-up.
     */
#if SIZE_MAX == UINT64_MAX
    _Static_assert(offsetof(rs_block, counts) == 7 * sizeof(uint64_t)
                       && sizeof(rs_block) == offsetof(rs_block, counts) + sizeof(rs_counts),
                   "every field of a block is set below, its words after measuring");
#endif
    rs_block *block = &r->blocks[r->nblocks];
    block->kind = b->kind;
    block->role = RS_ROLE_CONTENT;
    block->level = b->kind == RS_BLOCK_HEADING ? b->level : 0;
    /* input offsets: a stream's window holds only its part of the input (d->base is 0 else) */
    block->start = d->base + b->start;
    block->end = d->base + b->end;
    block->section = RS_NONE;
    block->sentences = d->spans.count;
    _Static_assert(sizeof(rs_counts) == 16 * sizeof(uint64_t), "every count is set below");
    rs_counts *c = &block->counts;
    c->characters = stats.characters;
    c->letters = 0;
    c->digits = 0;
    c->words = 0;
    c->sentences = d->spans.count;
    c->syllables = 0;
    c->paragraphs = (b->kind == RS_BLOCK_PARAGRAPH) & (d->spans.count > 0);
    c->monosyllables = 0;
    c->polysyllables = 0;
    c->complex_words = 0;
    c->long_words = 0;
    c->difficult_words = 0;
    c->unfamiliar_words = 0;
    c->cjk_chars = 0;
    c->images = b->images;
    c->unscored_words = 0;
    /* streaming, the mode with a cap, hands out no blocks: their unique
       words would go unread (stream.c counts the window's words for the
       page, the main figures and the sections), and no pass is started */
    const bool own_unique = !(RS_UNLIKELY(d->unfamiliar_cap) && d->stream);
    if (own_unique)
        st = start_unique_pass(d);
    if (st == RS_OK)
        st = measure_words(&bc, &block->counts);
    if (st != RS_OK)
        return st;
    if (own_unique)
        block->counts.unfamiliar_words = count_unique_unfamiliar(d, ev->unfamiliar);
    /* the words alone (the sentences are set above): copied together with
       the sentences, they were one 16-byte load of two 8-byte fields that
       measuring had just stored, which the stores cannot forward */
    block->words = block->counts.words;
    r->invalid_utf8 += stats.invalid_utf8;
    ev->unfamiliar_len = d->nunfamiliar_ids - ev->unfamiliar;
    r->block_text[r->nblocks] = ref;
    r->nblocks++;
    if (r->format == RS_FORMAT_TEXT)
        st = describe_for_roles(d, &bc, &ref);
    if (st == RS_OK && d->stream && !rs__stream_nothing_after(d->stream, r, block))
        st = rs__stream_block_added(d);
    return st;
}
