"""Backups: made from a journal in use, verified, rotated, restored, checked; encrypted ones."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.safety import backup, encryption
from coachjournal.safety.backup import BackupError
from coachjournal.storage import db, migrations, preferences
from tests.core.builders import table_rows

NOW = dt.datetime(2026, 3, 18, 9, 30, 5)
PASSPHRASE = "correct horse battery staple"


def write_journal(path: Path, names: list[str], passphrase: str | None = None) -> None:
    """A closed journal at ``path`` with a manager per name, each with one touchpoint."""
    db.open_journal(path, passphrase=passphrase)
    try:
        for number, name in enumerate(names):
            manager = roster.create_manager(name)
            touchpoints.log_touchpoint(
                manager.id,
                dt.datetime(2026, 1, 5 + number, 10),
                TouchpointKind.ONE_ON_ONE,
                summary=f"Pipeline review with {name}",
                notes=f"{name} walked through the quarter's deals. " * 20,
            )
    finally:
        db.close_journal()


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    write_journal(path, ["Ada Byrne", "Ben Okafor"])
    return path


@pytest.fixture
def backup_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The preferences (in this test's folder) send automatic backups to the folder returned."""
    monkeypatch.setattr(preferences, "preferences_path", lambda: tmp_path / "preferences.json")
    folder = tmp_path / "auto"
    preferences.save(preferences.Preferences(backup_folder=folder, daily_backups=2))
    return folder


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.db"
    write_journal(path, ["Cleo Duarte"], PASSPHRASE)
    return path


# --- making backups -------------------------------------------------------------------------------


def test_a_backup_holds_every_committed_row_even_while_the_journal_is_open(
    plain: Path, tmp_path: Path
) -> None:
    db.open_journal(plain)
    try:
        # Committed, but still only in the WAL: the backup must see it.
        roster.create_manager("Dara Flynn")
        assert Path(f"{plain}-wal").stat().st_size > 0
        made, removed = backup.backup_to_folder(
            plain, tmp_path / "backups", None, daily=7, weekly=8, now=NOW
        )
        expected = table_rows(plain)
    finally:
        db.close_journal()
    assert made == tmp_path / "backups" / "journal-20260318-093005.db"
    assert removed == []
    assert table_rows(made) == expected
    assert "Dara Flynn" in str(expected["manager"])
    # A single self-contained file, readable by its owner only.
    assert made.read_bytes()[:16] == db.SQLITE_HEADER
    assert made.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    assert made.stat().st_mode & 0o077 == 0
    assert not list((tmp_path / "backups").glob(".*"))  # no temporary file left behind


def test_an_encrypted_journal_gets_an_encrypted_backup_with_the_same_key(
    encrypted: Path, tmp_path: Path
) -> None:
    made = backup.write_backup(encrypted, tmp_path / "copy.db", PASSPHRASE)
    assert db.is_encrypted(made)
    assert b"Cleo" not in made.read_bytes()
    with sqlite3.connect(made) as connection, pytest.raises(sqlite3.DatabaseError):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert table_rows(made, PASSPHRASE) == table_rows(encrypted, PASSPHRASE)
    assert backup.verify(made, PASSPHRASE) == migrations.LATEST
    with pytest.raises(BackupError, match="does not open with this passphrase"):
        backup.verify(made, "not the passphrase")
    with pytest.raises(BackupError, match="is encrypted: give the journal's passphrase"):
        backup.verify(made, None)
    (listed,) = backup.list_backups(encrypted, tmp_path / "none")[:1] or [None]
    assert listed is None


def test_write_backup_never_writes_over_a_journal_or_into_a_folder(
    plain: Path, encrypted: Path, tmp_path: Path
) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(BackupError, match=r"There is already a file at .*secret\.db; choose"):
        backup.write_backup(plain, encrypted, None)
    assert encrypted.read_bytes() == before
    first, _ = backup.backup_to_folder(plain, tmp_path / "b", None, daily=7, weekly=8, now=NOW)
    second, _ = backup.backup_to_folder(plain, tmp_path / "b", None, daily=7, weekly=8, now=NOW)
    assert (first.name, second.name) == ("journal-20260318-093005.db", "journal-20260318-093006.db")
    with pytest.raises(BackupError, match="is a folder"):
        backup.write_backup(plain, tmp_path, None)
    with pytest.raises(BackupError, match="There is no journal"):
        backup.write_backup(tmp_path / "missing.db", tmp_path / "out.db", None)


def test_a_backup_into_a_folder_that_cannot_be_made_says_so(plain: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BackupError, match=r"^Could not write a backup in .*file/sub: "):
        backup.write_backup(plain, blocker / "sub" / "copy.db", None)


# --- rotation -------------------------------------------------------------------------------------


def test_rotation_keeps_the_newest_of_each_recent_day_and_iso_week() -> None:
    start = dt.datetime(2026, 1, 1, 8)  # a Thursday
    stamps = [start + dt.timedelta(days=day, hours=hour) for day in range(70) for hour in (0, 9)]
    keep = backup.backups_to_keep(stamps, daily=7, weekly=8)
    newest = max(stamps)
    days = {newest.date() - dt.timedelta(days=n) for n in range(7)}
    # The evening backup of each of the last 7 days...
    assert {s for s in keep if s.date() in days} == {
        dt.datetime.combine(day, dt.time(17)) for day in days
    }
    # ...and the newest of each of the last 8 ISO weeks (Sunday evening, or the newest).
    weekly = keep - {s for s in keep if s.date() in days}
    assert weekly and all(s.isoweekday() == 7 and s.hour == 17 for s in weekly)
    weeks = {tuple(s.isocalendar())[:2] for s in keep}
    assert len(weeks) == 8
    # The last 7 days span two ISO weeks, whose newest backups are already kept as daily ones.
    assert len(keep) == 7 + 8 - 2


def test_rotation_counts_days_that_have_a_backup_not_calendar_days() -> None:
    # Away for a month: the last 3 backups kept are the last 3 days the app was used.
    stamps = [dt.datetime(2026, 1, d, 9) for d in (1, 2, 3)] + [dt.datetime(2026, 2, 10, 9)]
    assert backups_kept(stamps, daily=3, weekly=0) == {
        dt.datetime(2026, 2, 10, 9),
        dt.datetime(2026, 1, 3, 9),
        dt.datetime(2026, 1, 2, 9),
    }


def backups_kept(stamps: list[dt.datetime], daily: int, weekly: int) -> set[dt.datetime]:
    return backup.backups_to_keep(stamps, daily, weekly)


@settings(max_examples=150, deadline=None)
@given(
    stamps=st.lists(
        st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 1, 1)),
        min_size=1,
        max_size=60,
    ),
    daily=st.integers(1, 10),
    weekly=st.integers(0, 10),
)
def test_rotation_rules_hold_for_any_history(
    stamps: list[dt.datetime], daily: int, weekly: int
) -> None:
    keep = backup.backups_to_keep(stamps, daily, weekly)
    assert max(stamps) in keep
    assert keep <= set(stamps)
    assert len(keep) <= daily + weekly
    for kept in keep:  # each kept backup is the newest of its day
        assert kept == max(s for s in stamps if s.date() == kept.date())
    days = sorted({s.date() for s in stamps}, reverse=True)
    assert {k.date() for k in keep} >= set(days[:daily])


def test_rotate_deletes_only_old_backups_of_this_journal(plain: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    ours = [folder / backup.backup_name(plain, NOW - dt.timedelta(days=n)) for n in range(12)]
    others = [
        folder / "other-20260101-090000.db",  # another journal's backup
        folder / "journal-notes.txt",
        folder / "journal-20261399-000000.db",  # not a real date
        folder / "journal-extra-20260101-090000.db",  # a journal called "journal-extra"
    ]
    for path in ours:
        backup.write_backup(plain, path, None)  # rotation deletes only backups it made
    for path in others:
        path.write_bytes(b"x")
    deleted = backup.rotate(plain, folder, daily=3, weekly=2)
    left = {path.name for path in folder.iterdir()}
    assert set(deleted) == set(ours) - {path for path in ours if path.name in left}
    assert {path.name for path in others} <= left
    kept = [path for path in ours if path.exists()]
    # The last 3 days, and the newest of the week before the newest backup's week.
    assert len(kept) in {4, 5}
    assert ours[0] in kept and ours[1] in kept and ours[2] in kept


# --- automatic backups ----------------------------------------------------------------------------


def test_the_automatic_backup_runs_once_a_day_and_on_quit_only_after_a_change(
    plain: Path, backup_folder: Path
) -> None:
    folder = backup_folder
    made = backup.automatic_backup(plain, None, on_quit=False, now=NOW)
    assert made is not None and made.parent == folder
    assert backup.automatic_backup(plain, None, on_quit=False, now=NOW) is None
    assert backup.automatic_backup(plain, None, on_quit=True, now=NOW) is None
    db.open_journal(plain)
    roster.create_manager("Eli Grant")
    db.close_journal()
    later = NOW + dt.timedelta(hours=2)
    quit_backup = backup.automatic_backup(plain, None, on_quit=True, now=later)
    assert quit_backup is not None and "Eli Grant" in str(table_rows(quit_backup)["manager"])
    # Next days: one at start each day; rotation keeps 2 days (and this week's newest).
    for days in (1, 2, 3):
        assert backup.automatic_backup(
            plain, None, on_quit=False, now=NOW + dt.timedelta(days=days)
        )
    dates = [b.taken_at.date() for b in backup.list_backups(plain, folder)]
    assert dates[:2] == [(NOW + dt.timedelta(days=d)).date() for d in (3, 2)]
    assert len(dates) <= 2 + 8


# --- restoring ------------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_journal_as_it_was(
    plain: Path, tmp_path: Path
) -> None:
    made = backup.write_backup(plain, tmp_path / "b" / "journal-20260101-000000.db", None)
    saved = table_rows(plain)
    db.open_journal(plain)
    roster.create_manager("After Backup")  # left in the WAL, not checkpointed
    db.close_journal()
    changed = table_rows(plain)

    safety = backup.restore(made, plain, None)

    assert table_rows(plain) == saved
    assert safety is not None and safety.parent == plain.parent
    assert safety.name.startswith("journal.before-restore-")
    assert table_rows(safety) == changed
    assert not Path(f"{plain}-wal").exists()
    assert backup.safety_copies(plain) == [safety]
    db.open_journal(plain)  # the app opens it as usual
    assert [m.name for m in roster.list_managers()] == ["Ada Byrne", "Ben Okafor"]
    db.close_journal()


def test_restore_of_an_encrypted_backup(encrypted: Path, tmp_path: Path) -> None:
    made = backup.write_backup(encrypted, tmp_path / "b.db", PASSPHRASE)
    before = table_rows(encrypted, PASSPHRASE)
    db.open_journal(encrypted, passphrase=PASSPHRASE)
    roster.create_manager("Later")
    db.close_journal()
    with pytest.raises(BackupError, match="does not open with this passphrase"):
        backup.restore(made, encrypted, "wrong")
    safety = backup.restore(made, encrypted, PASSPHRASE)
    assert table_rows(encrypted, PASSPHRASE) == before
    assert safety is not None and db.is_encrypted(safety) and db.is_encrypted(encrypted)


def damaged_copy(source: Path, target: Path) -> Path:
    """``source`` with the first page of the managers' table overwritten (its 8-byte header
    kept): still opens, fails integrity_check. (A page picked by its place in the file could be
    the empty page of a table added later, which no check reads.)"""
    with contextlib.closing(sqlite3.connect(source)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'manager'"
        ).fetchone()
        (page,) = connection.execute("PRAGMA page_size").fetchone()
    data = bytearray(source.read_bytes())
    middle = (root - 1) * page
    data[middle + 8 : middle + page - 8] = bytes(range(256)) * ((page - 16) // 256) + bytes(
        (page - 16) % 256
    )
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("problem", ["damaged", "foreign", "newer", "missing", "text", "empty"])
def test_a_bad_backup_is_refused_and_the_journal_is_untouched(
    plain: Path, tmp_path: Path, problem: str
) -> None:
    for number in range(40):  # enough pages that one in the middle holds rows
        write_journal(tmp_path / "big.db", [f"Person {number}"])
    candidate = tmp_path / "candidate.db"
    if problem == "damaged":
        damaged_copy(tmp_path / "big.db", candidate)
        message = "is damaged|is not a CoachJournal journal or backup"
    elif problem == "foreign":
        with sqlite3.connect(candidate) as connection:
            connection.execute("CREATE TABLE t (x)")
        message = "is a database, but not a CoachJournal journal"
    elif problem == "newer":
        backup.write_backup(plain, candidate, None)
        with sqlite3.connect(candidate) as connection:
            connection.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
        message = "written by a newer CoachJournal"
    elif problem == "missing":
        message = "There is no backup"
    elif problem == "empty":
        candidate.write_bytes(b"")
        message = "is an empty file, not a backup"
    else:
        candidate.write_text("hello")
        message = "is not a CoachJournal journal or backup"
    before = plain.read_bytes()
    with pytest.raises(BackupError, match=message):
        backup.restore(candidate, plain, None)
    assert plain.read_bytes() == before
    assert sorted(path.name for path in plain.parent.iterdir() if "journal" in path.name) == [
        "journal.db"
    ]


def test_a_failed_swap_leaves_the_journal_whole(
    plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.write_backup(plain, tmp_path / "b.db", None)
    db.open_journal(plain)
    roster.create_manager("Only Here")
    db.close_journal()
    expected = table_rows(plain)
    original = Path.replace

    def failing_replace(self: Path, target: Path | str) -> Path:
        if Path(target) == plain:
            raise OSError(28, "No space left on device")
        return original(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(BackupError, match="no space left on device"):
        backup.restore(made, plain, None)
    monkeypatch.undo()
    assert table_rows(plain) == expected
    assert not [p for p in plain.parent.iterdir() if p.name.startswith(".journal.db.")]


def test_restoring_the_journal_onto_itself_is_refused(plain: Path) -> None:
    with pytest.raises(BackupError, match="is the journal itself"):
        backup.restore(plain, plain, None)


# --- checking -------------------------------------------------------------------------------------


def test_check_reports_integrity_schema_and_counts(plain: Path, encrypted: Path) -> None:
    report = backup.check(plain, None)
    assert report.ok and report.integrity == ("ok",)
    assert report.schema_version == migrations.LATEST
    assert report.counts["manager"] == 2 and report.counts["touchpoint"] == 2
    assert not any("search" in table for table in report.counts)
    assert not report.encrypted
    secret = backup.check(encrypted, PASSPHRASE)
    assert secret.ok and secret.encrypted and secret.counts["manager"] == 1


def test_check_finds_a_damaged_journal(tmp_path: Path) -> None:
    for number in range(40):
        write_journal(tmp_path / "big.db", [f"Person {number}"])
    broken = damaged_copy(tmp_path / "big.db", tmp_path / "broken.db")
    try:
        report = backup.check(broken, None)
    except BackupError as error:
        assert "not a CoachJournal journal or backup" in str(error)
    else:
        assert not report.ok and report.integrity != ("ok",)


# --- when the journal's encryption changes -----------------------------------------------------


def every_file_under(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in folder.rglob("*") if path.is_file()]


def test_backups_follow_the_journal_when_it_is_encrypted_rekeyed_and_decrypted(
    plain: Path, backup_folder: Path, tmp_path: Path
) -> None:
    from coachjournal.safety import encryption

    phrase = b"walked through the quarter's deals"
    for days in (2, 1):
        backup.backup_to_folder(
            plain, backup_folder, None, daily=7, weekly=8, now=NOW - dt.timedelta(days=days)
        )
    other = backup_folder / "other-20260101-090000.db"  # another journal's: not touched
    other.write_bytes(b"other journal " + phrase)
    safety = backup.restore(backup.list_backups(plain, backup_folder)[0].path, plain, None)
    assert safety is not None
    expected = table_rows(plain)

    encryption.encrypt_journal(plain, PASSPHRASE)
    copies = [b.path for b in backup.list_backups(plain, backup_folder)] + [safety]
    assert len(copies) == 3 and all(db.is_encrypted(path) for path in copies)
    assert [p for p in every_file_under(tmp_path) if phrase in p.read_bytes()] == [other]
    assert all(table_rows(path, PASSPHRASE) == expected for path in copies)

    encryption.change_passphrase(plain, PASSPHRASE, "a brand new passphrase")
    for path in copies:
        backup.verify(path, "a brand new passphrase")
        with pytest.raises(BackupError):
            backup.verify(path, PASSPHRASE)

    encryption.decrypt_journal(plain, "a brand new passphrase")
    assert not any(db.is_encrypted(path) for path in copies)
    assert all(table_rows(path) == expected for path in copies)


def test_a_plaintext_backup_that_cannot_be_encrypted_is_deleted(
    plain: Path, backup_folder: Path
) -> None:
    broken = backup_folder / backup.backup_name(plain, NOW)
    backup_folder.mkdir()
    broken.write_bytes(b"SQLite format 3\x00" + b"half a backup, notes in plain text" * 50)
    assert encryption.match_backups_to_journal(plain, None, PASSPHRASE) == []
    assert not broken.exists()


def test_a_damaged_journal_is_restored_and_kept_byte_for_byte(tmp_path: Path) -> None:
    for number in range(40):
        write_journal(tmp_path / "big.db", [f"Person {number}"])
    made = backup.write_backup(tmp_path / "big.db", tmp_path / "good.db", None)
    broken = damaged_copy(tmp_path / "big.db", tmp_path / "journal.db")
    damaged_bytes = broken.read_bytes()
    safety = backup.restore(made, broken, None)
    assert backup.check(broken, None).ok
    assert safety is not None and safety.read_bytes() == damaged_bytes
