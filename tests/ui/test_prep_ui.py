"""The prep window driven as a user would: the sheet, the agenda that becomes the next
one-on-one's notes, the question bank, printing and the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import development, prep, questions, roster, stats, touchpoints
from coachjournal.kinds import Owner, TouchpointKind, TraitKind
from coachjournal.render import prep_html
from coachjournal.storage import db
from tests.pdf import needs_pdftotext, pdf_text
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.journal.editor import TouchpointDialog
from ui.main_window import MainWindow
from ui.prep.bank import QuestionBankDialog
from ui.prep.page import PrepWindow
from ui.session import JournalSession


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Marta, with an open item on each side, an active assignment and a development area;
    and Noor, new, with nothing yet."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    marta = roster.create_manager("Marta Kowalska", title="Regional Sales Manager", team="North")
    talk = touchpoints.create_touchpoint(
        marta.id,
        dt.datetime.combine(dt.date.today() - dt.timedelta(days=9), dt.time(10)),
        TouchpointKind.ONE_ON_ONE,
        summary="Pipeline review",
        notes="Forecast discipline",
    )
    touchpoints.add_action_item(
        marta.id, "Send the pricing deck", Owner.ME, dt.date.today() + dt.timedelta(days=3), talk.id
    )
    touchpoints.add_action_item(
        marta.id,
        "Book the QBR with Kora",
        Owner.THEM,
        dt.date.today() - dt.timedelta(days=2),
        talk.id,
    )
    assignment = development.add_assignment(marta.id, "Run the forecast call")
    development.set_assignment_status(assignment.id, "active")
    development.add_trait(marta.id, TraitKind.DEVELOPMENT, "Negotiation", rating=2)
    roster.create_manager("Noor Haddad")
    db.close_journal()
    return path


def prep_windows() -> list[PrepWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrepWindow) and w.isVisible()
    ]


def touchpoint_dialogs() -> list[TouchpointDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]


def open_prep(window: MainWindow, qtbot, name: str) -> PrepWindow:
    manager_id = next(m.id for m in roster.list_managers() if m.name == name)
    window.open_manager(manager_id)
    window.prep_action.trigger()
    (prep_window,) = prep_windows()
    qtbot.waitUntil(prep_window.chart_ready, timeout=15000)
    return prep_window


def test_the_sheet_shows_what_matters_and_the_questions(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    assert window.prep_action.shortcut().toString() == "Ctrl+Shift+P"
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    assert prep_window.windowTitle() == "Prepare the one-on-one with Marta Kowalska"
    text = prep_window.browser.toPlainText()
    for expected in (
        "Marta Kowalska",
        "Regional Sales Manager · North",
        "Book the QBR with Kora",
        "OVERDUE 2 days",
        "Send the pricing deck",
        "Since the last one-on-one",
        "Pipeline review",
        "Run the forecast call",
        "Negotiation",
        "Coaching frequency",
    ):
        assert expected in text
    assert prep_window.browser.document().resource(1, "prep://frequency.png") is not None
    buttons = prep_window.question_buttons
    assert len(buttons) == prep.MAX_QUESTIONS
    assert buttons[0].accessibleName() == (
        "Add to the agenda: “Book the QBR with Kora” was due "
        f"{stats.date_label(dt.date.today() - dt.timedelta(days=2))}. "
        "What is in the way, and what would help?"
    )
    # Opening the sheet counts its questions as suggested today.
    (day, keys) = questions.history(prep_window.manager_id)[0]
    assert day == dt.date.today() and len(keys) == prep.MAX_QUESTIONS
    # The manager page offers it too; the same window comes back.
    window.manager_page.prep_button.click()
    assert prep_windows() == [prep_window]
    prep_window.close()


def test_a_new_manager_gets_a_sheet_that_says_what_to_do(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Noor Haddad")
    text = prep_window.browser.toPlainText()
    assert "No touchpoints yet: this will be your first conversation." in text
    assert "Nothing open on either side" in text
    assert "No active assignment" in text
    assert "No title or team yet" in text
    assert len(prep_window.question_buttons) == prep.MAX_QUESTIONS
    prep_window.close()


def test_the_agenda_becomes_the_next_one_on_ones_notes(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    manager_id = prep_window.manager_id
    first, second = prep_window.question_buttons[:2]
    question = first.accessibleName().partition(": ")[2]
    first.click()
    assert prep_window.agenda.toPlainText() == f"- {question}\n"
    assert not first.isEnabled() and first.text() == "Added"
    prep_window.agenda.moveCursor(prep_window.agenda.textCursor().MoveOperation.End)
    with qtbot.waitSignal(window.session.agenda_changed, timeout=3000):
        type_text(prep_window.agenda, "- Forecast for Q1 🚀")
    agenda = f"- {question}\n- Forecast for Q1 🚀"
    stored = prep.agenda(manager_id)
    assert stored is not None and stored.text == agenda
    second.click()
    second_question = second.accessibleName().partition(": ")[2]
    agenda += f"\n- {second_question}\n"
    assert prep.agenda(manager_id).text == agenda  # type: ignore[union-attr]

    # A restart does not reopen the agenda as a lost entry.
    window.recover_drafts()
    assert touchpoint_dialogs() == []

    # Ctrl+N with Marta: the one-on-one opens with the agenda as its notes.
    prep_window.close()
    window.log_action.trigger()
    (dialog,) = touchpoint_dialogs()
    assert dialog.notes.toPlainText() == agenda
    assert dialog.banner.isVisible() and "agenda" in dialog.banner.text()
    type_text(dialog.summary, "Weekly one-on-one")
    dialog.save()
    (row,) = [r for r in touchpoints.timeline_page(manager_id) if r.summary == "Weekly one-on-one"]
    assert touchpoints.get_touchpoint(row.id).notes == agenda
    assert prep.agenda(manager_id) is None and touchpoints.drafts() == []

    # The next prep starts with an empty agenda.
    again = open_prep(window, qtbot, "Marta Kowalska")
    assert again.agenda.toPlainText() == ""
    again.close()


def test_a_discarded_one_on_one_keeps_the_agenda_for_next_time(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    prep_window.question_buttons[0].click()
    agenda = prep_window.agenda.toPlainText()
    prep_window.log_button.click()
    (dialog,) = touchpoint_dialogs()
    assert dialog.notes.toPlainText() == agenda
    type_text(dialog.notes, "\nhalf-written")
    qtbot.waitUntil(lambda: not dialog._dirty, timeout=4000)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent: "discard")
    dialog.reject()
    assert touchpoint_dialogs() == []
    kept = prep.agenda(prep_window.manager_id)
    assert kept is not None and kept.text == agenda
    assert len(touchpoints.drafts()) == 1
    qtbot.waitUntil(lambda: prep_window.agenda.toPlainText() == agenda, timeout=3000)
    prep_window.close()


@needs_pdftotext
def test_export_pdf_holds_the_open_items_and_the_questions(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    prep_window.question_buttons[1].click()
    target = team.with_name("marta")  # no suffix: .pdf is added
    asked: list[str] = []

    def ask(parent, title, suggested, file_filter) -> str:
        asked.append(suggested)
        return str(target)

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    with qtbot.waitSignal(prep_window.status, timeout=5000) as done:
        prep_window.pdf_button.click()
    pdf = target.with_name("marta.pdf")
    assert done.args[0].startswith("Saved the prep sheet (") and done.args[0].endswith(f"to {pdf}")
    assert asked[0].endswith(f"Prep - Marta Kowalska - {dt.date.today().isoformat()}.pdf")
    text = pdf_text(pdf, layout=True)
    assert "Book the QBR with Kora" in text and "Send the pricing deck" in text
    sheet = prep.build(prep_window.manager_id)
    for question in sheet.questions:
        assert " ".join(question.text.split()[:5]) in " ".join(text.split())
    assert "Page 1 of" in text
    agenda_line = prep_window.agenda.toPlainText().strip()[2:]
    assert " ".join(agenda_line.split()[:5]) in " ".join(text.split())
    prep_window.close()


def test_export_pdf_opens_where_the_last_export_went_else_documents_never_the_working_folder(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    exports = team.with_name("exports")
    exports.mkdir()
    asked: list[Path] = []

    def ask(parent, title, suggested, file_filter) -> str:
        asked.append(Path(suggested))
        return str(exports / "sheet.pdf")

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    monkeypatch.chdir(team.parent)
    QSettings().remove(dialogs.LAST_FOLDER_KEY)  # the app's own settings: earlier tests export
    documents = Path.home() / "Documents"
    expected = documents if documents.is_dir() else Path.home()
    for _ in range(2):
        with qtbot.waitSignal(prep_window.status, timeout=5000):
            prep_window.pdf_button.click()
    assert [path.parent for path in asked] == [expected, exports]
    assert (exports / "sheet.pdf").stat().st_size > 0
    prep_window.close()


@needs_pdftotext
def test_print_goes_through_the_print_dialog(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Marta Kowalska")
    out = team.with_name("printed.pdf")

    def print_to_file(parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(dialogs, "ask_print", print_to_file)
    prep_window.print_button.click()
    assert prep_window.state.text().startswith("Sent ")
    text = pdf_text(out)
    assert "Marta Kowalska" in text and "Book the QBR with Kora" in text
    # Cancelling prints nothing.
    out.unlink()
    monkeypatch.setattr(dialogs, "ask_print", lambda parent, printer: False)
    prep_window.print_button.click()
    assert not out.exists()
    prep_window.close()


def test_the_question_bank_is_edited_in_the_app(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = JournalSession(tmp_path / "journal.db")
    try:
        dialog = QuestionBankDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.list.count() == len(questions.built_in())
        dialog.list.setCurrentRow(0)
        assert dialog.text.text() == questions.built_in()[0].text
        dialog.text.setText("Is it easy to tell me bad news?")
        with qtbot.waitSignal(session.questions_changed, timeout=1000):
            dialog.save_button.click()
        assert questions.load_bank()[0].text == "Is it easy to tell me bad news?"
        assert dialog.list.item(0).text().endswith("edited\nIs it easy to tell me bad news?")

        dialog.category.setCurrentIndex(dialog.category.findData(questions.Category.STRENGTH))
        assert dialog.placeholders.text() == "May use {trait}, filled in for each manager."
        dialog.text.setText("How did {assignment} go?")
        dialog.add_button.click()
        assert dialog.error.isVisible()
        assert "cannot use {assignment}" in dialog.error.text()
        dialog.text.setText("Who could learn {trait} from you?")
        dialog.add_button.click()
        assert not dialog.error.isVisible()
        own = questions.load_bank()[-1]
        assert (own.text, own.built_in) == ("Who could learn {trait} from you?", False)
        assert dialog.list.currentItem().text().endswith("Who could learn {trait} from you?")

        monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
        dialog.remove_button.click()
        assert own.id not in {q.id for q in questions.load_bank()}
        dialog.list.setCurrentRow(1)
        removed = questions.load_bank()[1].id
        dialog.remove_button.click()
        assert removed not in {q.id for q in questions.load_bank()}
        dialog.restore_button.click()
        assert questions.load_bank() == questions.built_in()
        assert dialog.list.count() == len(questions.built_in())
    finally:
        session.close()


def test_an_edited_bank_reaches_an_open_prep_window(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    prep_window = open_prep(window, qtbot, "Noor Haddad")
    generic = {questions.Category.CAREER, questions.Category.RELATIONSHIP}
    for question in questions.load_bank():
        if question.category in generic and question.id != "relationship-help":
            window.session.remove_question(question.id)
    qtbot.waitUntil(lambda: len(prep_window.question_buttons) == 1, timeout=3000)
    assert (
        prep_window.question_buttons[0]
        .accessibleName()
        .endswith("What help do you need from me this week?")
    )
    window.session.remove_question("relationship-help")
    qtbot.waitUntil(lambda: prep_window.question_buttons == [], timeout=3000)
    hint = prep_window.questions_layout.itemAt(0).widget()
    assert hint.text() == "The question bank is empty: add questions to it below."
    prep_window.close()


def test_sections_are_not_split_across_pages_where_they_fit(team: Path) -> None:
    from PySide6.QtCore import QSizeF

    from ui.prep import document

    db.open_journal(team, create=False)
    try:
        marta = next(m.id for m in roster.list_managers() if m.name == "Marta Kowalska")
        sheet = prep.build(marta)
    finally:
        db.close_journal()
    page = QSizeF(640, 420)
    doc = document.build_document(sheet, page.width(), None, style=prep_html.PAPER)
    document.paginate(doc, page)
    starts = document._section_starts(doc)
    assert len(starts) >= 7 and doc.pageCount() > 2
    tops = [document._outer_top(doc, position) for position in starts]
    ends = [*tops[1:], doc.documentLayout().documentSize().height()]
    moved = 0
    for top, end in zip(tops, ends, strict=True):
        if end - top <= page.height():
            assert int(top // page.height()) == int((end - 1) // page.height())
        moved += top % page.height() < 1
    assert moved >= 1  # at least one section had to start a page
