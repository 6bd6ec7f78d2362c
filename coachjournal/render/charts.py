"""Charts: pure functions that draw the numbers of :mod:`coachjournal.coaching.stats` into a Figure.

``draw_x(fig, data)`` clears ``fig`` and draws into it; the caller owns the figure and its
canvas: the GUI puts it in a ``FigureCanvasQTAgg``, the command line and reports save it with
:func:`save_figure`. So the app, the command line and any export draw the very same chart.
Nothing here imports ``matplotlib.pyplot``: it keeps global state and would pick a GUI backend
of its own. Importing this module costs what importing matplotlib costs, which is slow, so the
command line and the app import it only when a chart is first drawn.

Every chart:

* uses the Okabe–Ito colours (:mod:`coachjournal.colours`) and, for the adherence heatmap,
  matplotlib's ``cividis``, both readable with any common colour vision deficiency;
* never carries meaning by colour alone: kinds are named in the legend, heatmap cells print
  their percentage, bars getting too little time say so in their label;
* follows a :class:`Theme` (``dark=True`` picks :data:`DARK`; the app can pass its palette's
  own colours), applied to the figure, axes, ticks, legend, titles and colour bar;
* says in words when there is nothing to draw rather than showing empty axes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator, PercentFormatter

from coachjournal import colours
from coachjournal.coaching import results
from coachjournal.coaching.development import RatingHistory
from coachjournal.coaching.stats import (
    AdherenceMatrix,
    AttainmentSeries,
    CoachingMeasure,
    CoachingVsResults,
    FrequencySeries,
    Measure,
    MoodSeries,
    Period,
    RepCoachingSeries,
    TimeShare,
    date_label,
    month_label,
)
from coachjournal.coaching.team import talent
from coachjournal.coaching.team.plan import PlanChart
from coachjournal.coaching.team.skills import SkillMatrix
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import ResultPeriod, Risk, TouchpointKind
from coachjournal.periods import fiscal_quarter
from coachjournal.storage.exports import new_file


@dataclasses.dataclass(frozen=True, slots=True)
class Theme:
    """The colours around the data: the app can build one from its Qt palette."""

    background: str
    foreground: str
    #: Secondary text and reference lines.
    muted: str
    grid: str
    #: Heatmap cells with no value.
    empty: str


LIGHT = Theme(
    background="#FFFFFF", foreground="#1F1F1F", muted="#5E5E5E", grid="#DADADA", empty="#F0F0F0"
)
DARK = Theme(
    background="#1F2023", foreground="#E8E8E8", muted="#A5A5A5", grid="#3D3F44", empty="#2C2D31"
)

#: The file formats :func:`save_figure` writes, by suffix.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

#: Above this many cells the heatmap's percentages would be too small to read, and drawing
#: thousands of labels is slow: the colour bar's percentage scale then carries the values.
MAX_ANNOTATED_CELLS = 720
#: Managers a chart of one row per manager draws (the adherence heatmap, time per manager, the
#: skills matrix); the title says how many more there are. Each row is a quarter of an inch
#: and drawn cell by cell: 3,000 managers made a skills chart 144,000 pixels tall (1.2 GB).
MOST_ROWS = 150


def _rows_shown(total: int, which: str = "first") -> tuple[int, str]:
    """How many of ``total`` rows a chart draws, and what its title adds when not all."""
    if total <= MOST_ROWS:
        return total, ""
    return MOST_ROWS, f" · the {which} {MOST_ROWS} of {total:,} managers"


#: What :func:`draw` draws: the result of one of the :mod:`coachjournal.coaching.stats` functions.
ChartData = (
    FrequencySeries
    | AdherenceMatrix
    | TimeShare
    | MoodSeries
    | AttainmentSeries
    | RepCoachingSeries
    | CoachingVsResults
    | talent.Board
    | SkillMatrix
    | PlanChart
)


def new_figure(size: tuple[float, float] = (10.0, 5.6)) -> Figure:
    """A figure on the Agg canvas (no GUI backend), for the command line, reports and tests."""
    figure = Figure(figsize=size)
    FigureCanvasAgg(figure)
    return figure


def draw(
    figure: Figure, data: ChartData, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Draw whichever chart ``data`` is for: one entry point for a chart widget or an export."""
    if isinstance(data, FrequencySeries):
        draw_frequency(figure, data, dark=dark, theme=theme)
    elif isinstance(data, AdherenceMatrix):
        draw_adherence(figure, data, dark=dark, theme=theme)
    elif isinstance(data, TimeShare):
        draw_time(figure, data, dark=dark, theme=theme)
    elif isinstance(data, MoodSeries):
        draw_mood(figure, data, dark=dark, theme=theme)
    elif isinstance(data, AttainmentSeries):
        draw_attainment(figure, data, dark=dark, theme=theme)
    elif isinstance(data, RepCoachingSeries):
        draw_rep_coaching(figure, data, dark=dark, theme=theme)
    elif isinstance(data, talent.Board):
        draw_talent(figure, data, dark=dark, theme=theme)
    elif isinstance(data, SkillMatrix):
        draw_skills(figure, data, dark=dark, theme=theme)
    elif isinstance(data, PlanChart):
        draw_team_plan(figure, data, dark=dark, theme=theme)
    else:
        draw_coaching_vs_results(figure, data, dark=dark, theme=theme)


def figure_size(data: ChartData) -> tuple[float, float]:
    """A size in inches that fits ``data``: tall enough for one readable row per manager."""
    if isinstance(data, AdherenceMatrix):
        width = min(24.0, max(9.0, 3.5 + 0.55 * len(data.months)))
        return width, max(4.0, 1.8 + 0.26 * min(len(data.managers), MOST_ROWS))
    if isinstance(data, TimeShare):
        return 10.0, max(4.0, 1.6 + 0.26 * min(len(data.rows), MOST_ROWS))
    if isinstance(data, AttainmentSeries | CoachingVsResults):
        return 10.0, 6.4
    if isinstance(data, talent.Board):
        crowded = max(data.counts().values(), default=0)
        return 11.0, min(12.0, max(6.4, 2.2 + 0.5 * crowded))
    if isinstance(data, SkillMatrix):
        return 12.0, max(4.0, 2.6 + 0.32 * min(len(data.rows), MOST_ROWS))
    if isinstance(data, PlanChart):
        return 10.0, max(4.0, 1.0 + 2.2 * len(data.distributions))
    return 10.0, 5.6


def chart_format(path: Path | str) -> str:
    """The format that ``path``'s suffix asks for; a :class:`CoachJournalError` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"“{suffix}”" if suffix else "a file without a suffix"
        raise CoachJournalError(f"Cannot save a chart as {shown}: use .png, .svg or .pdf.")
    return FORMATS[suffix]


def save_figure(figure: Figure, path: Path | str, *, dpi: float = 150) -> None:
    """Write ``figure`` as PNG, SVG or PDF, as ``path``'s suffix says (``dpi`` is for PNG).

    A chart shows who was coached how often, so it is written like any export: private to the
    user (0600) whatever the umask, complete or not at all, and never over a journal."""
    fmt = chart_format(path)
    with new_file(path, force=True) as stream:
        figure.savefig(stream, format=fmt, dpi=dpi, facecolor=figure.get_facecolor())


# --- Shared styling ---------------------------------------------------------------------------


def _theme(dark: bool, theme: Theme | None) -> Theme:
    if theme is not None:
        return theme
    return DARK if dark else LIGHT


#: Characters of a manager's name shown on an axis or in a title: a name may have 200, and one
#: that long squeezed the axes of the time chart to nothing.
NAME_WIDTH = 40


def _short(name: str, width: int = NAME_WIDTH) -> str:
    """``name``, cut to ``width`` characters with an ellipsis if longer."""
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _start(figure: Figure, theme: Theme) -> None:
    figure.clear()
    figure.set_facecolor(theme.background)
    figure.set_layout_engine("constrained")


def _style(
    axes: Axes, theme: Theme, title: str, *, grid_axis: Literal["x", "y"] | None = "y"
) -> None:
    axes.set_facecolor(theme.background)
    axes.set_title(title, color=theme.foreground, loc="left", fontsize=12)
    axes.tick_params(colors=theme.muted, labelcolor=theme.foreground)
    axes.xaxis.label.set_color(theme.foreground)
    axes.yaxis.label.set_color(theme.foreground)
    for name, spine in axes.spines.items():
        spine.set_visible(name in {"left", "bottom"})
        spine.set_color(theme.grid)
    if grid_axis is not None:
        axes.grid(axis=grid_axis, color=theme.grid, linewidth=0.8)
    axes.set_axisbelow(True)


def _legend(axes: Axes, theme: Theme, handles: Sequence[Patch | Line2D]) -> None:
    """A legend beside the plot, never over the data."""
    axes.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        labelcolor=theme.foreground,
    )


def _nothing(figure: Figure, theme: Theme, title: str, message: str) -> None:
    """A figure that says there is nothing to show, instead of empty axes."""
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title, color=theme.foreground, loc="left", fontsize=12)
    axes.text(
        0.5,
        0.5,
        message,
        transform=axes.transAxes,
        ha="center",
        va="center",
        fontsize=13,
        color=theme.muted,
    )


def _month_ticks(
    months: Sequence[dt.date], positions: Sequence[int]
) -> tuple[list[int], list[str]]:
    """Ticks at month starts: every month, else every quarter or year when there are many; the
    year is printed under the first tick and under each January."""
    step = 1 if len(months) <= 15 else 3 if len(months) <= 48 else 12
    ticks: list[int] = []
    labels: list[str] = []
    for position, month in zip(positions, months, strict=True):
        if (month.month - 1) % step:
            continue
        if step == 12:
            label = str(month.year)
        elif not ticks or month.month == 1:
            label = f"{month_label(month)[:3]}\n{month.year}"
        else:
            label = month_label(month)[:3]
        ticks.append(position)
        labels.append(label)
    return ticks, labels


def _rectangles(
    axes: Axes,
    left: npt.ArrayLike,
    bottom: npt.ArrayLike,
    width: npt.ArrayLike,
    height: npt.ArrayLike,
    colour: str,
) -> None:
    """Bars as one collection. A patch per bar is costly to build and draw, and ten years of
    weekly bars, stacked by kind, are thousands of them."""
    x0, y0, w, h = (np.asarray(values, dtype=float) for values in (left, bottom, width, height))
    x0, y0, w, h = np.broadcast_arrays(x0, y0, w, h)
    keep = (w > 0) & (h > 0)
    x0, y0 = x0[keep], y0[keep]
    x1, y1 = x0 + w[keep], y0 + h[keep]
    corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
    vertices = np.stack([np.column_stack(corner) for corner in corners], axis=1)
    axes.add_collection(PolyCollection(list(vertices), facecolors=colour, linewidths=0))


#: Tick steps of 1, 2 and 5 times a power of ten (no 2.5: 2.5-point ticks rounded to whole
#: percents read 100/98/95/92/90).
ROUND_STEPS = (1, 2, 5, 10)


def _percent_axis(axes: Axes) -> None:
    """An attainment axis: round, evenly spaced percentages."""
    axes.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=list(ROUND_STEPS)))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def _text_colour(rgb: tuple[float, float, float]) -> str:
    """Black or white, whichever reads better on ``rgb`` (relative luminance, WCAG)."""
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


# --- Frequency --------------------------------------------------------------------------------


def draw_frequency(
    figure: Figure, series: FrequencySeries, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Contacts (or hours of your time) per week or month, stacked by kind (one-on-ones at the
    bottom); the title names the measure and the axis says how a shared meeting counts."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    measure = series.measure
    title = f"{measure.label} per {series.period.value} · {_short(series.subject)}"
    if series.is_empty:
        _nothing(figure, scheme, title, "No touchpoints in this period")
        return
    axes = figure.add_subplot()
    _style(axes, scheme, title)
    positions = np.arange(len(series.periods))
    bottom = np.zeros(len(positions))
    # Gaps between hundreds of bars narrower than a pixel would only stripe the chart.
    width = 0.85 if len(positions) <= 120 else 1.0
    handles: list[Patch | Line2D] = []
    partial = np.array(series.partial, dtype=bool)
    whole = ~partial
    for kind in TouchpointKind:
        values = np.asarray(series.counts[kind], dtype=float)
        if not values.any():
            continue
        colour = colours.KIND_COLOURS[kind]
        if (values * whole).any():
            _rectangles(axes, positions - width / 2, bottom * whole, width, values * whole, colour)
        if (values * partial).any():
            _rectangles(
                axes,
                positions - width / 2,
                bottom * partial,
                width,
                values * partial,
                _faded(colour, scheme),
            )
        bottom += values
        handles.append(Patch(facecolor=colour, label=kind.label))
    handles = handles[::-1]
    if partial.any():
        for position in positions[partial]:
            # The whole column is shaded, so that a week with nothing yet is not read as none.
            axes.axvspan(position - 0.5, position + 0.5, color=scheme.grid, alpha=0.35, zorder=0)
            axes.add_patch(
                Rectangle(
                    (position - width / 2, 0),
                    width,
                    max(float(bottom[position]), 0.0),
                    fill=False,
                    hatch="///",
                    edgecolor=scheme.muted,
                    linewidth=0,
                )
            )
        handles.append(
            Patch(
                facecolor=_faded(colours.KIND_COLOURS[TouchpointKind.ONE_ON_ONE], scheme),
                hatch="///",
                edgecolor=scheme.muted,
                linewidth=0,
                label=f"{series.period.value.capitalize()} in progress (so far)",
            )
        )
    _legend(axes, scheme, handles)
    if series.period is Period.MONTH:
        ticks, labels = _month_ticks(series.periods, positions.tolist())
    else:
        ticks, labels = _month_ticks(*_week_months(series.periods))
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, len(positions) - 0.4)
    axes.set_ylim(0, max(float(bottom.max()), 1.0) * 1.05)
    axes.yaxis.set_major_locator(MaxNLocator(integer=measure is Measure.CONTACTS))
    unit = "Contacts" if measure is Measure.CONTACTS else "Hours of your time"
    axes.set_ylabel(f"{unit}\n({measure.explanation})")
    if series.period is Period.WEEK:
        axes.set_xlabel("Weeks (each tick marks the week holding the first of the month named)")


def _faded(colour: str, theme: Theme) -> str:
    """``colour`` mixed about halfway with the background: a period still in progress."""
    front, back = to_rgb(colour), to_rgb(theme.background)
    r, g, b = (0.45 * f + 0.55 * b for f, b in zip(front, back, strict=True))
    return to_hex((r, g, b))


def _week_months(weeks: Sequence[dt.date]) -> tuple[list[dt.date], list[int]]:
    """The month whose first day each week holds, and the week's position: every month gets
    its tick, on the week it begins in (30 November to 6 December carries December's). A
    first week in its month's first seven days carries that month (the chart starts there)."""
    months, positions = [], []
    for index, start in enumerate(weeks):
        last = start + dt.timedelta(days=6)
        if start.day == 1 or last.month != start.month:
            months.append(last.replace(day=1))
            positions.append(index)
        elif index == 0 and start.day <= 7:
            months.append(start.replace(day=1))
            positions.append(index)
    return months, positions


# --- Adherence --------------------------------------------------------------------------------


def draw_adherence(
    figure: Figure,
    matrix: AdherenceMatrix,
    *,
    dark: bool = False,
    theme: Theme | None = None,
    annotate: bool | None = None,
) -> None:
    """One-on-one adherence as a manager × month heatmap, each cell labelled with its percentage
    ("–" when nothing was expected; blank before a manager was tracked). ``annotate`` None
    labels the cells when they are few enough to read (:data:`MAX_ANNOTATED_CELLS`)."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = "One-on-ones held against the cadence"
    if not matrix.managers or matrix.is_empty:
        _nothing(figure, scheme, title, "No one-on-ones were planned in this period")
        return
    shown, more = _rows_shown(len(matrix.managers))
    cells = matrix.cells[:shown]
    ratios = np.array(
        [
            [np.nan if cell is None or cell.ratio is None else cell.ratio for cell in row]
            for row in cells
        ]
    )
    axes = figure.add_subplot()
    _style(axes, scheme, title + more, grid_axis=None)
    cmap = colormaps["cividis"].with_extremes(bad=scheme.empty)
    image = axes.imshow(
        np.ma.masked_invalid(ratios),
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="nearest",
    )
    axes.set_yticks(range(shown), [_short(manager.name) for manager in matrix.managers[:shown]])
    ticks, labels = _month_ticks(matrix.months, list(range(len(matrix.months))))
    axes.set_xticks(ticks, labels)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    bar = figure.colorbar(image, ax=axes, format=PercentFormatter(1.0), shrink=0.9)
    bar.set_label("Held / expected (capped at 100%)", color=scheme.foreground)
    bar.ax.tick_params(colors=scheme.muted, labelcolor=scheme.foreground)
    bar.outline.set_edgecolor(scheme.grid)
    if annotate is None:
        annotate = ratios.size <= MAX_ANNOTATED_CELLS
    if annotate:
        size = 8 if shown <= 30 else 6.5
        for row, row_cells in enumerate(cells):
            for column, cell in enumerate(row_cells):
                if cell is None:
                    continue
                if cell.ratio is None:
                    text, colour = "–", scheme.muted
                else:
                    text = f"{cell.ratio:.0%}"
                    colour = _text_colour(to_rgb(cmap(cell.ratio)))
                axes.text(column, row, text, ha="center", va="center", fontsize=size, color=colour)


# --- Time per manager -------------------------------------------------------------------------


def draw_time(
    figure: Figure, data: TimeShare, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Hours of coaching per manager, the least attended at the top, against an even split.

    A manager under half an even share is drawn in vermillion and labelled "low".
    """
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Your time per manager · {date_label(data.start)} – {date_label(data.end)}"
    if data.is_empty:
        _nothing(figure, scheme, title, "No touchpoints in this period")
        return
    shown, more = _rows_shown(len(data.rows), "least attended")
    rows = data.rows[:shown]
    axes = figure.add_subplot()
    _style(axes, scheme, title + more, grid_axis="x")
    hours = np.array([row.hours for row in rows])
    lows = np.array([row.share < data.even_share / 2 for row in rows], dtype=bool)
    positions = np.arange(shown)
    _rectangles(axes, 0, positions[~lows] - 0.35, hours[~lows], 0.7, colours.BLUE)
    _rectangles(axes, 0, positions[lows] - 0.35, hours[lows], 0.7, colours.VERMILLION)
    axes.set_yticks(positions, [_short(row.name) for row in rows])
    axes.set_ylim(len(positions) - 0.5, -0.5)
    size = 8.5 if shown <= 30 else 6.5
    for position, (row, is_low) in enumerate(zip(rows, lows.tolist(), strict=True)):
        label = f"{row.hours:.1f} h · {row.share:.0%}" + (" · low" if is_low else "")
        axes.annotate(
            label,
            (row.hours, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=size,
            color=scheme.foreground,
            bbox={"facecolor": scheme.background, "edgecolor": "none", "pad": 0.5},
        )
    even = data.total_minutes / 60 * data.even_share
    axes.axvline(even, color=scheme.muted, linestyle="--", linewidth=1.2)
    axes.set_xlim(0, max(float(hours.max()), even) * 1.25)
    axes.set_xlabel("Hours of your time (a meeting with several managers split evenly among them)")
    handles = [Patch(facecolor=colours.BLUE, label="Your time")]
    if lows.any():
        handles.append(Patch(facecolor=colours.VERMILLION, label="Under half an even share"))
    even_line = Line2D(
        [], [], color=scheme.muted, linestyle="--", label=f"Even split: {even:.1f} h"
    )
    _legend(axes, scheme, [*handles, even_line])


# --- Mood -------------------------------------------------------------------------------------

_MOOD_LABELS = ("1 · low", "2", "3", "4", "5 · high")


def draw_mood(
    figure: Figure, data: MoodSeries, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Each mood noted (dots) and the monthly average (line; a gap where none was noted)."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Mood and engagement · {_short(data.name)}"
    if data.is_empty:
        _nothing(figure, scheme, title, "No mood was noted in this period")
        return
    axes = figure.add_subplot()
    _style(axes, scheme, title)
    axes.scatter(
        date2num([point.occurred_at for point in data.points]),
        [point.mood for point in data.points],
        s=22,
        color=colours.SKY_BLUE,
        alpha=0.55,
        linewidths=0,
    )
    middles = date2num([dt.datetime(m.month.year, m.month.month, 15) for m in data.months])
    averages = [math.nan if m.average is None else m.average for m in data.months]
    axes.plot(middles, averages, color=colours.ORANGE, linewidth=2.2, marker="o", markersize=4)
    axes.set_ylim(0.6, 5.4)
    axes.set_yticks(range(1, 6), _MOOD_LABELS)
    axes.set_ylabel("Mood")
    locator = AutoDateLocator(maxticks=12)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_xlim(*date2num([data.start, data.end + dt.timedelta(days=1)]))
    _legend(
        axes,
        scheme,
        [
            Line2D(
                [], [], color=colours.SKY_BLUE, marker="o", linestyle="", label="Noted at a meeting"
            ),
            Line2D(
                [], [], color=colours.ORANGE, marker="o", linewidth=2.2, label="Monthly average"
            ),
        ],
    )


# --- Ratings of one skill ---------------------------------------------------------------------


def draw_ratings(
    figure: Figure,
    history: RatingHistory,
    *,
    today: dt.date | None = None,
    dark: bool = False,
    theme: Theme | None = None,
) -> None:
    """One skill's ratings over time as steps (a rating holds until the next one), held on to
    ``today``, and the target as a dashed line ending at its date, labelled in words."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Rating over time · {history.skill}"
    if history.is_empty:
        _nothing(figure, scheme, title, "Not rated yet: its history starts with the first rating")
        return
    today = today or dt.date.today()
    axes = figure.add_subplot()
    _style(axes, scheme, title)
    days = [point.rated_on for point in history.points]
    ratings = [point.rating for point in history.points]
    last = max(days[-1], today)
    axes.step(
        date2num([*days, last]),
        [*ratings, ratings[-1]],
        where="post",
        color=colours.BLUE,
        linewidth=2.2,
    )
    axes.plot(date2num(days), ratings, linestyle="", marker="o", markersize=6, color=colours.BLUE)
    end = last
    target = history.target_rating
    if target is not None:
        label = f"Target {target}"
        if history.target_date is None:
            axes.axhline(target, color=colours.VERMILLION, linestyle="--", linewidth=1.4)
            anchor: tuple[float, float] = (1.0, target)
        else:
            end = max(end, history.target_date)
            reached = float(date2num(history.target_date))
            axes.plot(
                [float(date2num(days[0])), reached],
                [target, target],
                color=colours.VERMILLION,
                linestyle="--",
                linewidth=1.4,
            )
            axes.plot([reached], [target], marker="D", markersize=7, color=colours.VERMILLION)
            label += f" by {date_label(history.target_date)}"
            anchor = (reached, target)
        axes.annotate(
            label,
            anchor,
            xycoords=("axes fraction", "data") if history.target_date is None else "data",
            xytext=(-6, -14 if target >= 5 else 6),
            textcoords="offset points",
            ha="right",
            fontsize=9,
            color=scheme.foreground,
        )
    start, end = _widen(days[0], end, _MIN_RATING_SPAN)
    margin = dt.timedelta(days=round((end - start).days * 0.04))
    axes.set_xlim(*date2num([start - margin, end + margin]))
    axes.set_ylim(0.5, 5.5)
    axes.set_yticks(range(1, 6))
    locator = AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


#: The shortest stretch of time the rating chart shows: a single rating sits in a quarter, not
#: alone on an axis of days.
_MIN_RATING_SPAN = dt.timedelta(days=90)


def _widen(start: dt.date, end: dt.date, least: dt.timedelta) -> tuple[dt.date, dt.date]:
    """``start``–``end`` grown evenly on both sides to at least ``least``."""
    missing = least - (end - start)
    if missing <= dt.timedelta(0):
        return start, end
    before = missing // 2
    return start - before, end + (missing - before)


# --- Coaching next to results -----------------------------------------------------------------


def _period_ticks(periods: Sequence[results.FiscalPeriod]) -> tuple[list[int], list[str]]:
    """A tick per period when there are few; else one per quarter or fiscal year, so the labels
    never overlap. A month's label carries its year on the first tick and each January."""
    if periods and periods[0].period is ResultPeriod.QUARTER:
        step = 1 if len(periods) <= 16 else 4
        chosen = [
            (i, p)
            for i, p in enumerate(periods)
            if step == 1 or fiscal_quarter(p.start, p.fiscal_start) == 1 or i == 0
        ]
        return [i for i, _ in chosen], [p.label.replace(" ", "\n") for _, p in chosen]
    return _month_ticks([p.start for p in periods], list(range(len(periods))))


def _no_plan_marks(axes: Axes, theme: Theme, positions: Sequence[int], size: float) -> None:
    """'no plan' written where a period has no attainment, so a gap is never mistaken for 0%."""
    for position in positions:
        axes.text(
            position,
            0.02,
            "no plan",
            transform=axes.get_xaxis_transform(),
            rotation=90,
            ha="center",
            va="bottom",
            fontsize=size,
            color=theme.muted,
        )


def draw_attainment(
    figure: Figure, data: AttainmentSeries, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Two aligned panels over the same periods: the team's attainment (line, 100% dashed) on
    top, the touchpoints the executive gave the manager (bars) below."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Attainment and your coaching · {_short(data.name)}"
    if data.is_empty:
        _nothing(figure, scheme, title, "No results recorded yet: enter them in the Results tab")
        return
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    _style(top, scheme, title)
    _style(bottom, scheme, "Your touchpoints with them")
    positions = np.arange(len(data.periods))
    values = np.array([math.nan if v is None else v for v in data.attainment], dtype=float)
    closed = values.copy()
    open_point = data.in_progress and not math.isnan(values[-1])
    if open_point:
        closed[-1] = math.nan
    top.plot(positions, closed, color=colours.BLUE, linewidth=2.2, marker="o", markersize=5)
    handles = [
        Line2D([], [], color=colours.BLUE, marker="o", linewidth=2.2, label="Attainment"),
        Line2D([], [], color=scheme.muted, linestyle="--", label="Plan (100%)"),
    ]
    if open_point:
        in_progress = _in_progress_marker(scheme)
        earlier = np.flatnonzero(~np.isnan(closed))
        if earlier.size:
            last = int(earlier[-1])
            top.plot(
                [last, positions[-1]],
                [values[last], values[-1]],
                color=colours.BLUE,
                linewidth=1.4,
                linestyle=":",
            )
        top.plot([positions[-1]], [values[-1]], **in_progress)
        period = data.periods[-1]
        handles.append(
            Line2D([], [], label=f"{period.label}: pace, {period.to_date}", **in_progress)
        )
    top.axhline(1.0, color=scheme.muted, linestyle="--", linewidth=1.2)
    known = values[~np.isnan(values)]
    high = max(1.2, float(known.max()) * 1.1) if known.size else 1.2
    top.set_ylim(0, high)
    _percent_axis(top)
    top.set_ylabel("Attainment")
    small = 7.5 if len(positions) <= 36 else 6
    missing = [int(p) for p in positions[np.isnan(values)]]
    if len(missing) <= 40:
        _no_plan_marks(top, scheme, missing, small)
    _legend(top, scheme, handles)
    width = 0.7 if len(positions) <= 120 else 1.0
    _rectangles(
        bottom, positions - width / 2, 0, width, np.asarray(data.touchpoints), colours.ORANGE
    )
    bottom.set_ylim(0, max(1, max(data.touchpoints)) * 1.15)
    bottom.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    bottom.set_ylabel("Touchpoints")
    _legend(bottom, scheme, [Patch(facecolor=colours.ORANGE, label="Your touchpoints")])
    ticks, labels = _period_ticks(data.periods)
    bottom.set_xticks(ticks, labels)
    bottom.set_xlim(-0.6, len(positions) - 0.4)


def _in_progress_marker(scheme: Theme, colour: str = colours.BLUE) -> dict[str, Any]:
    """The period in progress: a hollow circle, a pace rather than a result."""
    return {
        "linestyle": "",
        "marker": "o",
        "markersize": 8,
        "markerfacecolor": scheme.background,
        "markeredgecolor": colour,
        "markeredgewidth": 2.0,
    }


def _under_target_marker(scheme: Theme) -> dict[str, Any]:
    """A period under target, in the line and in the legend: a hollow downward triangle, so
    that its shape tells it as well as its colour."""
    return {
        "linestyle": "",
        "marker": "v",
        "markersize": 7,
        "markerfacecolor": scheme.background,
        "markeredgecolor": colours.VERMILLION,
        "markeredgewidth": 1.8,
    }


def draw_rep_coaching(
    figure: Figure, data: RepCoachingSeries, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """The manager's coaching per rep per month (line), the target (dashed); a period under
    the target gets a hollow marker and is named in the legend, not told by colour alone."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Coaching of reps per rep a month · {_short(data.name)}"
    if data.is_empty:
        _nothing(
            figure,
            scheme,
            title,
            "No rep coaching recorded yet: enter reps, one-on-ones and joint calls",
        )
        return
    axes = figure.add_subplot()
    _style(axes, scheme, title)
    positions = np.arange(len(data.periods))
    values = np.array([math.nan if v is None else v for v in data.values], dtype=float)
    below = np.array(data.below_target, dtype=bool)
    open_point = data.in_progress and not math.isnan(values[-1])
    if open_point:
        # The period in progress: its pace, hollow, joined by a dotted line; not "under target".
        below[-1] = False
        closed = values.copy()
        closed[-1] = math.nan
        known = np.flatnonzero(~np.isnan(closed))
        if known.size:
            last = int(known[-1])
            axes.plot(
                [last, positions[-1]],
                [values[last], values[-1]],
                color=colours.BLUISH_GREEN,
                linewidth=1.4,
                linestyle=":",
            )
        axes.plot(
            [positions[-1]], [values[-1]], **_in_progress_marker(scheme, colours.BLUISH_GREEN)
        )
        values = closed
    axes.plot(positions, values, color=colours.BLUISH_GREEN, linewidth=2.2)
    met = ~below & ~np.isnan(values)
    axes.plot(
        positions[met],
        values[met],
        linestyle="",
        marker="o",
        markersize=6,
        color=colours.BLUISH_GREEN,
    )
    under_target = _under_target_marker(scheme)
    axes.plot(positions[below], values[below], **under_target)
    axes.axhline(data.target, color=scheme.muted, linestyle="--", linewidth=1.2)
    every = np.array([math.nan if v is None else v for v in data.values], dtype=float)
    axes.set_ylim(0, max(data.target, float(np.nanmax(every))) * 1.25)
    axes.set_ylabel("Touches per rep per month")
    ticks, labels = _period_ticks(data.periods)
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, len(positions) - 0.4)
    handles = [
        Line2D(
            [],
            [],
            color=colours.BLUISH_GREEN,
            marker="o",
            linewidth=2.2,
            label="One-on-ones and joint calls per rep",
        ),
        Line2D([], [], color=scheme.muted, linestyle="--", label=f"Your target: {data.target:g}"),
    ]
    if below.any():
        handles.append(Line2D([], [], label=f"Under target ({int(below.sum())})", **under_target))
    if open_point:
        period = data.periods[-1]
        marker = _in_progress_marker(scheme, colours.BLUISH_GREEN)
        handles.append(Line2D([], [], label=f"{period.label}: pace, {period.to_date}", **marker))
    _legend(axes, scheme, handles)


#: Characters per line of the notes under the scatter (at its usual 10-inch width).
_NOTE_WIDTH = 130
#: Above this many managers the scatter names only the extremes (the rest would be a smear).
MAX_NAMED_POINTS = 30
#: How many managers are named at each end when not all can be.
NAMED_EXTREMES = 4

CORRELATION_NOTE = (
    "Correlation is not proof: a manager's results also depend on their territory, their "
    "team and the market, and you may give more time to managers who struggle (or to those "
    "who do well)."
)


def correlation_text(data: CoachingVsResults) -> str:
    """The rank correlation in numbers and words, worded by its 95% interval: 'Spearman rank
    correlation ρ = 0.54, 95% interval 0.27 to 0.73 (40 managers): a weak to strong positive
    link'; with fewer than ten managers, 'too few managers to tell'."""
    rho = data.rho
    count = len(data.points)
    managers = f"{count} manager{'s' if count != 1 else ''}"
    if rho is None:
        return (
            f"Too few managers with results to rank ({managers}; it takes 3 with differing figures)"
        )
    interval = results.correlation_interval(rho, count)
    shown = (
        ""
        if interval is None
        else f", 95% interval {_signed(interval[0])} to {_signed(interval[1])}"
    )
    words = results.correlation_strength(rho, count)
    return f"Spearman rank correlation ρ = {_signed(rho)}{shown} ({managers}): {words}"


def _signed(value: float) -> str:
    """``0.27`` or ``−0.27``, with a true minus sign."""
    return f"{value:.2f}".replace("-", "−")


def _named(data: CoachingVsResults) -> list[int]:
    """The points to label: all of them, or the extremes of each axis on a large team."""
    count = len(data.points)
    if count <= MAX_NAMED_POINTS:
        return list(range(count))
    chosen: set[int] = set()
    for values in (data.coaching, data.attainment):
        order = sorted(range(count), key=lambda i: values[i])
        chosen.update(order[:NAMED_EXTREMES] + order[-NAMED_EXTREMES:])
    return sorted(chosen)


def _margins(axes: Axes, xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64]) -> None:
    """Limits around the points (and the 100% line), with room on the right for names."""
    x_low, x_high = float(xs.min()), float(xs.max())
    x_pad = max((x_high - x_low) * 0.08, 0.5)
    axes.set_xlim(max(0.0, x_low - x_pad), x_high + 3 * x_pad)
    y_low, y_high = min(float(ys.min()), 1.0), max(float(ys.max()), 1.0)
    y_pad = max((y_high - y_low) * 0.08, 0.02)
    axes.set_ylim(max(0.0, y_low - y_pad), y_high + y_pad)


def _label_points(
    axes: Axes,
    theme: Theme,
    names: Sequence[str],
    xs: npt.NDArray[np.float64],
    ys: npt.NDArray[np.float64],
    indexes: Sequence[int],
) -> None:
    """Names beside their points, each moved to the first of four places (right, right below,
    left, left below) where it does not cover a name already placed. Boxes are estimated in
    points from the text's length, which is close enough to keep names apart."""
    size = 8.5 if len(indexes) <= 15 else 7.5
    placed: list[tuple[float, float, float, float]] = []
    to_points = axes.transData
    scale = 72 / axes.figure.dpi
    spots = ((5, 3, "left"), (5, -11, "left"), (-5, 3, "right"), (-5, -11, "right"))
    for name, index in zip(names, indexes, strict=True):
        x, y = (value * scale for value in to_points.transform((xs[index], ys[index])))
        width, height = len(name) * size * 0.55, size * 1.25
        chosen = spots[0]
        for dx, dy, side in spots:
            left = x + dx if side == "left" else x + dx - width
            box = (left, y + dy, left + width, y + dy + height)
            if not any(
                box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                for other in placed
            ):
                chosen = (dx, dy, side)
                placed.append(box)
                break
        else:
            left = x + 5
            placed.append((left, y + 3, left + width, y + 3 + height))
        dx, dy, side = chosen
        axes.annotate(
            name,
            (xs[index], ys[index]),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=side,
            fontsize=size,
            color=theme.foreground,
        )


def draw_coaching_vs_results(
    figure: Figure, data: CoachingVsResults, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """One point per manager: the coaching they got from the executive against their team's
    attainment over the same periods, named, with the rank correlation and a caution."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    span = (
        data.periods[0].label
        if len(data.periods) == 1
        else (f"{data.periods[0].label} – {data.periods[-1].label}")
    )
    title = f"Your coaching and their attainment · {span}"
    if data.is_empty:
        _nothing(
            figure,
            scheme,
            title,
            "No manager has a plan and an actual in these periods: enter results first",
        )
        return
    axes, notes = figure.subplots(2, 1, height_ratios=(5, 1))
    _style(axes, scheme, title, grid_axis=None)
    axes.grid(color=scheme.grid, linewidth=0.8)
    xs, ys = np.array(data.coaching), np.array(data.attainment)
    axes.scatter(xs, ys, s=46, color=colours.BLUE, alpha=0.85, linewidths=0, zorder=3)
    axes.axhline(1.0, color=scheme.muted, linestyle="--", linewidth=1.2)
    _margins(axes, xs, ys)
    _label_points(
        axes, scheme, [_short(data.points[i].name) for i in _named(data)], xs, ys, _named(data)
    )
    _percent_axis(axes)
    axes.set_ylabel("Attainment (actual / plan)")
    hours = data.measure is CoachingMeasure.HOURS
    axes.set_xlabel(
        "Hours of your time with them (a shared meeting split evenly)"
        if hours
        else "Your contacts with them (a meeting counts once for each manager there)"
    )
    if not hours:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True, steps=list(ROUND_STEPS)))
    lines = [correlation_text(data), CORRELATION_NOTE]
    if data.without_results:
        count = len(data.without_results)
        lines.append(
            f"Not shown: {count} manager{'s' if count != 1 else ''} without a plan "
            "and an actual in these periods."
        )
    notes.set_axis_off()
    notes.text(
        0.0,
        1.0,
        "\n".join(textwrap.fill(line, _NOTE_WIDTH) for line in lines),
        transform=notes.transAxes,
        ha="left",
        va="top",
        fontsize=9,
        color=scheme.foreground,
        linespacing=1.4,
    )
    _legend(
        axes,
        scheme,
        [
            Line2D([], [], linestyle="", marker="o", color=colours.BLUE, label="A manager"),
            Line2D([], [], color=scheme.muted, linestyle="--", label="Plan (100%)"),
        ],
    )


# --- Talent review ----------------------------------------------------------------------------

#: Names listed in one box of the nine-box chart at most; the rest are counted ("+5 more").
MAX_NAMES_PER_BOX = 24
#: Characters of a name in a box (two columns of names share a box's width).
_BOX_NAME_WIDTH = 22


def _box_lines(cards: Sequence[talent.Card], rows: int) -> list[str]:
    """The names of a box (an arrow where they moved, "!" at a high risk of leaving), in one
    or two columns of at most ``rows`` lines; the names beyond those are counted."""
    names = [
        _short(card.name, _BOX_NAME_WIDTH)
        + (f" {card.arrow}" if card.arrow else "")
        + (" (!)" if card.placement is not None and card.placement.risk is Risk.HIGH else "")
        for card in cards
    ]
    room = min(MAX_NAMES_PER_BOX, 2 * rows)
    if len(names) > room:
        names = [*names[: room - 1], f"+{len(names) - room + 1} more"]
    return names


def draw_talent(
    figure: Figure, data: talent.Board, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """The nine-box grid of one review: performance across, potential up, each box named with
    its count and its managers (arrows show a move since the review before, "(!)" a high risk
    of leaving). Boxes are shaded by how far up and right they are, in one hue that reads
    with any colour vision; the names and counts carry the meaning."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"Talent review · {data.review.title} · {date_label(data.review.held_on)}"
    if not data.placed:
        _nothing(figure, scheme, title, "No manager is placed on this review's grid yet")
        return
    axes = figure.add_subplot()
    axes.set_facecolor(scheme.background)
    axes.set_title(title, color=scheme.foreground, loc="left", fontsize=12)
    for spine in axes.spines.values():
        spine.set_visible(False)
    height_inches = figure.get_size_inches()[1]
    rows = max(3, int((height_inches - 1.4) / 3 * 72 / 12.5) - 1)
    counts = data.counts()
    size = 8.5 if max(counts.values()) <= rows else 7.5
    for (performance, potential), count in counts.items():
        x, y = performance - 1, potential - 1
        strength = (performance + potential - 2) / 4
        axes.add_patch(
            Rectangle(
                (x + 0.02, y + 0.02),
                0.96,
                0.96,
                facecolor=colours.BLUE,
                alpha=0.06 + 0.22 * strength,
                edgecolor=scheme.grid,
                linewidth=1.0,
            )
        )
        axes.text(
            x + 0.06,
            y + 0.93,
            f"{talent.BOX_NAMES[performance, potential]} · {count}",
            ha="left",
            va="top",
            fontsize=9.5,
            fontweight="bold",
            color=scheme.foreground,
        )
        lines = _box_lines(data.in_box((performance, potential)), rows)
        for column, start in enumerate(range(0, len(lines), rows)):
            axes.text(
                x + 0.06 + 0.47 * column,
                y + 0.80,
                "\n".join(lines[start : start + rows]),
                ha="left",
                va="top",
                fontsize=size,
                linespacing=1.25,
                color=scheme.foreground,
            )
    axes.set_xlim(0, 3)
    axes.set_ylim(0, 3)
    levels = [f"{talent.LEVEL_LABELS[level]}" for level in talent.LEVELS]
    axes.set_xticks([0.5, 1.5, 2.5], levels)
    axes.set_yticks([0.5, 1.5, 2.5], levels)
    axes.tick_params(length=0, colors=scheme.muted, labelcolor=scheme.foreground)
    axes.set_xlabel("Performance", color=scheme.foreground)
    axes.set_ylabel("Potential", color=scheme.foreground)
    parts = [f"{len(data.placed)} placed", f"{len(data.unplaced)} not placed"]
    if data.previous is not None:
        moved = sum(1 for card in data.placed if card.arrow)
        parts.append(f"arrows: {moved} moved since {data.previous.title}")
    if any(c.placement and c.placement.risk is Risk.HIGH for c in data.placed):
        parts.append("(!) high risk of leaving")
    axes.set_title(" · ".join(parts), loc="right", fontsize=8.5, color=scheme.muted)


# --- The team picture: skills across the team, the team plan ----------------------------------


def _column_label(skill: str) -> str:
    """A skill's name over its column: on up to three lines of 13 characters (a word longer
    than a line is broken), cut with an ellipsis beyond."""
    return textwrap.fill(_short(skill, 39), 13, max_lines=3, placeholder=" …")


def _rating_patches(scheme: Theme, unrated: bool) -> list[Patch]:
    handles = [
        Patch(facecolor=colours.RATING_SCALE[rating][0], label=str(rating))
        for rating in range(5, 0, -1)
    ]
    if unrated:
        handles.append(Patch(facecolor=scheme.empty, edgecolor=scheme.grid, label="Not rated"))
    return handles


def draw_skills(
    figure: Figure, matrix: SkillMatrix, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """The skills matrix: a manager × skill grid, each cell shaded by its latest rating with the
    number, its trend arrow and the target written in it ("3↑ /5"); cells furthest below their
    target framed; the mean and how many were rated under each column."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = "Skills across the team · latest rating, trend and target"
    rated = [skill for skill in matrix.skills if matrix.summary(skill).rated]
    if not matrix.rows or not rated:
        _nothing(figure, scheme, title, "No skill of any manager is rated yet")
        return
    rows, more = _rows_shown(len(matrix.rows))
    columns = len(rated)
    axes = figure.add_subplot()
    _style(axes, scheme, title + more, grid_axis=None)
    size = 8.5 if rows <= 30 else 6.5
    gaps = {(gap.manager_id, gap.skill) for gap in matrix.largest_gaps()}
    for row, manager in enumerate(matrix.rows[:rows]):
        for column, skill in enumerate(rated):
            cell = manager.cell(skill)
            if cell is None:
                continue
            if cell.rating is None:
                face, ink, text = scheme.empty, scheme.muted, "–"
            else:
                face, ink = colours.RATING_SCALE[cell.rating]
                text = f"{cell.rating}{cell.trend.arrow}"
            if cell.target is not None:
                text += f" /{cell.target}"
            framed = (manager.manager_id, skill) in gaps
            axes.add_patch(
                Rectangle(
                    (column - 0.47, row - 0.45),
                    0.94,
                    0.9,
                    facecolor=face,
                    edgecolor=colours.VERMILLION if framed else "none",
                    linewidth=2.4 if framed else 0,
                )
            )
            axes.text(
                column,
                row,
                text,
                ha="center",
                va="center",
                fontsize=size,
                color=ink,
                fontweight="bold" if framed else "normal",
            )
    footer = rows - 0.1
    for column, skill in enumerate(rated):
        summary = matrix.summary(skill)
        assert summary.mean is not None
        axes.text(
            column,
            footer,
            f"{summary.mean:.1f}\n{summary.rated} rated",
            ha="center",
            va="top",
            fontsize=size,
            color=scheme.foreground,
        )
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(footer + 1.0, -0.5)
    axes.set_xticks(range(columns), [_column_label(skill) for skill in rated], fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks(
        [*range(rows), footer + 0.45],
        [*(_short(row.name, 28) for row in matrix.rows[:rows]), "Mean · rated"],
        fontsize=size,
    )
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    _legend(
        axes,
        scheme,
        [
            *_rating_patches(scheme, unrated=True),
            Patch(
                facecolor="none",
                edgecolor=colours.VERMILLION,
                linewidth=2.4,
                label="Largest gap\nto target",
            ),
        ],
    )


def draw_team_plan(
    figure: Figure, chart: PlanChart, *, dark: bool = False, theme: Theme | None = None
) -> None:
    """Each planned skill's distribution month by month, one panel per skill: bars stacked from
    the highest rating up, so the part at or above the plan's level sits on the axis, and a
    dashed line at how many the plan asks for; the day the plan was made and its target date
    are marked."""
    scheme = _theme(dark, theme)
    _start(figure, scheme)
    title = f"{_short(chart.title, 60)} · each planned skill, month by month"
    if not chart.distributions:
        _nothing(figure, scheme, title, "This plan has no skill goals: its rhythms are above")
        return
    figure.suptitle(title, color=scheme.foreground, x=0.01, ha="left", fontsize=12)
    panels = figure.subplots(len(chart.distributions), 1, sharex=True, squeeze=False)[:, 0]
    made, target = float(date2num(chart.created_on)), float(date2num(chart.target_date))
    for axes, distribution in zip(panels, chart.distributions, strict=True):
        _style(
            axes,
            scheme,
            f"{_short(distribution.skill)}: {distribution.required} at "
            f"{distribution.level:g} or above by {date_label(chart.target_date)}",
        )
        axes.title.set_fontsize(10)
        counts = np.array(distribution.counts, dtype=float)
        x = date2num([month.replace(day=15) for month in distribution.months])
        bottom = np.zeros(len(x))
        for column, face, edge in [
            *(
                (rating - 1, colours.RATING_SCALE[rating][0], scheme.background)
                for rating in range(5, 0, -1)
            ),
            (5, scheme.empty, scheme.grid),
        ]:
            height = counts[:, column]
            axes.bar(x, height, bottom=bottom, width=22, color=face, edgecolor=edge, linewidth=0.5)
            bottom += height
        axes.axhline(distribution.required, color=scheme.foreground, linestyle="--", linewidth=1.2)
        axes.axvline(made, color=scheme.muted, linewidth=1.2, linestyle=":")
        axes.axvline(target, color=colours.VERMILLION, linewidth=1.4, linestyle="-.")
        axes.set_ylabel("Managers", fontsize=9)
        axes.set_ylim(0, max(1.0, float(bottom.max())) * 1.08)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    first = chart.distributions[0].months[0].replace(day=1)
    panels[-1].set_xlim(float(date2num(first)) - 5, target + 25)
    locator = AutoDateLocator(maxticks=10)
    panels[-1].xaxis.set_major_locator(locator)
    panels[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    # One legend for every panel, beside them all: beside the first it would squeeze it.
    figure.legend(
        handles=[
            *_rating_patches(scheme, unrated=True),
            Line2D([], [], color=scheme.foreground, linestyle="--", label="Asked for"),
            Line2D([], [], color=scheme.muted, linestyle=":", label="Plan made"),
            Line2D([], [], color=colours.VERMILLION, linestyle="-.", label="Target date"),
        ],
        loc="outside right upper",
        frameon=False,
        labelcolor=scheme.foreground,
    )
