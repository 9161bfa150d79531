"""Interface words (from the gettext catalogs) and date formats in each language. Record text
is the editors' own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from generator import catalogs
from generator.site import urls

_catalogs: catalogs.Catalogs | None = None

COUNTRIES = {
    "fr": {
        "IQ": "Irak",
        "SY": "Syrie",
        "JO": "Jordanie",
        "IR": "Iran",
        "TR": "Turquie",
        "KW": "Koweït",
        "SA": "Arabie saoudite",
        "LB": "Liban",
        "IL": "Israël",
        "YE": "Yémen",
    },
    "en": {
        "IQ": "Iraq",
        "SY": "Syria",
        "JO": "Jordan",
        "IR": "Iran",
        "TR": "Turkey",
        "KW": "Kuwait",
        "SA": "Saudi Arabia",
        "LB": "Lebanon",
        "IL": "Israel",
        "YE": "Yemen",
    },
}


# "somewhere in Iraq" / "quelque part en Irak": the preposition goes with the country's name.
COUNTRIES_IN = {
    "fr": {
        "IQ": "en Irak",
        "SY": "en Syrie",
        "JO": "en Jordanie",
        "IR": "en Iran",
        "TR": "en Turquie",
        "KW": "au Koweït",
        "SA": "en Arabie saoudite",
        "LB": "au Liban",
        "IL": "en Israël",
        "YE": "au Yémen",
    },
    "en": {code: "in " + name for code, name in COUNTRIES["en"].items()},
}


def country_in(lang: str, code: str) -> str:
    return COUNTRIES_IN.get(lang, {}).get(code) or f"({country(lang, code)})"


def use(chosen: catalogs.Catalogs) -> None:
    """The catalogs `word` reads from now on: each build sets those of its content folder."""
    global _catalogs
    _catalogs = chosen


def _current() -> catalogs.Catalogs:
    global _catalogs
    if _catalogs is None:  # words asked for outside a build
        _catalogs = catalogs.bundled()
    return _catalogs


def word(lang: str, key: str) -> str:
    """The interface word `key` in `lang` (generator/catalogs.py)."""
    return _current().word(lang, key)


def nword(lang: str, singular: str, plural: str, n: int) -> str:
    """The key `singular` or `plural` for the count `n`, by `lang`'s plural rule."""
    return _current().nword(lang, singular, plural, n)


def shown(texts: Mapping[str, str] | None, lang: str) -> str:
    """The language a record's text is shown in on a page in `lang`: `lang` if the record has
    it, else the site's default language, else the first it has."""
    if not texts or texts.get(lang):
        return lang
    if texts.get(urls.DEFAULT_LANG):
        return urls.DEFAULT_LANG
    return next((other for other, text in texts.items() if text), lang)


def shown_text(texts: Mapping[str, str] | None, lang: str) -> str:
    """A record's text (summary, description...) for a page in `lang`: see `shown`."""
    return (texts or {}).get(shown(texts, lang)) or ""


def lang_attr(texts: Mapping[str, str] | None, lang: str, text: str | None = None) -> Markup:
    """` lang="xx"` when the text shown on a page in `lang` is in another language: the
    `shown_text`, or `text` (a name, as the model picks it) when given."""
    texts = texts or {}
    if text is None:
        other = shown(texts, lang)
    elif texts.get(lang) == text:
        other = lang
    else:
        other = next((code for code, said in texts.items() if said == text), lang)
    return Markup(' lang="{}"').format(other) if other != lang else Markup("")


def country(lang: str, code: str) -> str:
    if lang in COUNTRIES:
        return COUNTRIES[lang].get(code, code)
    return Locale.parse(lang).territories.get(code, code)  # a language added by a catalog


@lru_cache(maxsize=65536)
def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)


def when(incident: Any, lang: str) -> str:
    """The date as it is known: the day, the month, or an approximate date's window."""
    if incident.date_window:
        return date_window(*incident.date_window, lang)
    if incident.date_precision == "month":
        return month_name(incident.date.year, incident.date.month, lang)
    return long_date(incident.date, lang)


def id_date(incident_id: str, lang: str) -> str:
    """The day an incident id starts with, as a date (the strikes list names its targets)."""
    return long_date(dt.date.fromisoformat(incident_id[:10]), lang)


def date_from(incident: Any) -> str:
    """Where the date comes from: quote | inferred | external | editor (a basis wins: the
    quotes then give only part of it, such as the weekday)."""
    basis = incident.basis.get("date")
    return basis.how if basis else "quote"


def date_window(first: dt.date, last: dt.date, lang: str) -> str:
    """'entre le 18 octobre 2023 et le 21 octobre 2023': an approximate date as its window."""
    return word(lang, "date_between").format(long_date(first, lang), long_date(last, lang))


@lru_cache(maxsize=4096)
def month_name(year: int, month: int, lang: str) -> str:
    text = format_date(dt.date(year, month, 1), format="LLLL y", locale=lang)
    return text[:1].upper() + text[1:]
