"""The JSON export: everything in it, the same bytes after a round trip, and a journal that no
faulty file can touch."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachjournal import rules, sample
from coachjournal.coaching import cadence, development, roster, search, touchpoints
from coachjournal.coaching.team import talent
from coachjournal.exchange import json_format
from coachjournal.exchange.json_format import ImportFileError, JournalNotEmptyError
from coachjournal.storage import db, migrations
from coachjournal.storage.exports import ExportError
from coachjournal.storage.models import ALL_MODELS, CadenceApplies, Manager, Touchpoint, database
from tests.core.exports import as_version_2

TODAY = dt.date(2026, 3, 2)
EXPORTED_AT = dt.datetime(2026, 3, 2, 18, 30)
NOTE = 'Wants to run the **Q3 kick-off**; “Grüße” from Zürich, שלום, 🎯, a\\back"slash\u2028'


def dump() -> list[str]:
    """Everything in the open journal, schema and rows, as SQL."""
    return list(database.connection().iterdump())


def enrich() -> dict[str, int]:
    """Add what a sample team lacks: unicode, drafts, trash, settings, evidence, a calendar
    import, an archived manager, a stamp with microseconds."""
    manager = roster.create_manager("Zoë “Zee” Ødegård 🦊", email="zoe@example.com", notes=NOTE)
    roster.set_archived(manager.id, True)
    kept = touchpoints.create_touchpoint(
        manager.id, dt.datetime(2026, 2, 2, 9), "one_on_one", notes=NOTE, summary="Ünïcødé"
    )
    trashed = touchpoints.create_touchpoint(manager.id, dt.datetime(2026, 2, 9, 9), "informal")
    touchpoints.trash_touchpoint(trashed.id)
    touchpoints.add_action_item(manager.id, "Ship the plan", "me", TODAY, kept.id)
    touchpoints.save_draft(None, manager.id, {"notes": "half-written thought: ½ ✓"})
    cadence.set_counts_as_one_on_one(["career_conversation", "informal"])
    cadence.set_override(manager.id, "one_on_one", 14, 21)
    cadence.set_applies("team_meeting", False, manager_id=manager.id)
    cadence.set_applies("field_visit", False, team="Inside Sales 🦊")
    cadence.set_applies("career_conversation", False)
    trait = development.add_trait(manager.id, "strength", "Négociation")
    development.link_evidence(trait.id, kept.id)
    Touchpoint.update(source_key='["ics","uid-1",null,1]').where(Touchpoint.id == kept.id).execute()
    Manager.update(updated_at=dt.datetime(2026, 2, 2, 9, 0, 0, 123456)).where(
        Manager.id == manager.id
    ).execute()
    lead, other = (m.id for m in Manager.select().where(Manager.id != manager.id).limit(2))
    touchpoints.log_touchpoint(
        lead,
        dt.datetime(2026, 2, 16, 9),
        "team_meeting",
        [touchpoints.NewActionItem("Share the deck", manager_id=other)],
        with_managers=[other, manager.id],
        observed={manager.id: NOTE},
        summary="Huddle",
    )
    return {"manager": manager.id, "kept": kept.id, "trashed": trashed.id}


@pytest.fixture
def rich_journal(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int]]]:
    """A sample team plus everything :func:`enrich` adds, open."""
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, managers=3, years=0.5, today=TODAY)
    db.open_journal(path, create=False)
    ids = enrich()
    yield path, ids
    db.close_journal()


def reopen(path: Path) -> None:
    db.close_journal()
    db.open_journal(path)


def test_round_trip_gives_the_same_bytes_and_keeps_everything(
    rich_journal: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    _, ids = rich_journal
    first = json_format.export_json(tmp_path / "first.json", exported_at=EXPORTED_AT)
    before = json_format.journal_counts()
    uids = {
        "trashed": Touchpoint.get_by_id(ids["trashed"]).uid,
        "manager": Manager.get_by_id(ids["manager"]).uid,
    }
    reopen(tmp_path / "restored.db")

    imported = json_format.import_json(first.path)
    second = json_format.export_json(tmp_path / "second.json", exported_at=EXPORTED_AT)

    assert second.path.read_bytes() == first.path.read_bytes()
    assert json_format.journal_counts() == before
    assert {name: n for name, n in imported.rows.items() if n} == before
    assert before["draft"] == 1 and before["trait_evidence"] == 1 and before["setting"] == 1
    assert uids["trashed"] in [Touchpoint.get_by_id(row.id).uid for row in touchpoints.trash()]
    manager = Manager.get(Manager.uid == uids["manager"])
    assert manager.notes == NOTE and manager.archived is True


def test_search_works_after_an_import_and_follows_later_edits(
    rich_journal: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    _, ids = rich_journal
    kept_uid = Touchpoint.get_by_id(ids["kept"]).uid
    json_format.export_json(tmp_path / "backup.json")
    reopen(tmp_path / "restored.db")
    json_format.import_json(tmp_path / "backup.json")
    kept = Touchpoint.get(Touchpoint.uid == kept_uid).id

    def found(words: str) -> set[int]:
        return {hit.id for hit in search.search(words) if hit.source is search.Source.TOUCHPOINT}

    assert found("kick-off Zürich") == {kept}
    touchpoints.update_touchpoint(kept, notes="now about marzipan")
    assert found("marzipan") == {kept}
    assert not found("Zürich kick-off")
    (integrity,) = database.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
    ).fetchone()
    # each searched table's index keeps three triggers; one hands shared meetings over; one
    # per synced table gives new rows their uid
    assert integrity == 3 * len(search.Source) + 1 + len(rules.SYNCED_TABLES)


def test_the_file_is_documented_json_in_a_stable_order(
    rich_journal: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    summary = json_format.export_json(tmp_path / "backup.json", exported_at=EXPORTED_AT)
    text = summary.path.read_text(encoding="utf-8")
    document = json.loads(text)

    assert text.endswith("}\n") and "\\u00fc" not in text and "Zürich" in text
    assert list(document) == sorted(document)
    assert document["format"] == "coachjournal-export"
    assert document["format_version"] == json_format.FORMAT_VERSION
    assert document["schema_version"] == migrations.LATEST
    assert document["exported_at"] == "2026-03-02T18:30:00Z"
    assert set(document["tables"]) == {model._meta.table_name for model in ALL_MODELS}
    for name, rows in document["tables"].items():
        table = next(t for t in json_format.TABLES if t.name == name)
        order = ["uid"] if "uid" in table.names else [k for k in table.key if k != "id"]
        keys = [tuple(row[k] for k in order) for row in rows]
        assert keys == sorted(keys), name
        assert all(list(row) == sorted(row) and "id" not in row for row in rows)
    uid = Manager.get_by_id(rich_journal[1]["manager"]).uid
    (manager,) = [row for row in document["tables"]["manager"] if row["uid"] == uid]
    assert manager["archived"] is True
    assert manager["updated_at"] == "2026-02-02T09:00:00.123456"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", manager["created_at"])
    assert summary.bytes == len(text.encode())


def test_every_choice_and_rating_constraint_is_checked_by_the_import() -> None:
    """The CHECK constraints that the import reports by name must all be listed in exchange."""
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            checks = " ".join(getattr(c, "sql", "") for c in field.constraints or [])
            key = (model._meta.table_name, field.column_name)
            assert (" IN (" in checks) == (key in json_format.CHOICES), key
            assert ("BETWEEN 1 AND 5" in checks) == (key in json_format.RATINGS), key


def test_the_documentation_describes_every_table_and_field() -> None:
    """docs/export-format.md lists each table's fields, and which are required."""
    doc = (Path(__file__).parents[2] / "docs" / "export-format.md").read_text(encoding="utf-8")
    documented: dict[str, dict[str, bool]] = {}
    for section in re.split(r"^### ", doc, flags=re.MULTILINE)[1:]:
        table = re.match(r"`(\w+)`", section)
        if table is not None:
            fields = re.findall(r"^\| `(\w+)` \| [^|]+ \| ([^|]*) \|", section, re.MULTILINE)
            documented[table.group(1)] = {name: kind.strip() == "required" for name, kind in fields}
    assert documented == {
        table.name: {column.name: column.required for column in table.columns}
        for table in json_format.TABLES
    }


# --- Files that must not be imported ----------------------------------------------------------


@pytest.fixture
def small_export(tmp_path: Path) -> dict[str, Any]:
    """A tiny valid export document: one of everything that links."""
    db.open_journal(tmp_path / "small.db")
    try:
        manager = roster.create_manager("Ada Lovelace")
        touchpoint = touchpoints.create_touchpoint(
            manager.id, dt.datetime(2026, 1, 5, 9), "one_on_one"
        )
        touchpoints.add_action_item(manager.id, "Write it down", "them", None, touchpoint.id)
        cadence.set_team_default("one_on_one", 7, 14)
        cadence.set_applies("team_meeting", False, manager_id=manager.id)
        review = talent.add_review("Q1 2026 review", dt.date(2026, 1, 20))
        placed = talent.place(review.id, manager.id, 2, 3)
        talent.update_placement(placed.id, risk="high", risk_reason="Wants a region")
        json_format.export_json(tmp_path / "small.json", exported_at=EXPORTED_AT)
    finally:
        db.close_journal()
    document: dict[str, Any] = json.loads((tmp_path / "small.json").read_text(encoding="utf-8"))
    return document


def rows(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["tables"][table]
    return found


def _set(table: str, field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: rows(document, table)[0].__setitem__(field, value)


def _drop(table: str, field: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: rows(document, table)[0].pop(field)


def _header(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: document.__setitem__(field, value)


def _twice(table: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: rows(document, table).append(copy.deepcopy(rows(document, table)[0]))


KINDS = "one_on_one, field_visit, call_review, career_conversation, team_meeting, informal"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            _set("touchpoint", "kind", "lunch"),
            f"touchpoint 1: 'kind' must be one of {KINDS}, got \"lunch\"",
        ),
        (_set("touchpoint", "mood", 7), "touchpoint 1: 'mood' must be a rating from 1 to 5, got 7"),
        (_set("touchpoint", "mood", "4"), "touchpoint 1: 'mood' must be a whole number, got \"4\""),
        (_set("touchpoint", "duration_minutes", 4.5), "'duration_minutes' must be a whole number"),
        (_set("touchpoint", "manager_id", True), "'manager_id' must be a whole number, got true"),
        (
            _set("touchpoint", "manager_id", 99),
            "touchpoint 1: 'manager_id' refers to manager 99, which is not in the file",
        ),
        (
            _set("action_item", "touchpoint_id", 5),
            "action_item 1: 'touchpoint_id' refers to touchpoint 5",
        ),
        (
            _set("touchpoint", "occurred_at", "2026-02-30T09:00:00"),
            "'occurred_at' must be a date and time (YYYY-MM-DDTHH:MM:SS), "
            'got "2026-02-30T09:00:00"',
        ),
        (
            _set("touchpoint", "occurred_at", "5 January 2026"),
            "'occurred_at' must be a date and time",
        ),
        (
            _set("action_item", "due_on", "20260105"),
            "action_item 1: 'due_on' must be a date (YYYY-MM-DD)",
        ),
        (_set("manager", "archived", 1), "manager 1: 'archived' must be true or false, got 1"),
        (_set("manager", "name", None), "manager 1: 'name' must be text, got null"),
        (
            _set("action_item", "owner", "us"),
            "action_item 1: 'owner' must be one of me, them, got \"us\"",
        ),
        (_set("touchpoint", "colour", "red"), 'touchpoint 1: unknown field "colour"'),
        (_drop("touchpoint", "occurred_at"), "touchpoint 1: 'occurred_at' is missing"),
        (_drop("manager", "uid"), "manager row 1: 'uid' is missing"),
        (_twice("manager"), "manager 1: appears twice in the file (rows 1 and 2 of manager)"),
        (
            _header("format_version", json_format.FORMAT_VERSION + 1),
            f"newer CoachJournal (format version {json_format.FORMAT_VERSION + 1}; this version "
            f"reads up to {json_format.FORMAT_VERSION})",
        ),
        (
            _set("cadence_applies", "kind", "informal"),
            "cadence_applies 1: 'kind' \"informal\" has no cadence, so it cannot be switched off",
        ),
        (
            _set("cadence_applies", "team", "Inside Sales"),
            "cadence_applies 1: 'team' must name a team, and only for a row without a manager",
        ),
        (
            _set("cadence_applies", "applies", "no"),
            "cadence_applies 1: 'applies' must be true or false",
        ),
        (
            _header("schema_version", 99),
            f"newer CoachJournal (schema 99; this version reads up to {migrations.LATEST})",
        ),
        (_header("format_version", "1"), "'format_version' must be a whole number"),
        (_header("format", "something-else"), "is not a CoachJournal export"),
        (_header("comment", "mine"), 'unknown field "comment"'),
        (_header("tables", []), "has no 'tables' object"),
        (
            lambda d: d["tables"].__setitem__("meeting", []),
            'a table this version does not know: "meeting"',
        ),
        (
            lambda d: d["tables"].__setitem__("manager", {}),
            "table 'manager' must be a list of rows",
        ),
        (
            lambda d: rows(d, "manager").append([1, "Bob"]),
            "manager row 2: must be an object of fields",
        ),
        (lambda d: d["tables"].pop("manager"), "refers to manager 1, which is not in the file"),
        (
            _set("talent_placement", "manager_id", 99),
            "talent_placement 1: 'manager_id' refers to manager 99, which is not in the file",
        ),
        (
            _set("talent_placement", "risk", "huge"),
            "talent_placement 1: 'risk' must be one of low, medium, high, got \"huge\"",
        ),
        (_set("talent_placement", "performance", 4), "talent_placement 1: 'performance' must be"),
        (
            _set("talent_review", "period", "monthly"),
            "talent_review 1: 'period' must be one of quarter, year",
        ),
        (_set("talent_review", "title", " "), "talent_review 1: 'title' must show"),
    ],
)
def test_a_faulty_export_is_refused_with_its_fault_named_and_nothing_written(
    small_export: dict[str, Any],
    journal_path: Path,
    tmp_path: Path,
    mutate: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    mutate(small_export)
    path = tmp_path / "faulty.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    before = dump()
    with pytest.raises(ImportFileError) as raised:
        json_format.import_json(path)
    assert message in str(raised.value)
    assert str(raised.value).count("\n") == 0
    assert dump() == before


def test_a_version_1_export_without_talent_reviews_still_imports(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    small_export = as_version_2(small_export)
    small_export["format_version"] = 1
    for table in json_format.ADDED_IN:  # version 1 had none of these
        small_export["tables"].pop(table)
    path = tmp_path / "version-1.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    json_format.import_json(path)
    assert [m.name for m in roster.list_managers()] == ["Ada Lovelace"]
    assert talent.list_reviews() == []


def test_talent_reviews_come_back_from_an_export(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    json_format.import_json(path)
    board = talent.latest_board()
    assert board is not None and board.review.title == "Q1 2026 review"
    placed = board.placed[0].placement
    assert placed is not None and placed.box == (2, 3) and placed.risk_reason == "Wants a region"
    assert [hit.source for hit in search.search("region")] == [search.Source.TALENT]


def test_every_fault_is_listed_not_only_the_first(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    rows(small_export, "touchpoint")[0].update(kind="lunch", mood=9)
    rows(small_export, "manager")[0]["archived"] = "no"
    path = tmp_path / "faulty.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"\(and 2 more problems\); nothing was imported"):
        json_format.import_json(path)
    try:
        json_format.import_json(path)
    except ImportFileError as error:
        assert len(error.problems) == 3
        assert any("'archived'" in problem for problem in error.problems)


def test_a_rule_only_the_database_knows_is_reported_by_row_and_rolled_back(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    rows(small_export, "cadence")[0].update(ideal_days=30, max_days=7)
    path = tmp_path / "faulty.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    before = dump()
    with pytest.raises(ImportFileError, match=r"^cadence 1: breaks a rule of the journal \(CHECK"):
        json_format.import_json(path)
    assert dump() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda text: text[: len(text) // 2], "was cut short, so nothing was imported"),
        (lambda text: text.rstrip()[:-1], "was cut short"),
        (lambda text: text[:-30], "was cut short"),
        (
            lambda text: text.replace('"format": ', '"format"; ', 1),
            "is not valid JSON: Expecting ':' delimiter at line 4, column 11",
        ),
        (lambda text: "", "is empty"),
        (lambda text: "   \n", "is empty"),
        (lambda text: "[1, 2, 3]", "is not a CoachJournal export"),
        (lambda text: '"coachjournal-export"', "is not a CoachJournal export"),
        (lambda text: "[" * 100_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_whole_export_is_refused(
    small_export: dict[str, Any],
    journal_path: Path,
    tmp_path: Path,
    content: Callable[[str], str],
    message: str,
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content(json.dumps(small_export, indent=2)), encoding="utf-8")
    before = dump()
    with pytest.raises(ImportFileError, match=re.escape(message)):
        json_format.import_json(path)
    assert dump() == before


def test_binary_files_are_refused(journal_path: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ImportFileError, match="is not UTF-8 text"):
        json_format.import_json(garbage)
    with pytest.raises(ImportFileError, match="is a journal file, not an export"):
        json_format.import_json(journal_path)
    with pytest.raises(ImportFileError, match="Cannot read"):
        json_format.import_json(tmp_path / "missing.json")


def test_a_byte_order_mark_is_accepted(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(small_export), encoding="utf-8-sig")
    assert json_format.import_json(path).rows["manager"] == 1


def test_an_older_export_without_later_columns_gets_their_defaults(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    """A schema-3 export has no source_key and no trait_evidence table."""
    small_export["schema_version"] = 3
    small_export["tables"].pop("trait_evidence")
    for row in rows(small_export, "touchpoint"):
        row.pop("source_key")
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    assert json_format.import_json(path).rows["touchpoint"] == 1
    assert Touchpoint.get_by_id(1).source_key is None


def test_a_version_1_export_imports_with_every_row_and_every_activity_applying(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    """Format version 1 (schema 6) had no "applies" marks: every row imports, and every
    activity is for everyone."""
    small_export = as_version_2(small_export)
    small_export["format_version"] = 1
    small_export["schema_version"] = 6
    for table in json_format.ADDED_IN:  # version 1 had none of these
        small_export["tables"].pop(table)
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    counts = json_format.import_json(path).rows
    expected = {name: len(found) for name, found in small_export["tables"].items()}
    assert {name: counts.get(name, 0) for name in expected} == expected
    assert sum(counts.values()) == sum(expected.values())
    assert CadenceApplies.select().count() == 0
    applies = cadence.applicability(1, "")
    assert all(each.applies for each in applies.values())


def test_import_into_a_journal_with_data_is_refused(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    roster.create_manager("Already here")
    before = dump()
    with pytest.raises(JournalNotEmptyError, match=r"already holds data \(manager: 1\)"):
        json_format.import_json(path)
    assert dump() == before


# --- Writing the file -------------------------------------------------------------------------


def test_an_export_never_replaces_a_file_unless_asked_and_never_a_journal(
    journal_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match="replace it on purpose with --force"):
        json_format.export_json(target)
    assert target.read_text(encoding="utf-8") == "old"
    json_format.export_json(target, force=True)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "coachjournal-export"
    with pytest.raises(ExportError, match="is a journal"):
        json_format.export_json(journal_path, force=True)
    with pytest.raises(ExportError, match="is a folder"):
        json_format.export_json(tmp_path, force=True)


def test_a_failed_export_leaves_nothing_behind(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster.create_manager("Ada")

    def failing(table: json_format.Table) -> Iterator[str]:
        yield "{}"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_format, "_rows", failing)
    out = tmp_path / "out"
    with pytest.raises(ExportError, match=r"^The disk is full, so .*backup\.json was not written"):
        json_format.export_json(out / "backup.json")
    assert list(out.iterdir()) == []


# --- Properties -------------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=5,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_mutation_imports_or_is_refused_cleanly(
    small_export: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    document = copy.deepcopy(small_export)
    table = data.draw(st.sampled_from(sorted(name for name, r in document["tables"].items() if r)))
    row = data.draw(st.sampled_from(rows(document, table)))
    field = data.draw(st.sampled_from(sorted(row)) | TEXT)
    if data.draw(st.booleans()):
        row[field] = data.draw(JSON_VALUES)
    else:
        row.pop(field, None)
    folder = tmp_path_factory.mktemp("mutation")
    (folder / "file.json").write_text(json.dumps(document), encoding="utf-8")
    db.open_journal(folder / "journal.db")
    try:
        before = dump()
        try:
            json_format.import_json(folder / "file.json")
        except ImportFileError as error:
            assert error.problems and "\n" not in str(error)
            assert dump() == before
    finally:
        db.close_journal()


@settings(max_examples=25, deadline=None)
# Names are one line of printable text holding a letter (roster refuses control characters and
# names of signs alone); notes take anything and keep all but control characters
# (coachjournal.rules drops them), drafts keep everything.
@given(
    name=TEXT.filter(
        lambda s: (
            any(c.isalnum() for c in s) and not any(unicodedata.category(c) == "Cc" for c in s)
        )
    ),
    notes=TEXT,
    payload=TEXT,
)
def test_any_text_survives_the_round_trip_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, name: str, notes: str, payload: str
) -> None:
    folder = tmp_path_factory.mktemp("text")
    db.open_journal(folder / "a.db")
    try:
        manager = roster.create_manager(name, notes=notes)
        touchpoints.create_touchpoint(
            manager.id, dt.datetime(2026, 1, 5, 9), "informal", notes=notes
        )
        touchpoints.save_draft(None, manager.id, {"notes": payload})
        first = json_format.export_json(folder / "a.json", exported_at=EXPORTED_AT)
    finally:
        db.close_journal()
    db.open_journal(folder / "b.db")
    try:
        json_format.import_json(first.path)
        assert roster.get_manager(manager.id).notes == rules.NOTES.clean(notes)
        second = json_format.export_json(folder / "b.json", exported_at=EXPORTED_AT)
    finally:
        db.close_journal()
    assert second.path.read_bytes() == first.path.read_bytes()


# --- Reading a file a block at a time, writing it in one pass ---------------------------------


@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_a_file_read_in_small_blocks_imports_the_same(
    rich_journal: tuple[Path, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    block: int,
) -> None:
    """Values (long notes, numbers, words) that span the blocks are read whole, and a file laid
    out any way (here on one line, and indented) reads the same as the export's own layout."""
    first = json_format.export_json(tmp_path / "first.json", exported_at=EXPORTED_AT)
    document = json.loads(first.path.read_text(encoding="utf-8"))
    one_line = tmp_path / "one-line.json"
    one_line.write_text(json.dumps(document), encoding="utf-8")
    indented = tmp_path / "indented.json"
    indented.write_text(json.dumps(document, indent=3), encoding="utf-8")
    monkeypatch.setattr(json_format, "_BLOCK", block)
    expected = json_format.check_export(first.path)
    for layout in (one_line, indented):
        checked = json_format.check_export(layout)
        assert checked.rows == expected.rows
        assert (checked.schema_version, checked.exported_at) == (
            expected.schema_version,
            expected.exported_at,
        )
    db.close_journal()
    db.open_journal(tmp_path / "restored.db")
    json_format.import_json(one_line)
    second = json_format.export_json(tmp_path / "second.json", exported_at=EXPORTED_AT)
    assert second.path.read_bytes() == first.path.read_bytes()


@pytest.mark.parametrize("block", [5, 1 << 20])
def test_a_fault_far_into_a_file_is_placed_by_line_and_column(
    small_export: dict[str, Any],
    journal_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    block: int,
) -> None:
    """The line and column are the file's, whichever block the fault is read in: the same
    words as ``json.loads`` gives for the whole text."""
    monkeypatch.setattr(json_format, "_BLOCK", block)
    text = json.dumps(small_export, indent=2)
    for broken in (
        text.replace('"kind": "one_on_one",', '"kind": "one_on_one" "mood": 3,', 1),
        text.replace('"tables": {', '"tables": {\n    "manager" [', 1),
        text.replace('"format": ', '"format"; ', 1),
        text + "\n  {}",
    ):
        path = tmp_path / "broken.json"
        path.write_text(broken, encoding="utf-8")
        try:
            json.loads(broken)
        except json.JSONDecodeError as error:
            expected = f"{error.msg} at line {error.lineno}, column {error.colno}"
        with pytest.raises(ImportFileError, match=re.escape(f"is not valid JSON: {expected}.")):
            json_format.import_json(path)


def test_a_file_cut_anywhere_is_reported_as_cut_short(
    small_export: dict[str, Any],
    journal_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(json_format, "_BLOCK", 16)
    text = json.dumps(small_export, indent=2)
    path = tmp_path / "cut.json"
    before = dump()
    for end in range(1, len(text.rstrip()), 37):
        path.write_text(text[:end], encoding="utf-8")
        with pytest.raises(ImportFileError, match="the file was cut short") as raised:
            json_format.import_json(path)
        assert raised.value.problems == (str(raised.value),)
    assert dump() == before


def test_an_import_goes_back_to_the_wal_and_the_search_indexes_to_their_defaults(
    rich_journal: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    """The import writes through a rollback journal and builds each index with a large buffer
    of terms; afterwards the journal is in WAL mode again, and each index has FTS5's default
    buffer for the writes of daily use."""
    json_format.export_json(tmp_path / "backup.json")
    reopen(tmp_path / "restored.db")
    json_format.import_json(tmp_path / "backup.json")
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    settings_rows = dict(
        database.execute_sql("SELECT k, v FROM touchpoint_fts_config WHERE k != 'version'")
    )
    assert settings_rows == {"hashsize": 1 << 20}
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    database.execute_sql("INSERT INTO touchpoint_fts (touchpoint_fts) VALUES ('integrity-check')")
    assert search.search("Zürich")
    assert not (tmp_path / "restored.db-journal").exists()


def test_an_import_that_fails_while_writing_leaves_a_new_journal_empty_and_in_wal_mode(
    small_export: dict[str, Any], journal_path: Path, tmp_path: Path
) -> None:
    rows(small_export, "cadence")[0].update(ideal_days=30, max_days=7)
    path = tmp_path / "faulty.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    before = dump()
    with pytest.raises(ImportFileError, match="breaks a rule of the journal"):
        json_format.import_json(path)
    assert dump() == before
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_rule_only_the_database_knows_is_reported_in_an_encrypted_journal_too(
    small_export: dict[str, Any], tmp_path: Path
) -> None:
    rows(small_export, "cadence")[0].update(ideal_days=30, max_days=7)
    path = tmp_path / "faulty.json"
    path.write_text(json.dumps(small_export), encoding="utf-8")
    db.close_journal()
    db.open_journal(tmp_path / "locked.db", passphrase="a long enough passphrase")
    try:
        with pytest.raises(ImportFileError, match=r"^cadence 1: breaks a rule of the journal"):
            json_format.import_json(path)
        assert all(count == 0 for count in json_format.journal_counts().values())
    finally:
        db.close_journal()
