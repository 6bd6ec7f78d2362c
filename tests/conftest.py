"""Shared fixtures. No test touches the real home folder: every user folder points into a
temporary directory before anything (Qt, platformdirs) reads it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="coachjournal-tests-home-"))
for variable, folder in {
    "HOME": "home",
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}.items():
    (_HOME / folder).mkdir(mode=0o700)
    os.environ[variable] = str(_HOME / folder)
os.environ.pop("COACHJOURNAL_DB", None)

from coachjournal.storage import db  # noqa: E402 (after the environment is pinned)
from tests.network_guard import guard_sockets  # noqa: E402


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every test fails if its code tries to open an internet socket or look a host up (the
    app opens no network connection, ever); local (AF_UNIX) sockets are allowed."""
    attempts = guard_sockets(monkeypatch)
    yield attempts
    assert not attempts, f"the test tried to use the network: {attempts}"


@pytest.fixture(autouse=True)
def default_preferences() -> Iterator[None]:
    """Each test starts from the default preferences, whatever an earlier one saved."""
    from coachjournal.storage import preferences

    preferences.preferences_path().unlink(missing_ok=True)
    yield
    preferences.preferences_path().unlink(missing_ok=True)


@pytest.fixture
def journal_path(tmp_path: Path) -> Iterator[Path]:
    """An open, empty journal in a temporary folder, closed after the test."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    yield path
    db.close_journal()
