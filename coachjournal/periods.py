"""English names of the months and weekdays, for labels, choices and documents.

Not :data:`calendar.month_name` or ``strftime("%b")``: those follow the C library's locale,
which Qt sets from the system when the app starts, and the app writes its dates in English
whatever the locale (a prep sheet printed from the app reads the same as one from the command
line).
"""

from __future__ import annotations

MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
#: "Jan" to "Dec".
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
#: Monday first, as :meth:`datetime.date.weekday` counts.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
