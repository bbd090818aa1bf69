#!/usr/bin/env python3
"""`readstat check`: golden outputs for every format, JUnit validated as
XML, exit codes, globs, --changed-since in a temporary git repository, the
progress bar (only on a terminal) and -j N giving the same bytes as -j 1.

Usage: test_check.py READSTAT FIXTURES_DIR GOLDEN_DIR [--update]
--update rewrites the golden files from the current binary (review the
diff before committing it).
"""

import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_util import check, finish, run, skip  # noqa: E402

READSTAT, FIXTURES, GOLDEN = [os.path.abspath(a) for a in sys.argv[1:4]]
UPDATE = "--update" in sys.argv
RULES = "house-rules.lua"
BASE = [READSTAT, "check", "--rules", RULES]


def golden(name, data):
    """Compares data with golden/name (or writes it with --update)."""
    path = os.path.join(GOLDEN, name)
    if UPDATE:
        with open(path, "wb") as f:
            f.write(data)
        print(f"wrote {path}")
        return True
    with open(path, "rb") as f:
        want = f.read()
    return check(f"golden {name}", data == want,
                 f"differs from {path}; got:\n{data.decode('utf-8', 'replace')}")


tmp = tempfile.TemporaryDirectory(prefix="readstat-check-")

# --- every format on the fixture site -------------------------------------
formats = {
    "check.txt": [],
    "check.json": ["--json"],
    "check.ndjson": ["--ndjson"],
    "check.csv": ["--csv"],
}
for name, extra in formats.items():
    code, out, err = run(BASE + extra + ["site"], cwd=FIXTURES)
    check(f"{name}: exit 1 (error-level checks fail)", code == 1, f"exit {code}: {err}")
    golden(name, out)

code, out, err = run(BASE + ["--json", "site"], cwd=FIXTURES)
doc = json.loads(out)
check("--json: one document with every file", [f["file"] for f in doc["files"]] == [
    "site/content/drafts/draft.md", "site/content/posts/café-review.md",
    "site/content/posts/garden.html", "site/content/posts/harbor-ferry.md",
    "site/content/posts/untitled-notes.txt"], [f["file"] for f in doc["files"]])
check("--json: .json files are not articles", all(not f["file"].endswith(".json")
                                                   for f in doc["files"]))
cafe = doc["files"][1]
todo = [c for c in cafe["checks"] if c["rule"] == "no-todo"][0]
where = todo["where"][0]
with open(os.path.join(FIXTURES, "site/content/posts/café-review.md"), "rb") as f:
    raw = f.read()
line_text = raw.split(b"\n")[where["line"] - 1].decode("utf-8")
check("where: line and col point at the offending paragraph",
      line_text[where["col"] - 1:].startswith("Prices are fair. TODO"), (where, line_text))
long_s = [c for c in cafe["checks"] if c["rule"] == "long-sentences"][0]["where"][0]
line_text = raw.split(b"\n")[long_s["line"] - 1].decode("utf-8")
check("col counts code points (é is one column)",
      line_text[long_s["col"] - 1:].startswith("It serves"), (long_s, line_text))
check("front matter is metadata for the rules",
      [c["passed"] for c in cafe["checks"] if c["rule"] == "needs-title"] == [True])
check("summary counts", doc["summary"]["gate_failed_files"] == 3 and
      doc["summary"]["failed_checks"]["error"] == 4, doc["summary"])

code, out, err = run(BASE + ["--ndjson", "site"], cwd=FIXTURES)
lines = out.decode().splitlines()
check("--ndjson: one line per article", len(lines) == 5 and
      all(json.loads(l)["file"] for l in lines), lines)

code, out, err = run(BASE + ["--csv", "site"], cwd=FIXTURES)
import csv as csvmod  # noqa: E402
rows = list(csvmod.reader(out.decode().splitlines()))
check("--csv: a header and one row per article", len(rows) == 6 and
      all(len(r) == len(rows[0]) for r in rows), rows)

# --- JUnit ---------------------------------------------------------------
junit = os.path.join(tmp.name, "junit.xml")
code, out, err = run(BASE + ["--quiet", "--junit", junit, "site"], cwd=FIXTURES)
with open(junit, "rb") as f:
    data = f.read()
golden("check.junit.xml", data)
try:
    root = ET.fromstring(data)
    parsed = True
except ET.ParseError as exc:
    parsed = False
    root = None
    check("JUnit parses as XML", False, exc)
if parsed:
    check("JUnit parses as XML", True)
    suites = root.findall("testsuite")
    check("JUnit: one testsuite per file", len(suites) == 5)
    cases = root.findall("./testsuite/testcase")
    check("JUnit: one testcase per check", len(cases) == 20 and
          root.get("tests") == "20", (len(cases), root.attrib))
    failures = root.findall("./testsuite/testcase/failure")
    check("JUnit: error-level failures are <failure>", len(failures) == 4 and
          root.get("failures") == "4", len(failures))
    check("JUnit: failure text is file:line:col", any(
        "site/content/posts/café-review.md:12:1:" in (f.text or "") for f in failures))
    check("JUnit: a warning below the gate is not a failure", any(
        "warning (below the gate)" in (c.findtext("system-out") or "") for c in cases))

# Hostile names and messages still make well-formed XML.
hostile = os.path.join(tmp.name, "hostile")
os.makedirs(hostile)
with open(os.path.join(hostile, 'a&b<"c">.md'), "w") as f:
    f.write("---\ntitle: x\n---\n\nTODO <tag> & \x01 control \ufffe.\n")
code, out, err = run(BASE[:2] + ["--rules", os.path.join(FIXTURES, RULES), "--junit", junit,
                                  hostile])
try:
    ET.parse(junit)
    check("JUnit: markup characters and controls in names and text are escaped", True)
except ET.ParseError as exc:
    check("JUnit: markup characters and controls in names and text are escaped", False, exc)

# --- exit codes, gate levels, globs ------------------------------------
code, out, err = run(BASE + ["--fail-on", "none", "site"], cwd=FIXTURES)
check("--fail-on none: exit 0", code == 0, err)
code, out, err = run(BASE + ["site/content/posts/harbor-ferry.md",
                             "site/content/posts/garden.html"], cwd=FIXTURES)
check("clean files: exit 0", code == 0, err)
code, out, err = run(BASE + ["--fail-on", "warning", "--ndjson",
                             "site/content/posts/café-review.md"], cwd=FIXTURES)
check("--fail-on warning: exit 1", code == 1)
code, out, err = run(BASE + ["--ndjson", "--exclude", "drafts/*", "--exclude", "*.txt", "site"],
                     cwd=FIXTURES)
names = [json.loads(l)["file"] for l in out.decode().splitlines()]
check("--exclude: globs with '/' match paths, others match names",
      "site/content/drafts/draft.md" not in names and
      not any(n.endswith(".txt") for n in names) and len(names) == 3, names)
code, out, err = run(BASE + ["--ndjson", "--include", "*.md", "site"], cwd=FIXTURES)
names = [json.loads(l)["file"] for l in out.decode().splitlines()]
check("--include: only matching files", len(names) == 3 and
      all(n.endswith(".md") for n in names), names)
code, out, err = run(BASE + ["--ndjson", "site", "missing-dir"], cwd=FIXTURES)
check("a missing PATH: exit 3, the others still checked", code == 3 and
      len(out.decode().splitlines()) == 5 and "missing-dir" in err, (code, err))
code, out, err = run([READSTAT, "check"], cwd=FIXTURES)
check("no PATH: usage error", code == 2)
code, out, err = run([READSTAT, "check", "--json", "--csv", "site"], cwd=FIXTURES)
check("two formats: usage error", code == 2)
code, out, err = run([READSTAT, "check", "--ndjson", "site"], cwd=FIXTURES)
check("no rules: a summary, exit 0", code == 0 and len(out.decode().splitlines()) == 5, err)
code, out, err = run([READSTAT, "check", "--rules", "missing.lua", "site"], cwd=FIXTURES)
check("a rule file that does not load: exit 4", code == 4, (code, err))

# --- -j N gives the same bytes as -j 1 ------------------------------------
many = os.path.join(tmp.name, "many")
shutil.copytree(os.path.join(FIXTURES, "site"), os.path.join(many, "a"))
for i in range(12):
    shutil.copytree(os.path.join(FIXTURES, "site"), os.path.join(many, f"b{i:02d}"))
for fmt in ([], ["--json"], ["--csv"], ["--ndjson"]):
    one = run(BASE[:2] + ["--rules", os.path.join(FIXTURES, RULES), "-j", "1"] + fmt + ["."],
              cwd=many)
    two = run(BASE[:2] + ["--rules", os.path.join(FIXTURES, RULES), "-j", "2"] + fmt + ["."],
              cwd=many)
    four = run(BASE[:2] + ["--rules", os.path.join(FIXTURES, RULES), "-j4"] + fmt + ["."],
               cwd=many)
    check(f"check {' '.join(fmt) or 'table'}: -j 2 and -j4 byte-identical to -j 1",
          one == two == four and len(one[1]) > 1000)

# --- the progress bar: only on a terminal -------------------------------
code, out, err = run(BASE + ["site"], cwd=FIXTURES)
check("no progress bar when stderr is not a terminal", "readstat check [" not in err, err)


def stderr_on_tty(args):
    """Runs with stderr on a pseudo-terminal; returns what it showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=FIXTURES, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


shown = stderr_on_tty(BASE + ["site"])
check("progress bar on a terminal with more than a few files",
      "readstat check [" in shown and "5/5" in shown, repr(shown))
shown = stderr_on_tty(BASE + ["--quiet", "site"])
check("--quiet: no progress bar", "readstat check [" not in shown, repr(shown))
shown = stderr_on_tty(BASE + ["site/content/posts/garden.html"])
check("one file: no progress bar", "readstat check [" not in shown, repr(shown))

# --- --changed-since in a git repository ---------------------------------
if shutil.which("git") is None:
    skip("--changed-since", "git is not installed")
else:
    repo = os.path.join(tmp.name, "repo")
    shutil.copytree(os.path.join(FIXTURES, "site"), repo)
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", "base"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True)
    with open(os.path.join(repo, "content/posts/harbor-ferry.md"), "a") as f:
        f.write("\nOne more line. TODO verify.\n")
    with open(os.path.join(repo, "content/posts/new.md"), "w") as f:
        f.write("---\ntitle: New\n---\n\nA new post.\n")
    os.remove(os.path.join(repo, "content/posts/garden.html"))
    code, out, err = run([READSTAT, "check", "--rules", os.path.join(FIXTURES, RULES),
                          "--ndjson", "--changed-since", "HEAD", "content"], cwd=repo, env=env)
    names = [json.loads(l)["file"] for l in out.decode().splitlines()]
    check("--changed-since: modified and untracked files, not deleted or unchanged ones",
          names == ["content/posts/harbor-ferry.md", "content/posts/new.md"], (names, err))
    check("--changed-since: the gate applies", code == 1, code)
    code, out, err = run([READSTAT, "check", "--changed-since", "no-such-rev", "content"],
                         cwd=repo, env=env)
    check("--changed-since with a bad revision: exit 2 with a message",
          code == 2 and "git" in err, (code, err))

finish()
