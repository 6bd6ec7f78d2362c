"""The sync screens' parts that need no sync folder: the status line's words for each state,
the Conflicts list's model and page, and what the Set Up and Join dialogs accept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachjournal.sync import Conflict, Keep
from ui import dialogs
from ui.sync import setup
from ui.sync.conflicts import ConflictsDialog, ConflictsModel
from ui.sync.setup import JoinDialog, SetUpDialog
from ui.sync.status import StatusButton, ago, status_line

NOW = dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def discard_when_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog the test leaves with a typed passphrase closes without asking."""
    monkeypatch.setattr(dialogs, "ask_discard", lambda _parent, _what: True)


@dataclasses.dataclass(frozen=True)
class Status:
    enabled: bool = True
    paused: bool = False
    folder: Path | None = Path("/sync")
    last_synced: dt.datetime | None = NOW - dt.timedelta(minutes=2)
    waiting: int = 0
    conflicts: int = 0
    problem: str | None = None


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status(), "Synced 2 min ago"),
        (Status(last_synced=None), "Not synced yet"),
        (Status(waiting=3), "3 changes waiting"),
        (Status(waiting=1), "1 change waiting"),
        (Status(conflicts=2, waiting=3), "2 conflicts to review"),
        (Status(paused=True, conflicts=2), "Sync paused"),
        (
            Status(problem="Sync folder unreachable: /sync is not there.", paused=True),
            "Sync folder unreachable: /sync is not there.",
        ),
    ],
)
def test_the_status_line_says_the_state_that_matters_most(status: Status, words: str) -> None:
    line = status_line(status, NOW)
    assert line is not None and line.text == words


def test_no_status_line_without_sync(qtbot) -> None:
    assert status_line(Status(enabled=False, conflicts=4), NOW) is None
    button = StatusButton()
    qtbot.addWidget(button)
    button.show_line(status_line(Status(), NOW))
    assert not button.isHidden()
    assert button.text() == "Synced 2 min ago"
    button.show_line(None)
    assert button.isHidden()


def test_a_click_on_conflicts_asks_for_the_list(qtbot) -> None:
    button = StatusButton()
    qtbot.addWidget(button)
    button.show_line(status_line(Status(conflicts=2), NOW))
    with qtbot.waitSignal(button.opened) as opened:
        button.click()
    assert opened.args == [True]
    button.show_line(status_line(Status(), NOW))
    with qtbot.waitSignal(button.opened) as opened:
        button.click()
    assert opened.args == [False]


def test_ago_reads_like_a_person() -> None:
    assert ago(NOW, NOW) == "just now"
    assert ago(NOW - dt.timedelta(minutes=59), NOW) == "59 min ago"
    assert ago(NOW - dt.timedelta(hours=3), NOW) == "3 h ago"
    assert ago(NOW - dt.timedelta(days=1, hours=2), NOW) == "yesterday"
    assert ago(NOW - dt.timedelta(days=9), NOW) == "9 days ago"
    assert ago(NOW + dt.timedelta(minutes=5), NOW) == "just now"  # a clock set back


def conflicts(count: int) -> list[Conflict]:
    return [
        Conflict(
            id=number,
            manager_id=number,
            manager_name=f"Manager {number}",
            what=f"Notes of the one-on-one on {number} Dec 2026",
            kept_text=f"Kept text {number}",
            other_text=f"Other text {number}",
            other_device="b" * 32,
            found_at=NOW - dt.timedelta(hours=number),
        )
        for number in range(1, count + 1)
    ]


def test_the_conflicts_model(qtmodeltester) -> None:
    model = ConflictsModel()
    model.set_conflicts(conflicts(3))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    # Oldest first: the conflict found 3 hours ago leads.
    assert model.data(model.index(0)) == (
        "Manager 3: Notes of the one-on-one on 3 Dec 2026\nFound 3 Dec 2026"
    )
    model.set_conflicts([])
    qtmodeltester.check(model)


def test_the_conflicts_page_resolves_and_then_shows_it_is_empty(qtbot) -> None:
    waiting = conflicts(2)
    resolved: list[tuple[int, Keep]] = []

    def resolve(conflict_id: int, keep: Keep) -> None:
        resolved.append((conflict_id, keep))
        waiting[:] = [c for c in waiting if c.id != conflict_id]

    dialog = ConflictsDialog(lambda: list(waiting), resolve)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kept.toPlainText() == "Kept text 2"
    assert dialog.other.toPlainText() == "Other text 2"
    dialog.keep_other.click()
    assert resolved == [(2, Keep.OTHER)]
    assert dialog.kept.toPlainText() == "Kept text 1"
    dialog.keep_this.click()
    assert resolved == [(2, Keep.OTHER), (1, Keep.THIS)]
    assert dialog.pages.currentWidget() is dialog.empty
    assert not dialog.keep_this.isEnabled()


def test_set_up_asks_for_a_folder_and_the_same_passphrase_twice(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[Path, str]] = []
    dialog = SetUpDialog(
        lambda folder, passphrase: lambda: started.append((folder, passphrase)), tmp_path
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok.isEnabled()
    monkeypatch.setattr(setup, "choose_folder", lambda *_args: tmp_path)
    dialog.folder.button.click()
    assert dialog.folder.line.text() == str(tmp_path)
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    assert not dialog.ok.isEnabled()  # too short to protect anything
    dialog.passphrase.setText("correct horse battery staple")
    dialog.repeat.setText("correct horse battery stable")
    assert not dialog.ok.isEnabled()
    assert dialog.error.text.text() == "The two passphrases are not the same."
    dialog.repeat.setText("correct horse battery staple")
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    assert started == [(tmp_path, "correct horse battery staple")]
    assert dialog.passphrase.text() == ""  # forgotten once closed


def test_a_failure_is_one_sentence_in_the_dialog_which_stays_open(qtbot, tmp_path: Path) -> None:
    def refuse() -> None:
        from coachjournal.errors import CoachJournalError

        raise CoachJournalError("This folder already holds a synced journal: use Join…")

    dialog = SetUpDialog(lambda _folder, _passphrase: refuse, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.set_path(tmp_path)
    for field in (dialog.passphrase, dialog.repeat):
        field.setText("correct horse battery staple")
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.error.text.text() == "This folder already holds a synced journal: use Join…"
    assert dialog.isVisible()
    assert dialog.passphrase.text() == "correct horse battery staple"


def test_join_suggests_a_new_file_in_the_data_folder_and_refuses_an_existing_one(
    qtbot, tmp_path: Path
) -> None:
    dialog = JoinDialog(lambda folder, passphrase, target: lambda: target, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target.path is not None and not dialog.target.path.exists()
    assert not dialog.ok.isEnabled()
    dialog.folder.set_path(tmp_path)
    dialog.passphrase.setText("anything")
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"mine")
    dialog.target.set_path(existing)
    dialog.ok.click()
    assert "already exists" in dialog.error.text.text()
    assert existing.read_bytes() == b"mine"
    assert dialog.isVisible()


def test_the_dialogs_are_keyboard_reachable(qtbot, tmp_path: Path) -> None:
    dialog = SetUpDialog(lambda _f, _p: lambda: None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.focusWidget() is dialog.folder.button
    reached = set()
    for _ in range(12):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.add(dialog.focusWidget())
    assert {dialog.passphrase, dialog.repeat} <= reached
