/*
 * The tag vocabulary and the reading of class and id names.  The name
 * lists are the cues Arc90's readability made standard (facts about how
 * sites name their page parts); the matching is a plain case-insensitive
 * substring test, as theirs is, because sites glue words together
 * ("articleBody", "post-content", "sidebar2").
 */
#include "format/html_tags.h"

#include <stdlib.h>
#include <string.h>

typedef struct tag_entry {
    const char *name;
    rs__html_tag tag;
    unsigned flow;
} tag_entry;

/* Sorted by name for bsearch. */
static const tag_entry tags[] = {
    {"a", RS_TAG_A, RS_FLOW_INLINE},
    {"address", RS_TAG_ADDRESS, RS_FLOW_BLOCK},
    {"applet", RS_TAG_OBJECT, RS_FLOW_SKIP},
    {"area", RS_TAG_OTHER, RS_FLOW_VOID},
    {"article", RS_TAG_ARTICLE, RS_FLOW_BLOCK},
    {"aside", RS_TAG_ASIDE, RS_FLOW_BLOCK},
    {"audio", RS_TAG_AUDIO, RS_FLOW_SKIP},
    {"base", RS_TAG_OTHER, RS_FLOW_VOID},
    {"blockquote", RS_TAG_BLOCKQUOTE, RS_FLOW_BLOCK},
    {"body", RS_TAG_BODY, RS_FLOW_BLOCK},
    {"br", RS_TAG_BR, RS_FLOW_VOID},
    {"button", RS_TAG_BUTTON, RS_FLOW_SKIP},
    {"canvas", RS_TAG_CANVAS, RS_FLOW_SKIP},
    {"caption", RS_TAG_CAPTION, RS_FLOW_BLOCK},
    {"center", RS_TAG_CENTER, RS_FLOW_BLOCK},
    {"code", RS_TAG_CODE, RS_FLOW_INLINE},
    {"col", RS_TAG_OTHER, RS_FLOW_VOID},
    {"dd", RS_TAG_DD, RS_FLOW_BLOCK},
    {"details", RS_TAG_DETAILS, RS_FLOW_BLOCK},
    {"dialog", RS_TAG_DIALOG, RS_FLOW_BLOCK},
    {"dir", RS_TAG_UL, RS_FLOW_BLOCK},
    {"div", RS_TAG_DIV, RS_FLOW_BLOCK},
    {"dl", RS_TAG_DL, RS_FLOW_BLOCK},
    {"dt", RS_TAG_DT, RS_FLOW_BLOCK},
    {"embed", RS_TAG_EMBED, RS_FLOW_VOID},
    {"fieldset", RS_TAG_FIELDSET, RS_FLOW_BLOCK},
    {"figcaption", RS_TAG_FIGCAPTION, RS_FLOW_BLOCK},
    {"figure", RS_TAG_FIGURE, RS_FLOW_BLOCK},
    {"footer", RS_TAG_FOOTER, RS_FLOW_BLOCK},
    {"form", RS_TAG_FORM, RS_FLOW_BLOCK},
    {"frameset", RS_TAG_OTHER, RS_FLOW_SKIP},
    {"h1", RS_TAG_H1, RS_FLOW_BLOCK},
    {"h2", RS_TAG_H2, RS_FLOW_BLOCK},
    {"h3", RS_TAG_H3, RS_FLOW_BLOCK},
    {"h4", RS_TAG_H4, RS_FLOW_BLOCK},
    {"h5", RS_TAG_H5, RS_FLOW_BLOCK},
    {"h6", RS_TAG_H6, RS_FLOW_BLOCK},
    {"head", RS_TAG_HEAD, RS_FLOW_SKIP},
    {"header", RS_TAG_HEADER, RS_FLOW_BLOCK},
    {"hgroup", RS_TAG_HGROUP, RS_FLOW_BLOCK},
    {"hr", RS_TAG_HR, RS_FLOW_VOID | RS_FLOW_BLOCK},
    {"html", RS_TAG_HTML, RS_FLOW_BLOCK},
    {"iframe", RS_TAG_IFRAME, RS_FLOW_SKIP},
    {"img", RS_TAG_IMG, RS_FLOW_VOID},
    {"input", RS_TAG_INPUT, RS_FLOW_VOID},
    {"keygen", RS_TAG_OTHER, RS_FLOW_VOID},
    {"legend", RS_TAG_LEGEND, RS_FLOW_BLOCK},
    {"li", RS_TAG_LI, RS_FLOW_BLOCK},
    {"link", RS_TAG_LINK, RS_FLOW_VOID},
    {"main", RS_TAG_MAIN, RS_FLOW_BLOCK},
    {"map", RS_TAG_OTHER, RS_FLOW_SKIP},
    {"menu", RS_TAG_MENU, RS_FLOW_BLOCK},
    {"meta", RS_TAG_META, RS_FLOW_VOID},
    {"nav", RS_TAG_NAV, RS_FLOW_BLOCK},
    {"noembed", RS_TAG_OTHER, RS_FLOW_SKIP},
    {"noframes", RS_TAG_OTHER, RS_FLOW_SKIP},
    {"noscript", RS_TAG_NOSCRIPT, RS_FLOW_SKIP},
    {"object", RS_TAG_OBJECT, RS_FLOW_SKIP},
    {"ol", RS_TAG_OL, RS_FLOW_BLOCK},
    {"optgroup", RS_TAG_OPTION, RS_FLOW_SKIP},
    {"option", RS_TAG_OPTION, RS_FLOW_SKIP},
    {"p", RS_TAG_P, RS_FLOW_BLOCK},
    {"param", RS_TAG_OTHER, RS_FLOW_VOID},
    {"picture", RS_TAG_PICTURE, RS_FLOW_INLINE},
    {"pre", RS_TAG_PRE, RS_FLOW_BLOCK},
    {"script", RS_TAG_SCRIPT, RS_FLOW_SKIP},
    {"section", RS_TAG_SECTION, RS_FLOW_BLOCK},
    {"select", RS_TAG_SELECT, RS_FLOW_SKIP},
    {"source", RS_TAG_OTHER, RS_FLOW_VOID},
    {"span", RS_TAG_SPAN, RS_FLOW_INLINE},
    {"style", RS_TAG_STYLE, RS_FLOW_SKIP},
    {"summary", RS_TAG_SUMMARY, RS_FLOW_BLOCK},
    {"svg", RS_TAG_SVG, RS_FLOW_SKIP},
    {"table", RS_TAG_TABLE, RS_FLOW_BLOCK},
    {"tbody", RS_TAG_TBODY, RS_FLOW_BLOCK},
    {"td", RS_TAG_TD, RS_FLOW_BLOCK},
    {"template", RS_TAG_TEMPLATE, RS_FLOW_SKIP},
    {"textarea", RS_TAG_TEXTAREA, RS_FLOW_SKIP},
    {"tfoot", RS_TAG_TFOOT, RS_FLOW_BLOCK},
    {"th", RS_TAG_TH, RS_FLOW_BLOCK},
    {"thead", RS_TAG_THEAD, RS_FLOW_BLOCK},
    {"time", RS_TAG_TIME, RS_FLOW_INLINE},
    {"title", RS_TAG_TITLE, RS_FLOW_SKIP},
    {"tr", RS_TAG_TR, RS_FLOW_BLOCK},
    {"track", RS_TAG_OTHER, RS_FLOW_VOID},
    {"ul", RS_TAG_UL, RS_FLOW_BLOCK},
    {"video", RS_TAG_VIDEO, RS_FLOW_SKIP},
    {"wbr", RS_TAG_OTHER, RS_FLOW_VOID},
};

static int compare_entry(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const tag_entry *)entry)->name);
}

static const tag_entry *find(const char *name)
{
    return bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], compare_entry);
}

rs__html_tag rs__html_tag_of(const char *name)
{
    const tag_entry *e = name ? find(name) : NULL;
    return e ? e->tag : RS_TAG_OTHER;
}

unsigned rs__html_tag_flow(rs__html_tag tag)
{
    /* Every tag has one entry whose flow is its own; the aliases agree. */
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (tags[i].tag == tag && tag != RS_TAG_OTHER)
            return tags[i].flow;
    return RS_FLOW_INLINE;
}

bool rs__html_tag_is_heading(rs__html_tag tag)
{
    return tag >= RS_TAG_H1 && tag <= RS_TAG_H6;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

bool rs__html_contains_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (!s || n == 0 || n > len)
        return false;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && lower(s[i + k]) == needle[k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static bool any_of(const char *s, size_t len, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (rs__html_contains_ci(s, len, *w))
            return true;
    return false;
}

/* Names that mark page chrome (readability's "negative" list). */
static const char *const negative[] = {
    "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL,
};
/* Names that mark the article (readability's "positive" list). */
static const char *const positive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
    "pagination", "post", "text", "blog", "story", NULL,
};

/* "hid" as a whole word or prefix/suffix: -1 matches the "^hid$" family loosely. */
static int name_weight(const char *s, size_t len)
{
    if (!len)
        return 0;
    int w = 0;
    if (any_of(s, len, negative) || (len == 3 && rs__html_contains_ci(s, len, "hid")))
        w -= 25;
    if (any_of(s, len, positive))
        w += 25;
    return w;
}

int rs__html_class_weight(const char *cls, size_t cls_len, const char *id, size_t id_len)
{
    return name_weight(cls, cls_len) + name_weight(id, id_len);
}

static bool either(const char *cls, size_t cls_len, const char *id, size_t id_len,
                   const char *const *words)
{
    return any_of(cls, cls_len, words) || any_of(id, id_len, words);
}

bool rs__html_unlikely_names(const char *cls, size_t cls_len, const char *id, size_t id_len)
{
    static const char *const unlikely[] = {
        "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
        "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
        "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
        "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", NULL,
    };
    /* a name that also says content keeps the element in play */
    static const char *const maybe[] = {
        "and", "article", "body", "column", "content", "main", "mathjax", "shadow", NULL,
    };
    return either(cls, cls_len, id, id_len, unlikely) && !either(cls, cls_len, id, id_len, maybe);
}

/* "share" or "sharedaddy" as a word of its own (between non-letters or _). */
static bool share_word(const char *s, size_t len)
{
    for (size_t i = 0; i + 5 <= len; i++) {
        if (!rs__html_contains_ci(s + i, 5, "share"))
            continue;
        bool left = i == 0 || !((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z');
        size_t end = i + 5;
        if (end + 5 <= len && rs__html_contains_ci(s + end, 5, "daddy"))
            end += 5;
        bool right = end == len || !((s[end] | 32) >= 'a' && (s[end] | 32) <= 'z');
        if (left && right)
            return true;
    }
    return false;
}

bool rs__html_share_names(const char *cls, size_t cls_len, const char *id, size_t id_len)
{
    return share_word(cls, cls_len) || share_word(id, id_len);
}

bool rs__html_byline_names(const char *cls, size_t cls_len, const char *id, size_t id_len)
{
    static const char *const byline[] = {
        "byline", "author", "dateline", "writtenby", "p-author", NULL,
    };
    return either(cls, cls_len, id, id_len, byline);
}

bool rs__html_chrome_words(const char *cls, size_t cls_len, const char *id, size_t id_len)
{
    static const char *const chrome[] = {
        "cookie", "consent", "newsletter", "subscribe", "subscription", "signup",
        "sign-up", "paywall", "advert", "promo", "related", "recommend", "share",
        "social", "comment", "breadcrumb", "navbar", "nav-", "-nav", "menu", "sidebar",
        "footer", "popular", "trending", "most-read", "mostread", "outbrain", "taboola",
        NULL,
    };
    return either(cls, cls_len, id, id_len, chrome);
}
