"""Reading the CSV files that spreadsheets, CRMs and HR systems write, for the imports that take
them (:mod:`coachjournal.exchange.roster_import`, :mod:`coachjournal.exchange.results_import`).

Spreadsheets save CSV in many ways, so the text may be UTF-8 (with or without a byte order
mark), UTF-16 (Excel's "Unicode text") or Windows-1252, and the delimiter a comma, a semicolon
(Excel in most of Europe) or a tab; it is read from the header line. Each import raises its own
:class:`~coachjournal.errors.CoachJournalError` subclass, so the functions here take it.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Collection, Sequence
from pathlib import Path

from coachjournal.errors import CoachJournalError

#: The largest file read: a roster of thousands of managers or ten years of monthly results
#: for hundreds of them is well under a megabyte or two.
MAX_BYTES = 20_000_000
#: The most rows checked in one import (200 managers' monthly results over ten years are
#: 24,000): the preview checks every row on the spot, in a few seconds at most.
MAX_ROWS = 30_000


def read_records(
    source: Path | str | bytes, unnamed: str, error: type[CoachJournalError]
) -> tuple[str, list[list[str]]]:
    """The file's name (``unnamed`` when ``source`` is its bytes) and its rows. Raises ``error``
    with a sentence for the user when the file cannot be read as text or as CSV, or holds more
    than :data:`MAX_BYTES` bytes or :data:`MAX_ROWS` rows."""
    if isinstance(source, bytes):
        name, data = unnamed, source
    else:
        path = Path(source).expanduser()
        name = path.name
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except OSError as problem:
            raise error(f"Cannot read {path}: {problem.strerror or problem}.") from problem
    if len(data) > MAX_BYTES:
        raise error(_too_large(name, f"more than {MAX_BYTES // 1_000_000} MB"))
    text = _decode(name, data, error)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records = list(itertools.islice(reader, MAX_ROWS + 2))
    except csv.Error as problem:
        raise error(f"{name} is not a CSV file that can be read: {problem}.") from None
    if len(records) > MAX_ROWS + 1:
        raise error(_too_large(name, f"more than {MAX_ROWS:,} rows"))
    return name, records


def _too_large(name: str, size: str) -> str:
    return (
        f"{name} is too large to import at once ({size}); split it into smaller files and "
        "import them one after the other. Nothing was imported."
    )


def header_index(
    name: str, records: Sequence[Sequence[str]], error: type[CoachJournalError]
) -> int:
    """Where the header row is: the first row that is not blank. Raises ``error`` if none is."""
    start = next((i for i, record in enumerate(records) if not is_blank(record)), None)
    if start is None:
        raise error(f"{name} is empty.")
    return start


def is_blank(record: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in record)


def one_line(text: str) -> str:
    """Text from the file as a message shows it: one line, single spaces."""
    return " ".join(text.split())


def simplify(header: str) -> str:
    """A header as it is compared with the names a column goes by: folded case, letters and
    digits only ("E-mail address" -> "emailaddress")."""
    return re.sub(r"[\W_]+", "", header.casefold())


def ignored_headers(headers: Sequence[str], used: Collection[int]) -> tuple[str, ...]:
    """The headers of the columns an import does not keep, as a message lists them."""
    return tuple(one_line(h) for i, h in enumerate(headers) if i not in used and h.strip())


def _utf16(data: bytes) -> str:
    """UTF-16 text, with a byte order mark or without one (then told by where the zero bytes
    of ASCII letters fall)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-16-le" if data[1::2].count(0) >= data[::2].count(0) else "utf-16-be")


def _decode(name: str, data: bytes, error: type[CoachJournalError]) -> str:
    """Spreadsheets' CSV encodings: UTF-16 (Excel's "Unicode text": a byte order mark, or a zero
    byte in every other one, as its Latin letters have), UTF-8 with or without a byte order
    mark, else Windows-1252. A stray zero byte in UTF-8 text does not make it UTF-16: the rules
    refuse the field that holds it, by its row."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(0) * 4 >= len(data) > 0:
        try:
            return _utf16(data)
        except UnicodeDecodeError:
            raise error(f"{name} is not text that can be read.") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise error(
        f"{name} is neither UTF-8 nor Windows-1252 text; save it from the spreadsheet as "
        "“CSV UTF-8” and try again."
    )


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line has most of."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=header.count)
