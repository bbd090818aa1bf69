/*
 * Measuring one block: tokens, sentences, then each word's syllables and
 * word-list tests, summed into the block's own counts.  Sentence and word
 * offsets are mapped back to the input through the front-end's offset map.
 */
#include <string.h>

#include "core/alloc.h"
#include "doc/doc.h"
#include "doc/roles_text.h"
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

static size_t map_offset(offset_mapper *m, size_t buffer_offset)
{
    const rs__block_in *b = m->block;
    size_t t = buffer_offset - m->base;
    if (!b->map_len)
        return b->start + t;
    if (m->k >= b->map_len || b->map_text[m->k] > t)
        m->k = 0;
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

/* rs__grow(), called only when the array is full: once per block, the call
   itself would cost more than the check. */
static inline rs_status reserve(const rs_allocator *a, void **items, size_t *cap, size_t need,
                                size_t elem_size)
{
    return need <= *cap ? RS_OK : rs__grow(a, items, cap, need, elem_size);
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
    return rs__strset_add(&d->unfamiliar, &d->alloc, key, key_len, id);
}

/* Appends a word's occurrence to the block's unfamiliar words. */
static inline rs_status note_unfamiliar(rs__doc *d, uint32_t id)
{
    rs_status st = reserve(&d->alloc, (void **)&d->unfamiliar_ids, &d->unfamiliar_ids_cap,
                           d->nunfamiliar_ids + 1, sizeof *d->unfamiliar_ids);
    if (st == RS_OK)
        d->unfamiliar_ids[d->nunfamiliar_ids++] = id;
    return st;
}

typedef struct block_ctx {
    rs__doc *d;
    const char *buffer;   /* the buffer the block's text is in */
    size_t text_end;      /* where the block's text ends in buffer */
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

/* Appends a word to the report's words (with detail). */
static rs_status record_word(block_ctx *bc, const rs__token *t, unsigned syllables)
{
    rs__doc *d = bc->d;
    rs_report *r = d->report;
    rs_status st = reserve(&d->alloc, (void **)&r->words, &r->words_cap, r->nwords + 1,
                           sizeof *r->words);
    if (st == RS_OK)
        st = reserve(&d->alloc, (void **)&r->word_text, &r->word_text_cap, r->nwords + 1,
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
 * packed sums, three lanes of LANE_BITS each, which a run of at most
 * LANE_RUN tokens cannot overflow (a cached word has at most 255
 * syllables); the other words add to the plain fields.
 */
enum { LANE_BITS = 21, LANE_RUN = 8192 };
#define LANE_MASK ((UINT64_C(1) << LANE_BITS) - 1)

typedef struct word_sums {
    uint64_t words, cjk_chars, unscored, letters, digits, syllables, monosyllables,
        polysyllables, long_words, difficult, complex;
} word_sums;

/* What a cached word of s syllables adds to the syllable lanes: s, and
   whether it has one, or three or more. */
#define SYLLABLE_LANES(s) \
    ((uint64_t)(s) | (uint64_t)((s) == 1) << LANE_BITS | (uint64_t)((s) >= 3) << (2 * LANE_BITS))
#define SYLLABLE_LANES4(s) \
    SYLLABLE_LANES(s), SYLLABLE_LANES((s) + 1), SYLLABLE_LANES((s) + 2), SYLLABLE_LANES((s) + 3)
#define SYLLABLE_LANES16(s) \
    SYLLABLE_LANES4(s), SYLLABLE_LANES4((s) + 4), SYLLABLE_LANES4((s) + 8), \
        SYLLABLE_LANES4((s) + 12)
#define SYLLABLE_LANES64(s) \
    SYLLABLE_LANES16(s), SYLLABLE_LANES16((s) + 16), SYLLABLE_LANES16((s) + 32), \
        SYLLABLE_LANES16((s) + 48)
static const uint64_t syllable_lanes_of[256] = {
    SYLLABLE_LANES64(0), SYLLABLE_LANES64(64), SYLLABLE_LANES64(128), SYLLABLE_LANES64(192)};

/* What a word adds to the test lanes, by its RS_WORD_KEY_BITS and, above
   them, whether it is long: difficult, complex, long. */
_Static_assert(RS_WORD_KEY_BITS == 7 && RS_WORD_DIFFICULT == 1, "the key bits index test_lanes_of");
#define TEST_LANES(i) \
    ((uint64_t)((i) & RS_WORD_DIFFICULT) | (uint64_t)(((i) & RS_WORD_COMPLEX) != 0) << LANE_BITS \
     | (uint64_t)((i) >> 3) << (2 * LANE_BITS))
static const uint64_t test_lanes_of[16] = {
    TEST_LANES(0),  TEST_LANES(1),  TEST_LANES(2),  TEST_LANES(3), TEST_LANES(4),  TEST_LANES(5),
    TEST_LANES(6),  TEST_LANES(7),  TEST_LANES(8),  TEST_LANES(9), TEST_LANES(10), TEST_LANES(11),
    TEST_LANES(12), TEST_LANES(13), TEST_LANES(14), TEST_LANES(15)};

static inline void add_lanes(word_sums *s, uint64_t syllable_lanes, uint64_t test_lanes)
{
    s->syllables += syllable_lanes & LANE_MASK;
    s->monosyllables += (syllable_lanes >> LANE_BITS) & LANE_MASK;
    s->polysyllables += syllable_lanes >> (2 * LANE_BITS);
    s->difficult += test_lanes & LANE_MASK;
    s->complex += (test_lanes >> LANE_BITS) & LANE_MASK;
    s->long_words += test_lanes >> (2 * LANE_BITS);
}

/*
 * Measures the word token t that the cache did not answer (in full), as
 * rs__word_measure_lex() would after its cache miss.
 */
static rs_status measure_other_word(block_ctx *bc, const rs__token *t, bool initial,
                                    word_sums *s)
{
    rs__doc *d = bc->d;
    rs__text_words *described = bc->described;
    rs__word_facts wf;
    rs_status st = rs__word_measure_slow(&d->alloc, &d->words, &d->unfamiliar, bc->buffer, t,
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
        s->unscored++;
        s->cjk_chars += t->kind == RS_WORD_CJK;
    } else {
        s->letters += t->letters;
        s->digits += t->digits;
        s->syllables += wf.syllables;
        s->monosyllables += wf.syllables == 1;
        s->polysyllables += wf.syllables >= 3;
        s->long_words += (bits & RS_WORD_LONG) != 0;
        s->difficult += (bits & RS_WORD_DIFFICULT) != 0;
        s->complex += (bits & RS_WORD_COMPLEX) != 0;
        if (bits & RS_WORD_UNFAMILIAR) {
            uint32_t id = wf.unfamiliar_id;
            if (!(bits & RS_WORD_KNOWN_ID)) {
                st = remember_unfamiliar(d, bc->buffer + t->start, t->end - t->start, &id);
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

/*
 * Measures the word tokens first..last (a run of at most LANE_RUN).  The
 * words the cache answers, most of prose, go the straight way here: what
 * rs__word_measure_lex() and rs__word_token_bits() find of them, summed
 * in the packed lanes.  *initial: no word of the sentence came yet.
 */
static rs_status measure_run(block_ctx *bc, size_t first, size_t last, bool *initial,
                             word_sums *s)
{
    rs__doc *d = bc->d;
    const rs__token *tokens = d->tokens.items;
    /* a copy the loop can keep in registers; measuring a word the cache
       does not answer may change the cache, and the copy is taken again */
    rs__word_cache cache = d->words;
    rs__text_words *described = bc->described;
    const char *buffer = bc->buffer;
    size_t text_end = bc->text_end;
    bool detail = bc->detail;
    /* a capital makes a proper noun (no word-list tests) but at the start */
    unsigned proper_flag = *initial ? 0 : RS_TF_UPPER_FIRST;
    uint64_t syllable_lanes = 0, test_lanes = 0, words = 0, letters = 0, digits = 0;
    rs_status st = RS_OK;
    for (const rs__token *t = tokens + first, *end = tokens + last + 1; t < end; t++) {
        if (t->type != RS_TOK_WORD)
            continue;
        unsigned flags = t->flags;
        size_t len = t->end - t->start;
        const rs__word_cache_entry *e = NULL;
        uint64_t key_hash = 0;
        if (rs__word_cache_may_hold(t))
            e = rs__word_cache_find_ascii(&cache, (const unsigned char *)buffer + t->start, len,
                                          t->start + 16 <= text_end, &key_hash);
        unsigned entry_flags = 0, key_bits = 0;
        uint32_t id = 0;
        if (e) {
            entry_flags = e->flags;
            key_bits = (flags & proper_flag) ? 0 : entry_flags & RS_WORD_KEY_BITS;
            if (flags & RS_TF_HYPHEN)
                key_bits &= ~RS_WORD_COMPLEX;
            if (key_bits & RS_WORD_UNFAMILIAR)
                id = rs__word_cache_id(&cache, &d->unfamiliar, e);
        }
        if (!e || id == UINT32_MAX) {
            st = measure_other_word(bc, t, proper_flag == 0, s);
            if (st != RS_OK)
                break;
            cache = d->words;
            proper_flag = RS_TF_UPPER_FIRST;
            continue;
        }
        if (key_bits & RS_WORD_UNFAMILIAR) {
            st = note_unfamiliar(d, id);
            if (st != RS_OK)
                break;
        }
        proper_flag = RS_TF_UPPER_FIRST;
        unsigned syllables = e->syllables;
        words++;
        letters += t->letters;
        digits += t->digits;
        syllable_lanes += syllable_lanes_of[syllables];
        test_lanes += test_lanes_of[key_bits | (unsigned)(t->letters > 6) << 3];
        if (described)
            rs__text_words_add_known(described, t, entry_flags >> RS_WORD_LEX_SHIFT,
                                     rs__word_fold_hash_short(key_hash, len));
        if (detail) {
            st = record_word(bc, t, syllables);
            if (st != RS_OK)
                break;
        }
    }
    *initial = proper_flag == 0;
    s->words += words;
    s->letters += letters;
    s->digits += digits;
    add_lanes(s, syllable_lanes, test_lanes);
    return st;
}

static rs_status measure_sentence(block_ctx *bc, const rs__span *span, rs_counts *c)
{
    rs__text_words *described = bc->described;
    if (described)
        describe_between(bc, span->first);
    rs__doc *d = bc->d;
    rs_report *r = d->report;
    const rs__token *first = &d->tokens.items[span->first], *last = &d->tokens.items[span->last];
    rs_sentence sentence = {
        .start = map_offset(&bc->mapper, first->start),
        .block = bc->index,
        .first_word = r->nwords,
    };
    word_sums s = {0};
    bool initial = true;
    for (size_t from = span->first; from <= span->last; from += LANE_RUN) {
        size_t to = span->last - from < LANE_RUN ? span->last : from + LANE_RUN - 1;
        rs_status st = measure_run(bc, from, to, &initial, &s);
        if (st != RS_OK)
            return st;
    }
    if (described)
        bc->described_to = span->last + 1;
    c->words += s.words;
    c->cjk_chars += s.cjk_chars;
    c->unscored_words += s.unscored;
    c->letters += s.letters;
    c->digits += s.digits;
    c->syllables += s.syllables;
    c->monosyllables += s.monosyllables;
    c->polysyllables += s.polysyllables;
    c->long_words += s.long_words;
    c->difficult_words += s.difficult;
    c->complex_words += s.complex;
    /* rs_sentence's 32-bit fields wrap as they did when counted one by one */
    sentence.words += (uint32_t)s.words;
    sentence.scored_words += (uint32_t)(s.words - s.unscored);
    sentence.syllables += (uint32_t)s.syllables;
    if (bc->detail) {
        rs_status st = reserve(&d->alloc, (void **)&r->sentences, &r->sentences_cap,
                                r->nsentences + 1, sizeof *r->sentences);
        if (st == RS_OK)
            st = reserve(&d->alloc, (void **)&r->sentence_text, &r->sentence_text_cap,
                          r->nsentences + 1, sizeof *r->sentence_text);
        if (st != RS_OK)
            return st;
        sentence.end = map_end_offset(&bc->mapper, last->end);
        if (sentence.end < sentence.start)
            sentence.end = sentence.start;
        r->sentences[r->nsentences] = sentence;
        r->sentence_text[r->nsentences] =
            (rs__text_ref){first->start, last->end - first->start, bc->in_arena};
        r->nsentences++;
    }
    return RS_OK;
}

/* Where the block's text will live: the input itself, or a copy in the arena. */
static rs_status place_text(rs__doc *d, const rs__block_in *b, rs__text_ref *ref)
{
    rs_report *r = d->report;
    if (!b->map_len && b->text_len == b->end - b->start && r->text
        && b->text == r->text + b->start && b->end <= r->text_len) {
        *ref = (rs__text_ref){b->start, b->text_len, false};
        return RS_OK;
    }
    rs_status st = rs__grow(&d->alloc, (void **)&r->arena, &r->arena_cap,
                            r->arena_len + b->text_len, 1);
    if (st != RS_OK)
        return st;
    if (b->text_len)
        memcpy(r->arena + r->arena_len, b->text, b->text_len);
    *ref = (rs__text_ref){r->arena_len, b->text_len, true};
    r->arena_len += b->text_len;
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
    const rs__cue_index *index = rs__doc_cue_index(d);
    if (!index)
        return RS_ERR_NOMEM;
    rs_status st = reserve(&d->alloc, (void **)&d->text_blocks, &d->text_blocks_cap,
                            d->ntext_blocks + 1, sizeof *d->text_blocks);
    if (st != RS_OK)
        return st;
    size_t count = ref->len ? d->tokens.count : 0;
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
    rs_status st = reserve(&d->alloc, (void **)&r->blocks, &r->blocks_cap, r->nblocks + 1,
                            sizeof *r->blocks);
    if (st == RS_OK)
        st = reserve(&d->alloc, (void **)&r->block_text, &r->block_text_cap, r->nblocks + 1,
                      sizeof *r->block_text);
    if (st == RS_OK)
        st = reserve(&d->alloc, (void **)&d->evidence, &d->evidence_cap, r->nblocks + 1,
                      sizeof *d->evidence);
    rs__text_ref ref;
    if (st == RS_OK)
        st = place_text(d, b, &ref);
    if (st != RS_OK)
        return st;
    rs__evidence ev = {
        .hints = b->hints, .link_bytes = b->link_bytes, .depth = b->depth,
        .unfamiliar = d->nunfamiliar_ids,
    };
    st = keep_names(d, b, &ev);
    if (st == RS_OK)
        st = keep_path(d, b, &ev);
    if (st != RS_OK)
        return st;

    block_ctx bc = {
        .d = d,
        .buffer = ref.in_arena ? r->arena : r->text,
        .text_end = ref.offset + ref.len,
        .in_arena = ref.in_arena,
        .mapper = {.block = b, .base = ref.offset},
        .index = r->nblocks,
        .detail = (r->opts.flags & RS_OPT_DETAIL) != 0,
    };
    d->tokens.count = 0;
    d->spans.count = 0;
    rs__text_stats stats = {0};
    if (ref.len) {
        st = rs__tokenize(&d->alloc, bc.buffer, ref.offset, ref.offset + ref.len, &d->tokens, &stats);
        if (st == RS_OK)
            st = rs__split_sentences(&d->alloc, bc.buffer, d->tokens.items, d->tokens.count,
                                     &d->spans);
        if (st != RS_OK)
            return st;
    }
    rs__text_words described;
    if (r->format == RS_FORMAT_TEXT) {
        bc.cues = rs__doc_cue_index(d);
        if (!bc.cues)
            return RS_ERR_NOMEM;
        rs__text_words_init(&described);
        bc.described = &described;
    }
    rs_counts c = {
        .characters = stats.characters,
        .sentences = d->spans.count,
        .paragraphs = b->kind == RS_BLOCK_PARAGRAPH && d->spans.count > 0,
        .images = b->images,
    };
    for (size_t s = 0; s < d->spans.count; s++) {
        st = measure_sentence(&bc, &d->spans.items[s], &c);
        if (st != RS_OK)
            return st;
    }
    r->invalid_utf8 += stats.invalid_utf8;
    ev.unfamiliar_len = d->nunfamiliar_ids - ev.unfamiliar;
    d->evidence[r->nblocks] = ev;
    r->block_text[r->nblocks] = ref;
    r->blocks[r->nblocks] = (rs_block){
        .kind = b->kind, .role = RS_ROLE_CONTENT,
        .level = b->kind == RS_BLOCK_HEADING ? b->level : 0,
        .start = b->start, .end = b->end, .words = c.words, .sentences = c.sentences,
        .section = RS_NONE, .counts = c,
    };
    r->nblocks++;
    /* the block's own unique unfamiliar words */
    st = rs__doc_unique_unfamiliar(d, r->nblocks - 1, r->nblocks - 1, NULL, NULL,
                                   &r->blocks[r->nblocks - 1].counts.unfamiliar_words);
    if (st == RS_OK && r->format == RS_FORMAT_TEXT)
        st = describe_for_roles(d, &bc, &ref);
    if (st == RS_OK && d->stream)
        st = rs__stream_block_added(d);
    return st;
}

rs_status rs__doc_unique_unfamiliar(rs__doc *d, size_t first, size_t last,
                                    bool (*keep)(const rs_block *b, void *ud), void *ud,
                                    uint64_t *out)
{
    *out = 0;
    rs_status st = rs__grow_zeroed(&d->alloc, (void **)&d->seen, &d->seen_cap,
                                   d->unfamiliar.count, sizeof *d->seen);
    if (st != RS_OK)
        return st;
    if (++d->pass == 0) { /* wrapped: forget every mark */
        memset(d->seen, 0, d->seen_cap * sizeof *d->seen);
        d->pass = 1;
    }
    const rs_report *r = d->report;
    for (size_t b = first; b <= last && b < r->nblocks; b++) {
        if (keep && !keep(&r->blocks[b], ud))
            continue;
        const rs__evidence *ev = &d->evidence[b];
        for (size_t k = 0; k < ev->unfamiliar_len; k++) {
            uint32_t id = d->unfamiliar_ids[ev->unfamiliar + k];
            if (id == RS__UNFAMILIAR_OVERFLOW) {
                (*out)++;
                continue;
            }
            if (d->seen[id] != d->pass) {
                d->seen[id] = d->pass;
                (*out)++;
            }
        }
    }
    return RS_OK;
}
