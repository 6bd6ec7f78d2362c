"""Export documents as older versions wrote them, for the tests that a version-1 or -2 file
still imports: version 3 names rows by uid, earlier versions by record number."""

from __future__ import annotations

import copy
from typing import Any

from coachjournal.exchange import json_format


def as_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """The version-3 ``document`` as version 2 wrote it: each row numbered (``id``) in the
    order of its table, links as those numbers, no uids."""
    older = copy.deepcopy(document)
    older["format_version"] = 2
    numbers: dict[str, dict[str, int]] = {}
    for name, rows in older["tables"].items():
        numbers[name] = {row["uid"]: n for n, row in enumerate(rows, start=1) if "uid" in row}
    for table in json_format.TABLES:
        for n, row in enumerate(older["tables"].get(table.name, []), start=1):
            if "id" in table.names:
                row["id"] = numbers[table.name].get(row.get("uid"), n)
            row.pop("uid", None)
            for column in table.columns:
                if column.references is not None and row.get(column.name) is not None:
                    row[column.name] = numbers[column.references][row[column.name]]
    return older
