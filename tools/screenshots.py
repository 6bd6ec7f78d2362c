"""Render the real main window offscreen and save PNG screenshots of it.

    python tools/screenshots.py --db JOURNAL --out FOLDER [--size 1280x800] [--dark]
        [--page dashboard|scorecard|charts|manager|search|team] [--chart NAME|all]
        [--select NAME] [--query TEXT]

Used to look at the app as a user would, and to keep the README's pictures current. The
file is named after the page (and chart), the size and the palette:
``main-charts-adherence-1280x800-dark.png``. Without ``--page`` the window is shot as it opens.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import roster
from ui.app import create_application
from ui.charts.page import Chart
from ui.main_window import MainWindow
from ui.session import JournalSession
from ui.theme import dark_palette

PAGES = ("start", "dashboard", "scorecard", "charts", "manager", "search", "team")


def settle(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let Qt lay out and paint (and charts draw) until ``done()``."""
    deadline = time.monotonic() + timeout
    app.processEvents()
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def shoot(app: QApplication, window: MainWindow, target: Path) -> None:
    settle(app, lambda: True)
    window.grab().save(str(target))
    print(target)


def shoot_charts(
    app: QApplication, window: MainWindow, charts: list[Chart], name: Callable[[str], Path]
) -> None:
    window.show_charts()
    page = window.charts_page
    for chart in charts:
        page.set_chart(chart)
        settle(app, lambda: not page.view.pending and not page.view.busy.isVisible())
        shoot(app, window, name(f"charts-{chart.value}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--page", choices=PAGES, default="start")
    parser.add_argument(
        "--chart", choices=[*(chart.value for chart in Chart), "all"], default="all"
    )
    parser.add_argument("--select", help="name of the manager to show", default=None)
    parser.add_argument("--query", help="what to search for (--page search)", default="")
    options = parser.parse_args()
    width, height = (int(part) for part in options.size.split("x"))

    app = create_application()
    if options.dark:
        app.setPalette(dark_palette())
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    session = JournalSession(options.db)
    window = MainWindow(session, settings)
    window.resize(width, height)
    window.show()
    if options.select:
        record = next(
            r for r in roster.list_managers(include_archived=True) if r.name == options.select
        )
        window.roster.select(record.id)
    options.out.mkdir(parents=True, exist_ok=True)
    suffix = f"{width}x{height}{'-dark' if options.dark else ''}"

    def name(page: str) -> Path:
        return options.out / f"main-{page}-{suffix}.png"

    if options.page == "start":
        shoot(app, window, options.out / f"main-{suffix}.png")
    elif options.page in ("dashboard", "scorecard"):
        window.show_team()
        if options.page == "scorecard":
            window.dashboard.tabs.setCurrentWidget(window.dashboard.scorecard)
        shoot(app, window, name(options.page))
    elif options.page == "charts":
        charts = list(Chart) if options.chart == "all" else [Chart(options.chart)]
        shoot_charts(app, window, charts, name)
    elif options.page == "team":
        window.show_team_picture()
        page = window.team_page
        for tab, title in ((page.skills, "skills"), (page.plan, "plan"), (page.talent, "talent")):
            page.tabs.setCurrentWidget(tab)
            selected = window.roster.selected_id()
            if tab is page.talent and options.select and selected is not None:
                page.talent.select(selected)
            shoot(app, window, name(f"team-{title}"))
    elif options.page == "manager":
        window.open_manager(window.roster.selected_id() or 0)
        shoot(app, window, name("manager"))
    else:
        window.search_edit.setText(options.query or "pricing")
        window.search_page.run()
        shoot(app, window, name("search"))
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
