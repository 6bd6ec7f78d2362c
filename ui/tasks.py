"""The UI's one worker runner: long work (an export, reading a large file, a backup, a
passphrase conversion, a chart) on a thread of the global pool.

The core reads the journal through one peewee database whose connections are per thread: the
first query a worker makes opens the worker's own connection to the same file (with the same
pragmas), and SQLite's WAL lets it read one consistent snapshot while the GUI thread goes on
reading and writing through its own. A task closes its thread's connection when it ends, so no
connection outlives its work or is ever shared between threads. A task never touches a widget:
it reports through signals, which Qt delivers on the GUI thread. A failure reaches the user as
one sentence: a CoachJournalError's own, or for anything else a line that says where the log
with the details is.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

from coachjournal.errors import CoachJournalError
from coachjournal.logs import LOG_NAME
from coachjournal.paths import log_dir
from ui.session import close_thread_connection

log = logging.getLogger(__name__)

#: What the user reads when a task fails for a reason the app did not foresee (the log's path
#: follows); a task that changes the journal names what it was doing instead.
UNEXPECTED = "Something unexpected went wrong, and nothing was changed."

#: Every task until it has reported: the object that started it may be gone before it ends
#: (a window closed meanwhile), and a task must not be freed while it runs.
_alive: set[Task] = set()


_T = TypeVar("_T")


class TaskSignals(QObject):
    #: The task and its work's result.
    succeeded = Signal(object, object)
    #: The task and one sentence for the user.
    failed = Signal(object, str)


class Task(QRunnable):
    """Runs ``work`` once on a pool thread and reports its result or its failure."""

    def __init__(self, work: Callable[[], object], unexpected: str = UNEXPECTED) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept in _alive until it has reported
        self.signals = TaskSignals()
        self._work = work
        self._unexpected = unexpected

    def run(self) -> None:
        try:
            result = self._work()
        except CoachJournalError as error:
            self._report(self.signals.failed, str(error))
            return
        except Exception:
            log.exception("A task failed: %s", self._unexpected)
            self._report(
                self.signals.failed,
                f"{self._unexpected} The details are in {log_dir() / LOG_NAME}.",
            )
            return
        finally:
            close_thread_connection()
        self._report(self.signals.succeeded, result)

    def _report(self, signal: SignalInstance, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app quit while the task ran
            signal.emit(self, value)


def _forget(task: Task, _outcome: object) -> None:
    _alive.discard(task)


class Tasks(QObject):
    """Starts tasks on the global pool and hands their outcome to the callbacks given, on the
    GUI thread; the callbacks of a task still running when this object goes are not called
    (a closed window's are dropped). :attr:`busy` while one of its tasks has not reported."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # What a task returns is only known to the caller that started it (see start's _T).
        self._running: dict[Task, tuple[Callable[[Any], object], Callable[[str], object]]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(
        self,
        work: Callable[[], _T],
        succeeded: Callable[[_T], object],
        failed: Callable[[str], object],
        unexpected: str = UNEXPECTED,
    ) -> Task:
        """Run ``work`` on a pool thread; ``succeeded`` or ``failed`` runs on the GUI thread.
        ``unexpected`` is what a failure the app did not foresee says (before the log's path)."""
        task = Task(work, unexpected)
        _alive.add(task)
        self._running[task] = (succeeded, failed)
        task.signals.succeeded.connect(_forget)
        task.signals.failed.connect(_forget)
        task.signals.succeeded.connect(self._succeeded)
        task.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(task)
        return task

    @Slot(object, object)
    def _succeeded(self, task: Task, result: object) -> None:
        succeeded, _failed = self._running.pop(task)
        succeeded(result)

    @Slot(object, str)
    def _failed(self, task: Task, message: str) -> None:
        _succeeded, failed = self._running.pop(task)
        failed(message)
