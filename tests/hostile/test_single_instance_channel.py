"""The single-instance channel belongs to the user: its socket lies in a folder only the user
can reach, and a socket there that someone else owns gets no knock (the app starts alone)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coachjournal import paths
from coachjournal.storage import lock
from tests.hostile.run import IS_ROOT, NOBODY
from ui.single_instance import InstanceServer, hand_over


def test_the_socket_lies_in_a_folder_only_the_user_can_reach(tmp_path: Path) -> None:
    name = Path(lock.server_name(tmp_path / "journal.db"))
    folder = name.parent.lstat()
    assert folder.st_uid == os.getuid() and stat.S_IMODE(folder.st_mode) == 0o700


def test_a_shared_or_foreign_runtime_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o1777)  # like /tmp
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    assert shared not in paths.runtime_dir().parents
    assert paths.runtime_dir().is_relative_to(paths.data_dir())


@pytest.mark.skipif(not IS_ROOT, reason="making a socket someone else owns needs root")
def test_a_socket_someone_else_owns_is_never_trusted(qtbot: QtBot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    name = lock.server_name(journal)
    squatter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squatter.bind(name)
    squatter.listen(1)
    squatter.settimeout(0.5)
    os.chown(name, NOBODY, NOBODY)
    try:
        assert hand_over(journal) is False  # would have been True had it knocked
        with pytest.raises(TimeoutError):
            squatter.accept()  # and it never knocked
        window = QWidget()
        qtbot.addWidget(window)
        server = InstanceServer(journal, window)  # the app starts anyway, alone
        assert server.listening
        assert Path(name).lstat().st_uid == os.getuid()  # the name is the user's again
    finally:
        squatter.close()
