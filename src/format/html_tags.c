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

enum { TAG_COUNT = sizeof tags / sizeof tags[0] };

static unsigned tag_hash(const char *name)
{
    unsigned h = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = h * 31 + *p;
    return h;
}

static void init_tags(rs__html_vocab *v)
{
    _Static_assert(TAG_COUNT < 255 && TAG_COUNT * 2 < RS_HTML_TAG_SLOTS, "tag table too small");
    memset(v->tag_slot, 0, sizeof v->tag_slot);
    for (size_t i = 0; i < TAG_COUNT; i++) {
        unsigned s = tag_hash(tags[i].name) % RS_HTML_TAG_SLOTS;
        while (v->tag_slot[s])
            s = (s + 1) % RS_HTML_TAG_SLOTS;
        v->tag_slot[s] = (uint8_t)(i + 1);
    }
}

rs__html_tag rs__html_tag_lookup(const rs__html_vocab *v, const char *name, unsigned *flow)
{
    *flow = RS_FLOW_INLINE;
    if (!name)
        return RS_TAG_OTHER;
    for (unsigned s = tag_hash(name) % RS_HTML_TAG_SLOTS; v->tag_slot[s];
         s = (s + 1) % RS_HTML_TAG_SLOTS) {
        const tag_entry *e = &tags[v->tag_slot[s] - 1];
        if (strcmp(name, e->name) == 0) {
            /* the names that map to no tag of ours flow inline, whatever the list says */
            if (e->tag != RS_TAG_OTHER)
                *flow = e->flow;
            return e->tag;
        }
    }
    return RS_TAG_OTHER;
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

/* Names that mark page chrome (readability's "negative" list). */
static const char *const negative[] = {
    "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
};
/* Names that mark the article (readability's "positive" list). */
static const char *const positive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
    "pagination", "post", "text", "blog", "story",
};
/* Names of unlikely candidates (readability's "unlikelyCandidates"). */
static const char *const unlikely[] = {
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
    "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
    "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote",
};
/* a name that also says content keeps an unlikely element in play */
static const char *const maybe[] = {
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
};
static const char *const byline[] = {
    "byline", "author", "dateline", "writtenby", "p-author",
};
/* cookie notices, newsletter boxes, ads, paywalls: chrome whatever the container */
static const char *const chrome[] = {
    "cookie", "consent", "newsletter", "subscribe", "subscription", "signup",
    "sign-up", "paywall", "advert", "promo", "related", "recommend", "share",
    "social", "comment", "breadcrumb", "navbar", "nav-", "-nav", "menu", "sidebar",
    "footer", "popular", "trending", "most-read", "mostread", "outbrain", "taboola",
};
static const char *const hid[] = {"hid"};
static const char *const share[] = {"share"};
static const char *const caption[] = {"caption", "credit"};
static const char *const fallback_image[] = {"fallback-image"};

#define CUE_LIST(words, cue) {words, sizeof words / sizeof words[0], cue}
static const struct {
    const char *const *words;
    size_t count;
    uint16_t cue;
} cue_lists[] = {
    CUE_LIST(negative, RS_CUE_NEGATIVE), CUE_LIST(positive, RS_CUE_POSITIVE),
    CUE_LIST(hid, RS_CUE_HID), CUE_LIST(unlikely, RS_CUE_UNLIKELY),
    CUE_LIST(maybe, RS_CUE_MAYBE), CUE_LIST(byline, RS_CUE_BYLINE),
    CUE_LIST(chrome, RS_CUE_CHROME), CUE_LIST(share, RS_CUE_SHARE),
    CUE_LIST(caption, RS_CUE_CAPTION), CUE_LIST(fallback_image, RS_CUE_FALLBACK_IMAGE),
};
#undef CUE_LIST
_Static_assert(sizeof negative + sizeof positive + sizeof hid + sizeof unlikely + sizeof maybe
                   + sizeof byline + sizeof chrome + sizeof share + sizeof caption
                   + sizeof fallback_image
               <= RS_HTML_CUE_WORDS * sizeof(const char *),
               "rs__html_vocab.cue_words is too small for the word lists");

/* 0..25 for letters (either case), 26 for '-': the bytes the words start with. */
static inline unsigned pair_code(unsigned char c)
{
    unsigned l = (unsigned)((c | 32) - 'a');
    if (l < 26)
        return l;
    return c == '-' ? 26 : RS_HTML_PAIR_CODES;
}

static inline unsigned pair_of(const char *s)
{
    unsigned a = pair_code((unsigned char)s[0]), b = pair_code((unsigned char)s[1]);
    return a < RS_HTML_PAIR_CODES && b < RS_HTML_PAIR_CODES ? a * RS_HTML_PAIR_CODES + b
                                                           : RS_HTML_PAIR_CODES * RS_HTML_PAIR_CODES;
}

static void init_cues(rs__html_vocab *v)
{
    enum { PAIRS = RS_HTML_PAIR_CODES * RS_HTML_PAIR_CODES };
    for (unsigned c = 0; c < 256; c++)
        v->pair_code[c] = (uint8_t)pair_code((unsigned char)c);
    uint8_t count[PAIRS + 1] = {0};
    for (size_t l = 0; l < sizeof cue_lists / sizeof cue_lists[0]; l++)
        for (size_t w = 0; w < cue_lists[l].count; w++)
            count[pair_of(cue_lists[l].words[w])]++;
    /* every word starts with two letters or dashes: none lands in count[PAIRS] */
    size_t at = 0;
    for (size_t p = 0; p < PAIRS; p++) {
        v->pair_start[p] = (uint8_t)at;
        at += count[p];
    }
    v->pair_start[PAIRS] = (uint8_t)at;
    uint8_t fill[PAIRS];
    memcpy(fill, v->pair_start, sizeof fill);
    for (size_t l = 0; l < sizeof cue_lists / sizeof cue_lists[0]; l++)
        for (size_t w = 0; w < cue_lists[l].count; w++) {
            const char *word = cue_lists[l].words[w];
            unsigned p = pair_of(word);
            if (p == PAIRS)
                continue;
            rs__html_cue_word *e = &v->cue_words[fill[p]++];
            e->word = word;
            e->len = (uint8_t)strlen(word);
            e->cue = cue_lists[l].cue;
        }
}

void rs__html_vocab_init(rs__html_vocab *v)
{
    init_tags(v);
    init_cues(v);
}

uint32_t rs__html_name_cues(const rs__html_vocab *v, const char *s, size_t len)
{
    uint32_t found = 0;
    if (!s || len < 3)
        return 0;
    for (size_t i = 0; i + 3 <= len; i++) {
        unsigned a = v->pair_code[(unsigned char)s[i]], b = v->pair_code[(unsigned char)s[i + 1]];
        if (a == RS_HTML_PAIR_CODES || b == RS_HTML_PAIR_CODES)
            continue;
        unsigned p = a * RS_HTML_PAIR_CODES + b;
        for (unsigned k = v->pair_start[p]; k < v->pair_start[p + 1]; k++) {
            const rs__html_cue_word *e = &v->cue_words[k];
            if ((found & e->cue) || e->len > len - i)
                continue;
            size_t j = 2;
            while (j < e->len && lower(s[i + j]) == e->word[j])
                j++;
            if (j == e->len)
                found |= e->cue;
        }
    }
    return found;
}

int rs__html_cue_weight(uint32_t cues, size_t len)
{
    int w = 0;
    if ((cues & RS_CUE_NEGATIVE) || (len == 3 && (cues & RS_CUE_HID)))
        w -= 25;
    if (cues & RS_CUE_POSITIVE)
        w += 25;
    return w;
}

bool rs__html_share_word(const char *s, size_t len)
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
