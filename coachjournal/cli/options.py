"""What the command line's modules share: a subcommand's ``--db`` option, the journal a command
works on, its passphrase, and opening that journal for as long as the command reads or writes
it.

A passphrase never comes from an argument (it would be in the shell history and visible to
every process through ``ps``): only from ``$COACHJOURNAL_PASSPHRASE`` or, with the global
``--passphrase-stdin``, from a line of standard input. It is read only when a command meets an
encrypted journal, and at most once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from coachjournal.errors import CoachJournalError, PassphraseRequired
from coachjournal.storage import db, lock, preferences

#: Environment variable holding the journal's passphrase for the command line.
PASSPHRASE_ENV = "COACHJOURNAL_PASSPHRASE"
LOCKED = (
    "This journal is locked with a passphrase: set COACHJOURNAL_PASSPHRASE or use "
    "--passphrase-stdin."
)


def journal_option(
    command: argparse.ArgumentParser, help_text: str = "the journal (default: as for the app)"
) -> None:
    """Add ``--db PATH`` to a subcommand. Its default is suppressed, so that a ``--db`` given
    before the subcommand (the global option) still counts."""
    command.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=help_text
    )


def journal_of(options: argparse.Namespace) -> Path:
    """The journal a command works on: ``--db``, or the app's default."""
    db_path: Path | None = getattr(options, "db", None)
    return db_path.expanduser() if db_path else preferences.journal_path()


class _Source:
    """Where this process's passphrase comes from, and what was read from stdin so far."""

    stdin = False
    read = False
    value: str | None = None


def use_stdin(enabled: bool) -> None:
    """Take the passphrase from standard input (``--passphrase-stdin``) instead of the
    environment. Called once by :func:`coachjournal.cli.main.main`."""
    _Source.stdin = enabled
    _Source.read = False
    _Source.value = None


def stdin_line(what: str) -> str:
    """The next line of standard input, without its line ending."""
    line = sys.stdin.readline()
    if not line:
        raise CoachJournalError(f"Standard input ended before the {what}.")
    return line.removesuffix("\n").removesuffix("\r")


def supplied_passphrase() -> str | None:
    """The passphrase the user gave this process, if any: the first line of stdin with
    ``--passphrase-stdin`` (read on first use), else ``$COACHJOURNAL_PASSPHRASE``."""
    if _Source.stdin:
        if not _Source.read:
            _Source.value = stdin_line("passphrase")
            _Source.read = True
        return _Source.value
    return os.environ.get(PASSPHRASE_ENV) or None


def required_passphrase() -> str:
    """The supplied passphrase; :class:`PassphraseRequired` with :data:`LOCKED` without one."""
    passphrase = supplied_passphrase()
    if passphrase is None:
        raise PassphraseRequired(LOCKED)
    return passphrase


def passphrase_for(path: Path) -> str | None:
    """The passphrase to open the journal (or backup) at ``path``: None when the file is not
    encrypted (nothing is read then), else the one supplied. Raises
    :class:`PassphraseRequired` with :data:`LOCKED` when none was supplied."""
    return required_passphrase() if db.is_encrypted(path) else None


@contextlib.contextmanager
def opened_journal(journal: Path, *, read_only: bool = False) -> Iterator[None]:
    """Open an existing journal (asking for its passphrase if it is encrypted) and close it
    when the block ends. ``read_only``: for a command that only reads, which then never
    disturbs the app writing the same journal and works on a journal it cannot write. A
    journal of an earlier schema is first upgraded, under its lock, as the app would."""
    passphrase = passphrase_for(journal)
    try:
        db.open_journal(journal, create=False, passphrase=passphrase, read_only=read_only)
    except db.JournalNeedsUpgrade:
        with lock.JournalLock(journal):
            db.open_journal(journal, create=False, passphrase=passphrase)
            db.close_journal()
        db.open_journal(journal, create=False, passphrase=passphrase, read_only=read_only)
    if (notice := db.permission_notice()) is not None:
        print(f"coachjournal: warning: {notice}", file=sys.stderr)
    try:
        yield
    finally:
        db.close_journal()
