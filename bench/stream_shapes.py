#!/usr/bin/env python3
"""stream_shapes.py [--extract] READSTAT PEAK EXAMPLES_DIR [MIB [NAME]]: pipes
shapes of MIB (default 1024) MiB through `readstat --json -` (or, with
--extract, `readstat --extract -`, which also hands every block's text over)
and prints the peak RSS of each run, measured by bench/peak.c; with NAME,
only the shapes whose names hold it.  The shapes are the ones that could make a streaming analyzer hold
memory: long lines, many sections, a huge vocabulary, base64 with no blank
line, Markdown, and HTML with many articles, a Chinese paragraph, an inline
script, one huge paragraph, millions of siblings, deep nesting, an attribute
value of the input's size and a tag longer than a parse window.

  python3 bench/stream_shapes.py build/src/cli/readstat build/bench/peak examples
  python3 bench/stream_shapes.py build/src/cli/readstat build/bench/peak examples 64 nested
"""
import os
import random
import subprocess
import sys
import time

args = sys.argv[1:]
mode = "--json"
if args and args[0] == "--extract":
    mode = args.pop(0)
readstat, peak, examples = args[0:3]
total = int(args[3] if len(args) > 3 else 1024) << 20
only = args[4] if len(args) > 4 else ""
article = open(os.path.join(examples, "article.txt"), encoding="utf-8").read()
prose = " ".join(line.strip() for line in article.splitlines() if len(line) > 60) + " "


def repeat(piece):
    """The piece again and again: what the shapes below are made of."""
    chunk = (piece * (max(1, (1 << 22) // len(piece)) + 1)).encode()
    while True:
        yield chunk


def random_words():
    """Random letters cut into words: a vocabulary far past the unfamiliar-word cap."""
    # of 256 byte values: 220 letters, 30 spaces, 5 periods, 1 line break
    table = bytes((b"abcdefghijklmnopqrstuvwxyz"[i % 26] if i < 220 else
                   b" "[0] if i < 250 else b"."[0] if i < 255 else b"\n"[0]) for i in range(256))
    rng = random.Random(7)
    while True:
        yield rng.randbytes(1 << 22).translate(table)


def base64_lines():
    """A title, then random base64 in lines of 76: one block with no blank
    line and no sentence end, read in pieces while the title's window stays open."""
    import base64
    rng = random.Random(11)
    yield b"Attachment\n\n"
    while True:
        yield base64.encodebytes(rng.randbytes(3 << 20))


def after(head, rest):
    yield head
    yield from rest


def nested():
    return after(b"<html><body>" + b"<div>" * 100000, repeat("<p>" + prose + "</p>\n"))


def heading_every_730_bytes():
    n = 0
    while True:
        block = ""
        while len(block) < 1 << 20:
            n += 1
            block += f"Section {n} of the report\n\n{prose[:700]}\n\n"
        yield block.encode()


SHAPES = [
    ("text: the example article repeated", "text", lambda: repeat(article + "\n")),
    ("text: one line, no line breaks", "text", lambda: repeat(prose)),
    ("text: a heading every ~730 bytes", "text", heading_every_730_bytes),
    ("text: random vocabulary", "text", random_words),
    ("text: a title, then base64 lines", "text", base64_lines),
    ("markdown: sections and lists repeated", "markdown",
     lambda: repeat("## A section\n\n" + prose + "\n\n- an item\n- another item\n\n")),
    ("html: <article> after <article>", "html",
     lambda: repeat("<article><h1>A title</h1><p>" + prose + "</p></article>\n")),
    ("html: one huge <p>", "html", lambda: after(b"<html><body><p>", repeat(prose))),
    ("html: one <div> holding millions of <p>", "html",
     lambda: after(b"<html><body><div>", repeat("<p>" + prose + "</p>"))),
    ("html: 100,000 nested <div>, then paragraphs", "html", nested),
    ("html: one <p> of Chinese text", "html",
     lambda: after(b"<html><body><p>", repeat("我们今天去公园散步。天气很好，阳光明媚。"))),
    ("html: one inline <script> of JSON", "html",
     lambda: after(b"<html><head><script type='application/json'>[",
                   repeat('{"id": 1, "title": "An item", "tags": ["a", "b"]}, '))),
    ("html: an image inlined as one data URI", "html",
     lambda: after(b'<html><body><p>Text.</p><img src="data:image/png;base64,',
                   repeat("iVBORw0KGgoAAAANSUhEUgAA"))),
    ("html: a tag of 200 KB, then paragraphs", "html",
     lambda: after(b'<html><body><div title="' + b"x" * 200000 + b'">',
                   repeat("<p>" + prose + "</p>\n"))),
    ("html: a quote in an unquoted value, no quote after it", "html",
     lambda: after(b'<html><body><span data-v=q"r id=x>a</span>',
                   repeat("<p>The river flows past the mill and the town.</p>\n"))),
    ("text: a letter, then one line of Chinese", "text",
     lambda: after(b"A", repeat("我们今天去公园散步。天气很好，阳光明媚。"))),
    ("text: a title, then blank lines", "text", lambda: after(b"A Title\n\n", repeat("\n"))),
    ("markdown: one line of dots", "markdown", lambda: after(b"# Title\n\n", repeat("."))),
    ("markdown: a title, then blank lines", "markdown",
     lambda: after(b"# Title\n\nSome words.\n", repeat("\n"))),
    ("markdown: quotes nested millions deep", "markdown", lambda: repeat("> ")),
    ("html: <div> nested millions deep", "html",
     lambda: after(b"<html><body>", repeat("<div>a "))),
    ("html: entities alone", "html", lambda: after(b"<html><body><p>", repeat("&amp;"))),
    ("html: a script whose body says a<b", "html",
     lambda: after(b"<html><body><script>", repeat("if (a<b) go(); "))),
    ("html: an end tag with no '>'", "html", lambda: after(b"<html><body><p>", repeat("</b a "))),
    ("html: a processing instruction with no '>'", "html",
     lambda: after(b"<html><body><p>", repeat("<?a "))),
    ("html: a declaration with no '>'", "html", lambda: repeat("<!DOCTYPE a ")),
    ("html: a declaration whose quote never closes", "html",
     lambda: after(b"<!DOCTYPE a '>", repeat("x "))),
]

print(f"{'input, ' + str(total >> 20) + ' MiB through stdin, ' + mode:48} {'peak MiB':>9} {'MB/s':>8}")
for name, fmt, make in SHAPES:
    if only not in name:
        continue
    report_r, report_w = os.pipe()
    proc = subprocess.Popen([peak, readstat, mode, "--format", fmt, "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, close_fds=False,
                            preexec_fn=lambda: os.dup2(report_w, 3))
    os.close(report_w)
    sent, t0 = 0, time.monotonic()
    for chunk in make():
        piece = chunk[: total - sent]
        proc.stdin.write(piece)
        sent += len(piece)
        if sent >= total:
            break
    proc.stdin.close()
    status = proc.wait()
    report = os.read(report_r, 256).decode().split()
    os.close(report_r)
    if status != 0 or len(report) < 2:
        sys.exit(f"stream_shapes.py: readstat failed on {name} (status {status})")
    kib, seconds = int(report[0]), float(report[1])
    print(f"{name:48} {kib / 1024:9.1f} {sent / 1e6 / (time.monotonic() - t0):8.1f}")
