"""Readers never disturb the writer, and a read-only journal stays readable: the reading
commands open the journal read-only, never checkpoint, and work on a journal whose file or
folder cannot be written."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.storage import db, files
from coachjournal.storage.lock import JournalLock
from tests.hostile.run import IS_ROOT, NOBODY, give_to_nobody, run, shared_folder


def _readers(journal: Path, out: Path) -> dict[str, tuple[str, ...]]:
    manager = sqlite3.connect(journal).execute("SELECT name FROM manager").fetchone()[0]
    db_option = ("--db", str(journal))
    return {
        "check": ("check", *db_option),
        "export": ("export", *db_option, "--format", "json", "--out", str(out / "e.json")),
        "backup": ("backup", *db_option, "--out", str(out / "b.db")),
        "chart": ("chart", *db_option, "--chart", "frequency", "--out", str(out / "c.png")),
        "prep": ("prep", *db_option, "--manager", manager, "--out", str(out / "p.pdf")),
    }


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder the reading user can reach; when the tests run as root they read as nobody
    (root may write anything, so a read-only file would prove nothing)."""
    folder = shared_folder()
    yield folder
    for entry in [folder, *folder.rglob("*")]:
        if entry.is_dir():
            entry.chmod(0o700)
    shutil.rmtree(folder)


@pytest.mark.parametrize("locked", ["file 0400", "folder 0500"])
def test_a_read_only_journal_can_be_read_by_every_reading_command(place: Path, locked: str) -> None:
    home, out, journal = place / "home", place / "out", place / "ro" / "journal.db"
    out.mkdir()
    done = run(home, "demo", "--db", str(journal), "--managers", "2", "--years", "0.3")
    assert done.returncode == 0, done.stderr
    user = None
    if IS_ROOT:
        give_to_nobody(place)
        user = NOBODY
    journal.chmod(0o400) if locked == "file 0400" else journal.parent.chmod(0o500)
    before = journal.read_bytes()
    for name, argv in _readers(journal, out).items():
        done = run(home, *argv, user=user)
        assert done.returncode == 0, (name, done.stderr)
        assert "unexpected" not in done.stderr
    assert journal.read_bytes() == before
    assert (out / "e.json").stat().st_size > 0 and db.is_journal(out / "b.db")
    assert (out / "p.pdf").read_bytes().startswith(b"%PDF")
    done = run(home, "import-roster", "--db", str(journal), str(out / "e.json"), user=user)
    assert done.returncode == 1 and "read-only" in done.stderr  # a writer is told, not crashed


def test_readers_leave_the_writers_wal_alone(tmp_path: Path) -> None:
    """While the app writes, the reading commands neither checkpoint nor take its write lock:
    its WAL keeps its frames, and its next save goes through at once."""
    journal = tmp_path / "journal.db"
    home = tmp_path / "home"
    assert run(home, "demo", "--db", str(journal), "--managers", "2").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    with JournalLock(journal):
        db.open_journal(journal)
        try:
            db.database.execute_sql("PRAGMA wal_autocheckpoint = 0")
            roster.create_manager("Ada Byrne")
            wal = files.companions(journal).wal
            frames = wal.stat().st_size
            assert frames > 0
            for name, argv in _readers(journal, out).items():
                done = run(home, *argv)
                assert done.returncode == 0, (name, done.stderr)
                assert wal.stat().st_size >= frames, f"{name} checkpointed the app's WAL"
                roster.create_manager(f"After {name}")  # never "database is locked"
        finally:
            db.close_journal()
