"""Template variables of each kind of page: what a page shows, decided from the model alone.

Each function here is the `context` of a row of generator/site/kinds.py, which adds the
page itself and the filters the row says it shows. Whatever summarises the whole site (the
chart, the overview map) is computed once per build (generator/site/memo.py).
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from generator.fields import vocabulary
from generator.model import Chronology, Incident, Statement, count
from generator.site import charts, exports, i18n, jsonld, svgmap
from generator.site.memo import model_cache
from generator.site.pages import PER_PAGE, Page, counted, page_slice, pagination, tally


def by_month(incidents: list[Incident]) -> list[tuple[tuple[int, int], list[Incident]]]:
    """Consecutive incidents grouped by (year, month), keeping their order."""
    return [(key, list(group)) for key, group in groupby(incidents, key=lambda i: i.month)]


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
    return model_cache(chron).once(("coverage", lang), lambda: _coverage(chron, lang))


def _coverage(chron: Chronology, lang: str) -> dict[str, Any]:
    articles = {
        s.url or s.seed or s.title or s.outlet for i in chron.incidents for s in i.sources
    } | {s.url or s.seed or s.title or s.outlet for st in chron.statements for s in st.sources}
    kinds = count(chron.incidents, "kind")
    months = chron.months
    return {
        "documented": i18n.word(lang, "coverage_docs").format(
            n=len(chron.counted),
            **{kind + "s": kinds.get(kind, 0) for kind in vocabulary("kind")},  # {attacks}
            sources=len(articles),
            first=i18n.month_name(*months[0], lang) if months else "",
            last=i18n.month_name(*months[-1], lang) if months else "",
        ),
        "reported": [tally_line(chron, s, lang) for s in chron.tallies],
    }


def home(page: Page, chron: Chronology) -> dict[str, Any]:
    latest = chron.incidents[::-1][:PER_PAGE]
    return {
        "groups": by_month(latest),
        "shown": len(latest),
        "total": len(chron.counted),
        "kinds": _kinds(chron),
        "statuses": _statuses(chron),
        "statements": chron.statements[::-1],
        "chart": charts.per_month(chron, page.lang),
        "coverage": coverage(chron, page.lang),
        "overview_map": lambda site: svgmap.overview(chron, page.lang, site),
    }


def _kinds(chron: Chronology) -> dict[str, int]:
    return model_cache(chron).once("kinds", lambda: count(chron.incidents, "kind"))


def _statuses(chron: Chronology) -> dict[str, int]:
    return model_cache(chron).once("statuses", lambda: count(chron.incidents, "status"))


def incident(page: Page, chron: Chronology) -> dict[str, Any]:
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
        "locator": lambda site: svgmap.incident_locator(chron.region, incident, lang, site),
        "links": chron.links.get(incident.id, []),
    }


def base(page: Page, chron: Chronology) -> dict[str, Any]:
    members = page.row.members(chron)[page.key]
    base = chron.bases[page.key]
    shown = page_slice(members, page.number, page.row.newest_first)
    return {
        "base": base,
        "incidents": shown,
        "pagination": pagination(page, len(members)),
        # tally/counted: once per group and build, not once per page (generator/site/pages.py)
        "kinds": tally(chron, members, "kind"),
        "weapons": tally(chron, members, "weapons"),
        "statuses": tally(chron, members, "status"),
        "total": counted(chron, members),
        "locator": lambda site: svgmap.locator(
            chron.region, base.lon, base.lat, base.title(page.lang), page.lang, site=site
        ),
    }


def bases(page: Page, chron: Chronology) -> dict[str, Any]:
    rows = [
        (chron.bases[b], members, count(members, "kind")) for b, members in chron.by_base.items()
    ]
    rows.sort(key=lambda row: (-len(row[1]), row[0].name))
    return {
        "rows": rows,
        "kind_columns": vocabulary("kind"),  # a column of counts per kind, in the schema's order
        "places": svgmap.place_groups(chron),
        "overview_map": lambda site: svgmap.overview(chron, page.lang, site),
    }


def month(page: Page, chron: Chronology) -> dict[str, Any]:
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
    }


def archives(page: Page, chron: Chronology) -> dict[str, Any]:
    years: dict[int, list[tuple[int, int]]] = {}
    for year, month in chron.months:
        years.setdefault(year, []).append((month, len(chron.by_month.get((year, month), []))))
    return {"years": sorted(years.items(), reverse=True), "total": len(chron.counted)}


def listing(page: Page, chron: Chronology) -> dict[str, Any]:
    """A list of the incidents of one group (a year, a weapon...), PER_PAGE a page."""
    members = page.row.members(chron)[page.key]
    shown = page_slice(members, page.number, page.row.newest_first)
    return {
        "subject": page.key,
        "incidents": shown,
        "groups": by_month(shown),
        "pagination": pagination(page, len(members)),
        # tally/counted: once per group and build, not once per page (generator/site/pages.py)
        "kinds": tally(chron, members, "kind"),
        "total": counted(chron, members),
    }


def actor(page: Page, chron: Chronology) -> dict[str, Any]:
    return {**listing(page, chron), "subject": chron.actors[page.key]}


def about(page: Page, chron: Chronology) -> dict[str, Any]:
    return {
        "coverage": coverage(chron, page.lang),
        "total": len(chron.counted),
        "columns": exports.columns(page.lang),
        "data_folder": "/" + exports.FOLDER + "/",
        "data_files": exports.FILES,
        "licence_url": exports.LICENSE_URL,
    }


def static(page: Page, chron: Chronology) -> dict[str, Any]:
    return {"total": len(chron.counted)}
