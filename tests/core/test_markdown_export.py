"""The Markdown export: a file per manager that reads well, and safe, unique file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.coaching.team import talent
from coachjournal.exchange import markdown_export
from coachjournal.exchange.markdown_export import file_names, nest_markdown, safe_file_name
from coachjournal.storage.exports import ExportError
from coachjournal.storage.models import Assignment, Motivator, Trait, TraitRating

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def team(journal_path: Path) -> dict[str, int]:
    ada = roster.create_manager(
        "Ada Lovelace", title="RSM", team="Nordics", notes="# Background\n\nCame from *SE*."
    )
    bob = roster.create_manager("Bob/Builder: the second?")
    old = roster.create_manager("Old Timer")
    roster.set_archived(old.id, True)
    trait = Trait.create(manager=ada.id, kind="development", skill="Forecasting", target_rating=4)
    TraitRating.create(trait=trait.id, rating=2, rated_on=dt.date(2025, 6, 1), note="baseline")
    TraitRating.create(trait=trait.id, rating=3, rated_on=dt.date(2026, 1, 10), note="better")
    Trait.create(manager=ada.id, kind="strength", skill="Hiring")
    Motivator.create(manager=ada.id, name="Mastery", rank=1, note="loves the craft")
    assignment = Assignment.create(manager=ada.id, title="Run the QBR", status="active")
    older = touchpoints.create_touchpoint(
        ada.id,
        dt.datetime(2026, 1, 5, 9),
        "field_visit",
        notes="## Plan\n\n```\n# not a heading\n```\nFirst visit",
        account="Acme GmbH",
        summary="Acme ride-along",
    )
    touchpoints.add_action_item(ada.id, "Send the proposal", "them", dt.date(2026, 3, 1), older.id)
    newer = touchpoints.create_touchpoint(
        ada.id,
        dt.datetime(2026, 2, 20, 14, 30),
        "one_on_one",
        notes="The unique phrase tangerine-walrus.",
        mood=4,
        duration_minutes=45,
        assignment_id=assignment.id,
    )
    gone = touchpoints.create_touchpoint(
        ada.id, dt.datetime(2026, 2, 1, 9), "informal", notes="trashy"
    )
    touchpoints.trash_touchpoint(gone.id)
    touchpoints.create_touchpoint(bob.id, dt.datetime(2026, 2, 2, 9), "informal", notes="bob-only")
    cadence.set_override(ada.id, "one_on_one", 14, 21)
    q2 = talent.add_review("Q2 2025 review", dt.date(2025, 6, 30))
    talent.place(q2.id, ada.id, 2, 2)
    q4 = talent.add_review("Q4 2025 review", dt.date(2025, 12, 15))
    talent.update_placement(
        talent.place(q4.id, ada.id, 3, 3).id,
        readiness="now",
        risk="high",
        risk_reason="Wants a region | soon",
        note="Ran the kick-off",
    )
    return {"ada": ada.id, "bob": bob.id, "old": old.id, "newer": newer.id, "older": older.id}


def test_each_manager_gets_a_file_with_their_own_notes(
    team: dict[str, int], tmp_path: Path
) -> None:
    summary = markdown_export.export_markdown(tmp_path / "md", today=TODAY)

    files = sorted(path.name for path in summary.folder.iterdir())
    assert files == ["Ada Lovelace.md", "Bob-Builder- the second-.md", "Old Timer.md", "index.md"]
    assert (summary.files, summary.touchpoints) == (3, 3)
    ada = (summary.folder / "Ada Lovelace.md").read_text(encoding="utf-8")
    bob = (summary.folder / "Bob-Builder- the second-.md").read_text(encoding="utf-8")
    assert "tangerine-walrus" in ada and "tangerine-walrus" not in bob
    assert "bob-only" in bob and "bob-only" not in ada
    assert "trashy" not in ada


def test_a_large_meeting_names_a_few_and_keeps_each_note_in_its_managers_file(
    journal_path: Path, tmp_path: Path
) -> None:
    """A huddle of twenty: each file names twelve others "and 7 others", and holds what was
    observed about its own manager only; a field visit of two keeps both notes in both files."""
    ids = [roster.create_manager(f"Member {n:02d}").id for n in range(20)]
    touchpoints.create_touchpoint(
        ids[0],
        dt.datetime(2026, 2, 2, 9),
        "team_meeting",
        with_managers=ids[1:],
        observed={ids[1]: "watched-one", ids[2]: "watched-two"},
        notes="all-hands",
    )
    touchpoints.create_touchpoint(
        ids[3],
        dt.datetime(2026, 2, 3, 9),
        "field_visit",
        with_managers=[ids[4]],
        observed={ids[3]: "visit-three", ids[4]: "visit-four"},
    )
    folder = markdown_export.export_markdown(tmp_path / "md", today=TODAY).folder
    one = (folder / "Member 01.md").read_text(encoding="utf-8")
    three = (folder / "Member 03.md").read_text(encoding="utf-8")
    assert "all-hands" in one and "and 7 others" in one
    assert "watched-one" in one and "watched-two" not in one
    assert "Member 19" not in one.split("and 7 others")[0].rsplit("with ", 1)[1]
    assert "visit-three" in three and "visit-four" in three


def test_a_manager_file_has_every_section_in_order(team: dict[str, int]) -> None:
    text, count = markdown_export.manager_markdown(team["ada"], TODAY)

    assert count == 2
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Cadence",
        "## Strengths",
        "## Development areas",
        "## Motivators",
        "## Talent reviews",
        "## Assignments",
        "## Open action items",
        "## Timeline",
    ]
    assert text.startswith("# Ada Lovelace\n\nRSM · Nordics  \n\n### Background\n\nCame from *SE*.")
    assert (
        "| One-on-one | every 14 days (at most 21) | 2026-02-20 | 2026-03-06 | On track |" in text
    )
    assert "### Forecasting · target 4/5" in text
    assert "| 2025-06-01 | 2/5 | baseline |" in text and "| 2026-01-10 | 3/5 | better |" in text
    assert "1. **Mastery** — loves the craft" in text
    assert (
        "- **Q2 2025 review** (2025-06-30): Core player (Medium performance, Medium potential)\n"
        "- **Q4 2025 review** (2025-12-15): Star (High performance, High potential) ↗; "
        "ready now; high risk of leaving: Wants a region \\| soon\n  Ran the kick-off\n"
    ) in text
    assert "### Run the QBR" in text
    assert "- [ ] Send the proposal (them, due 2026-03-01)" in text
    newer = text.index("### 2026-02-20 14:30 · One-on-one")
    older = text.index("### 2026-01-05 09:00 · Field visit")
    assert newer < older
    assert "45 minutes · mood 4/5 · assignment: Run the QBR" in text
    assert "**Account**\n\nAcme GmbH" in text
    assert "#### Plan" in text and "```\n# not a heading\n```" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_the_index_links_every_manager(team: dict[str, int], tmp_path: Path) -> None:
    folder = markdown_export.export_markdown(tmp_path / "md", today=TODAY).folder
    index = (folder / "index.md").read_text(encoding="utf-8")

    assert "| [Ada Lovelace](<Ada Lovelace.md>) | RSM | Nordics | 2 | 2026-02-20 |" in index
    assert "2026-03-06 (on track)" in index
    assert index.index("## Archived managers") < index.index("[Old Timer](<Old Timer.md>)")
    assert "Q4 2025 review (2025-12-15): 1 placed, 1 not placed." in index
    assert "| Star | High | High | Ada Lovelace ↗ |" in index
    assert "| Core player | Medium | Medium |  |" in index
    for line in index.splitlines():
        if line.startswith("| ["):
            target = line.split("](<")[1].split(">)")[0]
            assert (folder / target).is_file()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("  ..hidden.  ", "hidden"),
        ("CON", "CON_"),
        ("com1.backup", "com1.backup_"),
        ("Zoë 🦊 Ødegård", "Zoë 🦊 Ødegård"),
        ("tab\tand\nnewline", "tab-and-newline"),
        ("...", "manager"),
        ("x" * 300, "x" * markdown_export.MAX_NAME),
    ],
)
def test_safe_file_names(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_file_names_are_unique_ignoring_case_and_spare_the_index() -> None:
    names = file_names([(3, "Ana"), (1, "ana"), (2, "ANA"), (4, "Index"), (5, "a/b"), (6, "a-b")])
    assert names == {
        1: "ana.md",
        2: "ANA (2).md",
        3: "Ana (3).md",
        4: "Index (2).md",
        5: "a-b (2).md",
        6: "a-b.md",
    }


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        ("# Top\n## Sub", "### Top\n#### Sub"),
        ("##### Deep", "###### Deep"),
        ("#hashtag and # not at start", "#hashtag and # not at start"),
        ("Title\n=====\nbody", "### Title\nbody"),
        ("Sub\n---", "#### Sub"),
        ("- item\n---", "- item\n---"),
        ("\n---\n", "\n---"),
        ("```\n# code\n```\n# real", "```\n# code\n```\n### real"),
        ("~~~~\n# code\n~~~\n# still code\n~~~~", "~~~~\n# code\n~~~\n# still code\n~~~~"),
    ],
)
def test_note_headings_nest_below_the_entry(text: str, nested: str) -> None:
    assert nest_markdown(text, 2) == nested


def test_an_export_replaces_only_an_earlier_export(team: dict[str, int], tmp_path: Path) -> None:
    target = tmp_path / "md"
    markdown_export.export_markdown(target, today=TODAY)
    with pytest.raises(ExportError, match="replace it on purpose with --force"):
        markdown_export.export_markdown(target, today=TODAY)
    roster.update_manager(team["bob"], name="Robert")
    markdown_export.export_markdown(target, today=TODAY, force=True)
    assert (target / "Robert.md").is_file()
    assert not (target / "Bob-Builder- the second-.md").exists()

    (target / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ExportError, match="holds other things"):
        markdown_export.export_markdown(target, today=TODAY, force=True)
    assert (target / "photo.jpg").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
