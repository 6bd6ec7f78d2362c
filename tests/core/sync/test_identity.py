"""Every synced row has a uid: after the upgrade of any earlier journal, and whoever inserts."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from coachjournal import rules
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Touchpoint, TouchpointAttendee
from coachjournal.sync import identity

DATA = Path(__file__).parents[2] / "data"
UID = re.compile(r"[0-9a-f]{32}")


def _uids(path: Path) -> dict[str, list[str | None]]:
    with sqlite3.connect(path) as connection:
        return {
            table: [row[0] for row in connection.execute(f"SELECT uid FROM {table}")]
            for table in rules.SYNCED_TABLES
        }


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda path: path.stem)
def test_an_upgraded_journal_gives_every_row_its_own_uid(tmp_path: Path, fixture: Path) -> None:
    journal = tmp_path / "journal.db"
    shutil.copy(fixture, journal)
    db.open_journal(journal)
    db.close_journal()
    uids = _uids(journal)
    everything = [uid for table in uids.values() for uid in table]
    assert len(uids["touchpoint"]) > 0 and len(uids["manager"]) > 0
    assert all(uid is not None and UID.fullmatch(uid) for uid in everything)
    assert len(set(everything)) == len(everything)


def test_identity_knows_every_synced_table() -> None:
    assert sorted(rules.SYNCED_TABLES) == sorted(
        table.name for table in identity.TABLES if table.name != "setting"
    )


def test_rows_inserted_by_raw_sql_and_by_triggers_get_a_uid(journal_path: Path) -> None:
    lead, other = Manager.create(name="Lead"), Manager.create(name="Other")
    db.database.execute_sql(
        "INSERT INTO touchpoint (manager_id, occurred_at, kind, summary, notes, account, "
        "objective, observations, debrief, aspiration, created_at, updated_at) VALUES "
        "(?, '2026-01-05 09:00:00', 'informal', '', '', '', '', '', '', '', '2026', '2026')",
        (lead.id,),
    )
    shared = Touchpoint.get()
    TouchpointAttendee.create(touchpoint=shared, manager=lead, position=0)
    TouchpointAttendee.create(touchpoint=shared, manager=other, position=1)
    before = Touchpoint.get().uid
    lead.delete_instance()  # manager_hands_over_touchpoints rewrites the touchpoint
    assert Touchpoint.get().manager_id == other.id
    assert Touchpoint.get().uid == before
    uids = [m.uid for m in Manager.select()] + [t.uid for t in Touchpoint.select()]
    uids += [a.uid for a in TouchpointAttendee.select()]
    assert all(uid is not None and UID.fullmatch(uid) for uid in uids)
    assert len(set(uids)) == len(uids) == 3


def test_a_uid_given_by_the_writer_is_kept(journal_path: Path) -> None:
    uid = identity.new_uid()
    Manager.create(name="Ann", uid=uid)
    assert Manager.get().uid == uid
    with pytest.raises(Exception, match="UNIQUE"):
        Manager.create(name="Bob", uid=uid)
