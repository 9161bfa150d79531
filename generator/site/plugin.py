"""The Pelican generator, thin: validate the records; plan -> what to render -> render.

Pelican calls every generator's generate_context() before any generate_output(), so all
records are read and validated before the first byte is written (a site is never built
from an invalid record). Pages are rendered with Pelican's Jinja environment (the theme is
the project's templates/, set up by generator/site/write/environment.py) and leave through
PageWriter, written only when their bytes change.

State kept between runs (BuildState, in settings["CHRONOLOGY_STATE"]) makes a rebuild in the
same process incremental (generator/site/incremental/): unchanged files are not re-read, and a
page is re-rendered only when what it shows changed.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator import catalogs
from generator.fields import vocabulary
from generator.model import Chronology
from generator.records.cache import FileCache
from generator.records.checks import Validator
from generator.site import colours, copies, i18n, incremental, outputs, plumbing, urls
from generator.site.incremental import planning
from generator.site.memo import Memos
from generator.site.write import environment
from generator.site.write.render import PARALLEL_MIN, Renderer, workers
from generator.site.write.writer import PageWriter

log = logging.getLogger(__name__)


class ChronologyGenerator(Generator):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.state: incremental.BuildState = (
            self.settings.get("CHRONOLOGY_STATE") or incremental.BuildState()
        )
        self.chronology: Chronology | None = None
        self.colours = ""  # theme/vocabulary.css (generator/site/colours.py)
        self.versions: dict[int, Any] | None = None  # see incremental.record_versions
        cache = incremental.cache_folder(Path(self.path), self.settings)
        environment.configure(self.env, self.state, cache)

    def generate_context(self) -> None:
        started = time.perf_counter()
        cache = self.state.cache
        cache.workers = workers(PARALLEL_MIN, self.settings)
        cache.lean = not self.state.keep
        if cache.disk is None:
            cache.disk = incremental.disk_cache(Path(self.path), self.settings)
        validator = Validator(
            Path(self.path),
            cache=self.state.cache,
            seeds=self.settings.get("CHRONOLOGY_SEEDS") and Path(self.settings["CHRONOLOGY_SEEDS"]),
        )
        self.chronology = validator.run()  # raises InvalidContent: nothing is written
        content, langs = Path(self.path), self.chronology.languages
        i18n.use(catalogs.load(langs, content, content / "chronology.yaml"))
        urls.use(langs)
        self.env.globals["LANGS"] = langs
        self.colours = colours.stylesheet()  # raises InvalidContent: nothing is written
        self.env.globals["KINDS"] = vocabulary("kind")  # the chart's legend, a key per kind
        self.env.globals["MAP_CREDIT"] = dict(self.chronology.region.credit)  # under every map
        if langs != self.state.languages:  # other URLs: no row or part of a file is reused
            self.state.rows.forget_others([])
            self.state.memos = Memos()
            self.state.languages = langs
        self.copies = copies.collect(self.chronology, Path(self.path), self.settings)
        ready = self.settings.get("CHRONOLOGY_ON_VALID")  # generator/recycle.py: Recycler
        if ready is not None:
            self.settings.update(ready())
        if self.settings.get("CHRONOLOGY_REUSE_FROM"):
            self.versions = incremental.record_versions(cache)
        if self.state.keep:
            incremental.attach(self.chronology, self.state.memos)
        else:  # one build: the parsed files are not needed again once the model is built
            self.state.cache = FileCache()
        self.context["chronology"] = self.chronology
        self.state.stats["load_seconds"] = time.perf_counter() - started

    def generate_output(self, writer: Any) -> None:
        assert self.chronology is not None
        started = time.perf_counter()
        chron, state = self.chronology, self.state
        out = self._writer()
        pages, page_url, same_plan = planning.plan_pages(state, chron)
        planned = time.perf_counter()
        plan = planning.changed_pages(state, chron, pages, page_url, same_plan)
        todo = incremental.reuse_published(
            state, self.settings, Path(self.path), self.env.loader, chron, self.versions,
            plan.todo, out,
        )  # fmt: skip
        signed = time.perf_counter()
        renderer = Renderer(self.get_template, chron, self.settings, state)
        renderer.render(todo, out, lambda: self.write_outputs(out))
        for url in plan.gone:
            if urls.output_file(url) not in out.touched:  # a gone record's page: plumbing.py
                out.remove(urls.output_file(url))
        # Files beside the pages (feeds, downloads, moved pages) that the last build of this
        # state made and this one did not: a base's feed once it has no record, another
        # language's. A page not rendered again is not touched, so only those are compared.
        page_files = planning.page_files(state)
        beside = out.touched - page_files
        for relative in sorted(state.beside - beside - page_files):
            out.remove(relative)
        state.beside = beside
        if self.settings.get("CHRONOLOGY_RECYCLED"):  # what the folder must hold, no more
            state.files = out.touched | page_files
        planning.settle(state, chron, plan)
        state.stats.update(
            pages=len(pages),
            rendered=len(todo),
            written=len(out.written),
            written_files=list(out.written),
            removed=len(plan.gone),
            unchanged=out.unchanged,
            render_seconds=time.perf_counter() - started,
            plan_seconds=planned - started,
            signature_seconds=signed - planned,
        )
        log.info(
            "chronology: %d pages, %d rendered, %d written, %d removed",
            len(pages),
            len(todo),
            len(out.written),
            len(plan.gone),
        )

    def _writer(self) -> PageWriter:
        """The one writer into the output folder (what it knows of the folder kept across
        builds into the same one)."""
        state = self.state
        if state.output != self.output_path:
            state.known.clear()
            state.output = self.output_path
        out = PageWriter.into(Path(self.output_path), state.known)
        out.background = not out.fresh  # a live rebuild: big downloads written meanwhile
        return out

    def write_outputs(self, out: PageWriter) -> None:
        """The feeds, the sitemap and the downloads (generator/site/outputs.py), the 404
        page, the vocabularies' colours."""
        started = time.perf_counter()
        kept = incremental.kept_parts(
            self.state, self.versions, self.settings.get("SITEURL", ""), self.chronology.languages
        )
        outputs.write_all(self.chronology, out, self.settings, kept and kept.of)
        if kept is not None:
            kept.save()
            self.state.stats["download_parts_made"] = kept.made
        plumbing.write_all(self.env, self.chronology, out, self.settings)  # 404, moved ids
        copies.write_all(self.copies, out)  # the sources' archived copies, when published
        colours.write(self.colours, out)
        self.state.stats["outputs_seconds"] = time.perf_counter() - started
