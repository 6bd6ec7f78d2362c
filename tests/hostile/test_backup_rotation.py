"""Rotation deletes only the backups it made of this journal: never a file that merely looks
like one (a user's own file, another journal of the same name backed up into the same
folder, a backup from before the record was kept)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachjournal.safety import backup
from coachjournal.storage import db
from tests.hostile.run import run

NOW = dt.datetime(2026, 6, 15, 12, 0, 0)


def test_rotation_spares_files_that_only_look_like_backups(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ours, theirs = tmp_path / "mine" / "journal.db", tmp_path / "theirs" / "journal.db"
    for journal in (ours, theirs):
        done = run(home, "demo", "--db", str(journal), "--managers", "1", "--years", "0.2")
        assert done.returncode == 0, done.stderr
    folder = tmp_path / "backups"
    folder.mkdir()
    # The other journal, of the same file name, backed up into the same folder long ago.
    old_days = [NOW - dt.timedelta(days=40 + n) for n in range(3)]
    foreign = [
        backup.backup_to_folder(theirs, folder, None, daily=9, weekly=9, now=when)[0]
        for when in old_days
    ]
    # A user's own file with a backup's name, and a copy made by hand.
    lookalike = folder / backup.backup_name(ours, NOW - dt.timedelta(days=90))
    lookalike.write_text("my notes, not a backup", encoding="utf-8")
    by_hand = folder / backup.backup_name(ours, NOW - dt.timedelta(days=80))
    by_hand.write_bytes(ours.read_bytes())
    made = [
        backup.backup_to_folder(
            ours, folder, None, daily=1, weekly=1, now=NOW - dt.timedelta(days=n)
        )[0]
        for n in range(5, -1, -1)
    ]
    assert [path.exists() for path in made] == [False] * 5 + [True]  # only the newest kept
    assert all(path.exists() for path in foreign)
    assert lookalike.read_text(encoding="utf-8") == "my notes, not a backup"
    assert by_hand.exists() and db.is_journal(by_hand)
