"""Render a large page set on every core: forked workers share the model copy-on-write.

Only used for big builds (thousands of pages); each worker renders contiguous slices of the
plan and writes through its own PageWriter; the parent meanwhile writes the site-wide files
(feeds, downloads), then gathers what the workers wrote.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from generator.site.writer import PageWriter

_job: dict[str, Any] = {}


def _work(bounds: tuple[int, int]) -> tuple[list[str], int]:
    generator, pages, out, globals_ = (_job[k] for k in ("generator", "pages", "out", "globals"))
    writer = out.fork()
    generator.render_slice(pages[bounds[0] : bounds[1]], writer, globals_)
    return writer.written, writer.unchanged


def render_in_processes(
    generator: Any,
    todo: list[Any],
    out: PageWriter,
    globals_: dict[str, Any],
    workers: int,
    then: Callable[[], None] = lambda: None,
) -> None:
    pages = [page for page, _ in todo]
    _job.update(generator=generator, pages=pages, out=out, globals=globals_)
    chunk = max(1, min(500, len(pages) // (workers * 4)))
    bounds = [(start, min(start + chunk, len(pages))) for start in range(0, len(pages), chunk)]
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            results = pool.imap_unordered(_work, bounds)
            then()
            for written, unchanged in results:
                out.written.extend(written)
                out.unchanged += unchanged
    finally:
        _job.clear()
