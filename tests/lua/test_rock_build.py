"""The rockspec's build (lua/build_rock.py, what `luarocks make` runs) makes
a module that loads and gives the same analysis as the meson-built one.

Usage: test_rock_build.py LUA MESON_MODULE_DIR ARTICLE
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# every count of the article, then the format sniffed from an HTML snippet
SCRIPT = r'''
local rs = require "readstat"
local f = assert(io.open(arg[1], "rb")); local text = f:read("a"); f:close()
local c = rs.analyze(text).counts
local keys = {}
for k in pairs(rs.totable(rs.analyze("x")).counts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", tostring(c[k]), "\n") end
local h = rs.analyze("<html><body><p>Three words here.</p></body></html>")
io.write("html=", h.format, " ", h.counts.words, "\n")
'''


def analysis(lua, module_dir, article):
    env = dict(os.environ, LUA_CPATH=os.path.join(module_dir, "?.so"))
    env.pop("LD_PRELOAD", None)
    return subprocess.run([lua, "-e", SCRIPT.replace("arg[1]", repr(article))], env=env,
                          check=True, capture_output=True, text=True).stdout


def main():
    lua, meson_dir, article = sys.argv[1:4]
    flags = subprocess.run(["pkg-config", "--cflags-only-I", "lua5.4"], check=True,
                           capture_output=True, text=True).stdout.split()
    incdir = flags[0][2:] if flags else "/usr/include/lua5.4"
    with tempfile.TemporaryDirectory() as out:
        build = subprocess.run([sys.executable, os.path.join(ROOT, "lua", "build_rock.py"),
                                "--cflags=-O0 -fPIC", "--lua-incdir=" + incdir, "--out=" + out],
                               capture_output=True, text=True)
        if build.returncode != 0:
            sys.exit("build_rock.py failed:\n" + build.stdout[-3000:] + build.stderr[-3000:])
        got = analysis(lua, out, article)
    want = analysis(lua, meson_dir, article)
    if got != want:
        sys.exit("the rock's module differs from meson's:\n%s\nmeson:\n%s" % (got, want))
    if "html=html 3" not in got or "words=" not in got:
        sys.exit("unexpected analysis:\n" + got)
    print(got, end="")


if __name__ == "__main__":
    main()
