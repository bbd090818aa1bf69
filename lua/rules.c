/*
 * rules.c: the rules engine behind readstat_rules.h.
 *
 * Each rule file gets a Lua state of its own (sandbox.c), so files cannot
 * see each other.  The file's chunk is compiled once; for every article it
 * runs again in a fresh environment (fresh globals, fresh library copies,
 * a fresh read-only view of the article), declares its rules, and then
 * each rule runs on its own budget.  Nothing a rule does survives the
 * article, and nothing it does can change what the next rule sees.
 *
 * Everything the host does inside a state runs under lua_pcall, because
 * any allocation there may hit the memory cap.  Values returned by rules
 * are read with raw accesses only, so no rule code runs outside a rule's
 * budget.
 */
#define _POSIX_C_SOURCE 200809L
#include "readstat_rules.h"

#include "rs_lua.h"
#include "sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_INSTRUCTIONS 20000000u
#define DEFAULT_MEMORY (64u * 1024u * 1024u)
#define DEFAULT_SECONDS 1.0
/* Places one check may point at: enough for any editor, bounded output. */
#define MAX_PLACES 1000
#define MAX_RULE_FILE (4u * 1024u * 1024u)

static const char DECLS_KEY[] = "readstat.rules.decls";
static const char OPTIONS_KEY[] = "readstat.rules.options";
static const char CHUNK_KEY[] = "readstat.rules.chunk";

typedef enum decl_kind { DECL_TAG, DECL_SCORE, DECL_CHECK } decl_kind;
static const char *const decl_kind_names[] = {"tag", "score", "check"};

typedef enum phase { PHASE_IDLE, PHASE_DECLARING, PHASE_RUNNING } phase;

/* Growable results, owned outside the Lua states so that an error raised
 * in a state never leaks what was already collected. */
typedef struct collector {
    rs_rule_results *res;
    size_t tag_cap, score_cap, check_cap, error_cap;
    bool out_of_memory;
} collector;

typedef struct rule_file {
    rs_sandbox sb; /* first: the allocator's ud leads back here */
    lua_State *L;
    char *path;
    phase phase;
    int error_line; /* set by the message handler */
} rule_file;

struct rs_rules {
    rs_rule_limits limits;
    rule_file **files;
    size_t count, cap;
    char error[1024];
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static char *copy_string(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

static char *copy_cstr(const char *s)
{
    return copy_string(s, strlen(s));
}

static bool grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

static rule_file *file_of(lua_State *L)
{
    return (rule_file *)rs_sandbox_of(L);
}

void rs_rule_limits_init(rs_rule_limits *limits)
{
    limits->instructions = DEFAULT_INSTRUCTIONS;
    limits->memory = DEFAULT_MEMORY;
    limits->seconds = DEFAULT_SECONDS;
}

const char *rs_check_level_name(rs_check_level level)
{
    static const char *const names[] = {"info", "warning", "error"};
    return (unsigned)level < 3 ? names[level] : NULL;
}

static int parse_level(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, rs_check_level_name((rs_check_level)i)) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Collecting results                                                   */

static void add_error(collector *c, const char *file, int line, const char *rule,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add_error(collector *c, const char *file, int line, const char *rule,
                      const char *fmt, ...)
{
    rs_rule_results *r = c->res;
    if (!grow((void **)&r->errors, &c->error_cap, r->error_count, sizeof *r->errors)) {
        c->out_of_memory = true;
        return;
    }
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    rs_rule_error *e = &r->errors[r->error_count];
    e->file = file;
    e->line = line;
    e->rule = copy_cstr(rule);
    e->message = copy_cstr(message);
    if (!e->rule || !e->message) {
        free((char *)e->rule);
        free((char *)e->message);
        c->out_of_memory = true;
        return;
    }
    r->error_count++;
}

static void add_tag(collector *c, const char *file, const char *name)
{
    rs_rule_results *r = c->res;
    for (size_t i = 0; i < r->tag_count; i++)
        if (strcmp(r->tags[i].name, name) == 0)
            return;
    if (!grow((void **)&r->tags, &c->tag_cap, r->tag_count, sizeof *r->tags)) {
        c->out_of_memory = true;
        return;
    }
    char *copy = copy_cstr(name);
    if (!copy) {
        c->out_of_memory = true;
        return;
    }
    r->tags[r->tag_count].name = copy;
    r->tags[r->tag_count].file = file;
    r->tag_count++;
}

static void add_score(collector *c, const char *file, int line, const char *name, double v)
{
    rs_rule_results *r = c->res;
    for (size_t i = 0; i < r->score_count; i++) {
        if (strcmp(r->scores[i].name, name) == 0) {
            add_error(c, file, line, name, "score '%s' is also given by %s; the first is kept",
                      name, r->scores[i].file);
            return;
        }
    }
    if (!grow((void **)&r->scores, &c->score_cap, r->score_count, sizeof *r->scores)) {
        c->out_of_memory = true;
        return;
    }
    char *copy = copy_cstr(name);
    if (!copy) {
        c->out_of_memory = true;
        return;
    }
    r->scores[r->score_count].name = copy;
    r->scores[r->score_count].file = file;
    r->scores[r->score_count].value = v;
    r->score_count++;
}

/* ------------------------------------------------------------------ */
/* The declaration functions a rule file calls                          */

static void require_declaring(lua_State *L, const char *what)
{
    rule_file *f = file_of(L);
    if (!f || f->phase != PHASE_DECLARING)
        luaL_error(L, "%s can only be used at the top level of a rule file, not inside a rule",
                   what);
}

/* Appends {kind, name, fn, level} to the declarations; fn at fn_index. */
static void declare(lua_State *L, decl_kind kind, const char *name, int fn_index, int level)
{
    luaL_checktype(L, fn_index, LUA_TFUNCTION);
    lua_rawgetp(L, LUA_REGISTRYINDEX, DECLS_KEY);
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        bool same = lua_tointeger(L, -2) == kind && strcmp(lua_tostring(L, -1), name) == 0;
        lua_pop(L, 3);
        if (same)
            luaL_error(L, "%s '%s' is declared twice", decl_kind_names[kind], name);
    }
    lua_createtable(L, 4, 0);
    lua_pushinteger(L, kind);
    lua_rawseti(L, -2, 1);
    lua_pushstring(L, name);
    lua_rawseti(L, -2, 2);
    lua_pushvalue(L, fn_index);
    lua_rawseti(L, -2, 3);
    lua_pushinteger(L, level);
    lua_rawseti(L, -2, 4);
    lua_rawseti(L, -2, n + 1);
    lua_pop(L, 1);
}

static const char *checked_name(lua_State *L, int idx, const char *what)
{
    const char *name = luaL_checkstring(L, idx);
    if (!name[0])
        luaL_error(L, "a %s needs a name", what);
    return name;
}

/* tag "name" (function) / score "name" (function): the name comes first,
 * the function second, so that `tag "x" (f)` reads like a sentence. */
static int declare_with_function(lua_State *L)
{
    decl_kind kind = (decl_kind)lua_tointeger(L, lua_upvalueindex(1));
    const char *name = lua_tostring(L, lua_upvalueindex(2));
    require_declaring(L, decl_kind_names[kind]);
    if (lua_type(L, 1) != LUA_TFUNCTION)
        return luaL_error(L, "%s '%s' needs a function, e.g. %s \"%s\" (function(article) ... end)",
                          decl_kind_names[kind], name, decl_kind_names[kind], name);
    declare(L, kind, name, 1, RS_CHECK_INFO);
    return 0;
}

/* check "name" { level = "warning", run = function(article) ... end } */
static int declare_check_body(lua_State *L)
{
    const char *name = lua_tostring(L, lua_upvalueindex(2));
    require_declaring(L, "check");
    int level = RS_CHECK_WARNING;
    if (lua_type(L, 1) == LUA_TFUNCTION) {
        declare(L, DECL_CHECK, name, 1, level);
        return 0;
    }
    if (lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L, "check '%s' needs { level = ..., run = function(article) ... end }",
                          name);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        if (strcmp(key, "level") != 0 && strcmp(key, "run") != 0)
            return luaL_error(L, "check '%s': unknown field '%s' (expected level and run)",
                              name, key);
        lua_pop(L, 1);
    }
    lua_getfield(L, 1, "level");
    if (!lua_isnil(L, -1)) {
        const char *s = lua_tostring(L, -1);
        level = s ? parse_level(s) : -1;
        if (level < 0)
            return luaL_error(L, "check '%s': level must be \"error\", \"warning\" or \"info\"",
                              name);
    }
    lua_getfield(L, 1, "run");
    if (lua_type(L, -1) != LUA_TFUNCTION)
        return luaL_error(L, "check '%s' needs run = function(article) ... end", name);
    declare(L, DECL_CHECK, name, lua_gettop(L), level);
    return 0;
}

static int start_declaration(lua_State *L, decl_kind kind)
{
    const char *name = checked_name(L, 1, decl_kind_names[kind]);
    require_declaring(L, decl_kind_names[kind]);
    lua_settop(L, 2);
    lua_pushinteger(L, kind);
    lua_pushstring(L, name);
    if (!lua_isnoneornil(L, 2)) {
        /* tag("name", function) works too */
        lua_pushcclosure(L, kind == DECL_CHECK ? declare_check_body : declare_with_function, 2);
        lua_pushvalue(L, 2);
        lua_call(L, 1, 0);
        return 0;
    }
    lua_pushcclosure(L, kind == DECL_CHECK ? declare_check_body : declare_with_function, 2);
    return 1;
}

static int dsl_tag(lua_State *L)
{
    return start_declaration(L, DECL_TAG);
}

static int dsl_score(lua_State *L)
{
    return start_declaration(L, DECL_SCORE);
}

static int dsl_check(lua_State *L)
{
    return start_declaration(L, DECL_CHECK);
}

/* options { name = value, ... }: numbers, strings and booleans only, so
 * that no rule holds a reference it could change behind another's back. */
static int dsl_options(lua_State *L)
{
    require_declaring(L, "options");
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_rawgetp(L, LUA_REGISTRYINDEX, OPTIONS_KEY);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return luaL_error(L, "option names must be strings");
        int t = lua_type(L, -1);
        if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN)
            return luaL_error(L, "option '%s' must be a number, a string or a boolean",
                              lua_tostring(L, -2));
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 2);
    }
    return 0;
}

static int dsl_option(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, OPTIONS_KEY);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) == LUA_TNIL)
        return luaL_error(L, "unknown option '%s' (declare it with options { %s = ... })", name,
                          name);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Running                                                              */

/* Message handler: keeps the message (never calling __tostring, which
 * would be rule code outside the budget) and notes the rule's line. */
static int message_handler(lua_State *L)
{
    rule_file *f = file_of(L);
    const char *msg = NULL;
    if (lua_type(L, 1) == LUA_TSTRING)
        msg = lua_tostring(L, 1);
    else if (lua_type(L, 1) == LUA_TNUMBER)
        msg = lua_pushfstring(L, "%f", lua_tonumber(L, 1));
    else
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    lua_Debug ar;
    for (int level = 1; f && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@' &&
            strcmp(ar.source + 1, f->path) == 0) {
            f->error_line = ar.currentline;
            break;
        }
    }
    lua_pushstring(L, msg);
    return 1;
}

/* The message without the "file:line: " prefix Lua puts in front. */
static const char *strip_position(const char *msg, int line)
{
    char marker[32];
    snprintf(marker, sizeof marker, ":%d: ", line);
    const char *at = strstr(msg, marker);
    if (at && at - msg < 200 && !memchr(msg, '\n', (size_t)(at - msg)))
        return at + strlen(marker);
    return msg;
}

/*
 * Calls the function at the top of the stack with the article (at
 * article_index), on a fresh budget.  Returns the number of results, or
 * -1 after recording a rule error.
 */
static int budgeted_call(rs_rules *rules, rule_file *f, collector *c, int article_index,
                         const char *rule, int fallback_line)
{
    lua_State *L = f->L;
    int base = lua_gettop(L); /* the function */
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    int nargs = 0;
    if (article_index) {
        lua_pushvalue(L, article_index);
        nargs = 1;
    }
    f->error_line = 0;
    rs_sandbox_begin(&f->sb, L, rules->limits.instructions, rules->limits.seconds);
    int status = lua_pcall(L, nargs, LUA_MULTRET, base);
    rs_sandbox_end(&f->sb, L);
    sandbox_stop stopped = f->sb.stopped;
    if (stopped == SANDBOX_RUNNING && (status == LUA_ERRMEM || f->sb.mem_refused))
        stopped = status == LUA_OK ? SANDBOX_RUNNING : SANDBOX_STOP_MEMORY;
    if (status == LUA_OK && stopped == SANDBOX_RUNNING) {
        lua_remove(L, base);
        return lua_gettop(L) - base + 1;
    }
    int line = f->sb.stop_line ? f->sb.stop_line : f->error_line;
    if (stopped != SANDBOX_RUNNING) {
        if (!line)
            line = fallback_line;
        char detail[128] = "";
        if (stopped == SANDBOX_STOP_BUDGET)
            snprintf(detail, sizeof detail, " (%llu instructions)",
                     (unsigned long long)rules->limits.instructions);
        else if (stopped == SANDBOX_STOP_TIME)
            snprintf(detail, sizeof detail, " (%g s)", rules->limits.seconds);
        else
            snprintf(detail, sizeof detail, " (%zu MiB)", rules->limits.memory >> 20);
        add_error(c, f->path, line, rule, "%s%s", rs_sandbox_stop_message(stopped), detail);
    } else {
        const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error";
        if (line)
            msg = strip_position(msg, line);
        else
            line = fallback_line;
        add_error(c, f->path, line, rule, "%s", msg);
    }
    lua_settop(L, base - 1);
    return -1;
}

/* Reads one place (a view, or a table with start and end) at idx. */
static bool read_place(lua_State *L, int idx, rs_rule_place *place)
{
    rs_lua_place p;
    if (rs_lua_view_place(L, idx, &p)) {
        place->kind = p.kind;
        place->index = p.index;
        place->start = p.start;
        place->end = p.end;
        return true;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        return false;
    idx = lua_absindex(L, idx);
    lua_pushliteral(L, "start");
    int ts = lua_rawget(L, idx);
    lua_pushliteral(L, "end");
    int te = lua_rawget(L, idx);
    bool ok = ts == LUA_TNUMBER && te == LUA_TNUMBER && lua_isinteger(L, -2) &&
              lua_isinteger(L, -1) && lua_tointeger(L, -2) >= 0 &&
              lua_tointeger(L, -1) >= lua_tointeger(L, -2);
    if (ok) {
        place->kind = "text";
        place->index = 0;
        place->start = (size_t)lua_tointeger(L, -2);
        place->end = (size_t)lua_tointeger(L, -1);
    }
    lua_pop(L, 2);
    return ok;
}

static void add_check(collector *c, rule_file *f, const char *name, int line, int base,
                      int nresults, int declared_level)
{
    lua_State *L = f->L;
    bool passed = nresults >= 1 && lua_toboolean(L, base);
    int level = declared_level;
    const char *message = "";
    if (nresults >= 2 && !lua_isnil(L, base + 1)) {
        if (lua_type(L, base + 1) != LUA_TSTRING && lua_type(L, base + 1) != LUA_TNUMBER) {
            add_error(c, f->path, line, name, "check '%s' returned a %s as its message "
                                              "(expected a string)",
                      name, luaL_typename(L, base + 1));
            return;
        }
        lua_pushvalue(L, base + 1);
        message = lua_tostring(L, -1); /* a copy: no conversion in place */
    }
    if (nresults >= 4 && !lua_isnil(L, base + 3)) {
        const char *s = lua_type(L, base + 3) == LUA_TSTRING ? lua_tostring(L, base + 3) : "";
        level = parse_level(s);
        if (level < 0) {
            add_error(c, f->path, line, name,
                      "check '%s' returned an unknown level (expected \"error\", "
                      "\"warning\" or \"info\")",
                      name);
            return;
        }
    }
    rs_rule_place *places = NULL;
    size_t count = 0;
    if (nresults >= 3 && !lua_isnil(L, base + 2)) {
        int w = base + 2;
        rs_rule_place one;
        if (read_place(L, w, &one)) {
            places = malloc(sizeof *places);
            if (!places) {
                c->out_of_memory = true;
                return;
            }
            places[0] = one;
            count = 1;
        } else if (lua_type(L, w) == LUA_TTABLE) {
            size_t n = lua_rawlen(L, w);
            if (n > MAX_PLACES)
                n = MAX_PLACES;
            places = n ? malloc(n * sizeof *places) : NULL;
            if (n && !places) {
                c->out_of_memory = true;
                return;
            }
            for (size_t i = 0; i < n; i++) {
                lua_rawgeti(L, w, (lua_Integer)i + 1);
                bool ok = read_place(L, -1, &places[count]);
                lua_pop(L, 1);
                if (ok)
                    count++;
            }
            if (count < n && count == 0) {
                free(places);
                add_error(c, f->path, line, name,
                          "check '%s': 'where' holds no sentence, paragraph or section", name);
                return;
            }
        } else {
            add_error(c, f->path, line, name,
                      "check '%s': 'where' must be a sentence, block or section of the "
                      "article, or a list of them (got a %s)",
                      name, luaL_typename(L, w));
            return;
        }
    }
    rs_rule_results *r = c->res;
    char *name_copy = copy_cstr(name), *msg_copy = copy_cstr(message);
    if (!name_copy || !msg_copy ||
        !grow((void **)&r->checks, &c->check_cap, r->check_count, sizeof *r->checks)) {
        free(name_copy);
        free(msg_copy);
        free(places);
        c->out_of_memory = true;
        return;
    }
    rs_rule_check *ck = &r->checks[r->check_count++];
    ck->name = name_copy;
    ck->file = f->path;
    ck->level = (rs_check_level)level;
    ck->passed = passed;
    ck->message = msg_copy;
    ck->where = places;
    ck->where_count = count;
}

static void collect_result(collector *c, rule_file *f, decl_kind kind, const char *name,
                           int line, int base, int nresults, int level)
{
    lua_State *L = f->L;
    switch (kind) {
    case DECL_TAG:
        if (nresults >= 1 && lua_toboolean(L, base))
            add_tag(c, f->path, name);
        break;
    case DECL_SCORE:
        if (nresults < 1 || lua_type(L, base) != LUA_TNUMBER) {
            add_error(c, f->path, line, name, "score '%s' returned %s (expected a number)", name,
                      nresults < 1 ? "nothing" : luaL_typename(L, base));
        } else if (!isfinite(lua_tonumber(L, base))) {
            add_error(c, f->path, line, name, "score '%s' is not a finite number", name);
        } else {
            add_score(c, f->path, line, name, (double)lua_tonumber(L, base));
        }
        break;
    case DECL_CHECK: add_check(c, f, name, line, base, nresults, level); break;
    }
}

typedef struct run_args {
    rs_rules *rules;
    rule_file *file;
    const rs_report *report;
    const rs_rule_meta *meta;
    size_t meta_count;
    collector *out;
    bool declare_only;
    rs_lua_article *article;
} run_args;

/* One file on one article; runs under lua_pcall (host allocations may
 * hit the memory cap too). */
static int run_file_protected(lua_State *L)
{
    run_args *a = lua_touserdata(L, 1);
    rule_file *f = a->file;
    lua_settop(L, 0);

    /* The report's metadata (front matter, --meta...), then the host's,
     * which wins: a fresh table per run, read through a view. */
    size_t report_meta = rs_report_meta_count(a->report);
    lua_createtable(L, 0, (int)(report_meta + a->meta_count));
    for (size_t i = 0; i < report_meta; i++) {
        const char *key, *value;
        if (rs_report_meta_at(a->report, i, &key, &value)) {
            lua_pushstring(L, value);
            lua_setfield(L, -2, key);
        }
    }
    for (size_t i = 0; i < a->meta_count; i++) {
        lua_pushstring(L, a->meta[i].value);
        lua_setfield(L, -2, a->meta[i].key);
    }
    a->article = rs_lua_push_article(L, a->report, false, 1, NULL);
    int article = lua_gettop(L);

    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, DECLS_KEY);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, OPTIONS_KEY);

    rs_sandbox_push_env(L);
    static const luaL_Reg dsl[] = {{"tag", dsl_tag},         {"score", dsl_score},
                                   {"check", dsl_check},     {"options", dsl_options},
                                   {"option", dsl_option},   {NULL, NULL}};
    luaL_setfuncs(L, dsl, 0);
    lua_rawgetp(L, LUA_REGISTRYINDEX, CHUNK_KEY);
    lua_pushvalue(L, -2);
    if (!lua_setupvalue(L, -2, 1))
        lua_pop(L, 1);
    lua_remove(L, -2); /* env: the chunk holds it now */

    f->phase = PHASE_DECLARING;
    int n = budgeted_call(a->rules, f, a->out, 0, "(file)", 0);
    f->phase = PHASE_RUNNING;
    if (n < 0) {
        if (a->declare_only)
            return 0;
        return 0;
    }
    lua_settop(L, article);
    if (a->declare_only)
        return 0;

    lua_rawgetp(L, LUA_REGISTRYINDEX, DECLS_KEY);
    int decls = lua_gettop(L);
    lua_Integer count = (lua_Integer)lua_rawlen(L, decls);
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, decls, i);
        int d = lua_gettop(L);
        lua_rawgeti(L, d, 1);
        decl_kind kind = (decl_kind)lua_tointeger(L, -1);
        lua_rawgeti(L, d, 2);
        const char *name = lua_tostring(L, -1); /* anchored in the decl table */
        lua_rawgeti(L, d, 4);
        int level = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, d, 3);
        lua_Debug ar;
        lua_pushvalue(L, -1);
        int line = lua_getinfo(L, ">S", &ar) ? ar.linedefined : 0;
        int base = lua_gettop(L);
        int nres = budgeted_call(a->rules, f, a->out, article, name, line);
        if (nres >= 0) {
            collect_result(a->out, f, kind, name, line, base, nres, level);
        }
        lua_settop(L, decls);
    }
    return 0;
}

static void run_file(rs_rules *rules, rule_file *f, const rs_report *report,
                     const rs_rule_meta *meta, size_t meta_count, collector *out,
                     bool declare_only)
{
    lua_State *L = f->L;
    run_args args = {rules, f, report, meta, meta_count, out, declare_only, NULL};
    lua_settop(L, 0);
    lua_pushcfunction(L, run_file_protected);
    lua_pushlightuserdata(L, &args);
    int status = lua_pcall(L, 1, 0, 0);
    /* Views the rules may have kept must not read the report once the
     * host frees it. */
    rs_lua_article_release(args.article);
    f->phase = PHASE_IDLE;
    if (status != LUA_OK) {
        const char *msg = status == LUA_ERRMEM ? "memory limit exceeded"
                          : lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                          : "error";
        add_error(out, f->path, 0, "(file)", "%s", msg);
    }
    lua_settop(L, 0);
    /* What the rules left behind is garbage now; collect it so that one
     * article's leftovers never count against the next one's memory. */
    lua_gc(L, LUA_GCCOLLECT);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

rs_status rs_rules_new(const rs_rule_limits *limits, rs_rules **out)
{
    if (!out)
        return RS_ERR_ARG;
    *out = NULL;
    rs_rule_limits l;
    rs_rule_limits_init(&l);
    if (limits)
        l = *limits;
    if (l.instructions == 0 || l.memory < 256 * 1024 || !(l.seconds > 0))
        return RS_ERR_ARG;
    rs_rules *r = calloc(1, sizeof *r);
    if (!r)
        return RS_ERR_NOMEM;
    r->limits = l;
    *out = r;
    return RS_OK;
}

static void free_file(rule_file *f)
{
    if (!f)
        return;
    if (f->L)
        lua_close(f->L);
    free(f->path);
    free(f);
}

void rs_rules_free(rs_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->count; i++)
        free_file(rules->files[i]);
    free(rules->files);
    free(rules);
}

const char *rs_rules_error(const rs_rules *rules)
{
    return rules ? rules->error : "";
}

size_t rs_rules_count(const rs_rules *rules)
{
    return rules ? rules->count : 0;
}

static void results_free_contents(rs_rule_results *r);

rs_status rs_rules_load_string(rs_rules *rules, const char *name, const char *source,
                               size_t len)
{
    if (!rules || !name || (!source && len))
        return RS_ERR_ARG;
    rules->error[0] = '\0';
    /* Precompiled chunks could break the VM's invariants: text only. */
    if (len > 0 && source[0] == LUA_SIGNATURE[0]) {
        snprintf(rules->error, sizeof rules->error,
                 "%s: precompiled Lua chunks are refused; rule files must be Lua source", name);
        return RS_ERR_ARG;
    }
    if (!grow((void **)&rules->files, &rules->cap, rules->count, sizeof *rules->files))
        return RS_ERR_NOMEM;
    rule_file *f = calloc(1, sizeof *f);
    if (!f)
        return RS_ERR_NOMEM;
    f->path = copy_cstr(name);
    f->L = f->path ? rs_sandbox_open(&f->sb, rules->limits.memory) : NULL;
    if (!f->L) {
        free_file(f);
        return RS_ERR_NOMEM;
    }
    char chunkname[1024];
    snprintf(chunkname, sizeof chunkname, "@%s", name);
    int status = luaL_loadbufferx(f->L, source ? source : "", len, chunkname, "t");
    if (status != LUA_OK) {
        snprintf(rules->error, sizeof rules->error, "%s",
                 lua_type(f->L, -1) == LUA_TSTRING ? lua_tostring(f->L, -1) : "load failed");
        free_file(f);
        return status == LUA_ERRMEM ? RS_ERR_NOMEM : RS_ERR_ARG;
    }
    lua_rawsetp(f->L, LUA_REGISTRYINDEX, CHUNK_KEY);

    /* Run the declarations once, on an empty article, so that a broken
     * rule file is refused now rather than on every article. */
    rs_options opts;
    rs_options_init(&opts);
    opts.flags |= RS_OPT_DETAIL;
    rs_report *empty = NULL;
    if (rs_analyze("", 0, &opts, &empty) != RS_OK) {
        free_file(f);
        return RS_ERR_NOMEM;
    }
    rs_rule_results res = {0};
    collector c = {.res = &res};
    run_file(rules, f, empty, NULL, 0, &c, true);
    rs_report_free(empty);
    if (res.error_count > 0 || c.out_of_memory) {
        if (res.error_count > 0) {
            const rs_rule_error *e = &res.errors[0];
            if (e->line > 0)
                snprintf(rules->error, sizeof rules->error, "%s:%d: %s", e->file, e->line,
                         e->message);
            else
                snprintf(rules->error, sizeof rules->error, "%s: %s", e->file, e->message);
        }
        results_free_contents(&res);
        free_file(f);
        return c.out_of_memory ? RS_ERR_NOMEM : RS_ERR_ARG;
    }
    results_free_contents(&res);
    rules->files[rules->count++] = f;
    return RS_OK;
}

rs_status rs_rules_load_file(rs_rules *rules, const char *path)
{
    if (!rules || !path)
        return RS_ERR_ARG;
    rules->error[0] = '\0';
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(rules->error, sizeof rules->error, "%s: %s", path, strerror(errno));
        return RS_ERR_ARG;
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (n == 0)
            break;
        if (len == cap) {
            if (cap >= MAX_RULE_FILE) {
                free(buf);
                fclose(fp);
                snprintf(rules->error, sizeof rules->error, "%s: rule file too large", path);
                return RS_ERR_ARG;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    bool read_error = ferror(fp);
    fclose(fp);
    if (!buf)
        return RS_ERR_NOMEM;
    if (read_error) {
        free(buf);
        snprintf(rules->error, sizeof rules->error, "%s: read error", path);
        return RS_ERR_ARG;
    }
    rs_status st = rs_rules_load_string(rules, path, buf, len);
    free(buf);
    return st;
}

static void results_free_contents(rs_rule_results *r)
{
    for (size_t i = 0; i < r->tag_count; i++)
        free((char *)r->tags[i].name);
    for (size_t i = 0; i < r->score_count; i++)
        free((char *)r->scores[i].name);
    for (size_t i = 0; i < r->check_count; i++) {
        free((char *)r->checks[i].name);
        free((char *)r->checks[i].message);
        free(r->checks[i].where);
    }
    for (size_t i = 0; i < r->error_count; i++) {
        free((char *)r->errors[i].rule);
        free((char *)r->errors[i].message);
    }
    free(r->tags);
    free(r->scores);
    free(r->checks);
    free(r->errors);
}

void rs_rule_results_free(rs_rule_results *results)
{
    if (!results)
        return;
    results_free_contents(results);
    free(results);
}

rs_status rs_rules_run(rs_rules *rules, const rs_report *report, const rs_rule_meta *meta,
                       size_t meta_count, rs_rule_results **out)
{
    if (!out)
        return RS_ERR_ARG;
    *out = NULL;
    if (!rules || !report || (meta_count && !meta))
        return RS_ERR_ARG;
    for (size_t i = 0; i < meta_count; i++)
        if (!meta[i].key || !meta[i].value)
            return RS_ERR_ARG;
    rs_rule_results *res = calloc(1, sizeof *res);
    if (!res)
        return RS_ERR_NOMEM;
    collector c = {.res = res};
    for (size_t i = 0; i < rules->count && !c.out_of_memory; i++)
        run_file(rules, rules->files[i], report, meta, meta_count, &c, false);
    if (c.out_of_memory) {
        rs_rule_results_free(res);
        return RS_ERR_NOMEM;
    }
    *out = res;
    return RS_OK;
}

int rs_rule_results_worst(const rs_rule_results *results)
{
    int worst = -1;
    for (size_t i = 0; results && i < results->check_count; i++)
        if (!results->checks[i].passed && (int)results->checks[i].level > worst)
            worst = (int)results->checks[i].level;
    return worst;
}
