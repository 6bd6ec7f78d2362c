"""The CSV export on a full disk: one true sentence, and no partial file or folder left.

Both ways are real: a 64 KiB tmpfs (mounting needs root, so the test is skipped without it)
runs out of space (ENOSPC), and a process whose file size limit (RLIMIT_FSIZE) is below the
export's size gets EFBIG from the kernel on its first write past the limit.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.exchange import csv_export
from coachjournal.storage import db
from coachjournal.storage.exports import ExportError
from coachjournal.storage.models import Touchpoint

NOTES = "A long note about the quarter, the pipeline and the team. " * 70


def fill(count: int = 40) -> None:
    """About 160 KB of CSV: more than the small disk and the file size limit hold."""
    manager = roster.create_manager("Anna Berg")
    for number in range(count):
        touchpoints.create_touchpoint(
            manager.id, dt.datetime(2026, 1, 1 + number % 28, 9), "one_on_one", notes=NOTES
        )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, unmounted afterwards."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_gets_a_true_sentence_and_leaves_nothing(
    journal_path: Path, small_disk: Path
) -> None:
    fill()
    before = Touchpoint.select().count()
    with pytest.raises(ExportError) as raised:
        csv_export.export_csv(small_disk / "csv")
    message = str(raised.value)
    assert message.startswith(f"The disk is full, so {small_disk / 'csv'} was not written")
    assert "\n" not in message and "Errno" not in message
    assert list(small_disk.iterdir()) == []
    assert Touchpoint.select().count() == before

    # With room again, the same export succeeds in the same place.
    (small_disk.parent / "room").mkdir()
    assert csv_export.export_csv(small_disk.parent / "room" / "csv").rows["touchpoints.csv"] == 40


_EXPORT_UNDER_A_LIMIT = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path
    from coachjournal.exchange import csv_export
    from coachjournal.storage import db
    from coachjournal.storage.exports import ExportError

    db.open_journal(Path(sys.argv[1]))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, resource.RLIM_INFINITY))
    try:
        csv_export.export_csv(Path(sys.argv[2]))
    except ExportError as error:
        print(error)
    print(sorted(os.listdir(Path(sys.argv[2]).parent)))
    """
)


def test_a_file_size_limit_gets_a_true_sentence_and_leaves_nothing(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    db.open_journal(journal)
    try:
        fill()
    finally:
        db.close_journal()
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _EXPORT_UNDER_A_LIMIT, str(journal), str(out / "csv")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    sentence, listing = done.stdout.splitlines()
    assert sentence == (
        f"{out / 'csv'} was not written: it would be larger than this system lets a file be, "
        "and nothing was left behind."
    )
    assert listing == "[]"
