"""Feeds as a feed reader shows them, quotes as a reader of the page sees them.

Feeds: a site is built by the real pipeline from a copy of the records in which one record
has a correction and a retraction written in Markdown (with markup that must go). The Atom
feed is parsed as XML, the entry's HTML content taken out as a feed reader does and parsed
as HTML: the notes are markup once (a <strong> label, bold text), never literal tags.

Quotes: the real site's pages show each passage of a multi-passage quote (EDITING.md: blank
line separated) as its own paragraph, its text escaped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml
from lxml import etree

from generator.build import build
from generator.site import quotes

RECORD = "2023-11-21-iraq-strike"
ATOM = "{http://www.w3.org/2005/Atom}"
CORRECTION = "The toll was **two** wounded, not one <script>alert('pwn-feed')</script>."
REASON = "The *same* strike as another record."
QUOTED = "2023-10-18-ain-al-asad-attack"  # its first source quotes four passages


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "content", root / "content")
    shutil.copytree(repo / "seeds", root / "seeds")
    path = root / "content" / "incidents" / "2023" / f"{RECORD}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["corrections"] = [
        {"date": "2023-11-25", "kind": "update", "text": {"fr": CORRECTION, "en": CORRECTION}}
    ]
    data["retracted"] = {"date": "2023-12-01", "reason": {"fr": REASON, "en": REASON}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(root / "content", root / "output", search_index=False)
    return root / "output"


def entry_html(feed: Path, record_id: str) -> lxml.html.HtmlElement:
    """The HTML a feed reader renders for the record's entry (Atom content of type html)."""
    root = etree.fromstring(feed.read_bytes())
    for entry in root.iter(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}id", "").endswith(":" + record_id):
            body = entry.find(f"{ATOM}summary")
            if body is None:
                body = entry.find(f"{ATOM}content")
            assert body is not None and body.get("type") == "html"
            return lxml.html.fragment_fromstring(body.text or "", create_parent="div")
    raise AssertionError(f"no entry for {record_id} in {feed}")


@pytest.mark.parametrize("feed", ["feed.xml", "en/feed.xml"])
def test_feed_readers_show_corrections_and_retractions_as_markup(
    corrected_site: Path, feed: str
) -> None:
    html = entry_html(corrected_site / feed, RECORD)
    text = html.text_content()
    assert "<p>" not in text and "<strong>" not in text and "&lt;" not in text, text
    labels = [s.text_content() for s in html.xpath("./p/strong[1]")]
    assert len(labels) == 2 and labels[1].endswith("(2023-11-25)"), labels
    notes = [p.text_content() for p in html.xpath("./p[strong]")]
    assert "The same strike as another record." in notes[0]  # the retraction comes first
    assert "The toll was two wounded, not one" in notes[1]
    assert html.xpath(".//p/strong[text()='two']") and html.xpath(".//p/em[text()='same']")
    assert not html.xpath(".//script") and "<script" not in text  # the markup went, not as text


def test_a_quote_shows_each_passage_as_a_paragraph(real_site: Path) -> None:
    page = lxml.html.parse(str(real_site / "en" / "incidents" / QUOTED / "index.html"))
    quote = page.xpath("//ol[@class='sources']/li[1]/blockquote")[0]
    shown = [p.text_content() for p in quote.xpath("./p")]
    record = Path(__file__).resolve().parent.parent / "content" / "incidents" / "2023"
    data = yaml.safe_load((record / f"{QUOTED}.yaml").read_text(encoding="utf-8"))
    source = data["sources"][0]
    text = source["quote"] if "quote" in source else source["quotes"][0]["text"]
    passages = [" ".join(p.split()) for p in text.split("\n")]  # a folded block: see quotes.py
    assert len(shown) == len(passages) == 4
    assert shown == passages
    assert shown[1].startswith("Ces derniers jours")


def test_passages_are_split_at_blank_lines_and_escaped() -> None:
    folded = "« First » <b>passage\nSecond & last"  # a folded block: one line break
    assert quotes.passages(folded) == ("<p>« First » &lt;b&gt;passage</p><p>Second &amp; last</p>")
    literal = "one passage\nwrapped here\n \nand another\n"  # a literal block: a blank line
    assert quotes.split(literal) == ["one passage wrapped here", "and another"]
    assert quotes.passages("") == "" and quotes.split("only one") == ["only one"]
