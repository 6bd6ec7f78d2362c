"""The roster service: creating, validating, listing, archiving and deleting managers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.errors import ValidationError
from coachjournal.storage.models import ActionItem, Manager, Touchpoint, utcnow


def test_create_and_read_back_every_field(journal_path: Path) -> None:
    record = roster.create_manager(
        "  Søren Kierkegaard ",
        title="Regional Sales Manager",
        team="Nordics",
        email="soren@example.com",
        phone="+45 33 00 00 00",
        manager_since=dt.date(2020, 2, 29),
        promoted_from_sales=True,
        notes="Likes **data**.\n\n- one\n- two",
    )
    loaded = roster.get_manager(record.id)
    assert loaded.name == "Søren Kierkegaard"
    assert loaded.manager_since == dt.date(2020, 2, 29)
    assert loaded.promoted_from_sales is True
    assert loaded.notes == "Likes **data**.\n\n- one\n- two"
    assert loaded == record


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "   "}, "name", "needs a name"),
        ({"name": "x" * 201}, "name", "at most 200"),
        ({"email": "not-an-address"}, "email", "does not look like an e-mail"),
        ({"manager_since": dt.date.today() + dt.timedelta(days=1)}, "manager_since", "future"),
        ({"name": "Ann\x00"}, "name", "control characters"),
        ({"name": "\x00"}, "name", "needs a name"),
        ({"name": "\u3000\u200b"}, "name", "needs a name"),
        ({"team": "North\tSouth"}, "team", "control characters"),
    ],
)
def test_invalid_edits_are_refused_and_nothing_is_written(
    journal_path: Path, changes: dict[str, object], field: str, message: str
) -> None:
    record = roster.create_manager("Ada", title="Manager")
    with pytest.raises(ValidationError, match=message) as raised:
        roster.update_manager(record.id, title="Changed", **changes)
    assert raised.value.field == field
    assert roster.get_manager(record.id).title == "Manager"


def test_update_stamps_the_time(journal_path: Path) -> None:
    record = roster.create_manager("Ada")
    Manager.update(updated_at=dt.datetime(2020, 1, 1)).execute()
    updated = roster.update_manager(record.id, team="West")
    assert updated.team == "West"
    assert updated.updated_at is not None and updated.updated_at >= utcnow() - dt.timedelta(
        minutes=1
    )


def test_list_sorts_by_name_and_hides_archived(journal_path: Path) -> None:
    for name in ("bea", "Ängel", "Carl", "adam"):
        roster.create_manager(name)
    carl = next(r for r in roster.list_managers() if r.name == "Carl")
    roster.set_archived(carl.id, True)
    assert [r.name for r in roster.list_managers()] == ["adam", "bea", "Ängel"]
    assert [r.name for r in roster.list_managers(include_archived=True)] == [
        "adam",
        "bea",
        "Carl",
        "Ängel",
    ]
    assert roster.count_managers() == 4


def test_delete_removes_everything_written_about_the_manager(journal_path: Path) -> None:
    keep, gone = roster.create_manager("Keep"), roster.create_manager("Gone")
    for manager_id in (keep.id, gone.id):
        touchpoint = Touchpoint.create(
            manager=manager_id, occurred_at=dt.datetime(2025, 1, 6, 9), kind="one_on_one"
        )
        ActionItem.create(manager=manager_id, touchpoint=touchpoint, text="Follow up")
    roster.delete_manager(gone.id)
    assert [m.name for m in Manager.select()] == ["Keep"]
    assert Touchpoint.select().count() == 1
    assert ActionItem.select().count() == 1


@pytest.mark.parametrize(
    ("since", "today", "expected"),
    [
        (dt.date(2025, 1, 15), dt.date(2025, 2, 1), "less than a month"),
        (dt.date(2025, 1, 15), dt.date(2025, 2, 15), "1 month"),
        (dt.date(2023, 1, 31), dt.date(2025, 3, 30), "2 years, 1 month"),
        (dt.date(2020, 2, 29), dt.date(2021, 2, 28), "11 months"),
        (dt.date(2015, 6, 1), dt.date(2025, 6, 1), "10 years"),
    ],
)
def test_describe_tenure(since: dt.date, today: dt.date, expected: str) -> None:
    assert roster.describe_tenure(since, today) == expected
