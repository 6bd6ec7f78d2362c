"""The charts (drawn from hand-made numbers, without a journal), saving them, and the
``coachjournal chart`` command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.colors import same_color
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from coachjournal import colours
from coachjournal.cli import main
from coachjournal.coaching.stats import (
    AdherenceMatrix,
    FrequencySeries,
    ManagerRef,
    ManagerTime,
    Measure,
    MonthlyMood,
    MoodPoint,
    MoodSeries,
    Period,
    PlannedHeld,
    TimeShare,
)
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import TouchpointKind
from coachjournal.render import charts
from coachjournal.render.charts import DARK, LIGHT, Theme
from coachjournal.storage import db
from tests.core.builders import add_manager, log

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
FIELD_VISIT = TouchpointKind.FIELD_VISIT
JAN, FEB, MAR = dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)


def frequency_series(one_on_ones: Sequence[int], visits: Sequence[int]) -> FrequencySeries:
    counts = {kind: (0,) * len(one_on_ones) for kind in TouchpointKind}
    counts[ONE_ON_ONE], counts[FIELD_VISIT] = tuple(one_on_ones), tuple(visits)
    weeks = tuple(dt.date(2024, 12, 23) + dt.timedelta(weeks=n) for n in range(len(visits)))
    return FrequencySeries(Period.WEEK, weeks, MappingProxyType(counts), "Ada")


def texts(axes: Axes) -> list[str]:
    return [text.get_text() for text in axes.texts]


def bars(axes: Axes) -> list[tuple[str, float, float, float]]:
    """(colour, x middle, bottom, top) of every bar drawn as a rectangle collection."""
    found = []
    for collection in axes.collections:
        if not isinstance(collection, PolyCollection):
            continue
        colour = collection.get_facecolor()[0]
        for path in collection.get_paths():
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            hex_colour = next(c for c in colours.KIND_COLOURS.values() if same_color(c, colour))
            found.append((hex_colour, (xs.min() + xs.max()) / 2, ys.min(), ys.max()))
    return found


# --- Frequency --------------------------------------------------------------------------------


def test_frequency_bars_stack_the_counts_by_kind() -> None:
    figure = charts.new_figure()
    charts.draw_frequency(figure, frequency_series([2, 0, 1], [1, 0, 0]))
    (axes,) = figure.axes
    assert sorted(bars(axes)) == sorted(
        [
            (colours.KIND_COLOURS[ONE_ON_ONE], 0, 0, 2),
            (colours.KIND_COLOURS[ONE_ON_ONE], 2, 0, 1),
            (colours.KIND_COLOURS[FIELD_VISIT], 0, 2, 3),
        ]
    )
    legend = axes.get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == ["Field visit", "One-on-one"]
    assert axes.get_title(loc="left") == "Contacts per week · Ada"
    assert axes.get_ylim()[1] >= 3


def test_weekly_ticks_name_every_month_and_the_week_in_progress_is_marked() -> None:
    # Mondays from 5 October to 30 November 2026; the data runs to Thursday 3 December.
    weeks = tuple(dt.date(2026, 10, 5) + dt.timedelta(weeks=n) for n in range(9))
    counts = {kind: (0,) * len(weeks) for kind in TouchpointKind}
    counts[ONE_ON_ONE] = (5, 4, 6, 5, 4, 5, 6, 5, 2)
    series = FrequencySeries(
        Period.WEEK, weeks, MappingProxyType(counts), "Ada", through=dt.date(2026, 12, 3)
    )
    assert series.partial == (False,) * 8 + (True,)
    # Weeks after the one in progress have not begun: empty, not partial (a chart to 2200 has
    # one week in progress, not ten thousand).
    earlier = dataclasses.replace(series, through=dt.date(2026, 11, 4))
    assert earlier.partial == (False,) * 4 + (True,) + (False,) * 4
    figure = charts.new_figure()
    charts.draw_frequency(figure, series)
    (axes,) = figure.axes
    labels = [t.get_text().split("\n")[0] for t in axes.get_xticklabels()]
    assert labels == ["Oct", "Nov", "Dec"]
    # The week of 26 October holds 1 November; that of 30 November holds 1 December.
    assert list(axes.get_xticks()) == [0, 3, 8]
    legend = axes.get_legend()
    assert legend is not None
    assert "Week in progress (so far)" in [t.get_text() for t in legend.get_texts()]
    hatched = [p for p in axes.patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_x() == pytest.approx(8 - 0.425)
    blue = colours.KIND_COLOURS[ONE_ON_ONE]
    drawn = [
        (same_color(c.get_facecolor()[0], blue), len(c.get_paths()))
        for c in axes.collections
        if isinstance(c, PolyCollection)
    ]
    # Eight whole weeks in the kind's colour, the ninth lighter.
    assert drawn == [(True, 8), (False, 1)]


@pytest.mark.parametrize(("dark", "theme"), [(False, LIGHT), (True, DARK)])
def test_the_theme_reaches_every_part_of_the_chart(dark: bool, theme: Theme) -> None:
    figure = charts.new_figure()
    charts.draw_frequency(figure, frequency_series([2, 1], [1, 0]), dark=dark)
    axes = figure.axes[0]
    assert same_color(figure.get_facecolor(), theme.background)
    assert same_color(axes.get_facecolor(), theme.background)
    (title,) = [
        child
        for child in axes.get_children()
        if isinstance(child, Text) and child.get_text() == "Contacts per week · Ada"
    ]
    assert same_color(title.get_color(), theme.foreground)
    for label in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        assert same_color(label.get_color(), theme.foreground)
    legend = axes.get_legend()
    assert legend is not None
    assert all(same_color(text.get_color(), theme.foreground) for text in legend.get_texts())


def test_a_theme_from_the_app_palette_wins_over_the_dark_flag() -> None:
    own = Theme("#102030", "#F0F0F0", "#909090", "#404040", "#202020")
    figure = charts.new_figure()
    charts.draw_frequency(figure, frequency_series([1], [0]), dark=False, theme=own)
    assert same_color(figure.get_facecolor(), "#102030")


def test_no_touchpoints_says_so_instead_of_empty_axes() -> None:
    figure = charts.new_figure()
    charts.draw_frequency(figure, frequency_series([0, 0], [0, 0]))
    (axes,) = figure.axes
    assert texts(axes) == ["No touchpoints in this period"]
    assert not axes.axison


def test_drawing_again_replaces_the_chart() -> None:
    figure = charts.new_figure()
    charts.draw_frequency(figure, frequency_series([1], [1]))
    charts.draw_frequency(figure, frequency_series([4], [0]))
    (axes,) = figure.axes
    assert [top for *_, top in bars(axes)] == [4]


# --- Adherence --------------------------------------------------------------------------------


def adherence_matrix() -> AdherenceMatrix:
    return AdherenceMatrix(
        months=(JAN, FEB),
        managers=(ManagerRef(1, "Ada"), ManagerRef(2, "Ben")),
        cells=(
            (PlannedHeld(3, 31 / 7), None),
            (PlannedHeld(0, 0.3), PlannedHeld(2, 2.0)),
        ),
    )


def test_adherence_cells_print_their_percentage_in_a_readable_colour() -> None:
    figure = charts.new_figure()
    charts.draw_adherence(figure, adherence_matrix())
    axes, colour_bar = figure.axes
    cells = {text.get_text(): text for text in axes.texts}
    assert sorted(cells) == ["100%", "75%", "–"]
    assert cells["75%"].get_position() == (0, 0)
    assert cells["100%"].get_position() == (1, 1)
    assert same_color(cells["100%"].get_color(), "#000000")
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Ada", "Ben"]
    assert colour_bar.get_ylabel().startswith("Held / expected")


def test_adherence_percentages_switch_off_for_large_teams() -> None:
    figure = charts.new_figure()
    charts.draw_adherence(figure, adherence_matrix(), annotate=False)
    assert texts(figure.axes[0]) == []
    nobody = AdherenceMatrix(months=(JAN,), managers=(ManagerRef(1, "Ada"),), cells=((None,),))
    charts.draw_adherence(figure, nobody)
    assert texts(figure.axes[0]) == ["No one-on-ones were planned in this period"]


def test_a_zero_cell_prints_in_white_on_the_dark_end_of_the_scale() -> None:
    matrix = AdherenceMatrix((JAN,), (ManagerRef(1, "Ada"),), ((PlannedHeld(0, 4.4),),))
    figure = charts.new_figure()
    charts.draw_adherence(figure, matrix)
    (zero,) = figure.axes[0].texts
    assert (zero.get_text(), same_color(zero.get_color(), "#FFFFFF")) == ("0%", True)


# --- Time and mood ----------------------------------------------------------------------------


def test_a_chart_of_thousands_of_managers_draws_a_bounded_number_of_rows() -> None:
    """3,000 managers: the figure stays a readable size and the title says who is left out
    (the whole team made a chart of 144,000 pixels, 1.2 GB, before)."""
    rows = tuple(ManagerTime(n, f"Manager {n:04d}", n, 1, 0, n / 4_498_500) for n in range(3000))
    data = TimeShare(JAN, dt.date(2025, 1, 31), rows, 4_498_500)
    width, height = charts.figure_size(data)
    assert height <= 2 + 0.26 * charts.MOST_ROWS
    figure = charts.new_figure((width, height))
    charts.draw_time(figure, data)
    axes = figure.axes[0]
    assert len(axes.get_yticklabels()) == charts.MOST_ROWS
    assert axes.get_yticklabels()[0].get_text() == "Manager 0000"
    assert axes.get_title(loc="left").endswith(
        f" · the least attended {charts.MOST_ROWS} of 3,000 managers"
    )


def test_time_chart_puts_the_least_attended_on_top_and_names_who_is_low() -> None:
    rows = (
        ManagerTime(2, "Ben", 0, 0, 0, 0.0),
        ManagerTime(1, "Ada", 90, 2, 0, 90 / 690),
        ManagerTime(3, "Cleo", 600, 9, 1, 600 / 690),
    )
    figure = charts.new_figure()
    charts.draw_time(figure, TimeShare(JAN, dt.date(2025, 1, 31), rows, 690))
    axes = figure.axes[0]
    assert texts(axes) == ["0.0 h · 0% · low", "1.5 h · 13% · low", "10.0 h · 87%"]
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Ben", "Ada", "Cleo"]
    bottom, top = axes.get_ylim()
    assert bottom > top, "the first row is drawn at the top"
    legend = axes.get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == [
        "Your time",
        "Under half an even share",
        "Even split: 3.8 h",
    ]
    assert axes.get_title(loc="left") == "Your time per manager · 1 Jan 2025 – 31 Jan 2025"


def test_mood_chart_draws_each_mood_and_the_monthly_mean_with_gaps() -> None:
    points = (
        MoodPoint(dt.datetime(2025, 1, 6, 9), 4, ONE_ON_ONE),
        MoodPoint(dt.datetime(2025, 1, 20, 9), 2, ONE_ON_ONE),
        MoodPoint(dt.datetime(2025, 3, 3, 9), 5, ONE_ON_ONE),
    )
    months = (MonthlyMood(JAN, 3.0, 2), MonthlyMood(FEB, None, 0), MonthlyMood(MAR, 5.0, 1))
    figure = charts.new_figure()
    charts.draw_mood(figure, MoodSeries(1, "Ada", JAN, dt.date(2025, 3, 31), points, months))
    axes = figure.axes[0]
    (dots,) = [c for c in axes.collections if isinstance(c, PathCollection)]
    assert [y for _, y in dots.get_offsets()] == [4, 2, 5]
    (line,) = axes.get_lines()
    np.testing.assert_array_equal(line.get_ydata(), [3.0, np.nan, 5.0])
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[0] == "1 · low" and labels[-1] == "5 · high"
    charts.draw_mood(figure, MoodSeries(1, "Ada", JAN, MAR, (), months[:1]))
    assert texts(figure.axes[0]) == ["No mood was noted in this period"]


# --- Saving -----------------------------------------------------------------------------------


@pytest.fixture
def figure() -> Figure:
    drawn = charts.new_figure((6.0, 4.0))
    charts.draw_frequency(drawn, frequency_series([3, 1, 2], [1, 2, 0]))
    return drawn


def test_save_figure_writes_a_real_png(figure: Figure, tmp_path: Path) -> None:
    path = tmp_path / "chart.PNG"
    charts.save_figure(figure, path)
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (900, 600))
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 10


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF-")])
def test_save_figure_writes_svg_and_pdf(
    figure: Figure, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    path = tmp_path / f"chart{suffix}"
    charts.save_figure(figure, path)
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 5_000


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("chart.jpg", "Cannot save a chart as “.jpg”: use .png, .svg or .pdf."),
        ("chart", "Cannot save a chart as a file without a suffix: use .png, .svg or .pdf."),
        ("blocker/chart.png", "Could not write "),
        ("folder", "Cannot save a chart as a file without a suffix"),
        ("folder.png", "is a folder; give a file name"),
    ],
)
def test_save_figure_explains_what_it_cannot_do(
    figure: Figure, tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "blocker").write_text("a file where a folder would be")
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(CoachJournalError) as raised:
        charts.save_figure(figure, tmp_path / name)
    assert message in str(raised.value)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blocker", "folder.png"]


def test_save_figure_makes_the_folder_and_never_writes_over_a_journal(
    figure: Figure, tmp_path: Path
) -> None:
    charts.save_figure(figure, tmp_path / "new" / "chart.png")
    assert (tmp_path / "new" / "chart.png").stat().st_mode & 0o777 == 0o600
    misnamed = tmp_path / "team.png"
    shutil.copyfile(Path(__file__).parents[1] / "data" / "journal-v5.db", misnamed)
    before = misnamed.read_bytes()
    with pytest.raises(CoachJournalError, match="is a journal"):
        charts.save_figure(figure, misnamed)
    assert misnamed.read_bytes() == before


def test_the_core_never_imports_pyplot_and_the_command_line_no_matplotlib(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        import coachjournal.__main__, coachjournal.coaching.cadence, coachjournal.coaching.stats
        assert not [m for m in sys.modules if m.startswith("matplotlib")], "matplotlib imported"
        from coachjournal.render import charts
        from tests.core.test_charts import frequency_series
        charts.save_figure(charts.new_figure(), sys.argv[1])
        charts.draw_frequency(charts.new_figure(), frequency_series([1], [1]))
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
        """
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "chart.png")],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# --- The command line -------------------------------------------------------------------------


@pytest.fixture
def team(journal_path: Path) -> Path:
    ada, adam = add_manager("Ada Lovelace"), add_manager("Adam Smith")
    for week in range(20):
        monday = dt.datetime(2025, 1, 6, 9) + dt.timedelta(weeks=week)
        log(ada, ONE_ON_ONE, monday, minutes=45, mood=3 + week % 3)
        log(adam, FIELD_VISIT if week % 4 else ONE_ON_ONE, monday, minutes=60)
    db.close_journal()
    return journal_path


def run(*argv: str) -> int:
    return main.main(["chart", *argv], open_gui=lambda options: 0)


@pytest.mark.parametrize(
    "chart",
    [
        ["frequency"],
        ["frequency", "--count", "time"],
        ["adherence"],
        ["time"],
        ["mood", "--manager", "ADA LOVELACE"],
    ],
)
def test_the_chart_command_writes_a_png(
    team: Path, tmp_path: Path, chart: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.png"
    period = ["--from", "2025-01-01", "--to", "2025-06-30"]
    assert run("--db", str(team), "--chart", *chart, *period, "--out", str(out)) == 0
    assert capsys.readouterr().out == f"Wrote the {chart[0]} chart to {out}\n"
    with Image.open(out) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width >= 1200 and height >= 600
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 10
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF-")])
def test_the_chart_command_writes_svg_and_pdf(
    team: Path, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    out = tmp_path / f"chart{suffix}"
    assert (
        run(
            "--db",
            str(team),
            "--chart",
            "frequency",
            "--period",
            "month",
            "--dark",
            "--out",
            str(out),
        )
        == 0
    )
    assert out.read_bytes().startswith(magic)


def test_the_chart_command_defaults_to_the_last_twelve_months(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[object] = []
    monkeypatch.setattr(charts, "draw", lambda figure, data, dark: drawn.append(data))
    assert (
        run(
            "--db",
            str(team),
            "--chart",
            "frequency",
            "--period",
            "month",
            "--out",
            str(tmp_path / "c.png"),
        )
        == 0
    )
    (series,) = drawn
    assert isinstance(series, FrequencySeries)
    today = dt.date.today()
    assert len(series.periods) == 12
    assert series.periods[-1] == today.replace(day=1)
    assert series.subject == "Whole team"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--chart", "mood", "--manager", "ada"],
            "“ada” matches 2 managers (Ada Lovelace #1; Adam Smith #2); give more of the name, "
            "their e-mail, or their number (such as --manager '#1').",
        ),
        (
            ["--chart", "mood", "--manager", "Grace"],
            "No manager in this journal is called “Grace”.",
        ),
        (["--chart", "mood"], "The mood chart is about one manager: name them with --manager."),
        (
            ["--chart", "time", "--manager", "Adam"],
            "--manager applies only to the frequency and mood charts",
        ),
        (["--chart", "time", "--period", "week"], "--period applies only to the frequency chart."),
        (
            ["--chart", "time", "--from", "2025-03-01", "--to", "2025-02-01"],
            "--from (2025-03-01) is after --to (2025-02-01).",
        ),
    ],
)
def test_the_chart_command_explains_mistakes_in_one_line(
    team: Path, tmp_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.png"
    assert run("--db", str(team), *argv, "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"coachjournal: error: {message}")
    assert error.count("\n") == 1
    assert not out.exists()


def test_the_chart_command_finds_one_manager_by_part_of_the_name(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[object] = []
    monkeypatch.setattr(charts, "draw", lambda figure, data, dark: drawn.append(data))
    out = str(tmp_path / "c.svg")
    assert (
        run(
            "--db",
            str(team),
            "--chart",
            "frequency",
            "--manager",
            "smith",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--out",
            out,
        )
        == 0
    )
    (series,) = drawn
    assert isinstance(series, FrequencySeries)
    assert series.subject == "Adam Smith"
    assert series.total == 13


def test_the_chart_command_draws_the_measure_asked_for(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drawn: list[object] = []
    monkeypatch.setattr(charts, "draw", lambda figure, data, dark: drawn.append(data))
    out = str(tmp_path / "c.png")
    for count in ((), ("--count", "time")):
        assert run("--db", str(team), "--chart", "frequency", *count, "--out", out) == 0
    assert [getattr(data, "measure", None) for data in drawn] == [Measure.CONTACTS, Measure.TIME]
    assert run("--db", str(team), "--chart", "time", "--count", "time", "--out", out) == 1
    assert "--count applies only to the frequency chart." in capsys.readouterr().err
