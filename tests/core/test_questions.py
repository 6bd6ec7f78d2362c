"""The question bank: built-in questions, the user's edits kept as overrides, and the choice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import questions
from coachjournal.coaching.questions import Category, Question, Slot, Subject
from coachjournal.errors import ValidationError
from coachjournal.storage.models import Setting

DAY = dt.date(2026, 11, 26)


def test_the_built_in_bank_holds_the_relationship_check_ins() -> None:
    bank = questions.built_in()
    texts = " ".join(q.text for q in bank if q.category is Category.RELATIONSHIP)
    for words in ("bringing problems", "care about your success", "stickier", "help do you need"):
        assert words in texts
    assert len({q.id for q in bank}) == len(bank)
    for question in bank:  # every shipped question passes the editor's own checks
        assert questions._clean(question.category, question.text) == (
            question.category,
            question.text,
        )


def test_edits_are_overrides_of_the_built_in_bank(journal_path: Path) -> None:
    original = questions.load_bank()
    assert original == questions.built_in()
    first = original[0]
    edited = questions.update_question(
        first.id, first.category, "  Is it   easy to tell me bad news?"
    )
    assert (edited.text, edited.built_in, edited.edited) == (
        "Is it easy to tell me bad news?",
        True,
        True,
    )
    own = questions.add_question(Category.DEVELOPMENT, "What did {trait} cost you this week?")
    assert (own.id, own.built_in) == ("own-1", False)
    questions.remove_question(original[1].id)
    bank = questions.load_bank()
    assert bank[0].text == "Is it easy to tell me bad news?"
    assert original[1].id not in {q.id for q in bank}
    assert bank[-1] == own
    questions.update_question(own.id, Category.STRENGTH, "Where did {trait} shine?")
    assert questions.load_bank()[-1].category is Category.STRENGTH
    questions.remove_question(own.id)
    assert own.id not in {q.id for q in questions.load_bank()}
    # Putting a built-in question back as it was drops the edit.
    questions.update_question(first.id, first.category, first.text)
    assert not questions.load_bank()[0].edited
    assert questions.restore_defaults() == questions.built_in()
    assert Setting.get_or_none(Setting.key == questions.OVERRIDES_KEY) is None


@pytest.mark.parametrize(
    ("category", "text", "message"),
    [
        (Category.RELATIONSHIP, "   ", "Write the question."),
        (
            Category.RELATIONSHIP,
            "How is {assignment}?",
            "cannot use {assignment}: use no placeholder",
        ),
        (Category.DEVELOPMENT, "How is {motivator}?", "cannot use {motivator}: use {trait}"),
        (Category.CAREER, "A { brace", "A brace in the question is not closed"),
        (Category.MOTIVATION, "{motivator:>900000000}?", "{name} alone, with nothing after"),
        (Category.MOTIVATION, "{motivator!r}?", "{name} alone, with nothing after"),
        (Category.CAREER, "x" * 301, "under 300 characters"),
        ("gossip", "Any news?", "is not a kind of question"),
    ],
)
def test_bad_questions_are_refused_with_a_sentence(
    journal_path: Path, category: Category | str, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        questions.add_question(category, text)
    assert questions.load_bank() == questions.built_in()


def test_an_unreadable_override_falls_back_to_the_built_in_bank(journal_path: Path) -> None:
    Setting.create(key=questions.OVERRIDES_KEY, value="{not json")
    assert questions.load_bank() == questions.built_in()
    Setting.update(
        value='{"changed": {"relationship-care": {"category": "nope"}}, "added": 3}'
    ).execute()
    assert questions.load_bank() == questions.built_in()


HAND_EDITED = {
    "format spec": '{"added": [{"id": "x1", "category": "motivation", '
    '"text": "{motivator}{motivator:>900000000}"}]}',
    "open brace": '{"added": [{"id": "x2", "category": "motivation", "text": "How is it? {"}]}',
    "attribute": '{"added": [{"id": "x3", "category": "motivation", "text": "{motivator} {x.y}"}]}',
    "list as an id": '{"removed": [[1]]}',
    "nested deep": "[" * 50_000 + "]" * 50_000,
}


@pytest.mark.parametrize("value", HAND_EDITED.values(), ids=HAND_EDITED.keys())
def test_a_hand_edited_bank_is_read_within_the_rules_or_not_at_all(
    journal_path: Path, value: str
) -> None:
    """An imported journal's bank holds what no editor would: the questions the editor would
    refuse are left out, and nothing in one is ever run as a format (a width of 900 million
    took a minute and 6 GB)."""
    Setting.create(key=questions.OVERRIDES_KEY, value=value)
    bank = questions.load_bank()
    assert {q.id for q in bank} <= {q.id for q in questions.built_in()}
    subject = Subject("motivator:1", {"motivator": "autonomy"})
    risky = Question("x", Category.MOTIVATION, "{motivator}{motivator:>900000000} {x.y} {")
    (asked,) = questions.suggest([risky], [Slot(Category.MOTIVATION, 1, [subject])], [], DAY)
    assert asked.text == "autonomy{motivator:>900000000} {x.y} {"


def test_a_hand_edited_history_nested_deep_is_no_history(journal_path: Path) -> None:
    Setting.create(key=questions.HISTORY_KEY.format(manager_id=1), value="[" * 50_000)
    assert questions.history(1) == []


def _bank() -> tuple[Question, ...]:
    return (
        Question("a", Category.RELATIONSHIP, "A?"),
        Question("b", Category.RELATIONSHIP, "B?"),
        Question("c", Category.RELATIONSHIP, "C?"),
        Question("t1", Category.DEVELOPMENT, "Where did you practise {trait}?"),
        Question("t2", Category.DEVELOPMENT, "What next for {trait}?"),
    )


def test_suggest_fills_slots_in_order_and_fills_placeholders() -> None:
    traits = [Subject("trait:1", {"trait": "negotiation", "name": "Negotiation"})]
    chosen = questions.suggest(
        _bank(), [Slot(Category.DEVELOPMENT, 1, traits), Slot(Category.RELATIONSHIP, 2)], [], DAY
    )
    assert [(q.key, q.text, q.reason) for q in chosen] == [
        ("t1|trait:1", "Where did you practise negotiation?", "Development area: Negotiation"),
        ("a", "A?", "Relationship check-in"),
        ("b", "B?", "Relationship check-in"),
    ]


def test_suggest_rotates_least_recently_used_first() -> None:
    slots = [Slot(Category.RELATIONSHIP, 2)]
    past = [(DAY - dt.timedelta(days=7), ("a", "b")), (DAY - dt.timedelta(days=14), ("c", "a"))]
    assert [q.key for q in questions.suggest(_bank(), slots, past, DAY)] == ["c", "b"]
    # Today's own sheet is ignored: reopening it suggests the same.
    today_too = [(DAY, ("c", "b")), *past]
    assert [q.key for q in questions.suggest(_bank(), slots, today_too, DAY)] == ["c", "b"]


def test_a_subject_is_asked_about_once_per_sheet() -> None:
    traits = [Subject("trait:1", {"trait": "x", "name": "X"})]
    slots = [Slot(Category.DEVELOPMENT, 1, traits), Slot(Category.DEVELOPMENT, 1, traits)]
    assert len(questions.suggest(_bank(), slots, [], DAY)) == 1


def test_history_keeps_the_last_sheets(journal_path: Path) -> None:
    for week in range(8):
        questions.remember(7, DAY + dt.timedelta(weeks=week), [f"q{week}"])
    sheets = questions.history(7)
    assert len(sheets) == questions.HISTORY_SHEETS + 1
    assert sheets[0] == (DAY + dt.timedelta(weeks=7), ("q7",))
    Setting.update(value="[[1, 2]]").where(Setting.key == "prep.suggested.7").execute()
    assert questions.history(7) == []
