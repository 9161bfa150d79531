"""What readers get, checked in a real browser: filters, search, maps, language switch, layout.

Each test clicks or types and asserts on what the page then shows.
"""

from __future__ import annotations

import re

import pytest

from .conftest import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def visible_items(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "li.incident",
        """items => items.filter(li => li.offsetParent !== null).map(li => ({
            kind: li.dataset.kind, status: li.dataset.status, year: li.dataset.year,
            base: li.dataset.base, weapons: li.dataset.weapons.split(' '),
            actors: li.dataset.actors.split(' ')}))""",
    )


# --- filters ---------------------------------------------------------------------------------


def test_filter_by_kind_then_base_then_reset(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    everything = visible_items(page)
    assert len(everything) == 16
    form = page.locator("form.filter-form")
    assert form.is_visible()  # the script shows the form

    form.get_by_label("Type").select_option("strike")
    shown = visible_items(page)
    assert shown and all(item["kind"] == "strike" for item in shown)
    assert len(shown) == sum(1 for item in everything if item["kind"] == "strike")
    assert page.locator(".filter-status").inner_text().startswith(f"{len(shown)} incidents")
    # The one active filter offers its full static page.
    assert page.locator(".filter-status a").get_attribute("href") == "/kinds/strike/"
    assert "kind=strike" in page.url  # the state is in the address, to share it

    form.get_by_label("Type").select_option("attack")
    form.get_by_label("Base").select_option("ain-al-asad")
    shown = visible_items(page)
    assert len(shown) == 5
    assert all(item["kind"] == "attack" and item["base"] == "ain-al-asad" for item in shown)
    # Months with nothing left are hidden with their heading.
    assert not page.locator("#m-2024-07").is_visible()
    assert page.locator("#m-2024-08").is_visible()

    form.get_by_role("button", name="Tout afficher").click()
    expect_count = len(everything)
    page.wait_for_function(
        f"document.querySelectorAll('li.incident:not([hidden])').length === {expect_count}"
    )
    assert page.locator(".filter-status").inner_text() == ""


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("year", "2024", "year"),
        ("weapon", "drone", "weapons"),
        ("actor", "islamic-resistance-in-iraq", "actors"),
        ("status", "disputed", "status"),
    ],
)
def test_each_filter_keeps_only_matching_items(page, server, name, value, key):  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    everything = visible_items(page)
    page.locator(f'form.filter-form select[name="{name}"]').select_option(value)
    shown = visible_items(page)

    def matches(item: dict) -> bool:
        return value in item[key] if isinstance(item[key], list) else item[key] == value

    assert shown, f"nothing left after {name}={value}"
    assert shown == [item for item in everything if matches(item)]


def test_filter_state_from_the_address(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/?status=disputed")
    shown = visible_items(page)
    assert len(shown) == 1 and shown[0]["status"] == "disputed"
    assert page.locator("form.filter-form").get_by_label("Status").input_value() == "disputed"


def test_filters_without_javascript_are_links_to_static_pages(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "/")
        assert not page.locator("form.filter-form").is_visible()
        assert len(visible_items(page)) == 16
        page.locator("details.facets summary").click()
        facets = page.locator("details.facets")
        for href in (
            "/2024/",
            "/bases/ain-al-asad/",
            "/kinds/strike/",
            "/weapons/drone/",
            "/actors/islamic-resistance-in-iraq/",
            "/status/disputed/",
        ):
            assert facets.locator(f'a[href="{href}"]').count() == 1, href
        facets.locator('a[href="/bases/al-harir/"]').click()
        page.wait_for_url(server + "/bases/al-harir/")
        assert "Harir" in page.locator("h1").inner_text()
    finally:
        context.close()


def test_filters_on_a_list_page(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/2023/")
    total = len(visible_items(page))
    page.locator("form.filter-form").get_by_label("Kind").select_option("strike")
    shown = visible_items(page)
    assert 0 < len(shown) < total and all(item["kind"] == "strike" for item in shown)


# --- search ----------------------------------------------------------------------------------


def _search(page, server, path: str, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(server + path)
    box = page.locator("#search-input")
    box.wait_for()
    box.fill(words)
    results = page.locator(".search-result-link")
    results.first.wait_for()
    return results.evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_in_french(page, server):  # type: ignore[no-untyped-def]
    hrefs = _search(page, server, "/search/", "AC-130")
    assert "/incidents/2023-11-21-iraq-strike/" in hrefs
    assert all(h.startswith("/incidents/") for h in hrefs)  # the French index only
    page.locator(".search-result-link").first.click()
    page.wait_for_url(re.compile(r"/incidents/"))
    assert page.locator("article[data-pagefind-body] h1").is_visible()


def test_search_in_english(page, server):  # type: ignore[no-untyped-def]
    hrefs = _search(page, server, "/en/search/", "gunship")
    assert "/en/incidents/2023-11-21-iraq-strike/" in hrefs
    assert all(h.startswith("/en/incidents/") for h in hrefs)


def test_search_from_the_address(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/search/?q=Harir")
    page.locator(".search-result-link").first.wait_for()
    hrefs = page.locator(".search-result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert "/en/incidents/2023-10-18-al-harir-attack/" in hrefs


# --- maps ------------------------------------------------------------------------------------


def test_bases_map_marker_leads_to_the_base(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/bases/")
    marker = page.locator('svg.map a[href="/bases/ain-al-asad/"]')
    assert marker.locator("text").text_content() == "5"  # the count at the base
    assert "5 incidents" in marker.locator("title").text_content()
    marker.locator("circle").click()
    page.wait_for_url(server + "/bases/ain-al-asad/")
    assert page.locator("h1").inner_text() == "Base aérienne d'Aïn al-Assad"
    # The base page shows the base on its small map, over the land layer.
    locator = page.locator("svg.map-small")
    assert locator.is_visible()
    assert locator.locator(".here circle").count() == 1


def test_home_map_marker_of_a_single_place_leads_to_the_incident(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/")
    marker = page.locator('svg.map a[href="/en/incidents/2024-07-30-south-of-baghdad-strike/"]')
    marker.locator("circle").click()
    page.wait_for_url(server + "/en/incidents/2024-07-30-south-of-baghdad-strike/")
    assert "Strike" in page.locator("h1").inner_text()


def test_map_marker_of_a_place_with_several_incidents_leads_to_their_list(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/")
    marker = page.locator('svg.map a[href^="/en/bases/#place-"]').first
    count = int(marker.locator("text").text_content())
    marker.locator("circle").click()
    page.wait_for_url(re.compile(r"/en/bases/#place-\d+$"))
    entry = page.locator(page.url[page.url.index("#") :])
    assert f"{count} incidents" in entry.inner_text()
    assert entry.locator("a").count() == min(count, 5)


def test_map_marker_is_reachable_by_keyboard(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/bases/")
    marker = page.locator('svg.map a[href="/bases/al-harir/"]')
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/bases/al-harir/")


def test_land_layer_loads_from_the_site(page, server):  # type: ignore[no-untyped-def]
    layers = []
    page.on(
        "response", lambda r: layers.append(r.status) if r.url.endswith("/region.svg") else None
    )
    page.goto(server + "/incidents/2023-12-03-kirkuk-strike/")
    page.wait_for_load_state("networkidle")
    assert layers and all(status == 200 for status in layers)
    # A place known only to the province is drawn as an area, not a point.
    # Its circle is the record's area (60 km), and it says "somewhere in Kirkuk province".
    assert page.locator("svg.map-small .here.vague circle").get_attribute("r") == "32.4"
    assert "quelque part dans la province de Kirkouk" in page.locator("svg.map-small").inner_html()


# --- language, keyboard, print ---------------------------------------------------------------


def test_language_switch_keeps_the_incident(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/incidents/2023-10-18-al-harir-attack/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator("a.lang-switch").click()
    page.wait_for_url(server + "/en/incidents/2023-10-18-al-harir-attack/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("October 18, 2023")
    page.locator("a.lang-switch").click()
    page.wait_for_url(server + "/incidents/2023-10-18-al-harir-attack/")


def test_skip_link_is_the_first_stop(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("a => a === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_incident_evidence_is_plain(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-11-21-iraq-strike/")
    box = page.locator(".status-box")
    # the article names no confirming force: reported, and the date comes from outside it
    assert box.locator(".badge.status-reported").inner_text() == "Reported"
    assert "no confirmation by the forces targeted" in box.inner_text()
    assert page.locator("dl.facts .date-from").inner_text() == (
        "date taken from a source outside the article"
    )
    sources = page.locator("ol.sources > li")
    assert sources.count() == 1
    assert (
        sources.first.locator("blockquote").first.inner_text().startswith("La réponse américaine")
    )


def test_incident_prints_without_navigation(page, server, artifacts):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-10-18-ain-al-asad-attack/")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert not page.locator("nav.prev-next").is_visible()
    assert page.locator("ol.sources blockquote").first.is_visible()
    page.pdf(path=str(artifacts / "incident-print.pdf"), format="A4")


# --- every page type: phone and desktop, screenshots ---------------------------------------


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_fits_the_screen(browser, server, artifacts, width):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    outside: list[str] = []  # the site works offline: nothing may leave 127.0.0.1
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    try:
        for name, path in PAGES.items():
            page.goto(server + path)
            if name == "search":
                page.locator("#search-input").fill("drone")
                page.locator(".search-result-link").first.wait_for()
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{name} ({path}) is {overflow}px wide at {width}px"
            page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert not outside, outside
