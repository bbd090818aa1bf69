#!/usr/bin/env python3
"""Score readstat's main-content extraction with the benchmark's metric.

Usage:
  tools/extract_eval.py [--binary PATH] [--data DIR] [--mode html|text|both]
                        [--per-page] [--save-renderings DIR]

DIR holds one folder per page, each with source.html and expected.txt (the
main content a person picked out).  Default: the dev pages in
/work/shared/data/dev/extraction/readability, if that folder exists.

Modes:
  html  runs `readstat --extract --format html source.html`;
  text  first renders source.html as the plain text a reader gets by
        select-all and copy (tools/html_to_text.py), then runs
        `readstat --extract --format text rendering.txt`;
  both  (the default) does both.
Each extraction is compared with expected.txt.  The tool prints the means
(and, with --per-page, every page) and exits 0: it measures, it does not
judge.  It exits 2 on a usage error only.

The metric (that of the public article-extraction benchmark):
  - tokens are the runs of \\w (Unicode word characters) in the text, case
    kept;
  - shingles are the 4-grams of consecutive tokens, counted with
    multiplicity; a text of 1 to 3 tokens has a single shingle, all of its
    tokens, and an empty text has none;
  - per page, over the two shingle multisets: TP = shingles in both (the
    smaller count of each), FP = extracted but not expected, FN = expected
    but not extracted.  The benchmark divides the three by their sum so that
    long pages weigh no more than short ones; that leaves the ratios below
    unchanged, so the tool keeps the counts;
  - per-page precision = TP / (TP + FP), recall = TP / (TP + FN).  The 0/0
    cases: nothing extracted (TP = FP = 0) has precision 1 if nothing was
    expected either (FN = 0) and 0 otherwise; nothing expected (TP = FN = 0)
    has recall 1 if nothing was extracted (FP = 0) and 0 otherwise.  So a
    page with FP = FN = 0 scores 1 on both;
  - precision and recall are each averaged over the pages, and F1 is the
    harmonic mean of those two means (0 if both are 0).
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import html_to_text  # noqa: E402  (a sibling file, found through sys.path)

DEFAULT_DATA = "/work/shared/data/dev/extraction/readability"
DEFAULT_BINARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "src",
                              "cli", "readstat")
SHINGLE = 4
TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text):
    return TOKEN.findall(text)


def shingles(text, n=SHINGLE):
    """The multiset of n-grams of a text's tokens (see the module notes)."""
    toks = tokens(text)
    if not toks:
        return collections.Counter()
    if len(toks) < n:
        return collections.Counter([tuple(toks)])
    return collections.Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def match(expected, extracted):
    """(TP, FP, FN) over the shingle multisets of two texts."""
    want, got = shingles(expected), shingles(extracted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    return tp, fp, fn


def precision_recall(tp, fp, fn):
    """Per-page precision and recall, with the 0/0 cases as documented."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    return precision, recall


def f1(precision, recall):
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarize(counts):
    """Mean precision, mean recall and the F1 of the two, over (TP, FP, FN) triples."""
    if not counts:
        return 0.0, 0.0, 0.0
    pairs = [precision_recall(*c) for c in counts]
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    return p, r, f1(p, r)


def run_readstat(binary, fmt, path):
    """The extracted text, or (None, message) when readstat failed."""
    proc = subprocess.run([binary, "--extract", "--format", fmt, path], capture_output=True)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace").strip() or f"exit {proc.returncode}"
    return proc.stdout.decode("utf-8", "replace"), None


def pages(data):
    for name in sorted(os.listdir(data)):
        folder = os.path.join(data, name)
        if os.path.isfile(os.path.join(folder, "source.html")) and \
                os.path.isfile(os.path.join(folder, "expected.txt")):
            yield name, folder


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def evaluate(mode, binary, data, per_page, renderings, scratch):
    counts = []
    if per_page:
        print(f"\n{mode} mode, page by page:")
        print(f"  {'page':32} {'P':>6} {'R':>6} {'F1':>6} {'expected':>9} {'extracted':>9}")
    for name, folder in pages(data):
        source = os.path.join(folder, "source.html")
        expected = read(os.path.join(folder, "expected.txt"))
        if mode == "text":
            rendering = html_to_text.render(read(source))
            where = renderings or scratch
            source = os.path.join(where, name + ".txt")
            with open(source, "w", encoding="utf-8") as f:
                f.write(rendering)
        extracted, error = run_readstat(binary, mode, source)
        if error is not None:
            print(f"  {name}: readstat failed ({error}); scored as extracting nothing")
            extracted = ""
        c = match(expected, extracted)
        counts.append(c)
        if per_page:
            p, r = precision_recall(*c)
            print(f"  {name:32} {p:6.3f} {r:6.3f} {f1(p, r):6.3f} "
                  f"{len(tokens(expected)):9d} {len(tokens(extracted)):9d}")
    p, r, f = summarize(counts)
    print(f"{mode}: {len(counts)} pages  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=DEFAULT_BINARY, help="the readstat executable")
    ap.add_argument("--data", default=DEFAULT_DATA if os.path.isdir(DEFAULT_DATA) else None,
                    help="folder of pages (source.html + expected.txt each)")
    ap.add_argument("--mode", choices=("html", "text", "both"), default="both")
    ap.add_argument("--per-page", action="store_true", help="print every page's figures")
    ap.add_argument("--save-renderings", metavar="DIR",
                    help="keep the plain-text renderings there (as PAGE.txt)")
    args = ap.parse_args()
    if not args.data or not os.path.isdir(args.data):
        ap.error("no data folder: pass --data DIR")
    if not os.access(args.binary, os.X_OK):
        ap.error(f"not an executable: {args.binary}")
    if args.save_renderings:
        os.makedirs(args.save_renderings, exist_ok=True)
    modes = ("html", "text") if args.mode == "both" else (args.mode,)
    with tempfile.TemporaryDirectory() as scratch:
        for mode in modes:
            evaluate(mode, args.binary, args.data, args.per_page, args.save_renderings, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
