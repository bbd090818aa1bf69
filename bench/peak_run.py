"""Runs a command under bench/peak.c (build/bench/peak), which reports its
peak RSS and wall time on file descriptor 3: a child of the sweep scripts
would start from the script's own RSS.  Shared by growth_sweep.py and
pair_sweep.py."""
import os
import signal
import subprocess


def run_under_peak(peak, argv, data, timeout=None):
    """(exit status, peak KiB, seconds) of argv reading data from stdin.
    Past timeout seconds the run is stopped, peak and command both (they
    share a process group): status "TIMEOUT", -1 KiB, the timeout."""
    report_r, report_w = os.pipe()
    try:
        proc = subprocess.Popen([peak] + argv, stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                close_fds=False, start_new_session=True,
                                preexec_fn=lambda: os.dup2(report_w, 3))
        os.close(report_w)
        report_w = None
        try:
            proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return "TIMEOUT", -1, float(timeout)
        report = os.read(report_r, 256).decode().split()
    finally:
        if report_w is not None:
            os.close(report_w)
        os.close(report_r)
    if len(report) < 2:
        return proc.returncode, -1, 0.0
    return proc.returncode, int(report[0]), float(report[1])
