"""The app's log file: failures only, never note text (messages name ids and types).

Still, a log tells who had trouble with what and when, so it is private like the journal:
0600 in a 0700 folder, the files rotation starts included.
"""

from __future__ import annotations

import io
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from coachjournal.paths import log_dir, open_private

LOG_NAME = "coachjournal.log"


class _PrivateLog(RotatingFileHandler):
    """A rotating log whose every file is created 0600 (a plain one would be 0644)."""

    def _open(self) -> io.TextIOWrapper:
        stream = open(  # noqa: SIM115 (the handler closes it)
            self.baseFilename, "a", encoding=self.encoding, errors=self.errors, opener=open_private
        )
        assert isinstance(stream, io.TextIOWrapper)
        return stream


def setup_logging() -> Path | None:
    """Log warnings and errors to the user's log folder; return the file (None if unwritable)."""
    path = log_dir() / LOG_NAME
    try:
        handler = _PrivateLog(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    root.addHandler(handler)
    return path
