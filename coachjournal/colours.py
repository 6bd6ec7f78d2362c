"""The colours the app shows data in: the Okabe–Ito palette, safe for colour-blind readers.

Kept apart from :mod:`coachjournal.render.charts` (and free of matplotlib) so that the dashboard's
status colours, the charts and the Qt screens all draw from the same few values, and so that
importing a colour never pays for importing matplotlib. Colours are ``#RRGGBB`` strings, which
matplotlib, Qt and SVG all read.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from coachjournal.kinds import TouchpointKind

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
#: vision deficiency. Black is left out: it disappears on a dark background.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
#: A mid grey, outside the palette on purpose: for what asks for nothing (an activity that is
#: not for a manager), readable on a light and a dark background.
NEUTRAL = "#8C8C8C"

#: One colour per kind of touchpoint, the same in every chart and screen. The weekly kinds
#: get the strongest colours; informal chats, the least planned, get yellow.
KIND_COLOURS: Mapping[TouchpointKind, str] = MappingProxyType(
    {
        TouchpointKind.ONE_ON_ONE: BLUE,
        TouchpointKind.FIELD_VISIT: ORANGE,
        TouchpointKind.CALL_REVIEW: SKY_BLUE,
        TouchpointKind.CAREER: REDDISH_PURPLE,
        TouchpointKind.TEAM_MEETING: BLUISH_GREEN,
        TouchpointKind.INFORMAL: YELLOW,
    }
)

#: A sequential scale for ratings 1 to 5 (cividis, Nuñez et al. 2018: designed to read the same
#: with every common colour vision deficiency and in grey), with the text colour that stays
#: legible on each step. The number is always written on it: the shade only helps the eye.
RATING_SCALE: Mapping[int, tuple[str, str]] = MappingProxyType(
    {
        1: ("#00224E", "#FFFFFF"),
        2: ("#434E6C", "#FFFFFF"),
        3: ("#7D7C78", "#000000"),
        4: ("#BCAF6F", "#000000"),
        5: ("#FEE838", "#000000"),
    }
)
