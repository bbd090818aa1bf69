#!/usr/bin/env python3
"""Self-test of the metric in tools/extract_eval.py, on made-up strings.

Usage: test_extract_eval.py    (standard library only; no readstat, no data)

Each case gives the expected TP, FP and FN, worked out by hand from the
4-gram shingles, and the per-page precision and recall.  Prints one line per
check and exits 1 if any failed.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import extract_eval as ev  # noqa: E402
import html_to_text  # noqa: E402

failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
    failures += not ok


def close(a, b):
    return abs(a - b) < 1e-9


# Tokens are \w runs: punctuation splits, Unicode letters join, case is kept.
check("tokens", ev.tokens("Ça va? L'été, 2024!") == ["Ça", "va", "L", "été", "2024"],
      ev.tokens("Ça va? L'été, 2024!"))

# "a b c d e": shingles (a b c d), (b c d e).  "a b c d x": (a b c d), (b c d x).
# TP 1, FP 1, FN 1: precision 1/2, recall 1/2.
c = ev.match("a b c d e", "a b c d x")
check("one shingle in common", c == (1, 1, 1), c)
p, r = ev.precision_recall(*c)
check("precision and recall 1/2", close(p, 0.5) and close(r, 0.5), (p, r))

# Multiplicity: "a b c d a b c d" has (a b c d) twice, (b c d a), (c d a b),
# (d a b c) once.  Extracting "a b c d" once: TP 1, FP 0, FN 4.
c = ev.match("a b c d a b c d", "a b c d")
check("shingles count with multiplicity", c == (1, 0, 4), c)
p, r = ev.precision_recall(*c)
check("precision 1, recall 1/5", close(p, 1.0) and close(r, 0.2), (p, r))

# Fewer than 4 tokens: the whole text is one shingle.
check("short text is one shingle", ev.shingles("big red") == {("big", "red"): 1},
      ev.shingles("big red"))
c = ev.match("big red", "big red dog")
check("short texts differ as wholes", c == (0, 1, 1), c)

# The 0/0 cases.
check("nothing expected, nothing extracted: 1, 1", ev.precision_recall(0, 0, 0) == (1.0, 1.0))
check("nothing extracted, text expected: precision 0, recall 0",
      ev.precision_recall(0, 0, 3) == (0.0, 0.0))
check("text extracted, nothing expected: precision 0, recall 0",
      ev.precision_recall(0, 2, 0) == (0.0, 0.0))
check("empty texts match", ev.match("", " ... ") == (0, 0, 0))

# Means over pages, then F1 of the means: pages (P 1/2, R 1/2) and (P 1, R 1/5)
# give P 3/4, R 7/20, F1 = 2 * 0.75 * 0.35 / 1.1 = 0.47727...
p, r, f = ev.summarize([(1, 1, 1), (1, 0, 4)])
check("means and F1", close(p, 0.75) and close(r, 0.35) and close(f, 2 * 0.75 * 0.35 / 1.1),
      (p, r, f))
check("no pages", ev.summarize([]) == (0.0, 0.0, 0.0))

# The plain-text rendering: visible blocks, bullets, hidden text skipped.
page = ("<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><ul><li>Home</li><li>News</li></ul></nav>"
        "<h1>Head &amp; line</h1><p>One <b>two</b>\n three.</p>"
        "<div hidden>secret</div><p style='display: none'>gone</p>"
        "<script>var x = 1;</script><table><tr><td>a</td><td>b</td></tr></table>"
        "<p>Line<br>break</p></body></html>")
want = "• Home\n\n• News\n\nHead & line\n\nOne two three.\n\na\tb\n\nLine\nbreak\n"
got = html_to_text.render(page)
check("rendering", got == want, repr(got))

sys.exit(1 if failures else 0)
