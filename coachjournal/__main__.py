"""Entry point of ``coachjournal`` and ``python -m coachjournal``.

The command line lives in :mod:`coachjournal.cli`, which never imports Qt. This module is the
only one in the core allowed to start the GUI, and it imports it only when the GUI is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from coachjournal import cli


def _open_gui(options: cli.GuiOptions) -> int:
    from ui.app import run

    exit_code: int = run(options)
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_gui=_open_gui)


if __name__ == "__main__":
    sys.exit(main())
