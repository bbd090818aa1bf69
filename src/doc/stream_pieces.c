/*
 * RS_OPT_STREAM: a plain-text block too long to keep whole (a paragraph
 * without blank lines, a line without line breaks).  While the front-end
 * reads it, the analyzer hands its start over as a piece, cut at a sentence
 * end (rs__stream_slice); the piece is measured as a block, and the next
 * piece, or the rest once the block ends, is merged into it as it comes.
 * Counts add up exactly; what the plain-text classifier knows of the block
 * is merged as well as its parts allow (merge_description).
 *
 * A block may offer no such place: one line of CJK text, a log of
 * capitalised codes, megabytes without a space.  Once it is twice the
 * slice, it is cut wherever it can be (forced_piece_end), so that memory
 * stays bounded.  Either way the next piece is split into sentences from
 * the state the piece's splitting ended in (rs__sentence_carry), so that a
 * sentence the cut went through goes on as in the whole block; only a
 * token cut in two counts as two words.
 */
#include <string.h>

#include "core/alloc.h"
#include "doc/roles_text.h"
#include "doc/stream_state.h"
#include "text/charclass.h"

enum {
    /* a block longer than this is measured in pieces; each costs 32 bytes
       a token, and a piece of "- - -" is a token a byte */
    SLICE_BYTES = 64 * 1024,
    SLICE_TAIL = 16 * 1024,   /* where, within its last bytes, a piece may end */
    SLICE_FORCED_BYTES = 2 * SLICE_BYTES, /* a block this long is cut wherever it can be */
    /* a caller handed each block keeps its text: past this much of it the
       window closes early, and the rest goes on as a block of its own */
    HANDED_TEXT_BYTES = 1024 * 1024
};

static uint32_t add_u32(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/*
 * What the plain-text classifier knows of a block, from its two pieces:
 * counts add up; the end is the second's; the opening words, the first's.
 * The repeat key mixes the two keys: a block this long repeats only whole.
 */
static void merge_description(rs__text_block *into, const rs__text_block *next,
                              const rs_block *merged)
{
    uint32_t inner_next = next->capitalised_inner;
    if (into->alpha > 0) /* the second piece's first word is not the block's first */
        inner_next += next->capitalised - next->capitalised_inner;
    into->capitalised_inner = add_u32(into->capitalised_inner, inner_next);
    into->capitalised = add_u32(into->capitalised, next->capitalised);
    into->alpha = add_u32(into->alpha, next->alpha);
    into->numbers = add_u32(into->numbers, next->numbers);
    into->widget = add_u32(into->widget, next->widget);
    for (int k = 0; k < RS__TEXT_LANGS; k++)
        into->stop[k] = add_u32(into->stop[k], next->stop[k]);
    into->bytes = add_u32(into->bytes, next->bytes);
    into->lines = add_u32(into->lines, next->lines > 0 ? next->lines - 1 : 0);
    into->words = rs__text_count32(merged->words);
    into->sentences = rs__text_count32(merged->sentences);
    into->cjk = rs__text_count32(merged->counts.cjk_chars);
    into->cues |= next->cues;
    into->key = into->key * 1099511628211ull ^ next->key;
    into->key = into->key ? into->key : 1;
    into->kind = next->kind;
    into->terminal = next->terminal;
    into->soft_end = next->soft_end;
    into->month = into->month || next->month;
}

/*
 * The last block's unfamiliar ids, each once: they are only ever counted
 * as a set, and a block read in pieces would otherwise keep an id per
 * occurrence.  Ids past the cap count per occurrence: they become a count.
 */
static rs_status dedupe_last_ids(rs__doc *d)
{
    rs__stream *s = d->stream;
    rs_report *r = d->report;
    size_t i = r->nblocks - 1;
    rs__evidence *ev = &d->evidence[i];
    rs_status st = rs__doc_start_unique_pass(d);
    if (st == RS_OK)
        st = rs__grow_zeroed(&d->alloc, (void **)&s->overflow, &s->overflow_cap,
                             r->nblocks, sizeof *s->overflow);
    if (st != RS_OK)
        return st;
    /* without unfamiliar words the array may not exist yet */
    uint32_t *ids = ev->unfamiliar_len ? d->unfamiliar_ids + ev->unfamiliar : NULL;
    size_t kept = 0;
    for (size_t k = 0; k < ev->unfamiliar_len; k++) {
        uint32_t id = ids[k];
        if (id == RS__UNFAMILIAR_OVERFLOW) {
            s->overflow[i]++;
        } else if (d->seen[id] != d->pass) {
            d->seen[id] = d->pass;
            ids[kept++] = id;
        }
    }
    ev->unfamiliar_len = kept;
    d->nunfamiliar_ids = ev->unfamiliar + kept;
    return RS_OK;
}

rs_status rs__stream_merge_piece(rs__doc *d)
{
    rs_report *r = d->report;
    rs__stream *s = d->stream;
    size_t n = r->nblocks;
    rs_block *into = &r->blocks[n - 2];
    const rs_block *next = &r->blocks[n - 1];
    uint64_t sentences = into->counts.sentences + next->counts.sentences;
    if (s->piece_mid_sentence && into->counts.sentences > 0 && next->counts.sentences > 0)
        sentences--; /* the sentence the cut went through */
    rs__counts_add(&into->counts, &next->counts);
    into->counts.unfamiliar_words += next->counts.unfamiliar_words;
    into->counts.sentences = sentences;
    into->counts.paragraphs = next->kind == RS_BLOCK_PARAGRAPH && sentences > 0;
    into->kind = next->kind;
    into->level = next->level;
    into->end = next->end;
    into->words = into->counts.words;
    into->sentences = sentences;
    /* its text is long gone, the window must not hold the input for it;
       but a caller handed each block (rs_analyzer_on_block()) asked for it */
    if (d->hand_block) {
        rs_status st = rs__doc_arena_join(d, &r->block_text[n - 2], r->block_text[n - 1]);
        if (st != RS_OK)
            return st;
    } else {
        r->block_text[n - 2] = (rs__text_ref){0, 0, true};
    }
    rs__evidence *ev = &d->evidence[n - 2];
    const rs__evidence *ev_next = &d->evidence[n - 1];
    ev->unfamiliar_len += ev_next->unfamiliar_len; /* the two id runs are adjacent */
    /* how the block goes on from the one before is its first piece's */
    ev->hints = ev_next->hints
                | (ev->hints & (RS_HINT_CONTINUED | RS_HINT_JOINT_SPACE | RS_HINT_JOINT_LINE
                                | RS_HINT_CUT_AT_SENTENCE_END));
    if (d->ntext_blocks == n) {
        merge_description(&d->text_blocks[n - 2], &d->text_blocks[n - 1], into);
        d->ntext_blocks--;
    }
    r->nblocks--;
    return dedupe_last_ids(d);
}

/* The tokens and sentences of text[from, end) in d->tokens and d->spans
   (the last bytes of the open block, where a piece may end). */
static bool split_tail(rs__doc *d, const char *text, size_t from, size_t end)
{
    d->tokens.count = 0;
    d->spans.count = 0;
    rs__text_stats stats = {0};
    return rs__tokenize(&d->alloc, text, from, end, &d->tokens, &stats) == RS_OK
           && rs__split_sentences(&d->alloc, text, d->tokens.items, d->tokens.count,
                                  &d->spans) == RS_OK;
}

/*
 * Where a piece of the open block may end, in text[tail, end): before a
 * sentence that a space sets apart and that is not among the last two (the
 * splitter may look ahead), else inside a sentence, before a word in lower
 * case (a capital after the cut would read as sentence-initial).  0: none.
 */
static size_t piece_end(rs__doc *d, const char *text, size_t tail, size_t end,
                        bool *mid_sentence)
{
    if (!split_tail(d, text, tail, end))
        return 0;
    const rs__token *t = d->tokens.items;
    for (size_t k = d->spans.count >= 3 ? d->spans.count - 2 : 0; k-- > 1;) {
        size_t first = d->spans.items[k].first;
        if (first > 0 && t[first - 1].type == RS_TOK_SPACE && t[first].type == RS_TOK_WORD) {
            *mid_sentence = false;
            return t[first].start;
        }
    }
    for (size_t i = d->tokens.count >= 2 ? d->tokens.count - 2 : 0; i > d->tokens.count / 2; i--) {
        if (t[i].type == RS_TOK_WORD && (t[i].flags & RS_TF_LOWER_FIRST)
            && t[i - 1].type == RS_TOK_SPACE) {
            *mid_sentence = true;
            return t[i].start;
        }
    }
    return 0;
}

/* What the token at a cut may do to the sentence open before it. */
typedef enum cut_token {
    CUT_JOINS,  /* a word or a mark: it goes on with the sentence */
    CUT_MARKER, /* a list marker's shape ("2." or "b)"): it may start one */
    CUT_BULLET  /* a bullet: it ends the sentence and starts one */
} cut_token;

/* What the token that starts at `at`, among the tokens the cut was chosen from, is. */
static cut_token token_at_cut(const rs__doc *d, size_t at)
{
    const rs__token *t = d->tokens.items;
    size_t i = d->tokens.count;
    while (i > 0 && t[i - 1].start > at)
        i--;
    if (i == 0 || t[i - 1].start != at)
        return CUT_JOINS;
    const rs__token *cut = &t[i - 1];
    if (cut->type == RS_TOK_PUNCT && rs__is_bullet(cut->cp))
        return CUT_BULLET;
    if (cut->type == RS_TOK_WORD && i < d->tokens.count && t[i].type == RS_TOK_PUNCT
        && (t[i].cp == '.' || t[i].cp == ')'))
        return CUT_MARKER;
    return CUT_JOINS;
}

/* Whether token i starts a sentence of the spans, other than the first. */
static bool starts_later_sentence(const rs__span_vec *spans, size_t i)
{
    size_t lo = 1, hi = spans->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (spans->items[mid].first < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < spans->count && spans->items[lo].first == i;
}

/*
 * Where a piece of a block that piece_end() found no place in ends, in
 * text[from, end): before the last sentence but two, else before a line,
 * else before a word after a space, else before any token but the first
 * (which may have begun before `from`), else at the first character from
 * `from` on.  A line starts the next piece with the line-break rules the
 * whole block would have seen: a log of short lines stays exact.
 */
static size_t forced_piece_end(rs__doc *d, const char *text, size_t from, size_t end,
                               bool *mid_sentence)
{
    while (from < end && ((unsigned char)text[from] & 0xC0) == 0x80)
        from++; /* a UTF-8 sequence is never cut */
    *mid_sentence = true;
    if (!split_tail(d, text, from, end))
        return from;
    const rs__token *t = d->tokens.items;
    size_t n = d->tokens.count;
    if (d->spans.count >= 4) {
        *mid_sentence = false;
        return t[d->spans.items[d->spans.count - 3].first].start;
    }
    size_t after_space = 0;
    for (size_t i = n >= 2 ? n - 2 : 0; i > 1; i--) {
        if (t[i].type != RS_TOK_WORD || t[i - 1].type != RS_TOK_SPACE)
            continue;
        if (t[i - 1].flags & RS_TF_NEWLINE) {
            *mid_sentence = !starts_later_sentence(&d->spans, i);
            return t[i].start;
        }
        if (!after_space)
            after_space = t[i].start;
    }
    if (after_space)
        return after_space;
    return n >= 3 ? t[n - 2].start : from;
}

rs_status rs__stream_slice(rs__doc *d, const char *text, size_t start, size_t end, size_t *cut)
{
    rs__stream *s = d->stream;
    *cut = start;
    if (!s->windows || end - start < SLICE_BYTES)
        return RS_OK;
    /* the tail starts after a space, so that it starts a token */
    size_t tail = end - SLICE_TAIL;
    while (tail < end && text[tail] != ' ' && text[tail] != '\n' && text[tail] != '\t')
        tail++;
    bool mid_sentence = false;
    size_t at = tail < end ? piece_end(d, text, tail, end, &mid_sentence) : 0;
    if (at <= start && end - start >= SLICE_FORCED_BYTES)
        at = forced_piece_end(d, text, end - SLICE_TAIL, end, &mid_sentence);
    if (at <= start)
        return RS_OK; /* no place to cut: the block stays whole for now */
    cut_token at_cut = token_at_cut(d, at);
    const rs__block_in piece = {
        .kind = RS_BLOCK_PARAGRAPH, .start = start, .end = at,
        .text = text + start, .text_len = at - start,
    };
    rs__sentence_carry carry = {0};
    s->adding_piece = true;
    s->split.to = &carry;
    d->piece_split = &s->split;
    rs_status st = rs__doc_add_block(d, &piece);
    s->split.to = NULL;
    d->piece_split = NULL;
    s->adding_piece = false;
    if (st != RS_OK)
        return st;
    /* The cut was chosen from the tail's sentences, split from the tail's
       start: where the piece's splitting, from the block's start, knows
       better, it decides.  A sentence a line break ended (its rule reads
       nothing past the line) was no longer open; one that is open at a
       line break the tail's rule ended, is (unless a list marker may
       start the next); a bullet ends any. */
    if (at_cut == CUT_BULLET)
        mid_sentence = false;
    else if (mid_sentence)
        mid_sentence = !carry.ends_firmly;
    else
        mid_sentence = carry.open && carry.line_start && at_cut == CUT_JOINS;
    carry.continues = mid_sentence;
    if (!mid_sentence) {
        carry.words = 0;
        carry.on_line = carry.line_start;
    }
    s->piece_carry = carry;
    s->piece_open = true;
    /* a sentence without words is counted by neither piece */
    s->piece_mid_sentence = mid_sentence && carry.words > 0;
    s->piece_next = d->base + at;
    s->split.from = &s->piece_carry;
    s->split.from_at = s->piece_next;
    d->piece_split = &s->split;
    *cut = at;
    /* the text a caller asked for (rs__stream_merge_piece()) would grow
       with the block: hand over what there is, with its window */
    rs_report *r = d->report;
    if (d->hand_block && r->nblocks > 0 && r->block_text[r->nblocks - 1].len >= HANDED_TEXT_BYTES
        && rs__stream_closes_windows(s)) {
        st = rs__stream_close_window(d);
        s->piece_handed = st == RS_OK;
    }
    return st;
}
