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
import re
from collections.abc import Collection, Sequence
from pathlib import Path

from coachjournal.errors import CoachJournalError


def read_records(
    source: Path | str | bytes, unnamed: str, error: type[CoachJournalError]
) -> tuple[str, list[list[str]]]:
    """The file's name (``unnamed`` when ``source`` is its bytes) and its rows. Raises ``error``
    with a sentence for the user when the file cannot be read as text or as CSV."""
    if isinstance(source, bytes):
        name, data = unnamed, source
    else:
        path = Path(source).expanduser()
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as problem:
            raise error(f"Cannot read {path}: {problem.strerror or problem}.") from problem
    text = _decode(name, data, error)
    try:
        return name, list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as problem:
        raise error(f"{name} is not a CSV file that can be read: {problem}.") from None


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
    """Spreadsheets' CSV encodings: UTF-16 (Excel's "Unicode text", the only one with zero
    bytes), UTF-8 with or without a byte order mark, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
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
