"""The command line's export and import commands.

``export`` (JSON, Markdown, CSV, or the due one-on-ones as .ics), ``import`` (a JSON export,
into a new or empty journal), ``import-ics`` and ``import-roster`` (each shows its preview, and
writes nothing with ``--dry-run``). Kept apart from :mod:`coachjournal.cli.main` so that the parser
stays readable; the modules that do the work are imported only when their command runs, so the
app's start-up does not pay for them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachjournal import rules, typed_dates
from coachjournal.cli.options import (
    journal_of,
    journal_option,
    opened_journal,
    passphrase_for,
    supplied_passphrase,
)

if TYPE_CHECKING:
    from coachjournal.exchange.ics import CalendarPlan, SkippedEvent
    from coachjournal.exchange.roster_import import RosterRow

FORMATS = ("json", "markdown", "csv", "ics")
#: Skipped calendar events shown per reason (the rest are counted).
EXAMPLES = 5


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``export``, ``import``, ``import-ics`` and ``import-roster`` to the parser."""
    export = commands.add_parser(
        "export",
        help="export the journal as JSON, Markdown, CSV, or the due one-on-ones as .ics",
        description="Export the journal. json: everything (the trash and drafts included), to "
        "restore with the import command; markdown: a folder with a file per manager; csv: a "
        "folder with touchpoints, action items and assignments; ics: the next due one-on-one "
        "of every active manager, for a calendar.",
    )
    journal_option(export)
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument(
        "--out", type=Path, metavar="PATH", required=True, help="the file (json, ics) or folder"
    )
    export.add_argument("--force", action="store_true", help="replace an earlier export at PATH")
    export.set_defaults(handler=_export)

    restore = commands.add_parser(
        "import",
        help="restore a JSON export into a new, empty journal",
        description="Check FILE (a JSON export) and import all of it, or nothing, into the "
        "journal given by --db, which must be new or empty: to restore a backup, name a new "
        "file.",
    )
    journal_option(restore)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=_import)

    for name, what, handler in (
        ("import-ics", "touchpoints from a calendar export (.ics)", _import_ics),
        ("import-roster", "managers from a CSV file", _import_roster),
    ):
        command = commands.add_parser(
            name,
            help=f"add {what}, after a preview",
            description=f"Add {what}: show what would be added, then add it (unless --dry-run).",
        )
        journal_option(command)
        command.add_argument("file", type=Path, metavar="FILE")
        command.add_argument("--dry-run", action="store_true", help="show the preview only")
        if name == "import-roster":
            command.add_argument(
                "--names-as-written",
                action="store_true",
                help="keep names written “Last, First” as the file writes them",
            )
            command.add_argument(
                "--dates",
                choices=("day-month", "month-day", "iso"),
                help="how to read start dates such as 03/04/2019 when no date in the file "
                "tells (default: the date order of your settings, else of your system)",
            )
        command.set_defaults(handler=handler)


# --- export -----------------------------------------------------------------------------------


def _export(options: argparse.Namespace) -> int:
    with opened_journal(journal_of(options), read_only=True):
        print(_EXPORTERS[options.format](options.out, options.force))
    return 0


def _export_json(out: Path, force: bool) -> str:
    from coachjournal.exchange import json_format

    summary = json_format.export_json(out, force=force)
    rows = summary.rows
    return (
        f"Wrote {rows.get('manager', 0):,} managers, {rows.get('touchpoint', 0):,} touchpoints "
        f"and everything else ({sum(rows.values()):,} records, {summary.bytes / 1e6:.1f} MB) "
        f"to {summary.path}"
    )


def _export_markdown(out: Path, force: bool) -> str:
    from coachjournal.exchange import markdown_export

    summary = markdown_export.export_markdown(out, force=force)
    return (
        f"Wrote {summary.files:,} manager files ({summary.touchpoints:,} touchpoints) and "
        f"{markdown_export.INDEX} to {summary.folder}"
    )


def _export_csv(out: Path, force: bool) -> str:
    from coachjournal.exchange import csv_export

    summary = csv_export.export_csv(out, force=force)
    files = ", ".join(f"{name} ({count:,} rows)" for name, count in summary.rows.items())
    return f"Wrote {files} to {summary.folder}"


def _export_ics(out: Path, force: bool) -> str:
    from coachjournal.exchange import ics

    summary = ics.export_due_ics(out, force=force)
    return f"Wrote the next due one-on-one of {summary.events:,} managers to {summary.path}"


_EXPORTERS = {
    "json": _export_json,
    "markdown": _export_markdown,
    "csv": _export_csv,
    "ics": _export_ics,
}


# --- import -----------------------------------------------------------------------------------


def _import(options: argparse.Namespace) -> int:
    from coachjournal.exchange import json_format
    from coachjournal.storage import db, files

    journal = journal_of(options)
    created = not journal.exists()
    # A new journal is encrypted when a passphrase was supplied (a restore stays protected).
    passphrase = passphrase_for(journal) if db.is_encrypted(journal) else supplied_passphrase()
    db.open_journal(journal, passphrase=passphrase)
    try:
        summary = json_format.import_json(options.file)
    except BaseException:  # whatever stopped it (a fault, Ctrl+C), leave no empty journal
        db.close_journal()
        if created:
            files.remove_journal(journal)
        raise
    db.close_journal()
    rows = summary.rows
    print(
        f"Imported {rows.get('manager', 0):,} managers, {rows.get('touchpoint', 0):,} "
        f"touchpoints and everything else ({sum(rows.values()):,} records) into {journal}"
    )
    return 0


def _print_section(title: str, lines: Sequence[str]) -> None:
    if lines:
        print(f"{title}:")
        for line in lines:
            # What a file says (a calendar's titles, a roster's names) is shown, never obeyed:
            # an escape sequence in it could clear or rewrite the user's terminal.
            print(f"  {rules.escaped(line)}")


def _skipped_lines(plan: CalendarPlan) -> list[str]:
    by_reason: dict[str, list[SkippedEvent]] = {}
    for event in plan.skipped:
        by_reason.setdefault(event.reason, []).append(event)
    lines = []
    for reason, events in sorted(by_reason.items(), key=lambda item: -len(item[1])):
        count = sum(event.occurrences for event in events)
        lines.append(f"{count:,} × {reason}")
        for event in events[:EXAMPLES]:
            when = f"{event.start:%Y-%m-%d} " if event.start is not None else ""
            lines.append(f"    {when}“{event.title}”")
        if len(events) > EXAMPLES:
            lines.append(f"    … and {len(events) - EXAMPLES:,} more events")
    return lines


def _import_ics(options: argparse.Namespace) -> int:
    from coachjournal.exchange import ics

    with opened_journal(journal_of(options), read_only=options.dry_run):
        plan = ics.preview(options.file)
        print(f"{plan.source}: {plan.events:,} events.")
        _print_section(
            f"New touchpoints ({len(plan.new):,})",
            [
                f"{p.occurred_at:%Y-%m-%d %H:%M}  {p.kind.label:<19}  {p.names}  "
                f"“{p.title}” ({p.matched_by})"
                for p in plan.new
            ],
        )
        if plan.duplicates:
            print(f"Imported before, left alone: {len(plan.duplicates):,} touchpoints.")
        _print_section("Skipped", _skipped_lines(plan))
        if options.dry_run:
            print("Dry run: nothing was written.")
            return 0
        counts = ics.apply(plan)
    print(f"Created {counts.created:,} touchpoints.")
    return 0


def _import_roster(options: argparse.Namespace) -> int:
    from coachjournal.exchange import roster_import

    order = options.dates or _date_order()
    with opened_journal(journal_of(options), read_only=options.dry_run):
        plan = roster_import.preview_roster(options.file, date_order=order)
        columns = ", ".join(f"{field} ← “{header}”" for field, header in plan.columns.items())
        print(f"{plan.source}: {columns}.")
        if "manager_since" in plan.columns:
            print(f"Start dates are read {plan.date_order_reason} (--dates to choose).")
        if plan.ignored:
            print(f"Columns ignored: {', '.join(plan.ignored)}.")
        new = plan.with_status(roster_import.RowStatus.NEW)
        _print_section(f"New managers ({len(new):,})", [_roster_line(row) for row in new])
        _print_section("Added without their start date", [row.note for row in new if row.note])
        for status in (roster_import.RowStatus.DUPLICATE, roster_import.RowStatus.INVALID):
            rows = plan.with_status(status)
            _print_section(f"{status.capitalize()} ({len(rows):,})", [r.message for r in rows])
        if options.dry_run:
            print("Dry run: nothing was written.")
            return 0
        counts = roster_import.apply_roster(plan, names_as_written=options.names_as_written)
    print(f"Added {counts.created:,} managers.")
    return 0


def _date_order() -> typed_dates.Order:
    """The date order of the user's settings or, for "as the system", of the system's locale
    (its way of writing a date: 03/04/2019 is 4 March in the United States)."""
    import locale

    from coachjournal.storage import preferences

    chosen = preferences.load().date_format
    if chosen != "system":
        return chosen
    try:
        name = locale.setlocale(locale.LC_TIME, "")
        pattern = locale.nl_langinfo(locale.D_FMT)
    except (locale.Error, AttributeError):  # no such locale here; Windows has no nl_langinfo
        return "day-month"
    if name in ("C", "POSIX") or name.startswith("C."):  # no locale chosen: no order either
        return "day-month"
    year = max(pattern.find("%y"), pattern.find("%Y"))
    return typed_dates.order_of(pattern.find("%d"), pattern.find("%m"), year)


def _roster_line(row: RosterRow) -> str:
    values = row.values
    details = ", ".join(values[field] for field in ("title", "team", "email") if values[field])
    if row.manager_since is not None:
        details += f"{', ' if details else ''}manager since {row.manager_since}"
    written = f" (written “{row.written_name}”)" if row.written_name else ""
    return f"row {row.number}: {values['name']}{written}" + (f" ({details})" if details else "")
