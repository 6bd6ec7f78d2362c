"""The question bank behind the prep sheet's suggested questions, and how a handful is chosen.

The built-in bank is ``resources/questions/question-bank.json``. The executive edits it in the
app; the edits are stored in the journal's ``setting`` table as *overrides* of the built-in
bank (questions changed, removed and added), never as a copy of it, so a question added to the
built-in bank by a later version still shows up, and "restore defaults" is deleting one row.

A question belongs to a category, which says when it applies and which placeholders it may use:
``{assignment}`` is filled with an active assignment's title, ``{trait}`` with a development
area or strength, ``{motivator}`` with a motivator, ``{item}`` and ``{due}`` with an overdue
action item. A question without a placeholder applies whenever its category does.

Choosing (:func:`suggest`) is deterministic and rotates: among the questions that apply, those
suggested on the fewest of the last :data:`HISTORY_SHEETS` prep sheets (then least recently,
then in bank order) come first, so the same question is not suggested week after week. The
sheets of one day count as one, so reopening today's sheet shows the same questions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from functools import cache
from typing import Any

from coachjournal import paths, rules
from coachjournal.errors import ValidationError
from coachjournal.storage.models import Setting, database

#: The ``setting`` key of the user's edits to the built-in bank.
OVERRIDES_KEY = "prep.question_bank"
#: The ``setting`` key prefix of the questions suggested per manager (``prep.suggested.<id>``).
HISTORY_KEY = "prep.suggested.{manager_id}"
#: How many past prep sheets a question stays "recently suggested" for.
HISTORY_SHEETS = 4
MAX_QUESTION = rules.QUESTION.limit


class Category(StrEnum):
    RELATIONSHIP = "relationship"
    CAREER = "career"
    MOTIVATION = "motivation"
    ASSIGNMENT = "assignment"
    DEVELOPMENT = "development"
    STRENGTH = "strength"
    OVERDUE_ITEM = "overdue_item"
    OVERDUE_ASSIGNMENT = "overdue_assignment"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def placeholders(self) -> frozenset[str]:
        """The ``{names}`` a question of this category may use."""
        return _PLACEHOLDERS[self]


_LABELS = {
    Category.RELATIONSHIP: "Relationship check-in",
    Category.CAREER: "Career",
    Category.MOTIVATION: "Motivation",
    Category.ASSIGNMENT: "Active assignment",
    Category.DEVELOPMENT: "Development area",
    Category.STRENGTH: "Strength",
    Category.OVERDUE_ITEM: "Overdue action item",
    Category.OVERDUE_ASSIGNMENT: "Overdue assignment",
}
_PLACEHOLDERS: dict[Category, frozenset[str]] = {
    Category.RELATIONSHIP: frozenset(),
    Category.CAREER: frozenset(),
    Category.MOTIVATION: frozenset({"motivator"}),
    Category.ASSIGNMENT: frozenset({"assignment"}),
    Category.DEVELOPMENT: frozenset({"trait"}),
    Category.STRENGTH: frozenset({"trait"}),
    Category.OVERDUE_ITEM: frozenset({"item", "due"}),
    Category.OVERDUE_ASSIGNMENT: frozenset({"assignment", "due"}),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Question:
    id: str
    category: Category
    text: str
    #: In the built-in bank (else added by the user).
    built_in: bool = True
    #: A built-in question whose text or category the user changed.
    edited: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Subject:
    """Something a question can be about: ``values`` fill its placeholders; ``key`` tells
    one subject from another in the rotation (an assignment's id, say)."""

    key: str
    values: Mapping[str, str]


@dataclasses.dataclass(frozen=True, slots=True)
class SuggestedQuestion:
    #: ``question id`` or ``question id|subject key``: what the rotation remembers.
    key: str
    question_id: str
    category: Category
    text: str
    #: Why it is suggested: "Relationship check-in", "Development area: Negotiation".
    reason: str


# --- The bank ---------------------------------------------------------------------------------


@cache
def built_in() -> tuple[Question, ...]:
    """The bank shipped with the app (read once)."""
    data = json.loads(paths.resource("questions", "question-bank.json").read_text("utf-8"))
    return tuple(
        Question(entry["id"], Category(entry["category"]), entry["text"])
        for entry in data["questions"]
    )


def _overrides() -> dict[str, Any]:
    """The user's edits: ``changed`` {id: {category, text}}, ``removed`` [id], ``added``
    [{id, category, text}]. Anything unreadable counts as no edit: a preference must never
    stop the prep sheet from opening."""
    row = Setting.get_or_none(Setting.key == OVERRIDES_KEY)
    empty: dict[str, Any] = {"changed": {}, "removed": [], "added": []}
    if row is None:
        return empty
    try:
        value = json.loads(row.value)
    except (ValueError, RecursionError):  # hand-edited: not JSON, or nested beyond reason
        return empty
    if not isinstance(value, dict):
        return empty
    changed, removed, added = value.get("changed"), value.get("removed"), value.get("added")
    return {
        "changed": changed if isinstance(changed, dict) else {},
        "removed": [item for item in removed if isinstance(item, str)]
        if isinstance(removed, list)
        else [],
        "added": added if isinstance(added, list) else [],
    }


def _entry(question_id: str, value: Any, built: bool, edited: bool) -> Question | None:
    if not isinstance(value, dict):
        return None
    try:
        category = Category(str(value.get("category")))
    except ValueError:
        return None
    text = value.get("text")
    if not isinstance(text, str):
        return None
    try:  # the editor's rules: a question it would refuse is no question
        category, text = _clean(category, text)
    except ValidationError:
        return None
    return Question(question_id, category, text, built, edited)


def load_bank() -> tuple[Question, ...]:
    """The bank as the user sees it: built-in questions (edited where they were edited, less
    the removed ones), then the ones they added."""
    edits = _overrides()
    removed = set(edits["removed"])
    bank: list[Question] = []
    for question in built_in():
        if question.id in removed:
            continue
        changed = edits["changed"].get(question.id)
        edited = _entry(question.id, changed, True, True) if changed is not None else None
        bank.append(edited or question)
    for value in edits["added"]:
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            added = _entry(value["id"], value, False, False)
            if added is not None and added.id not in removed:
                bank.append(added)
    return tuple(bank)


def _save(edits: Mapping[str, Any]) -> None:
    if not edits["changed"] and not edits["removed"] and not edits["added"]:
        Setting.delete().where(Setting.key == OVERRIDES_KEY).execute()
        return
    value = json.dumps(edits, ensure_ascii=False, sort_keys=True)
    Setting.insert(key=OVERRIDES_KEY, value=value).on_conflict_replace().execute()


def _clean(category: Category | str, text: str) -> tuple[Category, str]:
    try:
        category = Category(category)
    except ValueError:
        raise ValidationError("category", f"“{category}” is not a kind of question.") from None
    clean = " ".join(str(text).split())
    if not clean:
        raise ValidationError("text", "Write the question.")
    if len(clean) > MAX_QUESTION:
        raise ValidationError("text", f"Keep a question under {MAX_QUESTION} characters.")
    clean = rules.checked("text", clean, rules.QUESTION, "A question")
    try:
        fields = [(name, spec, how) for _, name, spec, how in string.Formatter().parse(clean)]
    except ValueError:
        raise ValidationError(
            "text", "A brace in the question is not closed: write {name}, or leave braces out."
        ) from None
    if any(spec or how for name, spec, how in fields if name is not None):
        raise ValidationError(
            "text", "Write a placeholder as {name} alone, with nothing after the name."
        )
    names = {name for name, _, _ in fields if name is not None}
    unknown = names - category.placeholders
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in sorted(category.placeholders))
        where = f"use {allowed}" if allowed else "use no placeholder"
        raise ValidationError(
            "text",
            f"A {category.label.lower()} question cannot use {{{sorted(unknown)[0]}}}: {where}.",
        )
    return category, clean


def _find(question_id: str) -> Question:
    for question in load_bank():
        if question.id == question_id:
            return question
    raise LookupError(f"no question {question_id!r}")


def add_question(category: Category | str, text: str) -> Question:
    """Add a question of the user's own at the end of its category."""
    category, clean = _clean(category, text)
    with database.atomic():
        edits = _overrides()
        taken = {question.id for question in built_in()} | {
            entry.get("id") for entry in edits["added"] if isinstance(entry, dict)
        }
        number = 1
        while f"own-{number}" in taken:
            number += 1
        question_id = f"own-{number}"
        edits["added"].append({"id": question_id, "category": category.value, "text": clean})
        _save(edits)
    return _find(question_id)


def update_question(question_id: str, category: Category | str, text: str) -> Question:
    """Change a question's text or category (a built-in one is kept as an edit of it)."""
    category, clean = _clean(category, text)
    with database.atomic():
        current = _find(question_id)
        edits = _overrides()
        if current.built_in:
            original = next(q for q in built_in() if q.id == question_id)
            if original.category is category and original.text == clean:
                edits["changed"].pop(question_id, None)
            else:
                edits["changed"][question_id] = {"category": category.value, "text": clean}
        else:
            for entry in edits["added"]:
                if isinstance(entry, dict) and entry.get("id") == question_id:
                    entry.update(category=category.value, text=clean)
        _save(edits)
    return _find(question_id)


def remove_question(question_id: str) -> None:
    """Take a question out of the bank (a built-in one comes back with restore_defaults)."""
    with database.atomic():
        current = _find(question_id)
        edits = _overrides()
        if current.built_in:
            edits["changed"].pop(question_id, None)
            edits["removed"].append(question_id)
        else:
            edits["added"] = [
                entry
                for entry in edits["added"]
                if not (isinstance(entry, dict) and entry.get("id") == question_id)
            ]
        _save(edits)


def restore_defaults() -> tuple[Question, ...]:
    """Forget every edit: the bank is the built-in one again."""
    Setting.delete().where(Setting.key == OVERRIDES_KEY).execute()
    return load_bank()


# --- Choosing a handful -----------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclasses.dataclass(frozen=True, slots=True)
class Slot:
    """Up to ``count`` questions of ``category`` about ``subjects`` (none: generic ones)."""

    category: Category
    count: int
    subjects: Sequence[Subject] = ()


def history(manager_id: int) -> list[tuple[dt.date, tuple[str, ...]]]:
    """The questions suggested on the manager's last prep sheets (day, keys), newest first."""
    row = Setting.get_or_none(Setting.key == HISTORY_KEY.format(manager_id=manager_id))
    if row is None:
        return []
    try:
        value = json.loads(row.value)
        sheets = [
            (dt.date.fromisoformat(day), tuple(str(key) for key in keys)) for day, keys in value
        ]
    except (ValueError, TypeError, RecursionError):
        return []
    return sorted(sheets, reverse=True)


def remember(manager_id: int, day: dt.date, keys: Iterable[str]) -> None:
    """Record what the sheet of ``day`` suggested (replacing that day's earlier record)."""
    sheets = [sheet for sheet in history(manager_id) if sheet[0] != day]
    sheets.insert(0, (day, tuple(keys)))
    sheets.sort(reverse=True)
    value = json.dumps([[d.isoformat(), list(k)] for d, k in sheets[: HISTORY_SHEETS + 1]])
    key = HISTORY_KEY.format(manager_id=manager_id)
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def _fill(question: Question, subject: Subject | None) -> str | None:
    names = set(_PLACEHOLDER.findall(question.text))
    if not names:
        return question.text
    if subject is None or not names <= set(subject.values):
        return None
    # Only {name} is replaced: a format spec or attribute ({motivator:>900000000}, {x.y}) in a
    # hand-edited bank stays as typed rather than being run by str.format.
    return _PLACEHOLDER.sub(lambda match: str(subject.values[match.group(1)]), question.text)


def suggest(
    bank: Sequence[Question],
    slots: Sequence[Slot],
    past: Sequence[tuple[dt.date, Sequence[str]]],
    today: dt.date,
) -> tuple[SuggestedQuestion, ...]:
    """Fill ``slots`` in order from ``bank``, the least recently suggested first.

    ``past`` is :func:`history` (sheets of ``today`` are ignored, so a sheet reopened the same
    day suggests the same questions). A question is suggested once per sheet, and a subject
    (an assignment, a trait...) once per sheet.
    """
    earlier = [keys for day, keys in past if day < today][:HISTORY_SHEETS]
    uses: dict[str, int] = {}
    latest: dict[str, int] = {}
    for age, keys in enumerate(earlier):
        for key in keys:
            uses[key] = uses.get(key, 0) + 1
            latest.setdefault(key, age)
    order = {question.id: index for index, question in enumerate(bank)}
    chosen: list[SuggestedQuestion] = []
    used_questions: set[str] = set()
    used_subjects: set[str] = set()
    for slot in slots:
        candidates: list[tuple[tuple[int, int, int, int], SuggestedQuestion]] = []
        subjects: Sequence[Subject | None] = slot.subjects or (None,)
        for question in bank:
            if question.category is not slot.category or question.id in used_questions:
                continue
            generic = not _PLACEHOLDER.search(question.text)
            for rank, subject in enumerate((None,) if generic else subjects):
                if subject is not None and subject.key in used_subjects:
                    continue
                text = _fill(question, subject)
                if text is None:
                    continue
                key = question.id if subject is None else f"{question.id}|{subject.key}"
                about = subject.values.get("name") if subject is not None else None
                reason = f"{slot.category.label}: {about}" if about else slot.category.label
                score = (
                    uses.get(key, 0),
                    -latest.get(key, HISTORY_SHEETS + 1),
                    rank,
                    order[question.id],
                )
                candidates.append(
                    (score, SuggestedQuestion(key, question.id, slot.category, text, reason))
                )
        candidates.sort(key=lambda pair: pair[0])
        taken = 0
        for _, suggestion in candidates:
            if taken == slot.count:
                break
            subject_key = suggestion.key.partition("|")[2]
            if suggestion.question_id in used_questions or (
                subject_key and subject_key in used_subjects
            ):
                continue
            chosen.append(suggestion)
            used_questions.add(suggestion.question_id)
            if subject_key:
                used_subjects.add(subject_key)
            taken += 1
    return tuple(chosen)
