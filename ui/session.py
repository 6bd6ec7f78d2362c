"""The one adapter between the widgets and the core's services.

Every write goes through a :class:`JournalSession` method, which calls the core and then emits a
typed, past-tense signal, so screens refresh without knowing about each other. Writes happen on
the GUI thread only.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from peewee import DatabaseError, SqliteDatabase
from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from coachjournal import paths
from coachjournal.coaching import cadence, results, roster
from coachjournal.coaching.cadence import CadenceRule
from coachjournal.coaching.results import Figure, FiscalPeriod, ResultSettings, Value
from coachjournal.coaching.roster import ManagerRecord
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import (
    ActionStatus,
    AssignmentStatus,
    Owner,
    ReviewPeriod,
    TouchpointKind,
    TraitKind,
)
from coachjournal.storage import db, lock, preferences
from coachjournal.storage.files import remove_journal as remove_journal
from coachjournal.storage.models import database

# The machine-wide preferences' vocabulary, for the screens that show or follow them: they
# reach the preferences file only through the session (and the start-up in ui/app.py).
from coachjournal.storage.preferences import BACKUPS_KEPT_RANGE as BACKUPS_KEPT_RANGE
from coachjournal.storage.preferences import DATE_FORMATS as DATE_FORMATS
from coachjournal.storage.preferences import LOCK_MINUTES_RANGE as LOCK_MINUTES_RANGE
from coachjournal.storage.preferences import DateFormat as DateFormat
from coachjournal.storage.preferences import Preferences as Preferences
from coachjournal.storage.preferences import Theme as Theme
from coachjournal.storage.undo import Change, UndoLog

if TYPE_CHECKING:
    # The first screen (the roster and the team dashboard) reads the roster, the cadences and
    # the results alone: the modules of the other screens' writes are imported by the write
    # that first needs them, so start-up does not pay for them (tests/test_startup_imports.py).
    from coachjournal.coaching import prep, questions
    from coachjournal.coaching.development import (
        AssignmentRecord,
        MotivatorRecord,
        RatingPoint,
        TraitRecord,
    )
    from coachjournal.coaching.team import talent
    from coachjournal.coaching.team.plan import Goal, Plan
    from coachjournal.coaching.touchpoints import (
        ActionItemRecord,
        NewActionItem,
        TouchpointRecord,
    )
    from coachjournal.exchange.ics import CalendarCounts, CalendarPlan
    from coachjournal.exchange.results_import import ResultsCounts, ResultsPlan
    from coachjournal.exchange.roster_import import RosterCounts, RosterPlan
    from coachjournal.safety.backup import BackupFile
    from coachjournal.safety.encryption import Conversion
    from coachjournal.sync import Conflict, Keep
    from coachjournal.sync.service import Incoming, RoundReport, SyncConfig, SyncStatus


def is_encrypted(path: Path) -> bool:
    """Whether the journal at ``path`` is protected by a passphrase (it needs none to tell)."""
    return db.is_encrypted(path)


def close_thread_connection() -> None:
    """Close the calling thread's connection to the open journal, if it made one (a worker's,
    when its work is done: see :mod:`ui.tasks`)."""
    opened = database.obj
    if opened is not None and not opened.is_closed():
        opened.close()


def _opened() -> SqliteDatabase:
    """The open journal's database (its connections are per thread, as everywhere)."""
    opened: SqliteDatabase = database.obj
    return opened


_P = ParamSpec("_P")
#: What a failing disk under a write raises: peewee's errors and the drivers' own.
_DISK_ERRORS: tuple[type[Exception], ...] = (DatabaseError, *db.DRIVER_ERRORS)
_R = TypeVar("_R")


def _write(
    method: Callable[Concatenate[JournalSession, _P], _R],
) -> Callable[Concatenate[JournalSession, _P], _R]:
    """Mark a write: ``method``, with a failure of the disk under it (full, read-only, I/O
    error) turned into a :class:`coachjournal.storage.lock.JournalWriteError` and announced by
    ``write_failed``; the next write that succeeds announces ``write_recovered``.

    The widgets already show a CoachJournalError's sentence where the user saves and keep what
    they typed, so this one place covers every write; SQLite has rolled the failed transaction
    back, so nothing saved before is touched. The methods that open, switch, lock or close the
    journal are not marked: they report their own errors.
    """

    @functools.wraps(method)
    def guarded(self: JournalSession, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            with self._recorded(method.__name__, args, frozenset(kwargs)):
                result = method(self, *args, **kwargs)
        except _DISK_ERRORS as error:
            failure = lock.write_failure(error)
            if failure is None:
                raise
            self._write_failing = True
            self.write_failed.emit(str(failure))
            raise failure from error
        if self._write_failing:
            self._write_failing = False
            self.write_recovered.emit()
        return result

    return guarded


#: What Edit ▸ Undo calls a write ("Undo Move to Trash") where its method's name, in words,
#: would not say it ("Undo Delete Motivator" is said by the name ``delete_motivator``).
_STEP_NAMES = {
    "log_touchpoint": "Log Touchpoint",
    "update_touchpoint": "Edit Touchpoint",
    "trash_touchpoint": "Move to Trash",
    "restore_touchpoint": "Restore from Trash",
    "update_manager": "Edit Profile",
    "update_action_item": "Edit Action Item",
    "add_trait": "Add Skill",
    "update_trait": "Edit Skill",
    "set_trait_kind": "Move Skill",
    "rate_trait": "Change Rating",
    "delete_trait": "Delete Skill",
    "link_evidence": "Link Touchpoint to Skill",
    "unlink_evidence": "Unlink Touchpoint from Skill",
    "update_motivator": "Edit Motivator",
    "reorder_motivators": "Reorder Motivators",
    "update_assignment": "Edit Assignment",
    "set_assignment_status": "Change Assignment Status",
    "set_cadence": "Edit Cadence",
    "set_counts_as_one_on_one": "Edit What Counts as a One-on-One",
    "set_applies": "Edit Who an Activity Is For",
    "set_result_figures": "Edit Results",
    "save_result_settings": "Edit Results Settings",
    "restore_questions": "Restore Default Questions",
    "add_review": "New Talent Review",
    "delete_review": "Delete Talent Review",
    "place_manager": "Move on the Talent Grid",
    "unplace_manager": "Take off the Talent Grid",
    "update_placement": "Edit Talent Placement",
}
#: Writes whose saves follow typing (autosave): the saves of one record's same fields in a row
#: are one step.
_TYPED = frozenset(
    {
        "update_touchpoint",
        "update_manager",
        "update_action_item",
        "update_trait",
        "update_motivator",
        "update_assignment",
        "update_placement",
    }
)
#: Writes that are no step: drafts (an agenda is one) and the questions asked are kept as the
#: user works (a draft comes and goes with the step that deletes or logs it, see
#: :mod:`coachjournal.storage.undo`), the home journal is a preference, a restore replaces the
#: file, and sync's writes are another computer's work or sync's own state (the history is
#: forgotten when a round changes the journal).
_UNRECORDED = frozenset(
    {
        "save_draft",
        "discard_draft",
        "save_agenda",
        "remember_questions",
        "keep_as_home",
        "restore_backup",
        "finish_sync_round",
        "resolve_sync_conflict",
        "pause_sync",
        "leave_sync",
    }
)
#: The writes that take something out of sight, and what the notice offering Undo says.
_NOTICES = {
    "trash_touchpoint": "Moved to trash",
    "delete_forever": "Deleted forever",
    "empty_trash": "Trash emptied",
    "delete_manager": "Manager deleted",
    "delete_action_item": "Action item deleted",
    "delete_trait": "Skill deleted",
    "delete_rating": "Rating deleted",
    "delete_motivator": "Motivator deleted",
    "delete_assignment": "Assignment deleted",
    "delete_team_plan": "Team plan deleted",
    "remove_question": "Question removed",
    "delete_review": "Talent review deleted",
    "unplace_manager": "Taken off the grid",
}


def _step_name(method: str, args: tuple[object, ...]) -> str:
    """The step's name for the Edit menu; archiving and an item's status depend on the value."""
    if method == "set_archived" and len(args) > 1:
        return "Archive Manager" if args[1] else "Unarchive Manager"
    if method == "set_action_status" and len(args) > 1:
        return {ActionStatus.DONE: "Mark Done", ActionStatus.DROPPED: "Drop Action Item"}.get(
            ActionStatus(str(args[1])), "Reopen Action Item"
        )
    return _STEP_NAMES.get(method, method.replace("_", " ").title())


def _notice(method: str, args: tuple[object, ...]) -> str | None:
    if method == "set_archived" and len(args) > 1 and args[1]:
        return "Manager archived"
    if method == "set_action_status" and len(args) > 1 and args[1] == ActionStatus.DONE:
        return "Marked done"
    return _NOTICES.get(method)


class JournalSession(QObject):
    """The open journal: which file, whether it is the sample team, and its write operations."""

    #: The open journal is about to close (another opens, or a backup replaces it): screens
    #: save what they hold and forget its records, whose ids mean nothing in the next one.
    journal_closing = Signal()
    journal_opened = Signal()
    manager_added = Signal(int)
    manager_changed = Signal(int)
    manager_removed = Signal(int)
    #: A manager's journal changed: a touchpoint was saved, trashed or restored, or one of
    #: their action items changed. Carries the manager's id.
    entries_changed = Signal(int)
    #: A touchpoint was written (touchpoint id).
    touchpoint_saved = Signal(int)
    trash_changed = Signal()
    #: A cadence or the one-on-one counting rule changed (statuses may have moved).
    cadence_changed = Signal()
    #: A manager's strengths and development areas changed: a trait, a rating or a link to a
    #: touchpoint where one showed. Carries the manager's id.
    traits_changed = Signal(int)
    #: A manager's motivators were added, edited, confirmed, ranked or deleted (manager id).
    motivators_changed = Signal(int)
    #: A manager's growth assignments changed (manager id).
    assignments_changed = Signal(int)
    #: A manager's prep agenda (the draft of their next one-on-one) changed (manager id).
    agenda_changed = Signal(int)
    #: The question bank of the prep sheet was edited or restored.
    questions_changed = Signal()
    #: A manager's results (plan, actual, team size, coaching of reps) changed (manager id).
    results_changed = Signal(int)
    #: A team plan was added, changed or deleted (or an undo touched one).
    team_plans_changed = Signal()
    #: The results settings changed: months or quarters, fiscal year start, rep coaching target.
    result_settings_changed = Signal()
    #: A talent review or one of its placements was added, changed or removed.
    talent_changed = Signal()

    #: The journal's passphrase was set, changed or removed (it was reopened after).
    encryption_changed = Signal()
    #: The window locked (True: the journal is closed, its passphrase dropped) or unlocked.
    locked_changed = Signal(bool)
    #: A write failed for a reason outside the app (disk full, read-only, disk error); carries
    #: the sentence to show. Nothing of that write was saved; nothing saved before was lost.
    write_failed = Signal(str)
    #: A write succeeded again after :attr:`write_failed`.
    write_recovered = Signal()
    #: What Undo and Redo would do changed (a step was recorded, undone, redone or forgotten).
    undo_changed = Signal()
    #: Something went out of sight (moved to the trash, deleted, marked done): carries the
    #: sentence of a notice that offers Undo ("Moved to trash").
    undoable_removal = Signal(str)
    #: An undo or redo brought a row back (its table, its id, its manager's id): a screen that
    #: lists such rows may show it ("trait", 12, 3).
    record_restored = Signal(str, int, int)
    #: An undo or redo rewrote rows (after the signals of what it touched): an editor showing
    #: typed text of a record reads the record again.
    history_replayed = Signal()
    #: Sync was set up, paused, resumed or left, a round ended or a conflict was resolved: the
    #: status line reads the sync status again.
    sync_changed = Signal()

    #: The last write failed on the disk (see :func:`_write`).
    _write_failing = False
    #: The passphrase of the journal closed while a sync folder is joined (see join_sync_work).
    _before_join: str | None = None
    #: What the notice will say once the step being recorded is (the first removal in it).
    _notice: str | None = None

    def __init__(
        self, path: Path, parent: QObject | None = None, *, passphrase: str | None = None
    ) -> None:
        super().__init__(parent)
        self._home = path
        self.path = path
        self.locked = False
        # One writer per journal: a second app on this file is refused (JournalInUseError).
        self._writer = lock.JournalLock(path)
        self._writer.acquire()
        try:
            db.open_journal(path, passphrase=passphrase)
        except BaseException:
            self._writer.release()
            raise
        #: The open journal's undo history (see :mod:`coachjournal.storage.undo`).
        self._history = UndoLog()
        self.journal_opened.connect(self._forget_history)
        self.locked_changed.connect(self._forget_history)

    @property
    def is_sample(self) -> bool:
        return self.path == paths.sample_journal_path() and self.path != self._home

    def open(
        self,
        path: Path,
        prepare: Callable[[], object] | None = None,
        passphrase: str | None = None,
    ) -> None:
        """Switch to another journal file (the user's own or the sample team).

        ``prepare`` runs once the current journal is closed (to write a new file, say). If
        anything fails, the current journal is opened again and the error goes to the caller.
        """
        self.journal_closing.emit()
        writer = self._writer if path == self.path else lock.JournalLock(path)
        writer.acquire()
        current = db.current_passphrase()
        db.close_journal()
        try:
            if prepare is not None:
                prepare()
            db.open_journal(path, passphrase=passphrase)
        except Exception:
            if writer is not self._writer:
                writer.release()
            db.open_journal(self.path, passphrase=current)
            raise
        if writer is not self._writer:
            self._writer.release()
            self._writer = writer
        self.path = path
        self.journal_opened.emit()

    def open_with_same_passphrase(self, path: Path) -> None:
        """Switch to ``path`` with the passphrase of the journal open now (a journal restored
        from an export is protected like the one it came from)."""
        self.open(path, passphrase=db.current_passphrase())

    @staticmethod
    def refuse_journal_target(path: Path) -> None:
        """A :class:`CoachJournalError` if a file about to be written over is a journal (any
        journal, this one included, however its path is spelled)."""
        if db.is_journal(path):
            raise CoachJournalError(
                f"{path} is a journal, so it was left untouched; choose another name."
            )

    @property
    def protected(self) -> bool:
        """Whether the open journal was opened with a passphrase."""
        return db.current_passphrase() is not None

    @property
    def encrypted(self) -> bool:
        """Whether the journal file is protected by a passphrase (the sample team never is)."""
        return not self.is_sample and db.is_encrypted(self.path)

    def open_sample(self) -> None:
        """Open the sample team, writing it first if it does not exist yet."""
        from coachjournal import sample  # imported here: its vocabulary is only needed now

        path = paths.sample_journal_path()
        if db.is_journal(path):
            self.open(path)
        else:
            self.open(path, lambda: sample.create_sample_journal(path, force=True))

    def open_home(self, passphrase: str | None = None) -> None:
        """Go back from the sample team to the user's own journal (``passphrase`` if it is
        encrypted)."""
        self.open(self._home, passphrase=passphrase)

    @property
    def team_changes(self) -> tuple[SignalInstance, ...]:
        """The signals after which a team-wide view (the dashboard, the charts) reads again:
        any touchpoint, manager, cadence or result changed."""
        return (
            self.entries_changed,
            self.manager_added,
            self.manager_changed,
            self.manager_removed,
            self.cadence_changed,
            self.results_changed,
            self.result_settings_changed,
        )

    @property
    def home_path(self) -> Path:
        """The user's own journal, whichever journal is open now."""
        return self._home

    @_write
    def keep_as_home(self) -> None:
        """The open journal becomes the user's own, opened at every start from now on (after a
        restore into a new file)."""
        preferences.remember_journal(self.path)
        self._home = self.path

    def lock(self) -> None:
        """Close the journal and drop its passphrase (the window has hidden its content)."""
        db.close_journal()
        self.locked = True
        self.locked_changed.emit(True)

    def unlock(self, passphrase: str) -> None:
        """Reopen the journal; raises WrongPassphrase (and stays locked) if it does not open."""
        db.open_journal(self.path, create=False, passphrase=passphrase)
        self.locked = False
        self.locked_changed.emit(False)

    def suspend(self) -> None:
        """Close the journal while its file is converted (see :meth:`resume`)."""
        db.close_journal()
        self._forget_history()

    def resume(self, passphrase: str | None, *, changed: bool) -> None:
        """Reopen the journal after a conversion; ``changed``: its passphrase changed."""
        db.open_journal(self.path, create=False, passphrase=passphrase)
        if changed:
            self.encryption_changed.emit()

    def close(self) -> None:
        db.close_journal()
        self._writer.release()

    # --- Undo and redo: one history per open journal, cleared when it closes or locks --------

    @property
    def undo_text(self) -> str | None:
        """The name of what Undo would take back ("Move to Trash"), if anything."""
        return self._history.undo_name

    @property
    def redo_text(self) -> str | None:
        return self._history.redo_name

    @contextmanager
    def undo_step(self, name: str, key: Hashable | None = None) -> Iterator[None]:
        """Make the writes of the block one step named ``name``: several writes of one save (an
        entry with its action items), or a screen's own words for a change. The saves of a
        block with the same ``key`` as the newest step, right after it, join that step.

        A removal made in the block is announced (:attr:`undoable_removal`) once the step is
        recorded, so that the notice's Undo takes back the whole step."""
        outermost = not self._history.recording
        top = self._history.undo_steps[-1:]
        try:
            with self._history.step(name, key):
                yield
            notice = self._notice if outermost else None
        finally:
            if outermost:
                self._notice = None
            self.undo_changed.emit()
        if notice is not None and self._history.undo_steps[-1:] != top:
            self.undoable_removal.emit(notice)

    @contextmanager
    def _recorded(
        self, method: str, args: tuple[object, ...], fields: frozenset[str] = frozenset()
    ) -> Iterator[None]:
        """Record the write ``method`` (called with ``args``, and keywords named ``fields``) as
        a step, and offer Undo in a notice when it took something out of sight. The saves of
        typing in one field of one record join one step; another field is a step of its own
        (Undo after typing a note, then choosing a risk, takes back the risk alone)."""
        if method in _UNRECORDED:
            yield
            return
        key = (method, args[0], fields) if method in _TYPED and args else None
        with self.undo_step(_step_name(method, args), key):
            yield
            self._notice = self._notice or _notice(method, args)

    def undo(self) -> str:
        """Take back the newest step and refresh what it touched; returns its name. Raises
        :class:`coachjournal.storage.undo.UndoError` (a CoachJournalError) if it cannot."""
        return self._replay(self._history.undo)

    def redo(self) -> str:
        """Make again the step undone last; returns its name."""
        return self._replay(self._history.redo)

    def _replay(self, move: Callable[[], tuple[str, list[Change]]]) -> str:
        try:
            name, changes = move()
        finally:
            self.undo_changed.emit()
        self._announce(changes)
        self.history_replayed.emit()
        return name

    def _announce(self, changes: list[Change]) -> None:
        """Emit the signals of the rows an undo or redo wrote, so every screen reads again."""
        tables = {change.table for change in changes}
        added = {c.manager_id for c in changes if c.table == "manager" and c.op == "INSERT"}
        removed = {c.manager_id for c in changes if c.table == "manager" and c.op == "DELETE"}
        for manager_id in sorted(m for m in added if m is not None):
            self.manager_added.emit(manager_id)
        per_manager: dict[str, tuple[SignalInstance, ...]] = {
            "manager": (self.manager_changed,),
            "touchpoint": (self.entries_changed,),
            "touchpoint_attendee": (self.entries_changed,),
            "action_item": (self.entries_changed,),
            "trait": (self.traits_changed, self.assignments_changed),
            "trait_rating": (self.traits_changed,),
            "trait_evidence": (self.traits_changed,),
            "motivator": (self.motivators_changed,),
            "assignment": (self.assignments_changed, self.entries_changed),
            "result": (self.results_changed,),
            "draft": (self.agenda_changed,),
        }
        emitted: set[tuple[SignalInstance, int]] = set()
        for change in changes:
            if change.manager_id is None or change.manager_id in removed:
                continue
            for signal in per_manager.get(change.table, ()):
                if (signal, change.manager_id) not in emitted:
                    emitted.add((signal, change.manager_id))
                    signal.emit(change.manager_id)
        if "touchpoint" in tables:
            self.trash_changed.emit()
        if tables & {"cadence", "cadence_applies", "setting"}:
            self.cadence_changed.emit()
        if tables & {"talent_review", "talent_placement"}:
            self.talent_changed.emit()
        if tables & {"team_plan", "team_plan_goal"}:
            self.team_plans_changed.emit()
        if "setting" in tables:
            self.questions_changed.emit()
            self.result_settings_changed.emit()
        for change in changes:
            if change.op == "INSERT" and change.manager_id is not None:
                self.record_restored.emit(change.table, change.row_id, change.manager_id)
        for manager_id in sorted(m for m in removed if m is not None):
            self.manager_removed.emit(manager_id)

    @Slot()
    def _forget_history(self) -> None:
        self._history.clear()
        self.undo_changed.emit()

    # --- Preferences, passphrase and backups: what the settings, the lock and the backups ask

    def load_preferences(self, path: Path | None = None) -> Preferences:
        """The machine-wide preferences (from ``path`` instead of the usual file, in tests)."""
        return preferences.load(path)

    def save_preferences(self, values: Preferences, path: Path | None = None) -> None:
        preferences.save(values, path)

    def check_passphrase(self, passphrase: str) -> None:
        """Raise WrongPassphrase unless ``passphrase`` opens the journal's file."""
        db.connect_raw(self.path, passphrase).close()

    # The conversions run on a worker thread while the journal is suspended.

    def encrypt(self, new: str) -> Conversion:
        from coachjournal.safety import encryption  # imported here: only a conversion needs it

        return encryption.encrypt_journal(self.path, new)

    def change_passphrase(self, current: str, new: str) -> Conversion:
        from coachjournal.safety import encryption

        return encryption.change_passphrase(self.path, current, new)

    def decrypt(self, current: str) -> Conversion:
        from coachjournal.safety import encryption

        return encryption.decrypt_journal(self.path, current)

    def backup_work(self, *, automatic: bool) -> Callable[[], Path | None]:
        """A backup of the open journal, to run on a worker thread: into the backup folder and
        rotated (Back Up Now), or, ``automatic``, the day's first backup when none was made
        today (None then). Reads the passphrase and the preferences now, on the GUI thread."""
        from coachjournal.safety import backup

        path, passphrase = self.path, db.current_passphrase()
        if automatic:
            return lambda: backup.automatic_backup(path, passphrase, on_quit=False)
        settings = preferences.load()
        return lambda: backup.backup_to_folder(
            path,
            settings.backup_dir(),
            passphrase,
            daily=settings.daily_backups,
            weekly=settings.weekly_backups,
        )[0]

    def list_backups(self) -> tuple[list[BackupFile], Path]:
        """The open journal's backups, newest first, and the folder they are in."""
        from coachjournal.safety import backup

        folder = preferences.load().backup_dir()
        return backup.list_backups(self.path, folder), folder

    @_write
    def restore_backup(self, source: Path) -> Path | None:
        """Replace the open journal by the backup ``source`` (checked first; the journal as it
        was is kept beside it: its path is returned) and show the restored journal everywhere.
        If the backup is refused, the journal is opened again as it was."""
        from coachjournal.safety import backup  # imported here: only a restore needs it

        self.journal_closing.emit()
        passphrase = db.current_passphrase()
        db.close_journal()
        try:
            safety = backup.restore(source, self.path, passphrase)
        finally:
            db.open_journal(self.path, create=False, passphrase=passphrase)
        self.reload()
        return safety

    def reload(self) -> None:
        """The open journal changed as a whole (a restore wrote all of it): every screen reads
        it again, as after opening it."""
        self.journal_opened.emit()

    @_write
    def import_calendar(self, plan: CalendarPlan) -> CalendarCounts:
        """Create the touchpoints of a previewed calendar import (duplicates are skipped)."""
        from coachjournal.exchange import (
            ics,  # imported here: the calendar parser is not needed at start
        )

        counts = ics.apply(plan)
        if counts.created:
            for manager_id in sorted({planned.manager_id for planned in plan.new}):
                self.entries_changed.emit(manager_id)
        return counts

    @_write
    def import_roster(self, plan: RosterPlan, *, names_as_written: bool = False) -> RosterCounts:
        """Add the new managers of a previewed roster file ("Last, First" names kept as the
        file writes them with ``names_as_written``)."""
        from coachjournal.exchange import roster_import

        before = {record.id for record in roster.list_managers(include_archived=True)}
        counts = roster_import.apply_roster(plan, names_as_written=names_as_written)
        added = {record.id for record in roster.list_managers(include_archived=True)} - before
        for manager_id in sorted(added):
            self.manager_added.emit(manager_id)
        return counts

    @_write
    def add_manager(self, name: str) -> ManagerRecord:
        record = roster.create_manager(name)
        self.manager_added.emit(record.id)
        return record

    @_write
    def update_manager(self, /, manager_id: int, **changes: Any) -> ManagerRecord:
        record = roster.update_manager(manager_id, **changes)
        self.manager_changed.emit(manager_id)
        return record

    @_write
    def set_archived(self, manager_id: int, archived: bool) -> ManagerRecord:
        record = roster.set_archived(manager_id, archived)
        self.manager_changed.emit(manager_id)
        return record

    @_write
    def delete_manager(self, manager_id: int) -> None:
        roster.delete_manager(manager_id)
        self.manager_removed.emit(manager_id)

    @_write
    def log_touchpoint(
        self,
        /,
        manager_id: int,
        occurred_at: dt.datetime,
        kind: str,
        items: list[NewActionItem],
        draft_id: int | None,
        **fields: Any,
    ) -> TouchpointRecord:
        from coachjournal.coaching import touchpoints

        record = touchpoints.log_touchpoint(
            manager_id, occurred_at, kind, items, draft_id=draft_id, **fields
        )
        self.touchpoint_saved.emit(record.id)
        for attendee in record.attendee_ids:  # each one's journal shows it
            self.entries_changed.emit(attendee)
        return record

    @_write
    def update_touchpoint(self, /, touchpoint_id: int, **changes: Any) -> TouchpointRecord:
        from coachjournal.coaching import touchpoints

        before = touchpoints.get_touchpoint(touchpoint_id)
        record = touchpoints.update_touchpoint(touchpoint_id, **changes)
        self.touchpoint_saved.emit(touchpoint_id)
        for attendee in dict.fromkeys((*record.attendee_ids, *before.attendee_ids)):
            self.entries_changed.emit(attendee)
        return record

    @_write
    def trash_touchpoint(self, touchpoint_id: int) -> None:
        from coachjournal.coaching import touchpoints

        attendees = touchpoints.get_touchpoint(touchpoint_id).attendee_ids
        touchpoints.trash_touchpoint(touchpoint_id)
        for attendee in attendees:
            self.entries_changed.emit(attendee)
        self.trash_changed.emit()

    @_write
    def restore_touchpoint(self, touchpoint_id: int) -> None:
        from coachjournal.coaching import touchpoints

        attendees = touchpoints.get_touchpoint(touchpoint_id).attendee_ids
        touchpoints.restore_touchpoint(touchpoint_id)
        for attendee in attendees:
            self.entries_changed.emit(attendee)
        self.trash_changed.emit()

    @_write
    def merge_touchpoints(self, touchpoint_ids: list[int]) -> TouchpointRecord:
        """Merge entries of one meeting logged once per manager (the user asked)."""
        from coachjournal.coaching import touchpoints

        record = touchpoints.merge_touchpoints(touchpoint_ids)
        self.touchpoint_saved.emit(record.id)
        for attendee in record.attendee_ids:
            self.entries_changed.emit(attendee)
        return record

    @_write
    def delete_forever(self, touchpoint_ids: list[int]) -> int:
        from coachjournal.coaching import touchpoints

        deleted = touchpoints.delete_forever(touchpoint_ids)
        self.trash_changed.emit()
        return deleted

    @_write
    def empty_trash(self) -> int:
        from coachjournal.coaching import touchpoints

        deleted = touchpoints.empty_trash()
        self.trash_changed.emit()
        return deleted

    @_write
    def add_action_item(
        self,
        manager_id: int,
        text: str,
        owner: Owner,
        due_on: dt.date | None,
        touchpoint_id: int | None,
    ) -> ActionItemRecord:
        from coachjournal.coaching import touchpoints

        item = touchpoints.add_action_item(manager_id, text, owner, due_on, touchpoint_id)
        self.entries_changed.emit(manager_id)
        return item

    @_write
    def update_action_item(
        self, item_id: int, text: str, owner: Owner, due_on: dt.date | None
    ) -> ActionItemRecord:
        from coachjournal.coaching import touchpoints

        item = touchpoints.update_action_item(item_id, text=text, owner=owner, due_on=due_on)
        self.entries_changed.emit(item.manager_id)
        return item

    @_write
    def set_action_status(self, item_id: int, status: ActionStatus) -> ActionItemRecord:
        from coachjournal.coaching import touchpoints

        item = touchpoints.set_action_status(item_id, status)
        self.entries_changed.emit(item.manager_id)
        return item

    @_write
    def delete_action_item(self, item_id: int) -> None:
        from coachjournal.coaching import touchpoints

        manager_id = touchpoints.get_action_item(item_id).manager_id
        touchpoints.delete_action_item(item_id)
        self.entries_changed.emit(manager_id)

    @_write
    def save_draft(self, draft_id: int | None, manager_id: int, payload: dict[str, Any]) -> int:
        from coachjournal.coaching import touchpoints

        return touchpoints.save_draft(draft_id, manager_id, payload)

    @_write
    def discard_draft(self, draft_id: int) -> None:
        from coachjournal.coaching import touchpoints

        touchpoints.discard_draft(draft_id)

    # --- Talent reviews ---------------------------------------------------------------------

    @_write
    def add_review(
        self,
        title: str,
        held_on: dt.date,
        period: ReviewPeriod,
        start_from: int | None = None,
    ) -> talent.ReviewRecord:
        from coachjournal.coaching.team import talent

        review = talent.add_review(title, held_on, period, start_from=start_from)
        self.talent_changed.emit()
        return review

    @_write
    def delete_review(self, review_id: int) -> None:
        from coachjournal.coaching.team import talent

        talent.delete_review(review_id)
        self.talent_changed.emit()

    @_write
    def place_manager(
        self, review_id: int, manager_id: int, performance: int, potential: int
    ) -> talent.PlacementRecord:
        """Put the manager in a box of the review (asks nothing: Undo takes it back)."""
        from coachjournal.coaching.team import talent

        placement = talent.place(review_id, manager_id, performance, potential)
        self.talent_changed.emit()
        return placement

    @_write
    def unplace_manager(self, review_id: int, manager_id: int) -> None:
        from coachjournal.coaching.team import talent

        talent.unplace(review_id, manager_id)
        self.talent_changed.emit()

    @_write
    def update_placement(self, /, placement_id: int, **changes: Any) -> talent.PlacementRecord:
        from coachjournal.coaching.team import talent

        placement = talent.update_placement(placement_id, **changes)
        self.talent_changed.emit()
        return placement

    # --- One-on-one prep: the agenda and the question bank ----------------------------------

    @_write
    def save_agenda(self, manager_id: int, text: str) -> prep.Agenda | None:
        from coachjournal.coaching import prep

        agenda = prep.save_agenda(manager_id, text)
        self.agenda_changed.emit(manager_id)
        return agenda

    @_write
    def remember_questions(self, sheet: prep.PrepSheet) -> None:
        from coachjournal.coaching import prep

        prep.remember_questions(sheet)

    @_write
    def add_question(self, category: questions.Category, text: str) -> questions.Question:
        from coachjournal.coaching import questions

        question = questions.add_question(category, text)
        self.questions_changed.emit()
        return question

    @_write
    def update_question(
        self, question_id: str, category: questions.Category, text: str
    ) -> questions.Question:
        from coachjournal.coaching import questions

        question = questions.update_question(question_id, category, text)
        self.questions_changed.emit()
        return question

    @_write
    def remove_question(self, question_id: str) -> None:
        from coachjournal.coaching import questions

        questions.remove_question(question_id)
        self.questions_changed.emit()

    @_write
    def restore_questions(self) -> None:
        from coachjournal.coaching import questions

        questions.restore_defaults()
        self.questions_changed.emit()

    @_write
    def set_cadence(
        self, manager_id: int | None, kind: TouchpointKind, ideal_days: int, max_days: int
    ) -> CadenceRule:
        """Set a manager's own cadence for a kind, or the team default (``manager_id`` None)."""
        if manager_id is None:
            rule = cadence.set_team_default(kind, ideal_days, max_days)
        else:
            rule = cadence.set_override(manager_id, kind, ideal_days, max_days)
        self.cadence_changed.emit()
        return rule

    @_write
    def reset_cadence(self, manager_id: int | None, kind: TouchpointKind) -> CadenceRule:
        """Back to the team default (for a manager) or the built-in one (for the team)."""
        if manager_id is None:
            rule = cadence.clear_team_default(kind)
        else:
            rule = cadence.clear_override(manager_id, kind)
        self.cadence_changed.emit()
        return rule

    @_write
    def set_applies(
        self,
        kind: TouchpointKind,
        applies: bool | None,
        *,
        manager_id: int | None = None,
        team: str | None = None,
    ) -> None:
        """Mark an activity as for them or not (None: follow the wider default), for one
        manager, for a team by name or for everyone; see :func:`cadence.set_applies`."""
        cadence.set_applies(kind, applies, manager_id=manager_id, team=team)
        self.cadence_changed.emit()

    @_write
    def set_counts_as_one_on_one(self, kinds: set[TouchpointKind]) -> None:
        cadence.set_counts_as_one_on_one(kinds)
        self.cadence_changed.emit()

    # --- Development: traits, evidence, motivators, assignments -----------------------------

    @_write
    def add_trait(
        self,
        manager_id: int,
        kind: TraitKind,
        skill: str,
        detail: str = "",
        *,
        rating: int | None = None,
        target_rating: int | None = None,
        target_date: dt.date | None = None,
    ) -> TraitRecord:
        from coachjournal.coaching import development

        record = development.add_trait(
            manager_id,
            kind,
            skill,
            detail,
            rating=rating,
            target_rating=target_rating,
            target_date=target_date,
        )
        self.traits_changed.emit(manager_id)
        return record

    @_write
    def update_trait(self, /, trait_id: int, **changes: Any) -> TraitRecord:
        from coachjournal.coaching import development

        record = development.update_trait(trait_id, **changes)
        self.traits_changed.emit(record.manager_id)
        if "skill" in changes:
            self.assignments_changed.emit(record.manager_id)
        return record

    @_write
    def set_trait_kind(self, trait_id: int, kind: TraitKind) -> TraitRecord:
        from coachjournal.coaching import development

        record = development.set_trait_kind(trait_id, kind)
        self.traits_changed.emit(record.manager_id)
        return record

    @_write
    def rate_trait(
        self, trait_id: int, rating: int, rated_on: dt.date | None = None, note: str = ""
    ) -> TraitRecord:
        from coachjournal.coaching import development

        record = development.rate_trait(trait_id, rating, rated_on, note)
        self.traits_changed.emit(record.manager_id)
        return record

    @_write
    def delete_rating(self, rating_id: int) -> tuple[int, RatingPoint]:
        from coachjournal.coaching import development

        trait_id, point = development.delete_rating(rating_id)
        self.traits_changed.emit(development.get_trait(trait_id).manager_id)
        return trait_id, point

    @_write
    def delete_trait(self, trait_id: int) -> TraitRecord:
        from coachjournal.coaching import development

        manager_id = development.get_trait(trait_id).manager_id
        developed = development.list_assignments(manager_id)
        record = development.delete_trait(trait_id)
        self.traits_changed.emit(manager_id)
        if any(assignment.trait_id == trait_id for assignment in developed):
            self.assignments_changed.emit(manager_id)
        return record

    @_write
    def link_evidence(self, trait_id: int, touchpoint_id: int) -> None:
        from coachjournal.coaching import development

        development.link_evidence(trait_id, touchpoint_id)
        self.traits_changed.emit(development.get_trait(trait_id).manager_id)

    @_write
    def unlink_evidence(self, trait_id: int, touchpoint_id: int) -> None:
        from coachjournal.coaching import development

        development.unlink_evidence(trait_id, touchpoint_id)
        self.traits_changed.emit(development.get_trait(trait_id).manager_id)

    @_write
    def add_motivator(
        self, manager_id: int, name: str, note: str = "", confirmed_on: dt.date | None = None
    ) -> MotivatorRecord:
        from coachjournal.coaching import development

        record = development.add_motivator(manager_id, name, note, confirmed_on)
        self.motivators_changed.emit(manager_id)
        return record

    @_write
    def update_motivator(self, /, motivator_id: int, **changes: Any) -> MotivatorRecord:
        from coachjournal.coaching import development

        record = development.update_motivator(motivator_id, **changes)
        self.motivators_changed.emit(record.manager_id)
        return record

    @_write
    def confirm_motivator(self, motivator_id: int) -> MotivatorRecord:
        from coachjournal.coaching import development

        record = development.confirm_motivator(motivator_id)
        self.motivators_changed.emit(record.manager_id)
        return record

    @_write
    def reorder_motivators(self, manager_id: int, ordered_ids: list[int]) -> None:
        from coachjournal.coaching import development

        development.reorder_motivators(manager_id, ordered_ids)
        self.motivators_changed.emit(manager_id)

    @_write
    def delete_motivator(self, motivator_id: int) -> MotivatorRecord:
        from coachjournal.coaching import development

        record = development.delete_motivator(motivator_id)
        self.motivators_changed.emit(record.manager_id)
        return record

    @_write
    def add_assignment(self, /, manager_id: int, title: str, **fields: Any) -> AssignmentRecord:
        from coachjournal.coaching import development

        record = development.add_assignment(manager_id, title, **fields)
        self.assignments_changed.emit(manager_id)
        return record

    @_write
    def update_assignment(self, /, assignment_id: int, **changes: Any) -> AssignmentRecord:
        from coachjournal.coaching import development

        record = development.update_assignment(assignment_id, **changes)
        self.assignments_changed.emit(record.manager_id)
        return record

    @_write
    def set_assignment_status(
        self, assignment_id: int, status: AssignmentStatus, on: dt.date | None = None
    ) -> AssignmentRecord:
        from coachjournal.coaching import development

        record = development.set_assignment_status(assignment_id, status, on=on)
        self.assignments_changed.emit(record.manager_id)
        return record

    @_write
    def delete_assignment(self, assignment_id: int) -> AssignmentRecord:
        from coachjournal.coaching import development

        record = development.delete_assignment(assignment_id)
        self.assignments_changed.emit(record.manager_id)
        return record

    @_write
    def set_result_figures(
        self, manager_id: int, changes: list[tuple[FiscalPeriod, dict[Figure, Value]]]
    ) -> int:
        """Change a manager's figures in one or more periods, all or none (a pasted block)."""
        count = results.set_many(manager_id, changes)
        self.results_changed.emit(manager_id)
        return count

    @_write
    def import_results(self, plan: ResultsPlan) -> ResultsCounts:
        from coachjournal.exchange import results_import  # not imported at start-up

        counts = results_import.apply_results(plan)
        for manager_id in sorted({row.manager_id for row in plan.rows if row.manager_id}):
            self.results_changed.emit(manager_id)
        return counts

    @_write
    def save_result_settings(self, settings: ResultSettings) -> ResultSettings:
        saved = results.save_settings(settings)
        self.result_settings_changed.emit()
        return saved

    @_write
    def add_team_plan(
        self, title: str, target_date: dt.date, goals: list[Goal], note: str = ""
    ) -> Plan:
        from coachjournal.coaching.team import plan as team_plan

        plan = team_plan.create_plan(title, target_date, goals, note=note)
        self.team_plans_changed.emit()
        return plan

    @_write
    def update_team_plan(
        self, plan_id: int, title: str, target_date: dt.date, goals: list[Goal], note: str = ""
    ) -> Plan:
        from coachjournal.coaching.team import plan as team_plan

        plan = team_plan.update_plan(plan_id, title, target_date, goals, note=note)
        self.team_plans_changed.emit()
        return plan

    @_write
    def delete_team_plan(self, plan_id: int) -> Plan:
        from coachjournal.coaching.team import plan as team_plan

        plan = team_plan.delete_plan(plan_id)
        self.team_plans_changed.emit()
        return plan

    # --- Sync through a folder (ui/sync): the calls that read or write the open journal ------

    def sync_status(self) -> SyncStatus | None:
        """The sync status of the open journal; None while it is closed (locked, converted,
        or a sync folder being joined)."""
        from coachjournal.sync import service

        return None if database.obj is None else service.status(_opened())

    def sync_set_up_work(self, folder: Path, passphrase: str) -> Callable[[], None]:
        """Setting up sync in ``folder``, to run on a worker thread (the key derivation and the
        first snapshot take seconds): the worker writes through its own connection."""
        from coachjournal.sync import service

        return lambda: service.set_up(_opened(), folder, passphrase)

    def sync_round_config(self) -> SyncConfig:
        """What a worker needs to read the sync folder (read on the GUI thread)."""
        from coachjournal.sync import service

        return service.config(_opened())

    @staticmethod
    def read_sync_folder(config: SyncConfig) -> Incoming:
        """Read and decrypt what the other computers wrote (no database: any thread)."""
        from coachjournal.sync import service

        return service.read_folder(config)

    @_write
    def finish_sync_round(self, incoming: Incoming) -> RoundReport:
        """Write this computer's changes to the folder and apply the others' to the journal,
        then tell every screen what changed: the managers the round added, touched or removed.
        The undo history is forgotten when the round changed anything, since a step taken
        back now would undo on top of what the other computer wrote."""
        from coachjournal.sync import service

        before = {record.id for record in roster.list_managers(include_archived=True)}
        report = service.finish_round(_opened(), incoming)
        if report.changed:
            self._announce_synced(before)
        self.sync_changed.emit()
        return report

    @_write
    def resolve_sync_conflict(self, conflict_id: int, keep: Keep) -> None:
        """Keep the text in place, or put the other version (or both) there, which syncs."""
        from coachjournal.sync import Keep, conflicts, resolve_conflict

        manager_id = next((c.manager_id for c in conflicts(_opened()) if c.id == conflict_id), None)
        resolve_conflict(_opened(), conflict_id, keep)
        if keep is not Keep.THIS:
            self._announce_synced(None, set() if manager_id is None else {manager_id})
        self.sync_changed.emit()

    def sync_conflicts(self) -> list[Conflict]:
        """The conflicts to review, oldest first."""
        from coachjournal.sync import conflicts

        return conflicts(_opened())

    @_write
    def pause_sync(self, paused: bool) -> None:
        """Pause sync on this computer (changes are still recorded, and sent on resuming)."""
        from coachjournal.sync import service

        service.pause(_opened(), paused)
        self.sync_changed.emit()

    def join_sync_work(self, folder: Path, passphrase: str, target: Path) -> Callable[[], Path]:
        """Building a journal at ``target`` from a sync folder, to run on a worker thread; it
        is protected with the passphrase of the journal open now, if that one has one. The
        open journal is closed first, as for a conversion: joining opens the new journal
        through the one database of the app. :meth:`after_join` opens one again."""
        from coachjournal.sync import service

        current = self._before_join = db.current_passphrase()
        self.suspend()
        return lambda: service.join(folder, passphrase, target, journal_passphrase=current)

    def after_join(self, joined: Path | None) -> None:
        """Open the journal again after :meth:`join_sync_work`, then switch to the ``joined``
        one (None: the join failed) and keep it as the user's own from now on."""
        passphrase, self._before_join = self._before_join, None
        self.resume(passphrase, changed=False)
        if joined is not None:
            self.open(joined, passphrase=passphrase)
            self.keep_as_home()

    @_write
    def leave_sync(self) -> None:
        """Stop syncing this computer; the journal keeps every note."""
        from coachjournal.sync import service

        service.leave(_opened())
        self.sync_changed.emit()

    def _announce_synced(self, before: set[int] | None, touched: set[int] | None = None) -> None:
        """Emit the signals of what sync wrote: the managers added and removed (by the ids
        ``before`` and after it; None: none were), each manager ``touched`` (None: all of
        them, as a round does not say which), and every team-wide list."""
        after = {record.id for record in roster.list_managers(include_archived=True)}
        before = after if before is None else before
        touched = after if touched is None else touched
        self._forget_history()
        for manager_id in sorted(after - before):
            self.manager_added.emit(manager_id)
        for manager_id in sorted((touched & after) - (after - before)):
            for signal in (
                self.manager_changed,
                self.entries_changed,
                self.traits_changed,
                self.motivators_changed,
                self.assignments_changed,
                self.results_changed,
            ):
                signal.emit(manager_id)
        for team_signal in (
            self.trash_changed,
            self.cadence_changed,
            self.questions_changed,
            self.result_settings_changed,
            self.team_plans_changed,
            self.talent_changed,
        ):
            team_signal.emit()
        self.history_replayed.emit()
        for manager_id in sorted(before - after):
            self.manager_removed.emit(manager_id)
