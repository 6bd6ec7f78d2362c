"""A real window on a real X server (Xvfb), driven by the keyboard alone with xdotool, which
types through the X server as a person would: unlock, add a manager, log a one-on-one with an
action item due "fri" and another, tick both done in the open items and undo the last tick
(Ctrl+Z), open the prep sheet and write the agenda, lock, unlock, log the next one-on-one from
the agenda, read the previous one in the journal's reading pane (keys pressed there change
nothing) and open it for editing with Ctrl+E to add an item, quit. The journal is read while
the app runs (each tick and the undo seen as it lands) and again after, to prove every step
happened.

Nothing here calls the app's code or clicks: the app runs in its own process, and the only input
it gets is key presses. .ci/run installs Xvfb and xdotool; on a machine without them the test is
skipped, except in CI, where a missing tool is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.storage import db
from coachjournal.storage.models import Touchpoint

pytestmark = pytest.mark.slow

PASSPHRASE = "keyboard only, no mouse"
MANAGER = "Dana Whitfield"
ACTION_ITEM = "Send the hiring plan"
#: Ticked done first and left done; then ACTION_ITEM is ticked, and that tick undone.
OTHER_ITEM = "Book the ride-along"
AGENDA = "Territory split for Q1"
#: Added to the entry the reading pane shows, through Ctrl+E: proof of which entry it was.
READ_AGAIN = "Read the notes again"
WAIT_S = 60.0
#: The main window's title names the journal file.
MAIN = "journal.db"

TOOLS = ("Xvfb", "xdotool")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
if missing and not os.environ.get("CI"):
    pytest.skip(f"needs {' and '.join(missing)} (installed by .ci/run)", allow_module_level=True)


class Display:
    """An Xvfb server of its own, and xdotool pointed at it."""

    def __init__(self, number: str, env: dict[str, str]) -> None:
        self.number = number
        self.env = env

    def xdotool(self, *args: str) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT_S
        )
        return result.stdout.strip()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.xdotool("key", "--clearmodifiers", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "25", text)
        time.sleep(0.15)

    def window(self, title: str) -> str:
        """Wait for a visible window whose title contains ``title``; give it the keyboard."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", title).splitlines()
            if found:
                self.xdotool("windowfocus", "--sync", found[-1])
                time.sleep(0.4)
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window titled “{title}” appeared")

    def gone(self, title: str, back_to: str = MAIN) -> None:
        """Wait for the window titled ``title`` to close, then give the keyboard back to the
        window titled ``back_to`` (a window manager would; bare Xvfb has none)."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if not self.xdotool("search", "--onlyvisible", "--name", title):
                self.window(back_to)
                return
            time.sleep(0.2)
        raise AssertionError(f"the window titled “{title}” did not close")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[Display]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    assert number, "Xvfb did not start"
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    env.pop("COACHJOURNAL_PASSPHRASE", None)
    try:
        yield Display(number, env)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _encrypted_empty_journal(path: Path, env: dict[str, str]) -> None:
    db.open_journal(path)
    db.close_journal()
    subprocess.run(
        [sys.executable, "-m", "coachjournal", "passphrase", "set", "--db", str(path)],
        input=f"{PASSPHRASE}\n",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert db.is_encrypted(path)


def item_statuses(path: Path) -> dict[str, str]:
    """Each action item's status, read from the journal while the app has it open (read-only:
    nothing is written or checkpointed)."""
    connection = db.connect_raw(path, PASSPHRASE, read_only=True)
    try:
        return dict(connection.execute("SELECT text, status FROM action_item").fetchall())
    finally:
        connection.close()


def wait_for_statuses(path: Path, expected: dict[str, str]) -> None:
    """Wait until the key presses have landed in the journal as ``expected``."""
    deadline = time.monotonic() + WAIT_S
    while (found := item_statuses(path)) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"the action items are {found}, not {expected}")
        time.sleep(0.2)


def test_from_unlock_to_prep_sheet_to_lock_by_keyboard_alone(
    display: Display, tmp_path: Path
) -> None:
    path = tmp_path / "journal.db"
    _encrypted_empty_journal(path, display.env)
    app = subprocess.Popen(
        [sys.executable, "-m", "coachjournal", "--db", str(path)],
        env=display.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        display.window("Unlock")
        display.type(PASSPHRASE)
        display.keys("Return")
        display.window(MAIN)

        display.keys("ctrl+shift+n")
        display.window("New manager")
        display.type(MANAGER)
        display.keys("Return")
        display.gone("New manager")

        display.keys("ctrl+n")
        display.window(f"with {MANAGER}")
        display.type("Pipeline review")
        display.keys("ctrl+i")
        display.type(ACTION_ITEM)
        display.keys("Tab", "Tab")  # past who owns it, to the due date
        display.type("fri")
        display.keys("Tab", "ctrl+i")
        display.type(OTHER_ITEM)
        display.keys("ctrl+s")
        display.gone(f"with {MANAGER}")

        # To the journal (a new manager opens on the profile), Alt+O into its open items (the
        # one due first on top); tick the other, then this one (the keyboard stays in the
        # list), and take the last tick back.
        wait_for_statuses(path, {ACTION_ITEM: "open", OTHER_ITEM: "open"})
        display.keys("ctrl+j", "alt+o", "Down", "space")
        wait_for_statuses(path, {ACTION_ITEM: "open", OTHER_ITEM: "done"})
        display.keys("space")
        wait_for_statuses(path, {ACTION_ITEM: "done", OTHER_ITEM: "done"})
        display.keys("ctrl+z")
        wait_for_statuses(path, {ACTION_ITEM: "open", OTHER_ITEM: "done"})

        display.keys("ctrl+shift+p")
        display.window(f"one-on-one with {MANAGER}")
        display.type(AGENDA)
        display.keys("Escape")
        display.gone(f"one-on-one with {MANAGER}")

        display.keys("ctrl+l")
        display.window("Locked")
        display.type(PASSPHRASE)
        display.keys("Return")
        display.window(MAIN)

        display.keys("ctrl+n")
        display.window(f"with {MANAGER}")
        display.keys("ctrl+s")
        display.gone(f"with {MANAGER}")

        # The pane shows the entry just logged: into the list, one page back, into the pane,
        # where typing changes nothing; then edit that entry, explicitly.
        display.keys("ctrl+j", "Down", "Return")
        display.type("typed while reading")
        display.keys("Delete", "BackSpace", "ctrl+e")
        display.window(f"Edit one-on-one with {MANAGER}")
        display.keys("ctrl+i")
        display.type(READ_AGAIN)
        display.keys("ctrl+s", "Escape")
        display.gone(f"Edit one-on-one with {MANAGER}")

        display.keys("ctrl+q")
        output, _ = app.communicate(timeout=WAIT_S)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, output

    db.open_journal(path, passphrase=PASSPHRASE)
    try:
        (manager,) = roster.list_managers()
        assert manager.name == MANAGER
        entries = list(Touchpoint.select().order_by(Touchpoint.id))
        assert len(entries) == 2
        first, second = entries
        assert first.summary == "Pipeline review" and first.notes == ""
        items = touchpoints.open_action_items(manager.id)
        assert [item.text for item in items] == [ACTION_ITEM, READ_AGAIN]
        (closed,) = touchpoints.closed_action_items(manager.id)
        assert (closed.text, closed.status, closed.touchpoint_id) == (OTHER_ITEM, "done", first.id)
        today = dt.date.today()
        friday = today + dt.timedelta(days=(4 - today.weekday()) % 7)
        assert items[0].due_on == friday, "fri typed into the due date"
        assert {item.touchpoint_id for item in items} == {first.id}
        assert AGENDA in second.notes
        assert "typed while reading" not in f"{second.summary} {second.notes}"
    finally:
        db.close_journal()
