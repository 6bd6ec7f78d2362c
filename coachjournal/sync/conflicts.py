"""Texts that lost to another computer's edit of the same field, for the user to review.

A conflict keeps the other text, its stamp and where it belongs; the text kept is whatever the
record holds now. Resolving keeps that text (the conflict goes), or writes the other text, or
both one after the other, in its place as a local change, which syncs like any edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum

from peewee import SqliteDatabase

from coachjournal import rules
from coachjournal.kinds import TouchpointKind
from coachjournal.sync import clock, identity
from coachjournal.sync.errors import SyncError


@dataclasses.dataclass(frozen=True, slots=True)
class Conflict:
    id: int
    manager_id: int | None
    manager_name: str
    #: What the text is, in words: "Notes of the one-on-one on 3 Dec 2026".
    what: str
    kept_text: str
    other_text: str
    other_device: str
    found_at: dt.datetime


#: What each record is, in words, by table.
_RECORDS = {
    "manager": "the manager",
    "trait": "a strength or development area",
    "trait_rating": "a rating",
    "motivator": "a motivator",
    "assignment": "an assignment",
    "touchpoint_attendee": "an attendee's note",
    "action_item": "an action item",
    "result": "a result",
    "talent_review": "a talent review",
    "talent_placement": "a talent placement",
    "team_plan": "a team plan",
    "team_plan_goal": "a team plan's goal",
}


def _field_words(field: str) -> str:
    return field.replace("_", " ").capitalize()


def _what(db: SqliteDatabase, table: str, uid: str, field: str) -> tuple[str, int | None, str]:
    """The conflict's label, its manager's id and name (empty for journal-wide records)."""
    manager_id: int | None = None
    words = _RECORDS.get(table, table.replace("_", " "))
    key = identity.BY_NAME[table].identity
    if table == "touchpoint":
        row = db.execute_sql(
            "SELECT manager_id, kind, occurred_at FROM touchpoint WHERE uid = ?", (uid,)
        ).fetchone()
        if row is not None:
            manager_id = row[0]
            kind = TouchpointKind(row[1]).label.lower()
            day = dt.datetime.fromisoformat(str(row[2])).date()
            words = f"the {kind} on {day.day} {day:%b %Y}"
        else:
            words = "a deleted touchpoint"
    elif table == "manager":
        row = db.execute_sql("SELECT id FROM manager WHERE uid = ?", (uid,)).fetchone()
        manager_id = None if row is None else row[0]
    elif "manager_id" in identity.BY_NAME[table].fields:
        row = db.execute_sql(f"SELECT manager_id FROM {table} WHERE {key} = ?", (uid,)).fetchone()
        manager_id = None if row is None else row[0]
    name = ""
    if manager_id is not None:
        found = db.execute_sql("SELECT name FROM manager WHERE id = ?", (manager_id,)).fetchone()
        name = "" if found is None else str(found[0])
    if table == "manager":
        words = name or "a deleted manager"
    return f"{_field_words(field)} of {words}", manager_id, name


def conflicts(db: SqliteDatabase) -> list[Conflict]:
    """Every conflict to review, the newest found first."""
    found = []
    for row_id, table, uid, field, other, hlc, found_at in db.execute_sql(
        "SELECT id, tbl, uid, field, other_text, other_hlc, found_at FROM sync_conflict "
        "ORDER BY found_at DESC, id DESC"
    ).fetchall():
        what, manager_id, name = _what(db, table, uid, field)
        kept = db.execute_sql(
            f"SELECT {field} FROM {table} WHERE {identity.BY_NAME[table].identity} = ?", (uid,)
        ).fetchone()
        found.append(
            Conflict(
                id=row_id,
                manager_id=manager_id,
                manager_name=name,
                what=what,
                kept_text="" if kept is None or kept[0] is None else str(kept[0]),
                other_text=other,
                other_device=clock.device_of(hlc),
                found_at=dt.datetime.fromisoformat(str(found_at)),
            )
        )
    return found


def conflict_count(db: SqliteDatabase) -> int:
    return int(db.execute_sql("SELECT count(*) FROM sync_conflict").fetchone()[0])


class Keep(StrEnum):
    """What a resolved conflict keeps."""

    #: The text in place.
    THIS = "this"
    #: The other version, put in place.
    OTHER = "other"
    #: Both, the one in place first (two notes that each added a paragraph).
    BOTH = "both"


def resolve_conflict(db: SqliteDatabase, conflict_id: int, keep: Keep) -> None:
    """Keep the text in place, or write the other text (or both) there as a local change that
    syncs; either way the conflict is gone. The other text of a record deleted since cannot be
    put back in place: the conflict just goes. Raises :class:`SyncError` when both together
    are longer than the field holds."""
    with db.atomic():
        row = db.execute_sql(
            "SELECT tbl, uid, field, other_text FROM sync_conflict WHERE id = ?", (conflict_id,)
        ).fetchone()
        if row is None:
            raise SyncError("This conflict was resolved already.")
        table, uid, field, other = row
        key = identity.BY_NAME[table].identity
        if keep is Keep.BOTH:
            found = db.execute_sql(f"SELECT {field} FROM {table} WHERE {key} = ?", (uid,))
            here = (found.fetchone() or ("",))[0] or ""
            other = _both(table, field, here, other)
        if keep is not Keep.THIS:
            db.execute_sql(f"UPDATE {table} SET {field} = ? WHERE {key} = ?", (other, uid))
        db.execute_sql("DELETE FROM sync_conflict WHERE id = ?", (conflict_id,))


def _both(table: str, field: str, here: str, other: str) -> str:
    """The two texts as one: paragraphs of a note, or "one / other" on one line."""
    rule = rules.text_rule(table, field)
    joined = f"{here}\n\n{other}" if rule.lines else f"{here} / {other}"
    if len(joined) > rule.limit:
        raise SyncError(
            f"Both texts together are longer than this field holds ({rule.limit:,} characters): "
            "keep one, and copy what you need of the other into it."
        )
    return joined
