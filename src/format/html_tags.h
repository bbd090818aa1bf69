/*
 * html_tags.h: what the HTML front-end and the HTML role classifier agree
 * on about elements: a small tag vocabulary, how each tag flows, and what
 * class and id names suggest.
 */
#ifndef RS_FORMAT_HTML_TAGS_H
#define RS_FORMAT_HTML_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Only the tags that change how text flows or how a block is judged. */
typedef enum rs__html_tag {
    RS_TAG_OTHER = 0, /* any inline or unknown element */
    RS_TAG_A, RS_TAG_ADDRESS, RS_TAG_ARTICLE, RS_TAG_ASIDE, RS_TAG_AUDIO, RS_TAG_BLOCKQUOTE,
    RS_TAG_BODY, RS_TAG_BR, RS_TAG_BUTTON, RS_TAG_CANVAS, RS_TAG_CAPTION, RS_TAG_CENTER,
    RS_TAG_CODE, RS_TAG_DD, RS_TAG_DETAILS, RS_TAG_DIALOG, RS_TAG_DIV, RS_TAG_DL, RS_TAG_DT,
    RS_TAG_EMBED, RS_TAG_FIELDSET, RS_TAG_FIGCAPTION, RS_TAG_FIGURE, RS_TAG_FOOTER, RS_TAG_FORM,
    RS_TAG_H1, RS_TAG_H2, RS_TAG_H3, RS_TAG_H4, RS_TAG_H5, RS_TAG_H6, RS_TAG_HEAD,
    RS_TAG_HEADER, RS_TAG_HGROUP, RS_TAG_HR, RS_TAG_HTML, RS_TAG_IFRAME, RS_TAG_IMG,
    RS_TAG_INPUT, RS_TAG_LEGEND, RS_TAG_LI, RS_TAG_LINK, RS_TAG_MAIN, RS_TAG_MENU, RS_TAG_META,
    RS_TAG_NAV, RS_TAG_NOSCRIPT, RS_TAG_OBJECT, RS_TAG_OL, RS_TAG_OPTION, RS_TAG_P,
    RS_TAG_PICTURE, RS_TAG_PRE, RS_TAG_SCRIPT, RS_TAG_SECTION, RS_TAG_SELECT, RS_TAG_STYLE,
    RS_TAG_SUMMARY, RS_TAG_SVG, RS_TAG_TABLE, RS_TAG_TBODY, RS_TAG_TD, RS_TAG_TEMPLATE,
    RS_TAG_TEXTAREA, RS_TAG_TFOOT, RS_TAG_TH, RS_TAG_THEAD, RS_TAG_TIME, RS_TAG_TITLE,
    RS_TAG_TR, RS_TAG_UL, RS_TAG_VIDEO, RS_TAG_SPAN,
    RS_TAG__COUNT
} rs__html_tag;

/* How an element's content flows. */
enum {
    RS_FLOW_INLINE = 0, /* text continues the enclosing block */
    RS_FLOW_BLOCK = 1,  /* starts and ends a block of its own */
    RS_FLOW_SKIP = 2,   /* its content is not text a reader sees */
    RS_FLOW_VOID = 4    /* never has content (img, br, meta...) */
};

/* Lower-case tag name (libxml2's HTML parser lower-cases them) to tag and flow. */
rs__html_tag rs__html_tag_lookup(const char *name, unsigned *flow);
static inline bool rs__html_tag_is_heading(rs__html_tag tag)
{
    return tag >= RS_TAG_H1 && tag <= RS_TAG_H6;
}

/* Per-element evidence the classifier weighs (rs__ancestor.flags). */
enum {
    RS_ELEM_UNLIKELY = 1u << 0,  /* class/id names chrome and nothing names content */
    RS_ELEM_HIDDEN = 1u << 1,    /* hidden, aria-hidden=true, display:none */
    RS_ELEM_SHARE = 1u << 2,     /* class/id names a share widget */
    RS_ELEM_BYLINE = 1u << 3,    /* rel=author, itemprop author, class/id byline/author */
    RS_ELEM_ROLE_CHROME = 1u << 4, /* role=navigation, menu, complementary, dialog, alert */
    RS_ELEM_IN_TABLE = 1u << 5,  /* inside a table: readability keeps unlikely names there */
    RS_ELEM_IN_CODE = 1u << 6,   /* inside code or pre */
    RS_ELEM_HASH_LINK = 1u << 7, /* an <a href="#..."> (in-page link) */
    RS_ELEM_ARTICLE_BODY = 1u << 8, /* itemprop=articleBody or similar */
    RS_ELEM_BAD_WORDS = 1u << 9  /* class/id says ad, promo, newsletter, cookie... */
};

/*
 * What one class or id attribute says: which of the readability word lists
 * (or single words) occur in it, case aside, as substrings, because sites
 * glue words together ("articleBody", "post-content", "sidebar2").
 */
enum {
    RS_CUE_NEGATIVE = 1u << 0,  /* names chrome: comment, footer, sidebar, share... */
    RS_CUE_POSITIVE = 1u << 1,  /* names content: article, body, content, entry, post... */
    RS_CUE_HID = 1u << 2,       /* "hid" (chrome when it is the whole name) */
    RS_CUE_UNLIKELY = 1u << 3,  /* an unlikely candidate: menu, related, footer... */
    RS_CUE_MAYBE = 1u << 4,     /* ...unless it also says article, body, content... */
    RS_CUE_BYLINE = 1u << 5,    /* byline, author, dateline... */
    RS_CUE_CHROME = 1u << 6,    /* cookie, newsletter, promo, share...: chrome anywhere */
    RS_CUE_SHARE = 1u << 7,     /* "share" somewhere (see rs__html_share_word) */
    RS_CUE_CAPTION = 1u << 8,   /* caption, credit */
    RS_CUE_FALLBACK_IMAGE = 1u << 9 /* fallback-image */
};

uint32_t rs__html_name_cues(const char *s, size_t len);

/* A cue word: lower case, at least 3 bytes, and the RS_CUE_* of the lists it is on. */
typedef struct rs__html_cue_word {
    const char *word;
    uint8_t len;
    uint16_t cue;
} rs__html_cue_word;

/*
 * The cue words that start with first and second (either case), ending
 * with an entry without a word; NULL when none do.
 */
const rs__html_cue_word *rs__html_cue_words(unsigned char first, unsigned char second);

/*
 * readability's class weight of one attribute with those cues: -25 if it
 * names chrome, +25 if it names content (both can apply).
 */
static inline int rs__html_cue_weight(uint32_t cues, size_t len)
{
    int w = 0;
    if ((cues & RS_CUE_NEGATIVE) || (len == 3 && (cues & RS_CUE_HID)))
        w -= 25;
    if (cues & RS_CUE_POSITIVE)
        w += 25;
    return w;
}

/* "share" or "sharedaddy" as a word of its own (between non-letters or _). */
bool rs__html_share_word(const char *s, size_t len);

/* A case-insensitive substring search (ASCII). */
bool rs__html_contains_ci(const char *s, size_t len, const char *needle);

#endif
