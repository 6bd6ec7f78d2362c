"""Running the command line in a process of its own, in a home of its own, under a chosen
umask and, when the tests run as root, as another user (``nobody``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def home_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a process whose every user folder is inside ``home``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COACHJOURNAL_", "XDG_", "MPLCONFIGDIR"))
    }
    env |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return env | extra


def run(
    home: Path,
    *argv: str,
    umask: int | None = None,
    user: int | None = None,
    stdin: str | None = None,
    cwd: Path | None = None,
    **extra_env: str,
) -> subprocess.CompletedProcess[str]:
    """``coachjournal ARGV`` in a new process; returns its exit code and output."""
    preexec: Callable[[], object] | None = None if umask is None else (lambda: os.umask(umask))
    # As another user through setpriv (Python's own user= cannot reach this interpreter here).
    become = (
        [] if user is None else ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    )
    return subprocess.run(
        [*become, sys.executable, "-m", "coachjournal", *argv],
        cwd=cwd or ROOT,
        env=home_env(home, **extra_env) | {"PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=preexec,
    )


def shared_folder() -> Path:
    """A new folder another user can reach (pytest's own are private to the test's user)."""
    folder = Path(tempfile.mkdtemp(prefix="coachjournal-hostile-"))
    folder.chmod(0o755)
    return folder


def give_to_nobody(path: Path) -> None:
    """Hand ``path`` and everything in it to ``nobody``."""
    for entry in [path, *path.rglob("*")]:
        os.lchown(entry, NOBODY, NOBODY)
