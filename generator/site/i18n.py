"""Interface words (from the gettext catalogs) and date formats in each language. Record text
is the editors' own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from generator import catalogs
from generator.site import urls

_catalogs: catalogs.Catalogs | None = None

# "quelque part en Irak / au Koweït / aux Émirats arabes unis", "somewhere in Iraq / in the
# United Arab Emirates": CLDR names countries but not the words put before a name, so each
# language says them here: its usual form, then the countries that take another (French:
# "au" before a masculine name starting with a consonant, "aux" before a plural one, "à"
# before most islands and city-states).
IN_COUNTRY: dict[str, tuple[str, dict[str, str]]] = {
    "fr": (
        "en {}",
        {
            "au {}": "BD BF BI BJ BN BR BT BW BZ CA CD CG CL CM CR CV DK EH GA GB GH GL GT HN"
            " JP KE KG KH KW KZ LA LB LI LR LS LU MA ME ML MM MW MX MZ NE NG NI NP PA PE PK PT"
            " PY QA RW SD SN SR SS SV TD TG TJ TL TM VE VN VU XK YE ZW",
            "aux {}": "AE AS AX BM BQ BS CC CK FJ FK FO HM IC KM KY MH MP MV NL PH PN PW SB SC"
            " TC TO UM US VG VI WS",
            "à {}": "AI AW BH BL CU CW CY DJ GG GI GU JE KI KN LC MC MF MG MS MT MU NR NU OM PM"
            " RE SG SH SM ST SX TK TT TV TW VC YT",
            "à la {}": "BB DM GD",
            "dans la {}": "HK MO",
            "dans les {}": "PS TF",
            "dans l’{}": "VA",
        },
    ),
    "en": (
        "in {}",
        {
            "in the {}": "AE AX BQ BS CC CF CK DO FK FO GB GM HM IO KM KY MH MP MV NL PH PN PS"
            " SB SC TC TF UM US VG VI",
        },
    ),
}


def country(lang: str, code: str) -> str:
    """The country's name in `lang`, from CLDR (the code itself if CLDR has none)."""
    return _territories(lang).get(code, code)


@lru_cache(maxsize=16)
def _territories(lang: str) -> dict[str, str]:
    return Locale.parse(lang).territories


def country_in(lang: str, code: str) -> str:
    """'en Irak', 'au Koweït', 'in Iraq': the country as the end of "somewhere in ..."."""
    if lang not in IN_COUNTRY:
        return f"({country(lang, code)})"
    usual, others = _in_country(lang)
    return others.get(code, usual).format(country(lang, code))


@lru_cache(maxsize=16)
def _in_country(lang: str) -> tuple[str, dict[str, str]]:
    usual, others = IN_COUNTRY[lang]
    return usual, {code: form for form, codes in others.items() for code in codes.split()}


def use(chosen: catalogs.Catalogs) -> None:
    """The catalogs `word` reads from now on: each build sets those of its content folder."""
    global _catalogs
    _catalogs = chosen
    _words.clear()
    _words.update(chosen.words)


def _current() -> catalogs.Catalogs:
    global _catalogs
    if _catalogs is None:  # words asked for outside a build
        use(catalogs.bundled())
    assert _catalogs is not None
    return _catalogs


class _Words(dict[str, dict[str, str]]):
    """Each language's words, as `use` set them (the bundled ones until a build does)."""

    def __missing__(self, lang: str) -> dict[str, str]:
        return _current().words[lang]


_words = _Words()


def words_of(lang: str) -> Callable[[str], str]:
    """`_` for one page in `lang`: the same words as `word`, without asking the template
    context for the language at each of the page's words."""
    found = _words[lang]
    return lambda key: found.get(key, key)


def word(lang: str, key: str) -> str:
    """The interface word `key` in `lang` (generator/catalogs.py); a key no catalog holds is
    itself, as gettext gives it. Pages ask for words many times: a dict lookup, no more."""
    return _words[lang].get(key, key)


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
