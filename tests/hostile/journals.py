"""What the hostile tests share: a real export of the sample team, the command line run in this
process, and the proof that an imported journal works everywhere (the app starts and paints,
every chart, the prep sheet and every export)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from coachjournal import sample
from coachjournal.cli import main
from coachjournal.exchange import json_format
from coachjournal.storage import db
from coachjournal.storage.models import Manager

TODAY = dt.date(2026, 3, 1)
EXPORTED_AT = dt.datetime(2026, 3, 1, 12, 0, 0)
#: Seconds a subprocess of the app may take (a first paint takes 1.5 s here).
TIMEOUT = 120


def sample_export(folder: Path) -> dict[str, Any]:
    """The sample team (two managers, three months) as an export's parsed document."""
    journal = folder / "sample.db"
    sample.create_sample_journal(journal, managers=2, years=0.25, today=TODAY)
    db.open_journal(journal, create=False)
    try:
        summary = json_format.export_json(folder / "sample.json", exported_at=EXPORTED_AT)
    finally:
        db.close_journal()
    document: dict[str, Any] = json.loads(summary.path.read_text(encoding="utf-8"))
    return document


def write_export(path: Path, document: dict[str, Any]) -> Path:
    """The document as a file; ASCII, so a lone surrogate is written as JSON writes it:
    ``\\ud800``."""
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def run(*argv: str | Path) -> tuple[int, str, str]:
    """The command line in this process: exit code, standard output, standard error."""

    def no_gui(options: main.GuiOptions) -> int:
        raise AssertionError("the GUI must not open")

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main([str(arg) for arg in argv], open_gui=no_gui)
        except SystemExit as stopped:  # the parser refused an argument
            code = stopped.code if isinstance(stopped.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def assert_one_line_refusal(code: int, err: str) -> str:
    """The command failed with one sentence on one line, no traceback and no "unexpected"."""
    assert code == 1, err
    assert err.startswith("coachjournal: error: ") and err.count("\n") == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    return err


def _app(*argv: str | Path) -> subprocess.Popen[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "coachjournal", *map(str, argv)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


def _finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return process.returncode, out, err


CHARTS = (
    ("frequency",),
    ("frequency", "--period", "month"),
    ("adherence",),
    ("time",),
    ("results",),
    ("results", "--measure", "hours"),
)
PER_MANAGER = (("frequency",), ("mood",), ("results",), ("attainment",), ("rep-coaching",))
EXPORTS = (("json", "out.json"), ("markdown", "markdown"), ("csv", "csv"), ("ics", "due.ics"))


def assert_journal_works(journal: Path, folder: Path, manager_id: int | None = None) -> None:
    """The journal opens in the app (a first paint, in a subprocess), gives the prep sheet of
    ``manager_id`` (default: the first manager), every chart and every export; each command
    succeeds and writes its file."""
    db.open_journal(journal, create=False)
    try:
        managers = {m.id: m.name for m in Manager.select(Manager.id, Manager.name)}
    finally:
        db.close_journal()
    name = managers[manager_id if manager_id in managers else min(managers)]
    pdf = folder / "prep.pdf"
    smoke = _app("--db", journal, "--smoke-test")
    prep = _app("--db", journal, "prep", f"--manager={name}", "--out", pdf)
    try:
        to = ("--to", TODAY.isoformat())
        for number, (chart, *extra) in enumerate(CHARTS):
            png = folder / f"team-{number}.png"
            code, _, err = run(
                "--db", journal, "chart", "--chart", chart, *extra, *to, "--out", png
            )
            assert code == 0 and png.stat().st_size > 0, (chart, err)
        for number, (chart,) in enumerate(PER_MANAGER):
            png = folder / f"manager-{number}.png"
            code, _, err = run(
                "--db", journal, "chart", "--chart", chart, f"--manager={name}", *to, "--out", png
            )
            assert code == 0 and png.stat().st_size > 0, (chart, err)
        for export, target in EXPORTS:
            code, _, err = run(
                "--db", journal, "export", "--format", export, "--out", folder / target
            )
            assert code == 0 and (folder / target).exists(), (export, err)
    finally:
        started, prepared = _finished(smoke), _finished(prep)
    assert started[0] == 0 and "first paint" in started[1], started
    assert prepared[0] == 0 and pdf.stat().st_size > 0, prepared
