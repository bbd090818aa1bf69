/*
 * What the plain-text classifier measures in each block: its words (how
 * many, how many function words per language, how many capitalised), how it
 * ends, and a hash of its words so that repeated blocks can be found.  The
 * cue words are matched, and the description is put together
 * (rs__text_describe_words(), in one piece with the cues: a call fewer per
 * block), in roles_text_cues.c.
 */
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "doc/roles_text.h"
#include "text/wordinfo.h"

_Static_assert((RS__WORD_LANGS | RS__WORD_WIDGET) == 0xFF, "a byte of answers indexes the lanes");
_Static_assert(RS__WORD_LEX_ALL < 1u << 11 && RS__MEMO_KEY < 1u << 5,
               "the memo's info holds the answers, then the fold's length, then the word's");
#define STOP_LANES4(i) \
    RS__TEXT_STOP_LANES(i), RS__TEXT_STOP_LANES((i) + 1), RS__TEXT_STOP_LANES((i) + 2), \
        RS__TEXT_STOP_LANES((i) + 3)
#define STOP_LANES16(i) STOP_LANES4(i), STOP_LANES4((i) + 4), STOP_LANES4((i) + 8), STOP_LANES4((i) + 12)
#define STOP_LANES64(i) \
    STOP_LANES16(i), STOP_LANES16((i) + 16), STOP_LANES16((i) + 32), STOP_LANES16((i) + 48)
const uint64_t rs__text_stop_lanes[256] = {STOP_LANES64(0), STOP_LANES64(64), STOP_LANES64(128),
                                           STOP_LANES64(192)};
#undef STOP_LANES64
#undef STOP_LANES16
#undef STOP_LANES4

/* What the lexicon says of a folded word, as the block description needs it. */
enum {
    INFO_ANSWERS = RS__WORD_LEX_ALL, /* rs__word_lex(), and RS__WORD_CUE of the word as written */
    /* the memo keeps the lengths of the fold and of the word above the answers */
    INFO_FOLD_SHIFT = 11,
    INFO_WORD_SHIFT = 16
};

/* A-Z to a-z in each of eight bytes; other bytes stay as they are. */
static uint64_t ascii_lower8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t low7 = v & (0x7F * ones);
    uint64_t from_a = low7 + (0x80 - 'A') * ones;     /* bit 7: at least 'A' */
    uint64_t past_z = low7 + (0x80 - 'Z' - 1) * ones; /* bit 7: past 'Z' */
    uint64_t upper = from_a & ~past_z & ~v & (0x80 * ones);
    return v | (upper >> 2);
}

/* Room past a fold for the last eight-byte store of fold_word(). */
enum { FOLD_SLACK = 8 };

/*
 * rs__word_key() of a word into out (RS_WORD_KEY_MAX bytes and FOLD_SLACK
 * more), zero for at least RS__MEMO_KEY bytes past it: an ASCII word is
 * lowered eight bytes at a time where `readable` bytes from it allow, and
 * *lowered tells that the key is the word so lowered.
 */
static size_t fold_word(const char *word, size_t len, size_t readable, char *out, bool *lowered)
{
    *lowered = false;
    memset(out, 0, RS__MEMO_KEY);
    uint64_t high = 0;
    size_t i = 0;
    if (len < RS_WORD_KEY_MAX) {
        for (; i + 8 <= readable && i < len; i += 8) {
            uint64_t v;
            memcpy(&v, word + i, sizeof v);
            v = ascii_lower8(v);
            memcpy(out + i, &v, sizeof v);
        }
        for (; i < len; i++) {
            char c = word[i];
            out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        memset(out + len, 0, FOLD_SLACK); /* past the word, the eights stored what followed it */
        for (i = 0; i < len; i += 8) {
            uint64_t v;
            memcpy(&v, out + i, sizeof v);
            high |= v; /* folding keeps the top bits */
        }
        if (!(high & 0x8080808080808080ull)) {
            *lowered = true;
            return len;
        }
    }
    memset(out, 0, RS__MEMO_KEY);
    return rs__word_key(word, len, out, RS_WORD_KEY_MAX);
}

/*
 * The word's first RS__MEMO_KEY bytes (len of them at most), zero-padded:
 * on a little-endian machine two loads and a mask where the block holds
 * RS__MEMO_KEY bytes from the word on.
 */
static void word_bytes(const char *word, size_t len, size_t readable, uint64_t key[2])
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) \
    && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (readable >= RS__MEMO_KEY && len > 0) {
        memcpy(&key[0], word, 8);
        memcpy(&key[1], word + 8, 8);
        if (len < 8) {
            key[0] &= (1ull << (8 * len)) - 1;
            key[1] = 0;
        } else if (len < 16) {
            key[1] &= len == 8 ? 0 : (1ull << (8 * (len - 8))) - 1;
        }
        return;
    }
#endif
    char buf[RS__MEMO_KEY] = {0};
    memcpy(buf, word, len < RS__MEMO_KEY ? len : RS__MEMO_KEY);
    memcpy(&key[0], buf, 8);
    memcpy(&key[1], buf + 8, 8);
}

static uint64_t memo_hash(const uint64_t key[2], size_t len)
{
    return (key[0] ^ (key[1] * 0xC2B2AE3D27D4EB4Full) ^ len) * 0x9E3779B97F4A7C15ull;
}

/* Adds an entry to its set in a memo of 1 << bits sets, as the newest. */
static void memo_insert(rs__memo_entry *entry, unsigned bits, const rs__memo_entry *e)
{
    size_t len = e->info >> INFO_WORD_SHIFT;
    rs__memo_entry *set = &entry[(size_t)(memo_hash(e->word, len) >> (64 - bits)) * RS__MEMO_WAYS];
    for (size_t w = RS__MEMO_WAYS - 1; w > 0; w--)
        set[w] = set[w - 1];
    set[0] = *e;
}

/*
 * Four times the sets, keeping every entry (a set's index is the top bits
 * of the hash, so old set s spreads over new sets 4s..4s+3).  A memo is
 * only a shortcut: without the memory it stays as it is, and every answer
 * is the same.
 */
static void grow_memo(rs__word_memo *memo)
{
    unsigned bits = memo->set_bits + 2 < RS__MEMO_MAX_BITS ? memo->set_bits + 2 : RS__MEMO_MAX_BITS;
    size_t old_n = (size_t)RS__MEMO_WAYS << memo->set_bits;
    size_t n = (size_t)RS__MEMO_WAYS << bits;
    memo->misses = 0;
    rs__memo_entry *grown = rs__alloc(&memo->alloc, n * sizeof *grown);
    if (!grown)
        return;
    memset(grown, 0, n * sizeof *grown);
    /* the older entry first, so the newer one ends up first where both meet */
    for (size_t s = 0; s < old_n; s += RS__MEMO_WAYS)
        for (size_t way = RS__MEMO_WAYS; way-- > 0;)
            if (memo->entry[s + way].info)
                memo_insert(grown, bits, &memo->entry[s + way]);
    if (memo->entry != memo->first)
        rs__free(&memo->alloc, memo->entry, old_n * sizeof *memo->entry);
    memo->entry = grown;
    memo->set_bits = bits;
}

/*
 * rs__word_lex() of a word's fold, RS__WORD_CUE of the word as written
 * too unless the fold is the word in lower case: the key of a word with
 * other than ASCII letters may not hold the bytes that a phrase's core
 * matches (NFC makes "e" and a combining accent one character), or only
 * the first RS_WORD_KEY_MAX of them.
 */
static unsigned lex_as_written(const char *word, size_t len, const char *fold, size_t n,
                               bool lowered)
{
    unsigned info = rs__word_lex(fold, n);
    if (!lowered && !(info & RS__WORD_CUE) && rs__cue_word(word, len))
        info |= RS__WORD_CUE;
    return info;
}

/*
 * The memo's entry for a word of up to RS__MEMO_KEY bytes whose key is
 * as short, filled on a miss; NULL for other words.  Each set has two
 * ways; a new word goes first and pushes the older one out of the second.
 * A memo that missed as often as it has entries grows fourfold.
 */
static const rs__memo_entry *memo_entry(rs__word_memo *memo, const char *word, size_t len,
                                        size_t readable)
{
    if (!memo || len > RS__MEMO_KEY)
        return NULL;
    uint64_t key[2];
    word_bytes(word, len, readable, key);
    uint64_t h = memo_hash(key, len);
    rs__memo_entry *set = &memo->entry[(size_t)(h >> (64 - memo->set_bits)) * RS__MEMO_WAYS];
    for (size_t way = 0; way < RS__MEMO_WAYS; way++)
        if ((set[way].info >> INFO_WORD_SHIFT) == len && set[way].word[0] == key[0]
            && set[way].word[1] == key[1])
            return &set[way];
    char fold[RS_WORD_KEY_MAX + FOLD_SLACK];
    bool lowered;
    size_t n = fold_word(word, len, readable, fold, &lowered);
    if (n > RS__MEMO_KEY)
        return NULL;
    unsigned info = lex_as_written(word, len, fold, n, lowered);
    if (++memo->misses > ((size_t)RS__MEMO_WAYS << memo->set_bits) / 4
        && memo->set_bits < RS__MEMO_MAX_BITS) {
        grow_memo(memo);
        set = &memo->entry[(size_t)(h >> (64 - memo->set_bits)) * RS__MEMO_WAYS];
    }
    for (size_t way = RS__MEMO_WAYS - 1; way > 0; way--)
        set[way] = set[way - 1];
    set[0].word[0] = key[0];
    set[0].word[1] = key[1];
    set[0].fold_hash = n ? rs__word_fold_hash(fold, n) : 0;
    set[0].info = (uint32_t)len << INFO_WORD_SHIFT | (uint32_t)n << INFO_FOLD_SHIFT | info;
    return &set[0];
}

/*
 * What the lexicon says of a word that measuring did not hand over; its
 * key's hash, if it has a key, goes into *key.
 */
static unsigned look_up(rs__word_memo *memo, const char *word, size_t wlen, size_t readable,
                        uint64_t *key, bool *keyed)
{
    const rs__memo_entry *e = memo_entry(memo, word, wlen, readable);
    if (e) {
        /* the entry keeps the key's hash: the key itself is not asked again */
        if ((e->info >> INFO_FOLD_SHIFT) & 0x1F) {
            *key = rs__word_key_step(*key, e->fold_hash);
            *keyed = true;
        }
        return e->info & INFO_ANSWERS;
    }
    char fold[RS_WORD_KEY_MAX + FOLD_SLACK];
    bool lowered;
    size_t n = fold_word(word, wlen, readable, fold, &lowered);
    if (n) {
        *key = rs__word_key_step(*key, rs__word_fold_hash(fold, n));
        *keyed = true;
    }
    return lex_as_written(word, wlen, fold, n, lowered);
}

void rs__text_words_add_other(rs__text_words *w, const rs__cue_index *index, const char *buffer,
                              size_t end, const rs__token *t)
{
    if (t->kind == RS_WORD_NUMBER) {
        rs__text_words_add_number(w);
        return;
    }
    if (t->kind == RS_WORD_EMAIL)
        w->cues |= RS__CUE_EMAIL;
    if (t->kind != RS_WORD_PLAIN && t->kind != RS_WORD_CJK) {
        /* a link, an address, a handle or a tag: no lexicon answer says
           which phrases it may hold */
        w->lex_seen |= RS__WORD_CUE;
        return;
    }
    unsigned lex = look_up(index->memo, buffer + t->start, t->end - t->start, end - t->start,
                           &w->key, &w->keyed);
    if (t->kind == RS_WORD_PLAIN)
        rs__text_words_add_alpha(w, t, lex);
}

void rs__text_describe_tokens(const rs__cue_index *index, const char *buffer, size_t offset,
                              size_t len, const rs__token *tokens, size_t count,
                              const rs_block *block, rs__text_block *out)
{
    rs__text_words w;
    rs__text_words_init(&w);
    for (size_t k = 0; k < count; k++)
        if (tokens[k].type == RS_TOK_WORD)
            rs__text_words_add_other(&w, index, buffer, offset + len, &tokens[k]);
    rs__text_describe_words(index, buffer, offset, len, tokens, count, block, &w, out);
}

rs_status rs__text_describe(rs__doc *d, size_t i, rs__text_block *out)
{
    const rs_report *r = d->report;
    size_t len;
    const char *text = rs_report_block_text(r, i, &len);
    const rs__cue_index *index = rs__doc_cue_index(d);
    if (!index)
        return RS_ERR_NOMEM;
    d->tokens.count = 0;
    rs__text_stats stats = {0};
    rs_status st = len ? rs__tokenize(&d->alloc, text, 0, len, &d->tokens, &stats) : RS_OK;
    if (st != RS_OK)
        return st;
    rs__text_describe_tokens(index, text, 0, len, d->tokens.items, d->tokens.count,
                             &r->blocks[i], out);
    return RS_OK;
}

void rs__cue_index_init(rs__cue_index *index, const rs_allocator *alloc)
{
    index->phrases = &rs__cue_phrases_table;
    index->memo = &index->memo_storage;
    rs__word_memo *memo = &index->memo_storage;
    memo->alloc = *alloc;
    memo->set_bits = RS__MEMO_MIN_BITS;
    memo->misses = 0;
    memo->entry = memo->first;
    memset(memo->first, 0, sizeof memo->first);
}

void rs__cue_index_release(rs__cue_index *index)
{
    rs__word_memo *memo = &index->memo_storage;
    if (memo->entry != memo->first)
        rs__free(&memo->alloc, memo->entry,
                 ((size_t)RS__MEMO_WAYS << memo->set_bits) * sizeof *memo->entry);
    memo->entry = memo->first;
    memo->set_bits = RS__MEMO_MIN_BITS;
}

const rs__cue_index *rs__doc_cue_index(rs__doc *d)
{
    if (!d->cue_index) {
        d->cue_index = rs__alloc(&d->alloc, sizeof *d->cue_index);
        if (!d->cue_index)
            return NULL;
        rs__cue_index_init(d->cue_index, &d->alloc);
    }
    return d->cue_index;
}
