/*
 * report_view.c: the analysis as Lua values.
 *
 * Every table-like value (the article, counts, a sentence, the list of
 * sentences...) is a small userdata that reads the rs_report when indexed.
 * That buys three things at once: reaching a report costs O(1) whatever
 * its size (a 1 MB article has ~200,000 words: building tables for them all
 * up front would cost more than the analysis); the values are read-only
 * by construction (rawset does not work on userdata and the metatables are
 * hidden behind __metatable), which is what the rule sandbox needs so that
 * one rule cannot change what the next one sees; and the module and the
 * sandbox share one implementation.
 *
 * Offsets are 0-based byte offsets, [start, end), exactly as in the JSON;
 * list positions and cross references (block.section, sentence.block) are
 * 1-based, as Lua lists are.
 */
#include "rs_lua.h"

#include <lauxlib.h>
#include <string.h>

#define ARTICLE_MT "readstat.article"
#define VIEW_MT "readstat.view"
#define HIDDEN_MT "readstat: metatable is locked"

struct rs_lua_article {
    const rs_report *report; /* NULL once released by the host */
    rs_report *owned;        /* freed with the userdata when set */
    bool has_meta;
    bool has_source;
};

typedef enum view_kind {
    V_ARTICLE,
    V_COUNTS,
    V_READABILITY,
    V_READING_TIME,
    V_WARNINGS,
    V_META,
    V_PAGE,
    V_SECTIONS,
    V_SECTION,
    V_BLOCKS,
    V_BLOCK,
    V_SENTENCES,
    V_SENTENCE,
    V_WORDS,
    V_WORD
} view_kind;

typedef struct view {
    rs_lua_article *art; /* kept alive by the view's user value */
    view_kind kind;
    size_t index; /* item index; RS_NONE for document-wide counts etc. */
    size_t first; /* lists: first item */
    size_t count; /* lists: number of items */
} view;

/* Section "index" of the whole-page figures (counts etc. of every block). */
#define PAGE_FIGURES ((size_t)-2)

/* User values of an article userdata. */
enum { ART_UV_META = 1, ART_UV_SOURCE = 2, ART_UV_COUNT = 2 };

/* ------------------------------------------------------------------ */
/* Creating views                                                       */

static const rs_report *article_report(lua_State *L, rs_lua_article *art)
{
    if (!art->report)
        luaL_error(L, "readstat: this article is no longer available (views do not outlive "
                      "the rule run that received them)");
    return art->report;
}

/* Pushes a view; art_index is the stack index of the article userdata or
 * of any view of it (whose user value is the article). */
static view *push_view(lua_State *L, int anchor_index, rs_lua_article *art, view_kind kind,
                       size_t index, size_t first, size_t count)
{
    anchor_index = lua_absindex(L, anchor_index);
    view *v = lua_newuserdatauv(L, sizeof *v, 1);
    v->art = art;
    v->kind = kind;
    v->index = index;
    v->first = first;
    v->count = count;
    luaL_setmetatable(L, VIEW_MT);
    /* The anchor is the article itself, so that views never chain. */
    if (luaL_testudata(L, anchor_index, ARTICLE_MT))
        lua_pushvalue(L, anchor_index);
    else
        lua_getiuservalue(L, anchor_index, 1);
    lua_setiuservalue(L, -2, 1);
    return v;
}

static view *check_view(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, VIEW_MT);
}

/* ------------------------------------------------------------------ */
/* Field tables                                                         */

/* Keys of each record kind, in the order pairs() and the JSON list them.
 * Links to other lists (word_list...) come last and are left out of
 * pairs() and totable(): they are navigation, not data. */
static const char *const article_keys[] = {"readstat", "source", "format", "language", "meta",
                                           "counts", "readability", "reading_time", "page",
                                           "sections", "blocks", "warnings", "sentences",
                                           "words", "text", NULL};
static const char *const page_keys[] = {"counts", "readability", "reading_time", NULL};
static const char *const counts_keys[] = {
    "characters", "letters", "words", "sentences", "syllables", "paragraphs",
    "monosyllables", "polysyllables", "complex_words", "long_words", "difficult_words",
    "unfamiliar_words", "cjk_chars", "images", "digits", "unscored_words", NULL};
static const char *const reading_time_keys[] = {"seconds", "minutes", "wpm", NULL};
static const char *const warnings_keys[] = {"invalid_utf8", NULL};
static const char *const section_keys[] = {"index", "heading", "level", "parent",
                                           "boilerplate", "start", "end", "counts",
                                           "readability", "reading_time", "block_list", NULL};
static const char *const block_keys[] = {"index", "kind", "role", "level", "start", "end",
                                         "text", "words", "sentences", "images", "section",
                                         "main", "sentence_list", NULL};
static const char *const sentence_keys[] = {"index", "text", "block", "start", "end", "words",
                                            "syllables", "grade", "word_list", NULL};
static const char *const word_keys[] = {"index", "text", "kind", "syllables", "start", "end",
                                        NULL};
/* Keys from here on are links (see above). */
static bool is_link_key(const char *key)
{
    return strcmp(key, "block_list") == 0 || strcmp(key, "sentence_list") == 0 ||
           strcmp(key, "word_list") == 0;
}

static const char *const *record_keys(view_kind kind)
{
    switch (kind) {
    case V_ARTICLE: return article_keys;
    case V_PAGE: return page_keys;
    case V_COUNTS: return counts_keys;
    case V_READING_TIME: return reading_time_keys;
    case V_WARNINGS: return warnings_keys;
    case V_SECTION: return section_keys;
    case V_BLOCK: return block_keys;
    case V_SENTENCE: return sentence_keys;
    case V_WORD: return word_keys;
    default: return NULL;
    }
}

static bool is_list(view_kind kind)
{
    return kind == V_SECTIONS || kind == V_BLOCKS || kind == V_SENTENCES || kind == V_WORDS;
}

static int key_id(const char *const *keys, const char *key)
{
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], key) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

static bool has_detail(const rs_report *r)
{
    const rs_options *o = rs_report_options(r);
    return o && (o->flags & RS_OPT_DETAIL);
}

/* Unicode White_Space, decoded from UTF-8 at s (n bytes available);
 * returns the sequence length, or 0 if s does not start with one. */
static size_t space_length(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c == ' ' || (c >= 0x09 && c <= 0x0D))
        return 1;
    if (c == 0xC2 && n >= 2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (n < 3)
        return 0;
    unsigned cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    if ((c & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return 3;
    return 0;
}

/* Sentence text as the JSON shows it: white space runs collapsed to one
 * space and trimmed, since a sentence may span line breaks. */
static void push_collapsed(lua_State *L, const char *bytes, size_t len)
{
    const unsigned char *text = (const unsigned char *)(bytes ? bytes : "");
    size_t start = 0, end = bytes ? len : 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    bool pending = false, any = false;
    size_t i = start;
    while (i < end) {
        size_t sp = space_length(text + i, end - i);
        if (sp > 0) {
            pending = any;
            i += sp;
            continue;
        }
        if (pending) {
            luaL_addchar(&b, ' ');
            pending = false;
        }
        size_t run = i + 1;
        while (run < end && space_length(text + run, end - run) == 0)
            run++;
        luaL_addlstring(&b, (const char *)text + i, run - i);
        any = true;
        i = run;
    }
    luaL_pushresult(&b);
}

static void push_size(lua_State *L, uint64_t v)
{
    lua_pushinteger(L, (lua_Integer)v);
}

/* 1-based position, or nil for RS_NONE. */
static void push_position(lua_State *L, size_t i)
{
    if (i == RS_NONE)
        lua_pushnil(L);
    else
        push_size(L, (uint64_t)i + 1);
}

static const rs_section *section_at(lua_State *L, const rs_report *r, size_t i)
{
    const rs_section *s = rs_report_section(r, i);
    if (!s)
        luaL_error(L, "readstat: section %d is out of range", (int)i);
    return s;
}

static const rs_counts *counts_of(lua_State *L, const rs_report *r, size_t section)
{
    static const rs_counts none;
    const rs_counts *c = section == RS_NONE        ? rs_report_counts(r)
                         : section == PAGE_FIGURES ? rs_report_page_counts(r)
                                                   : &section_at(L, r, section)->counts;
    return c ? c : &none;
}

static const rs_readability *readability_of(lua_State *L, const rs_report *r, size_t section)
{
    static const rs_readability none;
    const rs_readability *s = section == RS_NONE        ? rs_report_readability(r)
                              : section == PAGE_FIGURES ? rs_report_page_readability(r)
                                                        : &section_at(L, r, section)->readability;
    return s ? s : &none;
}

static const rs_reading_time *reading_time_of(lua_State *L, const rs_report *r,
                                              size_t section)
{
    static const rs_reading_time none;
    const rs_reading_time *t = section == RS_NONE ? rs_report_reading_time(r)
                               : section == PAGE_FIGURES
                                   ? rs_report_page_reading_time(r)
                                   : &section_at(L, r, section)->reading_time;
    return t ? t : &none;
}

static void push_counts_field(lua_State *L, const rs_counts *c, int id)
{
    const uint64_t values[] = {c->characters,    c->letters,         c->words,
                               c->sentences,     c->syllables,       c->paragraphs,
                               c->monosyllables, c->polysyllables,   c->complex_words,
                               c->long_words,    c->difficult_words, c->unfamiliar_words,
                               c->cjk_chars,     c->images,          c->digits,
                               c->unscored_words};
    push_size(L, values[id]);
}

/* First sentence of block b: sentences are in text order, so their block
 * indices never decrease and a binary search finds the range. */
static size_t first_sentence_of_block(const rs_report *r, size_t block)
{
    size_t lo = 0, hi = rs_report_sentence_count(r);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rs_report_sentence(r, mid)->block < block)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_block_of_section(const rs_report *r, size_t section)
{
    size_t lo = 0, hi = rs_report_block_count(r);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rs_report_block(r, mid)->section < section)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Pushes field `id` of record view v (at stack index self); nil if absent. */
static void push_record_field(lua_State *L, int self, view *v, int id)
{
    rs_lua_article *art = v->art;
    const rs_report *r = article_report(L, art);
    const char *key = record_keys(v->kind)[id];

    switch (v->kind) {
    case V_ARTICLE:
        switch (id) {
        case 0: lua_pushstring(L, readstat_version()); return;
        case 1:
            if (art->has_source)
                lua_getiuservalue(L, self, ART_UV_SOURCE);
            else
                lua_pushnil(L);
            return;
        case 2: {
            const char *format = rs_format_name(rs_report_format(r));
            lua_pushstring(L, format ? format : "text");
            return;
        }
        case 3: {
            const char *lang = rs_report_language(r);
            lua_pushstring(L, lang ? lang : "en");
            return;
        }
        case 4: push_view(L, self, art, V_META, RS_NONE, 0, 0); return;
        case 5: push_view(L, self, art, V_COUNTS, RS_NONE, 0, 0); return;
        case 6: push_view(L, self, art, V_READABILITY, RS_NONE, 0, 0); return;
        case 7: push_view(L, self, art, V_READING_TIME, RS_NONE, 0, 0); return;
        case 8: push_view(L, self, art, V_PAGE, PAGE_FIGURES, 0, 0); return;
        case 9: push_view(L, self, art, V_SECTIONS, RS_NONE, 0, rs_report_section_count(r)); return;
        case 10: push_view(L, self, art, V_BLOCKS, RS_NONE, 0, rs_report_block_count(r)); return;
        case 11:
            if (rs_report_invalid_utf8(r) > 0)
                push_view(L, self, art, V_WARNINGS, RS_NONE, 0, 0);
            else
                lua_pushnil(L);
            return;
        case 12:
            if (has_detail(r))
                push_view(L, self, art, V_SENTENCES, RS_NONE, 0, rs_report_sentence_count(r));
            else
                lua_pushnil(L);
            return;
        case 13:
            if (has_detail(r))
                push_view(L, self, art, V_WORDS, RS_NONE, 0, rs_report_word_count(r));
            else
                lua_pushnil(L);
            return;
        case 14: {
            size_t len;
            const char *text = rs_report_text(r, &len);
            lua_pushlstring(L, text ? text : "", text ? len : 0);
            return;
        }
        }
        break;
    case V_PAGE:
        push_view(L, self, art, id == 0 ? V_COUNTS : id == 1 ? V_READABILITY : V_READING_TIME,
                  PAGE_FIGURES, 0, 0);
        return;
    case V_COUNTS: push_counts_field(L, counts_of(L, r, v->index), id); return;
    case V_READING_TIME: {
        const rs_reading_time *t = reading_time_of(L, r, v->index);
        if (id == 0)
            push_size(L, t->seconds);
        else if (id == 1)
            push_size(L, t->minutes);
        else
            lua_pushnumber(L, t->words_per_minute);
        return;
    }
    case V_WARNINGS: push_size(L, rs_report_invalid_utf8(r)); return;
    case V_SECTION: {
        const rs_section *s = section_at(L, r, v->index);
        switch (id) {
        case 0: push_size(L, v->index + 1); return;
        case 1: {
            size_t len;
            const char *h = s->heading_block != RS_NONE
                                ? rs_report_block_text(r, s->heading_block, &len)
                                : NULL;
            if (h)
                push_collapsed(L, h, len);
            else
                lua_pushnil(L);
            return;
        }
        case 2: lua_pushinteger(L, s->level); return;
        case 3: push_position(L, s->parent); return;
        case 4: lua_pushboolean(L, s->boilerplate); return;
        case 5: push_size(L, s->start); return;
        case 6: push_size(L, s->end); return;
        case 7: push_view(L, self, art, V_COUNTS, v->index, 0, 0); return;
        case 8: push_view(L, self, art, V_READABILITY, v->index, 0, 0); return;
        case 9: push_view(L, self, art, V_READING_TIME, v->index, 0, 0); return;
        case 10: {
            size_t first = first_block_of_section(r, v->index);
            size_t last = first, n = rs_report_block_count(r);
            while (last < n && rs_report_block(r, last)->section == v->index)
                last++;
            push_view(L, self, art, V_BLOCKS, RS_NONE, first, last - first);
            return;
        }
        }
        break;
    }
    case V_BLOCK: {
        const rs_block *b = rs_report_block(r, v->index);
        if (!b)
            luaL_error(L, "readstat: block %d is out of range", (int)v->index);
        switch (id) {
        case 0: push_size(L, v->index + 1); return;
        case 1: lua_pushstring(L, rs_block_kind_name(b->kind)); return;
        case 2: lua_pushstring(L, rs_role_name(b->role)); return;
        case 3:
            if (b->kind == RS_BLOCK_HEADING)
                lua_pushinteger(L, b->level);
            else
                lua_pushnil(L);
            return;
        case 4: push_size(L, b->start); return;
        case 5: push_size(L, b->end); return;
        case 6: {
            size_t len;
            const char *text = rs_report_block_text(r, v->index, &len);
            lua_pushlstring(L, text ? text : "", text ? len : 0);
            return;
        }
        case 7: push_size(L, b->words); return;
        case 8: push_size(L, b->sentences); return;
        case 9: push_size(L, b->counts.images); return;
        case 10: push_position(L, b->section); return;
        case 11: lua_pushboolean(L, rs_report_block_is_main(r, v->index, false)); return;
        case 12: {
            if (!has_detail(r)) {
                lua_pushnil(L);
                return;
            }
            size_t first = first_sentence_of_block(r, v->index);
            size_t last = first, n = rs_report_sentence_count(r);
            while (last < n && rs_report_sentence(r, last)->block == v->index)
                last++;
            push_view(L, self, art, V_SENTENCES, RS_NONE, first, last - first);
            return;
        }
        }
        break;
    }
    case V_SENTENCE: {
        const rs_sentence *s = rs_report_sentence(r, v->index);
        if (!s)
            luaL_error(L, "readstat: sentence %d is out of range", (int)v->index);
        switch (id) {
        case 0: push_size(L, v->index + 1); return;
        case 1: {
            size_t len;
            const char *text = rs_report_sentence_text(r, v->index, &len);
            push_collapsed(L, text, text ? len : 0);
            return;
        }
        case 2: push_position(L, s->block); return;
        case 3: push_size(L, s->start); return;
        case 4: push_size(L, s->end); return;
        case 5: push_size(L, s->words); return;
        case 6: push_size(L, s->syllables); return;
        case 7:
            /* Flesch-Kincaid of the sentence alone, as the JSON's "grade". */
            if (s->scored_words == 0)
                lua_pushnil(L);
            else
                lua_pushnumber(L, 0.39 * s->words +
                                      11.8 * (double)s->syllables / s->scored_words - 15.59);
            return;
        case 8: {
            size_t total = rs_report_word_count(r);
            size_t first = s->first_word < total ? s->first_word : total;
            size_t n = s->words <= total - first ? s->words : total - first;
            push_view(L, self, art, V_WORDS, RS_NONE, first, n);
            return;
        }
        }
        break;
    }
    case V_WORD: {
        const rs_word *w = rs_report_word(r, v->index);
        if (!w)
            luaL_error(L, "readstat: word %d is out of range", (int)v->index);
        switch (id) {
        case 0: push_size(L, v->index + 1); return;
        case 1: {
            size_t len;
            const char *text = rs_report_word_text(r, v->index, &len);
            lua_pushlstring(L, text ? text : "", text ? len : 0);
            return;
        }
        case 2: lua_pushstring(L, rs_word_kind_name(w->kind)); return;
        case 3: push_size(L, w->syllables); return;
        case 4: push_size(L, w->start); return;
        case 5: push_size(L, w->end); return;
        }
        break;
    }
    default: break;
    }
    luaL_error(L, "readstat: internal error: field '%s'", key);
}

/* Pushes list item k (1-based) or nil. */
static void push_list_item(lua_State *L, int self, view *v, lua_Integer k)
{
    if (k < 1 || (lua_Unsigned)k > v->count) {
        lua_pushnil(L);
        return;
    }
    size_t i = v->first + (size_t)(k - 1);
    view_kind item = v->kind == V_SECTIONS    ? V_SECTION
                     : v->kind == V_BLOCKS    ? V_BLOCK
                     : v->kind == V_SENTENCES ? V_SENTENCE
                                              : V_WORD;
    push_view(L, self, v->art, item, i, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Metamethods                                                          */

static int view_index(lua_State *L)
{
    view *v = check_view(L, 1);
    const rs_report *r = article_report(L, v->art);
    if (is_list(v->kind)) {
        int isint;
        lua_Integer k = lua_tointegerx(L, 2, &isint);
        if (isint)
            push_list_item(L, 1, v, k);
        else
            lua_pushnil(L);
        return 1;
    }
    if (lua_type(L, 2) != LUA_TSTRING) {
        lua_pushnil(L);
        return 1;
    }
    const char *key = lua_tostring(L, 2);
    if (v->kind == V_READABILITY) {
        const rs_readability *scores = readability_of(L, r, v->index);
        for (int id = 0; id < RS_SCORE__COUNT; id++) {
            const char *name = rs_score_name((rs_score_id)id);
            if (name && strcmp(name, key) == 0) {
                if (scores->defined[id])
                    lua_pushnumber(L, scores->value[id]);
                else
                    lua_pushnil(L);
                return 1;
            }
        }
        lua_pushnil(L);
        return 1;
    }
    if (v->kind == V_META) {
        if (v->art->has_meta) {
            lua_getiuservalue(L, 1, 1);
            lua_getiuservalue(L, -1, ART_UV_META);
            lua_pushvalue(L, 2);
            lua_rawget(L, -2);
        } else {
            lua_pushstring(L, rs_report_meta(r, key));
        }
        return 1;
    }
    int id = key_id(record_keys(v->kind), key);
    if (id < 0)
        lua_pushnil(L);
    else
        push_record_field(L, 1, v, id);
    return 1;
}

static int view_newindex(lua_State *L)
{
    check_view(L, 1);
    return luaL_error(L, "readstat: the article is read-only (cannot set '%s')",
                      luaL_tolstring(L, 2, NULL));
}

static int view_len(lua_State *L)
{
    view *v = check_view(L, 1);
    article_report(L, v->art);
    push_size(L, is_list(v->kind) ? v->count : 0);
    return 1;
}

static int view_eq(lua_State *L)
{
    view *a = luaL_testudata(L, 1, VIEW_MT), *b = luaL_testudata(L, 2, VIEW_MT);
    lua_pushboolean(L, a && b && a->art == b->art && a->kind == b->kind &&
                           a->index == b->index && a->first == b->first &&
                           a->count == b->count);
    return 1;
}

static const char *kind_label(view_kind kind)
{
    static const char *const labels[] = {"article", "counts", "readability", "reading_time",
                                         "warnings", "meta", "page", "sections", "section",
                                         "blocks", "block", "sentences", "sentence",
                                         "words", "word"};
    return labels[kind];
}

static int view_tostring(lua_State *L)
{
    view *v = check_view(L, 1);
    if (is_list(v->kind))
        lua_pushfstring(L, "readstat %s (%d)", kind_label(v->kind), (int)v->count);
    else if (v->index != RS_NONE)
        lua_pushfstring(L, "readstat %s %d", kind_label(v->kind), (int)v->index + 1);
    else
        lua_pushfstring(L, "readstat %s", kind_label(v->kind));
    return 1;
}

/*
 * The "next" of a view for pairs(): keys in JSON order, skipping absent
 * fields and links; list items by position.
 */
static int view_next(lua_State *L)
{
    view *v = check_view(L, 1);
    const rs_report *r = article_report(L, v->art);
    if (is_list(v->kind)) {
        lua_Integer k = lua_isnil(L, 2) ? 0 : luaL_checkinteger(L, 2);
        if (k < 0 || (lua_Unsigned)k >= v->count)
            return 0;
        lua_pushinteger(L, k + 1);
        push_list_item(L, 1, v, k + 1);
        return 2;
    }
    if (v->kind == V_META) {
        if (v->art->has_meta) {
            lua_getiuservalue(L, 1, 1);
            lua_getiuservalue(L, -1, ART_UV_META);
            lua_pushvalue(L, 2);
            return lua_next(L, -2) ? 2 : 0;
        }
        /* The report's own metadata, in its order. */
        size_t n = rs_report_meta_count(r), next = 0;
        if (!lua_isnil(L, 2)) {
            const char *key = luaL_checkstring(L, 2);
            while (next < n) {
                const char *k, *val;
                bool ok = rs_report_meta_at(r, next++, &k, &val);
                if (ok && strcmp(k, key) == 0)
                    break;
            }
        }
        for (; next < n; next++) {
            const char *k, *val;
            if (rs_report_meta_at(r, next, &k, &val)) {
                lua_pushstring(L, k);
                lua_pushstring(L, val);
                return 2;
            }
        }
        return 0;
    }
    int start = 0;
    if (v->kind == V_READABILITY) {
        if (!lua_isnil(L, 2)) {
            const char *key = luaL_checkstring(L, 2);
            while (start < RS_SCORE__COUNT && strcmp(rs_score_name((rs_score_id)start), key))
                start++;
            start++;
        }
        const rs_readability *scores = readability_of(L, r, v->index);
        for (int id = start; id < RS_SCORE__COUNT; id++) {
            if (!scores->defined[id])
                continue;
            lua_pushstring(L, rs_score_name((rs_score_id)id));
            lua_pushnumber(L, scores->value[id]);
            return 2;
        }
        return 0;
    }
    const char *const *keys = record_keys(v->kind);
    if (!lua_isnil(L, 2)) {
        int id = key_id(keys, luaL_checkstring(L, 2));
        if (id < 0)
            return luaL_error(L, "readstat: invalid key to 'next'");
        start = id + 1;
    }
    for (int id = start; keys[id]; id++) {
        if (is_link_key(keys[id]))
            continue;
        push_record_field(L, 1, v, id);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushstring(L, keys[id]);
        lua_insert(L, -2);
        return 2;
    }
    return 0;
}

static int view_pairs(lua_State *L)
{
    check_view(L, 1);
    lua_pushcfunction(L, view_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int article_gc(lua_State *L)
{
    rs_lua_article *art = luaL_checkudata(L, 1, ARTICLE_MT);
    if (art->owned) {
        rs_report_free(art->owned);
        art->owned = NULL;
    }
    art->report = NULL;
    return 0;
}

void rs_lua_views_init(lua_State *L)
{
    if (luaL_newmetatable(L, VIEW_MT)) {
        static const luaL_Reg view_methods[] = {
            {"__index", view_index},       {"__newindex", view_newindex},
            {"__len", view_len},           {"__eq", view_eq},
            {"__tostring", view_tostring}, {"__pairs", view_pairs},
            {NULL, NULL}};
        luaL_setfuncs(L, view_methods, 0);
        lua_pushliteral(L, HIDDEN_MT);
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, ARTICLE_MT)) {
        lua_pushcfunction(L, article_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, HIDDEN_MT);
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
}

rs_lua_article *rs_lua_push_article(lua_State *L, const rs_report *report, bool take_ownership,
                                    int meta_index, const char *source)
{
    if (meta_index != 0)
        meta_index = lua_absindex(L, meta_index);
    /* The holder exists (with __gc) before anything else can fail, so an
     * owned report is freed whatever happens next. */
    rs_lua_article *art = lua_newuserdatauv(L, sizeof *art, ART_UV_COUNT);
    art->report = report;
    art->owned = take_ownership ? (rs_report *)report : NULL;
    art->has_meta = false;
    art->has_source = false;
    rs_lua_views_init(L);
    luaL_setmetatable(L, ARTICLE_MT);
    if (meta_index != 0) {
        lua_pushvalue(L, meta_index);
        lua_setiuservalue(L, -2, ART_UV_META);
        art->has_meta = true;
    }
    if (source) {
        lua_pushstring(L, source);
        lua_setiuservalue(L, -2, ART_UV_SOURCE);
        art->has_source = true;
    }
    push_view(L, -1, art, V_ARTICLE, RS_NONE, 0, 0);
    lua_remove(L, -2); /* the holder: the view anchors it */
    return art;
}

void rs_lua_article_adopt(rs_lua_article *art, rs_report *report)
{
    art->report = report;
    art->owned = report;
}

void rs_lua_article_release(rs_lua_article *art)
{
    if (art && !art->owned)
        art->report = NULL;
}

const rs_report *rs_lua_view_report(lua_State *L, int idx)
{
    view *v = luaL_testudata(L, idx, VIEW_MT);
    return v ? v->art->report : NULL;
}

bool rs_lua_view_place(lua_State *L, int idx, rs_lua_place *place)
{
    view *v = luaL_testudata(L, idx, VIEW_MT);
    if (!v || !v->art->report)
        return false;
    const rs_report *r = v->art->report;
    place->index = v->index + 1;
    switch (v->kind) {
    case V_SECTION: {
        const rs_section *s = rs_report_section(r, v->index);
        if (!s)
            return false;
        place->kind = "section";
        place->start = s->start;
        place->end = s->end;
        return true;
    }
    case V_BLOCK: {
        const rs_block *b = rs_report_block(r, v->index);
        if (!b)
            return false;
        place->kind = rs_block_kind_name(b->kind);
        place->start = b->start;
        place->end = b->end;
        return true;
    }
    case V_SENTENCE: {
        const rs_sentence *s = rs_report_sentence(r, v->index);
        if (!s)
            return false;
        place->kind = "sentence";
        place->start = s->start;
        place->end = s->end;
        return true;
    }
    case V_WORD: {
        const rs_word *w = rs_report_word(r, v->index);
        if (!w)
            return false;
        place->kind = "word";
        place->start = w->start;
        place->end = w->end;
        return true;
    }
    default: return false;
    }
}

/* ------------------------------------------------------------------ */
/* totable                                                              */

static void copy_value(lua_State *L, int idx, int depth);

static void copy_view(lua_State *L, int idx, int depth)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 6, "readstat.totable");
    lua_newtable(L);
    int out = lua_gettop(L);
    lua_pushnil(L);
    for (;;) {
        /* key at top; call view_next(view, key) */
        lua_pushcfunction(L, view_next);
        lua_pushvalue(L, idx);
        lua_pushvalue(L, -3);
        lua_call(L, 2, 2);
        if (lua_isnil(L, -2)) {
            lua_pop(L, 3);
            break;
        }
        lua_remove(L, -3); /* old key */
        copy_value(L, -1, depth + 1);
        lua_remove(L, -2);           /* value -> copied value */
        lua_pushvalue(L, -2);        /* key */
        lua_insert(L, -2);           /* key, key, copy */
        lua_rawset(L, out);          /* key left for the next round */
    }
    (void)out;
}

static void copy_value(lua_State *L, int idx, int depth)
{
    if (depth > 8)
        luaL_error(L, "readstat.totable: nesting too deep");
    if (luaL_testudata(L, idx, VIEW_MT))
        copy_view(L, idx, depth);
    else
        lua_pushvalue(L, idx);
}

int rs_lua_totable(lua_State *L)
{
    luaL_checkany(L, 1);
    copy_value(L, 1, 0);
    return 1;
}
