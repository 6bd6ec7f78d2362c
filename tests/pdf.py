"""Reading the PDFs the app writes back as text, with poppler's ``pdftotext``, ``pdfinfo`` and
``pdffonts``: the tests check what a reader of the printed sheet would see."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
PDFFONTS = shutil.which("pdffonts")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"
)
needs_poppler = pytest.mark.skipif(
    None in (PDFTOTEXT, PDFINFO, PDFFONTS), reason="poppler-utils is not installed"
)


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """The text of the PDF at ``path``; ``layout`` keeps the columns side by side."""
    options = ["-layout"] if layout else []
    return subprocess.run(
        [str(PDFTOTEXT), *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> int:
    """The page count ``pdfinfo`` reads."""
    info = subprocess.run(
        [str(PDFINFO), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(path: Path) -> list[str]:
    """The names of the fonts ``pdffonts`` lists (subset prefixes dropped), all embedded."""
    listing = subprocess.run(
        [str(PDFFONTS), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = [line.split() for line in listing]
    assert all("yes" in row[-5:-3] for row in rows), listing  # emb column
    return [row[0].partition("+")[2] or row[0] for row in rows]
