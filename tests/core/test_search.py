"""Full-text search: prefixes, phrases, folded accents, every kind of entry, kept in step."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from coachjournal.coaching import roster, search, touchpoints
from coachjournal.coaching.search import MATCH_END, MATCH_START, Source
from coachjournal.storage import db
from coachjournal.storage.models import Assignment, Trait

WHEN = dt.datetime(2025, 5, 6, 10)


@pytest.fixture
def manager_id(journal_path: Path) -> int:
    return roster.create_manager("Lena Fischer", notes="Wants to move to Zürich").id


def found(text: str) -> list[tuple[Source, int]]:
    return [(hit.source, hit.id) for hit in search.search(text)]


def test_prefix_phrase_and_accents(manager_id: int) -> None:
    tp = touchpoints.create_touchpoint(
        manager_id,
        WHEN,
        "one_on_one",
        summary="Pricing pressure",
        notes="The negotiation with Acme stalled. Her résumé is strong; a naïve forecast.",
    ).id
    assert found("negot") == [(Source.TOUCHPOINT, tp)]
    assert found("resume") == [(Source.TOUCHPOINT, tp)]
    assert found("RÉSUMÉ naive") == [(Source.TOUCHPOINT, tp)]
    assert found('"acme stalled"') == [(Source.TOUCHPOINT, tp)]
    assert found('"stalled acme"') == []
    assert found("negotiation missingword") == []
    assert found("zurich") == [(Source.MANAGER, manager_id)]


def test_snippets_mark_the_match_and_name_the_manager(manager_id: int) -> None:
    touchpoints.create_touchpoint(
        manager_id, WHEN, "call_review", notes="Discovery call was rushed"
    )
    (hit,) = search.search("discov")
    assert f"{MATCH_START}Discovery{MATCH_END}" in hit.snippet
    assert (hit.manager_name, hit.label, hit.when) == ("Lena Fischer", "Call review", WHEN)


def test_every_kind_of_entry_is_searched(manager_id: int) -> None:
    tp = touchpoints.create_touchpoint(manager_id, WHEN, "one_on_one").id
    item = touchpoints.add_action_item(manager_id, "Shadow the quarterly review", touchpoint_id=tp)
    assignment = Assignment.create(
        manager=manager_id, title="Lead the quarterly kickoff", description=""
    )
    trait = Trait.create(
        manager=manager_id, kind="development", skill="Forecasting", detail="quarterly calls"
    )
    hits = {(hit.source, hit.id): hit for hit in search.search("quarterly")}
    assert set(hits) == {
        (Source.ACTION_ITEM, item.id),
        (Source.ASSIGNMENT, assignment.id),
        (Source.TRAIT, trait.id),
    }
    assert hits[(Source.ACTION_ITEM, item.id)].touchpoint_id == tp
    assert hits[(Source.TRAIT, trait.id)].label == "Development area"


def test_the_index_follows_edits_trash_and_deletes(manager_id: int) -> None:
    tp = touchpoints.create_touchpoint(manager_id, WHEN, "one_on_one", notes="alpha").id
    touchpoints.update_touchpoint(tp, notes="bravo")
    assert found("alpha") == []
    assert found("bravo") == [(Source.TOUCHPOINT, tp)]
    touchpoints.trash_touchpoint(tp)
    assert found("bravo") == []
    touchpoints.restore_touchpoint(tp)
    assert found("bravo") == [(Source.TOUCHPOINT, tp)]
    touchpoints.trash_touchpoint(tp)
    touchpoints.empty_trash()
    assert found("bravo") == []
    roster.update_manager(manager_id, notes="charlie")
    assert found("zurich") == []
    assert found("charlie") == [(Source.MANAGER, manager_id)]


@pytest.mark.parametrize(
    "text", ['"', "(", ")", "*", "AND", "OR NOT", "-", "a:b", "NEAR(", "^", "''", "   ", "🚀"]
)
def test_any_input_is_searched_without_an_error(manager_id: int, text: str) -> None:
    touchpoints.create_touchpoint(manager_id, WHEN, "one_on_one", notes="and or not near")
    assert isinstance(search.search(text), list)


def test_operators_typed_by_the_user_are_plain_words(manager_id: int) -> None:
    tp = touchpoints.create_touchpoint(manager_id, WHEN, "informal", notes="coffee OR tea").id
    assert found("coffee OR") == [(Source.TOUCHPOINT, tp)]
    assert search.to_fts_query('xyz "a b" cd*') == '"xyz"* "a b" "cd"'
    assert search.to_fts_query(" -- ") is None


def test_results_are_bounded_and_newest_first(manager_id: int) -> None:
    for day in range(30):
        touchpoints.create_touchpoint(
            manager_id, WHEN + dt.timedelta(days=day), "one_on_one", notes="pipeline"
        )
    hits = search.search("pipeline", limit=10)
    assert len(hits) == 10
    assert hits[0].when == WHEN + dt.timedelta(days=29)
    assert [hit.when for hit in hits] == sorted((hit.when for hit in hits), reverse=True)


def test_an_upgraded_journal_is_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent.parent / "data" / "journal-v1.db", path)
    db.open_journal(path)
    try:
        assert [hit.id for hit in search.search("resume")] == [1]
        assert {hit.source for hit in search.search("forecast")} >= {
            Source.TRAIT,
            Source.ASSIGNMENT,
        }
    finally:
        db.close_journal()


def test_a_megabyte_note_is_found_by_its_last_word(manager_id: int) -> None:
    notes = "pipeline review " * 62_500 + "Zürich-escalation 👩‍💼 ليلى"
    assert len(notes) > 1_000_000
    tp = touchpoints.create_touchpoint(manager_id, WHEN, "one_on_one", notes=notes).id
    assert found("zurich escalation") == [(Source.TOUCHPOINT, tp)]
    assert found("ليلى") == [(Source.TOUCHPOINT, tp)]
