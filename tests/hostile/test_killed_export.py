"""An export killed while it writes leaves a hidden, private temporary file beside its target
(``.<name>.<random>.tmp``, 0600): the next export to the same place removes it, so part of the
journal does not stay behind in the user's Documents."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from coachjournal.storage import exports


def _leftover(folder: Path, name: str, age_s: float) -> Path:
    path = folder / f".{name}.k1ll3d.tmp"
    path.write_bytes(b"%PDF half of a prep sheet")
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_the_next_export_to_the_same_place_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    old = _leftover(tmp_path, "prep.pdf", age_s=2 * 3600)
    other = _leftover(tmp_path, "other.pdf", age_s=2 * 3600)
    with exports.new_file(tmp_path / "prep.pdf") as stream:
        stream.write(b"%PDF whole")
    assert not old.exists()
    assert other.exists(), "only the leftovers of this target are the export's to remove"
    assert (tmp_path / "prep.pdf").read_bytes() == b"%PDF whole"


def test_a_temporary_file_being_written_right_now_is_left_alone(tmp_path: Path) -> None:
    """A second process exporting to the same name this minute is not disturbed."""
    fresh = _leftover(tmp_path, "prep.pdf", age_s=5)
    with exports.new_file(tmp_path / "prep.pdf", force=True) as stream:
        stream.write(b"%PDF")
    assert fresh.exists()


@pytest.mark.parametrize("name", ["[weekly] prep.pdf", "prep*.pdf"])
def test_a_target_name_with_pattern_characters_sweeps_only_its_own(
    tmp_path: Path, name: str
) -> None:
    own = _leftover(tmp_path, name, age_s=2 * 3600)
    unrelated = _leftover(tmp_path, "prepX.pdf", age_s=2 * 3600)
    with exports.new_file(tmp_path / name) as stream:
        stream.write(b"%PDF")
    assert not own.exists()
    assert unrelated.exists()
