/*
 * analyzer.c: readstat.analyzer(), the analysis of an input that comes in
 * pieces (a request body, a file read in chunks), in bounded memory, with
 * each block handed to a Lua function as soon as its role is settled.
 *
 *   local a = readstat.analyzer{format = "html", on_block = function(b) ... end}
 *   for chunk in body_chunks() do a:feed(chunk) end
 *   local article = a:finish()
 *
 * The C analyzer calls on_block from inside rs_analyzer_feed() and
 * rs_analyzer_finish().  A Lua error must not unwind through the library's
 * frames, so everything Lua does there runs under lua_pcall(); the first
 * error is kept in the userdata and raised once the library has returned,
 * and the analyzer is then closed.
 */
#include "module.h"
#include "rs_lua.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#define ANALYZER_MT "readstat.analyzer"
#define ANALYZER_SAFE_MT "readstat.analyzer.safe"

/* The userdata's user values. */
enum { UV_ON_BLOCK = 1, UV_ERROR = 2, UV_COUNT = 2 };

typedef struct lua_analyzer {
    rs_analyzer *a;  /* NULL once finished, failed or closed */
    bool stream;     /* RS_OPT_STREAM: the article keeps the figures only */
    bool running;    /* inside feed or finish: on_block may not come back in */
    bool fed;        /* input came: too late for meta */
    /* while running: the state and the userdata's stack index, for on_block */
    lua_State *L;
    int self;
    bool callback_failed; /* its error is in UV_ERROR */
} lua_analyzer;

static lua_analyzer *check_analyzer(lua_State *L)
{
    lua_analyzer *box = luaL_testudata(L, 1, ANALYZER_MT);
    if (!box)
        box = luaL_testudata(L, 1, ANALYZER_SAFE_MT);
    luaL_argexpected(L, box != NULL, 1, "readstat analyzer");
    return box;
}

/* The analyzer, open and not busy, for method `name`; raises otherwise. */
static lua_analyzer *open_analyzer(lua_State *L, const char *name)
{
    lua_analyzer *box = check_analyzer(L);
    if (box->running)
        luaL_error(L, "analyzer:%s: not from inside on_block", name);
    if (!box->a)
        luaL_error(L, "analyzer:%s: the analysis has ended (finished, failed or closed)", name);
    return box;
}

static void close_analyzer(lua_analyzer *box)
{
    rs_analyzer_free(box->a);
    box->a = NULL;
}

static void push_size(lua_State *L, size_t n)
{
    lua_pushinteger(L, (lua_Integer)n);
}

static void set_size(lua_State *L, const char *key, size_t n)
{
    push_size(L, n);
    lua_setfield(L, -2, key);
}

/* Protected: calls on_block (upvalue-free: the userdata at 2 holds it)
   with a table of the view at 1. */
static int call_on_block(lua_State *L)
{
    const rs_block_view *v = lua_touserdata(L, 1);
    const rs_block *b = v->block;
    lua_getiuservalue(L, 2, UV_ON_BLOCK);
    lua_createtable(L, 0, 14);
    set_size(L, "index", v->index + 1);
    lua_pushstring(L, rs_block_kind_name(b->kind));
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, rs_role_name(b->role));
    lua_setfield(L, -2, "role");
    if (b->kind == RS_BLOCK_HEADING) {
        lua_pushinteger(L, b->level);
        lua_setfield(L, -2, "level");
    }
    set_size(L, "start", b->start);
    set_size(L, "end", b->end);
    lua_pushlstring(L, v->text ? v->text : "", v->text ? v->len : 0);
    lua_setfield(L, -2, "text");
    set_size(L, "words", (size_t)b->words);
    set_size(L, "sentences", (size_t)b->sentences);
    set_size(L, "images", (size_t)b->counts.images);
    if (b->section != RS_NONE)
        set_size(L, "section", b->section + 1);
    lua_pushboolean(L, v->main);
    lua_setfield(L, -2, "main");
    lua_pushboolean(L, v->continues);
    lua_setfield(L, -2, "continues");
    if (v->continues && v->joint) {
        lua_pushlstring(L, &v->joint, 1);
        lua_setfield(L, -2, "joint");
    }
    lua_call(L, 1, 0);
    return 0;
}

/* rs_block_fn.  Nothing here may raise: lua_pushcfunction and
   lua_pushlightuserdata do not allocate, and the stack has room for the
   three values (a C function starts with LUA_MINSTACK slots, and each
   call leaves the stack as it found it). */
static void hand_block(void *ud, const rs_block_view *view)
{
    lua_analyzer *box = ud;
    if (box->callback_failed)
        return;
    lua_State *L = box->L;
    lua_pushcfunction(L, call_on_block);
    lua_pushlightuserdata(L, (void *)view);
    lua_pushvalue(L, box->self);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        lua_setiuservalue(L, box->self, UV_ERROR);
        box->callback_failed = true;
    }
}

static void begin_call(lua_State *L, lua_analyzer *box)
{
    box->running = true;
    box->L = L;
    box->self = lua_absindex(L, 1);
}

/* After the library returned st: closes the analyzer and raises if
   on_block or the library failed. */
static void end_call(lua_State *L, lua_analyzer *box, rs_status st, const char *name)
{
    box->running = false;
    box->L = NULL;
    if (box->callback_failed) {
        close_analyzer(box);
        lua_getiuservalue(L, 1, UV_ERROR);
        if (lua_type(L, -1) == LUA_TSTRING)
            luaL_error(L, "analyzer:%s: on_block failed: %s", name, lua_tostring(L, -1));
        lua_error(L); /* an error object: as the function raised it */
    }
    if (st != RS_OK) {
        close_analyzer(box);
        luaL_error(L, "analyzer:%s: %s", name, rs_strerror(st));
    }
}

/** analyzer:feed(chunk) -> analyzer */
static int analyzer_feed(lua_State *L)
{
    lua_analyzer *box = open_analyzer(L, "feed");
    size_t len;
    const char *chunk = luaL_checklstring(L, 2, &len);
    box->fed = true;
    begin_call(L, box);
    rs_status st = rs_analyzer_feed(box->a, chunk, len);
    end_call(L, box, st, "feed");
    lua_settop(L, 1);
    return 1;
}

/** analyzer:finish() -> article; the analyzer is closed after it */
static int analyzer_finish(lua_State *L)
{
    lua_analyzer *box = open_analyzer(L, "finish");
    lua_settop(L, 1);
    /* the article exists before the report does, so that nothing leaks if
       pushing raises (rs_lua_article_adopt()) */
    rs_lua_article *art = rs_lua_push_article(L, NULL, true, 0, NULL);
    rs_report *report = NULL;
    begin_call(L, box);
    rs_status st = rs_analyzer_finish(box->a, &report);
    close_analyzer(box);
    if (box->callback_failed || st != RS_OK)
        rs_report_free(report);
    else
        rs_lua_article_adopt(art, report);
    end_call(L, box, st, "finish");
    return 1;
}

static rs_status set_meta(lua_State *L, lua_analyzer *box, int key, int value)
{
    key = lua_absindex(L, key);
    value = lua_absindex(L, value);
    if (lua_type(L, key) != LUA_TSTRING)
        luaL_error(L, "analyzer:meta: a key must be a string");
    int t = lua_type(L, value);
    if (t != LUA_TSTRING && t != LUA_TNUMBER)
        luaL_error(L, "analyzer:meta: the value of '%s' must be a string or a number",
                   lua_tostring(L, key));
    lua_pushvalue(L, value); /* a copy: a number converts in the copy only */
    const char *v = lua_tostring(L, -1);
    size_t klen, vlen;
    const char *k = lua_tolstring(L, key, &klen);
    lua_tolstring(L, -1, &vlen);
    if (strlen(k) != klen || strlen(v) != vlen)
        luaL_error(L, "analyzer:meta: '%s' holds a NUL byte", k);
    rs_status st = rs_analyzer_set_meta(box->a, k, v);
    lua_pop(L, 1);
    return st;
}

/** analyzer:meta(key, value) -> analyzer: metadata that wins over what
 * the document says; before any input */
static int analyzer_meta(lua_State *L)
{
    lua_analyzer *box = open_analyzer(L, "meta");
    if (box->fed)
        return luaL_error(L, "analyzer:meta: set metadata before any input");
    rs_status st = set_meta(L, box, 2, 3);
    if (st != RS_OK)
        return luaL_error(L, "analyzer:meta: %s", rs_strerror(st));
    lua_settop(L, 1);
    return 1;
}

/** analyzer:close(): frees the analysis now (also __close; __gc, which
 * cannot come while a method runs, does the same) */
static int analyzer_close(lua_State *L)
{
    lua_analyzer *box = check_analyzer(L);
    if (box->running)
        return luaL_error(L, "analyzer:close: not from inside on_block");
    close_analyzer(box);
    return 0;
}

static int analyzer_gc(lua_State *L)
{
    lua_analyzer *box = check_analyzer(L);
    close_analyzer(box);
    return 0;
}

static int analyzer_tostring(lua_State *L)
{
    lua_analyzer *box = check_analyzer(L);
    lua_pushfstring(L, "readstat.analyzer (%s%s)", box->a ? "open" : "ended",
                    box->a && box->stream ? ", streaming" : "");
    return 1;
}

static void push_metatable(lua_State *L, const char *name, bool safe)
{
    if (!luaL_newmetatable(L, name))
        return;
    static const luaL_Reg methods[] = {{"feed", analyzer_feed},
                                       {"finish", analyzer_finish},
                                       {"meta", analyzer_meta},
                                       {"close", analyzer_close},
                                       {NULL, NULL}};
    lua_newtable(L);
    for (const luaL_Reg *m = methods; m->name; m++) {
        lua_pushcfunction(L, m->func);
        if (safe) {
            char label[32];
            snprintf(label, sizeof label, "analyzer:%s", m->name);
            rs_lua_wrap_safe(L, label);
        }
        lua_setfield(L, -2, m->name);
    }
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, analyzer_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, analyzer_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, analyzer_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "readstat: metatable is locked");
    lua_setfield(L, -2, "__metatable");
}

static const char *const analyzer_keys[] = {"stream", "on_block", "meta", NULL};

/**
 * readstat.analyzer([opts]) -> analyzer.  opts: the options of analyze(),
 * and stream (default: true unless detail), on_block (a function called
 * with each block), meta (a table of metadata).
 */
int rs_lua_analyzer_new(lua_State *L)
{
    const char *fname = "readstat.analyzer";
    module_config cfg = *rs_lua_config(L);
    lua_settop(L, 1);
    rs_lua_read_options(L, 1, &cfg, fname, analyzer_keys);
    bool has_opts = lua_istable(L, 1);
    int stream = -1;
    if (has_opts) {
        if (lua_getfield(L, 1, "stream") != LUA_TNIL) {
            if (!lua_isboolean(L, -1))
                luaL_error(L, "%s: option 'stream' must be a boolean", fname);
            stream = lua_toboolean(L, -1);
        }
        if (lua_getfield(L, 1, "on_block") != LUA_TNIL && !lua_isfunction(L, -1))
            luaL_error(L, "%s: option 'on_block' must be a function", fname);
        if (lua_getfield(L, 1, "meta") != LUA_TNIL && !lua_istable(L, -1))
            luaL_error(L, "%s: option 'meta' must be a table", fname);
        lua_pop(L, 3);
    }
    if (stream == 1 && cfg.detail)
        luaL_error(L, "%s: options 'stream' and 'detail' do not go together "
                      "(a streamed analysis keeps no sentences or words)", fname);

    lua_analyzer *box = lua_newuserdatauv(L, sizeof *box, UV_COUNT);
    *box = (lua_analyzer){.stream = stream == -1 ? !cfg.detail : stream == 1};
    push_metatable(L, cfg.safe ? ANALYZER_SAFE_MT : ANALYZER_MT, cfg.safe);
    lua_setmetatable(L, -2);
    int self = lua_gettop(L);

    rs_options opts;
    rs_lua_to_options(&cfg, &opts);
    if (box->stream)
        opts.flags |= RS_OPT_STREAM;
    rs_status st = rs_analyzer_new(&opts, &box->a);
    if (st != RS_OK)
        luaL_error(L, "%s: %s", fname, rs_strerror(st));

    if (has_opts && lua_getfield(L, 1, "on_block") != LUA_TNIL) {
        lua_setiuservalue(L, self, UV_ON_BLOCK);
        st = rs_analyzer_on_block(box->a, hand_block, box);
        if (st != RS_OK)
            luaL_error(L, "%s: %s", fname, rs_strerror(st));
    }
    lua_settop(L, self);
    if (has_opts && lua_getfield(L, 1, "meta") == LUA_TTABLE) {
        int meta = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, meta)) {
            st = set_meta(L, box, -2, -1);
            if (st != RS_OK)
                luaL_error(L, "%s: meta: %s", fname, rs_strerror(st));
            lua_pop(L, 1);
        }
    }
    lua_settop(L, self);
    return 1;
}
