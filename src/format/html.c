/*
 * The HTML front-end: libxml2's HTML parser in push mode with SAX
 * callbacks, so no DOM is ever built.  We keep a stack of the open
 * elements, with what each says about its content (tag, class/id weight,
 * hidden, inside nav/footer/aside...), and gather the text of the
 * innermost block-level element into a block, which goes to the analyzer
 * as soon as that element ends or another block-level element starts.
 * Each block carries its chain of enclosing elements so that the role
 * classifier (doc/roles_html.c) can score containers the way readability
 * does, without a tree.
 *
 * libxml2 in recover mode copes with broken markup: it closes what is left
 * open, drops stray end tags and always hands us balanced start/end
 * events.  Errors go nowhere: NOERROR/NOWARNING, plus a context-local
 * structured handler, so libxml2's process-wide error hooks are never
 * used.  The document's own charset claims are ignored (IGNORE_ENC): the
 * analyzer reads UTF-8, and byte offsets must stay those of the input.
 * For the same reason, bytes that are not UTF-8 reach libxml2 as '?',
 * which keeps every offset exact (libxml2 would otherwise switch the rest
 * of the page to Latin-1).
 *
 * RS_OPT_STREAM: the analyzer drops the input that we will not read again
 * (keep_from/rebase), a block whose text grows too long goes out in pieces,
 * elements nested too deep keep no entry of their own, and the metadata is
 * handed over early if the first window of blocks closes before the end.
 */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "format/frontend.h"
#include "format/html_meta.h"
#include "core/ascii.h"
#include "format/html_tags.h"
#include "format/libxml.h"
#include "text/charclass.h"
#include "text/utf8.h"

enum {
    PATH_MAX_ELEMS = 40,      /* enclosing elements kept per block: plenty for scoring */
    NAMES_LEVELS = 4,         /* class/id words from this many enclosing levels */
    TITLE_CAP = 4096,         /* bytes of <title> kept */
    JSONLD_CAP = 1 << 20,     /* bytes of one JSON-LD script read */
    BYLINE_CAP = 200,         /* a byline longer than this is not one */
    /*
     * libxml2's push parser reads some broken markup differently when a
     * chunk ends inside it, so the input goes to it in windows cut at fixed
     * offsets (then moved back off a split UTF-8 sequence), never where the
     * caller's chunks happen to end: the report must not depend on those.
     */
    PARSE_WINDOW = 1 << 16,
    /*
     * RS_OPT_STREAM: the input kept behind the parser for offsets that
     * point back into it (the start of an open block, the last event) is at
     * most this much; an offset further back is moved up to what is kept.
     */
    KEEP_BACK = 1 << 20,
    /*
     * RS_OPT_STREAM: a block whose text grows past PIECE_BYTES is handed
     * over in pieces, cut within its last PIECE_TAIL bytes, whose figures
     * add up to the block's.  A piece of text that is a token a byte
     * ("&amp;" over and over) takes 32 bytes a byte in tokens: at 256 KiB
     * the analysis held 19 MiB.
     */
    PIECE_BYTES = 128 * 1024,
    /*
     * RS_OPT_STREAM: elements nested deeper than this keep no entry of
     * their own (browsers stop nesting at 512): their text belongs to the
     * deepest element kept, and only what they do to the text (hide it,
     * keep its spaces, start a block) is remembered, a byte each.
     */
    DEPTH_MAX = 4096,
    /*
     * RS_OPT_STREAM: the most elements past DEPTH_MAX held open.  Past it,
     * the outer half of them are forgotten (forget_deep()), by libxml2
     * too, whose name stack would otherwise grow 8 bytes a level: 16 MiB of
     * "<div>" held 52 MiB.
     */
    DEEP_MAX = 1 << 16,
    PIECE_TAIL = 16 * 1024,
    /* libxml2 holds character data back until the next '<'; past this much, it is given one */
    HELD_TEXT_MAX = 256 * 1024
};

/* The longest entity name looked back for when cutting near one (ends_in_entity()). */
enum { ENTITY_NAME_MAX = 40 };

/* An empty comment: it ends libxml2's wait for a '<' and is reported to no callback. */
static const char NUDGE[] = "<!---->";
/*
 * In a script or style, libxml2 waits for "</"; in recover mode (ours) an
 * end tag that is not the element's own is part of the body, which no
 * callback reads but a JSON-LD capture.
 */
static const char RAW_TEXT_NUDGE[] = "</_>";
enum { NUDGE_LEN = sizeof NUDGE - 1, RAW_TEXT_NUDGE_LEN = sizeof RAW_TEXT_NUDGE - 1 };

enum { CAPTURE_NONE, CAPTURE_TITLE, CAPTURE_JSONLD };

enum { DEEP_SKIP = 1, DEEP_PRE = 2, DEEP_PICTURE = 4, DEEP_BLOCK = 8 };

typedef struct open_elem {
    rs__ancestor a;
    uint32_t hints;      /* RS_HINT_* from this element and its ancestors */
    size_t owner;        /* stack index of the innermost block-level element */
    size_t names_mark;   /* names_len before this element's words */
    size_t start;        /* input offset of its start tag */
    uint8_t flow;
    bool link;           /* inside <a> */
    bool capture;        /* its text is being captured */
} open_elem;

typedef struct byte_buf {
    char *p;
    size_t len, cap;
} byte_buf;

/*
 * Where a byte of a start tag leaves its reading, as HTML reads a tag (and
 * libxml2's attribute parser with it): a quote opens a value only where a
 * value starts, after '=', and is a byte like any other in a name or an
 * unquoted value.  TAG_END: the byte is the tag's '>'.
 */
typedef enum {
    TAG_NAME,
    TAG_BEFORE_ATTRIBUTE,
    TAG_ATTRIBUTE_NAME,
    TAG_AFTER_ATTRIBUTE_NAME,
    TAG_BEFORE_VALUE,
    TAG_QUOTED_VALUE,
    TAG_UNQUOTED_VALUE,
    TAG_END
} tag_state;

typedef struct html_frontend {
    rs_allocator alloc;
    rs__libxml xml;
    htmlParserCtxtPtr ctxt;
    rs_status status;          /* the first failure inside a callback */
    size_t base;               /* input offset of the first byte libxml2 saw */
    size_t parsed;             /* input offset of the next byte to hand to libxml2 */
    size_t next_cut;           /* where the next window ends, before the UTF-8 adjustment */
    const char *text;          /* the input, valid during feed() */
    size_t text_len;
    const rs__frontend_sink *sink;
    byte_buf scratch;          /* the mended chunk, when the input is not valid UTF-8 */

    open_elem *stack;
    size_t depth, stack_cap;
    byte_buf names;
    uint32_t next_id;
    size_t skip;               /* open elements whose text is not shown */
    size_t pre;                /* open pre elements */
    size_t picture;            /* open picture elements */
    size_t last_pos;           /* input offset after the previous parser event */

    /* the block being gathered */
    byte_buf buf;
    size_t *map_text, *map_src;
    size_t map_len, map_text_cap, map_src_cap;
    size_t block_owner;        /* stack index of its element; SIZE_MAX: none yet */
    uint8_t block_tag;         /* its element's tag, if nested past DEPTH_MAX; else 0 */
    size_t block_start, block_end;
    uint32_t link_bytes, images;
    bool space;                /* white space is pending before the next character */
    bool hash_links;           /* some link text points inside the page */

    /* stack[k].a for every k, side by side, so that a block's path is a slice of it */
    rs__ancestor *ancestors;
    size_t ancestors_cap;

    int capture;
    byte_buf captured;
    size_t byline_at;          /* stack index of the byline element being read, or SIZE_MAX */
    byte_buf byline;
    rs__html_meta meta;
    bool meta_sent;            /* RS_OPT_STREAM: handed over before the input ended */
    bool streaming;            /* RS_OPT_STREAM: the analyzer drops what was read */
    bool continued;            /* the block goes on from a piece handed over */
    char joint;                /* and the white space between them (0: none) */
    size_t xml_fed;            /* bytes handed to libxml2, nudges included */
    size_t nudge_at;           /* where libxml2 reads a nudge not yet passed; SIZE_MAX: none */
    size_t nudge_len;          /* and its length */
    /* RS_OPT_STREAM: inside a comment, an attribute value, a start tag or
       other markup (markup_too_long()) of more than HELD_TEXT_MAX bytes,
       whose rest is not handed to libxml2 (skip_held) */
    enum { SKIP_NONE, SKIP_COMMENT, SKIP_VALUE, SKIP_TAG, SKIP_MARKUP } skipping;
    unsigned comment_dashes;   /* the dashes just before, as ends_comment() reads them */
    tag_state tag_at;          /* where in the tag being skipped the stream is */
    bool tag_skipped;          /* a tag's skip has ended: libxml2 is to search it again */
    char tag_quote;            /* the quote of its value, when in a quoted one */
    bool doctype_open;         /* a DOCTYPE whose quotes go as blanks goes on (sanitise()) */
    size_t skipped;            /* input bytes not handed over so far */
    /* the open elements past DEPTH_MAX, innermost last: DEEP_*, and in the
       high byte the tag of the innermost block-level one among them (0: none) */
    uint16_t *deep;
    size_t ndeep, deep_cap;
} html_frontend;

#define NO_OWNER ((size_t)-1)

static rs_status buf_append(const rs_allocator *a, byte_buf *b, const char *s, size_t n)
{
    rs_status st = rs__reserve(a, (void **)&b->p, &b->cap, b->len + n + 1, 1);
    if (st != RS_OK)
        return st;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return RS_OK;
}

static void buf_free(const rs_allocator *a, byte_buf *b)
{
    rs__free(a, b->p, b->cap);
    *b = (byte_buf){0};
}

static void fail(html_frontend *f, rs_status st)
{
    if (st != RS_OK && f->status == RS_OK) {
        f->status = st;
        rs__libxml_stop(&f->xml, f->ctxt);
    }
}

/*
 * The input offset libxml2 has reached, never going backwards.  base may
 * have wrapped below zero once streaming dropped input: unsigned addition
 * brings the sum back.
 */
/* RS_OPT_STREAM: libxml2's count of bytes read, less the nudge once it is read. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static long past_nudge(html_frontend *f, long consumed)
{
    if (consumed >= 0 && (size_t)consumed > f->nudge_at) {
        /* the nudge is not input: offsets past it move back by its length */
        if ((size_t)consumed < f->nudge_at + f->nudge_len) {
            consumed = (long)f->nudge_at;
        } else {
            f->base -= f->nudge_len;
            f->nudge_at = SIZE_MAX;
        }
    }
    return consumed;
}

/*
 * xmlByteConsumed(), which every event asks: for input read as it is (no
 * encoder: ours is UTF-8), it is the bytes of the input already consumed
 * plus the distance of the current byte into the buffer, which the
 * documented fields of the input give without a call.
 */
static inline long bytes_consumed(html_frontend *f)
{
    const xmlParserInput *in = f->ctxt->input;
    if (in && (!in->buf || !in->buf->encoder))
        return (long)in->consumed + (long)(in->cur - in->base);
    return rs__libxml_byte_consumed(&f->xml, f->ctxt);
}

static inline size_t position(html_frontend *f)
{
    long consumed = bytes_consumed(f);
    if (f->nudge_at != SIZE_MAX)
        consumed = past_nudge(f, consumed);
    size_t pos = consumed < 0 ? f->last_pos : f->base + (size_t)consumed;
    if (pos > f->text_len)
        pos = f->text_len;
    if (pos < f->last_pos)
        pos = f->last_pos;
    return pos;
}

static bool is_ascii_space(unsigned char c)
{
    /* ' ', \t, \n, \f, \r; most bytes fail the first test */
    return c <= ' ' && (c == ' ' || (c >= '\t' && c <= '\r' && c != '\v'));
}

/* ------------------------------------------------------------------ */
/* Blocks                                                               */

static rs_block_kind kind_of(rs__html_tag tag, bool *loose)
{
    *loose = false;
    switch (tag) {
    case RS_TAG_H1: case RS_TAG_H2: case RS_TAG_H3:
    case RS_TAG_H4: case RS_TAG_H5: case RS_TAG_H6:
        return RS_BLOCK_HEADING;
    case RS_TAG_LI: case RS_TAG_DD: case RS_TAG_DT:
        return RS_BLOCK_LIST_ITEM;
    case RS_TAG_BLOCKQUOTE:
        return RS_BLOCK_QUOTE;
    case RS_TAG_PRE:
        return RS_BLOCK_CODE;
    case RS_TAG_FIGCAPTION: case RS_TAG_CAPTION:
        return RS_BLOCK_CAPTION;
    case RS_TAG_TD: case RS_TAG_TH:
        return RS_BLOCK_TABLE_CELL;
    case RS_TAG_P: case RS_TAG_ADDRESS: case RS_TAG_SUMMARY: case RS_TAG_LEGEND:
        return RS_BLOCK_PARAGRAPH;
    default:
        /* text straight inside a div, section, body...: a paragraph of its own */
        *loose = true;
        return RS_BLOCK_PARAGRAPH;
    }
}

static void reset_block(html_frontend *f)
{
    f->buf.len = 0;
    f->map_len = 0;
    f->block_owner = NO_OWNER;
    f->block_tag = 0;
    f->link_bytes = 0;
    f->images = 0;
    f->space = false;
    f->hash_links = false;
    f->continued = false;
    f->joint = 0;
}

/* The enclosing elements of a block of the owner's, at most PATH_MAX_ELEMS of the innermost. */
static const rs__ancestor *path_to(const html_frontend *f, size_t owner, size_t *len)
{
    size_t first = owner + 1 > PATH_MAX_ELEMS ? owner + 1 - PATH_MAX_ELEMS : 0;
    *len = owner + 1 - first;
    return f->ancestors + first;
}

/* Hands the gathered block to the analyzer; end is where its source ends. */
static void flush_block(html_frontend *f, size_t end)
{
    if (f->status != RS_OK)
        return;
    /* trailing white space and line breaks are layout, not text */
    while (f->buf.len && is_ascii_space((unsigned char)f->buf.p[f->buf.len - 1]))
        f->buf.len--;
    while (f->map_len && f->map_text[f->map_len - 1] >= f->buf.len && f->map_len > 1)
        f->map_len--;
    if (f->buf.len == 0 && f->images == 0) {
        reset_block(f);
        return;
    }
    size_t owner = f->block_owner;
    bool loose = true;
    rs_block_kind kind = RS_BLOCK_PARAGRAPH;
    int level = 0;
    uint32_t hints = 0;
    size_t path_len = 0;
    const rs__ancestor *path = NULL;
    const char *names = NULL;
    size_t names_len = 0;
    if (owner != NO_OWNER && owner < f->depth) {
        const open_elem *e = &f->stack[owner];
        rs__html_tag tag = f->block_tag ? (rs__html_tag)f->block_tag : (rs__html_tag)e->a.tag;
        kind = kind_of(tag, &loose);
        if (kind == RS_BLOCK_HEADING)
            level = tag - RS_TAG_H1 + 1;
        hints = e->hints;
        path = path_to(f, owner, &path_len);
        size_t from = owner + 1 > NAMES_LEVELS ? f->stack[owner + 1 - NAMES_LEVELS].names_mark : 0;
        names = f->names.p + from;
        names_len = f->names.len - from;
    }
    if (f->buf.len == 0)
        kind = RS_BLOCK_IMAGE;
    if (loose)
        hints |= RS_HINT_LOOSE_TEXT;
    if (f->continued)
        hints |= RS_HINT_CONTINUED
                 | (f->joint == ' ' ? RS_HINT_JOINT_SPACE : 0)
                 | (f->joint == '\n' ? RS_HINT_JOINT_LINE : 0);
    if (f->buf.len && f->link_bytes * 10 >= f->buf.len * 8)
        hints |= RS_HINT_LINK_BLOCK;
    if (end < f->block_end)
        end = f->block_end;
    if (f->buf.len == 0)
        f->block_start = end;
    rs__block_in b = {
        .kind = kind, .level = level, .start = f->block_start, .end = end,
        .text = f->buf.len ? f->buf.p : "", .text_len = f->buf.len,
        .map_text = f->map_text, .map_src = f->map_src, .map_len = f->map_len,
        .hints = hints, .link_bytes = f->link_bytes, .images = f->images,
        .depth = (uint16_t)(owner == NO_OWNER ? 0 : owner + 1 > 0xFFFF ? 0xFFFF : owner + 1),
        .names = names_len ? names : NULL, .names_len = names_len,
        .path = path_len ? path : NULL, .path_len = path_len,
    };
    if (b.map_len == 0) {
        /* text not copied from the input (an image block): map it to its start */
        static const size_t zero = 0;
        b.map_text = &zero;
        b.map_src = &b.start;
        b.map_len = 1;
    }
    rs_status st = f->sink->block(f->sink->ud, &b);
    if (st == RS_OK && kind == RS_BLOCK_HEADING && level == 1)
        st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_TITLE_H1, f->buf.p, f->buf.len);
    fail(f, st);
    f->last_pos = end > f->last_pos ? end : f->last_pos;
    reset_block(f);
}

static size_t current_owner(const html_frontend *f)
{
    return f->depth ? f->stack[f->depth - 1].owner : NO_OWNER;
}

/* Text (or an image) is coming for the current owner: start its block. */
static void claim_block(html_frontend *f, size_t src)
{
    size_t owner = current_owner(f);
    if (f->block_owner != owner && (f->buf.len || f->images))
        flush_block(f, src);
    if (f->buf.len == 0 && f->images == 0) {
        f->block_owner = owner;
        f->block_tag = f->ndeep ? (uint8_t)(f->deep[f->ndeep - 1] >> 8) : 0;
        f->block_start = src > f->block_end ? src : f->block_end;
        f->block_end = f->block_start;
    }
}

static rs_status add_map(html_frontend *f, size_t text_at, size_t src)
{
    if (f->map_len && f->map_text[f->map_len - 1] == text_at) {
        f->map_src[f->map_len - 1] = src;
        return RS_OK;
    }
    if (f->map_len && src < f->map_src[f->map_len - 1])
        src = f->map_src[f->map_len - 1];
    rs_status st = rs__reserve(&f->alloc, (void **)&f->map_text, &f->map_text_cap, f->map_len + 1,
                               sizeof *f->map_text);
    if (st == RS_OK)
        st = rs__reserve(&f->alloc, (void **)&f->map_src, &f->map_src_cap, f->map_len + 1,
                         sizeof *f->map_src);
    if (st != RS_OK)
        return st;
    f->map_text[f->map_len] = text_at;
    f->map_src[f->map_len] = src;
    f->map_len++;
    return RS_OK;
}

/*
 * Copies the 8 bytes at s to out and returns how many of them come before
 * the first byte <= ' ' (0..8).  Text is mostly words, so
 * this moves a word per step instead of a byte.
 */
static size_t copy_word(const char *s, char *out)
{
    uint64_t w;
    memcpy(&w, s, 8);
    memcpy(out, &w, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
    /* the high bit of each byte below 0x21; exact up to the first such byte */
    uint64_t low = (w - 0x2121212121212121u) & ~w & 0x8080808080808080u;
    return low ? (size_t)__builtin_ctzll(low) / 8 : 8;
#else
    size_t k = 0;
    while (k < 8 && (unsigned char)s[k] > ' ')
        k++;
    return k;
#endif
}

#if defined(__SSE2__) && defined(__GNUC__)
/*
 * Copies the 16 bytes at s to out (s[16] must be readable too) and returns
 * how many of them, from the first, collapsing white space leaves as they
 * are: bytes above ' ', and single spaces before such a byte.  Called where
 * no white space run is open, so a space there starts a run.
 */
static size_t plain_prefix(const char *s, char *out)
{
    const __m128i space = _mm_set1_epi8(' ');
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
    _mm_storeu_si128((__m128i *)(void *)out, v);
    /* bytes <= ' ': the smaller of a byte and ' ' is the byte */
    unsigned low = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, space), v));
    unsigned low_next = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(next, space), next));
    unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
    /* a control byte or other white space; a space that more white space follows */
    unsigned stop = (low & ~spaces) | (spaces & low_next);
    return stop ? (size_t)__builtin_ctz(stop) : 16;
}
#endif

static void flush_piece(html_frontend *f);

/* Appends visible text whose source starts at src (and ends at src_end). */
static void add_text(html_frontend *f, const char *s, size_t n, size_t src, size_t src_end)
{
    const open_elem *top = f->depth ? &f->stack[f->depth - 1] : NULL;
    bool pre = f->pre > 0;
    size_t i = 0;
    if (!pre) {
        /* indentation between tags: spaces eight at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w != 0x2020202020202020u)
                break;
            i += 8;
        }
        while (i < n && is_ascii_space((unsigned char)s[i]))
            i++;
    }
    if (i > 0)
        f->space = true;
    if (i == n)
        return;
    claim_block(f, src + i);
    if (f->status != RS_OK)
        return;
    if (!pre && f->space && f->buf.len && f->buf.p[f->buf.len - 1] != '\n')
        fail(f, buf_append(&f->alloc, &f->buf, " ", 1));
    if (f->status == RS_OK)
        fail(f, add_map(f, f->buf.len, src + i));
    /* collapsing white space never lengthens the text: one grow covers it (and
       the 8 bytes copy_word may write past the end) */
    if (f->status == RS_OK)
        fail(f, rs__reserve(&f->alloc, (void **)&f->buf.p, &f->buf.cap,
                            f->buf.len + (n - i) + 9, 1));
    if (f->status != RS_OK)
        return;
    size_t before = f->buf.len;
    char *out = f->buf.p + f->buf.len;
    if (pre) {
        memcpy(out, s + i, n - i);
        out += n - i;
    } else {
        for (size_t k = i; k < n;) {
#if defined(__SSE2__) && defined(__GNUC__)
            if (k + 17 <= n) {
                size_t safe = plain_prefix(s + k, out);
                k += safe;
                out += safe;
                if (safe == 16)
                    continue;
            }
#endif
            unsigned char c = (unsigned char)s[k];
            if (is_ascii_space(c)) {
                do
                    k++;
                while (k < n && is_ascii_space((unsigned char)s[k]));
                if (k < n)
                    *out++ = ' ';
                continue;
            }
            size_t run = k + 8 <= n ? copy_word(s + k, out) : 0;
            if (run == 0) {
                /* the last few bytes, or a control character */
                *out++ = (char)c;
                k++;
                continue;
            }
            k += run;
            out += run;
        }
    }
    f->buf.len = (size_t)(out - f->buf.p);
    f->space = !pre && is_ascii_space((unsigned char)s[n - 1]);
    if (top && top->link) {
        f->link_bytes += (uint32_t)(f->buf.len - before);
        f->hash_links = f->hash_links || (top->a.flags & RS_ELEM_HASH_LINK);
    }
    if (src_end > f->block_end)
        f->block_end = src_end;
    if (f->streaming && f->buf.len >= PIECE_BYTES)
        flush_piece(f);
}

/* The source offset of text offset t of the block being gathered. */
static size_t source_of(const html_frontend *f, size_t t)
{
    size_t k = 0;
    while (k + 1 < f->map_len && f->map_text[k + 1] <= t)
        k++;
    if (f->map_len == 0 || f->map_text[k] > t)
        return f->block_start;
    return f->map_src[k] + (t - f->map_text[k]);
}

/*
 * Whether the text before `at` ends with a mark that may end a sentence
 * (past closing quotes and blanks): a piece cut there would not cut a
 * sentence, and the stream counts the sentence a cut goes through once.
 * Past CLOSERS_MAX closers it does not: the splitter looks past one, and
 * piece_cut() asks at every byte of a block of closers alone (a paragraph
 * of 8 MiB of ']' took minutes: each question read back to its start).
 */
enum { CLOSERS_MAX = 8 };

static bool after_sentence_mark(const char *p, size_t at)
{
    size_t i = at;
    while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\n'))
        i--;
    for (unsigned closers = 0; i > 0 && closers <= CLOSERS_MAX; closers++) {
        size_t start = i - 1;
        while (start > 0 && ((unsigned char)p[start] & 0xC0) == 0x80)
            start--;
        int32_t cp;
        bool invalid = false;
        rs__utf8_decode((const unsigned char *)p + start, i - start, &cp, &invalid);
        if (invalid || !rs__is_closer(cp))
            return !invalid && rs__is_terminal(cp);
        i = start;
    }
    return false;
}

/* Whether the character at `at` may end a sentence or close one: a piece
   that began with it would leave the sentence before the cut unended. */
static bool at_sentence_mark(const char *p, size_t at, size_t n)
{
    int32_t cp;
    bool invalid = false;
    rs__utf8_decode((const unsigned char *)p + at, n - at, &cp, &invalid);
    return !invalid && (rs__is_terminal(cp) || rs__is_closer(cp));
}

/*
 * Where a piece of the block may end: before a lower-case word in its last
 * PIECE_TAIL bytes (a capital after the cut would read as a sentence
 * start), else at any space, else before an '&', else anywhere not inside
 * a UTF-8 sequence; never right after a mark that may end a sentence, nor,
 * where no space is, before one.  *rest: where the rest of the block
 * starts.
 */
static size_t piece_cut(const html_frontend *f, size_t *rest)
{
    const char *p = f->buf.p;
    size_t n = f->buf.len, low = n > PIECE_TAIL ? n - PIECE_TAIL : 1;
    for (size_t i = n - 1; i > low; i--) {
        if (p[i - 1] == ' ' && p[i] >= 'a' && p[i] <= 'z' && !after_sentence_mark(p, i - 1)) {
            *rest = i;
            return i - 1;
        }
    }
    for (size_t i = n - 1; i > low; i--) {
        if ((p[i] == ' ' || p[i] == '\n') && !after_sentence_mark(p, i)) {
            *rest = i + 1;
            return i;
        }
    }
    /* the tokenizer reads an '&' as a token by itself, which text of
       entities and names run together ("a&b") has many of */
    for (size_t i = n - 1; i > low; i--) {
        if (p[i] == '&' && !after_sentence_mark(p, i)) {
            *rest = i;
            return i;
        }
    }
    size_t cut = n - 1;
    for (;;) {
        while (cut > 1 && ((unsigned char)p[cut] & 0xC0) == 0x80)
            cut--;
        if (cut <= low || (!after_sentence_mark(p, cut) && !at_sentence_mark(p, cut, n)))
            break;
        cut--;
    }
    *rest = cut;
    return cut;
}

/*
 * RS_OPT_STREAM: hands over the start of a block that has grown too long,
 * and keeps gathering its rest, which will say that it continues it.
 */
static void flush_piece(html_frontend *f)
{
    size_t rest;
    size_t cut = piece_cut(f, &rest);
    size_t len = f->buf.len, map_len = f->map_len;
    size_t owner = f->block_owner, block_end = f->block_end;
    uint32_t links = f->link_bytes;
    bool hash_links = f->hash_links, space = f->space;
    size_t cut_src = source_of(f, cut), rest_src = source_of(f, rest);
    char joint = rest > cut ? f->buf.p[cut] : 0;
    /* the map entry the rest starts in, then those after it */
    size_t first = 0;
    while (first + 1 < map_len && f->map_text[first + 1] <= rest)
        first++;
    f->buf.len = cut;
    while (f->map_len > 1 && f->map_text[f->map_len - 1] >= cut)
        f->map_len--;
    f->link_bytes = links < cut ? links : (uint32_t)cut;
    f->block_end = cut_src;
    flush_block(f, cut_src);
    if (f->status != RS_OK)
        return;
    /* flush_block() left the bytes and the map in place: the rest moves down */
    memmove(f->buf.p, f->buf.p + rest, len - rest);
    f->buf.len = len - rest;
    size_t kept = 0;
    for (size_t k = first; k < map_len; k++, kept++) {
        size_t t = f->map_text[k] > rest ? f->map_text[k] - rest : 0;
        size_t src = k == first ? rest_src : f->map_src[k];
        f->map_text[kept] = t;
        f->map_src[kept] = src;
    }
    f->map_len = kept;
    f->block_owner = owner;
    f->block_start = rest_src;
    f->block_end = block_end > rest_src ? block_end : rest_src;
    f->link_bytes = links - f->link_bytes;
    f->hash_links = hash_links;
    f->space = space;
    f->continued = true;
    f->joint = joint;
}

static void line_break(html_frontend *f)
{
    if (f->skip || !f->buf.len || current_owner(f) != f->block_owner)
        return;
    while (f->buf.len && f->buf.p[f->buf.len - 1] == ' ')
        f->buf.len--;
    fail(f, buf_append(&f->alloc, &f->buf, "\n", 1));
    f->space = false;
}

/* ------------------------------------------------------------------ */
/* Attributes and elements                                              */

typedef struct attrs {
    const char *cls, *id, *role, *style, *rel, *itemprop, *href, *lang, *name, *property,
        *content, *http_equiv, *datetime, *type;
    bool hidden, aria_hidden;
    bool any; /* the element has attributes (without, none of the above is set) */
} attrs;

/* s equals the lower-case lit, ASCII case aside: libxml2 hands NUL-terminated names. */
static bool name_is(const char *s, const char *lit)
{
    for (; *lit; s++, lit++)
        if (rs__ascii_lower(*s) != *lit)
            return false;
    return *s == '\0';
}

static void read_attrs(const xmlChar **atts, attrs *out)
{
    *out = (attrs){.any = atts && atts[0]};
    static const struct { const char *name; size_t offset; } known[] = {
        {"class", offsetof(attrs, cls)}, {"id", offsetof(attrs, id)},
        {"role", offsetof(attrs, role)}, {"style", offsetof(attrs, style)},
        {"rel", offsetof(attrs, rel)}, {"itemprop", offsetof(attrs, itemprop)},
        {"href", offsetof(attrs, href)}, {"lang", offsetof(attrs, lang)},
        {"name", offsetof(attrs, name)}, {"property", offsetof(attrs, property)},
        {"content", offsetof(attrs, content)}, {"http-equiv", offsetof(attrs, http_equiv)},
        {"datetime", offsetof(attrs, datetime)}, {"type", offsetof(attrs, type)},
    };
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *name = (const char *)atts[i];
        const char *value = (const char *)atts[i + 1];
        char first = rs__ascii_lower(name[0]);
        if (first == 'h' && name_is(name, "hidden")) {
            out->hidden = true;
            continue;
        }
        if (first == 'a' && name_is(name, "aria-hidden")) {
            out->aria_hidden = value && name_is(value, "true");
            continue;
        }
        if (!value)
            continue;
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
            if (known[k].name[0] != first)
                continue;
            const char **slot = (const char **)((char *)out + known[k].offset);
            if (!*slot && name_is(name, known[k].name)) {
                *slot = value;
                break;
            }
        }
    }
}

static size_t slen(const char *s)
{
    return s ? strlen(s) : 0;
}

/* display:none or visibility:hidden in an inline style. */
static bool style_hides(const char *style)
{
    if (!style)
        return false;
    size_t n = strlen(style);
    char squeezed[256];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof squeezed; i++)
        if (!is_ascii_space((unsigned char)style[i]))
            squeezed[k++] = style[i] >= 'A' && style[i] <= 'Z' ? (char)(style[i] + 32) : style[i];
    return rs__html_contains_ci(squeezed, k, "display:none")
           || rs__html_contains_ci(squeezed, k, "visibility:hidden");
}

static uint32_t hash_of(const char *s)
{
    if (!s || !*s)
        return 0;
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}

static uint32_t tag_hints(rs__html_tag tag, uint32_t inherited)
{
    switch (tag) {
    case RS_TAG_ARTICLE: case RS_TAG_MAIN: return RS_HINT_ARTICLE;
    case RS_TAG_NAV: case RS_TAG_MENU: return RS_HINT_NAV;
    case RS_TAG_HEADER: return inherited & RS_HINT_ARTICLE ? 0 : RS_HINT_HEADER;
    case RS_TAG_FOOTER: return RS_HINT_FOOTER;
    case RS_TAG_ASIDE: return RS_HINT_ASIDE;
    case RS_TAG_FORM: case RS_TAG_FIELDSET: return RS_HINT_FORM;
    case RS_TAG_UL: case RS_TAG_OL: case RS_TAG_DL: return RS_HINT_LIST;
    case RS_TAG_TABLE: return RS_HINT_TABLE;
    case RS_TAG_FIGURE: return RS_HINT_FIGURE;
    case RS_TAG_FIGCAPTION: case RS_TAG_CAPTION: return RS_HINT_CAPTION;
    default: return 0;
    }
}

static uint32_t role_hints(const char *role, uint16_t *flags)
{
    if (!role)
        return 0;
    if (rs__ascii_str_eq_ci(role, "navigation") || rs__ascii_str_eq_ci(role, "menu") || rs__ascii_str_eq_ci(role, "menubar")) {
        *flags |= RS_ELEM_ROLE_CHROME;
        return RS_HINT_NAV;
    }
    if (rs__ascii_str_eq_ci(role, "contentinfo"))
        return RS_HINT_FOOTER;
    if (rs__ascii_str_eq_ci(role, "complementary")) {
        *flags |= RS_ELEM_ROLE_CHROME;
        return RS_HINT_ASIDE;
    }
    if (rs__ascii_str_eq_ci(role, "banner"))
        return RS_HINT_HEADER;
    if (rs__ascii_str_eq_ci(role, "main") || rs__ascii_str_eq_ci(role, "article"))
        return RS_HINT_ARTICLE;
    if (rs__ascii_str_eq_ci(role, "dialog") || rs__ascii_str_eq_ci(role, "alertdialog") || rs__ascii_str_eq_ci(role, "alert"))
        *flags |= RS_ELEM_ROLE_CHROME;
    return 0;
}

/*
 * What an element's attributes say of it: RS_ELEM_* flags, and its hints,
 * class/id weight and class cues through the pointers.
 */
static uint16_t attribute_evidence(rs__html_tag tag, const attrs *at, uint32_t *hints, int *weight,
                                   uint32_t *class_cues)
{
    uint16_t flags = 0;
    size_t cls_len = slen(at->cls), id_len = slen(at->id);
    uint32_t cls_cues = cls_len ? rs__html_name_cues(at->cls, cls_len) : 0;
    uint32_t id_cues = id_len ? rs__html_name_cues(at->id, id_len) : 0;
    uint32_t cues = cls_cues | id_cues;
    *hints |= role_hints(at->role, &flags);
    if (at->hidden || style_hides(at->style)
        || (at->aria_hidden && !(cls_cues & RS_CUE_FALLBACK_IMAGE))) {
        flags |= RS_ELEM_HIDDEN;
        *hints |= RS_HINT_HIDDEN;
    }
    *weight = rs__html_cue_weight(cls_cues, cls_len) + rs__html_cue_weight(id_cues, id_len);
    if ((cues & RS_CUE_UNLIKELY) && !(cues & RS_CUE_MAYBE))
        flags |= RS_ELEM_UNLIKELY;
    if (((cls_cues & RS_CUE_SHARE) && rs__html_share_word(at->cls, cls_len))
        || ((id_cues & RS_CUE_SHARE) && rs__html_share_word(at->id, id_len)))
        flags |= RS_ELEM_SHARE;
    if (cues & RS_CUE_CHROME)
        flags |= RS_ELEM_BAD_WORDS;
    if ((at->rel && name_is(at->rel, "author"))
        || (at->itemprop && rs__html_contains_ci(at->itemprop, strlen(at->itemprop), "author"))
        || (cues & RS_CUE_BYLINE)) {
        flags |= RS_ELEM_BYLINE;
        *hints |= RS_HINT_BYLINE;
    }
    if (at->itemprop && rs__html_contains_ci(at->itemprop, strlen(at->itemprop), "articlebody")) {
        flags |= RS_ELEM_ARTICLE_BODY;
        *hints |= RS_HINT_ARTICLE;
    }
    if (tag == RS_TAG_A && at->href && at->href[0] == '#')
        flags |= RS_ELEM_HASH_LINK;
    *class_cues = cls_cues;
    return flags;
}

static void describe(html_frontend *f, rs__html_tag tag, const attrs *at, const open_elem *parent,
                     open_elem *e)
{
    uint32_t inherited = parent ? parent->hints : 0;
    uint16_t parent_flags = parent ? parent->a.flags : 0;
    uint32_t hints = inherited | tag_hints(tag, inherited);
    int weight = 0;
    uint32_t cls_cues = 0;
    /* most elements have no attributes, and then nothing above applies */
    uint16_t flags = at->any ? attribute_evidence(tag, at, &hints, &weight, &cls_cues) : 0;
    flags |= parent_flags & (RS_ELEM_IN_TABLE | RS_ELEM_IN_CODE);
    if (parent && parent->a.tag == RS_TAG_TABLE)
        flags |= RS_ELEM_IN_TABLE;
    if (parent && parent->a.tag == RS_TAG_CODE)
        flags |= RS_ELEM_IN_CODE;
    if (flags & (RS_ELEM_UNLIKELY | RS_ELEM_BAD_WORDS))
        hints |= RS_HINT_BAD_NAME;
    if (weight > 0)
        hints |= RS_HINT_GOOD_NAME;
    if (cls_cues & RS_CUE_CAPTION)
        hints |= RS_HINT_CAPTION;
    e->a = (rs__ancestor){
        .id = f->next_id++, .flags = flags, .tag = (uint8_t)tag,
        .weight = (int8_t)(weight < -100 ? -100 : weight > 100 ? 100 : weight),
        .class_hash = hash_of(at->cls),
    };
    e->hints = hints;
    e->link = (parent && parent->link) || tag == RS_TAG_A;
    if (e->link && parent && parent->link && (parent->a.flags & RS_ELEM_HASH_LINK))
        e->a.flags |= RS_ELEM_HASH_LINK;
}

static rs_status push_names(html_frontend *f, const attrs *at)
{
    rs_status st = RS_OK;
    if (at->cls && *at->cls)
        st = buf_append(&f->alloc, &f->names, at->cls, strlen(at->cls));
    if (st == RS_OK && at->cls && *at->cls)
        st = buf_append(&f->alloc, &f->names, " ", 1);
    if (st == RS_OK && at->id && *at->id)
        st = buf_append(&f->alloc, &f->names, at->id, strlen(at->id));
    if (st == RS_OK && at->id && *at->id)
        st = buf_append(&f->alloc, &f->names, " ", 1);
    return st;
}

/* The input offset of the '<' that opened the tag libxml2 just read. */
static size_t tag_start(const html_frontend *f, size_t pos)
{
    size_t p = pos;
    while (p >= f->text_len && p > f->last_pos && f->text[f->text_len - 1] != '<')
        p--;
    if (p >= f->text_len)
        return p;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
    /* tags with long attributes (srcset, data-*, inline styles): eight bytes a step */
    while (p >= f->last_pos + 8) {
        uint64_t w;
        memcpy(&w, f->text + p - 7, 8);
        uint64_t x = w ^ 0x3C3C3C3C3C3C3C3Cu; /* '<' bytes become zero */
        uint64_t y = (x & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu;
        uint64_t zero = ~(y | x | 0x7F7F7F7F7F7F7F7Fu);
        if (zero)
            return p - 7 + (size_t)(63 - __builtin_clzll(zero)) / 8;
        p -= 8;
    }
#endif
    while (p > f->last_pos && f->text[p] != '<')
        p--;
    return p;
}

static void on_meta_element(html_frontend *f, rs__html_tag tag, const attrs *at)
{
    rs_status st = RS_OK;
    if (tag == RS_TAG_META)
        st = rs__html_meta_tag(&f->meta, &f->alloc, at->name, at->property, at->itemprop,
                               at->http_equiv, at->content);
    else if (tag == RS_TAG_HTML && at->lang)
        st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_LANG_HTML, at->lang, strlen(at->lang));
    else if (tag == RS_TAG_TIME && at->datetime && !f->skip)
        st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_DATE_TIME, at->datetime,
                                 strlen(at->datetime));
    if (st == RS_OK && at->itemprop && at->content && tag != RS_TAG_META) {
        if (rs__ascii_str_eq_ci(at->itemprop, "datepublished"))
            st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_DATE_META, at->content,
                                     strlen(at->content));
    }
    if (st == RS_OK && at->itemprop && at->datetime && rs__ascii_str_eq_ci(at->itemprop, "datepublished"))
        st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_DATE_META, at->datetime,
                                 strlen(at->datetime));
    fail(f, st);
}

/* An element past DEPTH_MAX: only what it does to the text is kept. */
static void push_deep(html_frontend *f, rs__html_tag tag, unsigned flow)
{
    rs_status st = rs__reserve(&f->alloc, (void **)&f->deep, &f->deep_cap, f->ndeep + 1,
                               sizeof *f->deep);
    if (st != RS_OK) {
        fail(f, st);
        return;
    }
    uint8_t bits = (uint8_t)(((flow & RS_FLOW_SKIP) ? DEEP_SKIP : 0)
                             | (tag == RS_TAG_PRE ? DEEP_PRE : 0)
                             | (tag == RS_TAG_PICTURE ? DEEP_PICTURE : 0)
                             | ((flow & RS_FLOW_BLOCK) ? DEEP_BLOCK : 0));
    unsigned owner_tag = (flow & RS_FLOW_BLOCK) ? (unsigned)tag
                         : f->ndeep ? (unsigned)(f->deep[f->ndeep - 1] >> 8) : 0;
    f->deep[f->ndeep++] = (uint16_t)(bits | owner_tag << 8);
    f->skip += (bits & DEEP_SKIP) != 0;
    f->pre += (bits & DEEP_PRE) != 0;
    f->picture += (bits & DEEP_PICTURE) != 0;
}

static void pop_deep(html_frontend *f, size_t pos)
{
    uint8_t bits = (uint8_t)f->deep[--f->ndeep];
    f->skip -= (bits & DEEP_SKIP) != 0;
    f->pre -= (bits & DEEP_PRE) != 0;
    f->picture -= (bits & DEEP_PICTURE) != 0;
    if ((bits & DEEP_BLOCK) && !f->skip)
        flush_block(f, pos);
    f->last_pos = pos;
}

/*
 * Forgets the outer half of the elements past DEPTH_MAX, as if they had
 * ended: what they did to the text ends, and libxml2's name stack loses
 * them (its top, the element just opened, stays), so that their end tags
 * are ones of nothing open, which HTML ignores.  Called from on_start(),
 * where libxml2 has pushed the element and reads no more of its stack
 * below the top until the callback returns.  Only a page nested tens of
 * thousands deep gets here, and its text stays as it was.
 */
static void forget_deep(html_frontend *f)
{
    htmlParserCtxtPtr c = f->ctxt;
    size_t forget = f->ndeep / 2;
    if (c->nameNr < 0 || (size_t)c->nameNr < f->ndeep || !c->nameTab)
        return; /* not libxml2's stack as we know it: leave both alone */
    size_t first = (size_t)c->nameNr - f->ndeep; /* the outermost deep element's entry */
    for (size_t i = 0; i < forget; i++) {
        uint8_t bits = (uint8_t)f->deep[i];
        f->skip -= (bits & DEEP_SKIP) != 0;
        f->pre -= (bits & DEEP_PRE) != 0;
        f->picture -= (bits & DEEP_PICTURE) != 0;
    }
    f->ndeep -= forget;
    memmove(f->deep, f->deep + forget, f->ndeep * sizeof *f->deep);
    memmove(c->nameTab + first, c->nameTab + first + forget, f->ndeep * sizeof *c->nameTab);
    c->nameNr -= (int)forget;
    memset(c->nameTab + c->nameNr, 0, forget * sizeof *c->nameTab);
}

static void on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    html_frontend *f = ud;
    if (f->status != RS_OK)
        return;
    unsigned flow;
    rs__html_tag tag = rs__html_tag_lookup((const char *)name, &flow);
    attrs at;
    read_attrs(atts, &at);
    size_t pos = position(f);
    size_t start = tag_start(f, pos);
    on_meta_element(f, tag, &at);

    if (!f->skip) {
        if ((flow & RS_FLOW_BLOCK) && (f->buf.len || f->images))
            flush_block(f, start);
        if (tag == RS_TAG_BR)
            line_break(f);
        bool counts = (tag == RS_TAG_IMG && !f->picture) || tag == RS_TAG_PICTURE;
        if (counts) {
            claim_block(f, start);
            f->images++;
        }
    }
    if (f->streaming && f->depth >= DEPTH_MAX) {
        push_deep(f, tag, flow);
        if (f->ndeep >= DEEP_MAX)
            forget_deep(f);
        f->last_pos = pos;
        return;
    }
    rs_status st = rs__reserve(&f->alloc, (void **)&f->stack, &f->stack_cap, f->depth + 1,
                               sizeof *f->stack);
    if (st == RS_OK)
        st = rs__reserve(&f->alloc, (void **)&f->ancestors, &f->ancestors_cap, f->depth + 1,
                         sizeof *f->ancestors);
    if (st == RS_OK)
        st = rs__reserve(&f->alloc, (void **)&f->names.p, &f->names.cap, f->names.len + 1, 1);
    if (st != RS_OK) {
        fail(f, st);
        return;
    }
    const open_elem *parent = f->depth ? &f->stack[f->depth - 1] : NULL;
    open_elem *e = &f->stack[f->depth]; /* filled in place, pushed at the end */
    *e = (open_elem){.names_mark = f->names.len, .start = start, .flow = (uint8_t)flow};
    describe(f, tag, &at, parent, e);
    e->owner = (flow & RS_FLOW_BLOCK) ? f->depth : parent ? parent->owner : NO_OWNER;
    fail(f, push_names(f, &at));

    if (flow & RS_FLOW_SKIP) {
        f->skip++;
        if (f->capture == CAPTURE_NONE && tag == RS_TAG_TITLE
            && !rs__html_meta_has(&f->meta, RS_HM_TITLE_TAG)) {
            f->capture = CAPTURE_TITLE;
            e->capture = true;
        } else if (f->capture == CAPTURE_NONE && tag == RS_TAG_SCRIPT && at.type
                   && rs__ascii_str_eq_ci(at.type, "application/ld+json")) {
            f->capture = CAPTURE_JSONLD;
            e->capture = true;
        }
        f->captured.len = 0;
    }
    if (tag == RS_TAG_PRE)
        f->pre++;
    if (tag == RS_TAG_PICTURE)
        f->picture++;
    if ((e->a.flags & RS_ELEM_BYLINE) && f->byline_at == NO_OWNER && !f->skip
        && !rs__html_meta_has(&f->meta, RS_HM_BYLINE_MARKUP)) {
        f->byline_at = f->depth;
        f->byline.len = 0;
    }
    f->ancestors[f->depth++] = e->a;
    f->last_pos = pos;
}

static void end_capture(html_frontend *f)
{
    rs_status st = RS_OK;
    if (f->capture == CAPTURE_TITLE)
        st = rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_TITLE_TAG, f->captured.p,
                                 f->captured.len);
    else if (f->capture == CAPTURE_JSONLD && f->captured.len)
        st = rs__html_meta_jsonld(&f->meta, &f->alloc, f->captured.p, f->captured.len);
    f->capture = CAPTURE_NONE;
    f->captured.len = 0;
    fail(f, st);
}

static void on_end(void *ud, const xmlChar *name)
{
    (void)name; /* libxml2 balances start and end events itself */
    html_frontend *f = ud;
    if (f->status != RS_OK || f->depth == 0)
        return;
    size_t pos = position(f);
    if (f->ndeep) {
        pop_deep(f, pos); /* the deep elements are the innermost */
        return;
    }
    open_elem *e = &f->stack[f->depth - 1];
    if (e->capture)
        end_capture(f);
    if (f->byline_at == f->depth - 1) {
        if (f->byline.len && f->byline.len < BYLINE_CAP)
            fail(f, rs__html_meta_offer(&f->meta, &f->alloc, RS_HM_BYLINE_MARKUP, f->byline.p,
                                        f->byline.len));
        f->byline_at = NO_OWNER;
    }
    if (e->flow & RS_FLOW_SKIP)
        f->skip--;
    if (e->a.tag == RS_TAG_PRE)
        f->pre--;
    if (e->a.tag == RS_TAG_PICTURE)
        f->picture--;
    if ((e->flow & RS_FLOW_BLOCK) && !f->skip)
        flush_block(f, pos);
    f->names.len = e->names_mark;
    f->depth--;
    f->last_pos = pos;
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
    html_frontend *f = ud;
    if (f->status != RS_OK || len <= 0)
        return;
    size_t n = (size_t)len;
    size_t pos = position(f);
    if (f->skip) {
        size_t cap = f->capture == CAPTURE_TITLE ? TITLE_CAP : JSONLD_CAP;
        if (f->capture != CAPTURE_NONE && f->captured.len + n <= cap)
            fail(f, buf_append(&f->alloc, &f->captured, (const char *)ch, n));
        f->last_pos = pos;
        return;
    }
    /* Character data reaches us as it was written, so its source is the n
       bytes before the parser's position; a decoded entity is shorter than
       its source, which the max() absorbs. */
    size_t src = pos >= n && pos - n >= f->last_pos ? pos - n : f->last_pos;
    add_text(f, (const char *)ch, n, src, pos);
    if (f->byline_at != NO_OWNER && f->byline.len < BYLINE_CAP) {
        if (f->byline.len)
            fail(f, buf_append(&f->alloc, &f->byline, " ", 1));
        fail(f, buf_append(&f->alloc, &f->byline, (const char *)ch, n));
    }
    f->last_pos = pos;
}

/* Script and style bodies: only JSON-LD is read. */
static void on_cdata(void *ud, const xmlChar *ch, int len)
{
    html_frontend *f = ud;
    if (f->status != RS_OK || len <= 0 || f->capture != CAPTURE_JSONLD)
        return;
    if (f->captured.len + (size_t)len <= JSONLD_CAP)
        fail(f, buf_append(&f->alloc, &f->captured, (const char *)ch, (size_t)len));
}

/* libxml2 reports problems here instead of through its global handlers. */
static void on_error(void *ud, xmlErrorPtr error)
{
    (void)ud;
    (void)error;
}

/* ------------------------------------------------------------------ */
/* The front-end interface                                              */

static rs_status frontend_init(void *state, const rs_allocator *alloc, size_t start)
{
    html_frontend *f = state;
    f->alloc = *alloc;
    f->base = f->parsed = f->last_pos = start;
    f->next_cut = start + PARSE_WINDOW;
    f->block_owner = NO_OWNER;
    f->byline_at = NO_OWNER;
    f->nudge_at = SIZE_MAX;
    rs_status st = rs__libxml_open(&f->xml);
    if (st != RS_OK)
        return st;
    f->xml.init_parser(); /* idempotent, and guarded by libxml2's own lock */
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_cdata;
    sax.serror = on_error;
    sax.initialized = XML_SAX2_MAGIC; /* so that serror is used */
    f->ctxt = f->xml.create_push_parser(&sax, f, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (!f->ctxt)
        return RS_ERR_NOMEM;
    f->xml.use_options(f->ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                    | HTML_PARSE_NONET | HTML_PARSE_COMPACT
                                    | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    return RS_OK;
}

/* Bytes at the end of text[from..len) that may be the start of a split UTF-8 sequence. */
static size_t incomplete_tail(const char *text, size_t from, size_t len)
{
    for (size_t back = 1; back <= 3 && back <= len - from; back++) {
        unsigned char c = (unsigned char)text[len - back];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

/* The length of the valid UTF-8 sequence at s[0..n) (s[0] >= 0x80), or 0. */
static size_t valid_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    bool ok = need > 0 && need <= n;
    for (size_t k = 1; ok && k < need; k++)
        ok = (s[k] & 0xC0) == 0x80;
    if (ok && need == 3)
        ok = !(c == 0xE0 && s[1] < 0xA0) && !(c == 0xED && s[1] >= 0xA0);
    if (ok && need == 4)
        ok = !(c == 0xF0 && s[1] < 0x90) && !(c == 0xF4 && s[1] >= 0x90);
    return ok ? need : 0;
}

/* The offset of the first byte of s[i..n) that is not part of valid UTF-8, or n. */
static size_t first_invalid(const unsigned char *s, size_t i, size_t n)
{
    /* most of a page is ASCII: skip it 64 bytes at a time, then sixteen */
    while (i < n) {
#if defined(__SSE2__) && defined(__GNUC__)
        while (i + 64 <= n) {
            const __m128i *v = (const __m128i *)(const void *)(s + i);
            __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
                                       _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));
            if (_mm_movemask_epi8(any))
                break;
            i += 64;
        }
        if (i + 16 <= n) {
            unsigned high = (unsigned)_mm_movemask_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
            if (!high) {
                i += 16;
                continue;
            }
            i += (size_t)__builtin_ctz(high);
        } else if (i == n) {
            break; /* the 64-byte steps reached the end */
        }
#else
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080u)) {
                i += 8;
                continue;
            }
        }
#endif
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t need = valid_sequence(s + i, n - i);
        if (need == 0)
            return i;
        i += need;
    }
    return n;
}

/*
 * The end tag of the root.  libxml2's push parser stops reading there:
 * whatever follows "</html>" (a second page pasted after the first, what a
 * CMS writes after the document) is dropped, where a browser shows it as
 * more of the body.  So libxml2 never sees that tag: "</html" goes to it as
 * "</_tml", an end tag of nothing open, which it ignores, and the document
 * ends where the input does.  The same bytes in a comment, a script or an
 * attribute change too; the one such text we read is a JSON-LD script, where
 * a value holding "</html" would lose a letter.
 */
static const char END_HTML[] = "</html";
enum { END_HTML_LEN = sizeof END_HTML - 1 };

/* Whether c ends a tag's name, as after "</html". */
static bool ends_tag_name(char c)
{
    return c == '>' || c == '/' || is_ascii_space((unsigned char)c);
}

/*
 * A DOCTYPE whose quoted string is still open at its first '>' ("<!DOCTYPE
 * html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN>", a quote lost in a
 * template).  A browser ends the declaration at that '>' whatever the
 * quotes (HTML's tokenizer calls the string abruptly ended) and shows the
 * page; libxml2 looks for a '>' past quoted strings, finds none, and reads
 * the rest of the page as the declaration, so the report had no text at
 * all.  The declaration's quotes go to libxml2 as blanks, and it ends
 * where a browser's does.  (libxml2 reads other "<!" markup in a body as
 * text, quotes or not.)
 */
static const char DOCTYPE_OPEN[] = "<!doctype";
enum { DOCTYPE_OPEN_LEN = sizeof DOCTYPE_OPEN - 1 };

/*
 * The DOCTYPE at s[at..n) read to its first '>', or to n where none comes
 * before (it goes on in the next window): where it stopped, and in *blanks
 * whether its quotes go to libxml2 as blanks, which they do where one is
 * open at that '>' or the '>' has not come.
 */
static size_t doctype_scan(const char *s, size_t at, size_t n, bool *blanks)
{
    char quote = 0;
    for (size_t i = at + DOCTYPE_OPEN_LEN; i < n; i++) {
        char c = s[i];
        if (c == '>') {
            *blanks = quote != 0;
            return i;
        }
        if (!quote && (c == '"' || c == '\''))
            quote = c;
        else if (c == quote)
            quote = 0;
    }
    *blanks = true;
    return n;
}

/* Makes the quotes in s[from..to) blanks. */
static void blank_quotes(char *s, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (s[k] == '"' || s[k] == '\'')
            s[k] = ' ';
}

/*
 * Where the next tag that libxml2 is not to read as written starts in
 * s[from..n), or n, and where what changes in it ends (*end): "</html"
 * with the byte that ends its name, of which the 'h' changes, or a DOCTYPE
 * whose quotes go as blanks, up to its '>' or n (doctype_scan()).
 */
static size_t next_rewrite(const char *s, size_t from, size_t n, size_t *end)
{
    for (const char *p = s + from; p < s + n && (p = memchr(p, '<', (size_t)(s + n - p))); p++) {
        size_t at = (size_t)(p - s);
        if (n - at > END_HTML_LEN && rs__ascii_eq_ci(p, END_HTML_LEN, END_HTML, END_HTML_LEN)
            && ends_tag_name(p[END_HTML_LEN])) {
            *end = at + 3;
            return at;
        }
        if (p + 1 < s + n && p[1] == '!' && n - at > DOCTYPE_OPEN_LEN
            && rs__ascii_eq_ci(p, DOCTYPE_OPEN_LEN, DOCTYPE_OPEN, DOCTYPE_OPEN_LEN)) {
            bool blanks;
            *end = doctype_scan(s, at, n, &blanks);
            if (blanks)
                return at;
            p = s + *end; /* the '>': no tag starts inside the declaration */
        }
    }
    return n;
}

/* The bytes at the end of text[from..cut) that may begin "</html": they go
   to libxml2 with the window after, so the tag and the byte after it are
   always seen together. */
static size_t end_html_tail(const char *text, size_t from, size_t cut)
{
    for (size_t k = END_HTML_LEN; k > 0; k--)
        if (cut - from >= k && rs__ascii_eq_ci(text + cut - k, k, END_HTML, k))
            return k;
    return 0;
}

/*
 * The bytes of a tag that text[from..cut) ends inside, from its '<', or 0.
 * libxml2 2.9's push parser looks for a start tag's '>' past quoted
 * attribute values, and when a chunk ends inside a value it forgets which
 * quote opened it: it then finds no '>' until the input ends, and holds all
 * of it (a 5 MB page went to 18 MB).  So a window ends before the tag.  A
 * '<' in text (in a script, say) only makes the window shorter.
 */
static size_t open_tag_tail(const char *text, size_t from, size_t cut)
{
    size_t lt = cut;
    while (lt > from && text[lt - 1] != '<' && text[lt - 1] != '>')
        lt--;
    if (lt == from || text[lt - 1] != '<' || lt - 1 == from)
        return 0; /* no tag open, or one that fills the window: it goes as it is */
    return cut - (lt - 1);
}

/*
 * text[from..to) as libxml2 is to read it: itself when it is valid UTF-8
 * and holds nothing next_rewrite() finds, else a copy with every byte that
 * is not valid UTF-8 made '?', every "</html" made "</_tml" and the quotes
 * of a DOCTYPE that one hides its '>' made blanks.
 */
static rs_status sanitise(html_frontend *f, const char *text, size_t from, size_t to,
                          const char **chunk)
{
    size_t n = to - from;
    const unsigned char *s = (const unsigned char *)text + from;
    /* the rest of a DOCTYPE that went on from the window before */
    size_t doctype_rest = 0;
    if (f->doctype_open) {
        const char *gt = memchr(s, '>', n);
        doctype_rest = gt ? (size_t)(gt - (const char *)s) : n;
        f->doctype_open = !gt;
    }
    size_t i = first_invalid(s, 0, n);
    size_t rewrite_end;
    size_t rewrite = next_rewrite(text + from, doctype_rest, n, &rewrite_end);
    if (i == n && rewrite == n && doctype_rest == 0) {
        *chunk = text + from;
        return RS_OK;
    }
    rs_status st = rs__reserve(&f->alloc, (void **)&f->scratch.p, &f->scratch.cap, n + 1, 1);
    if (st != RS_OK)
        return st;
    char *out = f->scratch.p;
    memcpy(out, s, n);
    while (i < n) {
        out[i++] = '?';
        i = first_invalid(s, i, n);
    }
    for (; rewrite < n; rewrite = next_rewrite(out, rewrite_end, n, &rewrite_end)) {
        if (out[rewrite + 1] == '/') {
            out[rewrite + 2] = '_';
        } else {
            blank_quotes(out, rewrite, rewrite_end);
            f->doctype_open = rewrite_end == n;
        }
    }
    blank_quotes(out, 0, doctype_rest);
    *chunk = out;
    return RS_OK;
}

/* The bytes of a start tag that libxml2 holds, waiting for its '>'; or 0. */
static size_t held_tag(const html_frontend *f)
{
    const xmlParserInput *in = f->ctxt->input;
    if (f->ctxt->instate != XML_PARSER_START_TAG || !in || !in->cur || !in->end
        || in->cur == in->end || in->cur[0] != '<')
        return 0;
    return (size_t)(in->end - in->cur);
}

/*
 * RS_OPT_STREAM: lets libxml2 drop the input it has read, once there is
 * more than `after` of it (xmlParserInputShrink).  It drops it itself only
 * while reading text and comments, so a page of tags alone ("<div>" over
 * and over) stayed whole in its buffer.  Its search for a tag's '>' goes
 * on from checkIndex, an offset from the buffer's start, which moves back
 * with what is dropped.
 */
static void release_read(html_frontend *f, size_t after)
{
    htmlParserCtxtPtr c = f->ctxt;
    xmlParserInputPtr in = c->input;
    if (!in || !in->base || !in->cur || (size_t)(in->cur - in->base) <= after)
        return;
    long before = (long)(in->cur - in->base);
    rs__libxml_shrink(&f->xml, in);
    long dropped = before - (long)(in->cur - in->base);
    c->checkIndex = c->checkIndex > dropped ? c->checkIndex - dropped : 0;
}

/* What parse() lets libxml2 keep of what it has read (release_read()). */
enum { RELEASE_AFTER = 128 * 1024 };

static void parse(html_frontend *f, const char *chunk, size_t len)
{
    if (len == 0)
        return;
    /* libxml2 2.9 resumes its search for a start tag's '>' where the last
       chunk ended, knowing that it was inside an attribute value but not
       which quote opened it: it then never leaves the value and holds the
       rest of the input.  Windows end before a tag (open_tag_tail), but a
       tag longer than a window cannot, so when streaming the search starts
       again at the tag's '<' while the tag is under HELD_TEXT_MAX bytes,
       and once after a skip of its rest (settle_held_tag).  Past that,
       searching again every window would cost the tag's length each time:
       settle_held_tag skips its rest, or points the search at its '>'. */
    size_t held = f->streaming ? held_tag(f) : 0;
    if (held && (held < HELD_TEXT_MAX || f->tag_skipped)) {
        f->ctxt->checkIndex = 0;
        f->tag_skipped = false;
    }
    f->xml.parse_chunk(f->ctxt, chunk, (int)len, 0);
    f->xml_fed += len;
    if (f->streaming)
        release_read(f, RELEASE_AFTER);
}

/*
 * RS_OPT_STREAM: the bytes libxml2 holds unread in its content, when they
 * are more than HELD_TEXT_MAX and no nudge is outstanding; else 0.
 */
static size_t held_content(const html_frontend *f)
{
    htmlParserCtxtPtr c = f->ctxt;
    const xmlParserInput *in = c->input;
    if (f->nudge_at != SIZE_MAX || c->instate != XML_PARSER_CONTENT || !in || !in->cur
        || !in->end || in->end - in->cur < HELD_TEXT_MAX)
        return 0;
    return (size_t)(in->end - in->cur);
}

/* Whether a, then b, occur next to each other in s[0, n). */
static bool has_pair(const xmlChar *s, size_t n, char a, char b)
{
    for (const xmlChar *p = s; n > 1;) {
        const xmlChar *hit = memchr(p, a, n - 1);
        if (!hit)
            return false;
        if (hit[1] == (xmlChar)b)
            return true;
        n -= (size_t)(hit + 1 - p);
        p = hit + 1;
    }
    return false;
}

static bool is_raw_text(const xmlChar *name)
{
    return name && (rs__ascii_str_eq_ci((const char *)name, "script")
                    || rs__ascii_str_eq_ci((const char *)name, "style"));
}

/* A character of an entity's name or number, after its '&'. */
static bool entity_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
}

/* Whether the n bytes at p end inside an entity: its '&' and name, no ';' yet. */
static bool ends_in_entity(const xmlChar *p, size_t n)
{
    for (size_t k = n; k > 0 && n - k < ENTITY_NAME_MAX; k--) {
        if (p[k - 1] == '&')
            return true;
        if (!entity_char(p[k - 1]))
            return false;
    }
    return false;
}

/*
 * RS_OPT_STREAM: libxml2 waits for the '<' after character data before it
 * reports it, so a page that is one long text would be held whole.  When
 * it holds more than HELD_TEXT_MAX bytes of plain text, the next chunk is
 * cut after its first space (never inside an entity or a UTF-8 sequence)
 * and a nudge goes in there; a chunk with no space (CJK text, entities
 * alone) is cut before its second character; 0: not now.  A script or
 * style body (an inline bundle or JSON state of megabytes) gets
 * RAW_TEXT_NUDGE before
 * its chunk's second character, unless it is JSON-LD that we still read.
 */
static size_t nudge_point(html_frontend *f, const char *chunk, size_t len, const char **nudge,
                          size_t *nudge_len)
{
    if (f->nudge_at != SIZE_MAX) /* has the last nudge been read? */
        past_nudge(f, bytes_consumed(f));
    size_t held = held_content(f);
    const xmlParserInput *in = f->ctxt->input;
    bool raw = is_raw_text(f->ctxt->name);
    if (!held || (in->cur[0] == '<' && (!raw || in->cur[1] == '/')))
        return 0;
    if (raw && ((f->capture == CAPTURE_JSONLD && f->captured.len + held <= JSONLD_CAP)
                || has_pair(in->cur, held, '<', '/')))
        return 0;
    if (!raw && memchr(in->cur, '<', held))
        return 0;
    if (raw && len > 0 && chunk[0] == '/' && in->cur[held - 1] == '<')
        return 0; /* "</" across the chunks */
    /* libxml2 waits at an '&' for one of "; >/" and looks past a comment:
       an end tag's '/' ends that wait */
    bool end_tag = raw || in->cur[0] == '&';
    *nudge = end_tag ? RAW_TEXT_NUDGE : NUDGE;
    *nudge_len = end_tag ? RAW_TEXT_NUDGE_LEN : NUDGE_LEN;
    size_t second_char = 0;
    /* the chunk may start inside an entity ("&am" held, "p;" here): no cut before its end */
    bool in_entity = !raw && ends_in_entity(in->cur, held);
    for (size_t i = 0; i < len; i++) {
        if (in_entity) {
            in_entity = entity_char((unsigned char)chunk[i]);
            if (in_entity)
                continue;
            if (chunk[i] == ';') { /* after it, between characters: a text of entities alone */
                if (!second_char && i + 1 < len)
                    second_char = i + 1;
                continue;
            }
        }
        /* text: the '<' of a tag, where libxml2 reports the text anyway; a
           script: only "</" may end it (and "a<b" is often there: a '<'
           that stopped the nudges let the body grow to the input's size) */
        if (chunk[i] == '<' && (!raw || i + 1 == len || chunk[i + 1] == '/'))
            return second_char;
        if (!raw && chunk[i] == '&') {
            if (!second_char && i > 0)
                second_char = i;
            in_entity = true;
            continue;
        }
        if (!raw && is_ascii_space((unsigned char)chunk[i]))
            return i + 1;
        if (!second_char && i > 0 && ((unsigned char)chunk[i] & 0xC0) != 0x80)
            second_char = i;
    }
    return second_char;
}

/*
 * One byte of a comment as libxml2 looks for its end: "--" followed by ">"
 * or "!>".  *dashes carries what came before (1: "-", 2: "--" or more, 3:
 * "--!").  Whether c ends the comment.
 */
static inline bool ends_comment(unsigned *dashes, char c)
{
    unsigned d = *dashes;
    if (c == '>' && d >= 2) {
        *dashes = 0;
        return true;
    }
    *dashes = c == '-' ? (d == 1 || d == 2 ? 2u : 1u) : (c == '!' && d == 2) ? 3u : 0u;
    return false;
}

/*
 * RS_OPT_STREAM: libxml2 keeps a comment until its end, and no nudge can
 * end one without showing what follows it as text.  Once it holds more
 * than HELD_TEXT_MAX bytes of one whose end has not come, the rest of the
 * comment is not handed over: the stream looks for its end itself
 * (skip_held, going on from *dashes), and gives libxml2 "-->" there.  A
 * comment is read by no callback, so only offsets change, and base takes
 * the bytes left out.  (libxml2's search starts on the opener's own
 * dashes: "<!-->" is a whole comment.)
 */
static bool comment_too_long(const html_frontend *f, unsigned *dashes)
{
    size_t held = held_content(f);
    const xmlChar *p = f->ctxt->input->cur;
    if (!held || memcmp(p, "<!--", 4) != 0)
        return false;
    *dashes = 0;
    for (size_t i = 2; i < held; i++)
        if (ends_comment(dashes, (char)p[i]))
            return false; /* its end has come: libxml2 will read it */
    return true;
}

static tag_state tag_step(tag_state at, char *quote, unsigned char c)
{
    bool space = is_ascii_space(c);
    switch (at) {
    case TAG_QUOTED_VALUE:
        return c == (unsigned char)*quote ? TAG_BEFORE_ATTRIBUTE : at;
    case TAG_BEFORE_VALUE:
        if (c == '"' || c == '\'') {
            *quote = (char)c;
            return TAG_QUOTED_VALUE;
        }
        return c == '>' ? TAG_END : space ? at : TAG_UNQUOTED_VALUE;
    case TAG_ATTRIBUTE_NAME:
    case TAG_AFTER_ATTRIBUTE_NAME:
        if (c == '=')
            return TAG_BEFORE_VALUE;
        if (space)
            return TAG_AFTER_ATTRIBUTE_NAME;
        break;
    case TAG_NAME:
    case TAG_UNQUOTED_VALUE:
        if (space)
            return TAG_BEFORE_ATTRIBUTE;
        if (c != '>')
            return at;
        break;
    case TAG_BEFORE_ATTRIBUTE:
        if (space)
            return at;
        break;
    case TAG_END:
        return at;
    }
    return c == '>' ? TAG_END : TAG_ATTRIBUTE_NAME;
}

/*
 * Has libxml2's search for the held tag's '>' go on from gt, that '>',
 * outside any value, and read the tag now.  The search keeps where it got
 * to (checkIndex, from the input's base) and whether it was inside a value
 * (bit 0 of hasPErefs, in libxml2 2.9's push parser, which has no other
 * use for it in HTML); a search that starts on a '>' outside a value ends
 * there.
 */
static void resume_at_tag_end(html_frontend *f, const xmlChar *gt)
{
    xmlParserInput *in = f->ctxt->input;
    f->ctxt->checkIndex = gt - in->base;
    f->ctxt->hasPErefs &= ~1;
    f->xml.parse_chunk(f->ctxt, NULL, 0, 0);
}

/*
 * RS_OPT_STREAM: libxml2 holds a start tag until its '>', and with it an
 * attribute value of megabytes (an image or a page state inlined as a data
 * URI).  Once it holds more than HELD_TEXT_MAX bytes of a tag whose '>'
 * has not come, the rest of the value it ends in is not handed over
 * (SKIP_VALUE: libxml2 goes on from the value's closing quote, or the
 * space or '>' after an unquoted one, and reads its first bytes only);
 * elsewhere in the tag, the rest of the tag up to its '>' is not
 * (SKIP_TAG: a tag of that many attributes).  Whether a skip began.
 *
 * A tag whose '>' has come is one a quote inside a name or an unquoted
 * value hides from libxml2's search (which takes any quote for a value's
 * opening): it would wait for the input's end, holding all of it.  Its
 * search is then pointed at that '>' (resume_at_tag_end), and libxml2
 * reads the tag as HTML reads it, as it does at the input's end.
 */
static bool settle_held_tag(html_frontend *f)
{
    if (held_tag(f) < HELD_TEXT_MAX)
        return false;
    const xmlParserInput *in = f->ctxt->input;
    tag_state at = TAG_NAME;
    char quote = 0;
    const xmlChar *p = in->cur + 1;
    while (p < in->end && at != TAG_END)
        at = tag_step(at, &quote, *p++);
    if (at == TAG_END) {
        resume_at_tag_end(f, p - 1);
        return false;
    }
    f->skipping = at == TAG_QUOTED_VALUE || at == TAG_UNQUOTED_VALUE ? SKIP_VALUE : SKIP_TAG;
    f->tag_at = at;
    f->tag_quote = quote;
    return true;
}

/*
 * RS_OPT_STREAM: libxml2 also holds an end tag, a processing instruction
 * and a declaration until their '>' ("</b a</b a..." or "<?x" with no '>'
 * to come would be held whole, and searched again every window).  Once
 * it holds more than HELD_TEXT_MAX bytes of one whose '>' has not come,
 * the rest up to the '>' is not handed over (SKIP_MARKUP): none of it is
 * text.  Not a comment (comment_too_long()), a start tag
 * (settle_held_tag()), or a script's or style's body, where only "</"
 * means markup (nudges move it on).  Whether a skip began.
 */
static bool markup_too_long(html_frontend *f)
{
    const xmlParserInput *in = f->ctxt->input;
    if (!in || !in->cur || !in->end || in->end - in->cur < HELD_TEXT_MAX || in->cur[0] != '<'
        || f->ctxt->instate == XML_PARSER_START_TAG
        || (f->ctxt->instate == XML_PARSER_CONTENT && is_raw_text(f->ctxt->name)))
        return false;
    xmlChar c = in->cur[1];
    if ((c != '/' && c != '?' && c != '!') || (c == '!' && in->cur[2] == '-' && in->cur[3] == '-'))
        return false;
    /* markup ends at its first '>', a DOCTYPE too, as in a browser: its
       quotes, which libxml2 would look past, went to it as blanks wherever
       one hides that '>' (sanitise()) */
    const xmlChar *gt = memchr(in->cur, '>', (size_t)(in->end - in->cur));
    if (gt && c == '!')
        resume_at_tag_end(f, gt);
    return !gt;
}

/*
 * Skips input of the comment, value, tag or markup being skipped, from
 * `from` on: the offset where libxml2 is to go on (*ended), or len.  A
 * comment's bytes are skipped to its end, a value's up to its closing
 * quote (or the space or '>' after it), a tag's and markup's up to its '>'.
 */
static size_t skip_held(html_frontend *f, const char *text, size_t from, size_t len,
                        bool *ended)
{
    *ended = true;
    for (size_t i = from; i < len; i++) {
        char c = text[i];
        switch (f->skipping) {
        case SKIP_COMMENT:
            if (ends_comment(&f->comment_dashes, c))
                return i + 1;
            break;
        case SKIP_MARKUP:
            if (c == '>')
                return i;
            break;
        case SKIP_VALUE:
        case SKIP_TAG: {
            tag_state next = tag_step(f->tag_at, &f->tag_quote, (unsigned char)c);
            /* a value ends at the byte that leaves it, the tag at its '>' */
            if (next == TAG_END || (f->skipping == SKIP_VALUE && next != f->tag_at))
                return i;
            f->tag_at = next;
            break;
        }
        case SKIP_NONE:
            return i;
        }
    }
    *ended = false;
    return len;
}

static rs_status frontend_feed(void *state, const char *text, size_t from, size_t len,
                               bool at_end, const rs__frontend_sink *sink)
{
    (void)from; /* f->parsed knows where libxml2 stopped */
    html_frontend *f = state;
    f->text = text;
    f->text_len = len;
    f->sink = sink;
    while (f->parsed < len && f->status == RS_OK) {
        if (f->skipping != SKIP_NONE) {
            bool ended;
            size_t end = skip_held(f, text, f->parsed, len, &ended);
            f->skipped += end - f->parsed;
            f->parsed = end;
            /* the windows go on from where the skip ends, wherever the
               input was cut into chunks */
            f->next_cut = end + PARSE_WINDOW;
            if (!ended)
                break;
            /* a comment's end: libxml2 reads "-->" for the bytes it did
               not see; a value or a tag goes on from its quote or '>' */
            if (f->skipping == SKIP_COMMENT) {
                f->xml.parse_chunk(f->ctxt, "-->", 3, 0);
                f->xml_fed += 3;
                f->skipped -= 3;
            }
            f->tag_skipped = f->skipping == SKIP_VALUE || f->skipping == SKIP_TAG;
            if (f->skipping == SKIP_MARKUP) {
                /* libxml2's search for the '>' goes on from the '>' that
                   comes next, out of any quote: the skipped bytes held the
                   quotes that closed (as resume_at_tag_end()) */
                const xmlParserInput *in = f->ctxt->input;
                f->ctxt->checkIndex = in->end - in->base;
                f->ctxt->hasPErefs &= ~1;
            }
            f->skipping = SKIP_NONE;
            f->base += f->skipped;
            f->skipped = 0;
            continue;
        }
        size_t cut = f->next_cut;
        if (cut > len) {
            if (!at_end)
                break; /* the window is not complete yet */
            cut = len;
        } else {
            cut -= incomplete_tail(text, f->parsed, cut);
            cut -= end_html_tail(text, f->parsed, cut);
            cut -= open_tag_tail(text, f->parsed, cut);
        }
        f->next_cut += PARSE_WINDOW;
        if (cut <= f->parsed)
            continue;
        const char *chunk;
        rs_status st = sanitise(f, text, f->parsed, cut, &chunk);
        if (st != RS_OK)
            return st;
        const char *nudge_bytes = NULL;
        size_t nudge_len = 0;
        size_t nudge =
            f->streaming ? nudge_point(f, chunk, cut - f->parsed, &nudge_bytes, &nudge_len) : 0;
        if (nudge) {
            parse(f, chunk, nudge);
            f->xml.parse_chunk(f->ctxt, nudge_bytes, (int)nudge_len, 0);
            f->nudge_at = f->xml_fed;
            f->nudge_len = nudge_len;
            f->xml_fed += nudge_len;
            if (nudge_bytes == RAW_TEXT_NUDGE)
                release_read(f, 0);
        }
        parse(f, chunk + nudge, cut - f->parsed - nudge);
        f->parsed = cut;
        if (f->streaming && comment_too_long(f, &f->comment_dashes)) {
            f->skipping = SKIP_COMMENT;
            f->skipped = 0;
        } else if (f->streaming && settle_held_tag(f)) {
            f->skipped = 0;
        } else if (f->streaming && markup_too_long(f)) {
            f->skipping = SKIP_MARKUP;
            f->skipped = 0;
        }
    }
    if (at_end && f->status == RS_OK) {
        f->xml.parse_chunk(f->ctxt, NULL, 0, 1);
        if (f->status == RS_OK)
            flush_block(f, len);
        if (f->status == RS_OK && !f->meta_sent)
            f->status = rs__html_meta_emit(&f->meta, sink);
    }
    f->text = NULL;
    f->sink = NULL;
    return f->status;
}

static void frontend_release(void *state)
{
    html_frontend *f = state;
    const rs_allocator *a = &f->alloc;
    if (f->ctxt)
        f->xml.free_parser(f->ctxt);
    f->ctxt = NULL;
    rs__libxml_close(&f->xml);
    buf_free(a, &f->scratch);
    buf_free(a, &f->names);
    buf_free(a, &f->buf);
    buf_free(a, &f->captured);
    buf_free(a, &f->byline);
    rs__free(a, f->stack, f->stack_cap * sizeof *f->stack);
    rs__free(a, f->deep, f->deep_cap * sizeof *f->deep);
    rs__free(a, f->map_text, f->map_text_cap * sizeof *f->map_text);
    rs__free(a, f->map_src, f->map_src_cap * sizeof *f->map_src);
    rs__free(a, f->ancestors, f->ancestors_cap * sizeof *f->ancestors);
    rs__html_meta_release(&f->meta, a);
}

/* ------------------------------------------------------------------ */
/* RS_OPT_STREAM                                                        */

static bool frontend_stream(void *state)
{
    html_frontend *f = state;
    f->streaming = true;
    return true;
}

static size_t at_least(size_t offset, size_t floor)
{
    return offset > floor ? offset : floor;
}

/*
 * What is not yet parsed, and what tag_start() may scan back to; the start
 * of the open block is only an offset, but kept (up to KEEP_BACK) so that
 * no offset ever has to be moved.
 */
static size_t frontend_keep_from(const void *state)
{
    const html_frontend *f = state;
    size_t floor = f->parsed > KEEP_BACK ? f->parsed - KEEP_BACK : 0;
    size_t keep = f->parsed;
    if (f->last_pos < keep)
        keep = f->last_pos;
    if ((f->buf.len || f->images) && f->block_start < keep)
        keep = f->block_start;
    return at_least(keep, floor);
}

static size_t moved(size_t offset, size_t delta)
{
    return offset > delta ? offset - delta : 0;
}

static void frontend_rebase(void *state, size_t delta)
{
    html_frontend *f = state;
    f->base -= delta; /* may wrap: see position() */
    f->parsed -= delta;
    f->next_cut -= delta;
    f->last_pos = moved(f->last_pos, delta);
    f->block_start = moved(f->block_start, delta);
    f->block_end = moved(f->block_end, delta);
    for (size_t k = 0; k < f->map_len; k++)
        f->map_src[k] = moved(f->map_src[k], delta);
    for (size_t k = 0; k < f->depth; k++)
        f->stack[k].start = moved(f->stack[k].start, delta);
}

/* The first window is closing before the input ends: its metadata is what was read so far. */
static rs_status frontend_early_meta(void *state, const rs__frontend_sink *sink)
{
    html_frontend *f = state;
    if (f->meta_sent)
        return RS_OK;
    f->meta_sent = true;
    return rs__html_meta_emit(&f->meta, sink);
}

const rs__frontend_ops rs__html_ops = {
    sizeof(html_frontend), frontend_init, frontend_feed, frontend_release,
    frontend_stream, frontend_keep_from, frontend_rebase, NULL, NULL, frontend_early_meta,
};
