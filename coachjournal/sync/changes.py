"""Capture of local changes, and collecting them as a batch for the other computers.

Capture is done by SQLite: while sync is on, persistent triggers on every synced table record
each row inserted, updated (with the columns that changed) or deleted into ``sync_change``, in
the writer's own transaction. So every writer is covered — a screen of the app, the command
line, an import, an undo or redo, a cascade of a delete — and a change cannot be saved without
being recorded. The triggers are in the journal file itself (not TEMP), so they are there for
every connection that opens it; :func:`enable` creates them and :func:`disable` drops them.
While the engine applies another computer's changes, the ``applying`` flag of ``sync_state``
is set in the same transaction, and the triggers record nothing.

Clocks are kept compactly: one stamp per record (``sync_row``: when it was created here or
received) and one per field only for fields changed after that (``sync_field``, with what its
writer had seen of the field before), so a journal of 85,000 touchpoints does not need a
million clock rows. Records that were in the journal when sync was turned on have no row:
their clock is the journal's ``base`` stamp.

:func:`collect` stamps the recorded changes with the clock, turns them into a batch, and keeps
the batch in ``sync_outbox`` until :func:`confirm_collected` says it is safely written: a
crash in between collects the same batch again, so nothing is lost or stamped twice.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from peewee import SqliteDatabase

from coachjournal.exchange import json_format
from coachjournal.sync import clock, identity
from coachjournal.sync.errors import SyncError
from coachjournal.sync.identity import TABLES, SyncedTable

#: Milliseconds since 1970 as SQLite tells the time (``julianday`` keeps milliseconds).
_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
_NOT_APPLYING = "(SELECT applying FROM main.sync_state) = 0"


def _trigger_names(table: SyncedTable) -> list[str]:
    return [f"sync_capture_{table.name}_{op}" for op in ("insert", "update", "delete")]


def _triggers(table: SyncedTable) -> list[str]:
    """The three triggers that record every local change to ``table``.

    An update that takes a row's uid away is the row going (an undo of its creation clears the
    uid its trigger gave before deleting the row): it is recorded as a deletion of that uid.
    """
    name, key = table.name, table.identity
    insert, update, delete = _trigger_names(table)
    also_new = also_old = ""
    if name == "setting":
        also_new = f" AND NOT ({identity.local_setting_sql('new')})"
        also_old = f" AND NOT ({identity.local_setting_sql('old')})"
    record = "INSERT INTO sync_change (tbl, row_id, uid, op, fields, wall) "
    changed = " || ".join(
        f"CASE WHEN old.{field} IS NOT new.{field} THEN '{field},' ELSE '' END"
        for field in table.fields
    )
    return [
        f"CREATE TRIGGER {insert} AFTER INSERT ON main.{name} WHEN {_NOT_APPLYING}{also_new} "
        f"BEGIN {record}VALUES ('{name}', new.rowid, new.{key}, 'I', NULL, {_NOW_MS}); END",
        f"CREATE TRIGGER {update} AFTER UPDATE ON main.{name} "
        f"WHEN old.{key} IS NOT NULL AND {_NOT_APPLYING}{also_new} BEGIN {record}"
        f"SELECT '{name}', new.rowid, coalesce(new.{key}, old.{key}), "
        f"CASE WHEN new.{key} IS NULL THEN 'D' ELSE 'U' END, changed, {_NOW_MS} "
        f"FROM (SELECT {changed} AS changed) WHERE changed != '' OR new.{key} IS NULL; END",
        f"CREATE TRIGGER {delete} AFTER DELETE ON main.{name} "
        f"WHEN old.{key} IS NOT NULL AND {_NOT_APPLYING}{also_old} "
        f"BEGIN {record}VALUES ('{name}', old.rowid, old.{key}, 'D', NULL, {_NOW_MS}); END",
    ]


# --- On and off -------------------------------------------------------------------------------


def is_enabled(db: SqliteDatabase) -> bool:
    return db.execute_sql("SELECT 1 FROM sync_state").fetchone() is not None


def device_of(db: SqliteDatabase) -> str | None:
    row = db.execute_sql("SELECT device FROM sync_state").fetchone()
    return None if row is None else str(row[0])


def enable(db: SqliteDatabase, device: str) -> None:
    """Start syncing this journal as ``device`` (32 hex digits): capture starts, and the whole
    journal counts as changed, so the first batch (or a snapshot) carries it."""
    if not identity.is_uid(device):
        raise ValueError(f"not a device id: {device!r}")
    with db.atomic():
        if is_enabled(db):
            if device_of(db) == device:
                return
            raise SyncError("This journal already syncs; leave sync before setting it up again.")
        now = clock.wall_ms()
        db.execute_sql(
            "INSERT INTO sync_state (id, device, clock_ms, clock_count, base, applying, "
            "everything) VALUES (1, ?, ?, 0, ?, 0, 1)",
            (device, now, clock.stamp(now, 0, device)),
        )
        for table in TABLES:
            for trigger in _triggers(table):
                db.execute_sql(trigger)


def disable(db: SqliteDatabase) -> None:
    """Stop syncing: capture stops and the sync state is forgotten; the journal's data stay."""
    with db.atomic():
        for table in TABLES:
            for trigger in _trigger_names(table):
                db.execute_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        for name in (
            "sync_state",
            "sync_change",
            "sync_outbox",
            "sync_row",
            "sync_field",
            "sync_heard",
            "sync_alias",
            "sync_pending",
            "sync_conflict",
            "sync_local",
        ):
            db.execute_sql(f"DELETE FROM {name}")


@contextmanager
def applying(db: SqliteDatabase) -> Iterator[None]:
    """A transaction whose writes are the engine's own (another computer's changes, a repair):
    captured as nothing. Refused with :class:`SyncError` while sync is off."""
    if not is_enabled(db):
        raise SyncError("Sync is not set up for this journal, so nothing was applied.")
    with db.atomic():
        db.execute_sql("UPDATE sync_state SET applying = 1")
        yield
        db.execute_sql("UPDATE sync_state SET applying = 0")


# --- Values and clocks ------------------------------------------------------------------------


def _selected(table: SyncedTable, name: str) -> str:
    """How a field is read: a link as the linked record's uid."""
    target = table.links.get(name)
    if target is None:
        return f"t.{name}"
    key = identity.BY_NAME[target].identity
    return f"(SELECT {key} FROM {target} WHERE id = t.{name})"


def records(
    db: SqliteDatabase, table: SyncedTable, where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The table's records (``where`` a condition on ``t``) as a batch holds them: their uid,
    and every field, links as the linked record's uid; in uid order. One query per table, so
    a snapshot of 300,000 records reads each table once."""
    columns = json_format.COLUMNS[table.name]
    convert = [
        (index, columns[name])
        for index, name in enumerate(table.fields)
        if name not in table.links and json_format.converted(columns[name])
    ]
    selected = ", ".join(_selected(table, name) for name in table.fields)
    conditions = [c for c in (where, identity.travelling(table, "t")) if c]
    clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    cursor = db.execute_sql(
        f"SELECT t.{table.identity}, {selected} FROM {table.name} AS t{clause} "
        f"ORDER BY t.{table.identity}",
        params,
    )
    for uid, *values in cursor:
        for index, column in convert:
            values[index] = json_format.file_value(column, values[index])
        yield uid, dict(zip(table.fields, values, strict=True))


def row_values(db: SqliteDatabase, table: SyncedTable, uid: str) -> dict[str, Any] | None:
    """The record's fields as a batch holds them, or None if there is no such record here."""
    for _uid, values in records(db, table, f"t.{table.identity} = ?", (uid,)):
        return values
    return None


def base_stamp(db: SqliteDatabase) -> str:
    return str(db.execute_sql("SELECT base FROM sync_state").fetchone()[0])


def row_clock(db: SqliteDatabase, table: str, uid: str) -> tuple[str | None, str | None]:
    """The record's own stamp and its tombstone's, (None, None) for a record never stamped."""
    row = db.execute_sql(
        "SELECT hlc, deleted FROM sync_row WHERE tbl = ? AND uid = ?", (table, uid)
    ).fetchone()
    return (None, None) if row is None else (row[0], row[1])


def field_clocks(
    db: SqliteDatabase, table: str, uid: str, base: str
) -> tuple[str, dict[str, tuple[str, str]]]:
    """The record's stamp (``base`` if it has none) and its fields' own (stamp, seen)."""
    created, _deleted = row_clock(db, table, uid)
    fields = {
        field: (hlc, seen)
        for field, hlc, seen in db.execute_sql(
            "SELECT field, hlc, seen FROM sync_field WHERE tbl = ? AND uid = ?", (table, uid)
        )
    }
    return created or base, fields


# --- Collecting -------------------------------------------------------------------------------


@dataclasses.dataclass
class _Recorded:
    """What was recorded of one record since the last collect."""

    inserted: bool = False
    fields: set[str] = dataclasses.field(default_factory=set)
    wall: int = 0
    #: In the journal when sync was turned on, and not changed since: stamped ``base``.
    initial: bool = False


def recorded(db: SqliteDatabase, everything: bool) -> tuple[dict[tuple[str, str], _Recorded], int]:
    """The records changed since the last collect (in the order first changed), and the last
    ``sync_change`` row read."""
    records: dict[tuple[str, str], _Recorded] = {}
    if everything:
        for table in TABLES:
            travelling = identity.travelling(table, table.name)
            for (uid,) in db.execute_sql(
                f"SELECT {table.identity} FROM {table.name} "
                f"{'WHERE ' + travelling if travelling else ''} ORDER BY rowid"
            ):
                records[table.name, uid] = _Recorded(inserted=True, initial=True)
    last = 0
    for seq, tbl, row_id, uid, op, fields, wall in db.execute_sql(
        "SELECT seq, tbl, row_id, uid, op, fields, wall FROM sync_change ORDER BY seq"
    ).fetchall():
        last = seq
        if uid is None:  # inserted before its uid was given: the row as it is now
            row = db.execute_sql(
                f"SELECT {identity.BY_NAME[tbl].identity} FROM {tbl} WHERE rowid = ?", (row_id,)
            ).fetchone()
            if row is None or row[0] is None:
                continue
            uid = row[0]
        record = records.setdefault((tbl, uid), _Recorded())
        record.wall = max(record.wall, wall)
        record.initial = False
        if op == "I":
            record.inserted = True
        elif op == "U":
            record.fields.update(fields.split(",")[:-1])
    return records, last


def collect(db: SqliteDatabase) -> dict[str, Any] | None:
    """The local changes not yet sent, as a batch (None if there are none); the same batch
    again until :func:`confirm_collected` is called with it."""
    if not is_enabled(db):
        return None
    with db.atomic():
        kept = db.execute_sql("SELECT batch FROM sync_outbox").fetchone()
        if kept is not None:
            batch: dict[str, Any] = json.loads(kept[0])
            return batch
        everything = bool(db.execute_sql("SELECT everything FROM sync_state").fetchone()[0])
        records, last = recorded(db, everything)
        hlcs = clock.Clock(db)
        base = base_stamp(db)
        # Records of a table after those of the tables it links to: a record and its rows
        # brought back together (an undo) arrive in an order that can be applied.
        order = {table.name: index for index, table in enumerate(TABLES)}
        stamped = (
            _stamped(db, hlcs, base, table, uid, record)
            for (table, uid), record in sorted(records.items(), key=lambda item: order[item[0][0]])
        )
        changes = [change for change in stamped if change is not None]
        db.execute_sql("DELETE FROM sync_change WHERE seq <= ?", (last,))
        db.execute_sql("UPDATE sync_state SET everything = 0")
        hlcs.save()
        if not changes:
            return None
        batch = {
            "device": hlcs.device,
            "hlc_from": min(change["hlc"] for change in changes),
            "hlc_to": max(change["hlc"] for change in changes),
            "changes": changes,
        }
        db.execute_sql(
            "INSERT INTO sync_outbox (id, batch) VALUES (1, ?)",
            (json.dumps(batch, ensure_ascii=False, sort_keys=True),),
        )
        return batch


def _stamped(
    db: SqliteDatabase,
    hlcs: clock.Clock,
    base: str,
    name: str,
    uid: str,
    record: _Recorded,
) -> dict[str, Any] | None:
    """One record's change, stamped now, its clocks written down."""
    table = identity.BY_NAME[name]
    created, deleted = row_clock(db, name, uid)
    if record.initial:  # as old as sync here, or received: sent with the stamp it has
        if created is not None or deleted is not None:
            return None
        values = row_values(db, table, uid)
        return {"table": name, "uid": uid, "op": "insert", "hlc": base, "values": values}
    hlc = hlcs.tick(record.wall or None)
    current, fields = field_clocks(db, name, uid, base)
    values = row_values(db, table, uid)
    if values is None:
        latest = max([current, *(stamp for stamp, _seen in fields.values())])
        db.execute_sql(
            "INSERT INTO sync_row (tbl, uid, hlc, deleted) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, uid) DO UPDATE SET deleted = excluded.deleted",
            (name, uid, latest, hlc),
        )
        db.execute_sql("DELETE FROM sync_field WHERE tbl = ? AND uid = ?", (name, uid))
        return {"table": name, "uid": uid, "op": "delete", "hlc": hlc, "seen": latest}
    # A record with no clock of its own and not inserted since is as old as sync here (a
    # joined journal's records carry the snapshot's stamp): its edit is an update, not a new
    # record, or the other computer takes its own unchanged text for a rival.
    if record.inserted or deleted is not None:
        db.execute_sql(
            "INSERT OR REPLACE INTO sync_row (tbl, uid, hlc, deleted) VALUES (?, ?, ?, NULL)",
            (name, uid, hlc),
        )
        db.execute_sql("DELETE FROM sync_field WHERE tbl = ? AND uid = ?", (name, uid))
        return {"table": name, "uid": uid, "op": "insert", "hlc": hlc, "values": values}
    changed = sorted(field for field in record.fields if field in values)
    seen = {field: fields.get(field, (current, ""))[0] for field in changed}
    for field in changed:
        db.execute_sql(
            "INSERT OR REPLACE INTO sync_field (tbl, uid, field, hlc, seen) VALUES (?, ?, ?, ?, ?)",
            (name, uid, field, hlc, seen[field]),
        )
    return {
        "table": name,
        "uid": uid,
        "op": "update",
        "hlc": hlc,
        "values": {field: values[field] for field in changed},
        "seen": seen,
    }


def confirm_collected(db: SqliteDatabase, batch: dict[str, Any]) -> None:
    """The batch from :func:`collect` is durably written: it is not collected again."""
    with db.atomic():
        kept = db.execute_sql("SELECT batch FROM sync_outbox").fetchone()
        if kept is not None and json.loads(kept[0]).get("hlc_to") == batch.get("hlc_to"):
            db.execute_sql("DELETE FROM sync_outbox")
