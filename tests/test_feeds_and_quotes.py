"""Feeds carry corrections and retractions as markup once escaped (what a feed reader shows),
and a quote of several passages is shown as several paragraphs on the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from generator.build import build
from generator.markup import paragraphs

ATOM = "{http://www.w3.org/2005/Atom}"
RECORD = "incidents/2023/2023-10-18-ain-al-asad-attack.yaml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CONTENT, SEEDS

    top = tmp_path_factory.mktemp("feeds")
    shutil.copytree(CONTENT, top / "content")
    shutil.copytree(SEEDS, top / "seeds")
    path = top / "content" / RECORD
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    data["corrections"] = [
        {
            "date": "2023-10-20",
            "kind": "correction",
            "text": {"fr": "Le bilan a été **corrigé** <b>x</b>.", "en": "The toll was **fixed**."},
        }
    ]
    data["retracted"] = {
        "date": "2023-10-21",
        "reason": {"fr": "Pas *d'attaque*.", "en": "No *attack* after all & more."},
    }
    path.write_text(text.splitlines()[0] + "\n" + yaml.safe_dump(data, allow_unicode=True))
    build(top / "content", top / "output", search_index=False)
    return top / "output"


def entry_html(feed: Path, incident: str) -> BeautifulSoup:
    tree = etree.parse(str(feed))
    for entry in tree.iter(f"{ATOM}entry"):
        if incident in entry.find(f"{ATOM}link").get("href"):
            content = entry.find(f"{ATOM}summary")
            if content is None:
                content = entry.find(f"{ATOM}content")
            assert content.get("type") == "html"
            return BeautifulSoup(content.text, "html.parser")  # what a reader renders
    raise AssertionError(f"no entry for {incident}")


@pytest.mark.parametrize("lang, feed", [("fr", "feed.xml"), ("en", "en/feed.xml")])
def test_feed_readers_see_corrections_as_markup_not_tags(site: Path, lang: str, feed: str) -> None:
    html = entry_html(site / feed, "2023-10-18-ain-al-asad-attack")
    shown = html.get_text()
    assert "<p>" not in shown and "<strong>" not in shown and "&lt;" not in shown
    labels = [s.get_text() for s in html.find_all("strong")]
    assert any("2023-10-20" in label for label in labels)  # the correction, dated, in bold
    assert len(labels) >= 2  # and the retraction
    assert html.find("em") is not None  # the reason's Markdown, rendered once
    if lang == "fr":
        assert html.find("b") is None and "corrigé" in shown  # raw HTML in a record is dropped


def test_a_quote_of_two_passages_is_two_paragraphs(site: Path) -> None:
    """The record's third quote has a blank line between two passages of the article."""
    for folder in ("", "en/"):
        page = site / folder / "incidents" / "2023-10-18-ain-al-asad-attack" / "index.html"
        quote = BeautifulSoup(page.read_text(), "html.parser").find(id="source-1-3")
        passages = [p.get_text(" ", strip=True) for p in quote.find_all("p")]
        assert len(passages) == 2, passages
        assert passages[0].startswith("Au travers") and passages[1].startswith("La première")


def test_paragraphs_of_both_yaml_styles() -> None:
    folded = yaml.safe_load("q: >-\n  one line\n  wrapped.\n\n  Second.\n")["q"]
    literal = yaml.safe_load("q: |-\n  one line\n  wrapped.\n\n  Second.\n")["q"]
    assert paragraphs(folded) == paragraphs(literal) == ["one line wrapped.", "Second."]
    assert paragraphs("just one") == ["just one"]
