"""Adding managers from a CSV file: headers matched by meaning, any common encoding and
delimiter, duplicates and invalid rows named before anything is written."""

from __future__ import annotations

import datetime as dt
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
LAST_FIRST = DATA / "hr-export-last-first.csv"
TODAY = dt.date(2026, 12, 3)


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


def test_an_hr_export_with_last_first_names_and_start_dates(journal_path: Path) -> None:
    plan = roster_import.preview_roster(LAST_FIRST, date_order="month-day", today=TODAY)
    assert plan.columns["manager_since"] == "Hire Date"
    assert plan.columns["name"] == "Employee Name"
    assert plan.ignored == ("Employee ID",)
    # 25/03/2021 can only be day first: the file's order wins over the caller's month-day
    assert plan.date_order == "day-month"
    assert plan.date_order_reason == "day first, as 25/03/2021 on row 3 shows"
    assert [
        (row.number, row.status, row.values["name"], row.written_name, row.manager_since)
        for row in plan.rows
    ] == [
        (2, RowStatus.NEW, "Siobhán Kelly", "Kelly, Siobhán", dt.date(2019, 4, 3)),
        (3, RowStatus.NEW, "Anna van der Berg", "van der Berg, Anna", dt.date(2021, 3, 25)),
        (4, RowStatus.NEW, "Martin Luther King, Jr.", "", dt.date(2020, 9, 1)),
        (5, RowStatus.NEW, "Priya Raman", "", dt.date(2021, 3, 25)),  # Excel's 44280
        (6, RowStatus.NEW, "Seán O'Brien", "O'Brien, Seán", None),
        (7, RowStatus.NEW, "Yuki Nakamura", "Nakamura, Yuki", None),
        (8, RowStatus.NEW, "Chidi Okafor", "Okafor, Chidi", dt.date(2018, 1, 12)),
        (9, RowStatus.NEW, "Claire Dubois", "Dubois, Claire", None),
    ]
    assert [row.note for row in plan.rows if row.note] == [
        "row 6, column Hire Date: “31/02/2020” is left out (There is no 31 February).",
        "row 7, column Hire Date: “01/06/2031” is left out (The date they became a manager "
        "cannot be in the future).",
    ]
    assert len(plan.turned_names) == 6

    counts = roster_import.apply_roster(plan)
    assert (counts.created, counts.duplicates, counts.invalid) == (8, 0, 0)
    managers = {m.name: m for m in roster.list_managers()}
    assert managers["Siobhán Kelly"].manager_since == dt.date(2019, 4, 3)
    assert managers["Seán O'Brien"].manager_since is None
    assert "Kelly, Siobhán" not in managers
    # the same file again: every row is known, by e-mail
    again = roster_import.preview_roster(LAST_FIRST, today=TODAY)
    assert {row.status for row in again.rows} == {RowStatus.DUPLICATE}


def test_names_can_be_kept_as_the_file_writes_them(journal_path: Path) -> None:
    plan = roster_import.preview_roster(LAST_FIRST, today=TODAY)
    roster_import.apply_roster(plan, names_as_written=True)
    assert "Kelly, Siobhán" in names() and "Siobhán Kelly" not in names()
    assert "Priya Raman" in names()


def test_a_name_kept_as_written_is_one_the_import_can_keep(journal_path: Path) -> None:
    """A line break inside a quoted "Last, First" cell: the preview promised the row and the
    import, asked to keep names as written, refused the whole file without naming the row."""
    source = b'Name,Email\n"Line\nBreak, Ana",ana@example.com\nBo Lind,bo@example.com\n'
    plan = roster_import.preview_roster(source, today=TODAY)
    assert [(row.name(as_written=True), row.status) for row in plan.rows] == [
        ("Line Break, Ana", RowStatus.NEW),
        ("Bo Lind", RowStatus.NEW),
    ]
    counts = roster_import.apply_roster(plan, names_as_written=True)
    assert counts.created == 2
    assert {"Line Break, Ana", "Bo Lind"} <= set(names())


def test_a_last_first_name_without_an_e_mail_is_a_duplicate_of_either_spelling(
    journal_path: Path,
) -> None:
    roster.create_manager("Siobhán Kelly")
    roster.create_manager("Raman, Priya")
    data = "Name;Start date\nKelly, Siobhán;2020-01-01\nPriya Raman;\nRaman, Priya;\n"
    plan = roster_import.preview_roster(data.encode(), today=TODAY)
    assert [(row.status, row.message) for row in plan.rows] == [
        (
            RowStatus.DUPLICATE,
            "row 2: a manager with the name Siobhán Kelly is already in the journal",
        ),
        (
            RowStatus.DUPLICATE,
            "row 3: a manager with the name Priya Raman is already in the journal",
        ),
        (
            RowStatus.DUPLICATE,
            "row 4: a manager with the name Priya Raman is already in the journal",
        ),
    ]


@pytest.mark.parametrize(
    ("dates", "fallback", "order", "expected"),
    [
        # a month above 12 in second place: month first, whatever the caller's order
        (["03/04/2019", "03/25/2021"], "day-month", "month-day", dt.date(2019, 3, 4)),
        (["03/04/2019", "25.03.2021"], "month-day", "day-month", dt.date(2019, 4, 3)),
        # nothing tells: the caller's order, and the plan says so
        (["03/04/2019", "2021-03-25"], "month-day", "month-day", dt.date(2019, 3, 4)),
        (["03/04/2019"], "day-month", "day-month", dt.date(2019, 4, 3)),
        # Excel serials, a name of a month, two-digit years, times after the date
        (["43558.0"], "day-month", "day-month", dt.date(2019, 4, 3)),
        (["3 Apr 2019"], "month-day", "month-day", dt.date(2019, 4, 3)),
        (['"April 3, 2019"'], "day-month", "day-month", dt.date(2019, 4, 3)),
        (["03/04/19 12:00 PM", "13/1/20"], "month-day", "day-month", dt.date(2019, 4, 3)),
        (["2019-04-03T00:00:00"], "day-month", "day-month", dt.date(2019, 4, 3)),
    ],
)
def test_the_file_decides_the_order_of_its_dates(
    journal_path: Path,
    dates: list[str],
    fallback: roster_import.typed_dates.Order,
    order: str,
    expected: dt.date,
) -> None:
    lines = ["Name,Manager since", *(f"Person {i},{day}" for i, day in enumerate(dates))]
    plan = roster_import.preview_roster("\n".join(lines).encode(), date_order=fallback, today=TODAY)
    assert plan.date_order == order
    assert ("your date order" in plan.date_order_reason) is (order == fallback)
    assert plan.rows[0].manager_since == expected
    assert all(row.note == "" for row in plan.rows)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not yet", "Not a date with its year"),
        ("12", "Not a date with its year"),
        ("fri", "Not a date with its year"),
        ("13/13/2020", "There is no month 13"),
        ("1234567", "Not a date with its year"),
        ("99999", "cannot be in the future"),  # an Excel serial: 2173
        ("01/01/1900", "falls between 1950 and 2200"),
        ("999999", "Not a date"),  # an Excel serial past 2200
    ],
)
def test_a_bad_start_date_is_left_out_with_a_note_and_the_row_still_imports(
    journal_path: Path, text: str, reason: str
) -> None:
    data = f"Name,Start date\nAda Lovelace,{text}\n"
    (row,) = roster_import.preview_roster(data.encode(), today=TODAY).rows
    assert row.status is RowStatus.NEW and row.manager_since is None
    assert row.note.startswith(f"row 2, column Start date: “{text}” is left out (")
    assert reason in row.note
    roster_import.apply_roster(roster_import.preview_roster(data.encode(), today=TODAY))
    assert names() == ["Ada Lovelace"]


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


def test_a_stray_zero_byte_in_utf8_text_refuses_its_row_not_the_file(journal_path: Path) -> None:
    """Only UTF-16 has a zero byte in every other one: a UTF-8 file with one stray zero byte
    is still read as UTF-8, and the field holding it is refused by the rules, by its row."""
    data = "Name,Email\nAna\x00 López,ana@example.com\nBo Ek,bo@example.com\n".encode()
    plan = roster_import.preview_roster(data)
    assert [row.status for row in plan.rows] == [RowStatus.INVALID, RowStatus.NEW]
    assert plan.rows[1].values["name"] == "Bo Ek"


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
