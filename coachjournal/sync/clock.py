"""The hybrid logical clock: when a change was made, comparable across computers.

A stamp is ``<wall milliseconds, 13 digits>.<counter, 6 digits>.<device>``, so stamps sort as
strings in time order, and two computers never make the same one. The clock never goes
backwards: a stamp is later than every stamp this journal made or received before, even if
the computer's clock was set back (then the counter counts on from the last stamp). Receiving
a stamp from the future (another computer's fast clock) moves this one forward with it, so a
change made here after seeing another is always later than it.
"""

from __future__ import annotations

import time

from peewee import SqliteDatabase

#: A stamp before every other (a field no writer had seen).
NEVER = ""


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp(ms: int, count: int, device: str) -> str:
    return f"{ms:013d}.{count:06d}.{device}"


#: How far ahead of this computer's clock a received stamp may be. One from further on (a
#: computer whose clock is years fast, or a crafted file) would carry every clock that saw it
#: there, past the 13 digits of a stamp, and every later change of theirs would be refused.
MOST_AHEAD_MS = 30 * 24 * 3600 * 1000


def parts(hlc: str) -> tuple[int, int, str]:
    """The wall milliseconds, counter and device of a stamp (ValueError if it is none)."""
    ms, count, device = hlc.split(".")
    if len(ms) != 13 or len(count) != 6 or not (ms.isdigit() and count.isdigit()):
        raise ValueError(hlc)
    return int(ms), int(count), device


class TooFarAhead(ValueError):  # noqa: N818 (names the condition)
    """A received stamp further ahead of this computer's clock than :data:`MOST_AHEAD_MS`."""


def received(hlc: str) -> str:
    """``hlc`` from another computer, checked: a stamp (ValueError), and not more than
    :data:`MOST_AHEAD_MS` ahead of this computer's clock (:class:`TooFarAhead`)."""
    ms, _count, _device = parts(hlc)
    if ms > wall_ms() + MOST_AHEAD_MS:
        raise TooFarAhead(hlc)
    return hlc


def device_of(hlc: str) -> str:
    return hlc.rpartition(".")[2]


class Clock:
    """The journal's clock, read from ``sync_state`` and written back by :meth:`save`."""

    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db
        self.device, self.ms, self.count = db.execute_sql(
            "SELECT device, clock_ms, clock_count FROM sync_state"
        ).fetchone()

    def tick(self, wall: int | None = None) -> str:
        """A new stamp, later than every one before; ``wall`` (default now) is when the
        change was made."""
        now = max(wall if wall is not None else wall_ms(), 0)
        if now > self.ms:
            self.ms, self.count = now, 0
        else:
            self.count += 1
            if self.count > 999_999:
                self.ms, self.count = self.ms + 1, 0
        return stamp(self.ms, self.count, self.device)

    def receive(self, hlc: str) -> None:
        """Move the clock to ``hlc`` if it is later, so the next stamp follows it."""
        ms, count, _device = parts(hlc)
        if (ms, count) > (self.ms, self.count):
            self.ms, self.count = ms, count

    def save(self) -> None:
        self._db.execute_sql(
            "UPDATE sync_state SET clock_ms = ?, clock_count = ?", (self.ms, self.count)
        )
