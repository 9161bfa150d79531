"""README's table of first passes is the one tools/first_passes.py makes from the saved scores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_shows_the_table_the_saved_scores_make() -> None:
    made = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "first_passes.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert made.count("\n") >= 16  # a header, a rule and a row per set from C on
    assert made in (ROOT / "README.md").read_text("utf-8"), (
        "README's table of first passes is stale: paste `python tools/first_passes.py`"
    )
