"""The filters a page offers: for each facet (a kind of list page that declares a `facet`
in generator/site/kinds.py), its values with their counts, each linked to its static page,
which works without JavaScript.

The home page offers every value of the whole chronology (computed once per build); a page
that lists incidents offers the values of the (at most PER_PAGE) incidents it shows, so the
page changes exactly when its signature does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from generator.fields import vocabulary
from generator.model import Chronology, Incident
from generator.site import i18n
from generator.site.memo import model_cache

if TYPE_CHECKING:
    from generator.site.kinds import PageKind

Order = Callable[[Collection[Any], Callable[[Any], str]], list[Any]]


def by_label(keys: Collection[Any], label: Callable[[Any], str]) -> list[Any]:
    return sorted(keys, key=lambda k: label(k).casefold())


def newest_first(keys: Collection[Any], label: Callable[[Any], str]) -> list[Any]:
    return sorted(keys, reverse=True)


def in_vocabulary(field: str) -> Order:
    """The values in the order the incident schema gives them (generator/fields.py), read
    when used: the schema is the content folder's, known once it is loaded."""
    return lambda keys, label: [k for k in vocabulary(field) if k in keys]


def site_filters(chron: Chronology, lang: str, rows: Sequence[PageKind]) -> list[dict]:
    """Every value of every facet, each with its static page: computed once per build."""

    def offered() -> list[dict]:
        tallies = {r.name: {k: len(v) for k, v in r.members(chron).items()} for r in rows}
        return _filters(chron, lang, rows, tallies)

    return model_cache(chron).once(("site-filters", lang), offered)


def page_filters(
    chron: Chronology, lang: str, shown: Iterable[Incident], rows: Sequence[PageKind]
) -> list[dict]:
    """Filters over the incidents a page shows (counts are of those incidents)."""
    tallies: dict[str, Counter] = {row.name: Counter() for row in rows}
    for incident in shown:
        for row in rows:
            assert row.facet is not None
            tallies[row.name].update(row.facet.values(incident))
    return _filters(chron, lang, rows, tallies)


def _filters(
    chron: Chronology, lang: str, rows: Sequence[PageKind], tallies: dict[str, Any]
) -> list[dict]:
    out = []
    for row in rows:
        facet = row.facet
        assert facet is not None
        keys = tallies.get(row.name) or {}

        def label(key: Any, facet: Any = facet) -> str:
            return facet.label(chron, key, lang)

        options = [
            {"value": str(key), "label": label(key), "url": row.url(key, lang), "count": keys[key]}
            for key in facet.order(keys, label)
        ]
        if options:
            out.append(
                {
                    "name": row.name,
                    "attribute": facet.attribute,
                    "label": i18n.word(lang, "filter." + row.name),
                    "options": options,
                }
            )
    return out
