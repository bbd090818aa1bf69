/*
 * sandbox.c: the Lua state a rule file runs in (Redis' scripting sandbox is
 * the model).
 *
 * Memory: the allocator given to lua_newstate counts every byte and refuses
 * to grow past the cap; Lua turns the refusal into a memory error.
 * Time: a count hook charges the instruction budget every HOOK_INTERVAL
 * instructions and checks the deadline.  When either runs out, the hook
 * raises and re-arms itself to fire on every instruction, so a rule that
 * catches the error with pcall is stopped again at its very next
 * instruction; the error only ends when the host's own pcall returns.
 * C code that loops without running instructions (pattern matching, table
 * moves) charges the budget through rs_lua_charge().
 * Globals: a rule sees an allow-list; the string metatable, whose __index
 * every string shares, is hidden behind __metatable.
 */
#define _POSIX_C_SOURCE 200809L
#include "sandbox.h"

#include "rs_lua.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Instructions between two hook calls: rare enough to cost nothing
 * measurable, frequent enough to see the deadline within milliseconds. */
#define HOOK_INTERVAL 1000
/* Allocations at least this large also check the deadline: a loop that
 * copies long strings does much work per instruction. */
#define BIG_ALLOCATION 65536

static const char TEMPLATE_KEY[] = "readstat.sandbox.template";
static const char STOP_MESSAGE_KEY[] = "readstat.sandbox.stop";

double rs_sandbox_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    rs_sandbox *sb = ud;
    if (!ptr)
        osize = 0; /* osize then tells the kind of object, not a size */
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize) {
        size_t growth = nsize - osize;
        bool too_late = sb->running && growth >= BIG_ALLOCATION &&
                        rs_sandbox_now() > sb->deadline;
        if (growth > sb->mem_limit - sb->mem_used || too_late) {
            if (sb->running) {
                sb->mem_refused = true;
                if (too_late && sb->stopped == SANDBOX_RUNNING)
                    sb->stopped = SANDBOX_STOP_TIME;
            }
            return NULL;
        }
    }
    void *p = realloc(ptr, nsize);
    if (!p) {
        if (nsize <= osize)
            return ptr; /* Lua assumes shrinking never fails */
        sb->mem_refused = true;
        return NULL;
    }
    sb->mem_used = sb->mem_used - osize + nsize;
    return p;
}

rs_sandbox *rs_sandbox_of(lua_State *L)
{
    void *ud;
    return lua_getallocf(L, &ud) == sandbox_alloc ? ud : NULL;
}

const char *rs_sandbox_stop_message(sandbox_stop stop)
{
    switch (stop) {
    case SANDBOX_STOP_BUDGET: return "stopped: instruction budget exhausted";
    case SANDBOX_STOP_TIME: return "stopped: time limit exceeded";
    case SANDBOX_STOP_MEMORY: return "stopped: memory limit exceeded";
    default: return "running";
    }
}

static void record_stop_line(rs_sandbox *sb, lua_State *L, lua_Debug *ar)
{
    lua_Debug frame;
    if (!ar) {
        /* Called from C: the line is the Lua caller's. */
        for (int level = 0; lua_getstack(L, level, &frame); level++) {
            if (lua_getinfo(L, "l", &frame) && frame.currentline > 0) {
                sb->stop_line = frame.currentline;
                return;
            }
        }
        return;
    }
    if (lua_getinfo(L, "l", ar) && ar->currentline > 0)
        sb->stop_line = ar->currentline;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar);

/* Raises the stop error; from now on every instruction of every thread
 * that reaches its hook raises it again. */
static void stop_rule(rs_sandbox *sb, lua_State *L, sandbox_stop why, lua_Debug *ar)
{
    if (sb->stopped == SANDBOX_RUNNING || sb->stop_line == 0) {
        if (sb->stopped == SANDBOX_RUNNING)
            sb->stopped = why;
        record_stop_line(sb, L, ar);
    }
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, 1);
    /* The message was made when the state was opened: raising it needs no
     * memory, which may be exactly what ran out. */
    lua_rawgetp(L, LUA_REGISTRYINDEX, STOP_MESSAGE_KEY);
    lua_error(L);
}

static sandbox_stop over_limit(rs_sandbox *sb)
{
    if (sb->stopped != SANDBOX_RUNNING)
        return sb->stopped;
    if (!sb->running)
        return SANDBOX_STOP_TIME; /* no Lua code may run between calls */
    if (sb->steps_used > sb->steps_budget)
        return SANDBOX_STOP_BUDGET;
    if (sb->mem_refused)
        return SANDBOX_STOP_MEMORY;
    if (rs_sandbox_now() > sb->deadline)
        return SANDBOX_STOP_TIME;
    return SANDBOX_RUNNING;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
    rs_sandbox *sb = rs_sandbox_of(L);
    if (!sb)
        return;
    if (sb->stopped == SANDBOX_RUNNING)
        sb->steps_used += HOOK_INTERVAL;
    sandbox_stop why = over_limit(sb);
    if (why != SANDBOX_RUNNING)
        stop_rule(sb, L, why, ar);
}

void rs_lua_charge(lua_State *L, uint64_t steps)
{
    rs_sandbox *sb = rs_sandbox_of(L);
    if (!sb)
        return;
    sb->steps_used += steps;
    sandbox_stop why = over_limit(sb);
    if (why != SANDBOX_RUNNING)
        stop_rule(sb, L, why, NULL);
}

void rs_sandbox_begin(rs_sandbox *sb, lua_State *L, uint64_t budget, double seconds)
{
    sb->running = true;
    sb->stopped = SANDBOX_RUNNING;
    sb->mem_refused = false;
    sb->steps_used = 0;
    sb->steps_budget = budget;
    sb->deadline = rs_sandbox_now() + seconds;
    sb->stop_line = 0;
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, HOOK_INTERVAL);
}

void rs_sandbox_end(rs_sandbox *sb, lua_State *L)
{
    sb->running = false;
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, HOOK_INTERVAL);
}

/* ------------------------------------------------------------------ */
/* Replacements for functions whose stock version is unsafe here        */

/*
 * setmetatable without __gc: Lua runs finalisers with hooks disabled, so
 * a finaliser could loop forever out of the budget's reach.  An object is
 * marked for finalisation only if its metatable has __gc when it is set,
 * so refusing it here is enough.
 */
static int safe_setmetatable(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "rules may not use __gc (finalisers run outside the "
                                 "rule's budget)");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/*
 * xpcall whose handler runs after the error has unwound, like pcall's
 * caller would.  The stock xpcall calls the handler at the point of the
 * error: when that error is the sandbox stopping the rule from inside the
 * count hook, the handler would run with hooks disabled, out of the
 * budget's reach (an infinite loop there would never end).  Without debug
 * in the sandbox, a handler cannot tell the difference.  A stopped rule's
 * handler is not called at all.
 */
static int safe_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    luaL_checkstack(L, n + 2, "xpcall");
    lua_pushvalue(L, 1);
    for (int i = 3; i <= n; i++)
        lua_pushvalue(L, i);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    rs_sandbox *sb = rs_sandbox_of(L);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, n + 1);
        return lua_gettop(L) - n;
    }
    if (sb && sb->stopped != SANDBOX_RUNNING)
        return lua_error(L);
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    lua_pcall(L, 1, 1, 0); /* an error in the handler becomes the result */
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

/* Runs the stock function (upvalue 1) after charging `steps` to the budget. */
static int call_original(lua_State *L, lua_Number steps)
{
    if (steps > 0)
        rs_lua_charge(L, steps > 1e15 ? (uint64_t)1e15 : (uint64_t)steps);
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/* table.sort compares in C: n log n steps. */
static int charged_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Number n = (lua_Number)luaL_len(L, 1);
    return call_original(L, n > 1 ? n * log2(n) : 0);
}

/* table.move copies element by element in C: e - f + 1 steps. */
static int charged_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    return call_original(L, e >= f ? (lua_Number)e - (lua_Number)f + 1 : 0);
}

/* table.insert/remove at a position shift the elements after it. */
static int charged_insert(lua_State *L)
{
    lua_Number steps = 0;
    if (lua_gettop(L) >= 3 && lua_type(L, 1) == LUA_TTABLE)
        steps = (lua_Number)luaL_len(L, 1) - (lua_Number)luaL_optinteger(L, 2, 0);
    return call_original(L, steps);
}

static int charged_remove(lua_State *L)
{
    lua_Number steps = 0;
    if (lua_gettop(L) >= 2 && lua_type(L, 1) == LUA_TTABLE)
        steps = (lua_Number)luaL_len(L, 1) - (lua_Number)luaL_optinteger(L, 2, 0);
    return call_original(L, steps);
}

/* table.concat, table.unpack: one step per element. */
static int charged_range(lua_State *L, int first_arg)
{
    luaL_checkany(L, 1);
    lua_Integer i = luaL_optinteger(L, first_arg, 1);
    lua_Integer j = lua_isnoneornil(L, first_arg + 1) ? luaL_len(L, 1)
                                                      : luaL_checkinteger(L, first_arg + 1);
    return call_original(L, j >= i ? (lua_Number)j - (lua_Number)i + 1 : 0);
}

static int charged_concat(lua_State *L)
{
    return charged_range(L, 3);
}

static int charged_unpack(lua_State *L)
{
    return charged_range(L, 2);
}

/* utf8 functions walk the whole string in C: a step per 16 bytes. */
static int charged_by_length(lua_State *L)
{
    size_t len = 0;
    if (lua_type(L, 1) == LUA_TSTRING)
        lua_tolstring(L, 1, &len);
    return call_original(L, (lua_Number)len / 16);
}

static void wrap_field(lua_State *L, const char *name, lua_CFunction wrapper)
{
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, -2, name);
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

/* Copies fields of the table on top into a new table; leaves the copy. */
static void copy_fields(lua_State *L, const char *const *names)
{
    lua_newtable(L);
    for (int i = 0; names[i]; i++) {
        lua_getfield(L, -2, names[i]);
        lua_setfield(L, -2, names[i]);
    }
}

static int open_protected(lua_State *L)
{
    /* The stock libraries go into the state's own global table, which no
     * rule ever sees; rules get environments built from the template. */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);
    static const char *const base_names[] = {
        "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
        "rawlen", "rawset", "select", "getmetatable", "tonumber", "tostring", "type",
        "_VERSION", NULL};
    copy_fields(L, base_names);
    lua_pushcfunction(L, safe_setmetatable);
    lua_setfield(L, -2, "setmetatable");
    lua_pushcfunction(L, safe_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_remove(L, -2);
    int template = lua_gettop(L);

    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    static const char *const table_names[] = {"concat", "insert", "move", "pack", "remove",
                                              "sort", "unpack", NULL};
    copy_fields(L, table_names);
    wrap_field(L, "sort", charged_sort);
    wrap_field(L, "move", charged_move);
    wrap_field(L, "insert", charged_insert);
    wrap_field(L, "remove", charged_remove);
    wrap_field(L, "concat", charged_concat);
    wrap_field(L, "unpack", charged_unpack);
    lua_setfield(L, template, "table");
    lua_pop(L, 1);

    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    lua_setfield(L, template, "math");

    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    static const char *const utf8_names[] = {"char", "charpattern", "codes", "codepoint",
                                             "len", "offset", NULL};
    copy_fields(L, utf8_names);
    wrap_field(L, "len", charged_by_length);
    wrap_field(L, "codepoint", charged_by_length);
    wrap_field(L, "offset", charged_by_length);
    lua_setfield(L, template, "utf8");
    lua_pop(L, 1);

    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 0);
    lua_setfield(L, template, "coroutine");

    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
    static const char *const os_names[] = {"time", "date", "clock", NULL};
    copy_fields(L, os_names);
    lua_setfield(L, template, "os");
    lua_pop(L, 1);

    /* Strings: the metatable every string shares points at a guarded copy
     * of the library that no rule can reach (getmetatable("") is false),
     * so no rule can change what s:find() means for another. */
    rs_lua_open_guarded_string(L);
    lua_pushliteral(L, "");
    if (!lua_getmetatable(L, -1))
        return luaL_error(L, "readstat: strings have no metatable");
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_setfield(L, template, "string");

    lua_pushvalue(L, template);
    lua_rawsetp(L, LUA_REGISTRYINDEX, TEMPLATE_KEY);
    lua_pushstring(L, "stopped by the sandbox");
    lua_rawsetp(L, LUA_REGISTRYINDEX, STOP_MESSAGE_KEY);
    rs_lua_views_init(L);
    return 0;
}

lua_State *rs_sandbox_open(rs_sandbox *sb, size_t mem_limit)
{
    memset(sb, 0, sizeof *sb);
    sb->mem_limit = mem_limit;
    lua_State *L = lua_newstate(sandbox_alloc, sb);
    if (!L)
        return NULL;
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, HOOK_INTERVAL);
    lua_pushcfunction(L, open_protected);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        lua_close(L);
        return NULL;
    }
    return L;
}

void rs_sandbox_push_env(lua_State *L)
{
    luaL_checkstack(L, 6, "readstat sandbox");
    lua_rawgetp(L, LUA_REGISTRYINDEX, TEMPLATE_KEY);
    int template = lua_gettop(L);
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, template)) {
        if (lua_type(L, -1) == LUA_TTABLE) {
            /* A fresh copy of each library per environment. */
            int lib = lua_gettop(L);
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, lib)) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
            lua_remove(L, lib);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_remove(L, template);
}
