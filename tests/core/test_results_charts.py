"""The numbers and drawings of the results charts, the sample's figures and the command line."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest
from matplotlib.text import Text

from coachjournal import sample
from coachjournal.cli import main
from coachjournal.coaching import results, stats
from coachjournal.coaching.results import Figure, FiscalPeriod, ResultSettings
from coachjournal.kinds import ResultPeriod, TouchpointKind
from coachjournal.render import charts
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Result
from tests.core.builders import add_manager, log

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month(text: str) -> FiscalPeriod:
    return FiscalPeriod(day(text + "-01"), ResultPeriod.MONTH)


def texts(figure: object) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]  # type: ignore[attr-defined]


@pytest.fixture
def three(journal_path: Path) -> dict[str, int]:
    """Three managers with known touchpoints and results in January–March 2025.

    Touchpoints (minutes): Ada 4 (240), Bo 2 (60), Cy 1 (30). Plans and actuals over the three
    months: Ada 300 / 330 (110%), Bo 300 / 270 (90%), Cy 200 / 190 (95%); Dee has no plan.
    """
    ids = {name: add_manager(name, added=day("2024-06-01")) for name in ("Ada", "Bo", "Cy", "Dee")}
    for count, name in ((4, "Ada"), (2, "Bo"), (1, "Cy")):
        for index in range(count):
            log(
                ids[name],
                ONE_ON_ONE,
                day("2025-01-06") + dt.timedelta(days=14 * index),
                minutes=240 // 4 if name == "Ada" else 30,
            )
    log(ids["Bo"], ONE_ON_ONE, day("2025-04-02"), minutes=30)  # after the range
    log(ids["Cy"], ONE_ON_ONE, day("2025-02-03"), minutes=99, trashed=True)
    figures = {
        "Ada": ((100, 110), (100, 110), (100, 110)),
        "Bo": ((100, 80), (100, 90), (100, 100)),
        "Cy": ((100, 95), (0, 40), (100, 95)),
        "Dee": ((0, 50), (None, 50), (None, None)),
    }
    for name, rows in figures.items():
        for when, (plan, actual) in zip(("2025-01", "2025-02", "2025-03"), rows, strict=True):
            results.set_figures(ids[name], month(when), {Figure.PLAN: plan, Figure.ACTUAL: actual})
    return ids


def test_coaching_against_attainment_matches_a_hand_count(three: dict[str, int]) -> None:
    data = stats.coaching_vs_results(day("2025-01-15"), day("2025-03-02"))
    assert [p.label for p in data.periods] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [p.name for p in data.points] == ["Ada", "Bo", "Cy"]
    assert data.coaching == (4.0, 2.0, 1.0)
    assert data.attainment == pytest.approx((1.1, 0.9, 0.95))
    assert data.without_results == ("Dee",)
    # Ranks of coaching 3, 2, 1 against attainment 3, 1, 2: d = 0, 1, -1, rho = 1 - 6*2/24.
    assert data.rho == pytest.approx(0.5)
    hours = stats.coaching_vs_results(day("2025-01-01"), day("2025-03-31"), "hours")
    assert hours.coaching == (4.0, 1.0, 0.5)


def test_attainment_series_puts_touchpoints_in_the_same_periods(three: dict[str, int]) -> None:
    Manager.update(manager_since=day("2025-01-01")).execute()
    data = stats.attainment_series(three["Cy"], today=day("2025-04-10"))
    assert [p.label for p in data.periods] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert data.attainment == (0.95, None, 0.95)
    assert data.touchpoints == (1, 0, 0)
    quarters = ResultSettings(ResultPeriod.QUARTER, 1)
    results.set_figures(
        three["Bo"],
        FiscalPeriod(day("2025-01-01"), ResultPeriod.QUARTER),
        {Figure.PLAN: 300, Figure.ACTUAL: 270},
    )
    by_quarter = stats.attainment_series(three["Bo"], today=day("2025-04-10"), settings=quarters)
    assert [p.label for p in by_quarter.periods] == ["Q1 FY2025"]
    assert by_quarter.touchpoints == (2,)
    assert by_quarter.attainment == (pytest.approx(0.9),)


def test_rep_coaching_series_against_the_target(journal_path: Path) -> None:
    ada = add_manager("Ada")
    Manager.update(manager_since=day("2025-01-01")).execute()
    results.set_figures(
        ada, month("2025-01"), {Figure.REPS: 5, Figure.ONE_ON_ONES: 10, Figure.JOINT_CALLS: 5}
    )
    results.set_figures(
        ada, month("2025-03"), {Figure.REPS: 4, Figure.ONE_ON_ONES: 12, Figure.JOINT_CALLS: 4}
    )
    results.save_settings(ResultSettings(target=3.5))
    data = stats.rep_coaching_series(ada, today=day("2025-05-01"))
    assert [p.label for p in data.periods] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert data.values == (3.0, None, 4.0)
    assert data.below_target == (True, False, False)
    assert data.target == 3.5


def test_the_charts_draw_the_numbers(three: dict[str, int]) -> None:
    team = stats.coaching_vs_results(day("2025-01-01"), day("2025-03-31"))
    figure = charts.new_figure(charts.figure_size(team))
    charts.draw(figure, team)
    shown = " ".join(texts(figure))
    assert "ρ = 0.50 (3 managers): too few managers to tell (it takes 10)" in shown
    assert "Correlation is not proof" in shown
    assert "Not shown: 1 manager without a plan" in shown
    scatter = figure.axes[0].collections[0]
    assert scatter.get_offsets().tolist() == [[4, 1.1], [2, 0.9], [1, 0.95]]
    assert {"Ada", "Bo", "Cy"} <= set(texts(figure))

    Manager.update(manager_since=day("2025-01-01")).execute()
    series = stats.attainment_series(three["Cy"], today=day("2025-04-10"))
    charts.draw(figure, series, dark=True)
    top = figure.axes[0]
    line = top.get_lines()[0]
    assert [v if not math.isnan(v) else None for v in line.get_ydata()] == [0.95, None, 0.95]
    assert texts(figure).count("no plan") == 1
    assert figure.get_facecolor()[:3] == pytest.approx((0x1F / 255, 0x20 / 255, 0x23 / 255))

    rep = stats.rep_coaching_series(three["Ada"], today=day("2025-04-10"))
    charts.draw(figure, rep)
    assert "No rep coaching recorded yet" in " ".join(texts(figure))


def test_few_managers_give_no_correlation(journal_path: Path) -> None:
    ada = add_manager("Ada", added=day("2024-01-01"))
    results.set_figures(ada, month("2025-01"), {Figure.PLAN: 10, Figure.ACTUAL: 9})
    data = stats.coaching_vs_results(day("2025-01-01"), day("2025-01-31"))
    assert data.rho is None
    assert charts.correlation_text(data).startswith("Too few managers with results to rank")


def test_the_sample_team_has_results_linked_to_coaching(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path, managers=24, years=2, today=day("2026-06-15"))
    db.open_journal(path)
    try:
        rows = list(Result.select())
        assert len(rows) > 24 * 12
        assert {row.period for row in rows} == {"month"}
        assert max(row.starts_on for row in rows) == day("2026-05-01")
        assert any(row.plan_cents is None for row in rows), "a new manager's first month"
        reached = [r.actual_cents / r.plan_cents for r in rows if r.plan_cents]
        assert 0.8 < sum(reached) / len(reached) < 1.05
        coached = [
            results.rep_coaching(r.rep_one_on_ones, r.joint_calls, r.reps) or 0.0
            for r in rows
            if r.plan_cents
        ]
        rho = results.spearman(coached, reached)
        assert rho is not None and 0.2 < rho < 0.8, "believable: a link, and plenty of noise"
        team = stats.coaching_vs_results(day("2025-06-01"), day("2026-05-31"))
        assert len(team.points) >= 20
        assert team.rho is not None and team.rho > 0
    finally:
        db.close_journal()


def test_the_command_line_draws_the_results_charts(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path, managers=4, years=1)
    db.open_journal(path)
    name = Manager.select().where(~Manager.archived).first().name
    db.close_journal()
    for chart, extra in (
        ("results", []),
        ("results", ["--manager", name]),
        ("rep-coaching", ["--manager", name]),
        ("results", ["--measure", "hours", "--dark"]),
    ):
        out = tmp_path / f"{chart}-{len(extra)}.png"
        code = main.main(
            ["chart", "--chart", chart, "--db", str(path), "--out", str(out), *extra], print
        )
        assert code == 0
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_command_line_asks_for_a_manager_where_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.png"
    code = main.main(
        ["chart", "--chart", "attainment", "--db", str(tmp_path / "x.db"), "--out", str(out)], print
    )
    assert code == 1
    assert "The attainment chart is about one manager" in capsys.readouterr().err
    code = main.main(
        ["chart", "--chart", "adherence", "--measure", "hours", "--db", "x", "--out", str(out)],
        print,
    )
    assert code == 1
    assert "--measure applies only to the results chart" in capsys.readouterr().err


def test_the_prep_sheet_has_a_results_section(journal_path: Path) -> None:
    from coachjournal.coaching import prep
    from coachjournal.render import prep_html

    ada = add_manager("Ada", added=day("2024-06-01"))
    assert "<h2" in prep_html.render(prep.build(ada, today=day("2025-04-10")))
    assert "Results" not in prep_html.render(prep.build(ada, today=day("2025-04-10")))
    results.set_figures(ada, month("2025-02"), {Figure.PLAN: 100, Figure.ACTUAL: 95})
    results.set_figures(
        ada,
        month("2025-03"),
        {Figure.PLAN: 100, Figure.ACTUAL: 104, Figure.REPS: 4, Figure.ONE_ON_ONES: 10},
    )
    sheet = prep.build(ada, today=day("2025-04-10"))
    assert sheet.results is not None
    html = prep_html.render(sheet)
    assert "Results" in html
    assert "104% ↑ up (Mar 2025)" in html
    assert "2.5 per rep a month (Mar 2025)" in html


def points(attainments: list[float]) -> stats.CoachingVsResults:
    """A team whose n-th manager got n touchpoints, with the attainments given, in 2025."""
    return stats.CoachingVsResults(
        (month("2025-01"),),
        stats.CoachingMeasure.TOUCHPOINTS,
        tuple(
            stats.CoachingPoint(i, f"M{i}", i, 30 * i, 100_000, round(100_000 * value))
            for i, value in enumerate(attainments, start=1)
        ),
        (),
    )


def test_seven_managers_are_too_few_to_call_a_link_strong() -> None:
    # Perfectly ranked (ρ = 1): the point says "strong", seven managers cannot.
    data = points([0.82, 0.84, 0.86, 0.9, 0.93, 0.95, 0.97])
    assert data.rho == pytest.approx(1.0)
    text = charts.correlation_text(data)
    assert "strong" not in text and "too few managers to tell" in text
    many = points([0.8 + 0.01 * ((i * 7) % 40) for i in range(40)])
    worded = charts.correlation_text(many)
    assert "95% interval" in worded and "(40 managers)" in worded


def percent_ticks(axes: object) -> list[int]:
    labels = [t.get_text() for t in axes.get_yticklabels()]  # type: ignore[attr-defined]
    return [int(label.rstrip("%").replace("−", "-")) for label in labels if label]


def evenly_round(values: list[int]) -> bool:
    steps = {b - a for a, b in itertools.pairwise(values)}
    return len(steps) == 1 and steps.pop() in {1, 2, 5, 10, 20, 50, 100}


def test_attainment_axes_read_round_evenly_spaced_percentages(journal_path: Path) -> None:
    scatter = points([0.82, 0.86, 0.87, 0.95, 0.97, 0.83, 0.965])
    figure = charts.new_figure(charts.figure_size(scatter))
    charts.draw(figure, scatter)
    figure.canvas.draw()
    ticks = percent_ticks(figure.axes[0])
    assert len(ticks) >= 4 and evenly_round(ticks), ticks

    ada = add_manager("Ada", added=day("2025-01-01"))
    Manager.update(manager_since=day("2025-01-01")).execute()
    for index, actual in enumerate((82, 100, 98, 95, 92, 90, 88, 85)):
        when = month(f"2025-{index + 1:02d}")
        results.set_figures(ada, when, {Figure.PLAN: 100, Figure.ACTUAL: actual})
    series = stats.attainment_series(ada, today=day("2025-09-10"))
    charts.draw(figure, series)
    figure.canvas.draw()
    ticks = percent_ticks(figure.axes[0])
    assert len(ticks) >= 4 and evenly_round(ticks), ticks


def test_the_month_in_progress_is_drawn_as_its_pace(journal_path: Path) -> None:
    ada = add_manager("Ada", added=day("2026-01-01"))
    Manager.update(manager_since=day("2026-10-01")).execute()
    results.set_figures(ada, month("2026-11"), {Figure.PLAN: 100, Figure.ACTUAL: 104})
    results.set_figures(ada, month("2026-12"), {Figure.PLAN: 100, Figure.ACTUAL: 19})
    series = stats.attainment_series(ada, today=day("2026-12-03"))
    assert series.in_progress
    assert series.attainment == (1.04, pytest.approx(0.19 * 23 / 3))
    figure = charts.new_figure(charts.figure_size(series))
    charts.draw(figure, series)
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert "Dec 2026: pace, month-to-date" in [t.get_text() for t in legend.get_texts()]
    closed = figure.axes[0].get_lines()[0]
    assert [v if not math.isnan(v) else None for v in closed.get_ydata()] == [1.04, None]
    assert not stats.attainment_series(ada, today=day("2027-01-04")).in_progress

    # Coaching of reps: 4 one-on-ones with 4 reps in 3 of 23 working days is 1 a month so far,
    # 7.7 at this pace; drawn hollow, not counted under the target of 3.
    results.set_figures(ada, month("2026-11"), {Figure.REPS: 4, Figure.ONE_ON_ONES: 12})
    results.set_figures(ada, month("2026-12"), {Figure.REPS: 4, Figure.ONE_ON_ONES: 4})
    coaching = stats.rep_coaching_series(ada, today=day("2026-12-03"))
    assert coaching.in_progress
    assert coaching.values == (3.0, pytest.approx(23 / 3))
    charts.draw(figure, coaching)
    legend = figure.axes[0].get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert "Dec 2026: pace, month-to-date" in labels
    assert not any(label.startswith("Under target") for label in labels)
