"""Hostile text in the CSV export: no cell a spreadsheet sees may start a formula, whatever
separator it splits the file with.

Much of Europe opens CSV files with ``;`` as the separator, others use tabs or ``|``; a cell
the export meant as one (``Budget;=1+2;ok``) is then split, and each piece is a cell of its
own. So every field is quoted, and every piece that a separator could start (after ``,`` ``;``
tab or ``|``, spaces allowed) is defused with an apostrophe when it starts with ``=`` ``+``
``-`` ``@``, a tab, a carriage return or their full-width forms; so is a line of a note, as a
program that ignores the quotes would take it for a row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.exchange import csv_export

HOSTILE = [
    "Budget;=1+2;ok",
    '=HYPERLINK("http://evil.example","click")',
    "ok,+49 30 1234",
    "a|@SUM(A1:A9)|b",
    "note\t-2+3\tend",
    "\t=1+1",
    "\r=1+1",
    "x; =cmd|' /C calc'!A0",
    "x;\uff1d1+2",
    "\uff0b1",
    "\uff0d1;\uff20A1",
    "a,-b;+c|@d\t=e",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
SEPARATORS = (",", ";", "\t", "|")


@pytest.fixture
def exported(journal_path: Path, tmp_path: Path) -> Path:
    manager = roster.create_manager("=Mallory;+Evil")
    for number, text in enumerate(HOSTILE):
        touchpoints.create_touchpoint(
            manager.id,
            dt.datetime(2026, 1, 5 + number, 9),
            "one_on_one",
            # A summary is one line: its tabs and line breaks are the notes' to carry.
            summary=" ".join(text.split()),
            notes=text,
            duration_minutes=30,
            mood=3,
        )
        touchpoints.add_action_item(manager.id, text, "me")
    return csv_export.export_csv(tmp_path / "csv").folder


def cells(path: Path, delimiter: str, quoting: int) -> list[str]:
    """Every cell a spreadsheet splitting on ``delimiter`` would see."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
    return [cell for row in reader for cell in row]


@pytest.mark.parametrize("delimiter", SEPARATORS)
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_NONE])
def test_no_cell_starts_a_formula_whatever_the_separator(
    exported: Path, delimiter: str, quoting: int
) -> None:
    for name in (csv_export.TOUCHPOINTS, csv_export.ACTION_ITEMS):
        seen = cells(exported / name, delimiter, quoting)
        assert len(seen) > len(HOSTILE)
        starts = [cell for cell in seen if cell.lstrip(' "').startswith(FORMULA_STARTS)]
        assert starts == [], (name, delimiter, starts)


def test_every_field_is_quoted(exported: Path) -> None:
    lines = (exported / csv_export.TOUCHPOINTS).read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[:3] == ['"id"', '"manager_id"', '"manager_name"']
    assert lines[1].startswith('"1","1","\'=Mallory;\'+Evil",')


def test_the_text_still_reads_and_numbers_stay_numbers(exported: Path) -> None:
    with (exported / csv_export.TOUCHPOINTS).open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["summary"] for row in rows[:3]] == [
        "Budget;'=1+2;ok",
        '\'=HYPERLINK("http://evil.example","click")',
        "ok,'+49 30 1234",
    ]
    assert rows[7]["summary"] == "x;' =cmd|' /C calc'!A0"
    assert (rows[0]["duration_minutes"], rows[0]["mood"]) == ("30", "3")
    assert rows[-1]["notes"] == "a,'-b;'+c|'@d\t'=e"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("Budget;=1+2;ok", "Budget;'=1+2;ok"),
        ("x; =1", "x;' =1"),
        ("\uff1d1", "'\uff1d1"),
        ("\u00a0=1", "'\u00a0=1"),
        ("x;\u2003=1", "x;'\u2003=1"),
        ("x,\u3000@SUM(A1)", "x,'\u3000@SUM(A1)"),
        ("\u200b=1", "'\u200b=1"),
        ("\ufeff+1", "'\ufeff+1"),
        ("x|\u22121", "x|'\u22121"),
        ("\ufe66cmd", "'\ufe66cmd"),
        ("\u00a0plain", "\u00a0plain"),
        ("\u200e=HYPERLINK(1)", "'\u200e=HYPERLINK(1)"),
        ("\u202a+cmd", "'\u202a+cmd"),
        ("\u00ad@SUM(1+1)", "'\u00ad@SUM(1+1)"),
        ("\u2800=1+1", "'\u2800=1+1"),
        ("x;\u115f\u034f=1", "x;'\u115f\u034f=1"),
        ("\x7f-1", "'\x7f-1"),
        ("\t=1", "'\t'=1"),
        ("- one\n- two\r\n@three", "'- one\n'- two\r\n'@three"),
        ("a - b, c", "a - b, c"),
        ("2026-01-05", "2026-01-05"),
        ("", ""),
        (-5, -5),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_pieces_are_defused_and_plain_text_and_numbers_are_not(value: object, safe: object) -> None:
    assert csv_export.spreadsheet_safe(value) == safe
