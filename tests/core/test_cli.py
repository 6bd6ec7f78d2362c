"""The command line, without a display: arguments, errors, and what reaches the GUI."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coachjournal import __version__
from coachjournal.cli import main
from coachjournal.cli.main import GuiOptions
from coachjournal.storage import db


def run(argv: list[str]) -> tuple[int, list[GuiOptions]]:
    opened: list[GuiOptions] = []

    def open_gui(options: GuiOptions) -> int:
        opened.append(options)
        return 0

    return main.main(argv, open_gui=open_gui), opened


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"CoachJournal {__version__}"


def test_the_gui_gets_the_journal_from_db_env_or_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["--db", str(tmp_path / "a.db")])[1] == [GuiOptions(tmp_path / "a.db")]
    monkeypatch.setenv("COACHJOURNAL_DB", str(tmp_path / "env.db"))
    assert run(["--smoke-test"])[1] == [GuiOptions(tmp_path / "env.db", smoke_test=True)]
    monkeypatch.delenv("COACHJOURNAL_DB")
    (options,) = run([])[1]
    assert options.journal.name == "journal.db"
    assert "CoachJournal" in str(options.journal)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["demo"], "the following arguments are required: --db"),
        (["demo", "--db", "x.db", "--managers", "0"], "must be at least 1"),
        (["demo", "--db", "x.db", "--years", "many"], "'many' is not a number of years"),
    ],
)
def test_bad_arguments_get_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(argv)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert message in error


def test_demo_writes_a_journal_and_refuses_to_overwrite_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "team.db"
    assert run(["demo", "--db", str(path)])[0] == 0
    assert "Wrote 8 managers" in capsys.readouterr().out
    assert db.is_journal(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        before = connection.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
    assert before > 100

    assert run(["demo", "--db", str(path), "--seed", "9"])[0] == 1
    error = capsys.readouterr().err
    assert error.startswith("coachjournal: error: ") and error.count("\n") == 1
    assert run(["demo", "--db", str(path), "--managers", "2", "--force"])[0] == 0
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM manager").fetchone()[0] == 2


def test_a_file_that_is_not_a_journal_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")

    def open_gui(options: GuiOptions) -> int:
        db.open_journal(options.journal)
        return 0

    assert main.main(["--db", str(text)], open_gui=open_gui) == 1
    error = capsys.readouterr().err
    assert (
        error
        == f"coachjournal: error: {text} is not a CoachJournal journal (it is not a database).\n"
    )


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    result = subprocess.run(
        [sys.executable, "-m", "coachjournal", "--smoke-test", "--db", str(text)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("coachjournal: error: ")
