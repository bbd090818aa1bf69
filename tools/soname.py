#!/usr/bin/env python3
"""soname.py NAME: prints the soname the dynamic linker would load for -lNAME
(e.g. xml2 -> libxml2.so.2).  meson uses it for the libraries readstat opens
with dlopen() only when they are needed (HTML's libxml2, the server's
libmicrohttpd), so that the soname matches the installed library."""
import ctypes.util
import sys

name = sys.argv[1]
soname = ctypes.util.find_library(name)
if not soname:
    sys.exit(f"soname.py: no shared library found for -l{name}")
print(soname)
