"""Private files stay private: every file the app creates holding journal data is 0600 and
every folder it creates for one 0700, whatever the umask, and a journal found readable by
others is tightened."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.run import ROOT, home_env, run

DATA = ROOT / "tests" / "data"
#: Creates a journal the way the app does at first start, and holds it open (WAL and all).
FIRST_START = (
    "import sys, os; from coachjournal.storage import db; from coachjournal.coaching import "
    "roster; db.open_journal(sys.argv[1]); roster.create_manager('Ada Byrne'); "
    "print(*(oct(os.stat(sys.argv[1] + s).st_mode & 0o777) for s in ('', '-wal', '-shm')))"
)
SAVE_PREFERENCES = (
    "from coachjournal.storage import preferences; preferences.save(preferences.Preferences())"
)


def _python(home: Path, umask: int, code: str, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=ROOT,
        env=home_env(home) | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
        check=True,
    )
    return done.stdout


#: matplotlib's font cache (a list of the system's fonts, nothing of the journal): its folder is
#: the app's and private, the modes of the files matplotlib writes in it are matplotlib's.
CHART_CACHE = Path("home", "cache", "CoachJournal", "matplotlib")


def _loose(root: Path) -> list[str]:
    """Every file under ``root`` that others may read, every folder others may enter."""
    found = []
    for entry in [root, *root.rglob("*")]:
        if entry.parent == root / CHART_CACHE:
            continue
        mode = stat.S_IMODE(entry.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{entry.relative_to(root)} {oct(mode)}")
    return found


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_every_file_the_app_creates_is_private(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "root"
    root.mkdir(mode=0o700)
    home, work = root / "home", root / "work"
    journal = work / "new" / "journal.db"

    # A journal made at first start, its -wal and -shm while it is open.
    modes = _python(home, umask, FIRST_START, str(journal)).split()
    assert modes == ["0o600"] * 3

    demo = work / "demo" / "team.db"
    steps = [
        ("demo", "--db", str(demo), "--managers", "2", "--years", "0.2"),
        ("backup", "--db", str(journal)),  # into the default folder, created in the data dir
        ("backup", "--db", str(journal), "--out", str(work / "copies" / "copy.db")),
        ("export", "--db", str(journal), "--format", "json", "--out", str(work / "x" / "e.json")),
        ("export", "--db", str(journal), "--format", "csv", "--out", str(work / "csv")),
        ("export", "--db", str(journal), "--format", "markdown", "--out", str(work / "md")),
        ("import", "--db", str(work / "imported" / "journal.db"), str(work / "x" / "e.json")),
        ("restore", "--db", str(journal), str(work / "copies" / "copy.db")),
        ("chart", "--db", str(demo), "--chart", "time", "--out", str(work / "c" / "time.png")),
        ("chart", "--db", str(demo), "--chart", "adherence", "--out", str(work / "c" / "a.svg")),
    ]
    for argv in steps:
        done = run(home, *argv, umask=umask)
        assert done.returncode == 0, (argv, done.stderr)
    with contextlib.closing(sqlite3.connect(demo)) as connection:
        (first,) = connection.execute("SELECT name FROM manager ORDER BY id LIMIT 1").fetchone()
    prep = ("prep", "--db", str(demo), "--manager", first, "--out", str(work / "c" / "prep.pdf"))
    done = run(home, *prep, umask=umask)
    assert done.returncode == 0, done.stderr
    # The copy kept before a schema upgrade.
    old = work / "old" / "journal.db"
    old.parent.mkdir(mode=0o700)
    shutil.copyfile(DATA / "journal-v1.db", old)
    old.chmod(0o600)
    upgrade = ("export", "--db", str(old), "--format", "json", "--out", str(work / "old.json"))
    done = run(home, *upgrade, umask=umask)  # a reader upgrades an old journal first
    assert done.returncode == 0, done.stderr
    _python(home, umask, SAVE_PREFERENCES)

    made = {path.name for path in root.rglob("*")}
    assert "journal.schema-v1-backup.db" in made
    assert any(name.startswith("journal.before-restore-") for name in made)
    assert {"coachjournal.log", "preferences.json", "backups.json", "team.db"} <= made
    assert {"time.png", "a.svg", "prep.pdf"} <= made
    assert stat.S_IMODE((root / CHART_CACHE).stat().st_mode) == 0o700
    assert (home / "data" / "CoachJournal" / "backups").is_dir()
    assert _loose(root) == []


def test_a_journal_readable_by_others_is_tightened_when_opened(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    assert run(tmp_path / "home", "demo", "--db", str(journal), "--managers", "1").returncode == 0
    journal.chmod(0o644)
    out = tmp_path / "e.json"
    done = run(
        tmp_path / "home", "export", "--db", str(journal), "--format", "json", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600


@pytest.mark.parametrize("blocker", ["file", "dangling link", "link to a shared folder"])
def test_a_chart_cache_that_is_not_our_private_folder_is_left_to_matplotlib(
    tmp_path: Path, blocker: str
) -> None:
    """Whatever sits where the chart cache goes, every command still starts, and nothing is
    written through a link into a folder others can read."""
    home = tmp_path / "home"
    cache = home / "cache" / "CoachJournal"
    cache.mkdir(parents=True)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    spot = cache / "matplotlib"
    if blocker == "file":
        spot.write_text("not a folder")
    elif blocker == "dangling link":
        spot.symlink_to(tmp_path / "nowhere")
    else:
        spot.symlink_to(shared)
    done = run(home, "--version")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    chosen = _python(
        home,
        0o022,
        "import os; from coachjournal import paths; "
        "paths.keep_chart_cache_private(); print(os.environ.get('MPLCONFIGDIR', '-'))",
    )
    assert chosen.strip() == "-"
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777 and list(shared.iterdir()) == []


def test_the_prep_sheet_is_never_written_over_a_journal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    journal = tmp_path / "team.pdf"
    assert (
        run(home, "demo", "--db", str(journal), "--managers", "1", "--years", "0.1").returncode == 0
    )
    with contextlib.closing(sqlite3.connect(journal)) as connection:
        (name,) = connection.execute("SELECT name FROM manager LIMIT 1").fetchone()
    before = journal.read_bytes()
    for target in (journal, tmp_path / "." / "team.pdf"):
        done = run(home, "prep", "--db", str(journal), "--manager", name, "--out", str(target))
        assert done.returncode != 0 and "is a journal, so it was left untouched" in done.stderr
    assert journal.read_bytes() == before
