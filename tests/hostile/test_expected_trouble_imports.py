"""Expected trouble gets its own true sentence, never "something unexpected went wrong", and a
failed import leaves no journal file behind.

Before: a number past 64 bits (SQLite cannot store it), a number of thousands of digits (Python
refuses to read it), a lone surrogate (SQLite cannot encode it) and running out of memory each
ended an import with "something unexpected" and left an empty journal file; ``chart --to
9999-12-31`` overflowed the date arithmetic the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.core.exports import as_version_2
from tests.hostile.journals import assert_one_line_refusal, run, sample_export, write_export


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample as a version-2 file (rows and links by record number): its rows go through
    the same checks as a version-3 file's, which are read as numbered rows."""
    return as_version_2(sample_export(tmp_path_factory.mktemp("sample")))


def _only(folder: Path, *names: str) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name not in names)


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [
        ("duration_minutes", 2**64, "'duration_minutes' must be a whole number from 0 to 1,440"),
        ("duration_minutes", -(2**63) - 1, "'duration_minutes' must be a whole number"),
        ("id", 10**30, "'id' must be a whole number from 1 to 2,147,483,647"),
        ("manager_id", 2**63, "'manager_id' must be a whole number from 1 to 2,147,483,647"),
        ("notes", "\ud800", "'notes' holds a broken character (half of a surrogate pair)"),
        ("summary", "ok \udfff", "'summary' holds a broken character"),
    ],
)
def test_numbers_past_64_bits_and_lone_surrogates_get_a_sentence(
    export: dict[str, Any], tmp_path: Path, field: str, value: Any, sentence: str
) -> None:
    document = json.loads(json.dumps(export))
    document["tables"]["touchpoint"][0][field] = value
    source = write_export(tmp_path / "edited.json", document)
    code, _, err = run("--db", tmp_path / "journal.db", "import", source)
    assert sentence in assert_one_line_refusal(code, err)
    assert _only(tmp_path) == ["edited.json"]


@pytest.mark.parametrize("digits", [4_301, 20_000])
def test_a_number_of_thousands_of_digits_gets_a_sentence(
    export: dict[str, Any], tmp_path: Path, digits: int
) -> None:
    text = json.dumps(export, indent=1).replace(
        '"duration_minutes": 30', f'"duration_minutes": {"9" * digits}', 1
    )
    source = tmp_path / "digits.json"
    source.write_text(text, encoding="utf-8")
    code, _, err = run("--db", tmp_path / "journal.db", "import", source)
    assert "holds a number with thousands of digits" in assert_one_line_refusal(code, err)
    assert _only(tmp_path) == ["digits.json"]


@pytest.mark.parametrize(
    "where",
    ["a table name", "a field name", "a text value", "the whole file"],
)
def test_a_lone_surrogate_anywhere_gets_a_sentence_that_can_be_printed(
    export: dict[str, Any], tmp_path: Path, where: str
) -> None:
    document: Any = json.loads(json.dumps(export))
    if where == "a table name":
        document["tables"]["\udc80"] = []
    elif where == "a field name":
        document["tables"]["manager"][0]["\ud800"] = 1
    elif where == "a text value":
        document["tables"]["motivator"][0]["name"] = "\udbff"
    else:
        document = "\ud800"
    source = write_export(tmp_path / "edited.json", document)
    code, _, err = run("--db", tmp_path / "journal.db", "import", source)
    message = assert_one_line_refusal(code, err)
    message.encode("utf-8")  # printable: the surrogate is shown escaped, if at all
    assert _only(tmp_path) == ["edited.json"]


_LIMITED_IMPORT = """
import resource, sys
from coachjournal.__main__ import main

def size():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024

limit = size() + int(sys.argv[3]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.exit(main(["--db", sys.argv[1], "import", sys.argv[2]]))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_running_out_of_memory_gets_a_sentence_and_leaves_no_file(
    export: dict[str, Any], tmp_path: Path
) -> None:
    """A real process, its address space capped 200 MB above what it holds after start-up,
    imports an export with a 150 MB note."""
    document = json.loads(json.dumps(export))
    document["tables"]["touchpoint"][0]["notes"] = "NOTE"
    source = tmp_path / "big.json"
    head, tail = json.dumps(document).split('"NOTE"')
    with source.open("w", encoding="utf-8") as stream:
        stream.write(f'{head}"')
        for _ in range(150):
            stream.write("x" * 1_000_000)
        stream.write(f'"{tail}')
    journal = tmp_path / "journal.db"
    result = subprocess.run(
        [sys.executable, "-c", _LIMITED_IMPORT, str(journal), str(source), "200"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 1, result
    assert result.stderr.count("\n") == 1, result.stderr
    assert "There was not enough memory to read" in result.stderr
    assert "nothing was imported" in result.stderr
    assert _only(tmp_path) == ["big.json"]


@pytest.mark.parametrize(
    ("option", "date"),
    [("--to", "9999-12-31"), ("--from", "0001-01-01"), ("--to", "2201-01-01")],
)
def test_a_chart_date_past_the_journal_bounds_gets_a_sentence(
    tmp_path: Path, option: str, date: str
) -> None:
    journal = tmp_path / "journal.db"
    assert run("demo", "--db", journal, "--managers", "1", "--years", "0.1")[0] == 0
    png = tmp_path / "c.png"
    code, _, err = run("--db", journal, "chart", "--chart", "frequency", option, date, "--out", png)
    assert code == 2 and err.count("\n") == 1, err
    assert f"{date} is not between 1950-01-01 and 2200-12-31" in err
    assert not png.exists()


def test_a_chart_at_the_last_day_allowed_is_drawn(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    assert run("demo", "--db", journal, "--managers", "1", "--years", "0.1")[0] == 0
    png = tmp_path / "c.png"
    code, _, err = run(
        "--db", journal, "chart", "--chart", "frequency", "--to", "2200-12-31", "--out", png
    )
    assert code == 0 and png.stat().st_size > 0, err
