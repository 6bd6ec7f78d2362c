"""What the journal may hold: the lengths, characters, ranges and dates of every field.

One set of rules for every way data enters: the editors' services in :mod:`coachjournal.coaching`,
the JSON export's import, the roster, results and calendar imports. Whatever one of them accepts,
every screen, chart, prep sheet and export must be able to show, so the limits are those of the
editors, and an import applies the same ones: a cadence of millions of days or a name of a
thousand characters edited into an export is refused with a sentence, instead of being stored
and then breaking the app at every start.

Text is checked for characters that cannot be shown or stored: C0 and C1 control characters
(refused in one-line fields; dropped from notes, which keep their line breaks and tabs) and lone
surrogates (half of a character: SQLite cannot store them as UTF-8); direction overrides are
dropped from one-line fields (see :data:`_DIRECTION`). A leaf: it imports nothing
of the app, so storage, coaching, exchange and the UI can all use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from coachjournal.errors import ValidationError

# --- Dates ------------------------------------------------------------------------------------

#: The years a date of the journal may fall in; anything else is a typing slip (and a year such
#: as 9999 overflows the date arithmetic of the charts and the cadence).
MIN_YEAR = 1950
MAX_YEAR = 2200
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)
LAST_DAY = dt.date(MAX_YEAR, 12, 31)


def plausible_day(day: dt.date) -> bool:
    """Whether a date (or the date of a time) falls within :data:`MIN_YEAR`..:data:`MAX_YEAR`."""
    return MIN_YEAR <= day.year <= MAX_YEAR


# --- Numbers ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Whole:
    """A whole number from ``low`` to ``high``."""

    low: int
    high: int

    def allows(self, value: int) -> bool:
        return self.low <= value <= self.high

    def reason(self) -> str:
        return f"must be a whole number from {self.low:,} to {self.high:,}"


#: Row ids and links: what every widget and item model can hold (Qt's int is 32 bits).
ID = Whole(1, 2**31 - 1)
#: Days between touchpoints of one kind: at most ten years, anything longer is a slip.
CADENCE_DAYS = Whole(1, 3650)
DURATION_MINUTES = Whole(0, 24 * 60)
RATING = Whole(1, 5)
#: Amounts in cents: up to a trillion.
CENTS = Whole(0, 100_000_000_000_000)
#: Reps, one-on-ones, joint calls, team meetings in one period.
COUNT = Whole(0, 1_000_000)
#: The order of a manager's motivators or traits.
POSITION = Whole(0, 1_000_000)
#: A talent review's performance or potential: 1 low, 2 medium, 3 high.
LEVEL = Whole(1, 3)


# --- Text -------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("\r\n?")
#: Any character that a one-line text, or a text of lines, must not hold as it is: one search
#: clears almost every value (the import checks millions).
_ATTENTION = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Direction embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): in a name or a
#: title, one left open turns the rest of the line around it backwards wherever the name is shown
#: ("Prep for <RLO>Ana" shows the sheet's heading reversed). Invisible, so dropping them from a
#: one-line text loses nothing a reader sees; a note keeps them (its paragraphs end them).
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ATTENTION_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class RuleError(ValueError):
    """A value breaks a rule; the message says how ("must be ..."), to follow a field's name."""


@dataclasses.dataclass(frozen=True, slots=True)
class Text:
    """Text of at most ``limit`` characters, on one line unless ``lines``; with ``controls``,
    machine-written text (JSON of a draft or a setting) whose characters are kept as they are."""

    limit: int
    lines: bool = False
    controls: bool = False
    #: A name or title: it must show something (see :func:`shows`).
    required: bool = False
    #: A person's name: signs alone ("," from a file's misread columns) name nobody.
    person: bool = False

    def clean(self, text: str) -> str:
        """The text as it is stored: a note's line breaks made ``\\n`` and its other control
        characters dropped. Raises :class:`RuleError` for a required text that shows nothing,
        a lone surrogate, a control character in a one-line field, or text over the limit.
        Leading and trailing space is the caller's to strip: the import keeps what the
        editors stored."""
        if self.required and not shows(text):
            raise RuleError("must show at least one letter, digit or sign")
        if self.person and not any(c.isalnum() for c in text):
            raise RuleError("must hold at least one letter")
        attention = (
            _SURROGATE if self.controls else _ATTENTION_IN_LINES if self.lines else _ATTENTION
        )
        if len(text) <= self.limit and attention.search(text) is None:
            return text
        if _SURROGATE.search(text):
            raise RuleError("holds a broken character (half of a surrogate pair)")
        if self.lines and not self.controls:
            text = _CONTROL_IN_LINES.sub("", _LINE_BREAK.sub("\n", text))
        elif not self.lines and _CONTROL.search(text):
            raise RuleError("cannot hold line breaks, tabs or control characters")
        elif not self.lines:
            text = _DIRECTION.sub("", text)
        if len(text) > self.limit:
            raise RuleError(f"can have at most {self.limit:,} characters, not {len(text):,}")
        return text


def one_line(text: str, rule: Text) -> str:
    """Foreign one-line text (a calendar event's title) made to fit ``rule`` rather than refused:
    control characters and line breaks become spaces, broken characters go, runs of space are
    folded and the text is cut to the limit."""
    text = _SURROGATE.sub("", _DIRECTION.sub("", _CONTROL.sub(" ", text)))
    return " ".join(text.split())[: rule.limit]


def checked(field: str, text: str, rule: Text, what: str = "This") -> str:
    """``rule.clean(text)`` for an editor: a broken rule as a :class:`ValidationError` on
    ``field`` that starts with ``what`` ("The notes cannot hold ...")."""
    try:
        return rule.clean(text)
    except RuleError as error:
        raise ValidationError(field, f"{what} {error}.") from None


NAME = Text(200, required=True, person=True)
SHORT_TEXT = Text(300)
SUMMARY = Text(500)
#: The skill an assignment develops (may be left empty).
SKILL = Text(120)
#: A strength or development area: a skill that must be named.
TRAIT = Text(SKILL.limit, required=True)
TITLE = Text(200, required=True)
MOTIVATOR = Text(120, required=True)
QUESTION = Text(300)
ACTION = Text(2_000, lines=True, required=True)
#: Notes, observations, reflections: up to a book each (a megabyte of notes is kept whole).
NOTES = Text(2_000_000, lines=True)
#: Machine text kept for the app itself: a calendar event's key, a setting's value, a draft.
KEY = Text(2_000)
SETTING = Text(100_000, lines=True, controls=True)
#: A record's identity across synced journals: 32 lowercase hexadecimal digits.
UID = Text(32)
#: The tables whose rows carry one (every table but drafts and settings).
SYNCED_TABLES = (
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
#: A draft holds an editor's fields as JSON: several notes, each escaped.
DRAFT = Text(64_000_000, lines=True, controls=True)

#: The rule of every text and whole-number column of the journal, by (table, column); dates and
#: times all follow :func:`plausible_day`, and the choices are the enums of
#: :mod:`coachjournal.kinds`. A test checks that every column has its rule here.
COLUMNS: Mapping[tuple[str, str], Text | Whole] = {
    ("manager", "name"): NAME,
    ("manager", "title"): SHORT_TEXT,
    ("manager", "team"): SHORT_TEXT,
    ("manager", "email"): SHORT_TEXT,
    ("manager", "phone"): SHORT_TEXT,
    ("manager", "notes"): NOTES,
    ("trait", "skill"): TRAIT,
    ("trait", "detail"): NOTES,
    ("trait", "target_rating"): RATING,
    ("trait", "position"): POSITION,
    ("trait_rating", "rating"): RATING,
    ("trait_rating", "note"): NOTES,
    ("motivator", "name"): MOTIVATOR,
    ("motivator", "rank"): POSITION,
    ("motivator", "note"): NOTES,
    ("assignment", "title"): TITLE,
    ("assignment", "skill"): SKILL,
    ("assignment", "description"): NOTES,
    ("assignment", "outcome"): NOTES,
    ("assignment", "outcome_rating"): RATING,
    ("assignment", "reflection"): NOTES,
    ("touchpoint", "duration_minutes"): DURATION_MINUTES,
    ("touchpoint", "summary"): SUMMARY,
    ("touchpoint", "notes"): NOTES,
    ("touchpoint", "mood"): RATING,
    ("touchpoint", "account"): SHORT_TEXT,
    ("touchpoint", "objective"): NOTES,
    ("touchpoint", "observations"): NOTES,
    ("touchpoint", "debrief"): NOTES,
    ("touchpoint", "aspiration"): NOTES,
    ("touchpoint", "source_key"): KEY,
    ("touchpoint_attendee", "note"): NOTES,
    ("touchpoint_attendee", "position"): POSITION,
    ("action_item", "text"): ACTION,
    ("cadence", "ideal_days"): CADENCE_DAYS,
    ("cadence", "max_days"): CADENCE_DAYS,
    ("cadence_applies", "team"): SHORT_TEXT,
    ("draft", "payload"): DRAFT,
    ("result", "plan_cents"): CENTS,
    ("result", "actual_cents"): CENTS,
    ("result", "reps"): COUNT,
    ("result", "rep_one_on_ones"): COUNT,
    ("result", "joint_calls"): COUNT,
    ("result", "team_meetings"): COUNT,
    ("result", "note"): NOTES,
    ("talent_review", "title"): TITLE,
    ("talent_placement", "performance"): LEVEL,
    ("talent_placement", "potential"): LEVEL,
    ("talent_placement", "note"): NOTES,
    ("talent_placement", "risk_reason"): NOTES,
    ("setting", "key"): KEY,
    ("setting", "value"): SETTING,
    ("team_plan", "title"): TITLE,
    ("team_plan", "note"): NOTES,
    ("team_plan_goal", "position"): POSITION,
    ("team_plan_goal", "subject"): TRAIT,
    ("team_plan_goal", "at_least"): COUNT,
    **{(table, "uid"): UID for table in SYNCED_TABLES},
}


def text_rule(table: str, column: str) -> Text:
    """The rule of a text column (a TypeError if the column holds no text)."""
    rule = COLUMNS[table, column]
    if not isinstance(rule, Text):
        raise TypeError(f"{table}.{column} holds no text")
    return rule


# --- Text shown in a message, and file names --------------------------------------------------

#: Characters that change how the text around them is shown without being seen themselves:
#: controls, bidirectional marks and overrides (U+200E, U+202A..U+202E, U+2066..U+2069), zero
#: widths, surrogates. A file name holding an override can show "gpj.exe" as "exe.jpg".
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def visible(text: str) -> str:
    """``text`` without the characters that :data:`_INVISIBLE_CATEGORIES` names."""
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)


#: Characters that show nothing themselves: controls, formats (zero widths, direction marks),
#: surrogates and line or paragraph separators. Unassigned and private-use characters may show
#: in a later Unicode or a special font, so they count as shown.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def shows(text: str) -> bool:
    """Whether ``text`` has a character a reader can see: not only spaces of any width (the
    ideographic space included) and invisible characters (zero widths, direction marks)."""
    return any(not c.isspace() and unicodedata.category(c) not in _BLANK_CATEGORIES for c in text)


def escaped(text: str) -> str:
    """``text`` with each character :data:`_INVISIBLE_CATEGORIES` names written as ``\\uXXXX``:
    for a message that quotes what a file holds (a lone surrogate cannot even be printed)."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in _INVISIBLE_CATEGORIES else c for c in text
    )


#: Characters no file system (Windows' included) accepts in a name.
_FILE_NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
)


def file_name(name: str, limit: int, fallback: str) -> str:
    """A file name (without extension) made from ``name``, at most ``limit`` characters, that
    any file system accepts and that shows what it is: no format or bidirectional characters,
    no control character or character Windows refuses (each becomes "-"), no leading or
    trailing dot or space, no reserved device name; ``fallback`` when nothing is left."""
    text = " ".join(_FILE_NAME_UNSAFE.sub("-", unicodedata.normalize("NFC", name)).split())
    text = " ".join(visible(text).split()).strip(" .")[:limit].rstrip(" .")
    if not text:
        return fallback
    if text.split(".")[0].upper() in _RESERVED:
        return f"{text}_"
    return text
