#!/usr/bin/env python3
"""compare.py N FILE READSTAT...: alternating runs of `READSTAT --json FILE`.

Runs each binary N times, taking turns, so that a change in the machine's
load falls on all of them alike, and prints the best, the first quartile
and the median wall time with the best MB/s, and the least CPU time (user
and system) of the process.  For two builds of readstat on a shared
machine, where single timings move by tens of percent.
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[0])
    runs, path, programs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    times = {p: [] for p in programs}
    cpu = {p: [] for p in programs}
    for _ in range(runs):
        for p in programs:
            start, start_cpu = time.perf_counter(), children_cpu()
            subprocess.run([p, "--json", path], stdout=subprocess.DEVNULL, check=True)
            times[p].append(time.perf_counter() - start)
            cpu[p].append(children_cpu() - start_cpu)
    mb = os.path.getsize(path) / 1e6
    for p in programs:
        t = sorted(times[p])
        print(f"{p}: best {t[0] * 1e3:.1f} ms ({mb / t[0]:.0f} MB/s), "
              f"first quartile {t[len(t) // 4] * 1e3:.1f} ms, median {statistics.median(t) * 1e3:.1f} ms, "
              f"least CPU {min(cpu[p]) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
