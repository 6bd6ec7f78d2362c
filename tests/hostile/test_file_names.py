"""File names the app builds from what a user typed show what they are: no bidirectional
controls (U+202A..U+202E, U+2066..U+2069, U+200E/U+200F), no other format or control characters.

Before, a manager called "Eve\\u202egpj.exe" gave a Markdown file listed as "Eveexe.jpg.md" and
a prep sheet suggested as "Prep - Eve‮gpj.exe - ….pdf": the override reverses what follows it, so
the name hides what the file is.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from coachjournal import rules
from coachjournal.coaching import prep, roster
from coachjournal.exchange import markdown_export
from coachjournal.storage.models import Manager

HOSTILE_NAMES = {
    "Eve\u202egpj.exe": "Evegpj.exe",
    "\u2066Ali\u2069 \u2067Khan\u2069": "Ali Khan",
    "\u200fרנה\u200e Levi": "רנה Levi",
    "Zero\u200bWidth\u2060Joiner": "ZeroWidthJoiner",
    "Line\u2028Para\u2029End": "Line Para End",
    "Bell\x07 and C1\x85": "Bell- and C1-",
    "\u202a\u202b\u202c\u202d\u202e": "manager",
    "Ayşe Aydın 🦊": "Ayşe Aydın 🦊",
}
HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _visible(name: str) -> bool:
    return not any(unicodedata.category(character) in HIDDEN for character in name)


@pytest.mark.parametrize(("name", "safe"), HOSTILE_NAMES.items())
def test_a_file_name_from_a_name_keeps_only_what_shows(name: str, safe: str) -> None:
    made = rules.file_name(name, 60, "manager")
    assert made == safe and _visible(made)


def _add_manager(name: str) -> Any:
    """A manager of that name (less the control characters the editor refuses); a name that
    shows nothing at all is refused today, so it goes in as a journal from before holds it."""
    name = name.replace("\x07", "").replace("\x85", "")
    if rules.shows(name):
        return roster.create_manager(name)
    return Manager.create(name=name)


def test_markdown_files_of_managers_with_hidden_characters_show_what_they_are(
    journal_path: Path, tmp_path: Path
) -> None:
    for name in HOSTILE_NAMES:
        _add_manager(name)
    markdown_export.export_markdown(tmp_path / "notes")
    written = sorted(path.name for path in (tmp_path / "notes").iterdir())
    assert len(written) == len(HOSTILE_NAMES) + 1
    assert all(_visible(name) for name in written), written
    assert "Evegpj.exe.md" in written and "Ali Khan.md" in written


def test_the_prep_sheet_is_suggested_under_a_name_that_shows(journal_path: Path) -> None:
    from ui.prep.page import pdf_name  # the UI's suggestion, built by the core's helper

    suggested = {}
    for name in HOSTILE_NAMES:
        manager = _add_manager(name)
        suggested[name] = pdf_name(prep.build(manager.id, today=dt.date(2026, 3, 2)))
    assert all(_visible(name) for name in suggested.values()), suggested
    assert suggested["Eve\u202egpj.exe"] == "Prep - Evegpj.exe - 2026-03-02.pdf"
    assert suggested["\u202a\u202b\u202c\u202d\u202e"] == "Prep - manager - 2026-03-02.pdf"
