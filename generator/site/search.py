"""Full-text search over the incidents, in both languages, with Pagefind (no server).

Run by generator/build.py on the staging folder once Pelican has written every page. Only
incident pages are read (GLOB), and on them only what carries data-pagefind-body; Pagefind
makes one index per page language (<html lang="fr|en">), and its UI on /search/ and
/en/search/ loads the index of its own page's language. The bundle lands in /pagefind/.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

GLOB = "{incidents,en/incidents}/*/index.html"
BUNDLE = "pagefind"


class SearchIndexFailed(RuntimeError):
    """Pagefind did not build the index."""


def command(site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        GLOB,
        "--output-subdir",
        BUNDLE,
        "--silent",
    ]


def index(site: Path) -> float:
    """Index the built site in `site`; returns the seconds it took."""
    started = time.perf_counter()
    run = subprocess.run(command(Path(site)), capture_output=True, text=True, check=False)
    if run.returncode != 0 or not (Path(site) / BUNDLE / "pagefind-entry.json").is_file():
        detail = (run.stderr or run.stdout).strip()[-2000:]
        raise SearchIndexFailed(f"pagefind failed (exit {run.returncode}): {detail}")
    return time.perf_counter() - started
