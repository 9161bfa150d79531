"""Render the pages to write, in this process or in forked workers, through the one writer."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import Any

from generator.model import Chronology
from generator.site import kinds, urls
from generator.site.pages import Page
from generator.site.write.writer import PageWriter

PARALLEL_MIN = 2000  # pages: below this, forking workers costs more than it saves


def workers(pages: int, settings: dict[str, Any]) -> int:
    """Processes to render `pages` with (CHRONOLOGY_WORKERS: at most that many)."""
    wanted = settings.get("CHRONOLOGY_WORKERS") or os.cpu_count() or 1
    least = settings.get("CHRONOLOGY_PARALLEL_MIN") or PARALLEL_MIN
    return 1 if pages < least else max(1, min(int(wanted), 8))


class Renderer:
    """The templates of every page kind, and what every page is rendered with."""

    def __init__(
        self,
        get_template: Callable[[str], Any],
        chron: Chronology,
        settings: dict[str, Any],
        state: Any,
    ):
        self.chronology = chron
        self.settings = settings
        self.state = state  # the BuildState: its Markdown converter
        self.globals = {
            "SITEURL": settings.get("SITEURL", ""),
            "SITENAME": settings.get("SITENAME", ""),
            "chronology": chron,
            "settings": settings,
        }
        self.templates = {
            name: get_template(name.removesuffix(".html")) for name in kinds.templates()
        }

    def render(
        self, todo: list[tuple[Page, Any]], out: PageWriter, then: Callable[[], None]
    ) -> None:
        """Render `todo`, and run `then` (the feeds and downloads) meanwhile when forking."""
        # The model is read-only from here on: keep the collector off it (faster, and forked
        # workers do not copy the pages it would touch).
        gc.freeze()
        try:
            count = workers(len(todo), self.settings)
            if count > 1:
                from generator.site.write.parallel import render_in_processes

                if not self.state.keep:
                    self.state.markdown.limit = 0  # one build: each text is converted once
                render_in_processes(self, todo, out, count, then)
            else:
                then()  # first: its big files are written in the background while pages render
                self.render_slice([page for page, _ in todo], out)
        finally:
            gc.unfreeze()
            out.finish()

    def render_slice(self, pages: list[Page], out: PageWriter) -> None:
        templates, chron, globals_ = self.templates, self.chronology, self.globals
        for page in pages:
            html = templates[page.row.template].render(globals_, **kinds.context(page, chron))
            out.write(urls.output_file(page.url), html)
