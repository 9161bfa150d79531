"""A kind of page is one row of generator/site/kinds.py and one template.

The made-up kind here (a list of the incidents of each country, /countries/<code>/) is a
row added in code to kinds.KINDS for the test's duration, and its template is added to a
copy of templates/; nothing else is told about it. The real Pelican run then writes its
pages, links them from the filters its row asks for, lists them in the sitemap, and a live
rebuild after an edit gives the same bytes as a clean build.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import run_pelican, settings_for
from generator.model import Chronology, Incident
from generator.records.checks import load_chronology
from generator.site import context, filters, i18n, kinds, urls
from generator.site.incremental import BuildState, signatures
from tests.conftest import CONTENT, ROOT
from tests.test_incremental import snapshot

SITE = "https://example.org"

COUNTRY_TEMPLATE = """{% extends "layout.html" %}
{% from "macros.html" import grouped, pager, filters as filter_form with context %}
{% block title %}{{ country(lang, subject) }}{% endblock %}
{% block main %}
<h1 class="country">{{ country(lang, subject) }}</h1>
<p class="country-total">{{ total }}</p>
{{ filter_form(filters, lang) }}
{{ grouped(groups, lang) }}
{{ pager(pagination, lang) }}
{% endblock %}
"""


def by_country(chron: Chronology) -> dict[str, list[Incident]]:
    found: dict[str, list[Incident]] = {}
    for incident in chron.incidents:
        found.setdefault(incident.country, []).append(incident)
    return dict(sorted(found.items()))


COUNTRY = kinds.PageKind(
    "country",
    lambda key, lang: f"{urls.prefix(lang)}countries/{key.lower()}/",
    "country.html",
    context.listing,
    groups=by_country,
    signature=signatures.of_list,
    filters="shown",
    facet=kinds.Facet(
        "country",
        lambda i: (i.country,),
        lambda chron, key, lang: i18n.country(lang, key),
        filters.by_label,
        place=7,
    ),
)


@pytest.fixture
def theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's theme with the country template, and the row registered."""
    folder = tmp_path / "theme"
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "templates" / "country.html").write_text(COUNTRY_TEMPLATE, "utf-8")
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, COUNTRY))
    return folder


def build(content: Path, output: Path, theme: Path, state: BuildState, **more: object) -> None:
    output.mkdir(parents=True, exist_ok=True)
    settings = {"THEME": str(theme), "SITEURL": SITE, "CHRONOLOGY_STATE": state, **more}
    run_pelican(settings_for(content, output, **settings))


def read(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / urls.output_file(url)).read_text("utf-8"), "lxml")


def hrefs(soup: BeautifulSoup, selector: str = "a") -> set[str]:
    return {a["href"] for a in soup.select(selector) if a.has_attr("href")}


def test_a_new_row_and_template_give_pages_linked_from_the_filters(
    content_copy: Path, tmp_path: Path, theme: Path
) -> None:
    output = tmp_path / "output"
    build(content_copy, output, theme, BuildState())
    chron = load_chronology(content_copy)
    countries = by_country(chron)
    assert {"IQ", "SY"} <= set(countries)
    sitemap = (output / "sitemap.xml").read_text("utf-8")
    for code, members in countries.items():
        for lang in chron.languages:
            url = COUNTRY.url(code, lang)
            soup = read(output, url)
            assert soup.html["lang"] == lang
            assert soup.select_one("h1.country").get_text() == i18n.country(lang, code)
            listed = {SITE + urls.incident(i.id, lang) for i in members}
            assert hrefs(soup, "ol.incidents li > a") == listed  # that country's, no other
            assert f"<loc>{SITE}{url}</loc>" in sitemap
            # the row asks for the site's filters on the home page to offer it...
            home = read(output, urls.home(lang))
            assert SITE + url in hrefs(home, "ul.facet-country a")
            # ... and for the filters of every list page showing one of its incidents
            first = members[0]
            month = read(output, urls.month(*first.month, lang))
            assert SITE + url in hrefs(month, "ul.facet-country a")
    # the kinds that were there keep their pages
    assert (output / "bases" / "index.html").exists()
    assert (output / "en" / "kinds" / "attack" / "index.html").exists()


def test_a_live_rebuild_of_the_new_kind_equals_a_clean_build(
    content_copy: Path, tmp_path: Path, theme: Path
) -> None:
    live, state = tmp_path / "live", BuildState()
    build(content_copy, live, theme, state)
    record = content_copy / "incidents" / "2023" / "2023-10-21-ain-al-asad-attack.yaml"
    text = record.read_text("utf-8")
    assert "weapons:\n  - drone\n" in text
    record.write_text(text.replace("weapons:\n  - drone\n", "weapons:\n  - rocket\n"), "utf-8")
    page = live / urls.output_file(COUNTRY.url("IQ", "en"))
    before = page.read_text("utf-8")
    build(content_copy, live, theme, state)
    assert page.read_text("utf-8") != before  # the edited row is on the Iraq page
    assert urls.output_file(COUNTRY.url("IQ", "en")) in state.stats["written_files"]
    assert urls.output_file(COUNTRY.url("SY", "en")) not in state.stats["written_files"]
    clean = tmp_path / "clean"
    build(
        content_copy,
        clean,
        theme,
        BuildState(),
        CHRONOLOGY_PARALLEL_MIN=1,  # fork workers even for this small site
        CHRONOLOGY_WORKERS=2,
        CHRONOLOGY_CACHE=False,
        CHRONOLOGY_PUBLISHED=str(live),
    )
    now, fresh = snapshot(live), snapshot(clean)
    assert sorted(now) == sorted(fresh)
    assert [name for name in fresh if now[name] != fresh[name]] == []


def test_every_kind_has_its_template_and_its_pages_in_the_real_site(real_site: Path) -> None:
    chron = load_chronology(CONTENT)
    planned = kinds.plan(chron)
    for row in kinds.KINDS:
        assert (ROOT / "templates" / row.template).is_file(), row
        pages = [page for page in planned if page.row is row]
        assert pages, f"no {row.name} page in the real site"
        for page in pages:
            assert (real_site / urls.output_file(page.url)).is_file(), page.url
    assert len({page.url for page in planned}) == len(planned)  # no two pages at one address


def test_what_a_build_derives_is_kept_beside_the_model_and_goes_with_it() -> None:
    chron = load_chronology(CONTENT)
    own = set(chron.__dict__) | {
        name for name, value in vars(Chronology).items() if isinstance(value, cached_property)
    }
    for page in kinds.plan(chron):
        kinds.context(page, chron)
        signatures.signature(page, chron, {})
    assert set(chron.__dict__) <= own  # the model's own attributes only: it stays read-only
    assert kinds.plan(chron) is kinds.plan(chron)  # computed once per model
    gone = weakref.ref(chron)
    del chron
    gc.collect()
    assert gone() is None  # nothing the build keeps holds the model
