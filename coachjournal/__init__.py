"""CoachJournal: a private coaching journal for sales leaders.

This package is the core: the domain, the storage and the command line. It never imports Qt,
so everything here can be used and tested without a display.
"""

__version__ = "0.1.0"
APP_NAME = "CoachJournal"
