"""JSON Schema validation of one parsed file, with errors an editor can act on.

The schemas in content/schema/ are the single declaration of the record contract: the
validator, the editors' IDEs (through the modeline) and the field reference all read them.
fastjsonschema checks the clean majority fast; only a failing file goes through jsonschema,
which lists every error with its path.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from generator.records.loader import locate
from generator.records.problems import Problem
from generator.resources import SCHEMA_DIR, schema_folder

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def format_path(path: tuple[str | int, ...] | list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


_DOLLAR = re.compile(r"(?<!\\)\$")
# The written shape of the schemas' patterns whose descriptions say what, not how.
_SHAPES = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^https?://[^\\s/?#][^\\s]*$": "an http:// or https:// address",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "lower-case letters, digits and single hyphens",
    "^[A-Z]{2}$": "a two-letter country code in capitals",
    "^[a-z]{2}$": "a two-letter language code in lower case",
    "^[A-Za-z0-9_.-]+$": "a bare file name (letters, digits, '_', '.', '-')",
    "\\S": "some text, not only spaces",
}
_MEANT = re.compile(r"did you mean '(.*)'\?$")
_MISSING = re.compile(r"missing required field '(.*)'$")


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA 262: `$` ends the text. Python's `$` also matches before a
    # final newline, so "ain-al-asad\n" passed `^[a-z-]+$` in jsonschema (while fastjsonschema,
    # which rewrites `$` as `\Z`, refused it and the file went through with no problem).
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, _: Any) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> Any:
    # jsonschema is imported only when a file fails the fast check: a build of valid records
    # never needs it, so it does not pay for the import.
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})


def _inline(node: Any, folder: Path, home: dict[str, Any] | None = None) -> Any:
    """`node` with each reference to another schema of `folder` (`incident.schema.json#/
    properties/kind`) replaced by what it points to, its own keys (a description) kept: so
    the statements' kinds are the incidents' of the same folder, and neither validator needs
    a resolver. `home` is the other schema being copied from, whose own `#/...` references
    are resolved in it; the schema's own are left to the validators."""
    if isinstance(node, list):
        return [_inline(item, folder, home) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(value, folder, home) for key, value in node.items()}
    where, _, pointer = str(node.get("$ref", "")).partition("#")
    if "$ref" not in node or (not where and home is None):
        return out
    doc = json.loads((folder / where).read_text()) if where else home
    target: Any = doc
    for step in filter(None, pointer.split("/")):
        target = target[step]
    del out["$ref"]
    return {**_inline(target, folder, doc), **out}


class Schema:
    """One compiled schema: `problems(data, text, file)` lists what is wrong, [] when valid."""

    def __init__(self, name: str, folder: Path = SCHEMA_DIR):
        self.name, self.folder = name, folder
        text = (folder / f"{name}.schema.json").read_text()
        self.raw: dict[str, Any] = _inline(json.loads(text), folder)
        self._fast: Callable[[Any], Any] = fastjsonschema.compile(self.raw)

    def is_valid(self, data: Any) -> bool:
        try:
            self._fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def problems(self, data: Any, text: str, file: str) -> list[Problem]:
        if self.is_valid(data):
            return []
        full = _validator_class()(self.raw)
        explained = [item for error in full.iter_errors(data) for item in _explain(error)]
        # A misspelt field is one mistake: "unknown field 'casualities'; did you mean
        # 'casualties'?" already says what "missing required field 'casualties'" would.
        typos = {
            (path[:-1], meant[1])
            for path, message, rule in explained
            if rule == "unknown-field" and (meant := _MEANT.search(message))
        }
        out = []
        for path, message, rule in explained:
            missing = _MISSING.match(message) if rule == "missing-field" else None
            if missing and (path, missing[1]) in typos:
                continue
            line, column = locate(text, path, key=rule == "unknown-field")
            out.append(Problem(file, line, column, format_path(path), message, rule))
        if not out:  # the two validators disagree: never let such a file through silently
            try:
                self._fast(data)
            except fastjsonschema.JsonSchemaException as err:
                steps = (getattr(err, "path", None) or [])[1:]  # drop the leading "data"
                path = tuple(int(x) if str(x).isdigit() else x for x in steps)
                line, column = locate(text, path)
                out.append(Problem(file, line, column, format_path(path), err.message, "schema"))
        return out


# The schema folder of the chronology this process works on. A process reads one content
# folder at a time (a build, the preview, an import); forked workers inherit the choice.
_using = [SCHEMA_DIR]


def use(content: Path) -> Path:
    """Read every later schema, vocabulary and field list from `content`'s schemas (its own
    `schema/` folder, else the bundled one); returns that folder."""
    _using[0] = schema_folder(content).resolve()
    return _using[0]


def folder() -> Path:
    """The schema folder in use."""
    return _using[0]


def schema(name: str) -> Schema:
    return _compiled(_using[0], name)


@cache
def _compiled(where: Path, name: str) -> Schema:
    return Schema(name, where)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
    "boolean": "true or false",
}


def _explain(error: ValidationError) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(path, message, rule) for one jsonschema error, in an editor's words."""
    path = tuple(error.absolute_path)
    kind, expected, schema_here = error.validator, error.validator_value, error.schema
    if kind == "additionalProperties":
        known = list(schema_here.get("properties", {}))
        out = []
        for key in error.instance:
            if key in known:
                continue
            hint = difflib.get_close_matches(str(key), known, n=1)
            suggestion = (
                f"; did you mean '{hint[0]}'?" if hint else f"; known fields: {', '.join(known)}"
            )
            out.append((path + (key,), f"unknown field {key!r}{suggestion}", "unknown-field"))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [(path, f"missing required field {missing!r}", "missing-field")]
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        if not path and error.instance is None:
            return [(path, f"file is empty (or only comments); expected {wanted}", "empty-file")]
        return [(path, f"expected {wanted}, got {_show(error.instance)}", "wrong-type")]
    if kind == "enum":
        choices = ", ".join(str(c) for c in expected)
        hint = difflib.get_close_matches(str(error.instance), [str(c) for c in expected], n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return [
            (
                path,
                f"expected one of {choices}, got {_show(error.instance)}{suggestion}",
                "not-allowed",
            )
        ]
    if kind == "pattern":
        described = schema_here.get("description", f"text matching {expected}")
        if described[1:2].islower():  # "Stable id…" -> "stable id…", but "YYYY-…" stays
            described = described[0].lower() + described[1:]
        if expected in _SHAPES:  # say the shape when the description does not
            described = f"{_SHAPES[expected]}: {described}"
        return [
            (
                path,
                f"expected {described.rstrip('.')}; got {_show(error.instance)}",
                "bad-format",
            )
        ]
    if kind in ("minItems", "minLength"):
        return [(path, f"must not be empty, got {_show(error.instance)}", "empty")]
    if kind == "uniqueItems":
        return [(path, f"lists the same value twice: {_show(error.instance)}", "duplicate-item")]
    if kind in ("minimum", "maximum"):
        return [
            (
                path,
                f"expected a value {'>=' if kind == 'minimum' else '<='} {expected}, "
                f"got {_show(error.instance)}",
                "out-of-range",
            )
        ]
    if kind in ("anyOf", "oneOf", "allOf", "if", "then"):
        nested = [item for sub in error.context or [] for item in _explain(sub)]
        return nested or [(path, error.message, kind)]
    return [(path, error.message, kind)]
