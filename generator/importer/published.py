"""When an article was published, from the article itself: its address and its date lines.

The page metadata (`article:published_time`, JSON-LD `datePublished`, `itemprop`,
`<time datetime>`) is read by html.py; this module adds what a page or a pasted text
carries elsewhere: a date in the address (`/2024/01/24/`, `/20231024/`, `-2024-01-28/`, the
Unix timestamp of i24NEWS addresses, `/2023/11/` for the month only), a date line under the
headline ("22.04.2024, 08:03", "October. 28, 2023 08:44", "January 23, 2024 - 5:47 pm",
"24 janvier 2024, 00h40 GMT") and the `--published` option (`YYYY-MM-DD` or `YYYY-MM`).
The day of the import is never a publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from generator.importer.clean import CREDITS
from generator.importer.dates import MONTHS, WEEKDAYS, parse_when
from generator.importer.fold import fold

_EARLIEST = dt.date(1990, 1, 1)


@dataclass(frozen=True)
class Published:
    """A publication date and how it is known; `month` when only the month is known."""

    date: dt.date  # the day, or the first day of the month
    precision: str  # day | month
    how: str
    source: str  # option (--published) | address | line (a date line of the text) | metadata

    @property
    def last(self) -> dt.date:
        """The latest day it can be (the month's last day when only the month is known)."""
        if self.precision == "month":
            days = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=days)
        return self.date


def option(value: str) -> Published:
    """`--published YYYY-MM-DD` or `YYYY-MM`; ValueError with the words to show otherwise."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Published(dt.date.fromisoformat(text), "day", "given with --published", "option")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return Published(
                dt.date(year, month, 1), "month", "month given with --published", "option"
            )
    raise ValueError(f"'{value}' is not a date written YYYY-MM-DD or a month written YYYY-MM")


def _plausible(date: dt.date | None, today: dt.date) -> bool:
    return date is not None and _EARLIEST <= date <= today


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


_URL_DAY = [
    re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$|[-_.])"),
    re.compile(r"[/_-]((?:19|20)\d\d)-(\d\d)-(\d\d)(?:/|$|[-_.])"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|$|[-_.])"),
]
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/")
_URL_STAMP = re.compile(r"/(1[4-9]\d{8})-")


def from_url(url: str | None, today: dt.date) -> Published | None:
    """A date in the article's address, if it carries one."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I).split("?")[0]
    for pattern in _URL_DAY:
        for m in pattern.finditer(path):
            date = _day(m[1], m[2], m[3])
            if _plausible(date, today):
                assert date is not None
                return Published(
                    date, "day", f"the date in the article's address ({url})", "address"
                )
    if m := _URL_STAMP.search(path):
        date = dt.datetime.fromtimestamp(int(m[1]), dt.UTC).date()
        if _plausible(date, today):
            return Published(
                date, "day", f"the timestamp in the article's address ({url})", "address"
            )
    if m := _URL_MONTH.search(path):
        date = _day(m[1], m[2], "1")
        if _plausible(date, today):
            assert date is not None
            return Published(
                date, "month", f"the month in the article's address ({url})", "address"
            )
    return None


_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_LINE = [
    # 22.04.2024, 08:03 | 22/04/2024
    re.compile(r"^(?:[a-z]+,? )?(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)\b"),
    # 2024-04-22 08:03
    re.compile(r"^(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    # October. 28, 2023 08:44 | January 23, 2024 - 5:47 pm | Jan 3, 2024
    re.compile(
        rf"^(?:\w+,? )?(?P<mw>{_MONTH_WORD})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b"
    ),
    # 24 janvier 2024, 00h40 | mercredi 7 février 2024
    re.compile(
        rf"^(?:\w+ )?(?P<d>\d{{1,2}})(?:er)? (?P<mw>{_MONTH_WORD})\.? (?P<y>(?:19|20)\d\d)\b"
    ),
]
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
_PREFIX = re.compile(
    r"^(?:publie|published|mis en ligne|posted|date|updated|mis a jour|le|on)\b(?: le| on)?\s*:?\s*"
)


# "By James Cirrone Daily Mail Apr 21, 2024": a byline that ends with its date
_BYLINE_DATE = re.compile(
    rf"^(?:by|par)\s[^.;]{{0,80}}?\s(?P<when>(?:{_MONTH_WORD})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:er)?\s+(?:{_MONTH_WORD})\.?\s+(?:19|20)\d\d)\s*$"
)


def byline_date(text: str) -> str | None:
    """The date that ends a byline, as printed, if the line is one."""
    found = _BYLINE_DATE.match(fold(text).strip())
    return found["when"] if found else None


def from_line(text: str, today: dt.date) -> Published | None:
    """The date of a short date line ("22.04.2024, 08:03", "Publié le 5 août 2024", a byline
    ending with its date)."""
    if len(text) > 120:
        return None
    whole = fold(text).strip()
    whole = byline_date(whole) or whole
    named = _WEEKDAY.search(whole)
    weekday = WEEKDAYS[named.group()] if named else None
    folded = CREDITS.sub("", whole, count=1)
    folded = _PREFIX.sub("", folded, count=1)
    for pattern in _DATE_LINE:
        m = pattern.match(folded)
        if not m:
            continue
        month = MONTHS.get(m["mw"]) if "mw" in m.groupdict() and m["mw"] else None
        date = _day(m["y"], str(month or m["m"]), m["d"])
        if pattern is _DATE_LINE[0] and weekday is not None:
            # "Sunday, 11/12/2023": the weekday says which of day and month comes first
            readings = [_day(m["y"], m["m"], m["d"]), _day(m["y"], m["d"], m["m"])]
            matching = [d for d in readings if d is not None and d.weekday() == weekday]
            if not matching:
                continue
            date = matching[0]
        if _plausible(date, today):
            assert date is not None
            return Published(date, "day", f"the date line '{text.strip()}'", "line")
    return None


def from_metadata(raw: str | None, language: str, today: dt.date) -> Published | None:
    """A date from the page's metadata (ISO 8601 or a written date)."""
    date = parse_when(raw, language) if raw else None
    if _plausible(date, today):
        assert date is not None and raw is not None
        return Published(date, "day", f"the page's metadata ('{raw.strip()[:40]}')", "metadata")
    return None
