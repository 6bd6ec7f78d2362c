"""The command line: ``coachjournal [--db PATH] [--smoke-test] [--version]`` and subcommands.

Everything here runs without Qt. Opening the window is delegated to the ``open_gui`` callable
that the entry point passes in, so this module can be tested (and used) on a machine without a
display.

Starting the app is the common case and should not pay for the commands: a command line that
names no command is read by a parser of the app's own options (:func:`_parse`), and the
modules of the other command groups (:mod:`~coachjournal.cli.export_import`,
:mod:`~coachjournal.cli.backups`, :mod:`~coachjournal.cli.passphrase`) are imported only to
build the full parser; each command imports the modules that do its work when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from coachjournal import APP_NAME, __version__, paths, rules
from coachjournal.cli.options import (
    LOCKED,
    PASSPHRASE_ENV,
    journal_of,
    journal_option,
    opened_journal,
    passphrase_for,
    supplied_passphrase,
    use_stdin,
)
from coachjournal.errors import CoachJournalError, PassphraseRequired
from coachjournal.logs import setup_logging
from coachjournal.storage import lock

__all__ = ["GuiOptions", "build_parser", "main", "passphrase_for", "supplied_passphrase"]

if TYPE_CHECKING:
    from coachjournal.coaching import prep
    from coachjournal.coaching.roster import ManagerRecord
    from coachjournal.render import charts

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class GuiOptions:
    """What the GUI needs from the command line."""

    journal: Path
    smoke_test: bool = False
    #: Tried first when the journal is encrypted (from $COACHJOURNAL_PASSPHRASE or stdin).
    passphrase: str | None = dataclasses.field(default=None, repr=False)


class _Parser(argparse.ArgumentParser):
    """Reports a bad argument in one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def _years(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of years") from None
    if not 0 < value <= 50:
        raise argparse.ArgumentTypeError(f"{text} must be more than 0 and at most 50")
    return value


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if not rules.plausible_day(day):
        raise argparse.ArgumentTypeError(
            f"{text} is not between {rules.FIRST_DAY} and {rules.LAST_DAY}"
        )
    return day


_CHARTS = (
    "frequency",
    "adherence",
    "time",
    "mood",
    "results",
    "attainment",
    "rep-coaching",
    "talent",
    "skills",
)
#: Charts about one manager (--manager required), and those that may be (--manager optional).
_PER_MANAGER = frozenset({"mood", "attainment", "rep-coaching"})
_MANAGER_OPTIONAL = frozenset({"frequency", "results"})


def _app_options(parser: argparse.ArgumentParser) -> None:
    """The options of the app itself (given before any command)."""
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the journal file (default: ${paths.DB_ENV}, else the journal the app was "
        f"told to keep using, else {paths.data_dir() / 'journal.db'})",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, paint it once, print the seconds from start, and exit",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help=f"read the journal's passphrase from the first line of standard input "
        f"(default: ${PASSPHRASE_ENV}); never give it as an argument",
    )


def build_parser() -> argparse.ArgumentParser:
    from coachjournal.cli import backups, export_import, passphrase, sync

    parser = _Parser(
        prog="coachjournal",
        description=f"{APP_NAME}: a private coaching journal. Without a command, opens the app.",
    )
    _app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser(
        "demo",
        help="write a sample team into a new journal file",
        description="Write a realistic sample team (managers with years of coaching history) "
        "into PATH. Scale it up with --managers and --years to try the app on a large journal.",
    )
    demo.add_argument("--db", type=Path, metavar="PATH", required=True, help="the file to write")
    demo.add_argument("--managers", type=_positive_int, default=8, metavar="N")
    demo.add_argument("--years", type=_years, default=2.0, metavar="Y")
    demo.add_argument(
        "--seed", type=int, metavar="S", help="the same seed writes the same team (default 2026)"
    )
    demo.add_argument(
        "--force", action="store_true", help="replace PATH even if it already holds a journal"
    )
    demo.set_defaults(handler=_demo)

    chart = commands.add_parser(
        "chart",
        help="draw a chart of a journal into a PNG, SVG or PDF file",
        description="Draw one of the coaching charts into FILE. The period is the 12 months up "
        "to today (the current month included) unless --from and --to say otherwise. The "
        "talent chart is the nine-box grid of the latest talent review.",
    )
    journal_option(chart, "the journal to read (default: as for the app)")
    chart.add_argument("--chart", choices=_CHARTS, required=True)
    chart.add_argument(
        "--out", type=Path, metavar="FILE", required=True, help="a .png, .svg or .pdf file"
    )
    chart.add_argument(
        "--manager",
        metavar="NAME",
        help="one manager, by name or part of it, any case, by e-mail, or by number (#12)",
    )
    chart.add_argument(
        "--period", choices=("week", "month"), help="frequency: one bar per week (default) or month"
    )
    chart.add_argument("--from", dest="start", type=_date, metavar="DATE")
    chart.add_argument("--to", dest="end", type=_date, metavar="DATE")
    chart.add_argument(
        "--measure",
        choices=("touchpoints", "hours"),
        help="results: your coaching counted in touchpoints (default) or hours",
    )
    chart.add_argument(
        "--count",
        choices=("contacts", "time"),
        help="frequency: contacts, a meeting once for each manager there (default), or your "
        "time in hours, a meeting's minutes once",
    )
    chart.add_argument("--dark", action="store_true", help="colours for a dark background")
    chart.set_defaults(handler=_chart)
    prep = commands.add_parser(
        "prep",
        help="write a manager's one-on-one prep sheet as a PDF",
        description="Write the prep sheet of one manager into FILE.pdf, on one page (A4 or "
        "Letter by locale): what needs attention first, the agenda and suggested questions, "
        "then open action items, what happened since the last one-on-one, assignments, "
        "strengths and development areas, motivators, results and cadence as far as they fit. "
        "--full writes all of it with the frequency chart, over as many pages as it takes.",
    )
    journal_option(prep, "the journal to read (default: as for the app)")
    prep.add_argument(
        "--manager",
        metavar="NAME",
        required=True,
        help="by name or part of it, any case, by e-mail, or by number (#12)",
    )
    prep.add_argument("--out", type=Path, metavar="FILE", required=True, help="a .pdf file")
    prep.add_argument(
        "--full",
        action="store_true",
        help="full detail over as many pages as it takes (default: the most pressing on one page)",
    )
    prep.set_defaults(handler=_prep)
    export_import.add_commands(commands)
    passphrase.add_commands(commands)
    backups.add_commands(commands)
    sync.add_commands(commands)
    return parser


def _demo(options: argparse.Namespace) -> int:
    from coachjournal import sample  # its vocabulary is only needed here

    summary = sample.create_sample_journal(
        options.db,
        managers=options.managers,
        years=options.years,
        seed=sample.DEFAULT_SEED if options.seed is None else options.seed,
        force=options.force,
    )
    print(
        f"Wrote {summary.managers} managers, {summary.touchpoints} touchpoints and "
        f"{summary.action_items} action items to {options.db}"
    )
    return 0


def _twelve_months_to(end: dt.date) -> dt.date:
    """The first day of the month eleven months before ``end``'s: twelve calendar months."""
    months = end.year * 12 + end.month - 1 - 11
    return dt.date(months // 12, months % 12 + 1, 1)


def _manager_named(name: str) -> int:
    """The one manager (archived or not) whose name or e-mail is ``name`` or, failing that,
    whose name contains it, ignoring case; ``#12`` is the manager numbered 12, which tells
    apart two managers of the same name (the message listing them gives their numbers)."""
    from coachjournal.coaching import roster

    wanted = name.strip().casefold()
    managers = roster.list_managers(include_archived=True)
    number = wanted.removeprefix("#")
    if number != wanted and number.isascii() and number.isdigit() and len(number) < 19:
        numbered = [m for m in managers if m.id == int(number)]
        if not numbered:
            raise CoachJournalError(f"No manager in this journal is numbered {wanted}.")
        return numbered[0].id
    found = [m for m in managers if wanted in (m.name.casefold(), m.email.casefold())] or [
        m for m in managers if wanted in m.name.casefold()
    ]
    if not found:
        raise CoachJournalError(f"No manager in this journal is called “{name}”.")
    if len(found) > 1:
        names = "; ".join(_told_apart(m) for m in found[:5]) + ("; …" if len(found) > 5 else "")
        raise CoachJournalError(
            f"“{name}” matches {len(found)} managers ({names}); give more of the name, their "
            f"e-mail, or their number (such as --manager '#{found[0].id}')."
        )
    return found[0].id


def _told_apart(manager: ManagerRecord) -> str:
    """A manager as a list of look-alikes shows them: name, number, and team or e-mail."""
    detail = ", ".join(part for part in (manager.team, manager.email) if part)
    return f"{manager.name} #{manager.id}" + (f", {detail}" if detail else "")


def _chart(options: argparse.Namespace) -> int:
    # Imported here: matplotlib takes a third of a second that no other command should pay.
    from coachjournal.coaching import stats
    from coachjournal.render import charts

    charts.chart_format(options.out)
    if options.period is not None and options.chart != "frequency":
        raise CoachJournalError("--period applies only to the frequency chart.")
    if options.count is not None and options.chart != "frequency":
        raise CoachJournalError("--count applies only to the frequency chart.")
    if options.manager is not None and options.chart not in _PER_MANAGER | _MANAGER_OPTIONAL:
        raise CoachJournalError(
            "--manager applies only to the frequency and mood charts and to the results "
            f"charts; the {options.chart} chart is about the whole team."
        )
    if options.chart in _PER_MANAGER and options.manager is None:
        raise CoachJournalError(
            f"The {options.chart} chart is about one manager: name them with --manager."
        )
    if options.measure is not None and (options.chart != "results" or options.manager):
        raise CoachJournalError("--measure applies only to the results chart of the whole team.")
    today = dt.date.today()
    end = options.end or today
    start = options.start or _twelve_months_to(end)
    if start > end:
        raise CoachJournalError(f"--from ({start}) is after --to ({end}).")
    with opened_journal(journal_of(options), read_only=True):
        data: charts.ChartData
        if options.chart == "frequency":
            manager_id = None if options.manager is None else _manager_named(options.manager)
            data = stats.frequency(
                options.period or "week",
                start,
                end,
                manager_id,
                measure=options.count or stats.Measure.CONTACTS,
            )
        elif options.chart == "adherence":
            data = stats.adherence(start, end, today=today)
        elif options.chart == "time":
            data = stats.time_per_manager(start, end)
        elif options.chart in {"results", "attainment", "rep-coaching"}:
            data = _results_data(options, start, end, today)
        elif options.chart == "talent":
            data = _talent_data()
        elif options.chart == "skills":
            from coachjournal.coaching.team.skills import skill_matrix

            data = skill_matrix(end)
        else:
            data = stats.mood(_manager_named(options.manager), start, end)
    figure = charts.new_figure(charts.figure_size(data))
    charts.draw(figure, data, dark=options.dark)
    charts.save_figure(figure, options.out)
    print(f"Wrote the {options.chart} chart to {options.out}")
    return 0


def _talent_data() -> charts.ChartData:
    """The nine-box grid of the latest talent review."""
    from coachjournal.coaching.team import talent

    board = talent.latest_board()
    if board is None:
        raise CoachJournalError(
            "This journal has no talent review yet: hold one in the app's Team Picture (Ctrl+4)."
        )
    return board


def _results_data(
    options: argparse.Namespace, start: dt.date, end: dt.date, today: dt.date
) -> charts.ChartData:
    """The results charts: the team's coaching against attainment, or one manager's attainment
    (``results`` or ``attainment`` with --manager) or coaching of their reps. A manager's
    charts show their periods since --from (by default, since they became a manager)."""
    from coachjournal.coaching import stats

    if options.manager is None:
        return stats.coaching_vs_results(start, end, options.measure or "touchpoints")
    manager_id = _manager_named(options.manager)
    if options.chart == "rep-coaching":
        return stats.rep_coaching_series(manager_id, start=options.start, today=today)
    return stats.attainment_series(manager_id, start=options.start, today=today)


#: Writes a prep sheet (with the chart as PNG bytes) to a PDF file, in full detail or on one
#: page, and returns the page count: Qt's PDF writer, passed in by the entry point so that this
#: module never imports Qt.
PrepRenderer = Callable[["prep.PrepSheet", "bytes | None", Path, bool], int]


def _prep(options: argparse.Namespace) -> int:
    from coachjournal.coaching import prep
    from coachjournal.render import prep_html  # only this command needs them
    from coachjournal.storage import db

    if options.out.suffix.lower() != ".pdf":
        raise CoachJournalError(
            f"The prep sheet is written as a PDF: name the file {options.out.stem}.pdf."
        )
    if options.out.parent and not options.out.parent.expanduser().is_dir():
        raise CoachJournalError(f"There is no folder {options.out.parent} to write the PDF in.")
    if db.is_journal(options.out.expanduser()):
        raise CoachJournalError(
            f"{options.out} is a journal, so it was left untouched; choose another name."
        )
    renderer: PrepRenderer | None = options.render_prep
    if renderer is None:
        raise CoachJournalError("This build cannot write PDF files (Qt is not available).")
    journal = journal_of(options)
    with opened_journal(journal, read_only=True):
        sheet = prep.build(_manager_named(options.manager))
        series = prep_html.chart_data(sheet.manager.id, sheet.today)
    pages = renderer(sheet, prep_html.chart_png(series), options.out.expanduser(), options.full)
    counted = "1 page" if pages == 1 else f"{pages} pages"
    print(f"Wrote the prep sheet for {sheet.manager.name} ({counted}) to {options.out}")
    _remember_questions(journal, sheet)
    return 0


def _remember_questions(journal: Path, sheet: prep.PrepSheet) -> None:
    """Note the sheet's questions as asked (so the next sheet suggests others): the one write
    ``prep`` makes, under the journal's lock. Skipped, with a word, when the journal is open in
    the app (which is its writer then) or cannot be written."""
    from coachjournal.coaching import prep

    try:
        with lock.JournalLock(journal), opened_journal(journal):
            prep.remember_questions(sheet)
    except (lock.JournalInUseError, lock.JournalReadOnlyError) as error:
        print(f"The suggested questions were not noted as asked. {error}", file=sys.stderr)


def _reader_gone() -> int:
    """Standard output's reader closed it (``coachjournal check | head``): stop quietly, as
    Unix tools do, with the status a SIGPIPE would give, and point stdout at nothing so that
    Python's flush at exit does not complain either."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 128 + 13


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line read: by the app's options alone when that is all it holds (so that
    opening the app does not import the commands), else by the full parser (which also gives
    the help and the errors)."""
    app_only = _Parser(prog="coachjournal", add_help=False)
    _app_options(app_only)
    options, rest = app_only.parse_known_args(argv)
    if rest:
        return build_parser().parse_args(argv)
    options.command = None
    return options


def main(
    argv: Sequence[str] | None,
    open_gui: Callable[[GuiOptions], int],
    render_prep: PrepRenderer | None = None,
) -> int:
    """Run the command line; return the process exit code."""
    options = _parse(argv)
    options.render_prep = render_prep
    use_stdin(options.passphrase_stdin)
    log_file = setup_logging()
    try:
        if options.command is not None:
            from coachjournal.cli import backups

            with backups.writer_lock(options):
                exit_code: int = options.handler(options)
            sys.stdout.flush()  # here, where a reader gone (BrokenPipeError) is caught
            return exit_code
        journal = journal_of(options)
        return open_gui(
            GuiOptions(
                journal=journal,
                smoke_test=options.smoke_test,
                passphrase=supplied_passphrase(),
            )
        )
    except PassphraseRequired:
        print(f"coachjournal: error: {LOCKED}", file=sys.stderr)
        return 1
    except CoachJournalError as error:
        print(f"coachjournal: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:
        if (reason := lock.write_failure_reason(error)) is not None:
            print(
                f"coachjournal: error: {reason}, so the command stopped; what it was writing "
                "was not saved, and the journal holds what it held before.",
                file=sys.stderr,
            )
            return 1
        log.exception("Unexpected failure")
        where = f" The details are in {log_file}." if log_file else ""
        print(f"coachjournal: error: something unexpected went wrong.{where}", file=sys.stderr)
        return 1
