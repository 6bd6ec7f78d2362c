"""What the pointer is on in a results chart, in words, worked out from the chart's data (as
:mod:`ui.charts.hover` does for the other charts). Shared by the charts page and the results
tab. Nothing here imports matplotlib."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeGuard

from coachjournal.coaching import results
from coachjournal.coaching.stats import AttainmentSeries, CoachingVsResults, RepCoachingSeries

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from coachjournal.render.charts import ChartData

#: How near (in pixels) the pointer must be to a manager's point to name them.
REACH_PX = 12.0

ResultsData = AttainmentSeries | RepCoachingSeries | CoachingVsResults


def is_results(data: object) -> TypeGuard[ResultsData]:
    return isinstance(data, AttainmentSeries | RepCoachingSeries | CoachingVsResults)


def describe(data: ChartData, axes: Axes, x: float, y: float) -> str | None:
    """The text for the pointer at display pixel (``x``, ``y``); None on nothing (and on a
    chart that is not a results chart). A chart of two panels is read in whichever panel the
    pointer is over."""
    over = next(
        # matplotlib's stub says int pixels; display coordinates are floats, and it takes them.
        (a for a in axes.figure.axes if a.axison and a.contains_point((x, y))),  # type: ignore[arg-type]
        None,
    )
    if over is None or not is_results(data):
        return None
    if isinstance(data, CoachingVsResults):
        return _point(data, over, x, y)
    column = math.floor(over.transData.inverted().transform((x, y))[0] + 0.5)
    if not 0 <= column < len(data.periods):
        return None
    if isinstance(data, AttainmentSeries):
        return _attainment(data, column)
    return _rep_coaching(data, column)


def _attainment(data: AttainmentSeries, column: int) -> str:
    period = data.periods[column].label
    touches = data.touchpoints[column]
    given = f"{touches} touchpoint{'s' if touches != 1 else ''} with you"
    value = data.attainment[column]
    if value is None:
        return f"{period} · no plan · {given}"
    plan = results.money_text(data.plans[column])
    actual = results.money_text(data.actuals[column])
    if data.in_progress and column == len(data.periods) - 1:
        to_date = data.periods[column].to_date
        return (
            f"{period} {to_date} · {value:.0%} of the plan to date ({actual} so far of "
            f"{plan}) · {given}"
        )
    return f"{period} · {value:.0%} of plan ({actual} of {plan}) · {given}"


def _rep_coaching(data: RepCoachingSeries, column: int) -> str:
    period = data.periods[column].label
    value = data.values[column]
    if value is None:
        return f"{period} · no figures"
    reps = data.reps[column]
    where = "under" if data.below_target[column] else "at or over"
    pace = ""
    if data.in_progress and column == len(data.periods) - 1:
        pace = f" at this pace ({data.periods[column].to_date})"
    return (
        f"{period} · {value:.1f} per rep a month{pace} with {reps} reps "
        f"({where} your target of {data.target:g})"
    )


def _point(data: CoachingVsResults, axes: Axes, x: float, y: float) -> str | None:
    best, nearest = None, REACH_PX
    for index, (cx, cy) in enumerate(zip(data.coaching, data.attainment, strict=True)):
        px, py = axes.transData.transform((cx, cy))
        distance = math.hypot(px - x, py - y)
        if distance <= nearest:
            best, nearest = index, distance
    if best is None:
        return None
    point = data.points[best]
    return (
        f"{point.name} · {point.touchpoints} touchpoints ({point.hours:.1f} h) with you · "
        f"{point.attainment:.0%} of plan"
    )
