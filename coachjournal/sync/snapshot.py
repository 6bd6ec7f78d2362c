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

from peewee import DatabaseError, SqliteDatabase

from coachjournal.exchange import json_format
from coachjournal.sync import changes, clock, identity, merge
from coachjournal.sync.errors import SyncDataError
from coachjournal.sync.merge import Applied


def _records(db: SqliteDatabase) -> Iterator[dict[str, Any]]:
    base = changes.base_stamp(db)
    for table in identity.TABLES:
        created = dict(
            db.execute_sql(
                "SELECT uid, hlc FROM sync_row WHERE tbl = ? AND deleted IS NULL", (table.name,)
            ).fetchall()
        )
        fields: dict[str, dict[str, tuple[str, str]]] = {}
        for uid, field, stamp, seen in db.execute_sql(
            "SELECT uid, field, hlc, seen FROM sync_field WHERE tbl = ?", (table.name,)
        ):
            fields.setdefault(uid, {})[field] = (stamp, seen)
        for uid, values in changes.records(db, table):
            record: dict[str, Any] = {
                "table": table.name,
                "uid": uid,
                "op": "insert",
                "hlc": created.get(uid, base),
                "values": values,
            }
            own = fields.get(uid)
            if own:
                record["clocks"] = {field: stamp for field, (stamp, _seen) in own.items()}
                record["seen"] = {field: seen for field, (_stamp, seen) in own.items() if seen}
            yield record
    for name, uid, stamp, deleted in db.execute_sql(
        "SELECT tbl, uid, hlc, deleted FROM sync_row WHERE deleted IS NOT NULL ORDER BY tbl, uid"
    ).fetchall():
        yield {"table": name, "uid": uid, "op": "delete", "hlc": deleted, "seen": stamp}


def snapshot(db: SqliteDatabase) -> dict[str, Any]:
    """The whole synced journal (not drafts, not this computer's settings) with its clocks."""
    with db.atomic():
        db.execute_sql("UPDATE sync_state SET everything = 0")  # a writer from the start
        hlcs = clock.Clock(db)
        records = list(_records(db))
        aliases = [
            list(row)
            for row in db.execute_sql("SELECT tbl, uid, winner FROM sync_alias ORDER BY tbl, uid")
        ]
        now = clock.stamp(hlcs.ms, hlcs.count, hlcs.device)
        return {
            "device": hlcs.device,
            "base": changes.base_stamp(db),
            "hlc_from": changes.base_stamp(db),
            "hlc_to": now,
            "aliases": aliases,
            "changes": records,
        }


#: The tables that others link to.
_LINKED = frozenset(target for table in identity.TABLES for target in table.links.values())
#: Rows per ``executemany`` when a snapshot is loaded into an empty journal.
_CHUNK = 5_000


def load_snapshot(db: SqliteDatabase, snapshot: dict[str, Any]) -> Applied:
    """Apply a snapshot to this journal (empty or not; :func:`changes.enable` first): like
    applying every change in it.

    Into a journal that holds nothing yet (a computer joining), the records are written table
    by table in bulk, and the search indexes built once at the end, as the JSON import does:
    85,000 touchpoints would otherwise be merged one by one.
    """
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
    try:
        with json_format.collector_paused(), json_format.bulk_write_settings():
            with changes.applying(db):
                for alias in aliases:
                    db.execute_sql(
                        "INSERT OR IGNORE INTO sync_alias (tbl, uid, winner) VALUES (?, ?, ?)",
                        alias,
                    )
                if not _is_fresh(db) or not isinstance(base, str):
                    return merge.apply_checked(db, checked)
                clock.parts(base)
                db.execute_sql("UPDATE sync_state SET base = ?, everything = 0", (base,))
                with json_format.search_indexes_built_afterwards():
                    leftover = _bulk(db, checked, base)
                # One segment per index now: otherwise the first save after joining merges
                # the segments the build left (85,000 touchpoints: 15 s in the first round).
                for (index,) in db.execute_sql(json_format.FTS_TABLES_SQL).fetchall():
                    db.execute_sql(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
            applied = merge.apply_checked(db, leftover)
            applied.changed += len(checked) - len(leftover)
            return applied
    except (ValueError, DatabaseError) as error:
        raise SyncDataError(
            f"The snapshot from another computer cannot be stored here ({error}); nothing was "
            "applied. Update CoachJournal on both computers."
        ) from None


def _is_fresh(db: SqliteDatabase) -> bool:
    """Nothing in the journal yet, neither records nor sync bookkeeping."""
    if db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM sync_row) OR EXISTS (SELECT 1 FROM sync_change)"
    ).fetchone()[0]:
        return False
    return all(
        db.execute_sql(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is None
        for table in identity.TABLES
    )


def _bulk(db: SqliteDatabase, checked: list[merge.Change], base: str) -> list[merge.Change]:
    """Write the snapshot's records into an empty journal; return the changes left for the
    merge (tombstones, and records whose links name no record of the snapshot)."""
    by_table: dict[str, list[merge.Change]] = {}
    leftover: list[merge.Change] = []
    for change in checked:
        if change.op == "insert":
            by_table.setdefault(change.table.name, []).append(change)
        else:
            leftover.append(change)
    ids: dict[str, dict[str, int]] = {}
    for table in identity.TABLES:
        names = [table.identity, *table.fields]
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        rows: list[list[Any]] = []
        for change in by_table.pop(table.name, []):
            row = [change.uid]
            for name in table.fields:
                value = change.values[name]
                target = table.links.get(name)
                if target is not None and value is not None:
                    value = ids.get(target, {}).get(value)
                    if value is None:
                        leftover.append(change)
                        break
                row.append(value)
            else:
                rows.append(row)
                if change.hlc != base:
                    db.execute_sql(
                        "INSERT INTO sync_row (tbl, uid, hlc, deleted) VALUES (?, ?, ?, NULL)",
                        (table.name, change.uid, change.hlc),
                    )
                for field, stamp in change.clocks.items():
                    db.execute_sql(
                        "INSERT INTO sync_field (tbl, uid, field, hlc, seen) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (table.name, change.uid, field, stamp, change.seen.get(field, "")),
                    )
        for start in range(0, len(rows), _CHUNK):
            db.cursor().executemany(sql, rows[start : start + _CHUNK])
        if table.name in _LINKED:
            ids[table.name] = dict(db.execute_sql(f"SELECT uid, id FROM {table.name}").fetchall())
    return leftover
