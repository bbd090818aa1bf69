/*
 * module.c: the readstat Lua module (require "readstat").
 *
 * Shaped like lua-cjson: per-instance settings live in an upvalue shared by
 * the instance's functions, readstat.new{...} makes an independent
 * instance, and a second entry point, require "readstat.safe", returns the
 * same functions wrapped to return nil, message instead of raising.
 */
#include "module.h"
#include "readstat.h"
#include "readstat_rules.h"
#include "rs_lua.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define RULES_MT "readstat.rules"
#define RESULTS_MT "readstat.rule_results"

module_config *rs_lua_config(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

static bool is_extra_key(const char *key, const char *const *extra)
{
    for (; extra && *extra; extra++)
        if (strcmp(key, *extra) == 0)
            return true;
    return false;
}

static void read_format(lua_State *L, module_config *cfg, const char *fname)
{
    const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    for (int f = 0; name && f < RS_FORMAT__COUNT; f++) {
        if (strcmp(name, rs_format_name((rs_format)f)) == 0) {
            cfg->format = (rs_format)f;
            return;
        }
    }
    luaL_error(L, "%s: option 'format' must be \"text\", \"markdown\", \"html\" or \"auto\"",
               fname);
}

void rs_lua_read_options(lua_State *L, int idx, module_config *cfg, const char *fname,
                         const char *const *extra)
{
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        if (is_extra_key(key, extra)) {
            /* the caller's to read */
        } else if (strcmp(key, "lang") == 0) {
            size_t len;
            const char *lang = lua_tolstring(L, -1, &len);
            if (!lang || len == 0 || len >= sizeof cfg->lang)
                luaL_error(L, "%s: option 'lang' must be a language code such as \"en\"", fname);
            memcpy(cfg->lang, lang, len + 1);
        } else if (strcmp(key, "wpm") == 0 || strcmp(key, "cjk_cpm") == 0) {
            int isnum;
            lua_Number v = lua_tonumberx(L, -1, &isnum);
            if (!isnum || !(v > 0) || !isfinite(v))
                luaL_error(L, "%s: option '%s' must be a positive number", fname, key);
            if (key[0] == 'w')
                cfg->words_per_minute = v;
            else
                cfg->cjk_chars_per_minute = v;
        } else if (strcmp(key, "detail") == 0 || strcmp(key, "all") == 0) {
            if (!lua_isboolean(L, -1))
                luaL_error(L, "%s: option '%s' must be a boolean", fname, key);
            bool on = lua_toboolean(L, -1);
            if (key[0] == 'd')
                cfg->detail = on;
            else
                cfg->all = on;
        } else if (strcmp(key, "format") == 0) {
            read_format(L, cfg, fname);
        } else {
            luaL_Buffer expected;
            luaL_buffinit(L, &expected);
            luaL_addstring(&expected, "lang, wpm, cjk_cpm, detail, format, all");
            for (; extra && *extra; extra++) {
                luaL_addstring(&expected, ", ");
                luaL_addstring(&expected, *extra);
            }
            luaL_pushresult(&expected);
            luaL_error(L, "%s: unknown option '%s' (expected %s)", fname, key,
                       lua_tostring(L, -1));
        }
        lua_pop(L, 1);
    }
}

void rs_lua_to_options(const module_config *cfg, rs_options *opts)
{
    rs_options_init(opts);
    opts->lang = cfg->lang;
    opts->words_per_minute = cfg->words_per_minute;
    opts->cjk_chars_per_minute = cfg->cjk_chars_per_minute;
    opts->format = cfg->format;
    if (cfg->detail)
        opts->flags |= RS_OPT_DETAIL;
    if (cfg->all)
        opts->flags |= RS_OPT_ALL;
}

/* Analyses the string at text_index and pushes the article view. */
static void push_analysis(lua_State *L, int text_index, const module_config *cfg,
                          const char *fname)
{
    size_t len;
    const char *text = luaL_checklstring(L, text_index, &len);
    rs_options opts;
    rs_lua_to_options(cfg, &opts);
    rs_lua_article *art = rs_lua_push_article(L, NULL, true, 0, NULL);
    rs_report *report = NULL;
    rs_status st = rs_analyze(text, len, &opts, &report);
    if (st != RS_OK)
        luaL_error(L, "%s: %s", fname, rs_strerror(st));
    rs_lua_article_adopt(art, report);
}

/** readstat.analyze(text [, opts]) -> article */
static int l_analyze(lua_State *L)
{
    module_config cfg = *rs_lua_config(L);
    rs_lua_read_options(L, 2, &cfg, "readstat.analyze", NULL);
    lua_settop(L, 1);
    push_analysis(L, 1, &cfg, "readstat.analyze");
    return 1;
}

/** readstat.syllables(word) -> integer */
static int l_syllables(lua_State *L)
{
    size_t len;
    const char *word = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)rs_syllables(word, len));
    return 1;
}

/* Iterator over a list view (upvalue 1), position in upvalue 2: yields
 * the item's text and the item itself. */
static int list_step(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(2));
    if (lua_geti(L, lua_upvalueindex(1), i) == LUA_TNIL)
        return 0;
    lua_getfield(L, -1, "text");
    lua_insert(L, -2);
    return 2;
}

static int iterate(lua_State *L, const char *list, const char *fname)
{
    module_config cfg = *rs_lua_config(L);
    rs_lua_read_options(L, 2, &cfg, fname, NULL);
    cfg.detail = true;
    lua_settop(L, 1);
    push_analysis(L, 1, &cfg, fname);
    lua_getfield(L, -1, list);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, list_step, 2);
    return 1;
}

/** for word, w in readstat.words(text) do ... end */
static int l_words(lua_State *L)
{
    return iterate(L, "words", "readstat.words");
}

/** for sentence, s in readstat.sentences(text) do ... end */
static int l_sentences(lua_State *L)
{
    return iterate(L, "sentences", "readstat.sentences");
}

static int l_totable(lua_State *L)
{
    return rs_lua_totable(L);
}

/* ------------------------------------------------------------------ */
/* Rules                                                                */

typedef struct rules_box {
    rs_rules *rules;
} rules_box;

typedef struct results_box {
    rs_rule_results *results;
} results_box;

static int rules_gc(lua_State *L)
{
    rules_box *box = luaL_checkudata(L, 1, RULES_MT);
    rs_rules_free(box->rules);
    box->rules = NULL;
    return 0;
}

static int results_gc(lua_State *L)
{
    results_box *box = luaL_checkudata(L, 1, RESULTS_MT);
    rs_rule_results_free(box->results);
    box->results = NULL;
    return 0;
}

static lua_Integer limit_field(lua_State *L, int idx, const char *key, lua_Number *out)
{
    if (lua_getfield(L, idx, key) == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    int isnum;
    lua_Number v = lua_tonumberx(L, -1, &isnum);
    if (!isnum || !(v > 0) || !isfinite(v))
        luaL_error(L, "readstat.rules: limit '%s' must be a positive number", key);
    *out = v;
    lua_pop(L, 1);
    return 1;
}

/*
 * readstat.rules(files [, limits]) -> rules
 * files: a path, or a list whose items are paths or {name=, source=};
 * limits: {instructions=, memory= (bytes), seconds=}.
 */
static int l_rules(lua_State *L)
{
    int t = lua_type(L, 1);
    luaL_argexpected(L, t == LUA_TSTRING || t == LUA_TTABLE, 1, "path or list of rule files");
    lua_settop(L, 2);
    rs_rule_limits limits;
    rs_rule_limits_init(&limits);
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_Number v;
        if (limit_field(L, 2, "instructions", &v))
            limits.instructions = (uint64_t)v;
        if (limit_field(L, 2, "memory", &v))
            limits.memory = (size_t)v;
        if (limit_field(L, 2, "seconds", &v))
            limits.seconds = v;
    }
    rules_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->rules = NULL;
    luaL_setmetatable(L, RULES_MT);
    rs_status st = rs_rules_new(&limits, &box->rules);
    if (st != RS_OK)
        return luaL_error(L, "readstat.rules: %s", st == RS_ERR_ARG ? "invalid limits"
                                                                    : rs_strerror(st));
    if (t == LUA_TSTRING) {
        if (rs_rules_load_file(box->rules, lua_tostring(L, 1)) != RS_OK)
            return luaL_error(L, "%s", rs_rules_error(box->rules));
        return 1;
    }
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        rs_status s;
        if (lua_type(L, -1) == LUA_TSTRING) {
            s = rs_rules_load_file(box->rules, lua_tostring(L, -1));
        } else if (lua_type(L, -1) == LUA_TTABLE) {
            lua_getfield(L, -1, "name");
            lua_getfield(L, -2, "source");
            size_t len;
            const char *name = lua_tostring(L, -2), *source = lua_tolstring(L, -1, &len);
            if (!name || !source)
                return luaL_error(L, "readstat.rules: item %d needs name and source strings",
                                  (int)i);
            s = rs_rules_load_string(box->rules, name, source, len);
            lua_pop(L, 2);
        } else {
            return luaL_error(L, "readstat.rules: item %d must be a path or {name=, source=}",
                              (int)i);
        }
        if (s != RS_OK)
            return luaL_error(L, "%s", s == RS_ERR_NOMEM && !rs_rules_error(box->rules)[0]
                                           ? "not enough memory"
                                           : rs_rules_error(box->rules));
        lua_pop(L, 1);
    }
    lua_settop(L, 3); /* the box */
    return 1;
}

static void push_place(lua_State *L, const rs_rule_place *p)
{
    lua_createtable(L, 0, 4);
    lua_pushstring(L, p->kind);
    lua_setfield(L, -2, "kind");
    if (p->index) {
        lua_pushinteger(L, (lua_Integer)p->index);
        lua_setfield(L, -2, "index");
    }
    lua_pushinteger(L, (lua_Integer)p->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)p->end);
    lua_setfield(L, -2, "end");
}

static void push_results(lua_State *L, const rs_rule_results *r)
{
    lua_createtable(L, 0, 4);
    lua_createtable(L, (int)r->tag_count, 0);
    for (size_t i = 0; i < r->tag_count; i++) {
        lua_pushstring(L, r->tags[i].name);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "tags");
    lua_createtable(L, 0, (int)r->score_count);
    for (size_t i = 0; i < r->score_count; i++) {
        lua_pushnumber(L, r->scores[i].value);
        lua_setfield(L, -2, r->scores[i].name);
    }
    lua_setfield(L, -2, "scores");
    lua_createtable(L, (int)r->check_count, 0);
    for (size_t i = 0; i < r->check_count; i++) {
        const rs_rule_check *c = &r->checks[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, c->name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, c->file);
        lua_setfield(L, -2, "file");
        lua_pushstring(L, rs_check_level_name(c->level));
        lua_setfield(L, -2, "level");
        lua_pushboolean(L, c->passed);
        lua_setfield(L, -2, "passed");
        lua_pushstring(L, c->message);
        lua_setfield(L, -2, "message");
        lua_createtable(L, (int)c->where_count, 0);
        for (size_t k = 0; k < c->where_count; k++) {
            push_place(L, &c->where[k]);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, -2, "where");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "checks");
    lua_createtable(L, (int)r->error_count, 0);
    for (size_t i = 0; i < r->error_count; i++) {
        const rs_rule_error *e = &r->errors[i];
        lua_createtable(L, 0, 4);
        lua_pushstring(L, e->file);
        lua_setfield(L, -2, "file");
        lua_pushinteger(L, e->line);
        lua_setfield(L, -2, "line");
        lua_pushstring(L, e->rule);
        lua_setfield(L, -2, "rule");
        lua_pushstring(L, e->message);
        lua_setfield(L, -2, "message");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "errors");
}

/** rules:run(text_or_article [, meta]) -> {tags, scores, checks, errors} */
static int l_rules_run(lua_State *L)
{
    rules_box *box = luaL_checkudata(L, 1, RULES_MT);
    if (!box->rules)
        return luaL_error(L, "readstat: rules already released");
    lua_settop(L, 3);
    const rs_report *report;
    if (lua_type(L, 2) == LUA_TSTRING) {
        module_config cfg = *rs_lua_config(L);
        cfg.detail = true;
        push_analysis(L, 2, &cfg, "rules:run");
        report = rs_lua_view_report(L, -1);
        lua_replace(L, 2); /* the article stays anchored in its place */
    } else {
        report = rs_lua_view_report(L, 2);
        luaL_argexpected(L, report != NULL, 2, "text or readstat article");
    }
    /* Metadata: an array the GC owns, pointing at strings anchored in a
     * table of our own (the caller's table is left as it was). */
    size_t count = 0;
    rs_rule_meta *meta = NULL;
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 3)) {
            count++;
            lua_pop(L, 1);
        }
        meta = lua_newuserdatauv(L, (count ? count : 1) * sizeof *meta, 0);
        lua_createtable(L, (int)(2 * count), 0);
        int anchor = lua_gettop(L);
        size_t i = 0;
        lua_pushnil(L);
        while (lua_next(L, 3)) {
            if (lua_type(L, -2) != LUA_TSTRING ||
                (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER))
                return luaL_error(L, "rules:run: meta must map names to strings or numbers");
            lua_pushvalue(L, -2);
            meta[i].key = lua_tostring(L, -1);
            lua_rawseti(L, anchor, (lua_Integer)(2 * i + 1));
            lua_pushvalue(L, -1); /* a copy: a number converts in the copy only */
            meta[i].value = lua_tostring(L, -1);
            lua_rawseti(L, anchor, (lua_Integer)(2 * i + 2));
            lua_pop(L, 1);
            i++;
        }
    }
    results_box *res = lua_newuserdatauv(L, sizeof *res, 0);
    res->results = NULL;
    luaL_setmetatable(L, RESULTS_MT);
    rs_status st = rs_rules_run(box->rules, report, meta, count, &res->results);
    if (st != RS_OK)
        return luaL_error(L, "rules:run: %s", rs_strerror(st));
    push_results(L, res->results);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Module tables                                                        */

static int l_new(lua_State *L);

static const luaL_Reg module_functions[] = {
    {"analyze", l_analyze},     {"syllables", l_syllables}, {"words", l_words},
    {"sentences", l_sentences}, {"totable", l_totable},     {"rules", l_rules},
    {"new", l_new},             {"analyzer", rs_lua_analyzer_new}, {NULL, NULL}};

/* Calls the real function (upvalue 1) in protected mode: nil, message on
 * error, as lua-cjson's safe module does.  Called through pcall, an
 * argument error cannot tell the function's name ("to '?'"): upvalue 2
 * puts it back. */
static int safe_call(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (lua_pcall(L, n, LUA_MULTRET, 0) != LUA_OK) {
        if (lua_type(L, -1) == LUA_TSTRING) {
            lua_pushfstring(L, "to '%s'", lua_tostring(L, lua_upvalueindex(2)));
            luaL_gsub(L, lua_tostring(L, -2), "to '?'", lua_tostring(L, -1));
            lua_replace(L, -3);
            lua_pop(L, 1);
        }
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return lua_gettop(L);
}

void rs_lua_wrap_safe(lua_State *L, const char *name)
{
    lua_pushstring(L, name);
    lua_pushcclosure(L, safe_call, 2);
}

static void push_module(lua_State *L, const module_config *cfg)
{
    rs_lua_views_init(L);
    if (luaL_newmetatable(L, RULES_MT)) {
        lua_pushcfunction(L, rules_gc);
        lua_setfield(L, -2, "__gc");
        lua_newtable(L);
        module_config *c = lua_newuserdatauv(L, sizeof *c, 0);
        *c = *cfg;
        c->safe = false;
        lua_pushcclosure(L, l_rules_run, 1);
        lua_setfield(L, -2, "run");
        lua_setfield(L, -2, "__index");
        lua_pushliteral(L, "readstat: metatable is locked");
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, RESULTS_MT)) {
        lua_pushcfunction(L, results_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);

    lua_newtable(L);
    module_config *c = lua_newuserdatauv(L, sizeof *c, 0);
    *c = *cfg;
    luaL_setfuncs(L, module_functions, 1);
    if (cfg->safe) {
        for (const luaL_Reg *f = module_functions; f->name; f++) {
            char name[64];
            snprintf(name, sizeof name, "readstat.%s", f->name);
            lua_getfield(L, -1, f->name);
            rs_lua_wrap_safe(L, name);
            lua_setfield(L, -2, f->name);
        }
    }
    lua_pushstring(L, readstat_version());
    lua_setfield(L, -2, "version");
    lua_pushliteral(L, "readstat");
    lua_setfield(L, -2, "_NAME");
    lua_pushstring(L, readstat_version());
    lua_setfield(L, -2, "_VERSION");
}

static void default_config(module_config *cfg, bool safe)
{
    rs_options o;
    rs_options_init(&o);
    cfg->words_per_minute = o.words_per_minute;
    cfg->cjk_chars_per_minute = o.cjk_chars_per_minute;
    snprintf(cfg->lang, sizeof cfg->lang, "%s", o.lang ? o.lang : "en");
    cfg->format = o.format;
    cfg->all = false;
    cfg->detail = false;
    cfg->safe = safe;
}

/** readstat.new{lang=, wpm=, cjk_cpm=, detail=} -> a module table with
 * its own settings */
static int l_new(lua_State *L)
{
    module_config cfg = *rs_lua_config(L);
    rs_lua_read_options(L, 1, &cfg, "readstat.new", NULL);
    /* The new instance checks its language now rather than on first use. */
    rs_options o;
    rs_lua_to_options(&cfg, &o);
    rs_analyzer *a = NULL;
    rs_status st = rs_analyzer_new(&o, &a);
    rs_analyzer_free(a);
    if (st != RS_OK)
        return luaL_error(L, "readstat.new: %s", rs_strerror(st));
    push_module(L, &cfg);
    return 1;
}

RS_API int luaopen_readstat(lua_State *L)
{
    module_config cfg;
    default_config(&cfg, false);
    push_module(L, &cfg);
    return 1;
}

RS_API int luaopen_readstat_safe(lua_State *L)
{
    module_config cfg;
    default_config(&cfg, true);
    push_module(L, &cfg);
    return 1;
}
