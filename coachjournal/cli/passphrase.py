"""The command line's passphrase: where commands get it, and the ``passphrase`` command.

A passphrase never comes from an argument (it would be in the shell history and visible to
every process through ``ps``): only from ``$COACHJOURNAL_PASSPHRASE`` or, with the global
``--passphrase-stdin``, from a line of standard input. It is read only when a command meets an
encrypted journal, and at most once.

``coachjournal passphrase set`` protects a plain journal or changes the passphrase of an
encrypted one; ``coachjournal passphrase remove`` turns the protection off. The new passphrase
is asked twice on a terminal (without echo), or read from the next line of standard input.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from coachjournal.cli.options import journal_of, journal_option
from coachjournal.errors import CoachJournalError, PassphraseRequired

#: Environment variable holding the journal's passphrase for the command line.
PASSPHRASE_ENV = "COACHJOURNAL_PASSPHRASE"
LOCKED = (
    "This journal is locked with a passphrase: set COACHJOURNAL_PASSPHRASE or use "
    "--passphrase-stdin."
)


class _Source:
    """Where this process's passphrase comes from, and what was read from stdin so far."""

    stdin = False
    read = False
    value: str | None = None


def use_stdin(enabled: bool) -> None:
    """Take the passphrase from standard input (``--passphrase-stdin``) instead of the
    environment. Called once by :func:`coachjournal.cli.main`."""
    _Source.stdin = enabled
    _Source.read = False
    _Source.value = None


def _stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise CoachJournalError(f"Standard input ended before the {what}.")
    return line.removesuffix("\n").removesuffix("\r")


def supplied_passphrase() -> str | None:
    """The passphrase the user gave this process, if any: the first line of stdin with
    ``--passphrase-stdin`` (read on first use), else ``$COACHJOURNAL_PASSPHRASE``."""
    if _Source.stdin:
        if not _Source.read:
            _Source.value = _stdin_line("passphrase")
            _Source.read = True
        return _Source.value
    return os.environ.get(PASSPHRASE_ENV) or None


def passphrase_for(path: Path) -> str | None:
    """The passphrase to open the journal (or backup) at ``path``: None when the file is not
    encrypted (nothing is read then), else the one supplied. Raises
    :class:`PassphraseRequired` with :data:`LOCKED` when none was supplied."""
    from coachjournal.storage import db

    return _required() if db.is_encrypted(path) else None


def _required() -> str:
    passphrase = supplied_passphrase()
    if passphrase is None:
        raise PassphraseRequired(LOCKED)
    return passphrase


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
        passphrase = _stdin_line("new passphrase")
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
        done = encryption.decrypt_journal(journal, _required())
        print(f"Removed the passphrase of {journal}: it is stored unencrypted now.")
    elif encrypted:
        current = _required()
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
    return 0
