"""Undo and redo of any change to the journal's rows, recorded by SQLite itself.

The technique is SQLite's own (https://www.sqlite.org/undoredo.html): a TEMP trigger on each
base table writes, for every row inserted, updated or deleted, the SQL statement that puts the
row back as it was into a TEMP table, :data:`LOG`. One user action is one :class:`Step`: the log
rows written between its start and its end. Undoing a step runs its statements newest first in
one transaction; the triggers record what that replay changed, which is the step's redo.

Why here, and why triggers: every write of the app, whatever service makes it, is covered
without each service writing its own inverse, including what SQLite does by itself (a deleted
manager's rows going with it by ``ON DELETE CASCADE``, a link set to NULL, a REPLACE).

- Only the base tables are recorded: the full-text indexes follow through their own triggers
  when the replayed statements touch the base rows.
- Drafts (:data:`TYPED_TABLES`) keep text being typed safe from a crash and are saved on every
  pause in typing, so their updates are never recorded (they would flood the history), and what
  is written to them outside a step (a draft begun, saved, discarded) is no change to undo: it
  is dropped rather than dropping the history. Inside a step their rows coming and going are
  recorded: a deleted manager comes back with their agenda, an entry logged from a draft and
  undone gives the draft back. A draft comes back under a new id (another may have taken its
  old one since, as drafts come and go outside steps).
- Foreign keys are checked at the end of a replay (``defer_foreign_keys``): a manager's rows are
  put back before the manager row itself, and are valid once all are back.
- ``recursive_triggers`` is on for the recording connection, so that a row replaced by
  ``INSERT OR REPLACE`` (a setting saved again) is recorded as deleted, and can come back.
- An update that changes nothing but ``updated_at`` is recorded (undo puts the stamp back
  too) but marked, and a step of such updates alone is no step: saving the same text again
  is nothing to undo.
- The log lives in memory (TEMP, and the journal's ``temp_store`` is memory): it is as private
  as the open journal and goes with the connection. At most :data:`LIMIT` steps are kept.

The triggers belong to the connection that made them: another journal, the journal closed by
the lock, or a reopened one start with an empty history (:meth:`UndoLog.clear` is called then,
and a different connection is noticed anyway).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from peewee import DatabaseError

from coachjournal.errors import CoachJournalError
from coachjournal.storage.models import ALL_MODELS, Draft, database

log = logging.getLogger(__name__)

#: The TEMP table of inverse statements.
LOG = "cj_undo_log"
#: Steps kept; the oldest goes first.
LIMIT = 100
#: Columns whose change alone is no change the user made.
_STAMPS = frozenset({"updated_at"})
#: The tables recorded: every base table.
RECORDED: tuple[str, ...] = tuple(model._meta.table_name for model in ALL_MODELS)
#: Tables written as the user types: only their inserts and deletes inside a step are recorded.
TYPED_TABLES = frozenset({Draft._meta.table_name})
#: How a row's manager is found, for the tables whose rows belong to one (to say which
#: manager's screens must refresh after an undo).
_MANAGER_OF: dict[str, str] = {
    "manager": "{row}.id",
    "trait_rating": "(SELECT manager_id FROM main.trait WHERE id = {row}.trait_id)",
    "trait_evidence": "(SELECT manager_id FROM main.trait WHERE id = {row}.trait_id)",
    "setting": "NULL",
    "talent_review": "NULL",
    "team_plan": "NULL",
    "team_plan_goal": "NULL",
}


class UndoError(CoachJournalError):
    """An undo or redo could not be applied (the journal changed under it)."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One row an undo or redo wrote: its table, its id (rowid), its manager (None for
    journal-wide rows) and what was done to it (``INSERT``, ``UPDATE`` or ``DELETE``)."""

    table: str
    row_id: int
    manager_id: int | None
    op: str


@dataclasses.dataclass
class Step:
    """One user action: the log rows ``first`` to ``last``; ``key`` lets the next action of
    the same key join it (the saves of one editing session)."""

    name: str
    first: int
    last: int
    key: Hashable | None = None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: Rows that are bookkeeping rather than the user's changes, by table: never recorded, so
#: writing them outside a step does not drop the history (the questions a prep sheet suggested
#: are remembered whenever it is shown: an open prep sheet refreshed after a merge took the
#: merge's Undo away).
_BOOKKEEPING: dict[str, str] = {"setting": "{row}.key LIKE 'prep.suggested.%'"}


def _when(table: str, row: str, also: str = "") -> str:
    """The WHEN clause of a recording trigger: ``also``, and the row is no bookkeeping."""
    conditions = [also] if also else []
    if table in _BOOKKEEPING:
        conditions.append(f"NOT ({_BOOKKEEPING[table].format(row=row)})")
    return f" WHEN {' AND '.join(conditions)}" if conditions else ""


def _triggers(table: str, columns: list[str]) -> list[str]:
    """The three TEMP triggers that record the inverse of each change to ``table``."""
    name = _quoted(table)
    manager = _MANAGER_OF.get(table, "{row}.manager_id")
    prefix = f"CREATE TEMP TRIGGER {LOG}_{table}"
    record = (
        f"INSERT INTO {LOG} (tbl, row_id, manager_id, op, stamp, sql) VALUES ({_literal(table)}, "
    )
    restore = " || ',' || ".join(f"quote(old.{_quoted(c)})" for c in columns)
    values = _literal(f"INSERT INTO {name} (rowid, {', '.join(map(_quoted, columns))}) VALUES (")
    assignments = " || ',' || ".join(
        f"{_literal(_quoted(c) + '=')} || quote(old.{_quoted(c)})" for c in columns
    )
    changed = " OR ".join(f"old.{_quoted(c)} IS NOT new.{_quoted(c)}" for c in columns)
    stamp_only = " AND ".join(
        f"old.{_quoted(c)} IS new.{_quoted(c)}" for c in columns if c not in _STAMPS
    )
    insert = (
        f"{prefix}_insert AFTER INSERT ON main.{name}{_when(table, 'new')} BEGIN {record}"
        f"new.rowid, {manager.format(row='new')}, 'DELETE', 0, "
        f"{_literal(f'DELETE FROM {name} WHERE rowid=')} || new.rowid); END"
    )
    if table in TYPED_TABLES:  # no updates; back under a new id (see the module's docstring)
        kept = [c for c in columns if c != "id"]
        again = " || ',' || ".join(f"quote(old.{_quoted(c)})" for c in kept)
        into = _literal(f"INSERT INTO {name} ({', '.join(map(_quoted, kept))}) VALUES (")
        return [
            insert,
            f"{prefix}_delete BEFORE DELETE ON main.{name} BEGIN {record}"
            f"old.rowid, {manager.format(row='old')}, 'INSERT', 0, {into} || {again} || ')'); END",
        ]
    return [
        insert,
        f"{prefix}_update AFTER UPDATE ON main.{name}{_when(table, 'new', changed)} "
        f"BEGIN {record}"
        f"old.rowid, {manager.format(row='old')}, 'UPDATE', ({stamp_only}), "
        f"{_literal(f'UPDATE {name} SET ')} || "
        f"{assignments} || ' WHERE rowid=' || old.rowid); END",
        f"{prefix}_delete BEFORE DELETE ON main.{name}{_when(table, 'old')} BEGIN {record}"
        f"old.rowid, {manager.format(row='old')}, 'INSERT', 0, "
        f"{values} || old.rowid || ',' || {restore} || ')'); END",
    ]


class UndoLog:
    """The undo and redo history of the open journal's connection on this thread."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self._connection: Any = None
        #: The newest log row that belongs to a step (rows after it were written outside one).
        self._mark = 0
        self._depth = 0

    # --- Recording --------------------------------------------------------------------------

    def _install(self) -> None:
        """Create the log and the triggers on the calling thread's connection, unless they
        are there; a connection other than the last one starts an empty history."""
        connection = database.connection()
        if connection is self._connection:
            return
        self.undo_steps.clear()
        self.redo_steps.clear()
        self._mark = 0
        present = database.execute_sql(
            "SELECT 1 FROM temp.sqlite_master WHERE name = ?", (LOG,)
        ).fetchone()
        if present is None:
            database.execute_sql("PRAGMA recursive_triggers = ON")
            with database.atomic():
                database.execute_sql(
                    f"CREATE TEMP TABLE {LOG} (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, "
                    "row_id INTEGER NOT NULL, manager_id INTEGER, op TEXT NOT NULL, "
                    "stamp INTEGER NOT NULL, sql TEXT NOT NULL)"
                )
                for table in RECORDED:
                    columns = [
                        row[1]
                        for row in database.execute_sql(
                            f"PRAGMA main.table_info({_quoted(table)})"
                        ).fetchall()
                    ]
                    for trigger in _triggers(table, columns):
                        database.execute_sql(trigger)
        else:
            database.execute_sql(f"DELETE FROM temp.{LOG}")
        self._connection = connection

    def _newest(self) -> int:
        row = database.execute_sql(f"SELECT coalesce(max(seq), 0) FROM temp.{LOG}").fetchone()
        return int(row[0])

    def _forget(self, steps: list[Step]) -> None:
        for step in steps:
            database.execute_sql(
                f"DELETE FROM temp.{LOG} WHERE seq BETWEEN ? AND ?", (step.first, step.last)
            )
        steps.clear()

    def _ready(self) -> None:
        """Installed, and the history dropped if something was written outside any step since
        the last one (the questions a prep sheet suggested, say; drafts are no such thing and
        their rows are dropped): the steps were recorded
        against rows that may since have changed or taken another's place (a row id freed by a
        step and reused), and replaying them could then remove the wrong row."""
        self._install()
        typed = ", ".join(_literal(table) for table in sorted(TYPED_TABLES))
        database.execute_sql(
            f"DELETE FROM temp.{LOG} WHERE seq > ? AND tbl IN ({typed})", (self._mark,)
        )
        if self._newest() > self._mark:
            database.execute_sql(f"DELETE FROM temp.{LOG} WHERE seq > ?", (self._mark,))
            self._forget(self.undo_steps)
            self._forget(self.redo_steps)

    @contextmanager
    def step(self, name: str, key: Hashable | None = None) -> Iterator[None]:
        """Record what the block writes as one step named ``name`` (``Move to Trash``). A step
        inside a step is part of it. A block that changes nothing leaves no step; one with
        the ``key`` of the newest step, right after it, joins it. What a failing block wrote
        before it failed is a step too (SQLite rolled back the rest)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._ready()
        start = self._mark
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            if database.connection() is self._connection:
                self._close(name, key, start)

    def _close(self, name: str, key: Hashable | None, start: int) -> None:
        end = self._newest()
        changed = database.execute_sql(
            f"SELECT 1 FROM temp.{LOG} WHERE seq > ? AND NOT stamp LIMIT 1", (start,)
        ).fetchone()
        if changed is None:  # nothing, or stamps alone: left to the next step to drop
            return
        self._mark = end
        top = self.undo_steps[-1] if self.undo_steps else None
        if key is not None and top is not None and top.key == key and top.last == start:
            top.last = end
            return
        self._forget(self.redo_steps)
        self.undo_steps.append(Step(name, start + 1, end, key))
        while len(self.undo_steps) > self.limit:
            self._forget([self.undo_steps.pop(0)])

    # --- Undo and redo ----------------------------------------------------------------------

    @property
    def recording(self) -> bool:
        """Whether a step is being recorded (a block of :meth:`step` is running)."""
        return self._depth > 0

    @property
    def undo_name(self) -> str | None:
        """The name of the step Undo would take back, if any."""
        return self.undo_steps[-1].name if self.undo_steps else None

    @property
    def redo_name(self) -> str | None:
        return self.redo_steps[-1].name if self.redo_steps else None

    def undo(self) -> tuple[str, list[Change]]:
        """Take back the newest step; returns its name and the rows it wrote."""
        return self._move(self.undo_steps, self.redo_steps, "undo")

    def redo(self) -> tuple[str, list[Change]]:
        """Make the step undone last again."""
        return self._move(self.redo_steps, self.undo_steps, "redo")

    def _move(self, source: list[Step], target: list[Step], verb: str) -> tuple[str, list[Change]]:
        self._ready()
        if not source:
            raise UndoError(f"There is nothing to {verb}.")
        step = source.pop()
        rows = database.execute_sql(
            f"SELECT tbl, row_id, manager_id, op, sql FROM temp.{LOG} "
            "WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
            (step.first, step.last),
        ).fetchall()
        start = self._mark
        try:
            with database.atomic():
                database.execute_sql("PRAGMA defer_foreign_keys = ON")
                for *_change, statement in rows:
                    database.execute_sql(statement)
                database.execute_sql(
                    f"DELETE FROM temp.{LOG} WHERE seq BETWEEN ? AND ?", (step.first, step.last)
                )
        except DatabaseError as error:
            self._forget([step])
            log.warning("could not %s %s: %s", verb, step.name, error)
            raise UndoError(
                f"Could not {verb} “{step.name}”: the journal has changed since, so it was "
                "left as it is."
            ) from error
        end = self._newest()
        self._mark = end
        if end > start:
            target.append(Step(step.name, start + 1, end))
        return step.name, [Change(*change) for *change, _sql in rows]

    def clear(self) -> None:
        """Forget every step (another journal was opened, or this one closed)."""
        self.undo_steps.clear()
        self.redo_steps.clear()
        self._connection = None
        self._mark = 0
