#!/usr/bin/env python3
"""pair_sweep.py [--file] READSTAT PEAK FORMAT [MIB [CHARS]]: streams each pair of
CHARS (by default 26 ASCII marks, a letter, a digit, a capital, a space, a
tab and a line break) run together, MIB MiB of it (8 by default) after a
short head, through `readstat --json --format FORMAT -` under PEAK
(build/bench/peak), and prints each pair's exit status, peak RSS and wall
time.  Pairs that exit with an error, pass 16 MiB of RSS or take over 20
s (a run is stopped after 60) are marked with "<<<"; the last line counts
them.  It found the quadratic run of words joined by '_' (README, bug 25).
With --file the input is a file of MIB MiB in all instead: one of 1 MiB
is analysed whole (`--file ... 1`), where memory may grow with it but
time may not (a pair is marked past 2 s).

The single marks alone, one to a line and between spaces are the sweep of
the round before (bench/README.md); pairs reach the shapes where a word
meets a mark, which the tokenizer and the front-ends decide on.
"""
import itertools
import os
import sys
import tempfile

from peak_run import run_under_peak

HEADS = {"html": b"<html><body><p>", "markdown": b"# T\n\n", "text": b"T\n\n"}
DEFAULT_CHARS = "<>&#;/!-\"'=a \n?[]`*_():.|\\%+@1A\t"


def run_one(readstat, peak, fmt, data, path):
    """Exit status (or 'TIMEOUT'), peak KiB and seconds of one run: data
    through stdin, or written to path and read from there."""
    if path:
        with open(path, "wb") as out:
            out.write(data)
        data = b""
    return run_under_peak(peak, [readstat, "--json", "--format", fmt, path or "-"], data,
                          timeout=60)


def main():
    args = sys.argv[1:]
    path = None
    if args[:1] == ["--file"]:
        args = args[1:]
        path = os.path.join(tempfile.mkdtemp(prefix="pair_sweep."), "input")
    if len(args) < 3:
        sys.exit(__doc__)
    readstat, peak, fmt = args[:3]
    mib = int(args[3]) if len(args) > 3 else 8
    chars = args[4] if len(args) > 4 else DEFAULT_CHARS
    head = HEADS[fmt]
    marked = 0
    for a, b in itertools.product(chars, chars):
        unit = (a + b).encode()
        # a file of MIB MiB in all (whole up to 1 MiB); stdin gets MIB MiB
        # after the head, which streams from 1 MiB on
        body = (mib << 20) - (len(head) if path else 0)
        data = head + unit * (body // len(unit))
        status, kib, seconds = run_one(readstat, peak, fmt, data, path)
        # whole, memory grows with the input by design, and 1 MiB takes
        # a tenth of a second or so: a tenth of the streamed time limit
        bad = status != 0 or (seconds > 2 if path else kib > 16 * 1024 or seconds > 20)
        marked += bad
        print(f"{unit!r:10} exit {status} {kib / 1024:6.1f} MiB {seconds:6.2f} s"
              + (" <<<" if bad else ""), flush=True)
    if path:
        os.unlink(path)
        os.rmdir(os.path.dirname(path))
    print(f"{marked} of {len(chars) ** 2} pairs marked")
    sys.exit(1 if marked else 0)


if __name__ == "__main__":
    main()
