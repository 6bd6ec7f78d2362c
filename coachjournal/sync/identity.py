"""Which tables and fields travel, and how a record is known on every computer.

A record is known by its ``uid`` (a setting by its ``key``). Links between records travel as
the linked record's uid, never as the local integer id, which each journal gives out on its
own. Two records that are the same thing (one calendar event imported on both computers, the
same results period entered on both) are found by their natural key: the UNIQUE constraints of
the schema.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from collections.abc import Mapping
from typing import Any

from peewee import ForeignKeyField

from coachjournal import rules
from coachjournal.storage.models import ALL_MODELS, BaseModel, Draft, Setting


def new_uid() -> str:
    """A new random identity: 32 lowercase hexadecimal digits."""
    return secrets.token_hex(16)


_UID = re.compile("[0-9a-f]{32}")


def is_uid(value: Any) -> bool:
    return isinstance(value, str) and _UID.fullmatch(value) is not None


@dataclasses.dataclass(frozen=True, slots=True)
class SyncedTable:
    """One table as sync sees it."""

    name: str
    model: type[BaseModel]
    #: The column that names a record on every computer: ``uid`` (``key`` for settings).
    identity: str
    #: The columns that travel, in the schema's order (not ``id``, not the identity).
    fields: tuple[str, ...]
    #: Link columns and the table each links to.
    links: Mapping[str, str]
    #: Links whose target going away deletes the row (the others are set to NULL).
    cascades: frozenset[str]
    #: Text columns the user types into: edited on two computers, both versions are kept.
    texts: frozenset[str]
    #: The column groups that are UNIQUE (besides the identity), each with the condition of
    #: a partial index (a NULL manager is the team default, a separate key).
    natural_keys: tuple[tuple[str, ...], ...]


#: Settings that stay on this computer: remembered per local manager id, or bookkeeping.
LOCAL_SETTINGS = ("prep.suggested.%", "round-trip-check")

#: Natural keys by table: each UNIQUE constraint of the schema. A NULL in a key column is a
#: value of its own here (the schema's partial indexes make the team default unique too).
_NATURAL: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "touchpoint": (("source_key",),),
    "touchpoint_attendee": (("touchpoint_id", "manager_id"),),
    "trait_evidence": (("trait_id", "touchpoint_id"),),
    "result": (("manager_id", "period", "starts_on"),),
    "cadence": (("manager_id", "kind"),),
    "cadence_applies": (("manager_id", "team", "kind"),),
    "talent_placement": (("review_id", "manager_id"),),
}


#: Text that no one types: a calendar event's key, a record's identity.
_NOT_TYPED = (rules.KEY, rules.UID)


def _synced(model: type[BaseModel]) -> SyncedTable:
    meta: Any = model._meta
    name: str = meta.table_name
    identity = "key" if model is Setting else "uid"
    fields: list[str] = []
    links: dict[str, str] = {}
    cascades: set[str] = set()
    texts: set[str] = set()
    for field in meta.sorted_fields:
        column = field.column_name
        if column in ("id", identity):
            continue
        fields.append(column)
        if isinstance(field, ForeignKeyField):
            links[column] = field.rel_model._meta.table_name
            if field.on_delete == "CASCADE":
                cascades.add(column)
        rule = rules.COLUMNS.get((name, column))
        if isinstance(rule, rules.Text) and not rule.controls and rule not in _NOT_TYPED:
            texts.add(column)
    return SyncedTable(
        name=name,
        model=model,
        identity=identity,
        fields=tuple(fields),
        links=links,
        cascades=frozenset(cascades),
        texts=frozenset(texts),
        natural_keys=_NATURAL.get(name, ()),
    )


#: Every synced table, in an order where a table comes after the tables it links to.
TABLES: tuple[SyncedTable, ...] = tuple(_synced(m) for m in ALL_MODELS if m is not Draft)
BY_NAME: Mapping[str, SyncedTable] = {table.name: table for table in TABLES}


def local_setting_sql(row: str) -> str:
    """The SQL condition that a setting row (``new``/``old``) stays on this computer."""
    return " OR ".join(f"{row}.key LIKE '{pattern}'" for pattern in LOCAL_SETTINGS)


def travelling(table: SyncedTable, row: str) -> str:
    """An SQL condition on ``row`` that leaves out what stays on this computer ("" if all
    of ``table`` travels)."""
    return f"NOT ({local_setting_sql(row)})" if table.name == "setting" else ""
