"""BuildState: what a long-lived process (the live server, the benchmark) keeps between builds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import markup
from generator.records.cache import FileCache
from generator.site.memo import Memos
from generator.site.write.rendering import RowCache, TemplateCode


@dataclass
class BuildState:
    """Kept in settings["CHRONOLOGY_STATE"] from one build to the next of the same process.

    keep=False (generator.build.build: one build, then the process moves on): nothing is kept
    for a next build that will not come (per-incident parts of the downloads, Markdown)."""

    keep: bool = True

    cache: FileCache = field(default_factory=FileCache)
    signatures: dict[str, Any] = field(default_factory=dict)  # url -> signature last written
    shared: Any = None  # (bases, actors, statements, settings, region) of the last build
    stats: dict[str, Any] = field(default_factory=dict)
    code: TemplateCode = field(default_factory=TemplateCode)  # compiled templates
    rows: RowCache = field(default_factory=RowCache)  # list rows of each incident
    memos: Memos = field(default_factory=Memos)  # feeds' and downloads' parts of each incident
    markdown: markup.Converter = field(default_factory=markup.Converter)  # texts converted
    known: dict[str, Any] = field(default_factory=dict)  # PageWriter.known, for `output`
    beside: set[str] = field(default_factory=set)  # the last build's files that are no page
    output: str = ""
    incidents: list[Any] | None = None  # the model's incidents at the last build
    plan: tuple[Any, ...] | None = None  # (plan_key, plan, urls, page_index, files) of it
    reuse: Any = None  # generator.site.incremental.reuse.Reuse of the last build
    files: set[str] | None = None  # every file of a build into a recycled folder
    languages: tuple[str, ...] = ()  # the chronology's at the last build: rows hold its URLs

    def forget(self) -> None:
        """After a build with keep=False: drop what only a next build of this process would
        use (the model's incidents, plans, memos, caches), keeping the stats, the reuse keys
        still to be saved and the list of files made."""
        fresh = BuildState(keep=False)
        for name in ("cache", "signatures", "shared", "code", "rows", "memos", "markdown"):
            setattr(self, name, getattr(fresh, name))
        self.known, self.incidents, self.plan = {}, None, None
