"""The interface's words live in gettext catalogs (locale/<lang>/LC_MESSAGES/messages.po).

Every key the code and the templates can ask for is in every catalog, translated; no
catalog holds a key nothing asks for; the template (messages.pot) lists the same keys.
The keys built at run time ("weapon." + a weapon...) are enumerated from the schemas'
vocabularies. A language is one catalog and one setting: a pseudo-translated third language
added to a copy of the content gets every page, with no French or English word of the
interface left, and leaves the French and English pages as they were.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, NavigableString
from click.testing import CliRunner
from jinja2 import nodes
from watchfiles import Change

from generator import catalogs
from generator.build import build
from generator.cli import cli
from generator.editing.serve.preview import Preview
from generator.model import default_languages
from generator.resources import LOCALE_DIR
from generator.site import exports, i18n, urls
from generator.site.kinds import facets as facet_kinds

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "content" / "schema"
ASKING = {"word", "t", "_", "gettext"}  # the callables that take a key


@pytest.fixture(autouse=True)
def _bundled_words_after() -> Iterator[None]:
    """A build here may leave another root language or catalog in use: the other tests of
    the process ask for words and URLs outside a build."""
    yield
    i18n.use(catalogs.bundled())
    urls.use(default_languages())


def _catalog(path: Path):  # noqa: ANN202 (babel's Catalog)
    with path.open("rb") as handle:
        return read_po(handle)


def bundled_catalogs() -> dict[str, Path]:
    return {p.parents[1].name: p for p in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))}


def _keys(path: Path) -> dict[str, str]:
    return {m.id: m.string for m in _catalog(path) if m.id}


def _enum(schema: str, *steps: str) -> list[str]:
    node = json.loads((SCHEMAS / f"{schema}.schema.json").read_text("utf-8"))
    for step in steps:
        node = node[step]
    return node["enum"]


def families() -> dict[str, list[str]]:
    """prefix -> values: the keys code and templates build at run time. Those of the
    records' values are declared in generator/catalogs.py; the site's own are here."""
    words = {prefix: list(values) for prefix, values in catalogs.vocabulary_words().items()}
    return words | {
        "": [*words[""], "responds-to", "drew-response"],
        "claim.": ["nobody", "unreported"],  # a claimed incident names its claimants instead
        "filter.": [row.name for row in facet_kinds()],
        "column.": [*words["column."], *exports.COLUMNS],  # the about page's CSV columns
        # templates/search.html: the messages the search script shows
        "search_": ["results", "none", "results_filtered", "none_filtered", "more", "failed"],
    }


def dynamic_keys() -> set[str]:
    return {prefix + value for prefix, values in families().items() for value in values}


def _template_calls(source: str) -> list[nodes.Call]:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    return [
        call
        for call in env.parse(source).find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name in ASKING
    ]


def _jinja_prefix(key: nodes.Expr) -> str | None:
    """The constant start of a key built in a template ('weapon.' ~ w), else None."""
    if isinstance(key, nodes.Concat) and isinstance(key.nodes[0], nodes.Const):
        return key.nodes[0].value
    if isinstance(key, nodes.Add) and isinstance(key.left, nodes.Const):
        return key.left.value
    return None


def _python_prefix(key: ast.expr) -> str | None:
    """The constant start of a key built in the code ("filter." + facet), else None."""
    if isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant):
        return key.left.value
    if isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
        return key.values[0].value
    return None


def asked_keys() -> tuple[set[str], set[str], set[str]]:
    """(keys asked for as written in a call, every string written in the code and the
    templates, the constant start of every key built): the first must be in the catalogs,
    the second covers what is passed around, the third must be families' prefixes."""
    asked: set[str] = set()
    written: set[str] = set()
    built: set[str] = set()
    for path in sorted((ROOT / "templates").rglob("*.html")):
        source = path.read_text("utf-8")
        env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
        tree = env.parse(source)
        written |= {c.value for c in tree.find_all(nodes.Const) if isinstance(c.value, str)}
        for call in _template_calls(source):
            key = call.args[-1] if call.node.name == "word" else call.args[0]
            if isinstance(key, nodes.Const):
                asked.add(key.value)
            elif (prefix := _jinja_prefix(key)) is not None:
                built.add(prefix)
        for _, function, message in env.extract_translations(source):
            if function in ASKING and isinstance(message, str):
                asked.add(message)  # {% trans %} blocks
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                written.add(node.value)
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            key = node.args[1]
            if name != "word":
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                asked.add(key.value)
            elif (prefix := _python_prefix(key)) is not None:
                built.add(prefix)
    return asked, written, built


def test_every_key_asked_for_is_in_every_catalog() -> None:
    asked, _, built = asked_keys()
    assert built == set(families()) - {""}, "a key built with no family here, or a family unused"
    needed = asked | dynamic_keys()
    assert {"fr", "en"} <= set(bundled_catalogs())
    for path in bundled_catalogs().values():
        missing = sorted(needed - set(_keys(path)))
        assert not missing, f"{path}: no entry for {missing}"


def test_no_catalog_entry_is_unused_or_untranslated() -> None:
    _, written, _ = asked_keys()
    used = written | dynamic_keys()
    for path in bundled_catalogs().values():
        catalog = _catalog(path)
        assert not catalog.fuzzy, f"{path}: the header is marked fuzzy"
        unused = sorted(m.id for m in catalog if m.id and m.id not in used)
        assert not unused, f"{path}: nothing asks for {unused}"
        empty = sorted(m.id for m in catalog if m.id and (not m.string or m.fuzzy))
        assert not empty, f"{path}: untranslated or fuzzy: {empty}"


def test_the_template_lists_the_keys_with_their_english_text() -> None:
    template = _catalog(LOCALE_DIR / "messages.pot")
    english = _keys(LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po")
    assert [m.id for m in template if m.id] == list(english)
    assert all(not m.string for m in template if m.id)
    comments = {m.id: " ".join(" ".join(m.auto_comments).split()) for m in template if m.id}
    assert comments == {key: " ".join(text.split()) for key, text in english.items()}


# --- a third language: one catalog, one setting ---------------------------------------------

PSEUDO = "de"  # a real locale: dates and country names come from CLDR
_TAG = re.compile(r"(<[^>]+>)")
_LABEL = re.compile(r'(aria-label=")([^"]+)(")')
_LETTERS = re.compile(r"[^\W\d_]{3}")


def _wrap(text: str) -> str:
    core = text.strip()
    return text.replace(core, f"[[{core}]]", 1) if _LETTERS.search(core) else text


def pseudo(text: str) -> str:
    """Every run of words between tags in [[...]], aria-labels too; tags and placeholders
    ({}, {n}, %(name)s) left as they are."""
    parts = _TAG.split(text)
    return "".join(
        _LABEL.sub(lambda m: m[1] + _wrap(m[2]) + m[3], p) if _TAG.fullmatch(p) else _wrap(p)
        for p in parts
    )


def _interface_runs() -> set[str]:
    """Every run of French or English interface words, as pseudo() cuts them."""
    runs: set[str] = set()
    for lang in ("fr", "en"):
        for text in _keys(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").values():
            for part in _TAG.split(text):
                found = _LABEL.findall(part) if _TAG.fullmatch(part) else [("", part, "")]
                for _, run, _ in found:
                    for piece in re.split(r"\{[^}]*\}|%\([a-z_]+\)s", run):
                        if _LETTERS.search(piece):
                            runs.add(piece.strip(" :;,.—()«»“”\u00a0"))
    return runs


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _without(soup: BeautifulSoup, lang: str) -> str:
    """A page as it would be without the language `lang`: its links and alternates gone."""
    links = soup.select(f'link[hreflang="{lang}"], meta[content="{lang}"]')
    for element in links + [a.parent for a in soup.select(f'a.lang-switch[hreflang="{lang}"]')]:
        space = element.previous_sibling
        if isinstance(space, NavigableString) and not space.strip():
            space.extract()  # the line the element stood on
        element.decompose()
    return str(soup)


def test_a_language_is_one_catalog_and_one_setting(
    content_copy: Path, real_site: Path, tmp_path: Path
) -> None:
    settings = content_copy / "chronology.yaml"
    text = settings.read_text("utf-8")
    assert "languages: [fr, en]" in text
    settings.write_text(text.replace("languages: [fr, en]", f"languages: [fr, en, {PSEUDO}]"))
    english = _catalog(LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po")
    for message in english:
        if message.id:
            message.string = pseudo(message.string)
    own = content_copy / "locale" / PSEUDO / "LC_MESSAGES" / "messages.po"
    own.parent.mkdir(parents=True)
    with own.open("wb") as handle:
        write_po(handle, english)
    out = tmp_path / "site"
    build(content_copy, out, search_index=False)

    english_pages = sorted(p.relative_to(real_site / "en") for p in real_site.glob("en/**/*.html"))
    pages = sorted(p.relative_to(out / PSEUDO) for p in out.glob(f"{PSEUDO}/**/*.html"))
    assert pages == english_pages
    runs = _interface_runs()
    for relative in pages:
        soup = _page(out / PSEUDO / relative)
        assert soup.html["lang"] == PSEUDO
        assert soup.title.get_text().endswith("[[Chronology of attacks]]"), relative
        for link in soup.select("header.site nav a:not(.lang-switch), a.skip, footer.site a"):
            assert link.get_text().startswith("[["), (relative, link)
        for label in soup.select("h1, h2, h3, dt, th[scope=col], label, legend, summary"):
            words = label.get_text(" ", strip=True)
            assert words not in runs, (relative, label)
        for node in soup.find_all(string=True):
            # (<code> holds names, not words: a CSV column "year" means "year")
            if node.parent.name not in ("script", "style", "code") and "lang-switch" not in (
                node.parent.get("class") or []
            ):
                assert node.strip(" :;,.—()«»\u00a0") not in runs, (relative, node.parent)
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if name in ("title", "aria-label", "content") or name.startswith("data-say"):
                    assert value.strip() not in runs, (relative, name, value)

    # every page offers the new language, named in it; French and English pages are as they were
    home = _page(out / "index.html")
    switch = home.select_one(f'a.lang-switch[hreflang="{PSEUDO}"]')
    assert switch["href"] == f"/{PSEUDO}/" and switch.get_text() == "[[English]]"
    summary = _page(out / PSEUDO / "incidents" / "2023-10-18-ain-al-asad-attack" / "index.html")
    assert summary.select_one("div.summary")["lang"] == "fr"  # the default language's text
    base = _page(out / PSEUDO / "bases" / "al-harir" / "index.html")
    assert base.h1["lang"] == "fr" and base.h1.get_text() == "Base aérienne d'al-Harir"
    before = sorted(p.relative_to(real_site) for p in real_site.rglob("*.html"))
    assert before == [
        p.relative_to(out) for p in sorted(out.rglob("*.html")) if p.parts[len(out.parts)] != PSEUDO
    ]
    for relative in before:
        was, now = _page(real_site / relative), _page(out / relative)
        if relative == Path("404.html"):  # every language on one page
            assert now.select_one(f'section[lang="{PSEUDO}"] h1').get_text() == "[[Page not found]]"
            assert [str(now.select_one(f"section[lang={lang}]")) for lang in ("fr", "en")] == [
                str(was.select_one(f"section[lang={lang}]")) for lang in ("fr", "en")
            ]
            continue
        assert _without(now, PSEUDO) == str(was), relative
    for feed in ("feed.xml", "en/feed.xml"):
        assert (out / feed).read_bytes() == (real_site / feed).read_bytes()


def test_a_language_without_a_catalog_is_named_with_what_was_expected(
    content_copy: Path,
) -> None:
    settings = content_copy / "chronology.yaml"
    settings.write_text(settings.read_text("utf-8").replace("[fr, en]", "[fr, en, xh]"))
    done = CliRunner().invoke(cli, ["validate", "--content", str(content_copy)])
    assert done.exit_code == 1
    line = next(n for n, t in enumerate(settings.read_text().splitlines(), 1) if "xh" in t)
    expected = content_copy / "locale" / "xh" / "LC_MESSAGES" / "messages.po"
    assert f"chronology.yaml:{line}:" in done.output
    assert f"languages[2]: no catalog for the language 'xh': expected {expected}" in done.output


def test_a_catalog_edit_changes_the_pages_of_the_next_build_and_of_the_preview(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = content_copy / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    own.parent.mkdir(parents=True)
    own.write_bytes((LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po").read_bytes())
    out = tmp_path / "site"
    monkeypatch.chdir(tmp_path)

    def skip_link() -> str:
        run = CliRunner().invoke(cli, ["build", "--content", str(content_copy), "--output", "site"])
        assert run.exit_code == 0, run.output
        page = out / "incidents" / "2023-10-18-ain-al-asad-attack" / "index.html"
        return _page(page).select_one("a.skip").get_text()

    assert skip_link() == "Aller au contenu"
    own.write_text(own.read_text("utf-8").replace("Aller au contenu", "Aller au texte"), "utf-8")
    assert skip_link() == "Aller au texte"  # not a page kept from the published site

    # the live server: a catalog edit is a theme change, a fresh build of every page
    preview = Preview(content=content_copy, output=out)
    for catalog in (own, LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po"):
        batch = preview.sort({(Change.modified, str(catalog))})
        assert batch.theme and not batch.content, catalog


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_new_root_language_under_the_live_rebuild_gives_a_clean_build(
    content_copy: Path, tmp_path: Path
) -> None:
    from generator.build import run_pelican, settings_for
    from generator.site.incremental import BuildState

    live, clean, state = tmp_path / "live", tmp_path / "clean", BuildState()
    live.mkdir()
    run_pelican(settings_for(content_copy, live, CHRONOLOGY_STATE=state))
    settings = content_copy / "chronology.yaml"
    settings.write_text(settings.read_text("utf-8").replace("[fr, en]", "[en, fr]"), "utf-8")
    run_pelican(settings_for(content_copy, live, CHRONOLOGY_STATE=state))
    clean.mkdir()
    run_pelican(
        settings_for(
            content_copy, clean, CHRONOLOGY_STATE=BuildState(), CHRONOLOGY_CACHE=False,
            CHRONOLOGY_PUBLISHED=str(live),
        )
    )  # fmt: skip
    assert _page(clean / "index.html").html["lang"] == "en"
    now, fresh = _files(live), _files(clean)
    # (the live rebuild removes the pages that are gone, not the other files: old feeds stay)
    left = {k for k in set(now) - set(fresh) if k.endswith("feed.xml")}
    differ = sorted(k for k in (set(now) - left) | set(fresh) if now.get(k) != fresh.get(k))
    assert not differ, f"the live rebuild differs from a clean build: {differ[:10]}"
