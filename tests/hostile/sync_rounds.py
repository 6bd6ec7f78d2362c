"""A computer syncing in a loop, for the SIGKILL test: opens a journal as the app does (its
lock, then the journal), then logs a touchpoint and runs a sync round, again and again,
printing ``ready`` once open and then each touchpoint's summary once the round that sent it has
finished. Run as ``python -m tests.hostile.sync_rounds JOURNAL FIRST``."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.lock import JournalLock
from coachjournal.sync import service


def main(path: Path, first: int) -> None:
    JournalLock(path).acquire()
    database = db.open_journal(path, create=False)
    manager = roster.list_managers()[0]
    print("ready", flush=True)
    for number in itertools.count(first):
        summary = f"Killed-round touchpoint {number}"
        touchpoints.log_touchpoint(
            manager.id,
            dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=number),
            TouchpointKind.ONE_ON_ONE,
            summary=summary,
            notes="Notes long enough to make the change file more than a few bytes. " * 20,
        )
        service.run_round(database)
        print(summary, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
