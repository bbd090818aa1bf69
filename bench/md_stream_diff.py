#!/usr/bin/env python3
"""md_stream_diff.py READSTAT N [SEED]: N random Markdown documents of long
blocks with no blank line between them (runs of 1 to 20,000 lines of
prose, lists, quotes, code, tables, labels, headings...), 0.6 to 3 MB
each, analysed whole (`--detail`, which keeps everything) and streamed
(through a pipe), and the page counts that differ.  Streaming cuts such
blocks inside (format/markdown_cut.h); this says how often a cut reads
differently from the whole document.  Prints one line a document and
the number that differ.

  python3 bench/md_stream_diff.py build/src/cli/readstat 12 0
"""
import json
import os
import random
import subprocess
import sys

UNITS = ["the quick brown fox jumps over the lazy dog and [a] runs.\n", "[a]: /b\n",
         "- item [x] one\n", "> quoted [b] line here\n", "    code [c] = 1;\n",
         "Some *emph* and `code` [d](e) words.\n", "| a | b |\n", "A Capital line. Then more\n",
         "[[[[", "&amp; <b>x</b> ", "word " * 20 + "\n", "1. numbered [n]\n", "```\n", "<div>\n",
         "\n", "Title\n===\n", "***\n", "## Heading [h]\n"]
KEYS = ["words", "sentences", "syllables", "characters", "letters", "paragraphs"]


def document(seed):
    r = random.Random(seed)
    size, parts, total = r.randint(600_000, 1_600_000), [], 0
    while total < size:
        unit = r.choice(UNITS)
        times = r.choice([1, 5, 50, 500, 5000, 20000])
        if unit == "\n":  # a blank line or two, no more: the blocks stay long
            times = r.choice([1, 2])
        parts.append(unit * times)
        total += len(unit) * times
    return "".join(parts)


def page_counts(args, **kw):
    out = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw).stdout
    return json.loads(out)["page"]["counts"]


def main():
    readstat, n = sys.argv[1], int(sys.argv[2])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    path = f"/tmp/md_stream_diff.{os.getpid()}.md"
    differ = 0
    try:
        for seed in range(first, first + n):
            doc = document(seed)
            with open(path, "w") as f:
                f.write(doc)
            whole = page_counts([readstat, "--json", "--detail", "--format", "markdown", path])
            streamed = page_counts([readstat, "--json", "--format", "markdown", "-"], input=doc)
            diff = {k: (whole[k], streamed[k]) for k in KEYS if whole[k] != streamed[k]}
            print(seed, len(doc), diff if diff else "OK", flush=True)
            differ += bool(diff)
    finally:
        if os.path.exists(path):
            os.unlink(path)
    print("differ:", differ)


if __name__ == "__main__":
    main()
