"""A saved edit, and a draft being written, survive the app being killed (SIGKILL) mid-typing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.storage import db
from tests.ui.typist import stream

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize(
    ("target", "round_number"),
    [("profile", 0), ("profile", 1), ("profile", 2), ("draft", 3), ("draft", 4)],
)
def test_the_last_saved_edit_is_on_disk_after_a_kill(
    tmp_path: Path, target: str, round_number: int
) -> None:
    journal = tmp_path / "journal.db"
    db.open_journal(journal)
    roster.create_manager("Kim Typist")
    db.close_journal()

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typist", str(journal), str(tmp_path / "s.ini"), target],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    saves_before_kill = random.Random(round_number).randint(2, 5)
    last_saved = 0
    try:
        assert child.stdout is not None
        for _ in range(saves_before_kill):
            line = child.stdout.readline()
            assert line.startswith("saved "), f"typist said {line!r}: {child.stderr.read()}"
            last_saved = int(line.split()[1])
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(journal) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        if target == "profile":
            (notes,) = connection.execute("SELECT notes FROM manager").fetchone()
        else:
            (payload,) = connection.execute("SELECT payload FROM draft").fetchone()
            notes = json.loads(payload)["notes"]
    assert len(notes) >= last_saved > 0
    assert notes == stream(len(notes))
