"""The ``passphrase`` command (where commands get a journal's passphrase is in
:mod:`coachjournal.cli.options`).

``coachjournal passphrase set`` protects a plain journal or changes the passphrase of an
encrypted one; ``coachjournal passphrase remove`` turns the protection off. The new passphrase
is asked twice on a terminal (without echo), or read from the next line of standard input.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from coachjournal.cli.options import (
    PASSPHRASE_ENV,
    journal_of,
    journal_option,
    required_passphrase,
    stdin_line,
)
from coachjournal.errors import CoachJournalError


def read_new_passphrase() -> str:
    """The new passphrase: asked twice without echo on a terminal, else the next line of
    standard input. Checked against the minimum the journal accepts."""
    from coachjournal.safety import encryption

    if sys.stdin.isatty():
        passphrase = getpass.getpass("New passphrase: ")
        encryption.check_new_passphrase(passphrase)
        if getpass.getpass("Type it again: ") != passphrase:
            raise CoachJournalError("The two passphrases differ; nothing was changed.")
    else:
        passphrase = stdin_line("new passphrase")
        encryption.check_new_passphrase(passphrase)
    return passphrase


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``passphrase set`` and ``passphrase remove`` to the parser."""
    command = commands.add_parser(
        "passphrase",
        help="protect the journal with a passphrase, change it, or remove it",
        description="Encrypt the journal with a passphrase (set), change the passphrase (set, "
        "on a journal that has one), or decrypt it (remove). The current passphrase comes from "
        f"${PASSPHRASE_ENV} or --passphrase-stdin; the new one is asked twice on a terminal, or "
        "read from the next line of standard input. A lost passphrase cannot be recovered.",
    )
    actions = command.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, what in (
        ("set", "protect the journal with a new passphrase, or change its passphrase"),
        ("remove", "remove the passphrase: the journal is stored unencrypted again"),
    ):
        action = actions.add_parser(name, help=what, description=what[0].upper() + what[1:] + ".")
        journal_option(action)
    command.set_defaults(handler=_passphrase)


def _journal(options: argparse.Namespace) -> Path:
    journal = journal_of(options)
    if not journal.is_file():
        raise CoachJournalError(f"There is no journal at {journal}.")
    return journal


def _passphrase(options: argparse.Namespace) -> int:
    from coachjournal.safety import encryption
    from coachjournal.storage import db

    journal = _journal(options)
    encrypted = db.is_encrypted(journal)
    if options.action == "remove":
        if not encrypted:
            raise CoachJournalError(f"{journal} has no passphrase to remove.")
        done = encryption.decrypt_journal(journal, required_passphrase())
        print(f"Removed the passphrase of {journal}: it is stored unencrypted now.")
    elif encrypted:
        current = required_passphrase()
        db.connect_raw(journal, current).close()  # a wrong one is refused before asking more
        done = encryption.change_passphrase(journal, current, read_new_passphrase())
        print(f"Changed the passphrase of {journal}.")
    else:
        done = encryption.encrypt_journal(journal, read_new_passphrase())
        print(
            f"Protected {journal} with a passphrase. Keep it safe: without it nobody, "
            "you included, can open the journal again."
        )
    copies = len(done.converted) + len(done.backups)
    if copies:
        print(f"Converted {copies} backups to match.")
    if done.deleted:
        print(f"Deleted {len(done.deleted)} unencrypted copies that could not be converted.")
    if done.unreached:
        print(
            f"{len(done.unreached)} backups written earlier could not be reached or converted "
            "(moved, deleted or under another passphrase); they keep their old protection:"
        )
        for path in done.unreached:
            print(f"  {path}")
    return 0
