"""``chronology check``: broken links, dead sources and invalid HTML in a built site.

:func:`check_site` is the programmatic entry point (the CLI and the benchmark call it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.records.problems import Problem

from .cache import Cache, parse_duration
from .options import Options
from .runner import Result, run_check

__all__ = ["Cache", "Options", "Problem", "Result", "check_site", "parse_duration", "run_check"]


def check_site(
    site_dir: str | Path,
    *,
    external: bool = False,
    html: bool = False,
    ignore: Iterable[str] = (),
    site_url: str | None = None,
    cache_file: str | Path | None = None,
    max_age: float = 7 * 86400,
    options: Options | None = None,
    jobs: int | None = None,
) -> list[Problem]:
    """Every problem of the site under ``site_dir``, sorted by page.

    Internal links, assets and fragments are always checked, offline. ``external`` also
    checks outside URLs (results cached in ``cache_file`` for ``max_age`` seconds, if given);
    ``html`` validates every page with the Nu HTML Checker. ``ignore`` holds regular
    expressions of links to leave alone; ``site_url`` is the site's own address, whose absolute
    URLs are then checked as internal ones; ``jobs`` the number of processes parsing pages.
    """
    cache = Cache(cache_file, max_age) if cache_file is not None else None
    return run_check(
        site_dir,
        external=external,
        html=html,
        ignore=ignore,
        site_url=site_url,
        cache=cache,
        options=options,
        jobs=jobs,
    ).problems
