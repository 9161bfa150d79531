"""Follow every link of one page: what is broken, which fragments and outside URLs to check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from .internal import Tree, is_page
from .links import Page, parse_file
from .urls import (
    External,
    Internal,
    Invalid,
    Relative,
    clean,
    join,
    prepare,
    resolve_base,
)

ABOVE_ROOT = "points above the site root"


class Outcome(NamedTuple):
    """What a page's links lead to, as far as it can be told without the other pages."""

    path: str
    ids: set[str]
    links: int
    problems: list[tuple[str, str, int | None]]  # (link, reason, line)
    fragments: list[tuple[str, int | None, str, str]]  # (link, line, target page, fragment)
    external: list[tuple[str, str, int | None, str | None]]  # (URL, link, line, archive)


class Resolver:
    """Resolves links against the site's files, memoising what pages have in common."""

    def __init__(self, tree: Tree, site_url: str | None = None, ignore: Iterable[str] = ()):
        self.tree = tree
        self.site_url = site_url
        self.patterns = [re.compile(p) for p in ignore]
        self._prepared: dict[str, object] = {}  # link as written -> prepare()
        self._joined: dict[object, tuple[str, ...] | None] = {}  # (dir, path) -> segments
        self._located: dict[tuple[str, ...], tuple[str | None, str]] = {}  # segments -> file

    def ignored(self, url: str) -> bool:
        return any(p.search(url) for p in self.patterns)

    def parse(self, site_dir: str | Path, path: str) -> Outcome:
        return self.page(parse_file(site_dir, path))

    def page(self, page: Page) -> Outcome:
        base, base_url = resolve_base(page.base, page.path, self.site_url)
        directory = base[:-1]
        problems: dict[tuple[str, str], tuple[str, str, int | None]] = {}
        fragments: list[tuple[str, int | None, str, str]] = []
        external: list[tuple[str, str, int | None, str | None]] = []
        prepared, joined, located = self._prepared, self._joined, self._located
        patterns = self.patterns
        for url, line, archive in page.links:
            if patterns and self.ignored(url):
                continue
            target = prepared.get(url)
            if target is None:
                target = prepared[url] = prepare(url, self.site_url)
            if type(target) is Relative:
                if base_url is not None:  # <base href> outside the site
                    target = prepare(urljoin(base_url, clean(url)), self.site_url)
                elif not target.path:
                    target = Internal(base, target.fragment)
                else:
                    path = target.path
                    key = path if path[0] == "/" else (directory, path)
                    try:
                        segments = joined[key]
                    except KeyError:
                        segments = joined[key] = join(directory, path)
                    if segments is None:
                        problems.setdefault((url, ABOVE_ROOT), (url, ABOVE_ROOT, line))
                        continue
                    target = Internal(segments, target.fragment)
            kind = type(target)
            if kind is Internal:
                where = located.get(target.segments)
                if where is None:
                    where = located[target.segments] = self.tree.locate(target.segments)
                file, why = where
                if file is None:
                    problems.setdefault((url, why), (url, why, line))
                elif target.fragment and is_page(file):
                    fragments.append((url, line, file, target.fragment))
            elif kind is External:
                if not (patterns and self.ignored(target.url)):
                    external.append((target.url, url, line, archive))
            elif kind is Invalid:
                problems.setdefault((url, target.reason), (url, target.reason, line))
        return Outcome(
            page.path, page.ids, len(page.links), list(problems.values()), fragments, external
        )


_worker: tuple[Resolver, str] | None = None


def start_worker(tree: Tree, site_url: str | None, ignore: list[str], site_dir: str) -> None:
    """Initializer of a worker process: its own resolver over the (pickled) tree."""
    global _worker
    _worker = (Resolver(tree, site_url, ignore), site_dir)


def work(paths: list[str]) -> list[Outcome]:
    """A worker's job: parse and resolve a batch of pages."""
    assert _worker is not None, "start_worker() was not called"
    resolver, site_dir = _worker
    return [resolver.parse(site_dir, path) for path in paths]
