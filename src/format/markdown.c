/*
 * The Markdown front-end: CommonMark plus GitHub's tables, strikethrough,
 * task lists and bare-URL autolinks, parsed by md4c, after the front matter
 * (format/frontmatter.c).
 *
 * md4c parses a whole document in one call (md_parse has no push mode), and
 * a Markdown line can change the meaning of lines far above it (a link
 * reference definition at the end; a setext underline), so the front-end
 * waits for the end of the input and then parses it at once.  The analyzer
 * keeps the input anyway, so waiting costs no extra copy, and the report is
 * the same however the input was chunked.  With RS_OPT_STREAM the analyzer
 * keeps only what is not parsed yet, so a long document is parsed in
 * pieces, cut where no block can go on (format/markdown_cut.h).
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
#include "format/md4c_lib.h"
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "format/frontend.h"
#include "format/frontmatter.h"
#include "format/markdown_cut.h"
#include "format/markdown_text.h"

enum { NO_LEAF = -1 };

typedef struct md_state {
    rs_allocator alloc;
    rs__md4c md4c;      /* opened by md_init, closed by md_release */
    size_t start;       /* past a byte order mark */
    bool done;
    /* RS_OPT_STREAM: the document is parsed in pieces (format/markdown_cut.h) */
    bool pieces;
    bool body_known;    /* the front matter, if any, is read */
    size_t parsed;      /* where the next piece starts */
    rs__md_cut cut;
    bool after_image_block; /* the last block of the last piece was only images */
} md_state;

/*
 * Pieces are this long at least, so that a document that fits in one
 * window of the analyzer (256 KiB of input) is parsed whole, as without
 * streaming.
 */
enum { PIECE_BYTES = 256 * 1024 };

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
static void source_span(const md_walk *w, bool cell, size_t *start, size_t *end)
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
        size_t line = lo;
        while (line > first && in[line - 1] != '\n')
            line--;
        while (line < lo && blank(in[line]))
            line++;
        lo = line;
        size_t e = hi;
        while (e < limit && in[e] != '\n')
            e++;
        while (e > hi && blank(in[e - 1]))
            e--;
        hi = e;
    }
    *start = lo;
    *end = hi;
}

static rs_block_kind block_kind(const md_walk *w, bool has_text)
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
    if (w->links && (uint64_t)w->link_bytes * 10 >= (uint64_t)t->len * 9)
        hints |= RS_HINT_LINK_BLOCK;
    b->hints = hints;
    st = w->sink->block(w->sink->ud, b);
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
        break;
    case MD_BLOCK_H:
        w->heading_level = ((const MD_BLOCK_H_DETAIL *)detail)->level;
        w->leaf = (int)type;
        break;
    case MD_BLOCK_CODE:
        w->text.keep_space = true; /* indentation is part of what code says */
        w->leaf = (int)type;
        break;
    case MD_BLOCK_HTML:
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

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    md_walk *w = ud;
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
    const char *p = w->input + w->last_src_end, *end = w->doc + w->doc_len;
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
    if (added && w->links_open) {
        uint32_t room = UINT32_MAX - w->link_bytes;
        w->link_bytes += added < room ? (uint32_t)added : room;
    }
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

static rs_status parse_markdown(md_state *f, const char *input, size_t body, size_t len,
                                const rs__frontend_sink *sink)
{
    if (len - body > UINT_MAX) /* md4c counts in unsigned int */
        return RS_ERR_LIMIT;
    md_walk w = {
        .input = input, .doc = input + body, .doc_len = len - body, .doc_start = body,
        .sink = sink, .leaf = NO_LEAF, .last_src_end = body,
        .after_image_block = f->after_image_block,
    };
    rs__md_text_init(&w.text, &f->alloc);
    const MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS
                 | autolink_flags(w.doc, w.doc_len),
        .enter_block = enter_block, .leave_block = leave_block,
        .enter_span = enter_span, .leave_span = leave_span,
        .text = on_text,
    };
    int rc = f->md4c.parse(w.doc, (MD_SIZE)w.doc_len, &parser, &w);
    f->after_image_block = w.after_image_block;
    rs__md_text_release(&w.text);
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

/*
 * Streaming: once PIECE_BYTES wait unparsed, everything up to the last
 * place to cut is parsed as a piece.  The front matter is read first (it
 * is short: the first piece holds it whole).
 */
static rs_status feed_pieces(md_state *f, const char *text, size_t len,
                             const rs__frontend_sink *sink)
{
    if (len - f->parsed < PIECE_BYTES)
        return RS_OK;
    if (!f->body_known) {
        size_t body;
        rs_status st = read_front_matter(f, text, len, sink, &body);
        if (st != RS_OK)
            return st;
        f->body_known = true;
        f->parsed = f->cut.scan = body;
    }
    rs__md_cut_scan(&f->cut, text, len);
    if (f->cut.last_cut <= f->parsed)
        return RS_OK;
    size_t from = f->parsed;
    f->parsed = f->cut.last_cut;
    return parse_markdown(f, text, from, f->parsed, sink);
}

static rs_status md_feed(void *state, const char *text, size_t from, size_t len, bool at_end,
                         const rs__frontend_sink *sink)
{
    (void)from;
    md_state *f = state;
    if (f->done)
        return RS_OK;
    if (!at_end)
        return f->pieces ? feed_pieces(f, text, len, sink) : RS_OK;
    f->done = true;
    size_t body = f->parsed;
    if (!f->body_known) {
        rs_status st = read_front_matter(f, text, len, sink, &body);
        if (st != RS_OK)
            return st;
    }
    return parse_markdown(f, text, body, len, sink);
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

static void md_rebase(void *state, size_t delta)
{
    md_state *f = state;
    f->parsed -= delta;
    f->cut.scan -= delta;
    f->cut.last_cut = f->cut.last_cut > delta ? f->cut.last_cut - delta : 0;
}

static void md_release(void *state)
{
    /* a parse frees what it took before it returns: only the library is held */
    rs__md4c_close(&((md_state *)state)->md4c);
}

const rs__frontend_ops rs__markdown_ops = {
    sizeof(md_state), md_init, md_feed, md_release,
    md_stream, md_keep_from, md_rebase, NULL, NULL, NULL,
};
