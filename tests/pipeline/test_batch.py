#!/usr/bin/env python3
"""Batches: `readstat -j N` gives the same bytes as -j 1 (stdout, stderr and
exit status), `--ndjson-in` (formats, metadata, ids, error lines, order,
stdin and files), and an archive run through GNU parallel giving the same
lines as one process (skipped when parallel is not installed).

Usage: test_batch.py READSTAT EXAMPLES_DIR PLUGINS_DIR
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_util import check, finish, run, skip  # noqa: E402

READSTAT, EXAMPLES, PLUGINS = [os.path.abspath(a) for a in sys.argv[1:4]]
tmp = tempfile.TemporaryDirectory(prefix="readstat-batch-")
texts = {}
for name in sorted(os.listdir(EXAMPLES)):
    if name.endswith(".txt"):
        with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
            texts[name] = f.read()

# --- -j N over files --------------------------------------------------------
files = []
for i in range(60):
    name = list(texts)[i % len(texts)]
    path = os.path.join(tmp.name, f"f{i:03d}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(texts[name] + ("\n\nA last line %d." % i))
    files.append(path)
bad = os.path.join(tmp.name, "binary.txt")
with open(bad, "wb") as f:
    f.write(b"abc\x00def")
inputs = files[:20] + [bad, os.path.join(tmp.name, "missing.txt")] + files[20:]
rules = ["--rules", os.path.join(PLUGINS, "yoast.lua"), "--rules",
         os.path.join(PLUGINS, "editorial.lua")]
for label, args in (("--json", ["--json"]), ("text", []), ("--json --rules", ["--json"] + rules),
                    ("text --rules", rules), ("--json --detail", ["--json", "--detail"]),
                    ("--extract", ["--extract"])):
    one = run([READSTAT] + args + inputs)
    two = run([READSTAT, "-j", "2"] + args + inputs)
    three = run([READSTAT, "--jobs=3"] + args + inputs)
    check(f"-j N {label}: stdout, stderr and exit status identical to -j 1",
          one == two == three and one[0] == 3 and len(one[1]) > 10000,
          (one[0], two[0], three[0], len(one[1]), len(two[1])))
code, out, err = run([READSTAT, "-j", "2", "--json"] + files[:5])
lines = out.decode().splitlines()
check("-j keeps the input order", [json.loads(l)["source"] for l in lines] == files[:5])
code, out, err = run([READSTAT, "-j", "0", files[0]])
check("-j 0: usage error", code == 2, err)
code, out, err = run([READSTAT, "-j", files[0]])
check("-j takes a number of jobs: a file name there is a usage error",
      code == 2 and "-j" in err, err)

# --- --ndjson-in ------------------------------------------------------------
article = texts["article.txt"]
stream = [
    {"id": "a-1", "text": article, "author": {"name": "Ann", "age": 40}, "tags": ["x", "y"],
     "ratio": 0.1, "draft": True, "none": None, "deep": [{"no": 1}]},
    {"id": 2, "markdown": "---\ntitle: From front matter\n---\n\n# Heading\n\nSome words."},
    "not json at all",
    "",
    {"html": "<p>Hello there. Bye now.</p>", "meta": {"section": "news"}},
    {"text": 5},
    {"title": "no body"},
    {"text": "a", "html": "<p>b</p>"},
    ["a list"],
    {"text": "Last line. Still fine."},
]
lines = [s if isinstance(s, str) else json.dumps(s) for s in stream]
data = ("\n".join(lines) + "\n").encode()
code, out, err = run([READSTAT, "--ndjson-in"], stdin=data)
out_lines = out.decode().splitlines()
docs = [json.loads(l) for l in out_lines]
check("--ndjson-in: one output line per non-blank input line, in order",
      len(docs) == 9, out_lines)
check("--ndjson-in: a bad line gives exit 3, the others still run", code == 3, code)
check("text field: plain text, id as source", docs[0]["format"] == "text" and
      docs[0]["source"] == "a-1" and docs[0]["counts"]["words"] > 300, docs[0].get("source"))
meta = docs[0]["meta"]
check("metadata: strings, numbers and booleans as JSON text, lists joined, objects dotted",
      meta.get("author.name") == "Ann" and meta.get("author.age") == "40" and
      meta.get("tags") == "x, y" and meta.get("ratio") == "0.1" and
      meta.get("draft") == "true" and "none" not in meta and "deep" not in meta and
      "text" not in meta, meta)
check("markdown field: front matter still read", docs[1]["format"] == "markdown" and
      docs[1]["source"] == "2" and docs[1]["meta"]["title"] == "From front matter", docs[1])
check("malformed line: an error line with its line number",
      docs[2] == {"source": "-:3", "error": docs[2].get("error")} and
      "invalid JSON" in docs[2]["error"], docs[2])
check("html field, meta object flattened without a prefix",
      docs[3]["format"] == "html" and docs[3]["meta"] == {"section": "news"} and
      docs[3]["source"] == "-:5", docs[3])
check("wrong types and missing or doubled fields: error lines",
      [d.get("error", "")[:20] for d in docs[4:8]] == [
          "the text, markdown o", "the article has no t", "the article has more",
          "the article is not a"], docs[4:8])
check("the stream goes on after errors", docs[8]["counts"]["sentences"] == 2, docs[8])
check("errors are on stderr too", err.count("readstat: -:") == 5, err)

src = os.path.join(tmp.name, "in.ndjson")
with open(src, "wb") as f:
    f.write(data)
code, out_file, err = run([READSTAT, "--ndjson-in", src])
check("--ndjson-in FILE: sources name the file", json.loads(out_file.splitlines()[2])["source"]
      == src + ":3")

big = []
for i in range(300):
    name = list(texts)[i % len(texts)]
    big.append(json.dumps({"id": f"doc-{i}", "text": texts[name] + f" Line {i}.",
                           "n": i}))
big_data = ("\n".join(big) + "\n").encode()
base = run([READSTAT, "--ndjson-in"] + rules, stdin=big_data)
for jobs in ("2", "3", "8"):
    other = run([READSTAT, "--ndjson-in", "-j", jobs] + rules, stdin=big_data)
    check(f"--ndjson-in -j {jobs}: byte-identical to -j 1", other == base and
          len(base[1].splitlines()) == 300, (other[0], base[0]))
same_as_files = True
# yoast.lua only: editorial.lua reads meta.date, which a file gets from its
# modification time and an NDJSON line does not.
yoast_lines = run([READSTAT, "--ndjson-in"] + rules[:2], stdin=big_data)[1].splitlines()
for i in (0, 1, 2):
    path = os.path.join(tmp.name, f"cmp{i}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.loads(big[i])["text"])
    code, out, err = run([READSTAT, "--json", "--meta", f"id=doc-{i}", "--meta", f"n={i}",
                          path] + rules[:2])
    from_file = json.loads(out)
    from_line = json.loads(yoast_lines[i])
    for key in ("counts", "readability", "sections", "tags", "scores"):
        same_as_files &= from_file[key] == from_line[key]
check("--ndjson-in lines report what --json reports for the same text", same_as_files)
code, out, err = run([READSTAT, "--ndjson-in", "--extract"])
check("--ndjson-in --extract: usage error", code == 2)

# --- GNU parallel over an archive --------------------------------------------
if shutil.which("parallel") is None:
    skip("GNU parallel", "parallel is not installed (apt-get install parallel)")
else:
    archive = os.path.join(tmp.name, "archive.ndjson")
    with open(archive, "wb") as f:
        f.write(big_data * 4)
    direct = subprocess.run([READSTAT, "--ndjson-in", archive], capture_output=True)
    # The documented command (plugins/PIPELINES.md): -k keeps the order,
    # --pipepart splits the file at line ends without copying it through
    # one process.
    cmd = ["parallel", "--will-cite", "--pipepart", "-a", archive, "--block", "200k", "-k",
           READSTAT, "--ndjson-in"]
    par = subprocess.run(cmd, capture_output=True, timeout=300)
    check("GNU parallel --pipepart -k: the same lines as one process",
          par.returncode == 0 and par.stdout == direct.stdout and
          len(direct.stdout.splitlines()) == 1200,
          (par.returncode, par.stderr[-500:], len(par.stdout), len(direct.stdout)))
    cmd = ["parallel", "--will-cite", "--pipe", "-N", "50", READSTAT, "--ndjson-in"]
    par = subprocess.run(cmd, input=big_data, capture_output=True, timeout=300)
    got = sorted(json.loads(l)["source"] for l in par.stdout.splitlines())
    check("GNU parallel --pipe (unordered): every article once",
          got == sorted(f"doc-{i}" for i in range(300)), len(got))

finish()
