#!/usr/bin/env python3
"""End-to-end tests of readstat --rules, --fail-on, --meta and rank.

Usage: test_rules_cli.py READSTAT_BINARY EXAMPLES_DIR PLUGINS_DIR

Rule files are written into a temporary directory; prints one line per
check and exits non-zero if any failed.  Standard library only.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

if len(sys.argv) != 4:
    sys.exit("usage: test_rules_cli.py READSTAT_BINARY EXAMPLES_DIR PLUGINS_DIR")

READSTAT = os.path.abspath(sys.argv[1])
EXAMPLES = os.path.abspath(sys.argv[2])
PLUGINS = os.path.abspath(sys.argv[3])
SHORT = os.path.join(EXAMPLES, "short.txt")
SECTIONS = os.path.join(EXAMPLES, "sections.txt")
ARTICLE = os.path.join(EXAMPLES, "article.txt")

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


def run(args):
    start = time.monotonic()
    proc = subprocess.run([READSTAT] + args, capture_output=True, timeout=120)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"), time.monotonic() - start)


def run_json(args):
    code, out, err, secs = run(args)
    try:
        doc = json.loads(out)
    except ValueError as exc:
        doc = None
        err += f" [not JSON: {exc}]"
    return code, doc, err


tmp = tempfile.TemporaryDirectory(prefix="readstat-rules-")


def rule_file(name, text):
    path = os.path.join(tmp.name, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


GOOD = rule_file("good.lua", """
options { long_words = 9 }
tag "short" (function(a) return a.counts.words < 100 end)
tag "never" (function(a) return false end)
score "words" (function(a) return a.counts.words end)
check "long-sentences" { level = "warning", run = function(a)
  local long = {}
  for _, s in ipairs(a.sentences) do
    if s.words > option "long_words" then long[#long + 1] = s end
  end
  if #long > 0 then return false, #long .. " long sentences", long end
  return true, "none"
end }
check "has-meta" { level = "info", run = function(a)
  return a.meta.author == "Ann", "author " .. tostring(a.meta.author)
end }
""")
ERRORS = rule_file("errors.lua", """
check "fine" { level = "error", run = function(a) return true end }
check "broken" { level = "error", run = function(a)
  return a.nothing.here
end }
tag "spin" (function(a) while true do end end)
""")

# --- JSON additions ---------------------------------------------------------

code, doc, err = run_json(["--json", "--rules", GOOD, "--meta", "author=Ann", SHORT])
check("--rules --json exits 0", code == 0, f"exit {code} {err}")
if check("--rules JSON parses", doc is not None, err):
    check("JSON keeps the report", doc["counts"]["words"] == 36)
    check("tags", doc["tags"] == ["short"], doc["tags"])
    check("scores", doc["scores"] == {"words": 36}, doc["scores"])
    names = [c["rule"] for c in doc["checks"]]
    check("checks in declaration order", names == ["long-sentences", "has-meta"], names)
    long = doc["checks"][0]
    check("check fields", long["level"] == "warning" and long["passed"] is False
          and long["message"] == "2 long sentences" and long["file"] == GOOD, long)
    where = long["where"]
    check("where points at the sentences", len(where) == 2 and where[0]["kind"] == "sentence"
          and where[0]["index"] == 1 and where[0]["start"] == 0 and where[0]["line"] == 1, where)
    with open(SHORT, "rb") as f:
        short_bytes = f.read()
    first = short_bytes[where[0]["start"]:where[0]["end"]].decode()
    check("where offsets slice the input", first == "The old mill stood by the river for many years.", first)
    check("--meta reaches the rules", doc["checks"][1]["passed"] is True, doc["checks"][1])
    check("no rule errors", doc["rule_errors"] == [])
    check("no sentences in the JSON without --detail", "sentences" not in doc)

code, doc, err = run_json(["--json", "--detail", "--rules", GOOD, SHORT])
check("--detail still adds sentences", doc is not None and len(doc.get("sentences", [])) == 4)

# Several inputs: NDJSON, one object per line, each with its rules
code, out, err, _ = run(["--json", "--rules", GOOD, SHORT, SECTIONS])
lines = [json.loads(line) for line in out.splitlines() if line.strip()]
check("NDJSON with rules", len(lines) == 2 and lines[1]["scores"]["words"] == lines[1]["counts"]["words"]
      and "short" not in lines[1]["tags"], out[:200])

# --- rule errors: reported, others still run, exit 4 ---------------------------

code, doc, err = run_json(["--json", "--rules", ERRORS, "--rules", GOOD, SHORT])
check("a failing rule exits 4", code == 4, f"exit {code}")
if check("output still complete", doc is not None, err):
    errs = {e["rule"]: e for e in doc["rule_errors"]}
    check("runtime error has file, line and rule", "broken" in errs and errs["broken"]["file"] == ERRORS
          and errs["broken"]["line"] == 4 and "nothing" in errs["broken"]["message"], errs.get("broken"))
    check("budget stop reported", "spin" in errs and "instruction budget" in errs["spin"]["message"]
          and errs["spin"]["line"] == 6, errs.get("spin"))
    check("other rules still ran", doc["tags"] == ["short"] and doc["checks"][0]["rule"] == "fine")
check("rule errors also on stderr", "rule 'broken'" in err and "errors.lua:4" in err, err)

code, out, err, secs = run(["--rules", ERRORS, "--budget", "100000000000", "--rule-time", "0.5", SHORT])
check("--rule-time stops a loop", code == 4 and "time limit" in out and secs < 5, f"{code} {secs:.1f}s")
code, out, err, secs = run(["--rules", ERRORS, "--budget", "2000", SHORT])
check("--budget", code == 4 and "(2000 instructions)" in out, out[-300:])

# --- load errors ---------------------------------------------------------------

syntax = rule_file("syntax.lua", "tag 'x' (function(a) return end\n")
code, out, err, _ = run(["--rules", syntax, SHORT])
check("syntax error: exit 4, named with file and line", code == 4 and "syntax.lua:2:" in err and out == "",
      f"{code} {err}")
code, out, err, _ = run(["--rules", os.path.join(tmp.name, "missing.lua"), SHORT])
check("missing rule file: exit 4", code == 4 and "missing.lua" in err, err)
binary = os.path.join(tmp.name, "binary.luac")
with open(binary, "wb") as f:
    f.write(b"\x1bLua\x54\x00binary chunk")
code, out, err, _ = run(["--rules", binary, SHORT])
check("bytecode refused", code == 4 and "precompiled" in err, err)
decl = rule_file("decl.lua", "check 'x' { level = 'fatal', run = function() end }\n")
code, out, err, _ = run(["--rules", decl, SHORT])
check("bad declaration refused at load", code == 4 and "decl.lua:1:" in err and "level" in err, err)

# --- --fail-on: the publish gate ---------------------------------------------------

code, _, err, _ = run(["--rules", GOOD, SHORT])
check("no --fail-on: a failed warning still exits 0", code == 0, f"exit {code}")
code, _, err, _ = run(["--rules", GOOD, "--fail-on", "warning", SHORT])
check("--fail-on warning: exit 1", code == 1, f"exit {code}")
code, _, err, _ = run(["--rules", GOOD, "--fail-on", "error", SHORT])
check("--fail-on error: a warning passes", code == 0, f"exit {code}")
gate = rule_file("gate.lua", "check 'block' { level = 'error', run = function(a) return false, 'no' end }\n")
code, _, err, _ = run(["--rules", gate, "--fail-on", "error", SHORT])
check("--fail-on error: a failed error exits 1", code == 1, f"exit {code}")
code, _, err, _ = run(["--rules", gate, "--fail-on", "warning", SHORT])
check("--fail-on warning: errors count too", code == 1, f"exit {code}")
code, _, err, _ = run(["--fail-on", "error", SHORT])
check("--fail-on without --rules: usage", code == 2, f"exit {code}")
code, _, err, _ = run(["--rules", GOOD, "--fail-on", "fatal", SHORT])
check("--fail-on bad value: usage", code == 2 and "fail-on" in err, err)
code, _, err, _ = run(["--rules", GOOD, "--fail-on", "error", os.path.join(tmp.name, "nope.txt")])
check("input error outranks the gate", code == 3, f"exit {code}")

# --- human report ------------------------------------------------------------------

code, out, err, _ = run(["--rules", GOOD, SHORT])
check("human report has a Rules part", "\nRules\n" in out and "short" in out and "long-sentences" in out)
check("human report shows where", "line 1, sentence 1:" in out, out[-600:])

# --- plugins on the examples ---------------------------------------------------------

for name in ("yoast.lua", "editorial.lua", "newsletter.lua"):
    code, doc, err = run_json(["--json", "--rules", os.path.join(PLUGINS, name), ARTICLE])
    check(f"plugin {name} runs on article.txt", code == 0 and doc is not None and doc["rule_errors"] == [],
          f"exit {code} {err}")
code, doc, err = run_json(["--json", "--rules", os.path.join(PLUGINS, "yoast.lua"), ARTICLE])
sub = [c for c in doc["checks"] if c["rule"] == "yoast-subheading-distribution"][0]
check("yoast flags article.txt's subheadings", sub["passed"] is False and sub["where"], sub)

# --- rank ---------------------------------------------------------------------------

code, out, err, _ = run(["rank", "--rules", GOOD, "--by", "words", SHORT, SECTIONS, ARTICLE])
rows = [line.split() for line in out.splitlines()[1:]]
check("rank: table, highest first", code == 0 and [r[0] for r in rows] == ["1", "2", "3"]
      and rows[0][4].endswith("article.txt") and rows[2][4].endswith("short.txt"), out)
code, doc, err = run_json(["rank", "--json", "--rules", GOOD, "--by", "words", SHORT, SECTIONS])
check("rank --json", code == 0 and doc["by"] == "words"
      and [a["source"] for a in doc["articles"]] == [SECTIONS, SHORT]
      and doc["articles"][1]["score"] == 36, doc)
news = os.path.join(PLUGINS, "newsletter.lua")
old_path = os.path.join(tmp.name, "old.txt")
new_path = os.path.join(tmp.name, "new.txt")
with open(SECTIONS, "rb") as f:
    body = f.read()
for p in (old_path, new_path):
    with open(p, "wb") as f:
        f.write(body)
now = time.time()
os.utime(old_path, (now - 60 * 86400, now - 60 * 86400))
code, doc, err = run_json(["rank", "--json", "--rules", news, "--by", "newsletter", old_path, new_path])
check("rank by freshness: the newer file first", code == 0 and doc["articles"][0]["source"] == new_path
      and doc["articles"][0]["score"] > doc["articles"][1]["score"], doc)
code, out, err, _ = run(["rank", "--rules", GOOD, "--by", "nosuchscore", SHORT])
check("rank: unknown score exits 4", code == 4 and "nosuchscore" in err, err)
code, out, err, _ = run(["rank", "--by", "words", SHORT])
check("rank without --rules: usage", code == 2, f"exit {code}")
code, out, err, _ = run(["--by", "words", SHORT])
check("--by outside rank: usage", code == 2, f"exit {code}")

print(f"{checks} checks, {failures} failed")
sys.exit(1 if failures else 0)
