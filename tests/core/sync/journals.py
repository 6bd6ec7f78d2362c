"""Several journals in one test: real files, opened one at a time through the storage layer
(the app holds one open journal), each syncing as its own device."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coachjournal import sync
from coachjournal.storage import db


class Journals:
    def __init__(self, folder: Path, count: int, seed: int = 0) -> None:
        self.paths = [folder / f"journal-{index}.db" for index in range(count)]
        chooser = random.Random(seed)
        self.devices = [f"{chooser.getrandbits(128):032x}" for _ in range(count)]
        for path, device in zip(self.paths, self.devices, strict=True):
            db.open_journal(path)
            sync.enable(db.database, device)
            db.close_journal()

    @contextmanager
    def on(self, index: int) -> Iterator[Any]:
        """The journal ``index``, open; closed afterwards."""
        db.open_journal(self.paths[index])
        try:
            yield db.database
        finally:
            db.close_journal()

    def send(self, index: int) -> dict[str, Any] | None:
        """Collect journal ``index``'s changes, confirmed as written."""
        with self.on(index) as database:
            batch = sync.collect(database)
            if batch is not None:
                sync.confirm_collected(database, batch)
            return batch

    def receive(self, index: int, batch: dict[str, Any] | None) -> sync.Applied:
        with self.on(index) as database:
            return sync.apply(database, batch) if batch else sync.Applied()

    def exchange(self) -> None:
        """Every journal sends, and every other applies, until nothing is left to send."""
        for _ in range(4):
            batches = [self.send(index) for index in range(len(self.paths))]
            if not any(batches):
                return
            for sender, batch in enumerate(batches):
                for index in range(len(self.paths)):
                    if index != sender:
                        self.receive(index, batch)

    def content(self, index: int) -> dict[tuple[str, str], Any]:
        """Every synced record of journal ``index`` by (table, uid): its values, links as uids."""
        with self.on(index) as database:
            return {
                (change["table"], change["uid"]): change["values"]
                for change in sync.snapshot(database)["changes"]
                if change["op"] == "insert"
            }

    def conflict_texts(self, index: int) -> set[str]:
        with self.on(index) as database:
            return {conflict.other_text for conflict in sync.conflicts(database)}
