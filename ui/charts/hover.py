"""What the pointer is on, in words: the numbers behind a bar, a heatmap cell or a mood dot.

Worked out from the chart's data and the pointer's position in data coordinates, rather than
by asking matplotlib which artist was hit: the bars are drawn as one collection per kind (so a
hit would still have to be mapped back to its bar), and a cell, a bar or a row is found by
rounding. Only the mood chart measures distance, in pixels, so a dot is found at any zoom.
Nothing here imports matplotlib at import time.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from coachjournal.coaching.stats import (
    AdherenceMatrix,
    FrequencySeries,
    Measure,
    MoodSeries,
    Period,
    TimeShare,
    month_label,
)
from coachjournal.kinds import TouchpointKind
from ui import dates

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from coachjournal.render.charts import ChartData

#: How near (in pixels) the pointer must be to a mood dot to name it.
MOOD_REACH_PX = 10.0


def describe(data: ChartData, axes: Axes, x: float, y: float) -> str | None:
    """The text for the pointer at display pixel (``x``, ``y``) over ``data``'s chart, whose
    plot is ``axes``; None when it is on nothing (or the chart is a results chart: see
    :mod:`ui.results.hover`)."""
    # matplotlib's stub says int pixels; display coordinates are floats, and it takes them.
    if not axes.axison or not axes.contains_point((x, y)):  # type: ignore[arg-type]
        return None
    if isinstance(data, MoodSeries):
        return _mood(data, axes, x, y)
    x_data, y_data = axes.transData.inverted().transform((x, y))
    if isinstance(data, FrequencySeries):
        return _frequency(data, x_data, y_data)
    if isinstance(data, AdherenceMatrix):
        return _adherence(data, x_data, y_data)
    if isinstance(data, TimeShare):
        return _time(data, y_data)
    return None


def _index(value: float, count: int) -> int | None:
    index = math.floor(value + 0.5)
    return index if 0 <= index < count else None


def _frequency(series: FrequencySeries, x: float, y: float) -> str | None:
    """'Week of 3 Mar 2025 · One-on-one: 4': the kind whose part of the stacked bar is under
    the pointer (kinds are stacked in :class:`TouchpointKind` order, from the bottom)."""
    column = _index(x, len(series.periods))
    if column is None or y < 0:
        return None
    start = series.periods[column]
    when = (
        f"Week of {dates.date_text(start)}" if series.period is Period.WEEK else month_label(start)
    )
    if series.partial[column]:
        when += f" (in progress, to {dates.date_text(series.through)})" if series.through else ""
    bottom = 0.0
    for kind in TouchpointKind:
        count = series.counts[kind][column]
        if count and bottom <= y < bottom + count:
            amount = f"{count:.1f} h" if series.measure is Measure.TIME else f"{count:g}"
            return f"{when} · {kind.label}: {amount}"
        bottom += count
    return None


def _adherence(matrix: AdherenceMatrix, x: float, y: float) -> str | None:
    """'Ayşe Aydın · Mar 2026: 3 of 4 (75%)'."""
    column, row = _index(x, len(matrix.months)), _index(y, len(matrix.managers))
    if column is None or row is None:
        return None
    where = f"{matrix.managers[row].name} · {month_label(matrix.months[column])}"
    cell = matrix.cells[row][column]
    if cell is None:
        return f"{where}: not tracked in this month"
    if not cell.applies:
        return f"{where}: {cell.held} held, not for them"
    if cell.ratio is None:
        return f"{where}: {cell.held} held, none expected"
    return f"{where}: {cell.held} of {cell.expected} ({cell.ratio:.0%})"


def _time(data: TimeShare, y: float) -> str | None:
    """'Ayşe Aydın: 9.5 h · 14 touchpoints · 12% of your coaching time', for the whole row
    (a manager who got no time has no bar to point at)."""
    row = _index(y, len(data.rows))
    if row is None:
        return None
    entry = data.rows[row]
    count = f"{entry.touchpoints} contact{'s' if entry.touchpoints != 1 else ''}"
    text = f"{entry.name}: {entry.hours:.1f} h · {count} · {entry.share:.0%} of your time"
    if entry.without_duration:
        text += f" ({entry.without_duration} without a recorded length)"
    return text


def _mood(data: MoodSeries, axes: Axes, x: float, y: float) -> str | None:
    """'Mood 4 on 12 Mar 2026 (one-on-one)' for the nearest dot, or a month's average for the
    nearest point of the line, within :data:`MOOD_REACH_PX` pixels."""
    from matplotlib.dates import date2num

    candidates: list[tuple[float, float, str]] = []
    for point in data.points:
        when = point.occurred_at
        text = f"Mood {point.mood} on {dates.date_text(when.date())} ({point.kind.label.lower()})"
        candidates.append((float(date2num(when)), float(point.mood), text))
    for month in data.months:
        if month.average is None:
            continue
        middle = dt.datetime(month.month.year, month.month.month, 15)
        noted = f"{month.count} noted"
        text = f"{month_label(month.month)} average: mood {month.average:.1f} ({noted})"
        candidates.append((float(date2num(middle)), month.average, text))
    best, best_distance = None, MOOD_REACH_PX
    for x_data, y_data, text in candidates:
        px, py = axes.transData.transform((x_data, y_data))
        distance = math.hypot(px - x, py - y)
        if distance <= best_distance:
            best, best_distance = text, distance
    return best
