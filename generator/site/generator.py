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

import gc
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator import markup
from generator.model import Chronology
from generator.site import i18n, outputs, urls
from generator.site.context import context
from generator.site.memo import Memos, attach
from generator.site.pages import TEMPLATES, Page, page_urls, plan
from generator.site.rendering import FastContext, RowCache, TemplateCode
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
    code: TemplateCode = field(default_factory=TemplateCode)  # compiled templates
    rows: RowCache = field(default_factory=RowCache)  # list rows of each incident
    memos: Memos = field(default_factory=Memos)  # feeds' and downloads' parts of each incident


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
        # Speed (see generator/site/rendering.py): templates compiled once per process and not
        # checked against their files again during a build (a template edit makes the live
        # server start a fresh BuildState); cheaper calls from templates; list rows reused.
        self.env.bytecode_cache = self.state.code
        self.env.auto_reload = False
        self.env.context_class = FastContext
        self.env.globals["incident_row"] = self.state.rows

    def generate_context(self) -> None:
        started = time.perf_counter()
        cache = self.state.cache
        cache.workers = _workers(PARALLEL_MIN, self.settings)
        if cache.disk is None:
            cache.disk = _disk_cache(Path(self.path), self.settings)
        validator = Validator(
            Path(self.path),
            cache=self.state.cache,
            seeds=self.settings.get("CHRONOLOGY_SEEDS") and Path(self.settings["CHRONOLOGY_SEEDS"]),
        )
        self.chronology = validator.run()  # raises InvalidContent: nothing is written
        attach(self.chronology, self.state.memos)
        self.context["chronology"] = self.chronology
        self.state.stats["load_seconds"] = time.perf_counter() - started

    def generate_output(self, writer: Any) -> None:
        assert self.chronology is not None
        started = time.perf_counter()
        chron = self.chronology
        out = PageWriter.into(Path(self.output_path))
        shared = (chron.bases, chron.actors, chron.statements, chron.settings)
        if shared != self.state.shared:
            self.state.signatures.clear()  # the gazetteer changed: every page may show it
        self.state.shared = shared

        pages = plan(chron)
        todo: list[tuple[Page, Any]] = []
        seen: dict[str, Any] = {}
        memo: dict[Any, Any] = {}
        for page, url in zip(pages, page_urls(chron), strict=True):
            sig = signature(page, chron, memo)
            seen[url] = sig
            if sig is None or self.state.signatures.get(url) != sig:
                todo.append((page, sig))
        gone = [url for url in self.state.signatures if url not in seen]
        # The model is read-only from here on: keep the collector off it (faster, and forked
        # workers do not copy the pages it would touch).
        gc.freeze()
        try:
            self.render_pages(todo, out, lambda: outputs.write_all(chron, out, self.settings))
        finally:
            gc.unfreeze()
        for url in gone:
            out.remove(urls.output_file(url))
        self.state.signatures = seen
        self.state.rows.keep(chron.incidents)
        self.state.memos.keep(chron.incidents)

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

    def render_pages(
        self, todo: list[tuple[Page, Any]], out: PageWriter, then: Callable[[], None]
    ) -> None:
        """Render `todo`, and run `then` (the feeds and downloads) meanwhile when forking."""
        globals_ = {
            "SITEURL": self.settings.get("SITEURL", ""),
            "SITENAME": self.settings.get("SITENAME", ""),
            "chronology": self.chronology,
            "settings": self.settings,
        }
        self.templates = {
            name: self.get_template(name.removesuffix(".html")) for name in set(TEMPLATES.values())
        }
        workers = _workers(len(todo), self.settings)
        if workers > 1:
            from generator.site.parallel import render_in_processes

            render_in_processes(self, todo, out, globals_, workers, then)
            return
        self.render_slice([page for page, _ in todo], out, globals_)
        then()

    def render_slice(self, pages: list[Page], out: PageWriter, globals_: dict[str, Any]) -> None:
        assert self.chronology is not None
        templates = self.templates
        for page in pages:
            html = templates[TEMPLATES[page.kind]].render(
                globals_, **context(page, self.chronology)
            )
            out.write(urls.output_file(page.url), html)


PARALLEL_MIN = 2000  # pages: below this, forking workers costs more than it saves


def _workers(pages: int, settings: dict[str, Any]) -> int:
    """Processes to render `pages` with (CHRONOLOGY_WORKERS: at most that many)."""
    wanted = settings.get("CHRONOLOGY_WORKERS") or os.cpu_count() or 1
    least = settings.get("CHRONOLOGY_PARALLEL_MIN") or PARALLEL_MIN
    return 1 if pages < least else max(1, min(int(wanted), 8))


def _disk_cache(content: Path, settings: dict[str, Any]) -> Any:
    """The on-disk parse cache: CHRONOLOGY_CACHE is a folder, or False for none; by default
    .cache/chronology/ beside the content folder."""
    from generator.diskcache import DiskCache, salt
    from generator.schema import SCHEMA_DIR

    where = settings.get("CHRONOLOGY_CACHE")
    if where is False:
        return None
    folder = Path(where) if where else content.resolve().parent / ".cache" / "chronology"
    return DiskCache(folder, salt(SCHEMA_DIR))
