"""What the app imports before its first paint, read from a real start.

The app is started as a user starts it, in a subprocess (``python -X importtime -m coachjournal
--smoke-test``), on a small journal; Python's import timer reports each import on standard
error and the first paint writes a marker there (:mod:`ui.first_paint`). Nothing the first
screen (the roster and the team dashboard) does not show may be imported above the marker: the
charting library, the exchange formats, backups, the command line's other commands, the other
screens and the core modules only they read (statistics, prep, development, the touchpoints'
writes, search). A module on the list that sneaks back into start-up fails the test with the
chain of imports that brought it in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachjournal import sample
from ui.first_paint import Import, imports_before_first_paint

ROOT = Path(__file__).resolve().parent.parent
#: Seconds the app may take to start and paint (about 1.5 s on a busy 2-core machine).
TIMEOUT = 120

#: Modules (and their submodules) the first paint must not wait for.
DENIED = (
    "matplotlib",
    "numpy",
    "PIL",
    "coachjournal.exchange",
    "coachjournal.render",
    "coachjournal.safety.backup",
    "coachjournal.sample",
    "coachjournal.storage.exports",
    "coachjournal.coaching.stats",
    "coachjournal.coaching.prep",
    "coachjournal.coaching.questions",
    "coachjournal.coaching.development",
    "coachjournal.coaching.touchpoints",
    "coachjournal.coaching.search",
    "coachjournal.coaching.team",
    "coachjournal.sync",
    "coachjournal.cli.backups",
    "coachjournal.cli.export_import",
    "coachjournal.cli.passphrase",
    "coachjournal.cli.sync",
    "ui.backup.controller",
    "ui.lock.controller",
    "ui.exchange",
    "ui.charts",
    "ui.manager",
    "ui.journal",
    "ui.development",
    "ui.results",
    "ui.search",
    "ui.prep",
    "ui.settings",
    "ui.palette",
    "ui.welcome",
    "ui.team",
    "ui.reminders",
    "coachjournal.coaching.reminders",
    "ui.sync",
)


def denied(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in DENIED)


def importer_chain(imports: list[Import], module: str) -> str:
    """``module <- what imported it <- ...``: the import timer lists a module before the one
    that imported it, one level less indented."""
    at = next(i for i, found in enumerate(imports) if found.module == module)
    chain, depth = [module], imports[at].depth
    for found in imports[at + 1 :]:
        if found.depth < depth:
            chain.append(found.module)
            depth = found.depth
    return " <- ".join(chain)


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> list[Import]:
    """The imports made before the first paint of the app on a small sample journal."""
    folder = tmp_path_factory.mktemp("startup")
    journal = folder / "journal.db"
    sample.create_sample_journal(journal, managers=3, years=0.5)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    command = ["-X", "importtime", "-m", "coachjournal", "--smoke-test", "--db", str(journal)]
    done = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first paint" in done.stdout, done.stdout
    return imports_before_first_paint(done.stderr)


@pytest.mark.slow
def test_the_first_paint_imports_nothing_on_the_deny_list(started: list[Import]) -> None:
    # The marker works: the first screen's own modules are above it...
    modules = {found.module for found in started}
    assert {"ui.dashboard.page", "ui.roster.panel", "peewee"} <= modules
    # ...and the chart the smoke test draws after the first paint is below it.
    assert "matplotlib" not in modules
    found = [importer_chain(started, module) for module in sorted(modules) if denied(module)]
    assert not found, "imported before the first paint:\n" + "\n".join(found)


def test_the_marker_splits_the_import_timer_output() -> None:
    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:       120 |        120 |     json.decoder",
            "import time:       300 |        420 |   json",
            "first paint: the imports above were made before it",
            "import time:      9000 |       9000 |   matplotlib",
        ]
    )
    imports = imports_before_first_paint(stderr)
    assert [(i.module, i.self_us, i.cumulative_us, i.depth) for i in imports] == [
        ("json.decoder", 120, 120, 1),
        ("json", 300, 420, 0),
    ]
    assert importer_chain(imports, "json.decoder") == "json.decoder <- json"
    with pytest.raises(ValueError, match="marker"):
        imports_before_first_paint(stderr.replace("first paint", "later"))
