/*
 * Finishing the document: roles, metadata taken from roles, the section
 * tree, and every figure.  The main figures cover content and caption
 * blocks (the title and byline are reported but not counted), or every
 * block with RS_OPT_ALL; the page figures always cover every block.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "doc/doc.h"

/*
 * Sums the blocks of [first, last] that count as main, unique words
 * included: each block's counts and its unfamiliar words' marks in one
 * pass.
 */
static rs_status sum_main_blocks(rs__doc *d, size_t first, size_t last, bool all, rs_counts *out)
{
    rs_status st = rs__doc_start_unique_pass(d);
    if (st != RS_OK)
        return st;
    const rs_report *r = d->report;
    /* locals: the marks written are no fields of d, which the compiler
       would otherwise read again after each */
    uint32_t *seen = d->seen;
    const uint32_t pass = d->pass;
    const uint32_t *ids = d->unfamiliar_ids;
    const rs__evidence *evidence = d->evidence;
    const bool no_overflow_ids = rs__doc_no_overflow_ids(d);
    rs_counts sum = {0};
    uint64_t unique = 0;
    size_t end = last < r->nblocks ? last + 1 : r->nblocks;
    for (size_t b = first; b < end; b++) {
        if (!rs__block_is_main(&r->blocks[b], all))
            continue;
        rs__counts_add(&sum, &r->blocks[b].counts);
        const rs__evidence *ev = &evidence[b];
        if (ev->unfamiliar_len) /* ids may be NULL else: no arithmetic on it */
            rs__count_unmarked(seen, pass, ids + ev->unfamiliar, ev->unfamiliar_len,
                           no_overflow_ids, &unique);
    }
    sum.unfamiliar_words = unique;
    *out = sum;
    return RS_OK;
}

rs_status rs__doc_meta_from_roles(rs__doc *d)
{
    rs_report *r = d->report;
    static const struct { rs_role role; const char *key; } from[] = {
        {RS_ROLE_TITLE, "title"}, {RS_ROLE_BYLINE, "byline"},
    };
    for (size_t k = 0; k < sizeof from / sizeof from[0]; k++) {
        for (size_t i = 0; i < r->nblocks; i++) {
            if (r->blocks[i].role != from[k].role)
                continue;
            size_t len;
            const char *text = rs_report_block_text(r, i, &len);
            rs_status st = rs__report_add_meta(r, from[k].key, text, len);
            if (st != RS_OK)
                return st;
            break;
        }
    }
    return RS_OK;
}

static rs_status push_section(rs__doc *d, size_t heading, int level, size_t parent,
                              size_t start)
{
    rs_report *r = d->report;
    rs_status st = rs__reserve(&d->alloc, (void **)&r->sections, &r->sections_cap,
                               r->nsections + 1, sizeof *r->sections);
    if (st != RS_OK)
        return st;
    r->sections[r->nsections++] = (rs_section){
        .heading_block = heading, .level = level, .parent = parent, .start = start, .end = start,
    };
    return RS_OK;
}

/*
 * Headings open sections that run to the next heading of the same or a
 * higher level; text before the first heading is a level-0 section.  The
 * blocks of a section and its subsections are contiguous, so each section
 * is a range of blocks, remembered in first/last.
 */
static rs_status build_sections(rs__doc *d, size_t **first_out, size_t **last_out,
                                size_t *cap_out)
{
    rs_report *r = d->report;
    size_t *first = NULL, *last = NULL, cap_first = 0, cap_last = 0;
    size_t open = RS_NONE; /* innermost open section */
    /* the arrays sized once: a section opens at the first block and at
       every heading after it, and growing them section by section copies
       them over and over */
    size_t opening = 0;
    for (size_t i = 0; i < r->nblocks; i++)
        opening += i == 0 || (r->blocks[i].kind == RS_BLOCK_HEADING
                              && r->blocks[i].role != RS_ROLE_BYLINE);
    rs_status st = RS_OK;
    if (opening) {
        st = rs__reserve(&d->alloc, (void **)&r->sections, &r->sections_cap,
                         r->nsections + opening, sizeof *r->sections);
        if (st == RS_OK)
            st = rs__grow(&d->alloc, (void **)&first, &cap_first, r->nsections + opening,
                          sizeof *first);
        if (st == RS_OK)
            st = rs__grow(&d->alloc, (void **)&last, &cap_last, r->nsections + opening,
                          sizeof *last);
    }
    for (size_t i = 0; i < r->nblocks && st == RS_OK; i++) {
        rs_block *b = &r->blocks[i];
        /* A byline set as a heading line ("Name Views") heads nothing. */
        bool heading_block = b->kind == RS_BLOCK_HEADING && b->role != RS_ROLE_BYLINE;
        bool opens = heading_block || open == RS_NONE;
        if (opens) {
            int level = 0;
            size_t heading = RS_NONE;
            if (heading_block) {
                level = b->level > 0 ? b->level : 1;
                heading = i;
                /* the level-0 section (text before any heading) holds no headings */
                while (open != RS_NONE
                       && (r->sections[open].level >= level || r->sections[open].level == 0))
                    open = r->sections[open].parent;
            }
            st = push_section(d, heading, level, open, b->start);
            if (st == RS_OK)
                st = rs__reserve(&d->alloc, (void **)&first, &cap_first, r->nsections,
                                 sizeof *first);
            if (st == RS_OK)
                st = rs__reserve(&d->alloc, (void **)&last, &cap_last, r->nsections,
                                 sizeof *last);
            if (st != RS_OK)
                break;
            open = r->nsections - 1;
            first[open] = i;
        }
        b->section = open;
        for (size_t s = open; s != RS_NONE; s = r->sections[s].parent) {
            r->sections[s].end = b->end;
            last[s] = i;
        }
    }
    *first_out = first;
    *last_out = last;
    *cap_out = cap_first; /* both arrays grow alike */
    if (st != RS_OK) {
        rs__free(&d->alloc, first, cap_first * sizeof *first);
        rs__free(&d->alloc, last, cap_last * sizeof *last);
        *first_out = *last_out = NULL;
    }
    return st;
}

void rs__section_score(const rs_report *r, rs_section *sec)
{
    rs_readability_compute(&sec->counts, &sec->readability);
    rs_reading_time_compute(&sec->counts, &r->opts, &sec->reading_time);
}

void rs__report_score(rs_report *r)
{
    rs_readability_compute(&r->counts, &r->readability);
    rs_reading_time_compute(&r->counts, &r->opts, &r->reading_time);
    rs_readability_compute(&r->page_counts, &r->page_readability);
    rs_reading_time_compute(&r->page_counts, &r->opts, &r->page_reading_time);
}

/*
 * The unfamiliar words ids[0, n) of a block, main or not, added to the
 * page's and the main figures' unique words: each word's mark tells
 * whether a main block had it (main_pass), only other blocks (page_pass,
 * main_pass - 1), or none yet (an earlier pass's, lower).
 * no_overflow_ids as rs__count_unmarked()'s.
 */
static RS_ALWAYS_INLINE void mark_page_and_main(uint32_t *seen, uint32_t page_pass,
                                                uint32_t main_pass, const uint32_t *ids,
                                                size_t n, bool main, bool no_overflow_ids,
                                                uint64_t *page_unique, uint64_t *main_unique)
{
    uint64_t on_page = *page_unique, in_main = *main_unique;
    for (size_t k = 0; k < n; k++) {
        uint32_t id = ids[k];
        if (!no_overflow_ids && id == RS__UNFAMILIAR_OVERFLOW) { /* past the cap: each counts */
            on_page++;
            in_main += main;
            continue;
        }
        uint32_t mark = seen[id];
        on_page += mark < page_pass;
        if (main) {
            in_main += mark != main_pass;
            seen[id] = main_pass;
        } else {
            seen[id] = mark < page_pass ? page_pass : mark;
        }
    }
    *page_unique = on_page;
    *main_unique = in_main;
}

/* The page's figures (every block) and the main ones, unique words included, in one pass. */
static rs_status sum_page_and_main(rs__doc *d, bool all)
{
    /* two passes in a row, every mark below both: if the second wraps (and
       clears every mark), a third follows it */
    rs_status st = rs__doc_start_unique_pass(d);
    uint32_t page_pass = d->pass;
    if (st == RS_OK)
        st = rs__doc_start_unique_pass(d);
    if (st == RS_OK && d->pass != page_pass + 1) {
        page_pass = d->pass;
        st = rs__doc_start_unique_pass(d);
    }
    if (st != RS_OK)
        return st;
    rs_report *r = d->report;
    uint32_t *seen = d->seen;
    const uint32_t main_pass = d->pass;
    const uint32_t *ids = d->unfamiliar_ids;
    const rs__evidence *evidence = d->evidence;
    const bool no_overflow_ids = rs__doc_no_overflow_ids(d);
    rs_counts in_main = {0}, outside_main = {0};
    uint64_t page_unique = 0, main_unique = 0;
    for (size_t b = 0; b < r->nblocks; b++) {
        const bool main = rs__block_is_main(&r->blocks[b], all);
        rs__counts_add(main ? &in_main : &outside_main, &r->blocks[b].counts);
        const rs__evidence *ev = &evidence[b];
        if (!ev->unfamiliar_len)
            continue; /* ids may be NULL then: no arithmetic on it */
        const uint32_t *block_ids = ids + ev->unfamiliar;
        size_t n = ev->unfamiliar_len;
        /* four copies of the loop, each with its tests folded away */
        if (no_overflow_ids) {
            if (main)
                mark_page_and_main(seen, page_pass, main_pass, block_ids, n, true, true,
                                   &page_unique, &main_unique);
            else
                mark_page_and_main(seen, page_pass, main_pass, block_ids, n, false, true,
                                   &page_unique, &main_unique);
        } else {
            if (main)
                mark_page_and_main(seen, page_pass, main_pass, block_ids, n, true, false,
                                   &page_unique, &main_unique);
            else
                mark_page_and_main(seen, page_pass, main_pass, block_ids, n, false, false,
                                   &page_unique, &main_unique);
        }
    }
    /* the page's counts are the main ones and the rest (its unique words are its own) */
    r->counts = in_main;
    r->counts.unfamiliar_words = main_unique;
    rs__counts_add(&outside_main, &in_main);
    r->page_counts = outside_main;
    r->page_counts.unfamiliar_words = page_unique;
    return RS_OK;
}

static rs_status measure_sections(rs__doc *d, bool all)
{
    rs_report *r = d->report;
    size_t *first, *last, cap;
    rs_status st = build_sections(d, &first, &last, &cap);
    if (st != RS_OK)
        return st;
    for (size_t s = 0; s < r->nsections && st == RS_OK; s++) {
        rs_section *sec = &r->sections[s];
        st = sum_main_blocks(d, first[s], last[s], all, &sec->counts);
        bool chrome = true;
        for (size_t b = first[s]; b <= last[s] && chrome; b++)
            chrome = r->blocks[b].role == RS_ROLE_BOILERPLATE;
        sec->boilerplate = chrome;
        rs__section_score(r, sec);
    }
    rs__free(&d->alloc, first, cap * sizeof *first);
    rs__free(&d->alloc, last, cap * sizeof *last);
    return st;
}

rs_status rs__doc_finish(rs__doc *d)
{
    if (d->stream)
        return rs__stream_finish(d);
    rs_report *r = d->report;
    rs_status st = rs__assign_roles(d);
    if (st == RS_OK)
        st = rs__doc_meta_from_roles(d);
    bool all = (r->opts.flags & RS_OPT_ALL) != 0;
    if (st == RS_OK)
        st = sum_page_and_main(d, all);
    if (st == RS_OK)
        st = measure_sections(d, all);
    if (st != RS_OK)
        return st;
    rs__report_score(r);
    rs__doc_hand_blocks(d, 0);
    return RS_OK;
}

void rs__doc_hand_blocks(const rs__doc *d, size_t first_index)
{
    if (!d->hand_block)
        return;
    const rs_report *r = d->report;
    bool all = (r->opts.flags & RS_OPT_ALL) != 0;
    for (size_t i = 0; i < r->nblocks; i++) {
        uint32_t hints = d->evidence[i].hints;
        rs_block_view view = {
            .index = first_index + i,
            .block = &r->blocks[i],
            .text = rs__text_at(r, r->block_text[i]),
            .len = r->block_text[i].len,
            .main = rs__role_is_main(r->blocks[i].role, all),
            .continues = (hints & RS_HINT_CONTINUED) != 0,
            .joint = (hints & RS_HINT_JOINT_SPACE) ? ' ' : (hints & RS_HINT_JOINT_LINE) ? '\n' : 0,
        };
        d->hand_block(d->hand_block_ud, &view);
    }
}
