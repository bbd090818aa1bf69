#!/usr/bin/env python3
"""plugins/hooks, plugins/ci and plugins/systemd: the pre-commit hook in a
temporary git repository (a clean commit passes, a failing article blocks
the commit, only the staged version counts), the CI files' readstat
command lines, and the systemd unit (verified by systemd-analyze and its
ExecStart run for real on a loopback port) where the tools exist.

Usage: test_hooks.py READSTAT PLUGINS_DIR FIXTURES_DIR
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_util import check, finish, skip  # noqa: E402

READSTAT, PLUGINS, FIXTURES = [os.path.abspath(a) for a in sys.argv[1:4]]
tmp = tempfile.TemporaryDirectory(prefix="readstat-hooks-")
RULES = os.path.join(FIXTURES, "house-rules.lua")

# --- the pre-commit hook ---------------------------------------------------
if shutil.which("git") is None:
    skip("pre-commit hook", "git is not installed")
else:
    repo = os.path.join(tmp.name, "site")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", READSTAT=READSTAT)

    def git(*args, ok=True):
        proc = subprocess.run(["git"] + list(args), cwd=repo, env=env, capture_output=True,
                              text=True)
        if ok and proc.returncode != 0:
            raise RuntimeError(f"git {args}: {proc.stderr}")
        return proc

    os.makedirs(os.path.join(repo, "content"))
    os.makedirs(os.path.join(repo, ".readstat"))
    shutil.copy(RULES, os.path.join(repo, ".readstat", "house.lua"))
    git("init", "-q")
    shutil.copy(os.path.join(PLUGINS, "hooks", "pre-commit"),
                os.path.join(repo, ".git", "hooks", "pre-commit"))
    os.chmod(os.path.join(repo, ".git", "hooks", "pre-commit"), 0o755)

    def write(name, text):
        path = os.path.join(repo, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    good = "---\ntitle: Good\nauthor: A\n---\n\nA short and clean article.\n"
    failing = "---\ntitle: Bad\n---\n\nTODO: write this.\n"
    write("content/good.md", good)
    write("README.json", "{}")
    git("add", "-A")
    proc = git("commit", "-q", "-m", "clean", ok=False)
    check("pre-commit: a clean article commits", proc.returncode == 0, proc.stderr)

    write("content/bad post.md", failing)
    git("add", "-A")
    proc = git("commit", "-q", "-m", "bad", ok=False)
    check("pre-commit: a failing article blocks the commit", proc.returncode != 0 and
          "content/bad post.md:5:1: error: no-todo" in proc.stdout + proc.stderr and
          "commit refused" in proc.stderr, proc.stdout + proc.stderr)

    # Fixed in the working copy but not staged: still refused, since the
    # commit would hold the staged version.
    write("content/bad post.md", good)
    proc = git("commit", "-q", "-m", "bad", ok=False)
    check("pre-commit: checks the staged version, not the working copy",
          proc.returncode != 0, proc.stdout + proc.stderr)
    git("add", "-A")
    proc = git("commit", "-q", "-m", "fixed", ok=False)
    check("pre-commit: passes once the fix is staged", proc.returncode == 0, proc.stderr)

    git("config", "readstat.failOn", "none")
    write("content/warn.md", failing)
    git("add", "-A")
    proc = git("commit", "-q", "-m", "gate off", ok=False)
    check("pre-commit: readstat.failOn none lets it through", proc.returncode == 0,
          proc.stderr)
    git("config", "--unset", "readstat.failOn")

    git("config", "readstat.rules", RULES)
    write("content/again.md", failing)
    git("add", "-A")
    proc = git("commit", "-q", "-m", "config rules", ok=False)
    check("pre-commit: readstat.rules from git config", proc.returncode != 0 and
          "no-todo" in proc.stdout + proc.stderr, proc.stdout + proc.stderr)
    git("reset", "-q", "HEAD", "content/again.md")
    os.remove(os.path.join(repo, "content/again.md"))

    write("notes.json", "{}")
    git("add", "-A")
    proc = git("commit", "-q", "-m", "no articles", ok=False)
    check("pre-commit: a commit without articles is not checked", proc.returncode == 0,
          proc.stderr)

# --- CI files ----------------------------------------------------------------
def readstat_lines(text):
    """The readstat check command lines of a CI file, continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [m.group(0) for m in re.finditer(r"readstat check[^\n]*", joined)]


for name, junit_key in (("github-actions.yml", "report_paths"),
                        ("gitlab-ci.yml", "junit")):
    with open(os.path.join(PLUGINS, "ci", name), encoding="utf-8") as f:
        text = f.read()
    try:
        import yaml  # python3-yaml, when installed
        doc = yaml.safe_load(text)
        check(f"{name}: valid YAML", isinstance(doc, dict))
    except ImportError:
        skip(f"{name}: YAML syntax", "python3-yaml is not installed")
    cmds = readstat_lines(text)
    if name == "gitlab-ci.yml":
        # YAML folds the plain scalar's lines into one command.
        cmds = [" ".join(re.findall(r"readstat check[\s\S]*?\"\$CONTENT_DIR\"", text)[0].split())]
    check(f"{name}: runs readstat check with --junit", cmds and "--junit readstat-junit.xml"
          in cmds[0], cmds)
    check(f"{name}: publishes the same JUnit file", f"{junit_key}: readstat-junit.xml" in text)
    # The command line is accepted by the real binary (run on the fixtures).
    argv = shlex.split(cmds[0].replace('"$since"', "HEAD").replace(
        '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"', "HEAD").replace(
        '"$CONTENT_DIR"', "site").replace(".readstat/house.lua", RULES))
    argv = [a for a in argv]
    idx = argv.index("--changed-since")
    del argv[idx:idx + 2]  # no git history in the fixtures
    argv = [READSTAT] + argv[1:]
    argv[argv.index("--junit") + 1] = os.path.join(tmp.name, name + ".xml")
    proc = subprocess.run(argv, cwd=FIXTURES, capture_output=True, text=True)
    check(f"{name}: its readstat command runs (exit 1: the fixtures fail the gate)",
          proc.returncode == 1 and os.path.exists(os.path.join(tmp.name, name + ".xml")),
          (argv, proc.returncode, proc.stderr))

# --- the systemd unit --------------------------------------------------------
with open(os.path.join(PLUGINS, "systemd", "readstat.service"), encoding="utf-8") as f:
    unit = f.read()
exec_start = re.search(r"^ExecStart=(.*?)(?<!\\)$", unit, re.S | re.M)
exec_start = re.sub(r"\\\n\s*", " ", exec_start.group(1))
argv = shlex.split(exec_start)
check("unit: serves on the loopback", "--listen" in argv and
      argv[argv.index("--listen") + 1].startswith("127.0.0.1:"), argv)
check("unit: SIGHUP reloads, SIGTERM stops", "ExecReload=/bin/kill -HUP $MAINPID" in unit and
      "KillSignal=SIGTERM" in unit)
if shutil.which("systemd-analyze"):
    test_unit = os.path.join(tmp.name, "readstat.service")
    with open(test_unit, "w") as f:
        f.write(unit.replace("/usr/local/bin/readstat", READSTAT))
    proc = subprocess.run(["systemd-analyze", "verify", test_unit], capture_output=True,
                          text=True)
    problems = [l for l in proc.stderr.splitlines() if "readstat.service" in l]
    check("unit: systemd-analyze verify finds nothing", not problems, proc.stderr)
else:
    skip("unit: systemd-analyze verify", "systemd-analyze is not installed")

# Its ExecStart, with the credential and rules made local and port 0.
token = os.path.join(tmp.name, "token")
with open(token, "w") as f:
    f.write("t0k3n\n")
argv[0] = READSTAT
argv = [a.replace("${CREDENTIALS_DIRECTORY}/token", token).replace("/etc/readstat/house.lua",
                                                                   RULES) for a in argv]
argv[argv.index("--listen") + 1] = "127.0.0.1:0"
proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
first = json.loads(proc.stderr.readline())
check("unit: its ExecStart starts the server", first.get("event") == "listening" and
      first.get("auth") is True and first.get("rules") == 1, first)
proc.send_signal(signal.SIGHUP)
time.sleep(0.3)
proc.send_signal(signal.SIGTERM)
code = proc.wait(timeout=30)
rest = proc.stderr.read()
check("unit: reload then stop as systemd would", code == 0 and "rules-reloaded" in rest, rest)

finish()
