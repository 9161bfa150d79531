"""Files a published site needs beside its pages: the 404 page a host serves for any missing
address (`/404.html`, both languages on one page, templates/404.html), and an address that
stays: every incident id ever published keeps a page.

The site carries the list of the incident ids it has published (PUBLISHED, JSON); a build
reads the list of the site it replaces (its output folder; or, for a site built before the
list existed, that site's sitemap.xml), adds today's ids, and writes, for each id whose record
is gone (deleted or renamed), a small page in both languages that says so and leads to the
records of the same date and kind, that month's page and the archives; it sends the reader on
only to the record it was renamed to (the one new record of the same date and kind).
`chronology check` reports a listed id without a page (generator/check/published.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.model import Chronology
from generator.site import i18n, urls
from generator.site.write.writer import PageWriter

NOT_FOUND = "404.html"
PUBLISHED = "published-ids.json"
_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")
_SITEMAP_ID = re.compile(r"<loc>[^<]*?/incidents/(\d{4}-\d{2}-\d{2}-[a-z0-9-]+)/</loc>")


def write_all(env: Any, chron: Chronology, out: PageWriter, settings: dict[str, Any]) -> None:
    site = settings.get("SITEURL", "")
    out.write(NOT_FOUND, env.get_template(NOT_FOUND).render(SITEURL=site))
    previous = settings.get("CHRONOLOGY_PUBLISHED")  # the site this build replaces
    before, moved_before = published_before(Path(previous)) if previous else (set(), {})
    now = {i.id for i in chron.incidents}
    ever = sorted(now | before)
    moved = {}
    pages = []
    for gone in sorted(set(ever) - now):
        renamed, others, month = _nearest(chron, gone, before)
        if moved_before.get(gone) in now:  # a rename found by an earlier build stays
            renamed = moved_before[gone]
            others = [i for i in others if i != renamed]
        if renamed:
            moved[gone] = renamed
        pages.append((gone, renamed, others, month))
    out.write(PUBLISHED, json.dumps({"incidents": ever, "moved": moved}, indent=0) + "\n")
    for gone, renamed, others, month in pages:
        for lang in chron.languages:
            page = _moved(gone, renamed, others, month, lang, site)
            out.write(urls.output_file(urls.incident(gone, lang)), page)


def published_before(site: Path) -> tuple[set[str], dict[str, str]]:
    """The incident ids the site in `site` had published, and the renames it had found
    (nothing if there is none)."""
    try:
        data = json.loads((site / PUBLISHED).read_text("utf-8"))
        listed = {i for i in data["incidents"] if isinstance(i, str) and _ID.match(i)}
        moved = data.get("moved") or {}
        return listed, {
            k: v for k, v in moved.items() if isinstance(v, str) and k in listed and v in listed
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    try:  # a site built before the list existed: its sitemap
        return set(_SITEMAP_ID.findall((site / "sitemap.xml").read_text("utf-8"))), {}
    except (OSError, ValueError):
        return set(), {}


def _nearest(
    chron: Chronology, gone: str, before: set[str]
) -> tuple[str | None, list[str], tuple[int, int] | None]:
    """(the record it was renamed to, other records of its date and kind, its month).

    A rename is assumed only when exactly one record of the same date and kind is new in this
    build (a deleted record never sends its readers to another incident)."""
    day, kind = gone[:10], gone.rsplit("-", 1)[-1]
    same = [i.id for i in chron.incidents if i.date.isoformat() == day and i.kind == kind]
    new = [i for i in same if i not in before]
    renamed = new[0] if len(new) == 1 and before else None
    month = (int(gone[:4]), int(gone[5:7]))
    return renamed, [i for i in same if i != renamed], month if month in chron.by_month else None


def _moved(
    gone: str,
    renamed: str | None,
    others: list[str],
    month: tuple[int, int] | None,
    lang: str,
    site: str,
) -> str:
    def link(url: str, label: str) -> str:
        return f'<a href="{escape(site + url)}">{escape(label)}</a>'

    # The catalogs' moved.* entries are the page's markup (like a template's text).
    title = i18n.word(lang, "moved.title")
    head = ""
    if renamed:
        target = escape(site + urls.incident(renamed, lang))
        head = f'<meta http-equiv="refresh" content="0; url={target}">\n'
        head += f'<link rel="canonical" href="{target}">\n'
        body = i18n.word(lang, "moved.renamed").format(link(urls.incident(renamed, lang), renamed))
    else:
        body = i18n.word(lang, "moved.removed")
    links = [link(urls.incident(i, lang), i) for i in others]
    if month:
        links.append(link(urls.month(*month, lang), i18n.word(lang, "archives") + f" {gone[:7]}"))
    links.append(link(urls.archives(lang), i18n.word(lang, "archives")))
    said = i18n.word(lang, "moved.gone").format(escape(gone))
    see = i18n.word(lang, "moved.see")
    items = "".join(f"<li>{a}</li>" for a in links)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n{head}'
        f"<title>{title} · {escape(i18n.word(lang, 'site_title'))}</title>\n"
        f'<link rel="stylesheet" href="{escape(site)}/theme/style.css">\n'
        f'<link rel="stylesheet" href="{escape(site)}/theme/vocabulary.css">\n</head>\n<body>\n'
        f'<main id="main">\n<h1>{title}</h1>\n<p>{said} {body}.</p>\n'
        f"<p>{see}</p>\n<ul>{items}</ul>\n</main>\n</body>\n</html>\n"
    )
