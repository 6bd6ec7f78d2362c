"""Two and three computers edit their journals and sync through their own copies of the sync
folder, in any order, with files delayed, duplicated under a sync service's conflicted-copy
name and cut short on the way: after a full exchange every journal exports the same JSON (the
time of export aside), and every text typed on any computer is in each journal or among its
conflicts.

Each computer has its own copy of the folder (as each has its own disk); a sync service's
pass (:meth:`Computers.carry`) copies some of what one copy has to another. The computers are
made once (a key derivation each) and copied for each example.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import Manager, Touchpoint
from coachjournal.sync import conflicts, folder, service
from tests.core.sync.computers import PASS, export, opened, sync_files

DAY = dt.datetime(2026, 11, 2, 9)


def _template(base: Path, computers: int) -> Path:
    """Journals that sync through one folder (the first set it up, the others joined), each
    with its own copy of the folder, in ``base``."""
    first = base / "c0.db"
    with opened(first) as database:
        roster.create_manager("Shared Manager", notes="shared notes")
        cloud = base / "cloud0"
        cloud.mkdir()
        service.set_up(database, cloud, PASS)
    for number in range(1, computers):
        shutil.copytree(base / "cloud0", base / f"cloud{number}")
        service.join(base / f"cloud{number}", PASS, base / f"c{number}.db")
    return base


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {n: _template(tmp_path_factory.mktemp(f"computers{n}"), n) for n in (2, 3)}


class Computers(RuleBasedStateMachine):
    """Computers of one journal, each with a journal and a copy of the sync folder."""

    template: Path
    count: int

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(self.scratch) / f"run{next(self.runs)}"
        shutil.copytree(self.template, self.base)
        self.typed: set[str] = {"shared notes", "Shared Manager"}
        self.texts = itertools.count()

    def journal(self, number: int) -> Path:
        return self.base / f"c{number}.db"

    def cloud(self, number: int) -> Path:
        return self.base / f"cloud{number}" / folder.ROOT_NAME

    def text(self, number: int) -> str:
        typed = f"text {next(self.texts)} typed on computer {number}"
        self.typed.add(typed)
        return typed

    # -- Edits through the core, as the app makes them ----------------------------------------

    @rule(data=st.data())
    def add_manager(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)):
            roster.create_manager(self.text(number), notes=self.text(number))

    @rule(data=st.data())
    def edit_manager_notes(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)):
            managers = roster.list_managers(include_archived=True)
            manager = managers[data.draw(st.integers(0, len(managers) - 1))]
            roster.update_manager(manager.id, notes=self.text(number))

    @rule(data=st.data())
    def log_touchpoint(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)):
            managers = roster.list_managers(include_archived=True)
            manager = managers[data.draw(st.integers(0, len(managers) - 1))]
            touchpoints.log_touchpoint(
                manager.id,
                DAY + dt.timedelta(hours=data.draw(st.integers(0, 500))),
                data.draw(st.sampled_from(list(TouchpointKind))),
                summary=self.text(number),
                notes=self.text(number),
            )

    @rule(data=st.data())
    def edit_touchpoint(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)):
            ids = [row.id for row in Touchpoint.select(Touchpoint.id).order_by(Touchpoint.id)]
            if not ids:
                return
            chosen = ids[data.draw(st.integers(0, len(ids) - 1))]
            if data.draw(st.booleans()):
                touchpoints.update_touchpoint(chosen, notes=self.text(number))
            else:
                touchpoints.trash_touchpoint(chosen)

    @rule(data=st.data())
    def archive_manager(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)):
            ids = [row.id for row in Manager.select(Manager.id).order_by(Manager.id)]
            roster.set_archived(
                ids[data.draw(st.integers(0, len(ids) - 1))], data.draw(st.booleans())
            )

    # -- Rounds and a sync service carrying files -------------------------------------------

    @rule(data=st.data())
    def round(self, data: st.DataObject) -> None:
        number = data.draw(st.integers(0, self.count - 1))
        with opened(self.journal(number)) as database:
            report = service.run_round(database)
        assert report.skipped == ()  # nothing here is tampered with or foreign

    @rule(data=st.data())
    def carry(self, data: st.DataObject) -> None:
        """A sync service's pass from one copy to another: each new file copied, left for
        later, copied twice (the second under a conflicted-copy name) or cut short."""
        source = data.draw(st.integers(0, self.count - 1))
        target = data.draw(st.integers(0, self.count - 1).filter(lambda n: n != source))
        for path in sync_files(self.cloud(source)):
            there = self.cloud(target) / path.parent.name / path.name
            whole = path.read_bytes()
            if there.exists() and there.read_bytes() == whole:
                continue
            how = data.draw(st.sampled_from(["copy", "later", "twice", "cut"]))
            if how == "later":
                continue
            there.write_bytes(whole[: len(whole) // 2] if how == "cut" else whole)
            if how == "twice" and path.parent.name == folder.CHANGES_DIR:
                copy = there.with_name(f"{path.stem} (conflicted copy 2026-12-03){path.suffix}")
                copy.write_bytes(whole)

    def full_exchange(self) -> None:
        """Every computer syncs and every file reaches every copy, until nothing moves."""
        for _pass in range(3):
            for number in range(self.count):
                with opened(self.journal(number)) as database:
                    service.run_round(database)
                for other in range(self.count):
                    if other != number:
                        for path in sync_files(self.cloud(number)):
                            there = self.cloud(other) / path.parent.name / path.name
                            shutil.copyfile(path, there)

    def teardown(self) -> None:
        self.full_exchange()
        exports = [export(self.journal(n), self.base) for n in range(self.count)]
        for other in exports[1:]:
            assert other == exports[0]
        for number in range(self.count):
            with opened(self.journal(number)) as database:
                kept = json.dumps(exports[number], ensure_ascii=False)
                found = [(c.kept_text, c.other_text) for c in conflicts.conflicts(database)]
            missing = {
                text
                for text in self.typed
                if text not in kept and not any(text in pair for pair in found)
            }
            assert not missing, f"computer {number} lost {sorted(missing)}"


def machine(template: Path, count: int, scratch: Path) -> type[Computers]:
    class Machine(Computers):
        pass

    Machine.template, Machine.count = template, count
    Machine.scratch = str(scratch)  # type: ignore[attr-defined]
    Machine.runs = itertools.count()  # type: ignore[attr-defined]
    Machine.TestCase.settings = settings(
        max_examples=6,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    return Machine


@pytest.mark.slow
@pytest.mark.parametrize("count", [2, 3])
def test_computers_converge(templates: dict[int, Path], tmp_path: Path, count: int) -> None:
    machine(templates[count], count, tmp_path).TestCase().runTest()
