"""Killing the writer at random moments never damages the journal nor loses a reported commit.

A process (``tests/core/crash_writer.py``) logs touchpoints through the core in a loop and
prints each id after its commit returned. The test kills it with SIGKILL after a random delay,
again and again on the same journal file; after every kill the journal must pass
``PRAGMA integrity_check`` and hold every touchpoint that was reported, and the next writer
must get the journal's lock at once (the OS released it with the dead process).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.storage import db

ROOT = Path(__file__).resolve().parents[2]
PLAIN_ROUNDS = 100
ENCRYPTED_ROUNDS = 10
PASSPHRASE = "crash test passphrase"


def kill_at_random(journal: Path, delay: float, passphrase: str | None) -> list[int]:
    """Start a writer, let it write for ``delay`` seconds, SIGKILL it; return the ids it
    reported committed."""
    env = {**os.environ, "COACHJOURNAL_PASSPHRASE": passphrase or ""}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.core.crash_writer", str(journal)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready == "ready\n", f"the writer said {ready!r}: {child.stderr.read()}"  # type: ignore[union-attr]
        time.sleep(delay)  # the random moment of the kill: what is being tested
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    return [int(line) for line in out.split()]


def check_after_kill(journal: Path, passphrase: str | None, reported: set[int]) -> None:
    connection = db.connect_raw(journal, passphrase)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in connection.execute("SELECT id FROM touchpoint")}
        items = connection.execute(
            "SELECT count(*) FROM action_item WHERE touchpoint_id IS NOT NULL"
        ).fetchone()[0]
    finally:
        connection.close()
    missing = reported - stored
    assert not missing, f"reported committed but lost: {sorted(missing)[:10]}"
    assert items == len(stored)  # each touchpoint and its action item, all or nothing


def crash_rounds(journal: Path, rounds: int, passphrase: str | None, seed: int) -> int:
    db.open_journal(journal, passphrase=passphrase)
    roster.create_manager("Ada Byrne")
    roster.create_manager("Ben Okafor")
    db.close_journal()
    randomness = random.Random(seed)
    reported: set[int] = set()
    for _ in range(rounds):
        delay = randomness.choice([0.0, randomness.uniform(0, 0.05), randomness.uniform(0, 0.3)])
        reported.update(kill_at_random(journal, delay, passphrase))
        check_after_kill(journal, passphrase, reported)
    return len(reported)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path: Path) -> None:
    written = crash_rounds(tmp_path / "journal.db", PLAIN_ROUNDS, None, seed=7)
    assert written > PLAIN_ROUNDS  # the kills did land while touchpoints were being written


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_on_an_encrypted_journal(tmp_path: Path) -> None:
    journal = tmp_path / "secret.db"
    written = crash_rounds(journal, ENCRYPTED_ROUNDS, PASSPHRASE, seed=11)
    assert written > 0 and db.is_encrypted(journal)
