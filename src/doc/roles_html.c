/*
 * HTML roles: which blocks are the article.
 *
 * Method.  The front-end hands every block with the chain of elements that
 * enclose it (tag, class/id weight, flags), so the page's element tree can
 * be rebuilt here for the elements that hold text.  On that tree we run a
 * container-scoring pass in the manner of Arc90/Mozilla readability:
 *
 *  1. Drop what is plainly not content: hidden elements, elements whose
 *     class/id names chrome (menu, comment, related, sidebar, footer...)
 *     and nothing names content, ARIA navigation/complementary/dialog
 *     roles.  The first small element marked as author/byline becomes the
 *     byline; the first h1/h2 that repeats the page title becomes the
 *     title.
 *  2. Score containers.  Every paragraph-like unit (p, td, pre, section,
 *     h2-h6, a div holding only text, text loose in a div) of at least 25
 *     characters is worth 1 + its commas + 1 per 100 characters (at most
 *     3), plus 1.  The score goes to its parent in full, its grandparent
 *     halved, and the next three levels divided by 3 x level.  A
 *     container starts from its tag (div +5, td/pre/blockquote +3, lists
 *     and forms -3, headings -5) plus its class/id weight (+-25 for names
 *     such as "article"/"content" or "comment"/"sidebar").  Each score is
 *     then scaled by 1 - link density.
 *  3. Pick the best container; climb to an ancestor when several of the
 *     other strong candidates share it, or when the parent scores at least
 *     a third as well and better; and climb through parents with one child.
 *  4. Join siblings of the winner that score at least a fifth of it (a
 *     bonus for the same class), and sibling paragraphs that read as prose
 *     (over 80 characters with few links, or a short full sentence with
 *     none).
 *  5. Clean the result: footers and asides, share widgets, low-weight
 *     headings, and tables, lists and divs that look like chrome by their
 *     ratios (links to text, list items or images to paragraphs, very
 *     short text) go.
 *  6. If fewer than 500 characters survive, run again with the name-based
 *     stripping off, then the class weights off, then the cleaning off, and
 *     keep the longest result.
 *
 *  Then a few cues of our own, for what readability lets through: blocks
 *  inside <nav>, a block repeated three or more times on the page, and
 *  short counters ("12 Comments", "Share") are boilerplate.
 *
 *  Roles: the kept blocks are content (figcaption and caption blocks are
 *  captions), the title and byline blocks found in step 1 get those roles,
 *  and everything else is boilerplate.  Lengths are counted in code
 *  points.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/bits.h"
#include "doc/roles.h"
#include "format/html_tags.h"
#include "text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum {
    MIN_UNIT_CHARS = 25,
    SCORE_LEVELS = 5,
    TOP_CANDIDATES = 5,
    MIN_SHARED_CANDIDATES = 3,
    CHAR_THRESHOLD = 500,
    BYLINE_MAX_CHARS = 100,
    SHARE_MAX_CHARS = 500,
    CHROME_BOX_MAX_CHARS = 1000
};

/* a content block found repeated outside the article, until all are found */
#define RS_ROLE_REPEATED RS_ROLE__COUNT

enum { FLAG_STRIP_UNLIKELY = 1, FLAG_WEIGHT_CLASSES = 2, FLAG_CLEAN = 4 };

/* Facts of an element its blocks are asked about, next to its RS_ELEM_* flags. */
enum {
    PATH_UNLIKELY = 1u << 14,        /* out of play while unlikely candidates are stripped */
    PATH_FOOTER_OR_ASIDE = 1u << 15
};
_Static_assert((unsigned)RS_ELEM_BAD_WORDS < (unsigned)PATH_UNLIKELY, "RS_ELEM_* flags overlap the PATH_* bits");

typedef struct elem {
    uint32_t id;
    int32_t parent;
    uint8_t tag;
    int8_t weight;
    uint16_t flags;
    uint16_t path_bits; /* flags, PATH_UNLIKELY, PATH_FOOTER_OR_ASIDE */
    uint32_t class_hash;
    size_t first_block, last_block;
    double text_under; /* characters of all its blocks (summed once: see rs__roles_html) */
    /* per pass: the sums over its blocks in play before cleaning starts */
    double live_chars, live_link_chars;
    uint32_t live_commas;
    double score;
    bool scored;
    bool p_like;      /* a div holding only text: readability reads it as a p */
    uint32_t mark;    /* scratch for counting distinct elements */
    bool visited;     /* scored as a unit already in this pass */
    uint8_t ancestry; /* ANC_*: what its ancestors are (ancestry()) */
    int8_t data_table; /* a <table>: is_data_table(), once asked (1 yes, -1 no, 0 not yet) */
} elem;

static bool is_list_tag(uint8_t tag)
{
    return tag == RS_TAG_UL || tag == RS_TAG_OL;
}

/* What a block's path holds from an element down (the element included). */
enum { HOLDS_HEADING = 1, HOLDS_LIST = 2 };

/* A block whose path holds an element, and where in that path. */
typedef struct occurrence {
    uint32_t block; /* rs__roles_html() leaves pages of more blocks to their hints */
    uint16_t at;
    uint8_t holds; /* HOLDS_*, of the path from at on */
} occurrence;

typedef struct binfo {
    double chars, link_chars;
    uint32_t commas;
    int32_t elem;     /* its own element, or the container of loose text; -1 none */
    bool loose;
    bool sentence_end;/* has ". " or ends with "." */
    uint16_t path_flags; /* the path_bits of the elements of its path, together */
    uint32_t shared;  /* how many outer elements of its path the last block's path starts with */
    bool live;        /* in play for this pass */
    bool removed;     /* cleaned out of the article */
    bool chosen;
} binfo;

typedef struct ctx {
    rs__doc *d;
    rs_report *r;
    const rs_allocator *a;
    elem *elems;
    size_t nelems, elems_cap;
    int32_t *slots;   /* see slot_of() */
    size_t nslots;
    bool direct;      /* slots are indexed by id - id_base, not by hash */
    uint32_t id_base;
    binfo *blocks;
    size_t nblocks;
    int32_t *elem_paths; /* every block's elements as indices, outermost first */
    size_t *path_at;     /* where each block's run starts in elem_paths */
    size_t npath_elems;
    /* element e is in the paths of blocks occ[occ_start[e]..occ_start[e + 1]), in block order */
    occurrence *occ;
    size_t *occ_start;
    const int32_t *path;  /* one block's run, as block_path() left it */
    const int32_t *spath; /* the same, for helpers called while path is in use */
    uint32_t mark;
    size_t *unchosen_before; /* nblocks + 1 counts: see count_unchosen() */
    size_t *skip;            /* nblocks: see next_kept() */
    unsigned flags;
    size_t title_block, byline_block;
    const char *title; /* the page's, or NULL */
    size_t title_len;
    size_t *title_starts; /* see find_title_starts() */
    size_t ntitle_starts, title_starts_cap;
} ctx;

typedef struct stats {
    double chars, link_chars, heading_chars, list_chars;
    uint32_t commas, p, li, img;
} stats;

/* ------------------------------------------------------------------ */
/* The element table                                                    */

static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

/* An element that takes its blocks out of play while unlikely candidates are stripped. */
static bool unlikely_elem(const elem *x)
{
    if (x->flags & RS_ELEM_ROLE_CHROME)
        return true;
    return (x->flags & RS_ELEM_UNLIKELY) && x->tag != RS_TAG_BODY && x->tag != RS_TAG_A
           && !(x->flags & (RS_ELEM_IN_TABLE | RS_ELEM_IN_CODE)) && x->tag != RS_TAG_TABLE;
}

/* The slot of element id: its index in the table, or -1 until it is interned. */
static int32_t *slot_of(ctx *c, uint32_t id)
{
    if (c->direct)
        return &c->slots[id - c->id_base];
    size_t mask = c->nslots - 1;
    for (size_t s = mix(id) & mask;; s = (s + 1) & mask) {
        int32_t e = c->slots[s];
        if (e < 0 || c->elems[e].id == id)
            return &c->slots[s];
    }
}

static int32_t intern(ctx *c, const rs__ancestor *an)
{
    int32_t *slot = slot_of(c, an->id);
    if (*slot >= 0)
        return *slot;
    int32_t e = (int32_t)c->nelems++;
    c->elems[e] = (elem){
        .id = an->id, .parent = -1, .tag = an->tag, .weight = an->weight, .flags = an->flags,
        .class_hash = an->class_hash, .first_block = RS_NONE, .last_block = RS_NONE,
    };
    elem *el = &c->elems[e];
    el->path_bits = el->flags;
    if (unlikely_elem(el))
        el->path_bits |= PATH_UNLIKELY;
    if (el->tag == RS_TAG_FOOTER || el->tag == RS_TAG_ASIDE)
        el->path_bits |= PATH_FOOTER_OR_ASIDE;
    *slot = e;
    return e;
}

static const rs__ancestor *path_of(const ctx *c, size_t b, size_t *len)
{
    const rs__evidence *ev = &c->d->evidence[b];
    *len = ev->path_len;
    return ev->path_len ? c->d->paths + ev->path : NULL;
}

/*
 * The blocks under each element, listed once: a walk over an element's span
 * of blocks that skips those whose paths lack it made nesting quadratic
 * (paths keep only the innermost elements, so an outer element's span holds
 * many blocks whose paths do not reach it).
 */
static bool index_occurrences(ctx *c)
{
    c->occ = rs__alloc(c->a, c->npath_elems * sizeof *c->occ);
    c->occ_start = rs__alloc(c->a, c->elems_cap * sizeof *c->occ_start);
    if (!c->occ || !c->occ_start)
        return false;
    memset(c->occ_start, 0, c->elems_cap * sizeof *c->occ_start);
    size_t total = c->path_at[c->nblocks];
    for (size_t i = 0; i < total; i++)
        c->occ_start[c->elem_paths[i] + 1]++;
    for (size_t e = 0; e < c->nelems; e++)
        c->occ_start[e + 1] += c->occ_start[e];
    for (size_t b = 0; b < c->nblocks; b++) {
        const int32_t *path = c->elem_paths + c->path_at[b];
        size_t n = c->path_at[b + 1] - c->path_at[b];
        uint8_t holds = 0;
        /* occ_start[e] moves up to occ_start[e + 1] as e's blocks are filled in
           (from the innermost element out, so that each takes in what is under it)... */
        for (size_t k = n; k-- > 0;) {
            uint8_t tag = c->elems[path[k]].tag;
            if (rs__html_tag_is_heading((rs__html_tag)tag))
                holds |= HOLDS_HEADING;
            if (is_list_tag(tag))
                holds |= HOLDS_LIST;
            c->occ[c->occ_start[path[k]]++] =
                (occurrence){.block = (uint32_t)b, .at = (uint16_t)k, .holds = holds};
        }
    }
    /* ...so shifting it back one element restores the starts */
    for (size_t e = c->nelems; e > 0; e--)
        c->occ_start[e] = c->occ_start[e - 1];
    c->occ_start[0] = 0;
    return true;
}

static const occurrence *occurrences(const ctx *c, int32_t e, size_t *n)
{
    *n = c->occ_start[e + 1] - c->occ_start[e];
    return c->occ + c->occ_start[e];
}

/*
 * Every pass walks block paths many times over, so each path is turned into
 * element indices once, here, instead of through the id table at each walk.
 */
static bool build_table(ctx *c)
{
    size_t total = 0;
    for (size_t b = 0; b < c->nblocks; b++) {
        /* an occurrence keeps its place in a path in 16 bits (the front-end keeps 40) */
        if (c->d->evidence[b].path_len > UINT16_MAX)
            return false;
        total += c->d->evidence[b].path_len;
    }
    /*
     * The front-end numbers elements in document order, so the ids on the
     * paths mostly fill a range: then an id's slot is its offset in it,
     * and a hash table is left for ranges with too many holes.
     */
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t b = 0; b < c->nblocks; b++) {
        size_t n;
        const rs__ancestor *p = path_of(c, b, &n);
        for (size_t k = 0; k < n; k++) {
            lo = p[k].id < lo ? p[k].id : lo;
            hi = p[k].id > hi ? p[k].id : hi;
        }
    }
    if (total && (size_t)(hi - lo) < total * 4 + 64) {
        c->direct = true;
        c->id_base = lo;
        c->nslots = (size_t)(hi - lo) + 1;
    } else {
        c->nslots = 16;
        while (c->nslots < total * 2 + 16)
            c->nslots *= 2;
    }
    c->slots = rs__alloc(c->a, c->nslots * sizeof *c->slots);
    /* no more elements than path entries, nor than ids in a direct table's range */
    c->elems_cap = (c->direct && c->nslots < total ? c->nslots : total) + 1;
    c->elems = rs__alloc(c->a, c->elems_cap * sizeof *c->elems);
    c->npath_elems = total + 1;
    c->elem_paths = rs__alloc(c->a, c->npath_elems * sizeof *c->elem_paths);
    c->path_at = rs__alloc(c->a, (c->nblocks + 1) * sizeof *c->path_at);
    if (!c->slots || !c->elems || !c->elem_paths || !c->path_at)
        return false;
    memset(c->slots, 0xFF, c->nslots * sizeof *c->slots);
    size_t at = 0;
    const rs__ancestor *last = NULL;
    size_t last_n = 0;
    for (size_t b = 0; b < c->nblocks; b++) {
        size_t n;
        const rs__ancestor *p = path_of(c, b, &n);
        int32_t prev = -1;
        binfo *bi = &c->blocks[b];
        c->path_at[b] = at;
        /*
         * Neighbouring blocks mostly share their outer elements.  An element
         * at the same place in the last block's path has the same elements
         * outside it, so it is known, and so are its parent and first block.
         */
        size_t shared = 0;
        while (shared < n && shared < last_n && p[shared].id == last[shared].id)
            shared++;
        bi->shared = (uint32_t)shared;
        for (size_t k = 0; k < shared; k++) {
            int32_t e = c->elem_paths[c->path_at[b - 1] + k];
            c->elem_paths[at++] = e;
            c->elems[e].last_block = b;
            bi->path_flags |= c->elems[e].path_bits;
            prev = e;
        }
        last = p;
        last_n = n;
        for (size_t k = shared; k < n; k++) {
            int32_t e = intern(c, &p[k]);
            c->elem_paths[at++] = e;
            elem *el = &c->elems[e];
            if (el->parent < 0 && prev >= 0 && prev != e)
                el->parent = prev;
            if (el->first_block == RS_NONE)
                el->first_block = b;
            el->last_block = b;
            prev = e;
            /* what every pass asks of whole paths, answered once */
            bi->path_flags |= el->path_bits;
        }
        bi->elem = prev;
    }
    c->path_at[c->nblocks] = at;
    return index_occurrences(c);
}

/* Points *out at the block's elements as indices, outermost first. */
static size_t path_into(const ctx *c, size_t b, const int32_t **out)
{
    *out = c->elem_paths + c->path_at[b];
    return c->d->evidence[b].path_len;
}

static size_t block_path(ctx *c, size_t b)
{
    return path_into(c, b, &c->path);
}

/* ------------------------------------------------------------------ */
/* Text measures                                                        */

static bool is_comma(int32_t cp)
{
    return cp == 0x2C || cp == 0x60C || cp == 0xFE50 || cp == 0xFE10 || cp == 0xFE11
           || cp == 0x2E41 || cp == 0x2E34 || cp == 0x2E32 || cp == 0xFF0C;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The lanes of 16 bytes that equal c, as bits. */
static inline unsigned lanes_of(__m128i v, char c)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/*
 * Counts the commas and looks at the full stops of ASCII bytes of t read
 * a block at a time: bit k of the masks is the byte at at + k.
 */
static inline void note_marks(binfo *bi, const char *t, size_t len, size_t at, uint32_t commas,
                       uint32_t stops)
{
    for (; commas; commas &= commas - 1)
        bi->commas++;
    for (; stops; stops &= stops - 1) {
        size_t k = at + (size_t)__builtin_ctz(stops);
        if (k + 1 == len || t[k + 1] == ' ') {
            bi->sentence_end = true;
            break;
        }
    }
}
#endif

static void measure_text(ctx *c, size_t b)
{
    size_t len;
    const char *t = rs_report_block_text(c->r, b, &len);
    binfo *bi = &c->blocks[b];
    size_t chars = 0;
    size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
    /* ASCII bytes are a character each, and only their commas and full stops
       matter: 32 or 16 of them a step, the others one character at a time */
    while (i + 16 <= len) {
        if (i + 32 <= len) {
            __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
            __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(t + i + 16));
            if (!_mm_movemask_epi8(_mm_or_si128(lo, hi))) {
                uint32_t commas = lanes_of(lo, ',') | (uint32_t)lanes_of(hi, ',') << 16;
                uint32_t stops = bi->sentence_end ? 0 : lanes_of(lo, '.') | (uint32_t)lanes_of(hi, '.') << 16;
                note_marks(bi, t, len, i, commas, stops);
                chars += 32;
                i += 32;
                continue;
            }
        }
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        unsigned ascii = high ? (unsigned)__builtin_ctz(high) : 16;
        unsigned keep = (unsigned)((1ul << ascii) - 1);
        note_marks(bi, t, len, i, lanes_of(v, ',') & keep,
                   bi->sentence_end ? 0 : lanes_of(v, '.') & keep);
        chars += ascii;
        i += ascii;
        if (ascii < 16) {
            /* a character outside ASCII: no full stop, maybe a comma */
            int32_t cp;
            bool bad = false;
            size_t n = rs__utf8_decode((const unsigned char *)t + i, len - i, &cp, &bad);
            chars++;
            if (is_comma(cp))
                bi->commas++;
            i += n ? n : 1;
        }
    }
    if (i < len && len >= 16) {
        /* the last bytes, as the last sixteen of the text with those already read masked off */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + len - 16));
        unsigned lanes = (0xFFFFu << (16 - (len - i))) & 0xFFFFu;
        if (!((unsigned)_mm_movemask_epi8(v) & lanes)) {
            note_marks(bi, t, len, len - 16, lanes_of(v, ',') & lanes,
                       bi->sentence_end ? 0 : lanes_of(v, '.') & lanes);
            chars += len - i;
            i = len;
        }
    }
#endif
    while (i < len) {
        /* eight ASCII bytes are eight characters: only commas and full stops matter */
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            if (!(w & RS_BYTES_OF(0x80))) {
                chars += 8;
                uint64_t commas = rs__zero_bytes(w ^ RS_BYTES_OF(','));
                if (commas)
                    bi->commas += rs__bits_set(commas);
                if (!bi->sentence_end && rs__zero_bytes(w ^ RS_BYTES_OF('.')))
                    for (size_t k = i; k < i + 8; k++)
                        if (t[k] == '.' && (k + 1 == len || t[k + 1] == ' '))
                            bi->sentence_end = true;
                i += 8;
                continue;
            }
        }
        int32_t cp;
        bool bad = false;
        size_t n = rs__utf8_decode((const unsigned char *)t + i, len - i, &cp, &bad);
        if (n == 0)
            n = 1;
        chars++;
        if (cp < 0x80 ? cp == ',' : is_comma(cp))
            bi->commas++;
        if (cp == '.' && (i + 1 == len || t[i + 1] == ' '))
            bi->sentence_end = true;
        i += n;
    }
    bi->chars = (double)chars;
    double link = c->d->evidence[b].link_bytes;
    bi->link_chars = len ? link * (double)chars / (double)len : 0;
    if (bi->link_chars > bi->chars)
        bi->link_chars = bi->chars;
}

/* ------------------------------------------------------------------ */
/* Subtree statistics over the blocks still in play                     */

static bool in_play(const ctx *c, size_t b)
{
    return c->blocks[b].live && !c->blocks[b].removed;
}

/* Where element e sits in a path of n elements, or -1. */
static long find_in(const int32_t *path, size_t n, int32_t e)
{
    for (size_t k = n; k-- > 0;)
        if (path[k] == e)
            return (long)k;
    return -1;
}

static long position_in(const ctx *c, size_t n, int32_t e)
{
    return find_in(c->path, n, e);
}

static void subtree_stats(ctx *c, int32_t e, stats *st)
{
    memset(st, 0, sizeof *st);
    const elem *el = &c->elems[e];
    if (el->first_block == RS_NONE)
        return;
    c->mark++;
    size_t nocc;
    const occurrence *occ = occurrences(c, e, &nocc);
    for (size_t i = 0; i < nocc; i++) {
        size_t b = occ[i].block;
        if (!in_play(c, b))
            continue;
        const int32_t *path;
        size_t n = path_into(c, b, &path);
        long at = (long)occ[i].at;
        const binfo *bi = &c->blocks[b];
        st->chars += bi->chars;
        st->link_chars += bi->link_chars;
        st->commas += bi->commas;
        st->img += (uint32_t)c->r->blocks[b].counts.images;
        /*
         * The elements under e on this path, each counted once: from the
         * innermost up to the first one counted before, whose own
         * ancestors up to e were counted with it (a path is a chain of
         * ancestors, the same chain in every path that holds its end).
         */
        for (size_t k = n; --k > (size_t)at;) {
            elem *x = &c->elems[path[k]];
            if (x->mark == c->mark)
                break;
            x->mark = c->mark;
            if (x->tag == RS_TAG_P || x->p_like)
                st->p++;
            if (x->tag == RS_TAG_LI)
                st->li++;
        }
        bool heading = occ[i].holds & HOLDS_HEADING, list = occ[i].holds & HOLDS_LIST;
        /* text loose in a div becomes a p of its own (readability wraps it) */
        if (bi->loose && path[n - 1] != e && c->elems[path[n - 1]].tag == RS_TAG_DIV
            && !c->elems[path[n - 1]].p_like)
            st->p++;
        if (heading)
            st->heading_chars += bi->chars;
        if (list)
            st->list_chars += bi->chars;
    }
}

static double density(double part, double whole)
{
    return whole > 0 ? part / whole : 0;
}

/* ------------------------------------------------------------------ */
/* Step 1: what is out of play, the byline, the title                   */

static bool is_word_byte(char ch)
{
    unsigned char u = (unsigned char)ch;
    return u >= 0x80 || ((ch | 32) >= 'a' && (ch | 32) <= 'z') || (ch >= '0' && ch <= '9');
}

/*
 * Where a word of the page title may start (its start, or after a byte
 * that is not a word's): the only places similarity() tries a heading's
 * words at, listed once instead of tested for every heading.
 */
static bool find_title_starts(ctx *c)
{
    c->title = rs_report_meta(c->r, "title");
    if (!c->title)
        return true;
    c->title_len = strlen(c->title);
    c->title_starts_cap = c->title_len + 1;
    c->title_starts = rs__alloc(c->a, c->title_starts_cap * sizeof *c->title_starts);
    if (!c->title_starts)
        return false;
    for (size_t j = 0; j <= c->title_len; j++)
        if (j == 0 || !is_word_byte(c->title[j - 1]))
            c->title_starts[c->ntitle_starts++] = j;
    return true;
}

/* readability's text similarity: the share of b's words (by length) that the title has too. */
static double similarity(const ctx *c, const char *b, size_t blen)
{
    const char *a = c->title;
    size_t alen = c->title_len;
    double total = 0, unique = 0;
    size_t words = 0;
    for (size_t i = 0; i < blen;) {
        while (i < blen && !is_word_byte(b[i]))
            i++;
        size_t s = i;
        while (i < blen && is_word_byte(b[i]))
            i++;
        if (i == s)
            break;
        size_t wl = i - s;
        total += (double)wl + (words ? 1 : 0);
        bool found = false;
        for (size_t w = 0; w < c->ntitle_starts && !found; w++) {
            size_t j = c->title_starts[w];
            if (j + wl > alen)
                break; /* the starts ascend: no later one has room either */
            size_t k = 0;
            while (k < wl && ((a[j + k] | 32) == (b[s + k] | 32)))
                k++;
            if (k == wl) {
                size_t e = j + wl;
                found = e == alen || !is_word_byte(a[e]);
            }
        }
        if (!found)
            unique += (double)wl + (unique > 0 ? 1 : 0);
        words++;
    }
    if (total <= 0)
        return 0;
    return 1 - unique / total;
}

/* Characters of every block under e, in play or not. */
static double text_under(const ctx *c, int32_t e)
{
    return c->elems[e].text_under;
}

static void mark_live(ctx *c)
{
    const char *title = c->title;
    /* RS_OPT_STREAM: the title and byline are the first window's */
    bool later = rs__stream_later_window(c->d);
    bool title_found = later, byline_found = later;
    c->title_block = RS_NONE;
    c->byline_block = RS_NONE;
    int32_t byline_elem = -1;
    for (size_t b = 0; b < c->nblocks; b++)
        c->blocks[b].live = c->blocks[b].removed = c->blocks[b].chosen = false;
    for (size_t b = 0; b < c->nblocks; b++) {
        binfo *bi = &c->blocks[b];
        size_t n = block_path(c, b);
        if (n == 0 || (c->d->evidence[b].hints & RS_HINT_HIDDEN) || (bi->path_flags & RS_ELEM_HIDDEN))
            continue;
        if ((c->flags & FLAG_STRIP_UNLIKELY) && (bi->path_flags & PATH_UNLIKELY))
            continue;
        /* the byline: the first byline element, if short, whatever it holds */
        if (byline_elem < 0 && !byline_found && (bi->path_flags & RS_ELEM_BYLINE)) {
            for (size_t k = 0; k < n; k++) {
                const elem *x = &c->elems[c->path[k]];
                if (!(x->flags & RS_ELEM_BYLINE))
                    continue;
                double chars = text_under(c, c->path[k]);
                if (chars > 0 && chars < BYLINE_MAX_CHARS) {
                    byline_elem = c->path[k];
                    byline_found = true;
                }
                break;
            }
        }
        if (byline_elem >= 0) {
            if (b <= c->elems[byline_elem].last_block && position_in(c, n, byline_elem) >= 0) {
                if (c->byline_block == RS_NONE)
                    c->byline_block = b;
                continue;
            }
            byline_elem = -1;
        }
        if (!title_found && title && c->r->blocks[b].kind == RS_BLOCK_HEADING
            && c->r->blocks[b].level <= 2) {
            size_t len;
            const char *t = rs_report_block_text(c->r, b, &len);
            if (similarity(c, t, len) > 0.75) {
                title_found = true;
                c->title_block = b;
                continue;
            }
        }
        bi->live = true;
    }
}

/* ------------------------------------------------------------------ */
/* Step 2: scoring                                                      */

static double tag_base(uint8_t tag)
{
    switch (tag) {
    case RS_TAG_DIV: return 5;
    case RS_TAG_PRE: case RS_TAG_TD: case RS_TAG_BLOCKQUOTE: return 3;
    case RS_TAG_ADDRESS: case RS_TAG_OL: case RS_TAG_UL: case RS_TAG_DL: case RS_TAG_DD:
    case RS_TAG_DT: case RS_TAG_LI: case RS_TAG_FORM: return -3;
    case RS_TAG_H1: case RS_TAG_H2: case RS_TAG_H3: case RS_TAG_H4: case RS_TAG_H5:
    case RS_TAG_H6: case RS_TAG_TH: return -5;
    default: return 0;
    }
}

static double weight_of(const ctx *c, const elem *e)
{
    return (c->flags & FLAG_WEIGHT_CLASSES) ? e->weight : 0;
}

static void add_score(ctx *c, int32_t e, double score, int level)
{
    elem *x = &c->elems[e];
    if (!x->scored) {
        x->scored = true;
        x->score = x->p_like ? 0 : tag_base(x->tag);
        x->score += weight_of(c, x);
    }
    double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
    x->score += score / divider;
}

static bool scored_tag(uint8_t tag)
{
    return tag == RS_TAG_P || tag == RS_TAG_TD || tag == RS_TAG_PRE || tag == RS_TAG_SECTION
           || (tag >= RS_TAG_H2 && tag <= RS_TAG_H6);
}

/*
 * What scoring reads of every element, in one walk over the paths of the
 * blocks in play:
 *  - p_like: a div all of whose text is its own (readability turns it
 *    into a p);
 *  - the sums subtree_stats() would give while no block is removed, in
 *    block order as that walk over an element's blocks adds them (asked of
 *    nearly every element, a walk each made it the costliest step).
 */
static void survey_live(ctx *c)
{
    for (size_t e = 0; e < c->nelems; e++) {
        elem *x = &c->elems[e];
        x->p_like = x->tag == RS_TAG_DIV;
        x->live_chars = x->live_link_chars = 0;
        x->live_commas = 0;
    }
    for (size_t b = 0; b < c->nblocks; b++) {
        const binfo *bi = &c->blocks[b];
        if (!bi->live)
            continue;
        const int32_t *path;
        size_t n = path_into(c, b, &path);
        bool own_text = bi->loose && c->r->blocks[b].counts.images == 0;
        for (size_t k = 0; k < n; k++) {
            elem *x = &c->elems[path[k]];
            x->live_chars += bi->chars;
            x->live_link_chars += bi->link_chars;
            x->live_commas += bi->commas;
            if (k + 1 < n || !own_text)
                x->p_like = false;
        }
    }
}

static void score_unit(ctx *c, int32_t parent, double chars, uint32_t commas)
{
    if (chars < MIN_UNIT_CHARS || parent < 0)
        return;
    double hundreds = floor(chars / 100);
    double score = 1 + (commas + 1) + (hundreds > 3 ? 3 : hundreds);
    int32_t e = parent;
    for (int level = 0; level < SCORE_LEVELS && e >= 0; level++) {
        add_score(c, e, score, level);
        e = c->elems[e].parent;
    }
}

static void score_all(ctx *c)
{
    for (size_t e = 0; e < c->nelems; e++) {
        c->elems[e].scored = false;
        c->elems[e].score = 0;
        c->elems[e].visited = false;
    }
    /* units in document order of their first block, as readability walks the page */
    for (size_t b = 0; b < c->nblocks; b++) {
        if (!c->blocks[b].live)
            continue;
        size_t n = block_path(c, b);
        /* the elements shared with the last block, if it was in play, are visited */
        size_t first = b > 0 && c->blocks[b - 1].live ? c->blocks[b].shared : 0;
        for (size_t k = first; k < n; k++) {
            elem *x = &c->elems[c->path[k]];
            if (x->visited)
                continue;
            x->visited = true;
            if (!scored_tag(x->tag) && !x->p_like)
                continue;
            score_unit(c, x->parent, x->live_chars, x->live_commas);
        }
        /* loose text in a div that has other children: a p of its own */
        const binfo *bi = &c->blocks[b];
        if (bi->loose && bi->elem >= 0 && c->elems[bi->elem].tag == RS_TAG_DIV
            && !c->elems[bi->elem].p_like)
            score_unit(c, bi->elem, bi->chars, bi->commas);
    }
}

/* ------------------------------------------------------------------ */
/* Step 3: the top candidate                                            */

static bool is_ancestor(const ctx *c, int32_t anc, int32_t e)
{
    for (int32_t x = e; x >= 0; x = c->elems[x].parent)
        if (x == anc)
            return true;
    return false;
}

static int32_t pick_top(ctx *c)
{
    int32_t top[TOP_CANDIDATES];
    size_t ntop = 0;
    for (size_t e = 0; e < c->nelems; e++) {
        elem *x = &c->elems[e];
        if (!x->scored)
            continue;
        x->score *= 1 - density(x->live_link_chars, x->live_chars);
        size_t at = ntop;
        while (at > 0 && c->elems[top[at - 1]].score < x->score)
            at--;
        if (at >= TOP_CANDIDATES)
            continue;
        if (ntop < TOP_CANDIDATES)
            ntop++;
        memmove(top + at + 1, top + at, (ntop - 1 - at) * sizeof *top);
        top[at] = (int32_t)e;
    }
    if (ntop == 0 || c->elems[top[0]].tag == RS_TAG_BODY)
        return -1;
    int32_t best = top[0];
    /* several strong candidates inside one ancestor: the ancestor is the article */
    size_t strong = 0;
    int32_t alts[TOP_CANDIDATES];
    for (size_t i = 1; i < ntop; i++)
        if (c->elems[top[i]].score / c->elems[best].score >= 0.75)
            alts[strong++] = top[i];
    if (strong >= MIN_SHARED_CANDIDATES) {
        for (int32_t p = c->elems[best].parent; p >= 0 && c->elems[p].tag != RS_TAG_BODY;
             p = c->elems[p].parent) {
            size_t sharing = 0;
            for (size_t i = 0; i < strong; i++)
                sharing += is_ancestor(c, p, alts[i]);
            if (sharing >= MIN_SHARED_CANDIDATES) {
                best = p;
                break;
            }
        }
    }
    if (!c->elems[best].scored) {
        c->elems[best].scored = true;
        c->elems[best].score = tag_base(c->elems[best].tag) + weight_of(c, &c->elems[best]);
    }
    /* a parent that scores at least a third as well, and better, holds more of it */
    double last = c->elems[best].score, threshold = last / 3;
    for (int32_t p = c->elems[best].parent; p >= 0 && c->elems[p].tag != RS_TAG_BODY;
         p = c->elems[p].parent) {
        if (!c->elems[p].scored)
            continue;
        double s = c->elems[p].score;
        if (s < threshold)
            break;
        if (s > last) {
            best = p;
            break;
        }
        last = s;
    }
    return best;
}

static int32_t climb_single_children(ctx *c, int32_t top)
{
    for (int32_t p = c->elems[top].parent; p >= 0 && c->elems[p].tag != RS_TAG_BODY;
         p = c->elems[p].parent) {
        size_t n = 0;
        const elem *el = &c->elems[p];
        int32_t last = -2;
        /* element children only: loose text is not a child unless a div wraps it */
        size_t nocc;
        const occurrence *occ = occurrences(c, p, &nocc);
        for (size_t i = 0; i < nocc && n < 2; i++) {
            size_t b = occ[i].block;
            if (!c->blocks[b].live)
                continue;
            size_t len = block_path(c, b);
            long at = (long)occ[i].at;
            if ((size_t)at == len - 1) {
                if (el->tag == RS_TAG_DIV)
                    n++;
                continue;
            }
            if (c->path[at + 1] != last) {
                last = c->path[at + 1];
                n++;
            }
        }
        if (n != 1)
            break;
        top = p;
    }
    return top;
}

/* ------------------------------------------------------------------ */
/* Step 4: siblings                                                     */

static void choose_subtree(ctx *c, int32_t e)
{
    const elem *el = &c->elems[e];
    if (el->first_block == RS_NONE)
        return;
    size_t nocc;
    const occurrence *occ = occurrences(c, e, &nocc);
    for (size_t i = 0; i < nocc; i++)
        if (c->blocks[occ[i].block].live)
            c->blocks[occ[i].block].chosen = true;
}

static void choose_siblings(ctx *c, int32_t top)
{
    int32_t parent = c->elems[top].parent;
    if (parent < 0) {
        choose_subtree(c, top);
        return;
    }
    const elem *t = &c->elems[top];
    double threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
    const elem *pe = &c->elems[parent];
    int32_t last = -2;
    size_t nocc;
    const occurrence *occ = occurrences(c, parent, &nocc);
    for (size_t i = 0; i < nocc; i++) {
        size_t b = occ[i].block;
        if (!c->blocks[b].live)
            continue;
        size_t len = block_path(c, b);
        long at = (long)occ[i].at;
        if ((size_t)at == len - 1) {
            /* loose text: a sibling p only where a div wraps it */
            const binfo *bi = &c->blocks[b];
            if (pe->tag != RS_TAG_DIV)
                continue;
            double ld = density(bi->link_chars, bi->chars);
            if ((bi->chars > 80 && ld < 0.25)
                || (bi->chars < 80 && bi->chars > 0 && ld == 0 && bi->sentence_end))
                c->blocks[b].chosen = true;
            continue;
        }
        int32_t s = c->path[at + 1];
        if (s == last)
            continue;
        last = s;
        if (s == top) {
            choose_subtree(c, s);
            continue;
        }
        const elem *se = &c->elems[s];
        double bonus = se->class_hash && se->class_hash == t->class_hash ? t->score * 0.2 : 0;
        bool append = se->scored && se->score + bonus >= threshold;
        if (!append && (se->tag == RS_TAG_P || se->p_like)) {
            double chars = se->live_chars;
            double ld = density(se->live_link_chars, chars);
            /* is there a full stop followed by a space, or at the end? */
            bool sentence = false;
            for (size_t k = se->first_block; k <= se->last_block && !sentence; k++)
                sentence = c->blocks[k].live && c->blocks[k].sentence_end;
            if (chars > 80 && ld < 0.25)
                append = true;
            else if (chars < 80 && chars > 0 && ld == 0 && sentence)
                append = true;
        }
        if (append)
            choose_subtree(c, s);
    }
}

/* ------------------------------------------------------------------ */
/* Step 5: cleaning                                                     */

static void remove_subtree(ctx *c, int32_t e)
{
    size_t nocc;
    const occurrence *occ = occurrences(c, e, &nocc);
    for (size_t i = 0; i < nocc; i++) {
        if (c->blocks[occ[i].block].chosen)
            c->blocks[occ[i].block].removed = true;
    }
}

/* Only chosen blocks count while cleaning: the article is all there is. */
static void restrict_to_chosen(ctx *c)
{
    for (size_t b = 0; b < c->nblocks; b++)
        if (!c->blocks[b].chosen)
            c->blocks[b].live = false;
}

/*
 * Blocks [0, b) still in play outside the article, for every b: with it,
 * whether an element's subtree is wholly chosen is one subtraction, not a
 * walk over its blocks (a walk per chosen block made big pages quadratic).
 * Cleaning only removes chosen blocks, which were never counted, so the
 * counts stay true while clean_article runs.
 */
static void count_unchosen(ctx *c)
{
    size_t *before = c->unchosen_before;
    before[0] = 0;
    for (size_t b = 0; b < c->nblocks; b++) {
        bool outside = c->blocks[b].live && !c->blocks[b].chosen && !c->blocks[b].removed;
        before[b + 1] = before[b] + outside;
    }
}

/* The outermost chosen element of each chosen block: the article's children. */
static long article_root_depth(ctx *c, size_t n)
{
    const size_t *unchosen_before = c->unchosen_before;
    /* the deepest element whose subtree is not wholly chosen is above the article */
    for (size_t k = 0; k < n; k++) {
        const elem *x = &c->elems[c->path[k]];
        if (x->first_block == RS_NONE
            || unchosen_before[x->last_block + 1] == unchosen_before[x->first_block])
            return (long)k;
    }
    return (long)n;
}

static bool is_data_table(ctx *c, int32_t t)
{
    uint32_t rows = 0, cols = 0, cells_in_row = 0;
    int32_t last_row = -1;
    bool header = false;
    size_t nocc;
    const occurrence *occ = occurrences(c, t, &nocc);
    for (size_t i = 0; i < nocc; i++) {
        size_t n = path_into(c, occ[i].block, &c->spath);
        size_t at = occ[i].at;
        for (size_t k = at + 1; k < n; k++) {
            const elem *x = &c->elems[c->spath[k]];
            if (x->tag == RS_TAG_TABLE)
                return false; /* a table of tables lays out the page */
            if (x->tag == RS_TAG_TH || x->tag == RS_TAG_THEAD || x->tag == RS_TAG_TFOOT
                || x->tag == RS_TAG_CAPTION)
                header = true;
            if (x->tag == RS_TAG_TR && c->spath[k] != last_row) {
                last_row = c->spath[k];
                rows++;
                cells_in_row = 0;
            }
            if ((x->tag == RS_TAG_TD || x->tag == RS_TAG_TH) && k + 1 == n) {
                cells_in_row++;
                if (cells_in_row > cols)
                    cols = cells_in_row;
            }
        }
    }
    return header || rows >= 10 || cols > 4 || rows * cols > 10;
}

/* is_data_table(), asked once per table. */
static bool data_table(ctx *c, int32_t t)
{
    elem *el = &c->elems[t];
    if (el->data_table == 0)
        el->data_table = is_data_table(c, t) ? 1 : -1;
    return el->data_table > 0;
}

/* What an element's ancestors are, as ancestry() keeps it. */
enum { ANC_KNOWN = 1, ANC_FIGURE = 2, ANC_DATA_TABLE = 4 };

/* What x adds to the ancestry of the elements under it. */
static unsigned ancestry_of_own(ctx *c, int32_t x)
{
    const elem *el = &c->elems[x];
    return (el->tag == RS_TAG_FIGURE ? ANC_FIGURE : 0u)
           | (el->tag == RS_TAG_TABLE && data_table(c, x) ? ANC_DATA_TABLE : 0u);
}

/*
 * Whether an element is inside a <figure>, or inside a data table
 * (ANC_*).  Every element cleaned asks, and walking its parents each time
 * made deep nesting quadratic (20,000 nested <div>s, each with a word:
 * 3.3 s): the answer is kept for each element on the way up, so that each
 * parent is walked once.
 */
static unsigned ancestry(ctx *c, int32_t e)
{
    if (c->elems[e].ancestry & ANC_KNOWN)
        return c->elems[e].ancestry;
    /* up to the first ancestor whose answer is known, counting what is on the way */
    size_t figures = 0, tables = 0;
    int32_t top = c->elems[e].parent;
    for (; top >= 0 && !(c->elems[top].ancestry & ANC_KNOWN); top = c->elems[top].parent) {
        unsigned own = ancestry_of_own(c, top);
        figures += (own & ANC_FIGURE) != 0;
        tables += (own & ANC_DATA_TABLE) != 0;
    }
    unsigned base = top >= 0 ? (c->elems[top].ancestry | ancestry_of_own(c, top)) & ~ANC_KNOWN : 0u;
    /* then each of those gets what is above it */
    for (int32_t x = c->elems[e].parent; x != top; x = c->elems[x].parent) {
        unsigned own = ancestry_of_own(c, x);
        figures -= (own & ANC_FIGURE) != 0;
        tables -= (own & ANC_DATA_TABLE) != 0;
        c->elems[x].ancestry = (uint8_t)(ANC_KNOWN | base | (figures ? ANC_FIGURE : 0u)
                                         | (tables ? ANC_DATA_TABLE : 0u));
    }
    int32_t parent = c->elems[e].parent;
    unsigned above = parent >= 0 ? (c->elems[parent].ancestry | ancestry_of_own(c, parent)) : 0u;
    c->elems[e].ancestry = (uint8_t)(ANC_KNOWN | (above & ~ANC_KNOWN));
    return c->elems[e].ancestry;
}

/* Does some list item under e hold more than one block (an image and text)? */
static bool items_hold_more(ctx *c, int32_t e)
{
    int32_t last_item = -1;
    size_t blocks_in_item = 0;
    size_t nocc;
    const occurrence *occ = occurrences(c, e, &nocc);
    for (size_t i = 0; i < nocc; i++) {
        size_t b = occ[i].block;
        if (!in_play(c, b))
            continue;
        size_t n = path_into(c, b, &c->spath);
        size_t at = occ[i].at;
        int32_t item = -1;
        for (size_t k = (size_t)at + 1; k < n && item < 0; k++)
            if (c->elems[c->spath[k]].tag == RS_TAG_LI)
                item = c->spath[k];
        if (item != last_item) {
            last_item = item;
            blocks_in_item = 0;
        }
        if (++blocks_in_item > 1)
            return true;
    }
    return false;
}

static bool should_clean(ctx *c, int32_t e)
{
    const elem *el = &c->elems[e];
    bool list = is_list_tag(el->tag);
    stats st;
    subtree_stats(c, e, &st);
    if (st.chars == 0 && st.img == 0)
        return false;
    if (!list)
        list = density(st.list_chars, st.chars) > 0.9;
    if (el->tag == RS_TAG_TABLE && data_table(c, e))
        return false;
    unsigned anc = ancestry(c, e);
    if (anc & ANC_DATA_TABLE)
        return false;
    if (el->flags & RS_ELEM_IN_CODE)
        return false;
    double weight = weight_of(c, el);
    if (weight < 0)
        return true;
    if (st.commas >= 10)
        return false;
    bool in_figure = (anc & ANC_FIGURE) != 0;
    double p = st.p, img = st.img, li = (double)st.li - 100;
    double ld = density(st.link_chars, st.chars);
    double heading_density = density(st.heading_chars, st.chars);
    bool remove = (img > 1 && p / img < 0.5 && !in_figure) || (!list && li > p)
                  || (!list && heading_density < 0.9 && st.chars < 25 && (img == 0 || img > 2)
                      && !in_figure)
                  || (!list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5);
    /* a list of images, one per item and nothing else in it, is a gallery */
    if (list && remove && st.li > 0 && st.img == st.li && !items_hold_more(c, e))
        return false;
    return remove;
}

static bool kept(const ctx *c, size_t b)
{
    return c->blocks[b].chosen && !c->blocks[b].removed;
}

/*
 * The first block at or after b that is chosen and not removed (nblocks if
 * none).  While cleaning, blocks only ever leave the article, so a block
 * found out stays out: c->skip[b] jumps over blocks known to be out, and
 * each search shortens the jumps it took (a scan per element made nested
 * pages quadratic).
 */
static size_t next_kept(ctx *c, size_t b)
{
    size_t r = b;
    while (r < c->nblocks && !kept(c, r))
        r = c->skip[r];
    while (b < r) {
        size_t next = c->skip[b];
        c->skip[b] = r;
        b = next;
    }
    return r;
}

static void clean_conditionally(ctx *c, uint8_t tag, long *root_depth)
{
    (void)root_depth;
    /* reverse document order: inner elements go before the ones holding them */
    for (size_t i = c->nelems; i-- > 0;) {
        elem *el = &c->elems[i];
        if (el->tag != tag || el->first_block == RS_NONE)
            continue;
        if (next_kept(c, el->first_block) > el->last_block)
            continue;
        if (should_clean(c, (int32_t)i))
            remove_subtree(c, (int32_t)i);
    }
}

static void clean_article(ctx *c)
{
    restrict_to_chosen(c);
    count_unchosen(c);
    for (size_t b = 0; b < c->nblocks; b++) {
        if (!c->blocks[b].chosen)
            continue;
        /* where the article starts in the path matters only to footers, asides and share boxes */
        bool boxed = c->blocks[b].path_flags & (PATH_FOOTER_OR_ASIDE | RS_ELEM_SHARE);
        size_t n = boxed ? block_path(c, b) : 0;
        long root = boxed ? article_root_depth(c, n) : 0;
        for (size_t k = 0; k < n; k++) {
            const elem *x = &c->elems[c->path[k]];
            bool inside = (long)k >= root;
            /* footers and asides inside the article are not the story */
            if (inside && (x->tag == RS_TAG_FOOTER || x->tag == RS_TAG_ASIDE))
                c->blocks[b].removed = true;
            if ((long)k > root && (x->flags & RS_ELEM_SHARE)) {
                stats st;
                subtree_stats(c, c->path[k], &st);
                if (st.chars < SHARE_MAX_CHARS)
                    c->blocks[b].removed = true;
            }
        }
        /* headings whose names say chrome */
        const elem *own = c->blocks[b].elem >= 0 ? &c->elems[c->blocks[b].elem] : NULL;
        if (own && (own->tag == RS_TAG_H1 || own->tag == RS_TAG_H2) && weight_of(c, own) < 0)
            c->blocks[b].removed = true;
    }
    if (!(c->flags & FLAG_CLEAN))
        return;
    static const uint8_t order[] = {RS_TAG_FORM, RS_TAG_FIELDSET, RS_TAG_TABLE, RS_TAG_UL,
                                    RS_TAG_DIV};
    for (size_t b = 0; b < c->nblocks; b++)
        c->skip[b] = b + 1;
    for (size_t i = 0; i < sizeof order; i++)
        clean_conditionally(c, order[i], NULL);
}

/* ------------------------------------------------------------------ */
/* One pass and the retries                                             */

static double run_pass(ctx *c, unsigned flags)
{
    c->flags = flags;
    mark_live(c);
    survey_live(c);
    score_all(c);
    int32_t top = pick_top(c);
    if (top < 0) {
        /* no container stands out: the whole page is the article */
        for (size_t b = 0; b < c->nblocks; b++)
            c->blocks[b].chosen = c->blocks[b].live;
    } else {
        top = climb_single_children(c, top);
        choose_siblings(c, top);
    }
    clean_article(c);
    double chars = 0;
    for (size_t b = 0; b < c->nblocks; b++)
        if (c->blocks[b].chosen && !c->blocks[b].removed)
            chars += c->blocks[b].chars;
    return chars;
}

/* ------------------------------------------------------------------ */
/* Cues of our own                                                      */

/* One of the words a counter or a share button says, case aside (w: 3 to 8 ASCII alphanumerics). */
static bool counter_word(const char *w, size_t len)
{
    static const char words[][9] = {
        "comment", "comments", "share", "shares", "tweet", "like", "likes", "view", "views",
        "reply", "replies", "email", "print", "pin", "save",
    };
    char low[8];
    if (len < 3 || len > sizeof low)
        return false;
    for (size_t k = 0; k < len; k++)
        low[k] = (char)(w[k] | 32); /* letters and digits only: |32 lowers letters, keeps digits */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i][0] == low[0] && memcmp(words[i], low, len) == 0 && words[i][len] == '\0')
            return true;
    return false;
}

static bool only_counter(const char *t, size_t len)
{
    size_t words_seen = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && !((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z') && !(t[i] >= '0' && t[i] <= '9')) {
            if ((unsigned char)t[i] >= 0x80)
                return false;
            i++;
        }
        size_t s = i;
        while (i < len && (((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z') || (t[i] >= '0' && t[i] <= '9')))
            i++;
        if (i == s)
            break;
        /* more than four words, or one not known: not a counter, whatever follows */
        if (++words_seen > 4)
            return false;
        bool number = t[s] >= '0' && t[s] <= '9';
        if (!number && !counter_word(t + s, i - s))
            return false;
    }
    return words_seen > 0;
}

/*
 * A box whose class/id says cookie, newsletter, subscribe, share, related,
 * promo... and that holds little text is chrome even inside the article
 * (readability's lists miss cookie and newsletter boxes).  The size limit
 * keeps a page-wide wrapper with such a name from taking the story along.
 */
static bool in_small_chrome_box(ctx *c, size_t b)
{
    if (!(c->blocks[b].path_flags & RS_ELEM_BAD_WORDS))
        return false;
    size_t n = block_path(c, b);
    for (size_t k = 0; k < n; k++) {
        int32_t e = c->path[k];
        if ((c->elems[e].flags & RS_ELEM_BAD_WORDS) && text_under(c, e) < CHROME_BOX_MAX_CHARS)
            return true;
    }
    return false;
}

/* Only compared for equality: eight bytes per step. */
static uint32_t text_hash(const char *t, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) { /* two words a step: the same hash, less loop */
        uint64_t w[2];
        memcpy(w, t + i, 16);
        h = (h ^ w[0]) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 29;
        h = (h ^ w[1]) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 29;
    }
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    for (; i < len; i++)
        tail = tail << 8 | (unsigned char)t[i];
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53u;
    h ^= h >> 32;
    return (uint32_t)h;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* How many blocks of the page have each block's text (by hash). */
static void our_cues(ctx *c, rs_role *roles)
{
    uint32_t *hashes = rs__alloc(c->a, (c->nblocks + 1) * sizeof *hashes);
    uint32_t *sorted = rs__alloc(c->a, (c->nblocks + 1) * sizeof *sorted);
    for (size_t b = 0; b < c->nblocks; b++) {
        size_t len;
        const char *t = rs_report_block_text(c->r, b, &len);
        if (hashes)
            hashes[b] = len ? text_hash(t, len) : 0;
        if (roles[b] != RS_ROLE_CONTENT)
            continue;
        if ((c->d->evidence[b].hints & RS_HINT_NAV) || in_small_chrome_box(c, b))
            roles[b] = RS_ROLE_BOILERPLATE;
        else if (len && len < 40 && only_counter(t, len))
            roles[b] = RS_ROLE_BOILERPLATE;
    }
    if (hashes && sorted) {
        /* the hashes of blocks outside the article */
        size_t nout = 0;
        for (size_t b = 0; b < c->nblocks; b++)
            if (roles[b] == RS_ROLE_BOILERPLATE && hashes[b])
                sorted[nout++] = hashes[b];
        qsort(sorted, nout, sizeof *sorted, compare_u32);
        /* a block of the article that the page repeats outside it is chrome (link lists) */
        for (size_t b = 0; b < c->nblocks && nout; b++) {
            if (roles[b] != RS_ROLE_CONTENT || !hashes[b] || c->r->blocks[b].words == 0)
                continue;
            if (bsearch(&hashes[b], sorted, nout, sizeof *sorted, compare_u32))
                roles[b] = RS_ROLE_REPEATED;
        }
        for (size_t b = 0; b < c->nblocks; b++)
            if (roles[b] == RS_ROLE_REPEATED)
                roles[b] = RS_ROLE_BOILERPLATE;
    }
    rs__free(c->a, hashes, (c->nblocks + 1) * sizeof *hashes);
    rs__free(c->a, sorted, (c->nblocks + 1) * sizeof *sorted);
}

/* ------------------------------------------------------------------ */

/* Without memory for the tree, markup hints alone decide. */
static void roles_from_hints(rs__doc *d)
{
    rs_report *r = d->report;
    for (size_t i = 0; i < r->nblocks; i++) {
        uint32_t h = d->evidence[i].hints;
        rs_block *b = &r->blocks[i];
        if (h & (RS_HINT_NAV | RS_HINT_FOOTER | RS_HINT_ASIDE | RS_HINT_HIDDEN | RS_HINT_FORM
                 | RS_HINT_BAD_NAME))
            b->role = RS_ROLE_BOILERPLATE;
        else if (h & RS_HINT_BYLINE)
            b->role = RS_ROLE_BYLINE;
        else if (h & RS_HINT_CAPTION)
            b->role = RS_ROLE_CAPTION;
    }
}

static void free_ctx(ctx *c)
{
    rs__free(c->a, c->elems, c->elems_cap * sizeof *c->elems);
    rs__free(c->a, c->slots, c->nslots * sizeof *c->slots);
    rs__free(c->a, c->blocks, (c->nblocks + 1) * sizeof *c->blocks);
    rs__free(c->a, c->elem_paths, c->npath_elems * sizeof *c->elem_paths);
    rs__free(c->a, c->path_at, (c->nblocks + 1) * sizeof *c->path_at);
    rs__free(c->a, c->occ, c->npath_elems * sizeof *c->occ);
    rs__free(c->a, c->occ_start, c->elems_cap * sizeof *c->occ_start);
    rs__free(c->a, c->unchosen_before, (c->nblocks + 1) * sizeof *c->unchosen_before);
    rs__free(c->a, c->skip, (c->nblocks + 1) * sizeof *c->skip);
    rs__free(c->a, c->title_starts, c->title_starts_cap * sizeof *c->title_starts);
}

void rs__roles_html(rs__doc *d)
{
    rs_report *r = d->report;
    if (r->nblocks == 0)
        return;
    if (r->nblocks >= UINT32_MAX) {
        roles_from_hints(d);
        return;
    }
    ctx c = {.d = d, .r = r, .a = &d->alloc, .nblocks = r->nblocks};
    c.blocks = rs__alloc(c.a, (c.nblocks + 1) * sizeof *c.blocks);
    c.unchosen_before = rs__alloc(c.a, (c.nblocks + 1) * sizeof *c.unchosen_before);
    c.skip = rs__alloc(c.a, (c.nblocks + 1) * sizeof *c.skip);
    rs_role *roles = rs__alloc(c.a, r->nblocks * sizeof *roles);
    if (!c.blocks || !c.unchosen_before || !c.skip || !roles) {
        free_ctx(&c);
        rs__free(c.a, roles, r->nblocks * sizeof *roles);
        roles_from_hints(d);
        return;
    }
    memset(c.blocks, 0, (c.nblocks + 1) * sizeof *c.blocks);
    if (!build_table(&c) || !find_title_starts(&c)) {
        free_ctx(&c);
        rs__free(c.a, roles, r->nblocks * sizeof *roles);
        roles_from_hints(d);
        return;
    }
    for (size_t b = 0; b < r->nblocks; b++) {
        measure_text(&c, b);
        c.blocks[b].loose = (d->evidence[b].hints & RS_HINT_LOOSE_TEXT) != 0;
        /* text_under() of every element, summed in block order as a walk over its blocks would */
        const int32_t *path;
        size_t n = path_into(&c, b, &path);
        for (size_t k = 0; k < n; k++)
            c.elems[path[k]].text_under += c.blocks[b].chars;
    }

    static const unsigned attempts[] = {
        FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES | FLAG_CLEAN,
        FLAG_WEIGHT_CLASSES | FLAG_CLEAN,
        FLAG_CLEAN,
        0,
    };
    double best_chars = -1;
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        double chars = run_pass(&c, attempts[i]);
        if (chars > best_chars) {
            best_chars = chars;
            for (size_t b = 0; b < r->nblocks; b++) {
                bool kept = c.blocks[b].chosen && !c.blocks[b].removed;
                roles[b] = kept ? RS_ROLE_CONTENT : RS_ROLE_BOILERPLATE;
                if (b == c.title_block)
                    roles[b] = RS_ROLE_TITLE;
                else if (b == c.byline_block)
                    roles[b] = RS_ROLE_BYLINE;
            }
        }
        if (chars >= CHAR_THRESHOLD)
            break;
    }
    our_cues(&c, roles);
    for (size_t b = 0; b < r->nblocks; b++) {
        rs_role role = roles[b];
        if (role == RS_ROLE_CONTENT
            && (r->blocks[b].kind == RS_BLOCK_CAPTION || (d->evidence[b].hints & RS_HINT_CAPTION)))
            role = RS_ROLE_CAPTION;
        r->blocks[b].role = role;
    }
    rs__free(c.a, roles, r->nblocks * sizeof *roles);
    free_ctx(&c);
}
