"""The periods a chart can cover: named spans that end today, in whole months where that reads
best (a heatmap column is a month)."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True, slots=True)
class Preset:
    label: str
    #: Whole calendar months back, the current one included; or days back; neither: everything.
    months: int = 0
    days: int = 0


PRESETS: tuple[Preset, ...] = (
    Preset("Last 4 weeks", days=28),
    Preset("Last 3 months", months=3),
    Preset("Last 6 months", months=6),
    Preset("Last 12 months", months=12),
    Preset("Last 2 years", months=24),
    Preset("Last 5 years", months=60),
    Preset("Everything"),
)
DEFAULT = PRESETS[3]


def months_back(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` months before ``day``'s."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_range(
    preset: Preset, today: dt.date, first_day: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """(start, end) of ``preset`` as of ``today``; "Everything" starts at ``first_day`` (the
    journal's first tracked day), or today in an empty journal."""
    if preset.days:
        return today - dt.timedelta(days=preset.days - 1), today
    if preset.months:
        return months_back(today, preset.months - 1), today
    return min(first_day or today, today), today
