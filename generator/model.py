"""The validated model: typed, read-only records and the indexes pages are built from.

Built only from data that passed validation (generator.validate), so nothing here checks
input; it only gives it shape. Everything a page needs is derived here once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

LANGS = ("fr", "en")


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
class Location:
    name: str
    admin1: str | None
    country: str
    lat: float
    lon: float
    precision: str


@dataclass(frozen=True, slots=True)
class Source:
    outlet: str
    language: str
    quote: str
    title: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    published: str | None = None
    seed: str | None = None


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
    date_note: str | None
    kind: str
    weapons: tuple[str, ...]
    base: Base | None
    location: Location | None
    killed: Range
    injured: Range
    casualty_note: str | None
    claimed_by: tuple[Actor, ...]
    attributed_to: tuple[Actor, ...]
    status: str
    summary: dict[str, str]  # Markdown source per language
    sources: tuple[Source, ...]
    corrections: tuple[Correction, ...]
    retracted: Retraction | None
    file: str  # path of the record, relative to the content folder

    @property
    def month(self) -> tuple[int, int]:
        return self.date.year, self.date.month

    @property
    def lat(self) -> float:
        return self.base.lat if self.base else self.location.lat  # type: ignore[union-attr]

    @property
    def lon(self) -> float:
        return self.base.lon if self.base else self.location.lon  # type: ignore[union-attr]

    @property
    def country(self) -> str:
        return self.base.country if self.base else self.location.country  # type: ignore[union-attr]

    @property
    def admin1(self) -> str | None:
        return self.base.admin1 if self.base else self.location.admin1  # type: ignore[union-attr]

    def place(self, lang: str) -> str:
        return self.base.title(lang) if self.base else self.location.name  # type: ignore[union-attr]

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


@dataclass
class Chronology:
    """Every record, sorted oldest first, with the groupings the pages need."""

    incidents: list[Incident]
    bases: dict[str, Base]
    actors: dict[str, Actor]
    statements: list[Statement] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.incidents.sort(key=lambda i: (i.date, i.id))
        self.statements.sort(key=lambda s: (s.date, s.id))
        self.position = {incident.id: n for n, incident in enumerate(self.incidents)}

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
