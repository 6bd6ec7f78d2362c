"""A writer for the crash test: opens a journal as the app does (its lock, then the journal) and
logs touchpoints through the core in a loop, printing ``ready`` once open and then each
touchpoint's id once it is committed. Run as ``python -m tests.core.crash_writer JOURNAL``; an
encrypted journal's passphrase comes from ``$COACHJOURNAL_PASSPHRASE``."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
from pathlib import Path

from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.lock import JournalLock

KINDS = tuple(TouchpointKind)


def main(path: Path) -> None:
    JournalLock(path).acquire()
    db.open_journal(path, passphrase=os.environ.get("COACHJOURNAL_PASSPHRASE") or None)
    managers = roster.list_managers() or [roster.create_manager("Crash Test Manager")]
    print("ready", flush=True)
    start = dt.datetime(2026, 1, 1, 9)
    for number in itertools.count():
        record = touchpoints.log_touchpoint(
            managers[number % len(managers)].id,
            start + dt.timedelta(minutes=number),
            KINDS[number % len(KINDS)],
            [NewActionItem(f"Follow up on item {number}", Owner.ME)],
            summary=f"Touchpoint {number}",
            notes="Notes that make each commit span more than one page. " * (number % 80),
        )
        print(record.id, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
