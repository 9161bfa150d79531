"""Whole-site files beside the pages: Atom feeds and the sitemap (and data exports).

Each is rebuilt on every run (they summarise everything) and written only if changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from generator import markup
from generator.model import Chronology, Incident
from generator.site import i18n, urls
from generator.site.pages import plan
from generator.site.writer import PageWriter

FEED_SIZE = 50


def write_all(chron: Chronology, out: PageWriter, settings: dict[str, Any]) -> None:
    site = settings.get("SITEURL", "")
    for lang in urls.LANGS:
        out.write(
            urls.output_file(urls.feed(lang)),
            feed(chron.incidents, lang, site, urls.feed(lang), settings),
        )
        for base_id, members in chron.by_base.items():
            out.write(
                urls.output_file(urls.base_feed(base_id, lang)),
                feed(
                    members,
                    lang,
                    site,
                    urls.base_feed(base_id, lang),
                    settings,
                    title=chron.bases[base_id].title(lang),
                ),
            )
    out.write("sitemap.xml", sitemap(chron, site))
    from generator.site import exports  # data downloads (JSON, CSV, GeoJSON)

    exports.write_all(chron, out, settings)


def _updated(incident: Incident) -> dt.datetime:
    # A correction or a retraction re-dates the entry, so feed readers see the change.
    days = [incident.date.isoformat()] + [c.date for c in incident.corrections]
    if incident.retracted:
        days.append(incident.retracted.date)
    day = max(days)
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


def feed(
    incidents: list[Incident],
    lang: str,
    site: str,
    self_url: str,
    settings: dict[str, Any],
    title: str | None = None,
) -> str:
    name = settings.get("SITENAME_" + lang.upper()) or i18n.word(lang, "site_title")
    atom = Atom1Feed(
        title=f"{name} — {title}" if title else name,
        link=site + urls.home(lang),
        feed_url=site + self_url,
        language=lang,
        description=i18n.word(lang, "latest"),
    )
    recent = sorted(incidents, key=_updated, reverse=True)[:FEED_SIZE]
    for incident in recent:
        body = markup.render(incident.summary[lang])
        for correction in incident.corrections:
            label = i18n.word(lang, correction.kind)
            body += (
                f"<p><strong>{label} ({correction.date})</strong>: "
                f"{markup.render_inline(correction.text[lang])}</p>"
            )
        if incident.retracted:
            body = (
                f"<p><strong>{i18n.word(lang, 'retracted')}</strong>: "
                f"{markup.render_inline(incident.retracted.reason[lang])}</p>"
            ) + body
        heading = (
            f"{i18n.long_date(incident.date, lang)} — {i18n.word(lang, incident.kind)}, "
            f"{incident.place(lang)}"
        )
        atom.add_item(
            title=heading,
            link=site + urls.incident(incident.id, lang),
            description=body,
            unique_id=f"tag:chronology,{incident.date.isoformat()}:{incident.id}",
            pubdate=dt.datetime.combine(incident.date, dt.time(), tzinfo=dt.UTC),
            updateddate=_updated(incident),
            categories=[incident.kind, *incident.weapons],
        )
    return atom.writeString("utf-8")


def sitemap(chron: Chronology, site: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for page in plan(chron):
        lines.append(f"<url><loc>{escape(site + page.url)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
