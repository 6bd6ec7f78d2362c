"""What can go wrong with sync, each a sentence for the user (a :class:`CoachJournalError`).

The app tells these apart: a wrong passphrase asks again, a folder problem waits for the next
round (the cloud folder may be back by then), a data problem is shown and the file skipped.
"""

from __future__ import annotations

from coachjournal.errors import CoachJournalError


class SyncError(CoachJournalError):
    """Sync could not do what was asked; nothing half-done was kept."""


class SyncPassphraseError(SyncError):
    """The sync passphrase does not open the folder (nothing was written)."""


class SyncFolderError(SyncError):
    """The sync folder cannot be used: missing, unreachable, read-only, full, or holding a
    journal of another key, or not holding one when one was expected."""


class SyncDataError(SyncError):
    """A change or snapshot is not valid for this journal (a value outside the rules, a file
    that is damaged, foreign or tampered with); nothing of it was applied."""
