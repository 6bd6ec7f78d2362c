"""The whole synced journal with its clocks, for a new computer to start from.

A snapshot is a batch whose changes are every record (as an insertion stamped when it was
created, with the stamps of the fields changed since), every tombstone, and the aliases of
records found to be one: loading it is applying it, so a snapshot and the changes after it
give the same journal as every change since the start. Records as old as sync itself carry the
journal's ``base`` stamp; a journal that loads a snapshot with nothing of its own takes that
base as its own, so it needs no clock row for them either.

Taking a snapshot counts as sending the whole journal (see :func:`changes.enable`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peewee import SqliteDatabase

from coachjournal.sync import changes, clock, identity, merge
from coachjournal.sync.errors import SyncDataError
from coachjournal.sync.merge import Applied


def _records(db: SqliteDatabase) -> Iterator[dict[str, Any]]:
    base = changes.base_stamp(db)
    uids = changes.UidCache(db)
    for table in identity.TABLES:
        local = (
            f" WHERE NOT ({identity.local_setting_sql('setting')})"
            if table.name == "setting"
            else ""
        )
        for (uid,) in db.execute_sql(
            f"SELECT {table.identity} FROM {table.name}{local} ORDER BY {table.identity}"
        ).fetchall():
            created, fields = changes.field_clocks(db, table.name, uid, base)
            values = changes.row_values(db, table, uid, table.fields, uids)
            record: dict[str, Any] = {
                "table": table.name,
                "uid": uid,
                "op": "insert",
                "hlc": created,
                "values": values,
            }
            if fields:
                record["clocks"] = {field: stamp for field, (stamp, _seen) in fields.items()}
                record["seen"] = {field: seen for field, (_stamp, seen) in fields.items() if seen}
            yield record
    for name, uid, created, deleted in db.execute_sql(
        "SELECT tbl, uid, hlc, deleted FROM sync_row WHERE deleted IS NOT NULL ORDER BY tbl, uid"
    ).fetchall():
        yield {"table": name, "uid": uid, "op": "delete", "hlc": deleted, "seen": created}


def snapshot(db: SqliteDatabase) -> dict[str, Any]:
    """The whole synced journal (not drafts, not this computer's settings) with its clocks."""
    with db.atomic():
        hlcs = clock.Clock(db)
        records = list(_records(db))
        aliases = [
            list(row)
            for row in db.execute_sql("SELECT tbl, uid, winner FROM sync_alias ORDER BY tbl, uid")
        ]
        db.execute_sql("UPDATE sync_state SET everything = 0")
        now = clock.stamp(hlcs.ms, hlcs.count, hlcs.device)
        return {
            "device": hlcs.device,
            "base": changes.base_stamp(db),
            "hlc_from": changes.base_stamp(db),
            "hlc_to": now,
            "aliases": aliases,
            "changes": records,
        }


def load_snapshot(db: SqliteDatabase, snapshot: dict[str, Any]) -> Applied:
    """Apply a snapshot to this journal (empty or not): like applying every change in it."""
    checked = merge.check_batch(snapshot)
    aliases = snapshot.get("aliases", [])
    if not isinstance(aliases, list) or not all(
        isinstance(alias, list) and len(alias) == 3 and all(isinstance(a, str) for a in alias)
        for alias in aliases
    ):
        raise SyncDataError(
            "The snapshot from another computer is not one this journal can read; nothing "
            "was applied. Update CoachJournal on both computers."
        )
    base = snapshot.get("base")
    with changes.applying(db):
        fresh = db.execute_sql(
            "SELECT NOT EXISTS (SELECT 1 FROM sync_row) AND NOT EXISTS (SELECT 1 FROM sync_change)"
        ).fetchone()[0]
        if fresh and isinstance(base, str) and not _holds_records(db):
            clock.parts(base)
            db.execute_sql("UPDATE sync_state SET base = ?", (base,))
        for alias in aliases:
            db.execute_sql(
                "INSERT OR IGNORE INTO sync_alias (tbl, uid, winner) VALUES (?, ?, ?)", alias
            )
        return merge.apply_checked(db, checked)


def _holds_records(db: SqliteDatabase) -> bool:
    return any(
        db.execute_sql(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is not None
        for table in identity.TABLES
    )
