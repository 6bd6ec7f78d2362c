"""The benchmark harness: statistics and targets, the registry's types, the context the rows
share (the journal, isolated folders, an open main window, program starts), the report and the
command line. The rows themselves live in :mod:`rows`; ``run.py`` runs them.

Statistics: the median, and the p95 from ``statistics.quantiles(method="inclusive")``. The
start-up figures come from ``/proc`` and move in steps of 10 ms.

Isolation: the harness points ``HOME`` and the ``XDG_*`` folders at a temporary directory, for
itself and for every program it starts, and runs Qt offscreen, so neither the user's journal
nor their window settings are read or written. A journal given with ``--db`` is copied first
and the benchmarks run on the copy.

Without ``--db`` the large journal (200 managers, 10 years, seed 2026) is generated once into
``benchmarks/.cache/`` and reused; it is generated again when the app's schema has moved on
(opening it would otherwise upgrade it, and the first start-up would measure the upgrade) or
when ``--fresh`` asks for it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coachjournal.storage import db, migrations  # noqa: E402 (needs ROOT on the path)
from coachjournal.storage.models import database  # noqa: E402

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CACHE = ROOT / "benchmarks" / ".cache"
BARE_WINDOW = ROOT / "benchmarks" / "bare_window.py"
FIRST_VISIT = ROOT / "benchmarks" / "first_visit.py"
#: The passphrase of the benchmark's encrypted copy of the journal.
PASSPHRASE = "benchmark passphrase, not a secret"
SEED = 2026
#: (managers, years) of the large journal, and of the small one ``--quick`` uses.
BIG_SIZE = (200, 10)
QUICK_SIZE = (20, 1)
#: How long one program start (or the generator) may take before the run is called failed.
SUBPROCESS_TIMEOUT_S = 600

Unit = Literal["s", "ms", "MB"]
#: Samples are seconds for the time units and MiB for "MB"; this scales them for display.
_SCALE: dict[str, float] = {"s": 1.0, "ms": 1000.0, "MB": 1.0}


class BenchmarkError(Exception):
    """Something failed to run (not: something was slow). Its message is one line."""


class Skip(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a measure that has nothing honest to report this time; the message says why."""


# --- Statistics and targets -------------------------------------------------------------------


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """95th percentile, interpolated between the samples (one sample is its own p95)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


@dataclasses.dataclass(frozen=True, slots=True)
class Target:
    """A requirement: an upper limit on a figure, a limit on the ratio to the baseline, or both.

    ``limit`` is in the row's unit and applies to ``figure`` (the median, the p95 or the worst
    run); ``max_ratio`` bounds median / baseline median. ``inclusive`` tells "at most" (≤) from
    "under" (<).
    """

    limit: float | None = None
    figure: Literal["median", "p95", "max"] = "p95"
    max_ratio: float | None = None
    inclusive: bool = False

    def describe(self, unit: Unit) -> str:
        sign = "≤" if self.inclusive else "<"
        parts = []
        if self.limit is not None:
            figure = "" if self.figure == "median" else f"{self.figure} "
            parts.append(f"{figure}{sign} {self.limit:g} {unit}")
        if self.max_ratio is not None:
            parts.append(f"{sign} {self.max_ratio:g}× baseline")
        return ", ".join(parts) or "—"

    def met(self, result: Result) -> bool | None:
        """Whether the result meets every part of the target (None when there is no target)."""
        if self.limit is None and self.max_ratio is None:
            return None
        checks: list[tuple[float, float]] = []
        if self.limit is not None:
            value = {"median": result.median, "p95": result.p95, "max": max(result.samples)}[
                self.figure
            ]
            checks.append((value * _SCALE[result.unit], self.limit))
        if self.max_ratio is not None:
            if result.ratio is None:
                return False
            checks.append((result.ratio, self.max_ratio))
        if self.inclusive:
            return all(value <= bound for value, bound in checks)
        return all(value < bound for value, bound in checks)


NO_TARGET = Target()


# --- The registry -----------------------------------------------------------------------------

Measure = Callable[["Context"], list[float]]


@dataclasses.dataclass(frozen=True, slots=True)
class Benchmark:
    """One row of the table: what is measured, against what floor, and what it should meet.

    ``measure`` and ``baseline`` return one sample per run: seconds for "s" and "ms", MiB for
    "MB". ``baseline_name`` says, in the closing notes, what the baseline is.
    """

    name: str
    unit: Unit
    measure: Measure
    target: Target = NO_TARGET
    baseline: Measure | None = None
    baseline_name: str = ""
    describe: Callable[[Context], str] | None = None
    """What the row covered this time, shown after its name (called after ``measure``)."""
    details: Callable[[Context], list[str]] | None = None
    """Lines printed under the row (called after ``measure``): where its time went."""

    def label(self, context: Context) -> str:
        return f"{self.name} ({self.describe(context)})" if self.describe else self.name


@dataclasses.dataclass(frozen=True, slots=True)
class Planned:
    """A row the requirements ask for whose feature is not built yet: named, never measured.

    ``module`` is where the feature's core is expected; once it exists, the closing notes say
    that the row is due instead of "not built yet".
    """

    feature: str
    module: str
    target: str


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    name: str
    unit: Unit
    samples: list[float]
    baseline: list[float] | None
    target: Target
    baseline_name: str = ""
    details: tuple[str, ...] = ()

    @property
    def median(self) -> float:
        return median(self.samples)

    @property
    def p95(self) -> float:
        return p95(self.samples)

    @property
    def baseline_median(self) -> float | None:
        return median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        base = self.baseline_median
        return self.median / base if base else None

    @property
    def verdict(self) -> str:
        met = self.target.met(self)
        return "" if met is None else "✓" if met else "✗"


# --- The context the rows share ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Start:
    """One program start: seconds from process start to the first paint, and peak memory;
    the processor time used by then (where the program says), and the seconds the program
    spent opening an encrypted journal (the key's derivation; 0 for a plain one)."""

    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0
    unlock_seconds: float = 0.0


@dataclasses.dataclass(frozen=True, slots=True)
class Visit:
    """A screen's first visit in a fresh app (``first_visit.py``): seconds from the key press
    to the paint, the processor time of it, and the longest event-loop stall in the idle
    second before it (while the window finished starting)."""

    seconds: float
    cpu_seconds: float
    stall: float


@dataclasses.dataclass(frozen=True, slots=True)
class JournalInfo:
    path: Path
    size_mb: float
    managers: int
    touchpoints: int
    generated_in: float | None
    """Seconds the harness spent generating it this run (None when it was not generated)."""
    origin: str


@dataclasses.dataclass(slots=True)
class Context:
    """What the benchmarks share: the journal, the isolated folders, repetition counts, and
    things that are costly to make (the start-up runs, an open main window), made once."""

    journal: JournalInfo
    home: Path
    env: dict[str, str]
    starts: int
    """Program starts per start-up row (each of the app and the bare window)."""
    repeats: int
    """Repetitions of an in-process measurement."""
    notes: list[str] = dataclasses.field(default_factory=list)
    """Findings the rows want printed under the table."""
    bundle: Path | None = None
    """A PyInstaller build's executable to start as well (``--bundle``)."""
    _app_starts: list[Start] | None = None
    _bare_starts: list[Start] | None = None
    _encrypted_starts: list[Start] | None = None
    _bundle_starts: list[Start] | None = None
    _imports: list[Any] | None = None
    _visits: dict[str, list[Visit]] = dataclasses.field(default_factory=dict)
    _qt: OpenWindow | None = None
    _exchange: Exchange | None = None

    # Start-up: the app and the bare window, interleaved so drift affects both alike.
    def app_starts(self) -> list[Start]:
        self._run_starts()
        assert self._app_starts is not None
        return self._app_starts

    def bare_starts(self) -> list[Start]:
        self._run_starts()
        assert self._bare_starts is not None
        return self._bare_starts

    def _run_starts(self) -> None:
        if self._app_starts is not None:
            return
        app = [sys.executable, "-m", "coachjournal", "--smoke-test", "--db", str(self.journal.path)]
        bare = [sys.executable, str(BARE_WINDOW)]
        # One untimed start of each first: it fills the page cache and the settings file, as
        # any start after the first would find them.
        start_once(app, self.env)
        start_once(bare, self.env)
        app_starts, bare_starts = [], []
        for _ in range(self.starts):
            app_starts.append(start_once(app, self.env))
            bare_starts.append(start_once(bare, self.env))
        self._app_starts, self._bare_starts = app_starts, bare_starts

    def imports(self) -> list[Any]:
        """The imports of one start of the app made before its first paint (an untimed start
        under ``python -X importtime``), as :class:`ui.first_paint.Import`."""
        if self._imports is None:
            from ui.first_paint import imports_before_first_paint

            command = [sys.executable, "-X", "importtime", "-m", "coachjournal", "--smoke-test"]
            done = subprocess.run(
                [*command, "--db", str(self.journal.path)],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=SUBPROCESS_TIMEOUT_S,
                check=False,
            )
            if done.returncode != 0:
                raise BenchmarkError(f"the start under -X importtime exited {done.returncode}")
            self._imports = imports_before_first_paint(done.stderr)
        return self._imports

    def encrypted_starts(self) -> list[Start]:
        """Starts of the app on an encrypted copy of the journal (the passphrase given in the
        environment, as typed into the unlock dialog), in turns with as many bare windows."""
        if self._encrypted_starts is None:
            copy = encrypted_copy(self)
            env = dict(self.env, COACHJOURNAL_PASSPHRASE=PASSPHRASE)
            app = [sys.executable, "-m", "coachjournal", "--smoke-test", "--db", str(copy)]
            start_once(app, env)
            self._encrypted_starts = [start_once(app, env) for _ in range(self.starts)]
        return self._encrypted_starts

    def bundle_starts(self) -> list[Start]:
        """Starts of the PyInstaller bundle given with ``--bundle``, after one untimed one."""
        if self.bundle is None:
            raise Skip("no --bundle given (pyinstaller build.spec, then --bundle dist/...)")
        if self._bundle_starts is None:
            command = [str(self.bundle), "--smoke-test", "--db", str(self.journal.path)]
            start_once(command, self.env)
            self._bundle_starts = [start_once(command, self.env) for _ in range(self.starts)]
        return self._bundle_starts

    def visits(self, screen: str) -> list[Visit]:
        """First visits of ``screen``, each in a new app (``first_visit.py``)."""
        if screen not in self._visits:
            command = [sys.executable, str(FIRST_VISIT), "--db", str(self.journal.path), screen]
            runs = 1 if self.starts < 10 else 3
            self._visits[screen] = [visit_once(command, self.env) for _ in range(runs)]
        return self._visits[screen]

    def exchange(self) -> Exchange:
        """The JSON export and import runs (made once, for the three rows that report them)."""
        if self._exchange is None:
            self._exchange = run_exchange(self)
        return self._exchange

    def bind_journal(self) -> None:
        """Open the journal in this process for core-only rows (the main window does too)."""
        if database.obj is None:
            db.open_journal(self.journal.path, create=False)

    def window(self) -> OpenWindow:
        """The real main window on the journal, offscreen, shown and painted once."""
        if self._qt is None:
            self._qt = OpenWindow.open(self.journal.path, self.home)
        return self._qt

    def close(self) -> None:
        if self._qt is not None:
            self._qt.close()
        db.close_journal()


# --- Running programs -------------------------------------------------------------------------

_FIRST_PAINT = re.compile(
    r"first paint ([0-9.]+) s after start(?: \(([0-9.]+) s of CPU\))?.*\bpeak memory ([0-9.]+) MB"
)
_UNLOCKED = re.compile(r"encrypted journal opened in ([0-9.]+) s")
_VISIT = re.compile(
    r"first visit .*: ([0-9.]+) s \(([0-9.]+) s of CPU\); longest event-loop stall "
    r"while idle ([0-9.]+) s"
)


def run_program(command: list[str], env: dict[str, str]) -> str:
    """Run a program to its end; return its output, or raise BenchmarkError in one line."""
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchmarkError(f"{_shown(command)} took more than {SUBPROCESS_TIMEOUT_S} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
        logged = last_logged_line()
        reason = f"{last} (the log's last line: {logged})" if logged else last
        raise BenchmarkError(f"{_shown(command)} exited {done.returncode}: {reason}")
    return done.stdout


#: Runs ``coachjournal`` with the arguments after ``-c``, then prints its peak memory. The
#: high-water mark is read from ``/proc/self/status`` (VmHWM, this program's own since its
#: exec): ``ru_maxrss`` keeps the larger one of the harness that started it, which by then
#: holds Qt and matplotlib (it said 225 MB for an import that peaks at 48 MB).
MEASURED_CLI = """
import re, sys
from coachjournal.__main__ import main
code = main(sys.argv[1:])
status = open("/proc/self/status", encoding="ascii").read()
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1]) / 1024
print(f"peak memory {peak:.1f} MB")
sys.exit(code)
"""
_PEAK = re.compile(r"^peak memory ([0-9.]+) MB$", re.M)


def run_measured(arguments: list[str], env: dict[str, str]) -> Start:
    """Run ``coachjournal`` with ``arguments`` to its end: its wall-clock seconds (the
    program's start included, as a user waits for it) and its own peak memory (MiB)."""
    if not Path("/proc/self/status").is_file():
        raise Skip("this platform has no /proc to read a program's peak memory from")
    started = time.perf_counter()
    output = run_program([sys.executable, "-c", MEASURED_CLI, *arguments], env)
    seconds = time.perf_counter() - started
    found = _PEAK.search(output)
    if found is None:
        raise BenchmarkError(f"coachjournal {arguments[0]} printed no peak memory: {output!r}")
    return Start(seconds=seconds, peak_mb=float(found[1]))


def last_logged_line() -> str:
    """The last line of the app's log in the isolated home: it names the failure, and the
    folder is deleted when the harness ends."""
    from coachjournal.logs import LOG_NAME
    from coachjournal.paths import log_dir

    try:
        lines = (log_dir() / LOG_NAME).read_text(encoding="utf-8").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def start_once(command: list[str], env: dict[str, str]) -> Start:
    """Start a program that reports its first paint and peak memory; parse what it prints."""
    output = run_program(command, env)
    found = _FIRST_PAINT.search(output)
    if found is None:
        raise BenchmarkError(f"{_shown(command)} printed no first-paint line: {output.strip()!r}")
    unlocked = _UNLOCKED.search(output)
    return Start(
        seconds=float(found[1]),
        peak_mb=float(found[3]),
        cpu_seconds=float(found[2] or 0),
        unlock_seconds=float(unlocked[1]) if unlocked else 0.0,
    )


def visit_once(command: list[str], env: dict[str, str]) -> Visit:
    output = run_program(command, env)
    found = _VISIT.search(output)
    if found is None:
        raise BenchmarkError(f"{_shown(command)} printed no first-visit line: {output.strip()!r}")
    return Visit(float(found[1]), float(found[2]), float(found[3]))


def _shown(command: list[str]) -> str:
    """A command as a person would type it (the interpreter as 'python', paths shortened)."""
    words = ["python" if word == sys.executable else word for word in command]
    if MEASURED_CLI in words:  # python -c MEASURED_CLI ... runs coachjournal
        at = words.index(MEASURED_CLI)
        words[at - 1 : at + 1] = ["-m", "coachjournal"]
    return " ".join(os.path.relpath(w, ROOT) if w.startswith(str(ROOT)) else w for w in words)


def isolated_environment(home: Path) -> dict[str, str]:
    """Point every user folder at ``home`` and Qt offscreen, in this process and for children.

    Set before the first QApplication or settings lookup, so nothing real is read or written.
    """
    folders = {
        "HOME": "home",
        "XDG_DATA_HOME": "data",
        "XDG_CONFIG_HOME": "config",
        "XDG_STATE_HOME": "state",
        "XDG_CACHE_HOME": "cache",
        "XDG_RUNTIME_DIR": "runtime",
    }
    for variable, folder in folders.items():
        (home / folder).mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[variable] = str(home / folder)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("COACHJOURNAL_DB", None)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # An installed app starts from compiled bytecode. Where PYTHONDONTWRITEBYTECODE is set (as
    # on some CI machines), every start would compile the app's sources again (~35 ms here):
    # the programs keep their bytecode in the scratch folder instead, filled by the warm-up.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


# --- The journal ------------------------------------------------------------------------------


def generate(path: Path, size: tuple[int, int], env: dict[str, str]) -> float:
    """Write a sample journal with ``coachjournal demo``; return the seconds it took."""
    managers, years = size
    command = [sys.executable, "-m", "coachjournal", "demo", "--db", str(path)]
    command += ["--managers", str(managers), "--years", str(years), "--seed", str(SEED)]
    command.append("--force")
    started = time.perf_counter()
    run_program(command, env)
    return time.perf_counter() - started


def schema_of(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def cached_big_journal(env: dict[str, str], fresh: bool) -> tuple[Path, float | None, str]:
    """The large journal in the cache, generated if missing, outdated or ``fresh`` is asked."""
    managers, years = BIG_SIZE
    path = CACHE / f"big-{managers}x{years}.db"
    if not fresh and db.is_journal(path) and schema_of(path) == migrations.LATEST:
        return path, None, "cached"
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"{path.stem}*"):
        stale.unlink()
    seconds = generate(path, BIG_SIZE, env)
    return path, seconds, "generated now"


def encrypted_copy(context: Context) -> Path:
    """The journal encrypted with :data:`PASSPHRASE`: kept beside the cached large journal
    (encrypting 445 MB takes a while), made in the scratch folder for any other."""
    from coachjournal.safety import encryption

    source = context.journal.path
    cached = source.parent == CACHE
    target = (CACHE if cached else context.home.parent) / f"{source.stem}-encrypted.db"
    if cached and db.is_encrypted(target) and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    # An outdated copy is encrypted: SQLite cannot back up into it ("file is not a database").
    for stale in target.parent.glob(f"{target.name}*"):
        stale.unlink()
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader,
        contextlib.closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)
    encryption.encrypt_journal(target, PASSPHRASE)
    return target


def copy_journal(source: Path, folder: Path) -> Path:
    """Copy a journal (its WAL included) through SQLite, then bring the copy to this schema, so
    the user's file is never opened by the benchmarks and no run measures an upgrade."""
    source = source.expanduser()
    if not source.is_file():
        raise BenchmarkError(f"there is no journal at {source}")
    if not db.is_journal(source):
        raise BenchmarkError(f"{source} is not a CoachJournal journal")
    target = folder / source.name
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader,
        contextlib.closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)
    db.open_journal(target, create=False)
    db.close_journal()
    return target


def describe_journal(path: Path, generated_in: float | None, origin: str) -> JournalInfo:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        managers = connection.execute("SELECT count(*) FROM manager").fetchone()[0]
        touchpoints = connection.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
    size = sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())
    return JournalInfo(path, size / 2**20, managers, touchpoints, generated_in, origin)


def active_manager_ids(path: Path) -> list[int]:
    """Ids of the managers on the roster, shuffled the same way every run."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM manager WHERE NOT archived")]
    if len(ids) < 2:
        raise BenchmarkError(f"{path.name} needs at least two managers on the roster")
    random.Random(SEED).shuffle(ids)
    return ids


# --- Qt, in this process ----------------------------------------------------------------------


def process_events_until(done: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Let Qt handle its events (layout, paint) until ``done()``; a hang is a failure."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout_s
    QApplication.processEvents()
    while not done():
        if time.perf_counter() > deadline:
            raise BenchmarkError(f"Qt did not finish within {timeout_s:g} s")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def count_paints(widget: Any) -> Any:
    """An event filter on ``widget`` whose ``paints`` counts its paint events: a change has
    reached the screen once the widget that shows it has painted again."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    counter = PaintCounter(widget)
    widget.installEventFilter(counter)
    return counter


def manager_view(window: MainWindow) -> Any:
    """The widget of the main window that shows the selected manager: its ``manager_page``
    (header and tabs), or the ``editor`` of the first version (the profile alone). Both have
    ``manager_id`` and a ``name_label``."""
    for name in ("manager_page", "editor"):
        view = getattr(window, name, None)
        if view is not None:
            return view
    raise BenchmarkError("the main window has no manager page (manager_page or editor)")


@dataclasses.dataclass(slots=True)
class OpenWindow:
    """The app's main window, shown offscreen in this process, and what the rows watch."""

    app: Any
    """The QApplication, kept here: were it collected, Qt would destroy it."""
    window: MainWindow
    view: Any
    paints: Any

    @classmethod
    def open(cls, journal: Path, home: Path) -> OpenWindow:
        from PySide6.QtCore import QSettings

        from ui.app import create_application
        from ui.main_window import MainWindow
        from ui.session import JournalSession

        app = create_application()
        settings = QSettings(str(home / "benchmark-settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(JournalSession(journal), settings)
        view = manager_view(window)
        paints = count_paints(view.name_label)
        # The page it opens on: the manager's, or the team dashboard (the home screen since
        # the dashboard landed), where the manager page's label is not painted until a click.
        first = count_paints(window.pages.currentWidget())
        window.show()
        process_events_until(lambda: first.paints > 0)
        return cls(app, window, view, paints)

    def close(self) -> None:
        self.window.close()
        self.window.session.close()


# --- JSON export and import, shared by three rows ------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Exchange:
    """Runs of ``coachjournal export --format json`` and ``coachjournal import`` (into a new
    journal each time), in turns."""

    exports: list[Start]
    imports: list[Start]
    size_mb: float


def run_exchange(context: Context) -> Exchange:
    """Export the whole journal to JSON and import the file into a new journal, ``runs`` times
    each, as the commands a user would type (so each figure holds the program's start too, about
    0.3 s). The journal is exported from a copy, so its file is never written."""
    work = context.home.parent / "exchange"
    work.mkdir(exist_ok=True)
    runs = 2 if context.starts < 10 else 5
    source = work / "journal.db"
    shutil.copyfile(context.journal.path, source)
    exported = work / "export.json"
    exports, imports = [], []
    for run in range(runs):
        export = ["export", "--db", str(source), "--format", "json", "--out", str(exported)]
        exports.append(run_measured([*export, "--force"], context.env))
        target = work / f"restored-{run}.db"
        imports.append(run_measured(["import", "--db", str(target), str(exported)], context.env))
        for leftover in work.glob(f"{target.name}*"):
            leftover.unlink()
    size = exported.stat().st_size / 2**20
    return Exchange(exports, imports, size)


def run_benchmarks(
    context: Context, benchmarks: Sequence[Benchmark]
) -> tuple[list[Result], list[str]]:
    """Run every registered row; return the results and why any row had nothing to report."""
    results, skipped = [], []
    for benchmark in benchmarks:
        try:
            samples = benchmark.measure(context)
            baseline = benchmark.baseline(context) if benchmark.baseline else None
        except Skip as reason:
            skipped.append(f"{benchmark.name} ({reason})")
            continue
        except BenchmarkError as error:
            raise BenchmarkError(f"{benchmark.name}: {error}") from error
        results.append(
            Result(
                benchmark.label(context),
                benchmark.unit,
                samples,
                baseline,
                benchmark.target,
                benchmark.baseline_name,
                tuple(benchmark.details(context)) if benchmark.details else (),
            )
        )
    return results, skipped


# --- The report -------------------------------------------------------------------------------

HEADER = ("benchmark", "runs", "median", "p95", "baseline", "ratio", "target", "verdict")


def format_value(value: float | None, unit: Unit) -> str:
    if value is None:
        return "—"
    shown = value * _SCALE[unit]
    if unit == "MB":
        return f"{shown:.0f} MB"
    if unit == "ms":
        return f"{shown:.{3 if shown < 1 else 2 if shown < 10 else 1}f} ms"
    return f"{shown:.3f} s" if shown < 10 else f"{shown:.1f} s"


def table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    return [
        (
            result.name,
            str(len(result.samples)),
            format_value(result.median, result.unit),
            format_value(result.p95, result.unit),
            format_value(result.baseline_median, result.unit),
            "—" if result.ratio is None else f"{result.ratio:.2f}×",
            result.target.describe(result.unit),
            result.verdict,
        )
        for result in results
    ]


def plain_table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Fixed-width columns: names left-aligned, figures right-aligned."""
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]
    left = {0, 6, 7}

    def line(row: Sequence[str]) -> str:
        cells = [
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return [line(HEADER), "  ".join("-" * width for width in widths), *map(line, rows)]


def markdown_table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    align = ["---" if i in {0, 6, 7} else "---:" for i in range(len(HEADER))]
    return [f"| {' | '.join(row)} |" for row in [HEADER, align, *rows]]


def qt_versions() -> tuple[str, str]:
    """(Qt, PySide6) versions."""
    import PySide6
    from PySide6.QtCore import qVersion

    return qVersion(), PySide6.__version__


def machine_line(journal: JournalInfo) -> str:
    """What the figures depend on, so a pasted table says where it came from."""
    qt, pyside = qt_versions()
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()}, "
        f"Python {platform.python_version()}, Qt {qt} (PySide6 {pyside}), "
        f"SQLite {sqlite3.sqlite_version}; journal {journal.path.name}: "
        f"{journal.size_mb:.0f} MB, {journal.managers} managers, "
        f"{journal.touchpoints:,} touchpoints ({journal.origin})"
    )


def closing_notes(
    results: Sequence[Result],
    skipped: Sequence[str],
    findings: Sequence[str],
    planned: Sequence[Planned],
    quick: bool,
    seconds: float,
) -> list[str]:
    notes = [
        "median and p95 over the runs; ratio = median / baseline median; "
        "✓/✗ = target met or not (never an error).",
        *findings,
    ]
    notes.extend(
        f"baseline of {result.name}: {result.baseline_name}."
        for result in results
        if result.baseline_name
    )
    notes.extend(f"not measured: {reason}." for reason in skipped)
    missing = [p.feature for p in planned if importlib.util.find_spec(p.module) is None]
    if missing:
        notes.append(f"not yet measured: {', '.join(missing)} (features not built yet).")
    due = [p for p in planned if p.feature not in missing]
    notes.extend(f"row due: {p.feature} ({p.module} exists; target {p.target})." for p in due)
    if quick:
        notes.append("quick mode: a small journal and few runs; a smoke check, not the targets.")
    notes.append(f"the benchmarks took {seconds:.0f} s.")
    return notes


def report(
    journal: JournalInfo,
    results: Sequence[Result],
    skipped: Sequence[str],
    findings: Sequence[str],
    planned: Sequence[Planned],
    *,
    quick: bool,
    markdown: bool,
    seconds: float,
) -> str:
    rows = table_rows(results)
    notes = closing_notes(results, skipped, findings, planned, quick, seconds)
    if markdown:
        lines = [machine_line(journal), "", *markdown_table(rows), ""]
        for result in results:
            if result.details:
                notes.insert(1, f"{result.name}: " + "; ".join(result.details) + ".")
        lines += [f"- {note}" for note in notes]
    else:
        table = plain_table(rows)
        lines = [machine_line(journal), "", *table[:2]]
        for result, line in zip(results, table[2:], strict=True):
            lines.append(line)
            lines += [f"    {detail}" for detail in result.details]
        lines += ["", *[f"  {note}" for note in notes]]
    return "\n".join(lines)


# --- The command line -------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Measure CoachJournal on a large journal and print one table.",
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="benchmark a copy of this journal instead"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small journal, 3 runs: a smoke check for CI"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--fresh", action="store_true", help="generate the cached large journal again"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the rows whose name contains TEXT (e.g. 'start-up'; may be repeated)",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        metavar="EXE",
        help="also time the start-up of this PyInstaller build (dist/CoachJournal/CoachJournal)",
    )
    parser.add_argument(
        "--traceback", action="store_true", help="show the traceback of an unexpected failure"
    )
    return parser.parse_args(argv)


def prepare_journal(options: argparse.Namespace, scratch: Path, env: dict[str, str]) -> JournalInfo:
    if options.db is not None:
        path = copy_journal(options.db, scratch)
        return describe_journal(path, None, f"a copy of {options.db}")
    if options.quick:
        path = scratch / f"quick-{QUICK_SIZE[0]}x{QUICK_SIZE[1]}.db"
        seconds = generate(path, QUICK_SIZE, env)
        return describe_journal(path, seconds, "generated now")
    path, seconds, origin = cached_big_journal(env, options.fresh)
    return describe_journal(path, seconds, origin)


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="coachjournal-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(
    benchmarks: Sequence[Benchmark],
    planned: Sequence[Planned] = (),
    argv: Sequence[str] | None = None,
) -> int:
    options = parse_arguments(argv)
    started = time.perf_counter()
    with scratch_folder() as scratch:
        env = isolated_environment(scratch / "home")
        try:
            journal = prepare_journal(options, scratch, env)
            context = Context(
                journal,
                scratch / "home",
                env,
                starts=3 if options.quick else 10,
                repeats=20 if options.quick else 200,
                bundle=options.bundle.resolve() if options.bundle else None,
            )
            try:
                chosen = [
                    b
                    for b in benchmarks
                    if not options.only or any(text in b.name for text in options.only)
                ]
                results, skipped = run_benchmarks(context, chosen)
            finally:
                context.close()
        except BenchmarkError as error:
            print(f"benchmarks/run.py: error: {error}", file=sys.stderr)
            return 1
        except Exception as error:
            if options.traceback:
                raise
            reason = f"{type(error).__name__}: {error}".splitlines()[0]
            print(f"benchmarks/run.py: error: {reason} (--traceback shows where)", file=sys.stderr)
            return 1
        print(
            report(
                journal,
                results,
                skipped,
                context.notes,
                planned,
                quick=options.quick,
                markdown=options.markdown,
                seconds=time.perf_counter() - started,
            )
        )
    return 0
