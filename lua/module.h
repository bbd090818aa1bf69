/*
 * module.h: what the files of the readstat Lua module share: an
 * instance's settings and how options tables are read.  Internal to
 * lua/; not installed.
 */
#ifndef READSTAT_LUA_MODULE_H
#define READSTAT_LUA_MODULE_H

#include "readstat.h"

#include <lua.h>
#include <stdbool.h>

/* An instance's settings (readstat.new{...}), in upvalue 1 of each of
   its functions. */
typedef struct module_config {
    double words_per_minute;
    double cjk_chars_per_minute;
    char lang[16];
    rs_format format;
    bool all;
    bool detail;
    bool safe;
} module_config;

/* The settings of the instance whose function is running. */
module_config *rs_lua_config(lua_State *L);

/*
 * Reads the options table at idx (nil: none) over *cfg: lang, wpm,
 * cjk_cpm, detail, format, all, and the keys of `extra` (NULL-ended; the
 * caller reads and checks their values).  Raises, naming fname, on an
 * unknown key or a bad value.
 */
void rs_lua_read_options(lua_State *L, int idx, module_config *cfg, const char *fname,
                         const char *const *extra);

void rs_lua_to_options(const module_config *cfg, rs_options *opts);

/* Wraps the function on top of the stack as readstat.safe wraps its
   functions: it then returns nil and the message where it would raise.
   name is how messages call it. */
void rs_lua_wrap_safe(lua_State *L, const char *name);

/* readstat.analyzer([opts]) (analyzer.c). */
int rs_lua_analyzer_new(lua_State *L);

#endif
