"""``coachjournal sync``: setting up, joining and a round from a terminal, with the passphrase
read as the other commands read theirs, and every failure in one line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coachjournal.cli import main
from coachjournal.coaching import roster
from coachjournal.storage import db, lock
from tests.core.sync.computers import content, opened, team

SYNC_PASS = "a long sync passphrase of several words"


def run(argv: list[str | Path], stdin: str = "") -> int:
    def no_gui(options: main.GuiOptions) -> int:
        raise AssertionError("the GUI must not open")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        return main.main([str(arg) for arg in argv], open_gui=no_gui)


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    error = capsys.readouterr().err
    assert error.startswith("coachjournal: error: ") and error.count("\n") == 1
    return error


def test_set_up_join_and_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptop, desktop, cloud = tmp_path / "laptop.db", tmp_path / "desktop.db", tmp_path / "cloud"
    cloud.mkdir()
    team(laptop)
    assert run(["sync", "--db", laptop, "--set-up", cloud], f"{SYNC_PASS}\n") == 0
    said = capsys.readouterr().out
    assert f"This journal syncs through {cloud / 'CoachJournal Sync'} now." in said
    assert run(["sync", "--join", cloud, "--db", desktop], f"{SYNC_PASS}\n") == 0
    assert capsys.readouterr().out.startswith(f"Built {desktop} from the sync folder")
    with opened(desktop):
        roster.create_manager("Written on the desktop")
    assert run(["sync", "--db", desktop]) == 0
    assert capsys.readouterr().out == "Sent 1 change file; received 0 files with 0 changes.\n"
    assert run(["sync", "--db", laptop]) == 0
    assert capsys.readouterr().out == "Sent 0 change files; received 1 file with 1 change.\n"
    assert content(laptop) == content(desktop)
    assert run(["sync", "--db", laptop]) == 0
    assert capsys.readouterr().out == "Nothing new to send or receive.\n"


def test_a_joined_journal_takes_the_journal_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop, cloud = tmp_path / "laptop.db", tmp_path / "desktop.db", tmp_path / "cloud"
    cloud.mkdir()
    team(laptop)
    assert run(["sync", "--db", laptop, "--set-up", cloud], f"{SYNC_PASS}\n") == 0
    monkeypatch.setenv("COACHJOURNAL_PASSPHRASE", "the desktop journal's own passphrase")
    assert run(["sync", "--join", cloud, "--db", desktop], f"{SYNC_PASS}\n") == 0
    assert db.is_encrypted(desktop)
    assert run(["sync", "--db", desktop]) == 0


def test_failures_are_one_line_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, cloud = tmp_path / "laptop.db", tmp_path / "cloud"
    cloud.mkdir()
    team(laptop)
    assert run(["sync", "--db", laptop]) == 1
    assert "does not sync yet" in one_error_line(capsys)
    assert run(["sync", "--db", tmp_path / "none.db"]) == 1
    assert "There is no journal" in one_error_line(capsys)
    assert run(["sync", "--db", laptop, "--set-up", cloud], "short\n") == 1
    one_error_line(capsys)
    assert list(cloud.iterdir()) == []
    assert run(["sync", "--db", laptop, "--set-up", cloud], f"{SYNC_PASS}\n") == 0
    capsys.readouterr()
    target = tmp_path / "desktop.db"
    assert run(["sync", "--join", cloud, "--db", target], "not it\n") == 1
    assert "sync passphrase is not right" in one_error_line(capsys)
    assert not target.exists()
    with lock.JournalLock(laptop):  # the app has it open
        assert run(["sync", "--db", laptop]) == 1
        assert "already open" in one_error_line(capsys)
