"""One writer, whatever the path: a journal reached through a symlink, a hard link or a
relative path is the same journal, and every command that writes takes its lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.run import ROOT, home_env, run

HOLD = (
    "import sys, time; from coachjournal.storage.lock import JournalLock; "
    "JournalLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(120)"
)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "real" / "journal.db"
    path.parent.mkdir()
    done = run(tmp_path / "home", "demo", "--db", str(path), "--managers", "2", "--years", "0.3")
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def holder(journal: Path, tmp_path: Path) -> Iterator[None]:
    """The app (another process) holding the journal's lock, by its real path."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(journal)],
        cwd=ROOT,
        env=home_env(tmp_path / "home") | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield
    child.kill()
    child.communicate(timeout=30)


def _other_names(journal: Path, tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    """Other ways to name ``journal``: (the name, the folder to run in)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "link.db").symlink_to(journal)
    os.link(journal, elsewhere / "hard.db")  # another folder: no lock file beside it is shared
    return {
        "symlink": (elsewhere / "link.db", ROOT),
        "hard link": (elsewhere / "hard.db", ROOT),
        "relative": (Path("journal.db"), journal.parent),
    }


@pytest.mark.usefixtures("holder")
def test_a_second_writer_is_refused_through_any_name(journal: Path, tmp_path: Path) -> None:
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("Name\nBen Okafor\n", encoding="utf-8")
    for kind, (name, cwd) in _other_names(journal, tmp_path).items():
        done = run(tmp_path / "home", "import-roster", "--db", str(name), str(roster_file), cwd=cwd)
        assert done.returncode == 1, kind
        assert "already open in CoachJournal" in done.stderr, (kind, done.stderr)
    managers = sqlite3.connect(journal).execute("SELECT count(*) FROM manager").fetchone()[0]
    assert managers == 2  # nothing was written


def _asked(journal: Path) -> list[tuple[str, str]]:
    """The journal's settings, where prep notes the questions it suggested."""
    connection = sqlite3.connect(journal)
    try:
        return connection.execute("SELECT key, value FROM setting ORDER BY key").fetchall()
    finally:
        connection.close()


def test_prep_writes_only_under_the_lock(journal: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = _asked(journal)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(journal.parent / ".." / "real" / "journal.db")],
        cwd=ROOT,
        env=home_env(home) | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        name = _other_names(journal, tmp_path)["hard link"][0]
        manager = sqlite3.connect(journal).execute("SELECT name FROM manager").fetchone()[0]
        out = tmp_path / "p.pdf"
        done = run(home, "prep", "--db", str(name), "--manager", manager, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
        assert "not noted as asked" in done.stderr and "already open" in done.stderr
        assert _asked(journal) == before  # the holder is the only writer
    finally:
        child.kill()
        child.communicate(timeout=30)
    done = run(home, "prep", "--db", str(journal), "--manager", manager, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert _asked(journal) != before  # with the lock free, prep notes its questions
