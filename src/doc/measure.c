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
    /* The sums stay in locals, which the stores through d and r in the loop
       cannot alias, and reach *c once per sentence. */
    uint64_t words = 0, cjk_chars = 0, unscored = 0, letters = 0, digits = 0, syllables = 0,
             monosyllables = 0, polysyllables = 0, long_words = 0, difficult = 0, complex = 0;
    bool detail = bc->detail;
    const rs__token *tokens = d->tokens.items;
    size_t text_end = bc->text_end, last_token = span->last;
    bool initial = true;
    for (size_t i = span->first; i <= last_token; i++) {
        const rs__token *t = &tokens[i];
        if (t->type != RS_TOK_WORD)
            continue;
        rs__word_facts wf;
        rs_status st = rs__word_measure_lex(&d->alloc, &d->words, &d->unfamiliar, bc->buffer,
                                            text_end, t, initial, described != NULL, &wf);
        if (st != RS_OK)
            return st;
        if (described) {
            if (wf.bits & RS_WORD_LEX_KNOWN)
                rs__text_words_add_known(described, t, wf.lex, wf.fold_hash);
            else
                rs__text_words_add_other(described, bc->cues, bc->buffer, text_end, t);
        }
        initial = false;
        words++;
        unsigned bits = wf.bits;
        if (!(bits & RS_WORD_SCORED)) {
            unscored++;
            cjk_chars += t->kind == RS_WORD_CJK;
        } else {
            letters += t->letters;
            digits += t->digits;
            syllables += wf.syllables;
            monosyllables += wf.syllables == 1;
            polysyllables += wf.syllables >= 3;
            long_words += (bits & RS_WORD_LONG) != 0;
            difficult += (bits & RS_WORD_DIFFICULT) != 0;
            complex += (bits & RS_WORD_COMPLEX) != 0;
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
        if (detail) {
            st = reserve(&d->alloc, (void **)&r->words, &r->words_cap, r->nwords + 1,
                          sizeof *r->words);
            if (st == RS_OK)
                st = reserve(&d->alloc, (void **)&r->word_text, &r->word_text_cap,
                              r->nwords + 1, sizeof *r->word_text);
            if (st != RS_OK)
                return st;
            size_t start = map_offset(&bc->mapper, t->start);
            size_t end = map_end_offset(&bc->mapper, t->end);
            r->words[r->nwords] = (rs_word){start, end < start ? start : end,
                                            (rs_word_kind)t->kind,
                                            (bits & RS_WORD_SCORED) ? wf.syllables : 0};
            r->word_text[r->nwords] = (rs__text_ref){t->start, t->end - t->start, bc->in_arena};
            r->nwords++;
        }
    }
    if (described)
        bc->described_to = last_token + 1;
    c->words += words;
    c->cjk_chars += cjk_chars;
    c->unscored_words += unscored;
    c->letters += letters;
    c->digits += digits;
    c->syllables += syllables;
    c->monosyllables += monosyllables;
    c->polysyllables += polysyllables;
    c->long_words += long_words;
    c->difficult_words += difficult;
    c->complex_words += complex;
    /* rs_sentence's 32-bit fields wrap as they did when counted one by one */
    sentence.words += (uint32_t)words;
    sentence.scored_words += (uint32_t)(words - unscored);
    sentence.syllables += (uint32_t)syllables;
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
    if (d->unfamiliar.count > d->seen_cap) {
        size_t old = d->seen_cap;
        rs_status st = rs__grow(&d->alloc, (void **)&d->seen, &d->seen_cap, d->unfamiliar.count,
                                sizeof *d->seen);
        if (st != RS_OK)
            return st;
        memset(d->seen + old, 0, (d->seen_cap - old) * sizeof *d->seen);
    }
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
