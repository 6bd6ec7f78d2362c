"""Results from a CSV file: columns by header, a preview, and all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import results, roster
from coachjournal.coaching.results import Figure, FiscalPeriod, ResultSettings
from coachjournal.exchange.results_import import (
    ResultsImportError,
    RowStatus,
    apply_results,
    parse_period,
    preview_results,
)
from coachjournal.kinds import ResultPeriod
from coachjournal.storage.models import Result

DATA = Path(__file__).parent.parent / "data" / "results"
MONTH, QUARTER = ResultPeriod.MONTH, ResultPeriod.QUARTER


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def team(journal_path: Path) -> dict[str, int]:
    return {
        "ada": roster.create_manager("Ada Lovelace").id,
        "bo": roster.create_manager("Bo Berg", email="bo@example.com").id,
    }


def test_a_crm_export_is_previewed_then_written(team: dict[str, int]) -> None:
    plan = preview_results(DATA / "crm-monthly-semicolon.csv")
    assert plan.columns == {
        "manager": "Owner Name",
        "period": "Month",
        Figure.REPS: "Rep count",
        Figure.PLAN: "Quota",
        Figure.ACTUAL: "Bookings",
        Figure.ONE_ON_ONES: "1:1s",
        Figure.JOINT_CALLS: "Ride-alongs",
        Figure.TEAM_MEETINGS: "Team meetings",
        Figure.NOTE: "Comments",
    }
    assert plan.ignored == ("Region",)
    assert [(row.number, row.status) for row in plan.rows] == [
        (2, RowStatus.NEW),
        (3, RowStatus.NEW),
        (5, RowStatus.NEW),
    ]
    first, _, bo = plan.rows
    assert first.manager_id == team["ada"] and first.period == FiscalPeriod(
        day("2025-01-01"), MONTH
    )
    assert first.values[Figure.PLAN] == 120_000_00 and first.values[Figure.ACTUAL] == 126_000_00
    assert bo.manager_id == team["bo"] and Figure.ACTUAL not in bo.values
    assert Result.select().count() == 0, "a preview writes nothing"

    counts = apply_results(plan)
    assert (counts.created, counts.updated) == (3, 0)
    january, february = results.figures(
        team["ada"], results.periods_between(day("2025-01-01"), day("2025-02-01"), ResultSettings())
    )
    assert january.attainment == pytest.approx(1.05)
    assert february.attainment == pytest.approx(98_500 / 120_000)
    assert january.rep_coaching == pytest.approx((18 + 6) / 6)
    assert january.note == "Strong January"

    again = preview_results(DATA / "crm-monthly-semicolon.csv")
    assert {row.status for row in again.rows} == {RowStatus.UPDATE}
    assert apply_results(again).updated == 3
    assert Result.select().count() == 3


def test_a_malformed_row_names_row_and_column_and_nothing_is_written(
    team: dict[str, int],
) -> None:
    text = (
        "Manager,Quarter,Plan,Actual\n"
        "Ada Lovelace,Q1 FY2026,100000,95000\n"
        "Bo Berg,Q1 FY2026,80000,lots\n"
        "Zed,Q1 FY2026,1,1\n"
        "Ada Lovelace,Spring,1,1\n"
        "Ada Lovelace,FY2026 Q1,1,1\n"
    )
    plan = preview_results(text.encode())
    assert plan.problems == (
        "row 3, column Actual: Actual must be an amount, like 125000 or 125,000.50.",
        "row 4, column Manager: no manager in the journal is called “Zed”.",
        "row 5, column Quarter: “Spring” is not a month (2025-03, Mar 2025) or a quarter "
        "(Q1 FY2026).",
        "row 6, column Quarter: Ada Lovelace, Q1 FY2026 is already on row 2.",
    )
    with pytest.raises(ResultsImportError, match=r"^Nothing was imported: row 3, column Actual"):
        apply_results(plan)
    assert Result.select().count() == 0


def test_rows_without_figures_are_passed_over(team: dict[str, int]) -> None:
    plan = preview_results(b"Manager,Month,Quota\nAda Lovelace,2025-04,\nBo Berg,2025-04,5000\n")
    assert [row.status for row in plan.rows] == [RowStatus.EMPTY, RowStatus.NEW]
    assert apply_results(plan).created == 1
    assert Result.select().count() == 1


def test_a_future_period_imports_its_plan_but_not_an_actual(team: dict[str, int]) -> None:
    ahead = f"{dt.date.today().year + 1}-06"
    text = f"Manager,Month,Quota,Bookings\nAda Lovelace,{ahead},5000,\nBo Berg,{ahead},5000,40\n"
    plan = preview_results(text.encode())
    assert [row.status for row in plan.rows] == [RowStatus.NEW, RowStatus.INVALID]
    assert "has not started: only its plan and a note" in plan.rows[1].message
    assert "column Bookings" in plan.rows[1].message
    with pytest.raises(ResultsImportError, match="Nothing was imported"):
        apply_results(plan)
    assert Result.select().count() == 0


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [
        ("2025-03", "2025-03-01", MONTH),
        ("2025-03-17", "2025-03-01", MONTH),
        ("2025-03-17 00:00:00", "2025-03-01", MONTH),
        ("Mar 2025", "2025-03-01", MONTH),
        ("September 2025", "2025-09-01", MONTH),
        ("03/2025", "2025-03-01", MONTH),
        # The year of a quarter is the fiscal year; this journal's starts in April.
        ("Q1 FY2026", "2025-04-01", QUARTER),
        ("FY2026 Q4", "2026-01-01", QUARTER),
        ("2025-Q3", "2024-10-01", QUARTER),
        ("q2 2026", "2025-07-01", QUARTER),
    ],
)
def test_periods_as_exports_write_them(text: str, start: str, kind: ResultPeriod) -> None:
    found = parse_period(text, ResultSettings(QUARTER, 4))
    assert (found.start, found.period) == (day(start), kind)


def test_a_date_in_a_quarter_column_stands_for_its_quarter() -> None:
    found = parse_period("2025-05-17", ResultSettings(MONTH, 4), quarter_column=True)
    assert (found.start, found.period, found.label) == (day("2025-04-01"), QUARTER, "Q1 FY2026")


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "Smarch 2025", "Q5 2025", "soon"])
def test_periods_that_are_not_periods(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text, ResultSettings())


def test_a_file_without_the_needed_columns_is_refused(team: dict[str, int]) -> None:
    with pytest.raises(ResultsImportError, match=r"no column for the manager.*Month, Quota"):
        preview_results(b"Month,Quota\n2025-01,5\n")
    with pytest.raises(ResultsImportError, match="no column for the period"):
        preview_results(b"Manager,Quota\nAda,5\n")
    with pytest.raises(ResultsImportError, match="no column of figures"):
        preview_results(b"Manager,Month,Region\nAda,2025-01,North\n")
    with pytest.raises(ResultsImportError, match="is empty"):
        preview_results(b"\n\n")


def test_monthly_rows_in_a_quarterly_journal_are_counted(team: dict[str, int]) -> None:
    results.save_settings(ResultSettings(QUARTER, 1))
    plan = preview_results(b"Manager,Month,Quota\nAda Lovelace,2025-04,5000\n")
    assert plan.other_kind == 1
