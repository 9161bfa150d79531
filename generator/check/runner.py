"""The whole check of a site: parse the pages, resolve every link, ask outside, validate."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from generator.records.problems import Problem

from . import published
from .cache import Cache
from .html import find_vnu, validate
from .internal import Tree, fragment_found
from .options import Options
from .report import page_problem, sort_key
from .resolve import Outcome, Resolver, start_worker, work

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 3000
CHUNK = 250


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    external: int = 0  # distinct outside URLs (checked or not)


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """fork is the quickest start and does not import the caller's ``__main__`` again, but is
    only safe while no other thread may hold a lock; otherwise a fresh process from a server.
    """
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def resolve_pages(
    site_dir: Path,
    tree: Tree,
    site_url: str | None,
    ignore: list[str],
    jobs: int | None = None,
) -> list[Outcome]:
    """Parse and resolve every page, in worker processes when there are many and CPUs too."""
    paths = tree.pages()
    jobs = jobs or min(cpus(), 8)
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        resolver = Resolver(tree, site_url, ignore)
        return [resolver.parse(site_dir, path) for path in paths]
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    init = (tree, site_url, ignore, os.fspath(site_dir))
    try:
        with ProcessPoolExecutor(jobs, _context(), initializer=start_worker, initargs=init) as pool:
            return [outcome for batch in pool.map(work, chunks) for outcome in batch]
    except (OSError, BrokenProcessPool):  # no processes to be had here: do it all at home
        resolver = Resolver(tree, site_url, ignore)
        return [resolver.parse(site_dir, path) for path in paths]


def run_check(
    site_dir: str | Path,
    *,
    external: bool = False,
    html: bool = False,
    ignore: Iterable[str] = (),
    site_url: str | None = None,
    cache: Cache | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    log: Callable[[str], None] | None = None,
) -> Result:
    """Check the site under ``site_dir``; see :func:`generator.check.check_site`."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise NotADirectoryError(f"not a directory: {site_dir}")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    if html:
        find_vnu()  # missing tools fail now, not after minutes of outside checks
    tree = Tree.scan(site_dir)
    outcomes = resolve_pages(site_dir, tree, site_url, list(ignore), jobs)
    ids = {outcome.path: outcome.ids for outcome in outcomes}
    result = Result(pages=len(outcomes))
    problems = result.problems
    problems.extend(page_problem("file", path, "", why) for path, why in tree.problems)
    sources: dict[str, list[tuple[str, str, int | None, str | None]]] = {}
    for outcome in outcomes:
        page = outcome.path
        result.links += outcome.links
        problems.extend(page_problem("file", page, "", why, line) for why, line in outcome.errors)
        problems.extend(
            page_problem("link", page, link, why, line) for link, why, line in outcome.problems
        )
        reported: set[str] = set()
        for link, line, target, fragment in outcome.fragments:
            if link not in reported and not fragment_found(fragment, ids.get(target, ())):
                reported.add(link)
                why = f"fragment #{fragment} not found in {target}"
                problems.append(page_problem("link", page, link, why, line))
        for url, link, line, archive in outcome.external:
            sources.setdefault(url, []).append((page, link, line, archive))

    problems.extend(published.missing(site_dir))  # addresses that disappeared
    result.external = len(sources)
    if external and sources:
        from .external import Checker  # imports httpx: only when going outside

        statuses = Checker(options or Options(), cache, log=log).check_all(sources)
        for url, places in sources.items():
            status = statuses[url]
            if status.ok:
                continue
            seen: set[tuple[str, str]] = set()
            for page, link, line, archive in places:
                if (page, link) not in seen:
                    seen.add((page, link))
                    why = status.reason
                    if archive:
                        why += f" (archived copy: {archive})"
                    problems.append(page_problem("link", page, link, why, line))
    if html:
        problems.extend(validate(site_dir, tree.pages()))
    problems.sort(key=sort_key)
    return result
