"""The app opens no network connection, ever: every command line command and the GUI's smoke
test run in a child process whose audit hook records any socket connect, bind or host lookup
(local AF_UNIX sockets aside) and any urllib request."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.network_guard import AUDIT_HOOK, NetworkUsedError

ROOT = Path(__file__).resolve().parents[2]
RUN_CLI = AUDIT_HOOK + "\nfrom coachjournal.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"


def run_guarded(code: str, *argv: str, log: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "COACHJOURNAL_NETWORK_LOG": str(log),
            "QT_QPA_PLATFORM": "offscreen",
            "COACHJOURNAL_PASSPHRASE": "",
        },
    )


def test_the_in_process_guard_refuses_internet_sockets_and_lookups(
    no_network: list[str],
) -> None:
    with pytest.raises(NetworkUsedError), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    with pytest.raises(NetworkUsedError):
        socket.getaddrinfo("localhost", 80)
    assert len(no_network) == 2
    no_network.clear()  # seen, so this test passes
    left, right = socket.socketpair(getattr(socket, "AF_UNIX", socket.AF_INET))
    left.close()
    right.close()


def test_the_audit_hook_sees_a_connection_attempt(tmp_path: Path) -> None:
    log = tmp_path / "network.log"
    code = AUDIT_HOOK + "\nimport socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n"
    result = run_guarded(code, log=log)
    assert result.returncode != 0
    assert "network use refused" in result.stderr
    assert "socket.getaddrinfo '127.0.0.1'" in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_command_and_not_the_gui_touch_the_network(tmp_path: Path) -> None:
    log = tmp_path / "network.log"
    journal = tmp_path / "journal.db"
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("Name,Title\nNew Person,Sales Manager\n", encoding="utf-8")
    calendar = ROOT / "tests" / "data" / "calendars" / "google-calendar.ics"
    commands = [
        ["demo", "--db", str(journal)],
        ["check", "--db", str(journal)],
        ["backup", "--db", str(journal), "--out", str(tmp_path / "copy.db")],
        ["backup", "--db", str(journal)],
        ["export", "--db", str(journal), "--format", "json", "--out", str(tmp_path / "x.json")],
        ["export", "--db", str(journal), "--format", "ics", "--out", str(tmp_path / "due.ics")],
        ["import-roster", "--db", str(journal), str(roster_file)],
        ["import-ics", "--db", str(journal), str(calendar)],
        ["chart", "--db", str(journal), "--chart", "frequency", "--out", str(tmp_path / "f.png")],
        ["restore", "--db", str(journal), str(tmp_path / "copy.db")],
        ["--db", str(journal), "--smoke-test"],
    ]
    for argv in commands:
        result = run_guarded(RUN_CLI, *argv, log=log)
        assert result.returncode == 0, f"{argv[0]}: {result.stderr}"
    assert not log.exists(), log.read_text(encoding="utf-8")
