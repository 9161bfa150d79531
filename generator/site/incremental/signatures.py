"""What each page shows, as a value that changes exactly when the page would change.

Incidents are compared by identity: the validator hands back the very same object for an
unchanged record file, so comparing a page's signature with the last build's is nearly free.
None means "always render"; PageWriter still skips the write when the bytes are the same.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from operator import is_
from typing import Any

from generator.model import Chronology, Incident
from generator.site.memo import memos
from generator.site.pages import Page, page_slice, tally


class Same:
    """Wraps a tuple so that == compares members by identity (`is`), never field by field."""

    __slots__ = ("items",)
    _alike = staticmethod(is_)  # how two members compare

    def __init__(self, *items: Any):
        self.items = items

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Same) or len(other.items) != len(self.items):
            return False
        # the usual case first, all at C speed: every member the very same object
        return all(map(is_, self.items, other.items)) or all(
            map(self._alike, self.items, other.items)
        )

    __hash__ = None  # type: ignore[assignment]


# What no list page (row, count, filter, map, chart) nor an incident page's previous/next link
# shows of an incident: its texts, sources and evidence, shown on its own pages only. Every
# other field of the model is listed, so a field added to the model re-renders the lists that
# may show it: a new field can make the live rebuild do more, never leave a list stale.
NOT_LISTED = frozenset(
    {
        "date_note",
        "casualty_note",
        "summary",
        "sources",
        "corrections",
        "file",
        "basis",
        "related",
        "legacy",
    }
)


@cache
def _listed_fields(model: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(model) if f.name not in NOT_LISTED)


def listed(incident: Incident) -> tuple[Any, ...]:
    """What list pages (rows, counts, filters, maps, charts) and the previous/next links of
    the incident pages show of an incident: every field of the model but NOT_LISTED."""
    return tuple(getattr(incident, name) for name in _listed_fields(type(incident)))


def _same_listing(a: Any, b: Any) -> bool:
    return a is b or (a is not None and b is not None and listed(a) == listed(b))


class Listed(Same):
    """Same, but an incident that is not the very same object still counts as equal when all
    that lists show of it is (`listed`): an edited summary or source re-renders the
    incident's own pages, not the month, base, year... lists that show its row."""

    __slots__ = ()
    _alike = staticmethod(_same_listing)


def _same_overall(a: Any, b: Any) -> bool:
    return a is b or (listed(a) == listed(b) and a.sources == b.sources)


class Overall(Same):
    """Every incident as the pages that summarise the whole site show it: what lists show,
    and its sources (the home and About pages count the articles cited). The pages of one
    build share one, so it is compared with the last build's once, not once a page."""

    __slots__ = ("_compared",)
    _alike = staticmethod(_same_overall)

    def __init__(self, *items: Any):
        super().__init__(*items)
        self._compared: tuple[object, bool] | None = None

    def __eq__(self, other: object) -> bool:
        if self._compared is not None and self._compared[0] is other:
            return self._compared[1]
        if isinstance(other, Overall):
            other._compared = None  # no chain of past builds kept alive
        equal = super().__eq__(other)
        self._compared = (other, equal)
        return equal

    __hash__ = None  # type: ignore[assignment]


def signature(page: Page, chron: Chronology, memo: dict[Any, Any]) -> Any:
    """What `page` shows, as its kind declares it (generator/site/kinds.py); None for a
    kind that has no signature. `memo` is shared by all pages of one build (group-wide
    counts are computed once)."""
    sign = page.row.signature
    return None if sign is None else sign(page, chron, memo)


def of_incident(page: Page, chron: Chronology, memo: dict[Any, Any]) -> Any:
    """An incident's page: the record, its neighbours' and its linked records' rows."""
    incident = chron.incidents[chron.position[page.key]]
    linked = [other for _, other in chron.links.get(incident.id, [])]  # shown at both ends
    return (Same(incident), Listed(*chron.neighbours(incident)), Listed(*linked))


def of_site(page: Page, chron: Chronology, memo: dict[Any, Any]) -> Any:
    """A page that summarises the whole site (home, bases, archives, About, search): every
    incident. The gazetteer, statements and settings it also shows re-render every page when
    they change (incremental/planning.py)."""
    if "site" not in memo:
        memo["site"] = Overall(*chron.incidents)
    return memo["site"]


def of_month(page: Page, chron: Chronology, memo: dict[Any, Any]) -> Any:
    """A month's page: its neighbours, what sources reported then, its incidents' rows."""
    months = chron.months
    n = months.index(page.key)
    around = (months[n - 1] if n else None, months[n + 1] if n + 1 < len(months) else None)
    reported = (
        tuple(chron.statements_by_month.get(page.key, [])),
        tuple(chron.tallies_for(*page.key)),
    )
    return (around, reported, Listed(*chron.by_month.get(page.key, [])))


def of_list(page: Page, chron: Chronology, memo: dict[Any, Any]) -> Any:
    """A page of a group's list: the group's counts, and the rows of the incidents shown."""
    members = page.row.members(chron)[page.key]
    shown = page_slice(members, page.number, newest_first=page.row.newest_first)
    group = (page.kind, page.key)
    if group not in memo:  # counts on the page depend on every member, not only those shown
        memo[group] = _counts(chron, group, members)
    return (memo[group], Listed(*shown))


def _counts(chron: Chronology, group: Any, members: list[Any]) -> Any:
    """The tallies of a group; kept across builds and counted again only when the group's
    members changed (compared by identity: cheaper than counting)."""
    kept = memos(chron).store("group-counts")
    same = Same(*members)
    last = kept.get(group)
    if last is not None and last[0] == same:
        return last[1]
    counts = (len(members), *(tally(chron, members, a) for a in ("kind", "status", "weapons")))
    kept[group] = (same, counts)
    return counts
