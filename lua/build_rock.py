#!/usr/bin/env python3
"""Builds readstat.so for `luarocks make` (readstat-0.1.0-1.rockspec).

meson is the build's source of truth, so this script reads the core's
source list and the word tables from the root meson.build instead of
repeating them: it generates the tables with tools/gen_wordtable.py, then
compiles the core, the rules engine and the module into one shared object
that links the core's dependencies (pkg-config) but not liblua, which the
interpreter provides.

Usage: build_rock.py --cc=CC --cflags=FLAGS --libflag=FLAG --lua-incdir=DIR
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build-luarocks")


def meson_lists():
    with open(os.path.join(ROOT, "meson.build"), encoding="utf-8") as f:
        text = f.read()
    tables = re.findall(r"\[\s*'(rs__\w+)',\s*'([^']+)',\s*'([^']+\.c)'\s*\]", text)
    block = re.search(r"lib_sources\s*=\s*files\((.*?)\)", text, re.S)
    if not tables or not block:
        sys.exit("build_rock.py: cannot find the word tables or lib_sources in meson.build")
    sources = re.findall(r"'([^']+\.c)'", block.group(1))
    deps = re.findall(r"dependency\('([^']+)'\)", text)
    return tables, sources, deps


def pkg_config(args, packages):
    if not packages:
        return []
    out = subprocess.run(["pkg-config"] + args + packages, check=True, capture_output=True,
                         text=True).stdout
    return shlex.split(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--cflags", default="-O2 -fPIC")
    ap.add_argument("--libflag", default="-shared")
    ap.add_argument("--lua-incdir", required=True)
    opts = ap.parse_args()

    tables, sources, deps = meson_lists()
    # Lua is the interpreter's business; the others are the core's.
    packages = [d for d in deps if not d.startswith("lua")]
    os.makedirs(OUT, exist_ok=True)
    generated = []
    for func, data, name in tables:
        out = os.path.join(OUT, name)
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_wordtable.py"), func,
                        os.path.join(ROOT, data), out], check=True)
        generated.append(out)
    lua_sources = [os.path.join(ROOT, "lua", n) for n in
                   ("module.c", "report_view.c", "pattern.c", "sandbox.c", "rules.c")]
    command = (shlex.split(opts.cc) + shlex.split(opts.cflags) +
               ["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-DREADSTAT_BUILDING",
                "-fvisibility=hidden", "-fPIC",
                "-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "src"),
                "-I" + os.path.join(ROOT, "lua"), "-I" + opts.lua_incdir] +
               pkg_config(["--cflags"], packages) + shlex.split(opts.libflag) +
               ["-o", os.path.join(OUT, "readstat.so")] +
               [os.path.join(ROOT, s) for s in sources] + generated + lua_sources +
               pkg_config(["--libs"], packages) + ["-lm"])
    print(" ".join(shlex.quote(c) for c in command))
    subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
