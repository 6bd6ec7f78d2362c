"""One line for the dashboard: the team's attainment over the fiscal quarter and year so far.

A widget of its own, so the dashboard only places it and tells it who is on the team; the sums
come from :func:`coachjournal.coaching.results.to_date_totals` (one query for the whole team),
the period in progress counting its plan pro rata. Hidden while no one has a plan and an actual
in the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from coachjournal.coaching import results


class TeamToDate(QLabel):
    """``Team attainment · year to date (FY2026): 97% · quarter to date (Q4 FY2026): 88%``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mutedLabel")
        self.setAccessibleName("Team attainment to date")
        self.setWordWrap(True)
        self.hide()

    def show_team(self, manager_ids: Iterable[int], today: dt.date) -> None:
        """Work the line out again for these managers' teams together."""
        wanted = list(manager_ids)
        if not wanted:
            self.hide()
            return
        quarter, year = results.to_date_totals(wanted, today)
        if year.attainment is None:
            self.hide()
            return
        parts = ["Team attainment"]
        for total, words in ((year, "year to date"), (quarter, "quarter to date")):
            value = total.attainment
            parts.append(f"{words} ({total.span}): {'–' if value is None else f'{value:.0%}'}")
        self.setText(" · ".join(parts))
        self.setToolTip(
            f"All your managers' teams together.\n{year.description}.\n{quarter.description}."
        )
        self.show()
