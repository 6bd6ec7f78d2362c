"""The benchmark harness runs end to end (``--quick``). Timings are never asserted: only that
the table is printed with real figures in the rows whose features exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"[0-9]+(?:\.[0-9]+)?"


def row(output: str, name: str) -> str:
    """The line of the table that starts with ``name``."""
    lines = [line for line in output.splitlines() if line.startswith(name)]
    assert lines, f"no row {name!r} in:\n{output}"
    return lines[0]


@pytest.mark.slow
def test_quick_benchmarks_print_the_table(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    env.pop("COACHJOURNAL_DB", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    output = done.stdout
    assert re.search(
        r"^benchmark +runs +median +p95 +baseline +ratio +target +verdict$", output, re.M
    )
    start_up = row(output, "start-up to first paint")
    # runs, median, p95, baseline median (all in seconds), then the ratio.
    assert re.search(rf"\s\d+\s+{NUMBER} s\s+{NUMBER} s\s+{NUMBER} s\s+{NUMBER}×", start_up), (
        start_up
    )
    # Under the start-up row: the ten slowest imports before the first paint.
    lines = output.splitlines()
    under = lines[lines.index(start_up) + 1 : lines.index(start_up) + 12]
    assert under[0].strip().startswith("imports before the first paint:"), under
    assert all(re.match(rf"^ +{NUMBER} ms  [\w.]+$", line) for line in under[1:]), under
    for name in ("start-up to first paint, processor time", "start-up, encrypted journal"):
        assert re.search(
            rf"\s3\s+{NUMBER} s\s+{NUMBER} s\s+{NUMBER} s\s+{NUMBER}×", row(output, name)
        )
    for name in ("first visit: charts (Ctrl+2)", "first visit: a manager (roster, Down)"):
        assert re.search(rf"\s1\s+{NUMBER} s\s+{NUMBER} s\s", row(output, name))
    stall = row(output, "event-loop stall while the app finishes starting")
    assert re.search(rf"\s1\s+{NUMBER} ms\s", stall), stall
    opening = row(output, "open a manager")
    assert re.search(rf"\s\d+\s+{NUMBER} ms\s+{NUMBER} ms\s", opening), opening
    for name in ("team dashboard (core)", "team dashboard (as shown)"):
        dashboard = row(output, name)
        assert re.search(rf"\s\d+\s+{NUMBER} ms\s+{NUMBER} ms\s", dashboard), dashboard
    for name in (
        "frequency chart, whole team (data + draw)",
        "frequency chart, last 12 months (data + draw)",
    ):
        chart = row(output, name)
        # runs, median, p95, the plain-matplotlib baseline's median (all in ms), the ratio.
        assert re.search(rf"\s\d+\s+{NUMBER} ms\s+{NUMBER} ms\s+{NUMBER} ms\s+{NUMBER}×", chart), (
            chart
        )
    core = row(output, "open a manager, core (profile + timeline + prep data)")
    assert re.search(rf"\s\d+\s+{NUMBER} ms\s+{NUMBER} ms\s", core), core
    # The JSON export and import of the whole journal run as commands, each a few times.
    for name in ("JSON export, whole journal", "JSON import into a new journal"):
        exchange = row(output, name)
        assert re.search(rf"\s2\s+{NUMBER} s\s+{NUMBER} s\s", exchange), exchange
    memory = row(output, "peak memory, JSON import (RSS)")
    assert re.search(rf"\s2\s+{NUMBER} MB\s+{NUMBER} MB\s", memory), memory
    # Built features are rows now, not "not yet measured" or "row due" in the notes.
    planned = [
        line for line in output.splitlines() if "not yet measured" in line or "row due" in line
    ]
    assert not planned, planned
    # The harness works in a temporary home of its own: nothing lands in the one it was given.
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
