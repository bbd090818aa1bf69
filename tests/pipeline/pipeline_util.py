"""Shared helpers of the pipeline tests (standard library only)."""

import os
import subprocess
import sys

_failures = 0
_checks = 0


def check(name, condition, detail=""):
    """Records one check and prints "ok" or "FAIL" with the detail."""
    global _failures, _checks
    _checks += 1
    if condition:
        print(f"ok   {name}")
    else:
        _failures += 1
        print(f"FAIL {name}" + (f": {str(detail)[:2000]}" if detail else ""))
    return condition


def skip(name, why):
    print(f"skip {name}: {why}")


def finish():
    """Exit status for meson: 0 when every check passed."""
    print(f"{_checks - _failures} of {_checks} checks passed")
    sys.exit(1 if _failures else 0)


def run(cmd, cwd=None, stdin=None, env=None, timeout=120):
    """Runs cmd; returns (exit code, stdout bytes, stderr text)."""
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, env=env,
                          timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def abspath_args(argv, count):
    if len(argv) < count + 1:
        sys.exit(f"usage: {os.path.basename(argv[0])} " + " ".join(["ARG"] * count))
    return [os.path.abspath(a) for a in argv[1:count + 1]]
