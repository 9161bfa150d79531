"""The real site, built by Pelican from content/: what a reader finds on its pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.cli import cli
from generator.records.checks import load_chronology
from generator.records.problems import display_path
from tests.conftest import CONTENT


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def crawl(site: Path, start: str) -> set[str]:
    """Every page reachable from `start` by following links, as a reader would."""
    seen, todo = set(), [start]
    while todo and len(seen) < 5000:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        if not url.endswith("/"):
            continue
        for a in page(site, url).find_all("a", href=True):
            href = urldefrag(a["href"])[0]
            if href and not urlparse(href).scheme and href.startswith("/"):
                todo.append(href)
    return seen


@pytest.fixture(scope="module")
def chron():
    return load_chronology(CONTENT)


def test_every_incident_base_and_month_page_is_reachable_from_home(real_site, chron) -> None:
    for home in ("/", "/en/"):
        reached = crawl(real_site, home)
        prefix = home
        for incident in chron.incidents:
            assert f"{prefix}incidents/{incident.id}/" in reached
        for base_id in chron.by_base:
            assert f"{prefix}bases/{base_id}/" in reached
        for year, month in chron.by_month:
            assert f"{prefix}{year}/{month:02d}/" in reached


def test_incident_page_shows_the_record(real_site) -> None:
    soup = page(real_site, "/incidents/2023-10-21-ain-al-asad-attack/")
    assert "21 octobre 2023" in soup.h1.get_text()
    assert "Aïn al-Assad" in soup.h1.get_text()
    assert soup.select_one(".badge.status-disputed").get_text() == "Contesté"
    sources = soup.select("ol.sources > li")
    assert len(sources) >= 1
    assert "Pentagone" in " ".join(b.get_text() for b in sources[0].select("blockquote"))
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert "/bases/ain-al-asad/" in links
    assert "/2023/10/" in links
    assert "/incidents/2023-10-18-baghdad-airport-attack/" in links  # previous incident
    assert "/incidents/2023-11-21-ain-al-asad-attack/" in links  # next incident
    assert "/en/incidents/2023-10-21-ain-al-asad-attack/" in links  # same page in English
    assert "date tirée d'une source extérieure à l'article" in soup.get_text()


def test_english_page_is_in_english(real_site) -> None:
    soup = page(real_site, "/en/incidents/2023-10-21-ain-al-asad-attack/")
    assert soup.html["lang"] == "en"
    assert "October 21, 2023" in soup.h1.get_text()
    assert soup.select_one(".badge.status-disputed").get_text() == "Disputed"
    assert "Pentagon" in soup.select_one(".summary").get_text()


def test_base_page_lists_its_incidents_in_date_order_with_counts(real_site, chron) -> None:
    soup = page(real_site, "/bases/ain-al-asad/")
    dates = [t["datetime"] for t in soup.select("ol.incidents time")]
    expected = [i.date.isoformat() for i in chron.by_base["ain-al-asad"]]
    assert dates == expected == sorted(expected)
    tally = soup.select_one("#tally").get_text()
    assert str(len(expected)) in tally
    assert "drone" in soup.get_text() and "roquette" in soup.get_text()


def test_month_pages_link_to_neighbouring_months_with_incidents(real_site) -> None:
    soup = page(real_site, "/2023/12/")  # every month of the covered period has its page
    assert {a["href"] for a in soup.select("a[rel=prev], a[rel=next]")} == {
        "/2023/11/",
        "/2024/01/",
    }
    assert len(soup.select("ol.incidents > li")) == 2


def test_home_lists_newest_first_with_counts(real_site, chron) -> None:
    soup = page(real_site, "/")
    dates = [t["datetime"] for t in soup.select(".timeline ol.incidents time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == len(chron.incidents)
    assert f"{len(chron.incidents)} incidents" in soup.select_one("#counts").get_text()


def test_feed_is_atom_with_every_incident(real_site, chron) -> None:
    feed = BeautifulSoup((real_site / "feed.xml").read_text("utf-8"), "xml")
    assert feed.feed is not None
    assert len(feed.find_all("entry")) == len(chron.incidents)


def test_cli_validate_reports_every_problem_and_exits_1(content_copy: Path) -> None:
    record = content_copy / "incidents/2023/2023-10-21-ain-al-asad-attack.yaml"
    text = record.read_text("utf-8").replace("status: disputed", "status: disputd")
    record.write_text(text.replace("kind: attack", "kind: attack\ncasualities: 3"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--content", str(content_copy)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 2
    assert any(
        "casualities: unknown field 'casualities'; did you mean 'casualties'?" in line
        for line in lines
    )
    assert any(
        'status: expected one of confirmed, claimed, reported, disputed, got "disputd"' in line
        for line in lines
    )
    assert all(line.startswith(display_path(record) + ":") for line in lines)


def test_cli_build_refuses_invalid_records_and_keeps_output(
    content_copy: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["build", "--content", str(content_copy), "--output", str(output), "--no-search"]
        ).exit_code
        == 0
    )
    before = (output / "index.html").read_bytes()
    record = content_copy / "incidents/2024/2024-08-05-ain-al-asad-attack.yaml"
    record.write_text(record.read_text("utf-8").replace("base: ain-al-asad", "base: nowhere"))
    result = runner.invoke(
        cli, ["build", "--content", str(content_copy), "--output", str(output), "--no-search"]
    )
    assert result.exit_code == 1
    assert "unknown base 'nowhere'" in result.output
    assert (output / "index.html").read_bytes() == before


def test_cli_build_no_search_links_to_no_missing_pagefind_file(tmp_path: Path) -> None:
    """`--no-search` writes no /pagefind/ bundle, so no page may ask for one."""
    from generator.check.cli import check

    output = tmp_path / "out"
    runner = CliRunner()
    built = runner.invoke(
        cli, ["build", "--content", str(CONTENT), "--output", str(output), "--no-search"]
    )
    assert built.exit_code == 0, built.output
    assert not (output / "pagefind").exists()
    checked = runner.invoke(check, [str(output)])
    assert "pagefind" not in checked.stdout
    assert checked.exit_code == 0, checked.stdout
    for url, says in (("/search/", "pas disponible"), ("/en/search/", "not available")):
        html = page(output, url)
        assert not html.select('[href*="pagefind"], [src*="pagefind"], [data-bundle]'), url
        assert says in html.select_one("main").get_text(" "), url


def test_cli_build_again_renders_only_what_changed(content_copy: Path, tmp_path: Path) -> None:
    """A second `chronology build` into the same site says how little it rendered."""
    output = tmp_path / "out"
    args = ["build", "--content", str(content_copy), "--output", str(output), "--no-search"]
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert re.search(r"Built (\d+) pages .* \(\1 rendered, 0 unchanged\)", first.output)
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    found = re.search(r"Built (\d+) pages .* \((\d+) rendered, (\d+) unchanged\)", again.output)
    assert found, again.output
    pages, rendered, unchanged = map(int, found.groups())
    assert rendered <= 10 and unchanged == pages - rendered  # the pages that show everything


def test_an_edited_template_shows_in_the_next_build(content_copy: Path, tmp_path: Path) -> None:
    """Compiled templates are kept in the cache folder for the next process; a template
    edited since is compiled again, never served from that cache."""
    import shutil

    from generator.build import build
    from tests.conftest import ROOT

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "templates", theme / "templates")
    output = tmp_path / "out"
    settings = {"THEME": str(theme), "search_index": False}
    build(content_copy, output, **settings)
    compiled = list((tmp_path / ".cache" / "chronology").glob("templates-*/*"))
    assert compiled, "no compiled template kept for the next build"

    about = theme / "templates" / "about.html"
    about.write_text(
        about.read_text("utf-8").replace(
            "{% block main %}", "{% block main %}<p id='edited'>Edited template</p>", 1
        ),
        "utf-8",
    )
    build(content_copy, output, **settings)
    assert page(output, "/about/").select_one("#edited"), "the edited template was not used"
