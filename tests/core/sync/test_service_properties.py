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

from coachjournal import sync
from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import Manager, Touchpoint
from coachjournal.sync import folder, service
from tests.core.sync.computers import PASS, export, opened, sync_files

DAY = dt.datetime(2026, 11, 2, 9)
#: A computer (taken modulo their count), a choice among rows (modulo theirs), a file's fate.
COMPUTER = st.integers(0, 2)
PICK = st.integers(0, 1000)
HOW = st.sampled_from(["copy", "later", "twice", "cut"])


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
        for number in range(self.count):
            with opened(self.journal(number)) as database:
                service.move_folder(database, self.cloud(number))
        self.typed: set[str] = {"shared notes", "Shared Manager"}
        #: Files a sync service's pass left cut short (reported if they stay so).
        self.cut: set[Path] = set()
        #: Texts their writer replaced on a computer that showed them: theirs to lose.
        self.retired: set[str] = set()
        self.texts = itertools.count()

    def journal(self, number: int) -> Path:
        return self.base / f"c{number % self.count}.db"

    def cloud(self, number: int) -> Path:
        return self.base / f"cloud{number % self.count}" / folder.ROOT_NAME

    def text(self, number: int) -> str:
        typed = f"text {next(self.texts)} typed on computer {number % self.count}"
        self.typed.add(typed)
        return typed

    # -- Edits through the core, as the app makes them ----------------------------------------

    # Draws never depend on the journals' state (which rows a round brought), so that
    # hypothesis can replay and shrink: a choice among rows is a number taken modulo their count.

    @rule(number=COMPUTER, twice=st.booleans())
    def add_manager(self, number: int, twice: bool) -> None:
        with opened(self.journal(number)):
            roster.create_manager(self.text(number), notes=self.text(number) if twice else "")

    @rule(number=COMPUTER, which=PICK)
    def edit_manager_notes(self, number: int, which: int) -> None:
        with opened(self.journal(number)):
            managers = roster.list_managers(include_archived=True)
            manager = managers[which % len(managers)]
            self.retired.add(manager.notes)  # replaced by its writer, who saw it
            roster.update_manager(manager.id, notes=self.text(number))

    @rule(
        number=COMPUTER,
        which=PICK,
        hours=st.integers(0, 500),
        kind=st.sampled_from(list(TouchpointKind)),
    )
    def log_touchpoint(self, number: int, which: int, hours: int, kind: TouchpointKind) -> None:
        with opened(self.journal(number)):
            managers = roster.list_managers(include_archived=True)
            touchpoints.log_touchpoint(
                managers[which % len(managers)].id,
                DAY + dt.timedelta(hours=hours),
                kind,
                summary=self.text(number),
                notes=self.text(number),
            )

    @rule(number=COMPUTER, which=PICK, trash=st.booleans())
    def edit_touchpoint(self, number: int, which: int, trash: bool) -> None:
        with opened(self.journal(number)):
            ids = [row.id for row in Touchpoint.select(Touchpoint.id).order_by(Touchpoint.id)]
            if not ids:
                return
            chosen = ids[which % len(ids)]
            if trash:
                touchpoints.trash_touchpoint(chosen)
            else:
                self.retired.add(touchpoints.get_touchpoint(chosen).notes)
                touchpoints.update_touchpoint(chosen, notes=self.text(number))

    @rule(number=COMPUTER, which=PICK, archived=st.booleans())
    def archive_manager(self, number: int, which: int, archived: bool) -> None:
        with opened(self.journal(number)):
            ids = [row.id for row in Manager.select(Manager.id).order_by(Manager.id)]
            roster.set_archived(ids[which % len(ids)], archived)

    # -- Rounds and a sync service carrying files -------------------------------------------

    @rule(number=COMPUTER)
    def round(self, number: int) -> None:
        with opened(self.journal(number)) as database:
            report = service.run_round(database)
        cut = {path.name for path in self.cut if path.parent.parent == self.cloud(number)}
        for sentence in report.skipped:  # only a file cut short and left so is reported
            assert sentence.split("/")[1].split(" in the sync folder is damaged")[0] in cut

    @rule(source=COMPUTER, step=st.integers(1, 2), hows=st.lists(HOW, min_size=1, max_size=8))
    def carry(self, source: int, step: int, hows: list[str]) -> None:
        """A sync service's pass from one copy to another: each new file copied, left for
        later, copied twice (the second under a conflicted-copy name) or cut short."""
        source %= self.count
        target = (source + step) % self.count
        if target == source:
            return
        choices = itertools.cycle(hows)
        for path in sync_files(self.cloud(source)):
            there = self.cloud(target) / path.parent.name / path.name
            whole = path.read_bytes()
            if there.exists() and there.read_bytes() == whole:
                continue
            how = next(choices)
            if how == "later":
                continue
            there.write_bytes(whole[: len(whole) // 2] if how == "cut" else whole)
            (self.cut.add if how == "cut" else self.cut.discard)(there)
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
                found = [(c.kept_text, c.other_text) for c in sync.conflicts(database)]
            missing = {
                text
                for text in self.typed - self.retired
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
        max_examples=10,
        stateful_step_count=16,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    return Machine


@pytest.mark.slow
@pytest.mark.parametrize("count", [2, 3])
def test_computers_converge(templates: dict[int, Path], tmp_path: Path, count: int) -> None:
    machine(templates[count], count, tmp_path).TestCase().runTest()
