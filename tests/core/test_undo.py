"""The trigger-based undo log: any row change comes back exactly, cascades included, and the
full-text index follows. Every test compares every row of the real journal file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import (
    cadence,
    development,
    prep,
    questions,
    results,
    roster,
    search,
    touchpoints,
)
from coachjournal.coaching.results import Figure, ResultSettings
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.kinds import ActionStatus, Owner, ResultPeriod, TouchpointKind, TraitKind
from coachjournal.storage import db
from coachjournal.storage.models import database
from coachjournal.storage.undo import Change, UndoError, UndoLog
from tests.core.builders import table_rows

Rows = dict[str, list[tuple[object, ...]]]


def rows(path: Path) -> Rows:
    """The base tables' rows (the FTS indexes' own storage is checked by :func:`index_ok`:
    its pages after a delete and a re-insert differ in bytes while holding the same index)."""
    return {table: content for table, content in table_rows(path).items() if "_fts" not in table}


def index_ok() -> None:
    """Every full-text index agrees with its table (SQLite raises if one does not)."""
    indexes = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
    ).fetchall()
    assert indexes
    for (index,) in indexes:
        database.execute_sql(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


def team() -> tuple[int, int]:
    """A manager with a one-on-one (two action items), a trait with ratings and evidence, two
    motivators, an assignment on the trait, a cadence and a month of results."""
    manager_id = roster.create_manager("Dana Whitfield", notes="Ex-rep, promoted in March").id
    touchpoint = touchpoints.log_touchpoint(
        manager_id,
        dt.datetime(2026, 11, 30, 9),
        TouchpointKind.ONE_ON_ONE,
        [
            NewActionItem("Send the pipeline deck", Owner.THEM, dt.date(2026, 12, 4), False),
            NewActionItem("Book the ride-along", Owner.ME, None, False),
        ],
        summary="Pipeline review",
        notes="Talked about the Henderson renewal",
    )
    trait = development.add_trait(manager_id, TraitKind.DEVELOPMENT, "Forecasting", rating=2)
    development.rate_trait(trait.id, 3, dt.date(2026, 11, 30))
    development.link_evidence(trait.id, touchpoint.id)
    development.add_motivator(manager_id, "Recognition")
    development.add_motivator(manager_id, "Autonomy")
    development.add_assignment(manager_id, "Run the QBR", trait_id=trait.id)
    cadence.set_override(manager_id, TouchpointKind.ONE_ON_ONE, 7, 14)
    month = results.period_of(dt.date(2026, 11, 1), results.load_settings())
    results.set_many(manager_id, [(month, {Figure.PLAN: 1_000_00, Figure.ACTUAL: 900_00})])
    return manager_id, touchpoint.id


def test_delete_manager_comes_back_with_every_row_cascaded(journal_path: Path) -> None:
    manager_id, _ = team()
    log = UndoLog()
    before = rows(journal_path)
    with log.step("Delete Manager"):
        roster.delete_manager(manager_id)
    deleted = rows(journal_path)
    assert deleted["manager"] == [] and deleted["action_item"] == []
    assert log.undo_name == "Delete Manager"

    name, changes = log.undo()
    assert name == "Delete Manager"
    assert rows(journal_path) == before
    assert Change("manager", manager_id, manager_id, "INSERT") in changes
    assert {change.table for change in changes} >= {"touchpoint", "trait_rating", "result"}
    index_ok()
    assert [hit.id for hit in search.search("Henderson")]
    assert log.undo_name is None and log.redo_name == "Delete Manager"

    log.redo()
    assert rows(journal_path) == deleted
    assert not search.search("Henderson")
    index_ok()
    log.undo()
    assert rows(journal_path) == before


def test_updates_set_null_links_and_replaced_settings_come_back(journal_path: Path) -> None:
    manager_id, touchpoint_id = team()
    log = UndoLog()
    trait_id = development.list_traits(manager_id)[0].id
    before = rows(journal_path)
    with log.step("Delete Skill"):
        development.delete_trait(trait_id)
    with log.step("Results Settings"):
        results.save_settings(ResultSettings(ResultPeriod.QUARTER, fiscal_start=4))
    with log.step("Edit Touchpoint"):
        touchpoints.update_touchpoint(touchpoint_id, notes="Rewritten notes about Orion")
    assert search.search("Orion")
    after = rows(journal_path)
    for _ in range(3):
        log.undo()
    assert rows(journal_path) == before
    assert not search.search("Orion") and search.search("Henderson")
    for _ in range(3):
        log.redo()
    assert rows(journal_path) == after
    index_ok()


def test_a_block_that_changes_nothing_is_no_step_and_saving_the_same_text_is_none(
    journal_path: Path,
) -> None:
    _, touchpoint_id = team()
    log = UndoLog()
    with log.step("Nothing"):
        pass
    with log.step("Same text"):
        touchpoints.update_touchpoint(touchpoint_id, notes="Talked about the Henderson renewal")
    assert log.undo_name is None
    with pytest.raises(UndoError, match="nothing to undo"):
        log.undo()


def test_saves_of_one_editing_session_are_one_step(journal_path: Path) -> None:
    _, touchpoint_id = team()
    log = UndoLog()
    before = rows(journal_path)
    for text in ("T", "Ta", "Tal", "Talk"):
        with log.step("Edit Touchpoint", key=("touchpoint", touchpoint_id)):
            touchpoints.update_touchpoint(touchpoint_id, notes=text)
    assert len(log.undo_steps) == 1
    log.undo()
    assert rows(journal_path) == before
    log.redo()
    assert touchpoints.get_touchpoint(touchpoint_id).notes == "Talk"


def test_a_new_step_drops_the_redo_and_the_oldest_goes_beyond_the_limit(
    journal_path: Path,
) -> None:
    manager_id, _ = team()
    log = UndoLog(limit=3)
    for name in ("A", "B", "C", "D"):
        with log.step(name):
            roster.update_manager(manager_id, title=name)
    assert [step.name for step in log.undo_steps] == ["B", "C", "D"]
    log.undo()
    assert log.redo_name == "D"
    with log.step("E"):
        roster.update_manager(manager_id, title="E")
    assert log.redo_name is None
    count = database.execute_sql("SELECT count(*) FROM temp.cj_undo_log").fetchone()[0]
    assert count == 3  # one row per kept step, nothing left behind by the dropped ones


def test_steps_nest_and_a_failing_block_keeps_what_it_wrote(journal_path: Path) -> None:
    manager_id, _ = team()
    item = touchpoints.open_action_items(manager_id)[0]
    log = UndoLog()
    with pytest.raises(RuntimeError), log.step("Mark Done"):
        with log.step("inner"):
            touchpoints.set_action_status(item.id, ActionStatus.DONE)
        raise RuntimeError
    assert [step.name for step in log.undo_steps] == ["Mark Done"]
    log.undo()
    assert touchpoints.get_action_item(item.id).status == ActionStatus.OPEN


def test_a_write_outside_any_step_drops_the_history_rather_than_replay_onto_it(
    journal_path: Path,
) -> None:
    """Steps replay against row ids: once something was written outside any step (the
    questions a prep sheet suggested, say), an id a step freed may belong to another row, and
    replaying could remove the wrong one. The history goes instead, with one sentence."""
    manager_id, _ = team()
    log = UndoLog()
    with log.step("Add"):
        added = touchpoints.add_action_item(manager_id, "Call Ines", Owner.ME, None, None)
    touchpoints.update_action_item(added.id, text="Call Ines today", owner=Owner.ME, due_on=None)
    with pytest.raises(UndoError, match="There is nothing to undo"):
        log.undo()
    (item,) = [i for i in touchpoints.open_action_items(manager_id) if i.id == added.id]
    assert item.text == "Call Ines today"
    with log.step("Remove manager"):
        roster.delete_manager(manager_id)
    newcomer = roster.create_manager("Someone else")  # may take the freed id, outside any step
    with pytest.raises(UndoError, match="There is nothing to undo"):
        log.undo()
    assert roster.get_manager(newcomer.id).name == "Someone else"


def test_the_questions_a_prep_sheet_remembers_are_no_change_to_undo(journal_path: Path) -> None:
    """A prep sheet remembers the questions it suggested each time it is shown (an open one
    refreshes after every save): bookkeeping, so the history is kept and the step before it
    can still be undone."""
    manager_id, _ = team()
    log = UndoLog()
    with log.step("Add"):
        added = touchpoints.add_action_item(manager_id, "Call Ines", Owner.ME, None, None)
    questions.remember(manager_id, dt.date(2026, 12, 3), ["rapport.weekend"])
    questions.remember(manager_id, dt.date(2026, 12, 3), ["rapport.energy"])
    assert log.undo()[0] == "Add"
    assert added.id not in [i.id for i in touchpoints.open_action_items(manager_id)]
    assert questions.history(manager_id)[0][1] == ("rapport.energy",)


def without_draft_ids(content: Rows) -> Rows:
    """The rows, a draft's id aside: a draft comes back under a new id (see undo's docstring)."""
    return {**content, "draft": sorted(row[1:] for row in content["draft"])}


def test_drafts_come_back_with_their_manager_and_their_entry_and_typing_is_no_step(
    journal_path: Path,
) -> None:
    manager_id, _ = team()
    log = UndoLog()
    with log.step("Add"):
        touchpoints.add_action_item(manager_id, "Call Ines", Owner.ME, None, None)
    # Typing: drafts begun, saved again and again, discarded, all outside any step.
    prep.save_agenda(manager_id, "Territory split")
    prep.save_agenda(manager_id, "Territory split for Q1")
    typing = touchpoints.save_draft(None, manager_id, {"notes": "half a thought"})
    touchpoints.save_draft(typing, manager_id, {"notes": "half a thought, finished"})
    touchpoints.discard_draft(touchpoints.save_draft(None, manager_id, {"notes": "dropped"}))
    assert log.undo_name == "Add", "typing neither made a step nor dropped the history"
    assert len(log.undo_steps) == 1
    before = rows(journal_path)
    assert len(before["draft"]) == 2
    with log.step("Add Manager"):
        other = roster.create_manager("Noor Haddad").id
    with log.step("Delete Manager"):
        roster.delete_manager(manager_id)
    assert rows(journal_path)["draft"] == []
    # Another draft, outside any step, takes an id the deletion freed.
    taken = touchpoints.save_draft(None, other, {"notes": "Noor's notes"})
    assert taken in {row[0] for row in before["draft"]}

    log.undo()
    restored = rows(journal_path)
    assert len(restored["draft"]) == 3
    noor = [row for row in restored["draft"] if row[0] == taken]
    assert noor[0][1] == other
    restored["draft"] = [row for row in restored["draft"] if row[0] != taken]
    restored["manager"] = [row for row in restored["manager"] if row[0] != other]
    assert without_draft_ids(restored) == without_draft_ids(before)
    agenda = prep.agenda(manager_id)
    assert agenda is not None and agenda.text == "Territory split for Q1"
    log.redo()
    assert [row[1] for row in rows(journal_path)["draft"]] == [other]
    log.undo()
    agenda = prep.agenda(manager_id)
    assert agenda is not None and agenda.text == "Territory split for Q1"

    # The one-on-one logged from the agenda drops it; undone, the agenda is back.
    with log.step("Log Touchpoint"):
        touchpoints.log_touchpoint(
            manager_id,
            dt.datetime(2026, 12, 3, 9),
            TouchpointKind.ONE_ON_ONE,
            [],
            draft_id=agenda.draft_id,
            notes=agenda.text,
        )
    assert prep.agenda(manager_id) is None
    log.undo()
    back = prep.agenda(manager_id)
    assert back is not None and back.text == "Territory split for Q1"
    log.redo()
    assert prep.agenda(manager_id) is None
    assert sum("Territory split for Q1" in row for row in rows(journal_path)["touchpoint"]) == 1


def test_another_connection_starts_an_empty_history(journal_path: Path) -> None:
    manager_id, _ = team()
    log = UndoLog()
    with log.step("Archive"):
        roster.set_archived(manager_id, True)
    db.close_journal()
    db.open_journal(journal_path)
    with pytest.raises(UndoError):
        log.undo()
    assert roster.get_manager(manager_id).archived
