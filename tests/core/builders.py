"""Tiny journals with known dates, for the cadence, statistics and chart tests; and what a
journal file holds, for the tests that copy, convert and restore whole files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachjournal.coaching import roster
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Touchpoint, TouchpointAttendee, utcnow


def add_manager(name: str, *, added: dt.date = dt.date(2024, 1, 1), archived: bool = False) -> int:
    """A manager added to the journal on ``added`` (noon UTC: the same local day almost
    anywhere)."""
    manager_id = roster.create_manager(name).id
    Manager.update(created_at=dt.datetime.combine(added, dt.time(12)), archived=archived).where(
        Manager.id == manager_id
    ).execute()
    return manager_id


def log(
    manager_id: int,
    kind: TouchpointKind | str,
    when: dt.date | dt.datetime,
    *,
    minutes: int | None = None,
    mood: int | None = None,
    trashed: bool = False,
    with_managers: tuple[int, ...] = (),
) -> int:
    """A touchpoint at ``when`` (10:00 if only a day is given), attended by ``manager_id``
    and ``with_managers``."""
    at = when if isinstance(when, dt.datetime) else dt.datetime.combine(when, dt.time(10))
    touchpoint = Touchpoint.create(
        manager=manager_id,
        occurred_at=at,
        kind=TouchpointKind(kind).value,
        duration_minutes=minutes,
        mood=mood,
        deleted_at=utcnow() if trashed else None,
    )
    touchpoint_id: int = touchpoint.id
    for position, attendee in enumerate((manager_id, *with_managers)):
        TouchpointAttendee.create(touchpoint=touchpoint_id, manager=attendee, position=position)
    return touchpoint_id


def table_rows(path: Path, passphrase: str | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the journal at ``path``, in a stable order, read through a
    fresh connection: what "the same data" means when a file is copied or converted."""
    connection = db.connect_raw(path, passphrase)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()
