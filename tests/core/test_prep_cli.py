"""``coachjournal prep``: the sheet from the command line, with one-line errors, and a real PDF
written by Qt in a process with no display."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachjournal.cli import main
from coachjournal.cli.main import GuiOptions
from coachjournal.coaching import prep, questions, roster, touchpoints
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage import db
from tests.pdf import needs_pdftotext, pdf_text


def no_gui(options: GuiOptions) -> int:
    raise AssertionError("the prep command opened the GUI")


def never(sheet: prep.PrepSheet, chart: bytes | None, path: Path, full: bool) -> int:
    raise AssertionError("a refused command wrote a PDF")


@pytest.fixture
def team(journal_path: Path) -> Path:
    marta = roster.create_manager("Marta Kowalska", title="Regional Sales Manager")
    talk = touchpoints.create_touchpoint(
        marta.id,
        dt.datetime.combine(dt.date.today() - dt.timedelta(days=5), dt.time(9)),
        TouchpointKind.ONE_ON_ONE,
        summary="Pipeline review",
    )
    touchpoints.add_action_item(marta.id, "Send the pricing deck", Owner.ME, touchpoint_id=talk.id)
    touchpoints.add_action_item(
        marta.id, "Book the QBR with Kora", Owner.THEM, touchpoint_id=talk.id
    )
    roster.create_manager("Martin Weber")
    prep.save_agenda(marta.id, "- Forecast for Q1\n")
    db.close_journal()
    return journal_path


def test_prep_hands_the_sheet_and_chart_to_the_renderer(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rendered: list[tuple[prep.PrepSheet, bytes | None, Path, bool]] = []

    def render(sheet: prep.PrepSheet, chart: bytes | None, path: Path, full: bool) -> int:
        rendered.append((sheet, chart, path, full))
        return 2 if full else 1

    out = tmp_path / "marta.pdf"
    argv = ["prep", "--db", str(team), "--manager", "KOWALSKA", "--out", str(out)]
    assert main.main(argv, open_gui=no_gui, render_prep=render) == 0
    ((sheet, chart, path, full),) = rendered
    assert not full  # one page unless asked
    assert sheet.manager.name == "Marta Kowalska" and path == out
    assert [i.item.text for i in sheet.their_items] == ["Book the QBR with Kora"]
    assert sheet.agenda == "- Forecast for Q1\n"
    assert chart is not None and chart.startswith(b"\x89PNG")
    assert capsys.readouterr().out == f"Wrote the prep sheet for Marta Kowalska (1 page) to {out}\n"
    db.open_journal(team, create=False)
    try:  # a printed sheet counts: the next one rotates to other questions
        assert questions.history(sheet.manager.id)[0][1] == tuple(q.key for q in sheet.questions)
    finally:
        db.close_journal()


def test_full_detail_is_asked_with_a_flag(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[bool] = []

    def render(sheet: prep.PrepSheet, chart: bytes | None, path: Path, full: bool) -> int:
        asked.append(full)
        return 3

    out = tmp_path / "marta.pdf"
    argv = ["prep", "--db", str(team), "--manager", "marta", "--out", str(out), "--full"]
    assert main.main(argv, open_gui=no_gui, render_prep=render) == 0
    assert asked == [True]
    assert capsys.readouterr().out.endswith(f"(3 pages) to {out}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--manager", "Mar", "--out", "x.pdf"], "“Mar” matches 2 managers"),
        (["--manager", "Zoe", "--out", "x.pdf"], "No manager in this journal is called “Zoe”."),
        (["--manager", "Marta", "--out", "x.png"], "The prep sheet is written as a PDF"),
        (["--manager", "Marta", "--out", "missing/x.pdf"], "There is no folder"),
    ],
)
def test_prep_errors_are_one_line(
    team: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main.main(["prep", "--db", str(team), *args], open_gui=no_gui, render_prep=never)
    error = capsys.readouterr().err
    assert code == 1
    assert error.startswith("coachjournal: error: ") and message in error
    assert error.count("\n") == 1


def test_two_managers_of_the_same_name_are_told_apart_by_e_mail_or_number(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.open_journal(team, create=False)
    try:
        first = roster.create_manager("Sam Lee", team="East", email="sam.lee@example.com")
        second = roster.create_manager("Sam Lee", team="West", email="s.lee@example.com")
    finally:
        db.close_journal()
    chosen: list[str] = []

    def render(sheet: prep.PrepSheet, chart: bytes | None, path: Path, full: bool) -> int:
        chosen.append(sheet.manager.team)
        return 1

    def prep_for(name: str) -> int:
        out = str(tmp_path / f"sam-{len(chosen)}.pdf")
        argv = ["prep", "--db", str(team), "--manager", name, "--out", out]
        return main.main(argv, open_gui=no_gui, render_prep=render)

    assert prep_for("sam lee") == 1
    assert (
        f"“sam lee” matches 2 managers (Sam Lee #{first.id}, East, sam.lee@example.com; "
        f"Sam Lee #{second.id}, West, s.lee@example.com)"
    ) in capsys.readouterr().err
    assert prep_for("S.Lee@example.com") == 0
    assert prep_for(f"#{first.id}") == 0
    assert chosen == ["West", "East"]
    assert prep_for("#999") == 1
    assert "No manager in this journal is numbered #999." in capsys.readouterr().err


def test_prep_without_a_pdf_writer_says_so(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["prep", "--db", str(team), "--manager", "Marta", "--out", str(tmp_path / "a.pdf")]
    assert main.main(argv, open_gui=no_gui) == 1
    assert "cannot write PDF files" in capsys.readouterr().err


@pytest.mark.slow
@needs_pdftotext
def test_the_command_writes_a_full_detail_pdf_without_a_display(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "prep.pdf"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    command = [sys.executable, "-m", "coachjournal", "prep", "--db", str(team)]
    command += ["--manager", "marta k", "--out", str(out), "--full"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote the prep sheet for Marta Kowalska (")
    assert out.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob(".*.partial"))
    text = pdf_text(out, layout=True)
    for section in (
        "Agenda",
        "Forecast for Q1",
        "Suggested questions",
        "Open action items",
        "Book the QBR with Kora",
        "Send the pricing deck",
        "Since the last one-on-one",
        "Strengths and development areas",
        "Cadence",
        "Coaching frequency",
        "Page 1 of",
    ):
        assert section in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Title:           One-on-one prep: Marta Kowalska" in info.stdout
    assert "Creator:         CoachJournal" in info.stdout
