"""One writer per journal: the lock, its release when a process dies, read-only journals, and the
command line's writing commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal import paths
from coachjournal.cli import main
from coachjournal.coaching import roster
from coachjournal.storage import db, lock
from coachjournal.storage.lock import JournalInUseError, JournalLock, JournalReadOnlyError

ROOT = Path(__file__).resolve().parents[2]
HOLD = "import sys, time; from coachjournal.storage.lock import JournalLock; "
HOLD += "JournalLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(60)"


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of ``tmp_path / "journal.db"``."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "journal.db")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    yield child
    child.kill()
    child.communicate(timeout=30)


def test_a_second_writer_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    first = JournalLock(journal)
    first.acquire()
    assert first.held and first.path == tmp_path / "journal.db.lock"
    with pytest.raises(JournalInUseError, match=r"already open in CoachJournal\. Switch to"):
        JournalLock(journal).acquire()
    # The same journal reached through another spelling of its path is the same journal.
    with pytest.raises(JournalInUseError):
        JournalLock(tmp_path / "." / "journal.db").acquire()
    first.release()
    with JournalLock(journal) as second:
        assert second.held
    assert not second.held
    assert not first.path.exists()  # no litter beside the journal once it is closed


def test_a_lock_file_removed_by_its_holder_is_not_taken_for_the_lock(tmp_path: Path) -> None:
    """The race that removing the lock file opens: B opens the file, A releases and removes
    it, B locks the removed file while C creates and locks a new one. B must see that what it
    locked is no longer the lock file (and :meth:`JournalLock.acquire` then tries again)."""
    journal = tmp_path / "journal.db"
    holder = JournalLock(journal)
    holder.acquire()
    late = JournalLock(journal)
    stale = os.open(late.path, os.O_RDWR)  # B opened the file A is about to remove
    try:
        assert late._still_there(stale)
        holder.release()
        assert not late._still_there(stale)  # removed
        newcomer = JournalLock(journal)
        newcomer.acquire()  # C
        assert not late._still_there(stale)  # and replaced by another file
        with pytest.raises(JournalInUseError):
            late.acquire()  # B, trying again, meets C's lock
        newcomer.release()
    finally:
        os.close(stale)


def test_a_killed_process_never_leaves_the_journal_locked(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    journal = tmp_path / "journal.db"
    with pytest.raises(JournalInUseError):
        JournalLock(journal).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    with JournalLock(journal) as lock:
        assert lock.held


def test_writing_commands_are_refused_while_the_journal_is_open(
    tmp_path: Path, holder: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.db"
    db.open_journal(journal)
    roster.create_manager("Ada Byrne")
    db.close_journal()
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("Name\nBen Okafor\n", encoding="utf-8")
    backup_file = tmp_path / "copy.db"

    def run(*argv: str) -> int:
        return main.main(list(argv), open_gui=lambda options: 0)

    assert run("backup", "--db", str(journal), "--out", str(backup_file)) == 0  # reads only
    assert run("check", "--db", str(journal)) == 0
    assert run("import-roster", "--db", str(journal), str(roster_file), "--dry-run") == 0
    capsys.readouterr()
    for argv in (
        ("import-roster", "--db", str(journal), str(roster_file)),
        ("restore", "--db", str(journal), str(backup_file)),
        ("demo", "--db", str(journal), "--force"),
    ):
        assert run(*argv) == 1
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "is already open in CoachJournal" in error
    db.open_journal(journal)
    assert [m.name for m in roster.list_managers()] == ["Ada Byrne"]
    db.close_journal()


def test_server_name_is_stable_per_journal(tmp_path: Path) -> None:
    name = lock.server_name(tmp_path / "journal.db")
    assert name == lock.server_name(tmp_path / "." / "journal.db")
    assert name != lock.server_name(tmp_path / "other.db")
    # In the user's private runtime folder (never the shared /tmp), short enough for a socket.
    assert Path(name).parent == paths.runtime_dir() and len(name) < 100


def refusal_seen_by_another_user(journal: Path) -> str:
    """What locking ``journal`` says, from a forked process that runs as an unprivileged user
    when the tests run as root (root may write anywhere, so only another user sees the
    refusal; CI runs as root)."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.close(reader)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            JournalLock(journal).acquire()
            message = "locked"
        except JournalReadOnlyError as error:
            message = str(error)
        except BaseException as error:
            message = f"unexpected: {error!r}"
        os.write(writer, message.encode("utf-8"))
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, encoding="utf-8") as stream:
        message = stream.read()
    os.waitpid(child, 0)
    return message


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX permissions")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_journal_is_refused_with_a_sentence(what: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="coachjournal-ro-"))
    try:
        journal = folder / "journal.db"
        db.open_journal(journal)
        db.close_journal()
        journal.chmod(0o444 if what == "file" else 0o644)
        folder.chmod(0o755 if what == "file" else 0o555)
        message = refusal_seen_by_another_user(journal)
        assert "is read-only" in message and "copy it to a folder you can write to" in message
    finally:
        folder.chmod(0o755)
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def test_a_read_only_refusal_is_a_journal_open_error(tmp_path: Path) -> None:
    """The app shows JournalOpenError's sentence at start; a read-only journal is one."""
    assert issubclass(JournalReadOnlyError, db.JournalOpenError)
    assert issubclass(JournalInUseError, db.JournalOpenError)
