"""Errors the user may see. Each carries a sentence that says what happened and what to do."""


class CoachJournalError(Exception):
    """An expected failure with a message fit to show to the user as it is."""


class JournalOpenError(CoachJournalError):
    """The journal file cannot be opened: missing, unreadable, foreign or too new."""


class ValidationError(CoachJournalError):
    """A value the user entered cannot be saved; ``field`` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
