"""Each incident field and vocabulary, declared once: in content/schema/incident.schema.json.

The schema says what a record may hold; this module reads from it what the rest of the
code needs to know about a field, so that nothing else keeps its own list:

- `vocabulary(name)`: a field's values (kinds, statuses, weapons...), in the schema's order;
- `supportable()`: the fields a quote can support or a basis explain (`$defs.field`);
- `shown(where)`: the plain fields, the ones the model holds under `Incident.extra`
  rather than as a typed attribute. A property of the schema's top level that carries
  `"x-shown": [...]` is one: `"page"` puts it among an incident page's facts, `"list"` in
  the list rows, `"export"` in incidents.json and incidents.csv. Its label is the
  interface word `field.<name>`, its CSV column meaning `column.<name>` (the catalogs).

So a new field shown on pages, in lists and in the exports is a property in the schema and
its words in the catalogs; list pages, the live rebuild and the exports follow from here.

- `answers()`: which kind of incident may answer (`responds_to`) which kinds, from the
  property's `"x-answers": {kind: [kinds]}` (a strike answers attacks).
- `colours(name)`: the colour of each value of a vocabulary, from the property's
  `"x-colours": {value: "#rrggbb"}` (the badges, keys and chart bars of the kinds and
  statuses: generator/site/colours.py writes them as a style sheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from generator.records.problems import InvalidContent, Problem, display_path
from generator.records.schema import folder, schema

Where = Literal["page", "list", "export"]
WHERE: tuple[Where, ...] = ("page", "list", "export")


@dataclass(frozen=True)
class Field:
    """A plain field: its name, where it is shown, and whether it is a text in each language
    (a `{fr, en}` object, shown in the page's language) or a value shown as it is."""

    name: str
    where: tuple[Where, ...]
    translated: bool

    def value(self, raw: Any, lang: str) -> str:
        """The field as a reader sees it, in `lang`: a text in the reader's language (or the
        first there is), a list joined, a number or a word as written."""
        if raw is None:
            return ""
        if isinstance(raw, dict):
            return str(raw.get(lang) or next(iter(raw.values()), ""))
        if isinstance(raw, list | tuple):
            return ", ".join(str(x) for x in raw)
        return str(raw)

    def lang_of(self, raw: Any, lang: str) -> str:
        """The language `value` shows for a page in `lang` (another one when the record has
        no text in `lang`: the page then marks it with that language's `lang` attribute)."""
        if isinstance(raw, dict) and not raw.get(lang) and raw:
            return str(next(iter(raw)))
        return lang


def _incident() -> dict[str, Any]:
    return schema("incident").raw


def vocabulary(name: str) -> tuple[str, ...]:
    """An incident field's values, in the schema's order (status, kind, date_precision...);
    a list field (weapons) gives its items' values, a dotted name a nested field's
    (location.precision)."""
    return _vocabulary(folder(), name)


@cache  # per schema folder: a content folder may bring its own (records.schema.use)
def _vocabulary(where: Path, name: str) -> tuple[str, ...]:
    prop: dict[str, Any] = {"properties": _incident()["properties"]}
    for step in name.split("."):
        prop = prop["properties"][step]
    found = prop.get("enum") or prop.get("items", {}).get("enum")
    if found is None and "$ref" in prop.get("items", {}):
        found = _definition(prop["items"]["$ref"]).get("enum")
    if found is None and "$ref" in prop:
        found = _definition(prop["$ref"]).get("enum")
    if found is None:
        raise KeyError(f"the incident schema gives no vocabulary for {name!r}")
    return tuple(found)


def _definition(ref: str) -> dict[str, Any]:
    where, _, pointer = ref.partition("#")
    if where and where != _incident().get("$id"):  # another schema's definition
        return {}
    node: Any = _incident()
    for step in pointer.removeprefix("/").split("/"):
        node = node[step]
    return node  # type: ignore[no-any-return]


def supportable() -> tuple[str, ...]:
    """The fields a quote can support or a basis explain (the schema's `$defs.field`)."""
    return _supportable(folder())


@cache
def _supportable(where: Path) -> tuple[str, ...]:
    return tuple(_incident()["$defs"]["field"]["enum"])


def plain() -> tuple[Field, ...]:
    """Every plain field (one with `x-shown`), in the schema's order."""
    return _plain(folder())


@cache
def _plain(where: Path) -> tuple[Field, ...]:
    out = []
    for name, prop in _incident()["properties"].items():
        where = prop.get("x-shown")
        if where is None:
            continue
        unknown = set(where) - set(WHERE)
        if unknown:
            raise ValueError(f"incident schema: {name}: x-shown takes {WHERE}, not {unknown}")
        definition = _definition(prop["$ref"]) if "$ref" in prop else prop
        out.append(Field(name, tuple(where), _is_text(definition)))
    return tuple(out)


def _is_text(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "object" and set(prop.get("properties", {})) >= {"fr", "en"}


def shown(where: Where) -> tuple[Field, ...]:
    """The plain fields shown `where` (page, list or export)."""
    return tuple(f for f in plain() if where in f.where)


def answers() -> dict[str, tuple[str, ...]]:
    """Kind -> the kinds a record of it may answer with `responds_to` (the schema's
    `x-answers`); empty when the schema does not say, and then any kind may answer any."""
    return _answers(folder())


@cache
def _answers(where: Path) -> dict[str, tuple[str, ...]]:
    declared = _incident()["properties"].get("responds_to", {}).get("x-answers") or {}
    return {kind: tuple(targets) for kind, targets in declared.items()}


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# A coloured value is a CSS class name on the pages (kind-attack, status-claimed), so it
# must not be one the pages already give to something else (the map, chart, evidence box).
_CLASS = re.compile(r"[a-z][a-z0-9-]*")
_TAKEN = {
    "kind": {"base", "place", "vague", "grid", "tick", "tally", "tally-mark", "tally-group"},
    "status": {"box", "explained"},
}
COLOUR_RULE = "schema-colour"


def coloured() -> tuple[str, ...]:
    """The incident fields whose vocabulary the schema gives colours (`x-colours`)."""
    return tuple(n for n, p in _incident()["properties"].items() if "x-colours" in p)


def colours(name: str) -> dict[str, str]:
    """Value -> `#rrggbb` of an incident field's vocabulary (the property's `x-colours`),
    empty when the schema gives none. Raises InvalidContent, naming the schema file and the
    key, for a colour not written `#rrggbb`, a value not in the vocabulary, or a value that
    cannot be a CSS class name or is one the pages already use."""
    return _colours(folder(), name)


@cache
def _colours(where: Path, name: str) -> dict[str, str]:
    declared = _incident()["properties"][name].get("x-colours") or {}
    values = _vocabulary(where, name)
    problems = []
    for value, colour in declared.items():
        wrong = []
        if value not in values:
            wrong.append(f"{value!r} is not a {name} of the schema ({', '.join(values)})")
        elif not _CLASS.fullmatch(value):
            wrong.append(
                f"{value!r} names a CSS class once coloured: lower-case letters, digits and "
                "hyphens, a letter first"
            )
        elif value in _TAKEN.get(name, ()):
            wrong.append(
                f"{value!r} is already a class of the pages (map, chart, evidence box): choose "
                "another value"
            )
        if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
            wrong.append(f"expected a colour written #rrggbb, got {colour!r}")
        problems += [colour_problem(where, f"{name}.x-colours.{value}", m) for m in wrong]
    if problems:
        raise InvalidContent(problems)
    return dict(declared)


def colour_problem(where: Path, path: str, message: str) -> Problem:
    """A problem of the `x-colours` of the incident schema in the folder `where`."""
    file = display_path(where / "incident.schema.json")
    return Problem(file, 0, 0, f"properties.{path}", message, COLOUR_RULE)
