/*
 * markdown_text.h: the text a reader sees in one Markdown block, built
 * piece by piece from md4c's callbacks, with the map from text offsets back
 * to input offsets that rs__block_in wants.  Where one run of text ends and
 * the next begins elsewhere in the input, the map holds two entries at the
 * same text offset: where the first run ended, then where the next starts
 * (offsets of word starts take the last, of word ends the first).
 *
 * Three kinds of pieces arrive: input bytes shown as they are (md4c hands
 * pointers into the input), bytes that stand for markup (an entity decoded,
 * a space for a soft line break), and raw HTML, of which only the visible
 * text is kept.
 */
#ifndef RS_FORMAT_MARKDOWN_TEXT_H
#define RS_FORMAT_MARKDOWN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "readstat.h"

/* Longest tag name the raw-HTML stripper needs to recognise ("noscript"). */
enum { RS_MD_TAG_MAX = 15 };

typedef struct rs__md_text {
    const rs_allocator *alloc;
    /*
     * While the text is one run of input bytes (most paragraphs are), it is
     * not copied: view points at it in the input, which outlives the block.
     * The first byte that breaks the run copies it into bytes.
     */
    const char *view;
    char *bytes;
    size_t len, cap;
    size_t *map_text, *map_src;
    size_t map_len, map_text_cap, map_src_cap;
    bool verbatim_last;   /* the last map entry starts a run copied from the input */
    bool end_mark_last;   /* the last map entry says where the text before it ended */
    bool keep_space;      /* code: leading and inner white space is what the reader sees */
    char pending;         /* a separator (' ' or '\n') owed before the next visible byte */
    size_t pending_src;
    /* the input bytes the block drew on, shown or not (for its source span) */
    bool touched;
    size_t touch_min, touch_max;
    /* raw HTML: the stripper's state carries over between md4c's pieces */
    int html_state;
    char quote;           /* inside a quoted attribute value */
    char tag[RS_MD_TAG_MAX + 1];
    size_t tag_len;
    bool tag_closing;
    char skip_tag[RS_MD_TAG_MAX + 1]; /* script, style...: hidden until </skip_tag */
    size_t skip_match;    /* bytes of "</skip_tag" matched so far */
    unsigned dashes;      /* '-' just seen inside a comment */
    size_t lt_src;        /* where the '<' that may open a tag is */
} rs__md_text;

void rs__md_text_init(rs__md_text *t, const rs_allocator *alloc);

/* The raw-HTML stripper's state between tags. */
enum { RS_MD_HTML_TEXT = 0 };

/* Empties the buffer for the next block (keeps the memory); inline, as
   every block boundary calls it. */
static inline void rs__md_text_reset(rs__md_text *t)
{
    t->view = NULL;
    t->len = 0;
    t->map_len = 0;
    t->verbatim_last = false;
    t->end_mark_last = false;
    t->keep_space = false;
    t->pending = 0;
    t->touched = false;
    t->html_state = RS_MD_HTML_TEXT;
    t->quote = 0;
    t->tag_len = 0;
    t->skip_match = 0;
    t->dashes = 0;
}

void rs__md_text_release(rs__md_text *t);

/*
 * The raw-HTML stripper's state of `from` goes on in t: an HTML block cut
 * into pieces (format/markdown.c) reads its next piece as it would have
 * read it whole (inside a tag, a comment, a script...).
 */
static inline void rs__md_text_html_carry(rs__md_text *t, const rs__md_text *from)
{
    t->html_state = from->html_state;
    t->quote = from->quote;
    memcpy(t->tag, from->tag, sizeof t->tag);
    t->tag_len = from->tag_len;
    t->tag_closing = from->tag_closing;
    memcpy(t->skip_tag, from->skip_tag, sizeof t->skip_tag);
    t->skip_match = from->skip_match;
    t->dashes = from->dashes;
    t->lt_src = from->lt_src;
}

/* Input bytes input[src..src+n), shown as they are. */
rs_status rs__md_text_copy(rs__md_text *t, const char *s, size_t n, size_t src);
/* The text so far, t->len bytes. */
static inline const char *rs__md_text_bytes(const rs__md_text *t)
{
    return t->view ? t->view : t->bytes;
}

static inline bool rs__md_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Input bytes the block covers without showing them (alt text, a link's URL). */
static inline void rs__md_text_touch(rs__md_text *t, size_t src, size_t n)
{
    if (!t->touched) {
        t->touched = true;
        t->touch_min = src;
        t->touch_max = src + n;
        return;
    }
    if (src < t->touch_min)
        t->touch_min = src;
    if (src + n > t->touch_max)
        t->touch_max = src + n;
}

/* rs__md_text_copy_input() where the text so far is not one run it continues. */
rs_status rs__md_text_copy_input_other(rs__md_text *t, const char *s, size_t n, size_t src);

/*
 * rs__md_text_copy() for s pointing into the input itself, which stays
 * until the block is handed over: a block that is one run keeps pointing
 * there instead of copying.  Inline, as nearly every piece of text md4c
 * hands over comes here, and most start or continue a block's one run.
 */
static inline rs_status rs__md_text_copy_input(rs__md_text *t, const char *s, size_t n,
                                               size_t src)
{
    if (n && t->view && s == t->view + t->len && !t->pending) { /* the run goes on */
        rs__md_text_touch(t, src, n);
        t->len += n;
        return RS_OK;
    }
    if (n && t->len == 0 && t->map_len == 0 && t->map_text_cap && t->map_src_cap
        && !rs__md_is_space(s[0])) { /* the block's first text, with no space to drop */
        rs__md_text_touch(t, src, n);
        t->pending = 0;
        t->map_text[0] = 0;
        t->map_src[0] = src;
        t->map_len = 1;
        t->verbatim_last = true;
        t->end_mark_last = false;
        t->view = s;
        t->len = n;
        return RS_OK;
    }
    return rs__md_text_copy_input_other(t, s, n, src);
}
/* The text is input[src..src+len) itself, so it needs no map. */
static inline bool rs__md_text_is_input(const rs__md_text *t, size_t src)
{
    return t->view && t->map_len == 1 && t->map_src[0] == src;
}
/* An entity, input[src..src+n) such as "&eacute;", decoded (or kept if unknown). */
rs_status rs__md_text_entity(rs__md_text *t, const char *s, size_t n, size_t src);
/* A break in the source at src: a space (soft) or a new line (hard) if text follows. */
static inline void rs__md_text_break(rs__md_text *t, char sep, size_t src)
{
    if (t->len == 0)
        return;
    if (t->pending != '\n') /* a hard break wins over a soft one */
        t->pending = sep;
    t->pending_src = src;
}
/* A code point with no source of its own (U+FFFD for a NUL), shown at src. */
rs_status rs__md_text_codepoint(rs__md_text *t, unsigned long cp, size_t src);
/* Bytes that are not in the input (a code block's line ends), shown at src. */
rs_status rs__md_text_insert(rs__md_text *t, const char *s, size_t n, size_t src);
/*
 * Raw HTML, input[src..src+n) (a line of an HTML block, or one inline tag):
 * tags, comments and the content of script, style, template, svg and
 * noscript are dropped, entities decoded, white space collapsed; an <img>
 * adds one to *images.  The state carries over, so a tag may span lines.
 * The caller marks the bytes as touched (a line end md4c hands over is not
 * in the input).
 */
rs_status rs__md_text_html(rs__md_text *t, const char *s, size_t n, size_t src,
                           unsigned *images);
/*
 * The text becomes a copy of its own: a view points into the buffer md4c
 * parsed, which a piece with a prefix frees when its parse is over.
 */
rs_status rs__md_text_own(rs__md_text *t);
/*
 * Appends more's text and map to t's, after sep (0: none) standing for the
 * input byte at sep_src: a block that a piece ended inside, joined with
 * where the next piece goes on with it (format/markdown.c, md_held).
 */
rs_status rs__md_text_join(rs__md_text *t, char sep, size_t sep_src, const rs__md_text *more);
/* Drops trailing white space, and map entries past the end of the text. */
static inline rs_status rs__md_text_finish(rs__md_text *t)
{
    t->pending = 0;
    const char *bytes = rs__md_text_bytes(t);
    while (t->len && rs__md_is_space(bytes[t->len - 1]))
        t->len--;
    while (t->map_len && t->map_text[t->map_len - 1] > t->len)
        t->map_len--;
    return RS_OK;
}

/*
 * Decodes an entity ("&amp;", "&#233;", "&#xE9;") into UTF-8 in out (at
 * least 4 bytes).  Returns the length, or 0 for a name it does not know.
 */
size_t rs__entity_decode(const char *s, size_t n, char *out);

#endif
