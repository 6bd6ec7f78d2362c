"""Render the README's pictures from the real windows on a freshly generated sample team.

    python tools/readme_screenshots.py [--out docs/screenshots] [--size 1280x800]

The sample team is written anew (fixed seed, dated from today), so the pictures show the app as
it is now; run this after a change to any screen the README shows, and commit the PNGs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget
from screenshots import settle

from coachjournal import sample
from coachjournal.coaching import roster
from coachjournal.kinds import TouchpointKind
from ui.app import create_application
from ui.charts.page import Chart
from ui.main_window import MainWindow
from ui.session import JournalSession
from ui.theme import apply_theme

#: The manager whose pages are shown: one with a full history in the sample team.
SHOWN = "Ayşe Aydın"


def _save(app: QApplication, widget: QWidget, target: Path, ready: Callable[[], bool]) -> None:
    settle(app, ready)
    if not widget.grab().save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)


def _render(folder: Path, width: int, height: int, journal: Path, empty: Path) -> None:
    app = create_application()
    apply_theme(app, "light")  # whatever the preferences of whoever runs this say
    # Window layout from a scratch file beside the journals: neither the user's nor the folder's.
    settings = QSettings(str(journal.with_name("settings.ini")), QSettings.Format.IniFormat)

    session = JournalSession(empty)
    window = MainWindow(session, settings)
    window.resize(width, height)
    window.show()
    _save(app, window, folder / "welcome.png", lambda: True)
    window.close()
    session.close()

    session = JournalSession(journal)
    window = MainWindow(session, settings)
    window.resize(width, height)
    window.show()
    shown = next(record.id for record in roster.list_managers() if record.name == SHOWN)

    window.show_team()
    _save(app, window, folder / "dashboard.png", lambda: True)

    window.open_manager(shown)
    page = window.manager_page
    for tab, name in (
        (page.journal, "journal"),
        (page.development, "development"),
        (page.results, "results"),
    ):
        page.tabs.setCurrentWidget(tab)
        if tab is page.journal:  # the reading pane on a field visit: fields, notes and items
            journal = page.journal
            visits = [
                row
                for row in range(journal.model.rowCount())
                if journal.model.index(row, 1).data() == TouchpointKind.FIELD_VISIT.label
            ]
            journal.read(journal.model.row_id(visits[0] if visits else 0))
        _save(app, window, folder / f"manager-{name}.png", lambda: True)

    window.show_charts()
    charts = window.charts_page
    for chart in (Chart.FREQUENCY, Chart.RESULTS):
        charts.set_chart(chart)
        _save(
            app,
            window,
            folder / f"chart-{chart.value}.png",
            lambda: not charts.view.pending and not charts.view.busy.isVisible(),
        )

    prep = window.open_prep(shown)
    prep.resize(width, height)
    _save(app, prep, folder / "prep-sheet.png", prep.chart_ready)
    prep.close()

    window.show_team()
    popup = window.palette_popup
    popup.open()
    popup.search.setText("ra")
    settle(app, lambda: True)
    # The palette is a window of its own, over the main one: paint it where it stands.
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(popup.geometry().topLeft() - window.geometry().topLeft(), popup.grab())
    painter.end()
    picture.save(str(folder / "command-palette.png"))
    print(folder / "command-palette.png")
    popup.hide()

    apply_theme(app, "dark")
    window.show_team()
    _save(app, window, folder / "dashboard-dark.png", lambda: True)
    apply_theme(app, "light")
    window.close()
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1280x800")
    options = parser.parse_args()
    width, height = (int(part) for part in options.size.split("x"))
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coachjournal-shots-") as scratch:
        journal = Path(scratch) / "sample.db"
        sample.create_sample_journal(journal)
        _render(options.out, width, height, journal, Path(scratch) / "empty.db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
