"""Sync as the app and the command line use it: set up a folder, join from one, run a round,
report the state, pause, leave.

A round writes this computer's changes as a new encrypted file in the folder, reads the files
other computers wrote since the last round, applies them, writes this computer's status file
(its read positions), writes a snapshot when enough change files have gathered since the last,
and removes this computer's files that every other computer has read and a snapshot covers, so
the folder stays a bounded size. It is split in two so the app never waits on a slow cloud
folder with its window frozen: :func:`read_folder` does the file reading and decryption only
(no database: safe in a worker thread) and :func:`finish_round` the database writes (on the
thread that owns the journal); :func:`run_round` calls both.

A round may be killed at any point: each file applied is marked applied in the same transaction
as its changes, this computer's changes are marked sent only after their file is durably in
the folder (sent twice after a kill, they apply once), and what a killed round left half-done
(a temporary file) is cleared by the next one.

This computer's sync settings (the folder, the key, its read positions) are kept in the
journal's ``sync_folder`` table: the key is as private as the notes it protects (the journal is
0600, and encrypted when the journal is). The caller holds the journal's lock
(:mod:`coachjournal.storage.lock`): the app holds it while the journal is open, the command line
takes it for ``coachjournal sync``; so a round never runs while another process has the
journal. Nothing here touches the network: the folder is a local folder that the user's own
sync service carries between computers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from coachjournal.storage import db as journal_db
from coachjournal.storage import files, lock
from coachjournal.sync import changes, crypto, merge
from coachjournal.sync.conflicts import conflict_count
from coachjournal.sync.errors import SyncDataError, SyncError, SyncFolderError
from coachjournal.sync.folder import Found, Position, SyncFolder
from coachjournal.sync.snapshot import load_snapshot, snapshot

#: A snapshot is written once this many of this computer's change files follow the last one.
SNAPSHOT_AFTER = 30
#: Change files one round writes at most (each a batch of everything waiting).
MAX_SENT = 4
_TABLE = "sync_folder"


@dataclasses.dataclass(frozen=True, slots=True)
class RoundReport:
    """What one round did, for the status line and the command line."""

    #: Change files this computer wrote.
    sent: int
    #: Change or snapshot files of other computers applied.
    received: int
    #: Records changed in this journal by what was received.
    changed: int
    #: New conflicts (text edited on both sides) to review.
    conflicts: int
    #: One sentence per file skipped as damaged, foreign or tampered with.
    skipped: tuple[str, ...] = ()

    def in_words(self) -> str:
        """The report as the command line prints it."""
        if self.sent == self.received == 0:
            said = "Nothing new to send or receive."
        else:
            said = (
                f"Sent {_count(self.sent, 'change file')}; received "
                f"{_count(self.received, 'file')} with {_count(self.changed, 'change')}."
            )
        if self.conflicts:
            said += (
                f" {_count(self.conflicts, 'text')} edited on both computers: both versions are "
                "kept, review them in Conflicts."
            )
        return "\n".join([said, *self.skipped])


def _count(number: int, what: str) -> str:
    return f"{number} {what}" + ("" if number == 1 else "s")


@dataclasses.dataclass(frozen=True, slots=True)
class SyncConfig:
    """What a round needs to read the folder without the journal: taken from the journal on
    its thread (:func:`config`), handed to :func:`read_folder` in a worker."""

    folder: Path
    journal_id: str
    device: str
    key: bytes = dataclasses.field(repr=False)
    #: Per other device, the change files of it already applied here.
    applied: dict[str, Position]
    paused: bool = False
    #: Files that did not open in the last round (see :meth:`SyncFolder.scan`).
    broken: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True, slots=True)
class Incoming:
    """What :func:`read_folder` found: files to apply, in no particular order (applying is
    order-independent), other devices' statuses, and a sentence per file skipped."""

    config: SyncConfig
    #: Change files of other devices not yet applied here.
    batches: tuple[Found, ...] = ()
    #: Snapshots to load first: another device's, when its change files this computer still
    #: needs are gone from the folder (removed once a snapshot covered them).
    snapshots: tuple[Found, ...] = ()
    #: The devices' statuses (read positions, whether they left), by device.
    devices: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    #: Files that did not open this time, to be reported if they stay so.
    broken: frozenset[str] = frozenset()


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


# -- This computer's sync settings, in the journal -------------------------------------------


def _prepare(db: SqliteDatabase) -> None:
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {_TABLE} (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )


def _has_table(db: SqliteDatabase) -> bool:
    found = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TABLE,)
    ).fetchone()
    return found is not None


def _settings(db: SqliteDatabase) -> dict[str, Any]:
    if not _has_table(db):
        return {}
    rows = db.execute_sql(f"SELECT name, value FROM {_TABLE}").fetchall()
    return {name: json.loads(value) for name, value in rows}


def _put(db: SqliteDatabase, **values: Any) -> None:
    for name, value in values.items():
        db.execute_sql(
            f"INSERT OR REPLACE INTO {_TABLE} (name, value) VALUES (?, ?)",
            (name, json.dumps(value)),
        )


def _put_position(db: SqliteDatabase, device: str, position: Position) -> None:
    _put(db, **{f"read:{device}": position.to_json()})


def _positions(settings: dict[str, Any]) -> dict[str, Position]:
    return {
        name.removeprefix("read:"): Position.from_json(value)
        for name, value in settings.items()
        if name.startswith("read:")
    }


def _not_set_up() -> SyncError:
    return SyncError("This journal does not sync: set sync up first (File ▸ Set Up Sync…).")


def config(db: SqliteDatabase) -> SyncConfig:
    """The folder, key, device and read positions of this journal's sync, for
    :func:`read_folder`. Raises :class:`SyncError` when sync is not set up."""
    settings = _settings(db)
    device = changes.device_of(db) if changes.is_enabled(db) else None
    if device is None or "key" not in settings:
        raise _not_set_up()
    return SyncConfig(
        folder=Path(settings["folder"]),
        journal_id=settings["journal"],
        device=device,
        key=bytes.fromhex(settings["key"]),
        applied=_positions(settings),
        paused=bool(settings.get("paused", False)),
        broken=frozenset(settings.get("broken", [])),
    )


# -- Setting up, joining -----------------------------------------------------------------------


def set_up(db: SqliteDatabase, folder: Path, passphrase: str) -> None:
    """Make ``folder`` this journal's sync folder: derive the key from ``passphrase``, write
    the folder's header, start recording changes under a new device id and write a first
    snapshot. Refuses (:class:`SyncFolderError`) a folder that already holds a synced journal:
    the user joins that one instead."""
    if changes.is_enabled(db):
        raise SyncError("This journal already syncs; leave sync first to set it up again.")
    sync = SyncFolder.create(folder.expanduser(), passphrase)
    device = crypto.new_id()
    try:
        with db.atomic():
            _prepare(db)
            changes.enable(db, device)
            _put(db, folder=str(sync.root), journal=sync.journal_id, key=sync.key.hex(), seq=0)
        _write_snapshot(db, sync, device, 0)
        batch = changes.collect(db)  # the whole journal, which the snapshot carries
        if batch is not None:
            changes.confirm_collected(db, batch)
        _write_status(db, sync, device, left=False)
        with db.atomic():
            _put(db, last_synced=_now())
    except BaseException:
        # Half set up: undone, so that setting up again is not refused for the folder made.
        with contextlib.suppress(Exception):
            leave(db)
        sync.discard()
        raise


def join(
    folder: Path, passphrase: str, target: Path, journal_passphrase: str | None = None
) -> Path:
    """Build a new journal at ``target`` (encrypted with ``journal_passphrase`` if given) from
    the folder's snapshots and the change files after them, and make it sync with the folder
    as a new device. A wrong passphrase raises :class:`SyncPassphraseError` and writes nothing.
    The journal this process had open (if any) is open again afterwards. Returns ``target``."""
    sync = SyncFolder.open(folder.expanduser(), passphrase)
    target = target.expanduser()
    if target.exists():
        raise SyncError(f"There is already a file at {target}; choose a new name for the journal.")
    newest = _newest_snapshots(sync)
    if not newest:
        raise SyncFolderError(
            f"The sync folder {sync.root} holds no snapshot yet; wait for your sync service to "
            "bring all of it to this computer, then try again."
        )
    was_open, was_passphrase = journal_db.open_path(), journal_db.current_passphrase()
    try:
        with lock.JournalLock(target):
            try:
                db = journal_db.open_journal(target, passphrase=journal_passphrase)
                device = crypto.new_id()
                with db.atomic():
                    _prepare(db)
                    changes.enable(db, device)
                    _put(db, folder=str(sync.root), journal=sync.journal_id, key=sync.key.hex())
                    _put(db, seq=0)
                # The whole journal counts as changed when sync starts: collected now, while it
                # is empty, so that what the snapshots bring (the others have it) is not.
                if (empty := changes.collect(db)) is not None:
                    changes.confirm_collected(db, empty)
                for found in newest:
                    _load_snapshot(db, found)
                finish_round(db, read_folder(config(db)))
            except BaseException:
                journal_db.close_journal()
                files.remove_journal(target)
                raise
            journal_db.close_journal()
    finally:
        if was_open is not None:
            journal_db.open_journal(was_open, passphrase=was_passphrase)
    return target


def _newest_snapshots(sync: SyncFolder) -> list[Found]:
    """Each device's newest snapshot."""
    newest: dict[str, Found] = {}
    for found in sync.scan(crypto.SNAPSHOT).found:
        if found.device not in newest or found.seq > newest[found.device].seq:
            newest[found.device] = found
    return list(newest.values())


def _load_snapshot(db: SqliteDatabase, found: Found) -> merge.Applied:
    """Load a snapshot and move the read positions up to what it covers, in one transaction."""
    covers = found.payload.get("covers")
    if not isinstance(covers, dict):
        raise SyncDataError("A snapshot in the sync folder is not complete, so it was skipped.")
    with db.atomic():
        applied = load_snapshot(db, found.payload["journal"])
        positions = _positions(_settings(db))
        own = changes.device_of(db)
        for device, upto in covers.items():
            if crypto.is_id(device) and device != own and isinstance(upto, int):
                _put_position(db, device, positions.get(device, Position()).at_least(upto))
    return applied


def _write_snapshot(db: SqliteDatabase, sync: SyncFolder, device: str, seq: int) -> None:
    """Write this computer's snapshot covering its change files up to ``seq``."""
    covers = {other: position.upto for other, position in _positions(_settings(db)).items()}
    covers[device] = seq
    payload = {"covers": covers, "journal": snapshot(db)}
    sync.write(crypto.SNAPSHOT, device, seq, payload)
    with db.atomic():
        _put(db, snapshot=seq)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _write_status(db: SqliteDatabase, sync: SyncFolder, device: str, *, left: bool) -> None:
    """Write this computer's status file: how far it has read each device's changes."""
    settings = _settings(db)
    payload = {
        "read": {other: position.upto for other, position in _positions(settings).items()},
        "seq": settings.get("seq", 0),
        "snapshot": settings.get("snapshot", 0),
        "seen_at": _now(),
        "left": left,
    }
    sync.write(crypto.DEVICE, device, 0, payload)


# -- A round -----------------------------------------------------------------------------------


def read_folder(config: SyncConfig) -> Incoming:
    """Read and decrypt what other computers wrote that this one has not applied yet (file IO
    only, no database: safe in a worker thread). Damaged, foreign or tampered files are skipped
    with a sentence each; half-written ones are passed over silently (tried again next round).
    Raises :class:`SyncFolderError` when the folder cannot be reached or is another journal's."""
    if config.paused:
        return Incoming(config)
    sync = SyncFolder.with_key(config.folder, config.journal_id, config.key)

    def wanted(device: str, seq: int) -> bool:
        return device != config.device and not config.applied.get(device, Position()).has(seq)

    reading = sync.scan(crypto.CHANGES, wanted, config.broken)
    statuses = sync.scan(crypto.DEVICE, broken_before=config.broken)
    devices = {found.device: found.payload for found in statuses.found}
    arrived: dict[str, set[int]] = {}
    for found in reading.found:
        arrived.setdefault(found.device, set()).add(found.seq)
    missing = {
        device
        for device, status in devices.items()
        if device != config.device
        and isinstance(status.get("seq"), int)
        and _gap(config.applied.get(device, Position()), arrived.get(device, set()), status["seq"])
    }
    loads: list[Found] = []
    skipped = [*reading.skipped, *statuses.skipped]
    broken = reading.broken | statuses.broken
    if missing:
        found_snapshots = sync.scan(
            crypto.SNAPSHOT,
            lambda device, seq: (
                device in missing and seq > config.applied.get(device, Position()).upto
            ),
        )
        skipped += found_snapshots.skipped
        newest: dict[str, Found] = {}
        for found in found_snapshots.found:
            if found.device not in newest or found.seq > newest[found.device].seq:
                newest[found.device] = found
        loads = list(newest.values())
    return Incoming(
        config, tuple(reading.found), tuple(loads), devices, tuple(skipped), frozenset(broken)
    )


def _gap(position: Position, arrived: set[int], last: int) -> bool:
    """Whether a change file this computer needs of a device (up to its ``last``) is neither
    applied nor in the folder."""
    return any(
        not position.has(seq) and seq not in arrived for seq in range(position.upto + 1, last + 1)
    )


def finish_round(db: SqliteDatabase, incoming: Incoming) -> RoundReport:
    """The database half of a round: write this computer's new changes as change files (first,
    so they carry the clock of when they were made, not one advanced by what arrives), apply
    ``incoming`` (each file with its "applied" mark in one transaction), write a snapshot when
    due and this computer's status file, and remove this computer's files that every other
    computer has read. Safe to kill at any point: the next round completes."""
    cfg = incoming.config
    if cfg.paused:
        return RoundReport(0, 0, 0, 0)
    sync = SyncFolder(cfg.folder, cfg.journal_id, cfg.key)
    sync.clear_temporaries(cfg.device)
    sent = _send(db, sync, cfg.device)
    received = changed = found_conflicts = 0
    skipped = list(incoming.skipped)
    for found in incoming.snapshots:
        try:
            loaded = _load_snapshot(db, found)
        except SyncDataError as error:
            skipped.append(f"{found.path.name} in the sync folder was skipped: {error}")
            continue
        received, changed = received + 1, changed + loaded.changed
        found_conflicts += loaded.conflicts
    for found in sorted(incoming.batches, key=lambda f: (f.device, f.seq)):
        outcome = _apply(db, found)
        if isinstance(outcome, str):
            skipped.append(outcome)
        elif outcome is not None:
            received, changed = received + 1, changed + outcome.changed
            found_conflicts += outcome.conflicts
    settings = _settings(db)
    seq, last_snapshot = settings.get("seq", 0), settings.get("snapshot", 0)
    if seq - last_snapshot >= SNAPSHOT_AFTER or _gone(
        sync, cfg.device, incoming.devices, seq, last_snapshot
    ):
        _write_snapshot(db, sync, cfg.device, seq)
        last_snapshot = seq
    _write_status(db, sync, cfg.device, left=False)
    _compact(sync, cfg.device, incoming.devices, seq, last_snapshot)
    with db.atomic():
        _put(db, last_synced=_now(), problem=None, broken=sorted(incoming.broken))
    return RoundReport(sent, received, changed, found_conflicts, tuple(skipped))


def _apply(db: SqliteDatabase, found: Found) -> merge.Applied | str | None:
    """Apply one change file and mark it applied, in one transaction; None when it was
    applied already (by a round that overlapped), a sentence when its changes are invalid."""
    with db.atomic():
        position = _positions(_settings(db)).get(found.device, Position())
        if position.has(found.seq):
            return None
        try:
            with db.atomic():
                applied = merge.apply(db, found.payload)
        except SyncDataError as error:
            applied = None
            problem = (
                f"{found.path.name} in the sync folder holds changes this journal cannot take "
                f"({error}), so it was skipped."
            )
        _put_position(db, found.device, position.plus(found.seq))
    return problem if applied is None else applied


def _send(db: SqliteDatabase, sync: SyncFolder, device: str) -> int:
    """Write what changed here as new change files; each is marked sent only once it is
    durably in the folder."""
    sent = 0
    while sent < MAX_SENT and (batch := changes.collect(db)) is not None:
        written = [seq for seq, _path in sync.own_files(crypto.CHANGES, device)]
        seq = max([_settings(db).get("seq", 0), *written]) + 1
        sync.write(crypto.CHANGES, device, seq, batch)
        with db.atomic():
            changes.confirm_collected(db, batch)
            _put(db, seq=seq)
        sent += 1
    return sent


def _gone(
    sync: SyncFolder, device: str, devices: dict[str, dict[str, Any]], seq: int, snapshot: int
) -> bool:
    """Whether another computer still syncing needs a change file of this one that is no longer
    in the folder and that no snapshot of this one covers (deleted by hand, or lost by a sync
    service): a new snapshot then carries what it held, or it would be lost without a word."""
    present = {number for number, _path in sync.own_files(crypto.CHANGES, device)}
    for other, status in devices.items():
        if other == device or status.get("left") is True:
            continue
        read = status.get("read")
        upto = read.get(device, 0) if isinstance(read, dict) else 0
        if isinstance(upto, int) and any(
            number not in present for number in range(max(upto, snapshot) + 1, seq + 1)
        ):
            return True
    return False


def _compact(
    sync: SyncFolder, device: str, devices: dict[str, dict[str, Any]], seq: int, snapshot: int
) -> None:
    """Remove this device's change files that every other device still syncing has read and
    its last snapshot covers, and its snapshots older than the last."""
    read_by_all = snapshot
    for other, status in devices.items():
        if other == device or status.get("left") is True:
            continue
        read = status.get("read")
        upto = read.get(device, 0) if isinstance(read, dict) else 0
        read_by_all = min(read_by_all, upto if isinstance(upto, int) else 0)
    for number, path in sync.own_files(crypto.CHANGES, device):
        if number <= min(read_by_all, seq):
            sync.remove(path)
    for number, path in sync.own_files(crypto.SNAPSHOT, device):
        if number < snapshot:
            sync.remove(path)


def run_round(db: SqliteDatabase) -> RoundReport:
    """One whole round: :func:`read_folder` then :func:`finish_round`. Does nothing while
    sync is paused (an empty report). A folder that cannot be used is noted for
    :func:`status` and raised."""
    try:
        return finish_round(db, read_folder(config(db)))
    except SyncFolderError as error:
        record_problem(db, str(error))
        raise


def record_problem(db: SqliteDatabase, problem: str | None) -> None:
    """Note why the last round failed (None: it did not), for :func:`status`."""
    if _has_table(db):
        with db.atomic():
            _put(db, problem=problem)


# -- State, pause, leave -----------------------------------------------------------------------


def _waiting(db: SqliteDatabase) -> int:
    """Records changed here and not yet written to the folder."""
    recorded = db.execute_sql("SELECT count(*) FROM (SELECT DISTINCT tbl, uid FROM sync_change)")
    kept = db.execute_sql("SELECT batch FROM sync_outbox").fetchone()
    return int(recorded.fetchone()[0]) + (
        0 if kept is None else len(json.loads(kept[0])["changes"])
    )


def status(db: SqliteDatabase) -> SyncStatus:
    """Whether sync is on and paused, its folder, when this computer last synced, how many
    local changes wait to be written, conflicts to review, and the last round's problem."""
    settings = _settings(db)
    if not changes.is_enabled(db) or "key" not in settings:
        return SyncStatus(False, False, None, None, 0, 0, None)
    last = settings.get("last_synced")
    return SyncStatus(
        enabled=True,
        paused=bool(settings.get("paused", False)),
        folder=Path(settings["folder"]),
        last_synced=None if last is None else dt.datetime.fromisoformat(last),
        waiting=_waiting(db),
        conflicts=conflict_count(db),
        problem=settings.get("problem"),
    )


def move_folder(db: SqliteDatabase, folder: Path) -> None:
    """Sync through ``folder`` from now on: the same sync folder, found elsewhere (the user
    moved it, or the sync service keeps it under another path on this computer). Refuses a
    folder that holds another synced journal."""
    cfg = config(db)
    sync = SyncFolder.with_key(folder.expanduser(), cfg.journal_id, cfg.key)
    with db.atomic():
        _put(db, folder=str(sync.root), problem=None)


def pause(db: SqliteDatabase, paused: bool) -> None:
    """Pause sync (rounds do nothing; changes are still recorded, and sent when resumed) or
    resume it."""
    if not _has_table(db):
        raise _not_set_up()
    with db.atomic():
        _put(db, paused=paused)


def leave(db: SqliteDatabase) -> None:
    """Stop syncing this computer: tell the folder this device left (so other computers stop
    keeping files for it), stop recording changes and forget the key. The journal's data stay.
    When the folder cannot be reached, this computer leaves all the same (the others then keep
    its files until it is removed from the folder)."""
    if changes.is_enabled(db):
        with contextlib.suppress(SyncError):  # leaving locally needs no folder
            cfg = config(db)
            sync = SyncFolder.with_key(cfg.folder, cfg.journal_id, cfg.key)
            _write_status(db, sync, cfg.device, left=True)
    with db.atomic():
        if changes.is_enabled(db):
            changes.disable(db)
        db.execute_sql(f"DROP TABLE IF EXISTS {_TABLE}")
