"""Dates in articles: find the expressions, then resolve them to calendar days.

An article says "mercredi", "le 3 décembre", "lundi 5 août", "mardi soir", "hier",
"au cours des dernières 24 heures", "on Wednesday", "Dec. 3". With a publication date the
weekday is the last such day on or before it. Without one (pasted text), `DateContext`
infers the article's "now": the explicit dates it prints (a weekday with a day and month
pins the year) and, for articles about the Gaza-war campaign, its known start, bound it
from below; the bare weekdays must all fall on or after that bound within one week. Every
resolution says how sure it is (`precision`) and how it was derived (`note`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from generator.importer import numbers
from generator.importer.fold import fold

WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_FULL_MONTHS = {
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
# a night across two days is dated by its first: "la nuit de vendredi à samedi", "la nuit du
# 2 au 3 février", "overnight Friday into Saturday"
_NIGHT_OF = re.compile(
    rf"\b(?:dans |pendant |durant )?la nuit (?:de |du )(?P<wd>{_WD})\s+(?:a|au)\s+(?:{_WD})\b"
    rf"|\b(?:dans |pendant |durant )?la nuit du (?P<day>\d{{1,2}})(?:er)?\s+au\s+\d{{1,2}}\s+"
    rf"(?P<month>{_MO})\b(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|\bovernight (?:from |on )?(?P<wd2>{_WD})\s+(?:into|to)\s+(?:{_WD})\b"
    rf"|\b(?:on )?the night of (?P<wd3>{_WD})\s+(?:to|into)\s+(?:{_WD})\b"
)
# "un", "deux"…, "one", "two"… up to ten ("a" is no day count)
_NUM_WORDS = {w: n for w, n in numbers.UNITS.items() if 1 <= n <= 10 and w != "a"}
_N = r"\d{1,2}|" + "|".join(_NUM_WORDS)

_DAY_MONTH = re.compile(
    rf"\b(?:(?P<wd>{_WD})\s*,?\s+)?(?:le\s+|the\s+)?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?"
    rf"\s+(?:of\s+)?(?P<month>{_MO})\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<wd>{_WD})\s*,?\s+)?(?P<month>{_MO})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_MULTI = re.compile(
    rf"\b(?:les|on|the)\s+(?P<days>\d{{1,2}}(?:er|st|nd|rd|th)?(?:\s*,\s*\d{{1,2}})*\s+"
    rf"(?:et|and|&)\s+\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MO})\b\.?"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?"
)
_MULTI_EN = re.compile(
    rf"\b(?:on\s+)?(?P<month>{_MO})\b\.?\s+(?P<days>\d{{1,2}}(?:\s*,\s*\d{{1,2}})*\s+"
    rf"(?:and|&)\s+\d{{1,2}})\b(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
_WEEKDAY = re.compile(rf"\b(?P<wd>{_WD})\b")
_WEEKDAY_NUMERIC = re.compile(
    rf"\b(?P<wd>{_WD})\s*,?\s*\(?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>(?:20)?\d\d)\b\)?"
)
_MONTH_ONLY = re.compile(
    r"\b(?:en|in|depuis|since|debut|fin|mi-|early|late|mid-?|courant)\s*(?P<month>janvier|fevrier"
    r"|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february"
    r"|march|april|june|july|august|september|october|november|december)\b"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?"
)
# (words, days from the article's "now", vague: how many days before it the day may be too)
_RELATIVE: list[tuple[re.Pattern[str], int, int | None]] = [
    (re.compile(r"\bavant-hier\b|\bday before yesterday\b"), -2, None),
    (re.compile(r"\bhier\b|\byesterday\b"), -1, None),
    # "dans la nuit", "overnight", "la nuit dernière" in a report of the day: the night
    # before it, which may have run past midnight
    (
        re.compile(
            r"\bdans la nuit\b|\bcette nuit\b|\bovernight\b|\bla nuit derniere\b"
            r"|\blast night\b"
        ),
        -1,
        0,
    ),
    (
        re.compile(
            r"\baujourd'hui\b|\bce matin\b|\bcet apres-midi\b|\bce soir\b"
            r"|\btoday\b|\bthis morning\b|\bthis afternoon\b|\btonight\b"
            r"|\bearlier today\b"
        ),
        0,
        None,
    ),
    (
        re.compile(
            r"\b(?:au cours des|ces|dans les|over the|in the) (?:dernieres |past |last )?"
            r"(?:24|vingt-quatre|48) (?:heures|hours)\b"
        ),
        0,
        1,
    ),
    (
        re.compile(
            r"\bla semaine derniere\b|\blast week\b|\bearlier this week\b"
            r"|\bdebut de semaine\b|\ben debut de semaine\b"
        ),
        -7,
        6,
    ),
]
_NEXT_TO = [  # counted from the event told just before, not from the article's date
    (
        re.compile(
            r"\bla veille\b|\bthe (?:day before|previous day|night before)\b"
            r"|\b(?:a|one) day earlier\b|\bun jour plus tot\b"
        ),
        -1,
    ),
    (re.compile(r"\ble lendemain\b|\bthe (?:next|following) day\b|\bthe day after\b"), 1),
]
_AGO = re.compile(rf"\bil y a (?P<n>{_N}) jours\b|\b(?P<m>{_N}) days ago\b")
_RANGE_BEFORE = re.compile(
    r"(?:depuis|since|a partir d[eu]|from|jusqu'(?:au|a|en)|until|till"
    r"|through|commenced|commence|commencees?|commences?|began|begun|started"
    r"|starting)\s*(?:le|la|the|on|l')?\s*$"
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:declare|declarent|indique|indiquent|annonce|annoncent|affirme"
    r"|precise|rapporte|confirme|ajoute|explique|assure|dit|said|says"
    r"|told|announced|stated|confirmed|reported|added|statement|released|publie|diffuse)"
    r"\w*\s*(?:,\s*)?"
    # "a confirmé dans la matinée de ce 26 décembre": the morning it was said
    r"(?:dans la (?:matinee|soiree|journee|nuit) (?:de |du |d'))?"
    r"(?:(?:tard|tot|late|early|on|ce|this) ){0,2}$"
)
_SPEECH_AFTER = re.compile(
    r"^\s*(?:soir|matin|after|evening|morning|night)?\s*,?\s*"
    r"(?:a |à |to )(?:l'afp|afp|reuters|l'ap|ap|la presse|journalists"
    r"|des journalistes|la television)\b"
    # "The Pentagon on Monday identified the three soldiers": the day the dead were named
    r"|^\s+(?:identified|named)\b"
)
_WAR = re.compile(
    r"\bhamas\b|\bgaza\b|\b7 octobre\b|\boctober 7\b|\b7 october\b"
    r"|\bmi-octobre\b|\bmid-october\b|\b17 octobre\b|\boct(?:ober|\.)? 17\b"
)
WAR_START = dt.date(2023, 10, 7)
CAMPAIGN_START = dt.date(2023, 10, 17)  # first attacks on US forces tied to the Gaza war
_WD_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


NOT_EVENT = ("range", "dateline", "other")  # roles never the day of the incident told


@dataclass(frozen=True)
class DateMention:
    """A date expression in one sentence; which fields are set says what it printed."""

    start: int
    end: int
    text: str
    role: str  # event | range | speech | dateline | other (the day of something else told)
    weekday: int | None = None
    days: tuple[int, ...] = ()
    month: int | None = None
    year: int | None = None
    relative: int | None = None  # days from the article's "now"
    shift: int | None = None  # days from the event told just before ("la veille": -1)
    vague: bool = False  # "in the past 24 hours", "last week", "overnight"
    spread: int = 0  # a vague one: days before its day it may also be
    late: int = 0  # a night named by its holiday: days after it may also be
    before: bool = False  # "last Tuesday", "mardi dernier": never the day it is said on

    @property
    def explicit(self) -> bool:
        return bool(self.days) and self.month is not None


@dataclass(frozen=True)
class Resolved:
    date: dt.date
    precision: str  # day | month | approximate
    note: str
    window: tuple[dt.date, dt.date] | None = None  # the days it can be, when not sure


_SPEECH_LEAD = re.compile(
    r"^\s*(?:soir|matin|evening|morning|night|afternoon)?\s*,\s*(?:[^,.;:]|(?<=\b\w)\.){0,70}?\b"
    r"(?:announced|said|stated|confirmed|told|reported|a annonce|a declare|a indique"
    r"|a confirme|a affirme|a precise|ont annonce|ont indique|ont declare|a rapporte"
    r"|ont rapporte|ont confirme|ont affirme|ont precise)\b"
)


# "the Israel-Hamas war on Oct. 7", "l'attaque du Hamas du 7 octobre": the date a war or
# its opening attack began is background, not the day of an incident told here
_WAR_DATE_BEFORE = re.compile(
    # "since Hamas's Oct. 7, 2023": the war's first day, as "since the Hamas attack of"
    r"\b(?:war|guerre|hamas|conflict|conflit)(?:'s)?\b(?:\s+[\w'-]+){0,2}?"
    r"(?:\s+(?:on|le|du|of|in|en|since|depuis))?\s*$"
)


# "une photo satellite de la base photographiée en octobre 2022": the day of the picture
_PICTURED_BEFORE = re.compile(r"\b(?:photographiee?s?|photographed|pictured)\s*(?:le|on)?\s*$")


# "entre le 24 octobre et le 2 décembre", "between Oct. 17 and Nov. 20": a period's ends
_BETWEEN_BEFORE = re.compile(
    r"\b(?:entre|between)\s*$|\b(?:entre|between)\s+(?:le\s+)?[\w.]+(?:\s+[\w.]+)?\s+(?:et|and)\s*$"
)


def _role(folded: str, start: int, end: int) -> str:
    before = folded[max(0, start - 30) : start]
    if _PICTURED_BEFORE.search(before):
        return "other"
    if _BETWEEN_BEFORE.search(before):
        return "range"
    if _RANGE_BEFORE.search(before) or _WAR_DATE_BEFORE.search(folded[max(0, start - 50) : start]):
        return "range"
    if _SPEECH_BEFORE.search(folded[max(0, start - 50) : start]) or _SPEECH_AFTER.match(
        folded[end : end + 40]
    ):
        return "speech"
    # "On Monday, the U.S. Central Command announced ...": the day it was said
    lead = bool(re.search(r"(?:^|[-–—]\s*)(?:on|le|tard)?\s*$", folded[:start]))
    if lead and _SPEECH_LEAD.match(folded[end : end + 110]):
        return "speech"
    return "event"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUM_WORDS.get(word, 0)


# (words, day, month, days after it the night may be dated): "la nuit de Noël" is the 24th
# to the 25th, "Christmas night" the 25th to the 26th: a translation leaves it unsure
_HOLIDAYS = [
    (re.compile(r"\b(?:la )?nuit de noel\b|\bchristmas night\b"), 24, 12, 1),
    (re.compile(r"\b(?:la )?veille de noel\b|\bchristmas eve\b"), 24, 12, 0),
    (
        re.compile(r"\b(?:le )?jour de noel\b|\bchristmas day\b|\ba noel\b|\bon christmas\b"),
        25,
        12,
        0,
    ),
    (re.compile(r"\b(?:le )?jour de l'an\b|\bnew year'?s day\b"), 1, 1, 0),
]


def find_dates(sentence: str) -> list[DateMention]:
    """Every date expression in `sentence`, left to right, without overlaps."""
    folded = fold(sentence)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(start: int, end: int, role: str | None = None, **printed: Any) -> None:
        """A mention of sentence[start:end]; its role read from the words around it unless
        given."""
        role = role or _role(folded, start, end)
        found.append(DateMention(start, end, sentence[start:end], role, **printed))
        taken.append((start, end))

    for m in _NIGHT_OF.finditer(folded):  # "dans la nuit de vendredi à samedi": Friday
        wd = m.group("wd") or m.group("wd2") or m.group("wd3")
        month = MONTHS[m.group("month")] if m.group("month") else None
        add(
            m.start(),
            m.end(),
            weekday=WEEKDAYS[wd] if wd else None,
            days=(int(m.group("day")),) if m.group("day") else (),
            month=month,
            year=int(m.group("year")) if m.group("year") else None,
        )
    for pattern, day, month, late in _HOLIDAYS:  # "la nuit de Noël", "on Christmas Day"
        for m in pattern.finditer(folded):
            if free(*m.span()):
                add(
                    m.start(),
                    m.end(),
                    days=(day,),
                    month=month,
                    late=late,
                )
    for pattern in (_MULTI, _MULTI_EN):
        for m in pattern.finditer(folded):
            if free(*m.span()):
                days = tuple(int(d) for d in re.findall(r"\d{1,2}", m.group("days")))
                end = (
                    m.end() - 1
                    if m.group().endswith(".")
                    and not m.group("year")
                    and m.group("month") in _FULL_MONTHS
                    else m.end()
                )
                add(
                    m.start(),
                    end,
                    days=days,
                    month=MONTHS[m.group("month")],
                    year=int(m.group("year")) if m.group("year") else None,
                )
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(folded):
            if not free(*m.span()):
                continue
            day, month = int(m.group("day")), MONTHS[m.group("month")]
            if (
                not 1 <= day <= 31
                or m.group("month") == "may"
                and pattern is _DAY_MONTH
                and not m.group("year")
            ):
                continue
            end = m.end()
            if (
                not m.group("year")
                and folded[end - 1 : end] == "."
                and m.group("month") in _FULL_MONTHS
                and m.end("month") == end - 1
            ):
                end -= 1  # the period ends the sentence, it does not abbreviate the month
            add(
                m.start(),
                end,
                weekday=WEEKDAYS[m.group("wd")] if m.group("wd") else None,
                days=(day,),
                month=month,
                year=int(m.group("year")) if m.group("year") else None,
            )
    for m in _WEEKDAY_NUMERIC.finditer(folded):
        # "Wednesday (11/8/23)": the weekday says which of day and month comes first
        if not free(*m.span()):
            continue
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        year += 2000 if year < 100 else 0
        weekday = WEEKDAYS[m["wd"]]
        read = {
            (day, month)
            for day, month in ((a, b), (b, a))
            if (d := _safe(year, month, day)) is not None and d.weekday() == weekday
        }
        if len(read) == 1:
            ((day, month),) = read
            add(m.start(), m.end(), weekday=weekday, days=(day,), month=month, year=year)
    for m in _WEEKDAY.finditer(folded):
        if free(*m.span()):
            add(
                m.start(),
                m.end(),
                weekday=WEEKDAYS[m.group("wd")],
                before=folded[max(0, m.start() - 5) : m.start()] == "last "
                or folded.startswith(" dernier", m.end()),
            )
    for pattern, offset, spread in _RELATIVE:
        for m in pattern.finditer(folded):
            if free(*m.span()):
                add(
                    m.start(),
                    m.end(),
                    # "(In today's attack) ..." inside a quotation: the day it was said
                    "speech"
                    if folded[: m.start()].count('"') % 2
                    else _role(folded, m.start(), m.end()),
                    relative=offset,
                    vague=spread is not None,
                    spread=spread or 0,
                )
    for pattern, shift in _NEXT_TO:
        for m in pattern.finditer(folded):
            if free(*m.span()):
                add(m.start(), m.end(), "event", shift=shift)
    for m in _AGO.finditer(folded):
        if free(*m.span()):
            n = _number(m.group("n") or m.group("m"))
            add(m.start(), m.end(), "event", relative=-n)
    for m in _MONTH_ONLY.finditer(folded):
        if free(*m.span()):
            role = _role(folded, m.start(), m.end())
            ranged = re.match(r"depuis|since", m.group()) or role == "range"
            add(
                m.start(),
                m.end(),
                "range" if ranged else "other" if role == "other" else "event",
                month=MONTHS[m.group("month")],
                year=int(m.group("year")) if m.group("year") else None,
            )
    that_day = _THAT_DAY.search(folded)
    if that_day:
        # "ont déclaré le 9 que la base avait été attaquée ce jour-là": the day they spoke
        # is the event's
        found = [
            replace(d, role="event") if d.role == "speech" and d.end <= that_day.start() else d
            for d in found
        ]
    return sorted(found, key=lambda d: d.start)


_THAT_DAY = re.compile(r"\b(?:ce jour-?la|le jour meme|that (?:same )?day|the same day)\b")
# "ont déclaré le 9 que la base avait été attaquée ce jour-là": a day alone, the event's
_DAY_THAT_DAY = re.compile(
    rf"\b(?:le|on the)\s+(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\b(?=[^.;]*{_THAT_DAY.pattern})"
)


# "Le 4, à Bagdad, ...", "On the 28th, ...": a chronology's entry, dated by its day alone
_DAY_ENTRY = re.compile(r"^(?:le|on the|the)\s+(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s*,\s")


def chronology_days(
    sentences: list[tuple[str, bool]], title: str | None = None
) -> dict[int, DateMention]:
    """The day-only entries of a chronology ("Le 28, ..."), by sentence index, each given
    the month (and year) of the date told before it: a heading's or the title's first date
    ("4 janvier-7 février 2024"), else the last one printed. A day before the entry just
    told is in the next month (the list goes on); a day before a printed date is in that
    date's month ("10 août ... Le 5, ...": a report looking back, not the next month)."""
    out: dict[int, DateMention] = {}
    day = month = year = None
    after_entry = False  # `day` is the previous entry's, not a printed date's
    lead = [(title, True)] if title else []
    for i, (text, heading) in enumerate(lead + sentences, start=-len(lead)):
        dates = [d for d in find_dates(text) if d.explicit]
        years = [d.year for d in dates if d.year]
        year = max(years) if years else year
        folded = fold(text)
        entry = _DAY_ENTRY.match(folded)
        that_day = None if entry else _DAY_THAT_DAY.search(folded)
        before = [d for d in dates if that_day and d.end <= that_day.start()]
        if that_day and (before or month is not None):
            # "Pékin, 10 août ... ont déclaré le 9 que ... ce jour-là": the month printed
            # last, in this sentence or before it
            entry, after_entry = that_day, False
            if before:
                day, month = before[-1].days[0], before[-1].month
            dates = [d for d in dates if d not in before]
        if entry and i >= 0 and month is not None and not (dates and dates[0].start < entry.end()):
            n = int(entry["day"])
            if after_entry and day is not None and n < day:
                month, year = (1, year + 1 if year else None) if month == 12 else (month + 1, year)
            out[i] = DateMention(
                entry.start("day"),
                entry.end("day"),
                text[entry.start() : entry.end("day")],
                "event",
                days=(n,),
                month=month,
                year=year,
            )
            if entry is not that_day:  # a day told in a sentence is no entry of a list
                day, after_entry = n, True
        elif dates:
            first = dates[0] if heading else dates[-1]
            day, month, after_entry = first.days[0], first.month, False
    return out


def war_context(text: str) -> bool:
    """The article is about the Gaza-war period (mentions Hamas, Gaza or 7 October)."""
    return bool(_WAR.search(fold(text)))


def _last_weekday(on_or_before: dt.date, weekday: int) -> dt.date:
    return on_or_before - dt.timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateContext:
    """Resolves the date mentions of one article against its publication date or its text."""

    def __init__(
        self,
        mentions: list[DateMention],
        published: dt.date | None,
        war: bool,
        today: dt.date,
        *,
        month_only: bool = False,
        loose: bool = False,
    ):
        # month_only: only the publication month is known (published is its first day);
        # loose: the publication day was read from a line of the text, which may be an
        # event's ("Date 28 January 2024" in an encyclopedia's box)
        self.loose = loose
        self.month_start = published if month_only else None
        if month_only and published is not None:
            published = (published.replace(day=28) + dt.timedelta(days=4)).replace(
                day=1
            ) - dt.timedelta(days=1)
        self.published, self.war, self.today = published, war, today
        # without a publication day, the days an undated weekday can be (low..high)
        self.low: dt.date | None = None
        self.high: dt.date = today
        self.guess_from: dt.date | None = None  # the day shown is the first on or after
        self._explicit: dict[tuple[int, int, int | None, int | None], tuple[dt.date, str]] = {}
        pinned: list[tuple[dt.date, DateMention]] = []
        # 1. explicit dates whose year is printed or pinned by a printed weekday
        for m in mentions:
            if m.explicit and (m.year or m.weekday is not None):
                resolved = self._year(m, None)
                if resolved:
                    pinned.append((resolved[0], m))
        self.pinned = pinned
        self.anchor = max((d for d, _ in pinned), default=None)
        # 2. the other explicit dates (year from publication, pinned dates or the war)
        explicit: list[dt.date] = []
        for m in mentions:
            if m.explicit:
                resolved = self._year(m, self.anchor)
                if resolved:
                    explicit.append(resolved[0])
        # 3. the article's "now"
        self.now: dt.date | None
        self.basis: str
        self.basis_note = ""
        bare = {m.weekday for m in mentions if m.weekday is not None and not m.explicit}
        if published and self.month_start is None:
            self.now, self.basis = published, "publication"
            return
        if published and self.month_start is not None:
            # published some day of that month: an undated weekday is within 6 days before
            # it (the window), and the draft shows a day of that month, never of another
            self.now, self.basis = None, "month"
            self.low, self.high = self.month_start - dt.timedelta(days=6), published
            self.guess_from = self.month_start
            self.basis_note = f"published in {_month_name(published.month)} {published.year}"
            return
        floor = max(explicit, default=None)
        why = ""
        if floor is not None:
            source = max(
                (
                    m
                    for m in mentions
                    if m.explicit
                    and self._year(m, self.anchor)
                    and self._year(m, self.anchor)[0] == floor
                ),
                key=lambda m: m.start,
                default=None,
            )
            why = f"{floor.isoformat()} ('{source.text}'" if source else floor.isoformat()
            why += ", the latest date the article prints)" if source else ""
        if war and (floor is None or floor < CAMPAIGN_START):
            floor = CAMPAIGN_START
            why = (
                "17 October 2023, when the attacks on US forces tied to the Gaza war began "
                "(the article mentions the war)"
            )
        self.basis = "inferred"
        if floor is None:
            self.now = None
            return
        # the article is published on or after every date it prints, and an undated
        # weekday is within the week before its publication; the printed dates bound the
        # window from below but are never the day a weekday counts from
        self.low = floor - dt.timedelta(days=6)
        if war:
            self.low = max(self.low, CAMPAIGN_START)
        self.guess_from = floor
        if not bare:
            self.now = max([floor, *explicit])
        else:
            now = floor
            while any(_last_weekday(now, w) < floor for w in bare):
                now += dt.timedelta(days=1)
            self.now = now
        self.now = min(self.now, today)
        self.basis_note = why

    def _year(self, m: DateMention, anchor: dt.date | None) -> tuple[dt.date, str] | None:
        """(date, how the year was found) of an explicit day-month mention (first day)."""
        key = (m.days[0], m.month or 0, m.year, m.weekday)
        cached = self._explicit.get(key)
        if cached:
            return cached
        day, month = m.days[0], m.month or 1
        result: tuple[dt.date, str] | None = None
        if m.year:
            date = _safe(m.year, month, day)
            result = (date, "the article prints the year") if date else None
        elif self.published:
            date = _safe(self.published.year, month, day)
            how = "year of publication"
            if (
                date
                and date > self.published
                and self.loose
                and ((ahead := (date - self.published).days) <= 45)
            ):
                how = (
                    f"year unknown: the year of the date line ({self.published.isoformat()}), "
                    f"though the day falls {ahead} days after it: that line may be an event's "
                    "day, not the publication's"
                )
            elif date and date > self.published:
                ahead = (date - self.published).days
                date = _safe(self.published.year - 1, month, day)
                if ahead <= 45:
                    # weeks after the publication date: the year before is far, and the
                    # date taken for the publication may be an event's ("Date: 28 January")
                    how = (
                        f"year unknown: in the publication year it would fall {ahead} days "
                        f"after the publication date ({self.published.isoformat()}), so the "
                        "year before is shown"
                    )
            result = (date, how) if date else None
        elif m.weekday is not None:
            low = WAR_START.year if self.war else self.today.year - 15
            years = [
                y
                for y in range(self.today.year, low - 1, -1)
                if (d := _safe(y, month, day))
                and d.weekday() == m.weekday
                and d <= self.today
                and (not self.war or d >= WAR_START)
            ]
            if years:
                how = f"{day} {_month_name(month)} is a {_WD_NAMES[m.weekday]} in {years[0]}"
                if len(years) > 1:
                    how += f" (also in {', '.join(str(y) for y in years[1:3])})"
                result = (dt.date(years[0], month, day), how)
        elif anchor is not None:
            # no publication date: the article may tell events after the dates it pins
            # ("on 28 January 2024 ... strikes on 2 February"), so the nearest such day
            near = [
                d
                for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                if (d := _safe(y, month, day)) and d <= self.today
            ]
            date = min(near, key=lambda d: abs((d - anchor).days)) if near else None
            result = (
                (date, f"the year nearest the other dates the article pins ({anchor.isoformat()})")
                if date
                else None
            )
        elif self.war:
            for year in range(WAR_START.year, self.today.year + 1):
                date = _safe(year, month, day)
                if date and date >= WAR_START:
                    result = (
                        date,
                        f"first {day} {_month_name(month)} after the start of the "
                        "Gaza war (7 October 2023), which the article mentions",
                    )
                    break
        else:
            # no year anywhere: the first such day of the chronology's period, flagged;
            # never a year counted from the day of the import
            for year in range(CAMPAIGN_START.year, self.today.year + 1):
                date = _safe(year, month, day)
                if date and CAMPAIGN_START <= date <= self.today:
                    result = (
                        date,
                        "year unknown: the first such day from 17 October 2023, when the "
                        "attacks this chronology records began",
                    )
                    break
        if result is not None:
            self._explicit[key] = result
        return result

    def _window(self, m: DateMention, shift: int) -> list[Resolved]:
        """A weekday or 'hier' with no publication day: every day it can be, flagged."""
        first, last = _window_of(self.low, self.high, m.weekday, shift)
        shown, _ = _window_of(self.guess_from or self.low, self.high, m.weekday, shift)
        if self.basis == "month":
            why = self.basis_note
        elif self.low is not None:
            why = "the article prints no publication date"
        else:
            why = "nothing in the article dates it"
        what = f"any {_WD_NAMES[m.weekday]}" if m.weekday is not None else "any day"
        if self.basis == "month":
            after = f"the first in {_month_name(self.high.month)}"
        elif self.guess_from:
            after = f"the first after {self.basis_note}"
        else:
            after = "the first"
        return [
            Resolved(
                shown,
                "approximate",
                f"Date unknown: '{m.text}' can be {what} from {first.isoformat()} to "
                f"{last.isoformat()} ({why}); the guess is {shown.isoformat()}, {after}. "
                "Set the date: check it (or import with --published).",
                (first, last),
            )
        ]

    def resolve(self, m: DateMention) -> list[Resolved]:
        """The day(s) a mention stands for; [] when it cannot be placed."""
        if m.explicit:
            found = self._year(m, self.anchor)
            if not found:
                return []
            first, how = found
            out = []
            note = (
                f"The article prints '{m.text}'."
                if m.year
                else f"The article prints '{m.text}'; {how}."
            )
            guessed = how.startswith(("year unknown", "first "))
            for day in m.days:
                date = _safe(first.year, m.month or 1, day)
                if date and m.late and not guessed:
                    out.append(
                        Resolved(
                            date,
                            "approximate",
                            note + " The night may be dated by its second day: check it.",
                            (date, date + dt.timedelta(days=m.late)),
                        )
                    )
                elif date:
                    out.append(
                        Resolved(
                            date,
                            "approximate" if guessed else "day",
                            note + (" Check the year." if guessed else ""),
                            (date, max(date, self.today)) if guessed else None,
                        )
                    )
            return out
        if m.weekday is not None:
            if self.now is None or self.basis == "inferred":
                same = [p for p, pm in self.pinned if pm.weekday == m.weekday]
                if self.basis == "inferred" and len(set(same)) == 1:
                    return [
                        Resolved(
                            same[0],
                            "day",
                            f"'{m.text}' is the day the article pins as "
                            f"'{next(pm.text for p, pm in self.pinned if p == same[0])}'.",
                        )
                    ]
                return self._window(m, 0)
            date = _last_weekday(self.now, m.weekday)
            on_or = "on or before"
            if m.before and date == self.now:
                date, on_or = date - dt.timedelta(days=7), "before"  # "last Tuesday", on a Tuesday
            if self.basis == "publication":
                return [
                    Resolved(
                        date,
                        "day",
                        f"'{m.text}' read as the last "
                        f"{_WD_NAMES[m.weekday]} {on_or} the publication date "
                        f"({self.now.isoformat()}).",
                    )
                ]
            same = [p for p, pm in self.pinned if p == date and pm.weekday == m.weekday]
            if same:
                return [
                    Resolved(
                        date,
                        "day",
                        f"'{m.text}' is the day the article pins as "
                        f"'{next(pm.text for p, pm in self.pinned if p == date)}'.",
                    )
                ]
            return [
                Resolved(
                    date,
                    "approximate",
                    f"No publication date: '{m.text}' is taken as the first "
                    f"{_WD_NAMES[m.weekday]} on or after {self.basis_note}; "
                    "check the date.",
                )
            ]
        if m.relative is not None:
            if self.now is None or self.basis != "publication":
                return self._window(m, m.relative)
            date = self.now + dt.timedelta(days=m.relative)
            sure = self.basis == "publication" and not m.vague
            base = (
                "the publication date"
                if self.basis == "publication"
                else "the article's inferred date"
            )
            return [
                Resolved(
                    date,
                    "day" if sure else "approximate",
                    f"'{m.text}' counted from {base} ({self.now.isoformat()})"
                    + ("." if sure else "; check the date."),
                    None if sure else (date - dt.timedelta(days=m.spread), max(date, self.now)),
                )
            ]
        if m.shift is not None:
            return []  # resolved against the previous event by the extractor
        if m.month is not None:
            ref = self.now or self.published
            if ref is None and not m.year:
                year = next(
                    y
                    for y in range(CAMPAIGN_START.year, self.today.year + 2)
                    if dt.date(y, m.month, 28) >= CAMPAIGN_START
                )
                return [
                    Resolved(
                        dt.date(year, m.month, 1),
                        "approximate",
                        f"The article only gives the month ('{m.text}') and no year; "
                        f"the first {_month_name(m.month)} from 17 October 2023. Check it.",
                        (dt.date(year, m.month, 1), self.today),
                    )
                ]
            ref = ref or self.today
            year = m.year or (ref.year if m.month <= ref.month else ref.year - 1)
            return [
                Resolved(
                    dt.date(year, m.month, 1),
                    "month",
                    f"The article only gives the month ('{m.text}').",
                )
            ]
        return []


def _window_of(
    low: dt.date | None, high: dt.date, weekday: int | None, shift: int
) -> tuple[dt.date, dt.date]:
    start = low or CAMPAIGN_START
    if weekday is not None:
        while start.weekday() != weekday:
            start += dt.timedelta(days=1)
    return start + dt.timedelta(days=shift), max(start, high) + dt.timedelta(days=min(shift, 0))


def _month_name(month: int) -> str:
    return [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][month - 1]


def parse_when(text: str | None, language: str = "en") -> dt.date | None:
    """A publication date from metadata or a dateline ('2024-08-05T18:32:00+02:00',
    'Publié le 5 août 2024 à 19h30', 'August 5, 2024'); None when it cannot be read."""
    if not text:
        return None
    text = text.strip()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", text):
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    import dateparser  # slow to import: only when a page needs it

    languages = list(dict.fromkeys([language, "fr", "en"]))
    parsed = dateparser.parse(
        text[:80],
        languages=languages,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    return parsed.date() if parsed else None
