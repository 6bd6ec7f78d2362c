"""Reading the PDFs the app writes back as text, with poppler's ``pdftotext``: the tests check
what a reader of the printed sheet would see."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """The text of the PDF at ``path``; ``layout`` keeps the columns side by side."""
    options = ["-layout"] if layout else []
    return subprocess.run(
        [str(PDFTOTEXT), *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
