"""Whole-site files beside the pages: Atom feeds and the sitemap (and data exports).

Each is rebuilt on every run (they summarise everything) and written only if changed.
"""

from __future__ import annotations

import datetime as dt
import heapq
from typing import Any
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed
from markupsafe import Markup

from generator import markup
from generator.model import Chronology, Incident
from generator.site import i18n, memo, urls
from generator.site.incremental.signatures import Same
from generator.site.kinds import page_urls
from generator.site.write.writer import PageWriter

FEED_SIZE = 50


_NOTE = Markup("<p><strong>{}</strong>: {}</p>")


def write_all(
    chron: Chronology, out: PageWriter, settings: dict[str, Any], part_of: Any = None
) -> None:
    """`part_of`: where the downloads take each incident's part (exports.write_all)."""
    site = settings.get("SITEURL", "")
    # Speed (live server): a feed is made again only when the entries it carries changed
    # (compared by identity: an unchanged record keeps its Incident object), and each
    # incident's date of update is computed once (generator/site/memo.py).
    updated = memo.per_incident(chron, "feed-updated")
    listing = [f for f in feeds(chron) if not out.taken(urls.output_file(f[0]))]  # not reused
    when: dict[int, dt.datetime] = {}
    if listing:
        when = {id(i): updated.get(i, _updated) for i in chron.incidents}
    made = memo.memos(chron).store("feeds")

    latest: dict[int, list[Incident]] = {}  # id(list of incidents) -> its latest entries

    for url, lang, incidents, title in listing:
        recent = latest.get(id(incidents))
        if recent is None:
            recent = heapq.nlargest(FEED_SIZE, incidents, key=lambda i: when[id(i)])
            latest[id(incidents)] = recent
        key = (lang, site, title, settings.get("SITENAME_" + lang.upper()))
        last = made.get(url)
        if last is not None and last[0] == key and last[1] == Same(*recent):
            text = last[2]
        else:  # `feed` sorts again: the order of `recent`, which sorted() keeps
            text = feed(recent, lang, site, url, settings, title=title)
            made[url] = (key, Same(*recent), text)
        out.write_kept(urls.output_file(url), text)
    urls_now = page_urls(chron)
    last_map = made.get("sitemap.xml")
    if site and (last_map is None or last_map[0] != (site, urls_now)):
        last_map = made["sitemap.xml"] = ((site, urls_now), sitemap(chron, site))
    if site:  # a sitemap lists absolute addresses only: none without the site's address
        out.write_kept("sitemap.xml", last_map[1])
    from generator.site import exports  # data downloads (JSON, CSV, GeoJSON)

    exports.write_all(chron, out, settings, part_of)


def feeds(chron: Chronology) -> list[tuple[str, str, list[Incident], str | None]]:
    """(URL, language, incidents it draws from, title) of every feed: the site's, each base's."""
    found: list[tuple[str, str, list[Incident], str | None]] = []
    for lang in chron.languages:
        found.append((urls.feed(lang), lang, chron.incidents, None))
        for base_id, members in chron.by_base.items():
            title = chron.bases[base_id].title(lang)
            found.append((urls.base_feed(base_id, lang), lang, members, title))
    return found


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
        # atom:id is an absolute IRI: the feed's address, or a tag without the site's address
        feed_guid=site + self_url if site else f"tag:chronology,2023:{self_url}",
        language=lang,
        description=i18n.word(lang, "latest"),
    )
    recent = sorted(incidents, key=_updated, reverse=True)[:FEED_SIZE]
    for incident in recent:
        # Markup throughout: a plain str added to Markup is escaped (the HTML would show as
        # text in feed readers); Markup.format escapes the label and date, keeps the rendered.
        body = markup.render(i18n.shown_text(incident.summary, lang))
        for correction in incident.corrections:
            body += _NOTE.format(
                f"{i18n.word(lang, correction.kind)} ({correction.date})",
                markup.render_inline(i18n.shown_text(correction.text, lang)),
            )
        if incident.retracted:
            body = (
                _NOTE.format(
                    i18n.word(lang, "retracted"),
                    markup.render_inline(i18n.shown_text(incident.retracted.reason, lang)),
                )
                + body
            )
        heading = (
            f"{i18n.when(incident, lang)} — {i18n.word(lang, incident.kind)}, "
            f"{incident.place(lang)}"
        )
        atom.add_item(
            title=heading,
            link=site + urls.incident(incident.id, lang),
            description=str(body),
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
    for url in page_urls(chron):
        lines.append(f"<url><loc>{escape(site + url)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
