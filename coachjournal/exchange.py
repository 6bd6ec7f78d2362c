"""The whole journal as one JSON file, and back: the export a user keeps and can restore.

The format is described in ``docs/export-format.md``. What shapes this module:

* **Table-driven.** Tables, columns, types, nullability, defaults, keys and links are read from
  the peewee models in :data:`coachjournal.models.ALL_MODELS`, so a table or column added later
  is exported and imported without a change here. Only what a model cannot say (the allowed
  values of a choice, the 1–5 ratings) is listed below, and a test checks that every CHECK
  constraint of that kind is listed.
* **Everything.** Every row of every table: the trash, drafts of unsaved entries, settings.
* **Lossless and deterministic.** Ids are kept; keys are sorted, rows ordered by primary key,
  dates are ``YYYY-MM-DD`` and times ``YYYY-MM-DDTHH:MM:SS``. Exporting, importing into an empty
  journal and exporting again gives the same bytes (given the same ``exported_at``).
* **Checked before anything is written.** Syntax (with line and column), header, versions, and
  each row: fields, types, choices, ratings, duplicate keys, links to rows of the file. Every
  problem names its table, row and field. Constraints the database checks on top of these are
  reported the same way, and the import then rolls back.
* **One transaction, into an empty journal only.** Merging a backup into a journal that has
  moved on would mix two histories with clashing ids; restoring means a new journal.
* **Fast.** Rows are written one per line while the tables are read (never the whole journal
  in memory) and inserted with ``executemany`` in chunks. The full-text indexes are built once
  at the end instead of row by row through their triggers: FTS5 flushes its pending terms at
  every statement, so 125,000 touchpoints took 100 s through the triggers and take 6.5 s this
  way (the triggers are dropped and re-created from their own SQL inside the same transaction).
  Python's cyclic garbage collector is paused while a file is checked and written: the parsed
  document is millions of objects, and each automatic collection walked all of them (7.5 s
  instead of 4.8 s to check a 240 MB file).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

from peewee import ForeignKeyField

from coachjournal import __version__, migrations
from coachjournal.errors import CoachJournalError
from coachjournal.files import new_file
from coachjournal.models import (
    ALL_MODELS,
    ActionStatus,
    AssignmentStatus,
    BaseModel,
    Owner,
    TouchpointKind,
    TraitKind,
    database,
    utcnow,
)

FORMAT = "coachjournal-export"
#: Bumped only when the shape of the file changes so that an older version could misread it.
FORMAT_VERSION = 1

#: Columns whose value is one of a fixed set (CHECK ... IN (...) in the schema).
CHOICES: Mapping[tuple[str, str], type[StrEnum]] = {
    ("trait", "kind"): TraitKind,
    ("assignment", "status"): AssignmentStatus,
    ("touchpoint", "kind"): TouchpointKind,
    ("action_item", "owner"): Owner,
    ("action_item", "status"): ActionStatus,
    ("cadence", "kind"): TouchpointKind,
}
#: Columns that hold a rating from 1 to 5 (CHECK ... BETWEEN 1 AND 5 in the schema).
RATINGS: frozenset[tuple[str, str]] = frozenset(
    {
        ("trait", "target_rating"),
        ("trait_rating", "rating"),
        ("assignment", "outcome_rating"),
        ("touchpoint", "mood"),
    }
)

#: Problems listed in an error at most (a file with a systematic fault would have thousands).
MAX_PROBLEMS = 50
#: Rows per ``executemany`` (and per savepoint, when a row must be found after a failure).
_CHUNK = 5_000
_HEADER_FIELDS = ("app_version", "exported_at", "format", "format_version", "schema_version")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
}
_TYPE_WORDS = {
    "int": "a whole number",
    "str": "text",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date and time (YYYY-MM-DDTHH:MM:SS)",
    "bool": "true or false",
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
    return Column(
        name=field.column_name,
        value_type=kind,
        null=field.null,
        default=field.default,
        required=not has_default,
        references=field.rel_model._meta.table_name if isinstance(field, ForeignKeyField) else None,
        choices=tuple(choice.value for choice in choices) if choices else None,
        rating=(table, field.column_name) in RATINGS,
    )


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


def _rows(table: Table) -> Iterator[str]:
    """The table's rows as JSON objects (keys sorted), in primary key order."""
    names = [column.name for column in table.columns]
    converters = [
        (i, _FROM_DATABASE[c.value_type])
        for i, c in enumerate(table.columns)
        if c.value_type in _FROM_DATABASE
    ]
    order = ", ".join(table.key)
    cursor = database.execute_sql(f"SELECT {', '.join(names)} FROM {table.name} ORDER BY {order}")
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


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror or error}.") from error
    if data.startswith(b"SQLite format 3\x00"):
        raise ImportFileError(
            f"{path} is a journal file, not an export; open it as a journal instead."
        )
    try:
        text = data.decode()  # "utf-8-sig" would be four times slower on a large file
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path} is not a CoachJournal export: it is not UTF-8 text "
            f"(byte {error.start + 1} cannot be read)."
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError(f"{path} is empty.")
    return text


def _parse(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise ImportFileError(
                f"{path} ends too early ({where}): the file was cut short, so nothing was imported."
            ) from None
        raise ImportFileError(f"{path} is not valid JSON: {error.msg} at {where}.") from None
    except RecursionError:
        raise ImportFileError(
            f"{path} is not a CoachJournal export: it is nested too deeply."
        ) from None


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
        return f"{table.name} {json.dumps(key[0], ensure_ascii=False)}"
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
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _date_value(text: str) -> str:
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text).isoformat()


def _datetime_value(text: str) -> str:
    if not _DATETIME.fullmatch(text):
        raise ValueError(text)
    return str(dt.datetime.fromisoformat(text))


def _to_database(column: Column, value: Any) -> Any:
    """The value as the database stores it; raises ValueError with the reason if it is wrong."""
    if value is None:
        if column.null:
            return None
        raise ValueError(f"must be {_TYPE_WORDS[column.value_type]}, got null")
    kind = column.value_type
    if kind == "int":
        if not _is_int(value):
            raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
        if column.rating and not 1 <= value <= 5:
            raise ValueError(f"must be a rating from 1 to 5, got {value}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
        return int(value)
    if not isinstance(value, str):
        raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}")
    if kind == "str":
        if column.choices is not None and value not in column.choices:
            raise ValueError(f"must be one of {', '.join(column.choices)}, got {_shown(value)}")
        return value
    try:
        return _date_value(value) if kind == "date" else _datetime_value(value)
    except ValueError:
        raise ValueError(f"must be {_TYPE_WORDS[kind]}, got {_shown(value)}") from None


def _default(column: Column) -> Any:
    value = column.default() if callable(column.default) else column.default
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


def _row_values(table: Table, row: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """The row as database values (in column order), and what is wrong with it."""
    faults = [f"unknown field {_shown(name)}" for name in sorted(row.keys() - table.names)]
    values: list[Any] = []
    for column in table.columns:
        if column.name not in row:
            if column.required:
                faults.append(f"'{column.name}' is missing")
            values.append(_default(column))
            continue
        try:
            values.append(_to_database(column, row[column.name]))
        except ValueError as error:
            faults.append(f"'{column.name}' {error}")
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


def _check_table(
    table: Table, rows: list[Any], problems: _Problems
) -> tuple[list[tuple[Any, ...]], set[Any]]:
    """The rows that pass their own checks, and the keys of the table (for links to it).

    A faulty row's key still counts for links, so that one fault is reported once rather than
    again by every row that links to it.
    """
    good: list[tuple[Any, ...]] = []
    seen: dict[Any, int] = {}
    faulty: set[Any] = set()
    key_at = [i for i, column in enumerate(table.columns) if column.name in table.key]
    for index, row in enumerate(rows):
        values = _check_row(table, row, index, problems)
        if values is None:
            key = row.get(table.key[0]) if isinstance(row, dict) and len(table.key) == 1 else None
            if _is_int(key) or isinstance(key, str):
                faulty.add(key)
            continue
        key = values[key_at[0]] if len(key_at) == 1 else tuple(values[i] for i in key_at)
        if key in seen:
            problems.add(
                f"{_row_label(table, values)}: appears twice in the file "
                f"(rows {seen[key] + 1} and {index + 1} of {table.name})"
            )
            continue
        seen[key] = index
        good.append(values)
    return good, set(seen) | faulty


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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
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
    with _collector_paused():
        return _check_export(Path(path).expanduser())


def _check_export(source: Path) -> CheckedExport:
    document = _parse(source, _read_text(source))
    _check_header(source, document)
    problems = _Problems()
    rows: dict[str, list[tuple[Any, ...]]] = {}
    keys: dict[str, set[Any]] = {}
    for table in TABLES:
        rows[table.name], keys[table.name] = _check_table(
            table, document["tables"].get(table.name, []), problems
        )
    for table in TABLES:
        _check_links(table, rows[table.name], keys, problems)
    problems.raise_if_any()
    return CheckedExport(
        path=source,
        app_version=document.get("app_version"),
        exported_at=document.get("exported_at"),
        schema_version=document["schema_version"],
        rows=rows,
    )


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
        except sqlite3.IntegrityError as error:
            return f"{_row_label(table, values)}: breaks a rule of the journal ({error})"
    return f"The rows of {table.name} break a rule of the journal"


def _insert(table: Table, rows: list[tuple[Any, ...]]) -> None:
    sql = _insert_sql(table)
    connection = database.connection()
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        try:
            with database.atomic():
                connection.executemany(sql, chunk)
        except sqlite3.IntegrityError:
            message = _locate(table, sql, chunk)
            raise ImportFileError(f"{message}; nothing was imported.") from None


_FTS_TABLES_SQL = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE %' "
    "AND lower(sql) LIKE '%using fts5%'"
)


@contextlib.contextmanager
def _search_indexes_built_afterwards() -> Iterator[None]:
    """Inside a transaction: drop the triggers that keep the full-text indexes, let the block
    insert, then build each index in one pass and re-create the triggers from their own SQL.

    If the block fails, the caller's rollback brings the triggers back with everything else.
    """
    indexes = [name for (name,) in database.execute_sql(_FTS_TABLES_SQL)]
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
        database.execute_sql(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
    for _, sql in triggers:
        database.execute_sql(sql)


def import_checked(checked: CheckedExport) -> ImportSummary:
    """Write a checked export into the open journal, which must be empty: all or nothing."""
    with _collector_paused(), database.atomic():
        ensure_empty()
        with _search_indexes_built_afterwards():
            for table in TABLES:
                _insert(table, checked.rows[table.name])
    return ImportSummary(checked.path, checked.counts)


def import_json(path: Path | str) -> ImportSummary:
    """Check an export and, if it is sound, import it into the open (empty) journal.

    The journal's emptiness is checked first, so a wrong journal is reported before a large file
    is read. Raises :class:`JournalNotEmptyError` or :class:`ImportFileError`; either way the
    journal is left as it was.
    """
    ensure_empty()
    return import_checked(check_export(path))
