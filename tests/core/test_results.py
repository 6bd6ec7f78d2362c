"""Results next to coaching: periods, fiscal years, attainment, trends and the rank correlation,
checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from coachjournal import periods
from coachjournal.coaching import results, roster
from coachjournal.coaching.results import Figure, FiscalPeriod, ResultSettings, ResultTrend
from coachjournal.errors import ValidationError
from coachjournal.kinds import ResultPeriod
from coachjournal.storage.models import Manager, Result, Setting

MONTH, QUARTER = ResultPeriod.MONTH, ResultPeriod.QUARTER


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month(text: str) -> FiscalPeriod:
    return FiscalPeriod(day(text + "-01"), MONTH)


def manager(name: str, since: str | None = None) -> int:
    record = roster.create_manager(name)
    if since is not None:
        Manager.update(manager_since=day(since)).where(Manager.id == record.id).execute()
    return record.id


# --- Attainment and rep coaching --------------------------------------------------------------


def test_attainment_is_actual_over_plan_and_none_without_a_plan() -> None:
    assert results.attainment(100_000_00, 125_000_00) == 1.25
    assert results.attainment(80_000_00, 60_000_00) == 0.75
    assert results.attainment(0, 50_000_00) is None
    assert results.attainment(None, 50_000_00) is None
    assert results.attainment(100_000_00, None) is None


def test_rep_coaching_is_per_rep_per_month() -> None:
    assert results.rep_coaching(12, 6, 6) == 3.0
    # A quarter: 36 one-on-ones and 18 joint calls with 6 reps over 3 months.
    assert results.rep_coaching(36, 18, 6, months=3) == 3.0
    assert results.rep_coaching(10, None, 4) == 2.5
    assert results.rep_coaching(None, None, 4) is None
    assert results.rep_coaching(10, 2, 0) is None
    assert results.rep_coaching(10, 2, None) is None


# --- Periods and fiscal years -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "start", "year", "quarter", "first"),
    [
        ("2025-03-31", 4, 2025, 4, "2025-01-01"),
        ("2025-04-01", 4, 2026, 1, "2025-04-01"),
        ("2025-12-15", 4, 2026, 3, "2025-10-01"),
        ("2026-02-28", 4, 2026, 4, "2026-01-01"),
        ("2025-05-05", 1, 2025, 2, "2025-04-01"),
        ("2025-12-31", 1, 2025, 4, "2025-10-01"),
        ("2026-01-10", 11, 2026, 1, "2025-11-01"),
        ("2025-10-31", 11, 2025, 4, "2025-08-01"),
    ],
)
def test_fiscal_years_and_quarters(
    when: str, start: int, year: int, quarter: int, first: str
) -> None:
    assert periods.fiscal_year(day(when), start) == year
    assert periods.fiscal_quarter(day(when), start) == quarter
    assert periods.fiscal_period_start(day(when), QUARTER, start) == day(first)
    assert periods.fiscal_period_start(day(when), MONTH, start) == day(when).replace(day=1)


def test_period_labels_and_spans() -> None:
    april = FiscalPeriod(day("2025-10-01"), QUARTER, 4)
    assert (april.label, april.span, april.end) == ("Q3 FY2026", "Oct–Dec 2025", day("2025-12-31"))
    across = FiscalPeriod(day("2025-11-01"), QUARTER, 11)
    assert (across.label, across.span) == ("Q1 FY2026", "Nov 2025–Jan 2026")
    assert across.after == day("2026-02-01")
    assert month("2024-02").end == day("2024-02-29")
    assert month("2024-02").label == "Feb 2024"


def test_periods_between_cover_both_ends() -> None:
    quarters = ResultSettings(period=QUARTER, fiscal_start=4)
    found = results.periods_between(day("2025-03-15"), day("2025-10-02"), quarters)
    assert [p.label for p in found] == ["Q4 FY2025", "Q1 FY2026", "Q2 FY2026", "Q3 FY2026"]
    months = results.periods_between(day("2024-11-30"), day("2025-02-01"), ResultSettings())
    assert [p.label for p in months] == ["Nov 2024", "Dec 2024", "Jan 2025", "Feb 2025"]


def test_a_manager_who_joined_mid_year_has_fewer_periods(journal_path: Path) -> None:
    joined = manager("Ada", since="2025-07-15")
    veteran = manager("Bo", since="2001-03-01")
    today = day("2025-12-10")
    monthly = results.manager_periods(joined, ResultSettings(), today)
    assert [p.label for p in monthly] == [
        "Jul 2025",
        "Aug 2025",
        "Sep 2025",
        "Oct 2025",
        "Nov 2025",
        "Dec 2025",
    ]
    quarterly = results.manager_periods(joined, ResultSettings(QUARTER, 4), today)
    assert [p.label for p in quarterly] == ["Q2 FY2026", "Q3 FY2026"]
    # A veteran's grid goes back YEARS_SHOWN years, unless figures were entered before that.
    assert results.manager_periods(veteran, ResultSettings(), today)[0].start == day("2020-12-01")
    results.set_figures(veteran, month("2019-06"), {Figure.PLAN: 100})
    assert results.manager_periods(veteran, ResultSettings(), today)[0].start == day("2019-06-01")


# --- Entering figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("125000", 12_500_000),
        ("125,000.50", 12_500_050),
        ("€125.000,50", 12_500_050),
        ("$ 1,250,000", 125_000_000),
        ("80k", 8_000_000),
        ("1.5m", 150_000_000),
        ("12.5", 1_250),
        ("1'000", 100_000),
        ("0", 0),
    ],
)
def test_amounts_are_read_as_people_type_them(text: str, cents: int) -> None:
    assert results.parse(Figure.PLAN, text) == cents


@pytest.mark.parametrize(
    ("figure", "text", "message"),
    [
        (Figure.PLAN, "lots", "Plan must be an amount"),
        (Figure.ACTUAL, "-500", "Actual must be an amount"),
        (Figure.REPS, "-3", "Reps cannot be negative"),
        (Figure.ONE_ON_ONES, "6.5", "1:1s with reps must be a whole number"),
        (Figure.REPS, "99999999", "too large"),
        (Figure.ATTAINMENT, "100%", "worked out"),
    ],
)
def test_a_malformed_figure_is_refused_with_a_message(
    figure: Figure, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        results.parse(figure, text)
    assert caught.value.field == figure.value


def test_counts_and_blanks() -> None:
    assert results.parse(Figure.REPS, " 6 ") == 6
    assert results.parse(Figure.TEAM_MEETINGS, "4.0") == 4
    assert results.parse(Figure.REPS, "") is None
    assert results.parse(Figure.NOTE, "  Two reps on leave ") == "Two reps on leave"


def test_figures_are_stored_merged_and_cleared(journal_path: Path) -> None:
    ada = manager("Ada", since="2025-01-01")
    march = month("2025-03")
    results.set_figures(ada, march, {Figure.PLAN: 100_000_00, Figure.REPS: 6})
    shown = results.set_figures(ada, march, {Figure.ACTUAL: "92,500", Figure.NOTE: "Slow start"})
    assert (shown.plan_cents, shown.actual_cents, shown.reps) == (100_000_00, 92_500_00, 6)
    assert shown.attainment == pytest.approx(0.925)
    assert shown.note == "Slow start"
    stored = Result.get()
    assert (stored.period, stored.starts_on) == ("month", day("2025-03-01"))
    # Emptying every figure removes the row: an empty period is no period.
    results.set_figures(
        ada, march, {Figure.PLAN: None, Figure.ACTUAL: None, Figure.REPS: None, Figure.NOTE: ""}
    )
    assert Result.select().count() == 0


def test_missing_periods_read_as_empty(journal_path: Path) -> None:
    ada = manager("Ada", since="2025-01-01")
    results.set_figures(ada, month("2025-01"), {Figure.PLAN: 100, Figure.ACTUAL: 90})
    results.set_figures(ada, month("2025-03"), {Figure.PLAN: 100, Figure.ACTUAL: 110})
    shown = results.figures(ada, [month("2025-01"), month("2025-02"), month("2025-03")])
    assert [f.attainment for f in shown] == [0.9, None, 1.1]
    assert shown[1].is_empty and not shown[0].is_empty


def test_a_block_with_one_bad_value_writes_nothing(journal_path: Path) -> None:
    ada = manager("Ada")
    with pytest.raises(ValidationError, match="Reps cannot be negative"):
        results.set_many(
            ada,
            [
                (month("2025-01"), {Figure.PLAN: 100}),
                (month("2025-02"), {Figure.REPS: -1}),
            ],
        )
    assert Result.select().count() == 0
    assert results.set_many(ada, [(month("2025-01"), {Figure.PLAN: 100})]) == 1
    assert Result.select().count() == 1


def test_figures_of_the_other_kind_of_period_are_kept_and_counted(journal_path: Path) -> None:
    ada = manager("Ada")
    results.set_figures(ada, month("2025-01"), {Figure.PLAN: 100})
    results.set_figures(ada, month("2025-02"), {Figure.PLAN: 100})
    quarters = ResultSettings(QUARTER, 1)
    results.set_figures(ada, FiscalPeriod(day("2025-01-01"), QUARTER, 1), {Figure.PLAN: 300})
    assert results.other_period_count(ada, ResultSettings()) == 1
    assert results.other_period_count(ada, quarters) == 2
    # An April fiscal year keeps January's quarter (its Q4); a February one does not.
    assert results.other_period_count(ada, ResultSettings(QUARTER, 4)) == 2
    assert results.other_period_count(ada, ResultSettings(QUARTER, 2)) == 3


# --- Settings ---------------------------------------------------------------------------------


def test_settings_are_kept_in_the_journal_and_checked(journal_path: Path) -> None:
    assert results.load_settings() == ResultSettings(MONTH, 1, results.DEFAULT_TARGET)
    results.save_settings(ResultSettings(QUARTER, 4, 2.5))
    assert results.load_settings() == ResultSettings(QUARTER, 4, 2.5)
    assert Setting.get_by_id(results.FISCAL_START_KEY).value == "4"
    with pytest.raises(ValidationError, match="month from 1 to 12"):
        results.save_settings(ResultSettings(MONTH, 13, 2.5))
    with pytest.raises(ValidationError, match="target"):
        results.save_settings(ResultSettings(MONTH, 1, 0))
    Setting.update(value="later").where(Setting.key == results.FISCAL_START_KEY).execute()
    Setting.update(value="weekly").where(Setting.key == results.PERIOD_KEY).execute()
    assert results.load_settings() == ResultSettings(MONTH, 1, 2.5)


# --- Trends and the summary -------------------------------------------------------------------


def test_trend_words_and_arrows() -> None:
    assert results.trend(1.05, 1.00, 0.02) is ResultTrend.UP
    assert results.trend(0.95, 1.00, 0.02) is ResultTrend.DOWN
    assert results.trend(1.01, 1.00, 0.02) is ResultTrend.FLAT
    assert results.trend(1.0, None, 0.02) is None
    assert [t.arrow for t in ResultTrend] == ["↑", "↓", "→"]


def test_summary_skips_missing_periods_and_zero_plans(journal_path: Path) -> None:
    ada = manager("Ada", since="2025-01-01")
    bo = manager("Bo", since="2025-01-01")
    figures = {
        "2025-01": {Figure.PLAN: 1000, Figure.ACTUAL: 900, Figure.REPS: 5, Figure.ONE_ON_ONES: 15},
        # February is missing; March has a zero plan ("no plan"), and less coaching.
        "2025-03": {Figure.PLAN: 0, Figure.ACTUAL: 50, Figure.REPS: 5, Figure.ONE_ON_ONES: 10},
        "2025-04": {Figure.PLAN: 1000, Figure.ACTUAL: 1000},
        # After today: not counted.
        "2025-06": {Figure.PLAN: 1000, Figure.ACTUAL: 10},
    }
    for when, values in figures.items():
        results.set_figures(ada, month(when), values)
    found = results.summary(ada, today=day("2025-05-20"))
    assert found.attainment is not None and found.rep_coaching is not None
    assert (found.attainment.value, found.attainment.trend) == (1.0, ResultTrend.UP)
    assert found.attainment.period == month("2025-04")
    assert (found.rep_coaching.value, found.rep_coaching.trend) == (2.0, ResultTrend.DOWN)
    assert found.attainment_text == "100% ↑ up (Apr 2025)"
    assert found.rep_coaching_text == "2.0 per rep a month ↓ down (Mar 2025)"
    nothing = results.summary(bo, today=day("2025-05-20"))
    assert nothing.is_empty and nothing.attainment_text == "no figures"
    assert set(results.summaries(today=day("2025-05-20"))) == {ada}


# --- Rank correlation -------------------------------------------------------------------------


def test_ranks_share_ties() -> None:
    assert results.ranks([10, 20, 20]) == [1.0, 2.5, 2.5]
    assert results.ranks([3, 1, 2, 1]) == [4.0, 1.5, 3.0, 1.5]


def test_spearman_matches_a_hand_calculation() -> None:
    # No ties: d = 0, 1, -1, 0, so rho = 1 - 6 * 2 / (4 * 15) = 0.8.
    assert results.spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    # Ties in y: ranks 1, 2, 3.5, 5, 3.5 against 1..5; sum of products of deviations 8,
    # sums of squares 10 and 9.5, so rho = 8 / sqrt(95).
    assert results.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(8 / math.sqrt(95))
    assert results.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert results.spearman([1, 2], [1, 2]) is None
    assert results.spearman([1, 2, 3], [5, 5, 5]) is None
    with pytest.raises(ValueError, match="as many"):
        results.spearman([1, 2, 3], [1, 2])


def test_strength_in_words_follows_the_interval_not_the_point() -> None:
    # Fisher z: z = atanh(0.54) = 0.6042, half-width 1.96 * sqrt(1.06 / 37) = 0.3318, so
    # tanh(0.2724) = 0.266 to tanh(0.9359) = 0.733: weak at one end, strong at the other.
    low, high = results.correlation_interval(0.54, 40) or (0, 0)
    assert (low, high) == (pytest.approx(0.2659, abs=1e-3), pytest.approx(0.7333, abs=1e-3))
    assert results.correlation_strength(0.54, 40) == "a weak to strong positive link"
    assert results.correlation_strength(0.54, 7) == "too few managers to tell (it takes 10)"
    assert results.correlation_interval(0.54, 9) is None
    assert results.correlation_strength(0.54, 12).startswith("no clear link")
    assert results.correlation_strength(0.35, 300) == "a weak to moderate positive link"
    assert results.correlation_strength(-0.7, 200) == "a strong negative link"
    assert results.correlation_strength(0.05, 100_000) == "no link worth the name"
    assert results.correlation_strength(1.0, 10).startswith("a strong positive")


def test_money_as_shown() -> None:
    assert results.money_text(12_500_050) == "125,000.50"
    assert results.money_text(12_500_000) == "125,000"
    assert results.money_text(None) == ""
    assert results.short_money(150_000_000) == "1.5M"
    assert results.short_money(12_500_000) == "125k"


# --- The period in progress -------------------------------------------------------------------


def test_working_days_count_monday_to_friday() -> None:
    december = month("2026-12")  # Tuesday 1 to Thursday 31 December 2026
    assert december.working_days() == 23
    assert december.working_days(day("2026-12-03")) == 3
    assert december.working_days(day("2026-12-06")) == 4  # Sunday: Tue, Wed, Thu, Fri
    assert december.share_gone(day("2026-12-03")) == pytest.approx(3 / 23)
    assert december.share_gone(day("2027-01-01")) == 1.0
    assert december.share_gone(day("2026-11-30")) == 0.0
    assert results.working_days(day("2026-08-01"), day("2026-08-03")) == 0  # a weekend


def test_an_open_month_shows_its_pace_month_to_date_without_a_trend(journal_path: Path) -> None:
    ada = manager("Ada", since="2026-01-01")
    results.set_figures(ada, month("2026-10"), {Figure.PLAN: 100_000, Figure.ACTUAL: 100_000})
    results.set_figures(ada, month("2026-11"), {Figure.PLAN: 100_000, Figure.ACTUAL: 104_000})
    december = {Figure.PLAN: 100_000, Figure.ACTUAL: 19_000, Figure.REPS: 4}
    results.set_figures(ada, month("2026-12"), december | {Figure.ONE_ON_ONES: 2})
    found = results.summary(ada, today=day("2026-12-03"))
    latest = found.attainment
    assert latest is not None
    # 19% of the month's plan with 3 of 23 working days gone: 0.19 / (3 / 23) = 146%.
    assert latest.value == pytest.approx(0.19 * 23 / 3)
    assert (latest.trend, latest.so_far, latest.days) == (None, 0.19, (3, 23))
    assert latest.marker == "MTD" and latest.previous == 1.04
    assert found.attainment_text == (
        "146% of the plan to date (Dec 2026 month-to-date: 19% of the month's plan, "
        "3 of 23 working days gone)"
    )
    assert not set("↑↓→") & set(found.attainment_text)
    assert found.rep_coaching is not None and found.rep_coaching.trend is None
    assert "month-to-date" in found.rep_coaching_text

    closed = results.summary(ada, today=day("2027-01-04"))
    assert closed.attainment is not None and closed.attainment.marker == ""
    assert (closed.attainment.value, closed.attainment.trend) == (0.19, ResultTrend.DOWN)
    assert closed.attainment_text == "19% ↓ down (Dec 2026)"


def test_an_open_period_before_its_first_working_day_leaves_the_last_closed_one(
    journal_path: Path,
) -> None:
    ada = manager("Ada", since="2026-01-01")
    for when, actual in (("2026-06", 90), ("2026-07", 100), ("2026-08", 5)):
        results.set_figures(ada, month(when), {Figure.PLAN: 100, Figure.ACTUAL: actual})
    found = results.summary(ada, today=day("2026-08-02"))  # Sunday 2 August
    assert found.attainment is not None
    assert (found.attainment.period, found.attainment.trend) == (month("2026-07"), ResultTrend.UP)


def test_an_open_quarter_is_quarter_to_date(journal_path: Path) -> None:
    results.save_settings(ResultSettings(period=QUARTER, fiscal_start=4))
    ada = manager("Ada", since="2025-01-01")
    quarter = results.period_of(day("2026-11-15"), results.load_settings())
    results.set_figures(ada, quarter, {Figure.PLAN: 300, Figure.ACTUAL: 150})
    latest = results.summary(ada, today=day("2026-11-15")).attainment
    assert latest is not None and latest.marker == "QTD"
    assert quarter.to_date == "quarter-to-date"
    assert latest.days == (quarter.working_days(day("2026-11-15")), quarter.working_days())


# --- Plans ahead, totals to date --------------------------------------------------------------


def test_future_periods_take_a_plan_and_a_note_only(journal_path: Path) -> None:
    ada = manager("Ada", since="2026-01-01")
    today = day("2027-01-05")
    grid = results.grid_periods(ada, ResultSettings(), today)
    assert grid[-1] == month("2027-12")
    assert results.manager_periods(ada, ResultSettings(), today)[-1] == month("2027-01")
    june = month("2027-06")
    results.set_figures(ada, june, {Figure.PLAN: 5000, Figure.NOTE: "New territory"}, today)
    with pytest.raises(ValidationError, match="Jun 2027 has not started: only its plan"):
        results.set_figures(ada, june, {Figure.ACTUAL: 10}, today)
    with pytest.raises(ValidationError, match="not reps"):
        results.set_many(ada, [(june, {Figure.REPS: 4})], today)
    assert results.figures(ada, [june])[0].actual_cents is None
    # In a year's last quarter the next year's plans can be entered too.
    assert results.plan_horizon(day("2026-12-03"), ResultSettings()) == day("2027-12-31")
    april = ResultSettings(fiscal_start=4)
    assert results.plan_horizon(day("2026-05-10"), april) == day("2027-03-31")
    assert results.plan_horizon(day("2027-01-10"), april) == day("2028-03-31")


def test_a_yearly_plan_spreads_to_the_cent() -> None:
    year = results.fiscal_year_periods(day("2026-04-01"), ResultSettings(fiscal_start=4))
    assert (year[0], year[-1], len(year)) == (
        FiscalPeriod(day("2026-04-01"), MONTH, 4),
        FiscalPeriod(day("2027-03-01"), MONTH, 4),
        12,
    )
    parts = results.spread(100_01, year[:3])
    assert [cents for _, cents in parts] == [33_34, 33_34, 33_33]
    assert sum(cents for _, cents in results.spread(1_200_000_07, year)) == 1_200_000_07


def test_planning_a_year_can_keep_the_plans_already_entered(journal_path: Path) -> None:
    ada = manager("Ada", since="2025-01-01")
    year = results.fiscal_year_periods(day("2027-01-01"), ResultSettings())
    results.set_figures(ada, year[0], {Figure.PLAN: 150_000_00}, day("2027-01-04"))
    figures = results.figures(ada, year)
    kept = results.plan_year(1_250_000_00, figures, keep=True)
    assert [period for period, _ in kept] == year[1:]
    assert {cents for _, cents in kept} == {100_000_00}
    assert len(results.plan_year(1_200_000_00, figures)) == 12
    with pytest.raises(ValidationError, match="add up to 150,000, more than the year's 100,000"):
        results.plan_year(100_000_00, figures, keep=True)


def test_a_year_planned_in_january_reads_year_to_date_after_three_months(
    journal_path: Path,
) -> None:
    ada, bo = manager("Ada", since="2025-01-01"), manager("Bo", since="2025-01-01")
    january = day("2027-01-04")
    year = results.fiscal_year_periods(day("2027-01-01"), ResultSettings())
    plans = results.spread(1_200_000_00, year)
    results.set_many(ada, [(period, {Figure.PLAN: cents}) for period, cents in plans], january)
    assert [f.plan_cents for f in results.figures(ada, year)] == [100_000_00] * 12
    for when, actual in (("2027-01", 95_000_00), ("2027-02", 110_000_00)):
        results.set_figures(ada, month(when), {Figure.ACTUAL: actual}, day("2027-03-15"))
    results.set_figures(ada, month("2027-03"), {Figure.ACTUAL: 50_000_00}, day("2027-03-15"))

    # Mid-March: 11 of March's 23 working days gone, so March's plan so far is 100,000 * 11/23.
    quarter, year_to_date = results.to_date_totals([ada, bo], day("2027-03-15"))
    expected = 255_000_00 / (200_000_00 + 100_000_00 * 11 / 23)
    assert year_to_date.attainment == pytest.approx(expected)
    assert quarter.attainment == pytest.approx(expected)
    assert (year_to_date.span, quarter.span) == ("FY2027", "Q1 FY2027")
    assert (year_to_date.counted, year_to_date.begun) == (3, 6)

    results.set_figures(ada, month("2027-03"), {Figure.ACTUAL: 100_000_00}, day("2027-04-01"))
    quarter, year_to_date = results.to_date_totals([ada], day("2027-04-01"))
    assert year_to_date.attainment == pytest.approx(305 / 300)
    assert year_to_date.text == "YTD 102%"
    assert quarter.attainment is None and quarter.text == "QTD –"
    assert "no periods with a plan and an actual yet" in quarter.description
    assert year_to_date.description.startswith("Year to date (FY2027): 102% of plan")
