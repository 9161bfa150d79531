"""What the preview prints on the terminal beside its messages: the time, the files changed."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from generator.records.problems import display_path


def now() -> str:
    return time.strftime("%H:%M:%S")


def names(paths: Iterable[Path]) -> str:
    """The changed files worth naming: those still there (not editors' temporary files)."""
    paths = list(paths)
    shown = sorted(display_path(p) for p in paths if p.exists()) or sorted(
        display_path(p) for p in paths
    )
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
