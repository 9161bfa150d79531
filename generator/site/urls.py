"""Every URL of the site, in one place: stable, clean, one folder per page.

The default language (the first of chronology.yaml's `languages`: French, the language of
the sources) lives at the root, every other one under /<lang>/. Functions return paths
without SITEURL; templates prefix SITEURL so the site can live in a sub-folder.
"""

from __future__ import annotations

from generator.model import default_languages

# The root's language: each build sets its chronology's (`use`) before any URL is made.
DEFAULT_LANG = default_languages()[0]


def use(languages: tuple[str, ...]) -> None:
    """Make URLs for a site in `languages` (the first at the root)."""
    global DEFAULT_LANG
    DEFAULT_LANG = languages[0]


def prefix(lang: str) -> str:
    return "/" if lang == DEFAULT_LANG else f"/{lang}/"


def home(lang: str) -> str:
    return prefix(lang)


def incident(incident_id: str, lang: str) -> str:
    return f"{prefix(lang)}incidents/{incident_id}/"


def base(base_id: str, lang: str) -> str:
    return f"{prefix(lang)}bases/{base_id}/"


def bases(lang: str) -> str:
    return f"{prefix(lang)}bases/"


def month(year: int, month_number: int, lang: str) -> str:
    return f"{prefix(lang)}{year:04d}/{month_number:02d}/"


def year(year_number: int, lang: str) -> str:
    return f"{prefix(lang)}{year_number:04d}/"


def archives(lang: str) -> str:
    return f"{prefix(lang)}archives/"


def actor(actor_id: str, lang: str) -> str:
    return f"{prefix(lang)}actors/{actor_id}/"


def weapon(weapon_id: str, lang: str) -> str:
    return f"{prefix(lang)}weapons/{weapon_id}/"


def kind(kind_id: str, lang: str) -> str:
    return f"{prefix(lang)}kinds/{kind_id}/"


def status(status_id: str, lang: str) -> str:
    return f"{prefix(lang)}status/{status_id}/"


def about(lang: str) -> str:
    return f"{prefix(lang)}about/"


def search(lang: str) -> str:
    return f"{prefix(lang)}search/"


def feed(lang: str) -> str:
    return f"{prefix(lang)}feed.xml"


def base_feed(base_id: str, lang: str) -> str:
    return f"{base(base_id, lang)}feed.xml"


def switch(path: str, lang: str, to_lang: str) -> str:
    """The page at `path`, in `lang`, in another language."""
    bare = path[len(prefix(lang)) - 1 :]
    return prefix(to_lang)[:-1] + bare


def output_file(url: str) -> str:
    """Where a URL is written under the output folder."""
    relative = url.lstrip("/")
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def archived_copy(sha256: str) -> str:
    """A published archived copy of a source (generator/site/copies.py): one for both languages."""
    return f"/sources/{sha256}.txt"
