"""The prep sheet on paper, read back from real PDFs with poppler: one page for every manager
of the sample team and of a journal as dense as the benchmark's, the most overdue activity at
the top, the parts in the same order as on screen, notes keeping their structure, and emoji
printed with an embedded font and copied out as themselves."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from coachjournal import sample
from coachjournal.coaching import prep, roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.render import prep_html
from coachjournal.storage import db
from tests.pdf import PDFINFO, needs_poppler, pdf_fonts, pdf_pages, pdf_text
from tests.ui.conftest import MakeWindow
from ui import dialogs
from ui.prep import document
from ui.prep import pdf_text as text_layer
from ui.prep.page import PrepWindow

#: Section titles as the sheet prints them, in :data:`prep.ORDER`.
TITLES = {
    prep.Part.ATTENTION: "Needs attention first",
    prep.Part.AGENDA: "Agenda",
    prep.Part.QUESTIONS: "Suggested questions",
    prep.Part.ACTION_ITEMS: "Open action items",
    prep.Part.SINCE: "Since the last one-on-one",
    prep.Part.ASSIGNMENTS: "Growth assignments",
    prep.Part.TRAITS: "Strengths and development areas",
    prep.Part.MOTIVATORS: "Top motivators",
    prep.Part.RESULTS: "Results",
    prep.Part.CADENCE: "Cadence",
    prep.Part.CHART: "Coaching frequency",
}


def words(text: str) -> str:
    """``text`` on one line, its ligatures ("ﬁ") spelt out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def titles_in_order(text: str) -> list[prep.Part]:
    """The parts whose titles start a line of ``text`` (a heading, not a notes paragraph that
    runs in after one: "Agenda. Everyone shared…"), in the order they appear."""
    lines = [words(line) for line in text.splitlines()]
    found = []
    for part, title in TITLES.items():
        at = next(
            (i for i, line in enumerate(lines) if line == title or line.startswith(title + " ")),
            None,
        )
        if at is not None:
            found.append((at, part))
    return [part for _, part in sorted(found)]


def check_one_page(folder: Path, manager_ids: list[int]) -> int:
    """Write each manager's default sheet (chart included) and check it is one page with the
    most pressing activity in the first fifth of its text and the parts in order; return how
    many sheets had to be cut to fit."""
    cut = 0
    for manager_id in manager_ids:
        sheet = prep.build(manager_id)
        chart = prep_html.chart_png(prep_html.chart_data(manager_id, sheet.today), dpi=100)
        out = folder / f"prep-{manager_id}.pdf"
        assert document.write_pdf(sheet, out, chart) == 1
        assert pdf_pages(out) == 1, sheet.manager.name
        text = pdf_text(out)
        flat = words(text)
        activities = [a for a in sheet.attention if a.concern is prep.Concern.ACTIVITY]
        if activities:
            # The most overdue as the dashboard ranks it: weight × how far past its maximum.
            worst = max(activities, key=lambda a: (a.overdue, a.urgency))
            # Its first words ("Career conversation 209 days"): the row may wrap after them.
            at = flat.find(" ".join(words(worst.detail).split()[:4]))
            assert 0 <= at < len(flat) / 5, (sheet.manager.name, worst)
        order = titles_in_order(text)
        assert order == sorted(order, key=prep.ORDER.index), sheet.manager.name
        assert order[:3] == [prep.Part.ATTENTION, prep.Part.AGENDA, prep.Part.QUESTIONS]
        cut += "…and " in flat or prep.Part.CHART not in order
    return cut


@needs_poppler
@pytest.mark.slow
def test_every_manager_of_the_sample_team_gets_one_page(qapp, tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path)
    db.open_journal(path, create=False)
    try:
        managers = [m.id for m in roster.list_managers(include_archived=True)]
        assert len(managers) == 8
        assert check_one_page(tmp_path, managers) == len(managers)  # each had more to say
        # Full detail keeps the long sheet: more pages, the chart and the cadence table.
        sheet = prep.build(managers[0])
        chart = prep_html.chart_png(prep_html.chart_data(managers[0], sheet.today), dpi=100)
        full = tmp_path / "full.pdf"
        assert document.write_pdf(sheet, full, chart, full=True) >= 2
        assert pdf_pages(full) >= 2
        assert {prep.Part.CADENCE, prep.Part.CHART} <= set(titles_in_order(pdf_text(full)))
    finally:
        db.close_journal()


@needs_poppler
@pytest.mark.slow
def test_twenty_managers_of_a_journal_as_dense_as_the_benchmarks_get_one_page(
    qapp, tmp_path: Path
) -> None:
    """The benchmark's journal is 200 managers over 10 years (seed 2026); 20 managers over the
    same 10 years have the same history each, at a tenth of the time to build."""
    path = tmp_path / "large.db"
    sample.create_sample_journal(path, managers=20, years=10, seed=2026)
    db.open_journal(path, create=False)
    try:
        managers = [m.id for m in roster.list_managers(include_archived=True)][:20]
        assert len(managers) == 20
        assert check_one_page(tmp_path, managers) > 0
    finally:
        db.close_journal()


@needs_poppler
@pytest.mark.slow
@pytest.mark.parametrize(
    ("locale", "paper"), [("en_US.UTF-8", "(letter)"), ("de_DE.UTF-8", "(A4)")]
)
def test_the_command_writes_one_page_on_the_locales_paper(
    tmp_path: Path, locale: str, paper: str
) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path, managers=3, years=2)
    out = tmp_path / "sheet.pdf"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANG", "LC_PAPER"}
    }
    environment["LC_ALL"] = locale
    db.open_journal(path, create=False)
    try:
        name = max(
            roster.list_managers(), key=lambda m: len(prep.build(m.id).attention)
        ).name  # the one with most to say
    finally:
        db.close_journal()
    command = [sys.executable, "-m", "coachjournal", "prep", "--db", str(path)]
    command += ["--manager", name, "--out", str(out)]
    done = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote the prep sheet for {name} (1 page) to {out}\n"
    info = subprocess.run(
        [str(PDFINFO), str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1\n" in info
    assert paper in next(line for line in info.splitlines() if line.startswith("Page size:"))


@pytest.fixture
def cheerful(journal_path: Path) -> int:
    """A manager whose notes, name and agenda hold emoji beyond U+FFFF, a sequence and symbols."""
    manager = roster.create_manager("Zoë Ōtsuka 🎯", title="Regional Sales Manager")
    touchpoints.create_touchpoint(
        manager.id,
        dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(9)),
        TouchpointKind.ONE_ON_ONE,
        summary="Big win 🎉",
        notes="## Wins\n- Closed **Kora** 🎉 👏\n- Team 👩‍💻 on fire 🔥 ☕ ✅\n\nNext: hiring.",
    )
    prep.save_agenda(manager.id, "- Celebrate 🥳 the quarter\n")
    return manager.id


@needs_poppler
def test_emoji_print_with_an_embedded_font_and_copy_as_themselves(
    qapp, cheerful: int, tmp_path: Path
) -> None:
    out = tmp_path / "emoji.pdf"
    assert document.write_pdf(prep.build(cheerful), out, None) == 1
    text = pdf_text(out)
    for expected in (
        "Zoë Ōtsuka 🎯",
        "Big win 🎉",
        "Celebrate 🥳 the quarter",
        "Closed Kora 🎉 👏",
        "Team 👩‍💻 on",
        "🔥 ☕ ✅",
    ):
        assert expected in text
    assert "NotoEmoji-Regular" in pdf_fonts(out)
    # The notes keep their shape: the heading runs in, each item on its own line.
    lines = [line.strip() for line in text.splitlines()]
    assert "• Closed Kora 🎉 👏" in lines
    assert any(line.startswith("Wins.") for line in lines)


def test_completing_the_text_leaves_other_files_as_they_were(tmp_path: Path) -> None:
    font = document.paths.resource(*document.EMOJI_FONT)
    for content in (b"%PDF-1.4\nnot really\n%%EOF\n", b"\x00" * 64, b""):
        path = tmp_path / "other.pdf"
        path.write_bytes(content)
        assert text_layer.complete_text(path, font, [(384, "🎉")]) == 0
        assert path.read_bytes() == content


@needs_poppler
def test_the_screen_shows_the_parts_in_the_papers_order(
    make_window: MakeWindow, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path, managers=3, years=1)
    window = make_window(path)
    manager_id = roster.list_managers()[0].id
    window.open_manager(manager_id)
    window.prep_action.trigger()
    (prep_window,) = prep_windows()
    qtbot.waitUntil(prep_window.chart_ready, timeout=15000)
    screen = titles_in_order(prep_window.browser.toPlainText())
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: str(out))
    with qtbot.waitSignal(prep_window.status, timeout=10000) as done:
        prep_window.pdf_button.click()
    assert done.args[0].startswith("Saved the prep sheet (1 page) to ")
    paper = titles_in_order(pdf_text(out))
    # The agenda and the questions sit beside the sheet on screen; the rest is in one order.
    assert screen[0] is prep.Part.ATTENTION and paper[0] is prep.Part.ATTENTION
    assert [p for p in paper if p in screen] == [p for p in screen if p in paper]
    assert len([p for p in paper if p in screen]) >= 4
    prep_window.full_detail.setChecked(True)
    with qtbot.waitSignal(prep_window.status, timeout=10000) as done:
        prep_window.pdf_button.click()
    assert pdf_pages(out) > 1 and "page" in done.args[0]
    assert [p for p in titles_in_order(pdf_text(out)) if p not in paper] != []
    prep_window.close()


def prep_windows() -> list[PrepWindow]:
    from PySide6.QtWidgets import QApplication

    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrepWindow) and w.isVisible()
    ]
