"""Long exchange work (an export, reading a large file) on a thread of the global pool.

The core reads the journal through one peewee database whose connections are per thread: the
first query a worker makes opens the worker's own connection to the same file (with the same
pragmas), and SQLite's WAL lets it read one consistent snapshot while the GUI thread goes on
reading and writing through its own. A task closes its thread's connection when it ends, so no
connection outlives its work or is ever shared between threads. A task never touches a widget:
it reports through signals, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coachjournal.errors import CoachJournalError
from coachjournal.logs import LOG_NAME
from coachjournal.paths import log_dir
from coachjournal.storage.models import database

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    #: The work's result.
    succeeded = Signal(object)
    #: One sentence for the user.
    failed = Signal(str)


def close_thread_connection() -> None:
    """Close the calling thread's connection to the open journal, if it made one."""
    opened = database.obj
    if opened is not None and not opened.is_closed():
        opened.close()


class Task(QRunnable):
    """Runs ``work`` once on a pool thread and reports its result or its failure."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until it has reported
        self.signals = TaskSignals()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except CoachJournalError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception:
            log.exception("An exchange task failed")
            self.signals.failed.emit(
                "Something unexpected went wrong, and nothing was changed. "
                f"The details are in {log_dir() / LOG_NAME}."
            )
            return
        finally:
            close_thread_connection()
        self.signals.succeeded.emit(result)


class Tasks(QObject):
    """Starts tasks on the global pool and keeps each alive until it has reported."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(
        self,
        work: Callable[[], object],
        succeeded: Callable[[object], object],
        failed: Callable[[str], object],
    ) -> Task:
        """Run ``work`` on a pool thread; ``succeeded`` or ``failed`` runs on the GUI thread."""
        task = Task(work)
        self._running.add(task)
        task.signals.succeeded.connect(lambda _result: self._running.discard(task))
        task.signals.failed.connect(lambda _message: self._running.discard(task))
        task.signals.succeeded.connect(succeeded)
        task.signals.failed.connect(failed)
        QThreadPool.globalInstance().start(task)
        return task
