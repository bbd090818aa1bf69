#!/usr/bin/env python3
"""growth_sweep.py READSTAT PEAK [MIB [NAME]]: runs each shape below at MIB
(default 1) and twice MIB, whole (--detail, which keeps everything) and
streamed (through stdin at 8 and 16 times MIB, past the CLI's 1 MiB), and
prints the time ratio of the two sizes and the streamed peak RSS.  It flags
a ratio over 2.6 (run again once to rule out the machine) and a streamed
peak that grows with the input or passes 16 MiB; with NAME, only the
shapes whose names hold it.  The exit status is the number of flags.

bench/stream_shapes.py measures a few shapes at 1 GiB; this one looks for
the shapes that go quadratic or hold the input, among many small ones: the
units that make each format's parser, splitter or classifier work hardest.

  python3 bench/growth_sweep.py build/src/cli/readstat build/bench/peak
"""
import os
import sys

from peak_run import run_under_peak

readstat, peak = sys.argv[1:3]
mib = int(sys.argv[3]) if len(sys.argv) > 3 else 1
only = sys.argv[4] if len(sys.argv) > 4 else ""
here = os.path.dirname(os.path.abspath(__file__))
article = open(os.path.join(here, "..", "examples", "article.txt"), encoding="utf-8").read()
prose = " ".join(line.strip() for line in article.splitlines() if len(line) > 60) + " "

# (name, format, head, unit): head once, then unit up to the size
SHAPES = [
    ("text: prose", "text", "", article + "\n"),
    ("text: one line", "text", "", prose),
    ("text: one-word sentences", "text", "", "Yes. "),
    ("text: blank lines", "text", "Title\n\n", "\n"),
    ("text: one word", "text", "", "a"),
    ("text: dots", "text", "", "."),
    ("text: dotted tokens", "text", "", "a.b."),
    ("text: hyphens", "text", "", "a-"),
    ("text: quoted words", "text", "", '"a" '),
    ("text: open brackets", "text", "", "("),
    ("text: list items", "text", "", "- a\n"),
    ("text: heading-like lines", "text", "", "Title Here\n\n"),
    ("text: URLs", "text", "", "http://a.b/c "),
    ("text: numbers", "text", "", "1,2"),
    ("text: CJK", "text", "", "我们今天去公园散步。"),
    ("text: tabs", "text", "", "\t"),
    ("text: CR line ends", "text", "", "a\r"),
    ("text: e-mail addresses", "text", "", "a@b.c "),
    ("text: words joined by '_'", "text", "", "a_"),
    ("text: words joined by '%'", "text", "", "a%"),
    ("markdown: prose", "markdown", "", "## A\n\n" + prose + "\n\n- x\n- y\n\n"),
    ("markdown: quotes", "markdown", "", "> "),
    ("markdown: list markers", "markdown", "", "- "),
    ("markdown: emphasis", "markdown", "", "*a "),
    ("markdown: links", "markdown", "", "[a](b) "),
    ("markdown: backticks", "markdown", "", "`"),
    ("markdown: brackets", "markdown", "", "["),
    ("markdown: a table", "markdown", "|a|b|\n|-|-|\n", "|c|d|\n"),
    ("markdown: a fenced code block", "markdown", "```\n", "code\n"),
    ("markdown: HTML tags", "markdown", "", "<div>"),
    ("markdown: headings", "markdown", "", "# a\n"),
    ("markdown: link references", "markdown", "", "[a]: /b\n"),
    ("markdown: underscores", "markdown", "", "_"),
    ("markdown: a label on each line", "markdown", "Some words\n", "[a] b\n"),
    ("markdown: backslashes", "markdown", "", "\\"),
    ("markdown: lines of '['", "markdown", "", "[\n"),
    ("markdown: an HTML block of short lines", "markdown", "<div>\n", "a\n"),
    ("html: <div> nested", "html", "<html><body>", "<div>a "),
    ("html: paragraphs", "html", "", "<p>" + prose + "</p>"),
    ("html: unclosed <p>", "html", "", "<p>a "),
    ("html: nested <b>", "html", "", "<b>a "),
    ("html: nested tables", "html", "", "<table><tr><td>a "),
    ("html: nested lists", "html", "", "<ul><li>a "),
    ("html: entities", "html", "", "&amp;"),
    ("html: comments", "html", "", "<!--a-->"),
    ("html: '<'", "html", "", "<"),
    ("html: ']'", "html", "<p>", "]"),
    ("html: '&'", "html", "<p>", "&"),
    ("html: a&b", "html", "<p>", "a&b"),
    ("html: attributes", "html", "<p ", 'a="b" '),
    ("html: a script of a<b", "html", "<script>", "a<b "),
    ("html: a script of '</'", "html", "<script>", "</"),
    ("html: nested links", "html", "", "<a href=x>a "),
    ("html: images", "html", "", "<img src=a>"),
    ("html: headings and paragraphs", "html", "", "<h2>a</h2><p>b c d.</p>"),
    ("html: line breaks", "html", "", "a<br>"),
    ("html: nested figures", "html", "", "<figure><figcaption>a "),
    ("html: nested forms", "html", "", "<form><input>a "),
    ("html: nested <pre>", "html", "", "<pre>a "),
    ("html: navigation", "html", "", "<nav><a>a</a></nav>"),
    ("html: end tags with no '>'", "html", "<p>", "</b a "),
    ("html: processing instructions", "html", "<p>", "<?a "),
    ("html: declarations", "html", "", "<!DOCTYPE a "),
    ("html: a declaration's open quote", "html", "<!DOCTYPE a '>", "x "),
    ("html: CDATA openers", "html", "<p>", "<![CDATA[a "),
    ("html: SVG", "html", "<svg>", "<g>"),
]

# shapes left out of the whole runs, and why: what they cost there is not ours
NOT_WHOLE = {
    # md4c 0.4.8 finds each label's line from its paragraph's first: lines
    # times labels (1 MiB whole: 3 s); streamed, the paragraph is cut
    "markdown: a label on each line": "md4c: quadratic",
}


def make(head, unit, size):
    n = max(0, size - len(head.encode()))
    body = (unit * (n // len(unit.encode()) + 1)).encode()[:n]
    return head.encode() + body


def run(args, data):
    """(seconds, peak KiB) of readstat ARGS reading data from stdin."""
    status, kib, seconds = run_under_peak(peak, [readstat] + args + ["-"], data)
    if status != 0 or kib < 0:
        sys.exit(f"growth_sweep.py: readstat {' '.join(args)} failed (status {status})")
    return seconds, kib


def ratio(args, head, unit, size):
    """Time at 2 x size over time at size (the best of two runs each), and the peaks."""
    small, big = make(head, unit, size), make(head, unit, 2 * size)
    t1, k1 = min(run(args, small) for _ in range(2))
    t2, k2 = min(run(args, big) for _ in range(2))
    return t2 / max(t1, 1e-4), t1, t2, k1, k2


flags = 0
print(f"{'shape':36} {'whole (' + str(mib) + ' MiB)':>22} {'streamed (' + str(8 * mib) + ' MiB)':>22}"
      f" {'peak MiB':>14}")
for name, fmt, head, unit in SHAPES:
    if only not in name:
        continue
    cells, notes = [], []
    for mode, size in (("whole", mib << 20), ("streamed", 8 * mib << 20)):
        if mode == "whole" and name in NOT_WHOLE:
            cells.append(NOT_WHOLE[name])
            continue
        args = ["--json", "--format", fmt] + (["--detail"] if mode == "whole" else [])
        r, t1, t2, k1, k2 = ratio(args, head, unit, size)
        if r > 2.6:
            r, t1, t2, k1, k2 = ratio(args, head, unit, size)  # once more: a busy machine?
            if r > 2.6:
                notes.append(f"{mode}: time x{r:.2f}")
        cells.append(f"{t1 * 1e3:8.0f} {t2 * 1e3:7.0f} ms x{r:4.2f}")
        if mode == "streamed":
            peaks = f"{k1 / 1024:6.1f} {k2 / 1024:6.1f}"
            if k2 > 16 * 1024 or k2 > k1 * 1.25 + 1024:
                notes.append("streamed: peak grows")
    flags += len(notes)
    print(f"{name:36} {cells[0]:>22} {cells[1]:>22} {peaks:>14}"
          + ("   <-- " + ", ".join(notes) if notes else ""), flush=True)
print(f"{flags} flagged")
sys.exit(min(flags, 100))
