"""The interface's words live in gettext catalogs (locale/<lang>/LC_MESSAGES/messages.po).

Every key the code and the templates can ask for is in every catalog, translated; no
catalog holds a key nothing asks for; the template (messages.pot) lists the same keys.
The keys built at run time ("weapon." + a weapon...) are enumerated from the schemas'
vocabularies.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jinja2
from babel.messages.pofile import read_po
from jinja2 import nodes

from generator import fields
from generator.resources import LOCALE_DIR
from generator.site.context import FILTERS

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "content" / "schema"
ASKING = {"word", "t", "_", "gettext"}  # the callables that take a key


def _catalog(path: Path):  # noqa: ANN202 (babel's Catalog)
    with path.open("rb") as handle:
        return read_po(handle)


def catalogs() -> dict[str, Path]:
    return {p.parents[1].name: p for p in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))}


def _keys(path: Path) -> dict[str, str]:
    return {m.id: m.string for m in _catalog(path) if m.id}


def _enum(schema: str, *steps: str) -> list[str]:
    node = json.loads((SCHEMAS / f"{schema}.schema.json").read_text("utf-8"))
    for step in steps:
        node = node[step]
    return node["enum"]


def dynamic_keys() -> set[str]:
    """The keys code and templates build from a record's values, by family."""
    kinds, statuses = fields.vocabulary("kind"), fields.vocabulary("status")
    hows = _enum("incident", "$defs", "basis_entry", "properties", "how")
    bounds = _enum("statements", "items", "properties", "tally", "properties", "bound")
    relations = _enum("incident", "properties", "related", "items", "properties", "relation")
    families = {
        "": [*kinds, *statuses, *fields.supportable()],
        "kind.": kinds,
        "tally_what.": kinds,
        "status.": statuses,
        "weapon.": fields.vocabulary("weapons"),
        "precision.": fields.vocabulary("date_precision"),
        "location.precision.": fields.vocabulary("location.precision"),
        "basis.": hows,
        "date_from.": ["quote", *hows],
        "bound.": [b for b in bounds if b != "exactly"],  # "exactly 5" is said as "5"
        "claim.": ["nobody", "unreported"],  # a claimed incident names its claimants instead
        "field.": [f.name for f in fields.plain()],
        "column.": [f.name for f in fields.plain()],
        "filter.": [facet for facet, _ in FILTERS],
        # templates/search.html: the messages the search script shows
        "search_": ["results", "none", "results_filtered", "none_filtered", "more", "failed"],
    }
    keys = {prefix + value for prefix, values in families.items() for value in values}
    keys |= {k + "s" for k in kinds}  # a kind's list page: "attacks"
    keys |= {*relations, *(r + ".reverse" for r in relations), "responds-to", "drew-response"}
    keys |= set(_enum("incident", "properties", "corrections", "items", "properties", "kind"))
    return keys


def _template_calls(source: str) -> list[nodes.Call]:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    return [
        call
        for call in env.parse(source).find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name in ASKING
    ]


def asked_keys() -> tuple[set[str], set[str]]:
    """(keys asked for as written in a call, every string written in the code and the
    templates): the first must be in the catalogs, the second covers what is passed around."""
    asked: set[str] = set()
    written: set[str] = set()
    for path in sorted((ROOT / "templates").rglob("*.html")):
        source = path.read_text("utf-8")
        env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
        tree = env.parse(source)
        written |= {c.value for c in tree.find_all(nodes.Const) if isinstance(c.value, str)}
        for call in _template_calls(source):
            key = call.args[-1] if call.node.name == "word" else call.args[0]
            if isinstance(key, nodes.Const):
                asked.add(key.value)
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
            if name == "word" and isinstance(key, ast.Constant) and isinstance(key.value, str):
                asked.add(key.value)
    return asked, written


def test_every_key_asked_for_is_in_every_catalog() -> None:
    asked, _ = asked_keys()
    needed = asked | dynamic_keys()
    assert {"fr", "en"} <= set(catalogs())
    for path in catalogs().values():
        missing = sorted(needed - set(_keys(path)))
        assert not missing, f"{path}: no entry for {missing}"


def test_no_catalog_entry_is_unused_or_untranslated() -> None:
    _, written = asked_keys()
    used = written | dynamic_keys()
    for path in catalogs().values():
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
