"""Render a large page set on every core: forked workers share the model copy-on-write.

Only used for big builds (thousands of pages). The parent process is one of the renderers:
it forks `workers - 1` children, writes the site-wide files (feeds, downloads) and the pages
that show list rows first, then takes slices of the other pages (the incident pages) like
the children do, from a shared counter, until none are left.
(A pool of `workers` children beside an idle parent costs one more process: every process
copies the parts of the model it reads, as CPython's reference counts write to them.)

A child that fails sends its exception back; the parent raises it once every child ended.
A child dies with its parent (Linux: the kernel sends it SIGKILL), so a build that is killed
leaves no orphaned renderers behind.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Any

from generator.children import die_with_parent
from generator.site.write.writer import PageWriter


def _take(
    renderer: Any,
    pages: list[Any],
    bounds: list[tuple[int, int]],
    counter: Any,
    writer: PageWriter,
) -> None:
    """Render slices of `pages` until the shared counter has given them all out."""
    while True:
        with counter.get_lock():
            n = counter.value
            counter.value = n + 1
        if n >= len(bounds):
            return
        start, stop = bounds[n]
        renderer.render_slice(pages[start:stop], writer)


def _child(
    renderer: Any,
    pages: list[Any],
    bounds: list[tuple[int, int]],
    counter: Any,
    out: PageWriter,
    results: Any,
    parent: int,
) -> None:
    die_with_parent(parent)
    renderer.state.markdown.limit = 0  # a worker converts each text once: keeping costs memory
    writer = out.fork()
    try:
        _take(renderer, pages, bounds, counter, writer)
    except BaseException as err:  # noqa: BLE001 - everything goes back to the parent
        with counter.get_lock():
            counter.value = len(bounds)  # the others stop taking slices
        try:
            results.send(("error", err))
        except Exception:  # an exception that cannot be pickled
            results.send(("error", RuntimeError(traceback.format_exc())))
        return
    results.send(("done", (writer.written, writer.unchanged, writer.digests)))


def render_in_processes(
    renderer: Any,
    todo: list[Any],
    out: PageWriter,
    workers: int,
    then: Callable[[], None] = lambda: None,
) -> None:
    # The lists (months, bases, years...) reuse each incident's row from one process's cache:
    # the parent renders them all; the other pages (incident pages: most of the work) are
    # shared out.
    pages = [page for page, _ in todo if not page.row.shows_rows]
    lists = [page for page, _ in todo if page.row.shows_rows]
    chunk = max(1, min(250, len(pages) // (workers * 8)))
    bounds = [(start, min(start + chunk, len(pages))) for start in range(0, len(pages), chunk)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    parent = os.getpid()
    children = []
    for _ in range(workers - 1):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_child,
            args=(renderer, pages, bounds, counter, out, send, parent),
        )
        process.start()
        send.close()
        children.append((process, receive))
    failure: BaseException | None = None
    try:
        then()
        renderer.render_slice(lists, out)
        _take(renderer, pages, bounds, counter, out)
    except BaseException as err:
        with counter.get_lock():
            counter.value = len(bounds)
        failure = err
    for process, receive in children:
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            kind, value = "error", RuntimeError(f"render worker {process.pid} died")
        process.join()
        if kind == "done":
            out.written.extend(value[0])
            out.unchanged += value[1]
            if out.digests is not None and value[2]:
                out.digests.update(value[2])
        elif failure is None:
            failure = value
    if failure is not None:
        raise failure
