"""A screen's first visit as the user sees it, in a fresh app: from the key press (or the click)
to the paint that shows the screen, imports and building included.

``python benchmarks/first_visit.py --db PATH SCREEN`` starts the app's main window on the
journal (offscreen, settings in a scratch file, as ``coachjournal --smoke-test`` does), waits
for its first paint, lets it idle for ``--idle-ms`` (a user reading the dashboard before
pressing a key; the window finishes starting meanwhile), then visits SCREEN once and prints::

    first visit charts: 0.231 s (0.190 s of CPU); longest event-loop stall while idle 0.052 s

Each run is a new process, so every first visit pays for what it imports, whatever screen was
visited before. Modal dialogs are closed as soon as they have painted. An application-wide
event filter watches the paints (a few microseconds per event, counted in the figure).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.app import create_application  # noqa: E402 (after ROOT is on the path)
from ui.main_window import MainWindow  # noqa: E402
from ui.session import JournalSession  # noqa: E402

#: Give up on a paint after this long.
TIMEOUT_S = 30.0
#: How often the idle loop's timer ticks: a gap longer than this is the event loop held up.
TICK_MS = 5
#: What the search row types: a common word of the generated journals.
SEARCH_WORD = "forecast"

Done = Callable[[QWidget], bool]


def within(page: Callable[[], QWidget | None]) -> Done:
    """A paint of ``page()`` or of a widget on it, while it is the page shown."""

    def done(widget: QWidget) -> bool:
        shown = page()
        return shown is not None and (shown is widget or shown.isAncestorOf(widget))

    return done


def top_level(class_name: str) -> Done:
    """A paint in a window (or dialog, or popup) of the class named ``class_name``."""
    return lambda widget: type(widget.window()).__name__ == class_name


def current(window: MainWindow, part: str) -> Callable[[], QWidget | None]:
    """The window's lazily built ``part``, when it is the page on screen."""

    def page() -> QWidget | None:
        built = window.__dict__.get(part)
        return built if built is not None and window.pages.currentWidget() is built else None

    return page


class PaintWatch(QObject):
    """Notes the first paint that ``done`` accepts, and closes the dialog or popup it is in."""

    def __init__(self, window: MainWindow, done: Done) -> None:
        super().__init__()
        self.window = window
        self.done = done
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self.done(watched)
        ):
            self.at = time.perf_counter()
            top = watched.window()
            if top is not self.window:
                QTimer.singleShot(0, top.reject if isinstance(top, QDialog) else top.close)
        return False


def paint_time(
    app: QApplication, window: MainWindow, action: Callable[[], None], done: Done
) -> float | None:
    """Seconds from ``action()`` to the first paint that ``done`` accepts; None on a timeout.

    (Not :func:`ui.first_paint.show_until_first_paint`: it quits the event loop, which in Qt 6
    closes the windows too.)"""
    watch = PaintWatch(window, done)
    app.installEventFilter(watch)
    try:
        started = time.perf_counter()
        action()
        while watch.at is None:
            if time.perf_counter() - started > TIMEOUT_S:
                return None
            app.processEvents()
        return watch.at - started
    finally:
        app.removeEventFilter(watch)


def idle(app: QApplication, milliseconds: int) -> float:
    """Run the event loop for ``milliseconds``; the longest time it went without turning."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(TICK_MS)
    started = time.perf_counter()
    while time.perf_counter() - started < milliseconds / 1000:
        app.processEvents()
        time.sleep(0.001)  # the benchmark's own loop, not the app's: let the timer tick
    timer.stop()
    marks = [started, *ticks, time.perf_counter()]
    return max(b - a for a, b in itertools.pairwise(marks))


def open_manager_page(app: QApplication, window: MainWindow) -> None:
    """Untimed: the first manager's page, painted, before a tab's first visit."""
    window.roster.select_first()
    window.open_manager(window.roster.selected_id() or 0)
    deadline = time.perf_counter() + TIMEOUT_S
    while window.pages.currentWidget() is not window.manager_page:
        if time.perf_counter() > deadline:
            raise SystemExit("first_visit: the manager page never came up")
        app.processEvents()
    idle(app, 300)


def screens(window: MainWindow) -> dict[str, tuple[Callable[[], None], Done]]:
    """Each screen: how the user gets there (run after the idle time), and its paint."""

    def keys(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        return lambda: QTest.keyClick(window, key, modifiers)

    ctrl = Qt.KeyboardModifier.ControlModifier
    shift_ctrl = ctrl | Qt.KeyboardModifier.ShiftModifier

    def down_in_roster() -> None:
        window.roster.list_view.setFocus()
        QTest.keyClick(window.roster.list_view, Qt.Key.Key_Down)

    def search() -> None:
        window.search_edit.setFocus()
        QTest.keyClicks(window.search_edit, SEARCH_WORD)

    def results_shown(widget: QWidget) -> bool:
        page = window.__dict__.get("search_page")
        return (
            page is not None
            and window.pages.currentWidget() is page
            and page.view.model().rowCount() > 0
            and (page.view is widget or page.view.isAncestorOf(widget))
        )

    found: dict[str, tuple[Callable[[], None], Done]] = {
        "charts (Ctrl+2)": (keys(Qt.Key.Key_2, ctrl), lambda w: type(w).__name__ == "ChartCanvas"),
        "assignments (Ctrl+3)": (
            keys(Qt.Key.Key_3, ctrl),
            within(current(window, "assignments_page")),
        ),
        "team picture (Ctrl+4)": (keys(Qt.Key.Key_4, ctrl), within(current(window, "team_page"))),
        "a manager (roster, Down)": (down_in_roster, within(current(window, "_manager_page"))),
        "search results (typing)": (search, results_shown),
        "prep sheet (Ctrl+Shift+P)": (keys(Qt.Key.Key_P, shift_ctrl), top_level("PrepWindow")),
        "settings (Ctrl+,)": (keys(Qt.Key.Key_Comma, ctrl), top_level("SettingsDialog")),
        "keyboard shortcuts (F1)": (keys(Qt.Key.Key_F1), top_level("ShortcutsDialog")),
        "go to manager (Ctrl+K)": (keys(Qt.Key.Key_K, ctrl), top_level("CommandPalette")),
        "trash": (window.trash_action.trigger, top_level("TrashDialog")),
        "team cadence": (window.team_cadence_action.trigger, top_level("TeamCadenceDialog")),
    }
    return found


#: The manager page's tabs, each visited first from another tab of an open page.
TABS = ("journal", "profile", "development", "results")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the journal to open")
    parser.add_argument("--idle-ms", type=int, default=1000)
    parser.add_argument("screen", nargs="?", help="the screen to visit (--list names them)")
    parser.add_argument("--list", action="store_true", help="print the screens' names")
    options = parser.parse_args()
    app = create_application()
    scratch = tempfile.TemporaryDirectory(prefix="coachjournal-visit-")
    settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    session = JournalSession(options.db)
    window = MainWindow(session, settings)
    table = screens(window)
    tabs = {f"manager tab: {name}": name for name in TABS}
    if options.list:
        print("\n".join([*table, *tabs]))
        return 0
    if options.screen not in table and options.screen not in tabs:
        parser.error(f"no screen {options.screen!r} (--list names them)")
    if paint_time(app, window, window.show, lambda widget: widget is window) is None:
        print("first_visit: the main window was never painted", file=sys.stderr)
        return 1
    window.activateWindow()  # its shortcuts work in the active window
    if options.screen in tabs:
        open_manager_page(app, window)
        page = window.manager_page
        names = [page.tabs.tabText(i).replace("&", "").lower() for i in range(page.tabs.count())]
        index = names.index(tabs[options.screen])
        if page.tabs.currentIndex() == index:  # the page opened on it: visit it from another
            page.tabs.setCurrentIndex((index + 1) % len(names))
            idle(app, 200)
        action: Callable[[], None] = lambda: page.tabs.setCurrentIndex(index)  # noqa: E731

        def done(widget: QWidget) -> bool:  # the tab's page, built when first chosen
            tab = page.tabs.currentWidget()
            return page.tabs.currentIndex() == index and (tab is widget or tab.isAncestorOf(widget))
    else:
        action, done = table[options.screen]
    stall = idle(app, options.idle_ms)
    before = os.times()
    seconds = paint_time(app, window, action, done)
    after = os.times()
    if seconds is None:
        print(f"first_visit: {options.screen} was never painted", file=sys.stderr)
        return 1
    print(
        f"first visit {options.screen}: {seconds:.3f} s "
        f"({after.user + after.system - before.user - before.system:.3f} s of CPU); "
        f"longest event-loop stall while idle {stall:.3f} s"
    )
    QApplication.closeAllWindows()
    QThreadPool.globalInstance().waitForDone()  # as the app quits: no worker left drawing
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
