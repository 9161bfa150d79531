"""Machine-readable description of an incident page: schema.org Event (JSON-LD) and Open Graph."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from markupsafe import Markup

from generator.model import Incident
from generator.site import i18n, urls

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_MARKDOWN = re.compile(r"[*_`>#\[\]]|\]\([^)]*\)")


def plain(text: str, limit: int | None = None) -> str:
    """Markdown source as one line of plain text (for descriptions), cut at a word."""
    text = _plain(text)
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


@functools.lru_cache(maxsize=8)  # an incident page asks three times for the same text
def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](url) -> label
    return " ".join(_MARKDOWN.sub("", text).split())


def start_date(incident: Incident) -> str:
    """ISO 8601 as precise as the record: 2024-08-05, or 2024-08 when only the month is known."""
    if incident.date_precision == "month":
        return incident.date.strftime("%Y-%m")
    if incident.date_window:  # ISO 8601 interval: the window, not a day that looks exact
        return "/".join(day.isoformat() for day in incident.date_window)
    return incident.date.isoformat()


def title(incident: Incident, lang: str) -> str:
    return f"{i18n.when(incident, lang)} — {i18n.word(lang, incident.kind)}, {incident.place(lang)}"


def event(incident: Incident, lang: str, site: str = "") -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": incident.place(lang),
        "address": {"@type": "PostalAddress", "addressCountry": incident.country},
    }
    if incident.lat is not None:  # a place known only to its province or country has no point
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": incident.lat,
            "longitude": incident.lon,
        }
    if incident.admin1_title(lang):
        place["address"]["addressRegion"] = incident.admin1_title(lang)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "identifier": incident.id,
        "name": title(incident, lang),
        "description": plain(i18n.shown_text(incident.summary, lang)),
        "startDate": start_date(incident),
        "location": place,
        "inLanguage": lang,
        "keywords": [incident.kind, incident.status, *incident.weapons],
    }
    if site:  # @id and url are absolute IRIs: left out of a build without the site's address
        data["@id"] = site + urls.incident(incident.id, lang) + "#event"
        data["url"] = site + urls.incident(incident.id, lang)
    data["subjectOf"] = [_source(s) for s in incident.sources]
    return data


def _source(source: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": source.outlet},
        "inLanguage": source.language,
        "text": source.quote,
    }
    for key, value in (
        ("headline", source.title),
        ("url", source.url),
        ("datePublished", source.published),
        ("archivedAt", source.archive_url),
    ):
        if value:
            item[key] = value
    if source.author:
        item["author"] = {"@type": "Person", "name": source.author}
    return item


def script(incident: Incident, lang: str, site: str = "") -> Markup:
    """The <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(event(incident, lang, site), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def open_graph(
    incident: Incident, lang: str, site: str = "", site_name: str = "", langs: tuple[str, ...] = ()
) -> list[tuple]:
    """(property, content) pairs of the Open Graph tags; `langs`: the site's languages."""
    tags = [
        ("og:type", "article"),
        ("og:title", title(incident, lang)),
        ("og:description", plain(i18n.shown_text(incident.summary, lang), 200)),
        ("og:locale", LOCALES.get(lang, lang)),
        *[("og:locale:alternate", LOCALES.get(o, o)) for o in langs if o != lang],
        ("og:site_name", site_name),
        ("article:published_time", incident.date.isoformat()),
        ("article:section", i18n.word(lang, incident.kind)),
    ]
    if site:  # Open Graph wants absolute URLs: only when the site knows its address
        tags.append(("og:url", site + urls.incident(incident.id, lang)))
    return [(k, v) for k, v in tags if v]
