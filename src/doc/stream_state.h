/*
 * stream_state.h: what RS_OPT_STREAM keeps across windows (doc/stream.c),
 * shared with the measuring of long blocks in pieces (doc/stream_pieces.c).
 */
#ifndef RS_DOC_STREAM_STATE_H
#define RS_DOC_STREAM_STATE_H

#include "doc/doc.h"

/* Which totals have counted an unfamiliar word already. */
enum { SEEN_PAGE = 1u << 0, SEEN_MAIN = 1u << 1 };

typedef struct open_section {
    int level;
    size_t kept;     /* its index in report->sections, or RS_NONE past the cap */
    uint32_t serial; /* marks the words it has counted, at its depth */
} open_section;

/* Per distinct unfamiliar word: the serial of the section that counted it. */
typedef struct depth_marks {
    uint32_t *serial;
    size_t cap;
} depth_marks;

typedef struct rs__stream rs__stream;

struct rs__stream {
    bool windows;          /* a window may close before the input ends */
    size_t windows_closed;
    size_t blocks_before;  /* blocks in the windows already closed */
    rs_counts outside_main; /* blocks not in the main figures; the page adds both */
    uint8_t *seen;         /* per unfamiliar word: SEEN_* */
    size_t seen_cap;
    open_section *open;    /* outermost first */
    size_t nopen, open_cap;
    size_t open_kept;      /* up to the deepest open section that is kept: a block adds to none deeper */
    depth_marks *marks;    /* one per depth of the open stack */
    size_t marks_cap;
    uint32_t serial;       /* the last section's */
    /* a block too long to keep is measured in pieces, merged as they come */
    bool adding_piece;     /* rs__stream_slice is adding one */
    bool piece_open;       /* the last block is a piece; its rest comes next */
    bool piece_mid_sentence; /* ...and the piece ended inside a sentence */
    size_t piece_next;     /* where the rest starts */
    /* the piece, with the ones merged into it, was handed to the caller
       (rs_analyzer_on_block()) in a window closed early: the rest comes
       as a block of its own that continues it */
    bool piece_handed;
    rs__sentence_carry piece_carry; /* the sentence splitter's state there */
    rs__piece_split split;          /* hands it to the next block (d->piece_split) */
    /* per window block: unfamiliar words past the cap that a merge took out of its ids */
    uint64_t *overflow;
    size_t overflow_cap;
    /* sentences of the block folded last, which a piece handed over next continues */
    uint64_t last_sentences;
    /* whether the paragraph it is part of (with the pieces before it) was counted */
    bool paragraph_counted;
    /* the front-end's metadata, before the first window closes ahead of the end */
    rs_status (*first_close)(void *ud);
    void *first_close_ud;
};

/* The block just added continues the piece before it: one block again.  RS_ERR_NOMEM. */
rs_status rs__stream_merge_piece(rs__doc *d);

/* Closes the window before the input ends (RS_ERR_NOMEM). */
rs_status rs__stream_close_window(rs__doc *d);

/* A window closes after this many blocks, or once it spans this many bytes of input. */
enum { RS__WINDOW_BLOCKS = 1024, RS__WINDOW_BYTES = 256 * 1024 };

/* Whether the window is full once b, the block just added (its offsets
   absolute), is in it. */
static inline bool rs__stream_window_full(const rs_report *r, const rs_block *b)
{
    return r->nblocks >= RS__WINDOW_BLOCKS || b->end - r->blocks[0].start >= RS__WINDOW_BYTES;
}

/* Whether a full window is closed now: not while a piece is being added,
   nor in a stream without windows. */
static inline bool rs__stream_closes_windows(const rs__stream *s)
{
    return !s->adding_piece && s->windows;
}

/*
 * Whether rs__stream_block_added() would do nothing after the block just
 * added (b, its offsets absolute): no piece to merge, no window full.
 * Inline in rs__doc_add_block(), where most blocks end: the call and the
 * loads of what it asks again cost more than the test.
 */
static inline bool rs__stream_nothing_after(const rs__stream *s, const rs_report *r,
                                            const rs_block *b)
{
    /* a window with room, the common case, first: no flag but one to read */
    bool full = rs__stream_window_full(r, b);
    if (s->piece_open)
        return false;
    return !full || !rs__stream_closes_windows(s);
}

#endif
