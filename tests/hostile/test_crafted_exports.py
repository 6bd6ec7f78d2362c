"""Crafted exports the import once accepted: each is now refused with one sentence, in seconds,
and the journal is left empty (the attacks of the attendees, talent and team plan round)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest

from coachjournal.coaching import roster
from coachjournal.coaching.team import plan as team_plan
from coachjournal.coaching.team.plan import Goal
from coachjournal.errors import CoachJournalError
from coachjournal.exchange import json_format
from coachjournal.kinds import GoalKind, Rhythm
from coachjournal.storage import db
from coachjournal.storage.models import Manager
from tests.core.exports import as_version_2

SKILL = "Pipeline management"


@pytest.fixture
def export(tmp_path: Path) -> dict[str, Any]:
    """A real export of a small journal with a team plan, as a document to edit."""
    db.open_journal(tmp_path / "source.db")
    try:
        roster.create_manager("Ana Berg")
        team_plan.create_plan(
            "Ready for 2027", dt.date(2027, 1, 1), [Goal(GoalKind.SKILL, SKILL, 4)]
        )
        json_format.export_json(tmp_path / "source.json")
    finally:
        db.close_journal()
    document: dict[str, Any] = json.loads((tmp_path / "source.json").read_text("utf-8"))
    return document


def refused(path: Path, journal: Path) -> str:
    db.open_journal(journal)
    try:
        with pytest.raises(CoachJournalError) as error:
            json_format.import_json(path)
        assert Manager.select().count() == 0
    finally:
        db.close_journal()
    return str(error.value)


def test_a_field_given_twice_is_refused(export: dict[str, Any], tmp_path: Path) -> None:
    """Python's json and jq keep the last "tables" (an empty journal); the import read both."""
    text = json.dumps(export)[:-1] + ', "tables": {}}'
    (tmp_path / "twice.json").write_text(text, encoding="utf-8")
    message = refused(tmp_path / "twice.json", tmp_path / "journal.db")
    assert 'gives the field "tables" twice' in message
    assert message.endswith("which one counts is unclear, so nothing was imported.")


def test_a_version_1_file_holding_a_table_of_version_2_is_refused(
    export: dict[str, Any], tmp_path: Path
) -> None:
    export = as_version_2(export)
    export["format_version"] = 1
    (tmp_path / "v1.json").write_text(json.dumps(export), encoding="utf-8")
    message = refused(tmp_path / "v1.json", tmp_path / "journal.db")
    assert message.startswith("The export says it is format version 1, but it holds rows of")
    assert "which version 2 added" in message


def test_a_plan_of_thousands_of_goals_is_refused(export: dict[str, Any], tmp_path: Path) -> None:
    """20,000 goals imported in 3.6 s, then the Team plan tab and the prep sheet hung."""
    (goal,) = export["tables"]["team_plan_goal"]
    export["tables"]["team_plan_goal"] = [
        {**goal, "uid": f"{number:032x}", "position": number} for number in range(1, 20_001)
    ]
    (tmp_path / "goals.json").write_text(json.dumps(export), encoding="utf-8")
    start = time.perf_counter()
    message = refused(tmp_path / "goals.json", tmp_path / "journal.db")
    assert time.perf_counter() - start < 30
    assert f"it has 20,000 goals; a plan holds at most {team_plan.MOST_GOALS}" in message


def test_a_rhythm_too_small_to_read_is_refused(export: dict[str, Any], tmp_path: Path) -> None:
    (goal,) = export["tables"]["team_plan_goal"]
    goal.update(kind="rhythm", subject=Rhythm.JOINT_CALLS.value, level=1e-300)
    (tmp_path / "tiny.json").write_text(json.dumps(export), encoding="utf-8")
    message = refused(tmp_path / "tiny.json", tmp_path / "journal.db")
    assert "A rhythm is a number a month from 0.1 to 100" in message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_that_never_ends_is_refused_at_once(tmp_path: Path) -> None:
    """Importing /dev/zero grew to 2 GB of memory in ten minutes."""
    start = time.perf_counter()
    message = refused(Path("/dev/zero"), tmp_path / "journal.db")
    assert time.perf_counter() - start < 5
    assert message == "/dev/zero is not a file that can be imported."


def test_a_manager_placed_twice_in_one_review_is_named_in_words(
    export: dict[str, Any], tmp_path: Path
) -> None:
    export = as_version_2(export)
    (manager,) = export["tables"]["manager"]
    export["tables"]["talent_review"] = [
        {"id": 1, "title": "Q4 2026 review", "held_on": "2026-11-19", "period": "quarter"}
    ]
    placement = {"review_id": 1, "manager_id": manager["id"], "performance": 2, "potential": 2}
    export["tables"]["talent_placement"] = [{"id": 1, **placement}, {"id": 2, **placement}]
    (tmp_path / "twice.json").write_text(json.dumps(export), encoding="utf-8")
    message = refused(tmp_path / "twice.json", tmp_path / "journal.db")
    assert (
        "talent_placement 2: another row has the same 'review_id' and 'manager_id': it is "
        "given twice"
    ) in message
    assert "UNIQUE constraint" not in message
