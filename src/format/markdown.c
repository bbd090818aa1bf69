/*
 * The Markdown front-end: CommonMark plus GitHub's tables, strikethrough,
 * task lists and bare-URL autolinks, parsed by md4c, after the front matter
 * (format/frontmatter.c).
 *
 * md4c parses a whole document in one call (md_parse has no push mode), and
 * a Markdown line can change the meaning of lines far above it (a link
 * reference definition at the end; a setext underline), so the front-end
 * waits for the end of the input and then parses it at once (unless a
 * paragraph of labels would cost md4c minutes: pieces_if_dense()).  The
 * analyzer keeps the input anyway, so waiting costs no extra copy, and
 * the report is the same however the input was chunked.  With RS_OPT_STREAM the analyzer
 * keeps only what is not parsed yet, so a long document is parsed in
 * pieces, cut where no block can go on (format/markdown_cut.h); a block
 * that no such place ends for long is cut inside, and the next piece goes
 * on with it (continue_piece()).  What such a cut may still change, in
 * input that pathological: an emphasis, a link or an inline tag open
 * across the cut is read as text on both sides; a setext underline or a
 * delimiter row past the cut makes only the last piece a heading or a
 * table; a heading of megabytes goes on as paragraphs; where no
 * lower-case word is near the cut (lines of base64), the capitalised word
 * after it reads as a sentence's first; a token of megabytes counts as a
 * word a piece.
 *
 * What becomes a block, and of which kind:
 *  - headings (levels 1-6, ATX and setext) and paragraphs;
 *  - every list item's own text, nested lists each their own items; a
 *    loose item's paragraphs are each a list-item block;
 *  - everything inside a blockquote is a quote block (its headings too:
 *    quoted headings do not open sections of the article), except code;
 *  - code blocks are code blocks, their text as written; the analyzer
 *    leaves them out of the main figures (prose metrics mean nothing for
 *    code), but they are on the page;
 *  - each table cell is a block of its own (kind table cell);
 *  - raw HTML blocks keep their visible text (tags, comments, script and
 *    style dropped, entities decoded): a paragraph if any text is left;
 *  - images count towards the block they sit in; a block with images and
 *    no text is an image block; alt text is not prose, so it is not kept;
 *  - a paragraph wholly in emphasis right after an image (or after one in
 *    the same paragraph) is the image's caption, the Markdown convention.
 * A block's text is what a reader sees: no '#', '*', '[', '](url)'; inline
 * code keeps its text; entities are decoded; a soft line break is a space
 * and a hard one a new line.  Its source span runs from the first to the
 * last source line it drew on (within a table row: the cell itself).
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "core/hints.h"
#include "format/frontend.h"
#include "format/frontmatter.h"
#include "format/markdown_cut.h"
#include "format/markdown_text.h"
#include "format/md4c_lib.h"

enum { NO_LEAF = -1 };

/*
 * The leaf block a piece ended in, when the piece was cut inside a block
 * (markdown_cut.h): the next piece's first block goes on with it.
 */
typedef struct md_carry {
    int leaf;              /* MD_BLOCK_*, or NO_LEAF */
    char fence;            /* code: the fence character, 0 for indented code */
    bool reaches;          /* its source runs to the end of the piece */
    bool handed_over;      /* some of it was handed over as a block */
    bool cut_at_blank;     /* white space lies at the cut (no token was split) */
    rs_block_kind kind;
    uint16_t depth;
    uint32_t hints;        /* what the container says: RS_HINT_LIST, _TABLE, _FIGURE... */
    size_t quotes;         /* block quotes around it */
    unsigned table_columns;/* a cell: its table's */
    size_t reach;          /* where its source ends */
    rs__md_text html;      /* HTML: the text stripper's state (only that part is used) */
} md_carry;

/*
 * Without RS_OPT_STREAM, a document with a paragraph of dense labels
 * (markdown_cut.h) is parsed in pieces too (pieces_if_dense()), but the blocks
 * its pieces are cut inside are joined again: each block is held until
 * the next one comes, and the first block of a piece that goes on with
 * the held one is joined to it, so that the analyzer sees one block.
 */
typedef struct md_held {
    bool present;
    rs__md_text text;   /* its text, a copy (a piece's parse buffer goes) */
    rs__block_in block; /* as emit() made it, its text and map in `text` */
    uint32_t links;
} md_held;

typedef struct md_state {
    rs_allocator alloc;
    rs__md4c md4c;      /* opened by md_init, closed by md_release */
    size_t start;       /* past a byte order mark */
    bool done;
    /* RS_OPT_STREAM: the document is parsed in pieces (format/markdown_cut.h) */
    bool pieces;
    bool body_known;    /* the front matter, if any, is read */
    size_t parsed;      /* where the next piece starts */
    /* a line goes on into `parsed` (a cut inside it): known when the window
       is rebased to start there, and the byte before is gone */
    bool parsed_in_line;
    rs__md_cut cut;
    bool after_image_block; /* the last block of the last piece was only images */
    /* the last piece was cut inside a block: where, and which block */
    bool cut_inside;
    rs__md_inner_cut inner;
    md_carry carry;
    size_t inner_retry;     /* no place to cut inside was found: none is looked for before here */
    size_t dense_to;        /* inner_piece_end(): labels are dense up to here */
    size_t white_to;        /* the input from `parsed` is white space up to here */
    /* blank_lines_after(): how far it looked from `parsed`, where the last
       byte that is no white space ends, the first line end after it
       (SIZE_MAX: none yet), and whether a blank line followed that */
    size_t tail_scan, solid_end, first_eol;
    bool blank_line_after;
    /* whole mode, in pieces around a paragraph of dense labels */
    bool hold;
    md_held held;
} md_state;

/*
 * Pieces are this long at least, so that a document that fits in one
 * window of the analyzer (256 KiB of input) is parsed whole, as without
 * streaming.
 */
enum { PIECE_BYTES = 256 * 1024 };

/*
 * A block that no blank line ends within INNER_WAIT_BYTES is cut inside
 * (markdown_cut.h), into pieces of INNER_PIECE_BYTES at most: what a piece
 * costs the analyzer grows with it (code makes a token of every few
 * bytes), and these pieces are few and far between.
 */
enum {
    INNER_WAIT_BYTES = 2 * PIECE_BYTES,
    INNER_PIECE_BYTES = PIECE_BYTES / 2,
    /* a search that found nothing looks again only after this much more
       input, however small the chunks it comes in */
    INNER_RETRY_BYTES = 16 * 1024,
    /* and into pieces of this many lines, where they hold labels: md4c
       0.4.8 looks for the line of every label that may be a reference
       ("[a]", not "[a](b)") from its block's first line, so that a block
       costs its lines times its labels (RS__MD_LABEL_WORK and more: cut) */
    INNER_PIECE_LINES = 256,
    /* and of this many bytes that md4c may read as marks: it keeps some 70
       bytes for each (a line of 128 KiB of '[' took 9.5 MB) */
    INNER_PIECE_MARKS = 48 * 1024,
    /* and of this many lines: each costs md4c a line, the block's text an
       entry of its map and the analyzer a token of white space (128 KiB of
       "[" lines took 20 MiB of RSS) */
    INNER_PIECE_MAX_LINES = 16384
};

/* One parse: md4c calls back into this. */
typedef struct md_walk {
    const char *input;          /* the whole input; offsets count from here */
    const char *doc;            /* what md4c parses: the input after front matter */
    size_t doc_len, doc_start;
    const rs__frontend_sink *sink;
    rs_status status;
    rs__md_text text;
    int leaf;                   /* the MD_BLOCK_* receiving text, or NO_LEAF */
    unsigned heading_level;
    size_t quotes, items, tables, depth;
    unsigned links_open, images_open, emphasis_open;
    uint32_t link_bytes, images, links;
    bool text_outside_emphasis; /* visible text that is not emphasised */
    bool image_before_text;
    bool after_image_block;     /* the last block emitted was only images */
    size_t last_src_end;        /* where the last piece of source ended */
    rs__block_in block;         /* the block handed over, kept between blocks */
    char fence_char;            /* of the code block being read */
    unsigned table_columns;     /* of the table being read */
    /* pieces cut inside a block: the block the first one goes on with, if it
       starts by goes_on_until; where to note each leaf block that ends */
    const md_carry *goes_on;
    size_t goes_on_until;
    md_carry *ended;
    md_held *held;              /* whole mode in pieces: blocks are held, then handed over */
} md_walk;

static bool in_doc(const md_walk *w, const char *s, size_t n, size_t *src)
{
    /* before the document, the offset wraps round past doc_len */
    size_t off = (size_t)((uintptr_t)s - (uintptr_t)w->doc);
    if (!s || off > w->doc_len || n > w->doc_len - off)
        return false;
    *src = w->doc_start + off;
    return true;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The source span: the lines the block drew on, from the first non-blank
 * byte to the last.  Markdown puts one block on a line (its container
 * markers with it), except table rows, where a cell keeps its own bytes.
 */
static RS_ALWAYS_INLINE void source_span(const md_walk *w, bool cell, size_t *start, size_t *end)
{
    const rs__md_text *t = &w->text;
    const char *in = w->input;
    size_t first = w->doc_start, limit = w->doc_start + w->doc_len;
    size_t lo = t->touched ? t->touch_min : w->last_src_end;
    size_t hi = t->touched ? t->touch_max : w->last_src_end;
    if (cell) {
        /* a cell's first or last word may sit in markup: "**x**", "![a](b) y" */
        while (lo > first && in[lo - 1] != '\0' && strchr("![*_~`<", in[lo - 1]))
            lo--;
        while (hi < limit && in[hi] != '\0' && strchr("*_~`>)", in[hi]))
            hi++;
    } else {
        /* the lines around it: a lone '\r' ends one too (md4c's lines, and
           a document with only those would be read whole for each block) */
        size_t line = lo;
        while (line > first && in[line - 1] != '\n' && in[line - 1] != '\r')
            line--;
        while (line < lo && blank(in[line]))
            line++;
        lo = line;
        size_t e = hi;
        while (e < limit && in[e] != '\n' && in[e] != '\r')
            e++;
        while (e > hi && blank(in[e - 1]))
            e--;
        hi = e;
    }
    *start = lo;
    *end = hi;
}

static RS_ALWAYS_INLINE rs_block_kind block_kind(const md_walk *w, bool has_text)
{
    if (!has_text)
        return RS_BLOCK_IMAGE;
    if (w->leaf == MD_BLOCK_CODE)
        return RS_BLOCK_CODE;
    if (w->quotes)
        return RS_BLOCK_QUOTE;
    if (w->leaf == MD_BLOCK_TD || w->leaf == MD_BLOCK_TH)
        return RS_BLOCK_TABLE_CELL;
    if (w->items)
        return RS_BLOCK_LIST_ITEM;
    if (w->leaf == MD_BLOCK_H)
        return RS_BLOCK_HEADING;
    bool caption = !w->text_outside_emphasis && (w->image_before_text || w->after_image_block);
    return caption ? RS_BLOCK_CAPTION : RS_BLOCK_PARAGRAPH;
}

static void reset_block(md_walk *w)
{
    rs__md_text_reset(&w->text);
    w->link_bytes = w->images = w->links = 0;
    w->text_outside_emphasis = false;
    w->image_before_text = false;
}

/*
 * A piece's first block that goes on with the block the last piece ended
 * in takes that block's kind and place (md4c, reading the piece alone,
 * may see a paragraph where a list item or a quote goes on), and says that
 * it continues it, so that the analyzer counts one paragraph.  A heading
 * that long goes on as a paragraph: it opens no second section.
 */
static void continue_block(const md_carry *k, rs__block_in *b)
{
    b->kind = k->kind == RS_BLOCK_HEADING ? RS_BLOCK_PARAGRAPH : k->kind;
    b->level = 0;
    b->depth = k->depth;
    b->hints = (b->hints & RS_HINT_LINK_BLOCK) | k->hints;
    if (k->handed_over) {
        /* as join_held() joins: white space at the cut reads as a space
           (a line break in code); a cut inside a token leaves nothing */
        uint32_t joint = !k->cut_at_blank ? 0
                         : k->leaf == MD_BLOCK_CODE ? RS_HINT_JOINT_LINE
                                                    : RS_HINT_JOINT_SPACE;
        b->hints |= RS_HINT_CONTINUED | joint;
    }
}

/* A block (almost) all of whose text is inside links: a menu, a list of them. */
static bool is_link_block(uint32_t links, uint32_t link_bytes, size_t text_len)
{
    return links && (uint64_t)link_bytes * 10 >= (uint64_t)text_len * 9;
}

/* Adds n bytes of link text to *link_bytes, which stops at its most. */
static void add_link_bytes(uint32_t *link_bytes, size_t n)
{
    uint32_t room = UINT32_MAX - *link_bytes;
    *link_bytes += n < room ? (uint32_t)n : room;
}

static rs_status release_held(md_held *h, const rs__frontend_sink *sink)
{
    if (!h->present)
        return RS_OK;
    h->present = false;
    return sink->block(sink->ud, &h->block);
}

/*
 * The held block goes on in b (w's text): the two texts become one, with a
 * space between them where white space lies between them in the input (a
 * line break in code), and none where the cut split a token.
 */
static rs_status join_held(md_walk *w, const rs__block_in *b)
{
    md_held *h = w->held;
    rs__block_in *held = &h->block;
    char sep = 0;
    size_t sep_src = held->end;
    for (size_t p = held->end; p < b->start; p++) {
        if (held->kind == RS_BLOCK_CODE && w->input[p] == '\n') {
            sep = '\n';
            sep_src = p;
            break;
        }
        if (!sep && blank(w->input[p])) {
            sep = ' ';
            sep_src = p;
        }
    }
    rs_status st = rs__md_text_join(&h->text, sep, sep_src, &w->text);
    if (st != RS_OK)
        return st;
    held->text = rs__md_text_bytes(&h->text);
    held->text_len = h->text.len;
    held->map_text = h->text.map_text;
    held->map_src = h->text.map_src;
    held->map_len = h->text.map_len;
    if (b->end > held->end)
        held->end = b->end;
    add_link_bytes(&held->link_bytes, b->link_bytes);
    held->images += b->images;
    h->links += w->links;
    held->hints &= ~(uint32_t)RS_HINT_LINK_BLOCK;
    if (is_link_block(h->links, held->link_bytes, held->text_len))
        held->hints |= RS_HINT_LINK_BLOCK;
    return RS_OK;
}

/*
 * Whole mode in pieces: b (w's text) is held instead of handed over, and
 * the block held before it is handed over now, unless b goes on with it.
 */
static rs_status hold_block(md_walk *w, const rs__block_in *b, bool joins)
{
    md_held *h = w->held;
    if (joins && h->present && h->block.text_len)
        return join_held(w, b);
    rs_status st = release_held(h, w->sink);
    if (st != RS_OK)
        return st;
    rs__md_text spare = h->text; /* the texts change places: no copy but a view's */
    h->text = w->text;
    w->text = spare;
    st = rs__md_text_own(&h->text);
    if (st != RS_OK)
        return st;
    h->block = *b;
    h->block.text = rs__md_text_bytes(&h->text);
    h->block.hints &= ~(uint32_t)RS_HINT_CONTINUED;
    h->links = w->links;
    h->present = true;
    return RS_OK;
}

/* Hands the text gathered so far to the analyzer as one block. */
static rs_status emit(md_walk *w)
{
    rs__md_text *t = &w->text;
    rs_status st = rs__md_text_finish(t);
    if (st != RS_OK || (t->len == 0 && w->images == 0)) {
        reset_block(w);
        return st;
    }
    /* what the front-end never sets (names, path) stays zero from the start */
    rs__block_in *b = &w->block;
    b->kind = block_kind(w, t->len > 0);
    b->level = b->kind == RS_BLOCK_HEADING ? (int)w->heading_level : 0;
    b->text = rs__md_text_bytes(t);
    b->text_len = t->len;
    b->link_bytes = w->link_bytes;
    b->images = w->images;
    b->depth = (uint16_t)(w->depth < UINT16_MAX ? w->depth : UINT16_MAX);
    bool cell = w->leaf == MD_BLOCK_TD || w->leaf == MD_BLOCK_TH;
    source_span(w, cell, &b->start, &b->end);
    if (rs__md_text_is_input(t, b->start) && t->len == b->end - b->start) {
        /* the text is the block's source itself: the analyzer need not copy it */
        b->map_text = b->map_src = NULL;
        b->map_len = 0;
    } else {
        b->map_text = t->map_text;
        b->map_src = t->map_src;
        b->map_len = t->map_len;
    }
    uint32_t hints = 0;
    if (w->items)
        hints |= RS_HINT_LIST;
    if (w->tables)
        hints |= RS_HINT_TABLE;
    if (b->kind == RS_BLOCK_IMAGE)
        hints |= RS_HINT_FIGURE;
    if (b->kind == RS_BLOCK_CAPTION)
        hints |= RS_HINT_CAPTION | RS_HINT_FIGURE;
    if (is_link_block(w->links, w->link_bytes, t->len))
        hints |= RS_HINT_LINK_BLOCK;
    b->hints = hints;
    bool joins = false;
    if (w->goes_on) {
        const md_carry *k = w->goes_on;
        w->goes_on = NULL;
        if (t->len && b->start <= w->goes_on_until) {
            joins = w->held && k->handed_over;
            if (!joins)
                continue_block(k, b);
        }
    }
    st = w->held ? hold_block(w, b, joins) : w->sink->block(w->sink->ud, b);
    w->after_image_block = b->kind == RS_BLOCK_IMAGE;
    reset_block(w);
    return st;
}

/*
 * Every block boundary flushes, and most find nothing gathered (a list's
 * or a quote's own boundaries, a block's end right after its text went).
 */
static rs_status flush(md_walk *w)
{
    if (w->text.len == 0 && w->images == 0) { /* what emit() does with nothing to hand over */
        reset_block(w);
        return RS_OK;
    }
    return emit(w);
}

/* md4c stops when a callback returns non-zero; the status says why. */
static int stop(md_walk *w, rs_status st)
{
    if (st == RS_OK)
        return 0;
    w->status = st;
    return 1;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    md_walk *w = ud;
    rs_status st = flush(w); /* text before a nested block is its container's own */
    switch (type) {
    case MD_BLOCK_QUOTE:
        w->quotes++;
        w->depth++;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        w->depth++;
        break;
    case MD_BLOCK_LI:
        w->items++;
        break;
    case MD_BLOCK_TABLE:
        w->tables++;
        w->depth++;
        w->table_columns = ((const MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
        break;
    case MD_BLOCK_H:
        w->heading_level = ((const MD_BLOCK_H_DETAIL *)detail)->level;
        w->leaf = (int)type;
        break;
    case MD_BLOCK_CODE:
        w->text.keep_space = true; /* indentation is part of what code says */
        w->leaf = (int)type;
        w->fence_char = ((const MD_BLOCK_CODE_DETAIL *)detail)->fence_char;
        break;
    case MD_BLOCK_HTML:
        if (w->goes_on && w->goes_on->leaf == MD_BLOCK_HTML)
            rs__md_text_html_carry(&w->text, &w->goes_on->html);
        w->leaf = (int)type;
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        w->leaf = (int)type;
        break;
    default:
        break;
    }
    return stop(w, st);
}

static bool is_leaf(MD_BLOCKTYPE type)
{
    return type == MD_BLOCK_H || type == MD_BLOCK_CODE || type == MD_BLOCK_HTML
           || type == MD_BLOCK_P || type == MD_BLOCK_TH || type == MD_BLOCK_TD;
}

/*
 * A piece cut inside a block: notes what each leaf block is as it ends
 * (the last one counts).  Rare: kept out of line; the helpers it
 * shares with emit() are inlined there as before, where every block
 * passes.
 */
static RS_NOINLINE void note_leaf_end(md_walk *w, MD_BLOCKTYPE type)
{
    md_carry *k = w->ended;
    size_t start, end;
    bool cell = type == MD_BLOCK_TD || type == MD_BLOCK_TH;
    source_span(w, cell, &start, &end);
    k->leaf = (int)type;
    k->fence = type == MD_BLOCK_CODE ? w->fence_char : 0;
    k->quotes = w->quotes;
    k->table_columns = w->table_columns;
    k->reach = end;
    rs__md_text_html_carry(&k->html, &w->text);
    k->handed_over = w->text.len || w->images;
    /* md4c reads the byte after a piece: it is there to look at */
    size_t cut = w->doc_start + w->doc_len;
    k->cut_at_blank = blank(w->input[cut]) || (cut > 0 && blank(w->input[cut - 1]));
    if (w->goes_on && w->text.len && start <= w->goes_on_until) {
        /* the block the piece went on with goes on again */
        k->kind = w->goes_on->kind;
        k->depth = w->goes_on->depth;
        k->hints = w->goes_on->hints;
        k->handed_over = true;
        return;
    }
    k->kind = block_kind(w, true);
    k->depth = (uint16_t)(w->depth < UINT16_MAX ? w->depth : UINT16_MAX);
    k->hints = (w->items ? RS_HINT_LIST : 0) | (w->tables ? RS_HINT_TABLE : 0)
               | (k->kind == RS_BLOCK_CAPTION ? RS_HINT_CAPTION | RS_HINT_FIGURE : 0);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    md_walk *w = ud;
    if (w->ended && is_leaf(type))
        note_leaf_end(w, type);
    else if (w->ended && type == MD_BLOCK_LI && w->text.touched)
        note_leaf_end(w, MD_BLOCK_P); /* a tight item's text is a paragraph without the block */
    rs_status st = flush(w);
    switch (type) {
    case MD_BLOCK_QUOTE:
        w->quotes--;
        w->depth--;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_TABLE:
        w->tables -= type == MD_BLOCK_TABLE;
        w->depth--;
        break;
    case MD_BLOCK_LI:
        w->items--;
        break;
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        w->leaf = NO_LEAF;
        break;
    default:
        break;
    }
    return stop(w, st);
}

/*
 * Where an image starts: the first "![" after the last text md4c handed
 * over (what lies before was read already).  Its src attribute is no
 * guide: for a reference image it points at the definition, far away.
 */
static void touch_image(md_walk *w)
{
    const char *p = w->input + w->last_src_end, *end = w->input + w->doc_start + w->doc_len;
    while (p + 1 < end && !(p[0] == '!' && p[1] == '['))
        p++;
    if (p + 1 < end) {
        rs__md_text_touch(&w->text, (size_t)(p - w->input), 2);
        w->last_src_end = (size_t)(p - w->input) + 2;
    }
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)detail;
    md_walk *w = ud;
    switch (type) {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
        w->emphasis_open++;
        break;
    case MD_SPAN_A: /* its href may be a reference definition's, elsewhere */
        w->links_open++;
        w->links++;
        break;
    case MD_SPAN_IMG:
        if (w->images_open++ == 0) { /* an image in alt text is not another image */
            w->images++;
            w->image_before_text = w->image_before_text || w->text.len == 0;
            touch_image(w);
        }
        break;
    default:
        break;
    }
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)detail;
    md_walk *w = ud;
    if (type == MD_SPAN_EM || type == MD_SPAN_STRONG)
        w->emphasis_open--;
    else if (type == MD_SPAN_A)
        w->links_open--;
    else if (type == MD_SPAN_IMG)
        w->images_open--;
    return 0;
}

static bool has_visible(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!blank(s[i]))
            return true;
    return false;
}

static rs_status add_text(md_walk *w, MD_TEXTTYPE type, const char *s, size_t n)
{
    rs__md_text *t = &w->text;
    size_t src;
    bool from_input = in_doc(w, s, n, &src);
    if (!from_input)
        src = w->last_src_end;
    else
        w->last_src_end = src + n;
    if (w->images_open) { /* alt text: what the image shows, not what the text says */
        if (from_input)
            rs__md_text_touch(t, src, n);
        return RS_OK;
    }
    switch (type) {
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
        return from_input ? rs__md_text_copy_input(t, s, n, src)
                          : rs__md_text_insert(t, s, n, src);
    case MD_TEXT_ENTITY:
        return rs__md_text_entity(t, s, n, src);
    case MD_TEXT_NULLCHAR:
        return rs__md_text_codepoint(t, 0xFFFD, src);
    case MD_TEXT_BR:
        rs__md_text_break(t, '\n', src);
        return RS_OK;
    case MD_TEXT_SOFTBR:
        rs__md_text_break(t, ' ', src);
        return RS_OK;
    case MD_TEXT_HTML: {
        unsigned images = 0;
        if (from_input)
            rs__md_text_touch(t, src, n);
        rs_status st = rs__md_text_html(t, s, n, src, &images);
        if (images && t->len == 0)
            w->image_before_text = true;
        w->images += images;
        return st;
    }
    default:
        return RS_OK;
    }
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    md_walk *w = ud;
    size_t before = w->text.len;
    rs_status st = add_text(w, type, s, n);
    size_t added = w->text.len - before;
    if (added && w->links_open)
        add_link_bytes(&w->link_bytes, added);
    if (added && !w->emphasis_open && !w->text_outside_emphasis
        && has_visible(rs__md_text_bytes(&w->text) + before, added))
        w->text_outside_emphasis = true;
    return stop(w, st);
}

static bool www_at(const char *s)
{
    return (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' && (s[2] | 0x20) == 'w' && s[3] == '.';
}

/* Whether doc holds "www." in any case. */
static bool has_www(const char *doc, size_t len)
{
    size_t i = 0; /* where a "www." may start */
#if defined(__SSE2__)
    /*
     * Sixty-four starts at a time: a 'w' (either case) three bytes before
     * a '.' is rare in prose, and only where one is do the starts get a
     * closer look.  The loads reach i + 66, so the loop stops in time.
     */
    const __m128i fold = _mm_set1_epi8(0x20), w = _mm_set1_epi8('w'), dot = _mm_set1_epi8('.');
#define WWW_CANDIDATES(at)                                                                 \
    _mm_and_si128(                                                                         \
        _mm_cmpeq_epi8(_mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(at)), fold), \
                       w),                                                                 \
        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)((at) + 3)), dot))
    while (len - i >= 64 + 3) {
        const char *p = doc + i;
        __m128i hit = _mm_or_si128(_mm_or_si128(WWW_CANDIDATES(p), WWW_CANDIDATES(p + 16)),
                                   _mm_or_si128(WWW_CANDIDATES(p + 32), WWW_CANDIDATES(p + 48)));
        if (_mm_movemask_epi8(hit)) {
            for (size_t k = 0; k < 64; k++)
                if (www_at(p + k))
                    return true;
        }
        i += 64;
    }
#undef WWW_CANDIDATES
#endif
    for (; len - i >= 4; i++)
        if (www_at(doc + i))
            return true;
    return false;
}

/*
 * The bare-URL autolink flags md4c needs for doc.  With a flag on, md4c
 * stops at every '.' (for "www.") or ':' (for "http://", "https://",
 * "ftp://") in the text to look for an autolink: on prose a tenth of its
 * work.  A document with no "www." (whatever its case) has no WWW
 * autolink and one with no "://" no URL autolink, so those flags are left
 * off there; finding out costs less than the stops.  Email autolinks cost
 * md4c next to nothing ('@' is rare), so that flag stays on.
 */
static unsigned autolink_flags(const char *doc, size_t len)
{
    unsigned flags = MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
    const char *end = doc + len;
    for (const char *p = doc; p < end && (p = memchr(p, ':', (size_t)(end - p))) != NULL; p++) {
        if (end - p >= 3 && p[1] == '/' && p[2] == '/') {
            flags |= MD_FLAG_PERMISSIVEURLAUTOLINKS;
            break;
        }
    }
    if (has_www(doc, len))
        flags |= MD_FLAG_PERMISSIVEWWWAUTOLINKS;
    return flags;
}

/* How one piece is read, when a cut inside a block ends or starts it. */
typedef struct md_piece {
    const char *prefix;         /* what md4c reads before the piece */
    size_t prefix_len;
    const md_carry *goes_on;    /* the block its first block goes on with */
    size_t goes_on_until;
    md_carry *ended;            /* the piece ends inside a block: note its leaf blocks here */
} md_piece;

static rs_status parse_markdown(md_state *f, const char *input, size_t body, size_t len,
                                const rs__frontend_sink *sink, const md_piece *piece)
{
    if (len - body > UINT_MAX - 64) /* md4c counts in unsigned int; a prefix is short */
        return RS_ERR_LIMIT;
    md_walk w = {
        .input = input, .doc = input + body, .doc_len = len - body, .doc_start = body,
        .sink = sink, .leaf = NO_LEAF, .last_src_end = body,
        .after_image_block = f->after_image_block,
        .held = f->hold ? &f->held : NULL,
    };
    const char *parse = w.doc;
    size_t parse_len = w.doc_len;
    char *joined = NULL;
    if (piece) {
        w.goes_on = piece->goes_on;
        w.goes_on_until = piece->goes_on_until;
        w.ended = piece->ended;
        if (piece->prefix_len) {
            /* md4c reads one buffer: the prefix, then a copy of the piece
               (bounded), and the byte after it (rs_analyzer_finish()'s line
               break, or the next byte of the input) */
            parse_len = piece->prefix_len + w.doc_len;
            joined = rs__alloc(&f->alloc, parse_len + 1);
            if (!joined)
                return RS_ERR_NOMEM;
            memcpy(joined, piece->prefix, piece->prefix_len);
            memcpy(joined + piece->prefix_len, w.doc, w.doc_len + 1);
            parse = joined;
            w.doc = joined + piece->prefix_len;
        }
    }
    rs__md_text_init(&w.text, &f->alloc);
    const MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS
                 | autolink_flags(w.doc, w.doc_len),
        .enter_block = enter_block, .leave_block = leave_block,
        .enter_span = enter_span, .leave_span = leave_span,
        .text = on_text,
    };
    int rc = f->md4c.parse(parse, (MD_SIZE)parse_len, &parser, &w);
    f->after_image_block = w.after_image_block;
    rs__md_text_release(&w.text);
    rs__free(&f->alloc, joined, joined ? parse_len + 1 : 0);
    if (w.status != RS_OK)
        return w.status;
    return rc == 0 ? RS_OK : RS_ERR_NOMEM; /* md4c fails only when malloc does */
}

static rs_status md_init(void *state, const rs_allocator *alloc, size_t start)
{
    md_state *f = state;
    f->alloc = *alloc;
    f->start = start;
    return rs__md4c_open(&f->md4c);
}

/* Where the document's body starts: past the front matter, read as metadata. */
static rs_status read_front_matter(md_state *f, const char *text, size_t len,
                                   const rs__frontend_sink *sink, size_t *body)
{
    *body = f->start < len ? f->start : len;
    rs__fm_span fm;
    if (rs__frontmatter_find(text, *body, len, &fm)) {
        bool is_front_matter;
        rs_status st = rs__frontmatter_read(&f->alloc, text, &fm, sink, &is_front_matter);
        if (st != RS_OK)
            return st;
        if (is_front_matter)
            *body = fm.body_start;
    }
    return RS_OK;
}

enum { PREFIX_MAX = 512, CONTAINER_MAX = 24, FENCE_MAX = 32, COLUMNS_MAX = 64 };

/* Appends n bytes of s to the prefix, as far as there is room. */
static void prefix_add(char *prefix, size_t *len, const char *s, size_t n)
{
    if (n > PREFIX_MAX - *len)
        n = PREFIX_MAX - *len;
    memcpy(prefix + *len, s, n);
    *len += n;
}

/* The line's white space and '>' markers before the cut, to open code or HTML inside them again. */
static void prefix_container(const md_state *f, const char *text, char *prefix, size_t *len)
{
    const rs__md_inner_cut *c = &f->inner;
    if (!c->mid_line && c->content - c->at <= CONTAINER_MAX)
        prefix_add(prefix, len, text + c->at, c->content - c->at);
}

static void prefix_fence(char *prefix, size_t *len, char fence, size_t run)
{
    for (size_t k = 0; k < run && k < FENCE_MAX; k++)
        prefix_add(prefix, len, &fence, 1);
    prefix_add(prefix, len, "\n", 1);
}

/*
 * The piece after a cut inside a block (f->inner, in f->carry's block):
 * where md4c starts reading, what it reads first so that the block goes
 * on as what it is, and whether the piece's first block goes on with it.
 *  - code or HTML: the line start, after the fence or a tag that opens
 *    the same kind of block again, in the line's markers;
 *  - a paragraph: the line's text (a line with more '>' markers than the
 *    block has quotes opens a new quote), after as many markers as the
 *    block has quotes, so that the lines after it stay in them too;
 *  - indented code goes on if the line is indented 4 columns or more;
 *  - rows of a table go on as rows of a table with an empty header row
 *    (a new cell starts: nothing goes on).
 * A block that did not run to the cut does not go on: the cut was
 * between blocks after all.
 */
static size_t continue_piece(const md_state *f, const char *text, char *prefix, size_t *prefix_len,
                             bool *goes_on)
{
    const rs__md_inner_cut *c = &f->inner;
    const md_carry *k = &f->carry;
    size_t at = c->at;
    *prefix_len = 0;
    *goes_on = false;
    if (c->fence || c->html_open) { /* the scanner saw the block open: it goes on for sure */
        if (k->leaf != (c->fence ? MD_BLOCK_CODE : MD_BLOCK_HTML))
            return at;
        *goes_on = true;
        if (c->fence) {
            for (size_t i = 0; i < c->fence_indent; i++)
                prefix_add(prefix, prefix_len, " ", 1);
            prefix_fence(prefix, prefix_len, c->fence, c->fence_len);
            if (c->fence_pad)
                prefix_add(prefix, prefix_len, "    ", 4);
        } else {
            prefix_add(prefix, prefix_len, c->html_open, strlen(c->html_open));
            prefix_add(prefix, prefix_len, "\n", 1);
        }
        return at;
    }
    if (c->table_row && !((k->leaf == MD_BLOCK_P || k->leaf == MD_BLOCK_HTML) && k->reaches)) {
        /* rows of a table go on as rows: after an empty header (no cell, no
           text); lines like rows in a paragraph (no delimiter row made them
           a table) or in an HTML block go on as its lines, below */
        if ((k->leaf != MD_BLOCK_TD && k->leaf != MD_BLOCK_TH) || !k->table_columns
            || k->table_columns > COLUMNS_MAX)
            return at;
        prefix_container(f, text, prefix, prefix_len);
        size_t container = *prefix_len;
        for (unsigned col = 0; col < k->table_columns; col++)
            prefix_add(prefix, prefix_len, "| ", 2);
        prefix_add(prefix, prefix_len, "|\n", 2);
        prefix_add(prefix, prefix_len, prefix, container);
        for (unsigned col = 0; col < k->table_columns; col++)
            prefix_add(prefix, prefix_len, "|---", 4); /* md4c wants three */
        prefix_add(prefix, prefix_len, "|\n", 2);
        return at;
    }
    if (!k->reaches)
        return at;
    switch (k->leaf) {
    case MD_BLOCK_P:
    case MD_BLOCK_H:
    case MD_BLOCK_TD:
    case MD_BLOCK_TH:
        if (!c->mid_line && (k->leaf != MD_BLOCK_P || c->quotes > k->quotes))
            return at;
        *goes_on = true;
        /* inside quotes, the lines after it go on with their markers, lazy or not */
        for (size_t q = 0; q < k->quotes; q++)
            prefix_add(prefix, prefix_len, "> ", 2);
        if (c->escape_first)
            prefix_add(prefix, prefix_len, "\\", 1);
        return c->content;
    case MD_BLOCK_CODE:
        if (k->fence) { /* fenced inside a list or a quote, which the scanner does not follow */
            *goes_on = true;
            prefix_container(f, text, prefix, prefix_len);
            prefix_fence(prefix, prefix_len, k->fence, 3);
            return at;
        }
        if (c->mid_line) {
            *goes_on = true;
            prefix_add(prefix, prefix_len, "    ", 4);
            return at;
        }
        *goes_on = c->quotes == 0 && c->indent >= 4;
        return at;
    case MD_BLOCK_HTML:
        *goes_on = true;
        prefix_container(f, text, prefix, prefix_len);
        prefix_add(prefix, prefix_len, "<div>\n", 6); /* opens a block that a blank line ends */
        return at;
    default:
        return at;
    }
}

/*
 * Parses text[from, to) as a piece.  If the last piece was cut inside a
 * block, this one goes on with it; if `ends_inside`, this one is.
 */
static rs_status parse_piece(md_state *f, const char *text, size_t from, size_t to,
                             const rs__md_inner_cut *ends_inside, const rs__frontend_sink *sink)
{
    char prefix[PREFIX_MAX];
    md_carry ended = {.leaf = NO_LEAF};
    md_piece piece = {.prefix = prefix};
    if (f->cut_inside && f->inner.at == from) {
        bool goes_on;
        size_t start = continue_piece(f, text, prefix, &piece.prefix_len, &goes_on);
        from = start < to ? start : to;
        if (goes_on) {
            piece.goes_on = &f->carry;
            const char *nl = memchr(text + from, '\n', to - from);
            piece.goes_on_until = nl ? (size_t)(nl - text) : to;
        }
    }
    if (f->hold && !piece.goes_on) {
        rs_status st = release_held(&f->held, sink);
        if (st != RS_OK)
            return st;
    }
    if (ends_inside)
        piece.ended = &ended;
    rs_status st = parse_markdown(f, text, from, to, sink, &piece);
    f->cut_inside = false;
    if (st != RS_OK || !ends_inside)
        return st;
    size_t end = to;
    while (end > from && blank(text[end - 1]))
        end--;
    ended.reaches = ended.leaf != NO_LEAF && ended.reach == end;
    f->carry = ended;
    f->inner = *ends_inside;
    f->cut_inside = true;
    return RS_OK;
}

/*
 * Where blank lines of INNER_PIECE_BYTES or more end the input after a
 * whole line: a piece may end there, before them, as between two blocks
 * (a block that the lines after them go on with, a list item with an
 * indented paragraph, is cut in two as at any cut).  The bytes from
 * `parsed` are looked at once, however often this is asked.  Else no
 * place to cut comes before the blank lines' end, and a cut inside would
 * split the last block: "# Title" and megabytes of blank lines read as
 * "Titl" and "e".
 */
static bool blank_lines_after(md_state *f, const char *text, size_t len, size_t *at)
{
    size_t p = f->tail_scan;
    if (p <= f->parsed) {
        p = f->solid_end = f->parsed;
        f->first_eol = SIZE_MAX;
        f->blank_line_after = false;
    }
    for (; p < len; p++) {
        char ch = text[p];
        if (!blank(ch)) {
            f->solid_end = p + 1;
            f->first_eol = SIZE_MAX;
            f->blank_line_after = false;
        } else if (ch == '\n' || ch == '\r') {
            if (f->first_eol == SIZE_MAX)
                f->first_eol = p;
            else if (!(ch == '\n' && p > 0 && text[p - 1] == '\r')) /* "\r\n": one line end */
                f->blank_line_after = true;
        }
    }
    f->tail_scan = len;
    if (!f->blank_line_after || f->cut.fence || f->cut.html_end
        || len - f->first_eol < INNER_PIECE_BYTES)
        return false;
    *at = f->first_eol + 1;
    return *at > f->parsed;
}

/* The bytes that md4c 0.4.8 may read as marks (md_collect_marks()), with
   the flags parse_markdown() gives it. */
static bool md4c_mark(unsigned char c)
{
    switch (c) {
    case '\\': case '*': case '_': case '~': case '`': case '<': case '>': case '&':
    case '[': case ']': case '!': case '|': case ':': case '@': case '.':
        return true;
    default:
        return false;
    }
}

/* The most a piece from `from` may hold, before `until`: INNER_PIECE_BYTES,
   and INNER_PIECE_MAX_LINES lines. */
static size_t inner_piece_most(const char *text, size_t from, size_t until)
{
    size_t most = until - from < INNER_PIECE_BYTES ? until : from + INNER_PIECE_BYTES;
    const char *p = text + from;
    for (size_t lines = 0; lines < INNER_PIECE_MAX_LINES; lines++) {
        p = memchr(p, '\n', (size_t)(text + most - p));
        if (!p)
            return most;
        p++;
    }
    return (size_t)(p - text);
}

/*
 * Where a piece from `from` ends at most: after INNER_PIECE_MARKS marks,
 * or at what inner_piece_most() allows before `until` (*most, which the
 * search for a cut takes as well); or after INNER_PIECE_LINES lines where
 * its lines and labels would cost md4c RS__MD_LABEL_WORK.  That is read from the
 * bytes up to INNER_PIECE_BYTES, once: the pieces cut in them (up to
 * f->dense_to) take INNER_PIECE_LINES lines each.
 */
static size_t inner_piece_end(md_state *f, const char *text, size_t from, size_t until,
                              size_t *most_out)
{
    size_t most = inner_piece_most(text, from, until);
    *most_out = most;
    bool dense = from < f->dense_to;
    size_t lines = 0, labels = 0, marks = 0, lines_end = 0;
    for (size_t p = from; p < most; p++) {
        unsigned char c = (unsigned char)text[p];
        if (c == '\n' && ++lines == INNER_PIECE_LINES) {
            lines_end = p + 1;
            if (dense)
                return lines_end;
        }
        if (md4c_mark(c) && ++marks == INNER_PIECE_MARKS) {
            most = p;
            break;
        }
        labels += rs__md_label_end(text, p, most);
    }
    if (!dense && lines_end && lines_end < most && (uint64_t)lines * labels >= RS__MD_LABEL_WORK) {
        f->dense_to = most;
        return lines_end;
    }
    return most;
}

/*
 * A place to cut inside the block at `from` (len: the input read): within
 * `to`, else within `most` (inner_piece_end()).  Short of `most`, a cut
 * inside a line is taken only in a line of text: in a list item's or a
 * break's line, it would make a paragraph of the marks before it, and each
 * piece after would go on with that.
 */
static bool inner_cut_find(const md_state *f, const char *text, size_t from, size_t to,
                           size_t most, size_t len, rs__md_inner_cut *inner)
{
    if (to < most) {
        bool from_in_line = from > 0 ? text[from - 1] != '\n' : f->parsed_in_line;
        if (rs__md_inner_cut_find(&f->cut, text, from, to, len, inner) && inner->at > from
            && (!inner->mid_line
                || rs__md_cut_in_text_line(text, from, from_in_line, inner->at, len)))
            return true;
    }
    return rs__md_inner_cut_find(&f->cut, text, from, most, len, inner) && inner->at > from;
}

/*
 * Whether `from` lies in the pending paragraph of dense labels
 * (markdown_cut.h), from the last cut before it to the first cut after it.
 */
static bool in_dense_run(const md_state *f, size_t from)
{
    const rs__md_cut *c = &f->cut;
    return c->dense && from >= c->dense_from && (!c->dense_end_known || from < c->dense_end);
}

/*
 * Cuts inside a block that no blank line ends: once INNER_WAIT_BYTES wait
 * unparsed with no other place to cut, and while the block goes on, at
 * inner_piece_end() (the end of the input too, where a document not cut
 * inside is parsed whole, as without streaming).  The pieces end before
 * `until`: the input read (len), or at its end where the block ends.
 */
static rs_status cut_inside_blocks(md_state *f, const char *text, size_t until, size_t len,
                                   bool at_end, const rs__frontend_sink *sink)
{
    for (;;) {
        size_t from = f->parsed;
        /* a paragraph of dense labels is cut as soon as it is found */
        bool dense = in_dense_run(f, from);
        size_t wait = dense            ? 0
                      : !f->cut_inside ? INNER_WAIT_BYTES
                      : at_end         ? INNER_PIECE_BYTES
                                       : 2 * INNER_PIECE_BYTES;
        rs__md_inner_cut inner;
        /* at the end, a last piece that inner_piece_end() cuts short is cut
           too (read only then: before, most calls return here) */
        size_t most = 0;
        size_t to = (at_end && f->cut_inside) || dense
                        ? inner_piece_end(f, text, from, until, &most)
                        : SIZE_MAX;
        bool cut_short = to < until;
        if ((until - from < wait && !cut_short) || (!at_end && len < f->inner_retry)
            || (dense && !cut_short))
            return RS_OK;
        size_t blanks;
        if (until == len && blank_lines_after(f, text, len, &blanks)) {
            rs__md_cut_resume(&f->cut, blanks);
            f->parsed = blanks;
            rs_status st = parse_piece(f, text, from, blanks, NULL, sink);
            if (st != RS_OK)
                return st;
            continue;
        }
        if (to == SIZE_MAX)
            to = inner_piece_end(f, text, from, until, &most);
        if (!inner_cut_find(f, text, from, to, most, len, &inner)) {
            f->inner_retry = len + INNER_RETRY_BYTES;
            return RS_OK;
        }
        rs__md_cut_resume(&f->cut, inner.at);
        f->parsed = inner.at;
        rs_status st = parse_piece(f, text, from, inner.at, &inner, sink);
        if (st != RS_OK)
            return st;
    }
}

/*
 * The pending paragraph of dense labels (markdown_cut.h), which md4c would
 * take its lines times its labels to read: the blocks before it as a piece,
 * then pieces of INNER_PIECE_LINES lines cut inside it, the last of them
 * up to the first cut after it, once the input holds that.  Returns with
 * f->cut.dense still set while it waits for more input.
 */
static rs_status pieces_around_dense(md_state *f, const char *text, size_t len, bool at_end,
                                     const rs__frontend_sink *sink)
{
    while (f->cut.dense) {
        size_t from = f->parsed;
        if (f->cut.dense_end_known && from >= f->cut.dense_end) {
            rs__md_cut_dense_done(&f->cut);
            rs__md_cut_scan(&f->cut, text, len);
            continue;
        }
        rs_status st;
        if (from < f->cut.dense_from) {
            f->parsed = f->cut.dense_from;
            st = parse_piece(f, text, from, f->parsed, NULL, sink);
            if (st != RS_OK)
                return st;
            continue;
        }
        size_t until = f->cut.dense_end_known ? f->cut.dense_end : len;
        st = cut_inside_blocks(f, text, until, len, at_end, sink);
        if (st != RS_OK)
            return st;
        if (!f->cut.dense_end_known && !at_end)
            return RS_OK; /* the paragraph goes on past the input read */
        bool ends_input = !f->cut.dense_end_known;
        from = f->parsed;
        f->parsed = until;
        rs__md_cut_resume(&f->cut, until);
        st = parse_piece(f, text, from, until, NULL, sink);
        if (st != RS_OK)
            return st;
        if (ends_input)
            rs__md_cut_dense_done(&f->cut);
    }
    return RS_OK;
}

/*
 * What of a run of white space between blocks is kept (its last bytes):
 * as many blank lines, or as deep an indent, as md4c needs to see.
 */
enum { WHITE_KEEP = 4096 };

/*
 * White space of megabytes between blocks (a million blank lines, or one
 * line of tabs so far) holds no block to parse and no line to cut before:
 * all of it but its last WHITE_KEEP bytes is passed over as if parsed.
 * Between blocks: after a cut between them, outside a fence or an HTML
 * block that runs to an end marker.
 */
static void pass_white_space(md_state *f, const char *text, size_t len)
{
    if (f->cut_inside || f->cut.fence || f->cut.html_end)
        return;
    size_t p = f->white_to > f->parsed ? f->white_to : f->parsed;
    while (p < len && blank(text[p]))
        p++;
    f->white_to = p;
    if (p < len || len - f->parsed < INNER_WAIT_BYTES)
        return; /* something else came, which the cuts are for; or not much */
    f->parsed = len - WHITE_KEEP;
    rs__md_cut_resume(&f->cut, f->parsed);
}

/* Pieces start at the body, past the front matter (read as metadata). */
static rs_status start_pieces(md_state *f, const char *text, size_t len,
                              const rs__frontend_sink *sink)
{
    size_t body;
    rs_status st = read_front_matter(f, text, len, sink, &body);
    if (st != RS_OK)
        return st;
    f->body_known = true;
    f->parsed = f->cut.scan = f->cut.normal_since = body;
    return RS_OK;
}

/*
 * Streaming: once PIECE_BYTES wait unparsed, everything up to the last
 * place to cut is parsed as a piece.  The front matter is read first (it
 * is short: the first piece holds it whole).  A block that no such place
 * ends within INNER_WAIT_BYTES is cut inside (markdown_cut.h).
 */
static rs_status feed_pieces(md_state *f, const char *text, size_t len,
                             const rs__frontend_sink *sink)
{
    if (len - f->parsed < PIECE_BYTES)
        return RS_OK;
    if (!f->body_known) {
        rs_status st = start_pieces(f, text, len, sink);
        if (st != RS_OK)
            return st;
    }
    pass_white_space(f, text, len);
    rs__md_cut_scan(&f->cut, text, len);
    if (f->cut.dense) {
        rs_status st = pieces_around_dense(f, text, len, false, sink);
        if (st != RS_OK || f->cut.dense)
            return st;
    }
    size_t from = f->parsed;
    if (f->cut.last_cut > from) {
        f->parsed = f->cut.last_cut;
        return parse_piece(f, text, from, f->parsed, NULL, sink);
    }
    return cut_inside_blocks(f, text, len, len, false, sink);
}

static uint64_t count_byte(const char *s, size_t n, char c)
{
    uint64_t count = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, c, (size_t)(end - p))) != NULL; p++)
        count++;
    return count;
}

/*
 * Whether a paragraph of text[from, len) may cost md4c RS__MD_DENSE_WORK
 * (markdown_cut.h), before the cut scanner is asked: not if no stretch
 * between two empty lines ("\n\n"; a blank line with spaces or '\r' is
 * not looked for, which only joins stretches) has lines times labels
 * that many.  Counting bytes tells so for nearly every document at a
 * twentieth of the scanner's cost.
 */
static bool labels_may_be_dense(const char *text, size_t from, size_t len)
{
    const char *p = text + from, *end = text + len;
    /* (a line holds a byte at least) */
    if (count_byte(p, len - from, ']') * (len - from + 1) < RS__MD_DENSE_WORK)
        return false;
    for (;;) {
        const char *stop = p;
        while ((stop = memchr(stop, '\n', (size_t)(end - stop))) != NULL && stop + 1 < end
               && stop[1] != '\n')
            stop++;
        bool last = !stop || stop + 1 >= end;
        size_t n = last ? (size_t)(end - p) : (size_t)(stop - p);
        uint64_t brackets = count_byte(p, n, ']');
        if (brackets * (n + 1) >= RS__MD_DENSE_WORK
            && brackets * (count_byte(p, n, '\n') + 1) >= RS__MD_DENSE_WORK)
            return true;
        if (last)
            return false;
        p = stop + 2;
    }
}

/*
 * Without RS_OPT_STREAM the document is parsed whole, but for a paragraph
 * of dense labels, which md4c 0.4.8 would take its lines times its labels
 * to read (1 MB of "[a] b" lines: 5.5 s, and it grows as their square;
 * markdown_cut.h says which paragraphs):
 * such a document is parsed in pieces around it as streaming parses it,
 * and the blocks cut inside are joined again (md_held).  So the report is
 * a whole parse's, but for what pieces change (markdown_cut.h: a link
 * reference definition serves only its own piece; an emphasis or a link
 * open across a cut inside is text on both sides).
 */
static rs_status pieces_if_dense(md_state *f, const char *text, size_t len,
                                 const rs__frontend_sink *sink)
{
    if (!labels_may_be_dense(text, f->start < len ? f->start : len, len))
        return RS_OK;
    rs_status st = start_pieces(f, text, len, sink);
    if (st != RS_OK)
        return st;
    rs__md_cut_scan(&f->cut, text, len);
    if (!f->cut.dense)
        return RS_OK; /* parsed whole from `parsed` on */
    f->hold = true;
    rs__md_text_init(&f->held.text, &f->alloc);
    return pieces_around_dense(f, text, len, true, sink);
}

static rs_status md_feed(void *state, const char *text, size_t from, size_t len, bool at_end,
                         const rs__frontend_sink *sink)
{
    (void)from;
    md_state *f = state;
    if (f->done)
        return RS_OK;
    if (!at_end) {
        if (!f->pieces)
            return RS_OK;
        rs_status st = feed_pieces(f, text, len, sink);
        if (f->parsed > 0)
            f->parsed_in_line = text[f->parsed - 1] != '\n';
        return st;
    }
    f->done = true;
    if (!f->pieces) {
        rs_status st = pieces_if_dense(f, text, len, sink);
        if (st != RS_OK)
            return st;
    } else if (f->body_known) {
        rs__md_cut_scan(&f->cut, text, len);
        rs_status st = pieces_around_dense(f, text, len, true, sink);
        if (st != RS_OK)
            return st;
    }
    if (f->cut_inside) { /* the rest of a long block, in pieces as well, up to where it ends */
        rs__md_cut_scan(&f->cut, text, len);
        size_t ends = f->cut.last_cut > f->parsed ? f->cut.last_cut : len;
        rs_status st = cut_inside_blocks(f, text, ends, len, true, sink);
        if (st == RS_OK && ends < len && ends > f->parsed) {
            size_t from = f->parsed;
            st = parse_piece(f, text, from, f->parsed = ends, NULL, sink);
        }
        if (st != RS_OK)
            return st;
    }
    size_t body = f->parsed;
    if (!f->body_known) {
        rs_status st = read_front_matter(f, text, len, sink, &body);
        if (st != RS_OK)
            return st;
    }
    rs_status st = parse_piece(f, text, body, len, NULL, sink);
    if (st == RS_OK && f->hold)
        st = release_held(&f->held, sink);
    return st;
}

static bool md_stream(void *state)
{
    md_state *f = state;
    f->pieces = true;
    f->parsed = f->start;
    return true;
}

static size_t md_keep_from(const void *state)
{
    const md_state *f = state;
    return f->parsed;
}

static size_t rebased(size_t offset, size_t delta)
{
    return offset > delta ? offset - delta : 0;
}

static void md_rebase(void *state, size_t delta)
{
    md_state *f = state;
    f->start = rebased(f->start, delta); /* the body starts there while it is not known */
    f->parsed -= delta;
    f->cut.scan -= delta;
    f->cut.last_cut = rebased(f->cut.last_cut, delta);
    f->cut.normal_since = rebased(f->cut.normal_since, delta);
    f->cut.refs_from = rebased(f->cut.refs_from, delta);
    f->cut.refs_last = rebased(f->cut.refs_last, delta);
    f->cut.refs_end = rebased(f->cut.refs_end, delta);
    f->cut.dense_from = rebased(f->cut.dense_from, delta);
    f->cut.dense_end = rebased(f->cut.dense_end, delta);
    f->cut.block_body = rebased(f->cut.block_body, delta);
    f->cut.closed.body = rebased(f->cut.closed.body, delta);
    f->cut.closed.end = rebased(f->cut.closed.end, delta);
    if (f->cut_inside) { /* the piece cut there is next: nothing before it is dropped */
        f->inner.at -= delta;
        f->inner.content -= delta;
    }
    f->carry.reach = rebased(f->carry.reach, delta);
    f->inner_retry = rebased(f->inner_retry, delta);
    f->dense_to = rebased(f->dense_to, delta);
    f->white_to = rebased(f->white_to, delta);
    f->tail_scan = rebased(f->tail_scan, delta);
    f->solid_end = rebased(f->solid_end, delta);
    if (f->first_eol != SIZE_MAX)
        f->first_eol = rebased(f->first_eol, delta);
    f->carry.html.lt_src = rebased(f->carry.html.lt_src, delta);
}

static void md_release(void *state)
{
    /* a parse frees what it took before it returns: only the library and
       a held block's text are held */
    md_state *f = state;
    if (f->hold)
        rs__md_text_release(&f->held.text);
    rs__md4c_close(&f->md4c);
}

const rs__frontend_ops rs__markdown_ops = {
    sizeof(md_state), md_init, md_feed, md_release,
    md_stream, md_keep_from, md_rebase, NULL, NULL, NULL,
};
