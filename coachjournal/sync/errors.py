"""What can go wrong with sync, each as one sentence for the user."""

from __future__ import annotations

from coachjournal.errors import CoachJournalError


class SyncError(CoachJournalError):
    """Sync could not do what was asked; the message says what and what to do."""


class SyncPassphraseError(SyncError):
    """The sync passphrase does not open the folder's files."""


class SyncFolderError(SyncError):
    """The sync folder cannot be used: unreachable, read-only or full."""


class SyncDataError(SyncError):
    """Changes from another computer hold a value this journal cannot store; none was applied."""
