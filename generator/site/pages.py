"""The page plan: which pages the site has, and what each one shows.

Pure functions of the model: `plan()` lists every page; `context()` gives one page's template
variables. Nothing here renders or writes, so the incremental rebuild can ask "which pages
does this record touch?" (`touched()`) without rendering anything.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

from generator.fields import vocabulary
from generator.model import Chronology, Incident, count
from generator.site import urls

PER_PAGE = 100  # incidents listed per page: keeps any list page well under 200 KB
STATUSES = vocabulary("status")  # declared once, in the incident schema
KINDS = vocabulary("kind")


@dataclass(frozen=True, slots=True)
class Page:
    kind: str  # home | incident | base | month | year | archives | bases | actor | weapon | ...
    key: Any  # what the page is about: an incident id, a base id, (year, month)...
    lang: str
    number: int = 1  # page number of a paginated list

    @property
    def url(self) -> str:
        return _URL[self.kind](self)


_URL = {
    "home": lambda p: urls.home(p.lang),
    "incident": lambda p: urls.incident(p.key, p.lang),
    "base": lambda p: _paged(urls.base(p.key, p.lang), p.number),
    "bases": lambda p: urls.bases(p.lang),
    "month": lambda p: urls.month(*p.key, p.lang),
    "year": lambda p: _paged(urls.year(p.key, p.lang), p.number),
    "archives": lambda p: urls.archives(p.lang),
    "actor": lambda p: _paged(urls.actor(p.key, p.lang), p.number),
    "weapon": lambda p: _paged(urls.weapon(p.key, p.lang), p.number),
    "kind": lambda p: _paged(urls.kind(p.key, p.lang), p.number),
    "status": lambda p: _paged(urls.status(p.key, p.lang), p.number),
    "about": lambda p: urls.about(p.lang),
    "search": lambda p: urls.search(p.lang),
}

TEMPLATES = {
    "home": "index.html",
    "incident": "incident.html",
    "base": "base.html",
    "bases": "bases.html",
    "month": "month.html",
    "year": "list.html",
    "archives": "archives.html",
    "actor": "list.html",
    "weapon": "list.html",
    "kind": "list.html",
    "status": "list.html",
    "about": "about.html",
    "search": "search.html",
}


def _paged(url: str, number: int) -> str:
    return url if number == 1 else f"{url}page/{number}/"


def _pages_for(kind: str, key: Any, total: int, langs: tuple[str, ...]) -> Iterator[Page]:
    for number in range(1, max(1, math.ceil(total / PER_PAGE)) + 1):
        for lang in langs:
            yield Page(kind, key, lang, number)


def plan(chron: Chronology) -> list[Page]:
    """Every page of the site, in a stable order (made once per model: the pages and the
    sitemap both need it)."""
    cached = chron.__dict__.get("_plan")
    if cached is None:
        cached = chron.__dict__["_plan"] = _plan(chron)
    return cached


def plan_key(chron: Chronology) -> tuple[Any, ...]:
    """What the plan depends on: the languages, the incidents (by id, in order), the months,
    and each list's size (its number of pages). Equal keys, equal plans."""
    return (
        chron.languages,
        tuple(i.id for i in chron.incidents),
        tuple(chron.months),
        tuple(
            (kind, key, len(members))
            for kind, groups in facets(chron).items()
            for key, members in groups.items()
        ),
    )


def reuse_plan(chron: Chronology, pages: list[Page], page_url: list[str]) -> None:
    """Use the plan and URLs of an earlier model whose plan_key was equal to chron's."""
    chron.__dict__["_plan"] = pages
    chron.__dict__["_urls"] = page_url


def page_urls(chron: Chronology) -> list[str]:
    """The URL of every page of plan(chron), in the same order (computed once per model)."""
    cached = chron.__dict__.get("_urls")
    if cached is None:
        cached = chron.__dict__["_urls"] = [page.url for page in plan(chron)]
    return cached


def _plan(chron: Chronology) -> list[Page]:
    pages: list[Page] = []
    langs = chron.languages
    for kind in ("home", "bases", "archives", "about", "search"):
        pages += [Page(kind, None, lang) for lang in langs]
    pages += [Page("incident", i.id, lang) for i in chron.incidents for lang in langs]
    # every month of the covered period, with or without documented incidents
    pages += [Page("month", key, lang) for key in chron.months for lang in langs]
    for kind, groups in facets(chron).items():
        for key, members in groups.items():
            pages += _pages_for(kind, key, len(members), langs)
    return pages


def facets(chron: Chronology) -> dict[str, dict[Any, list[Incident]]]:
    """The list pages beyond months: each a static filter that works without JavaScript."""
    cached = chron.__dict__.get("_facets")
    if cached is None:
        cached = chron.__dict__["_facets"] = _facets(chron)
    return cached


def _facets(chron: Chronology) -> dict[str, dict[Any, list[Incident]]]:
    by_kind = {k: [i for i in chron.incidents if i.kind == k] for k in KINDS}
    by_status = {s: [i for i in chron.incidents if i.status == s] for s in STATUSES}
    return {
        "base": chron.by_base,
        "year": chron.by_year,
        "actor": chron.by_actor,
        "weapon": chron.by_weapon,
        "kind": {k: v for k, v in by_kind.items() if v},
        "status": {k: v for k, v in by_status.items() if v},
    }


def page_slice(members: list[Incident], number: int, newest_first: bool = True) -> list[Incident]:
    """The incidents page `number` lists (without copying the whole group: members[::-1]
    was a copy of up to every incident for each of a group's pages)."""
    start, stop = (number - 1) * PER_PAGE, number * PER_PAGE
    if not newest_first:
        return members[start:stop]
    total = len(members)
    if start >= total:
        return []
    return members[max(total - stop, 0) : total - start][::-1]


def tally(chron: Chronology, members: list[Incident], attribute: str) -> dict[str, int]:
    """count(members, attribute) for a group's list, counted once per build (a group of
    5,000 incidents has 50 pages, each showing the group's counts)."""
    return _per_group(chron, members, attribute, lambda: _count(members, attribute))


def _count(members: list[Incident], attribute: str) -> dict[str, int]:
    """model.count, the same dict, counted by C code (Counter over the attribute values)."""
    live = [i for i in members if i.retracted is None]
    values = list(map(attrgetter(attribute), live))
    if values and all(type(v) is tuple for v in values):
        tally = Counter(chain.from_iterable(values))
    elif any(type(v) is tuple for v in values):
        return count(members, attribute)  # mixed: as model.count does it
    else:
        tally = Counter(values)
    return dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))


def counted(chron: Chronology, members: list[Incident]) -> int:
    """How many of a group's incidents count (are not retracted), once per build."""
    return _per_group(
        chron, members, "counted", lambda: sum(1 for i in members if i.retracted is None)
    )


def _per_group(chron: Chronology, members: list[Incident], what: str, compute: Any) -> Any:
    memo = chron.__dict__.setdefault("_per_group", {})
    key = (id(members), what)
    hit = memo.get(key)
    if hit is None or hit[0] is not members:
        hit = memo[key] = (members, compute())
    return hit[1]


def pagination(page: Page, total: int) -> dict[str, Any]:
    last = max(1, math.ceil(total / PER_PAGE))
    return {
        "number": page.number,
        "last": last,
        "total": total,
        "previous": _URL[page.kind](Page(page.kind, page.key, page.lang, page.number - 1))
        if page.number > 1
        else None,
        "next": _URL[page.kind](Page(page.kind, page.key, page.lang, page.number + 1))
        if page.number < last
        else None,
    }
