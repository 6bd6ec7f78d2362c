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


class PassphraseRequired(JournalOpenError):  # noqa: N818 (names the condition)
    """The journal is encrypted and no passphrase was given to open it."""


class WrongPassphrase(JournalOpenError):  # noqa: N818 (names the condition)
    """The passphrase did not open the file. SQLCipher cannot tell a wrong passphrase from a
    file that is not a journal at all, so the message names both."""
