#!/usr/bin/env python3
"""Builds readstat.so for `luarocks make` (readstat-0.1.0-1.rockspec).

meson is the build's source of truth, so this script reads the core's
source list, the word tables and the two table generators (gen_wordfacts,
gen_cue_index: C programs built for this machine and run here) from the
root meson.build instead of repeating them.  It then compiles the core, the
rules engine and the module into one shared object that links the core's
dependencies (pkg-config) but not liblua, which the interpreter provides;
libxml2 is opened at run time, as in the meson build, so only its headers
are used.

Usage: build_rock.py --cc=CC --cflags=FLAGS --libflag=FLAG --lua-incdir=DIR [--out=DIR]
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build-luarocks")  # where the rockspec installs from


def meson_text():
    with open(os.path.join(ROOT, "meson.build"), encoding="utf-8") as f:
        return f.read()


def meson_lists(text):
    tables = re.findall(r"\[\s*'(rs__\w+)',\s*'([^']+)',\s*'([^']+\.c)'\s*\]", text)
    block = re.search(r"lib_sources\s*=\s*files\((.*?)\)", text, re.S)
    if not tables or not block:
        sys.exit("build_rock.py: cannot find the word tables or lib_sources in meson.build")
    sources = re.findall(r"'([^']+\.c)'", block.group(1))
    # the library's libxml2 loader, kept apart from lib_sources for the CLI
    loader = re.search(r"libxml_loader_src\s*=\s*files\('([^']+\.c)'\)", text)
    if not loader:
        sys.exit("build_rock.py: cannot find libxml_loader_src in meson.build")
    sources.append(loader.group(1))
    deps = re.findall(r"dependency\('([^']+)'\)", text)
    return tables, sources, deps


def generator(text, name):
    """The C sources of executable(name, ...), with files() variables resolved."""
    m = re.search(r"executable\('%s',(.*?)native: true\)" % name, text, re.S)
    if not m:
        sys.exit("build_rock.py: cannot find the %s generator in meson.build" % name)
    body = m.group(1)
    sources = re.findall(r"'([^']+\.c)'", body)
    for var in re.findall(r"\b(\w+_src)\b", body):
        v = re.search(r"%s\s*=\s*files\((.*?)\)" % var, text, re.S)
        sources += re.findall(r"'([^']+\.c)'", v.group(1)) if v else []
    return sources, "wordtables" in body


def generator_command(text, output):
    """custom_target(output)'s inputs and its command's arguments after the program."""
    m = re.search(r"custom_target\('%s',(.*?)\]\)" % re.escape(output), text, re.S)
    if not m:
        sys.exit("build_rock.py: cannot find the %s target in meson.build" % output)
    body = m.group(1)
    inputs_m = re.search(r"input:\s*\[(.*?)\]", body, re.S)
    inputs = re.findall(r"'([^']+)'", inputs_m.group(1)) if inputs_m else []
    command = re.search(r"command:\s*\[\s*\w+,(.*)$", body, re.S).group(1)
    args = []
    for arg in re.findall(r"'([^']+)'", command):
        if arg == "@OUTPUT@":
            args.append(os.path.join(OUT, output))
        elif re.fullmatch(r"@INPUT(\d+)@", arg):
            args.append(os.path.join(ROOT, inputs[int(arg[6:-1])]))
        else:
            args.append(arg)
    return args


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
    ap.add_argument("--out", default=OUT)
    opts = ap.parse_args()
    set_out(opts.out)

    text = meson_text()
    tables, sources, deps = meson_lists(text)
    # Lua is the interpreter's business; dl and threads are the C library's;
    # the others are the core's, libxml2 for its headers only.
    packages = [d for d in deps if not d.startswith("lua") and d not in ("dl", "threads")]
    header_only = ["libxml-2.0"]
    os.makedirs(OUT, exist_ok=True)
    generated = []
    for func, data, name in tables:
        out = os.path.join(OUT, name)
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_wordtable.py"), func,
                        os.path.join(ROOT, data), out], check=True)
        generated.append(out)
    includes = ["-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "src")]
    base = shlex.split(opts.cc) + ["-O1", "-std=c11", "-D_POSIX_C_SOURCE=200809L"] + includes
    generator_sources = []
    for name, output in (("gen_wordfacts", "word_facts_table.c"),
                         ("gen_cue_index", "cue_phrases_table.c")):
        gen_sources, with_tables = generator(text, name)
        program = os.path.join(OUT, name)
        gen_packages = ["libutf8proc"] if with_tables else []
        run([*base, "-o", program, *[os.path.join(ROOT, c) for c in gen_sources],
             *(generated[:len(tables)] if with_tables else []),
             *pkg_config(["--cflags"], gen_packages), *pkg_config(["--libs"], gen_packages)])
        run([program, *generator_command(text, output)])
        generator_sources += [os.path.join(ROOT, c) for c in gen_sources
                              if c.startswith("src/") and c not in sources]
        generated.append(os.path.join(OUT, output))
    lua_sources = [os.path.join(ROOT, "lua", n) for n in
                   ("module.c", "analyzer.c", "report_view.c", "pattern.c", "sandbox.c", "rules.c")]
    linked = [p for p in packages if p not in header_only]
    command = (shlex.split(opts.cc) + shlex.split(opts.cflags) +
               ["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-DREADSTAT_BUILDING",
                '-DRS_LIBXML_SONAME="%s"' % libxml_soname(),
                "-fvisibility=hidden", "-fPIC"] + includes +
               ["-I" + os.path.join(ROOT, "lua"), "-I" + opts.lua_incdir] +
               pkg_config(["--cflags"], packages) + shlex.split(opts.libflag) +
               ["-o", os.path.join(OUT, "readstat.so")] +
               [os.path.join(ROOT, s) for s in sources] +
               sorted(set(generator_sources)) + generated + lua_sources +
               pkg_config(["--libs"], linked) + ["-ldl", "-lm"])
    run(command)


def set_out(path):
    global OUT
    OUT = os.path.abspath(path)


def run(command):
    print(" ".join(shlex.quote(c) for c in command))
    subprocess.run(command, check=True)


def libxml_soname():
    out = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "soname.py"), "xml2"],
                         check=True, capture_output=True, text=True).stdout
    return out.strip()


if __name__ == "__main__":
    main()
