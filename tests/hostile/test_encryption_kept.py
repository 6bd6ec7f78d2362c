"""Encryption is never silently lost: a passphrase set later reaches the backups in every
folder the app wrote them to (and says which copies it could not reach), and a restore keeps
an encrypted journal encrypted with its current passphrase unless asked otherwise."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from coachjournal.safety import backup
from coachjournal.storage import db
from tests.hostile.run import run

PASSPHRASE = "correct horse battery"


def _set_backup_folder(home: Path, folder: Path) -> None:
    config = home / "config" / "CoachJournal"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preferences.json").write_text(json.dumps({"backup_folder": str(folder)}))


def test_setting_a_passphrase_reaches_every_backup_written_before(tmp_path: Path) -> None:
    home, journal = tmp_path / "home", tmp_path / "journal.db"
    assert run(home, "demo", "--db", str(journal), "--managers", "1").returncode == 0
    first, second = tmp_path / "first", tmp_path / "second"
    _set_backup_folder(home, first)
    assert run(home, "backup", "--db", str(journal)).returncode == 0
    _set_backup_folder(home, second)  # the user picked another folder later
    assert run(home, "backup", "--db", str(journal)).returncode == 0
    kept, moved = tmp_path / "usb" / "kept.db", tmp_path / "usb" / "moved.db"
    for out in (kept, moved):
        assert run(home, "backup", "--db", str(journal), "--out", str(out)).returncode == 0
    moved.rename(tmp_path / "gone.db")  # copied off and removed: out of the app's reach

    done = run(home, "passphrase", "set", "--db", str(journal), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    copies = [*first.iterdir(), *second.iterdir(), kept]
    assert len(copies) == 3
    assert all(db.is_encrypted(path) for path in copies)  # no plaintext copy anywhere
    assert str(moved) in done.stdout  # and the one it could not reach is named


def test_a_restore_keeps_the_journal_encrypted(tmp_path: Path) -> None:
    home, journal = tmp_path / "home", tmp_path / "journal.db"
    assert run(home, "demo", "--db", str(journal), "--managers", "1").returncode == 0
    plain = tmp_path / "plain-copy.db"
    plain.write_bytes(journal.read_bytes())  # a plain copy the app knows nothing of
    done = run(home, "passphrase", "set", "--db", str(journal), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr

    done = run(
        home, "restore", "--db", str(journal), str(plain), COACHJOURNAL_PASSPHRASE=PASSPHRASE
    )
    assert done.returncode == 0, done.stderr
    assert db.is_encrypted(journal)
    assert backup.check(journal, PASSPHRASE).ok
    safety = backup.safety_copies(journal)
    assert safety and db.is_encrypted(safety[0]) and stat.S_IMODE(safety[0].stat().st_mode) == 0o600

    done = run(
        home,
        "restore",
        "--db",
        str(journal),
        str(plain),
        "--as-backup-is",
        COACHJOURNAL_PASSPHRASE=PASSPHRASE,
    )
    assert done.returncode == 0, done.stderr
    assert not db.is_encrypted(journal)  # only when asked


def test_the_core_restore_keeps_or_drops_encryption_on_request(tmp_path: Path) -> None:
    home, journal = tmp_path / "home", tmp_path / "journal.db"
    assert run(home, "demo", "--db", str(journal), "--managers", "1").returncode == 0
    plain = tmp_path / "plain-copy.db"
    plain.write_bytes(journal.read_bytes())
    done = run(home, "passphrase", "set", "--db", str(journal), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    backup.restore(plain, journal, None, journal_passphrase=PASSPHRASE)
    assert db.is_encrypted(journal) and backup.check(journal, PASSPHRASE).ok
    backup.restore(plain, journal, None, journal_passphrase=PASSPHRASE, keep_encryption=False)
    assert not db.is_encrypted(journal)
