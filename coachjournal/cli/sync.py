"""The ``sync`` command: one sync round from a terminal, or setting sync up, or joining.

``coachjournal sync --db PATH`` runs one round (as the app does on start and after saves) and
says in words what it sent and received. ``--set-up FOLDER`` makes FOLDER the journal's sync
folder; ``--join FOLDER --db NEW`` builds a new journal from a sync folder on a second computer.
The sync passphrase is asked on a terminal without echo (twice when it is new), or read from
the next line of standard input, after the journal's own passphrase when ``--passphrase-stdin``
gives that too. A joined journal is encrypted with the journal passphrase when one is supplied
($COACHJOURNAL_PASSPHRASE or --passphrase-stdin). Like every writing command, it is refused
while the app has the journal open.
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
    opened_journal,
    stdin_line,
    supplied_passphrase,
)
from coachjournal.errors import CoachJournalError
from coachjournal.storage import lock


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``sync`` to the parser."""
    command = commands.add_parser(
        "sync",
        help="sync the journal with your other computer through a folder (one round)",
        description="Run one sync round: write this computer's changes into the sync folder, "
        "read and merge the other computers', and say what happened. --set-up FOLDER starts "
        "syncing the journal through FOLDER (a folder your own sync service, USB stick or "
        "network drive carries between computers); --join FOLDER --db NEW builds a new journal "
        "from that folder on another computer. The sync passphrase is asked on a terminal, or "
        "read from the next line of standard input; a journal's own passphrase comes from "
        f"${PASSPHRASE_ENV} or --passphrase-stdin (a joined journal is encrypted with it).",
    )
    journal_option(command)
    how = command.add_mutually_exclusive_group()
    how.add_argument(
        "--set-up", type=Path, metavar="FOLDER", help="start syncing this journal through FOLDER"
    )
    how.add_argument(
        "--join", type=Path, metavar="FOLDER", help="build the new journal --db from FOLDER"
    )
    command.set_defaults(handler=_sync)


def _sync_passphrase(new: bool) -> str:
    """The sync passphrase: asked without echo on a terminal (twice when ``new``), else the
    next line of standard input."""
    if new:
        from coachjournal.cli.passphrase import read_new_passphrase

        return read_new_passphrase()
    if sys.stdin.isatty():
        return getpass.getpass("Sync passphrase: ")
    return stdin_line("sync passphrase")


def _sync(options: argparse.Namespace) -> int:
    from coachjournal.sync import service

    journal = journal_of(options)
    if options.join is not None:
        if getattr(options, "db", None) is None:
            raise CoachJournalError("Name the new journal to build with --db PATH.")
        journal_passphrase = supplied_passphrase()
        target = service.join(
            options.join, _sync_passphrase(new=False), journal, journal_passphrase
        )
        print(f"Built {target} from the sync folder; it syncs with your other computers now.")
        return 0
    if not journal.is_file():
        raise CoachJournalError(f"There is no journal at {journal}.")
    with lock.JournalLock(journal), opened_journal(journal):
        from coachjournal.storage.models import database as opened

        database = opened.obj
        if options.set_up is not None:
            passphrase = _sync_passphrase(new=True)
            service.set_up(database, options.set_up, passphrase)
            folder = service.status(database).folder
            print(
                f"This journal syncs through {folder} now. On your other computer, join it "
                f"with: coachjournal sync --join '{options.set_up}' --db NEW-JOURNAL"
            )
            return 0
        state = service.status(database)
        if not state.enabled:
            raise CoachJournalError(
                f"{journal} does not sync yet: set it up with --set-up FOLDER, or build a new "
                "journal from a sync folder with --join FOLDER --db NEW."
            )
        if state.paused:
            print("Sync is paused on this computer: resume it in the app's Settings.")
            return 0
        report = service.run_round(database)
        print(report.in_words())
    return 0
