/*
 * html_meta.h: the metadata an HTML page states about itself.  Pages state
 * the same thing in several places (og:title, JSON-LD, <title>, the h1),
 * in no fixed order, so every candidate goes in its own slot and the best
 * one per key is chosen at the end of the page.
 */
#ifndef RS_FORMAT_HTML_META_H
#define RS_FORMAT_HTML_META_H

#include "format/frontend.h"

/* Slots, best first within each key. */
typedef enum rs__hmeta_slot {
    RS_HM_TITLE_OG = 0, RS_HM_TITLE_LD, RS_HM_TITLE_TAG, RS_HM_TITLE_H1,
    RS_HM_BYLINE_META, RS_HM_BYLINE_LD, RS_HM_BYLINE_MARKUP,
    RS_HM_DATE_OG, RS_HM_DATE_LD, RS_HM_DATE_META, RS_HM_DATE_TIME,
    RS_HM_LANG_HTML, RS_HM_LANG_META,
    RS_HM_SITE_OG, RS_HM_SITE_LD,
    RS_HM_DESC_META, RS_HM_DESC_OG,
    RS_HM__COUNT
} rs__hmeta_slot;

typedef struct rs__html_meta {
    char *value[RS_HM__COUNT];
    size_t len[RS_HM__COUNT];
} rs__html_meta;

/* Keeps the value (white space collapsed) unless the slot has one already. */
rs_status rs__html_meta_offer(rs__html_meta *m, const rs_allocator *a, rs__hmeta_slot slot,
                              const char *value, size_t len);
bool rs__html_meta_has(const rs__html_meta *m, rs__hmeta_slot slot);

/* A <meta> element: its name, property, itemprop, http-equiv and content (any NULL). */
rs_status rs__html_meta_tag(rs__html_meta *m, const rs_allocator *a, const char *name,
                            const char *property, const char *itemprop, const char *http_equiv,
                            const char *content);

/* A JSON-LD script: headline, datePublished, author name(s), publisher name. */
rs_status rs__html_meta_jsonld(rs__html_meta *m, const rs_allocator *a, const char *json,
                               size_t len);

/* Hands the best value of each key to the sink. */
rs_status rs__html_meta_emit(const rs__html_meta *m, const rs__frontend_sink *sink);

void rs__html_meta_release(rs__html_meta *m, const rs_allocator *a);

/*
 * The title without a site-name suffix ("Story | Site", "Story - Site"):
 * the length of the part to keep.  site may be NULL.
 */
size_t rs__html_title_trim(const char *title, size_t len, const char *site, size_t site_len);

#endif
