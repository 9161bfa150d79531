"""The interface's words: one gettext catalog per language, <lang>/LC_MESSAGES/messages.po.

msgids are keys ("site_title", "weapon.drone", "about.data"): the code and the templates ask
for a key, and every catalog, English included, gives its text; locale/messages.pot lists the
keys with the English text as a comment for translators. The bundled catalogs (locale/ of the
checkout, the wheel's package data) serve every content folder; a content folder's own
locale/, beside its chronology.yaml, is laid over them word by word, so that a site adds a
language, rewords a word or names a value of its own schema (a weapon, a kind) without
touching the project. `vocabulary_words()` lists the words the records' values ask for, so
`validate` names a value of a content folder's schema that a catalog has no word for.

The .po files are read with Babel and compiled in memory (no .mo to keep in step), once per
process for the same bytes: an edited catalog is read again on the next build.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.records.problems import InvalidContent, Problem, display_path
from generator.resources import LOCALE_DIR

CATALOG = Path("LC_MESSAGES") / "messages.po"
RULE = "missing-catalog"
WORD_RULE = "missing-word"


def folders(content: Path | None) -> list[Path]:
    """Where catalogs are looked for, first match wins: the content folder's, the bundled."""
    return ([content / "locale"] if content is not None else []) + [LOCALE_DIR]


def missing(lang: str, content: Path | None) -> str:
    """What is said of a language without a catalog."""
    expected = " or ".join(display_path(f / lang / CATALOG) for f in folders(content))
    return f"no catalog for the language '{lang}': expected {expected}"


def find(lang: str, content: Path | None) -> Path | None:
    """The first catalog of `lang` (the content folder's, else the bundled one)."""
    found = layers(lang, content)
    return found[0] if found else None


def layers(lang: str, content: Path | None) -> list[Path]:
    """Every catalog of `lang`, the one that wins first."""
    return [f / lang / CATALOG for f in folders(content) if (f / lang / CATALOG).is_file()]


@lru_cache(maxsize=32)
def _compile(*layers: bytes) -> tuple[gettext.GNUTranslations, dict[str, str]]:
    """One catalog from its layers' bytes (a word of an earlier layer wins): compiled for
    plural forms, and its words as a plain dict (what pages ask for, many times each)."""
    catalog = read_po(io.BytesIO(layers[-1]))
    for data in reversed(layers[:-1]):
        for message in read_po(io.BytesIO(data)):
            if message.id and message.string:
                catalog.delete(message.id, message.context)  # setting would keep the old text
                catalog[message.id] = message
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    words = {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and m.string}
    return gettext.GNUTranslations(compiled), words


def vocabulary_words() -> dict[str, tuple[str, ...]]:
    """The words the records' values ask for, as key prefix -> values ("" for a value that is
    itself a key): a kind is shown as `kind.<kind>` and listed as `<kind>s`, a weapon as
    `weapon.<weapon>`... From the schemas in use (records.schema.use)."""
    from generator import fields
    from generator.records.schema import schema

    def enum(name: str, *steps: str) -> tuple[str, ...]:
        node = schema(name).raw
        for step in steps:
            node = node[step]
        return tuple(node["enum"])

    kinds, statuses = fields.vocabulary("kind"), fields.vocabulary("status")
    hows = enum("incident", "$defs", "basis_entry", "properties", "how")
    relations = enum("incident", "properties", "related", "items", "properties", "relation")
    bounds = enum("statements", "items", "properties", "tally", "properties", "bound")
    plain = tuple(f.name for f in fields.plain())
    return {
        "": (
            *kinds,
            *(kind + "s" for kind in kinds),  # a kind's list page: "attacks"
            *statuses,
            *fields.supportable(),
            *relations,
            *(relation + ".reverse" for relation in relations),
            *enum("incident", "properties", "corrections", "items", "properties", "kind"),
        ),
        "kind.": kinds,
        "tally_what.": kinds,
        "status.": statuses,
        "weapon.": fields.vocabulary("weapons"),
        "precision.": fields.vocabulary("date_precision"),
        "location.precision.": fields.vocabulary("location.precision"),
        "basis.": hows,
        "date_from.": ("quote", *hows),
        "bound.": tuple(b for b in bounds if b != "exactly"),  # "exactly 5" is said as "5"
        "field.": plain,
        "column.": plain,
    }


def vocabulary_keys() -> list[str]:
    return [prefix + value for prefix, values in vocabulary_words().items() for value in values]


def unworded(lang: str, content: Path | None) -> list[str]:
    """Each word the records' values ask for that the catalogs of `lang` lack."""
    paths = layers(lang, content)
    if not paths:
        return []
    _, known = _compile(*(p.read_bytes() for p in paths))  # the build's own, read once
    return [key for key in vocabulary_keys() if key not in known]


@dataclass(frozen=True)
class Catalogs:
    """The catalog of each language of a site."""

    translations: dict[str, gettext.GNUTranslations]
    words: dict[str, dict[str, str]]

    def word(self, lang: str, key: str) -> str:
        return self.words[lang].get(key, key)  # as gettext: a key it lacks is itself

    def nword(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.translations[lang].ngettext(singular, plural, n)


def load(
    langs: tuple[str, ...], content: Path | None, settings_file: Path | None = None
) -> Catalogs:
    """The catalogs of `langs`; InvalidContent naming `settings_file` (chronology.yaml) and the
    files looked for when a language has none."""
    problems, translations, words = [], {}, {}
    for n, lang in enumerate(langs):
        paths = layers(lang, content)
        if not paths:  # (the validator reports it first, with its line)
            where = display_path(settings_file) if settings_file else "languages"
            problems.append(Problem(where, 0, 0, f"languages[{n}]", missing(lang, content), RULE))
            continue
        translations[lang], words[lang] = _compile(*(p.read_bytes() for p in paths))
    if problems:
        raise InvalidContent(problems)
    return Catalogs(translations, words)


def bundled() -> Catalogs:
    """The bundled catalogs of every language they hold (words asked for outside a build)."""
    langs = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/{CATALOG.as_posix()}"))
    return load(tuple(langs), None)
