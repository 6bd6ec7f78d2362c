"""Applying another computer's changes: field by field, the later stamp winning, no text lost.

The rules, each deterministic so that every journal that has applied the same batches, in any
order and however often, holds the same rows:

- **Later wins, per field.** A field takes an incoming value whose stamp is later than the
  stamp of the value it holds; an earlier one changes nothing. Applying a batch twice, or an
  older one after a newer, therefore changes nothing.
- **Text is never lost.** When a text the user types was edited on two computers since they
  last met (the losing edit's writer had not seen the other), the loser goes to
  ``sync_conflict``, whichever side it lost on. A local edit not collected yet always wins here
  (it will be stamped later than anything received), its rival text kept as a conflict.
- **Deletes win.** A tombstone deletes the record unless the record was created again later
  (an undo of the delete); edits to a deleted record are dropped, their text kept as
  conflicts.
- **Links by uid.** A change whose link names a record not received yet waits in
  ``sync_pending`` until it arrives; one whose linked record was deleted goes with it (or, for
  a link that may be empty, loses the link), as a cascade would have done.
- **Same thing, one record.** A new record that matches one already here by a natural key
  (:data:`coachjournal.sync.identity.TABLES`' ``natural_keys``) becomes one record under the
  smaller uid on every side; the larger uid is remembered as an alias.
- **Repairs.** After the changes, motivator ranks that two computers gave the same number are
  renumbered, and every touchpoint has its own manager first among its attendees.

Values are checked before anything is written, with the rules the editors and the JSON import
apply; a batch that breaks one raises :class:`SyncDataError` and changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from peewee import DatabaseError, SqliteDatabase

from coachjournal.exchange import json_format
from coachjournal.storage.models import utcnow
from coachjournal.sync import changes, clock, identity
from coachjournal.sync.errors import SyncDataError
from coachjournal.sync.identity import SyncedTable

_OPS = ("insert", "update", "delete")


@dataclasses.dataclass
class Applied:
    """What applying did: records changed, conflicts found, changes skipped (older than what
    the journal holds, or waiting for a record they refer to), and the local ids of the
    managers whose data changed (for the screens to refresh)."""

    changed: int = 0
    conflicts: int = 0
    skipped: int = 0
    managers: set[int] = dataclasses.field(default_factory=set)


@dataclasses.dataclass
class Change:
    """One change of a batch, checked: values as the database stores them (links still uids)."""

    table: SyncedTable
    uid: str
    op: str
    hlc: str
    values: dict[str, Any]
    #: Per field, the stamp of the value the writer had seen (a tombstone: of the record).
    seen: dict[str, str]
    #: Per field, its own stamp where it differs from ``hlc`` (a snapshot's records).
    clocks: dict[str, str]

    @property
    def raw(self) -> dict[str, Any]:
        """As a batch holds it (values as stored, which :func:`check_change` reads back)."""
        return {
            "table": self.table.name,
            "uid": self.uid,
            "op": self.op,
            "hlc": self.hlc,
            "values": self.values,
            "seen": self.seen,
            "clocks": self.clocks,
        }


def _fault(change: Any, what: str) -> SyncDataError:
    where = ""
    if isinstance(change, Mapping):
        where = f" ({change.get('table')} {change.get('uid')})"
    return SyncDataError(
        f"Changes from another computer hold a value this journal cannot store{where}: {what}. "
        "None of them was applied; update CoachJournal on both computers."
    )


def _stamp(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return clock.received(value)


def check_change(change: Any, stored: bool = False) -> Change:
    """The change as :class:`Change`, or :class:`SyncDataError` saying what is wrong;
    ``stored``: its values are as the database stores them (a change kept waiting here)."""
    if not isinstance(change, Mapping):
        raise _fault(change, "a change is not an object")
    table = identity.BY_NAME.get(change.get("table"))  # type: ignore[arg-type]
    if table is None:
        raise _fault(change, "unknown table")
    uid = change.get("uid")
    good_uid = identity.is_uid(uid) or (table.name == "setting" and isinstance(uid, str))
    if not good_uid or change.get("op") not in _OPS:
        raise _fault(change, "no valid uid or operation")
    try:
        hlc = _stamp(change.get("hlc"))
        raw_seen = change.get("seen", {})
        if change["op"] == "delete":
            seen = {"": _stamp(raw_seen) if raw_seen else clock.NEVER}
        else:
            seen = {str(k): _stamp(v) if v else clock.NEVER for k, v in dict(raw_seen).items()}
        clocks = {str(k): _stamp(v) for k, v in dict(change.get("clocks", {})).items()}
    except clock.TooFarAhead:
        raise _fault(
            change,
            "it was made more than 30 days ahead of this computer's clock (check the date "
            "and time of both computers)",
        ) from None
    except (ValueError, TypeError, AttributeError):
        raise _fault(change, "a clock stamp is not one") from None
    values: dict[str, Any] = {}
    raw_values = change.get("values", {})
    if not isinstance(raw_values, Mapping):
        raise _fault(change, "its values are not an object")
    columns = json_format.COLUMNS[table.name]
    for name, value in raw_values.items():
        if name not in table.fields:
            raise _fault(change, f"unknown field {name!r}")
        if name in table.links:
            if value is not None and not identity.is_uid(value):
                raise _fault(change, f"'{name}' is no uid")
            values[name] = value
            continue
        if stored:
            values[name] = value
            continue
        column = columns[name]
        try:
            if type(value) is column.fast and column.check is not None:
                values[name] = column.check(value)
            elif value is None and column.null:
                values[name] = None
            else:
                values[name] = json_format.to_database(column, value)
        except ValueError as error:
            raise _fault(change, f"'{name}' {error}") from None
    if change["op"] == "insert":
        for name in table.fields:
            if name in values:
                continue
            if columns[name].required:
                raise _fault(change, f"'{name}' is missing")
            values[name] = json_format.default_value(columns[name])
    return Change(table, str(uid), change["op"], hlc, values, seen, clocks)


def check_batch(batch: Any) -> list[Change]:
    if not isinstance(batch, Mapping) or not isinstance(batch.get("changes"), list):
        raise _fault(None, "the batch holds no list of changes")
    return [check_change(change) for change in batch["changes"]]


class _Pending(Exception):  # noqa: N818 (a signal within this module, never raised out)
    """The change refers to a record not received yet."""


class _Dropped(Exception):  # noqa: N818
    """The change refers to a deleted record and goes with it (``args[0]``: the stamp of
    that record's tombstone)."""


class Merger:
    """Applies checked changes to the open journal, within :func:`changes.applying`."""

    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db
        self.applied = Applied()
        self.clock = clock.Clock(db)
        self.base = changes.base_stamp(db)
        self.local, _last = changes.recorded(db, everything=False)
        self.touchpoints: set[int] = set()
        self.ranked: set[int] = set()

    # --- Lookups ------------------------------------------------------------------------------

    def _sql(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        return self.db.execute_sql(sql, params)

    def winner(self, table: str, uid: str) -> str:
        row = self._sql(
            "SELECT winner FROM sync_alias WHERE tbl = ? AND uid = ?", (table, uid)
        ).fetchone()
        return uid if row is None else str(row[0])

    def local_id(self, table: str, uid: str) -> int | None:
        row = self._sql(
            f"SELECT id FROM {table} WHERE {identity.BY_NAME[table].identity} = ?", (uid,)
        ).fetchone()
        return None if row is None else int(row[0])

    def _linked(self, change: Change, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` with links as local ids; raises _Pending or _Dropped."""
        out = dict(values)
        for name, target in change.table.links.items():
            uid = values.get(name)
            if name not in values or uid is None:
                continue
            uid = self.winner(target, uid)
            local = self.local_id(target, uid)
            if local is not None:
                out[name] = local
                continue
            _created, deleted = changes.row_clock(self.db, target, uid)
            if deleted is None:  # not here yet
                raise _Pending
            if name in change.table.cascades:
                if change.op == "insert":
                    raise _Dropped(deleted)
                del out[name]
            else:
                out[name] = None
        return out

    def manager_of(self, table: str, row_id: int) -> int | None:
        if table == "manager":
            return row_id
        if table in ("trait_rating", "trait_evidence"):
            row = self._sql(
                f"SELECT t.manager_id FROM {table} AS r JOIN trait AS t ON t.id = r.trait_id "
                "WHERE r.rowid = ?",
                (row_id,),
            ).fetchone()
        elif "manager_id" in identity.BY_NAME[table].fields:
            row = self._sql(f"SELECT manager_id FROM {table} WHERE rowid = ?", (row_id,)).fetchone()
        else:
            return None
        return None if row is None or row[0] is None else int(row[0])

    def _touched(self, table: str, row_id: int) -> None:
        manager = self.manager_of(table, row_id)
        if manager is not None:
            self.applied.managers.add(manager)
        if table == "motivator" and manager is not None:
            self.ranked.add(manager)
        if table == "touchpoint":
            self.touchpoints.add(row_id)
        elif table == "touchpoint_attendee":
            row = self._sql(
                "SELECT touchpoint_id FROM touchpoint_attendee WHERE id = ?", (row_id,)
            ).fetchone()
            if row is not None:
                self.touchpoints.add(int(row[0]))

    # --- Conflicts ----------------------------------------------------------------------------

    def conflict(self, table: str, uid: str, field: str, text: Any, hlc: str) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        cursor = self._sql(
            "INSERT OR IGNORE INTO sync_conflict (tbl, uid, field, other_text, other_hlc, "
            "found_at) VALUES (?, ?, ?, ?, ?, ?)",
            (table, uid, field, text, hlc, str(utcnow())),
        )
        self.applied.conflicts += cursor.rowcount

    # --- Applying -----------------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        self.clock.receive(change.hlc)
        try:
            if change.op == "delete":
                self._delete(change)
            else:
                self._upsert(change)
        except _Pending:
            self._sql("INSERT INTO sync_pending (change) VALUES (?)", (_dumps(change.raw),))
            self.applied.skipped += 1
        except _Dropped as dropped:
            if self._drop_or_wait(change, dropped.args[0]):
                self._sql("INSERT INTO sync_pending (change) VALUES (?)", (_dumps(change.raw),))
            self.applied.skipped += 1

    def _drop_or_wait(self, change: Change, deleted: str) -> bool:
        """Drop a change whose linked record was deleted; True if it waits all the same: made
        after that delete, it may belong to the record brought back (an undo) later."""
        self._drop(change, deleted)
        return deleted < change.hlc

    def _drop(self, change: Change, deleted: str) -> None:
        """A new record whose parent was deleted goes with it: its text is kept as conflicts,
        and it counts as deleted when its parent was (its own changes are dropped too)."""
        uid = self.winner(change.table.name, change.uid)
        for field in sorted(change.table.texts & change.values.keys()):
            self.conflict(
                change.table.name, uid, field, change.values[field], self._at(change, field)
            )
        self._tombstone(change.table.name, uid, change.hlc, deleted)

    def _tombstone(self, table: str, uid: str, created: str, deleted: str) -> None:
        self._sql(
            "INSERT INTO sync_row (tbl, uid, hlc, deleted) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, uid) DO UPDATE SET deleted = max(coalesce(deleted, ''), "
            "excluded.deleted)",
            (table, uid, created, deleted),
        )
        self._sql("DELETE FROM sync_field WHERE tbl = ? AND uid = ?", (table, uid))
        self._sql("DELETE FROM sync_heard WHERE tbl = ? AND uid = ?", (table, uid))

    def retry_pending(self) -> None:
        """Apply the waiting changes whose records have arrived, until no more can be."""
        while True:
            progress = False
            for row_id, text in self._sql("SELECT id, change FROM sync_pending ORDER BY id"):
                change = check_change(json.loads(text), stored=True)
                try:
                    if change.op == "delete":
                        self._delete(change)
                    else:
                        self._upsert(change)
                except _Pending:
                    continue
                except _Dropped as dropped:
                    if self._drop_or_wait(change, dropped.args[0]):
                        continue
                self._sql("DELETE FROM sync_pending WHERE id = ?", (row_id,))
                progress = True
            if not progress:
                return

    def _pending_local(self, table: str, uid: str) -> changes._Recorded | None:
        return self.local.get((table, uid))

    def _delete(self, change: Change) -> None:
        table, name = change.table, change.table.name
        uid = self.winner(name, change.uid)
        created, deleted = changes.row_clock(self.db, name, uid)
        row = self._sql(f"SELECT rowid FROM {name} WHERE {table.identity} = ?", (uid,)).fetchone()
        if row is not None and (created or self.base) > change.hlc:
            self.applied.skipped += 1  # created again (an undo) after this delete
            return
        if deleted is not None and deleted >= change.hlc:
            self.applied.skipped += 1
            return
        if row is not None:
            self._keep_unseen_text(change, uid)
            self._touched(name, row[0])
            self._delete_orphans(name, row[0], change.hlc)
            self._sql(f"DELETE FROM {name} WHERE rowid = ?", (row[0],))
            self.applied.changed += 1
        self._tombstone(name, uid, max(created or self.base, change.seen[""]), change.hlc)

    def _children(self, name: str, row_id: int) -> list[tuple[SyncedTable, int]]:
        """The rows that a delete of this one cascades to, the deepest first."""
        found: list[tuple[SyncedTable, int]] = []
        for child in identity.TABLES:
            for link in sorted(child.cascades):
                if child.links[link] != name:
                    continue
                for (child_id,) in self._sql(
                    f"SELECT rowid FROM {child.name} WHERE {link} = ? ORDER BY rowid", (row_id,)
                ).fetchall():
                    found += self._children(child.name, child_id)
                    found.append((child, child_id))
        return found

    def _delete_orphans(self, name: str, row_id: int, deleted: str) -> None:
        """Rows that a delete here would take along but its writer did not know of (made here
        meanwhile; the ones it knew come with their own tombstones, applied first): deleted as
        the writer's side will drop them (not handed over to another attendee, as a manager's
        delete here would), their text kept as conflicts."""
        for child, child_id in self._children(name, row_id):
            row = self._sql(
                f"SELECT {child.identity} FROM {child.name} WHERE rowid = ?", (child_id,)
            ).fetchone()
            if row is None:
                continue
            uid = row[0]
            created, fields = changes.field_clocks(self.db, child.name, uid, self.base)
            texts = sorted(child.texts)
            if texts:
                values = self._sql(
                    f"SELECT {', '.join(texts)} FROM {child.name} WHERE rowid = ?", (child_id,)
                ).fetchone()
                for field, value in zip(texts, values, strict=True):
                    self.conflict(
                        child.name, uid, field, value, fields.get(field, (created, ""))[0]
                    )
            self._touched(child.name, child_id)
            self._sql(f"DELETE FROM {child.name} WHERE rowid = ?", (child_id,))
            self._tombstone(child.name, uid, created, deleted)

    def _keep_unseen_text(self, change: Change, uid: str) -> None:
        """Texts edited after the deleter last saw the record go to conflicts."""
        table = change.table
        if not table.texts:
            return
        created, fields = changes.field_clocks(self.db, table.name, uid, self.base)
        texts = sorted(table.texts)
        row = self._sql(
            f"SELECT {', '.join(texts)} FROM {table.name} WHERE {table.identity} = ?", (uid,)
        ).fetchone()
        local = self._pending_local(table.name, uid)
        seen = change.seen.get("", clock.NEVER)
        for name, value in zip(texts, row, strict=True):
            stamp = fields.get(name, (created, ""))[0]
            if stamp > seen or (local is not None and name in local.fields):
                self.conflict(table.name, uid, name, value, stamp)

    def _upsert(self, change: Change) -> None:
        table, name = change.table, change.table.name
        uid = self.winner(name, change.uid)
        row = self._sql(f"SELECT rowid FROM {name} WHERE {table.identity} = ?", (uid,)).fetchone()
        if row is None:
            created, deleted = changes.row_clock(self.db, name, uid)
            local = self._pending_local(name, uid)
            gone_here = local is not None or (deleted is not None and deleted >= change.hlc)
            if change.op == "update" and created is None and deleted is None and local is None:
                raise _Pending
            if change.op == "update" or gone_here:
                for field in table.texts & change.values.keys():
                    self.conflict(name, uid, field, change.values[field], self._at(change, field))
                self.applied.skipped += 1
                return
            linked = self._linked(change, change.values)
            same = self._same_thing(change, linked)
            if same is None:
                self._insert(change, uid, linked)
                return
            uid = self._join(name, uid, same)
        self._merge(change, uid)

    def _at(self, change: Change, field: str) -> str:
        return change.clocks.get(field, change.hlc)

    def _insert(self, change: Change, uid: str, linked: dict[str, Any]) -> None:
        table = change.table
        names = [table.identity, *linked]
        cursor = self._sql(
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})",
            [uid, *linked.values()],
        )
        if change.hlc != self.base:  # records as old as sync itself need no clock row
            self._sql(
                "INSERT OR REPLACE INTO sync_row (tbl, uid, hlc, deleted) VALUES (?, ?, ?, NULL)",
                (table.name, uid, change.hlc),
            )
        for field, stamp in change.clocks.items():
            if field in linked:
                self._sql(
                    "INSERT INTO sync_field (tbl, uid, field, hlc, seen) VALUES (?, ?, ?, ?, ?)",
                    (table.name, uid, field, stamp, change.seen.get(field, clock.NEVER)),
                )
        self.applied.changed += 1
        self._touched(table.name, cursor.lastrowid)

    def _same_thing(self, change: Change, linked: dict[str, Any]) -> str | None:
        """The uid of a record here that is the same thing by a natural key, if any."""
        for key in change.table.natural_keys:
            if any(column not in linked for column in key):
                continue
            if key == ("source_key",) and linked["source_key"] is None:
                continue
            where = " AND ".join(f"{column} IS ?" for column in key)
            row = self._sql(
                f"SELECT uid FROM {change.table.name} WHERE {where}",
                [linked[column] for column in key],
            ).fetchone()
            if row is not None:
                return str(row[0])
        return None

    def _join(self, table: str, incoming: str, here: str) -> str:
        """Make the two uids of one thing one, the smaller winning; return the winner."""
        winner, loser = min(incoming, here), max(incoming, here)
        self._sql(
            "INSERT OR REPLACE INTO sync_alias (tbl, uid, winner) VALUES (?, ?, ?)",
            (table, loser, winner),
        )
        if winner == incoming:  # the record here takes the smaller uid, with its clocks
            for name in ("sync_row", "sync_field", "sync_heard", "sync_change"):
                self._sql(
                    f"UPDATE OR REPLACE {name} SET uid = ? WHERE tbl = ? AND uid = ?",
                    (winner, table, here),
                )
            self._sql(f"UPDATE {table} SET uid = ? WHERE uid = ?", (winner, here))
            if (table, here) in self.local:
                self.local[table, winner] = self.local.pop((table, here))
        return winner

    def _heard(self, table: str, uid: str, field: str, stamp: str) -> bool:
        """Whether a version of ``field`` as new as ``stamp`` from ``stamp``'s computer was
        received here before; records that this one now has been."""
        device = clock.device_of(stamp)
        row = self._sql(
            "SELECT hlc FROM sync_heard WHERE tbl = ? AND uid = ? AND field = ? AND device = ?",
            (table, uid, field, device),
        ).fetchone()
        if row is not None and row[0] >= stamp:
            return True
        self._sql(
            "INSERT OR REPLACE INTO sync_heard (tbl, uid, field, device, hlc) "
            "VALUES (?, ?, ?, ?, ?)",
            (table, uid, field, device, stamp),
        )
        return False

    def _merge(self, change: Change, uid: str) -> None:
        """The change's fields into the record here, each by its stamp."""
        table, name = change.table, change.table.name
        created, fields = changes.field_clocks(self.db, name, uid, self.base)
        wanted = list(change.values)
        row = self._sql(
            f"SELECT rowid, {', '.join(wanted) or '1'} FROM {name} WHERE {table.identity} = ?",
            (uid,),
        ).fetchone()
        here = dict(zip(wanted, row[1:], strict=False))
        local = self._pending_local(name, uid)
        try:
            linked = self._linked(change, change.values)
        except _Dropped:
            linked = {k: v for k, v in change.values.items() if k not in table.links}
        updates: dict[str, Any] = {}
        for field, value in linked.items():
            stamp, seen = self._at(change, field), change.seen.get(field, clock.NEVER)
            mine, mine_seen = fields.get(field, (created, clock.NEVER))
            text = field in table.texts
            differs = value != here[field]
            if local is not None and (local.inserted or field in local.fields):
                if text and differs and stamp > mine:
                    self.conflict(name, uid, field, value, stamp)
                continue
            other_device = clock.device_of(stamp) != clock.device_of(mine)
            heard = text and self._heard(name, uid, field, stamp)
            if stamp > mine:
                if text and differs and seen < mine and other_device:
                    self.conflict(name, uid, field, here[field], mine)
                if differs:
                    updates[field] = value
                self._sql(
                    "INSERT OR REPLACE INTO sync_field (tbl, uid, field, hlc, seen) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, uid, field, stamp, seen),
                )
            elif (
                stamp < mine and text and differs and other_device and not heard
            ) and mine_seen != stamp:
                # Older, and never received here: a rival text unless the version here was
                # written on top of it. With one "seen" stamp per version that is known only
                # for the last step (the laptop's second edit saw its first, not whether the
                # first saw the desktop's): a rival kept that was in fact an ancestor costs a
                # conflict to dismiss, a rival dropped would lose what was typed.
                self.conflict(name, uid, field, value, stamp)
        self._keep_keys_unique(change, row[0], updates)
        if updates:
            self._sql(
                f"UPDATE {name} SET {', '.join(f'{f} = ?' for f in updates)} WHERE rowid = ?",
                [*updates.values(), row[0]],
            )
            self.applied.changed += 1
            self._touched(name, row[0])
            for field in updates.keys() & table.texts:
                # The choice made on another computer arriving: a rival text kept here that is
                # now the one in place is no conflict left to review.
                self._sql(
                    "DELETE FROM sync_conflict WHERE tbl = ? AND uid = ? AND field = ? "
                    "AND other_text = ?",
                    (name, uid, field, updates[field]),
                )
        else:
            self.applied.skipped += 1

    def _keep_keys_unique(self, change: Change, row_id: int, updates: dict[str, Any]) -> None:
        """Drop from ``updates`` a natural key that another record here holds already."""
        table = change.table
        for key in table.natural_keys:
            if not updates.keys() & set(key):
                continue
            current = self._sql(
                f"SELECT {', '.join(key)} FROM {table.name} WHERE rowid = ?", (row_id,)
            ).fetchone()
            wanted = [
                updates.get(column, value) for column, value in zip(key, current, strict=True)
            ]
            if key == ("source_key",) and wanted[0] is None:
                continue
            where = " AND ".join(f"{column} IS ?" for column in key)
            taken = self._sql(
                f"SELECT 1 FROM {table.name} WHERE {where} AND rowid != ?", [*wanted, row_id]
            ).fetchone()
            if taken is not None:
                for column in key:
                    updates.pop(column, None)

    # --- Repairs ------------------------------------------------------------------------------

    def repair(self) -> None:
        for manager in sorted(self.ranked):
            ranks = self._sql(
                "SELECT id, rank FROM motivator WHERE manager_id = ? ORDER BY rank, uid",
                (manager,),
            ).fetchall()
            if len({rank for _id, rank in ranks}) != len(ranks):
                for rank, (row_id, _rank) in enumerate(ranks, start=1):
                    self._sql("UPDATE motivator SET rank = ? WHERE id = ?", (rank, row_id))
        for touchpoint in sorted(self.touchpoints):
            self._repair_attendees(touchpoint)

    def _repair_attendees(self, touchpoint: int) -> None:
        """The touchpoint's own manager attends it, first (merged edits of the lead and of the
        attendees can leave it missing, or behind another); a valid order is left as it is."""
        lead_row = self._sql(
            "SELECT t.manager_id, t.uid, m.uid FROM touchpoint AS t "
            "JOIN manager AS m ON m.id = t.manager_id WHERE t.id = ?",
            (touchpoint,),
        ).fetchone()
        if lead_row is None:
            return
        lead, touchpoint_uid, manager_uid = lead_row
        attendees = self._sql(
            "SELECT id, manager_id, position FROM touchpoint_attendee WHERE touchpoint_id = ? "
            "ORDER BY position, uid",
            (touchpoint,),
        ).fetchall()
        if not attendees or attendees[0][1] == lead:
            return
        ordered = [row for row in attendees if row[1] == lead]
        if not ordered:
            uid = hashlib.sha256(f"{touchpoint_uid}:{manager_uid}".encode()).hexdigest()[:32]
            self._sql(
                "INSERT INTO touchpoint_attendee (uid, touchpoint_id, manager_id, note, "
                "position) VALUES (?, ?, ?, '', 0)",
                (uid, touchpoint, lead),
            )
            ordered = [(None, lead, 0)]
        ordered += [row for row in attendees if row[1] != lead]
        for position, (row_id, _manager, was) in enumerate(ordered):
            if row_id is not None and position != was:
                self._sql(
                    "UPDATE touchpoint_attendee SET position = ? WHERE id = ?", (position, row_id)
                )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def apply(db: SqliteDatabase, batch: dict[str, Any]) -> Applied:
    """Apply a batch from another computer (see the module's docstring), in one transaction,
    capturing nothing; raises :class:`SyncDataError` (and changes nothing) for a bad value."""
    return apply_checked(db, check_batch(batch))


def apply_checked(db: SqliteDatabase, checked: list[Change]) -> Applied:
    """:func:`apply` of changes already checked."""
    try:
        with changes.applying(db):
            merger = Merger(db)
            # Deletes last and the deepest rows first: a record's own tombstone keeps the text
            # its writer had not seen before a parent's delete would take it along.
            order = {table.name: index for index, table in enumerate(identity.TABLES)}
            kept = [change for change in checked if change.op != "delete"]
            deletes = [change for change in checked if change.op == "delete"]
            deletes.sort(key=lambda change: -order[change.table.name])
            for change in kept + deletes:
                merger.apply(change)
            merger.retry_pending()
            merger.repair()
            merger.clock.save()
    except DatabaseError as error:
        raise _fault(None, f"it breaks a rule of the journal ({error})") from None
    return merger.applied
