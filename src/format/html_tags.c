/*
 * The tag vocabulary and the reading of class and id names.  The name
 * lists are the cues Arc90's readability made standard (facts about how
 * sites name their page parts); the matching is a plain case-insensitive
 * substring test, as theirs is, because sites glue words together
 * ("articleBody", "post-content", "sidebar2").
 */
#include "format/html_tags.h"

#include <string.h>

/* Names are at most this long; a row of the table holds the tags of a first letter. */
enum { TAG_NAME_MAX = 10, TAG_ROW_LEN = 13 };

typedef struct tag_entry {
    char name[TAG_NAME_MAX + 1];
    uint8_t len;
    uint8_t tag;  /* rs__html_tag */
    uint8_t flow; /* RS_FLOW_* */
} tag_entry;

#define ROW(c) ((c) - 'a')
#define T(name, tag, flow) {name, sizeof name - 1, tag, flow}

/*
 * By first letter, in a constant table, so that no document pays for
 * building one; a row ends at its first empty entry or at its end.
 */
static const tag_entry tags[26][TAG_ROW_LEN] = {
    [ROW('a')] = {
        T("a", RS_TAG_A, RS_FLOW_INLINE), T("address", RS_TAG_ADDRESS, RS_FLOW_BLOCK),
        T("applet", RS_TAG_OBJECT, RS_FLOW_SKIP), T("area", RS_TAG_OTHER, RS_FLOW_VOID),
        T("article", RS_TAG_ARTICLE, RS_FLOW_BLOCK), T("aside", RS_TAG_ASIDE, RS_FLOW_BLOCK),
        T("audio", RS_TAG_AUDIO, RS_FLOW_SKIP),},
    [ROW('b')] = {
        T("base", RS_TAG_OTHER, RS_FLOW_VOID),
        T("blockquote", RS_TAG_BLOCKQUOTE, RS_FLOW_BLOCK),
        T("body", RS_TAG_BODY, RS_FLOW_BLOCK), T("br", RS_TAG_BR, RS_FLOW_VOID),
        T("button", RS_TAG_BUTTON, RS_FLOW_SKIP),},
    [ROW('c')] = {
        T("canvas", RS_TAG_CANVAS, RS_FLOW_SKIP), T("caption", RS_TAG_CAPTION, RS_FLOW_BLOCK),
        T("center", RS_TAG_CENTER, RS_FLOW_BLOCK), T("code", RS_TAG_CODE, RS_FLOW_INLINE),
        T("col", RS_TAG_OTHER, RS_FLOW_VOID),},
    [ROW('d')] = {
        T("dd", RS_TAG_DD, RS_FLOW_BLOCK), T("details", RS_TAG_DETAILS, RS_FLOW_BLOCK),
        T("dialog", RS_TAG_DIALOG, RS_FLOW_BLOCK), T("dir", RS_TAG_UL, RS_FLOW_BLOCK),
        T("div", RS_TAG_DIV, RS_FLOW_BLOCK), T("dl", RS_TAG_DL, RS_FLOW_BLOCK),
        T("dt", RS_TAG_DT, RS_FLOW_BLOCK),},
    [ROW('e')] = {
        T("embed", RS_TAG_EMBED, RS_FLOW_VOID),},
    [ROW('f')] = {
        T("fieldset", RS_TAG_FIELDSET, RS_FLOW_BLOCK),
        T("figcaption", RS_TAG_FIGCAPTION, RS_FLOW_BLOCK),
        T("figure", RS_TAG_FIGURE, RS_FLOW_BLOCK), T("footer", RS_TAG_FOOTER, RS_FLOW_BLOCK),
        T("form", RS_TAG_FORM, RS_FLOW_BLOCK), T("frameset", RS_TAG_OTHER, RS_FLOW_SKIP),},
    [ROW('h')] = {
        T("h1", RS_TAG_H1, RS_FLOW_BLOCK), T("h2", RS_TAG_H2, RS_FLOW_BLOCK),
        T("h3", RS_TAG_H3, RS_FLOW_BLOCK), T("h4", RS_TAG_H4, RS_FLOW_BLOCK),
        T("h5", RS_TAG_H5, RS_FLOW_BLOCK), T("h6", RS_TAG_H6, RS_FLOW_BLOCK),
        T("head", RS_TAG_HEAD, RS_FLOW_SKIP), T("header", RS_TAG_HEADER, RS_FLOW_BLOCK),
        T("hgroup", RS_TAG_HGROUP, RS_FLOW_BLOCK),
        T("hr", RS_TAG_HR, RS_FLOW_VOID | RS_FLOW_BLOCK), T("html", RS_TAG_HTML, RS_FLOW_BLOCK),},
    [ROW('i')] = {
        T("iframe", RS_TAG_IFRAME, RS_FLOW_SKIP), T("img", RS_TAG_IMG, RS_FLOW_VOID),
        T("input", RS_TAG_INPUT, RS_FLOW_VOID),},
    [ROW('k')] = {
        T("keygen", RS_TAG_OTHER, RS_FLOW_VOID),},
    [ROW('l')] = {
        T("legend", RS_TAG_LEGEND, RS_FLOW_BLOCK), T("li", RS_TAG_LI, RS_FLOW_BLOCK),
        T("link", RS_TAG_LINK, RS_FLOW_VOID),},
    [ROW('m')] = {
        T("main", RS_TAG_MAIN, RS_FLOW_BLOCK), T("map", RS_TAG_OTHER, RS_FLOW_SKIP),
        T("menu", RS_TAG_MENU, RS_FLOW_BLOCK), T("meta", RS_TAG_META, RS_FLOW_VOID),},
    [ROW('n')] = {
        T("nav", RS_TAG_NAV, RS_FLOW_BLOCK), T("noembed", RS_TAG_OTHER, RS_FLOW_SKIP),
        T("noframes", RS_TAG_OTHER, RS_FLOW_SKIP), T("noscript", RS_TAG_NOSCRIPT, RS_FLOW_SKIP),},
    [ROW('o')] = {
        T("object", RS_TAG_OBJECT, RS_FLOW_SKIP), T("ol", RS_TAG_OL, RS_FLOW_BLOCK),
        T("optgroup", RS_TAG_OPTION, RS_FLOW_SKIP), T("option", RS_TAG_OPTION, RS_FLOW_SKIP),},
    [ROW('p')] = {
        T("p", RS_TAG_P, RS_FLOW_BLOCK), T("param", RS_TAG_OTHER, RS_FLOW_VOID),
        T("picture", RS_TAG_PICTURE, RS_FLOW_INLINE), T("pre", RS_TAG_PRE, RS_FLOW_BLOCK),},
    [ROW('s')] = {
        T("script", RS_TAG_SCRIPT, RS_FLOW_SKIP), T("section", RS_TAG_SECTION, RS_FLOW_BLOCK),
        T("select", RS_TAG_SELECT, RS_FLOW_SKIP), T("source", RS_TAG_OTHER, RS_FLOW_VOID),
        T("span", RS_TAG_SPAN, RS_FLOW_INLINE), T("style", RS_TAG_STYLE, RS_FLOW_SKIP),
        T("summary", RS_TAG_SUMMARY, RS_FLOW_BLOCK), T("svg", RS_TAG_SVG, RS_FLOW_SKIP),},
    [ROW('t')] = {
        T("table", RS_TAG_TABLE, RS_FLOW_BLOCK), T("tbody", RS_TAG_TBODY, RS_FLOW_BLOCK),
        T("td", RS_TAG_TD, RS_FLOW_BLOCK), T("template", RS_TAG_TEMPLATE, RS_FLOW_SKIP),
        T("textarea", RS_TAG_TEXTAREA, RS_FLOW_SKIP), T("tfoot", RS_TAG_TFOOT, RS_FLOW_BLOCK),
        T("th", RS_TAG_TH, RS_FLOW_BLOCK), T("thead", RS_TAG_THEAD, RS_FLOW_BLOCK),
        T("time", RS_TAG_TIME, RS_FLOW_INLINE), T("title", RS_TAG_TITLE, RS_FLOW_SKIP),
        T("tr", RS_TAG_TR, RS_FLOW_BLOCK), T("track", RS_TAG_OTHER, RS_FLOW_VOID),},
    [ROW('u')] = {
        T("ul", RS_TAG_UL, RS_FLOW_BLOCK),},
    [ROW('v')] = {
        T("video", RS_TAG_VIDEO, RS_FLOW_SKIP),},
    [ROW('w')] = {
        T("wbr", RS_TAG_OTHER, RS_FLOW_VOID),},
};

#undef T
#undef ROW

rs__html_tag rs__html_tag_lookup(const char *name, unsigned *flow)
{
    *flow = RS_FLOW_INLINE;
    if (!name)
        return RS_TAG_OTHER;
    unsigned row = (unsigned)((unsigned char)name[0] - 'a');
    if (row >= 26)
        return RS_TAG_OTHER;
    size_t len = 1;
    while (len <= TAG_NAME_MAX && name[len])
        len++;
    for (const tag_entry *e = tags[row]; e < tags[row] + TAG_ROW_LEN && e->len; e++) {
        if (e->len != len)
            continue;
        size_t k = 1;
        while (k < len && e->name[k] == name[k])
            k++;
        if (k < len)
            continue;
        /* the names that map to no tag of ours flow inline, whatever the list says */
        if (e->tag != RS_TAG_OTHER)
            *flow = e->flow;
        return (rs__html_tag)e->tag;
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

/*
 * The cue words, each with the lists it is on: readability's negative
 * (NEG), positive (POS) and unlikelyCandidates (UNL) lists and
 * "maybeCandidate" (MAY), with "hid"; byline words (BYL); chrome whatever
 * the container: cookie notices, newsletter boxes, ads, paywalls (CHR);
 * "share" (SHR); caption and credit (CAP); "fallback-image" (FBI).
 *
 * By their first two bytes (letters or '-'), in a constant table, so that
 * no document pays for building an index: a place in a name is tried
 * against the few words that start as it does.  A pair listed twice does
 * not compile (-Woverride-init); each list ends with an entry without a
 * word.
 */
enum { CUE_CODES = 27, CUE_PAIRS = CUE_CODES * CUE_CODES };
enum {
    NEG = RS_CUE_NEGATIVE, POS = RS_CUE_POSITIVE, HID = RS_CUE_HID, UNL = RS_CUE_UNLIKELY,
    MAY = RS_CUE_MAYBE, BYL = RS_CUE_BYLINE, CHR = RS_CUE_CHROME, SHR = RS_CUE_SHARE,
    CAP = RS_CUE_CAPTION, FBI = RS_CUE_FALLBACK_IMAGE
};
#define CODE(c) ((c) == '-' ? 26 : (c) - 'a')
#define PAIR(a, b) (CODE(a) * CUE_CODES + CODE(b))
#define W(word, cues) {word, sizeof word - 1, cues}
#define WORDS(...) ((const rs__html_cue_word[]){__VA_ARGS__, {NULL, 0, 0}})
static const rs__html_cue_word *const cue_pairs[CUE_PAIRS] = {
    [PAIR('a', 'd')] = WORDS(W("ad-break", UNL), W("advert", CHR)),
    [PAIR('a', 'g')] = WORDS(W("agegate", UNL)),
    [PAIR('a', 'i')] = WORDS(W("ai2html", UNL)),
    [PAIR('a', 'n')] = WORDS(W("and", MAY)),
    [PAIR('a', 'r')] = WORDS(W("article", POS|MAY)),
    [PAIR('a', 'u')] = WORDS(W("author", BYL)),
    [PAIR('b', 'a')] = WORDS(W("banner", NEG|UNL)),
    [PAIR('b', 'l')] = WORDS(W("blog", POS)),
    [PAIR('b', 'o')] = WORDS(W("body", POS|MAY)),
    [PAIR('b', 'r')] = WORDS(W("breadcrumb", CHR), W("breadcrumbs", UNL)),
    [PAIR('b', 'y')] = WORDS(W("byline", BYL)),
    [PAIR('c', 'a')] = WORDS(W("caption", CAP)),
    [PAIR('c', 'o')] = WORDS(W("column", MAY), W("com-", NEG), W("combx", NEG|UNL),
        W("comment", NEG|UNL|CHR), W("community", UNL), W("consent", CHR), W("contact", NEG),
        W("content", POS|MAY), W("cookie", CHR), W("cover-wrap", UNL)),
    [PAIR('c', 'r')] = WORDS(W("credit", CAP)),
    [PAIR('d', 'a')] = WORDS(W("dateline", BYL)),
    [PAIR('d', 'i')] = WORDS(W("disqus", UNL)),
    [PAIR('e', 'n')] = WORDS(W("entry", POS)),
    [PAIR('e', 'x')] = WORDS(W("extra", UNL)),
    [PAIR('f', 'a')] = WORDS(W("fallback-image", FBI)),
    [PAIR('f', 'o')] = WORDS(W("footer", NEG|UNL|CHR)),
    [PAIR('g', 'd')] = WORDS(W("gdpr", NEG|UNL)),
    [PAIR('h', 'e')] = WORDS(W("header", UNL), W("hentry", POS)),
    [PAIR('h', 'i')] = WORDS(W("hid", HID), W("hidden", NEG)),
    [PAIR('h', '-')] = WORDS(W("h-entry", POS)),
    [PAIR('l', 'e')] = WORDS(W("legends", UNL)),
    [PAIR('m', 'a')] = WORDS(W("main", POS|MAY), W("masthead", NEG), W("mathjax", MAY)),
    [PAIR('m', 'e')] = WORDS(W("media", NEG), W("menu", UNL|CHR), W("meta", NEG)),
    [PAIR('m', 'o')] = WORDS(W("most-read", CHR), W("mostread", CHR)),
    [PAIR('n', 'a')] = WORDS(W("nav-", CHR), W("navbar", CHR)),
    [PAIR('n', 'e')] = WORDS(W("newsletter", CHR)),
    [PAIR('o', 'u')] = WORDS(W("outbrain", NEG|CHR)),
    [PAIR('p', 'a')] = WORDS(W("page", POS), W("pager", UNL), W("pagination", POS|UNL),
        W("paywall", CHR)),
    [PAIR('p', 'o')] = WORDS(W("popular", CHR), W("popup", UNL), W("post", POS)),
    [PAIR('p', 'r')] = WORDS(W("promo", NEG|CHR)),
    [PAIR('p', '-')] = WORDS(W("p-author", BYL)),
    [PAIR('r', 'e')] = WORDS(W("recommend", CHR), W("related", NEG|UNL|CHR), W("remark", UNL),
        W("replies", UNL)),
    [PAIR('r', 's')] = WORDS(W("rss", UNL)),
    [PAIR('s', 'c')] = WORDS(W("scroll", NEG)),
    [PAIR('s', 'h')] = WORDS(W("shadow", MAY), W("share", NEG|CHR|SHR), W("shopping", NEG),
        W("shoutbox", NEG|UNL)),
    [PAIR('s', 'i')] = WORDS(W("sidebar", NEG|UNL|CHR), W("sign-up", CHR), W("signup", CHR)),
    [PAIR('s', 'k')] = WORDS(W("skyscraper", NEG|UNL)),
    [PAIR('s', 'o')] = WORDS(W("social", UNL|CHR)),
    [PAIR('s', 'p')] = WORDS(W("sponsor", NEG|UNL)),
    [PAIR('s', 't')] = WORDS(W("story", POS)),
    [PAIR('s', 'u')] = WORDS(W("subscribe", CHR), W("subscription", CHR), W("supplemental", UNL)),
    [PAIR('t', 'a')] = WORDS(W("taboola", CHR), W("tags", NEG)),
    [PAIR('t', 'e')] = WORDS(W("text", POS)),
    [PAIR('t', 'r')] = WORDS(W("trending", CHR)),
    [PAIR('w', 'i')] = WORDS(W("widget", NEG)),
    [PAIR('w', 'r')] = WORDS(W("writtenby", BYL)),
    [PAIR('y', 'o')] = WORDS(W("yom-remote", UNL)),
    [PAIR('-', 'a')] = WORDS(W("-ad-", UNL)),
    [PAIR('-', 'n')] = WORDS(W("-nav", CHR)),
};
#undef WORDS
#undef W
#undef PAIR
#undef CODE

/* 1 + the code of a byte a word may start with (a letter, either case, or '-'); 0 for others. */
#define L(c) [c] = (c) - 'a' + 1, [(c) - 32] = (c) - 'a' + 1
static const uint8_t cue_code_plus_1[256] = {
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'),
    L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
    L('y'), L('z'),
    ['-'] = 27,
};
#undef L

static inline const rs__html_cue_word *pair_words(unsigned char first, unsigned char second)
{
    unsigned a = cue_code_plus_1[first], b = cue_code_plus_1[second];
    return a && b ? cue_pairs[(a - 1) * CUE_CODES + (b - 1)] : NULL;
}

const rs__html_cue_word *rs__html_cue_words(unsigned char first, unsigned char second)
{
    return pair_words(first, second);
}

uint32_t rs__html_name_cues(const char *s, size_t len)
{
    uint32_t found = 0;
    if (!s || len < 3)
        return 0;
    for (size_t i = 0; i + 3 <= len; i++) {
        const rs__html_cue_word *e = pair_words((unsigned char)s[i], (unsigned char)s[i + 1]);
        for (; e && e->word; e++) {
            if ((found & e->cue) == e->cue || e->len > len - i)
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
