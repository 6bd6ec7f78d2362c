"""Adding managers from a CSV file: headers matched by meaning, any common encoding and
delimiter, duplicates and invalid rows named before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachjournal.coaching import roster
from coachjournal.exchange import roster_import
from coachjournal.exchange.roster_import import RosterImportError, RowStatus

DATA = Path(__file__).parent.parent / "data" / "rosters"
HR_EXPORT = DATA / "hr-export-semicolon.csv"
CRM_EXPORT = DATA / "crm-first-last.csv"


def names() -> list[str]:
    return [manager.name for manager in roster.list_managers(include_archived=True)]


def test_an_excel_export_with_a_bom_semicolons_and_synonyms(journal_path: Path) -> None:
    roster.create_manager("Amélie Poulain", email="amelie.poulain@example.com")
    plan = roster_import.preview_roster(HR_EXPORT)

    assert plan.columns == {
        "name": "Full name",
        "title": "Job title",
        "team": "Region",
        "email": "Email address",
    }
    assert plan.ignored == ("Employee ID",)
    assert [(row.number, row.status) for row in plan.rows] == [
        (2, RowStatus.NEW),
        (3, RowStatus.DUPLICATE),
        (5, RowStatus.INVALID),
        (6, RowStatus.DUPLICATE),
        (7, RowStatus.NEW),
    ]
    soren = plan.rows[0].values
    assert soren == {
        "name": "Søren Kierkegaard",
        "title": "Regional Sales Manager",
        "team": "Nordics",
        "email": "soren.k@example.com",
        "phone": "",
    }
    assert plan.rows[1].values["team"] == "France; Benelux"
    assert [row.message for row in plan.rows if row.message] == [
        "row 3: a manager with the e-mail AMELIE.POULAIN@example.com is already in the journal",
        "row 5, column Email address: “zoe.ng(at)example.com” does not look like an e-mail "
        "address.",
        "row 6: the same e-mail as row 2",
    ]
    assert names() == ["Amélie Poulain"]


def test_apply_adds_the_new_rows_once(journal_path: Path) -> None:
    plan = roster_import.preview_roster(HR_EXPORT)
    counts = roster_import.apply_roster(plan)

    assert (counts.created, counts.duplicates, counts.invalid) == (3, 1, 1)
    assert names() == ["Amélie Poulain", "Ola Nordmann", "Søren Kierkegaard"]
    soren = next(m for m in roster.list_managers() if m.name == "Søren Kierkegaard")
    assert (soren.title, soren.team, soren.email) == (
        "Regional Sales Manager",
        "Nordics",
        "soren.k@example.com",
    )
    again = roster_import.apply_roster(plan)
    assert (again.created, again.duplicates) == (0, 4)
    assert len(names()) == 3
    assert all(r.status is not RowStatus.NEW for r in roster_import.preview_roster(HR_EXPORT).rows)


def test_first_and_last_name_columns_are_joined(journal_path: Path) -> None:
    plan = roster_import.preview_roster(CRM_EXPORT)
    assert plan.columns == {
        "name": "First Name + Last Name",
        "title": "Position",
        "team": "Team",
        "email": "E-mail",
        "phone": "Mobile",
    }
    assert [row.values["name"] for row in plan.rows] == ["Grace Hopper", "Alan Turing"]
    assert plan.rows[0].values["phone"] == "+1 202 555 0100"


def test_a_name_without_an_e_mail_is_a_duplicate_by_name(journal_path: Path) -> None:
    roster.create_manager("alan turing")
    plan = roster_import.preview_roster(CRM_EXPORT)
    assert [row.status for row in plan.rows] == [RowStatus.NEW, RowStatus.DUPLICATE]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("cp1252", ";"),
        ("utf-16", "\t"),
        ("utf-16-le", "\t"),
        ("utf-16-be", ","),
        ("utf-8", ","),
        ("utf-8-sig", "\t"),
    ],
)
def test_encodings_and_delimiters_that_spreadsheets_write(
    journal_path: Path, encoding: str, delimiter: str
) -> None:
    lines = [["Name", "Title", "E-Mail"], ["Jürgen Großmann", "Sales Director", "jg@example.com"]]
    text = "\r\n".join(delimiter.join(line) for line in lines) + "\r\n"
    plan = roster_import.preview_roster(text.encode(encoding))
    (row,) = plan.rows
    assert row.values["name"] == "Jürgen Großmann"
    assert row.values["email"] == "jg@example.com"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\r\n;;;\r\n", "is empty"),
        (b"Email,Team\r\na@example.com,West\r\n", "has no column for names"),
        (b"Name\r\n\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
        (b"N\x00a\x00m\x00e\x00\r\x00\n\x00\x00\xd8", "is not text that can be read"),
    ],
)
def test_a_file_that_cannot_be_used_gets_a_sentence(
    journal_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(RosterImportError, match=message):
        roster_import.preview_roster(data)
    assert names() == []


def test_a_missing_file_gets_a_sentence(journal_path: Path, tmp_path: Path) -> None:
    with pytest.raises(RosterImportError, match="Cannot read"):
        roster_import.preview_roster(tmp_path / "nope.csv")


def test_a_manager_added_after_the_preview_is_not_added_twice(journal_path: Path) -> None:
    plan = roster_import.preview_roster(CRM_EXPORT)
    roster.create_manager("Grace Hopper", email="Grace.Hopper@example.com")
    counts = roster_import.apply_roster(plan)
    assert (counts.created, counts.duplicates) == (1, 1)
    assert names() == ["Alan Turing", "Grace Hopper"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=300)
    | st.text(st.sampled_from('Name,Email;\t"\r\n aé@.x\x00'), max_size=200).map(str.encode)
)
def test_any_file_gives_a_preview_or_a_sentence(journal_path: Path, data: bytes) -> None:
    try:
        plan = roster_import.preview_roster(data)
    except RosterImportError as error:
        assert "\n" not in str(error)
        return
    assert all(row.status in RowStatus for row in plan.rows)
