"""Expected trouble gets its own true sentence, never "something unexpected": a reader that
closes the pipe, a full disk while setting a passphrase, a file of random bytes, a wrong
passphrase given to ``check``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.run import IS_ROOT, ROOT, home_env, run

PASSPHRASE = "correct horse battery"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    done = run(tmp_path / "home", "demo", "--db", str(path), "--managers", "2", "--years", "0.3")
    assert done.returncode == 0, done.stderr
    return path


def test_a_closed_pipe_ends_the_command_quietly(journal: Path, tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "coachjournal", "check", "--db", str(journal)],
        cwd=ROOT,
        env=home_env(tmp_path / "home") | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `| head` that has read what it wanted
    with child.stderr:
        stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 141
    assert stderr == ""


@pytest.mark.parametrize("size", [10_000, 5_120])  # 5,120: whole 512-byte pages
def test_random_bytes_are_not_called_a_locked_journal(tmp_path: Path, size: int) -> None:
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(size))
    for argv in (
        ("check", "--db", str(noise)),
        ("chart", "--db", str(noise), "--chart", "time", "--out", str(tmp_path / "c.png")),
    ):
        done = run(tmp_path / "home", *argv)
        assert done.returncode == 1
        assert "not a CoachJournal journal" in done.stderr, done.stderr
        assert "passphrase" not in done.stderr and "unexpected" not in done.stderr


def test_check_with_a_wrong_passphrase_speaks_of_the_journal(journal: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run(home, "passphrase", "set", "--db", str(journal), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    done = run(home, "check", "--db", str(journal), COACHJOURNAL_PASSPHRASE="not the one at all")
    assert done.returncode == 1
    assert "give the journal's passphrase" in done.stderr
    assert "backup" not in done.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own (needs root to mount)."""
    if not IS_ROOT:
        pytest.skip("mounting a small disk needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)]).returncode:
        pytest.skip("this system does not let the tests mount a small disk")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


#: Leaves a WAL full of new rows beside the journal, as a crash would.
CRASH = (
    "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "c.execute('PRAGMA wal_autocheckpoint = 0'); "
    "c.executemany('INSERT INTO setting VALUES (?, ?)', "
    "[(f'k{i}', 'x' * 2000) for i in range(300)]); c.commit(); os._exit(0)"
)


def test_a_full_disk_during_passphrase_set_is_called_a_full_disk(
    journal: Path, small_disk: Path, tmp_path: Path
) -> None:
    on_disk = small_disk / "journal.db"
    on_disk.write_bytes(journal.read_bytes())
    subprocess.run([sys.executable, "-c", CRASH, str(on_disk)], check=True)
    assert (small_disk / "journal.db-wal").stat().st_size > 500_000
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(filler, bytes(4096)):
            pass
    except OSError:
        pass  # the disk is full now
    finally:
        os.close(filler)
    done = run(
        tmp_path / "home", "passphrase", "set", "--db", str(on_disk), stdin=PASSPHRASE + "\n"
    )
    assert done.returncode == 1
    assert "disk is full" in done.stderr, done.stderr
    assert "another" not in done.stderr and "unexpected" not in done.stderr
