"""The prep sheet as HTML for Qt's rich text: one layout for the screen, the print-out and the
PDF.

Qt's rich text reads a subset of HTML 4 and CSS 2 (tables, headings, lists, inline colours; no
floats, no per-side borders), so the layout is built from those: a heading per section, a table
where there are columns to line up. Each section starts with an ``<h2>``; the PDF writer keeps a
section on one page by breaking before that heading when the section would otherwise straddle
two pages. Meaning never rides on colour alone: overdue items say "overdue", trends have arrows.

:data:`SECTIONS` maps each part of the sheet to the function that returns its HTML (or None to
leave it out); :data:`coachjournal.coaching.prep.ORDER` puts them in order. A part can be capped
(``limits``) to a number of rows, the rest counted ("…and 4 more"), so a one-page print-out can be
fitted by the caller, which measures the laid-out page.

Notes excerpts keep their Markdown structure: headings run into their paragraph in bold, list
items keep their own lines, emphasis stays (:func:`notes_html`).

The frequency chart is drawn by :mod:`coachjournal.render.charts` into PNG bytes
(:func:`chart_png`), which the caller registers as an image resource under :data:`CHART_URL`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from html import escape

from coachjournal import colours
from coachjournal.coaching import prep, stats
from coachjournal.coaching.cadence import CadenceStatus, KindStatus
from coachjournal.coaching.development import Confirmation, RatingTrend, TraitRecord
from coachjournal.coaching.prep import FULL, OpenItem, Part, PrepSheet
from coachjournal.coaching.stats import FrequencySeries
from coachjournal.periods import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

#: Where the chart image is looked up in the document's resources.
CHART_URL = "prep://frequency.png"
#: The chart's size on the page, in inches, and how far back it looks.
CHART_INCHES = (6.8, 2.5)
CHART_MONTHS = 12
#: Lines left blank under the agenda on paper, to write on.
BLANK_AGENDA_LINES = 5


@dataclasses.dataclass(frozen=True, slots=True)
class Style:
    """The colours of the sheet: dark on white on paper, the app's palette on screen."""

    text: str
    muted: str
    accent: str
    #: Late things (always with a word, never colour alone).
    warn: str
    good: str
    rule: str
    panel: str
    dark: bool = False


PAPER = Style(
    text="#1F1F1F",
    muted="#5E5E5E",
    accent=colours.BLUE,
    warn="#B8470A",
    good="#00795A",
    rule="#C9CDD2",
    panel="#F1F3F5",
)
NIGHT = Style(
    text="#E7E9EC",
    muted="#A5ABB3",
    accent="#6CA8FF",
    warn="#FF9A5C",
    good="#4FD1A5",
    rule="#3A3F47",
    panel="#272B31",
    dark=True,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Context:
    style: Style
    #: Paper (print and PDF) rather than the screen, where the side panel holds the agenda
    #: and the suggested questions.
    paper: bool
    #: The chart's image resource, if one was drawn, and its width in document pixels.
    chart: str | None
    chart_width: int
    #: Rows each part may list (a part not named lists all of them).
    limits: Mapping[Part, int] = dataclasses.field(default_factory=dict)

    def limit(self, part: Part) -> int:
        return self.limits.get(part, FULL)


Section = Callable[[PrepSheet, Context], str | None]


def _short(day: dt.date, today: dt.date) -> str:
    """ "Tue 3 Mar" this year, "3 Mar 2025" before."""
    if day.year != today.year:
        return stats.date_label(day)
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _muted(text: str, ctx: Context) -> str:
    return f'<span style="color:{ctx.style.muted}">{text}</span>'


def _warn(text: str, ctx: Context) -> str:
    return f'<b style="color:{ctx.style.warn}">{text}</b>'


def _section(title: str, body: str, ctx: Context, note: str = "") -> str:
    extra = (
        f' &nbsp;<span style="color:{ctx.style.muted}; font-weight:normal; font-size:9pt">'
        f"{escape(note)}</span>"
        if note
        else ""
    )
    # Paper is tighter, so one page holds more; no less than the 12px under a list, which Qt
    # would use instead (and the pagination measures from the heading's own margin).
    space = 12 if ctx.paper else 16
    heading = (
        f'<h2 style="color:{ctx.style.accent}; font-size:13pt; margin-top:{space}px; '
        f'margin-bottom:4px">{escape(title)}{extra}</h2>'
    )
    return heading + body


def _empty(text: str, ctx: Context) -> str:
    return f'<p style="margin:2px 0 6px 0">{_muted(escape(text), ctx)}</p>'


def _empty_section(title: str, text: str, ctx: Context) -> str:
    """A section with nothing in it yet: what to do about that instead of a table."""
    return _section(title, _empty(text, ctx), ctx)


def _more(count: int, ctx: Context, where: str = "") -> str:
    """ "…and 4 more" under a list that was cut to fit."""
    return _empty(f"…and {count} more{where}.", ctx) if count > 0 else ""


_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_ITEM = re.compile(r"^(?:[-*+•]|(\d+[.)]))\s+(.*)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _inline(text: str) -> str:
    """One line of Markdown as escaped HTML: bold, italics and code kept, links as their text."""
    html = escape(_LINK.sub(r"\1", text), quote=False)
    html = _CODE.sub(r"\1", html)
    html = _STRONG.sub(r"<b>\2</b>", html)
    return _EMPHASIS.sub(r"<i>\2</i>", html)


def notes_html(text: str) -> str:
    """An excerpt of notes (Markdown, one block a line) as HTML lines: a heading runs into the
    text after it in bold ("<b>Escalations.</b> The escalation…"), list items keep a line each
    with their bullet or number, quotes are in italics."""
    lines: list[str] = []
    heading = ""
    for line in text.splitlines():
        if found := _HEADING.match(line):
            if heading:
                lines.append(heading)
            title = found.group(1).rstrip()
            stop = "" if title.endswith((".", ":", "?", "!", "…")) else "."
            heading = f"<b>{_inline(title)}{stop}</b>"
            continue
        if found := _ITEM.match(line):
            mark = found.group(1) or "•"
            html = f"{mark} {_inline(found.group(2))}"
        elif found := _QUOTE.match(line):
            html = f"<i>{_inline(found.group(1))}</i>"
        else:
            html = _inline(line)
        if heading:
            html = f"{heading} {html}" if not _ITEM.match(line) else f"{heading}<br>{html}"
            heading = ""
        lines.append(html)
    if heading:
        lines.append(heading)
    return "<br>".join(lines)


#: Qt's rich text drops the top margin of a block that follows a table: a hairline paragraph
#: after each table gives the next heading its space back.
_AFTER_TABLE = '<p style="margin:0; font-size:1pt">&nbsp;</p>'


def _table(rows: Sequence[Sequence[str]], ctx: Context, widths: Sequence[int] = ()) -> str:
    """Rows of cells (already HTML) with a thin rule between rows."""
    out = [
        '<table width="100%" cellspacing="0" cellpadding="4" '
        f'style="border-collapse:collapse; border-color:{ctx.style.rule}" border="0">'
    ]
    for index, row in enumerate(rows):
        shade = f' bgcolor="{ctx.style.panel}"' if index % 2 == 0 else ""
        cells = []
        for column, cell in enumerate(row):
            width = f' width="{widths[column]}%"' if column < len(widths) else ""
            cells.append(f'<td valign="top"{width}>{cell}</td>')
        out.append(f"<tr{shade}>{''.join(cells)}</tr>")
    out.append("</table>")
    out.append(_AFTER_TABLE)
    return "".join(out)


# --- Header -----------------------------------------------------------------------------------


def _status_word(status: KindStatus, ctx: Context) -> str:
    word = status.status.label
    if status.status is CadenceStatus.ON_TRACK:
        return f'<b style="color:{ctx.style.good}">{word}</b>'
    if not status.applies:
        return _muted(word, ctx)
    return _warn(word, ctx)


def header(sheet: PrepSheet, ctx: Context) -> str:
    """Who and when, in three lines: what needs attention follows at once (the cadence, the
    items and the assignments each have their part below)."""
    name = escape(sheet.manager.name)
    profile = escape(sheet.profile) or "No title or team yet: add them in the profile."
    archived = " · archived" if sheet.manager.archived else ""
    today = sheet.today
    date = (
        f"{WEEKDAY_NAMES[today.weekday()]} {today.day} {MONTH_NAMES[today.month - 1]} {today.year}"
    )
    return (
        f'<p style="margin:0">{_muted("One-on-one prep · " + date + archived, ctx)}</p>'
        f'<h1 style="font-size:20pt; margin:2px 0 2px 0">{name}</h1>'
        f'<p style="margin:0 0 4px 0">{_muted(profile, ctx)}</p>'
    )


# --- Sections ---------------------------------------------------------------------------------


def _item_row(open_item: OpenItem, ctx: Context, today: dt.date) -> list[str]:
    item = open_item.item
    when = []
    if item.due_on is not None:
        due = f"due {_short(item.due_on, today)}"
        if open_item.is_overdue:
            due = _warn(f"OVERDUE {_days(open_item.days_overdue)}", ctx) + f" ({due})"
        when.append(due)
    else:
        when.append(_muted("no due date", ctx))
    if open_item.age_days is not None and item.written_at is not None:
        when.append(
            _muted(
                f"open {_days(open_item.age_days)}, "
                f"from {stats.date_label(item.written_at.date())}",
                ctx,
            )
        )
    return [f"☐ {escape(item.text)}", "<br>".join(when)]


def attention(sheet: PrepSheet, ctx: Context) -> str:
    """Everything late or due, the latest first: every activity, and as many overdue items and
    assignments as the limit lets through (the rest counted)."""
    found = sheet.attention
    if not found:
        return _empty_section(
            "Needs attention first",
            "Nothing late or due: every activity is on track, no item or assignment overdue.",
            ctx,
        )
    activities = sum(a.concern is prep.Concern.ACTIVITY for a in found)  # they come first
    rows = []
    for item in found[: activities + ctx.limit(Part.ATTENTION)]:
        if item.overdue:
            late = _warn(f"OVERDUE {_days(item.days_late)}", ctx)
        elif item.days_late:
            late = _warn(f"Due · {_days(item.days_late)} late", ctx)
        else:
            late = _warn("Due today", ctx)
        if item.concern is prep.Concern.ACTIVITY:
            # "Call review 59 days ago (…)": the kind in bold, then the numbers behind it.
            rest = item.detail.removeprefix(item.what)
            if rest == item.detail:
                rest = " · " + item.detail
            what = f"<b>{escape(item.what)}</b>{_muted(escape(rest), ctx)}"
        else:
            what = f"{escape(item.what)} {_muted('· ' + escape(item.detail), ctx)}"
        label = _muted(escape(item.concern.label), ctx)
        rows.append([late, what, label])
    body = _table(rows, ctx, (24, 58, 18)) + _more(len(found) - len(rows), ctx)
    overdue = sum(item.overdue for item in found)
    note = f"{overdue} overdue · {len(found) - overdue} due" if overdue else f"{len(found)} due"
    return _section("Needs attention first", body, ctx, note)


def action_items(sheet: PrepSheet, ctx: Context) -> str:
    """The open items that are not late (the late ones lead the sheet)."""
    parts = []
    room = ctx.limit(Part.ACTION_ITEMS)
    hidden = 0
    for title, items in (("Theirs", sheet.their_items), ("Yours", sheet.my_items)):
        current = [item for item in items if not item.is_overdue]
        if current and room > 0:
            rows = [_item_row(item, ctx, sheet.today) for item in current[:room]]
            parts.append(f'<p style="margin:6px 0 2px 0"><b>{title}</b></p>')
            parts.append(_table(rows, ctx, (64, 36)))
        hidden += max(0, len(current) - max(room, 0))
        room -= len(current)
    overdue = sheet.overdue_items
    note = f"{overdue} overdue listed above" if overdue else "carried over until done"
    if not parts:
        text = (
            "Nothing else open."
            if overdue
            else "Nothing open on either side: agree the next steps in this one."
        )
        body = _empty(text, ctx)
    else:
        body = "".join(parts) + _more(hidden, ctx)
    return _section("Open action items", body, ctx, note)


def since_last(sheet: PrepSheet, ctx: Context) -> str:
    last = sheet.last_one_on_one
    if not sheet.since:
        title = "Since the last one-on-one" if last else "History"
        return _empty_section(
            title, "No touchpoints yet: this will be your first conversation.", ctx
        )
    rows = []
    listed = sheet.since[: ctx.limit(Part.SINCE)]
    for entry in listed:
        kind = f"<b>{escape(entry.kind.label)}</b>"
        when = _muted(f"{_short(entry.occurred_at.date(), sheet.today)}", ctx)
        summary = escape(entry.summary) or _muted("(no summary)", ctx)
        text = f"<b>{summary}</b>"
        if entry.excerpt:
            notes = notes_html(entry.excerpt)
            text += f'<br><span style="color:{ctx.style.muted}">{notes}</span>'
        rows.append([f"{when}<br>{kind}", text])
    body = _table(rows, ctx, (18, 82))
    body += _more(sheet.since_more + len(sheet.since) - len(listed), ctx, " in the journal")
    if last is None:
        return _section("Latest touchpoints", body, ctx, "no one-on-one yet")
    return _section("Since the last one-on-one", body, ctx, f"on {stats.date_label(last)}")


def assignments(sheet: PrepSheet, ctx: Context) -> str:
    if not sheet.assignments:
        return _empty_section(
            "Growth assignments",
            "No active assignment: is there a stretch worth agreeing today?",
            ctx,
        )
    rows = []
    listed = sheet.assignments[: ctx.limit(Part.ASSIGNMENTS)]
    for record in listed:
        state = record.status.value.capitalize()
        if record.is_overdue(sheet.today):
            due = _warn(f"OVERDUE {_days(record.days_overdue(sheet.today))}", ctx)
        elif record.due_on is not None:
            due = f"due {_short(record.due_on, sheet.today)}"
        else:
            due = _muted("no due date", ctx)
        skill = f"<br>{_muted(escape(record.skill), ctx)}" if record.skill else ""
        worked = _muted(
            f"worked on in {record.touchpoints} touchpoint{'s' if record.touchpoints != 1 else ''}",
            ctx,
        )
        rows.append([f"<b>{escape(record.title)}</b>{skill}", f"{state} · {due}<br>{worked}"])
    body = _table(rows, ctx, (64, 36)) + _more(len(sheet.assignments) - len(listed), ctx)
    return _section("Growth assignments", body, ctx)


_TREND_WORDS = {
    RatingTrend.UP: "up",
    RatingTrend.DOWN: "down",
    RatingTrend.STEADY: "steady",
    RatingTrend.FIRST: "first rating",
    RatingTrend.UNRATED: "",
}


def _trait_cells(trait: TraitRecord, ctx: Context, today: dt.date) -> list[str]:
    if trait.rating is None:
        rating = _muted("not rated", ctx)
    else:
        dots = "●" * trait.rating + "○" * (5 - trait.rating)
        rating = f"{dots} {trait.rating}/5 {trait.trend.arrow} {_TREND_WORDS[trait.trend]}"
    target = ""
    if trait.target_rating is not None:
        by = f" by {stats.date_label(trait.target_date)}" if trait.target_date else ""
        target = f"target {trait.target_rating}{by}"
        if trait.target_met:
            target += " · met"
        elif trait.target_missed(today):
            target = _warn(target + " · missed", ctx)
    detail = f"<br>{_muted(escape(trait.detail), ctx)}" if trait.detail else ""
    return [f"{escape(trait.skill)}{detail}", rating, target]


def traits(sheet: PrepSheet, ctx: Context) -> str | None:
    cap = ctx.limit(Part.TRAITS)
    if cap == 0:
        return None
    if not sheet.strengths and not sheet.development:
        return _empty_section(
            "Strengths and development areas",
            "None noted yet: ask what they do best and what they want to grow.",
            ctx,
        )
    parts = []
    for title, records in (
        ("Strengths", sheet.strengths),
        ("Development areas", sheet.development),
    ):
        if records:
            parts.append(f'<p style="margin:6px 0 2px 0"><b>{title}</b></p>')
            rows = [_trait_cells(record, ctx, sheet.today) for record in records[:cap]]
            parts.append(_table(rows, ctx, (44, 30, 26)))
            parts.append(_more(len(records) - len(rows), ctx, " in the profile"))
    return _section("Strengths and development areas", "".join(parts), ctx)


def team_plan(sheet: PrepSheet, ctx: Context) -> str | None:
    """The team plan's skills where this manager is below the plan, one line each; left out
    when there are none (or no plan)."""
    cap = ctx.limit(Part.TEAM_PLAN)
    if cap == 0 or not sheet.team_plan:
        return None
    listed = sheet.team_plan[:cap]
    items = "".join(
        f"<li>{escape(goal.subject)}: "
        f"{'not rated' if rating is None else f'{rating}'}"
        f"{_muted(f' · the plan asks {goal.level:g}', ctx)}</li>"
        for goal, rating in listed
    )
    body = f"<ul>{items}</ul>" + _more(len(sheet.team_plan) - len(listed), ctx)
    return _section("Below the team plan", body, ctx)


def motivators(sheet: PrepSheet, ctx: Context) -> str | None:
    cap = ctx.limit(Part.MOTIVATORS)
    if cap == 0:
        return None
    if not sheet.motivators:
        return _empty_section(
            "Top motivators", "Not known yet: ask what gets them out of bed for this job.", ctx
        )
    items = []
    listed = sheet.motivators[:cap]
    for record in listed:
        flag = ""
        state = record.confirmation(sheet.today)
        if state is Confirmation.NOT_YET:
            flag = " " + _muted("· not confirmed yet", ctx)
        elif state is Confirmation.NEVER:
            flag = " " + _warn("· never confirmed", ctx)
        elif state is Confirmation.STALE and record.confirmed_on is not None:
            flag = " " + _warn(
                "· not confirmed since " + stats.date_label(record.confirmed_on), ctx
            )
        note = f" {_muted('— ' + escape(record.note), ctx)}" if record.note else ""
        items.append(f"<li>{escape(record.name)}{note}{flag}</li>")
    more = sheet.motivators_total - len(listed)
    note = f"{more} more in the profile" if more else ""
    return _section("Top motivators", f"<ol>{''.join(items)}</ol>", ctx, note)


def cadence(sheet: PrepSheet, ctx: Context) -> str | None:
    if ctx.limit(Part.CADENCE) == 0:
        return None
    rows = []
    for status in sheet.cadence:
        rule = f"every {status.rule.ideal_days}, at most {status.rule.max_days} days"
        rows.append(
            [
                f"<b>{escape(status.kind.label)}</b>",
                f"{_status_word(status, ctx)} · {escape(status.describe())}",
                _muted(rule, ctx),
            ]
        )
    return _section("Cadence", _table(rows, ctx, (24, 50, 26)), ctx)


def chart(sheet: PrepSheet, ctx: Context) -> str | None:
    if ctx.chart is None or ctx.limit(Part.CHART) == 0:
        return None
    image = f'<img src="{ctx.chart}" width="{ctx.chart_width}">'
    return _section("Coaching frequency", f"<p>{image}</p>", ctx, f"last {CHART_MONTHS} months")


def suggested_questions(sheet: PrepSheet, ctx: Context) -> str | None:
    if not ctx.paper:
        return None
    if not sheet.questions:
        return _empty_section("Suggested questions", "The question bank is empty.", ctx)
    listed = sheet.questions[: ctx.limit(Part.QUESTIONS)]
    items = "".join(
        f"<li>{escape(q.text)} {_muted('· ' + escape(q.reason), ctx)}</li>" for q in listed
    )
    body = f"<ol>{items}</ol>" + _more(len(sheet.questions) - len(listed), ctx)
    return _section("Suggested questions", body, ctx)


def agenda(sheet: PrepSheet, ctx: Context) -> str | None:
    """On paper: today's agenda as ruled lines, with blank ones left to write on."""
    if not ctx.paper:
        return None
    lines = [line.strip() for line in sheet.agenda.splitlines() if line.strip()]
    items = [line[2:] if line[:2] in {"- ", "* ", "• "} else line for line in lines]
    rows = [f"<tr><td>• {escape(item)}</td></tr>" for item in items]
    blank = min(ctx.limit(Part.AGENDA), BLANK_AGENDA_LINES)
    rows += ["<tr><td>&nbsp;</td></tr>"] * max(0, blank - len(items))
    table = (
        '<table width="100%" cellspacing="0" cellpadding="5" border="1" '
        f'style="border-collapse:collapse; border-style:solid; border-color:{ctx.style.rule}">'
        f"{''.join(rows)}</table>{_AFTER_TABLE}"
    )
    return _section("Agenda", table, ctx, "" if items else "write it here")


def results(sheet: PrepSheet, ctx: Context) -> str | None:
    """The team's latest attainment and the manager's coaching of their reps, with the trend
    in words and an arrow; left out until results are entered."""
    found = sheet.results
    if found is None or found.is_empty or ctx.limit(Part.RESULTS) == 0:
        return None
    rows = [
        ["<b>Attainment</b>", escape(found.attainment_text)],
        [
            "<b>Coaching of reps</b>",
            escape(found.rep_coaching_text) + _muted(f" · target {found.target:g}", ctx),
        ],
    ]
    return _section("Results", _table(rows, ctx, (24, 76)), ctx)


#: What renders each part of the sheet (in :data:`coachjournal.coaching.prep.ORDER`).
SECTIONS: dict[Part, Section] = {
    Part.ATTENTION: attention,
    Part.AGENDA: agenda,
    Part.QUESTIONS: suggested_questions,
    Part.ACTION_ITEMS: action_items,
    Part.SINCE: since_last,
    Part.ASSIGNMENTS: assignments,
    Part.TRAITS: traits,
    Part.TEAM_PLAN: team_plan,
    Part.MOTIVATORS: motivators,
    Part.RESULTS: results,
    Part.CADENCE: cadence,
    Part.CHART: chart,
}


def render(
    sheet: PrepSheet,
    *,
    style: Style = PAPER,
    paper: bool = True,
    chart: str | None = None,
    chart_width: int = 640,
    limits: Mapping[Part, int] | None = None,
) -> str:
    """The whole sheet as one HTML document, each part capped at ``limits`` rows (all of them
    for a part not named)."""
    ctx = Context(style, paper, chart, chart_width, limits or {})
    parts = [header(sheet, ctx)]
    for part in prep.ORDER:
        html = SECTIONS[part](sheet, ctx)
        if html is not None:
            parts.append(html)
    cut = " Cut to fit one page: “Full detail” prints everything." if limits else ""
    footer = _muted(
        f"Prepared {stats.date_label(sheet.today)} from your CoachJournal. "
        f"Private: keep it to yourself.{cut}",
        ctx,
    )
    if paper:
        parts.append(f'<p style="margin-top:18px; font-size:8pt">{footer}</p>')
    body = "".join(parts)
    return f'<html><body style="color:{style.text}; font-size:10pt">{body}</body></html>'


# --- The chart --------------------------------------------------------------------------------


def chart_data(manager_id: int, today: dt.date) -> FrequencySeries:
    """The manager's touchpoints per week over the last :data:`CHART_MONTHS` months."""
    months = today.year * 12 + today.month - 1 - (CHART_MONTHS - 1)
    start = dt.date(months // 12, months % 12 + 1, 1)
    return stats.frequency(stats.Period.WEEK, start, today, manager_id)


def chart_png(
    series: FrequencySeries,
    *,
    dpi: float = 200,
    size: tuple[float, float] = CHART_INCHES,
    dark: bool = False,
) -> bytes:
    """The frequency chart as PNG bytes. Touches no database: safe in a worker thread."""
    from coachjournal.render import charts  # matplotlib: paid only when a chart is drawn

    figure = charts.new_figure(size)
    charts.draw_frequency(figure, series, dark=dark)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()
