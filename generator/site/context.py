"""Template variables of each page: what a page shows, decided from the model alone."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from generator.model import Chronology, Incident, count
from generator.site import urls
from generator.site.pages import PER_PAGE, Page, facets, page_slice, pagination


def by_month(incidents: list[Incident]) -> list[tuple[tuple[int, int], list[Incident]]]:
    """Consecutive incidents grouped by (year, month), keeping their order."""
    return [(key, list(group)) for key, group in groupby(incidents, key=lambda i: i.month)]


def context(page: Page, chron: Chronology) -> dict[str, Any]:
    return {
        "page": page,
        "lang": page.lang,
        "page_url": page.url,
        **_BUILDERS[page.kind](page, chron),
    }


def _home(page: Page, chron: Chronology) -> dict[str, Any]:
    latest = chron.incidents[::-1][:PER_PAGE]
    return {
        "groups": by_month(latest),
        "shown": len(latest),
        "total": len(chron.counted),
        "kinds": count(chron.incidents, "kind"),
        "statuses": count(chron.incidents, "status"),
        "weapons": count(chron.incidents, "weapons"),
        "statements": chron.statements[::-1],
        "filter_options": _filter_options(chron),
    }


def _filter_options(chron: Chronology) -> dict[str, list[tuple[str, Any]]]:
    groups = facets(chron)
    return {
        "year": [(str(y), y) for y in sorted(groups["year"], reverse=True)],
        "base": [(b, chron.bases[b]) for b in groups["base"]],
        "kind": [(k, k) for k in groups["kind"]],
        "weapon": [(w, w) for w in groups["weapon"]],
        "actor": [(a, chron.actors[a]) for a in groups["actor"]],
        "status": [(s, s) for s in groups["status"]],
    }


def _incident(page: Page, chron: Chronology) -> dict[str, Any]:
    incident = chron.incidents[chron.position[page.key]]
    before, after = chron.neighbours(incident)
    return {"incident": incident, "previous": before, "next": after}


def _base(page: Page, chron: Chronology) -> dict[str, Any]:
    members = chron.by_base[page.key]
    return {
        "base": chron.bases[page.key],
        "incidents": page_slice(members, page.number, False),
        "pagination": pagination(page, len(members)),
        "kinds": count(members, "kind"),
        "weapons": count(members, "weapons"),
        "statuses": count(members, "status"),
        "total": len([i for i in members if i.retracted is None]),
    }


def _bases(page: Page, chron: Chronology) -> dict[str, Any]:
    rows = [
        (chron.bases[b], members, count(members, "kind")) for b, members in chron.by_base.items()
    ]
    rows.sort(key=lambda row: (-len(row[1]), row[0].name))
    places = [i for i in chron.incidents if i.base is None]
    return {"rows": rows, "places": places}


def _month(page: Page, chron: Chronology) -> dict[str, Any]:
    months = list(chron.by_month)
    n = months.index(page.key)
    members = chron.by_month[page.key]
    return {
        "year": page.key[0],
        "month": page.key[1],
        "incidents": members,
        "kinds": count(members, "kind"),
        "previous_month": months[n - 1] if n > 0 else None,
        "next_month": months[n + 1] if n + 1 < len(months) else None,
        "statements": chron.statements_by_month.get(page.key, []),
    }


def _archives(page: Page, chron: Chronology) -> dict[str, Any]:
    years: dict[int, list[tuple[int, int]]] = {}
    for (year, month), members in chron.by_month.items():
        years.setdefault(year, []).append((month, len(members)))
    return {"years": sorted(years.items(), reverse=True), "total": len(chron.counted)}


def _list(page: Page, chron: Chronology) -> dict[str, Any]:
    members = facets(chron)[page.kind][page.key]
    subject: Any = page.key
    if page.kind == "actor":
        subject = chron.actors[page.key]
    return {
        "subject": subject,
        "incidents": page_slice(members, page.number),
        "groups": by_month(page_slice(members, page.number)),
        "pagination": pagination(page, len(members)),
        "kinds": count(members, "kind"),
        "total": len([i for i in members if i.retracted is None]),
    }


def _static(page: Page, chron: Chronology) -> dict[str, Any]:
    return {"total": len(chron.counted)}


_BUILDERS = {
    "home": _home,
    "incident": _incident,
    "base": _base,
    "bases": _bases,
    "month": _month,
    "archives": _archives,
    "year": _list,
    "actor": _list,
    "weapon": _list,
    "kind": _list,
    "status": _list,
    "about": _static,
    "search": _static,
}

__all__ = ["context", "urls"]
