"""Hostile spreadsheets: a roster or results file of any size is read in bounded time and memory.

The preview checks every row on the spot (on the window's thread), and a file of 100,000
results rows took 21 s to preview: a file larger than any real roster or ten years of results
for hundreds of managers is refused with a sentence, before a row is checked, and the journal
is left as it was.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coachjournal.coaching import roster
from coachjournal.errors import CoachJournalError
from coachjournal.exchange import csv_input
from coachjournal.exchange.results_import import ResultsImportError, preview_results
from coachjournal.exchange.roster_import import RosterImportError, preview_roster
from coachjournal.storage.models import Manager, Result

#: Far more than a refusal takes; checking every row of these files took tens of seconds.
SECONDS = 5.0


@pytest.mark.parametrize(
    ("preview", "header", "row", "error"),
    [
        (
            preview_results,
            "Manager,Month,Quota,Actual",
            "Anna Berg,2026-{m:02d},1000,900",
            ResultsImportError,
        ),
        (
            preview_roster,
            "Name,Email,Team",
            "Manager {i},m{i}@example.com,Sales",
            RosterImportError,
        ),
    ],
    ids=["results", "roster"],
)
def test_a_file_with_more_rows_than_any_import_needs_is_refused_quickly(
    journal_path: Path,
    tmp_path: Path,
    preview: object,
    header: str,
    row: str,
    error: type[CoachJournalError],
) -> None:
    roster.create_manager("Anna Berg")
    rows = [row.format(i=i, m=i % 12 + 1) for i in range(csv_input.MAX_ROWS + 1)]
    path = tmp_path / "huge.csv"
    path.write_text("\n".join([header, *rows]), encoding="utf-8")

    start = time.perf_counter()
    with pytest.raises(error) as refused:
        preview(path)  # type: ignore[operator]
    assert time.perf_counter() - start < SECONDS
    assert str(refused.value) == (
        f"huge.csv is too large to import at once (more than {csv_input.MAX_ROWS:,} rows); "
        "split it into smaller files and import them one after the other. Nothing was imported."
    )
    assert Manager.select().count() == 1
    assert Result.select().count() == 0


def test_a_file_of_exactly_the_most_rows_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.csv"
    path.write_text("\n".join(["Name", *(f"M{i}" for i in range(csv_input.MAX_ROWS))]))
    name, records = csv_input.read_records(path, "The roster", RosterImportError)
    assert (name, len(records)) == ("full.csv", csv_input.MAX_ROWS + 1)


def test_a_file_larger_than_any_spreadsheet_export_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.write(b"Name,Notes\n")
        file.truncate(csv_input.MAX_BYTES + 1)
    with pytest.raises(RosterImportError, match=r"^big\.csv is too large to import at once"):
        csv_input.read_records(path, "The roster", RosterImportError)
    with pytest.raises(ResultsImportError, match=r"^The results file is too large"):
        preview_results(b"x" * (csv_input.MAX_BYTES + 1))
