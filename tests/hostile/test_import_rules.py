"""Imports obey the editors' rules (:mod:`coachjournal.rules`): an export edited by hand is
refused with one line and leaves no file, or the journal it makes works everywhere.

Before the rules were shared, a cadence of millions of days, a 300-character name, a number past
64 bits or a lone surrogate was imported, and then the app crashed at every start (a segfault
while painting), or the import failed with "something unexpected" and left an empty journal.

The property test mutates one field of a real export (the sample team's) at the edges of what
it may hold: huge, negative and past-64-bit numbers, text at and past each limit, control
characters, lone surrogates, bidirectional marks, dates outside 1950..2200, wrong types. Either
the import is refused with one line and no file is left, or the app starts and paints, and every
chart, the prep sheet and every export are made. In CI it runs a handful of examples (the app's
subprocesses run only for accepted imports); ``HYPOTHESIS_PROFILE=long`` runs 300 (minutes)::

    HYPOTHESIS_PROFILE=long pytest tests/hostile/test_import_rules.py
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachjournal import rules
from coachjournal.coaching import roster
from coachjournal.exchange import json_format, results_import, roster_import
from coachjournal.storage import db
from coachjournal.storage.models import Cadence, Manager, Result
from tests.core.exports import as_version_2
from tests.hostile.journals import (
    assert_journal_works,
    assert_one_line_refusal,
    run,
    sample_export,
    write_export,
)

settings.register_profile(
    "hostile-ci",
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("long", settings.get_profile("hostile-ci"), max_examples=300)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile-ci"))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample as a version-2 file (rows and links by record number): its rows go through
    the same checks as a version-3 file's, which are read as numbered rows."""
    return as_version_2(sample_export(tmp_path_factory.mktemp("sample")))


def imported(folder: Path, document: dict[str, Any]) -> tuple[int, str, Path]:
    """Import the document with the command line into a new journal: (exit code, error, journal)."""
    source = write_export(folder / "edited.json", document)
    journal = folder / "journal.db"
    code, _, err = run("--db", journal, "import", source)
    return code, err, journal


def assert_refused(folder: Path, document: dict[str, Any]) -> str:
    code, err, _ = imported(folder, document)
    assert_one_line_refusal(code, err)
    assert sorted(p.name for p in folder.iterdir()) == ["edited.json"], "a file was left behind"
    return err


def edited(document: dict[str, Any], table: str, field: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["tables"][table][0][field] = value
    return changed


# --- Refused, each with its rule named -------------------------------------------------------

REFUSED = [
    ("cadence", "max_days", 5_000_000, "'max_days' must be a whole number from 1 to 3,650"),
    ("cadence", "ideal_days", 0, "'ideal_days' must be a whole number from 1 to 3,650"),
    ("touchpoint", "duration_minutes", 2**70, "'duration_minutes' must be a whole number"),
    ("touchpoint", "duration_minutes", -1, "'duration_minutes' must be a whole number"),
    ("result", "plan_cents", 2**63, "'plan_cents' must be a whole number"),
    ("motivator", "rank", -(2**64), "'rank' must be a whole number"),
    ("touchpoint", "id", 2**31, "'id' must be a whole number from 1 to 2,147,483,647"),
    ("manager", "name", "N" * 201, "'name' can have at most 200 characters, not 201"),
    ("manager", "name", "Bell\x07", "'name' cannot hold line breaks, tabs or control characters"),
    ("manager", "team", "North\x85", "'team' cannot hold line breaks, tabs or control characters"),
    ("manager", "name", "Half \ud83d", "'name' holds a broken character"),
    ("touchpoint", "notes", "x\udc00y", "'notes' holds a broken character"),
    ("touchpoint", "summary", "s" * 501, "'summary' can have at most 500 characters"),
    ("trait", "skill", "k" * 121, "'skill' can have at most 120 characters"),
    ("touchpoint", "occurred_at", "9999-12-31T23:59:00", "'occurred_at' must fall in the years"),
    ("manager", "manager_since", "0001-01-01", "'manager_since' must fall in the years 1950"),
    ("action_item", "due_on", "2201-01-01", "'due_on' must fall in the years 1950 to 2200"),
    ("touchpoint", "mood", 6, "'mood' must be a rating from 1 to 5, got 6"),
    ("touchpoint", "mood", True, "'mood' must be a whole number, got true"),
    ("cadence", "max_days", 1e400, "'max_days' must be a whole number, got Infinity"),
    ("manager", "name", "\u3000", "'name' must show at least one letter, digit or sign"),
    ("manager", "name", "\u200b\u2060", "'name' must show at least one letter, digit or sign"),
    ("trait", "skill", " \u200b ", "'skill' must show at least one letter, digit or sign"),
    ("result", "starts_on", "2025-01-15", "'starts_on' must be the first day of a month"),
    ("result", "starts_on", "2199-01-01", "2199-01-01 has not started, so it can hold a plan"),
]


@pytest.mark.parametrize(("table", "field", "value", "reason"), REFUSED)
def test_a_value_the_editors_refuse_is_refused_by_the_import(
    export: dict[str, Any], tmp_path: Path, table: str, field: str, value: Any, reason: str
) -> None:
    err = assert_refused(tmp_path, edited(export, table, field, value))
    assert reason in err and "nothing was imported" in err


SETTINGS = [
    ("results.fiscal_year_start", "13", "The fiscal year starts in a month from 1 to 12)"),
    ("results.fiscal_year_start", "-1", "The fiscal year starts in a month from 1 to 12)"),
    ("results.period", "decade", "(This setting cannot take that value)"),
    ("results.rep_coaching_target", "NaN", "a number above 0 and at most 100"),
    ("results.rep_coaching_target", "1e308", "a number above 0 and at most 100"),
    ("cadence.counts_as_one_on_one", "{", "are not a list"),
    ("cadence.counts_as_one_on_one", '["call_review", "party"]', "1 of the kinds"),
]


@pytest.mark.parametrize(("key", "value", "reason"), SETTINGS)
def test_a_setting_the_app_would_not_store_is_refused(
    export: dict[str, Any], tmp_path: Path, key: str, value: str, reason: str
) -> None:
    document = copy.deepcopy(export)
    settings = [row for row in document["tables"].get("setting", []) if row["key"] != key]
    document["tables"]["setting"] = [*settings, {"key": key, "value": value}]
    err = assert_refused(tmp_path, document)
    assert f'setting "{key}"' in err and reason in err


def _of_another_manager(tables: dict[str, Any], target: str, manager_id: int) -> int:
    """A row of `target` led by another manager, and (for a touchpoint) one that `manager_id`
    did not attend either: an attended huddle is a valid link whoever led it."""
    attended = {
        row["touchpoint_id"]
        for row in tables["touchpoint_attendee"]
        if target == "touchpoint" and row["manager_id"] == manager_id
    }
    return next(
        row["id"]
        for row in tables[target]
        if row["manager_id"] != manager_id and row["id"] not in attended
    )


@pytest.mark.parametrize(
    ("table", "field", "target"),
    [
        ("action_item", "touchpoint_id", "touchpoint"),
        ("assignment", "trait_id", "trait"),
        ("touchpoint", "assignment_id", "assignment"),
    ],
)
def test_a_link_to_another_managers_row_is_refused(
    export: dict[str, Any], tmp_path: Path, table: str, field: str, target: str
) -> None:
    """An action item of one manager on a touchpoint with another would show in one journal
    and count in the other."""
    document = copy.deepcopy(export)
    row = document["tables"][table][0]
    row[field] = _of_another_manager(document["tables"], target, row["manager_id"])
    err = assert_refused(tmp_path, document)
    assert f"'{field}' refers to {target} {row[field]} of manager" in err
    assert f"not of manager {row['manager_id']} (its own)" in err


def test_evidence_linking_two_managers_rows_is_refused(
    export: dict[str, Any], tmp_path: Path
) -> None:
    document = copy.deepcopy(export)
    tables = document["tables"]
    trait = tables["trait"][0]
    touchpoint = _of_another_manager(tables, "touchpoint", trait["manager_id"])
    tables["trait_evidence"] = [{"trait_id": trait["id"], "touchpoint_id": touchpoint}]
    err = assert_refused(tmp_path, document)
    assert f"(that of trait {trait['id']})" in err


def test_a_message_quotes_hidden_characters_escaped(export: dict[str, Any], tmp_path: Path) -> None:
    """An unknown field named with a lone surrogate and a bidi override: the message can be
    printed, and shows what hides."""
    err = assert_refused(tmp_path, edited(export, "manager", "\ud800\u202egpj.exe", 1))
    assert "unknown field" in err and "\\ud800\\u202egpj.exe" in err


# --- Accepted at the very edges, and then shown everywhere -----------------------------------


def test_values_at_the_edges_are_imported_and_the_journal_works(
    export: dict[str, Any], tmp_path: Path
) -> None:
    """The largest, longest and furthest values the rules allow, all in one journal: it starts
    and paints, gives every chart, the prep sheet and every export."""
    document = copy.deepcopy(export)
    tables = document["tables"]
    name = "Ƶ" * (rules.NAME.limit - 2) + "\u202e\u200f"
    tables["manager"][0].update(name=name, team="T" * 300, manager_since="1950-01-01")
    tables["manager"][0]["notes"] = "line\r\nbreaks, a bell \x07 and a tab\tkept"
    for cadence in tables["cadence"]:
        cadence.update(ideal_days=rules.CADENCE_DAYS.high, max_days=rules.CADENCE_DAYS.high)
    tables["touchpoint"][0].update(
        duration_minutes=rules.DURATION_MINUTES.high,
        occurred_at="2200-12-31T23:59:00",
        summary="S" * rules.SUMMARY.limit,
        mood=5,
    )
    tables["touchpoint"][1].update(occurred_at="1950-01-01T00:00:00", duration_minutes=0)
    tables["result"][0].update(plan_cents=rules.CENTS.high, actual_cents=rules.CENTS.high)
    tables["result"][1].update(reps=rules.COUNT.high, rep_one_on_ones=rules.COUNT.high)
    tables["action_item"][0]["due_on"] = "2200-12-31"
    code, err, journal = imported(tmp_path, document)
    assert code == 0, err
    db.open_journal(journal, create=False)
    try:
        manager = Manager.get_by_id(tables["manager"][0]["id"])
        assert manager.name == name.replace("\u202e", "")  # the override goes, the mark stays
        assert manager.notes == "line\nbreaks, a bell  and a tab\tkept"
        assert {c.max_days for c in Cadence.select()} == {rules.CADENCE_DAYS.high}
    finally:
        db.close_journal()
    assert_journal_works(journal, tmp_path, tables["manager"][0]["id"])


# --- Any field at its edges ---------------------------------------------------------------------

EDGE_INTEGERS = [-(2**63) - 1, -1, 0, 1, 5, 6, 1440, 1441, 3650, 3651, 2**31 - 1, 2**31]
EDGE_INTEGERS += [2**63 - 1, 2**64, 10**30, rules.CENTS.high, rules.CENTS.high + 1]
INTEGERS = st.sampled_from(EDGE_INTEGERS) | st.integers()
LIMITS = sorted({rule.limit for rule in rules.COLUMNS.values() if isinstance(rule, rules.Text)})
TEXTS = (
    st.sampled_from([n for limit in LIMITS if limit <= 2_000 for n in (limit, limit + 1)]).map(
        lambda n: "é" * n
    )
    | st.sampled_from(["", " ", "\x00", "a\nb", "\t", "\x1b[31m", "\x85", "\u2028", "\ufeff"])
    | st.sampled_from(["\ud800", "a\udfffb", "\u202eevil", "\u2066x\u2069", "\u200e", "🦊"])
    | st.text(max_size=30)
)
EDGE_DATES = ["1949-12-31", "1950-01-01", "2200-12-31", "2201-01-01", "0001-01-01"]
EDGE_DATES += ["9999-12-31", "2026-02-30", "2026-13-01", "26-1-1", ""]
DATES = st.sampled_from(EDGE_DATES)
DATETIMES = DATES.map(lambda day: f"{day}T00:00:00") | st.sampled_from(
    ["2200-12-31T23:59:59", "1950-01-01T00:00:00.000001", "2026-01-01T24:00:00"]
)
WRONG_TYPES = st.sampled_from([None, True, False, 1.5, -0.0, [], {}, [1], {"a": 1}, "12"])


def _edge(original: Any, field: str) -> st.SearchStrategy[Any]:
    if isinstance(original, bool):
        return WRONG_TYPES
    if isinstance(original, int) or field.endswith("_id") or field == "id":
        return INTEGERS | WRONG_TYPES
    if isinstance(original, str) and "T" in original[10:11]:
        return DATETIMES | WRONG_TYPES
    if field.endswith(("_on", "_since", "_date")):
        return DATES | WRONG_TYPES
    return TEXTS | WRONG_TYPES


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any]) -> tuple[str, int, str, Any]:
    table = draw(st.sampled_from(sorted(t for t, rows in document["tables"].items() if rows)))
    rows = document["tables"][table]
    index = draw(st.integers(0, len(rows) - 1))
    field = draw(st.sampled_from(sorted(rows[index])))
    return table, index, field, draw(_edge(rows[index][field], field))


@PROFILE
@given(data=st.data())
def test_any_field_at_its_edges_is_refused_in_one_line_or_works_everywhere(
    export: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    table, index, field, value = data.draw(mutations(export))
    document = copy.deepcopy(export)
    row = document["tables"][table][index]
    row[field] = value
    folder = tmp_path_factory.mktemp("edge")
    code, err, journal = imported(folder, document)
    if code != 0:
        assert_one_line_refusal(code, err)
        assert sorted(p.name for p in folder.iterdir()) == ["edited.json"]
        return
    manager_id = row["id"] if table == "manager" else row.get("manager_id")
    assert_journal_works(journal, folder, manager_id if isinstance(manager_id, int) else None)


def test_every_text_and_number_column_has_its_rule() -> None:
    """A column added later cannot be imported unchecked: the import refuses to load without a
    rule for it (this names the rule of each column it checks)."""
    for table in json_format.TABLES:
        for column in table.columns:
            if column.value_type in {"str", "int"} and column.choices is None:
                assert column.check is not None, (table.name, column.name)


# --- The roster and results imports follow the same rules -------------------------------------


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ("N" * 201 + ",", "column Name: A name can have at most 200 characters."),
        ("Bell\x07 Ringer,", "column Name: This cannot hold line breaks, tabs or control"),
        ("Next\x85Line,", "column Name: This cannot hold line breaks, tabs or control"),
        ("Ann Lee," + "T" * 301, "column Title: This can have at most 300 characters."),
        ("Ann Lee,Head\x1b[31m", "column Title: This cannot hold line breaks, tabs or control"),
        ('",",Director', "column Name: This must hold at least one letter."),
        ("-- ;,Director", "column Name: This must hold at least one letter."),
    ],
)
def test_the_roster_import_refuses_what_the_editor_refuses(
    journal_path: Path, cells: str, reason: str
) -> None:
    plan = roster_import.preview_roster(f"Name,Title\n{cells}\n".encode())
    (row,) = plan.rows
    assert row.status is roster_import.RowStatus.INVALID and reason in row.message, row.message
    assert "\n" not in row.message


def test_direction_overrides_are_dropped_from_a_name_as_the_editor_drops_them(
    journal_path: Path,
) -> None:
    """A right-to-left override left open in a name turns every heading that shows the name
    backwards; invisible, it goes, and the name reads as the file shows it."""
    plan = roster_import.preview_roster(
        "Name,Title\nAna \u202eLópez\u202c,Head\u2067 of\n".encode()
    )
    (row,) = plan.rows
    assert row.status is roster_import.RowStatus.NEW
    assert (row.values["name"], row.values["title"]) == ("Ana López", "Head of")
    assert roster.create_manager("Bo\u202d Ek").name == "Bo Ek"
    assert rules.NAME.clean("عمر \u200fخالد") == "عمر \u200fخالد"  # a direction mark stays


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ("1949-12,5", "“1949-12” is not a month"),
        ("2201-01,5", "“2201-01” is not a month"),
        ("Q1 FY1950,5", "“Q1 FY1950” is not a month"),
        ("2025-04," + "9" * 30, "Plan is too large to be right."),
        ("2025-04,-5", "Plan must be an amount"),
    ],
)
def test_the_results_import_refuses_what_the_editor_refuses(
    journal_path: Path, cells: str, reason: str
) -> None:
    roster.create_manager("Ada Lovelace")
    plan = results_import.preview_results(f"Manager,Month,Quota\nAda Lovelace,{cells}\n".encode())
    (row,) = plan.rows
    assert row.status is results_import.RowStatus.INVALID and reason in row.message, row.message


def test_the_results_import_keeps_a_note_clean(journal_path: Path) -> None:
    """A note's control characters are dropped as the editor drops them; its lines are kept."""
    roster.create_manager("Ada Lovelace")
    text = 'Manager,Month,Reps,Note\nAda Lovelace,2025-12,3,"first\r\nsecond\x07"\n'
    plan = results_import.preview_results(text.encode())
    results_import.apply_results(plan)
    assert [(r.reps, r.note) for r in Result.select()] == [(3, "first\nsecond")]


def test_a_draft_that_is_json_but_not_an_entry_keeps_its_text_and_breaks_nothing(
    journal_path: Path,
) -> None:
    """An imported draft whose payload is a JSON list (the app writes objects) is offered back
    as notes holding its text, and the prep sheet still reads the drafts."""
    from coachjournal.coaching import prep, roster, touchpoints
    from coachjournal.storage.models import Draft

    manager = roster.create_manager("Ada Lovelace")
    payload = '[1, 2, {"occurred_at": "x"}]'
    Draft.create(manager=manager.id, payload=payload)
    ((_, owner, fields, _),) = touchpoints.drafts()
    assert (owner, fields) == (manager.id, {"notes": payload})
    assert prep.agenda(manager.id) is None
