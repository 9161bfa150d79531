"""The validated model: typed, read-only records and the indexes pages are built from.

Built only from data that passed validation (generator.records.checks), so nothing here checks
input; it only gives it shape. Everything a page needs is derived here once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from generator.records.schema import schema


@cache
def default_languages() -> tuple[str, ...]:
    """The languages of a chronology that names none: the schema's default."""
    return tuple(schema("chronology").raw["properties"]["languages"]["default"])


def pick(texts: dict[str, str] | None, lang: str, fallback: str = "") -> str:
    """The text in `lang`, else in the other language, else `fallback`."""
    if not texts:
        return fallback
    return texts.get(lang) or next((t for t in texts.values() if t), fallback)


@dataclass(frozen=True, slots=True)
class Range:
    min: int | None
    max: int | None

    @property
    def known(self) -> bool:
        return self.min is not None or self.max is not None

    def label(self) -> str:
        """5 | 2+ | 2–4 | ≤3 | ? — the way a count is shown everywhere."""
        lo, hi = self.min, self.max
        if lo is None and hi is None:
            return "?"
        if lo is not None and hi is None:
            return f"{lo}+" if lo else "0+"
        if lo is None:
            return f"≤{hi}"
        return str(lo) if lo == hi else f"{lo}–{hi}"


@dataclass(frozen=True, slots=True)
class Base:
    id: str
    name: str
    names: dict[str, str]
    aliases: tuple[str, ...]
    country: str
    admin1: str | None
    lat: float
    lon: float
    description: dict[str, str]

    def title(self, lang: str) -> str:
        return pick(self.names, lang, self.name)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    names: dict[str, str]
    aliases: tuple[str, ...]
    description: dict[str, str]

    def title(self, lang: str) -> str:
        return pick(self.names, lang, self.id)


@dataclass(frozen=True, slots=True)
class Area:
    """What a map needs to draw a place known only to its province: not a position."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    admin1: str | None
    country: str
    lat: float | None  # None: known only to the province or the country (no point)
    lon: float | None
    precision: str
    names: dict[str, str] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)
    area: Area | None = None

    def title(self, lang: str) -> str:
        return pick(self.names, lang, self.name)

    def admin1_title(self, lang: str) -> str | None:
        return pick(self.admin1_names, lang, self.admin1 or "") or None

    @property
    def vague(self) -> bool:
        """Known only to the province or the country: drawn as an area, never a point."""
        return self.precision in ("admin1", "country")


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage of a source and the record fields it supports."""

    text: str
    supports: tuple[str, ...] = ()
    said_by: str | None = None


@dataclass(frozen=True, slots=True)
class Archive:
    sha256: str
    captured: str
    path: str  # relative to the content folder


@dataclass(frozen=True, slots=True)
class Basis:
    """How a field no quote states was established (generator/records/evidence.py checks them)."""

    how: str  # inferred | external | editor
    note: dict[str, str]
    source_url: str | None = None
    source_title: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    outlet: str  # the name shown: publisher, else the legacy outlet, else the wire
    language: str
    quote: str  # every passage, joined: what exports and feeds print
    title: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    published: str | None = None
    seed: str | None = None
    publisher: str | None = None
    wire: str | None = None
    quotes: tuple[Quote, ...] = ()
    archive: Archive | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    date: str
    kind: str
    text: dict[str, str]


@dataclass(frozen=True, slots=True)
class Retraction:
    date: str
    reason: dict[str, str]


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    date: dt.date
    date_precision: str
    date_note: str | None  # legacy, one language; basis["date"] is the bilingual reasoning
    kind: str
    weapons: tuple[str, ...]
    base: Base | None
    location: Location | None
    killed: Range
    injured: Range
    casualty_note: dict[str, str] | str | None  # a str is legacy input, in one language
    claimed_by: tuple[Actor, ...]
    attributed_to: tuple[Actor, ...]
    status: str
    summary: dict[str, str]  # Markdown source per language
    sources: tuple[Source, ...]
    corrections: tuple[Correction, ...]
    retracted: Retraction | None
    file: str  # path of the record, relative to the content folder
    date_window: tuple[dt.date, dt.date] | None = None
    basis: dict[str, Basis] = field(default_factory=dict)
    responds_to: tuple[str, ...] = ()
    related: tuple[tuple[str, str], ...] = ()  # (incident id, relation)
    legacy: bool = False  # its sources use the single `quote`: no per-field evidence
    # The plain fields (generator.fields: declared in the schema with `x-shown`), as the
    # record gives them: a new field needs no attribute of its own here.
    extra: dict[str, Any] = field(default_factory=dict)

    def support(self, what: str) -> list[tuple[int, int, Quote]]:
        """The passages (source number, passage number, quote), from 1, that state `what`."""
        return [
            (n, m, quote)
            for n, source in enumerate(self.sources, 1)
            for m, quote in enumerate(source.quotes, 1)
            if what in quote.supports
        ]

    @property
    def claim_state(self) -> str:
        """claimed | nobody (a quote says no one claimed it) | unreported (sources silent)."""
        if self.claimed_by:
            return "claimed"
        return "nobody" if self.support("claimed_by") else "unreported"

    def casualty_state(self, what: str) -> str:
        """range | none (a quote says none) | unknown, for killed or injured."""
        count: Range = getattr(self, what)
        if not count.known:
            return "unknown"
        return "none" if count.min == 0 and count.max == 0 else "range"

    def casualty_text(self, lang: str) -> str | None:
        note = self.casualty_note
        return pick(note, lang) if isinstance(note, dict) else note

    @property
    def month(self) -> tuple[int, int]:
        return self.date.year, self.date.month

    @property
    def lat(self) -> float | None:
        return self.base.lat if self.base else self.location.lat  # type: ignore[union-attr]

    @property
    def lon(self) -> float | None:
        return self.base.lon if self.base else self.location.lon  # type: ignore[union-attr]

    @property
    def vague(self) -> bool:
        return self.base is None and self.location is not None and self.location.vague

    @property
    def country(self) -> str:
        return self.base.country if self.base else self.location.country  # type: ignore[union-attr]

    @property
    def admin1(self) -> str | None:
        return self.base.admin1 if self.base else self.location.admin1  # type: ignore[union-attr]

    def place(self, lang: str) -> str:
        return self.base.title(lang) if self.base else self.location.title(lang)  # type: ignore[union-attr]

    def admin1_title(self, lang: str) -> str | None:
        return self.base.admin1 if self.base else self.location.admin1_title(lang)  # type: ignore[union-attr]

    def short_place(self) -> str:
        return self.base.name if self.base else self.location.name  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class Statement:
    """An aggregate figure reported by a source ("at least 78 attacks since 17 October")."""

    id: str
    date: dt.date
    date_precision: str
    date_note: str | None
    text: dict[str, str]
    sources: tuple[Source, ...]
    tally: Tally | None = None
    date_basis: Basis | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    """A statement as a count: `count` attacks (or strikes) `bound` (exactly, at-least,
    more-than) since `since`, counted by `counted_by` (an actor id, or 'source')."""

    kind: str
    count: int
    bound: str
    counted_by: str
    since: dt.date | None = None
    countries: tuple[str, ...] = ()


Ring = tuple[tuple[float, float], ...]  # (lon, lat) points of one closed outline


@dataclass(frozen=True)
class Region:
    """What the maps draw (chronology.yaml `region`): the view, the country outlines and where
    the overview writes country names; the chronology's own countries are shaded darker.
    Without a region: the whole world, no land drawn."""

    bbox: tuple[float, float, float, float] = (-180.0, -60.0, 180.0, 85.0)  # W, S, E, N
    countries: tuple[str, ...] = ()  # chronology.yaml `countries`
    labels: tuple[tuple[str, float, float], ...] = ()  # (code, lon, lat)
    credit: tuple[tuple[str, str], ...] = ()  # (lang, text): who made the outlines
    digest: str = ""  # of the outline file: regions with equal fields draw the same land
    outlines: dict[str, tuple[Ring, ...]] = field(default_factory=dict, compare=False)


@dataclass
class Chronology:
    """Every record, sorted oldest first, with the groupings the pages need."""

    incidents: list[Incident]
    bases: dict[str, Base]
    actors: dict[str, Actor]
    statements: list[Statement] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    region: Region = field(default_factory=Region)

    def __post_init__(self) -> None:
        self.incidents.sort(key=lambda i: (i.date, i.id))
        self.statements.sort(key=lambda s: (s.date, s.id))
        self.position = {incident.id: n for n, incident in enumerate(self.incidents)}

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The site's languages (chronology.yaml); the first is the default, at the root."""
        return tuple(self.settings.get("languages") or default_languages())

    @cached_property
    def counted(self) -> list[Incident]:
        """Incidents that count: a retracted record keeps its page but leaves every tally."""
        return [i for i in self.incidents if i.retracted is None]

    def neighbours(self, incident: Incident) -> tuple[Incident | None, Incident | None]:
        n = self.position[incident.id]
        before = self.incidents[n - 1] if n > 0 else None
        after = self.incidents[n + 1] if n + 1 < len(self.incidents) else None
        return before, after

    @cached_property
    def by_month(self) -> dict[tuple[int, int], list[Incident]]:
        return _group(self.incidents, lambda i: [i.month])

    @cached_property
    def by_year(self) -> dict[int, list[Incident]]:
        return _group(self.incidents, lambda i: [i.date.year])

    @cached_property
    def by_base(self) -> dict[str, list[Incident]]:
        return _group(self.incidents, lambda i: [i.base.id] if i.base else [])

    @cached_property
    def by_actor(self) -> dict[str, list[Incident]]:
        return _group(
            self.incidents,
            lambda i: list(dict.fromkeys(a.id for a in i.claimed_by + i.attributed_to)),
        )

    @cached_property
    def by_weapon(self) -> dict[str, list[Incident]]:
        return _group(self.incidents, lambda i: list(i.weapons))

    @cached_property
    def responses(self) -> dict[str, list[Incident]]:
        """Attack id -> the strikes that answer it (their responds_to), oldest first."""
        out: dict[str, list[Incident]] = defaultdict(list)
        for incident in self.incidents:
            for target in incident.responds_to:
                out[target].append(incident)
        return dict(out)

    @cached_property
    def links(self) -> dict[str, list[tuple[str, Incident]]]:
        """Incident id -> (relation, other incident) of every typed link, seen from both ends:
        responds_to / response-to-this, and `related` both ways."""
        by_id = {i.id: i for i in self.incidents}
        out: dict[str, list[tuple[str, Incident]]] = defaultdict(list)
        for incident in self.incidents:
            for target in incident.responds_to:
                if target in by_id:
                    out[incident.id].append(("responds-to", by_id[target]))
                    out[target].append(("drew-response", incident))
            for other, relation in incident.related:
                if other in by_id:
                    out[incident.id].append((relation, by_id[other]))
                    out[other].append((relation + ".reverse", incident))
        return dict(out)

    @cached_property
    def months(self) -> list[tuple[int, int]]:
        """Every month of the covered period (chronology.yaml `covers`, else the first to the
        last record or statement), with or without documented incidents."""
        covers = self.settings.get("covers") or {}
        days = [i.date for i in self.incidents] + [s.date for s in self.statements]
        if "from" in covers:
            days.append(dt.date.fromisoformat(covers["from"]))
        if "to" in covers:
            days.append(dt.date.fromisoformat(covers["to"]))
        if not days:
            return []
        first = dt.date.fromisoformat(covers["from"]) if "from" in covers else min(days)
        last = dt.date.fromisoformat(covers["to"]) if "to" in covers else max(days)
        first, last = min(first, min(days)), max(last, max(days))
        out = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    @cached_property
    def tallies(self) -> list[Statement]:
        """Statements that give a count, oldest first."""
        return [s for s in self.statements if s.tally is not None]

    def tally_span(self, statement: Statement) -> tuple[dt.date, dt.date]:
        """The days a tally counts: from its `since` (else the chronology's start) to its date."""
        tally = statement.tally
        start = self.settings.get("start") or (self.settings.get("covers") or {}).get("from")
        first = (tally.since if tally and tally.since else None) or (
            dt.date.fromisoformat(start) if start else statement.date
        )
        return first, statement.date

    def tallies_for(self, year: int, month: int) -> list[Statement]:
        """The tallies whose span overlaps the month: what the sources report for it."""
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return [
            s
            for s in self.tallies
            if self.tally_span(s)[0] <= last and self.tally_span(s)[1] >= first
        ]

    def documented_in(self, statement: Statement) -> int:
        """How many counted incidents of the tally's kind (and countries) fall in its span."""
        tally = statement.tally
        assert tally is not None
        first, last = self.tally_span(statement)
        return sum(
            1
            for i in self.counted
            if i.kind == tally.kind
            and first <= i.date <= last
            and (not tally.countries or i.country in tally.countries)
        )

    @cached_property
    def statements_by_month(self) -> dict[tuple[int, int], list[Statement]]:
        out: dict[tuple[int, int], list[Statement]] = defaultdict(list)
        for statement in self.statements:
            out[statement.date.year, statement.date.month].append(statement)
        return dict(out)


def _group(incidents: list[Incident], keys: Any) -> dict[Any, list[Incident]]:
    out: dict[Any, list[Incident]] = defaultdict(list)
    for incident in incidents:
        for key in keys(incident):
            out[key].append(incident)
    return dict(sorted(out.items()))


def count(incidents: list[Incident], attribute: str) -> dict[str, int]:
    """How many counted incidents have each value of `attribute` (kind, status, weapons)."""
    tally: dict[str, int] = defaultdict(int)
    for incident in incidents:
        if incident.retracted is not None:
            continue
        value = getattr(incident, attribute)
        for item in value if isinstance(value, tuple) else (value,):
            tally[item] += 1
    return dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
