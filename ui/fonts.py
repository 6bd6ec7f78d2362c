"""The bundled emoji font, made Qt's emoji font for the whole app: the editor, the reading pane,
search results and the prep sheet on screen and on paper show an emoji rather than an empty
box. Registered once, after the first paint (it is not needed to draw the first screen)."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QFontDatabase

from coachjournal import paths

log = logging.getLogger(__name__)

#: The bundled font for emoji and symbols, and its licence beside it.
EMOJI_FONT = ("fonts", "NotoEmoji-Regular.ttf")


@functools.cache
def register_fonts() -> str | None:
    """Make the bundled emoji font Qt's emoji font (once); return its family, or None (with a
    log line) when it cannot be loaded, and the system's fonts are used as they are."""
    path = paths.resource(*EMOJI_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("The emoji font %s could not be loaded", path)
        return None
    QFontDatabase.addApplicationEmojiFontFamily(families[0])
    return families[0]
