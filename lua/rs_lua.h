/*
 * rs_lua.h: the pieces shared by the readstat Lua module and the rule
 * sandbox: the analysis as Lua values ("views") and the string functions
 * that a sandboxed rule may use.  Internal to lua/; not installed.
 */
#ifndef READSTAT_LUA_RS_LUA_H
#define READSTAT_LUA_RS_LUA_H

#include "readstat.h"

#include <lua.h>
#include <stdbool.h>

/*
 * Pushes the analysis of `report` as a read-only view with the shape of the
 * CLI's JSON (counts, readability, reading_time, sections, blocks, and
 * sentences and words when the report kept detail).  Nothing is copied up
 * front: every table-like value is a userdata that reads the report when
 * indexed, so reaching a 1 MB report costs the same as a 5 KB one.
 *
 * With take_ownership the report is freed when the view is collected;
 * otherwise the caller keeps it and must call rs_lua_article_release() on
 * the returned handle before freeing it, after which every view of it
 * raises "article no longer available" instead of reading freed memory.
 *
 * If meta_index is not 0, the table at that stack index is exposed as the
 * `meta` field (read through a view, so rules cannot change it; the table
 * itself is never handed out).  source may be NULL.
 * Raises a Lua error when out of memory (an owned report then leaks: use
 * rs_lua_article_adopt() to hand it over after the push).
 */
typedef struct rs_lua_article rs_lua_article;
rs_lua_article *rs_lua_push_article(lua_State *L, const rs_report *report, bool take_ownership,
                                    int meta_index, const char *source);
void rs_lua_article_release(rs_lua_article *art);

/* Hands a report to an article pushed with report NULL and ownership: the
 * article exists (and will free the report) before the analysis runs, so
 * nothing leaks if pushing raises. */
void rs_lua_article_adopt(rs_lua_article *art, rs_report *report);

/* The report behind a view at idx, or NULL if idx is not an article view
 * (any view of it: the whole article, a sentence...). */
const rs_report *rs_lua_view_report(lua_State *L, int idx);

/* What a place (a view of a sentence, block or section) points at. */
typedef struct rs_lua_place {
    const char *kind;   /* "sentence", "section", or the block's kind */
    size_t index;       /* 1-based, in its document-wide list */
    size_t start, end;  /* byte offsets, [start, end) */
} rs_lua_place;

/* Fills *place if the value at idx is a view of a sentence, block, section
 * or word.  Never calls metamethods, never raises. */
bool rs_lua_view_place(lua_State *L, int idx, rs_lua_place *place);

/* Registers the view metatables in L (idempotent; called by the push). */
void rs_lua_views_init(lua_State *L);

/* Deep copy of a view into plain tables (for serialisers); other values
 * are pushed as they are. */
int rs_lua_totable(lua_State *L);

/*
 * Opens a copy of the string library whose pattern functions (find, match,
 * gmatch, gsub) run on a matcher that charges its steps to the sandbox
 * budget, so that a pathological pattern cannot run unbounded in C, and
 * without string.dump.  Leaves the table on the stack.
 */
void rs_lua_open_guarded_string(lua_State *L);

#endif
