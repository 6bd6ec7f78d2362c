"""Every window and dialog fits a small laptop screen, and comes back as it was left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QDialog

from ui.widgets.screen_fit import FRAME, fit_to_screen

#: Every window the walk opens (tests/ui/dialog_walk.py).
WINDOWS = {
    "MainWindow",
    "TouchpointDialog",
    "PrepWindow",
    "TrashDialog",
    "SettingsDialog",
    "ShortcutsDialog",
    "TeamCadenceDialog",
    "QuestionBankDialog",
    "TouchpointPicker",
    "ResultSettingsDialog",
}


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768)])
def test_every_window_and_its_buttons_fit_a_small_screen(
    tmp_path: Path, width: int, height: int
) -> None:
    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screens))
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    walk = subprocess.run(
        [sys.executable, "-m", "tests.ui.dialog_walk", str(tmp_path / "j.db"), str(tmp_path / "s")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    reports = [json.loads(line) for line in walk.stdout.splitlines() if line.startswith("{")]
    assert {report["window"] for report in reports} == WINDOWS
    for report in reports:
        name = report["window"]
        assert report["screen"] == [0, 0, width, height]
        assert inside(report["frame"], report["screen"]), name
        assert report["size"][0] >= report["needs"][0], f"{name} squeezes its content"
        assert report["size"][1] >= report["needs"][1], f"{name} squeezes its content"
        assert report["buttons"], name
        for button in report["buttons"]:
            assert inside(button["rect"], report["screen"]), (name, button["text"])


def test_a_window_opens_as_it_was_left_on_that_screen(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = QDialog()
    qtbot.addWidget(first)
    fit_to_screen(first, "example", QSize(400, 300), settings)
    assert first.size() == QSize(400, 300)
    first.show()
    first.setGeometry(QRect(60, 70, 500, 320))
    first.hide()
    again = QDialog()
    qtbot.addWidget(again)
    fit_to_screen(again, "example", QSize(400, 300), settings)
    assert again.geometry() == QRect(60, 70, 500, 320)
    other = QDialog()
    qtbot.addWidget(other)
    fit_to_screen(other, "another", QSize(400, 300), settings)
    assert other.size() == QSize(400, 300), "each window keeps its own"


def test_a_window_never_opens_larger_than_its_screen(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    area = QApplication.primaryScreen().availableGeometry()
    huge = QDialog()
    qtbot.addWidget(huge)
    huge.setMinimumSize(area.width() * 2, area.height() * 2)
    fit_to_screen(huge, "huge", QSize(area.width() * 3, area.height() * 3), settings)
    assert huge.width() <= area.width() - FRAME.width()
    assert huge.height() <= area.height() - FRAME.height()
    settings.setValue(
        f"windows/left/{area.width()}x{area.height()}+{area.x()}+{area.y()}",
        QRect(area.right() - 10, area.bottom() - 10, area.width() * 2, 500),
    )
    left = QDialog()
    qtbot.addWidget(left)
    fit_to_screen(left, "left", QSize(300, 200), settings)
    assert area.contains(left.geometry()), "a place saved off the edge comes back on screen"
