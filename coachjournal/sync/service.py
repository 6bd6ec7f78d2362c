"""Sync as the app and the command line use it: set up a folder, join from one, run a round,
report the state, pause, leave.

A round writes this computer's changes as a new encrypted file in the folder, reads the files
other computers wrote since the last round, applies them, writes this computer's read
positions, and removes this computer's files that everyone has read. It is split in two so the
app never waits on a slow cloud folder with its window frozen: :func:`read_folder` does the file
reading and decryption only (no database: safe in a worker thread) and :func:`finish_round`
the database writes (on the thread that owns the journal); :func:`run_round` calls both.

The caller holds the journal's lock (:mod:`coachjournal.storage.lock`): the app holds it while
the journal is open, the command line takes it for ``coachjournal sync``; so a round never runs
while another process has the journal. Nothing here touches the network: the folder is a
local folder that the user's own sync service carries between computers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from peewee import Database


@dataclasses.dataclass(frozen=True, slots=True)
class RoundReport:
    """What one round did, for the status line and the command line."""

    #: Change files this computer wrote (0 or 1).
    sent: int
    #: Change or snapshot files of other computers applied.
    received: int
    #: Rows changed in this journal by what was received.
    changed: int
    #: New conflicts (text edited on both sides) to review.
    conflicts: int
    #: One sentence per file skipped as damaged, foreign or tampered with.
    skipped: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class SyncConfig:
    """What a round needs to read the folder without the journal: taken from the journal on
    its thread (:func:`config`), handed to :func:`read_folder` in a worker."""

    folder: Path
    journal_id: str
    device: str
    key: bytes = dataclasses.field(repr=False)
    #: Per other device, the sequence numbers of its change files already applied here.
    applied: dict[str, frozenset[int]]


@dataclasses.dataclass(frozen=True, slots=True)
class Incoming:
    """What :func:`read_folder` found: the batches to apply, in no particular order (applying
    is order-independent), and a sentence per file skipped."""

    config: SyncConfig
    #: (device, sequence, batch) of each change file not yet applied here.
    batches: tuple[tuple[str, int, dict[str, object]], ...]
    #: The other devices' statuses (read positions, whether they left), by device.
    devices: dict[str, dict[str, object]]
    skipped: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class SyncStatus:
    """Where sync stands on this computer."""

    enabled: bool
    paused: bool
    folder: Path | None
    last_synced: dt.datetime | None
    #: Local changes not yet written to the folder.
    waiting: int
    #: Conflicts to review.
    conflicts: int
    #: A sentence when the last round failed (folder unreachable, …), else None.
    problem: str | None


def set_up(db: Database, folder: Path, passphrase: str) -> None:
    """Make ``folder`` this journal's sync folder: derive the key from ``passphrase``, write
    the folder's header, start recording changes under a new device id and write a first
    snapshot. Refuses (:class:`SyncFolderError`) a folder that already holds a synced journal:
    the user joins that one instead."""
    raise NotImplementedError("set_up: arriving in the next commit")


def join(
    folder: Path, passphrase: str, target: Path, journal_passphrase: str | None = None
) -> Path:
    """Build a new journal at ``target`` (encrypted with ``journal_passphrase`` if given) from
    the folder's snapshots and the change files after them, and make it sync with the folder
    as a new device. A wrong passphrase raises :class:`SyncPassphraseError` and writes nothing.
    Returns ``target``."""
    raise NotImplementedError("join: arriving in the next commit")


def config(db: Database) -> SyncConfig:
    """The folder, key, device and read positions of this journal's sync, for
    :func:`read_folder`. Raises :class:`SyncError` when sync is not set up."""
    raise NotImplementedError("config: arriving in the next commit")


def read_folder(config: SyncConfig) -> Incoming:
    """Read and decrypt what other computers wrote that this one has not applied yet (file IO
    only, no database: safe in a worker thread). Damaged, foreign or tampered files are skipped
    with a sentence each; half-written ones are skipped silently (tried again next round).
    Raises :class:`SyncFolderError` when the folder cannot be reached."""
    raise NotImplementedError("read_folder: arriving in the next commit")


def finish_round(db: Database, incoming: Incoming) -> RoundReport:
    """The database half of a round: write this computer's new changes as a change file,
    apply ``incoming`` (each batch with its "applied" mark in one transaction), write this
    computer's status file, write a snapshot when due, and remove this computer's files that
    every other computer has read. Safe to kill at any point: the next round completes."""
    raise NotImplementedError("finish_round: arriving in the next commit")


def run_round(db: Database) -> RoundReport:
    """One whole round: :func:`read_folder` then :func:`finish_round`. Does nothing while
    sync is paused (an empty report)."""
    return finish_round(db, read_folder(config(db)))


def status(db: Database) -> SyncStatus:
    """Whether sync is on and paused, its folder, when this computer last synced, how many
    local changes wait to be written, conflicts to review, and the last round's problem."""
    raise NotImplementedError("status: arriving in the next commit")


def pause(db: Database, paused: bool) -> None:
    """Pause sync (rounds do nothing; changes are still recorded, and sent when resumed) or
    resume it."""
    raise NotImplementedError("pause: arriving in the next commit")


def leave(db: Database) -> None:
    """Stop syncing this computer: tell the folder this device left (so other computers stop
    keeping files for it), stop recording changes and forget the key. The journal's data
    stay."""
    raise NotImplementedError("leave: arriving in the next commit")
