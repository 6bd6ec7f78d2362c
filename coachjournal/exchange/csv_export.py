"""Touchpoints, action items and assignments as CSV files, for a spreadsheet.

One file each in a folder: UTF-8 with a byte order mark (without it, Excel reads UTF-8 as the
local code page and mangles every accent), a header row, CRLF line ends, and the manager's name
next to every manager id so a sheet reads without lookups. The trash is left out, with the
action items of trashed touchpoints (the JSON export holds everything).

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a carriage
return before one, or their full-width and small forms ＝＋－＠, or a minus sign −, after any
kind of space, zero-width ones included) as a formula, and meeting titles that
arrive through a calendar import are written by other people. Every field is quoted, and in
every text cell each piece a spreadsheet could take for a cell of its own gets a leading
apostrophe when it starts that way: the cell's start, and whatever follows a ``,``, ``;``, tab,
``|`` or line break, spaces allowed, because much of Europe opens CSV with ``;`` as the
separator, and a program that ignores the quotes would split ``Budget;=1+2;ok`` into three
cells (and a multi-line note into rows). The text stays readable (``Budget;'=1+2;ok``, and a
bulleted note's lines read ``'- call back``); Excel hides an apostrophe at a cell's start, other
programs show it. Numbers are written as numbers, negative ones too: only text is ever changed,
and every numeric column (ids, minutes, mood, ratings) comes from an integer column of the
journal.

Each file is written inside a temporary folder that takes the target's place only once all
three are complete and flushed to the disk, so a full disk leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from coachjournal.kinds import TouchpointKind
from coachjournal.storage.exports import new_folder
from coachjournal.storage.files import sync_file
from coachjournal.storage.models import database

TOUCHPOINTS = "touchpoints.csv"
ACTION_ITEMS = "action_items.csv"
ASSIGNMENTS = "assignments.csv"
#: What a spreadsheet may skip before a formula: any Unicode space but the separators and the
#: tab and carriage return that start one themselves (so no-break, em, ideographic…), and what
#: shows nothing: control and format characters (zero widths, direction marks and embeddings,
#: soft hyphen, byte order mark…), and the fillers and blanks that draw as a space (Hangul
#: fillers, Mongolian selectors, braille blank, variation selectors).
_BLANK = (
    r"(?:[^\S\t\r\n]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160"
    r"\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164"
    r"\ufe00-\ufe0f\ufeff\uffa0])"
)
#: What starts a formula: = + - @ (and a tab or carriage return), with their full-width and small
#: forms and the minus sign, which some spreadsheets read as their ASCII twins.
_STARTS_FORMULA = r"[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b\u2212]"
#: Where a piece of a cell starts that a spreadsheet could take for a formula: the cell's start
#: or a separator, then blanks, then a formula character.
_FORMULA = re.compile(rf"(?:^|(?<=[,;\t|\r\n]))(?={_BLANK}*{_STARTS_FORMULA})")


@dataclasses.dataclass(frozen=True, slots=True)
class CsvSummary:
    folder: Path
    #: Data rows written per file name.
    rows: dict[str, int]


_TOUCHPOINTS_SQL = """
SELECT t.id, t.manager_id, m.name,
       (SELECT group_concat(name, '; ') FROM (
          SELECT o.name FROM touchpoint_attendee AS p JOIN manager AS o ON o.id = p.manager_id
          WHERE p.touchpoint_id = t.id ORDER BY p.position, p.id)),
       substr(t.occurred_at, 1, 16), t.kind, t.duration_minutes,
       t.mood, t.summary, t.notes, t.assignment_id, a.title, t.account, t.objective,
       t.observations, t.debrief, t.aspiration
FROM touchpoint AS t
JOIN manager AS m ON m.id = t.manager_id
LEFT JOIN assignment AS a ON a.id = t.assignment_id
WHERE t.deleted_at IS NULL
ORDER BY t.occurred_at, t.id
"""
_TOUCHPOINT_COLUMNS = (
    "id",
    "manager_id",
    "manager_name",
    "attendees",
    "occurred_at",
    "kind",
    "duration_minutes",
    "mood",
    "summary",
    "notes",
    "assignment_id",
    "assignment_title",
    "account",
    "objective",
    "observations",
    "debrief",
    "aspiration",
)

_ACTION_ITEMS_SQL = """
SELECT i.id, i.manager_id, m.name, i.touchpoint_id, substr(t.occurred_at, 1, 10), i.text,
       i.owner, i.due_on, i.status, i.closed_on, i.created_at
FROM action_item AS i
JOIN manager AS m ON m.id = i.manager_id
LEFT JOIN touchpoint AS t ON t.id = i.touchpoint_id
WHERE t.deleted_at IS NULL
ORDER BY i.id
"""
_ACTION_ITEM_COLUMNS = (
    "id",
    "manager_id",
    "manager_name",
    "touchpoint_id",
    "touchpoint_date",
    "text",
    "owner",
    "due_on",
    "status",
    "closed_on",
    "created_at",
)

_ASSIGNMENTS_SQL = """
SELECT a.id, a.manager_id, m.name, a.title, a.skill, a.trait_id, a.description, a.assigned_on,
       a.due_on, a.completed_on, a.status, a.outcome, a.outcome_rating, a.reflection
FROM assignment AS a
JOIN manager AS m ON m.id = a.manager_id
ORDER BY a.id
"""
_ASSIGNMENT_COLUMNS = (
    "id",
    "manager_id",
    "manager_name",
    "title",
    "skill",
    "trait_id",
    "description",
    "assigned_on",
    "due_on",
    "completed_on",
    "status",
    "outcome",
    "outcome_rating",
    "reflection",
)

_KIND_LABELS = {kind.value: kind.label for kind in TouchpointKind}


def spreadsheet_safe(value: Any) -> Any:
    """``value`` with an apostrophe before each piece a spreadsheet would take for a formula,
    whatever separator it splits cells with; anything but text as it is."""
    if isinstance(value, str):
        return _FORMULA.sub("'", value)
    return value


def _touchpoint_row(row: Sequence[Any]) -> list[Any]:
    values = list(row)
    values[5] = _KIND_LABELS.get(values[5], values[5])
    return values


def _write(
    path: Path,
    columns: Sequence[str],
    sql: str,
    shape: Callable[[Sequence[Any]], list[Any]] = list,
) -> int:
    """Write the query's rows; its cursor is closed even when a write fails (a full disk), as
    an open statement would keep the journal from being checkpointed and closed."""
    count = 0
    with (
        contextlib.closing(database.execute_sql(sql)) as rows,
        path.open("w", encoding="utf-8-sig", newline="") as stream,
    ):
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([spreadsheet_safe(value) for value in shape(row)])
            count += 1
    sync_file(path)
    return count


def export_csv(folder: Path | str, *, force: bool = False) -> CsvSummary:
    """Write the three CSV files of the open journal into a new folder (replaced only with
    ``force``, and only if it holds nothing but an earlier CSV export); read in one
    transaction, so the files agree with each other."""
    target = Path(folder).expanduser()
    rows: dict[str, int] = {}
    with (
        new_folder(target, suffixes=frozenset({".csv"}), force=force) as temporary,
        database.atomic(),
    ):
        rows[TOUCHPOINTS] = _write(
            temporary / TOUCHPOINTS, _TOUCHPOINT_COLUMNS, _TOUCHPOINTS_SQL, _touchpoint_row
        )
        rows[ACTION_ITEMS] = _write(
            temporary / ACTION_ITEMS, _ACTION_ITEM_COLUMNS, _ACTION_ITEMS_SQL
        )
        rows[ASSIGNMENTS] = _write(temporary / ASSIGNMENTS, _ASSIGNMENT_COLUMNS, _ASSIGNMENTS_SQL)
    return CsvSummary(target, rows)
