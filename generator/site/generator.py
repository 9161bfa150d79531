"""ChronologyGenerator: the chronology's pages inside Pelican's own run.

Pelican calls every generator's generate_context() before any generate_output(), so all
records are read and validated before the first byte is written (a site is never built
from an invalid record). Pages are rendered with Pelican's Jinja environment (the theme is
the project's templates/) and leave through PageWriter, written only when their bytes change.

State kept between runs (BuildState, in settings["CHRONOLOGY_STATE"]) makes a rebuild in the
same process incremental: unchanged files are not re-read, and a page is re-rendered only when
what it shows changed (its "signature": the records it lists, by identity).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator import markup
from generator.model import Chronology
from generator.site import i18n, outputs, urls
from generator.site.context import context
from generator.site.pages import TEMPLATES, Page, plan
from generator.site.signatures import signature
from generator.site.writer import PageWriter
from generator.validate import FileCache, Validator

log = logging.getLogger(__name__)


@dataclass
class BuildState:
    """What a long-lived process (the live server, the benchmark) keeps between builds."""

    cache: FileCache = field(default_factory=FileCache)
    signatures: dict[str, Any] = field(default_factory=dict)  # url -> signature last written
    shared: Any = None  # (bases, actors, statements, settings) of the last build
    stats: dict[str, Any] = field(default_factory=dict)


class ChronologyGenerator(Generator):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.state: BuildState = self.settings.get("CHRONOLOGY_STATE") or BuildState()
        self.chronology: Chronology | None = None
        # Record text is untrusted: escape everything that is not explicitly Markup (sanitised
        # Markdown), whatever JINJA_ENVIRONMENT says. Set before any template is compiled.
        self.env.autoescape = True
        self.env.globals.update(
            urls=urls,
            word=i18n.word,
            country=i18n.country,
            long_date=i18n.long_date,
            month_name=i18n.month_name,
            LANGS=urls.LANGS,
            DEFAULT_LANG=urls.DEFAULT_LANG,
        )
        self.env.filters.update(markdown=markup.render, markdown_inline=markup.render_inline)

    def generate_context(self) -> None:
        started = time.perf_counter()
        validator = Validator(
            Path(self.path),
            cache=self.state.cache,
            seeds=self.settings.get("CHRONOLOGY_SEEDS") and Path(self.settings["CHRONOLOGY_SEEDS"]),
        )
        self.chronology = validator.run()  # raises InvalidContent: nothing is written
        self.context["chronology"] = self.chronology
        self.state.stats["load_seconds"] = time.perf_counter() - started

    def generate_output(self, writer: Any) -> None:
        assert self.chronology is not None
        started = time.perf_counter()
        chron = self.chronology
        out = PageWriter(Path(self.output_path))
        shared = (chron.bases, chron.actors, chron.statements, chron.settings)
        if shared != self.state.shared:
            self.state.signatures.clear()  # the gazetteer changed: every page may show it
        self.state.shared = shared

        pages = plan(chron)
        todo: list[tuple[Page, Any]] = []
        seen: dict[str, Any] = {}
        memo: dict[Any, Any] = {}
        for page in pages:
            url = page.url
            sig = signature(page, chron, memo)
            seen[url] = sig
            if sig is None or self.state.signatures.get(url) != sig:
                todo.append((page, sig))
        gone = [url for url in self.state.signatures if url not in seen]
        self.render_pages(todo, out)
        for url in gone:
            out.remove(urls.output_file(url))
        self.state.signatures = seen
        outputs.write_all(chron, out, self.settings)

        self.state.stats.update(
            pages=len(pages),
            rendered=len(todo),
            written=len(out.written),
            written_files=list(out.written),
            removed=len(gone),
            unchanged=out.unchanged,
            render_seconds=time.perf_counter() - started,
        )
        log.info(
            "chronology: %d pages, %d rendered, %d written, %d removed",
            len(pages),
            len(todo),
            len(out.written),
            len(gone),
        )

    def render_pages(self, todo: list[tuple[Page, Any]], out: PageWriter) -> None:
        globals_ = {
            "SITEURL": self.settings.get("SITEURL", ""),
            "SITENAME": self.settings.get("SITENAME", ""),
            "chronology": self.chronology,
            "settings": self.settings,
        }
        workers = _workers(len(todo), self.settings)
        if workers > 1:
            from generator.site.parallel import render_in_processes

            render_in_processes(self, todo, out, globals_, workers)
            return
        self.render_slice([page for page, _ in todo], out, globals_)

    def render_slice(self, pages: list[Page], out: PageWriter, globals_: dict[str, Any]) -> None:
        assert self.chronology is not None
        templates = {
            name: self.get_template(name.removesuffix(".html")) for name in set(TEMPLATES.values())
        }
        for page in pages:
            html = templates[TEMPLATES[page.kind]].render(
                globals_, **context(page, self.chronology)
            )
            out.write(urls.output_file(page.url), html)


def _workers(pages: int, settings: dict[str, Any]) -> int:
    wanted = settings.get("CHRONOLOGY_WORKERS") or os.cpu_count() or 1
    return 1 if pages < 2000 else max(1, min(int(wanted), 8))
