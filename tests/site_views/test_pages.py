"""The built pages, parsed: chart, maps, filters, JSON-LD and Open Graph, about page, weights."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.records.checks import load_chronology
from generator.site import charts, exports, svgmap
from tests.conftest import MAKE_CORPUS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

LIMIT = 200_000  # bytes: a page listing 100 incidents, HTML + CSS + JS, before compression


@pytest.fixture(scope="module")
def chron():  # type: ignore[no-untyped-def]
    return load_chronology(ROOT / "content")


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url.lstrip("/") / "index.html" if url.endswith("/") else site / url.lstrip("/")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


# --- home: timeline, counts, chart -----------------------------------------------------------


def test_home_timeline_is_newest_first_grouped_by_month(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    page = soup(real_site, "/")
    months = [s["aria-labelledby"] for s in page.select("#timeline-list section.month-group")]
    assert months == sorted(months, reverse=True) and len(months) == len(chron.by_month)
    dates = [t["datetime"] for t in page.select("#timeline-list li.incident time")]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(chron.incidents)
    counts = {
        a.get_text(): a.find_next("strong").get_text()
        for a in page.select(".summary-counts .counts a")
    }
    kinds = Counter(i.kind for i in chron.counted)
    assert counts["Attaque"] == str(kinds["attack"]) and counts["Frappe"] == str(kinds["strike"])


def test_home_chart_is_svg_with_a_text_alternative(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    for url, word in (("/", "attaques"), ("/en/", "attacks")):
        chart = soup(real_site, url).select_one("figure.chart-figure svg.chart")
        assert chart["role"] == "img"
        labels = chart["aria-labelledby"].split()
        assert chart.find("title", id=labels[0]) and chart.find("desc", id=labels[1])
        assert word in chart.find("desc").get_text()
        # One bar group per month with incidents placed in one month; its tooltip gives the
        # figures. The reported counts are drawn too, each with its own tooltip.
        groups = chart.select("g:not(.tally-group) > title")
        assert len(groups) == len({i.month for i in chron.counted if not charts.spans_months(i)})
        assert len(chart.select("g.tally-group")) == len(chron.tallies)
        bars = chart.select("rect")
        assert {r["class"][0] for r in bars} == {"attack", "strike"}
    assert not soup(real_site, "/").select("script[src*='chart']")  # no script needed


# --- maps ------------------------------------------------------------------------------------


def test_bases_map_links_each_base_with_its_count(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    for lang, prefix in (("fr", ""), ("en", "/en")):
        svg = soup(real_site, f"{prefix}/bases/").select_one("svg.map")
        assert svg.find("image")["href"] == svgmap.LAYER_URL
        for base_id, members in chron.by_base.items():
            marker = svg.select_one(f'a[href="{prefix}/bases/{base_id}/"]')
            counted = sum(1 for i in members if i.retracted is None)
            assert marker.find("text").get_text() == str(counted)
            assert marker.find("title").get_text().startswith(chron.bases[base_id].title(lang))


def test_every_place_marker_leads_to_an_existing_page(real_site: Path) -> None:
    page = soup(real_site, "/bases/")
    ids = {tag["id"] for tag in page.select("[id]")}
    for link in page.select("svg.map a"):
        href = link["href"]
        if "#" in href:
            assert href.split("#")[1] in ids
        else:
            assert (real_site / href.lstrip("/") / "index.html").is_file(), href


def test_locator_maps_on_base_and_incident_pages(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    base = chron.bases["ain-al-asad"]
    svg = soup(real_site, "/bases/ain-al-asad/").select_one("svg.map-small")
    circle = svg.select_one(".here circle")
    x, y = svgmap.project(chron.region, base.lon, base.lat)
    assert (float(circle["cx"]), float(circle["cy"])) == (round(x, 1), round(y, 1))
    for incident in chron.incidents:
        svg = soup(real_site, f"/en/incidents/{incident.id}/").select_one("svg.map-small")
        assert svg is not None and svg.select(".here circle"), incident.id
        if incident.location and incident.location.precision == "country":
            assert svg.select_one("path.area")  # the whole country, not a point


def test_map_layer_is_the_vendored_outlines(real_site: Path) -> None:
    layer = (real_site / "theme" / "region.svg").read_text(encoding="utf-8")
    assert layer.startswith("<svg") and layer.count("<path") >= 10
    assert len(layer) < 20_000
    assert (ROOT / "content" / "region" / "LICENSE").is_file()


def test_projection_keeps_the_region_in_view_and_clamps_the_rest(chron) -> None:  # type: ignore[no-untyped-def]
    region = chron.region
    for lon, lat in ((38.656, 33.49), (44.39, 33.31), (36.782, 31.833)):  # Tanf, Baghdad, Jordan
        assert svgmap.inside(region, lon, lat)
        x, y = svgmap.project(region, lon, lat)
        assert 0 < x < svgmap.WIDTH and 0 < y < svgmap.frame(region).height
    far = svgmap.svg(region, [svgmap.Marker(55.0, 20.0, "far", None)], "en", title="t")
    cx = float(re.search(r'cx="([\d.]+)"', far).group(1))
    assert cx <= svgmap.WIDTH


# --- filters ---------------------------------------------------------------------------------


def test_home_filters_offer_every_facet_with_its_static_page(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    page = soup(real_site, "/")
    form = page.select_one("form.filter-form")
    assert form.has_attr("hidden")  # shown by the script only
    names = [s["name"] for s in form.select("select")]
    assert names == ["year", "base", "kind", "weapon", "actor", "status"]
    years = [o["value"] for o in form.select('select[name="year"] option') if o["value"]]
    assert years == [str(y) for y in sorted(chron.by_year, reverse=True)]
    bases = {o["value"] for o in form.select('select[name="base"] option') if o["value"]}
    assert bases == set(chron.by_base)
    links = [a["href"] for a in page.select("details.facets a")]
    assert links and all((real_site / h.lstrip("/") / "index.html").is_file() for h in links)
    # The attributes the script filters on are on every item.
    for item in page.select("li.incident"):
        for attribute in ("year", "kind", "status", "base", "weapons", "actors"):
            assert item.has_attr(f"data-{attribute}")


def test_list_page_filters_offer_only_what_the_page_shows(real_site: Path) -> None:
    page = soup(real_site, "/kinds/strike/")
    kinds = [o["value"] for o in page.select('select[name="kind"] option') if o["value"]]
    assert kinds == ["strike"]
    years = {o["value"] for o in page.select('select[name="year"] option') if o["value"]}
    assert years == {li["data-year"] for li in page.select("li.incident")}


# --- incident pages: evidence, JSON-LD, Open Graph -------------------------------------------


def test_incident_pages_carry_json_ld_events_and_open_graph(real_site: Path, chron) -> None:  # type: ignore[no-untyped-def]
    for incident in chron.incidents:
        for prefix in ("", "/en"):
            page = soup(real_site, f"{prefix}/incidents/{incident.id}/")
            scripts = page.select('script[type="application/ld+json"]')
            assert len(scripts) == 1
            data = json.loads(scripts[0].string)
            assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
            assert data["identifier"] == incident.id
            assert data["startDate"].startswith(incident.date.isoformat()[:7])
            if incident.lat is None:  # known only to its province or country: no point at all
                assert "geo" not in data["location"]
            else:
                geo = data["location"]["geo"]
                assert (geo["latitude"], geo["longitude"]) == (incident.lat, incident.lon)
            assert [s["text"] for s in data["subjectOf"]] == [s.quote for s in incident.sources]
            og = {m["property"]: m["content"] for m in page.select("meta[property]")}
            assert og["og:type"] == "article" and og["og:title"] == data["name"]
            assert og["og:description"] and og["og:locale"] == ("fr_FR" if not prefix else "en_GB")
            assert page.select_one('meta[name="description"]')["content"] == og["og:description"]


def test_incident_page_shows_status_meaning_sources_and_date_precision(
    real_site: Path, chron
) -> None:  # type: ignore[no-untyped-def]
    for incident in chron.incidents:
        page = soup(real_site, f"/en/incidents/{incident.id}/")
        box = page.select_one(".status-box")
        assert box.select_one(f".badge.status-{incident.status}")
        assert box.select_one(".status-explained").get_text().strip()
        precision = box.select_one(".precision").get_text()
        if incident.date_window:
            assert precision == "date window"
        origin = page.select_one("dl.facts .date-from").get_text()
        if "date" in incident.basis:  # where the date comes from, never "known to the day" alone
            how = incident.basis["date"].how
            assert (
                origin
                == {
                    "inferred": "date worked out from the article",
                    "external": "date taken from a source outside the article",
                    "editor": "date estimated by the editor",
                }[how]
            )
        quotes = [b.get_text(" ", strip=True) for b in page.select("ol.sources blockquote")]
        assert len(quotes) == sum(len(s.quotes) for s in incident.sources)
        assert page.select_one("article[data-pagefind-body]")


# --- every page ------------------------------------------------------------------------------


def test_every_page_has_unique_ids_and_the_right_language(real_site: Path) -> None:
    for path in pages(real_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        ids = [tag["id"] for tag in page.select("[id]")]
        assert len(ids) == len(set(ids)), f"{path}: {[i for i, n in Counter(ids).items() if n > 1]}"
        english = path.relative_to(real_site).parts[0] == "en"
        assert page.html["lang"] == ("en" if english else "fr"), path


def test_search_pages_load_the_search_script(real_site: Path) -> None:
    for url in ("/search/", "/en/search/"):
        page = soup(real_site, url)
        assert page.select_one('script[src="/theme/search.js"]')
        assert not page.select_one('script[src^="/pagefind/"]')  # Pagefind's UI renders HTML
        assert page.select_one("#search[data-bundle]") and page.select_one("noscript")


def test_about_page_documents_formats_licence_and_citation(real_site: Path) -> None:
    for url in ("/about/", "/en/about/"):
        page = soup(real_site, url)
        text = page.get_text(" ")
        for name in exports.FIELDNAMES:
            assert page.select_one(f"table.columns code:-soup-contains('{name}')"), name
        for file in exports.FILES:
            assert page.select_one(f'a[href="/data/{file}"]'), file
        assert "CC BY 4.0" in text and "MIT" in text and "RFC 7946" in text
        assert "JSON-LD" in text and "Atom" in text and "sitemap.xml" in text
        assert page.select_one("blockquote.citation")


# --- weight ----------------------------------------------------------------------------------

TYPES = {
    "home": "/",
    "incident": "/incidents/2023-11-21-iraq-strike/",
    "base": "/bases/ain-al-asad/",
    "bases": "/bases/",
    "month": "/2023/11/",
    "list (year)": "/2023/",
    "archives": "/archives/",
    "about": "/about/",
    "search": "/search/",
}


def weight(site: Path, url: str) -> dict[str, int]:
    """Bytes of the page, its stylesheets and its scripts (Pagefind's own bundle excluded)."""
    html_path = site / url.lstrip("/") / "index.html"
    page = BeautifulSoup(html_path.read_bytes(), "lxml")
    css = sum(
        (site / link["href"].lstrip("/")).stat().st_size
        for link in page.select('link[rel="stylesheet"]')
        if "pagefind" not in link["href"]
    )
    js = sum(
        (site / s["src"].lstrip("/")).stat().st_size
        for s in page.select("script[src]")
        if "pagefind" not in s["src"]
    )
    html = html_path.stat().st_size
    return {"html": html, "css": css, "js": js, "total": html + css + js}


def test_page_weights(real_site: Path) -> None:
    weights = {name: weight(real_site, url) for name, url in TYPES.items()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "weights-real.json").write_text(json.dumps(weights, indent=1))
    assert all(w["total"] < LIMIT for w in weights.values()), weights


@pytest.mark.slow
@pytest.mark.skipif(not MAKE_CORPUS.exists(), reason="benchmark corpus generator not found")
def test_a_page_listing_100_incidents_stays_under_200_kb(tmp_path: Path) -> None:
    from generator.build import build

    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "400", str(tmp_path / "c")],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    build(tmp_path / "c" / "content", site, search_index=False)
    full = [
        p for p in pages(site) if p.read_text(encoding="utf-8").count('<li class="incident') >= 100
    ]
    assert full, "no page lists 100 incidents"
    weights = {
        str(p.parent.relative_to(site)): weight(site, "/" + str(p.parent.relative_to(site)) + "/")
        for p in full
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "weights-100.json").write_text(json.dumps(weights, indent=1))
    heaviest = max(weights.values(), key=lambda w: w["total"])
    assert heaviest["total"] < LIMIT, weights


def test_places_named_alike_or_side_by_side_share_one_marker(chron) -> None:  # type: ignore[no-untyped-def]
    """Each record places a strike its own way: one marker per place, not per record."""
    import dataclasses

    from generator.model import Chronology, Location

    template = next(i for i in chron.incidents if i.base is None)
    spots = [
        ("Al-Qaim", 34.369, 41.094),
        ("Al-Qaim", 34.41, 41.05),  # the same name, a few km away
        ("Qa'im border crossing", 34.38, 41.0),  # another name within 0.1°
        ("Rawa", 34.476, 41.912),
    ]
    incidents = [
        dataclasses.replace(
            template,
            id=f"{template.id}-{n}",
            location=Location(name, None, "IQ", lat, lon, "approximate"),
        )
        for n, (name, lat, lon) in enumerate(spots)
    ]
    groups = svgmap.place_groups(Chronology(incidents, chron.bases, chron.actors))
    assert [(g["name"], len(g["incidents"])) for g in groups] == [
        ("Al-Qaim / Qa'im border crossing", 3),
        ("Rawa", 1),
    ]
    markers, _ = svgmap.overview_markers(
        Chronology(incidents, chron.bases, chron.actors), "en", lambda path: path
    )
    assert len(markers) == 2
