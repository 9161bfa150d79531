"""Publishing plumbing (issue 13, item 18): a 404 page in both languages, a favicon, and the
site's address: absolute in sitemap.xml, Atom ids and JSON-LD when given (--site-url or
SITEURL), required by --public, and a local preview without it that writes nothing which
would need it (no sitemap, tag: ids, no JSON-LD @id) and says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CHRONOLOGY = Path(sys.executable).parent / "chronology"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/chronologie"


def run_build(output: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return subprocess.run(
        [str(CHRONOLOGY), "build", "--no-search", "--output", str(output), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("local") / "output"
    run = run_build(output)
    assert run.returncode == 0, run.stderr
    return output, run.stdout


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("public") / "output"
    run = run_build(output, "--site-url", SITE + "/", "--public")
    assert run.returncode == 0, run.stderr
    assert "local preview" not in run.stdout
    return output


def json_ld(page: Path) -> dict:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def an_incident_page(site: Path) -> Path:
    return next((site / "incidents").glob("*/index.html"))


def test_the_404_page_speaks_both_languages_and_links_home(local: tuple[Path, str]) -> None:
    page = BeautifulSoup((local[0] / "404.html").read_text("utf-8"), "html.parser")
    fr, en = page.select_one('section[lang="fr"]'), page.select_one('section[lang="en"]')
    assert fr.h1.get_text() == "Page introuvable" and en.h1.get_text() == "Page not found"
    assert fr.select_one('a[href="/"]') and en.select_one('a[href="/en/"]')
    assert page.select_one('meta[name="robots"][content="noindex"]')


def test_every_page_has_the_favicon(local: tuple[Path, str]) -> None:
    site = local[0]
    assert (site / "theme" / "favicon.svg").read_text().startswith("<svg")
    for page in [site / "index.html", site / "en" / "index.html", an_incident_page(site)]:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert soup.select_one('link[rel="icon"]')["href"] == "/theme/favicon.svg", page


def test_a_local_preview_writes_nothing_that_needs_the_address(local: tuple[Path, str]) -> None:
    site, printed = local
    assert "No site URL" in printed and "local preview" in printed and "--site-url" in printed
    assert not (site / "sitemap.xml").exists()
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}id").text.startswith("tag:chronology,")
    assert all(e.find(f"{ATOM}id").text.startswith("tag:") for e in feed.iter(f"{ATOM}entry"))
    data = json_ld(an_incident_page(site))
    assert "@id" not in data and "url" not in data
    about = BeautifulSoup((site / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert not about.select_one('a[href$="sitemap.xml"]')  # no link to a file not written


def test_a_public_build_has_absolute_addresses(public: Path) -> None:
    locs = [
        e.text
        for e in ET.parse(public / "sitemap.xml")
        .getroot()
        .iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert len(locs) > 50 and all(loc.startswith(SITE + "/") for loc in locs)
    assert SITE + "/en/" in locs
    feed = ET.parse(public / "en" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}id").text == SITE + "/en/feed.xml"
    page = an_incident_page(public)
    data = json_ld(page)
    slug = page.parent.name
    assert data["@id"] == f"{SITE}/incidents/{slug}/#event"
    assert data["url"] == f"{SITE}/incidents/{slug}/"
    soup = BeautifulSoup((public / "404.html").read_text("utf-8"), "html.parser")
    assert soup.select_one(f'section[lang="en"] a[href="{SITE}/en/"]')


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--public"], "a public build needs the site's address"),
        (["--site-url", "example.org"], "expected an absolute address"),
        (["--site-url", "javascript:alert(1)"], "expected an absolute address"),
        (["--site-url", "https://example.org/?q=1"], "expected an absolute address"),
    ],
)
def test_a_public_build_without_a_good_address_is_refused(
    tmp_path: Path, args: list[str], says: str
) -> None:
    run = run_build(tmp_path / "output", *args)
    assert run.returncode == 1
    assert says in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []  # nothing made
