"""The sync service through real journals and a real folder: setting up, joining, rounds both
ways, what a round reports, status, pause, leave, snapshots and compaction."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import peewee
import pytest

from coachjournal import sync
from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Touchpoint
from coachjournal.sync import crypto, folder, service
from coachjournal.sync.errors import SyncError, SyncFolderError, SyncPassphraseError
from tests.core.sync.computers import PASS, export, opened, sync_files, team


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A laptop's journal that set sync up, and a desktop's that joined it."""
    laptop, desktop, cloud = tmp_path / "laptop.db", tmp_path / "desktop.db", tmp_path / "cloud"
    cloud.mkdir()
    team(laptop)
    with opened(laptop) as database:
        service.set_up(database, cloud, PASS)
    assert service.join(cloud, PASS, desktop) == desktop
    return laptop, desktop, cloud / folder.ROOT_NAME


def names(path: Path) -> set[str]:
    with opened(path):
        return {m.name for m in roster.list_managers(include_archived=True)}


def test_a_joined_journal_is_the_same_journal(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    laptop, desktop, root = pair
    assert export(laptop, tmp_path) == export(desktop, tmp_path)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for path in sync_files(root):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert b"Manager 0" not in path.read_bytes()


def test_changes_travel_both_ways(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    laptop, desktop, _root = pair
    with opened(laptop) as database:
        roster.create_manager("Written on the laptop")
        assert service.status(database).waiting == 1
        report = service.run_round(database)
        assert (report.sent, report.received) == (1, 0)
        assert service.status(database).waiting == 0
    with opened(desktop) as database:
        report = service.run_round(database)
        assert (report.sent, report.received, report.changed) == (0, 1, 1)
        assert "Written on the laptop" in {m.name for m in roster.list_managers()}
        roster.create_manager("Written on the desktop")
        service.run_round(database)
    with opened(laptop) as database:
        service.run_round(database)
    assert names(laptop) == names(desktop)
    assert export(laptop, tmp_path) == export(desktop, tmp_path)


def test_text_edited_on_both_sides_keeps_both(pair: tuple[Path, Path, Path]) -> None:
    laptop, desktop, _root = pair
    for path, words in ((laptop, "laptop's notes"), (desktop, "desktop's notes")):
        with opened(path) as database:
            manager = roster.list_managers()[0]
            roster.update_manager(manager.id, notes=words)
            service.run_round(database)
    with opened(laptop) as database:
        report = service.run_round(database)
    with opened(desktop) as database:
        service.run_round(database)
    kept = []
    for path in (laptop, desktop):
        with opened(path) as database:
            state = service.status(database)
            found = sync.conflicts(database)
            kept.append({roster.list_managers()[0].notes, *(c.other_text for c in found)})
            assert state.conflicts == len(found)
    assert report.conflicts + state.conflicts >= 1
    for texts in kept:
        assert {"laptop's notes", "desktop's notes"} <= texts


def test_an_edit_on_the_joined_computer_is_no_conflict(pair: tuple[Path, Path, Path]) -> None:
    """The desktop's records came from the snapshot: its edit of one travels as an edit, and
    the laptop, which never touched that note, takes it without a conflict (it was sent as a
    new record, and the laptop's unchanged text went to Conflicts)."""
    laptop, desktop, _root = pair
    with opened(desktop) as database:
        first = Touchpoint.select().order_by(Touchpoint.occurred_at).first()
        touchpoints.update_touchpoint(first.id, notes="typed on the desktop")
        service.run_round(database)
    with opened(laptop) as database:
        report = service.run_round(database)
        assert report.conflicts == 0 and sync.conflict_count(database) == 0
        first = Touchpoint.select().order_by(Touchpoint.occurred_at).first()
        assert first.notes == "typed on the desktop"


def test_an_older_edit_arriving_after_two_newer_ones_is_kept(
    pair: tuple[Path, Path, Path],
) -> None:
    """The desktop edits a manager's notes once; the laptop, not having seen it, edits them
    twice (syncing each); then the desktop syncs, then the laptop. The desktop's text is
    older, so it loses its place on both, and must be kept among the conflicts on both (the
    laptop had never shown it)."""
    laptop, desktop, _root = pair
    with opened(desktop):
        roster.update_manager(roster.list_managers()[0].id, notes="desktop's notes")
    for words in ("laptop's first", "laptop's last"):
        with opened(laptop) as database:
            roster.update_manager(roster.list_managers()[0].id, notes=words)
            service.run_round(database)
    for path in (desktop, laptop):
        with opened(path) as database:
            service.run_round(database)
    for path in (laptop, desktop):
        with opened(path) as database:
            assert roster.list_managers()[0].notes == "laptop's last"
            assert "desktop's notes" in {c.other_text for c in sync.conflicts(database)}, path.stem


def test_status_pause_and_the_report_in_words(pair: tuple[Path, Path, Path]) -> None:
    laptop, _desktop, root = pair
    with opened(laptop) as database:
        before = service.status(database)
        assert before.enabled and not before.paused
        assert before.folder == root
        assert before.last_synced is not None and before.last_synced.tzinfo is not None
        assert before.problem is None
        service.pause(database, True)
        roster.create_manager("Kept while paused")
        assert service.run_round(database) == service.RoundReport(0, 0, 0, 0)
        assert service.status(database).paused and service.status(database).waiting == 1
        service.pause(database, False)
        report = service.run_round(database)
        assert report.sent == 1
        assert report.in_words() == "Sent 1 change file; received 0 files with 0 changes."


def test_an_unreachable_folder_is_noted_in_the_status(pair: tuple[Path, Path, Path]) -> None:
    laptop, _desktop, root = pair
    root.rename(root.with_name("moved away"))
    with opened(laptop) as database:
        with pytest.raises(SyncFolderError, match="holds no synced journal"):
            service.run_round(database)
        assert "holds no synced journal" in (service.status(database).problem or "")


def test_a_moved_folder_is_found_again(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    laptop, _desktop, root = pair
    moved = tmp_path / "elsewhere"
    root.parent.rename(moved)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    folder.SyncFolder.create(stranger, PASS)  # another journal's folder, same passphrase
    with opened(laptop) as database:
        with pytest.raises(SyncFolderError):
            service.run_round(database)
        with pytest.raises(SyncFolderError, match="holds another synced journal"):
            service.move_folder(database, stranger)
        service.move_folder(database, moved)
        assert service.status(database).folder == moved / folder.ROOT_NAME
        assert service.status(database).problem is None
        roster.create_manager("After the move")
        assert service.run_round(database).sent == 1


def test_set_up_refuses_a_folder_with_a_journal_and_a_journal_that_syncs(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    laptop, _desktop, root = pair
    other = tmp_path / "other.db"
    team(other, managers=1)
    with (
        opened(other) as database,
        pytest.raises(SyncFolderError, match="already holds a synced journal"),
    ):
        service.set_up(database, root.parent, PASS)
    with opened(laptop) as database, pytest.raises(SyncError, match="already syncs"):
        service.set_up(database, tmp_path, PASS)


def test_a_set_up_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    journal, cloud = tmp_path / "journal.db", tmp_path / "cloud"
    cloud.mkdir()
    team(journal, managers=1)
    with opened(journal) as database:
        database.execute_sql("CREATE TABLE sync_folder (name TEXT PRIMARY KEY)")  # no value
        with pytest.raises(peewee.OperationalError):
            service.set_up(database, cloud, PASS)
        assert not service.status(database).enabled
        assert list(cloud.iterdir()) == []
        service.set_up(database, cloud, PASS)  # a second try is not refused
        assert service.status(database).enabled


def test_join_with_a_wrong_passphrase_writes_nothing(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _laptop, _desktop, root = pair
    before = {p: p.read_bytes() for p in sync_files(root)}
    target = tmp_path / "third.db"
    with pytest.raises(SyncPassphraseError, match="not right"):
        service.join(root.parent, "not the passphrase", target)
    assert not target.exists()
    assert list(tmp_path.glob("third.db*")) == []
    assert {p: p.read_bytes() for p in sync_files(root)} == before


def test_join_keeps_the_open_journal_open_and_refuses_an_existing_file(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    laptop, desktop, root = pair
    with opened(laptop):
        service.join(root, PASS, tmp_path / "third.db")
        assert db.open_path() == laptop.absolute()
        assert Manager.select().count() == 2
    with pytest.raises(SyncError, match="already a file"):
        service.join(root, PASS, desktop)


def test_leave_tells_the_folder_and_keeps_the_journal(pair: tuple[Path, Path, Path]) -> None:
    _laptop, desktop, root = pair
    with opened(desktop) as database:
        service.leave(database)
        assert not service.status(database).enabled
        assert len(roster.list_managers()) == 2
        with pytest.raises(SyncError, match="does not sync"):
            service.run_round(database)
    statuses = folder.SyncFolder.open(root, PASS).scan(crypto.DEVICE).found
    assert [s.payload["left"] for s in statuses].count(True) == 1


def test_compaction_keeps_the_folder_bounded(
    pair: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(service, "SNAPSHOT_AFTER", 5)
    laptop, desktop, root = pair
    for day in range(30):
        for path in (laptop, desktop):
            with opened(path) as database:
                manager = roster.list_managers()[day % 2]
                touchpoints.log_touchpoint(
                    manager.id,
                    dt.datetime(2026, 1, 1, 9) + dt.timedelta(days=day),
                    TouchpointKind.ONE_ON_ONE,
                    summary=f"Day {day} on {path.stem}",
                )
                service.run_round(database)
    changes = list((root / folder.CHANGES_DIR).iterdir())
    snapshots = list((root / folder.SNAPSHOTS_DIR).iterdir())
    assert len(changes) <= 2 * (5 + 2), sorted(p.name for p in changes)
    assert len(snapshots) == 2  # each computer's newest
    # A computer joining now starts from the snapshots and the few files after them.
    third = tmp_path / "third.db"
    service.join(root, PASS, third)
    for path in (laptop, desktop):
        with opened(path) as database:
            service.run_round(database)
    assert export(third, tmp_path) == export(laptop, tmp_path) == export(desktop, tmp_path)
