"""The style sheet the app applies is complete for both palettes: no placeholder left, the
check mark it names exists, and its red reads on each background."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QPalette

from ui.theme import alert_colour, dark_palette, style_sheet


def _contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_style_sheet_has_no_placeholder_left_and_its_images_exist() -> None:
    for palette in (QPalette(), dark_palette()):
        sheet = style_sheet(palette)
        assert "{icons}" not in sheet and "{error}" not in sheet
        images = re.findall(r'url\("([^"]+)"\)', sheet)
        assert images
        assert all(Path(image).is_file() for image in images)


def test_the_alert_red_reads_on_light_and_dark_backgrounds() -> None:
    assert _contrast(alert_colour(QPalette()).name(), "#ffffff") >= 4.5
    dark = dark_palette()
    base = dark.color(QPalette.ColorRole.Base).name()
    assert _contrast(alert_colour(dark).name(), base) >= 4.5
