"""What readers see of the evidence, in a real Chromium: the three claim states, where a date
comes from, a place known only to its province, strikes and attacks linked both ways, an empty
month's page and the coverage panel in both languages."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from .conftest import ROOT, _Quiet

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def fact(page, label: str):  # type: ignore[no-untyped-def]
    """The <dd> of the facts list whose <dt> reads `label`."""
    return page.locator(f"dl.facts dt:text-is('{label}') + dd")


# --- claims ----------------------------------------------------------------------------------


def test_a_claim_shows_the_claimant_and_the_passage_that_says_it(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-10-21-ain-al-asad-attack/")
    claim = fact(page, "Claimed by")
    assert claim.locator("a[href='/en/actors/islamic-resistance-in-iraq/']").inner_text() == (
        "Islamic Resistance in Iraq"
    )
    link = claim.locator(".from-quote a").first
    link.click()
    target = page.locator("blockquote:target")
    assert target.is_visible()
    assert "revendiquée" in target.inner_text()
    assert "claimed by" in target.locator("footer").inner_text()


def test_silent_sources_are_not_shown_as_nobody(page, server):  # type: ignore[no-untyped-def]
    for url, words in (
        ("/en/incidents/2024-08-05-ain-al-asad-attack/", "no claim reported in the sources"),
        (
            "/incidents/2024-08-05-ain-al-asad-attack/",
            "aucune revendication rapportée par les sources",
        ),
    ):
        page.goto(server + url)
        claim = fact(page, "Claimed by" if url.startswith("/en/") else "Revendiqué par")
        assert claim.inner_text().strip() == words  # not "nobody" / "personne"


@pytest.fixture(scope="module")
def nobody_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content, with one record whose source says no group claimed it."""
    from generator.build import build

    root = tmp_path_factory.mktemp("nobody")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    record = root / "content/incidents/2023/2023-10-18-al-harir-attack.yaml"
    text = record.read_text("utf-8")
    text = text.replace("claimed_by:\n  - pro-iran-iraqi-factions\n", "claimed_by: []\n")
    text = text.replace(
        "        supports: [claimed_by]\n        said_by: pro-iran-iraqi-factions\n",
        "        supports: []\n",
    )
    text = text.replace(
        "    quotes:\n",
        "    quotes:\n      - text: >-\n          Ces attaques n’étaient généralement pas"
        " revendiquées\n        supports: [claimed_by]\n",
        1,
    )
    record.write_text(text, "utf-8")
    build(root / "content", root / "site", search_index=False)
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_no_group_claimed_it_only_when_a_quote_says_so(browser, nobody_site):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        page.goto(nobody_site + "/en/incidents/2023-10-18-al-harir-attack/")
        claim = fact(page, "Claimed by")
        assert claim.locator(".claim-state").inner_text() == "no group claimed it"
        claim.locator(".from-quote a").click()
        assert "pas revendiquées" in page.locator("blockquote:target").inner_text()
    finally:
        page.close()


# --- dates and places ------------------------------------------------------------------------


def test_a_date_from_outside_the_article_names_its_source(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-11-22-iraq-strike/")
    date = fact(page, "Date")
    assert "date taken from a source outside the article" in date.inner_text()
    assert "known to the day" not in date.locator(".date-from").inner_text()
    basis = date.locator(".basis-external")
    assert "From a source outside the article" in basis.inner_text()
    assert "morning of 22 November 2023" in basis.inner_text()
    assert basis.locator("cite a").get_attribute("href").startswith("https://")
    page.goto(server + "/incidents/2023-11-22-iraq-strike/")  # the reasoning in French there
    assert "du matin du 22 novembre 2023" in fact(page, "Date").inner_text()
    assert "Centcom's statement" not in fact(page, "Date").locator(".basis-note").inner_text()


def test_an_approximate_date_is_shown_as_its_window(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-10-18-baghdad-airport-attack/")
    assert "between October 18, 2023 and October 21, 2023" in page.locator("h1").inner_text()
    date = fact(page, "Date")
    assert "date window" in date.inner_text() and "known to the day" not in date.inner_text()


def test_a_place_known_only_to_its_province_has_no_point(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-12-03-kirkuk-strike/")
    place = fact(page, "Place")
    assert "only the province is known" in place.inner_text()
    assert "no coordinates" in place.inner_text()
    assert place.locator(".coords").count() == 0
    locator = page.locator("figure.map-locator svg.map-small")
    area = locator.locator(".here.vague circle")
    assert float(area.get_attribute("r")) > 20  # an area, not a dot
    assert locator.locator("text.where").text_content() == "somewhere in Kirkuk province"
    page.goto(server + "/en/")  # on the overview map too
    overview = page.locator("svg.map").first
    labels = overview.locator("text.where").all_text_contents()
    assert "somewhere in Kirkuk province" in labels and "somewhere in Iraq" in labels


# --- links between incidents -----------------------------------------------------------------


def test_a_strike_and_the_attack_it_answers_link_to_each_other(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/incidents/2023-11-21-iraq-strike/")
    links = fact(page, "Links to other incidents")
    answer = links.locator(
        "li.link-responds-to a[href='/en/incidents/2023-11-21-ain-al-asad-attack/']"
    )
    assert "In response to" in links.inner_text()
    answer.click()
    page.wait_for_url(server + "/en/incidents/2023-11-21-ain-al-asad-attack/")
    back = fact(page, "Links to other incidents").locator("li.link-drew-response a")
    assert sorted(back.evaluate_all("els => els.map(a => a.getAttribute('href'))")) == [
        "/en/incidents/2023-11-21-iraq-strike/",
        "/en/incidents/2023-11-22-iraq-strike/",
    ]
    assert "Drew a response" in fact(page, "Links to other incidents").inner_text()
    page.goto(server + "/en/kinds/strike/")  # the strikes list says what each answered
    row = page.locator("li.incident:has(a[href='/en/incidents/2023-11-22-iraq-strike/'])")
    assert row.locator(".responds-to a").get_attribute("href") == (
        "/en/incidents/2023-11-21-ain-al-asad-attack/"
    )


# --- coverage --------------------------------------------------------------------------------


def test_an_empty_month_says_so_with_what_the_sources_report(page, server):  # type: ignore[no-untyped-def]
    for url, empty, reported in (
        ("/2024/01/", "Aucun incident documenté ce mois-ci", "plus de 175 attaques"),
        ("/en/2024/01/", "No incident documented this month", "more than 175 attacks"),
    ):
        response = page.goto(server + url)
        assert response.status == 200
        assert empty in page.locator("p.empty-month").inner_text()
        assert reported in page.locator("ul.reported").inner_text()
        assert page.locator("ol.incidents").count() == 0
    page.goto(server + "/en/archives/")
    assert page.locator("a[href='/en/2024/03/']").is_visible()


def test_the_coverage_panel_reconciles_documented_and_reported(page, server):  # type: ignore[no-untyped-def]
    for url, documented, counted in (
        ("/", "16 incidents documentés", "au moins 78 attaques depuis le 17 octobre 2023"),
        ("/en/", "16 incidents documented", "at least 78 attacks since October 17, 2023"),
        ("/about/", "16 incidents documentés", "décompte États-Unis, au 6 décembre 2023"),
        (
            "/en/about/",
            "16 incidents documented",
            "counted by United States, as of December 6, 2023",
        ),
    ):
        page.goto(server + url)
        panel = page.locator("section.coverage")
        assert documented in panel.locator(".documented").inner_text()
        tally = panel.locator(
            "li.tally[data-statement='2023-12-06-us-count-attacks-since-17-october']"
        )
        assert counted in tally.inner_text()
        assert tally.locator(".documented-same").is_visible()
    page.goto(server + "/en/")
    chart = page.locator("svg.chart")
    assert "≥78" in chart.locator("g.tally-group text").all_text_contents()
