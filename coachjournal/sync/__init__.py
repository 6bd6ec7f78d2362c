"""Sync between computers through a folder the user already syncs: record identity, change
capture, the hybrid logical clock, merge and conflicts (the engine), and the folder's files."""

from coachjournal.sync.changes import (
    collect,
    confirm_collected,
    device_of,
    disable,
    enable,
    is_enabled,
)
from coachjournal.sync.conflicts import (
    Conflict,
    Keep,
    conflict_count,
    conflicts,
    resolve_conflict,
)
from coachjournal.sync.merge import Applied, apply
from coachjournal.sync.snapshot import load_snapshot, snapshot

__all__ = [
    "Applied",
    "Conflict",
    "Keep",
    "apply",
    "collect",
    "confirm_collected",
    "conflict_count",
    "conflicts",
    "device_of",
    "disable",
    "enable",
    "is_enabled",
    "load_snapshot",
    "resolve_conflict",
    "snapshot",
]
