"""Template variables of each page: what a page shows, decided from the model alone.

Whatever summarises the whole site (the chart, the overview map, the filter options of the
home page) is computed once per build and kept on the Chronology; a page that lists
incidents computes its own filter options from the (at most PER_PAGE) incidents it shows, so
the page changes exactly when its signature does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from generator.model import Chronology, Incident, Statement, count
from generator.site import charts, exports, i18n, jsonld, svgmap, urls
from generator.site.pages import (
    PER_PAGE,
    STATUSES,
    Page,
    counted,
    facets,
    page_slice,
    pagination,
    tally,
)

# The filters, in the order they are offered: (facet, data attribute of the list items).
FILTERS = (
    ("year", "year"),
    ("base", "base"),
    ("kind", "kind"),
    ("weapon", "weapons"),
    ("actor", "actors"),
    ("status", "status"),
)
_FACET_URL = {
    "year": urls.year,
    "base": urls.base,
    "kind": urls.kind,
    "weapon": urls.weapon,
    "actor": urls.actor,
    "status": urls.status,
}


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


# --- filters ---------------------------------------------------------------------------------


def _label(chron: Chronology, facet: str, key: Any, lang: str) -> str:
    if facet == "base":
        return chron.bases[key].title(lang)
    if facet == "actor":
        return chron.actors[key].title(lang)
    if facet == "weapon":
        return i18n.word(lang, "weapon." + key)
    if facet in ("kind", "status"):
        return i18n.word(lang, key)
    return str(key)


def _facet_values(incident: Incident, facet: str) -> Iterable[Any]:
    if facet == "year":
        return (incident.date.year,)
    if facet == "base":
        return (incident.base.id,) if incident.base else ()
    if facet == "kind":
        return (incident.kind,)
    if facet == "weapon":
        return incident.weapons
    if facet == "actor":
        return list(dict.fromkeys(a.id for a in incident.claimed_by + incident.attributed_to))
    return (incident.status,)


def _filters(chron: Chronology, lang: str, tallies: dict[str, dict[Any, int]]) -> list[dict]:
    out = []
    for facet, attribute in FILTERS:
        keys = tallies.get(facet) or {}
        if facet == "year":
            ordered = sorted(keys, reverse=True)
        elif facet in ("kind", "status"):
            ordered = list(keys)
        else:
            ordered = sorted(keys, key=lambda k: _label(chron, facet, k, lang).casefold())
        options = [
            {
                "value": str(key),
                "label": _label(chron, facet, key, lang),
                "url": _FACET_URL[facet](key, lang),
                "count": keys[key],
            }
            for key in ordered
        ]
        if options:
            out.append(
                {
                    "name": facet,
                    "attribute": attribute,
                    "label": i18n.word(lang, "filter." + facet),
                    "options": options,
                }
            )
    return out


def site_filters(chron: Chronology, lang: str) -> list[dict]:
    """Every value of every facet, each with its static page: computed once per build."""
    key = ("_site_filters", lang)
    cached = chron.__dict__.get(key)
    if cached is None:
        groups = facets(chron)
        tallies = {f: {k: len(v) for k, v in groups[f].items()} for f, _ in FILTERS}
        tallies["kind"] = {
            k: tallies["kind"][k] for k in ("attack", "strike") if k in tallies["kind"]
        }
        cached = chron.__dict__[key] = _filters(chron, lang, tallies)
    return cached


def page_filters(chron: Chronology, lang: str, shown: list[Incident]) -> list[dict]:
    """Filters over the incidents a page shows (counts are of those incidents)."""
    tallies: dict[str, Counter] = {facet: Counter() for facet, _ in FILTERS}
    for incident in shown:
        for facet, _ in FILTERS:
            tallies[facet].update(_facet_values(incident, facet))
    ordered_kind = {k: tallies["kind"][k] for k in ("attack", "strike") if tallies["kind"][k]}
    ordered_status = {k: tallies["status"][k] for k in STATUSES if tallies["status"][k]}
    return _filters(chron, lang, {**tallies, "kind": ordered_kind, "status": ordered_status})


# --- pages -----------------------------------------------------------------------------------


# --- coverage: what the chronology documents beside what its sources count ------------------


def tally_line(chron: Chronology, statement: Statement, lang: str) -> dict[str, Any]:
    """One reported count as a sentence, with who counted and as of when, and how many
    incidents of that kind this chronology documents over the same days."""
    tally = statement.tally
    assert tally is not None
    who = (
        i18n.word(lang, "counted_by.source")
        if tally.counted_by == "source"
        else chron.actors[tally.counted_by].title(lang)
    )
    text = i18n.word(lang, "tally_line").format(
        bound="" if tally.bound == "exactly" else i18n.word(lang, "bound." + tally.bound),
        count=tally.count,
        what=i18n.word(lang, "tally_what." + tally.kind),
        since=i18n.word(lang, "tally_since").format(i18n.long_date(tally.since, lang))
        if tally.since
        else "",
        where=i18n.word(lang, "tally_where").format(
            ", ".join(i18n.country(lang, c) for c in tally.countries)
        )
        if tally.countries
        else "",
        who=who,
        day=i18n.long_date(statement.date, lang),
    )
    return {
        "id": statement.id,
        "text": " ".join(text.split()),
        "documented": chron.documented_in(statement),
        "statement": statement,
    }


def coverage(chron: Chronology, lang: str) -> dict[str, Any]:
    """Documented vs reported, for the home and About pages (once per build and language)."""
    key = ("_coverage", lang)
    cached = chron.__dict__.get(key)
    if cached is None:
        articles = {
            s.url or s.seed or s.title or s.outlet for i in chron.incidents for s in i.sources
        } | {s.url or s.seed or s.title or s.outlet for st in chron.statements for s in st.sources}
        kinds = count(chron.incidents, "kind")
        months = chron.months
        cached = chron.__dict__[key] = {
            "documented": i18n.word(lang, "coverage_docs").format(
                n=len(chron.counted),
                attacks=kinds.get("attack", 0),
                strikes=kinds.get("strike", 0),
                sources=len(articles),
                first=i18n.month_name(*months[0], lang) if months else "",
                last=i18n.month_name(*months[-1], lang) if months else "",
            ),
            "reported": [tally_line(chron, s, lang) for s in chron.tallies],
        }
    return cached


def _home(page: Page, chron: Chronology) -> dict[str, Any]:
    latest = chron.incidents[::-1][:PER_PAGE]
    return {
        "groups": by_month(latest),
        "shown": len(latest),
        "total": len(chron.counted),
        "kinds": _kinds(chron),
        "statuses": _statuses(chron),
        "statements": chron.statements[::-1],
        "filters": site_filters(chron, page.lang),
        "chart": charts.per_month(chron, page.lang),
        "coverage": coverage(chron, page.lang),
        "overview_map": lambda site: svgmap.overview(chron, page.lang, site),
    }


def _kinds(chron: Chronology) -> dict[str, int]:
    if "_kinds" not in chron.__dict__:
        chron.__dict__["_kinds"] = count(chron.incidents, "kind")
    return chron.__dict__["_kinds"]


def _statuses(chron: Chronology) -> dict[str, int]:
    if "_statuses" not in chron.__dict__:
        chron.__dict__["_statuses"] = count(chron.incidents, "status")
    return chron.__dict__["_statuses"]


def _incident(page: Page, chron: Chronology) -> dict[str, Any]:
    incident = chron.incidents[chron.position[page.key]]
    before, after = chron.neighbours(incident)
    lang = page.lang
    return {
        "incident": incident,
        "previous": before,
        "next": after,
        "description": jsonld.plain(i18n.shown_text(incident.summary, lang), 200),
        "json_ld": lambda site: jsonld.script(incident, lang, site),
        "open_graph": lambda site, name: jsonld.open_graph(
            incident, lang, site, name, chron.languages
        ),
        "locator": lambda site: svgmap.incident_locator(incident, lang, site),
        "links": chron.links.get(incident.id, []),
    }


def _base(page: Page, chron: Chronology) -> dict[str, Any]:
    members = chron.by_base[page.key]
    base = chron.bases[page.key]
    shown = page_slice(members, page.number, False)
    return {
        "base": base,
        "incidents": shown,
        "pagination": pagination(page, len(members)),
        # tally/counted: once per group and build, not once per page (generator/site/pages.py)
        "kinds": tally(chron, members, "kind"),
        "weapons": tally(chron, members, "weapons"),
        "statuses": tally(chron, members, "status"),
        "total": counted(chron, members),
        "filters": page_filters(chron, page.lang, shown),
        "locator": lambda site: svgmap.locator(
            base.lon, base.lat, base.title(page.lang), page.lang, site=site
        ),
    }


def _bases(page: Page, chron: Chronology) -> dict[str, Any]:
    rows = [
        (chron.bases[b], members, count(members, "kind")) for b, members in chron.by_base.items()
    ]
    rows.sort(key=lambda row: (-len(row[1]), row[0].name))
    return {
        "rows": rows,
        "places": svgmap.place_groups(chron),
        "overview_map": lambda site: svgmap.overview(chron, page.lang, site),
    }


def _month(page: Page, chron: Chronology) -> dict[str, Any]:
    months = chron.months  # every month of the covered period, documented or not
    n = months.index(page.key)
    members = chron.by_month.get(page.key, [])
    return {
        "year": page.key[0],
        "month": page.key[1],
        "incidents": members,
        "kinds": count(members, "kind"),
        "previous_month": months[n - 1] if n > 0 else None,
        "next_month": months[n + 1] if n + 1 < len(months) else None,
        "statements": chron.statements_by_month.get(page.key, []),
        "tallies": [tally_line(chron, s, page.lang) for s in chron.tallies_for(*page.key)],
        "filters": page_filters(chron, page.lang, members),
    }


def _archives(page: Page, chron: Chronology) -> dict[str, Any]:
    years: dict[int, list[tuple[int, int]]] = {}
    for year, month in chron.months:
        years.setdefault(year, []).append((month, len(chron.by_month.get((year, month), []))))
    return {"years": sorted(years.items(), reverse=True), "total": len(chron.counted)}


def _list(page: Page, chron: Chronology) -> dict[str, Any]:
    members = facets(chron)[page.kind][page.key]
    subject: Any = page.key
    if page.kind == "actor":
        subject = chron.actors[page.key]
    shown = page_slice(members, page.number)
    return {
        "subject": subject,
        "incidents": shown,
        "groups": by_month(shown),
        "pagination": pagination(page, len(members)),
        # tally/counted: once per group and build, not once per page (generator/site/pages.py)
        "kinds": tally(chron, members, "kind"),
        "total": counted(chron, members),
        "filters": page_filters(chron, page.lang, shown),
    }


def _about(page: Page, chron: Chronology) -> dict[str, Any]:
    return {
        "coverage": coverage(chron, page.lang),
        "total": len(chron.counted),
        "columns": exports.columns(page.lang),
        "data_folder": "/" + exports.FOLDER + "/",
        "data_files": exports.FILES,
        "licence_url": exports.LICENSE_URL,
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
    "about": _about,
    "search": _static,
}

__all__ = ["context", "urls"]
