"""What the command line's modules share: a subcommand's ``--db`` option, the journal a command
works on, and opening that journal for as long as the command reads or writes it."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from coachjournal.storage import preferences


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


@contextlib.contextmanager
def opened_journal(journal: Path) -> Iterator[None]:
    """Open an existing journal (asking for its passphrase if it is encrypted) and close it
    when the block ends."""
    from coachjournal.cli.passphrase import passphrase_for
    from coachjournal.storage import db

    db.open_journal(journal, create=False, passphrase=passphrase_for(journal))
    try:
        yield
    finally:
        db.close_journal()
