"""Process measurements for the smoke test and the benchmarks (standard library only)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_IMPORTED_AT = time.perf_counter()


def seconds_since_process_start() -> float:
    """Seconds since the operating system started this process.

    Read from ``/proc`` on Linux; elsewhere, measured from when this module was first imported,
    which misses only the interpreter's own start.
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except OSError:
        return time.perf_counter() - _IMPORTED_AT
    # The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    fields = stat[stat.rindex(")") + 2 :].split()
    start_ticks = int(fields[19])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
