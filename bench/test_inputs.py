#!/usr/bin/env python3
"""test_inputs.py BENCH CORPUS_DIR: the benchmark's generated inputs.

Pins what makes the benchmark's figures mean something: the inputs are made
of the corpus's real paragraphs (not a few repeated ones), they come out the
same on every run, and each has the size its name says.
"""
import os
import re
import subprocess
import sys
import tempfile


def write_inputs(bench, corpus, out):
    os.makedirs(out)
    subprocess.run([bench, "unused", corpus, "--write-inputs", out], check=True,
                   stdout=subprocess.DEVNULL)
    return {name: open(os.path.join(out, name), "rb").read() for name in os.listdir(out)}


def paragraphs(corpus):
    found = set()
    for name in os.listdir(corpus):
        if name.endswith(".txt"):
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                found.update(line.rstrip("\n") for line in f)
    return found


def main():
    bench, corpus = sys.argv[1:3]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        first = write_inputs(bench, corpus, os.path.join(tmp, "a"))
        again = write_inputs(bench, corpus, os.path.join(tmp, "b"))
    check(first == again, "two runs wrote different inputs")

    known = paragraphs(corpus)
    text = first["gen1.txt"].decode("utf-8")
    check(1_000_000 <= len(first["gen1.txt"]) < 1_020_000, "gen1.txt is not about 1 MB")
    lines = [l for l in text.split("\n") if len(l) >= 60]
    check(len(lines) > 1000 and all(l in known for l in lines),
          "gen1.txt holds a long line that is no corpus paragraph")
    check(len(set(lines)) >= 400, f"gen1.txt uses only {len(set(lines))} distinct paragraphs")
    words = set(re.findall(r"[a-z']+", text.lower()))
    check(len(words) >= 3000, f"gen1.txt has only {len(words)} distinct words")

    for ext in ("txt", "md", "html"):
        size = len(first[f"gen0.005.{ext}"])
        check(5000 <= size <= 8000, f"gen0.005.{ext} is {size} bytes, not about 5 KB")
    small = first["gen0.005.txt"].decode("utf-8")
    check(len(set(re.findall(r"[a-z']+", small.lower()))) >= 300,
          "the 5 KB article has fewer than 300 distinct words")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failed" if failures else "bench inputs: all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
