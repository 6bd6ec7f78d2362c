"""The sync folder on opaque payloads: layout and permissions, sealing, the header and its key
check, and reading back whatever a sync service did to the files (the engine is not needed:
a payload is any JSON object)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coachjournal.sync import crypto, folder
from coachjournal.sync.errors import SyncDataError, SyncFolderError, SyncPassphraseError

PASS = "correct horse battery staple"
A = "a" * 32
B = "b" * 32


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, folder.SyncFolder]:
    """One folder for the module (deriving a key takes half a second)."""
    chosen = tmp_path_factory.mktemp("cloud")
    return chosen, folder.SyncFolder.create(chosen, PASS)


@pytest.fixture
def sync(made: tuple[Path, folder.SyncFolder], tmp_path: Path) -> folder.SyncFolder:
    """A fresh copy of the module's folder, so each test starts from an empty one."""
    _chosen, original = made
    root = tmp_path / folder.ROOT_NAME
    for sub in (folder.CHANGES_DIR, folder.SNAPSHOTS_DIR, folder.DEVICES_DIR):
        (root / sub).mkdir(parents=True)
    (root / folder.HEADER_NAME).write_bytes((original.root / folder.HEADER_NAME).read_bytes())
    return folder.SyncFolder(root, original.journal_id, original.key)


def names(reading: folder.Reading) -> list[tuple[str, int, object]]:
    return sorted((f.device, f.seq, f.payload["n"]) for f in reading.found)


def test_layout_is_private_and_reveals_nothing(made: tuple[Path, folder.SyncFolder]) -> None:
    chosen, sync = made
    assert sync.root == chosen / folder.ROOT_NAME
    path = sync.write(crypto.CHANGES, A, 1, {"n": "Notes about Dana Whitfield"})
    assert path.name == f"{A}-1.cjc"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for sub in (folder.CHANGES_DIR, folder.SNAPSHOTS_DIR, folder.DEVICES_DIR):
        assert stat.S_IMODE((sync.root / sub).stat().st_mode) == 0o700
    assert b"Dana" not in path.read_bytes()
    assert b"Dana" not in (sync.root / folder.HEADER_NAME).read_bytes()
    path.unlink()


def test_set_up_twice_is_refused(made: tuple[Path, folder.SyncFolder]) -> None:
    chosen, _sync = made
    with pytest.raises(SyncFolderError, match="already holds a synced journal"):
        folder.SyncFolder.create(chosen, PASS)


def test_open_with_the_passphrase_and_refuse_a_wrong_one(
    made: tuple[Path, folder.SyncFolder],
) -> None:
    chosen, sync = made
    opened = folder.SyncFolder.open(chosen, PASS)
    assert opened.key == sync.key
    assert folder.SyncFolder.with_key(chosen, sync.journal_id, sync.key).root == sync.root
    assert opened.journal_id == sync.journal_id
    with pytest.raises(SyncPassphraseError, match="not right"):
        folder.SyncFolder.open(chosen, PASS + "!")


def test_a_folder_without_a_journal_is_named(tmp_path: Path) -> None:
    with pytest.raises(SyncFolderError, match="holds no synced journal"):
        folder.SyncFolder.open(tmp_path, PASS)


def test_round_trip_of_files_out_of_order(sync: folder.SyncFolder) -> None:
    for seq in (3, 1, 2):
        sync.write(crypto.CHANGES, A, seq, {"n": seq})
    sync.write(crypto.CHANGES, B, 1, {"n": "b1"})
    reading = sync.scan(crypto.CHANGES)
    assert names(reading) == [(A, 1, 1), (A, 2, 2), (A, 3, 3), (B, 1, "b1")]
    assert reading.skipped == []
    only_b = sync.scan(crypto.CHANGES, wanted=lambda device, _seq: device == B)
    assert names(only_b) == [(B, 1, "b1")]


def test_a_file_is_never_rewritten(sync: folder.SyncFolder) -> None:
    sync.write(crypto.CHANGES, A, 1, {"n": 1})
    with pytest.raises(SyncFolderError):
        sync.write(crypto.CHANGES, A, 1, {"n": "other"})
    assert names(sync.scan(crypto.CHANGES)) == [(A, 1, 1)]
    sync.write(crypto.DEVICE, A, 0, {"n": "first"})
    sync.write(crypto.DEVICE, A, 0, {"n": "second"})  # a device's status is replaced
    assert [f.payload["n"] for f in sync.scan(crypto.DEVICE).found] == ["second"]


@pytest.mark.parametrize(
    "renamed",
    [
        f"{A}-1 (conflicted copy 2026-12-03).cjc",
        f"{A}-1 (Laptop's conflicted copy 2026-12-03).cjc",
        f"{A}-1.sync-conflict-20261203-101010-ABCDEFG.cjc",
        f"{A}-1 (1).cjc",
        f"{A}-1 2.cjc",
    ],
)
def test_a_sync_services_copy_is_read_for_what_it_is(sync: folder.SyncFolder, renamed: str) -> None:
    path = sync.write(crypto.CHANGES, A, 1, {"n": 1})
    (path.parent / renamed).write_bytes(path.read_bytes())
    reading = sync.scan(crypto.CHANGES)
    assert names(reading) == [(A, 1, 1), (A, 1, 1)]  # the same batch twice: applied once
    path.unlink()
    assert names(sync.scan(crypto.CHANGES)) == [(A, 1, 1)]


def test_temporary_names_symlinks_and_litter_are_passed_over(
    sync: folder.SyncFolder, tmp_path: Path
) -> None:
    changes = sync.root / folder.CHANGES_DIR
    (changes / f".{A}-1.cjc.1234.tmp").write_bytes(b"half")
    (changes / "desktop.ini").write_text("[.ShellClassInfo]")
    (changes / ".DS_Store").write_bytes(b"\0")
    outside = tmp_path / "outside.cjc"
    outside.write_bytes(sync.write(crypto.CHANGES, B, 9, {"n": 9}).read_bytes())
    (changes / f"{B}-9.cjc").unlink()
    (changes / "link.cjc").symlink_to(outside)
    reading = sync.scan(crypto.CHANGES)
    assert reading.found == []
    assert reading.skipped == [
        "changes/link.cjc in the sync folder is not a plain file, so it was skipped."
    ]


def test_a_foreign_file_is_reported(sync: folder.SyncFolder) -> None:
    (sync.root / folder.CHANGES_DIR / "holiday.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 100)
    first = sync.scan(crypto.CHANGES)
    assert (first.found, first.skipped, first.waiting) == ([], [], 1)
    reading = sync.scan(crypto.CHANGES, broken_before=first.broken)
    assert reading.found == []
    assert reading.skipped == [
        "changes/holiday.jpg in the sync folder is not a CoachJournal sync file, so it was skipped."
    ]


def test_a_truncated_file_waits_then_is_reported(sync: folder.SyncFolder) -> None:
    path = sync.write(crypto.CHANGES, A, 1, {"n": "x" * 1000})
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    young = sync.scan(crypto.CHANGES)
    assert (young.found, young.skipped, young.waiting) == ([], [], 1)
    stayed = sync.scan(crypto.CHANGES, broken_before=young.broken)
    assert stayed.found == []
    assert len(stayed.skipped) == 1
    assert "damaged, was changed outside CoachJournal" in stayed.skipped[0]
    path.write_bytes(whole[: len(whole) * 3 // 4])  # more arrived: still arriving, not judged
    growing = sync.scan(crypto.CHANGES, broken_before=stayed.broken)
    assert (growing.skipped, growing.waiting) == ([], 1)
    path.write_bytes(whole)  # the rest arrived
    assert names(sync.scan(crypto.CHANGES, broken_before=growing.broken)) == [(A, 1, "x" * 1000)]


def test_a_huge_file_is_skipped_without_reading_it(
    sync: folder.SyncFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder, "MAX_FILE_BYTES", 1000)
    path = sync.root / folder.CHANGES_DIR / f"{A}-1.cjc"
    with path.open("wb") as out:
        out.truncate(1001)
    reading = sync.scan(crypto.CHANGES)
    assert reading.found == []
    assert reading.skipped == [
        f"changes/{A}-1.cjc in the sync folder is far larger than a sync file, so it was skipped."
    ]


def test_own_files_by_name_and_temporaries_cleared(sync: folder.SyncFolder) -> None:
    for seq in (2, 10, 1):
        sync.write(crypto.CHANGES, A, seq, {"n": seq})
    sync.write(crypto.CHANGES, B, 4, {"n": 4})
    leftover = sync.root / folder.CHANGES_DIR / f".{A}-11.cjc.0000.tmp"
    leftover.write_bytes(b"killed")
    assert [seq for seq, _path in sync.own_files(crypto.CHANGES, A)] == [1, 2, 10]
    sync.clear_temporaries(A)
    assert not leftover.exists()


def test_positions_follow_files_in_any_order() -> None:
    position = folder.Position()
    for seq in (3, 1, 5):
        position = position.plus(seq)
    assert (position.upto, position.extra) == (1, frozenset({3, 5}))
    position = position.plus(2)
    assert (position.upto, position.extra) == (3, frozenset({5}))
    assert position.has(2) and position.has(5) and not position.has(4)
    assert position.at_least(4) == folder.Position(5)
    assert folder.Position.from_json(position.to_json()) == position
    assert folder.Position.from_json("nonsense") == folder.Position()


def test_an_unusable_folder_is_a_sentence(sync: folder.SyncFolder) -> None:
    changes = sync.root / folder.CHANGES_DIR
    changes.rmdir()
    changes.write_bytes(b"")  # a file where the folder should be: no file can go in
    with pytest.raises(SyncFolderError, match="cannot be reached"):
        sync.write(crypto.CHANGES, A, 1, {"n": 1})
    with pytest.raises(SyncFolderError, match="cannot be reached"):
        sync.scan(crypto.CHANGES)


def test_crafted_headers_are_refused_before_deriving(made: tuple[Path, folder.SyncFolder]) -> None:
    _chosen, sync = made
    good = (sync.root / folder.HEADER_NAME).read_bytes()
    header = crypto.parse_header(good)
    for field, value in (
        ("memory_kib", 64 * 1024 * 1024),
        ("iterations", 10**9),
        ("lanes", 1 << 20),
        ("memory_kib", 8),
    ):
        crafted = good.replace(
            f'"{field}": {getattr(header.kdf, field)}'.encode(),
            f'"{field}": {value}'.encode(),
        )
        assert crafted != good
        with pytest.raises(SyncDataError, match="header file is damaged"):
            crypto.parse_header(crafted)
    for junk in (b"", b"{}", b"\xff" * 10, b"[1]", b"x" * 5000):
        with pytest.raises(SyncDataError, match="header file is damaged"):
            crypto.parse_header(junk)
    assert header.opens(sync.key)


def test_sealed_files_bind_kind_device_sequence_and_journal(
    made: tuple[Path, folder.SyncFolder],
) -> None:
    _chosen, sync = made
    key, journal = sync.key, sync.journal_id
    data = crypto.seal(key, journal, crypto.CHANGES, A, 7, {"n": 1})
    assert crypto.unseal(key, journal, data)[1] == {"n": 1}
    swapped = data.replace(bytes.fromhex(A), bytes.fromhex(B), 1)
    renumbered = data[:24] + (8).to_bytes(8, "big") + data[32:]
    as_snapshot = data[:7] + crypto.SNAPSHOT + data[8:]
    flipped = data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]
    for bad in (swapped, renumbered, as_snapshot, flipped, data[:-1]):
        with pytest.raises(crypto.DamagedFile):
            crypto.unseal(key, journal, bad)
    with pytest.raises(crypto.DamagedFile):
        crypto.unseal(key, crypto.new_id(), data)  # another journal's file


def test_a_compression_bomb_is_refused(
    made: tuple[Path, folder.SyncFolder], monkeypatch: pytest.MonkeyPatch
) -> None:
    _chosen, sync = made
    data = crypto.seal(sync.key, sync.journal_id, crypto.CHANGES, A, 1, {"n": "0" * 100_000})
    monkeypatch.setattr(crypto, "MAX_PAYLOAD_BYTES", 10_000)
    with pytest.raises(crypto.DamagedFile, match="too large"):
        crypto.unseal(sync.key, sync.journal_id, data)
