"""Encryption at rest: opening, protecting, changing and removing the passphrase, on real files
and through real processes (the ``sqlite3`` shell and ``python -m coachjournal``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.errors import CoachJournalError, PassphraseRequired, WrongPassphrase
from coachjournal.kinds import TouchpointKind
from coachjournal.safety import encryption
from coachjournal.safety.encryption import Strength
from coachjournal.storage import db, migrations
from coachjournal.storage.models import database
from tests.core.builders import table_rows

DATA = Path(__file__).parent.parent / "data"
PASSPHRASE = "correct horse battery staple"
PHRASE = "quixotic-marmalade-7319"


def _write_phrase() -> None:
    manager_id = roster.create_manager("Dana Whitfield").id
    touchpoints.log_touchpoint(
        manager_id,
        dt.datetime(2026, 3, 4, 10),
        TouchpointKind.ONE_ON_ONE,
        summary="Pipeline review",
        notes=f"She mentioned {PHRASE} twice.",
    )


@pytest.fixture
def plain(tmp_path: Path) -> Iterator[Path]:
    """A closed plain journal holding a manager and a touchpoint with :data:`PHRASE`."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    _write_phrase()
    db.close_journal()
    yield path
    db.close_journal()


@pytest.fixture
def encrypted(plain: Path) -> Path:
    encryption.encrypt_journal(plain, PASSPHRASE)
    return plain


def _files_holding(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _sqlite3_shell(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sqlite3", str(path), "SELECT count(*) FROM touchpoint;"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _coachjournal(
    *args: str, passphrase: str | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "COACHJOURNAL_PASSPHRASE"}
    if passphrase is not None:
        environment["COACHJOURNAL_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "coachjournal", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=environment,
        timeout=120,
        check=False,
    )


# --- Opening -------------------------------------------------------------------------------


def test_an_encrypted_journal_needs_its_passphrase_and_a_wrong_one_changes_nothing(
    encrypted: Path,
) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(PassphraseRequired):
        db.open_journal(encrypted)
    with pytest.raises(WrongPassphrase, match="passphrase is not right, or this file is not"):
        db.open_journal(encrypted, passphrase="correct horse battery stapler")
    assert encrypted.read_bytes() == before
    assert sorted(p.name for p in encrypted.parent.iterdir()) == ["journal.db"]
    assert db.current_passphrase() is None

    db.open_journal(encrypted, passphrase=PASSPHRASE)
    assert db.current_passphrase() == PASSPHRASE
    assert [m.name for m in roster.list_managers()] == ["Dana Whitfield"]
    db.close_journal()
    assert db.current_passphrase() is None


def test_the_sqlite3_shell_cannot_read_it_but_a_fresh_process_with_the_passphrase_can(
    encrypted: Path, tmp_path: Path
) -> None:
    shell = _sqlite3_shell(encrypted)
    assert shell.returncode != 0
    assert "not a database" in shell.stderr
    assert PHRASE.encode() not in encrypted.read_bytes()

    out = tmp_path / "export.json"
    locked = _coachjournal("export", "--db", str(encrypted), "--format", "json", "--out", str(out))
    assert locked.returncode == 1
    assert locked.stderr.strip() == (
        "coachjournal: error: This journal is locked with a passphrase: set "
        "COACHJOURNAL_PASSPHRASE or use --passphrase-stdin."
    )
    wrong = _coachjournal(
        "export", "--db", str(encrypted), "--format", "json", "--out", str(out),
        passphrase="not it at all",
    )  # fmt: skip
    assert wrong.returncode == 1
    assert "passphrase is not right" in wrong.stderr
    assert "Traceback" not in wrong.stderr + locked.stderr
    assert not out.exists()

    done = _coachjournal(
        "export", "--db", str(encrypted), "--format", "json", "--out", str(out),
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert PHRASE in out.read_text(encoding="utf-8")
    stdin = _coachjournal(
        "--passphrase-stdin", "export", "--db", str(encrypted), "--format", "json",
        "--out", str(tmp_path / "again.json"), stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert stdin.returncode == 0, stdin.stderr
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))


def test_a_passphrase_for_a_new_file_makes_an_encrypted_journal(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db.open_journal(path, passphrase=PASSPHRASE)
    _write_phrase()
    db.close_journal()
    assert db.is_encrypted(path)
    assert db.is_journal(path)
    assert PHRASE.encode() not in path.read_bytes()


def test_a_passphrase_given_for_a_plain_journal_is_ignored(plain: Path) -> None:
    db.open_journal(plain, passphrase=PASSPHRASE)
    assert db.current_passphrase() is None
    db.close_journal()
    assert not db.is_encrypted(plain)


def test_a_random_file_is_still_refused_as_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    assert not db.is_encrypted(path)
    with pytest.raises(CoachJournalError, match="it is not a database"):
        db.open_journal(path)


def test_an_encrypted_journal_is_backed_up_encrypted_before_an_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    db.copy_with_key(DATA / "journal-v1.db", None, old, PASSPHRASE)
    db.open_journal(old, passphrase=PASSPHRASE)
    assert migrations.schema_version(database.obj) == migrations.LATEST
    db.close_journal()
    backup = tmp_path / "old.schema-v1-backup.db"
    assert db.is_encrypted(backup)
    connection = db.connect_raw(backup, PASSPHRASE)
    assert connection.execute("PRAGMA user_version").fetchone() == (1,)
    connection.close()
    with pytest.raises(PassphraseRequired):
        db.connect_raw(backup, None)


def test_copy_database_keeps_the_encryption_of_its_source(encrypted: Path, tmp_path: Path) -> None:
    source = db.connect_raw(encrypted, PASSPHRASE)
    try:
        db.copy_database(source, tmp_path / "copy.db", PASSPHRASE)
        with pytest.raises(ValueError, match="exactly when"):
            db.copy_database(source, tmp_path / "plain-copy.db", None)
    finally:
        source.close()
    assert db.is_encrypted(tmp_path / "copy.db")
    assert table_rows(tmp_path / "copy.db", PASSPHRASE) == table_rows(encrypted, PASSPHRASE)


# --- Protect, change, remove ------------------------------------------------------------------


def test_protecting_keeps_every_row_and_leaves_no_plaintext_beside_it(plain: Path) -> None:
    db.open_journal(plain)  # the open journal is converted too, and left open
    database.execute_sql("INSERT INTO setting (key, value) VALUES ('in-the-wal', ?)", (PHRASE,))
    before = table_rows(plain, None)
    assert Path(f"{plain}-wal").exists()

    done = encryption.encrypt_journal(plain, PASSPHRASE)

    assert done.encrypted
    assert db.current_passphrase() == PASSPHRASE  # reopened with the new key
    db.close_journal()
    assert db.is_encrypted(plain)
    assert table_rows(plain, PASSPHRASE) == before
    assert sorted(p.name for p in plain.parent.iterdir()) == ["journal.db"]
    assert _files_holding(plain.parent, PHRASE.encode()) == []


def test_plaintext_schema_backups_beside_it_are_encrypted_too(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v1.db", path)
    db.open_journal(path)
    _write_phrase()
    db.close_journal()
    backup = tmp_path / "journal.schema-v1-backup.db"
    assert not db.is_encrypted(backup)

    done = encryption.encrypt_journal(path, PASSPHRASE)

    assert done.converted == [backup]
    assert db.is_encrypted(backup)
    assert table_rows(backup, PASSPHRASE)["manager"]
    assert _sqlite3_shell(backup).returncode != 0


def test_changing_the_passphrase(encrypted: Path) -> None:
    before = table_rows(encrypted, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        encryption.change_passphrase(encrypted, "not the passphrase", "a brand new passphrase")
    assert table_rows(encrypted, PASSPHRASE) == before

    encryption.change_passphrase(encrypted, PASSPHRASE, "a brand new passphrase")

    with pytest.raises(WrongPassphrase):
        db.open_journal(encrypted, passphrase=PASSPHRASE)
    assert table_rows(encrypted, "a brand new passphrase") == before


def test_removing_the_passphrase(encrypted: Path) -> None:
    before = table_rows(encrypted, PASSPHRASE)
    unchanged = encrypted.read_bytes()
    with pytest.raises(WrongPassphrase):
        encryption.decrypt_journal(encrypted, "guess")
    assert encrypted.read_bytes() == unchanged

    encryption.decrypt_journal(encrypted, PASSPHRASE)

    assert not db.is_encrypted(encrypted)
    assert table_rows(encrypted, None) == before
    with sqlite3.connect(encrypted) as connection:
        assert connection.execute("SELECT count(*) FROM touchpoint").fetchone() == (1,)
    connection.close()


def test_a_journal_open_elsewhere_is_refused_and_left_as_it_was(plain: Path) -> None:
    other = sqlite3.connect(plain)  # another process's connection, with a write in its WAL
    try:
        other.execute("PRAGMA journal_mode = wal")
        other.execute("INSERT INTO setting (key, value) VALUES ('elsewhere', 'yes')")
        other.commit()
        before = plain.read_bytes()
        with pytest.raises(encryption.EncryptionError, match="open in another"):
            encryption.encrypt_journal(plain, PASSPHRASE)
        assert plain.read_bytes() == before
        assert not [p for p in plain.parent.iterdir() if p.name.endswith(".converting")]
    finally:
        other.close()
    assert not db.is_encrypted(plain)
    assert ("elsewhere", "yes") in table_rows(plain, None)["setting"]


def test_weak_or_unusable_passphrases_are_refused(plain: Path) -> None:
    with pytest.raises(encryption.PassphraseError, match="at least 8"):
        encryption.encrypt_journal(plain, "short")
    with pytest.raises(encryption.EncryptionError, match="no passphrase to remove"):
        encryption.decrypt_journal(plain, PASSPHRASE)
    assert not db.is_encrypted(plain)


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("abc", Strength.TOO_SHORT),
        ("aaaaaaaaaaaa", Strength.WEAK),
        ("password", Strength.WEAK),
        ("Summer2026!", Strength.FAIR),
        ("blue kettle", Strength.WEAK),
        ("blue kettle rain", Strength.FAIR),
        ("blue kettle rain orchard", Strength.STRONG),
        ("Tr0ub4dor&3xyz", Strength.STRONG),
    ],
)
def test_strength_hint(passphrase: str, expected: Strength) -> None:
    assert encryption.strength(passphrase) is expected


# --- The command line ---------------------------------------------------------------------------


def test_the_passphrase_command_sets_changes_and_removes_it(plain: Path, tmp_path: Path) -> None:
    protected = _coachjournal("passphrase", "set", "--db", str(plain), stdin=PASSPHRASE + "\n")
    assert protected.returncode == 0, protected.stderr
    assert "cannot recover" not in protected.stdout
    assert db.is_encrypted(plain)
    assert _sqlite3_shell(plain).returncode != 0

    changed = _coachjournal(
        "--passphrase-stdin", "passphrase", "set", "--db", str(plain),
        stdin=f"{PASSPHRASE}\nan even better passphrase\n",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert "Changed the passphrase" in changed.stdout
    assert table_rows(plain, "an even better passphrase")["manager"]

    refused = _coachjournal("passphrase", "remove", "--db", str(plain), passphrase=PASSPHRASE)
    assert refused.returncode == 1
    assert "passphrase is not right" in refused.stderr
    assert db.is_encrypted(plain)

    removed = _coachjournal(
        "passphrase", "remove", "--db", str(plain), passphrase="an even better passphrase"
    )
    assert removed.returncode == 0, removed.stderr
    assert _sqlite3_shell(plain).stdout.strip() == "1"


def test_the_passphrase_is_never_an_argument(plain: Path) -> None:
    result = _coachjournal("passphrase", "set", "--db", str(plain), "--passphrase", "x" * 10)
    assert result.returncode == 2
    assert not db.is_encrypted(plain)
