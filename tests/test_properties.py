"""Property-based tests (Hypothesis): random input never crashes a stage, random valid
records always validate and build, and no page or Markdown rendering lets markup through.

Example counts stay modest (the suite runs in seconds on 2 cores); run with
CHRONOLOGY_EXAMPLES_SCALE=30 for a longer search.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import markup
from generator.records.checks import load_chronology
from generator.records.loader import MAX_BYTES, load_file, parse
from generator.records.problems import InvalidContent, Problem
from generator.records.schema import SCHEMA_DIR

ROOT = Path(__file__).resolve().parent.parent
SCALE = int(os.environ.get("CHRONOLOGY_EXAMPLES_SCALE", "1"))  # e.g. 30 for a long search


def examples(count: int) -> settings:
    """Per-test settings (a global profile would change other modules' Hypothesis tests)."""
    return settings(
        max_examples=count * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


INCIDENT = json.loads((SCHEMA_DIR / "incident.schema.json").read_text())
PROPS = INCIDENT["properties"]
SOURCE = PROPS["sources"]["items"]["properties"]
BASES = [b["id"] for b in yaml.safe_load((ROOT / "content" / "bases.yaml").read_text())]
ACTORS = [a["id"] for a in yaml.safe_load((ROOT / "content" / "actors.yaml").read_text())]
SETTINGS = parse((ROOT / "content" / "chronology.yaml").read_text())
START = dt.date.fromisoformat(str(SETTINGS["start"]))
COUNTRIES = SETTINGS["countries"]  # a valid place is in one of them

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<a href='javascript:alert(1)'>x</a>",
    "<!-- c -->",
    "<style>*{}</style>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](JAVASCRIPT:alert(1))",
    "[x](java\nscript:alert(1))",
    "&lt;script&gt;",
    '"><script>',
    "מתקפה",
    "هجوم",
    "\u202e",
    "{{ 1+1 }}",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "\n",
    "\n\n",
    "    ",
    "<",
    ">",
    "&",
]


# -- text strategies ----------------------------------------------------------------------------
def _text(alphabet: st.SearchStrategy[str], min_size: int = 1, max_size: int = 60) -> Any:
    pieces = st.one_of(st.text(alphabet, min_size=1, max_size=12), st.sampled_from(HOSTILE))
    return (
        st.lists(pieces, min_size=1, max_size=6)
        .map("".join)
        .filter(lambda s: min_size <= len(s) <= max_size * 2 and s.strip() != "")
    )


PRINTABLE = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
)
# What a record may hold: anything but the control characters the loader refuses.
REFUSED = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])
ANY_CHAR = st.characters(exclude_categories=("Cs",), exclude_characters=REFUSED)
TEXT = _text(PRINTABLE)
WILD_TEXT = _text(ANY_CHAR)


def enum(schema: dict[str, Any]) -> Any:
    return st.sampled_from(schema["enum"])


def days(start: dt.date = START) -> Any:
    return st.dates(min_value=start, max_value=dt.date.today()).map(dt.date.isoformat)


SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
URL = st.builds(
    lambda host, path, query: f"https://{host}.example/{path}{query}",
    st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9/_.%-]{0,20}", fullmatch=True),
    st.sampled_from(["", "?a=1&b=<x>", "#frag", "?q=\"'"]),
)


@st.composite
def counts(draw: Any) -> dict[str, int | None]:
    low = draw(st.one_of(st.none(), st.integers(0, 500)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, 1000)))
    return {"min": low, "max": high}


@st.composite
def sources(draw: Any, text: Any, day: dt.date) -> dict[str, Any]:
    source: dict[str, Any] = {
        "outlet": draw(text),
        "language": draw(st.from_regex(r"[a-z]{2}", fullmatch=True)),
        "quote": draw(text),
    }
    for key, strategy in (
        ("title", text),
        ("author", text),
        ("url", URL),
        ("archive_url", URL),
        ("published", days(day)),  # not before the incident it reports
    ):
        if draw(st.booleans()):
            source[key] = draw(strategy)
    assert set(source) <= set(SOURCE)
    return source


@st.composite
def records(draw: Any, text: Any = TEXT) -> dict[str, Any]:
    """A record in the contract of content/schema/incident.schema.json (enums read from it)."""
    date = draw(days())
    kind = draw(enum(PROPS["kind"]))
    record: dict[str, Any] = {
        "id": f"{date}-{draw(SLUG)}-{kind}",
        "date": date,
        "date_precision": draw(enum(PROPS["date_precision"])),
        "kind": kind,
        "weapons": draw(
            st.lists(enum(PROPS["weapons"]["items"]), min_size=1, max_size=3, unique=True)
        ),
    }
    if draw(st.booleans()):
        record["date_note"] = draw(text)
    if draw(st.booleans()):
        record["base"] = draw(st.sampled_from(BASES))
    else:
        record["base"] = None
        location = PROPS["location"]["properties"]
        record["location"] = {
            "name": draw(text),
            "country": draw(st.sampled_from(COUNTRIES)),
            "lat": draw(st.floats(-90, 90, allow_nan=False)),
            "lon": draw(st.floats(-180, 180, allow_nan=False)),
        }
        if draw(st.booleans()):
            record["location"]["admin1"] = draw(st.one_of(st.none(), text))
        if draw(st.booleans()):
            record["location"]["precision"] = draw(enum(location["precision"]))
    record["casualties"] = {"killed": draw(counts()), "injured": draw(counts())}
    if draw(st.booleans()):
        record["casualties"]["note"] = draw(text)
    record["claimed_by"] = draw(st.lists(st.sampled_from(ACTORS), max_size=2, unique=True))
    if draw(st.booleans()):
        record["attributed_to"] = draw(st.lists(st.sampled_from(ACTORS), max_size=2, unique=True))
    record["status"] = draw(enum(PROPS["status"]))
    record["summary"] = {"fr": draw(text), "en": draw(text)}
    record["sources"] = draw(
        st.lists(sources(text, dt.date.fromisoformat(date)), min_size=1, max_size=2)
    )
    if draw(st.booleans()):
        record["corrections"] = [
            {
                "date": draw(days(dt.date.fromisoformat(date))),
                "kind": draw(enum(PROPS["corrections"]["items"]["properties"]["kind"])),
                "text": {"fr": draw(text), "en": draw(text)},
            }
        ]
    if draw(st.integers(0, 5)) == 0:
        record["retracted"] = {"date": date, "reason": {"fr": draw(text), "en": draw(text)}}
    assert set(record) <= set(PROPS)
    return record


def chronologies(text: Any = TEXT) -> Any:
    return st.lists(records(text), min_size=1, max_size=3, unique_by=lambda r: r["id"])


def project(root: Path, incidents: list[dict[str, Any]]) -> Path:
    content = root / "content"
    for name in ("bases.yaml", "actors.yaml", "chronology.yaml"):
        (content / "incidents").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "region", content / "region", dirs_exist_ok=True)
    seeds = root / "seeds"
    seeds.mkdir(exist_ok=True)
    for record in incidents:
        folder = content / "incidents" / record["date"][:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return content


# -- Markdown ---------------------------------------------------------------------------------
def _unsafe(html: str) -> list[str]:
    found = []
    for soup in (BeautifulSoup(html, "html.parser"), BeautifulSoup(html, "lxml")):
        for tag in soup.find_all(True):
            if tag.name in ("script", "style", "iframe", "img", "svg", "math", "object", "form"):
                found.append(tag.name)
            for name, value in tag.attrs.items():
                if name.lower().startswith("on") or name.lower() == "style":
                    found.append(name)
                squeezed = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                if squeezed.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{name}={value}")
    return found


@given(st.one_of(WILD_TEXT, st.text(max_size=300)))
@examples(60)
def test_markdown_never_yields_script_handlers_or_bad_urls(text: str) -> None:
    html = str(markup.render(text))
    assert _unsafe(html) == [], html
    assert "<script" not in html.lower()  # as text, "javascript:" is harmless; as a URL, not
    inline = str(markup.render_inline(text))
    assert _unsafe(inline) == []


# -- the loader --------------------------------------------------------------------------------
VALID_TEXT = """\
id: 2023-10-18-ain-al-asad-attack
date: 2023-10-18
date_precision: day
kind: attack
weapons: [drone, rocket]
base: ain-al-asad
casualties:
  killed: {min: 0, max: 0}
  injured: {min: 1, max: null}
  note: "blessures mineures"
claimed_by:
  - pro-iran-iraqi-factions
status: confirmed
summary:
  fr: Une attaque de *drone* contre la base.
  en: A drone attack on the base.
sources:
  - outlet: AFP
    language: fr
    url: https://example.org/a
    published: 2023-10-18
    seed: 001_9c8ad05df7b5f63f.txt
    quote: la base d’Aïn al-Assad, dans l’ouest de l’Irak
corrections:
  - date: 2023-10-19
    text: {fr: Corrigé., en: Corrected.}
"""


def _problems_only(path: Path) -> list[Problem]:
    data, _, problems = load_file(path, MAX_BYTES)
    if problems:
        assert data is None
    for problem in problems:
        assert isinstance(problem, Problem) and problem.message and problem.rule
        assert problem.line >= 0 and problem.column >= 0
        assert "\n" not in problem.format()
    return problems


@given(st.binary(max_size=3000))
@examples(60)
def test_random_bytes_into_the_loader_give_problems_not_crashes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        _problems_only(path)


@st.composite
def mutated(draw: Any) -> bytes:
    """A valid record with a few bytes replaced, inserted or deleted."""
    data = bytearray(VALID_TEXT.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        piece = draw(
            st.one_of(
                st.binary(min_size=1, max_size=3),
                st.sampled_from(
                    [b"\t", b"&a ", b"*a", b"- ", b": ", b"[", b"{", b"'", b'"', b"!!", b"\xef"]
                ),
            )
        )
        if action == "replace":
            data[at : at + len(piece)] = piece
        elif action == "insert":
            data[at:at] = piece
        else:
            del data[at : at + draw(st.integers(1, 8))]
    return bytes(data)


@given(mutated())
@examples(60)
def test_mutated_records_give_problems_or_a_model_never_a_crash(data: bytes) -> None:
    """The whole validator (load, schema, cross-checks) on a damaged record."""
    with tempfile.TemporaryDirectory() as folder:
        content = project(Path(folder), [])
        target = content / "incidents" / "2023" / "2023-10-18-ain-al-asad-attack.yaml"
        target.parent.mkdir()
        target.write_bytes(data)
        shutil.copytree(ROOT / "seeds", Path(folder) / "seeds", dirs_exist_ok=True)
        try:
            load_chronology(content)
        except InvalidContent as err:
            assert err.problems
            assert all("\n" not in p.format() for p in err.problems)


def test_the_unmutated_record_is_valid(tmp_path: Path) -> None:
    content = project(tmp_path, [])
    target = content / "incidents" / "2023" / "2023-10-18-ain-al-asad-attack.yaml"
    target.parent.mkdir()
    target.write_text(VALID_TEXT)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", dirs_exist_ok=True)
    assert len(load_chronology(content).incidents) == 1


# -- random valid records ----------------------------------------------------------------------
@given(chronologies(WILD_TEXT))
@examples(60)
def test_random_valid_records_validate(incidents: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = project(Path(folder), incidents)
        chronology = load_chronology(content)  # raises InvalidContent if a valid record fails
        assert len(chronology.incidents) == len(incidents)


@given(chronologies(TEXT))
@examples(12)
def test_random_valid_records_build_and_every_page_is_clean(
    incidents: list[dict[str, Any]],
) -> None:
    from generator.build import build

    with tempfile.TemporaryDirectory() as folder:
        content = project(Path(folder), incidents)
        output = Path(folder) / "output"
        build(content, output, search_index=False)
        for page in output.rglob("*.html"):
            html = page.read_text("utf-8")
            for soup in (BeautifulSoup(html, "lxml"), BeautifulSoup(html, "html.parser")):
                for script in soup.find_all("script"):
                    if script.get("type") == "application/ld+json":
                        json.loads(script.string or "")
                    else:
                        assert script.get("src", "").startswith(("/theme/", "/pagefind/"))
                for tag in soup.find_all(True):
                    assert not any(a.lower().startswith("on") for a in tag.attrs), (page, tag)
                    for name in ("href", "src", "action"):
                        value = re.sub(r"[\x00-\x20]", "", str(tag.get(name, ""))).lower()
                        assert not value.startswith(("javascript:", "data:")), (page, tag)
        for record in incidents:  # the plain fields are on the record's page, as text
            page = output / "incidents" / record["id"] / "index.html"
            shown = " ".join(BeautifulSoup(page.read_text(), "lxml").get_text(" ").split())
            for source in record["sources"]:
                for key in ("outlet", "quote"):
                    assert " ".join(source[key].split()) in shown, (key, source[key])


@given(chronologies(), st.sampled_from(REFUSED), st.data())
@examples(30)
def test_control_characters_are_refused_not_built(
    incidents: list[dict[str, Any]], control: str, data: st.DataObject
) -> None:
    """A control character (pasted from a PDF, escaped in YAML) is a Problem at validation;
    it once validated and then crashed the feed writer (XML 1.0 cannot carry it)."""
    record = incidents[0]
    field = data.draw(st.sampled_from(["summary", "outlet", "quote", "note"]))
    if field == "summary":
        record["summary"]["en"] += control
    elif field == "note":
        record["casualties"]["note"] = "x" + control
    else:
        record["sources"][0][field] += control
    with tempfile.TemporaryDirectory() as folder:
        content = project(Path(folder), incidents)
        with pytest.raises(InvalidContent) as caught:
            load_chronology(content)
    assert {p.rule for p in caught.value.problems} == {"bad-value"}
    assert all(p.line > 0 for p in caught.value.problems)


@given(chronologies(WILD_TEXT))
@examples(6)
def test_any_valid_text_builds_and_feeds_stay_well_formed(
    incidents: list[dict[str, Any]],
) -> None:
    """Every character a record may hold (RTL marks, NEL, U+2028, emoji...) builds, and the
    Atom feeds stay well-formed XML."""
    from lxml import etree

    from generator.build import build

    with tempfile.TemporaryDirectory() as folder:
        content = project(Path(folder), incidents)
        output = Path(folder) / "output"
        build(content, output, search_index=False)
        for feed in output.rglob("*.xml"):
            etree.parse(str(feed))


# -- the importer ------------------------------------------------------------------------------
needs_importer = pytest.mark.skipif(
    importlib.util.find_spec("generator.importer") is None, reason="generator/importer not there"
)


@needs_importer
@given(st.one_of(WILD_TEXT, st.text(max_size=2000)))
@examples(60)
def test_importer_text_cleaner_never_crashes(text: str) -> None:
    from generator.importer.article import ArticleError
    from generator.importer.text import parse_text

    with contextlib.suppress(ArticleError):
        parse_text(text)


@needs_importer
@given(st.binary(max_size=3000))
@examples(60)
def test_importer_reader_refuses_or_reads_any_bytes(data: bytes) -> None:
    from generator.importer.article import ArticleError
    from generator.importer.reader import read_article

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        try:
            read_article(path)
        except ArticleError as err:
            assert str(err)


@needs_importer
@given(st.text(max_size=2000))
@examples(60)
def test_importer_html_parser_never_crashes(text: str) -> None:
    from generator.importer.article import ArticleError
    from generator.importer.html import parse_html

    with contextlib.suppress(ArticleError):
        parse_html(("<html><body><article>" + text + "</article></body></html>").encode())


_ARTICLE_TEXT = (
    "Une attaque de drone a visé la base d'Aïn al-Assad mercredi 18 octobre , selon "
    "le Pentagone . Deux soldats ont été blessés . Kataeb Hezbollah a revendiqué une "
    "frappe de roquettes contre Erbil lundi . Les États-Unis ont frappé Jurf "
    "al-Sakhar , tuant quatre combattants . 2023 2024 janvier the strike killed "
    "several people in Syria ."
)
_ARTICLE_WORDS = st.sampled_from(_ARTICLE_TEXT.split(" "))


@needs_importer
@given(st.lists(st.one_of(_ARTICLE_WORDS, TEXT), min_size=5, max_size=120).map(" ".join))
@examples(60)
def test_importer_extractor_never_crashes(text: str) -> None:
    from generator.importer.article import ArticleError
    from generator.importer.extract import extract
    from generator.importer.gazetteer import Gazetteer
    from generator.importer.text import parse_text

    try:
        article = parse_text(text.replace(" . ", ".\n"))
    except ArticleError:
        return
    extract(article, Gazetteer.load(), today=dt.date(2024, 9, 1))


@needs_importer
@given(st.text(max_size=200))
@examples(60)
def test_folding_keeps_length_so_spans_map_back(text: str) -> None:
    from generator.importer.fold import fold

    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded
