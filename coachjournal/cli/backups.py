"""The command line's safety commands: ``backup``, ``restore`` and ``check``, and the rule that a
command which writes a journal waits for no one: it is refused while the app (or another
command) has that journal open (:mod:`coachjournal.storage.lock`).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coachjournal.cli.options import journal_of, journal_option, passphrase_for
from coachjournal.storage import lock

#: Commands that write the journal named by ``--db``: they take its lock first. A dry run
#: writes nothing and so needs none.
WRITING_COMMANDS = frozenset(
    {"import", "import-ics", "import-roster", "restore", "demo", "passphrase"}
)
#: Problems of a damaged journal printed by ``check`` (SQLite lists up to 100).
SHOWN_PROBLEMS = 10


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``backup``, ``restore`` and ``check`` to the parser."""
    backup = commands.add_parser(
        "backup",
        help="back the journal up (into the backup folder, or into FILE)",
        description="Copy the journal, consistently even while the app has it open, into a "
        "dated file in the backup folder (keeping the last 7 daily and 8 weekly backups, or as "
        "set in the preferences), or into FILE with --out. An encrypted journal's backup is "
        "encrypted with the same passphrase.",
    )
    journal_option(backup)
    backup.add_argument("--out", type=Path, metavar="FILE", help="write the backup to FILE")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the journal by a backup of it (the current journal is kept)",
        description="Check FILE (a backup), keep the journal as it is now in a safety copy "
        "beside it, then put the backup in its place. Refused while the app has the journal "
        "open.",
    )
    journal_option(restore)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--as-backup-is",
        action="store_true",
        help="restore the backup's own encryption (by default an encrypted journal stays "
        "encrypted with its current passphrase, even when the backup is not)",
    )
    restore.set_defaults(handler=_restore)

    check = commands.add_parser(
        "check",
        help="check the journal's integrity and count its records",
        description="Run SQLite's integrity check on the journal and print its schema version "
        "and how many records each table holds. Exits with 1 if the journal is not sound.",
    )
    journal_option(check)
    check.set_defaults(handler=_check)


@contextlib.contextmanager
def writer_lock(options: argparse.Namespace) -> Iterator[None]:
    """Hold the lock of the command's journal while a writing command runs."""
    if options.command not in WRITING_COMMANDS or getattr(options, "dry_run", False):
        yield
        return
    with lock.JournalLock(journal_of(options)):
        yield


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def _backup(options: argparse.Namespace) -> int:
    from coachjournal.safety import backup
    from coachjournal.storage import preferences

    journal = journal_of(options)
    passphrase = passphrase_for(journal)
    if options.out is not None:
        target = backup.write_backup(journal, options.out, passphrase)
        removed: list[Path] = []
    else:
        settings = preferences.load()
        folder = settings.backup_dir()
        target, removed = backup.backup_to_folder(
            journal,
            folder,
            passphrase,
            daily=settings.daily_backups,
            weekly=settings.weekly_backups,
        )
    kind = "encrypted, " if passphrase is not None else ""
    print(f"Backed up {journal.name} to {target} ({kind}{_size(target)})")
    if removed:
        print(f"Removed {len(removed)} older backups (rotation keeps the last days and weeks).")
    return 0


def _restore(options: argparse.Namespace) -> int:
    from coachjournal.safety import backup

    journal = journal_of(options)
    source: Path = options.file.expanduser()
    safety = backup.restore(
        source,
        journal,
        passphrase_for(source),
        journal_passphrase=passphrase_for(journal) if journal.exists() else None,
        keep_encryption=not options.as_backup_is,
    )
    print(f"Restored {journal} from {source}.")
    if safety is not None:
        print(f"The journal as it was before is kept in {safety}")
    return 0


def _check(options: argparse.Namespace) -> int:
    from coachjournal.safety import backup
    from coachjournal.storage import migrations

    journal = journal_of(options)
    report = backup.check(journal, passphrase_for(journal))
    print(f"Journal: {journal} ({'encrypted' if report.encrypted else 'not encrypted'})")
    if report.integrity == ("ok",):
        print("Integrity: ok")
    else:
        print(f"Integrity: {len(report.integrity)} problems found")
        for problem in report.integrity[:SHOWN_PROBLEMS]:
            print(f"  {problem}")
    version = report.schema_version
    state = (
        "current"
        if version == migrations.LATEST
        else "older; the app upgrades it when it opens it"
        if 0 < version < migrations.LATEST
        else f"not readable by this version, which reads 1 to {migrations.LATEST}"
    )
    print(f"Schema version: {version} ({state})")
    width = max((len(table) for table in report.counts), default=0)
    print("Records:")
    for table, count in report.counts.items():
        print(f"  {table:<{width}}  {count:>9,}")
    return 0 if report.ok else 1
