-- `luarocks make` builds the module without meson: lua/build_rock.py reads
-- the source list from meson.build, generates the word tables (python3) and
-- compiles readstat.so.  Needs python3, pkg-config and the core's libraries
-- (utf8proc, md4c, libxml2, libyaml) with their headers.
rockspec_format = "3.0"
package = "readstat"
version = "0.1.0-1"
source = {
  url = "git+file:///work/main",
  tag = "v0.1.0",
}
description = {
  summary = "Reading time and readability analytics, with sandboxed publisher rules",
  detailed = [[
readstat reads articles (plain text, Markdown, HTML) and reports counts,
readability scores, reading time, sections, blocks and sentences. The Lua
module exposes the whole analysis and runs publisher rules in a sandbox.
]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
build = {
  type = "command",
  build_command = [[python3 lua/build_rock.py --cc="$(CC)" --cflags="$(CFLAGS)" --libflag="$(LIBFLAG)" --lua-incdir="$(LUA_INCDIR)"]],
  install = {
    lib = { readstat = "build-luarocks/readstat.so" },
  },
}
