"""Follow every link of one page: what is broken, which fragments and outside URLs to check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from .internal import Tree, is_page
from .links import Page, parse_file
from .urls import External, Internal, Invalid, Relative, clean, prepare, resolve, resolve_base


class Outcome(NamedTuple):
    """What a page's links lead to, as far as it can be told without the other pages."""

    path: str
    ids: set[str]
    links: int
    problems: list[tuple[str, str, int | None]]  # (link, reason, line)
    fragments: list[tuple[str, int | None, str, str]]  # (link, line, target page, fragment)
    external: list[tuple[str, str, int | None, str | None]]  # (URL, link, line, archive)
    errors: list[tuple[str, int | None]]  # (reason, line): what of the page could not be read


# What a link leads to, whichever page it is on: nothing to report, a problem, a fragment to
# look for once all pages are parsed, an outside URL. Plain tuples: made for every link.
OK = (0,)
PROBLEM = 1  # (PROBLEM, reason)
FRAGMENT = 2  # (FRAGMENT, target page, fragment)
EXTERNAL = 3  # (EXTERNAL, url)
Verdict = tuple


class Resolver:
    """Resolves links against the site's files, memoising what pages have in common."""

    def __init__(self, tree: Tree, site_url: str | None = None, ignore: Iterable[str] = ()):
        self.tree = tree
        self.site_url = site_url
        self.patterns = [re.compile(p) for p in ignore]
        # Links that lead to the same place from any page (absolute, root-relative) -> verdict.
        self._anywhere: dict[str, Verdict] = {}
        self._located: dict[tuple[str, ...], tuple[str | None, str]] = {}  # segments -> file

    def ignored(self, url: str) -> bool:
        return any(p.search(url) for p in self.patterns)

    def parse(self, site_dir: str | Path, path: str) -> Outcome:
        return self.page(parse_file(site_dir, path))

    def page(self, page: Page) -> Outcome:
        base, base_url = resolve_base(page.base, page.path, self.site_url)
        problems: dict[tuple[str, str], tuple[str, str, int | None]] = {}
        fragments: list[tuple[str, int | None, str, str]] = []
        external: list[tuple[str, str, int | None, str | None]] = []
        anywhere = self._anywhere
        patterns = self.patterns
        for url, line, archive in page.links:
            if patterns and self.ignored(url):
                continue
            verdict = anywhere.get(url) if base_url is None else None
            if verdict is None:
                verdict = self.verdict(url, base, base_url)
            if verdict is OK:
                continue
            code = verdict[0]
            if code == PROBLEM:
                problems.setdefault((url, verdict[1]), (url, verdict[1], line))
            elif code == FRAGMENT:
                fragments.append((url, line, verdict[1], verdict[2]))
            elif not (patterns and self.ignored(verdict[1])):
                external.append((verdict[1], url, line, archive))
        return Outcome(
            page.path,
            page.ids,
            len(page.links),
            list(problems.values()),
            fragments,
            external,
            page.errors,
        )

    def verdict(self, url: str, base: tuple[str, ...], base_url: str | None) -> Verdict:
        """Where ``url`` leads from the document ``base`` (or the outside ``base_url``)."""
        target = prepare(url, self.site_url)
        anywhere = True
        if type(target) is Relative:
            if base_url is not None:  # <base href> outside the site
                target = prepare(urljoin(base_url, clean(url)), self.site_url)
                anywhere = False
            else:
                anywhere = target.path[:1] == "/"
                target = resolve(target, base)
        kind = type(target)
        if kind is Internal:
            where = self._located.get(target.segments)
            if where is None:
                where = self._located[target.segments] = self.tree.locate(target.segments)
            file, why = where
            if file is None:
                verdict: Verdict = (PROBLEM, why)
            elif target.fragment and is_page(file):
                verdict = (FRAGMENT, file, target.fragment)
            else:
                verdict = OK
        elif kind is External:
            verdict = (EXTERNAL, target.url)
        elif kind is Invalid:
            verdict = (PROBLEM, target.reason)
        else:
            verdict = OK
        if anywhere:
            self._anywhere[url] = verdict
        return verdict


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
