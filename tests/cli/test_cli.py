#!/usr/bin/env python3
"""End-to-end tests of the readstat command.

Usage: test_cli.py READSTAT_BINARY EXAMPLES_DIR [PEAK]

PEAK: bench/peak.c built, for the checks of peak memory while streaming.

Runs the built binary on the example articles and on inputs generated into a
temporary directory (NUL bytes, UTF-16, invalid UTF-8, CRLF...: nothing
binary is committed), prints one line per check and exits non-zero if any
check failed.  Standard library only; no network.

Expected numbers for examples/short.txt were counted by hand (see
SHORT_* below for the arithmetic).  Its text is:

    The old mill stood by the river for many years. Each morning,  a baker
    went there to buy grain. Why don't we visit it today?
    <blank line>
    It is a well-known place, and the water is still clean.

(one line for the first paragraph, with two spaces after "morning,").
"""

import json
import os
import shutil
import time
import random
import re
import signal
import subprocess
import sys
import tempfile
import unicodedata

if len(sys.argv) not in (3, 4):
    sys.exit("usage: test_cli.py READSTAT_BINARY EXAMPLES_DIR [PEAK]")

READSTAT = os.path.abspath(sys.argv[1])
EXAMPLES = os.path.abspath(sys.argv[2])
PEAK = os.path.abspath(sys.argv[3]) if len(sys.argv) == 4 else None
SHORT = os.path.join(EXAMPLES, "short.txt")
ARTICLE = os.path.join(EXAMPLES, "article.txt")
SECTIONS = os.path.join(EXAMPLES, "sections.txt")

# --------------------------------------------------------------------------
# Hand counts for short.txt.
#
# Words and syllables, sentence by sentence (dictionary syllables):
#  1 The(1) old(1) mill(1) stood(1) by(1) the(1) river(2) for(1) many(2)
#    years(1)                                   10 words, 12 syllables
#  2 Each(1) morning(2) a(1) baker(2) went(1) there(1) to(1) buy(1) grain(1)
#                                                9 words, 11 syllables
#  3 Why(1) don't(1) we(1) visit(2) it(1) today(2)
#                                                6 words,  8 syllables
#  4 It(1) is(1) a(1) well-known(2) place(1) and(1) the(1) water(2) is(1)
#    still(1) clean(1)                          11 words, 13 syllables
#  Total: 36 words, 4 sentences, 44 syllables, 2 paragraphs.
# Monosyllables: 36 words - 8 of two syllables (river, many, morning, baker,
#  visit, today, well-known, water) = 28; no word has 3+ syllables, so
#  polysyllables = complex words = 0.
# Letters: 3+3+4+5+2+3+5+3+4+5 = 37; 4+7+1+5+4+5+2+3+5 = 36;
#  3+4+2+5+2+5 = 21 (don't: 4 letters); 2+2+1+9+5+3+3+5+2+5+5 = 42
#  (well-known: 9 letters).  Total 136.
# Characters (not white space): 136 letters + 8 punctuation marks
#  (. , . ' ? - , .) = 144.
# Long words (more than 6 letters): morning (7), well-known (9) = 2.
#
# Scores (ASL = 36/4 = 9, ASW = 44/36 = 1.2222):
#  Flesch Reading Ease  206.835 - 1.015*9 - 84.6*44/36
#                       = 206.835 - 9.135 - 103.4 = 94.30
#  Flesch-Kincaid       0.39*9 + 11.8*44/36 - 15.59 = 3.51 + 14.4222 - 15.59
#                       = 2.3422 -> 2.34
#  Gunning Fog          0.4*(9 + 100*0/36) = 3.60
#  SMOG                 1.0430*sqrt(0*30/4) + 3.1291 = 3.1291 -> 3.13
#  Coleman-Liau         0.0588*(136/36*100) - 0.296*(4/36*100) - 15.8
#                       = 22.2133 - 3.2889 - 15.8 = 3.1244 -> 3.12
#  ARI                  4.71*136/36 + 0.5*9 - 21.43 = 17.7933 + 4.5 - 21.43
#                       = 0.8633 -> 0.86
#  LIX                  36/4 + 100*2/36 = 9 + 5.5556 = 14.5556 -> 14.56
#  RIX                  2/4 = 0.50
#  Linsear Write        36 points (every word <= 2 syllables) / 4 = 9;
#                       9 <= 20 so (9 - 2)/2 = 3.50
# Reading time at 238 wpm: 36/238*60 = 9.08 s -> 9 s; minutes = ceil(9/60) = 1.
#  At --wpm 120: 36/120*60 = 18 s, 1 minute.
# Per-sentence grades (0.39*words + 11.8*syllables/words - 15.59):
#  1: 3.90 + 14.1600 - 15.59 = 2.4700 -> 2.47
#  2: 3.51 + 14.4222 - 15.59 = 2.3422 -> 2.34
#  3: 2.34 + 15.7333 - 15.59 = 2.4833 -> 2.48
#  4: 4.29 + 13.9455 - 15.59 = 2.6455 -> 2.65
# --------------------------------------------------------------------------
SHORT_COUNTS = {
    "characters": 144, "letters": 136, "words": 36, "sentences": 4,
    "syllables": 44, "paragraphs": 2, "monosyllables": 28, "polysyllables": 0,
    "complex_words": 0, "long_words": 2, "cjk_chars": 0, "images": 0,
    "digits": 0, "unscored_words": 0,
}
SHORT_SCORES = {
    "flesch_reading_ease": 94.3, "flesch_kincaid_grade": 2.34,
    "gunning_fog": 3.6, "smog": 3.13, "coleman_liau": 3.12, "ari": 0.86,
    "lix": 14.56, "rix": 0.5, "linsear_write": 3.5,
}
SHORT_SENTENCES = [
    ("The old mill stood by the river for many years.", 10, 12, 2.47),
    # The two spaces after "morning," collapse to one.
    ("Each morning, a baker went there to buy grain.", 9, 11, 2.34),
    ("Why don't we visit it today?", 6, 8, 2.48),
    ("It is a well-known place, and the water is still clean.", 11, 13, 2.65),
]
SHORT_WORD_SYLLABLES = [
    ("The", 1), ("old", 1), ("mill", 1), ("stood", 1), ("by", 1), ("the", 1),
    ("river", 2), ("for", 1), ("many", 2), ("years", 1),
    ("Each", 1), ("morning", 2), ("a", 1), ("baker", 2), ("went", 1),
    ("there", 1), ("to", 1), ("buy", 1), ("grain", 1),
    ("Why", 1), ("don't", 1), ("we", 1), ("visit", 2), ("it", 1), ("today", 2),
    ("It", 1), ("is", 1), ("a", 1), ("well-known", 2), ("place", 1), ("and", 1),
    ("the", 1), ("water", 2), ("is", 1), ("still", 1), ("clean", 1),
]

TOP_KEYS = ["readstat", "source", "format", "language", "meta", "counts", "readability",
            "reading_time", "page", "sections", "blocks"]
COUNT_KEYS = ["characters", "letters", "words", "sentences", "syllables", "paragraphs",
              "monosyllables", "polysyllables", "complex_words", "long_words",
              "difficult_words", "unfamiliar_words", "cjk_chars", "images", "digits",
              "unscored_words"]
SCORE_KEYS = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
              "coleman_liau", "ari", "dale_chall", "spache", "lix", "rix",
              "linsear_write", "forcast", "consensus_grade"]

failures = 0
checks = 0


def check(name, condition, detail=""):
    global failures, checks
    checks += 1
    if condition:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    return condition


def run(args, stdin=None):
    """Runs readstat; returns (exit status, stdout bytes, stderr text)."""
    proc = subprocess.run([READSTAT] + args, input=stdin, capture_output=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def run_json(args, stdin=None):
    """Runs readstat and parses stdout as one JSON document (strict UTF-8)."""
    code, out, err = run(args, stdin)
    try:
        doc = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        doc = None
        err += f" [stdout is not valid JSON: {exc}]"
    return code, doc, err, out


def display_width(line):
    """Terminal columns: East Asian wide/fullwidth = 2, combining marks = 0."""
    width = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def stderr_lines(err):
    return [line for line in err.splitlines() if line]


tmp = tempfile.TemporaryDirectory(prefix="readstat-cli-")
TMP = tmp.name


def make_file(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


with open(SHORT, "rb") as f:
    SHORT_BYTES = f.read()

# --------------------------------------------------------------------------
# --version, --help, usage errors

code, out, err = run(["--version"])
check("--version prints 'readstat 0.1.0'", code == 0 and out == b"readstat 0.1.0\n",
      f"exit {code}, {out!r}")

code, out, err = run(["--help"])
help_text = out.decode("utf-8", "replace")
check("--help exits 0", code == 0, f"exit {code}")
for option in ["--json", "--detail", "--wpm", "--lang", "--help", "--version"]:
    check(f"--help lists {option}", option in help_text)
check("--help lists the exit codes",
      all(re.search(rf"^\s*{n}\s", help_text, re.M) for n in "0123"), help_text)
check("--help fits 80 columns", all(display_width(l) <= 80 for l in help_text.splitlines()))

code, out, err = run(["--bogus", SHORT])
check("unknown option: exit 2, nothing on stdout",
      code == 2 and out == b"" and "unknown option '--bogus'" in err, f"exit {code}, {err!r}")

for bad in ["abc", "0", "-5", "12x", "nan", "inf"]:
    code, out, err = run(["--wpm", bad, SHORT])
    check(f"--wpm {bad}: exit 2", code == 2 and out == b"", f"exit {code}, {err!r}")
code, out, err = run([SHORT, "--wpm"])
check("--wpm without a value: exit 2", code == 2, f"exit {code}, {err!r}")

code, out, err = run(["--lang", "fr", SHORT])
check("--lang fr: exit 2 with the exact message",
      code == 2 and out == b""
      and err == "readstat: unsupported language 'fr' (supported: en)\n", f"exit {code}, {err!r}")
code, out, err = run(["--lang=en", "--json", SHORT])
check("--lang=en is accepted", code == 0, f"exit {code}, {err!r}")

# --------------------------------------------------------------------------
# short.txt: exact JSON

code, doc, err, raw = run_json(["--json", SHORT])
check("short.txt --json: exit 0, no stderr", code == 0 and err == "", f"exit {code}, {err!r}")
if check("short.txt --json: valid JSON", doc is not None, err):
    check("top-level keys in order", list(doc) == TOP_KEYS, str(list(doc)))
    check("readstat/source/format/language",
          doc["readstat"] == "0.1.0" and doc["source"] == SHORT
          and doc["format"] == "text" and doc["language"] == "en",
          str({k: doc[k] for k in TOP_KEYS[:4]}))
    check("counts keys in order", list(doc["counts"]) == COUNT_KEYS, str(list(doc["counts"])))
    for key, want in SHORT_COUNTS.items():
        got = doc["counts"].get(key)
        check(f"short.txt counts.{key} == {want}", got == want, f"got {got}")
    check("readability keys in order", list(doc["readability"]) == SCORE_KEYS,
          str(list(doc["readability"])))
    for key, want in SHORT_SCORES.items():
        got = doc["readability"].get(key)
        check(f"short.txt readability.{key} == {want}", got == want, f"got {got}")
    check("every score is a number rounded to 2 decimals",
          all(isinstance(v, (int, float)) and abs(round(v, 2) - v) < 1e-9
              for v in doc["readability"].values()), str(doc["readability"]))
    check("short.txt reading_time == 9 s, 1 min, 238 wpm",
          doc["reading_time"] == {"seconds": 9, "minutes": 1, "wpm": 238},
          str(doc["reading_time"]))
    secs = doc["sections"]
    check("short.txt: one section without heading, level 0, whole text",
          len(secs) == 1 and secs[0]["heading"] is None and secs[0]["level"] == 0
          and secs[0]["counts"] == doc["counts"], json.dumps(secs)[:300])
    if secs:
        check("section keys in order",
              list(secs[0]) == ["heading", "level", "parent", "boilerplate", "start", "end",
                                "counts", "readability",
                                "reading_time"], str(list(secs[0])))
    blocks = doc["blocks"]
    para1_end = SHORT_BYTES.index(b"\n\n")
    para2_start = para1_end + 2
    para2_end = len(SHORT_BYTES) - 1
    check("short.txt: two paragraph blocks with exact spans, text and words",
          len(blocks) == 2
          and [b["kind"] for b in blocks] == ["paragraph", "paragraph"]
          and [(b["start"], b["end"]) for b in blocks]
          == [(0, para1_end), (para2_start, para2_end)]
          and [b["text"] for b in blocks]
          == [SHORT_BYTES[:para1_end].decode(), SHORT_BYTES[para2_start:para2_end].decode()]
          and [b["words"] for b in blocks] == [25, 11],
          json.dumps(blocks)[:400])
    if blocks:
        check("block keys in order (no level for a paragraph)",
              list(blocks[0]) == ["kind", "role", "start", "end", "text", "words", "sentences"],
              str(list(blocks[0])))
    check("no warnings and no detail keys without --detail",
          "warnings" not in doc and "sentences" not in doc and "words" not in doc)
    text = raw.decode("utf-8")
    check("single input: pretty JSON, 2-space indent, no trailing newline issues",
          text.startswith('{\n  "readstat": "0.1.0",\n  "source": ')
          and text.endswith("}\n") and '\n    "characters": 144,' in text, text[:80])

code, doc, err, _ = run_json(["--json", "--wpm", "120", SHORT])
check("--wpm 120: reading_time 18 s, 1 min, wpm 120",
      code == 0 and doc is not None
      and doc["reading_time"] == {"seconds": 18, "minutes": 1, "wpm": 120},
      str(doc and doc["reading_time"]))
code, doc, err, _ = run_json(["--json", "--wpm=250.5", SHORT])
check("--wpm=250.5 is accepted and reported",
      code == 0 and doc is not None and doc["reading_time"]["wpm"] == 250.5,
      str(doc and doc["reading_time"]))

# --------------------------------------------------------------------------
# --detail

code, doc, err, _ = run_json(["--json", "--detail", SHORT])
if check("short.txt --json --detail: valid JSON, exit 0", code == 0 and doc is not None, err):
    check("--detail adds sentences and words last", list(doc) == TOP_KEYS + ["sentences", "words"],
          str(list(doc)))
    sents = doc.get("sentences", [])
    check("4 sentences", len(sents) == 4, str(len(sents)))
    for i, (want_text, want_words, want_syl, want_grade) in enumerate(SHORT_SENTENCES):
        if i >= len(sents):
            break
        s = sents[i]
        check(f"sentence {i + 1}: text, words, syllables, grade",
              list(s) == ["text", "block", "start", "end", "words", "syllables", "grade"]
              and s["text"] == want_text and s["words"] == want_words
              and s["syllables"] == want_syl and s["grade"] == want_grade, json.dumps(s))
        check(f"sentence {i + 1}: [start, end) is its text",
              collapse(SHORT_BYTES[s["start"]:s["end"]].decode()) == want_text,
              repr(SHORT_BYTES[s["start"]:s["end"]]))
    words = doc.get("words", [])
    check("36 words with their syllables, all plain (no kind key)",
          [(w.get("text"), w.get("syllables")) for w in words] == SHORT_WORD_SYLLABLES
          and all(list(w) == ["text", "syllables"] for w in words),
          json.dumps(words)[:400])

code, out, err = run(["--detail", SHORT])
human = out.decode("utf-8")
check("human --detail lists each sentence with its grade",
      code == 0 and all(re.search(re.escape(t) + r"\s+" + str(n) + r"\s+" + f"{g:.1f}", human)
                        for t, n, _, g in SHORT_SENTENCES), human[-600:])

# --------------------------------------------------------------------------
# Human report

code, out, err = run([SHORT])
human = out.decode("utf-8")
lines = human.splitlines()
check("short.txt human report: exit 0, no stderr", code == 0 and err == "", f"exit {code} {err!r}")
check("human report names the source", SHORT in lines[0] if lines else False, lines[:1])
check("human report: reading time line",
      "1 min read (9 s at 238 wpm)" in human, human[:300])
check("human report: Flesch Reading Ease 94.3, very easy",
      re.search(r"Flesch Reading Ease\s+94\.3\s+very easy", human) is not None)
check("human report: Flesch-Kincaid 2.3, grade 2",
      re.search(r"Flesch-Kincaid Grade\s+2\.3\s+grade 2\b", human) is not None)
check("human report: counts", re.search(r"Words\s+36\b", human) is not None
      and re.search(r"Sentences\s+4\b", human) is not None
      and re.search(r"Syllables\s+44\b", human) is not None
      and re.search(r"Paragraphs\s+2\b", human) is not None)
check("human report: no trailing blanks", all(l == l.rstrip() for l in lines))


def check_width(label, args):
    code, out, err = run(args)
    text = out.decode("utf-8", "replace")
    wide = [l for l in text.splitlines() if display_width(l) > 80]
    check(f"{label}: exit 0 and every line <= 80 columns",
          code == 0 and text != "" and not wide, f"exit {code}, {err!r}, {wide[:3]}")
    return text


article_human = check_width("article.txt human report", [ARTICLE])
check_width("article.txt human report --detail", ["--detail", ARTICLE])
sections_human = check_width("sections.txt human report", [SECTIONS])
check("sections.txt human report lists the three headings",
      all(re.search(r"^\s+" + re.escape(h) + r"\s+\d", sections_human, re.M)
          for h in ["Growing Tomatoes on a Balcony", "Choosing a pot", "Daily care"]),
      sections_human)

# Headings in scripts of other widths: a heading wider than the table's
# column must be cut with an ellipsis, and wide (CJK) characters must still
# leave every line within 80 columns.
LONG_HEADING = ("Überraschende Ergebnisse der großen Bürgerbefragung über "
                "Straßenbahnen und Fähren")
intl = make_file("international.txt", (
    "Über die Brücke nach Zürich\n\n"
    "Die Fähre fährt jeden Morgen. Sie ist pünktlich und sauber.\n\n"
    "東京の新しい図書館\n\n"
    "The new library in Tokyo opens next month. Everyone is welcome.\n\n"
    + LONG_HEADING + "\n\n"
    "We stopped for coffee on the way home, and it was very good indeed.\n").encode())
intl_human = check_width("non-ASCII headings human report", [intl])
check_width("non-ASCII headings human report --detail", ["--detail", intl])
check("a too-wide heading is cut with an ellipsis",
      any(l.strip().startswith("Überraschende Ergebnisse") and "\u2026" in l
          for l in intl_human.splitlines()), intl_human)
check("a CJK heading keeps the numbers aligned",
      any(l.strip().startswith("東京の新しい図書館")
          and display_width(l) == display_width(next(
              x for x in intl_human.splitlines() if x.startswith("Sections")))
          for l in intl_human.splitlines()), intl_human)

# --------------------------------------------------------------------------
# sections.txt structure

code, doc, err, _ = run_json(["--json", SECTIONS])
if check("sections.txt --json: valid, exit 0", code == 0 and doc is not None, err):
    headed = [s["heading"] for s in doc["sections"] if s["heading"] is not None]
    check("sections.txt: sections are the three headings",
          headed == ["Growing Tomatoes on a Balcony", "Choosing a pot", "Daily care"], str(headed))
    kinds = [b["kind"] for b in doc["blocks"]]
    items = [b["text"] for b in doc["blocks"] if b["kind"] == "list_item"]
    check("sections.txt: three list items",
          len(items) == 3 and items[0].endswith("a bag of good potting mix")
          and items[2].endswith("a watering can with a fine rose"), str(items))
    check("sections.txt: headings are heading blocks with a level",
          kinds.count("heading") == 3
          and all(isinstance(b.get("level"), int) and b["level"] >= 1
                  for b in doc["blocks"] if b["kind"] == "heading"), str(kinds))
    check("sections.txt: 'You will also need:' is not a heading",
          any(b["text"] == "You will also need:" and b["kind"] == "paragraph"
              for b in doc["blocks"]), str(kinds))
    check("sections.txt: section words add up to the total",
          sum(s["counts"]["words"] for s in doc["sections"]) == doc["counts"]["words"])

# --------------------------------------------------------------------------
# article.txt: the page shape

code, doc, err, _ = run_json(["--json", ARTICLE])
if check("article.txt --json: valid, exit 0, no stderr",
         code == 0 and doc is not None and err == "", err):
    kinds_by_text = {b["text"].strip(): b["kind"] for b in doc["blocks"]}
    # Roles (title, byline, boilerplate) come with the structure work; the
    # plain-text block kinds are pinned here.
    check("article.txt: the headline is a heading block",
          kinds_by_text.get("Night Ferry Returns to Harbor City After Twelve Years") == "heading",
          str(list(kinds_by_text.items())[:6]))
    check("article.txt: link-list lines are list items",
          sum(1 for b in doc["blocks"] if b["kind"] == "list_item") >= 10,
          str([b["kind"] for b in doc["blocks"]]))
    check("article.txt: the story's 414 words are counted (at least)",
          doc["counts"]["words"] >= 414, str(doc["counts"]["words"]))
    check("article.txt: every score defined", all(v is not None for v in doc["readability"].values()),
          str(doc["readability"]))

# --------------------------------------------------------------------------
# Empty input

empty = make_file("empty.txt", b"")
code, doc, err, _ = run_json(["--json", empty])
if check("empty file --json: exit 0, valid JSON, no stderr",
         code == 0 and doc is not None and err == "", f"{code} {err!r}"):
    check("empty file: every count is 0", doc["counts"] == {k: 0 for k in COUNT_KEYS},
          str(doc["counts"]))
    check("empty file: every score is null",
          doc["readability"] == {k: None for k in SCORE_KEYS}, str(doc["readability"]))
    check("empty file: reading time 0 s, 0 min",
          doc["reading_time"]["seconds"] == 0 and doc["reading_time"]["minutes"] == 0,
          str(doc["reading_time"]))
    check("empty file: no blocks", doc["blocks"] == [], str(doc["blocks"]))
code, out, err = run([empty])
check("empty file human report: exit 0, scores n/a",
      code == 0 and re.search(r"Flesch Reading Ease\s+n/a", out.decode()) is not None,
      out.decode()[:400])

# --------------------------------------------------------------------------
# Inputs that are not text, or not there

missing = os.path.join(TMP, "no-such-file.txt")
nul = make_file("nul.txt", b"Some text\x00with a NUL byte.\n")
utf16 = make_file("utf16.txt", "Hello world. This is UTF-16.\n".encode("utf-16"))

code, out, err = run([missing])
check("missing file: exit 3, message on stderr, nothing on stdout",
      code == 3 and out == b""
      and err == f"readstat: {missing}: No such file or directory\n", f"exit {code}, {err!r}")
code, out, err = run([TMP])
check("directory: exit 3, 'Is a directory'",
      code == 3 and err == f"readstat: {TMP}: Is a directory\n", f"exit {code}, {err!r}")
code, out, err = run([nul])
check("NUL byte: exit 3, 'binary file (contains NUL bytes)'",
      code == 3 and err == f"readstat: {nul}: binary file (contains NUL bytes)\n",
      f"exit {code}, {err!r}")
code, out, err = run([utf16])
check("UTF-16: exit 3, one message naming UTF-16",
      code == 3 and len(stderr_lines(err)) == 1
      and err.startswith(f"readstat: {utf16}: ") and "UTF-16" in err, f"exit {code}, {err!r}")

code, out, err = run([missing, SHORT, nul, utf16, SECTIONS])
human = out.decode("utf-8")
check("bad inputs among good ones: exit 3, good ones still printed",
      code == 3 and human.count("Flesch Reading Ease") == 2
      and SHORT in human and SECTIONS in human and len(stderr_lines(err)) == 3,
      f"exit {code}, {err!r}")

# NDJSON: one line per input, an error line for a bad one.
code, out, err = run(["--json", SHORT, missing, SECTIONS, nul])
lines = out.decode("utf-8").split("\n")
check("NDJSON: exit 3, exactly one line per input", code == 3 and len(lines) == 5
      and lines[-1] == "", f"exit {code}, {len(lines)} pieces")
try:
    objs = [json.loads(l) for l in lines[:-1]]
except ValueError as exc:
    objs = []
    check("NDJSON: every line is JSON", False, str(exc))
if len(objs) == 4:
    check("NDJSON line 1: short.txt counts",
          objs[0]["source"] == SHORT and objs[0]["counts"]["words"] == 36)
    check("NDJSON line 2: error line for the missing file",
          objs[1] == {"source": missing, "error": "No such file or directory"}, str(objs[1]))
    check("NDJSON line 3: sections.txt", objs[2].get("source") == SECTIONS)
    check("NDJSON line 4: error line for the NUL file",
          objs[3] == {"source": nul, "error": "binary file (contains NUL bytes)"}, str(objs[3]))
    check("NDJSON lines are compact", all(": " not in l[:40] for l in lines[:-1]))

# --------------------------------------------------------------------------
# stdin

code, doc, err, _ = run_json(["--json", "-"], stdin=SHORT_BYTES)
check("stdin via '-': source '-', same counts",
      code == 0 and doc is not None and doc["source"] == "-"
      and doc["counts"] == json.loads(run(["--json", SHORT])[1])["counts"], f"{code} {err!r}")
code, doc, err, _ = run_json(["--json"], stdin=SHORT_BYTES)
check("stdin without FILE: same counts",
      code == 0 and doc is not None and doc["counts"]["words"] == 36
      and doc["counts"]["sentences"] == 4, f"{code} {err!r}")
code, out, err = run([], stdin=SHORT_BYTES)
check("stdin human report names <stdin>", code == 0 and "<stdin>" in out.decode().splitlines()[0],
      out[:100])

# --------------------------------------------------------------------------
# Encodings and line ends

crlf = make_file("crlf.txt", SHORT_BYTES.replace(b"\n", b"\r\n"))
code, doc, err, _ = run_json(["--json", "--detail", crlf])
check("CRLF line ends: same counts as LF",
      code == 0 and doc is not None
      and {k: doc["counts"][k] for k in SHORT_COUNTS} == SHORT_COUNTS, str(doc and doc["counts"]))
check("CRLF line ends: same sentence texts",
      doc is not None and [s["text"] for s in doc.get("sentences", [])]
      == [s[0] for s in SHORT_SENTENCES])

# Two unambiguous invalid sequences: a lone lead byte (E9 before a space) and
# FF, which never occurs in UTF-8.
bad_utf8 = make_file("latin1.txt", b"Caf\xe9 au lait is good. The \xff sign is odd.\n")
code, doc, err, raw = run_json(["--json", bad_utf8])
check("invalid UTF-8: exit 0, valid JSON", code == 0 and doc is not None, f"{code} {err!r}")
check("invalid UTF-8: exactly one warning with the count",
      err == f"readstat: {bad_utf8}: 2 invalid UTF-8 sequence(s) replaced by U+FFFD\n", repr(err))
if doc is not None:
    check("invalid UTF-8: warnings.invalid_utf8 == 2, U+FFFD in block text",
          doc.get("warnings") == {"invalid_utf8": 2}
          and "Caf\ufffd au lait" in doc["blocks"][0]["text"], str(doc.get("warnings")))
    check("invalid UTF-8: warnings key after blocks",
          list(doc)[-1] == "warnings", str(list(doc)))

# Overlong forms, a surrogate, stray continuation bytes and a sequence cut
# by the end of the file: the JSON must stay strictly valid UTF-8.
nasty = make_file("nasty.txt",
                  b"Over \xc0\xaf long. Sur \xed\xa0\x80 gate. Stray \x80\xbf bytes. "
                  b"Big \xf4\x90\x80\x80 one. Cut \xe2\x82")
code, doc, err, _ = run_json(["--json", "--detail", nasty])
check("malformed UTF-8 of every kind: valid JSON and exactly one warning",
      code == 0 and doc is not None and len(stderr_lines(err)) == 1
      and "invalid UTF-8 sequence(s) replaced by U+FFFD" in err, f"{code} {err!r}")
code, out, err = run([nasty])
check("malformed UTF-8: human report is valid UTF-8",
      code == 0 and out.decode("utf-8", "strict") is not None)

# Random malformed UTF-8 inside a paragraph: the block text must equal
# Python's own decoding with U+FFFD for each maximal ill-formed subpart
# (Unicode's recommended practice), and the warning count must match.
rnd = random.Random(20240601)
pool = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED,
        0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x41, 0x62]
mismatches = []
for _ in range(40):
    middle = bytes(rnd.choice(pool) for _ in range(rnd.randint(1, 12)))
    data = b"Start " + middle + b" end.\n"
    want = data[:-1].decode("utf-8", "replace")
    code, doc, err, _ = run_json(["--json", "-"], stdin=data)
    got = doc["blocks"][0]["text"] if doc and doc["blocks"] else None
    count = doc.get("warnings", {}).get("invalid_utf8", 0) if doc else None
    if code != 0 or got != want or count != want.count("\ufffd"):
        mismatches.append((middle.hex(), got, want, count))
check("random malformed UTF-8: U+FFFD per maximal subpart, counted",
      not mismatches, str(mismatches[:3]))

# JSON escaping: quotes, backslashes, tabs and control characters survive a
# round trip through the block text.
tricky_text = 'He said "go\\stop"\tnow.\x01 Then\x1f he left.'
tricky = make_file("tricky.txt", tricky_text.encode() + b"\n")
code, doc, err, raw = run_json(["--json", tricky])
check("escaping: block text round-trips exactly",
      code == 0 and doc is not None and doc["blocks"]
      and doc["blocks"][0]["text"] == tricky_text, raw[:300])
check("escaping: control characters written as \\u00XX",
      b"\\u0001" in raw and b"\\u001f" in raw and b"\\t" in raw)

# Larger than the 64 KiB read chunk: chunk edges fall inside words and
# inside multi-byte characters, and the counts must not change.
repeats = 3000
para = "The old mill stood by the river for many years. Don\u2019t we know it well?\n\n"
big = make_file("big.txt", (para * repeats).encode())
code, doc, err, _ = run_json(["--json", big])
# Per copy: 10 + 5 words, 12 + 5 syllables (know, it, well, we, Don't: 1 each),
# 2 sentences, 1 paragraph.
check("input larger than one read chunk: exact counts",
      code == 0 and doc is not None
      and doc["counts"]["words"] == 15 * repeats
      and doc["counts"]["syllables"] == 17 * repeats
      and doc["counts"]["sentences"] == 2 * repeats
      and doc["counts"]["paragraphs"] == repeats,
      str(doc and doc["counts"]))

# --------------------------------------------------------------------------
# Output errors

# A reader that goes away: no error message.
proc = subprocess.Popen([READSTAT, "--json"] + [ARTICLE] * 200,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.stdout.read(10)
proc.stdout.close()
err = proc.stderr.read().decode()
status = proc.wait(timeout=120)
check("closed stdout: quiet exit (SIGPIPE or status 141), nothing on stderr",
      err == "" and status in (-signal.SIGPIPE, 141), f"status {status}, {err!r}")

if os.path.exists("/dev/full"):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([READSTAT, ARTICLE, SECTIONS], stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    err = proc.stderr.decode()
    check("write error: non-zero exit, reported once",
          proc.returncode != 0 and len(stderr_lines(err)) == 1 and "write error" in err,
          f"exit {proc.returncode}, {err!r}")

# --------------------------------------------------------------------------
# --extract, --format, --meta, --all

code, out, err = run(["--extract", SHORT])
check("--extract short.txt: the two paragraphs, a blank line between",
      code == 0 and out.decode() == (
          "The old mill stood by the river for many years. Each morning,  a baker went there"
          " to buy grain. Why don't we visit it today?\n\nIt is a well-known place, and the"
          " water is still clean.\n"), repr(out))
code, doc, err, _ = run_json(["--extract", "--json", "--meta", "author=Ann Lee", SHORT])
check("--extract --json: metadata, the text and its word count",
      code == 0 and doc is not None and list(doc) == ["readstat", "source", "format", "language",
                                                       "meta", "text", "words"]
      and doc["meta"] == {"author": "Ann Lee"} and doc["words"] == 36
      and doc["text"].startswith("The old mill"), str(doc))
# Past 1 MiB --extract streams: the blocks come window by window and their
# text is spooled (past 1 MiB of it, in a temporary file). With --all every
# block is main content, so the text is every paragraph, as written.
extract_paragraphs = [f"Paragraph {i} tells how the mill by the river ground the grain."
              for i in range(30000)]
extract_paragraphs.insert(15000, " ".join(["the water runs on and on"] * 20000))  # 500 KB, in pieces
extract_path = make_file("long.txt", "\n\n".join(extract_paragraphs).encode() + b"\n")
code, out, err = run(["--extract", "--all", extract_path])
check("--extract --all of 2.4 MB: every paragraph, blank lines between, in bounded memory",
      code == 0 and out.decode() == "\n\n".join(extract_paragraphs) + "\n",
      f"exit {code}, {len(out)} bytes, {err[:200]}")
code, doc, err, _ = run_json(["--extract", "--json", "--all", extract_path])
code2, figures, err2, _ = run_json(["--json", "--all", extract_path])
check("--extract --json --all of 2.4 MB: the same text, and the streamed figures' words",
      code == 0 and code2 == 0 and doc["text"] == "\n\n".join(extract_paragraphs)
      and doc["words"] == figures["counts"]["words"] == 12 * 30000 + 6 * 20000,
      f"exit {code}, {err[:200]}")
code, out, err = run(["--extract", "--all", extract_path, extract_path])
one = "\n\n".join(extract_paragraphs) + "\n"
check("--extract of two long files: each text once, a line between them",
      code == 0 and out.decode() == one + "\n" + one, f"exit {code}, {len(out)} bytes")
proc = subprocess.run([READSTAT, "--extract", "--all", extract_path], capture_output=True,
                      timeout=120, env=dict(os.environ, TMPDIR=os.path.join(TMP, "no-such-dir")))
check("--extract with nowhere to spool its text: exit 1, the reason, no partial text",
      proc.returncode == 1 and proc.stdout == b""
      and b"the extracted text could not be kept: No such file or directory" in proc.stderr,
      f"exit {proc.returncode}, {proc.stderr[:200]!r}")
with open(extract_path, "ab") as f:
    f.write(b"A NUL at the end\0")
code, out, err = run(["--extract", extract_path])
check("--extract of a long file that turns out binary: exit 3 and no text",
      code == 3 and out == b"" and "binary file" in err, f"exit {code}, {len(out)} bytes")
os.unlink(extract_path)

code, doc, err, _ = run_json(["--json", "--meta", "title=Set Here", "--meta", "x=1=2", SHORT])
check("--meta key=value pairs reach the JSON, in order, value may hold '='",
      code == 0 and doc["meta"] == {"title": "Set Here", "x": "1=2"}, str(doc and doc["meta"]))
code, out, err = run(["--meta", "novalue", SHORT])
check("--meta without '=': usage error", code == 2 and "key=value" in err, err)
code, out, err = run(["--format", "pdf", SHORT])
check("--format pdf: usage error", code == 2 and "--format" in err, err)
for fmt in ("text", "auto"):
    code, doc, err, _ = run_json(["--json", "--format", fmt, SHORT])
    check(f"--format {fmt}: short.txt reads as text",
          code == 0 and doc["format"] == "text" and doc["counts"]["words"] == 36, str(doc and doc["format"]))
code, doc, err, _ = run_json(["--json", "--all", SHORT])
check("--all: page and main figures agree when every block is content",
      code == 0 and doc["counts"] == doc["page"]["counts"], str(doc and doc["counts"]))
code, doc, err, _ = run_json(["--json", ARTICLE])
check("page counts are never smaller than the main counts",
      code == 0 and all(doc["page"]["counts"][k] >= doc["counts"][k] for k in doc["counts"]),
      str(doc and doc["page"]["counts"]))

# --------------------------------------------------------------------------
# -o FILE: written whole or not at all

outdir = tempfile.mkdtemp(prefix="readstat-out-")
target = os.path.join(outdir, "report.json")
code, out, err = run(["-o", target, "--json", SHORT])
_, direct, _ = run(["--json", SHORT])
check("-o FILE: the report is in FILE, as on stdout, nothing on stdout",
      code == 0 and out == b"" and open(target, "rb").read() == direct, err)
check("-o FILE: no temporary file is left", os.listdir(outdir) == ["report.json"],
      str(os.listdir(outdir)))
code, out, err = run(["-o", os.path.join(outdir, "missing", "x.json"), SHORT])
check("-o into a missing directory: exit 1 with the reason", code == 1 and "cannot create" in err,
      err)
interrupted = os.path.join(outdir, "interrupted.json")
proc = subprocess.Popen([READSTAT, "-o", interrupted, "--json", "-"], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.stdin.write(b"The first half of a report that never ends.\n")
proc.stdin.flush()
time.sleep(0.3)
proc.send_signal(signal.SIGTERM)
proc.wait(timeout=30)
proc.stdin.close()
proc.stdout.close()
proc.stderr.close()
check("-o and SIGTERM mid-run: no report and no temporary file",
      not os.path.exists(interrupted) and os.listdir(outdir) == ["report.json"],
      str(os.listdir(outdir)))
shutil.rmtree(outdir)

# --------------------------------------------------------------------------
# Streaming: past 1 MiB, an input whose output lists no blocks is read in
# bounded memory (RS_OPT_STREAM); the figures are still every block's.

with open(ARTICLE, "rb") as f:
    article_bytes = f.read().rstrip(b"\n") + b"\n\n"
long_text = article_bytes * (3 * 1024 * 1024 // len(article_bytes))  # 3 MiB
code, streamed, err, _ = run_json(["--json", "--format", "text", "-"], stdin=long_text)
code_full, full, err_full, _ = run_json(["--json", "--detail", "--format", "text", "-"],
                                        stdin=long_text)
check("a long input streams: no blocks, the count of sections left out",
      code == 0 and streamed is not None and "blocks" not in streamed
      and streamed.get("sections_truncated", 0) > 0, err[:300])
check("a long input streams: the page figures are every block's",
      code_full == 0 and streamed is not None and full is not None
      and streamed["page"] == full["page"] and "blocks" in full,
      f"{streamed and streamed['page']['counts']} vs {full and full['page']['counts']}")
check("a long input streams: the first 1024 sections, with their headings",
      streamed is not None and len(streamed["sections"]) == 1024
      and streamed["sections"][0] == full["sections"][0]
      and any(s["heading"] for s in streamed["sections"]),
      str(streamed and streamed["sections"][:2]))
check("a long input streams: title and byline from its start",
      streamed is not None and streamed["meta"] == full["meta"],
      f"{streamed and streamed['meta']} vs {full and full['meta']}")
code, out, err = run(["--format", "text", "-"], stdin=long_text)
check("a long input streams in the table too",
      code == 0 and b"Night Ferry Returns" in out and b"Reading time" in out, err[:300])
code, doc, err, _ = run_json(["--json", "--format", "text", "-"], stdin=long_text[:500000])
check("an input under 1 MiB keeps its blocks", code == 0 and doc and "blocks" in doc
      and "sections_truncated" not in doc, err[:300])

# HTML too: many windows of articles, then one paragraph longer than a window
paragraphs = [p.replace(b"\n", b" ") for p in article_bytes.split(b"\n\n") if p.strip()]
html_article = b"<article><h1>" + paragraphs[0] + b"</h1>" + b"".join(
    b"<p>" + p + b"</p>" for p in paragraphs[1:]) + b"</article>"
long_html = (b"<html><head><title>Night Ferry Returns</title></head><body>"
             + html_article * (2 * 1024 * 1024 // len(html_article))
             + b"<p>" + b" ".join(paragraphs[1:]) * 200 + b"</p></body></html>")
code, streamed, err, _ = run_json(["--json", "--format", "html", "-"], stdin=long_html)
code_full, full, err_full, _ = run_json(["--json", "--detail", "--format", "html", "-"],
                                        stdin=long_html)
check("a long HTML input streams: no blocks, the page figures are every block's",
      code == 0 and code_full == 0 and streamed is not None and full is not None
      and "blocks" not in streamed and "blocks" in full and streamed["page"] == full["page"],
      f"{streamed and streamed['page']['counts']} vs {full and full['page']['counts']} {err[:300]}")
check("a long HTML input streams: its metadata from the head",
      streamed is not None and streamed["meta"].get("title") == "Night Ferry Returns",
      str(streamed and streamed["meta"]))

# --------------------------------------------------------------------------
# A file of over 1 MiB is read from its mapping, in place; stdin is read()
# into the analyzer's buffer.  Both give one report.

with open(os.path.join(EXAMPLES, "article.txt"), "rb") as f:
    article = f.read()
as_html = b"".join(b"<p>" + p + b"</p>\n" for p in article.split(b"\n\n"))
for fmt, unit in (("text", article), ("markdown", b"## A section\n\n" + article + b"\n\n"),
                  ("html", b"<article><h2>A section</h2>" + as_html + b"</article>\n")):
    path = make_file("mapped." + fmt, unit * ((3 << 20) // len(unit)))
    code, mapped, err, _ = run_json(["--json", "--format", fmt, path])
    code_in, piped, err_in, _ = run_json(["--json", "--format", fmt, "-"], open(path, "rb").read())
    for doc in (mapped, piped):
        if doc:
            doc.pop("source", None)
    check(f"a 3 MB {fmt} file from its mapping gives the report of the same bytes through stdin",
          code == 0 and code_in == 0 and mapped is not None and mapped == piped,
          f"exit {code}/{code_in} {err[:200]} {err_in[:200]}")
    os.unlink(path)

# md4c reads a byte past a document that ends "* item" then "2": for a
# mapped file that ends at a page's end, past the mapping.
with open(os.path.join(EXAMPLES, "article.txt"), "rb") as f:
    article = f.read()
ending = b"\n\n* item\n2"
page_end = (article * ((2 << 20) // len(article) + 1))[:(2 << 20) - len(ending)] + ending
path = make_file("page-end.md", page_end)
code, doc, err, _ = run_json(["--json", path])
check("a 2 MiB Markdown file ending at a page's end, in an unbroken line: a report",
      code == 0 and doc is not None and doc["counts"]["words"] > 300000, f"exit {code} {err[:200]}")
os.unlink(path)

# --------------------------------------------------------------------------
# Files that grow, shrink or vanish while they are read: a clean end, never a crash

scratch = tempfile.mkdtemp(prefix="readstat-live-")
fifo = os.path.join(scratch, "growing")
os.mkfifo(fifo)
proc = subprocess.Popen([READSTAT, "--json", fifo], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
with open(fifo, "wb") as w:
    w.write(b"One. ")
    w.flush()
    time.sleep(0.3)
    w.write(b"Two words.\n")
out, err = proc.communicate(timeout=60)
check("a file that grows while it is read: everything written is counted",
      proc.returncode == 0 and json.loads(out)["counts"]["sentences"] == 2, err.decode())



def mapped_by(proc, path, seconds=20):
    """Whether proc maps path, waiting up to seconds for it to."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/maps") as maps:
                if any(line.rstrip("\n").endswith(" " + path) for line in maps):
                    return True
        except OSError:
            return False
        time.sleep(0.001)
    return False


big = os.path.join(scratch, "big.txt")
for action in ("vanishes", "shrinks"):
    with open(big, "wb") as w:
        w.write(b"A sentence of several words goes here. " * 500000)  # 19.5 MB
    proc = subprocess.Popen([READSTAT, "--json", big], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if action == "vanishes":
        time.sleep(0.05)
        os.unlink(big)
    else:
        # a file this large is read from its mapping: cut it while it is mapped
        check("a file of megabytes is mapped, not copied", mapped_by(proc, big))
        os.truncate(big, 1000)
    out, err = proc.communicate(timeout=300)
    if action == "shrinks":
        check("a mapped file that shrinks while it is read: exit 3 and the reason",
              proc.returncode == 3 and out == b""
              and err == f"readstat: {big}: the file was truncated while it was being read\n"
              .encode(), f"exit {proc.returncode}, {err[:200]!r}")
    ok = proc.returncode in (0, 3) and proc.returncode > -1
    if proc.returncode == 0:
        ok = ok and json.loads(out)["counts"]["words"] >= 0
    else:
        ok = ok and b"" == out and err.startswith(b"readstat: ")
    check(f"a file that {action} while it is read: a report of what was read, or a clear error",
          ok, f"exit {proc.returncode}, {err[:200]!r}")
shutil.rmtree(scratch)

# --------------------------------------------------------------------------
# Streaming in bounded memory: 32 MB of each of the shapes that once made the
# analyzer hold its input (bench/README.md, "Streaming in bounded memory"),
# piped through stdin; the peak RSS as bench/peak.c measures it (a child of
# this script would start from this script's RSS).  A sanitizer build's
# shadow memory would swamp the figure, so it is not asked there.


def peak_kib_through_stdin(args, chunks):
    report_r, report_w = os.pipe()
    proc = subprocess.Popen([PEAK, READSTAT] + args, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            close_fds=False, preexec_fn=lambda: os.dup2(report_w, 3))
    os.close(report_w)
    for chunk in chunks:
        proc.stdin.write(chunk)
    proc.stdin.close()
    code = proc.wait(timeout=120)
    report = os.read(report_r, 256).decode().split()
    os.close(report_r)
    return code, int(report[0]) if report else -1


def shape_chunks(head, unit, total=32 << 20):
    yield head
    block = unit * max(1, (1 << 20) // len(unit))
    for _ in range(total // len(block)):
        yield block


def base64_lines(total=32 << 20):
    import base64
    rng = random.Random(5)
    yield b"Attachment\n\n"
    for _ in range(total // (1 << 20)):
        yield base64.encodebytes(rng.randbytes(3 << 18))


with open(READSTAT, "rb") as binary:
    sanitized = b"__asan_init" in binary.read()
if PEAK and not sanitized:
    cjk = "我们今天去公园散步。天气很好，阳光明媚。".encode()
    shapes = [
        ("text: base64 lines after a title", ["--format", "text"], base64_lines()),
        ("text: one line of CJK text", ["--format", "text"], shape_chunks(b"", cjk)),
        ("text: capitals, no lower-case word", ["--format", "text"],
         shape_chunks(b"", b"HELLO WORLD AND MORE ")),
        ("html: one <p> of CJK text", ["--format", "html"],
         shape_chunks(b"<html><body><p>", cjk)),
        ("html: an inline script of 32 MB", ["--format", "html"],
         shape_chunks(b"<html><head><script>var state = '", b"abcdefghij" * 8)),
        ("html: a comment never closed", ["--format", "html"],
         shape_chunks(b"<html><body><p>Text.</p><!-- ", b"old markup -- kept - here! > ")),
        ("html: tags with long attributes", ["--format", "html"],
         shape_chunks(b"<html><body>", b'<div class="' + b"wrapper-and-more " * 12
                      + b'" title="a title"><p>Some text in it.</p></div>\n')),
        ("html: an image inlined as one data URI", ["--format", "html"],
         shape_chunks(b'<html><body><p>Text.</p><img src="data:image/png;base64,',
                      b"iVBORw0KGgoAAAANSUhEUgAA")),
        ("html: a tag of 200 KB, then paragraphs", ["--format", "html"],
         shape_chunks(b'<html><body><div title="' + b"x" * 200000 + b'">',
                      b"<p>The river flows past the mill and the town.</p>\n")),
        ("html: a quote in an unquoted value, no quote after it", ["--format", "html"],
         shape_chunks(b'<html><body><span data-v=q"r id=x>a</span>',
                      b"<p>The river flows past the mill and the town.</p>\n")),
        ("text: a letter, then one line of CJK text", ["--format", "text"],
         shape_chunks(b"A", cjk)),
        ("text: a title, then blank lines", ["--format", "text"],
         shape_chunks(b"A Title\n\n", b"\n")),
        ("markdown: one line of dots", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b".")),
        ("markdown: a title, then blank lines", ["--format", "markdown"],
         shape_chunks(b"# Title\n\nSome words.\n", b"\n")),
        ("markdown: quotes nested millions deep", ["--format", "markdown"],
         shape_chunks(b"", b"> ")),
        # md4c's own memory, which the library's allocator does not see:
        # a piece holds so many marks (a line of '[' peaked at 17 MiB) and
        # lines (21 MiB); a line of backslashes was never cut (356 MiB)
        ("markdown: one line of '['", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b"[")),
        ("markdown: lines of '['", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b"[\n")),
        ("markdown: a fence of one-letter lines", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n```\n", b"a\n")),
        ("markdown: one line of backslashes", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b"\\")),
        # a window that starts inside such a line took no cut but at its
        # piece's most bytes, past the marks a piece may hold (17.6 MiB)
        ("markdown: one line of '[]'", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b"[]")),
        ("markdown: one line of '&['", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n", b"&[")),
        # one line in a fence has no line start to cut before (4 MiB: 143 MiB)
        ("markdown: a fence of one line of '<'", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n```\n", b"<")),
        # nor a line of the fence's own character anywhere but where its
        # rest could close the fence (8 MiB: 290 MiB)
        ("markdown: a fence of one line of backticks", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n```\nx", b"`")),
        ("markdown: an HTML block of one line of words", ["--format", "markdown"],
         shape_chunks(b"# Title\n\n<div>\n", b"a ")),
        ("html: <div> nested millions deep", ["--format", "html"],
         shape_chunks(b"<html><body>", b"<div>a ")),
        ("html: entities alone", ["--format", "html"],
         shape_chunks(b"<html><body><p>", b"&amp;")),
        # libxml2 waits at an '&' for one of "; >/" (an '&' alone held
        # 52 MiB at 16 MB, "a&b" 49 MiB at 8)
        ("html: '&' alone", ["--format", "html"], shape_chunks(b"<html><body><p>", b"&")),
        ("html: \"a&b\" run together", ["--format", "html"],
         shape_chunks(b"<html><body><p>", b"a&b")),
        # markup libxml2 holds until its '>' (or a script until a "</")
        ("html: a script whose body says a<b", ["--format", "html"],
         shape_chunks(b"<html><body><script>", b"if (a<b) go(); ")),
        ("html: an end tag with no '>'", ["--format", "html"],
         shape_chunks(b"<html><body><p>", b"</b a ")),
        ("html: a processing instruction with no '>'", ["--format", "html"],
         shape_chunks(b"<html><body><p>", b"<?a ")),
        ("html: a declaration with no '>'", ["--format", "html"],
         shape_chunks(b"", b"<!DOCTYPE a ")),
        ("html: a declaration whose quote never closes", ["--format", "html"],
         shape_chunks(b"<!DOCTYPE a '>", b"x ")),
    ]
    for name, args, chunks in shapes:
        code, kib = peak_kib_through_stdin(["--json"] + args + ["-"], chunks)
        check(f"32 MB through stdin, {name}: exit 0, peak RSS under 16 MiB",
              code == 0 and 0 < kib < 16 * 1024, f"exit {code}, {kib} KiB")

    # --extract streams too: its text is spooled, not held
    for fmt, head, unit in (("text", b"A Title\n\n", article),
                            ("markdown", b"# A Title\n\n", article),
                            ("html", b"<html><body><article>",
                             b"<p>" + article.replace(b"\n\n", b"</p><p>") + b"</p>")):
        for extra in ([], ["--json"]):
            code, kib = peak_kib_through_stdin(["--extract", "--format", fmt] + extra + ["-"],
                                               shape_chunks(head, unit))
            check(f"32 MB of {fmt} through stdin, --extract {' '.join(extra)}: exit 0, "
                  "peak RSS under 16 MiB", code == 0 and 0 < kib < 16 * 1024,
                  f"exit {code}, {kib} KiB")
    # ...and so is one block of 32 MB: its text is handed over a megabyte at
    # a time (a line of words kept 39 MiB of it)
    for name, fmt, head, unit in (
            ("one line of words", "text", b"A Title\n\n", b"word and more words here "),
            ("one line of prose", "text", b"A Title\n\n", article.replace(b"\n", b" ")),
            ("a line without a space", "text", b"A Title\n\n", b"x"),
            ("one line of words", "markdown", b"# A Title\n\n", b"word and more words here "),
            ("one paragraph of words", "html", b"<html><body><p>", b"word and more words here ")):
        code, kib = peak_kib_through_stdin(["--extract", "--format", fmt, "-"],
                                           shape_chunks(head, unit))
        check(f"32 MB of {fmt}, {name}, through stdin, --extract: exit 0, peak RSS under 16 MiB",
              code == 0 and 0 < kib < 16 * 1024, f"exit {code}, {kib} KiB")

    # In a container, or after a mark, a cut inside a line of '[' was
    # refused short of a piece's most bytes, and md4c kept some 70 bytes for
    # each of its first piece's 128 KiB; read from a file, whose mapped
    # pages add to it, that passed 16 MiB (16,656, 16,688 and 16,544 KiB)
    for name, head in (("a quote", b"# Title\n\n> "),
                       ("a table's cell", b"# Title\n\n| a |\n|---|\n| "),
                       ("an image's text", b"# Title\n\n![")):
        path = make_file("container.md", head + b"[" * (32 << 20))
        code, kib = peak_kib_through_stdin(["--json", path], [])
        check(f"a 32 MB file of one line of '[' in {name}: exit 0, peak RSS under 16 MiB",
              code == 0 and 0 < kib < 16 * 1024, f"exit {code}, {kib} KiB")
        os.unlink(path)

    # A large file is lent to the analyzer from its mapping, whose pages are
    # released as the analysis passes them: they must not add up.
    mapped_file = make_file("mapped.txt", article * ((64 << 20) // len(article)))
    code, kib = peak_kib_through_stdin(["--json", mapped_file], [])
    check("a 64 MB file, read from its mapping: exit 0, peak RSS under 16 MiB",
          code == 0 and 0 < kib < 16 * 1024, f"exit {code}, {kib} KiB")
    os.unlink(mapped_file)

print(f"{checks - failures}/{checks} checks passed")
sys.exit(1 if failures else 0)
