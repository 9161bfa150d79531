"""Where the files that are not Python code are found: templates, schemas, default settings.

In a checkout they stand at the project's top (`templates/`, `content/schema/`, `locale/`,
`pelican.conf.py`); an installed wheel carries copies of them as package data under
`generator/_data/` (setup.py puts them there). Every module asks here, so the tool works the
same from a checkout and from `pip install`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_BUNDLED = PACKAGE / "_data"
_CHECKOUT = PACKAGE.parent


def _pick(bundled: Path, checkout: Path) -> Path:
    return bundled if bundled.exists() else checkout


#: The folder of the JSON Schemas of records, bases, actors, statements and the chronology.
SCHEMA_DIR = _pick(_BUNDLED / "schema", _CHECKOUT / "content" / "schema")


def schema_folder(content: Path) -> Path:
    """The schemas a content folder is read with: its own `schema/` when it has one (a
    chronology with vocabularies of its own: kinds, weapons, statuses), else the bundled ones."""
    own = Path(content) / "schema"
    return own if (own / "incident.schema.json").is_file() else SCHEMA_DIR


#: The settings used when the current folder has no pelican.conf.py of its own.
DEFAULT_SETTINGS = _pick(_BUNDLED / "pelican.conf.py", _CHECKOUT / "pelican.conf.py")
#: The theme folder (Pelican's THEME): it holds templates/ and templates/static/.
THEME_DIR = DEFAULT_SETTINGS.parent
#: The interface's gettext catalogs, <lang>/LC_MESSAGES/messages.po (generator/catalogs.py).
LOCALE_DIR = _pick(_BUNDLED / "locale", _CHECKOUT / "locale")
