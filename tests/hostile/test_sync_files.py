"""What a sync service, a damaged disk or a stranger can do to the sync folder, and what the
round makes of it: a conflicted copy is read once for what it is; a tampered file (a bit
flipped, moved to another device's name inside, cut short and left so) or another journal's is
reported in one sentence and never applied; a crafted header cannot make the key derivation
eat memory or time; files late, twice or out of order end in the same journal."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.sync import crypto, folder, service
from coachjournal.sync.errors import SyncDataError, SyncFolderError
from tests.core.sync.computers import PASS, content, opened, team


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A laptop and a desktop, each with its own copy of the sync folder (as each has its own
    disk), and the laptop's change file holding a new manager, not yet carried over."""
    laptop, desktop = tmp_path / "laptop.db", tmp_path / "desktop.db"
    cloud, other = tmp_path / "cloud", tmp_path / "desktop-cloud"
    cloud.mkdir()
    team(laptop, managers=1)
    with opened(laptop) as database:
        service.set_up(database, cloud, PASS)
    shutil.copytree(cloud, other)
    service.join(other, PASS, desktop)
    with opened(laptop) as database:
        roster.create_manager("Written on the laptop")
        assert service.run_round(database).sent == 1
    (change,) = (cloud / folder.ROOT_NAME / folder.CHANGES_DIR).iterdir()
    return laptop, desktop, change, other / folder.ROOT_NAME / folder.CHANGES_DIR


def managers(path: Path) -> set[str]:
    with opened(path):
        return {m.name for m in roster.list_managers()}


def desktop_round(desktop: Path) -> service.RoundReport:
    with opened(desktop) as database:
        return service.run_round(database)


def test_a_conflicted_copy_is_applied_once(pair: tuple[Path, Path, Path, Path]) -> None:
    laptop, desktop, change, inbox = pair
    shutil.copyfile(change, inbox / f"{change.stem} (conflicted copy 2026-12-03){change.suffix}")
    shutil.copyfile(change, inbox / f"{change.stem}.sync-conflict-20261203-101010-7QX.cjc")
    report = desktop_round(desktop)
    assert (report.received, report.changed, report.skipped) == (1, 1, ())
    assert "Written on the laptop" in managers(desktop)
    shutil.copyfile(change, inbox / change.name)  # the original arrives last
    assert desktop_round(desktop).received == 0
    assert content(desktop) == content(laptop)


@pytest.mark.parametrize("damage", ["bit flip", "another device", "cut short"])
def test_a_tampered_file_is_reported_and_never_applied(
    pair: tuple[Path, Path, Path, Path], damage: str
) -> None:
    laptop, desktop, change, inbox = pair
    data = change.read_bytes()
    if damage == "bit flip":
        data = data[:-20] + bytes([data[-20] ^ 0x04]) + data[-19:]
    elif damage == "another device":  # passed off as a third computer's
        data = data.replace(bytes.fromhex(crypto.peek(data).device), os.urandom(16))
    else:
        data = data[: len(data) * 2 // 3]
    before = content(desktop)
    (inbox / change.name).write_bytes(data)
    first = desktop_round(desktop)  # perhaps still arriving: not judged yet
    assert (first.received, first.skipped) == (0, ())
    report = desktop_round(desktop)  # the same, still broken: reported
    assert report.received == 0
    assert report.skipped == (
        f"changes/{change.name} in the sync folder is damaged, was changed outside CoachJournal "
        "or belongs to another synced journal, so it was skipped.",
    )
    assert content(desktop) == before
    shutil.copyfile(change, inbox / change.name)  # the sync service brings the real one
    assert desktop_round(desktop).skipped == ()
    assert content(desktop) == content(laptop)


def test_a_half_arrived_file_waits_without_a_word(pair: tuple[Path, Path, Path, Path]) -> None:
    laptop, desktop, change, inbox = pair
    (inbox / change.name).write_bytes(change.read_bytes()[:100])  # arriving right now
    report = desktop_round(desktop)
    assert (report.received, report.skipped) == (0, ())
    (inbox / change.name).write_bytes(change.read_bytes()[:200])  # more of it arrived
    assert desktop_round(desktop).skipped == ()
    shutil.copyfile(change, inbox / change.name)
    assert desktop_round(desktop).received == 1
    assert content(desktop) == content(laptop)


def test_another_journals_file_and_foreign_files_are_reported(
    pair: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    _laptop, desktop, _change, inbox = pair
    (tmp_path / "stranger").mkdir()
    stranger = folder.SyncFolder.create(tmp_path / "stranger", PASS)  # same passphrase
    theirs = stranger.write(crypto.CHANGES, crypto.new_id(), 1, {"changes": []})
    (inbox / "ffffffffffffffffffffffffffffffff-1.cjc").write_bytes(theirs.read_bytes())
    (inbox / "notes.txt").write_text("Dana's salary is …")
    outside = tmp_path / "secret.cjc"
    outside.write_bytes(b"x")
    (inbox / "link.cjc").symlink_to(outside)
    before = content(desktop)
    assert desktop_round(desktop).skipped == (
        "changes/link.cjc in the sync folder is not a plain file, so it was skipped.",
    )
    report = desktop_round(desktop)
    assert sorted(report.skipped) == [
        "changes/ffffffffffffffffffffffffffffffff-1.cjc in the sync folder is damaged, was "
        "changed outside CoachJournal or belongs to another synced journal, so it was skipped.",
        "changes/link.cjc in the sync folder is not a plain file, so it was skipped.",
        "changes/notes.txt in the sync folder is not a CoachJournal sync file, so it was skipped.",
    ]
    assert content(desktop) == before


def test_files_late_twice_and_out_of_order_end_the_same(tmp_path: Path) -> None:
    laptop, desktop = tmp_path / "laptop.db", tmp_path / "desktop.db"
    cloud, other = tmp_path / "cloud", tmp_path / "desktop-cloud"
    cloud.mkdir()
    team(laptop, managers=1)
    with opened(laptop) as database:
        service.set_up(database, cloud, PASS)
    shutil.copytree(cloud, other)
    service.join(other, PASS, desktop)
    with opened(laptop) as database:
        for number in range(4):
            manager = roster.create_manager(f"Manager written {number}")
            service.run_round(database)
            roster.update_manager(manager.id, notes=f"Notes written {number}")
            service.run_round(database)
    sent = sorted(
        (cloud / folder.ROOT_NAME / folder.CHANGES_DIR).iterdir(),
        key=lambda p: int(p.stem.split("-")[1]),
    )
    assert len(sent) == 8
    inbox = other / folder.ROOT_NAME / folder.CHANGES_DIR
    for batch in ([sent[7], sent[3]], [sent[5], sent[3], sent[0]], sent[::-1]):
        for path in batch:
            shutil.copyfile(path, inbox / path.name)
        assert desktop_round(desktop).skipped == ()
    assert content(desktop) == content(laptop)


def test_a_crafted_header_costs_nothing(tmp_path: Path) -> None:
    made = folder.SyncFolder.create(tmp_path, PASS)
    header = made.root / folder.HEADER_NAME
    header.write_bytes(
        header.read_bytes().replace(b'"memory_kib": 65536', b'"memory_kib": 67108864')
    )
    started = time.perf_counter()
    with pytest.raises(SyncDataError, match="header file is damaged"):
        service.join(tmp_path, PASS, tmp_path / "new.db")
    assert time.perf_counter() - started < 1
    assert not (tmp_path / "new.db").exists()


def test_a_subfolder_turned_into_a_link_is_refused(
    pair: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    """``changes/`` replaced by a link to another folder: the round neither reads there nor
    writes there (it followed the link, and wrote the desktop's changes wherever it pointed)."""
    _laptop, desktop, _change, inbox = pair
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(inbox)
    inbox.symlink_to(elsewhere, target_is_directory=True)
    with opened(desktop) as database:
        roster.create_manager("Written on the desktop")
        with pytest.raises(SyncFolderError, match="is a link to another folder"):
            service.run_round(database)
    assert list(elsewhere.iterdir()) == []


def test_json_nested_too_deep_is_a_damaged_file_not_a_crash(tmp_path: Path) -> None:
    """A payload (sealed with the right key, as a buggy or hostile computer could) or a header
    nested thousands deep: Python's JSON reader gives up with a RecursionError, which stopped
    every round with "something unexpected"."""
    key, journal = os.urandom(32), crypto.new_id()
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)
    try:
        data = crypto.seal(key, journal, crypto.CHANGES, crypto.new_id(), 1, {"changes": deep})
    finally:
        sys.setrecursionlimit(limit)
    with pytest.raises(crypto.DamagedFile):
        crypto.unseal(key, journal, data)
    made = folder.SyncFolder.create(tmp_path, PASS)
    (made.root / folder.HEADER_NAME).write_bytes(b"[" * 100_000)
    with pytest.raises(SyncDataError, match="header file is damaged"):
        service.join(tmp_path, PASS, tmp_path / "new.db")


def test_a_change_file_deleted_before_it_was_read_comes_back_in_a_snapshot(
    pair: tuple[Path, Path, Path, Path],
) -> None:
    """The laptop's first change file is deleted from the folder before the desktop read it,
    and a later one arrives: the desktop applies the later one and says what it still needs;
    the laptop then writes a snapshot that carries the lost change (it was lost for good)."""
    laptop, desktop, change, inbox = pair
    with opened(laptop) as database:
        roster.create_manager("Written later")
        service.run_round(database)
    cloud, other = change.parent.parent, inbox.parent
    change.unlink()  # the first change file is gone before the desktop's copy got it
    shutil.copytree(cloud, other, dirs_exist_ok=True)
    desktop_round(desktop)
    assert "Written later" in managers(desktop)
    assert "Written on the laptop" not in managers(desktop)
    shutil.copytree(other, cloud, dirs_exist_ok=True)  # the desktop's status reaches the laptop
    with opened(laptop) as database:
        service.run_round(database)
    shutil.copytree(cloud, other, dirs_exist_ok=True)
    desktop_round(desktop)
    assert content(desktop) == content(laptop)
