"""The journal as a folder of Markdown files, one per manager, readable in any editor.

Each file holds the manager's profile, cadence, strengths and development areas with their
rating history, motivators, their place at each talent review, assignments and open action
items, then the timeline, newest first, with every touchpoint's notes. ``index.md`` lists the
managers with links to their files, and the latest talent review's grid.

This is a copy to read, not a backup: the trash and unsaved drafts are left out (the JSON export
holds everything). Notes are Markdown already; their headings are moved below the touchpoint's
own (a note's ``# Plan`` becomes ``#### Plan``), so every file keeps one outline.

File names come from manager names: any letters, but never a path separator, a character that
Windows forbids or a name it reserves, and unique even on a file system that ignores case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from coachjournal import __version__, rules
from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.coaching.team import plan as team_plan
from coachjournal.coaching.team import talent
from coachjournal.kinds import ActionStatus, AssignmentStatus, Owner, TouchpointKind, TraitKind
from coachjournal.storage.exports import new_folder
from coachjournal.storage.models import (
    ActionItem,
    Assignment,
    Motivator,
    Touchpoint,
    Trait,
    TraitRating,
    database,
)

INDEX = "index.md"
#: Characters of a file name kept from a manager's name (room for " (12).md" within any
#: file system's 255-byte limit, at up to four bytes a character).
MAX_NAME = 60
#: The other attendees a touchpoint names in a manager's file; a larger meeting (a huddle of the
#: whole region) names these "and 988 others", and its notes about each attendee go to that
#: attendee's own file only: every file naming every one of a thousand attendees made an export
#: of a thousand managers half a gigabyte.
NAMED_ATTENDEES = 12
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_BLOCK_START = re.compile(r" {0,3}([-+*>#|]|\d+[.)])|\s*$| {4}")
_KIND_FIELDS = (
    ("account", "Account"),
    ("objective", "Objective"),
    ("observations", "Observations"),
    ("debrief", "Debrief"),
    ("aspiration", "Aspiration"),
)


@dataclasses.dataclass(frozen=True, slots=True)
class MarkdownSummary:
    folder: Path
    #: Manager files written (``index.md`` not counted).
    files: int
    touchpoints: int


# --- Plain helpers (public: the tests and a preview can use them) ------------------------------


def safe_file_name(name: str) -> str:
    """A file name (without extension) for ``name`` that any file system accepts."""
    return rules.file_name(name, MAX_NAME, "manager")


def file_names(managers: Iterable[tuple[int, str]]) -> dict[int, str]:
    """A unique ``.md`` file name per manager id; namesakes get " (2)", " (3)"... by id order.

    Unique ignoring case, as on Windows and macOS; ``index`` is kept for the index.
    """
    taken = {INDEX.removesuffix(".md")}
    names: dict[int, str] = {}
    for manager_id, name in sorted(managers, key=lambda m: (m[1].casefold(), m[0])):
        base = candidate = safe_file_name(name)
        number = 2
        while candidate.casefold() in taken:
            candidate, number = f"{base} ({number})", number + 1
        taken.add(candidate.casefold())
        names[manager_id] = f"{candidate}.md"
    return names


def _opens_block(line: str) -> bool:
    """Whether a line cannot be the text of a setext heading (list, quote, blank, code...)."""
    return _BLOCK_START.match(line) is not None


def nest_markdown(text: str, levels: int) -> str:
    """``text`` with every heading ``levels`` deeper (at most ``######``), code left alone.

    Underlined headings (``Title`` over ``===`` or ``---``) become ``#`` headings, so that
    they nest as well.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines.append(line)
        elif match := _FENCE.match(line):
            fence = match.group(1)
            lines.append(line)
        elif match := _ATX.match(line):
            hashes = "#" * min(6, len(match.group(2)) + levels)
            lines.append(match.group(1) + hashes + line[match.end() :])
        elif (match := _SETEXT.fullmatch(line)) and lines and not _opens_block(lines[-1]):
            level = 1 if match.group(1)[0] == "=" else 2
            lines[-1] = "#" * min(6, level + levels) + " " + lines[-1].strip()
        else:
            lines.append(line)
    return "\n".join(lines)


def _cell(text: Any) -> str:
    """Text fit for a table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _link_text(text: str) -> str:
    return _cell(text).replace("[", "\\[").replace("]", "\\]")


def _day(value: Any) -> str:
    return "" if value is None else str(value)[:10]


def _moment(value: Any) -> str:
    return str(value)[:16].replace("T", " ")


def _block(title: str, body: Sequence[str]) -> list[str]:
    """A ``##`` section, or nothing if it has no content."""
    lines = list(body)
    while lines and not lines[-1]:
        lines.pop()
    return ["", f"## {title}", "", *lines] if lines else []


# --- One manager -------------------------------------------------------------------------------


def _profile(manager: roster.ManagerRecord) -> list[str]:
    lines = [f"# {manager.name}", ""]
    role = " · ".join(part for part in (manager.title, manager.team) if part)
    facts = [role] if role else []
    contact = " · ".join(part for part in (manager.email, manager.phone) if part)
    if contact:
        facts.append(contact)
    if manager.manager_since is not None:
        origin = " (came up from sales)" if manager.promoted_from_sales else ""
        facts.append(f"Manager since {manager.manager_since}{origin}")
    if manager.archived:
        facts.append("**Archived**")
    lines.extend(f"{fact}  " for fact in facts)
    if manager.notes.strip():
        lines += ["", nest_markdown(manager.notes.strip(), 2)]
    return lines


def _cadence(manager_id: int, today: dt.date) -> list[str]:
    rows = ["| Kind | Rhythm | Last | Next due | Status |", "|---|---|---|---|---|"]
    for status in cadence.statuses_for(manager_id, today):
        rule = status.rule
        due = status.next_due if status.applies else "—"
        rows.append(
            f"| {status.kind.label} | every {rule.ideal_days} days (at most {rule.max_days}) "
            f"| {_day(status.last) or 'never'} | {due} | {status.status.label} |"
        )
    return rows


def _ratings(ratings: Sequence[dict[str, Any]]) -> list[str]:
    if not ratings:
        return []
    rows = ["| Rated on | Rating | Note |", "|---|---|---|"]
    rows += [f"| {r['rated_on']} | {r['rating']}/5 | {_cell(r['note'])} |" for r in ratings]
    return ["", *rows]


def _traits(manager_id: int, kind: TraitKind) -> list[str]:
    traits: Any = (
        Trait.select()
        .where(Trait.manager == manager_id, Trait.kind == kind.value)
        .order_by(Trait.position, Trait.id)
        .dicts()
    )
    ratings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rated: Any = (
        TraitRating.select()
        .join(Trait)
        .where(Trait.manager == manager_id, Trait.kind == kind.value)
        .order_by(TraitRating.rated_on, TraitRating.id)
        .dicts()
    )
    for rating in rated:
        ratings[rating["trait"]].append(rating)
    lines: list[str] = []
    for trait in traits:
        target = ""
        if trait["target_rating"] is not None:
            by = f" by {trait['target_date']}" if trait["target_date"] else ""
            target = f" · target {trait['target_rating']}/5{by}"
        lines += [f"### {trait['skill']}{target}", ""]
        if trait["detail"].strip():
            lines.append(nest_markdown(trait["detail"].strip(), 3))
        lines += [*_ratings(ratings[trait["id"]]), ""]
    return lines


def _talent_history(manager_id: int) -> list[str]:
    """Where the manager stood at each talent review, oldest first, with the notes."""
    lines = []
    before: talent.Box | None = None
    for point in talent.history(manager_id):
        placement = point.placement
        move = talent.arrow(before, placement.box)
        facts = [talent.box_label(placement.box) + (f" {move}" if move else "")]
        if placement.readiness is not None:
            facts.append(placement.readiness.label.lower())
        if placement.risk is not None:
            reason = f": {_cell(placement.risk_reason)}" if placement.risk_reason.strip() else ""
            facts.append(f"{placement.risk.label.lower()}{reason}")
        lines.append(
            f"- **{_cell(point.review.title)}** ({point.review.held_on}): " + "; ".join(facts)
        )
        if placement.note.strip():
            lines.append(f"  {_cell(placement.note)}")
        before = placement.box
    return lines


def _talent_grid() -> list[str]:
    """The latest talent review's grid: each box with its managers, best boxes first."""
    board = talent.latest_board()
    if board is None:
        return []
    lines = [
        f"{board.review.title} ({board.review.held_on}): {len(board.placed)} placed, "
        f"{len(board.unplaced)} not placed.",
        "",
        "| Box | Performance | Potential | Managers |",
        "|---|---|---|---|",
    ]
    for box in sorted(talent.BOXES, key=lambda b: (-b[1], -b[0])):
        names = ", ".join(
            _cell(card.name) + (f" {card.arrow}" if card.arrow else "")
            for card in board.in_box(box)
        )
        lines.append(
            f"| {talent.BOX_NAMES[box]} | {talent.LEVEL_LABELS[box[0]]} "
            f"| {talent.LEVEL_LABELS[box[1]]} | {names} |"
        )
    return lines


def _motivators(manager_id: int) -> list[str]:
    query: Any = (
        Motivator.select()
        .where(Motivator.manager == manager_id)
        .order_by(Motivator.rank, Motivator.id)
        .dicts()
    )
    lines = []
    for number, motivator in enumerate(query, start=1):
        note = f" — {_cell(motivator['note'])}" if motivator["note"].strip() else ""
        confirmed = f" (confirmed {motivator['confirmed_on']})" if motivator["confirmed_on"] else ""
        lines.append(f"{number}. **{_cell(motivator['name'])}**{note}{confirmed}")
    return lines


_UNDER_WAY = (AssignmentStatus.ACTIVE.value, AssignmentStatus.PLANNED.value)


def _assignment(assignment: dict[str, Any]) -> list[str]:
    facts = [assignment["status"]]
    for field, label in (("assigned_on", "assigned"), ("due_on", "due"), ("completed_on", "done")):
        if assignment[field]:
            facts.append(f"{label} {assignment[field]}")
    if assignment["skill"]:
        facts.append(f"skill: {assignment['skill']}")
    if assignment["outcome_rating"] is not None:
        facts.append(f"outcome rated {assignment['outcome_rating']}/5")
    lines = [f"### {assignment['title']}", "", " · ".join(facts), ""]
    for field, label in (
        ("description", "Description"),
        ("outcome", "Outcome"),
        ("reflection", "Reflection"),
    ):
        if assignment[field].strip():
            lines += [f"**{label}**", "", nest_markdown(assignment[field].strip(), 3), ""]
    return lines


def _assignments(manager_id: int) -> dict[int, dict[str, Any]]:
    query: Any = Assignment.select().where(Assignment.manager == manager_id).dicts()
    return {assignment["id"]: assignment for assignment in query}


def _assignment_lines(assignments: Iterable[dict[str, Any]]) -> list[str]:
    """Under way first (soonest due first), then finished ones, most recent first."""
    under_way = sorted(
        (a for a in assignments if a["status"] in _UNDER_WAY),
        key=lambda a: (a["due_on"] is None, str(a["due_on"]), a["id"]),
    )
    finished = sorted(
        (a for a in assignments if a["status"] not in _UNDER_WAY),
        key=lambda a: (str(a["completed_on"] or a["due_on"] or ""), a["id"]),
        reverse=True,
    )
    return [line for assignment in (*under_way, *finished) for line in _assignment(assignment)]


def _item(text: str, owner: str, due: Any, status: str, closed: Any) -> str:
    """An action item as a task list line: "- [x] Send the plan (them, due …, done …)"."""
    mark = "x" if status == ActionStatus.DONE.value else " "
    facts = ["me" if owner == Owner.ME.value else "them"]
    if due:
        facts.append(f"due {due}")
    if status != ActionStatus.OPEN.value:
        facts.append(f"{status} {closed or ''}".strip())
    return f"- [{mark}] {_cell(text)} ({', '.join(facts)})"


def _written_item(item: dict[str, Any]) -> str:
    return _item(item["text"], item["owner"], item["due_on"], item["status"], item["closed_on"])


def _open_items(manager_id: int) -> list[str]:
    return [
        _item(item.text, item.owner.value, item.due_on, item.status.value, item.closed_on)
        for item in touchpoints.open_action_items(manager_id)
    ]


def _touchpoint(
    touchpoint: dict[str, Any],
    items: Sequence[dict[str, Any]],
    assignments: dict[int, dict[str, Any]],
    attendees: Sequence[touchpoints.Attendee] = (),
    manager_id: int | None = None,
) -> list[str]:
    kind = TouchpointKind(touchpoint["kind"])
    lines = [f"### {_moment(touchpoint['occurred_at'])} · {kind.label}", ""]
    facts = []
    others = [a.name for a in attendees if a.manager_id != manager_id]
    if others:
        named = ", ".join(_cell(name) for name in others[:NAMED_ATTENDEES])
        more = len(others) - NAMED_ATTENDEES
        facts.append(f"with {named}" + (f" and {more:,} others" if more > 0 else ""))
    if touchpoint["duration_minutes"] is not None:
        facts.append(f"{touchpoint['duration_minutes']} minutes")
    if touchpoint["mood"] is not None:
        facts.append(f"mood {touchpoint['mood']}/5")
    assignment = assignments.get(touchpoint["assignment"] or 0)
    if assignment is not None:
        facts.append(f"assignment: {_cell(assignment['title'])}")
    if facts:
        lines += [" · ".join(facts), ""]
    if touchpoint["summary"].strip():
        lines += [f"**{_cell(touchpoint['summary'])}**", ""]
    if touchpoint["notes"].strip():
        lines += [nest_markdown(touchpoint["notes"].strip(), 3), ""]
    for field, label in _KIND_FIELDS:
        if touchpoint[field].strip():
            lines += [f"**{label}**", "", nest_markdown(touchpoint[field].strip(), 3), ""]
    small = len(attendees) <= NAMED_ATTENDEES + 1
    for attendee in attendees:
        if attendee.note.strip() and (small or attendee.manager_id == manager_id):
            title = f"**About {_cell(attendee.name)}**"
            lines += [title, "", nest_markdown(attendee.note.strip(), 3), ""]
    if items:
        lines += ["Action items:", "", *(_written_item(item) for item in items), ""]
    return lines


class _SharedMeetings:
    """The attendees of meetings with several managers, read once for a whole export: a huddle
    of the whole team is in every attendee's file (a thousand files each reading the same
    thousand attendees of twenty huddles took 80 of the export's 90 seconds)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[touchpoints.Attendee, ...]] = {}

    def attendees(self, ids: Sequence[int]) -> dict[int, tuple[touchpoints.Attendee, ...]]:
        found = touchpoints.attendees_of(i for i in ids if i not in self._known)
        self._known.update((i, people) for i, people in found.items() if len(people) > 1)
        return {i: found[i] if i in found else self._known[i] for i in ids}


def _timeline(
    manager_id: int, assignments: dict[int, dict[str, Any]], shared: _SharedMeetings
) -> tuple[list[str], int]:
    rows: Any = (
        Touchpoint.select()
        .where(touchpoints.attended_by(manager_id), Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
        .dicts()
    )
    shown = list(rows)
    attendees = shared.attendees([row["id"] for row in shown])
    query: Any = (
        ActionItem.select()
        .join(Touchpoint)
        .where(touchpoints.attended_by(manager_id))
        .order_by(ActionItem.id)
        .dicts()
    )
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in query:
        items[item["touchpoint"]].append(item)
    lines: list[str] = []
    count = 0
    for touchpoint in shown:
        lines += _touchpoint(
            touchpoint,
            items[touchpoint["id"]],
            assignments,
            attendees[touchpoint["id"]],
            manager_id,
        )
        count += 1
    return lines, count


def manager_markdown(
    manager_id: int, today: dt.date | None = None, shared: _SharedMeetings | None = None
) -> tuple[str, int]:
    """One manager's file, and how many touchpoints it shows."""
    today = today or dt.date.today()
    manager = roster.get_manager(manager_id)
    assignments = _assignments(manager_id)
    timeline, count = _timeline(manager_id, assignments, shared or _SharedMeetings())
    lines = [
        *_profile(manager),
        *_block("Cadence", _cadence(manager_id, today)),
        *_block("Strengths", _traits(manager_id, TraitKind.STRENGTH)),
        *_block("Development areas", _traits(manager_id, TraitKind.DEVELOPMENT)),
        *_block("Motivators", _motivators(manager_id)),
        *_block("Talent reviews", _talent_history(manager_id)),
        *_block("Assignments", _assignment_lines(assignments.values())),
        *_block("Open action items", _open_items(manager_id)),
        *_block("Timeline", timeline or ["No touchpoints yet."]),
    ]
    return "\n".join(lines).rstrip("\n") + "\n", count


# --- The index and the folder -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Entry:
    manager: roster.ManagerRecord
    file_name: str
    touchpoints: int
    last: str
    next_one_on_one: str


def _index_table(entries: Sequence[_Entry]) -> list[str]:
    rows = [
        "| Manager | Title | Team | Touchpoints | Last touchpoint | Next one-on-one |",
        "|---|---|---|---|---|---|",
    ]
    for entry in entries:
        manager = entry.manager
        rows.append(
            f"| [{_link_text(manager.name)}](<{entry.file_name}>) | {_cell(manager.title)} "
            f"| {_cell(manager.team)} | {entry.touchpoints} | {entry.last} "
            f"| {entry.next_one_on_one} |"
        )
    return rows


def _index(entries: Sequence[_Entry], today: dt.date) -> str:
    active = [entry for entry in entries if not entry.manager.archived]
    archived = [entry for entry in entries if entry.manager.archived]
    lines = [
        "# Coaching journal",
        "",
        f"Exported on {today} by CoachJournal {__version__}: one file per manager, the timeline "
        "newest first. The trash and unsaved drafts are not included (the JSON export holds "
        "everything).",
        *_block("Managers", _index_table(active) if active else ["No managers yet."]),
        *_block("Archived managers", _index_table(archived) if archived else []),
        *_block("Talent review", _talent_grid()),
        *_block("Team plans", _team_plans(today)),
    ]
    return "\n".join(lines) + "\n"


def _team_plans(today: dt.date) -> list[str]:
    """Each team plan with its goals: how far the team was when it was made, and is today."""
    lines: list[str] = []
    for plan in team_plan.list_plans():
        lines += [
            f"### {_cell(plan.title)}",
            "",
            f"Made {plan.created_on}, for {plan.target_date}.",
            "",
        ]
        if plan.note:
            lines += [nest_markdown(plan.note, 3), ""]
        then = team_plan.progress(plan, plan.created_on)
        now = team_plan.progress(plan, min(today, plan.target_date))
        lines += ["| Goal | When made | Today |", "|---|---|---|"]
        for before, after in zip(then, now, strict=True):
            lines.append(
                f"| {_cell(after.goal.describe(after.team_size))} "
                f"| {before.met} of {before.team_size} | {after.met} of {after.team_size} |"
            )
        lines.append("")
    return lines


def _last_touchpoint(manager_id: int) -> str:
    last = (
        Touchpoint.select(Touchpoint.occurred_at)
        .where(Touchpoint.manager == manager_id, Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc())
        .limit(1)
        .scalar()
    )
    return _day(last)


def _next_one_on_one(manager: roster.ManagerRecord, today: dt.date) -> str:
    if manager.archived:
        return ""
    status = cadence.statuses_for(manager.id, today)[0]
    if not status.applies:
        return status.status.label.lower()
    return f"{status.next_due} ({status.status.label.lower()})"


def export_markdown(
    folder: Path | str, *, force: bool = False, today: dt.date | None = None
) -> MarkdownSummary:
    """Write the open journal as Markdown files into a new folder (replaced only with
    ``force``, and only if it holds nothing but an earlier Markdown export); read in one
    transaction, so the files agree with each other."""
    today = today or dt.date.today()
    managers = roster.list_managers(include_archived=True)
    names = file_names((manager.id, manager.name) for manager in managers)
    entries = []
    target = Path(folder).expanduser()
    with (
        new_folder(target, suffixes=frozenset({".md"}), force=force) as temporary,
        database.atomic(),
    ):
        shared = _SharedMeetings()
        for manager in managers:
            text, count = manager_markdown(manager.id, today, shared)
            (temporary / names[manager.id]).write_text(text, encoding="utf-8", newline="\n")
            entries.append(
                _Entry(
                    manager,
                    names[manager.id],
                    count,
                    _last_touchpoint(manager.id),
                    _next_one_on_one(manager, today),
                )
            )
        (temporary / INDEX).write_text(_index(entries, today), encoding="utf-8", newline="\n")
    return MarkdownSummary(target, len(entries), sum(entry.touchpoints for entry in entries))
