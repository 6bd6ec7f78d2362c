"""What the sync tests share: journals opened one at a time (the app's storage has one open
journal per process), edits through the core services, exports compared, and copying a sync
folder's files between per-computer copies as a sync service would."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from coachjournal.coaching import roster, touchpoints
from coachjournal.exchange import json_format
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.sync import folder
from coachjournal.sync.snapshot import snapshot

PASS = "sync passphrase for tests"
EXPORTED_AT = dt.datetime(2026, 12, 3, 12, 0, 0)


@contextlib.contextmanager
def opened(path: Path) -> Iterator[SqliteDatabase]:
    """The journal at ``path``, open for the block."""
    database = db.open_journal(path)
    try:
        yield database
    finally:
        db.close_journal()


def export(path: Path, into: Path) -> dict[str, Any]:
    """The journal's JSON export, parsed, its time of export aside."""
    out = into / f"{path.stem}-{len(list(into.glob('*.json')))}.json"
    with opened(path):
        json_format.export_json(out, exported_at=EXPORTED_AT)
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return document


def team(path: Path, managers: int = 2) -> None:
    """A small team with a touchpoint each, written through the core."""
    with opened(path):
        for number in range(managers):
            manager = roster.create_manager(f"Manager {number}", team="East")
            touchpoints.log_touchpoint(
                manager.id,
                dt.datetime(2026, 11, 2 + number, 9),
                TouchpointKind.ONE_ON_ONE,
                summary=f"First one-on-one with manager {number}",
                notes=f"Notes of manager {number}",
            )


def sync_files(root: Path) -> list[Path]:
    """The sealed files of a sync folder (not its header)."""
    return sorted(
        path
        for sub in (folder.CHANGES_DIR, folder.SNAPSHOTS_DIR, folder.DEVICES_DIR)
        for path in (root / sub).iterdir()
    )


def carry(source: Path, target: Path) -> int:
    """Copy the files ``source`` has and ``target`` lacks (a sync service's pass), and remove
    from ``target`` the ones ``source``'s owner removed; returns how many were copied."""
    copied = 0
    for sub in (folder.CHANGES_DIR, folder.SNAPSHOTS_DIR, folder.DEVICES_DIR):
        (target / sub).mkdir(parents=True, exist_ok=True)
        for path in (source / sub).iterdir():
            there = target / sub / path.name
            if not there.exists() or (
                sub == folder.DEVICES_DIR and there.read_bytes() != path.read_bytes()
            ):
                shutil.copyfile(path, there)
                copied += 1
    header = target / folder.HEADER_NAME
    if not header.exists():
        shutil.copyfile(source / folder.HEADER_NAME, header)
    return copied


def content(path: Path) -> dict[tuple[str, str], Any]:
    """Every synced record of the journal by (table, uid): its values, links as uids."""
    with opened(path) as database:
        return {
            (change["table"], change["uid"]): change["values"]
            for change in snapshot(database)["changes"]
            if change["op"] == "insert"
        }
