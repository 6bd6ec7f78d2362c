"""CoachJournal's benchmarks: ``python benchmarks/run.py [--db PATH] [--quick] [--markdown]``.

Prints one table, figure by figure: the median and p95 over repeated runs, the median of a
baseline that shows the floor for the same work (a bare Qt window, raw sqlite3), their ratio,
the target from the product requirements and whether it is met. It never fails on a slow
figure: the table is for people. It exits 1 only when something fails to run.

The harness is in ``harness.py``; the rows, and how to add one, in ``rows.py``.
"""

from __future__ import annotations

import sys

from harness import main
from rows import BENCHMARKS, PLANNED

if __name__ == "__main__":
    sys.exit(main(BENCHMARKS, PLANNED))
