/*
 * pattern.c: Lua patterns on a budget.
 *
 * The stock matcher in Lua's string library runs no VM instructions, so the
 * instruction-count hook never fires inside it: string.find(("a"):rep(1e6),
 * ".-.-.-b") runs for hours, and even "a+b" on a long run of a's is
 * quadratic.  A sandboxed rule therefore gets these functions instead: the
 * same pattern language and the same results as Lua 5.4's find, match,
 * gmatch and gsub (written for readstat from the reference manual, section
 * 6.4.1), but every step of the matcher is charged to the rule's
 * instruction budget through rs_lua_charge(), which stops the rule when
 * the budget or the deadline runs out.
 */
#include "rs_lua.h"
#include "sandbox.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lualib.h>
#include <string.h>

#define MAX_CAPTURES 32
/* Recursion bound of the matcher (the stock one uses the same figure):
 * deep enough for any sensible pattern, far from the C stack's end. */
#define MAX_MATCH_DEPTH 200
/* Steps are charged in batches so that the budget check costs nothing. */
#define CHARGE_BATCH 4096

enum { CAP_UNFINISHED = -1, CAP_POSITION = -2 };

typedef struct matcher {
    const char *src_init, *src_end;
    const char *p_end;
    lua_State *L;
    int level;
    int depth_left;
    unsigned pending_steps;
    struct {
        const char *init;
        ptrdiff_t len;
    } capture[MAX_CAPTURES];
} matcher;

static void charge(matcher *m, unsigned steps)
{
    m->pending_steps += steps;
    if (m->pending_steps >= CHARGE_BATCH) {
        unsigned n = m->pending_steps;
        m->pending_steps = 0;
        rs_lua_charge(m->L, n);
    }
}

static void flush_charge(matcher *m)
{
    unsigned n = m->pending_steps;
    m->pending_steps = 0;
    if (n)
        rs_lua_charge(m->L, n);
}

static const char *class_end(matcher *m, const char *p)
{
    char c = *p++;
    if (c == '%') {
        if (p >= m->p_end)
            luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (p < m->p_end && *p == '^')
            p++;
        /* The first character of a set is always a member, even ']'. */
        do {
            if (p >= m->p_end)
                luaL_error(m->L, "malformed pattern (missing ']')");
            c = *p++;
            if (c == '%' && p < m->p_end)
                p++;
        } while (p >= m->p_end || *p != ']');
        return p + 1;
    }
    return p;
}

static bool class_matches(int c, int cl)
{
    bool res;
    switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    default: return cl == c;
    }
    return isupper(cl) ? !res : res;
}

/* p is the '[' of a set whose closing ']' is at close. */
static bool set_matches(int c, const char *p, const char *close)
{
    bool member = true;
    p++;
    if (*p == '^') {
        member = false;
        p++;
    }
    while (p < close) {
        if (*p == '%' && p + 1 < close) {
            if (class_matches(c, (unsigned char)p[1]))
                return member;
            p += 2;
        } else if (p + 2 < close && p[1] == '-') {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
                return member;
            p += 3;
        } else {
            if ((unsigned char)*p == c)
                return member;
            p++;
        }
    }
    return !member;
}

static bool single_matches(matcher *m, const char *s, const char *p, const char *ep)
{
    if (s >= m->src_end)
        return false;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return true;
    case '%': return class_matches(c, (unsigned char)p[1]);
    case '[': return set_matches(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match(matcher *m, const char *s, const char *p);

static const char *match_balance(matcher *m, const char *s, const char *p)
{
    if (p + 1 >= m->p_end)
        luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != p[0])
        return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < m->src_end) {
        charge(m, 1);
        if (*s == close) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

static const char *max_expand(matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (single_matches(m, s + i, p, ep)) {
        charge(m, 1);
        i++;
    }
    for (; i >= 0; i--) {
        const char *res = match(m, s + i, ep + 1);
        if (res)
            return res;
    }
    return NULL;
}

static const char *min_expand(matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *res = match(m, s, ep + 1);
        if (res)
            return res;
        if (!single_matches(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *start_capture(matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    if (m->level >= MAX_CAPTURES)
        luaL_error(m->L, "too many captures");
    m->capture[m->level].init = s;
    m->capture[m->level].len = what;
    m->level++;
    const char *res = match(m, s, p);
    if (!res)
        m->level--;
    return res;
}

static const char *end_capture(matcher *m, const char *s, const char *p)
{
    int open = -1;
    for (int i = m->level - 1; i >= 0; i--)
        if (m->capture[i].len == CAP_UNFINISHED) {
            open = i;
            break;
        }
    if (open < 0)
        luaL_error(m->L, "invalid pattern capture");
    m->capture[open].len = s - m->capture[open].init;
    const char *res = match(m, s, p);
    if (!res)
        m->capture[open].len = CAP_UNFINISHED;
    return res;
}

static int checked_capture(matcher *m, int digit)
{
    int i = digit - '1';
    if (i < 0 || i >= m->level || m->capture[i].len == CAP_UNFINISHED)
        luaL_error(m->L, "invalid capture index %%%d", i + 1);
    return i;
}

static const char *match_backref(matcher *m, const char *s, int digit)
{
    int i = checked_capture(m, digit);
    size_t len = (size_t)m->capture[i].len;
    charge(m, (unsigned)(len > CHARGE_BATCH ? CHARGE_BATCH : len) + 1);
    if ((size_t)(m->src_end - s) >= len && memcmp(m->capture[i].init, s, len) == 0)
        return s + len;
    return NULL;
}

static const char *match(matcher *m, const char *s, const char *p)
{
    if (m->depth_left-- == 0)
        luaL_error(m->L, "pattern too complex");
    charge(m, 1);
    while (p != m->p_end && s) {
        const char *ep;
        switch (*p) {
        case '(':
            if (p + 1 < m->p_end && p[1] == ')')
                s = start_capture(m, s, p + 2, CAP_POSITION);
            else
                s = start_capture(m, s, p + 1, CAP_UNFINISHED);
            goto done;
        case ')':
            s = end_capture(m, s, p + 1);
            goto done;
        case '$':
            if (p + 1 == m->p_end) {
                s = s == m->src_end ? s : NULL;
                goto done;
            }
            break;
        case '%':
            if (p + 1 >= m->p_end)
                break; /* class_end reports it */
            if (p[1] == 'b') {
                s = match_balance(m, s, p + 2);
                if (s)
                    p += 4;
                continue;
            }
            if (p[1] == 'f') {
                p += 2;
                if (p >= m->p_end || *p != '[')
                    luaL_error(m->L, "missing '[' after '%%f' in pattern");
                ep = class_end(m, p);
                int prev = s == m->src_init ? 0 : (unsigned char)s[-1];
                int cur = s < m->src_end ? (unsigned char)*s : 0;
                if (!set_matches(prev, p, ep - 1) && set_matches(cur, p, ep - 1))
                    p = ep;
                else
                    s = NULL;
                continue;
            }
            if (isdigit((unsigned char)p[1])) {
                s = match_backref(m, s, (unsigned char)p[1]);
                if (s)
                    p += 2;
                continue;
            }
            break;
        default: break;
        }
        /* A single character class, maybe with a quantifier. */
        ep = class_end(m, p);
        char quant = ep < m->p_end ? *ep : '\0';
        if (!single_matches(m, s, p, ep)) {
            if (quant == '*' || quant == '?' || quant == '-') {
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (quant) {
        case '?': {
            const char *res = match(m, s + 1, ep + 1);
            if (res) {
                s = res;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+': s = max_expand(m, s + 1, p, ep); goto done;
        case '*': s = max_expand(m, s, p, ep); goto done;
        case '-': s = min_expand(m, s, p, ep); goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    m->depth_left++;
    return s;
}

/* ------------------------------------------------------------------ */
/* Captures                                                             */

static void push_capture(matcher *m, int i, const char *s, const char *e)
{
    if (i >= m->level) {
        if (i != 0)
            luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = m->capture[i].len;
    if (len == CAP_UNFINISHED)
        luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(m->L, (m->capture[i].init - m->src_init) + 1);
    else
        lua_pushlstring(m->L, m->capture[i].init, (size_t)len);
}

/* Pushes the captures, or the whole match when there are none (and s is
 * not NULL); returns how many values. */
static int push_captures(matcher *m, const char *s, const char *e)
{
    int n = m->level == 0 && s ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

static void matcher_init(matcher *m, lua_State *L, const char *s, size_t ls, const char *p,
                         size_t lp)
{
    m->L = L;
    m->src_init = s;
    m->src_end = s + ls;
    m->p_end = p + lp;
    m->level = 0;
    m->depth_left = MAX_MATCH_DEPTH;
    m->pending_steps = 0;
}

static void matcher_reset(matcher *m)
{
    m->level = 0;
}

/* ------------------------------------------------------------------ */
/* The library functions                                                */

/* A 1-based, possibly negative position turned into 1..len+1 (start). */
static size_t start_position(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return (size_t)pos;
    if (pos == 0)
        return 1;
    if (pos < -(lua_Integer)len)
        return 1;
    return len + (size_t)pos + 1;
}

static bool has_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (strchr("^$*+?.([%-", p[i]) && p[i] != '\0')
            return true;
    return false;
}

/* Plain substring search, charged per byte compared. */
static const char *plain_find(matcher *m, const char *s, size_t ls, const char *p, size_t lp)
{
    if (lp == 0)
        return s;
    if (lp > ls)
        return NULL;
    for (size_t i = 0; i + lp <= ls; i++) {
        charge(m, 1);
        if (s[i] == p[0]) {
            charge(m, (unsigned)(lp > CHARGE_BATCH ? CHARGE_BATCH : lp));
            if (memcmp(s + i, p, lp) == 0)
                return s + i;
        }
    }
    return NULL;
}

static int find_or_match(lua_State *L, bool find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *at = plain_find(&m, s + init, ls - init, p, lp);
        flush_charge(&m);
        if (!at) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (at - s) + 1);
        lua_pushinteger(L, (lua_Integer)((at - s) + lp));
        return 2;
    }
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
        m.p_end = p + lp;
    }
    const char *s1 = s + init;
    do {
        matcher_reset(&m);
        const char *e = match(&m, s1, p);
        if (e) {
            flush_charge(&m);
            if (find) {
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&m, NULL, NULL) + 2;
            }
            return push_captures(&m, s1, e);
        }
    } while (s1++ < m.src_end && !anchor);
    flush_charge(&m);
    luaL_pushfail(L);
    return 1;
}

static int guarded_find(lua_State *L)
{
    return find_or_match(L, true);
}

static int guarded_match(lua_State *L)
{
    return find_or_match(L, false);
}

typedef struct gmatch_state {
    size_t next;      /* offset where the next search starts */
    size_t lastmatch; /* end of the last match, or SIZE_MAX */
} gmatch_state;

static int gmatch_step(lua_State *L)
{
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    gmatch_state *st = lua_touserdata(L, lua_upvalueindex(3));
    matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    for (size_t at = st->next; at <= ls; at++) {
        matcher_reset(&m);
        const char *e = match(&m, s + at, p);
        if (e && (size_t)(e - s) != st->lastmatch) {
            flush_charge(&m);
            st->next = st->lastmatch = (size_t)(e - s);
            return push_captures(&m, s + at, e);
        }
    }
    flush_charge(&m);
    st->next = ls + 1;
    return 0;
}

static int guarded_gmatch(lua_State *L)
{
    size_t ls;
    luaL_checklstring(L, 1, &ls);
    luaL_checkstring(L, 2);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls)
        init = ls + 1;
    lua_settop(L, 2);
    gmatch_state *st = lua_newuserdatauv(L, sizeof *st, 0);
    st->next = init;
    st->lastmatch = (size_t)-1;
    lua_pushcclosure(L, gmatch_step, 3);
    return 1;
}

static void add_replacement_string(matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
    lua_State *L = m->L;
    size_t l;
    const char *news = lua_tolstring(L, 3, &l);
    for (size_t i = 0; i < l; i++) {
        charge(m, 1);
        if (news[i] != '%') {
            luaL_addchar(b, news[i]);
            continue;
        }
        i++;
        if (i < l && news[i] == '%') {
            luaL_addchar(b, '%');
        } else if (i < l && isdigit((unsigned char)news[i])) {
            if (news[i] == '0') {
                luaL_addlstring(b, s, (size_t)(e - s));
            } else {
                push_capture(m, news[i] - '1', s, e);
                luaL_tolstring(L, -1, NULL);
                lua_remove(L, -2);
                luaL_addvalue(b);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
    }
}

static void add_replacement(matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind)
{
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_replacement_string(m, b, s, e);
        return;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s)); /* keep the original */
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
        luaL_addvalue(b);
    }
}

static int guarded_gsub(lua_State *L)
{
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    int kind = lua_type(L, 3);
    luaL_argexpected(L,
                     kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
                         kind == LUA_TTABLE,
                     3, "string/function/table");
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    const char *lastmatch = NULL;
    lua_Integer n = 0;
    bool changed = false;
    matcher m;
    matcher_init(&m, L, src, srcl, p, lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    while (n < max_n) {
        matcher_reset(&m);
        const char *e = match(&m, src, p);
        if (e && e != lastmatch) {
            n++;
            add_replacement(&m, &b, src, e, kind);
            src = lastmatch = e;
            changed = true;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor)
            break;
    }
    flush_charge(&m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

void rs_lua_open_guarded_string(lua_State *L)
{
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    /* A copy, so that the stock table (which the string metatable points
     * at) is not the one the rules see or change. */
    lua_newtable(L);
    static const char *const kept[] = {"byte", "char", "format", "len", "lower", "rep",
                                       "reverse", "sub", "upper", NULL};
    for (int i = 0; kept[i]; i++) {
        lua_getfield(L, -2, kept[i]);
        lua_setfield(L, -2, kept[i]);
    }
    static const luaL_Reg guarded[] = {{"find", guarded_find},
                                       {"match", guarded_match},
                                       {"gmatch", guarded_gmatch},
                                       {"gsub", guarded_gsub},
                                       {NULL, NULL}};
    luaL_setfuncs(L, guarded, 0);
    lua_remove(L, -2);
}
