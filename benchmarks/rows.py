"""The rows of the benchmark table: one function ``measure(context) -> list[float]`` per row
(one sample per run: seconds, or MiB for memory), an optional baseline of the same shape, and
the ``BENCHMARKS`` list that names them with their targets. Adding a row touches this file only.

:class:`harness.Context` hands out what the rows share (the journal, an open main window, the
start-up runs, the repetition counts), so a row is a few lines, e.g.::

    def search_app(context):
        context.bind_journal()
        return time_calls(lambda i: search.find(QUERIES[i % 10]), context.repeats)

    Benchmark("full-text search (10 queries)", "ms", search_app,
              Target(limit=30, max_ratio=3), baseline=search_raw_fts5,
              baseline_name="the same FTS5 queries through the sqlite3 module")

A row whose feature is not built yet goes in ``PLANNED`` (named, never measured).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from harness import (  # noqa: E402 (after ROOT is on the path)
    Benchmark,
    BenchmarkError,
    Context,
    Measure,
    Planned,
    Skip,
    Target,
    active_manager_ids,
    copy_journal,
    count_paints,
    median,
    process_events_until,
)

from coachjournal.coaching import cadence, roster  # noqa: E402
from coachjournal.storage import db  # noqa: E402 (needs ROOT on the path)
from coachjournal.storage.models import database  # noqa: E402

# --- The rows ---------------------------------------------------------------------------------


def startup_app(context: Context) -> list[float]:
    return [start.seconds for start in context.app_starts()]


def startup_bare(context: Context) -> list[float]:
    return [start.seconds for start in context.bare_starts()]


def startup_app_cpu(context: Context) -> list[float]:
    return [start.cpu_seconds for start in context.app_starts()]


def startup_bare_cpu(context: Context) -> list[float]:
    return [start.cpu_seconds for start in context.bare_starts()]


def slowest_imports(context: Context) -> list[str]:
    """The ten imports that took longest (their own time) before the first paint, under the
    start-up row: a regression shows where it came from."""
    imports = context.imports()
    total = sum(found.self_us for found in imports) / 1000
    lines = [f"imports before the first paint: {len(imports)} modules, {total:.0f} ms in all "]
    lines[0] += "(an untimed start under python -X importtime, which slows each import)"
    lines += [
        f"{found.self_us / 1000:7.1f} ms  {found.module}"
        for found in sorted(imports, key=lambda found: -found.self_us)[:10]
    ]
    return lines


def startup_encrypted(context: Context) -> list[float]:
    """From the passphrase to the dashboard's first paint, the key's derivation aside: the
    start-up on an encrypted copy of the journal, less the seconds its opening took."""
    return [start.seconds - start.unlock_seconds for start in context.encrypted_starts()]


def key_derivation(context: Context) -> str:
    unlocking = median([start.unlock_seconds for start in context.encrypted_starts()])
    return f"key derivation aside: {unlocking:.2f} s"


def startup_bundle(context: Context) -> list[float]:
    return [start.seconds for start in context.bundle_starts()]


def first_visit(screen: str) -> Measure:
    """A row for ``screen``'s first visit in a fresh app, from the key press to its paint."""

    def measure(context: Context) -> list[float]:
        return [visit.seconds for visit in context.visits(screen)]

    return measure


def idle_stall(context: Context) -> list[float]:
    """The longest time the event loop did not turn in the second after the first paint (the
    window's background parts are built, the charting library loads on a worker thread): the
    stutter a user could feel while the app finishes starting. From the Charts visits' runs."""
    return [visit.stall for visit in context.visits(CHARTS_SCREEN)]


#: The screens whose first visit is a row (names as ``benchmarks/first_visit.py --list``).
CHARTS_SCREEN = "charts (Ctrl+2)"
FIRST_VISITS = (
    CHARTS_SCREEN,
    "assignments (Ctrl+3)",
    "team picture (Ctrl+4)",
    "a manager (roster, Down)",
    "manager tab: journal",
    "manager tab: profile",
    "manager tab: development",
    "manager tab: results",
    "search results (typing)",
    "prep sheet (Ctrl+Shift+P)",
    "settings (Ctrl+,)",
    "keyboard shortcuts (F1)",
    "go to manager (Ctrl+K)",
    "trash",
    "team cadence",
)


def memory_app(context: Context) -> list[float]:
    return [start.peak_mb for start in context.app_starts()]


def memory_bare(context: Context) -> list[float]:
    return [start.peak_mb for start in context.bare_starts()]


def open_manager(context: Context) -> list[float]:
    """Select managers in the roster, as a click does, until the page has painted each one.

    A sample runs from the selection to the end of the paint that shows the new manager's name,
    so it holds the queries, filling the page and drawing it (the page's widgets repaint in one
    pass). Managers come in a shuffled order; five untimed opens come first.
    """
    shown = context.window()
    window, view, paints = shown.window, shown.view, shown.paints
    ids = active_manager_ids(context.journal.path)
    samples: list[float] = []
    step = 0
    while len(samples) < context.repeats:
        manager_id = ids[step % len(ids)]
        step += 1
        if manager_id == window.roster.selected_id():
            continue
        painted = paints.paints
        started = time.perf_counter()
        if not window.roster.select(manager_id):
            raise BenchmarkError(f"the roster could not select manager {manager_id}")
        process_events_until(lambda painted=painted: paints.paints > painted)
        elapsed = time.perf_counter() - started
        if view.manager_id != manager_id:
            raise BenchmarkError(f"the page did not show manager {manager_id}")
        if step > 5:
            samples.append(elapsed)
    return samples


def what_opens(context: Context) -> str:
    """What opening a manager shows in this version: the profile alone, or the page's tabs."""
    tabs = getattr(context.window().view, "tabs", None)
    if tabs is None:
        return "profile only"
    names = [tabs.tabText(i).replace("&", "").lower() for i in range(tabs.count())]
    return " + ".join(names)


def open_manager_core(context: Context) -> list[float]:
    """What opening a manager reads, without the widgets: the profile, the first page of the
    timeline (with its count) and the prep sheet's data (``prep.build``: since the last
    one-on-one, open items, assignments, traits, motivators, cadence, suggested questions)."""
    from coachjournal.coaching import prep, touchpoints

    context.bind_journal()
    ids = active_manager_ids(context.journal.path)

    def open_one(i: int) -> None:
        manager_id = ids[i % len(ids)]
        roster.get_manager(manager_id)
        touchpoints.timeline_count(manager_id)
        touchpoints.timeline_page(manager_id)
        prep.build(manager_id)

    return time_calls(open_one, context.repeats)


def time_calls(call: Callable[[int], object], repeats: int, warm_up: int = 10) -> list[float]:
    """Time ``call(i)`` for i in 0..repeats-1, after untimed calls with the first ``warm_up``
    values of i (so a row that cycles through ten inputs warms each up once); seconds each."""
    for i in range(warm_up):
        call(i)
    samples = []
    for i in range(repeats):
        started = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - started)
    return samples


def get_manager_core(context: Context) -> list[float]:
    context.bind_journal()
    ids = active_manager_ids(context.journal.path)
    return time_calls(lambda i: roster.get_manager(ids[i % len(ids)]), context.repeats)


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's cache settings: the floor for a query."""
    connection = sqlite3.connect(path)
    for pragma in ("cache_size", "temp_store"):
        connection.execute(f"PRAGMA {pragma} = {db.PRAGMAS[pragma]}")
    return connection


def get_manager_raw(context: Context) -> list[float]:
    ids = active_manager_ids(context.journal.path)
    with contextlib.closing(raw_connection(context.journal.path)) as connection:
        sql = "SELECT * FROM manager WHERE id = ?"
        return time_calls(
            lambda i: connection.execute(sql, (ids[i % len(ids)],)).fetchone(), context.repeats
        )


def list_managers_core(context: Context) -> list[float]:
    context.bind_journal()
    return time_calls(lambda _: roster.list_managers(), context.repeats)


def list_managers_raw(context: Context) -> list[float]:
    with contextlib.closing(raw_connection(context.journal.path)) as connection:
        sql = "SELECT * FROM manager WHERE archived = 0"
        return time_calls(lambda _: connection.execute(sql).fetchall(), context.repeats)


#: What people type into the search box: common and rare words, prefixes, a phrase, accents,
#: a person, two words that must both match, a two-letter prefix that matches almost every
#: note (the worst case), and a word found nowhere.
SEARCH_QUERIES = (
    "forecast",
    "negot",
    '"pipeline review"',
    "résumé",
    "quota forecast",
    "Dvořák",
    "co",
    "churn",
    "pricing objection",
    "zebra",
)


def search_core(context: Context) -> list[float]:
    """``search.search`` for each query in turn, as the search box will call it."""
    try:
        from coachjournal.coaching import search
    except ImportError as error:
        raise Skip(f"coachjournal.coaching.search cannot be imported: {error}") from None
    context.bind_journal()
    queries = SEARCH_QUERIES
    samples = time_calls(lambda i: search.search(queries[i % len(queries)]), context.repeats)
    return _by_query(context, "full-text search", queries, samples)


def search_raw(context: Context) -> list[float]:
    """The very statements ``search.search`` sent to SQLite for each query (recorded with
    their values), replayed through the sqlite3 module: FTS5 with nothing around it."""
    from coachjournal.coaching import search

    context.bind_journal()
    statements: list[list[str]] = []
    connection = database.connection()
    for query in SEARCH_QUERIES:
        sent: list[str] = []
        connection.set_trace_callback(sent.append)
        try:
            search.search(query)
        finally:
            connection.set_trace_callback(None)
        # The FTS5 queries themselves; not the statements FTS5 runs inside them ("-- ...").
        statements.append([sql for sql in sent if " MATCH " in sql and not sql.startswith("--")])
    if not all(statements):
        raise BenchmarkError("search.search sent no FTS5 MATCH query for some of the queries")
    with contextlib.closing(raw_connection(context.journal.path)) as raw:

        def replay(i: int) -> None:
            for sql in statements[i % len(statements)]:
                raw.execute(sql).fetchall()

        return time_calls(replay, context.repeats)


#: The queries of the count and paging rows: the ten above and the very common words, "the"
#: (in every note) and "customer" (nine notes in ten).
COUNT_QUERIES = (*SEARCH_QUERIES, "the", "customer")
#: Queries narrowed by field syntax: a manager and a kind, a date range, what was matched. After
#: the first five, the combinations that were slow: a common word and one manager's notes or
#: action items (``{one}``: the first manager of the journal, by full name), most of the team
#: (``manager:a``, ``manager:e``) over a month or with a whole word, a rare kind, a phrase over
#: old notes of a kind, a rare word and a word found nowhere.
FILTERED_QUERIES = (
    "pricing kind:field",
    "the since:2025-01 until:2025-06",
    "customer in:actions",
    "forecast manager:a",
    "negot kind:one,career since:2024",
    "customer manager:{one}",
    "forecast manager:{one} in:actions",
    "the manager:{one} kind:field",
    "the manager:a since:2026-11",
    "co manager:e",
    "customer kind:career",
    '"pipeline review" kind:field until:2018',
    "churn manager:{one} since:2025",
    "zebra manager:a kind:one",
)


def search_count_and_page(context: Context) -> list[float]:
    """What one search shows: the exact count of every match and the first page of hits."""
    from coachjournal.coaching import search

    context.bind_journal()
    queries = [search.parse(text) for text in COUNT_QUERIES]

    def both(i: int) -> None:
        query = queries[i % len(queries)]
        search.count(query)
        search.page(query)

    return _by_query(
        context, "search count + first page", COUNT_QUERIES, time_calls(both, context.repeats)
    )


def search_next_page(context: Context) -> list[float]:
    """The page after the first, as the list scrolls (keyset: below the last row shown)."""
    from coachjournal.coaching import search

    context.bind_journal()
    starts = [(query, search.page(query).next) for query in map(search.parse, COUNT_QUERIES)]
    pages = [(query, after) for query, after in starts if after is not None]
    return time_calls(lambda i: search.page(*pages[i % len(pages)]), context.repeats)


def search_filtered(context: Context) -> list[float]:
    """Count + first page of queries narrowed by manager, kind, dates and what was matched."""
    from coachjournal.coaching import search

    context.bind_journal()
    (one,) = database.execute_sql("SELECT name FROM manager ORDER BY id LIMIT 1").fetchone()
    texts = tuple(text.replace("{one}", f'"{one}"') for text in FILTERED_QUERIES)
    queries = [search.parse(text) for text in texts]

    def both(i: int) -> None:
        query = queries[i % len(queries)]
        search.count(query)
        search.page(query)

    samples = time_calls(both, context.repeats)
    return _by_query(context, "search filtered", texts, samples)


def _by_query(
    context: Context, name: str, queries: tuple[str, ...], samples: list[float]
) -> list[float]:
    """``samples`` as they are, with a note naming the slowest query (median)."""
    by_query = {q: median(samples[i :: len(queries)]) for i, q in enumerate(queries)}
    slowest = max(by_query, key=by_query.__getitem__)
    context.notes.append(
        f"{name}: slowest {slowest!r}, median {by_query[slowest] * 1000:.1f} ms "
        f"(the others {max(v for q, v in by_query.items() if q != slowest) * 1000:.1f} ms "
        "at most)."
    )
    return samples


# --- Dashboard and charts ---------------------------------------------------------------------


def dashboard_core(context: Context) -> list[float]:
    """``cadence.dashboard()``, the core of the dashboard page: every active manager's status,
    without Qt, so a slow dashboard can be told from a slow table."""
    context.bind_journal()
    managers, kinds = len(cadence.dashboard()), len(cadence.CADENCE_KINDS)
    context.notes.append(f"team dashboard: {managers} active managers, {kinds} kinds each.")
    return time_calls(lambda _: cadence.dashboard(), context.repeats)


def talent_board(context: Context) -> list[float]:
    """``talent.latest_board()``: the newest talent review as the Team Picture's grid and the
    talent chart read it (every manager, their placement and their box at the review before)."""
    from coachjournal.coaching.team import talent

    context.bind_journal()
    board = talent.latest_board()
    if board is None:
        raise Skip("the journal holds no talent review")
    context.notes.append(
        f"talent review: {len(board.placed)} managers placed, {len(board.unplaced)} not."
    )
    return time_calls(lambda _: talent.latest_board(), context.repeats)


def dashboard_shown(context: Context) -> list[float]:
    """The team dashboard as the app shows it: the main window's dashboard page, brought up as
    the Team button does, then ``refresh()`` (what the page does when shown after a change, or a
    moment after an edit) until its table has painted again.

    A refresh reads ``cadence.dashboard``, fills the table model and reads the month's
    scorecard, so a sample holds all of that and the paint. It runs after "open a manager",
    which needs the manager page on screen.
    """
    shown = context.window()
    window = shown.window
    page = getattr(window, "dashboard", None)
    if page is None:
        raise Skip("the main window has no dashboard page (window.dashboard)")
    paints = count_paints(page.table.viewport())
    window.show_team()
    process_events_until(lambda: paints.paints > 0)

    def once(_: int) -> None:
        painted = paints.paints
        page.refresh()
        process_events_until(lambda: paints.paints > painted)

    return time_calls(once, context.repeats, warm_up=5)


def skills_core(context: Context) -> list[float]:
    """``skill_matrix()``: every active manager's latest rating, trend and target of every
    skill, in one query, without Qt."""
    from coachjournal.coaching.team.skills import skill_matrix

    context.bind_journal()
    matrix = skill_matrix()
    context.notes.append(
        f"skills matrix: {len(matrix.rows)} managers × {len(matrix.skills)} skills."
    )
    return time_calls(lambda _: skill_matrix(), context.repeats)


def skills_shown(context: Context) -> list[float]:
    """The Skills tab of the Team Picture screen as the app shows it: brought up as Ctrl+4
    does, then ``refresh()`` (what the tab does when shown after a change) until its table has
    painted again: the query, the model, the filter's teams and regions, the footer and the
    largest gaps, and the paint."""
    shown = context.window()
    window = shown.window
    if not hasattr(window, "show_team_picture"):
        raise Skip("the main window has no Team Picture screen (window.show_team_picture)")
    window.show_team_picture()
    tab = window.team_page.skills
    paints = count_paints(tab.table.viewport())
    process_events_until(lambda: paints.paints > 0)

    def once(_: int) -> None:
        painted = paints.paints
        tab.refresh()
        process_events_until(lambda: paints.paints > painted)

    return time_calls(once, context.repeats, warm_up=5)


#: Samples per chart row, at most: a whole-team chart takes a fifth of a second, and 200 of
#: them (and as many of the baseline) would add a minute and a half for no better a median.
CHART_REPEATS = 50
#: Weekly bars, as the app and ``coachjournal chart`` draw the frequency chart by default.
CHART_PERIOD = "week"

#: The days a chart row covers, worked out from the journal.
Span = Callable[["Context"], tuple[dt.date, dt.date]]


def touchpoint_span(context: Context) -> tuple[dt.date, dt.date]:
    """The first and the last day with a touchpoint (not in the trash): the whole journal.

    Taken from the journal rather than from today, so that a cached journal generated some
    days ago covers the same weeks.
    """
    context.bind_journal()
    first, last = database.execute_sql(
        "SELECT min(occurred_at), max(occurred_at) FROM touchpoint WHERE deleted_at IS NULL"
    ).fetchone()
    if first is None:
        raise BenchmarkError(f"{context.journal.path.name} has no touchpoints to chart")
    return dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])


def last_twelve_months(context: Context) -> tuple[dt.date, dt.date]:
    """The twelve calendar months up to the last touchpoint, the current one included: the
    range the app and ``coachjournal chart`` show by default, ending at the journal's last day
    instead of today for the reason :func:`touchpoint_span` gives."""
    first, last = touchpoint_span(context)
    months = last.year * 12 + last.month - 1 - 11
    return max(first, dt.date(months // 12, months % 12 + 1, 1)), last


def frequency_chart(span: Span, what: str) -> Measure:
    """A row that counts the touchpoints per week (``stats.frequency``) over ``span`` and draws
    them (``charts.draw_frequency`` on a new Agg figure, then ``canvas.draw()``), as a chart
    that is shown or saved does; the closing notes split the median between the two."""

    def measure(context: Context) -> list[float]:
        from coachjournal.coaching import stats
        from coachjournal.render import charts

        start, end = span(context)
        counting: list[float] = []
        drawing: list[float] = []

        def once(_: int) -> None:
            started = time.perf_counter()
            series = stats.frequency(CHART_PERIOD, start, end)
            counted = time.perf_counter()
            figure = charts.new_figure(charts.figure_size(series))
            charts.draw_frequency(figure, series)
            figure.canvas.draw()
            counting.append(counted - started)
            drawing.append(time.perf_counter() - counted)

        repeats = min(context.repeats, CHART_REPEATS)
        samples = time_calls(once, repeats, warm_up=2)
        bars = len(stats.frequency(CHART_PERIOD, start, end).periods)
        context.notes.append(
            f"frequency chart, {what}: {bars} weekly bars, {start} to {end}; of the median, "
            f"{median(counting[-repeats:]) * 1000:.0f} ms counting (stats.frequency) and "
            f"{median(drawing[-repeats:]) * 1000:.0f} ms drawing (charts.draw_frequency + "
            "canvas.draw)."
        )
        return samples

    return measure


def plain_frequency_chart(span: Span) -> Measure:
    """The floor for drawing the same chart: the series counted once, outside the timing, then
    drawn with bare matplotlib (a Figure on an Agg canvas, one ``ax.bar`` per kind stacked with
    ``bottom=``, no styling, no legend, no ticks of our own) and ``canvas.draw()``. Kinds with
    no touchpoints are left out, as ``draw_frequency`` leaves them out."""

    def measure(context: Context) -> list[float]:
        import numpy as np
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from coachjournal.coaching import stats
        from coachjournal.render import charts

        series = stats.frequency(CHART_PERIOD, *span(context))
        size = charts.figure_size(series)
        positions = np.arange(len(series.periods))
        stacks = [np.asarray(v, dtype=float) for v in series.counts.values() if any(v)]

        def once(_: int) -> None:
            figure = Figure(figsize=size)
            canvas = FigureCanvasAgg(figure)
            axes = figure.add_subplot()
            bottom = np.zeros(len(positions))
            for values in stacks:
                axes.bar(positions, values, bottom=bottom)
                bottom = bottom + values
            canvas.draw()

        return time_calls(once, min(context.repeats, CHART_REPEATS), warm_up=2)

    return measure


def export_json(context: Context) -> list[float]:
    return [run.seconds for run in context.exchange().exports]


def import_json(context: Context) -> list[float]:
    return [run.seconds for run in context.exchange().imports]


def import_memory(context: Context) -> list[float]:
    return [run.peak_mb for run in context.exchange().imports]


def exchange_file(context: Context) -> str:
    return f"{context.exchange().size_mb:.0f} MB file"


def generation(context: Context) -> list[float]:
    """Only a journal the harness had to generate has a generation time."""
    if context.journal.generated_in is not None:
        return [context.journal.generated_in]
    if context.journal.origin == "cached":
        raise Skip("the journal was in benchmarks/.cache; --fresh generates and times it")
    raise Skip("the journal was given with --db")


# --- Sync through a folder -------------------------------------------------------------------

SYNC_PASSPHRASE = "benchmark sync passphrase"
#: One day of use: touchpoints logged with notes and action items, notes edited.
DAY_TOUCHPOINTS = 6
DAY_EDITS = 4


class _SyncPair:
    """A copy of the journal that set sync up (the laptop), and one that joined it from the
    folder (the desktop): made once for the sync rows."""

    def __init__(self, context: Context) -> None:
        from coachjournal.sync import service

        self.folder = context.home / "sync-cloud"
        self.folder.mkdir(parents=True)
        (context.home / "sync-laptop").mkdir(parents=True)
        self.laptop = copy_journal(context.journal.path, context.home / "sync-laptop")
        self.desktop = context.home / "sync-desktop" / "desktop.db"
        self.desktop.parent.mkdir(parents=True)
        database = db.open_journal(self.laptop, create=False)
        try:
            started = time.perf_counter()
            service.set_up(database, self.folder, SYNC_PASSPHRASE)
            self.set_up_s = time.perf_counter() - started
        finally:
            db.close_journal()
        root = self.folder / "CoachJournal Sync"
        self.snapshot_mb = sum(p.stat().st_size for p in root.rglob("*.cjs")) / 1e6
        started = time.perf_counter()
        service.join(self.folder, SYNC_PASSPHRASE, self.desktop)
        self.join_s = time.perf_counter() - started
        self.sends: list[float] = []


_sync_pairs: dict[int, _SyncPair] = {}


def sync_pair(context: Context) -> _SyncPair:
    if id(context) not in _sync_pairs:
        _sync_pairs[id(context)] = _SyncPair(context)
    return _sync_pairs[id(context)]


def sync_join(context: Context) -> list[float]:
    return [sync_pair(context).join_s]


def sync_join_described(context: Context) -> str:
    pair = sync_pair(context)
    return (
        f"snapshot {pair.snapshot_mb:.0f} MB encrypted, written by set-up in {pair.set_up_s:.0f} s"
    )


def _one_day(day: int) -> None:
    """A day of use on the open journal: touchpoints with notes and an action item, and notes
    edited on managers."""
    from coachjournal.coaching import touchpoints
    from coachjournal.coaching.touchpoints import NewActionItem
    from coachjournal.kinds import Owner, TouchpointKind

    managers = roster.list_managers()
    for number in range(DAY_TOUCHPOINTS):
        manager = managers[(day * DAY_TOUCHPOINTS + number) % len(managers)]
        touchpoints.log_touchpoint(
            manager.id,
            dt.datetime(2027, 1, 1, 9) + dt.timedelta(days=day, hours=number),
            TouchpointKind.ONE_ON_ONE,
            [NewActionItem(f"Follow up {day}-{number}", Owner.ME)],
            summary=f"Day {day}, meeting {number}",
            notes="What we talked about, what they will try next week. " * 8,
        )
    for number in range(DAY_EDITS):
        manager = managers[(day * 7 + number) % len(managers)]
        roster.update_manager(manager.id, notes=f"Notes as of day {day}: " + "details " * 30)


def sync_round(context: Context) -> list[float]:
    """The round on the other computer that receives a day of changes and applies them (the
    sending round is timed too and described)."""
    from coachjournal.sync import service

    pair = sync_pair(context)
    samples = []
    for day in range(3 if context.repeats < 200 else 7):
        database = db.open_journal(pair.laptop, create=False)
        try:
            _one_day(day)
            started = time.perf_counter()
            service.run_round(database)
            pair.sends.append(time.perf_counter() - started)
        finally:
            db.close_journal()
        database = db.open_journal(pair.desktop, create=False)
        try:
            started = time.perf_counter()
            report = service.run_round(database)
            samples.append(time.perf_counter() - started)
        finally:
            db.close_journal()
        if report.received != 1:
            raise BenchmarkError(f"the desktop received {report.received} files, not 1")
    return samples


def sync_round_described(context: Context) -> str:
    sends = sync_pair(context).sends
    return (
        f"{DAY_TOUCHPOINTS} touchpoints and {DAY_EDITS} notes a day; the sending round "
        f"{median(sends) * 1000:.0f} ms"
    )


def sync_folder_year(context: Context) -> list[float]:
    """A year of daily use on two computers of a small team: each day both log and edit, and
    each syncs once; the sync folder's size at the end (MB)."""
    from coachjournal import sample
    from coachjournal.sync import service

    if context.journal.path.name.startswith("quick-"):
        raise Skip("a year of rounds takes minutes: not in --quick")
    work = context.home / "sync-year"
    cloud = work / "cloud"
    cloud.mkdir(parents=True)
    laptop, desktop = work / "laptop.db", work / "desktop.db"
    sample.create_sample_journal(laptop, managers=8, years=1)
    database = db.open_journal(laptop, create=False)
    try:
        service.set_up(database, cloud, SYNC_PASSPHRASE)
    finally:
        db.close_journal()
    service.join(cloud, SYNC_PASSPHRASE, desktop)
    root = cloud / "CoachJournal Sync"
    for day in range(365):
        for path in (laptop, desktop):
            database = db.open_journal(path, create=False)
            try:
                _one_day(day)
                service.run_round(database)
            finally:
                db.close_journal()
    return [sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 2**20]


def sync_folder_year_described(context: Context) -> str:
    root = context.home / "sync-year" / "cloud" / "CoachJournal Sync"
    counts = {sub: len(list((root / sub).iterdir())) for sub in ("changes", "snapshots")}
    return (
        f"8 managers, {DAY_TOUCHPOINTS} touchpoints and {DAY_EDITS} notes a day on each; "
        f"{counts['changes']} change files and {counts['snapshots']} snapshots left"
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "start-up to first paint",
        "s",
        startup_app,
        Target(max_ratio=2, inclusive=True),
        baseline=startup_bare,
        baseline_name="a bare PySide6 QMainWindow (benchmarks/bare_window.py), same clock",
        details=slowest_imports,
    ),
    Benchmark(
        "start-up to first paint, processor time",
        "s",
        startup_app_cpu,
        Target(max_ratio=2, inclusive=True),
        baseline=startup_bare_cpu,
        baseline_name="the bare window's processor time (the same starts; it varies less than "
        "the clock on a machine busy with other work)",
    ),
    Benchmark(
        "start-up, encrypted journal",
        "s",
        startup_encrypted,
        Target(max_ratio=2, inclusive=True),
        baseline=startup_bare,
        baseline_name="the bare window's start-up",
        describe=key_derivation,
    ),
    Benchmark(
        "start-up, PyInstaller bundle",
        "s",
        startup_bundle,
        Target(max_ratio=2, inclusive=True),
        baseline=startup_bare,
        baseline_name="the bare window's start-up (Python from the virtualenv)",
    ),
    *[
        Benchmark(f"first visit: {screen}", "s", first_visit(screen), Target(limit=0.5))
        for screen in FIRST_VISITS
    ],
    Benchmark(
        "event-loop stall while the app finishes starting",
        "ms",
        idle_stall,
        Target(limit=100, figure="max"),
    ),
    Benchmark("open a manager", "ms", open_manager, Target(limit=50), describe=what_opens),
    Benchmark(
        "open a manager, core (profile + timeline + prep data)",
        "ms",
        open_manager_core,
        Target(limit=50),
    ),
    Benchmark(
        "full-text search (core, 10 queries)",
        "ms",
        search_core,
        Target(limit=30, max_ratio=3),
        baseline=search_raw,
        baseline_name="the same FTS5 statements replayed through the sqlite3 module",
    ),
    Benchmark(
        "search: exact count + first page (12 queries)",
        "ms",
        search_count_and_page,
        Target(limit=30),
    ),
    Benchmark("search: next page (keyset)", "ms", search_next_page, Target(limit=30)),
    Benchmark(
        f"search: filtered count + first page ({len(FILTERED_QUERIES)} queries)",
        "ms",
        search_filtered,
        Target(limit=30),
    ),
    Benchmark("team dashboard (core)", "ms", dashboard_core, Target(limit=100)),
    Benchmark("team dashboard (as shown)", "ms", dashboard_shown, Target(limit=100)),
    Benchmark("talent review board (core)", "ms", talent_board, Target(limit=100)),
    Benchmark("skills matrix (core)", "ms", skills_core, Target(limit=50)),
    Benchmark("skills matrix (as shown)", "ms", skills_shown, Target(limit=100)),
    Benchmark(
        "frequency chart, whole team (data + draw)",
        "ms",
        frequency_chart(touchpoint_span, "whole team"),
        Target(limit=300),
        baseline=plain_frequency_chart(touchpoint_span),
        baseline_name="plain matplotlib drawing the same pre-computed series",
    ),
    Benchmark(
        "frequency chart, last 12 months (data + draw)",
        "ms",
        frequency_chart(last_twelve_months, "last 12 months"),
        Target(limit=300),
        baseline=plain_frequency_chart(last_twelve_months),
        baseline_name="plain matplotlib drawing the same pre-computed series",
    ),
    Benchmark(
        "core: roster.get_manager",
        "ms",
        get_manager_core,
        baseline=get_manager_raw,
        baseline_name="the same row fetched with the sqlite3 module",
    ),
    Benchmark(
        "core: roster.list_managers",
        "ms",
        list_managers_core,
        baseline=list_managers_raw,
        baseline_name="the same rows fetched with the sqlite3 module",
    ),
    Benchmark(
        "peak memory, journal open (RSS)",
        "MB",
        memory_app,
        Target(limit=300, figure="max"),
        baseline=memory_bare,
        baseline_name="the bare window's peak",
    ),
    Benchmark(
        "JSON export, whole journal",
        "s",
        export_json,
        Target(limit=10),
        describe=exchange_file,
    ),
    Benchmark("JSON import into a new journal", "s", import_json, Target(limit=10)),
    Benchmark("peak memory, JSON import (RSS)", "MB", import_memory),
    Benchmark("generate the journal (demo)", "s", generation, Target(limit=60, figure="median")),
    Benchmark(
        "sync: a round with one day's changes",
        "ms",
        sync_round,
        Target(limit=1000),
        describe=sync_round_described,
    ),
    Benchmark(
        "sync: join from a snapshot of the 200×10 journal",
        "s",
        sync_join,
        Target(limit=60),
        describe=sync_join_described,
    ),
    Benchmark(
        "sync: folder size after a year of daily use on two computers",
        "MB",
        sync_folder_year,
        describe=sync_folder_year_described,
    ),
]

PLANNED: list[Planned] = []
