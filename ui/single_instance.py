"""A second start on a journal that is already open brings the running window to the front.

The running app listens on a local socket named after its journal
(:func:`coachjournal.storage.lock.server_name`; a Unix socket or a Windows named pipe, never a
network port). A new app first knocks there: if the running one answers, the new one exits and
the user sees their window; if nobody answers, it starts as usual, and the journal's lock still
refuses it with a sentence if another process (a command, say) holds the journal.

The socket lies in the user's private runtime folder, and a socket file there that belongs to
someone else is never talked to (its answer could make the app quit before it starts): the app
then starts anyway, alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from coachjournal.storage import lock

#: What a new app sends; the running one answers with :data:`SHOWN`.
SHOW = b"show\n"
SHOWN = b"shown\n"
TIMEOUT_MS = 1500


def _owned_by_someone_else(name: str) -> bool:
    """Whether the socket file ``name`` exists and is not this user's (on systems with owners)."""
    getuid = getattr(os, "getuid", None)
    try:
        return getuid is not None and os.lstat(name).st_uid != getuid()
    except OSError:
        return False


def hand_over(journal: Path) -> bool:
    """Ask the app that has ``journal`` open to show its window; True if it did. A socket that
    belongs to another user gets no knock: False, so this app starts on its own."""
    name = lock.server_name(journal)
    if _owned_by_someone_else(name):
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(SHOW)
    socket.flush()
    answered = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()) == SHOWN
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for :func:`hand_over` knocks and brings ``window`` to the front."""

    def __init__(self, journal: Path, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = lock.server_name(journal)
        # This process holds the journal's lock, so a socket left under this name can only be
        # a crashed app's: remove it.
        QLocalServer.removeServer(name)
        self.server.listen(name)
        self.server.newConnection.connect(self._knocked)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    @Slot()
    def _knocked(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._answer(socket))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()) != SHOW:
            socket.disconnectFromServer()
            return
        self.window.showNormal() if self.window.isMinimized() else self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        socket.write(SHOWN)
        socket.flush()
