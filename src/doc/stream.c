/*
 * RS_OPT_STREAM: figures in bounded memory, however long the input.
 *
 * Blocks are measured as they come (doc/measure.c), as always, but they are
 * kept only for a window: up to RS__WINDOW_BLOCKS blocks or
 * RS__WINDOW_BYTES of input (doc/stream_state.h: rs__doc_add_block() asks
 * whether a window is full).  When a window is full, right after a block,
 * its blocks get their roles as if the window were the page, their counts
 * are added to the main, page and section figures, and they are dropped;
 * the analyzer then lets go of the input before the next window.  An
 * input that fits in one window is thus classified and counted exactly as
 * without the flag.
 *
 * What outlives a window, and its bound:
 *  - the figures, and per distinct unfamiliar word (Spache counts unique
 *    words) whether the page and the main content have seen it, and per
 *    open section depth which section saw it last: the vocabulary is
 *    capped at UNFAMILIAR_CAP words (doc/measure.c counts each occurrence
 *    of a word past it as a new one);
 *  - the stack of open sections (one per heading level);
 *  - the first SECTIONS_KEPT sections with their heading texts (at most
 *    HEADING_BYTES together); later ones are only counted as truncated,
 *    their blocks still count in the main and page figures;
 *  - the title and byline metadata, which come from the first window only.
 *
 * A long plain-text block is not kept whole either: it is measured in
 * pieces and merged as it comes (doc/stream_pieces.c).  The HTML
 * front-end hands a long block over in pieces itself, each marked as
 * going on from the one before (RS_HINT_CONTINUED): a piece that long
 * fills a window of its own, so the pieces are joined as they are folded.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "doc/doc.h"
#include "doc/stream_state.h"

enum {
    SECTIONS_KEPT = 1024,
    HEADING_BYTES = 256 * 1024,
    UNFAMILIAR_CAP = 32768
};

rs_status rs__stream_start(rs__doc *d, bool windows)
{
    rs__stream *s = rs__alloc(&d->alloc, sizeof *s);
    if (!s)
        return RS_ERR_NOMEM;
    memset(s, 0, sizeof *s);
    s->windows = windows;
    d->stream = s;
    d->unfamiliar_cap = UNFAMILIAR_CAP;
    return RS_OK;
}

void rs__stream_free(rs__doc *d)
{
    rs__stream *s = d->stream;
    if (!s)
        return;
    const rs_allocator *a = &d->alloc;
    rs__free(a, s->seen, s->seen_cap);
    rs__free(a, s->open, s->open_cap * sizeof *s->open);
    for (size_t k = 0; k < s->marks_cap; k++)
        rs__free(a, s->marks[k].serial, s->marks[k].cap * sizeof *s->marks[k].serial);
    rs__free(a, s->marks, s->marks_cap * sizeof *s->marks);
    rs__free(a, s->overflow, s->overflow_cap * sizeof *s->overflow);
    rs__free(a, s, sizeof *s);
    d->stream = NULL;
}


/* Counts block i's unfamiliar words not yet in the marks at `depth`. */
static rs_status count_section_words(rs__doc *d, size_t depth, uint32_t serial, size_t i,
                                     uint64_t *out)
{
    rs__stream *s = d->stream;
    const rs_allocator *a = &d->alloc;
    /* the marks rarely need to grow: asked inline, every block of a kept section */
    rs_status st = rs__reserve_zeroed(a, (void **)&s->marks, &s->marks_cap, depth + 1,
                                      sizeof *s->marks);
    if (st == RS_OK)
        st = rs__reserve_zeroed(a, (void **)&s->marks[depth].serial, &s->marks[depth].cap,
                                d->unfamiliar.count, sizeof *s->marks[depth].serial);
    if (st != RS_OK)
        return st;
    depth_marks *m = &s->marks[depth];
    const rs__evidence *ev = &d->evidence[i];
    for (size_t k = 0; k < ev->unfamiliar_len; k++) {
        uint32_t id = d->unfamiliar_ids[ev->unfamiliar + k];
        if (id == RS__UNFAMILIAR_OVERFLOW) {
            (*out)++;
        } else if (m->serial[id] != serial) {
            m->serial[id] = serial;
            (*out)++;
        }
    }
    return RS_OK;
}

/* A new section's serial; on wrap-around every mark is forgotten. */
static uint32_t next_serial(rs__stream *s)
{
    if (++s->serial == 0) {
        for (size_t k = 0; k < s->marks_cap; k++)
            if (s->marks[k].serial)
                memset(s->marks[k].serial, 0, s->marks[k].cap * sizeof *s->marks[k].serial);
        s->serial = 1;
    }
    return s->serial;
}

/* Keeps the section that block i opens, with its heading text, if there is room. */
static rs_status keep_section(rs__doc *d, size_t i, size_t heading, int level, size_t parent,
                              size_t *kept)
{
    rs_report *r = d->report;
    const rs_block *b = &r->blocks[i];
    size_t len = 0;
    *kept = RS_NONE;
    /* past the cap the heading's text is not asked for: most sections of a long input are */
    const char *text = heading != RS_NONE && r->nsections < SECTIONS_KEPT
                           ? rs_report_block_text(r, i, &len)
                           : NULL;
    if (r->nsections >= SECTIONS_KEPT || len > HEADING_BYTES - r->headings_len) {
        r->sections_truncated++;
        return RS_OK;
    }
    rs_status st = rs__reserve(&d->alloc, (void **)&r->sections, &r->sections_cap,
                               r->nsections + 1, sizeof *r->sections);
    if (st == RS_OK)
        st = rs__reserve(&d->alloc, (void **)&r->section_heading, &r->section_heading_cap,
                         r->nsections + 1, sizeof *r->section_heading);
    if (st == RS_OK && len)
        st = rs__reserve(&d->alloc, (void **)&r->headings, &r->headings_cap,
                         r->headings_len + len, 1);
    if (st != RS_OK)
        return st;
    if (len)
        memcpy(r->headings + r->headings_len, text, len);
    r->section_heading[r->nsections] = (rs__text_ref){r->headings_len, len, false};
    r->headings_len += len;
    r->sections[r->nsections] = (rs_section){
        .heading_block = heading, .level = level, .parent = parent, .boilerplate = true,
        .start = b->start, .end = b->start,
    };
    *kept = r->nsections++;
    return RS_OK;
}

/* Whether block b opens a section of its own: a heading that is no byline. */
static inline bool is_section_heading(const rs_block *b)
{
    return b->kind == RS_BLOCK_HEADING && b->role != RS_ROLE_BYLINE;
}

/*
 * The sections as doc/aggregate.c builds them, one block at a time: a
 * heading closes the open sections of its level or deeper (and the level-0
 * one) and opens its own; the first block opens a level-0 section.  Only
 * those two change them: the caller asks for no other block.
 */
static rs_status open_sections_for(rs__doc *d, size_t i)
{
    rs__stream *s = d->stream;
    const rs_block *b = &d->report->blocks[i];
    bool heading_block = is_section_heading(b);
    int level = 0;
    size_t heading = RS_NONE;
    if (heading_block) {
        level = b->level > 0 ? b->level : 1;
        heading = s->blocks_before + i;
        while (s->nopen > 0
               && (s->open[s->nopen - 1].level >= level || s->open[s->nopen - 1].level == 0))
            s->nopen--;
    }
    rs_status st = rs__reserve(&d->alloc, (void **)&s->open, &s->open_cap, s->nopen + 1,
                               sizeof *s->open);
    size_t parent = s->nopen > 0 ? s->open[s->nopen - 1].kept : RS_NONE;
    size_t kept = RS_NONE;
    if (st == RS_OK)
        st = keep_section(d, i, heading, level, parent, &kept);
    if (st != RS_OK)
        return st;
    s->open[s->nopen++] = (open_section){level, kept, next_serial(s)};
    size_t open_kept = s->nopen;
    while (open_kept > 0 && s->open[open_kept - 1].kept == RS_NONE)
        open_kept--;
    s->open_kept = open_kept;
    return RS_OK;
}

/*
 * A piece of a long block that a front-end handed over (RS_HINT_CONTINUED)
 * goes on from the block before: one paragraph, and the sentence the cut
 * went through counted once.  The paragraph is counted with its first
 * piece that has a sentence (a line of megabytes of marks before its
 * words has none in its first pieces).
 */
static void join_piece(rs__stream *s, rs_block *b, const rs__evidence *ev)
{
    uint64_t sentences = b->counts.sentences;
    bool continued = (ev->hints & RS_HINT_CONTINUED) != 0;
    if (continued) {
        if (sentences > 0 && s->last_sentences > 0 && !(ev->hints & RS_HINT_CUT_AT_SENTENCE_END))
            b->counts.sentences--;
        if (s->paragraph_counted)
            b->counts.paragraphs = 0;
    }
    s->last_sentences = sentences;
    s->paragraph_counted = (continued && s->paragraph_counted) || b->counts.paragraphs > 0;
}

/*
 * Whether every id in ids[0, n) carries all the marks in `counted`: most
 * occurrences are of words the page has counted already, and one AND per
 * occurrence tells so for the whole block, where the loop that marks
 * would test each.  No id may be RS__UNFAMILIAR_OVERFLOW.
 */
static bool all_marked(const uint8_t *seen, const uint32_t *ids, size_t n, uint8_t counted)
{
    /* two chains: the loads of one need not wait for the other's */
    unsigned even = counted, odd = counted;
    size_t k = 0;
    for (; k + 4 <= n; k += 4) {
        even &= (unsigned)seen[ids[k]] & seen[ids[k + 1]];
        odd &= (unsigned)seen[ids[k + 2]] & seen[ids[k + 3]];
    }
    /* the last one to three: blocks are short, a loop would cost more than the ANDs */
    if (n & 2) {
        even &= (unsigned)seen[ids[k]] & seen[ids[k + 1]];
        k += 2;
    }
    if (n & 1)
        odd &= seen[ids[k]];
    return (even & odd) == counted;
}

/* Adds block i (b) to every open section that is kept; main: whether it counts in the main figures. */
static rs_status fold_into_sections(rs__doc *d, size_t i, const rs_block *b, bool main,
                                    uint64_t merged_overflow)
{
    rs__stream *s = d->stream;
    rs_report *r = d->report;
    rs_status st = RS_OK;
    for (size_t depth = 0; depth < s->open_kept && st == RS_OK; depth++) {
        const open_section *o = &s->open[depth];
        if (o->kept == RS_NONE)
            continue;
        rs_section *sec = &r->sections[o->kept];
        sec->end = b->end;
        sec->boilerplate = sec->boilerplate && b->role == RS_ROLE_BOILERPLATE;
        if (!main)
            continue;
        uint64_t unfamiliar = sec->counts.unfamiliar_words + merged_overflow;
        rs__counts_add(&sec->counts, &b->counts);
        st = count_section_words(d, depth, o->serial, i, &unfamiliar);
        sec->counts.unfamiliar_words = unfamiliar;
    }
    return st;
}

/*
 * Adds the window's blocks, in order, to the page, the main figures and
 * every open section.  What every block reads is taken into locals first:
 * the counts it adds are stored through pointers the compiler would
 * otherwise assume to change it.
 */
static rs_status fold_window(rs__doc *d)
{
    rs_report *r = d->report;
    rs__stream *s = d->stream;
    const bool all = (r->opts.flags & RS_OPT_ALL) != 0;
    const bool no_overflow_ids = rs__doc_no_overflow_ids(d);
    const size_t n = r->nblocks;
    rs_block *blocks = r->blocks;
    const rs__evidence *evidence = d->evidence;
    const uint32_t *window_ids = d->unfamiliar_ids;
    uint8_t *seen = s->seen;
    const uint64_t *overflow = s->overflow;
    const size_t overflow_len = s->overflow_cap;
    uint64_t new_on_page = 0, new_in_main = 0;
    size_t section = s->nopen > 0 ? s->open[s->nopen - 1].kept : RS_NONE;
    rs_status st = RS_OK;
    for (size_t i = 0; i < n && st == RS_OK; i++) {
        rs_block *b = &blocks[i];
        const rs__evidence *ev = &evidence[i];
        join_piece(s, b, ev);
        const bool main = rs__block_is_main(b, all);
        rs__counts_add(main ? &r->counts : &s->outside_main, &b->counts);
        const size_t nids = ev->unfamiliar_len;
        /* without unfamiliar words the array may not exist yet */
        const uint32_t *ids = nids ? window_ids + ev->unfamiliar : NULL;
        /* the marks this block leaves; most occurrences are of words that
           carry them already */
        const uint8_t counted = main ? SEEN_PAGE | SEEN_MAIN : SEEN_PAGE;
        const uint64_t merged_overflow = i < overflow_len ? overflow[i] : 0;
        uint64_t on_page = merged_overflow, in_main = merged_overflow;
        /* a block without unfamiliar words (a heading, a list item) asks none */
        size_t unmarked =
            !nids || (no_overflow_ids && all_marked(seen, ids, nids, counted)) ? 0 : nids;
        for (size_t k = 0; k < unmarked; k++) {
            uint32_t id = ids[k];
            if (id == RS__UNFAMILIAR_OVERFLOW) {
                on_page++;
                in_main++;
                continue;
            }
            uint8_t had = seen[id];
            if ((had & counted) == counted)
                continue;
            on_page += !(had & SEEN_PAGE);
            in_main += !(had & SEEN_MAIN);
            seen[id] = (uint8_t)(had | counted);
        }
        new_on_page += on_page;
        if (main)
            new_in_main += in_main;
        /* only a heading, or the first block, changes the open sections */
        if (is_section_heading(b) || s->nopen == 0) {
            st = open_sections_for(d, i);
            section = s->nopen > 0 ? s->open[s->nopen - 1].kept : RS_NONE;
        }
        /* for rs_analyzer_on_block(): the section as the report keeps it */
        b->section = section;
        if (s->open_kept > 0 && st == RS_OK)
            st = fold_into_sections(d, i, b, main, merged_overflow);
    }
    r->page_counts.unfamiliar_words += new_on_page;
    r->counts.unfamiliar_words += new_in_main;
    return st;
}

void rs__stream_on_first_close(rs__doc *d, rs_status (*fn)(void *ud), void *ud)
{
    d->stream->first_close = fn;
    d->stream->first_close_ud = ud;
}

/* Roles for the window's blocks, their counts folded in, and the blocks dropped. */
static rs_status close_window(rs__doc *d, bool at_end)
{
    rs_report *r = d->report;
    rs__stream *s = d->stream;
    if (s->windows_closed == 0 && !at_end && s->first_close) {
        rs_status st = s->first_close(s->first_close_ud);
        if (st != RS_OK)
            return st;
    }
    size_t nmeta = r->nmeta, meta_bytes = r->meta_bytes_len;
    rs_status st = rs__assign_roles(d);
    if (st == RS_OK && s->windows_closed == 0) {
        st = rs__doc_meta_from_roles(d);
    } else {
        /* the title and byline are the first window's: later ones add none */
        r->nmeta = nmeta;
        r->meta_bytes_len = meta_bytes;
    }
    if (st == RS_OK)
        st = rs__grow_zeroed(&d->alloc, (void **)&s->seen, &s->seen_cap,
                                    d->unfamiliar.count, 1);
    if (st == RS_OK)
        st = fold_window(d);
    if (st != RS_OK)
        return st;
    rs__doc_hand_blocks(d, s->blocks_before);
    s->blocks_before += r->nblocks;
    s->windows_closed++;
    if (s->overflow)
        memset(s->overflow, 0, s->overflow_cap * sizeof *s->overflow);
    r->nblocks = 0;
    r->arena_len = 0;
    d->ntext_blocks = 0;
    d->nunfamiliar_ids = 0;
    d->names_len = 0;
    d->paths_len = 0;
    return RS_OK;
}

rs_status rs__stream_close_window(rs__doc *d)
{
    return close_window(d, false);
}

/* After the last block (b) was added: a full window is closed. */
static RS_ALWAYS_INLINE rs_status close_if_full(rs__doc *d, const rs_block *b)
{
    if (rs__stream_closes_windows(d->stream) && rs__stream_window_full(d->report, b))
        return close_window(d, false);
    return RS_OK;
}

/*
 * The block just added (b) after a piece: merged into it if it is the
 * piece's rest.  Out of line: only long blocks come in pieces, and the
 * check after every other block then needs no registers saved.
 */
static RS_NOINLINE rs_status after_piece(rs__doc *d, const rs_block *b)
{
    rs_report *r = d->report;
    rs__stream *s = d->stream;
    s->piece_open = false;
    bool handed = s->piece_handed;
    s->piece_handed = false;
    if (b->start != s->piece_next) {
        /* not the piece's rest */
    } else if (handed) {
        /* the block so far was handed over: this goes on from it, as a
           front-end's piece goes on (join_piece()) */
        d->evidence[r->nblocks - 1].hints |=
            RS_HINT_CONTINUED | (s->piece_mid_sentence ? 0u : RS_HINT_CUT_AT_SENTENCE_END);
    } else if (r->nblocks >= 2) {
        rs_status st = rs__stream_merge_piece(d);
        if (st != RS_OK)
            return st;
        b = &r->blocks[r->nblocks - 1];
    }
    return close_if_full(d, b);
}

rs_status rs__stream_block_added(rs__doc *d)
{
    rs_report *r = d->report;
    const rs_block *b = &r->blocks[r->nblocks - 1];
    if (RS_UNLIKELY(d->stream->piece_open))
        return after_piece(d, b);
    return close_if_full(d, b);
}


bool rs__stream_later_window(const rs__doc *d)
{
    return d->stream && d->stream->windows_closed > 0;
}

size_t rs__stream_text_needed(const rs__doc *d)
{
    const rs_report *r = d->report;
    for (size_t i = 0; i < r->nblocks; i++)
        if (!r->block_text[i].in_arena)
            return r->block_text[i].offset;
    return SIZE_MAX;
}

rs_status rs__stream_copy_texts(rs__doc *d, size_t before)
{
    rs_report *r = d->report;
    for (size_t i = 0; i < r->nblocks; i++) {
        rs__text_ref *ref = &r->block_text[i];
        if (ref->in_arena || ref->offset >= before)
            continue;
        rs__text_ref copy;
        rs_status st = rs__doc_arena_copy(d, r->text + ref->offset, ref->len, &copy);
        if (st != RS_OK)
            return st;
        *ref = copy;
    }
    return RS_OK;
}

void rs__stream_rebase(rs__doc *d, size_t delta)
{
    rs_report *r = d->report;
    d->base += delta;
    for (size_t i = 0; i < r->nblocks; i++)
        if (!r->block_text[i].in_arena)
            r->block_text[i].offset -= delta;
}

rs_status rs__stream_finish(rs__doc *d)
{
    rs_report *r = d->report;
    rs__stream *s = d->stream;
    if (r->nblocks > 0 || s->windows_closed == 0) {
        rs_status st = close_window(d, true);
        if (st != RS_OK)
            return st;
    }
    /* the page's figures: the main ones and the rest (its unique words are its own) */
    rs_counts page = r->counts;
    rs__counts_add(&page, &s->outside_main);
    page.unfamiliar_words = r->page_counts.unfamiliar_words;
    r->page_counts = page;
    for (size_t i = 0; i < r->nsections; i++)
        rs__section_score(r, &r->sections[i]);
    rs__report_score(r);
    /* what the report does not hand out in this mode */
    const rs_allocator *a = &d->alloc;
    if (!r->text_lent)
        rs__free(a, r->text, r->text_cap);
    r->text_lent = false;
    rs__free(a, r->arena, r->arena_cap);
    rs__free(a, r->blocks, r->blocks_cap * sizeof *r->blocks);
    rs__free(a, r->block_text, r->block_text_cap * sizeof *r->block_text);
    r->text = r->arena = NULL;
    r->blocks = NULL;
    r->block_text = NULL;
    r->text_len = r->text_cap = r->arena_len = r->arena_cap = 0;
    r->nblocks = r->blocks_cap = r->block_text_cap = 0;
    r->stream = true;
    return RS_OK;
}
