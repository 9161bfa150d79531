"""The interface's words: one gettext catalog per language, <lang>/LC_MESSAGES/messages.po.

msgids are keys ("site_title", "weapon.drone", "about.data"): the code and the templates ask
for a key, and every catalog, English included, gives its text; locale/messages.pot lists the
keys with the English text as a comment for translators. The bundled catalogs (locale/ of the
checkout, the wheel's package data) serve every content folder; a content folder's own
locale/, beside its chronology.yaml, takes precedence language by language, so that a site
adds a language or rewords one without touching the project.

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


def folders(content: Path | None) -> list[Path]:
    """Where catalogs are looked for, first match wins: the content folder's, the bundled."""
    return ([content / "locale"] if content is not None else []) + [LOCALE_DIR]


def missing(lang: str, content: Path | None) -> str:
    """What is said of a language without a catalog."""
    expected = " or ".join(display_path(f / lang / CATALOG) for f in folders(content))
    return f"no catalog for the language '{lang}': expected {expected}"


def find(lang: str, content: Path | None) -> Path | None:
    return next(
        (f / lang / CATALOG for f in folders(content) if (f / lang / CATALOG).is_file()), None
    )


@lru_cache(maxsize=32)
def _compile(data: bytes) -> gettext.GNUTranslations:
    catalog = read_po(io.BytesIO(data))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True)
class Catalogs:
    """The catalog of each language of a site."""

    translations: dict[str, gettext.GNUTranslations]

    def word(self, lang: str, key: str) -> str:
        return self.translations[lang].gettext(key)

    def nword(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.translations[lang].ngettext(singular, plural, n)


def load(
    langs: tuple[str, ...], content: Path | None, settings_file: Path | None = None
) -> Catalogs:
    """The catalogs of `langs`; InvalidContent naming `settings_file` (chronology.yaml) and the
    files looked for when a language has none."""
    problems, translations = [], {}
    for n, lang in enumerate(langs):
        path = find(lang, content)
        if path is None:  # (the validator reports it first, with its line)
            where = display_path(settings_file) if settings_file else "languages"
            problems.append(Problem(where, 0, 0, f"languages[{n}]", missing(lang, content), RULE))
            continue
        translations[lang] = _compile(path.read_bytes())
    if problems:
        raise InvalidContent(problems)
    return Catalogs(translations)


def bundled() -> Catalogs:
    """The bundled catalogs of every language they hold (words asked for outside a build)."""
    langs = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/{CATALOG.as_posix()}"))
    return load(tuple(langs), None)
