"""The whole journal as one JSON file, and back: the export a user keeps and can restore.

The format is described in ``docs/export-format.md``. What shapes this module:

* **Table-driven.** Tables, columns, types, nullability, defaults, keys and links are read from
  the peewee models in :data:`coachjournal.storage.models.ALL_MODELS`, so a table or column added
  later is exported and imported without a change here. Only what a model cannot say (the allowed
  values of a choice, the 1–5 ratings) is listed below, and a test checks that every CHECK
  constraint of that kind is listed.
* **Everything.** Every row of every table: the trash, drafts of unsaved entries, settings.
* **Lossless and deterministic.** Ids are kept; keys are sorted, rows ordered by primary key,
  dates are ``YYYY-MM-DD`` and times ``YYYY-MM-DDTHH:MM:SS``. Exporting, importing into an empty
  journal and exporting again gives the same bytes (given the same ``exported_at``).
* **Checked before anything is written.** Syntax (with line and column), header, versions, and
  each row: fields, types, choices, duplicate keys, links to rows of the file, and the rules of
  :mod:`coachjournal.rules` that the editors apply (lengths, characters, ranges, dates), so an
  export edited by hand cannot store what the app cannot show. Every problem names its table,
  row and field. Constraints the database checks on top of these are
  reported the same way, and the import then rolls back.
* **One transaction, into an empty journal only.** Merging a backup into a journal that has
  moved on would mix two histories with clashing ids; restoring means a new journal.
* **Fast, in bounded memory.** Rows are written one per line while the tables are read (never
  the whole journal in memory) and inserted with ``executemany`` in chunks. A file is read a
  block at a time (:class:`_Stream`), each row checked as it is read: only the checked rows
  are kept, never the file's text or its parsed document (for 125,000 touchpoints, a 240 MB
  file: 2.9 s and 570 MB instead of 7.8 s and 2.1 GB). The full-text indexes are built once at
  the end instead of row by row through their triggers (FTS5 flushes its pending terms at every
  statement: 100 s through the triggers) with a 64 MB buffer of terms instead of 1 MB, and
  the transaction goes through a rollback journal rather than the WAL, so each page is written
  once (writing: 10.7 s -> 4.5 s). Python's cyclic garbage collector is paused
  while a file is checked and written: each automatic collection would walk every row kept.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import dataclasses
import datetime as dt
import gc
import json
import math
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

from peewee import DatabaseError, ForeignKeyField

from coachjournal import __version__, rules
from coachjournal.coaching import cadence, results
from coachjournal.coaching.team import plan as team_plan
from coachjournal.errors import CoachJournalError, ValidationError
from coachjournal.kinds import (
    ActionStatus,
    AssignmentStatus,
    GoalKind,
    Owner,
    Readiness,
    ResultPeriod,
    ReviewPeriod,
    Risk,
    TouchpointKind,
    TraitKind,
)
from coachjournal.storage import db, migrations
from coachjournal.storage.db import SQLITE_HEADER
from coachjournal.storage.exports import new_file
from coachjournal.storage.models import ALL_MODELS, BaseModel, database, utcnow

FORMAT = "coachjournal-export"
#: Bumped only when the shape of the file changes so that an older version could misread it.
#: Version 2 added a touchpoint's attendees (``touchpoint_attendee``: a version-1 file's
#: touchpoints each get their manager as their one attendee on import), which activities apply
#: to whom (``cadence_applies``), talent reviews (``talent_review``, ``talent_placement``) and
#: team plans (``team_plan``, ``team_plan_goal``), which a version-1 file simply has none of.
#: Version 3 names rows by their ``uid`` (the identity a record has on every synced
#: computer) instead of the local record numbers, and links hold the linked row's uid, so two
#: synced journals export the same file; rows are ordered by uid.
FORMAT_VERSION = 3
#: The format version that added each table (the others were in version 1).
ADDED_IN: Mapping[str, int] = {
    "touchpoint_attendee": 2,
    "cadence_applies": 2,
    "talent_review": 2,
    "talent_placement": 2,
    "team_plan": 2,
    "team_plan_goal": 2,
}

#: Columns whose value is one of a fixed set (CHECK ... IN (...) in the schema).
CHOICES: Mapping[tuple[str, str], type[StrEnum]] = {
    ("trait", "kind"): TraitKind,
    ("assignment", "status"): AssignmentStatus,
    ("touchpoint", "kind"): TouchpointKind,
    ("action_item", "owner"): Owner,
    ("action_item", "status"): ActionStatus,
    ("cadence", "kind"): TouchpointKind,
    ("cadence_applies", "kind"): TouchpointKind,
    ("result", "period"): ResultPeriod,
    ("talent_review", "period"): ReviewPeriod,
    ("talent_placement", "readiness"): Readiness,
    ("talent_placement", "risk"): Risk,
    ("team_plan_goal", "kind"): GoalKind,
}
#: Columns that hold a rating from 1 to 5 (CHECK ... BETWEEN 1 AND 5 in the schema).
RATINGS: frozenset[tuple[str, str]] = frozenset(
    key for key, rule in rules.COLUMNS.items() if rule is rules.RATING
)

#: Problems listed in an error at most (a file with a systematic fault would have thousands).
MAX_PROBLEMS = 50
#: Rows per ``executemany`` (and per savepoint, when a row must be found after a failure).
_CHUNK = 5_000
_HEADER_FIELDS = ("app_version", "exported_at", "format", "format_version", "schema_version")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Marks a field that a row leaves out (``None`` is a value: JSON's null).
_ABSENT = object()
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")


class ImportFileError(CoachJournalError):
    """The file cannot be imported; ``problems`` lists every fault found (the message the first)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)


class JournalNotEmptyError(CoachJournalError):
    """An export is restored into a new journal, never merged into one that holds data."""


# --- The tables, as the models describe them --------------------------------------------------

_TYPES = {
    "AUTO": "int",
    "INT": "int",
    "TEXT": "str",
    "DATE": "date",
    "DATETIME": "datetime",
    "BOOL": "bool",
    "FLOAT": "float",
}
_TYPE_WORDS = {
    "int": "a whole number",
    "str": "text",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date and time (YYYY-MM-DDTHH:MM:SS)",
    "bool": "true or false",
    "float": "a number",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """One column of a table as the export format sees it."""

    name: str
    value_type: str
    null: bool
    #: A value (or a function giving one) used when a row leaves the column out; ``required``
    #: columns have none.
    default: Any
    required: bool
    #: The table this column links to (by its primary key), if any.
    references: str | None
    choices: tuple[str, ...] | None
    rating: bool
    #: The Python type of a value that only ``check`` needs to see (text without choices, whole
    #: numbers): most values are checked with one ``type(value) is fast`` and one call.
    fast: type | None = None
    #: The value as stored, or ValueError saying which rule of :mod:`coachjournal.rules` it
    #: breaks.
    check: Callable[[Any], Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    #: The primary key's columns (two for a link table).
    key: tuple[str, ...]
    names: frozenset[str]


def _column(table: str, field: Any) -> Column:
    kind = _TYPES.get(field.field_type)
    if kind is None:
        raise TypeError(f"{table}.{field.column_name}: no export type for {field.field_type}")
    has_default = field.default is not None or field.null
    choices = CHOICES.get((table, field.column_name))
    rating = (table, field.column_name) in RATINGS
    fast = {"str": None if choices else str, "int": int}.get(kind)
    check = None if fast is None else _rule_check(table, field, fast)
    return Column(
        name=field.column_name,
        value_type=kind,
        null=field.null,
        default=field.default,
        required=not has_default,
        references=field.rel_model._meta.table_name if isinstance(field, ForeignKeyField) else None,
        choices=tuple(choice.value for choice in choices) if choices else None,
        rating=rating,
        fast=fast,
        check=check,
    )


def _rule_check(table: str, field: Any, fast: type) -> Callable[[Any], Any]:
    """How a text or a whole number of this column is checked against its rule."""
    key = (table, field.column_name)
    rule = rules.COLUMNS.get(key)
    if rule is None and (field.field_type == "AUTO" or isinstance(field, ForeignKeyField)):
        rule = rules.ID
    if isinstance(rule, rules.Text) and fast is str:
        return rule.clean
    if not isinstance(rule, rules.Whole) or fast is not int:
        raise TypeError(f"{table}.{field.column_name}: no rule in coachjournal.rules.COLUMNS")
    low, high = rule.low, rule.high
    reason = "must be a rating from 1 to 5" if rule is rules.RATING else rule.reason()

    def check(value: int) -> int:
        if not low <= value <= high:
            raise rules.RuleError(f"{reason}, got {_shown(value)}")
        return value

    return check


def _table(model: type[BaseModel]) -> Table:
    meta: Any = model._meta
    name: str = meta.table_name
    key = meta.primary_key
    names = getattr(key, "field_names", None) or (key.name,)
    columns = tuple(_column(name, field) for field in meta.sorted_fields)
    return Table(
        name=name,
        columns=columns,
        key=tuple(meta.fields[field].column_name for field in names),
        names=frozenset(column.name for column in columns),
    )


def _in_link_order(tables: Iterable[Table]) -> tuple[Table, ...]:
    """Tables ordered so that every table comes after the ones it links to."""
    pending = {table.name: table for table in tables}
    ordered: list[Table] = []
    while pending:
        ready = [
            table
            for table in pending.values()
            if all(
                c.references in (None, table.name) or c.references not in pending
                for c in table.columns
            )
        ]
        if not ready:
            raise TypeError(f"circular links between {sorted(pending)}")
        for table in ready:
            ordered.append(pending.pop(table.name))
    return tuple(ordered)


TABLES: tuple[Table, ...] = _in_link_order(_table(model) for model in ALL_MODELS)
_BY_NAME: Mapping[str, Table] = {table.name: table for table in TABLES}
#: Each table's columns by name.
COLUMNS: Mapping[str, Mapping[str, Column]] = {
    table.name: {column.name: column for column in table.columns} for table in TABLES
}


# --- Export -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ExportSummary:
    path: Path
    rows: Mapping[str, int]
    bytes: int


def _stored_datetime(value: Any) -> Any:
    """A stored time in the export's form; anything unreadable as it is, for the import to
    report (an export must never drop what the journal holds)."""
    if not isinstance(value, str):
        return value
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return value if moment.tzinfo is not None else moment.isoformat()


def _stored_bool(value: Any) -> Any:
    return bool(value) if value in (0, 1) else value


#: How a stored value becomes the file's, for the types where they differ.
_FROM_DATABASE: Mapping[str, Callable[[Any], Any]] = {
    "datetime": _stored_datetime,
    "bool": _stored_bool,
}


def converted(column: Column) -> bool:
    """Whether a stored value of the column differs from the file's (times, flags)."""
    return column.value_type in _FROM_DATABASE


def file_value(column: Column, value: Any) -> Any:
    """A stored value as a file holds it (a time with its ``T``, a flag as true or false)."""
    convert = _FROM_DATABASE.get(column.value_type)
    return value if convert is None else convert(value)


def _selected(table: Table, column: Column) -> str:
    """How the export reads a column: a link as the linked row's uid."""
    if column.references is None:
        return f"t.{column.name}"
    target = _BY_NAME[column.references]
    identity = "uid" if "uid" in target.names else target.key[0]
    return f"(SELECT {identity} FROM {target.name} WHERE id = t.{column.name})"


def _order(table: Table) -> str:
    """Rows in an order that does not depend on local record numbers."""
    if "uid" in table.names:
        return "t.uid"
    return ", ".join(f"t.{column.name}" for column in table.columns if column.name != "id")


def _rows(table: Table) -> Iterator[str]:
    """The table's rows as JSON objects (keys sorted) without local record numbers, links as
    the linked row's uid, in uid order."""
    columns = [column for column in table.columns if column.name != "id"]
    names = [column.name for column in columns]
    converters = [
        (i, _FROM_DATABASE[c.value_type])
        for i, c in enumerate(columns)
        if c.value_type in _FROM_DATABASE
    ]
    selected = ", ".join(_selected(table, column) for column in columns)
    cursor = database.execute_sql(
        f"SELECT {selected} FROM {table.name} AS t ORDER BY {_order(table)}"
    )
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    for row in cursor:
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        yield encode(dict(zip(names, values, strict=True)))


def _header(exported_at: dt.datetime) -> dict[str, Any]:
    return {
        "app_version": __version__,
        "exported_at": exported_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": migrations.schema_version(database.obj),
    }


def _write_export(stream: BinaryIO, exported_at: dt.datetime | None) -> dict[str, int]:
    """Write the open journal to ``stream``; return the rows written per table.

    Read in one transaction, so the file is one consistent moment of the journal.
    """
    counts: dict[str, int] = {}
    header = _header(exported_at or utcnow())
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in header.items()]
    stream.write(("\n".join(lines) + '\n  "tables": {').encode())
    with database.atomic():
        for number, table in enumerate(sorted(TABLES, key=lambda t: t.name)):
            comma = "," if number else ""
            stream.write(f'{comma}\n    "{table.name}": ['.encode())
            counts[table.name] = 0
            for row in _rows(table):
                separator = "," if counts[table.name] else ""
                stream.write(f"{separator}\n      {row}".encode())
                counts[table.name] += 1
            stream.write(("\n    ]" if counts[table.name] else "]").encode())
    stream.write(b"\n  }\n}\n")
    return counts


def export_json(
    path: Path | str, *, force: bool = False, exported_at: dt.datetime | None = None
) -> ExportSummary:
    """Export the open journal to a new file at ``path`` (replaced only with ``force``).

    The file appears only once it is complete and on disk. ``exported_at`` (UTC, default now)
    is the one thing that differs between two exports of the same journal.
    """
    target = Path(path).expanduser()
    with new_file(target, force=force) as stream:
        counts = _write_export(stream, exported_at)
        size = stream.tell()
    return ExportSummary(target, counts, size)


# --- Reading and checking a file --------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class CheckedExport:
    """An export that passed every check, ready to be imported; nothing is written yet."""

    path: Path
    app_version: str | None
    exported_at: str | None
    schema_version: int
    #: Per table, the rows as the database stores them, in the order of its columns.
    rows: Mapping[str, list[tuple[Any, ...]]]

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}


#: Bytes read from a file at a time while it is checked (a value longer than this is read in
#: as many blocks as it takes).
_BLOCK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")


class _Stream:
    """An export's text, read a block at a time, so a file of any size is checked in little
    memory (a 240 MB export held as one string and one parsed document took 2 GB).

    The document's frame (its object, the "tables" object, each table's list) is read here;
    every value in it (a header field, a row) is read by the json module's own decoder
    (``raw_decode``), so values are read exactly as ``json.loads`` reads them, as fast, and a
    fault gets the same sentence with the line and column in the whole file.
    """

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self._handle = handle
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._decode = json.JSONDecoder().raw_decode
        self._bytes = 0
        self.text = ""
        self.pos = 0
        #: Where ``text`` starts in the file: its line, and the characters before it on that line.
        self._line = 1
        self._column = 0
        self.eof = False

    def _read(self, size: int = _BLOCK) -> bool:
        """Append up to ``size`` more bytes of the file to ``text`` (dropping what was read);
        False at the end of the file."""
        data = self._handle.read(size)
        try:
            chunk = self._utf8.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"{self.path} is not a CoachJournal export: it is not UTF-8 text "
                f"(byte {self._bytes + error.start + 1} cannot be read)."
            ) from None
        if not self._bytes:
            chunk = chunk.removeprefix("\ufeff")
        self._bytes += len(data)
        self.eof = not data
        if self.pos:
            newlines = self.text.count("\n", 0, self.pos)
            if newlines:
                self._line += newlines
                self._column = self.pos - self.text.rfind("\n", 0, self.pos) - 1
            else:
                self._column += self.pos
            self.text = self.text[self.pos :]
            self.pos = 0
        self.text += chunk
        return not self.eof

    def peek(self) -> str:
        """The next character that is not white space (not consumed), or "" at the end."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._read():
                return ""

    def take(self, char: str, expected: str) -> None:
        if self.peek() != char:
            raise self.fault(f"Expecting {expected}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, read whole (however many blocks it spans)."""
        self.peek()
        size = _BLOCK
        while True:
            try:
                value, end = self._decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self.eof:
                    raise self.fault(error.msg, error.pos) from None
                self._read(size)
                size *= 2  # an unterminated string is scanned again: keep that linear
                continue
            except RecursionError:
                raise ImportFileError(
                    f"{self.path} is not a CoachJournal export: it is nested too deeply."
                ) from None
            except ValueError:  # the only other fault of the decoder: too many digits
                raise _too_many_digits(self.path, self.where()) from None
            if end == len(self.text) and not self.eof:
                self._read(size)  # a number or a word may go on in the next block
                continue
            self.pos = end
            return value

    def rest(self) -> str:
        while self._read():
            pass
        return self.text[self.pos :]

    def where(self, pos: int | None = None) -> str:
        """``line 3, column 12``: where ``pos`` (default: here) is in the file."""
        pos = self.pos if pos is None else pos
        line = self._line + self.text.count("\n", 0, pos)
        last = self.text.rfind("\n", 0, pos)
        column = pos - last if last >= 0 else self._column + pos + 1
        return f"line {line}, column {column}"

    def fault(self, message: str, pos: int | None = None) -> ImportFileError:
        """A syntax fault at ``pos`` (default: here), as :func:`_parse` words it."""
        pos = self.pos if pos is None else pos
        return _syntax_fault(
            self.path,
            message,
            self.where(pos),
            cut_short=self.eof and _ends_early(self.text[pos:]),
        )


def _too_many_digits(path: Path, where: str) -> ImportFileError:
    """Python reads whole numbers of up to 4,300 digits; the journal holds none past 19."""
    return ImportFileError(
        f"{path} holds a number with thousands of digits (in the value at {where}), which no "
        "field of a journal can hold; nothing was imported."
    )


def _open_export(path: Path) -> BinaryIO:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a device or a pipe may never end
            raise ImportFileError(f"{path} is not a file that can be imported.")
        handle = path.open("rb")
        start = handle.read(len(SQLITE_HEADER))
        handle.seek(0)
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror or error}.") from error
    if start == SQLITE_HEADER:
        handle.close()
        raise ImportFileError(
            f"{path} is a journal file, not an export; open it as a journal instead."
        )
    return handle


_WORDS = ("true", "false", "null", "NaN", "Infinity", "-Infinity")
_PART_OF_A_NUMBER = re.compile(r"[-+.0-9eE]+")


def _ends_early(rest: str) -> bool:
    """Whether what is left from a syntax fault to the end of the file is nothing, or the start
    of a word or a number that the file's end cut off ("nul", "12.")."""
    rest = rest.rstrip()
    return (
        not rest
        or any(word.startswith(rest) for word in _WORDS)
        or _PART_OF_A_NUMBER.fullmatch(rest) is not None
    )


def _syntax_fault(path: Path, message: str, where: str, *, cut_short: bool) -> ImportFileError:
    if cut_short or message.startswith("Unterminated string"):
        return ImportFileError(
            f"{path} ends too early ({where}): the file was cut short, so nothing was imported."
        )
    return ImportFileError(f"{path} is not valid JSON: {message} at {where}.")


def _parse(path: Path, text: str) -> Any:
    """A whole document that is not an object (so not an export): read it to say what it is."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        cut_short = _ends_early(text[error.pos :])
        raise _syntax_fault(path, error.msg, where, cut_short=cut_short) from None
    except RecursionError:
        raise ImportFileError(
            f"{path} is not a CoachJournal export: it is nested too deeply."
        ) from None
    except ValueError:
        raise _too_many_digits(path, "the start of the file") from None


def _check_header(path: Path, document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError(
            f'{path} is not a CoachJournal export (it has no "format": "{FORMAT}").'
        )
    unknown = sorted(set(document) - {*_HEADER_FIELDS, "tables"})
    if unknown:
        raise ImportFileError(f"The export's header has an unknown field {_shown(unknown[0])}.")
    version = document.get("format_version")
    if not _is_int(version) or version < 1:
        raise ImportFileError("The export's 'format_version' must be a whole number from 1.")
    if version > FORMAT_VERSION:
        raise ImportFileError(
            f"This export was written by a newer CoachJournal (format version {version}; this "
            f"version reads up to {FORMAT_VERSION}). Update CoachJournal to import it."
        )
    schema = document.get("schema_version")
    if not _is_int(schema) or schema < 1:
        raise ImportFileError("The export's 'schema_version' must be a whole number from 1.")
    if schema > migrations.LATEST:
        raise ImportFileError(
            f"This export was written by a newer CoachJournal (schema {schema}; this version "
            f"reads up to {migrations.LATEST}). Update CoachJournal to import it."
        )
    for field in ("app_version", "exported_at"):
        if field in document and not isinstance(document[field], str):
            raise ImportFileError(f"The export's '{field}' must be text.")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError("The export has no 'tables' object: it is incomplete.")

    unknown = sorted(set(tables) - set(_BY_NAME))
    if unknown:
        raise ImportFileError(
            f"The export has a table this version does not know: {_shown(unknown[0])} "
            f"(it knows {', '.join(sorted(_BY_NAME))})."
        )
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise ImportFileError(f"The export's table '{name}' must be a list of rows.")


def _broken_rule(message: str) -> str:
    """SQLite's words for a broken rule, as a sentence: "UNIQUE constraint failed:
    talent_placement.review_id, talent_placement.manager_id" is a row that repeats another's
    review_id and manager_id (one manager placed twice in one review)."""
    repeated = message.removeprefix("UNIQUE constraint failed: ")
    if repeated != message:
        columns = [column.rpartition(".")[2] for column in repeated.split(", ")]
        fields = " and ".join(f"'{column}'" for column in columns)
        return f"another row has the same {fields}: it is given twice"
    return f"breaks a rule of the journal ({message})"


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


class _Problems:
    """Collects what is wrong, up to :data:`MAX_PROBLEMS`, counting the rest."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.more = 0

    def add(self, problem: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(problem)
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if not self.found:
            return
        total = len(self.found) + self.more
        rest = f" (and {total - 1} more problem{'s' if total > 2 else ''})" if total > 1 else ""
        raise ImportFileError(f"{self.found[0]}{rest}; nothing was imported.", self.found)


def _key_label(table: Table, key: Sequence[Any]) -> str | None:
    """A row named by its key ("touchpoint 17"), or None if the key is not readable."""
    if len(key) == 1 and _is_int(key[0]):
        return f"{table.name} {key[0]}"
    if len(key) == 1 and isinstance(key[0], str):
        return f"{table.name} {_shown(key[0])}"
    if key and all(_is_int(part) for part in key):
        parts = ", ".join(f"{name} {value}" for name, value in zip(table.key, key, strict=True))
        return f"{table.name} ({parts})"
    return None


def _label(table: Table, row: Any, index: int) -> str:
    """How a message names a row of the file: by its key if readable, else by its place."""
    key = [row.get(name) for name in table.key] if isinstance(row, dict) else []
    return _key_label(table, key) or f"{table.name} row {index + 1}"


def _row_label(table: Table, values: Sequence[Any]) -> str:
    """How a message names a checked row (database values, in column order)."""
    key = [values[i] for i, column in enumerate(table.columns) if column.name in table.key]
    return _key_label(table, key) or table.name


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, on one line, every hidden character escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return rules.escaped(text if len(text) <= 60 else text[:57] + "…")


def _date_value(text: str) -> str:
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text).isoformat()


def _datetime_value(text: str) -> str:
    if not _DATETIME.fullmatch(text):
        raise ValueError(text)
    return str(dt.datetime.fromisoformat(text))


def to_database(column: Column, value: Any) -> Any:
    """The value as the database stores it; raises ValueError with the reason if it is wrong."""
    if value is None:
        if column.null:
            return None
        raise ValueError(f"must be {_TYPE_WORDS[column.value_type]}, got null")
    kind = column.value_type
    if kind == "int":
        if not _is_int(value) or column.check is None:
            raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
        return column.check(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
        return int(value)
    if kind == "float":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
    if kind == "str":
        if column.choices is not None and value not in column.choices:
            raise ValueError(f"must be one of {', '.join(column.choices)}, got {_shown(value)}")
        return value if column.check is None else column.check(value)
    try:
        moment = _date_value(value) if kind == "date" else _datetime_value(value)
    except ValueError:
        raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}") from None
    if not rules.MIN_YEAR <= int(moment[:4]) <= rules.MAX_YEAR:
        raise ValueError(
            f"must fall in the years {rules.MIN_YEAR} to {rules.MAX_YEAR}, got {_shown(value)}"
        )
    return moment


def default_value(column: Column) -> Any:
    """The value a row that leaves the column out gets."""
    value = column.default() if callable(column.default) else column.default
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


def _row_values(table: Table, row: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """The row as database values (in column order), and what is wrong with it."""
    faults: list[str] = []
    values: list[Any] = []
    present = 0
    for column in table.columns:
        value = row.get(column.name, _ABSENT)
        if value is _ABSENT:
            if column.required:
                faults.append(f"'{column.name}' is missing")
            values.append(default_value(column))
            continue
        present += 1
        try:
            if type(value) is column.fast:
                values.append(column.check(value))  # type: ignore[misc]
            elif value is None and column.null:
                values.append(None)
            else:
                values.append(to_database(column, value))
        except ValueError as error:
            faults.append(f"'{column.name}' {error}")
    if present != len(row):
        faults[:0] = [f"unknown field {_shown(name)}" for name in sorted(row.keys() - table.names)]
    return values, faults


def _check_row(table: Table, row: Any, index: int, problems: _Problems) -> tuple[Any, ...] | None:
    """The row as database values, or None after noting what is wrong with it."""
    if not isinstance(row, dict):
        problems.add(
            f"{table.name} row {index + 1}: must be an object of fields, got {_shown(row)}"
        )
        return None
    values, faults = _row_values(table, row)
    if faults:
        label = _label(table, row, index)
        for fault in faults:
            problems.add(f"{label}: {fault}")
        return None
    return tuple(values)


class _Numbers:
    """Record numbers for the rows of a version-3 file, which names rows by uid: each uid
    gets the next number of its table the first time it is read (as a row's own or as a
    link), so the checks and the import work on numbers as for an older file. Rows of a
    table without uids (drafts) are numbered in the order they come."""

    def __init__(self) -> None:
        self._numbers: dict[str, dict[str, int]] = collections.defaultdict(dict)
        self._unnamed: dict[str, int] = collections.defaultdict(int)

    def of(self, table: str, uid: str) -> int:
        numbers = self._numbers[table]
        if uid not in numbers:
            numbers[uid] = len(numbers) + 1
        return numbers[uid]

    def row(self, table: Table, row: dict[str, Any]) -> dict[str, Any]:
        """The row with its record number and its links as numbers (a version-2 row)."""
        row = dict(row)
        if "id" not in table.names:
            pass
        elif "uid" in table.names:
            row["id"] = self.of(table.name, row["uid"])
        else:
            self._unnamed[table.name] += 1
            row["id"] = self._unnamed[table.name]
        for column in table.columns:
            value = row.get(column.name)
            if column.references is not None and isinstance(value, str):
                row[column.name] = self.of(column.references, value)
        return row


class _TableCheck:
    """One table's rows, checked as they are read: the good ones as database values, and the
    table's keys (for links to it).

    A faulty row's key still counts for links, so that one fault is reported once rather than
    again by every row that links to it.
    """

    def __init__(self, table: Table, problems: _Problems) -> None:
        self.table = table
        self.problems = problems
        #: Set for a version-3 file (rows named by uid).
        self.numbers: _Numbers | None = None
        self.good: list[tuple[Any, ...]] = []
        self.seen: dict[Any, int] = {}
        self.faulty: set[Any] = set()
        self.key_at = [i for i, column in enumerate(table.columns) if column.name in table.key]

    def add(self, row: Any, index: int) -> None:
        table = self.table
        if self.numbers is not None and isinstance(row, dict):
            if "id" in row:
                self.problems.add(
                    f"{table.name} row {index + 1}: a version-3 file names rows by 'uid', not "
                    "by 'id'"
                )
                return
            if "uid" in table.names and not isinstance(row.get("uid"), str):
                self.problems.add(f"{table.name} row {index + 1}: 'uid' is missing")
                return
            row = self.numbers.row(table, row)
        values = _check_row(table, row, index, self.problems)
        if values is None:
            key = row.get(table.key[0]) if isinstance(row, dict) and len(table.key) == 1 else None
            if _is_int(key) or isinstance(key, str):
                self.faulty.add(key)
            return
        key_at = self.key_at
        key = values[key_at[0]] if len(key_at) == 1 else tuple(values[i] for i in key_at)
        if key in self.seen:
            self.problems.add(
                f"{_row_label(table, values)}: appears twice in the file "
                f"(rows {self.seen[key] + 1} and {index + 1} of {table.name})"
            )
            return
        self.seen[key] = index
        self.good.append(values)

    def keys(self) -> set[Any]:
        return set(self.seen) | self.faulty


def _check_links(
    table: Table,
    rows: list[tuple[Any, ...]],
    keys: Mapping[str, set[Any]],
    problems: _Problems,
) -> None:
    for position, column in enumerate(table.columns):
        if column.references is None:
            continue
        present = keys[column.references]
        for values in rows:
            value = values[position]
            if value is not None and value not in present:
                problems.add(
                    f"{_row_label(table, values)}: '{column.name}' refers to "
                    f"{column.references} {value}, which is not in the file"
                )


def _check_one_manager(checks: Mapping[str, _TableCheck], problems: _Problems) -> None:
    """Rows that link to each other belong to one manager: an action item of one manager on a
    touchpoint with another, or an assignment developing another manager's skill, would show in
    one journal and count in the other."""
    owners: dict[str, dict[Any, Any]] = {}
    attending = _attending(checks)
    for table in TABLES:
        at = _position(table, "manager_id")
        if at is not None and len(checks[table.name].key_at) == 1:
            key_at = checks[table.name].key_at[0]
            owners[table.name] = {row[key_at]: row[at] for row in checks[table.name].good}
    for table in TABLES:
        links = [
            (position, column)
            for position, column in enumerate(table.columns)
            if column.references in owners
        ]
        own = _position(table, "manager_id")
        if len(links) + (own is not None) < 2 or table.name == "touchpoint_attendee":
            continue
        for values in checks[table.name].good:
            first: tuple[str, Any] | None = (
                ("", values[own]) if own is not None and values[own] is not None else None
            )
            for position, column in links:
                if values[position] is None or column.references is None:
                    continue
                manager = owners[column.references].get(values[position])
                if manager is None:
                    continue
                if first is None:
                    first = (f"{column.references} {values[position]}", manager)
                elif manager != first[1] and first[1] not in attending.get(
                    (column.references, values[position]), ()
                ):
                    whose = f"that of {first[0]}" if first[0] else "its own"
                    problems.add(
                        f"{_row_label(table, values)}: '{column.name}' refers to "
                        f"{column.references} {values[position]} of manager {manager}, "
                        f"not of manager {first[1]} ({whose})"
                    )


def _attending(checks: Mapping[str, _TableCheck]) -> dict[tuple[str, Any], set[Any]]:
    """("touchpoint", id) -> the managers who were there, by the file's attendees: an action
    item or a trait's evidence may be about any of them, not only the touchpoint's manager."""
    table = _BY_NAME["touchpoint_attendee"]
    touchpoint_at, manager_at = _position(table, "touchpoint_id"), _position(table, "manager_id")
    attending: dict[tuple[str, Any], set[Any]] = {}
    if touchpoint_at is None or manager_at is None:
        return attending
    for values in checks[table.name].good:
        attending.setdefault(("touchpoint", values[touchpoint_at]), set()).add(values[manager_at])
    return attending


def _check_leads_attend(checks: Mapping[str, _TableCheck], problems: _Problems) -> None:
    """A touchpoint with attendees in the file has its own manager among them (one without
    any, as in a version-1 file, gets its manager as its one attendee)."""
    attending = _attending(checks)
    touchpoint = _BY_NAME["touchpoint"]
    manager_at = _position(touchpoint, "manager_id")
    (id_at,) = checks["touchpoint"].key_at
    if manager_at is None:
        return
    for values in checks["touchpoint"].good:
        there = attending.get(("touchpoint", values[id_at]))
        if there is not None and values[manager_at] not in there:
            problems.add(
                f"{_row_label(touchpoint, values)}: its manager {values[manager_at]} is not "
                "among its attendees"
            )


def _position(table: Table, name: str) -> int | None:
    return next((i for i, column in enumerate(table.columns) if column.name == name), None)


def _check_meaning(checks: Mapping[str, _TableCheck], problems: _Problems) -> None:
    """What no column's own rule can see: a period that starts mid-month, a setting this
    version would not store, and who an activity is for as the cadence editor would store it."""
    _check_applies(checks, problems)
    result = _BY_NAME["result"]
    starts = _position(result, "starts_on")
    today = dt.date.today()
    ahead = {
        position: figure
        for figure, column in results.STORED.items()
        if figure not in results.AHEAD and (position := _position(result, column)) is not None
    }
    for values in checks["result"].good:
        if starts is None:
            break
        if not str(values[starts]).endswith("-01"):
            problems.add(
                f"{_row_label(result, values)}: 'starts_on' must be the first day of a month, "
                f"got {_shown(values[starts])}"
            )
        elif str(values[starts]) > today.isoformat():
            early = [figure for position, figure in ahead.items() if values[position] is not None]
            if early:
                problems.add(
                    f"{_row_label(result, values)}: the period starting {values[starts]} has "
                    f"not started, so it can hold a plan and a note but not "
                    f"{early[0].label.lower()}"
                )
    _check_team_plans(checks, problems)
    setting = _BY_NAME["setting"]
    key_at, value_at = _position(setting, "key"), _position(setting, "value")
    if key_at is None or value_at is None:
        return
    for values in checks["setting"].good:
        key, value = values[key_at], values[value_at]
        if key == cadence.COUNTS_AS_ONE_ON_ONE_KEY:
            fault = cadence.counts_as_one_on_one_fault(value)
        else:
            fault = results.setting_fault(key, value)
        if fault is not None:
            reason = fault.removesuffix(".")
            problems.add(f"setting {_shown(key)}: {_shown(value)} is refused ({reason})")


def _check_applies(checks: Mapping[str, _TableCheck], problems: _Problems) -> None:
    """An "applies" mark is for a coaching activity, and for a manager, a team or everyone:
    :func:`coachjournal.coaching.cadence.set_applies` would store nothing else."""
    table = _BY_NAME["cadence_applies"]
    kind_at, team_at = _position(table, "kind"), _position(table, "team")
    manager_at = _position(table, "manager_id")
    if kind_at is None or team_at is None or manager_at is None:
        return
    planned = {kind.value for kind in cadence.CADENCE_KINDS}
    for values in checks["cadence_applies"].good:
        kind, team = values[kind_at], values[team_at]
        if kind not in planned:
            problems.add(
                f"{_row_label(table, values)}: 'kind' {_shown(kind)} has no cadence, so it "
                f"cannot be switched off"
            )
        if team is not None and (values[manager_at] is not None or not team.strip()):
            problems.add(
                f"{_row_label(table, values)}: 'team' must name a team, and only for a row "
                f"without a manager"
            )


def _check_team_plans(checks: Mapping[str, _TableCheck], problems: _Problems) -> None:
    """A plan's target date comes after the day it was made, and each goal is one the plan
    editor would save (a skill at a rating, a known rhythm at a sane rate)."""
    plans = _BY_NAME["team_plan"]
    made, target = _position(plans, "created_on"), _position(plans, "target_date")
    for values in checks["team_plan"].good:
        if made is not None and target is not None and values[target] <= values[made]:
            problems.add(
                f"{_row_label(plans, values)}: 'target_date' must come after 'created_on', "
                f"got {values[target]}"
            )
    goals = _BY_NAME["team_plan_goal"]
    where = {name: _position(goals, name) for name in ("kind", "subject", "level", "at_least")}
    plan_at = _position(goals, "plan_id")
    per_plan = collections.Counter(
        values[plan_at] for values in checks["team_plan_goal"].good if plan_at is not None
    )
    for plan_id, count in per_plan.items():
        if count > team_plan.MOST_GOALS:
            problems.add(
                f"team_plan {plan_id}: it has {count:,} goals; a plan holds at most "
                f"{team_plan.MOST_GOALS}"
            )
    for values in checks["team_plan_goal"].good:
        found: dict[str, Any] = {
            name: None if at is None else values[at] for name, at in where.items()
        }
        goal = team_plan.Goal(
            GoalKind(found["kind"]), found["subject"], found["level"], found["at_least"]
        )
        try:
            team_plan.checked_goal(goal)
        except ValidationError as error:
            problems.add(f"{_row_label(goals, values)}: {error.message.removesuffix('.')}")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic garbage collection while millions of objects are made (see above)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_export(path: Path | str) -> CheckedExport:
    """Read and check an export without writing anything.

    Raises :class:`ImportFileError` naming what is wrong (``problems`` lists up to
    :data:`MAX_PROBLEMS` faults, each with its table, row and field).
    """
    source = Path(path).expanduser()
    try:
        with collector_paused():
            return _check_export(source)
    except MemoryError:
        raise _out_of_memory(source, "read") from None


def _out_of_memory(source: Path, what: str) -> ImportFileError:
    return ImportFileError(
        f"There was not enough memory to {what} {source}, so nothing was imported: close "
        "other programs, or import on a computer with more memory."
    )


def _check_export(source: Path) -> CheckedExport:
    with _open_export(source) as handle:
        stream = _Stream(source, handle)
        first = stream.peek()
        if not first:
            raise ImportFileError(f"{source} is empty.")
        if first != "{":  # not an object, so not an export: read it whole to say what it is
            _check_header(source, _parse(source, stream.rest()))  # raises
        problems = _Problems()
        checks = {table.name: _TableCheck(table, problems) for table in TABLES}
        document = _read_document(stream, checks, problems)
    _check_header(source, document)
    version = document["format_version"]
    newer = sorted(
        name for name, added in ADDED_IN.items() if added > version and checks[name].good
    )
    if newer:
        raise ImportFileError(
            f"The export says it is format version {version}, but it holds rows of the table "
            f"{_shown(newer[0])}, which version {ADDED_IN[newer[0]]} added: it was edited or "
            "written by another program, so nothing was imported."
        )
    keys = {name: check.keys() for name, check in checks.items()}
    for table in TABLES:
        _check_links(table, checks[table.name].good, keys, problems)
    _check_one_manager(checks, problems)
    _check_leads_attend(checks, problems)
    _check_meaning(checks, problems)
    problems.raise_if_any()
    return CheckedExport(
        path=source,
        app_version=document.get("app_version"),
        exported_at=document.get("exported_at"),
        schema_version=document["schema_version"],
        rows={name: check.good for name, check in checks.items()},
    )


def _read_document(
    stream: _Stream, checks: Mapping[str, _TableCheck], problems: _Problems
) -> dict[str, Any]:
    """Read the export's object, handing each row of a known table to its check as it comes.

    Returns the document without its rows (each list of rows is empty), for the header check.
    """
    document: dict[str, Any] = {}
    stream.take("{", "property name enclosed in double quotes")
    if stream.peek() == "}":
        stream.pos += 1
    else:
        while True:
            name = _key(stream)
            if name in document:  # JSON readers differ on which of the two counts
                raise ImportFileError(
                    f"{stream.path} gives the field {_shown(name)} twice ({stream.where()}): "
                    "which one counts is unclear, so nothing was imported."
                )
            if name == "tables" and stream.peek() == "{":
                version = document.get("format_version")
                if _is_int(version) and version >= 3:
                    numbers = _Numbers()
                    for check in checks.values():
                        check.numbers = numbers
                document[name] = _read_tables(stream, checks, problems)
            else:
                document[name] = stream.value()
            if _next_member(stream, "}"):
                break
    if stream.peek():
        raise stream.fault("Extra data")
    return document


def _read_tables(
    stream: _Stream, checks: Mapping[str, _TableCheck], problems: _Problems
) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    stream.take("{", "property name enclosed in double quotes")
    if stream.peek() == "}":
        stream.pos += 1
        return tables
    while True:
        name = _key(stream)
        if stream.peek() != "[":
            tables[name] = stream.value()
        else:
            check = checks.get(name) if name not in tables else None
            if name in tables:
                problems.add(f"The export's table {_shown(name)} appears twice")
            tables[name] = []
            stream.pos += 1
            if stream.peek() == "]":
                stream.pos += 1
            else:
                index = 0
                while True:
                    row = stream.value()
                    if check is not None:
                        check.add(row, index)
                    index += 1
                    if _next_member(stream, "]"):
                        break
        if _next_member(stream, "}"):
            return tables


def _key(stream: _Stream) -> str:
    """An object's next member name, and its colon."""
    if stream.peek() != '"':
        raise stream.fault("Expecting property name enclosed in double quotes")
    name: str = stream.value()
    stream.take(":", "':' delimiter")
    return name


def _next_member(stream: _Stream, closing: str) -> bool:
    """After a member: True at the closing bracket (consumed), False after a comma."""
    char = stream.peek()
    if char not in (",", closing):
        raise stream.fault("Expecting ',' delimiter")
    stream.pos += 1
    return char == closing


# --- Import -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ImportSummary:
    path: Path
    rows: Mapping[str, int]


def journal_counts() -> dict[str, int]:
    """Rows per table in the open journal, for tables that have any."""
    counts = {}
    for table in TABLES:
        count = database.execute_sql(f"SELECT count(*) FROM {table.name}").fetchone()[0]
        if count:
            counts[table.name] = count
    return counts


def ensure_empty() -> None:
    """Raise :class:`JournalNotEmptyError` unless the open journal holds no row at all."""
    counts = journal_counts()
    if counts:
        held = ", ".join(f"{name}: {count:,}" for name, count in counts.items())
        raise JournalNotEmptyError(
            f"This journal already holds data ({held}); an export is restored into a new, "
            "empty journal, so nothing was imported."
        )


def _insert_sql(table: Table) -> str:
    names = ", ".join(column.name for column in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({marks})"


def _locate(table: Table, sql: str, rows: Sequence[tuple[Any, ...]]) -> str:
    """After a chunk broke a rule of the database, insert its rows one at a time to name the
    row that did (the caller rolls everything back); a message for the user."""
    connection = database.connection()
    for values in rows:
        try:
            with database.atomic():
                connection.execute(sql, values)
        except db.INTEGRITY_ERRORS as error:
            return f"{_row_label(table, values)}: {_broken_rule(str(error))}"
    return f"The rows of {table.name} break a rule of the journal"


def _insert(table: Table, rows: list[tuple[Any, ...]]) -> None:
    sql = _insert_sql(table)
    connection = database.connection()
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        try:
            with database.atomic():
                connection.executemany(sql, chunk)
        except db.INTEGRITY_ERRORS:
            message = _locate(table, sql, chunk)
            raise ImportFileError(f"{message}; nothing was imported.") from None


#: While an index is built, FTS5 holds the terms of up to this many bytes of text in memory
#: before it writes them out as a segment (1 MB by default, its ``hashsize``): 64 MB makes a
#: handful of segments where 1 MB made hundreds, merged again and again as they piled up.
#: 125,000 touchpoints: 5.8 s -> 2.5 s, searches as fast as on a fully merged index; the
#: default is set again afterwards for the small writes of daily use.
_FTS_BUILD_HASHSIZE = 64 << 20
_FTS_DEFAULT_HASHSIZE = 1 << 20

FTS_TABLES_SQL = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE %' "
    "AND lower(sql) LIKE '%using fts5%'"
)


@contextlib.contextmanager
def search_indexes_built_afterwards() -> Iterator[None]:
    """Inside a transaction: drop the triggers that keep the full-text indexes, let the block
    insert, then build each index in one pass and re-create the triggers from their own SQL.

    If the block fails, the caller's rollback brings the triggers back with everything else.
    """
    indexes = [name for (name,) in database.execute_sql(FTS_TABLES_SQL)]
    writes = re.compile(r"\bINTO\s+(" + "|".join(map(re.escape, indexes)) + r")\b", re.I)
    triggers = [
        (name, sql)
        for name, sql in database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        )
        if indexes and writes.search(sql)
    ]
    for name, _ in triggers:
        database.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    for index in indexes:
        settings = f"INSERT INTO {index} ({index}, rank) VALUES ('hashsize', ?)"
        database.execute_sql(settings, (_FTS_BUILD_HASHSIZE,))
        database.execute_sql(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
        database.execute_sql(settings, (_FTS_DEFAULT_HASHSIZE,))
    for _, sql in triggers:
        database.execute_sql(sql)


#: Each touchpoint without attendees (every one of a version-1 file) gets its manager as its one.
_LEADS_ATTEND_SQL = """
INSERT INTO touchpoint_attendee (touchpoint_id, manager_id, note, position)
SELECT t.id, t.manager_id, '', 0 FROM touchpoint AS t
WHERE NOT EXISTS (SELECT 1 FROM touchpoint_attendee AS a WHERE a.touchpoint_id = t.id)
ORDER BY t.id
"""


def import_checked(checked: CheckedExport) -> ImportSummary:
    """Write a checked export into the open journal, which must be empty: all or nothing.

    The rows are handed over: each table's list is emptied once it is written, so a large
    import gives their memory back before the search indexes are built (an export is imported
    once; its ``counts`` are kept in the summary).
    """
    counts = checked.counts
    try:
        with collector_paused(), bulk_write_settings(), database.atomic():
            ensure_empty()
            with search_indexes_built_afterwards():
                for table in TABLES:
                    rows = checked.rows[table.name]
                    _insert(table, rows)
                    rows.clear()
                database.execute_sql(_LEADS_ATTEND_SQL)
    except MemoryError:
        raise _out_of_memory(checked.path, "import") from None
    return ImportSummary(checked.path, counts)


@contextlib.contextmanager
def bulk_write_settings() -> Iterator[None]:
    """A rollback journal instead of the WAL for the one big transaction of an import.

    Through the WAL every page is written twice (into the WAL, then into the file at the
    checkpoint). A rollback journal holds only the pages that existed before, and an empty
    journal has a handful, so the rows and indexes are written once and a rollback still
    restores the file. If another connection holds the file, the mode stays as it is. (A larger
    page cache was tried and made no difference: the pages it would hold are in the system's.)
    """
    mode = database.execute_sql("PRAGMA journal_mode").fetchone()[0]
    with contextlib.suppress(DatabaseError):
        database.execute_sql("PRAGMA journal_mode = delete")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError):
            database.execute_sql(f"PRAGMA journal_mode = {mode}")


def import_json(path: Path | str) -> ImportSummary:
    """Check an export and, if it is sound, import it into the open (empty) journal.

    The journal's emptiness is checked first, so a wrong journal is reported before a large file
    is read. Raises :class:`JournalNotEmptyError` or :class:`ImportFileError`; either way the
    journal is left as it was.
    """
    ensure_empty()
    return import_checked(check_export(path))
