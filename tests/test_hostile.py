"""Hostile content: records whose every text field holds markup, scripts, event handlers,
javascript:/data: URLs, comments, CSS, template syntax and right-to-left text.

A site is built from them with the real pipeline, then every page is parsed (lxml and
Python's html.parser, which disagree on broken markup): no script but the site's own, no
on* attribute, no javascript:/data:/vbscript: URL, no foreign element (iframe, style,
form...); plain-text fields show the hostile strings as text; Markdown fields keep their
text and lose their markup; right-to-left text sits inside an element with dir="auto".
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml import etree

from generator.build import build
from generator.records.loader import parse
from generator.records.schema import schema

ROOT = Path(__file__).resolve().parent.parent

# -- the payloads -------------------------------------------------------------------------------
# Shown as text wherever a plain field holds them.
PLAIN = [
    '<script>alert("pwn-script")</script>',
    "<img src=x onerror=alert('pwn-img')>",
    '"><svg onload=alert("pwn-svg")>',
    "' onmouseover='alert(1)' x='",
    "<a href=\"javascript:alert('pwn-a')\">click</a>",
    "<!-- pwn-comment --><style>body{display:none}</style>",
    "<iframe src=data:text/html,pwn-iframe></iframe>",
    "{{ 7*7 }} {% if true %}pwn-jinja{% endif %}",
    "</textarea></title></script><script>alert('pwn-close')</script>",
    "&lt;b&gt; &amp;amp; &#x3C;script&#x3E;",
]
# Markdown fields: what may be lost (markup) and what must stay (text around it).
MARKDOWN = (
    "Before <script>alert('pwn-md-script')</script> middle\n\n"
    "<img src=x onerror=alert('pwn-md-img')> [a link](javascript:alert('pwn-md-js')) "
    "[b](JaVaScRiPt:alert(2)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:msgbox) "
    "<javascript:alert(3)> [e](java\tscript:alert(4)) [f](&#106;avascript:alert(5)) "
    '<a href="javascript:alert(6)" onclick="alert(7)">raw link</a> '
    '<span style="background:url(javascript:alert(8))">styled</span>\n\n'
    "<!-- pwn-md-comment -->\n\n"
    "<style>body { display: none }</style>\n\n"
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('pwn-mxss')>\n\n"
    "![pixel](https://tracker.example/pixel.png) **bold** and "
    "[a fine link](https://example.org/ok) after"
)
MD_KEEP = ["Before", "middle", "styled", "bold", "a fine link", "after"]
HEBREW = "מתקפת רחפנים על הבסיס"
ARABIC = "هجوم بطائرة مسيرة على قاعدة عين الأسد"
RLO = "report\u202etxt.exe"  # a right-to-left override inside a name
RTL_WORDS = [HEBREW, ARABIC]
_RTL = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background")
FOREIGN = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "math"}


def plain(n: int) -> str:
    return PLAIN[n % len(PLAIN)]


def record(
    record_id: str, *, base: str | None, location: dict[str, Any] | None, n: int
) -> dict[str, Any]:
    day = record_id[:10]
    data: dict[str, Any] = {
        "id": record_id,
        "date": day,
        "date_precision": "approximate",
        "date_note": plain(n) + " " + HEBREW,
        "kind": "attack",
        "weapons": ["drone"],
        "base": base,
    }
    if location:
        data["location"] = location
    data |= {
        "casualties": {
            "killed": {"min": 0, "max": 0},
            "injured": {"min": 1, "max": None},
            "note": plain(n + 1) + " " + ARABIC,
        },
        "claimed_by": ["hostile-actor"],
        "attributed_to": ["pro-iran-iraqi-factions"],
        "status": "claimed",
        "summary": {"fr": MARKDOWN + " " + ARABIC, "en": MARKDOWN + " " + HEBREW},
        "sources": [
            {
                "outlet": plain(n + 2) + " " + ARABIC,
                "title": plain(n + 3) + " " + HEBREW,
                "author": plain(n + 4),
                "url": f'https://news.example/{n}"onmouseover="alert(1)"<script>',
                "archive_url": "https://web.archive.org/web/2024/https://news.example/'><x>",
                "language": "ar",
                "quote": plain(n + 5) + " " + ARABIC + " " + RLO,
            }
        ],
        "corrections": [
            {"date": day, "kind": "update", "text": {"fr": MARKDOWN, "en": MARKDOWN}},
        ],
    }
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def hostile_project(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    (content / "incidents" / "2023").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "chronology.yaml", content)
    # chronology.yaml names the outlines its maps draw, in the content folder
    shutil.copytree(ROOT / "content" / "region", content / "region")
    bases = yaml.safe_load((ROOT / "content" / "bases.yaml").read_text())
    bases.append(
        {
            "id": "hostile-base",
            "name": plain(6) + " " + ARABIC,
            "names": {"fr": plain(7) + " " + ARABIC, "en": plain(8) + " " + HEBREW},
            "aliases": [plain(9), HEBREW],
            "country": "IQ",
            "admin1": plain(0) + " " + HEBREW,
            "lat": 33.0,
            "lon": 43.0,
            "description": {"fr": MARKDOWN, "en": MARKDOWN},
        }
    )
    (content / "bases.yaml").write_text(dump(bases))
    actors = yaml.safe_load((ROOT / "content" / "actors.yaml").read_text())
    actors.append(
        {
            "id": "hostile-actor",
            "names": {"fr": plain(1) + " " + HEBREW, "en": plain(2) + " " + ARABIC},
            "aliases": [plain(3)],
            "description": {"fr": MARKDOWN, "en": MARKDOWN},
        }
    )
    (content / "actors.yaml").write_text(dump(actors))
    records = [
        record("2023-10-20-hostile-base-attack", base="hostile-base", location=None, n=0),
        record(
            "2023-10-21-arabic-place-attack",
            base=None,
            location={
                "name": ARABIC,
                "admin1": HEBREW + " " + plain(4),
                "country": "IQ",
                "lat": 33.5,
                "lon": 43.5,
                "precision": "approximate",
            },
            n=3,
        ),
        record(
            "2023-10-22-script-place-attack",
            base=None,
            location={"name": plain(0), "country": "SY", "lat": 35.0, "lon": 40.0},
            n=6,
        ),
        # Spelling: the editor's forms are shown as written (accents, transliteration, NFD).
        record(
            "2023-10-23-ain-al-asad-attack",
            base=None,
            location={"name": "Ain al-Asad", "country": "IQ", "lat": 33.8, "lon": 42.4},
            n=1,
        ),
        record(
            "2023-10-24-ain-al-assad-attack",
            base=None,
            location={"name": NFD_NAME, "country": "IQ", "lat": 33.8, "lon": 42.4},
            n=2,
        ),
        record("2023-10-25-ain-al-asad-attack", base="ain-al-asad", location=None, n=4),
    ]
    records[-1]["retracted"] = {"date": "2023-10-26", "reason": {"fr": MARKDOWN, "en": MARKDOWN}}
    for data in records:
        (content / "incidents" / "2023" / f"{data['id']}.yaml").write_text(dump(data))
    statement = {
        "id": "2023-10-27-iraq-attack",
        "date": "2023-10-27",
        "date_precision": "day",
        "text": {"fr": MARKDOWN + " " + ARABIC, "en": MARKDOWN + " " + HEBREW},
        "sources": [{"outlet": plain(5) + " " + ARABIC, "language": "ar", "quote": plain(6)}],
    }
    (content / "statements.yaml").write_text(dump([statement]))
    return content


NFD_NAME = unicodedata.normalize("NFD", "Aïn al-Assad")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = hostile_project(root)
    output = root / "output"
    build(content, output, search_index=False)
    return output


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) >= 30
    return found


def soups(page: Path) -> list[BeautifulSoup]:
    html = page.read_text("utf-8")
    return [BeautifulSoup(html, "lxml"), BeautifulSoup(html, "html.parser")]


def text_of(soup: BeautifulSoup) -> str:
    body = soup.body or soup
    return " ".join(body.get_text(" ").split())


# -- no executable content ------------------------------------------------------------------
def _check_markup(soup: BeautifulSoup, where: str) -> None:
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: {tag.name}[{name}]"
            values = value if isinstance(value, list) else [value]
            for v in values:
                squeezed = re.sub(r"[\x00-\x20]", "", str(v)).lower()
                if name.lower() in URL_ATTRIBUTES:
                    assert not squeezed.startswith(BAD_SCHEMES), f"{where}: {tag.name}[{name}]={v}"
                if name.lower() == "style":
                    assert "pwn" not in squeezed and "javascript" not in squeezed, where
        assert tag.name not in FOREIGN, f"{where}: <{tag.name}>"
        if tag.name == "script":
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string or "")  # data, and it parses: no breakout
            else:
                src = tag.get("src", "")
                assert src.startswith(("/theme/", "/pagefind/")), f"{where}: script {src!r}"
                assert not (tag.string or "").strip(), f"{where}: inline script"
        if tag.name == "style":
            assert "pwn" not in tag.get_text() and "display:none" not in tag.get_text(), where
        if tag.name == "form":  # the site's own client-side filters: submit nowhere
            assert "filter-form" in tag.get("class", []) and not tag.get("action"), where
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            pytest.fail(f"{where}: meta refresh")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        assert "pwn" not in comment, f"{where}: comment {comment!r}"


def test_no_page_runs_or_links_anything_hostile(site: Path) -> None:
    for page in pages(site):
        for soup in soups(page):
            _check_markup(soup, str(page.relative_to(site)))


def test_pages_are_well_formed_enough_that_parsers_agree(site: Path) -> None:
    """lxml and html.parser see the same scripts and the same links: no parser confusion."""
    for page in pages(site):
        first, second = soups(page)
        for name in ("script", "a", "iframe", "img", "style"):
            assert len(first.find_all(name)) == len(second.find_all(name)), (page, name)


def test_feeds_carry_only_sanitised_html(site: Path) -> None:
    feeds = sorted(site.rglob("*.xml"))
    assert feeds
    for feed in feeds:
        tree = etree.parse(str(feed))  # well-formed XML, whatever the records held
        for node in tree.iter():
            if node.text and "<" in node.text and node.tag.endswith(("content", "summary")):
                _check_markup(BeautifulSoup(node.text, "html.parser"), f"{feed.name} entry")


# -- hostile strings are shown as text --------------------------------------------------------
def test_plain_fields_show_the_hostile_strings_as_text(site: Path) -> None:
    page = site / "incidents" / "2023-10-21-arabic-place-attack" / "index.html"
    for soup in soups(page):
        text = text_of(soup)
        for n in range(3, 3 + 6):  # date note, casualty note, outlet, title, author, quote
            assert " ".join(plain(n).split()) in text, plain(n)
        assert RLO in text


def test_names_of_bases_and_actors_show_as_text(site: Path) -> None:
    base_page = site / "bases" / "hostile-base" / "index.html"
    text = text_of(BeautifulSoup(base_page.read_text(), "lxml"))
    assert " ".join(plain(7).split()) in text  # names.fr, the French page's title
    assert " ".join(plain(9).split()) in text  # an alias
    actor_page = site / "en" / "actors" / "hostile-actor" / "index.html"
    assert " ".join(plain(2).split()) in text_of(BeautifulSoup(actor_page.read_text(), "lxml"))


def test_markdown_keeps_its_text_and_loses_its_markup(site: Path) -> None:
    page = site / "en" / "incidents" / "2023-10-20-hostile-base-attack" / "index.html"
    soup = BeautifulSoup(page.read_text(), "lxml")
    summary = soup.select_one(".summary")
    assert summary is not None
    text = text_of(summary)  # type: ignore[arg-type]
    for word in MD_KEEP:
        assert word in text
    links = [a.get("href") for a in summary.find_all("a") if a.get("href")]
    assert links == ["https://example.org/ok"]  # the only safe link of the summary
    assert not summary.find_all(["img", "script", "style", "span", "math"])


def test_template_syntax_in_records_is_not_evaluated(site: Path) -> None:
    page = site / "incidents" / "2023-10-22-script-place-attack" / "index.html"
    html = page.read_text()
    text = text_of(BeautifulSoup(html, "lxml"))
    assert "{{ 7*7 }}" in text and "{% if true %}pwn-jinja{% endif %}" in text


def test_source_links_are_the_records_urls_escaped(site: Path) -> None:
    page = site / "incidents" / "2023-10-20-hostile-base-attack" / "index.html"
    soup = BeautifulSoup(page.read_text(), "lxml")
    hrefs = [a["href"] for a in soup.select(".sources a")]
    assert 'https://news.example/0"onmouseover="alert(1)"<script>' in hrefs
    for a in soup.select(".sources a"):
        assert set(a.attrs) <= {"href", "rel", "lang", "data-archive", "hreflang", "class"}


# -- right-to-left text ---------------------------------------------------------------------
def _direction_ok(node: NavigableString) -> bool:
    for parent in node.parents:
        if isinstance(parent, Tag) and parent.get("dir") in ("auto", "rtl"):
            return True
    return False


def test_rtl_text_sits_in_an_element_with_dir_auto(site: Path) -> None:
    """Every text node with Hebrew or Arabic has an ancestor with dir="auto" (or "rtl").

    Left out: text inside <svg> (the <title> tooltips of maps and charts, where HTML's dir
    does not apply)."""
    wrong = []
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(), "lxml")
        if soup.body is None:
            continue
        for node in soup.body.find_all(string=_RTL.search):
            if isinstance(node, Comment) or node.parent.name in ("script", "style"):
                continue
            if node.find_parent("svg") is None and not _direction_ok(node):
                where = f"<{node.parent.name} class={node.parent.get('class')}>"
                wrong.append(f"{page.relative_to(site)}: {where} {node.strip()[:40]!r}")
    assert not wrong, "\n".join(sorted(set(wrong))[:40])


def test_rtl_text_is_shown(site: Path) -> None:
    page = site / "incidents" / "2023-10-21-arabic-place-attack" / "index.html"
    text = text_of(BeautifulSoup(page.read_text(), "lxml"))
    for words in RTL_WORDS:
        assert words in text


# -- place names: display keeps the editor's spelling ---------------------------------------
@pytest.mark.parametrize(
    ("record_id", "spelling"),
    [
        ("2023-10-23-ain-al-asad-attack", "Ain al-Asad"),
        ("2023-10-24-ain-al-assad-attack", NFD_NAME),
        ("2023-10-25-ain-al-asad-attack", "Base aérienne d'Aïn al-Assad"),
    ],
)
def test_place_names_are_shown_as_the_editor_spelled_them(
    site: Path, record_id: str, spelling: str
) -> None:
    html = (site / "incidents" / record_id / "index.html").read_text("utf-8")
    heading = BeautifulSoup(html, "lxml").h1
    assert heading is not None
    assert spelling in heading.get_text()  # same code points: not folded, not normalised
    folded = "".join(
        c for c in unicodedata.normalize("NFD", spelling) if not unicodedata.combining(c)
    )
    if folded != spelling:
        assert folded not in heading.get_text()


def test_base_page_keeps_name_and_aliases_as_written(site: Path) -> None:
    text = text_of(
        BeautifulSoup((site / "bases" / "ain-al-asad" / "index.html").read_text(), "lxml")
    )
    assert "Aïn al-Assad" in text or "Base aérienne d'Aïn al-Assad" in text
    assert "Ain al-Asad" in text and "Al-Assad (Ain)" in text  # aliases, as in bases.yaml


# -- source URLs: http(s) only, by the schema ----------------------------------------------
VALID_RECORD = parse(
    (ROOT / "tests" / "bad_inputs" / "source-url-javascript.yaml")
    .read_text()
    .replace("    url: javascript:alert(document.cookie)\n", "")
)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//evil.example/x",
        "/relative/path",
        "http:/one-slash.example",
        "https://",
        "https:// space.example",
        "https://example.org/\n",
        "https://example.org/x\njavascript:alert(1)",
        "https://exa mple.org",
        "mailto:someone@example.org",
    ],
)
def test_source_urls_must_be_http_or_https(url: str) -> None:
    for field in ("url", "archive_url"):
        data = json.loads(json.dumps(VALID_RECORD))
        data["sources"][0][field] = url
        problems = schema("incident").problems(data, dump(data), "x.yaml")
        assert [(p.path, p.rule) for p in problems] == [(f"sources[0].{field}", "bad-format")]


def test_the_valid_record_used_above_is_valid() -> None:
    assert schema("incident").problems(VALID_RECORD, "", "x.yaml") == []


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert('pwn')</script></p>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
        "<a href=' Java\tScript:alert(1)'>x</a>",
        "<a href='data:text/html,x'>x</a>",
        "<iframe src='https://example.org'></iframe>",
        "<p><!-- pwn --></p>",
        "<style>body{display:none}</style>",
        "<span style='background:url(javascript:alert(1))'>x</span>",
        "<form action='https://evil.example/'></form>",
        "<script src='https://evil.example/x.js'></script>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
    ],
)
def test_the_checker_catches_what_it_looks_for(html: str) -> None:
    """The page checks above would fail on these: they cannot pass by checking nothing."""
    with pytest.raises((AssertionError, ValueError, pytest.fail.Exception)):
        for soup in (BeautifulSoup(html, "lxml"), BeautifulSoup(html, "html.parser")):
            _check_markup(soup, "snippet")
