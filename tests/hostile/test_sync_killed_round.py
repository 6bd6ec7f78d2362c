"""A sync round killed with SIGKILL at any point leaves the journal and the folder consistent,
and the next round completes: nothing written on the killed computer is lost to the other.

A computer logs touchpoints and syncs in a loop in a subprocess, killed after a random
stretch (so at a different point of a round each time: while applying, writing a change file,
confirming it, writing a snapshot or its status, compacting). Each time, the journal is sound,
a round then completes in this process, and the other computer, after a round, holds every
touchpoint the killed one had saved, and the two journals export the same.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachjournal.storage.models import Touchpoint
from coachjournal.sync import folder, service
from tests.core.sync.computers import PASS, export, opened, team

ROOT = Path(__file__).resolve().parents[2]
KILLS = 6


def _summaries(path: Path) -> set[str]:
    with opened(path):
        return {row.summary for row in Touchpoint.select(Touchpoint.summary)}


@pytest.mark.slow
def test_a_round_killed_anywhere_loses_nothing(tmp_path: Path) -> None:
    laptop, desktop, cloud = tmp_path / "laptop.db", tmp_path / "desktop.db", tmp_path / "cloud"
    cloud.mkdir()
    team(laptop, managers=1)
    with opened(laptop) as database:
        service.set_up(database, cloud, PASS)
    service.join(cloud, PASS, desktop)
    chooser = random.Random(21)
    written, printed = 0, set()
    for _kill in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.sync_rounds", str(laptop), str(written)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        ) as process:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
            for _round in range(chooser.randint(1, 3)):
                line = process.stdout.readline().strip()
                assert line == f"Killed-round touchpoint {written}"
                printed.add(line)
                written += 1
            time.sleep(chooser.uniform(0, 0.3))  # into the next round, somewhere
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        written += 1000  # past what it may have saved after its last line: numbers stay unique
        with contextlib.closing(sqlite3.connect(laptop)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        with opened(laptop) as database:
            service.run_round(database)  # the next round completes
    laptop_has = _summaries(laptop)
    with opened(desktop) as database:
        report = service.run_round(database)
    assert report.skipped == ()
    assert _summaries(desktop) == laptop_has
    assert printed <= laptop_has
    with opened(laptop) as database:
        service.run_round(database)
    assert export(laptop, tmp_path) == export(desktop, tmp_path)
    assert list((cloud / folder.ROOT_NAME).rglob(f"*{folder.TEMP_SUFFIX}")) == []
