"""The managers: list, read, create, edit, archive and delete them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from coachjournal import rules
from coachjournal.errors import ValidationError
from coachjournal.storage.models import Manager, database, utcnow

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = rules.NAME.limit
MAX_SHORT_TEXT = rules.SHORT_TEXT.limit


@dataclasses.dataclass(frozen=True, slots=True)
class ManagerRecord:
    """One manager's profile, detached from the database."""

    id: int
    name: str
    title: str = ""
    team: str = ""
    email: str = ""
    phone: str = ""
    manager_since: dt.date | None = None
    promoted_from_sales: bool = False
    notes: str = ""
    archived: bool = False
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @classmethod
    def from_model(cls, manager: Manager) -> ManagerRecord:
        return cls(
            **{field.name: getattr(manager, field.name) for field in dataclasses.fields(cls)}
        )


#: The fields a user edits, in the order a form shows them.
EDITABLE_FIELDS = (
    "name",
    "title",
    "team",
    "email",
    "phone",
    "manager_since",
    "promoted_from_sales",
    "notes",
)


def _single_line(field: str, value: Any, rule: rules.Text, too_long: str) -> str:
    """One line of text: control characters (a NUL, a tab pasted from a spreadsheet...) are
    refused with a message instead of being stored where no one can see them."""
    text = str(value).strip()
    if len(text) > rule.limit:
        raise ValidationError(field, too_long)
    return rules.checked(field, text, rule)


def _clean(field: str, value: Any, today: dt.date) -> Any:
    if field == "name":
        if not rules.shows(str(value)):
            raise ValidationError("name", "A manager needs a name.")
        return _single_line(
            field, value, rules.NAME, f"A name can have at most {MAX_NAME} characters."
        )
    if field in {"title", "team", "phone", "email"}:
        text = _single_line(
            field, value, rules.SHORT_TEXT, f"This can have at most {MAX_SHORT_TEXT} characters."
        )
        if field == "email" and text and not _EMAIL.match(text):
            raise ValidationError("email", f"“{text}” does not look like an e-mail address.")
        return text
    if field == "manager_since":
        if value is None:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValidationError(field, "The date they became a manager must be a date.")
        if value > today:
            raise ValidationError(field, "The date they became a manager cannot be in the future.")
        if not rules.plausible_day(value):
            raise ValidationError(
                field, f"{value:%Y} is not a plausible year for the date they became a manager."
            )
        return value
    if field == "promoted_from_sales":
        return bool(value)
    if field == "notes":
        return rules.checked(field, str(value), rules.NOTES, "The notes")
    raise ValueError(f"{field!r} is not an editable manager field")


def clean_fields(changes: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Validate and normalise edits; raise :class:`ValidationError` naming the first bad field."""
    today = today or dt.date.today()
    return {field: _clean(field, value, today) for field, value in changes.items()}


def list_managers(*, include_archived: bool = False) -> list[ManagerRecord]:
    """Managers sorted by name (case-insensitively), the archived ones only if asked for."""
    query = Manager.select()
    if not include_archived:
        query = query.where(Manager.archived == False)  # noqa: E712 (peewee expression)
    records = [ManagerRecord.from_model(manager) for manager in query]
    records.sort(key=lambda record: (record.name.casefold(), record.id))
    return records


def count_managers() -> int:
    count: int = Manager.select().count()
    return count


def get_manager(manager_id: int) -> ManagerRecord:
    return ManagerRecord.from_model(Manager.get_by_id(manager_id))


def create_manager(name: str, **fields: Any) -> ManagerRecord:
    values = clean_fields({"name": name, **fields})
    now = utcnow()
    manager = Manager.create(**values, created_at=now, updated_at=now)
    return ManagerRecord.from_model(manager)


def update_manager(manager_id: int, **changes: Any) -> ManagerRecord:
    """Save edits to a manager's profile; nothing is written if any value is invalid."""
    values = clean_fields(changes)
    with database.atomic():
        Manager.update(**values, updated_at=utcnow()).where(Manager.id == manager_id).execute()
        return get_manager(manager_id)


def set_archived(manager_id: int, archived: bool) -> ManagerRecord:
    """Archived managers keep their whole history but leave the roster and the dashboard."""
    with database.atomic():
        Manager.update(archived=archived, updated_at=utcnow()).where(
            Manager.id == manager_id
        ).execute()
        return get_manager(manager_id)


def delete_manager(manager_id: int) -> None:
    """Delete a manager and everything written about them (touchpoints, traits, ...)."""
    with database.atomic():
        Manager.delete_by_id(manager_id)


def describe_tenure(since: dt.date, today: dt.date | None = None) -> str:
    """How long someone has been a manager, as a person would say it: '2 years, 3 months'."""
    today = today or dt.date.today()
    months = (today.year - since.year) * 12 + today.month - since.month
    if today.day < since.day:
        months -= 1
    if months < 1:
        return "less than a month"
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return ", ".join(parts)
