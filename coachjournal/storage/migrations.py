"""Schema versions: one ordered, atomic step per version, recorded in ``PRAGMA user_version``.

A new journal runs every step from the first, so a new journal and an upgraded one share one
schema by construction. Step 1 is frozen SQL (what version 1 shipped), later steps use peewee's
migrator. Never edit a released step: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

from coachjournal.errors import JournalOpenError

_KINDS = (
    "'one_on_one', 'field_visit', 'call_review', 'career_conversation', 'team_meeting', 'informal'"
)

_V1_SCHEMA = f"""
CREATE TABLE manager (
    id INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title TEXT NOT NULL,
    team TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    manager_since DATE,
    promoted_from_sales INTEGER NOT NULL,
    notes TEXT NOT NULL,
    archived INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX manager_archived ON manager (archived);

CREATE TABLE trait (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'development')),
    skill TEXT NOT NULL,
    detail TEXT NOT NULL,
    target_rating INTEGER CHECK (target_rating IS NULL OR target_rating BETWEEN 1 AND 5),
    target_date DATE,
    position INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX trait_manager_id ON trait (manager_id);

CREATE TABLE trait_rating (
    id INTEGER NOT NULL PRIMARY KEY,
    trait_id INTEGER NOT NULL REFERENCES trait (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_on DATE NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX trait_rating_trait_id_rated_on ON trait_rating (trait_id, rated_on);

CREATE TABLE motivator (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    rank INTEGER NOT NULL,
    note TEXT NOT NULL,
    confirmed_on DATE,
    created_at DATETIME NOT NULL
);
CREATE INDEX motivator_manager_id ON motivator (manager_id);

CREATE TABLE assignment (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,
    trait_id INTEGER REFERENCES trait (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    skill TEXT NOT NULL,
    description TEXT NOT NULL,
    assigned_on DATE,
    due_on DATE,
    completed_on DATE,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'done', 'dropped')),
    outcome TEXT NOT NULL,
    outcome_rating INTEGER CHECK (outcome_rating IS NULL OR outcome_rating BETWEEN 1 AND 5),
    reflection TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX assignment_manager_id ON assignment (manager_id);
CREATE INDEX assignment_trait_id ON assignment (trait_id);

CREATE TABLE touchpoint (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,
    occurred_at DATETIME NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    duration_minutes INTEGER CHECK (duration_minutes >= 0),
    summary TEXT NOT NULL,
    notes TEXT NOT NULL,
    mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
    assignment_id INTEGER REFERENCES assignment (id) ON DELETE SET NULL,
    deleted_at DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX touchpoint_manager_id_occurred_at ON touchpoint (manager_id, occurred_at);
CREATE INDEX touchpoint_occurred_at ON touchpoint (occurred_at);
CREATE INDEX touchpoint_assignment_id ON touchpoint (assignment_id);

CREATE TABLE action_item (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoint (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    due_on DATE,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    closed_on DATE,
    created_at DATETIME NOT NULL
);
CREATE INDEX action_item_manager_id_status ON action_item (manager_id, status);
CREATE INDEX action_item_touchpoint_id ON action_item (touchpoint_id);

CREATE TABLE cadence (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER REFERENCES manager (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    ideal_days INTEGER NOT NULL CHECK (ideal_days > 0),
    max_days INTEGER NOT NULL CHECK (max_days >= ideal_days)
);
CREATE UNIQUE INDEX cadence_manager_kind ON cadence (manager_id, kind)
    WHERE manager_id IS NOT NULL;
CREATE UNIQUE INDEX cadence_default_kind ON cadence (kind) WHERE manager_id IS NULL;

CREATE TABLE setting (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _v1_initial_schema(db: SqliteDatabase) -> None:
    # Splitting on ";" is safe here only because this SQL has no trigger bodies.
    for statement in _V1_SCHEMA.split(";"):
        if statement.strip():
            db.execute_sql(statement)


def _v2_visit_and_career_fields(db: SqliteDatabase) -> None:
    """Field visits record the account, objective, observations and debrief; career
    conversations the aspiration discussed. They live on the touchpoint itself.

    Plain ``ADD COLUMN`` with a default: peewee's migrator adds a NOT NULL column by rebuilding
    the table, which is slow on a large journal and needs foreign keys off to be safe.
    """
    for column in ("account", "objective", "observations", "debrief", "aspiration"):
        db.execute_sql(f"ALTER TABLE touchpoint ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


#: What full-text search covers: each table's text columns, indexed by an FTS5 table that
#: reads its content from the table itself (no second copy of the notes).
_V3_SEARCHED = {
    "touchpoint": (
        "summary",
        "notes",
        "account",
        "objective",
        "observations",
        "debrief",
        "aspiration",
    ),
    "action_item": ("text",),
    "assignment": ("title", "skill", "description", "outcome", "reflection"),
    "trait": ("skill", "detail"),
    "manager": ("name", "title", "team", "notes"),
}


def _v3_search_and_drafts(db: SqliteDatabase) -> None:
    """Full-text search over everything the user writes, and drafts of unsaved entries.

    Each FTS5 index folds accents (``remove_diacritics 2``: "resume" finds "résumé"), keeps a
    three-letter prefix index (on 125,000 notes: 3-letter prefix queries in 0.1 ms instead of
    30 ms, for an index of 194 MB instead of 107 MB; adding 2-letter prefixes would take it to
    263 MB), and is kept in step by triggers, so no code path can forget it. Drafts live in
    the journal itself, so they are encrypted with it.
    """
    for table, columns in _V3_SEARCHED.items():
        names = ", ".join(columns)
        new = ", ".join(f"new.{column}" for column in columns)
        old = ", ".join(f"old.{column}" for column in columns)
        db.execute_sql(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='{table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3')"
        )
        db.execute_sql(
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {table}_fts (rowid, {names}) VALUES (new.id, {new}); END"
        )
        db.execute_sql(
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {table}_fts ({table}_fts, rowid, {names}) "
            f"VALUES ('delete', old.id, {old}); END"
        )
        db.execute_sql(
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {names} ON {table} BEGIN "
            f"INSERT INTO {table}_fts ({table}_fts, rowid, {names}) "
            f"VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {table}_fts (rowid, {names}) VALUES (new.id, {new}); END"
        )
        db.execute_sql(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
    db.execute_sql(
        "CREATE TABLE draft ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,"
        " payload TEXT NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
    db.execute_sql("CREATE INDEX draft_manager_id ON draft (manager_id)")


def _v4_calendar_and_evidence(db: SqliteDatabase) -> None:
    """Touchpoints imported from a calendar remember the event they came from (``source_key``:
    the event's UID and, for a recurring meeting, the occurrence), so importing the same
    calendar again creates nothing twice. Traits link to the touchpoints where they showed."""
    db.execute_sql("ALTER TABLE touchpoint ADD COLUMN source_key TEXT")
    db.execute_sql(
        "CREATE UNIQUE INDEX touchpoint_source_key ON touchpoint (source_key) "
        "WHERE source_key IS NOT NULL"
    )
    db.execute_sql(
        "CREATE TABLE trait_evidence ("
        " trait_id INTEGER NOT NULL REFERENCES trait (id) ON DELETE CASCADE,"
        " touchpoint_id INTEGER NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,"
        " PRIMARY KEY (trait_id, touchpoint_id))"
    )
    db.execute_sql("CREATE INDEX trait_evidence_touchpoint_id ON trait_evidence (touchpoint_id)")


def _v5_live_touchpoints_index(db: SqliteDatabase) -> None:
    """A covering index of the touchpoints not in the trash, for the charts and the scorecard:
    counting by day, kind and manager reads the index alone instead of every row's notes (the
    whole-team frequency over 125,000 touchpoints: 131 ms of SQL before, about 50 ms after)."""
    db.execute_sql(
        "CREATE INDEX touchpoint_live ON touchpoint "
        "(occurred_at, kind, manager_id, duration_minutes) WHERE deleted_at IS NULL"
    )


def _v6_results(db: SqliteDatabase) -> None:
    """Each manager's team results and their own coaching of their reps, per month or fiscal
    quarter: one row per manager, kind of period and first day, so a switch from months to
    quarters keeps the figures of both."""
    db.execute_sql(
        "CREATE TABLE result ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,"
        " period TEXT NOT NULL CHECK (period IN ('month', 'quarter')),"
        " starts_on DATE NOT NULL,"
        " plan_cents INTEGER CHECK (plan_cents IS NULL OR plan_cents >= 0),"
        " actual_cents INTEGER CHECK (actual_cents IS NULL OR actual_cents >= 0),"
        " reps INTEGER CHECK (reps IS NULL OR reps >= 0),"
        " rep_one_on_ones INTEGER CHECK (rep_one_on_ones IS NULL OR rep_one_on_ones >= 0),"
        " joint_calls INTEGER CHECK (joint_calls IS NULL OR joint_calls >= 0),"
        " team_meetings INTEGER CHECK (team_meetings IS NULL OR team_meetings >= 0),"
        " note TEXT NOT NULL,"
        " created_at DATETIME NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX result_manager_period ON result (manager_id, period, starts_on)"
    )


def _cadence_applies(db: SqliteDatabase) -> None:
    """Which coaching activities apply to whom: "no team meetings for someone without a team, no
    field visits for inside sales". One mark per activity for the whole team (no manager, no
    team), per team name, or per manager; the most specific mark wins and an activity without
    one applies. Kept apart from ``cadence`` so switching an activity off keeps its days."""
    db.execute_sql(
        "CREATE TABLE cadence_applies ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " manager_id INTEGER REFERENCES manager (id) ON DELETE CASCADE,"
        " team TEXT CHECK (team IS NULL OR length(trim(team)) > 0),"
        f" kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),"
        " applies INTEGER NOT NULL CHECK (applies IN (0, 1)),"
        " CHECK (manager_id IS NULL OR team IS NULL))"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX cadence_applies_manager ON cadence_applies (manager_id, kind) "
        "WHERE manager_id IS NOT NULL"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX cadence_applies_team ON cadence_applies (team, kind) "
        "WHERE team IS NOT NULL"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX cadence_applies_default ON cadence_applies (kind) "
        "WHERE manager_id IS NULL AND team IS NULL"
    )


def _talent_reviews(db: SqliteDatabase) -> None:
    """Talent reviews: each review the executive holds (quarterly or yearly) is kept, with one
    placement per manager on its nine-box grid, so a manager's movement across reviews can be
    shown. A manager is placed at most once per review. The placements' notes and reasons for
    a risk of leaving are searched like every other text the user writes (the same FTS5 index
    settings as ``_v3_search_and_drafts``, kept by triggers)."""
    db.execute_sql(
        "CREATE TABLE talent_review ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
        " held_on DATE NOT NULL,"
        " period TEXT NOT NULL CHECK (period IN ('quarter', 'year')),"
        " created_at DATETIME NOT NULL)"
    )
    db.execute_sql("CREATE INDEX talent_review_held_on ON talent_review (held_on)")
    db.execute_sql(
        "CREATE TABLE talent_placement ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " review_id INTEGER NOT NULL REFERENCES talent_review (id) ON DELETE CASCADE,"
        " manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,"
        " performance INTEGER NOT NULL CHECK (performance BETWEEN 1 AND 3),"
        " potential INTEGER NOT NULL CHECK (potential BETWEEN 1 AND 3),"
        " note TEXT NOT NULL,"
        " readiness TEXT CHECK (readiness IN ('now', 'one_to_two_years', 'not_in_view')),"
        " risk TEXT CHECK (risk IN ('low', 'medium', 'high')),"
        " risk_reason TEXT NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX talent_placement_review_manager "
        "ON talent_placement (review_id, manager_id)"
    )
    db.execute_sql("CREATE INDEX talent_placement_manager_id ON talent_placement (manager_id)")
    columns = ("note", "risk_reason")
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    db.execute_sql(
        f"CREATE VIRTUAL TABLE talent_placement_fts USING fts5({names}, "
        "content='talent_placement', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='3')"
    )
    db.execute_sql(
        "CREATE TRIGGER talent_placement_fts_insert AFTER INSERT ON talent_placement BEGIN "
        f"INSERT INTO talent_placement_fts (rowid, {names}) VALUES (new.id, {new}); END"
    )
    db.execute_sql(
        "CREATE TRIGGER talent_placement_fts_delete AFTER DELETE ON talent_placement BEGIN "
        f"INSERT INTO talent_placement_fts (talent_placement_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); END"
    )
    db.execute_sql(
        f"CREATE TRIGGER talent_placement_fts_update AFTER UPDATE OF {names} "
        "ON talent_placement BEGIN "
        f"INSERT INTO talent_placement_fts (talent_placement_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO talent_placement_fts (rowid, {names}) VALUES (new.id, {new}); END"
    )


def _team_plans(db: SqliteDatabase) -> None:
    """The team plan ("start with the end in mind"): what the team should look like by a date,
    as goals of two kinds: a skill at a level for every manager or for a number of them, and a
    rhythm of each manager's own coaching of their reps (from the results) at or above a rate."""
    db.execute_sql(
        "CREATE TABLE team_plan ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " title TEXT NOT NULL,"
        " target_date DATE NOT NULL,"
        " created_on DATE NOT NULL,"
        " note TEXT NOT NULL,"
        " created_at DATETIME NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
    db.execute_sql(
        "CREATE TABLE team_plan_goal ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " plan_id INTEGER NOT NULL REFERENCES team_plan (id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('skill', 'rhythm')),"
        " subject TEXT NOT NULL,"
        " level REAL NOT NULL CHECK (level > 0),"
        " at_least INTEGER CHECK (at_least IS NULL OR at_least > 0))"
    )
    db.execute_sql("CREATE INDEX team_plan_goal_plan_id ON team_plan_goal (plan_id, position)")


def _attendees(db: SqliteDatabase) -> None:
    """A touchpoint can have several managers: a team huddle, a field visit two managers came
    to. ``touchpoint_attendee`` says who was there (each with the note of what the executive
    observed about that one), one row per manager, the first (``position`` 0) being
    ``touchpoint.manager_id``: the manager whose journal it was written in, who owns its linked
    assignment. Keeping that column (rather than rebuilding the table without it) keeps the
    step fast on a large journal and every link that is about the lead rather than about
    attendance (assignments, trait evidence, drafts) as it was.

    Every existing touchpoint gets its manager as its one attendee. A meeting logged once per
    manager stays as it was: merging is offered to the user, never done silently. When a
    manager is deleted, a touchpoint they led that others attended is handed to the next
    attendee instead of going with them (the trigger, so that every path is covered).
    """
    db.execute_sql(
        "CREATE TABLE touchpoint_attendee ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " touchpoint_id INTEGER NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,"
        " manager_id INTEGER NOT NULL REFERENCES manager (id) ON DELETE CASCADE,"
        " note TEXT NOT NULL,"
        " position INTEGER NOT NULL)"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX touchpoint_attendee_touchpoint_manager "
        "ON touchpoint_attendee (touchpoint_id, manager_id)"
    )
    db.execute_sql(
        "CREATE INDEX touchpoint_attendee_manager_touchpoint "
        "ON touchpoint_attendee (manager_id, touchpoint_id)"
    )
    # The meetings a manager attended without leading them: few beside the ones they led
    # (which touchpoint's own indexes find), so the day each manager is tracked from is found
    # without reading every attendance of the team (on 200 managers, 18 ms instead of 360).
    db.execute_sql(
        "CREATE INDEX touchpoint_attendee_shared "
        "ON touchpoint_attendee (manager_id, touchpoint_id) WHERE position > 0"
    )
    db.execute_sql(
        "INSERT INTO touchpoint_attendee (touchpoint_id, manager_id, note, position) "
        "SELECT id, manager_id, '', 0 FROM touchpoint "
        "WHERE manager_id IN (SELECT id FROM manager) ORDER BY id"
    )
    db.execute_sql(
        "CREATE TRIGGER manager_hands_over_touchpoints BEFORE DELETE ON manager BEGIN "
        "UPDATE touchpoint SET manager_id = ("
        "SELECT a.manager_id FROM touchpoint_attendee AS a WHERE a.touchpoint_id = touchpoint.id"
        " AND a.manager_id != old.id ORDER BY a.position, a.id LIMIT 1) "
        "WHERE manager_id = old.id AND EXISTS (SELECT 1 FROM touchpoint_attendee AS a"
        " WHERE a.touchpoint_id = touchpoint.id AND a.manager_id != old.id); END"
    )


def _search_indexes(db: SqliteDatabase) -> None:
    """Two small indexes for search (coaching/search.py), each read without touching a
    touchpoint's row, whose notes make it long. The trash: its ids were told as every
    touchpoint minus the live ones (40 ms on 85,000 touchpoints, after each change to the
    journal), now read from the few in it. The live touchpoints of a kind: the index of live
    touchpoints starts with the time, so listing one-on-ones read 37,000 rows to test each
    one's kind and deletion (100 ms on a busy machine)."""
    db.execute_sql(
        "CREATE INDEX touchpoint_trashed ON touchpoint (deleted_at) WHERE deleted_at IS NOT NULL"
    )
    db.execute_sql(
        "CREATE INDEX touchpoint_live_kind ON touchpoint (kind, occurred_at) "
        "WHERE deleted_at IS NULL"
    )


#: The tables whose rows travel between synced journals (every table but drafts, which are this
#: computer's, and settings, which are keyed by name): frozen here as this step made them.
_SYNCED_AT_IDENTITY = (
    "manager",
    "trait",
    "trait_rating",
    "motivator",
    "assignment",
    "touchpoint",
    "touchpoint_attendee",
    "action_item",
    "trait_evidence",
    "cadence",
    "cadence_applies",
    "result",
    "talent_review",
    "talent_placement",
    "team_plan",
    "team_plan_goal",
)


def _sync_identity(db: SqliteDatabase) -> None:
    """Sync between computers: every row that travels gets a stable random identity, ``uid``
    (32 lowercase hex characters), beside its local integer id, which two journals give out
    independently. A trigger gives one to every new row whoever inserts it (the app, a raw
    statement, another trigger): ``ALTER TABLE`` cannot add a default that is not a constant.
    The ``sync_`` tables are the sync engine's own bookkeeping (see :mod:`coachjournal.sync`):
    they are no model, so undo never records them and no export holds them."""
    for table in _SYNCED_AT_IDENTITY:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
        db.execute_sql(f"UPDATE {table} SET uid = lower(hex(randomblob(16)))")
        db.execute_sql(f"CREATE UNIQUE INDEX {table}_uid ON {table} (uid)")
        db.execute_sql(
            f"CREATE TRIGGER {table}_uid AFTER INSERT ON {table} WHEN new.uid IS NULL BEGIN "
            f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE rowid = new.rowid; END"
        )
    for statement in (
        # One row while sync is on: this computer's device id, its clock, and whether the
        # engine itself is writing (then nothing is captured).
        "CREATE TABLE sync_state (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
        " device TEXT NOT NULL, clock_ms INTEGER NOT NULL, clock_count INTEGER NOT NULL,"
        " base TEXT NOT NULL, applying INTEGER NOT NULL, everything INTEGER NOT NULL)",
        # Local writes not collected yet, as the capture triggers record them.
        "CREATE TABLE sync_change (seq INTEGER NOT NULL PRIMARY KEY, tbl TEXT NOT NULL,"
        " row_id INTEGER NOT NULL, uid TEXT, op TEXT NOT NULL, fields TEXT, wall INTEGER NOT NULL)",
        # A batch collected and not yet confirmed written: collected again as it is.
        "CREATE TABLE sync_outbox (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
        " batch TEXT NOT NULL)",
        # One clock per record (when it was created) and, for the fields changed since, one
        # per field with what its writer had seen; a deleted record keeps its tombstone's.
        "CREATE TABLE sync_row (tbl TEXT NOT NULL, uid TEXT NOT NULL, hlc TEXT NOT NULL,"
        " deleted TEXT, PRIMARY KEY (tbl, uid)) WITHOUT ROWID",
        "CREATE TABLE sync_field (tbl TEXT NOT NULL, uid TEXT NOT NULL, field TEXT NOT NULL,"
        " hlc TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (tbl, uid, field)) WITHOUT ROWID",
        # Per text field, the newest version of each other computer's that this journal has
        # received: an older version arriving late was either seen here or is a rival text.
        "CREATE TABLE sync_heard (tbl TEXT NOT NULL, uid TEXT NOT NULL, field TEXT NOT NULL,"
        " device TEXT NOT NULL, hlc TEXT NOT NULL, PRIMARY KEY (tbl, uid, field, device))"
        " WITHOUT ROWID",
        # Two records found to be the same thing (by a natural key): the larger uid's changes
        # go to the smaller's.
        "CREATE TABLE sync_alias (tbl TEXT NOT NULL, uid TEXT NOT NULL, winner TEXT NOT NULL,"
        " PRIMARY KEY (tbl, uid)) WITHOUT ROWID",
        # Received changes that refer to records not received yet.
        "CREATE TABLE sync_pending (id INTEGER NOT NULL PRIMARY KEY, change TEXT NOT NULL)",
        # This computer's own sync settings, for the folder layer (the folder, its key,
        # sequence numbers): never sent anywhere.
        "CREATE TABLE sync_local (key TEXT NOT NULL PRIMARY KEY, value BLOB NOT NULL)",
        # Text that lost to another edit of the same field, for the user to review.
        "CREATE TABLE sync_conflict (id INTEGER NOT NULL PRIMARY KEY, tbl TEXT NOT NULL,"
        " uid TEXT NOT NULL, field TEXT NOT NULL, other_text TEXT NOT NULL,"
        " other_hlc TEXT NOT NULL, found_at DATETIME NOT NULL,"
        " UNIQUE (tbl, uid, field, other_hlc))",
    ):
        db.execute_sql(statement)


def _latest_by_manager_and_kind(db: SqliteDatabase) -> None:
    """Who is due for what, read from indexes rather than from every attendance of the team.

    A manager's latest touchpoint of a kind is the later of the latest they led and the latest
    they attended without leading it. The first is one seek down the live touchpoints by
    (manager, kind, time); the second reads the shared meetings' attendances, which the
    dashboard finds from the recent touchpoints through their attendances by touchpoint. On 200
    managers over ten years with a weekly huddle for all, grouping every attendance of the last
    400 days took about 20 ms of processor time per dashboard; the seeks and the recent
    huddles' attendances take about 6.
    """
    db.execute_sql(
        "CREATE INDEX touchpoint_live_by_manager "
        "ON touchpoint (manager_id, kind, occurred_at) WHERE deleted_at IS NULL"
    )
    db.execute_sql(
        "CREATE INDEX touchpoint_attendee_shared_by_touchpoint "
        "ON touchpoint_attendee (touchpoint_id, manager_id) WHERE position > 0"
    )


STEPS: tuple[Callable[[SqliteDatabase], None], ...] = (
    _v1_initial_schema,
    _v2_visit_and_career_fields,
    _v3_search_and_drafts,
    _v4_calendar_and_evidence,
    _v5_live_touchpoints_index,
    _v6_results,
    _cadence_applies,
    _talent_reviews,
    _team_plans,
    _attendees,
    _search_indexes,
    _sync_identity,
    _latest_by_manager_and_kind,
)
LATEST = len(STEPS)


def schema_version(db: SqliteDatabase) -> int:
    version: int = db.execute_sql("PRAGMA user_version").fetchone()[0]
    return version


def check_supported(version: int) -> None:
    """Refuse a journal written by a newer CoachJournal, before anything touches it."""
    if version > LATEST:
        raise JournalOpenError(
            f"This journal was written by a newer CoachJournal (schema {version}; this version "
            f"reads up to {LATEST}). Update CoachJournal to open it."
        )


def upgrade(db: SqliteDatabase, before_upgrade: Callable[[int], None] | None = None) -> int:
    """Bring ``db`` to the latest schema, one atomic step per version; return the old version.

    ``before_upgrade(old_version)`` runs first when an existing journal is about to change (the
    caller backs it up there). Foreign keys are off while the steps run, as SQLite asks for
    schema changes (a rebuilt table must not cascade deletes), and checked before each commit.
    """
    current = schema_version(db)
    check_supported(current)
    if current == LATEST:
        return current
    if current > 0 and before_upgrade is not None:
        before_upgrade(current)
    db.execute_sql("PRAGMA foreign_keys = OFF")
    # Links already broken before (a journal written with foreign keys off) are not the
    # upgrade's doing: only the links a step would break stop it.
    broken = set(db.execute_sql("PRAGMA foreign_key_check").fetchall())
    try:
        for version in range(current + 1, LATEST + 1):
            with db.atomic():
                STEPS[version - 1](db)
                problems = set(db.execute_sql("PRAGMA foreign_key_check").fetchall()) - broken
                if problems:
                    raise JournalOpenError(
                        f"Upgrading the journal to schema {version} would break links between "
                        f"its records ({len(problems)} found); it was left as it was."
                    )
                db.execute_sql(f"PRAGMA user_version = {version}")
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return current
