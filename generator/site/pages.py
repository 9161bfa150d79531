"""A page, and the parts of a list's pages: the incidents each page shows, its counts.

Which pages the site has and what each one shows is declared once per kind of page, in
generator/site/kinds.py; nothing here renders or writes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from generator.model import Chronology, Incident, count
from generator.site.memo import model_cache

if TYPE_CHECKING:
    from generator.site.kinds import PageKind

PER_PAGE = 100  # incidents listed per page: keeps any list page well under 200 KB


@dataclass(frozen=True, slots=True)
class Page:
    row: PageKind  # the declaration of its kind (generator/site/kinds.py)
    key: Any  # what the page is about: an incident id, a base id, (year, month)...
    lang: str
    number: int = 1  # page number of a paginated list

    @property
    def kind(self) -> str:
        """home | incident | base | month | year | archives | bases | actor | weapon | ..."""
        return self.row.name

    @property
    def url(self) -> str:
        return self.row.page_url(self.key, self.lang, self.number)


def page_count(total: int) -> int:
    """How many pages a list of `total` incidents takes (one, even when it is empty)."""
    return max(1, math.ceil(total / PER_PAGE))


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
    memo = model_cache(chron).once("per-group", dict)
    key = (id(members), what)
    hit = memo.get(key)
    if hit is None or hit[0] is not members:
        hit = memo[key] = (members, compute())
    return hit[1]


def pagination(page: Page, total: int) -> dict[str, Any]:
    last = page_count(total)
    return {
        "number": page.number,
        "last": last,
        "total": total,
        "previous": Page(page.row, page.key, page.lang, page.number - 1).url
        if page.number > 1
        else None,
        "next": Page(page.row, page.key, page.lang, page.number + 1).url
        if page.number < last
        else None,
    }
