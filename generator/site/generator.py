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
import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from operator import is_not
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator import markup
from generator.model import Chronology, Incident
from generator.site import copies, i18n, outputs, plumbing, urls
from generator.site.context import context
from generator.site.memo import Memos, attach
from generator.site.pages import TEMPLATES, Page, page_urls, plan, plan_key, reuse_plan
from generator.site.rendering import FastContext, RowCache, TemplateCode
from generator.site.signatures import Same, signature
from generator.site.writer import PageWriter
from generator.validate import FileCache, Validator

log = logging.getLogger(__name__)


@dataclass
class BuildState:
    """What a long-lived process (the live server, the benchmark) keeps between builds.

    keep=False (generator.build.build: one build, then the process moves on): nothing is kept
    for a next build that will not come (per-incident parts of the downloads, Markdown)."""

    keep: bool = True

    cache: FileCache = field(default_factory=FileCache)
    signatures: dict[str, Any] = field(default_factory=dict)  # url -> signature last written
    shared: Any = None  # (bases, actors, statements, settings) of the last build
    stats: dict[str, Any] = field(default_factory=dict)
    code: TemplateCode = field(default_factory=TemplateCode)  # compiled templates
    rows: RowCache = field(default_factory=RowCache)  # list rows of each incident
    memos: Memos = field(default_factory=Memos)  # feeds' and downloads' parts of each incident
    known: dict[str, Any] = field(default_factory=dict)  # PageWriter.known, for `output`
    output: str = ""
    incidents: list[Any] | None = None  # the model's incidents at the last build
    plan: tuple[Any, ...] | None = None  # (plan_key, plan, urls, _plan_index) of it
    reuse: Any = None  # generator.site.reuse.Reuse of the last build, saved once published
    files: set[str] | None = None  # every file of a build into a recycled folder


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
            i18n=i18n,  # evidence wording: i18n.when, i18n.country_in...
            LANGS=urls.LANGS,
            DEFAULT_LANG=urls.DEFAULT_LANG,
        )
        self.env.filters.update(
            markdown=markup.render,
            markdown_inline=markup.render_inline,
            paragraphs=markup.paragraphs,
        )
        # Speed (see generator/site/rendering.py): templates compiled once per process and not
        # checked against their files again during a build (a template edit makes the live
        # server start a fresh BuildState); cheaper calls from templates; list rows reused.
        cache = _cache_folder(Path(self.path), self.settings)
        if cache is not None:
            self.state.code.on_disk(_template_folder(self.env, cache))
        self.env.bytecode_cache = self.state.code
        self.env.auto_reload = False
        self.env.context_class = FastContext
        self.env.globals["incident_row"] = self.state.rows

    def generate_context(self) -> None:
        started = time.perf_counter()
        cache = self.state.cache
        cache.workers = _workers(PARALLEL_MIN, self.settings)
        cache.lean = not self.state.keep
        if cache.disk is None:
            cache.disk = _disk_cache(Path(self.path), self.settings)
        validator = Validator(
            Path(self.path),
            cache=self.state.cache,
            seeds=self.settings.get("CHRONOLOGY_SEEDS") and Path(self.settings["CHRONOLOGY_SEEDS"]),
        )
        self.chronology = validator.run()  # raises InvalidContent: nothing is written
        self.copies = copies.collect(self.chronology, Path(self.path), self.settings)
        ready = self.settings.get("CHRONOLOGY_ON_VALID")  # generator/recycle.py: Recycler
        if ready is not None:
            self.settings.update(ready())
        if self.settings.get("CHRONOLOGY_REUSE_FROM"):  # see generator/site/reuse.py
            self.versions = {
                id(p.built[1]): (p.built[1].file, *p.stamp)
                for p in cache.entries.values()
                if p.built is not None and isinstance(p.built[1], Incident)
            }
        if self.state.keep:
            attach(self.chronology, self.state.memos)
        else:  # one build: the parsed files are not needed again once the model is built
            self.state.cache = FileCache()
        self.context["chronology"] = self.chronology
        self.state.stats["load_seconds"] = time.perf_counter() - started

    def generate_output(self, writer: Any) -> None:
        assert self.chronology is not None
        started = time.perf_counter()
        chron = self.chronology
        state = self.state
        if state.output != self.output_path:
            state.known.clear()
            state.output = self.output_path
        out = PageWriter.into(Path(self.output_path), state.known)
        out.background = not out.fresh  # a live rebuild: big downloads written meanwhile
        shared = (chron.bases, chron.actors, chron.statements, chron.settings)
        if shared != state.shared:
            state.signatures.clear()  # the gazetteer changed: every page may show it
        state.shared = shared

        # The same pages as last time (the usual case of an edit): the same Page objects.
        key = plan_key(chron)
        same_plan = state.plan is not None and state.plan[0] == key
        if same_plan:
            reuse_plan(chron, state.plan[1], state.plan[2])
        pages, page_url = plan(chron), page_urls(chron)
        if not same_plan:
            state.plan = (key, pages, page_url, _plan_index(pages))
        planned = time.perf_counter()

        # Incident pages whose record and neighbours are the very same objects as last time
        # keep their signature without computing it (20,000 pages in a 10,000-record site).
        kept = _unmoved(state.incidents, chron.incidents)
        todo: list[tuple[Page, Any]] = []
        memo: dict[Any, Any] = {}
        last = state.signatures
        if same_plan and kept is not None and len(last) == len(pages):
            # Only the other pages and those of the changed records (and neighbours).
            seen = dict(last)
            others, by_incident = state.plan[3]
            indexes = others + [n for i in kept.exclude for n in by_incident.get(i, ())]
            for n in sorted(indexes):
                page, url = pages[n], page_url[n]
                sig = seen[url] = signature(page, chron, memo)
                if sig is None or last.get(url) != sig:
                    todo.append((page, sig))
        else:
            seen = {}
            for page, url in zip(pages, page_url, strict=True):
                if kept is not None and page.kind == "incident" and page.key in kept:
                    sig = last.get(url)
                    if sig is not None:
                        seen[url] = sig
                        continue
                sig = signature(page, chron, memo)
                seen[url] = sig
                if sig is None or last.get(url) != sig:
                    todo.append((page, sig))
        gone = [url for url in last if url not in seen]
        state.incidents = chron.incidents
        todo = self.reuse_pages(todo, out)
        signed = time.perf_counter()
        # The model is read-only from here on: keep the collector off it (faster, and forked
        # workers do not copy the pages it would touch).
        gc.freeze()
        try:
            self.render_pages(todo, out, lambda: self.write_outputs(out))
        finally:
            gc.unfreeze()
            out.finish()
        for url in gone:
            if urls.output_file(url) not in out.touched:  # a gone record's page: plumbing.py
                out.remove(urls.output_file(url))
        if self.settings.get("CHRONOLOGY_RECYCLED"):  # what the folder must hold, no more
            state.files = out.touched.union(map(urls.output_file, page_url))
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
            plan_seconds=planned - started,
            signature_seconds=signed - planned,
        )
        log.info(
            "chronology: %d pages, %d rendered, %d written, %d removed",
            len(pages),
            len(todo),
            len(out.written),
            len(gone),
        )

    def reuse_pages(self, todo: list[tuple[Page, Any]], out: PageWriter) -> list[Any]:
        """Pages (and downloads, feeds) whose published file can be reused: not rendered
        (generator/site/reuse.py; only when `chronology build` names the published site)."""
        source = self.settings.get("CHRONOLOGY_REUSE_FROM")
        spare = self.settings.get("CHRONOLOGY_RECYCLED")  # see generator/recycle.py
        if not source or not (out.fresh or spare) or not hasattr(self, "versions"):
            self.state.reuse = None
            return todo
        from generator.site import reuse
        from generator.site.exports import FILES, FOLDER

        content = Path(self.path)
        names = ("bases.yaml", "actors.yaml", "statements.yaml", "chronology.yaml")
        gazetteer = [(name, reuse.content_hash(content / name)) for name in names]
        templates = reuse.template_roots(self.env.loader)  # THEME_TEMPLATES_OVERRIDES too
        print_ = reuse.fingerprint(self.settings, [_CODE], gazetteer, templates)
        cache = _disk_cache(content, self.settings)
        if cache is None:  # CHRONOLOGY_CACHE = False: nowhere to keep the keys
            self.state.reuse = None
            return todo
        keeper = self.state.reuse = reuse.Reuse(
            cache.root, Path(source), print_, out.output, spare and Path(spare)
        )
        versions = self.versions
        left = []
        for page, sig in todo:
            relative = urls.output_file(page.url)
            if not keeper.take(relative, reuse.key(page, sig, versions), out):
                left.append((page, sig))
        chron = self.chronology
        site = self.settings.get("SITEURL", "")
        data = reuse.key("downloads", (site, Same(*chron.incidents)), versions)
        for name in FILES:
            keeper.take(f"{FOLDER}/{name}", data, out)
        for url, lang, members, _ in outputs.feeds(chron):  # all they show is in the key
            feed_key = reuse.key(("feed", url), (site, lang, Same(*members)), versions)
            keeper.take(urls.output_file(url), feed_key, out)
        self.state.stats["reused"] = keeper.reused
        return left

    def write_outputs(self, out: PageWriter) -> None:
        """The feeds, the sitemap and the downloads (generator/site/outputs.py)."""
        started = time.perf_counter()
        outputs.write_all(self.chronology, out, self.settings)
        plumbing.write_all(self.env, self.chronology, out, self.settings)  # 404, moved ids
        copies.write_all(self.copies, out)  # the sources' archived copies, when published
        self.state.stats["outputs_seconds"] = time.perf_counter() - started

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

            kept = markup.CACHE_SIZE
            if not self.state.keep:
                markup.CACHE_SIZE = 0  # each text is converted once in a full build
            try:
                render_in_processes(self, todo, out, globals_, workers, then)
            finally:
                markup.CACHE_SIZE = kept
            return
        then()  # first: its big files are written in the background while pages render
        self.render_slice([page for page, _ in todo], out, globals_)

    def render_slice(self, pages: list[Page], out: PageWriter, globals_: dict[str, Any]) -> None:
        assert self.chronology is not None
        templates = self.templates
        for page in pages:
            html = templates[TEMPLATES[page.kind]].render(
                globals_, **context(page, self.chronology)
            )
            out.write(urls.output_file(page.url), html)


PARALLEL_MIN = 2000  # pages: below this, forking workers costs more than it saves
_CODE = Path(__file__).resolve().parent.parent  # the generator package: its code shapes pages


def _plan_index(pages: list[Page]) -> tuple[list[int], dict[str, list[int]]]:
    """(places of the pages that are not incident pages, places of each incident's pages)."""
    others: list[int] = []
    by_incident: dict[str, list[int]] = {}
    for n, page in enumerate(pages):
        if page.kind == "incident":
            by_incident.setdefault(page.key, []).append(n)
        else:
            others.append(n)
    return others, by_incident


def _unmoved(before: list[Any] | None, now: list[Any]) -> set[str] | None:
    """Ids of the incidents that are, with both their neighbours, the very same objects at
    the same places as in `before`; None when the list grew or shrank (compute everything)."""
    if before is None or len(before) != len(now):
        return None
    changed = list(compress(range(len(now)), map(is_not, before, now)))
    if not changed:
        return _AllIds(now)
    near = {k + d for k in changed for d in (-1, 0, 1)}
    return _AllIds(now, exclude={now[k].id for k in near if 0 <= k < len(now)})


class _AllIds:
    """`id in kept` for every incident id but `exclude`, without building a 10,000-id set."""

    def __init__(self, incidents: list[Any], exclude: set[str] | frozenset[str] = frozenset()):
        self.exclude = exclude

    def __contains__(self, incident_id: object) -> bool:
        return incident_id not in self.exclude


def _workers(pages: int, settings: dict[str, Any]) -> int:
    """Processes to render `pages` with (CHRONOLOGY_WORKERS: at most that many)."""
    wanted = settings.get("CHRONOLOGY_WORKERS") or os.cpu_count() or 1
    least = settings.get("CHRONOLOGY_PARALLEL_MIN") or PARALLEL_MIN
    return 1 if pages < least else max(1, min(int(wanted), 8))


def _cache_folder(content: Path, settings: dict[str, Any]) -> Path | None:
    """CHRONOLOGY_CACHE is a folder, or False for none; by default .cache/chronology/ beside
    the content folder."""
    where = settings.get("CHRONOLOGY_CACHE")
    if where is False:
        return None
    return Path(where) if where else content.resolve().parent / ".cache" / "chronology"


def _disk_cache(content: Path, settings: dict[str, Any]) -> Any:
    """The on-disk parse cache (see _cache_folder)."""
    from generator.diskcache import DiskCache, salt
    from generator.schema import SCHEMA_DIR

    folder = _cache_folder(content, settings)
    return None if folder is None else DiskCache(folder, salt(SCHEMA_DIR), content)


def _template_folder(env: Any, cache: Path) -> Path:
    """Where compiled templates are kept: one folder per set of options that shape the
    compiled code (Jinja's own key is only the template's name and source)."""
    options = (
        env.autoescape,
        env.trim_blocks,
        env.lstrip_blocks,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        sorted(env.extensions),
    )
    digest = hashlib.blake2b(repr(options).encode(), digest_size=8).hexdigest()
    return cache / f"templates-{digest}"
