/*
 * Page metadata: <meta> tags, JSON-LD and the title.  JSON-LD is read with
 * a scanner, not a full JSON parser: sites embed broken JSON (trailing
 * commas, HTML comments, several objects in one script), and three keys
 * are all we want, so the scanner looks for them and reads their values,
 * skipping anything it does not understand instead of failing.
 */
#include "format/html_meta.h"
#include "core/ascii.h"
#include "text/utf8.h"

#include <string.h>

#include "core/alloc.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool rs__html_meta_has(const rs__html_meta *m, rs__hmeta_slot slot)
{
    return m->value[slot] != NULL;
}

/* Collapses white space runs (a no-break space included) to one space; out may be NULL. */
static size_t collapse(const char *value, size_t len, char *out)
{
    size_t kept = 0;
    bool gap = false;
    for (size_t i = 0; i < len; i++) {
        bool nbsp = (unsigned char)value[i] == 0xC2 && i + 1 < len
                    && (unsigned char)value[i + 1] == 0xA0;
        if (is_space(value[i]) || nbsp) {
            gap = kept > 0;
            i += nbsp;
            continue;
        }
        if (gap) {
            if (out)
                out[kept] = ' ';
            kept++;
        }
        gap = false;
        if (out)
            out[kept] = value[i];
        kept++;
    }
    return kept;
}

rs_status rs__html_meta_offer(rs__html_meta *m, const rs_allocator *a, rs__hmeta_slot slot,
                              const char *value, size_t len)
{
    if (m->value[slot] || !value)
        return RS_OK;
    size_t kept = collapse(value, len, NULL);
    if (kept == 0)
        return RS_OK;
    char *out = rs__alloc(a, kept + 1);
    if (!out)
        return RS_ERR_NOMEM;
    collapse(value, len, out);
    out[kept] = '\0';
    m->value[slot] = out;
    m->len[slot] = kept;
    return RS_OK;
}

void rs__html_meta_release(rs__html_meta *m, const rs_allocator *a)
{
    for (int i = 0; i < RS_HM__COUNT; i++)
        if (m->value[i])
            rs__free(a, m->value[i], m->len[i] + 1);
    memset(m, 0, sizeof *m);
}

rs_status rs__html_meta_tag(rs__html_meta *m, const rs_allocator *a, const char *name,
                            const char *property, const char *itemprop, const char *http_equiv,
                            const char *content)
{
    static const struct { const char *key; rs__hmeta_slot slot; } by_key[] = {
        {"og:title", RS_HM_TITLE_OG},
        {"author", RS_HM_BYLINE_META},
        {"article:author", RS_HM_BYLINE_META},
        {"dc.creator", RS_HM_BYLINE_META},
        {"dc:creator", RS_HM_BYLINE_META},
        {"parsely-author", RS_HM_BYLINE_META},
        {"sailthru.author", RS_HM_BYLINE_META},
        {"article:published_time", RS_HM_DATE_OG},
        {"datepublished", RS_HM_DATE_META},
        {"date", RS_HM_DATE_META},
        {"pubdate", RS_HM_DATE_META},
        {"publishdate", RS_HM_DATE_META},
        {"dc.date", RS_HM_DATE_META},
        {"dc.date.issued", RS_HM_DATE_META},
        {"parsely-pub-date", RS_HM_DATE_META},
        {"sailthru.date", RS_HM_DATE_META},
        {"og:site_name", RS_HM_SITE_OG},
        {"description", RS_HM_DESC_META},
        {"og:description", RS_HM_DESC_OG},
        {"content-language", RS_HM_LANG_META},
        {"language", RS_HM_LANG_META},
        {"dc.language", RS_HM_LANG_META},
    };
    if (!content)
        return RS_OK;
    const char *keys[] = {property, name, itemprop, http_equiv};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        if (!keys[k])
            continue;
        for (size_t i = 0; i < sizeof by_key / sizeof by_key[0]; i++) {
            if (!rs__ascii_str_eq_ci(keys[k], by_key[i].key))
                continue;
            /* an author given as a profile URL names no one */
            if (by_key[i].slot == RS_HM_BYLINE_META && strncmp(content, "http", 4) == 0)
                continue;
            rs_status st = rs__html_meta_offer(m, a, by_key[i].slot, content, strlen(content));
            if (st != RS_OK)
                return st;
        }
    }
    return RS_OK;
}

/* ------------------------------------------------------------------ */
/* JSON-LD                                                              */

typedef struct json_scan {
    const char *s;
    size_t len;
} json_scan;

/* Past the string that starts at p (a quote); len if unterminated. */
static size_t skip_string(const json_scan *j, size_t p)
{
    for (p++; p < j->len; p++) {
        if (j->s[p] == '\\')
            p++;
        else if (j->s[p] == '"')
            return p + 1;
    }
    return j->len;
}

/* Past the value that starts at p: a string, an object/array, or a bare word. */
static size_t skip_value(const json_scan *j, size_t p)
{
    if (p >= j->len)
        return p;
    if (j->s[p] == '"')
        return skip_string(j, p);
    if (j->s[p] == '{' || j->s[p] == '[') {
        size_t depth = 0;
        while (p < j->len) {
            char c = j->s[p];
            if (c == '"') {
                p = skip_string(j, p);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p + 1;
            p++;
        }
        return p;
    }
    while (p < j->len && j->s[p] != ',' && j->s[p] != '}' && j->s[p] != ']')
        p++;
    return p;
}

static size_t skip_space(const json_scan *j, size_t p)
{
    while (p < j->len && is_space(j->s[p]))
        p++;
    return p;
}

static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            v |= (unsigned)((c | 32) - 'a' + 10);
        else
            return 0xFFFFFFFFu;
    }
    return v;
}

/*
 * Decodes the string at p into out (at most cap bytes, escapes resolved);
 * returns the decoded length.  A decoded string is never longer than its
 * source, so cap = source length suffices.
 */
static size_t decode_string(const json_scan *j, size_t p, char *out, size_t cap)
{
    size_t n = 0, end = skip_string(j, p);
    if (end > 0 && end <= j->len && j->s[end - 1] == '"')
        end--;
    for (size_t q = p + 1; q < end && n < cap;) {
        char c = j->s[q];
        if (c != '\\') {
            out[n++] = c;
            q++;
            continue;
        }
        if (q + 1 >= end)
            break;
        char e = j->s[q + 1];
        q += 2;
        unsigned cp = 0;
        switch (e) {
        case 'n': case 'r': case 't': case 'f': case 'b': cp = ' '; break;
        case 'u':
            if (q + 4 > end)
                return n;
            cp = hex4(j->s + q);
            q += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && q + 6 <= end && j->s[q] == '\\'
                && j->s[q + 1] == 'u') {
                unsigned lo = hex4(j->s + q + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    q += 6;
                }
            }
            if (cp == 0xFFFFFFFFu || (cp >= 0xD800 && cp < 0xE000) || cp == 0)
                cp = 0xFFFD;
            break;
        default: cp = (unsigned char)e; break;
        }
        /* "\u00e9" (6 bytes) decodes to 2; the longest code point to 4 from 12 */
        if (n + 4 > cap)
            break;
        n += rs__utf8_encode(cp, out + n);
    }
    return n;
}

/* Where the value of the next "key": at or after p starts; len if none. */
static size_t find_key(const json_scan *j, size_t p, size_t end, const char *key)
{
    size_t klen = strlen(key);
    while (p < end) {
        const char *q = memchr(j->s + p, '"', end - p);
        if (!q)
            return j->len;
        p = (size_t)(q - j->s);
        size_t after = skip_string(j, p);
        if (after - p == klen + 2 && memcmp(j->s + p + 1, key, klen) == 0) {
            size_t v = skip_space(j, after);
            if (v < end && j->s[v] == ':')
                return skip_space(j, v + 1);
        }
        p = after;
    }
    return j->len;
}

static rs_status offer_string(rs__html_meta *m, const rs_allocator *a, rs__hmeta_slot slot,
                              const json_scan *j, size_t p)
{
    if (p >= j->len || j->s[p] != '"' || rs__html_meta_has(m, slot))
        return RS_OK;
    size_t cap = skip_string(j, p) - p + 4;
    char *buf = rs__alloc(a, cap);
    if (!buf)
        return RS_ERR_NOMEM;
    size_t n = decode_string(j, p, buf, cap);
    rs_status st = rs__html_meta_offer(m, a, slot, buf, n);
    rs__free(a, buf, cap);
    return st;
}

/*
 * An author: "Name", {"name": "Name"}, or a list of either; several names
 * are joined with ", ".
 */
static rs_status offer_names(rs__html_meta *m, const rs_allocator *a, rs__hmeta_slot slot,
                             const json_scan *j, size_t p)
{
    if (p >= j->len || rs__html_meta_has(m, slot))
        return RS_OK;
    if (j->s[p] == '"')
        return offer_string(m, a, slot, j, p);
    size_t end = skip_value(j, p);
    size_t cap = end - p + 4, n = 0;
    char *buf = rs__alloc(a, cap);
    if (!buf)
        return RS_ERR_NOMEM;
    size_t depth = 0;
    /* only names of the author objects themselves, not of their employers */
    for (size_t q = p; q < end;) {
        char c = j->s[q];
        if (c == '"') {
            size_t after = skip_string(j, q);
            bool own_level = (j->s[p] == '{' && depth == 1) || (j->s[p] == '[' && depth <= 2);
            size_t v = skip_space(j, after);
            if (own_level && after - q == 6 && memcmp(j->s + q + 1, "name", 4) == 0 && v < end
                && j->s[v] == ':') {
                v = skip_space(j, v + 1);
                if (v < end && j->s[v] == '"') {
                    if (n > 0 && n + 2 < cap) {
                        buf[n++] = ',';
                        buf[n++] = ' ';
                    }
                    n += decode_string(j, v, buf + n, cap - n);
                    q = skip_string(j, v);
                    continue;
                }
            } else if (j->s[p] == '[' && depth == 1) {
                /* a bare string in a list of authors */
                if (!(v < end && j->s[v] == ':')) {
                    if (n > 0 && n + 2 < cap) {
                        buf[n++] = ',';
                        buf[n++] = ' ';
                    }
                    n += decode_string(j, q, buf + n, cap - n);
                }
            }
            q = after;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        q++;
    }
    rs_status st = rs__html_meta_offer(m, a, slot, buf, n);
    rs__free(a, buf, cap);
    return st;
}

rs_status rs__html_meta_jsonld(rs__html_meta *m, const rs_allocator *a, const char *json,
                               size_t len)
{
    json_scan j = {json, len};
    rs_status st = offer_string(m, a, RS_HM_TITLE_LD, &j, find_key(&j, 0, len, "headline"));
    if (st == RS_OK)
        st = offer_string(m, a, RS_HM_DATE_LD, &j, find_key(&j, 0, len, "datePublished"));
    if (st == RS_OK)
        st = offer_names(m, a, RS_HM_BYLINE_LD, &j, find_key(&j, 0, len, "author"));
    if (st == RS_OK) {
        size_t pub = find_key(&j, 0, len, "publisher");
        if (pub < len && j.s[pub] == '{') {
            size_t end = skip_value(&j, pub);
            st = offer_string(m, a, RS_HM_SITE_LD, &j, find_key(&j, pub + 1, end, "name"));
        }
    }
    return st;
}

/* ------------------------------------------------------------------ */
/* Choosing and emitting                                                */

static size_t count_words(const char *s, size_t len)
{
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        bool sp = is_space(s[i]);
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

size_t rs__html_title_trim(const char *t, size_t len, const char *site, size_t site_len)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " \xC2\xB7 ", " :: ", " \xC2\xBB ", " / ", NULL};
    size_t best = 0, best_sep = 0;
    for (const char *const *s = seps; *s; s++) {
        size_t n = strlen(*s);
        for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;) {
            if (memcmp(t + i, *s, n) == 0) {
                if (i > best) {
                    best = i;
                    best_sep = n;
                }
                break;
            }
        }
    }
    if (!best)
        return len;
    const char *suffix = t + best + best_sep;
    size_t suffix_len = len - best - best_sep;
    /*
     * The site's own name goes whatever its length; otherwise a short tail
     * after a title of some length is taken for the site, since "Minecraft
     * 1.8 - The Bountiful Update" is one title and "Story | Site" is not.
     */
    if (site && rs__ascii_eq_ci(suffix, suffix_len, site, site_len))
        return best;
    if (count_words(t, best) >= 3 && count_words(suffix, suffix_len) <= 4
        && suffix_len < best)
        return best;
    return len;
}

static rs_status emit_first(const rs__html_meta *m, const rs__frontend_sink *sink,
                            const char *key, rs__hmeta_slot first, rs__hmeta_slot last)
{
    for (int s = first; s <= (int)last; s++) {
        if (!m->value[s])
            continue;
        size_t len = m->len[s];
        if (s == RS_HM_TITLE_TAG) {
            const char *site = m->value[RS_HM_SITE_OG] ? m->value[RS_HM_SITE_OG]
                                                       : m->value[RS_HM_SITE_LD];
            size_t site_len = site ? strlen(site) : 0;
            len = rs__html_title_trim(m->value[s], len, site, site_len);
        }
        return sink->meta(sink->ud, key, m->value[s], len);
    }
    return RS_OK;
}

rs_status rs__html_meta_emit(const rs__html_meta *m, const rs__frontend_sink *sink)
{
    rs_status st = emit_first(m, sink, "title", RS_HM_TITLE_OG, RS_HM_TITLE_H1);
    if (st == RS_OK)
        st = emit_first(m, sink, "byline", RS_HM_BYLINE_META, RS_HM_BYLINE_MARKUP);
    if (st == RS_OK)
        st = emit_first(m, sink, "date", RS_HM_DATE_OG, RS_HM_DATE_TIME);
    if (st == RS_OK)
        st = emit_first(m, sink, "language", RS_HM_LANG_HTML, RS_HM_LANG_META);
    if (st == RS_OK)
        st = emit_first(m, sink, "site_name", RS_HM_SITE_OG, RS_HM_SITE_LD);
    if (st == RS_OK)
        st = emit_first(m, sink, "description", RS_HM_DESC_META, RS_HM_DESC_OG);
    return st;
}
