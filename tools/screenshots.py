"""Render the real main window offscreen and save PNG screenshots of it.

    python tools/screenshots.py --db JOURNAL --out FOLDER [--size 1280x800] [--dark]

Used to look at the app as a user would, and to keep the README's pictures current.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from coachjournal import roster
from ui.app import create_application
from ui.main_window import MainWindow
from ui.session import JournalSession
from ui.theme import dark_palette


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--select", help="name of the manager to show", default=None)
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
    app.processEvents()
    options.out.mkdir(parents=True, exist_ok=True)
    suffix = f"{width}x{height}{'-dark' if options.dark else ''}"
    target = options.out / f"main-{suffix}.png"
    window.grab().save(str(target))
    print(target)
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
