"""Names of bases, actors and places, and where they occur in a sentence.

Bases and actors come from the content folder (bases.yaml, actors.yaml: the editors'
gazetteer, aliases included); countries, provinces, cities and regions from places.yaml
next to this module. Matching is on folded tokens (accents, case, Arabic articles,
transliteration: "Aïn Al-Assad (Ain)" = "Ain al-Asad"); actors also on crude stems, in
any order within a short window ("factions armées irakiennes proches de l'Iran" is an
alias of "factions pro-iraniennes").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.importer.fold import STOPWORDS, fold, name_tokens, slug, stem
from generator.records.loader import MAX_BYTES_LIST, load_file

PLACES_FILE = Path(__file__).with_name("places.yaml")
DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"
_BBOX = {
    "IQ": (29.1, 37.4, 38.8, 48.6),
    "SY": (32.3, 37.3, 35.7, 42.4),
    "JO": (29.2, 33.4, 34.9, 39.3),
}
_DIRS = {  # folded word -> (code, fr, en adjective, en noun)
    "nord": ("n", "Nord", "northern", "north"),
    "north": ("n", "Nord", "northern", "north"),
    "sud": ("s", "Sud", "southern", "south"),
    "south": ("s", "Sud", "southern", "south"),
    "est": ("e", "Est", "eastern", "east"),
    "east": ("e", "Est", "eastern", "east"),
    "ouest": ("w", "Ouest", "western", "west"),
    "west": ("w", "Ouest", "western", "west"),
    "nord-est": ("ne", "Nord-est", "northeastern", "northeast"),
    "northeast": ("ne", "Nord-est", "northeastern", "northeast"),
    "north-east": ("ne", "Nord-est", "northeastern", "northeast"),
    "nord-ouest": ("nw", "Nord-ouest", "northwestern", "northwest"),
    "northwest": ("nw", "Nord-ouest", "northwestern", "northwest"),
    "north-west": ("nw", "Nord-ouest", "northwestern", "northwest"),
    "sud-est": ("se", "Sud-est", "southeastern", "southeast"),
    "southeast": ("se", "Sud-est", "southeastern", "southeast"),
    "south-east": ("se", "Sud-est", "southeastern", "southeast"),
    "sud-ouest": ("sw", "Sud-ouest", "southwestern", "southwest"),
    "southwest": ("sw", "Sud-ouest", "southwestern", "southwest"),
    "south-west": ("sw", "Sud-ouest", "southwestern", "southwest"),
    "centre": ("c", "Centre", "central", "centre"),
    "central": ("c", "Centre", "central", "centre"),
}
_DIR_WORDS = "|".join(sorted(_DIRS, key=len, reverse=True))
_DIR_FR = re.compile(
    rf"(?:\b(?:au|le|du|dans le|dans l'|l'|vers le|vers l')\s*)"
    rf"(?P<dir>{_DIR_WORDS})"
    r"\s+(?:de la|de l'|du|des|de|d')\s*"
    r"(?:capitale(?: irakienne| syrienne| jordanienne)?,?\s+)?$"  # "au sud de la capitale Bagdad"
)
_DIR_EN = re.compile(
    rf"\b(?P<dir>{_DIR_WORDS})(?P<ern>ern)?\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?:iraqi |syrian |jordanian )?capital,?\s+)?$"  # "south of the Iraqi capital, Baghdad"
)
_PROVINCE_BEFORE = re.compile(
    r"(?:province|gouvernorat|governorate|region|wilaya)\s+(?:de la|de l'"
    r"|du|de|d'|of)?\s*$"
)
_PROVINCE_AFTER = re.compile(r"^\s*(?:province|governorate)\b")
_OFFSET = {
    "n": (0.3, 0),
    "s": (-0.3, 0),
    "e": (0, 0.35),
    "w": (0, -0.35),
    "ne": (0.2, 0.25),
    "nw": (0.2, -0.25),
    "se": (-0.2, 0.25),
    "sw": (-0.2, -0.25),
    "c": (0, 0),
}
_COUNTRY_OF = {
    "IQ": ("l'Irak", "Iraq"),
    "SY": ("la Syrie", "Syria"),
    "JO": ("la Jordanie", "Jordan"),
}
_COUNTRY_ADJ_FR = {"IQ": "irakien", "SY": "syrien", "JO": "jordanien"}


@dataclass(frozen=True)
class Place:
    """Where an incident happened: a base of the gazetteer, or a location."""

    level: int  # 5 base, 4 city, 3 place near a city, 2 admin1 or region, 1 country
    country: str
    lat: float
    lon: float
    precision: str  # exact | approximate | admin1 | country
    name_fr: str
    name_en: str
    slug: str
    base: str | None = None
    admin1: str | None = None  # canonical (French) name of the province
    admin1_set: tuple[str, ...] = ()  # provinces of a region
    direction: str | None = None  # n, s, e, w, ... for "l'ouest de l'Irak"
    in_scope: bool = True

    def key(self) -> str:
        return self.base or self.slug


@dataclass(frozen=True)
class Found:
    what: Any
    start: int
    end: int


@dataclass
class _Entry:
    tokens: tuple[str, ...]
    target: Any
    proper: bool  # a one-word name must be capitalised in the text


@dataclass
class Gazetteer:
    bases: dict[str, dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    _base_entries: list[_Entry] = field(default_factory=list)
    _place_entries: list[_Entry] = field(default_factory=list)
    _actor_entries: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    admin1: dict[str, dict[str, Any]] = field(default_factory=dict)  # folded name -> entry

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, content: Path | None = None) -> Gazetteer:
        return _load(Path(content or DEFAULT_CONTENT).resolve())

    def _index(self, places: dict[str, Any]) -> None:
        for base_id, base in self.bases.items():
            names = {base["name"], *base.get("aliases", []), *base.get("names", {}).values()}
            for name in names:
                self._add(self._base_entries, str(name), base_id)
        for country in places["countries"]:
            self.countries[country["code"]] = country
            for name in {country["fr"], country["en"], *country.get("aliases", [])}:
                self._add(self._place_entries, name, ("country", country))
        for entry in places["admin1"]:
            self.admin1[_fkey(entry["fr"])] = entry
            for name in {entry["fr"], entry["en"], *entry.get("aliases", [])}:
                self.admin1.setdefault(_fkey(name), entry)
                self._add(self._place_entries, name, ("admin1", entry))
        for entry in places["cities"]:
            for name in {entry["fr"], entry["en"], *entry.get("aliases", [])}:
                self._add(self._place_entries, name, ("city", entry))
        for entry in places["regions"]:
            for name in {entry["fr"], entry["en"], *entry.get("aliases", [])}:
                self._add(self._place_entries, name, ("region", entry))
        for actor_id, actor in self.actors.items():
            names = {*actor.get("names", {}).values(), *actor.get("aliases", [])}
            if actor.get("name"):
                names.add(actor["name"])
            for name in names:
                stems = tuple(actor_stems(str(name)))
                if stems:
                    self._actor_entries.append((stems, actor_id))

    @staticmethod
    def _add(entries: list[_Entry], name: str, target: Any) -> None:
        tokens = tuple(t for t, _, _ in name_tokens(name))
        if tokens:
            entries.append(_Entry(tokens, target, proper=len(tokens) == 1))

    # -- matching --------------------------------------------------------------------------
    @staticmethod
    def _scan(text: str, entries: list[_Entry]) -> list[Found]:
        tokens = name_tokens(text)
        words = [t for t, _, _ in tokens]
        by_first: dict[str, list[_Entry]] = {}
        for entry in entries:
            by_first.setdefault(entry.tokens[0], []).append(entry)
        rank = {"city": 0, "region": 1, "admin1": 2, "country": 3}
        hits: list[tuple[int, int, int, _Entry]] = []
        for i, word in enumerate(words):
            for entry in by_first.get(word, ()):
                n = len(entry.tokens)
                if tuple(words[i : i + n]) == entry.tokens:
                    kind = entry.target[0] if isinstance(entry.target, tuple) else ""
                    hits.append((-n, rank.get(kind, 0), i, entry))
        found: list[Found] = []
        for minus_n, _, i, entry in sorted(hits, key=lambda h: (h[0], h[1], h[2])):
            start, end = tokens[i][1], tokens[i - minus_n - 1][2]
            if entry.proper and not text[start].isupper():
                continue
            if any(not (end <= f.start or start >= f.end) for f in found):
                continue
            found.append(Found(entry.target, start, end))
        return sorted(found, key=lambda f: f.start)

    def bases_in(self, text: str) -> list[Found]:
        """Bases named in `text` (Found.what is the base id)."""
        return self._scan(text, self._base_entries)

    def places_in(self, text: str) -> list[Found]:
        """Bases and other places named in `text` (Found.what is a Place)."""
        out = [Found(self.base_place(f.what), f.start, f.end) for f in self.bases_in(text)]
        folded = fold(text)
        for f in self._scan(text, self._place_entries):
            if any(not (f.end <= o.start or f.start >= o.end) for o in out):
                continue
            kind, entry = f.what
            before, after = folded[max(0, f.start - 40) : f.start], folded[f.end : f.end + 20]
            if kind == "city" and (_PROVINCE_BEFORE.search(before) or _PROVINCE_AFTER.match(after)):
                admin = self.admin1.get(_fkey(entry["admin1"]))
                kind, entry = ("admin1", admin) if admin else (kind, entry)
            place = self._place(kind, entry)
            start = f.start
            if kind in ("country", "city") and place.in_scope:
                direction = _DIR_FR.search(before) or _DIR_EN.search(before)
                if direction:
                    start = f.start - (len(before) - direction.start())
                    place = self._directional(
                        place, kind, direction.group("dir"), text[start : f.end]
                    )
            if kind == "admin1":
                province = _PROVINCE_BEFORE.search(before)
                if province:
                    start = f.start - (len(before) - province.start())
            out.append(Found(place, start, f.end))
        return sorted(out, key=lambda f: f.start)

    def actors_in(self, text: str) -> list[Found]:
        """Actors named in `text`, by id; stems may come in any order within a short window."""
        stems = actor_stem_spans(text)
        words = [s for s, _, _ in stems]
        # every match first, then the tightest (fewest words between its stems) win, longest
        # first among equals: a loose match must not swallow the next name
        # ("des factions pro-Iran, la Résistance islamique en Irak" is two actors)
        candidates: list[tuple[int, int, int, int, str]] = []
        for entry, actor_id in self._actor_entries:
            n = len(entry)
            window = n + (2 if n > 1 else 0)
            for i in range(len(words)):
                if words[i] not in entry:
                    continue
                span = words[i : i + window]
                if n == 1:
                    if words[i] != entry[0]:
                        continue
                    last = i
                elif not set(entry) <= set(span) or words[i] != _first(entry, span):
                    continue
                else:
                    last = i + max(span.index(t) for t in entry)
                gaps = last - i + 1 - n
                candidates.append((gaps, -n, stems[i][1], stems[last][2], actor_id))
        found: list[Found] = []
        for _, _, start, end, actor_id in sorted(candidates):
            if any(not (end <= f.start or start >= f.end) for f in found):
                continue
            found.append(Found(actor_id, start, end))
        return sorted(found, key=lambda f: f.start)

    # -- places ----------------------------------------------------------------------------
    def base_place(self, base_id: str) -> Place:
        base = self.bases[base_id]
        names = base.get("names", {})
        admin = self.admin1.get(_fkey(base.get("admin1") or ""))
        return Place(
            5,
            base["country"],
            base["lat"],
            base["lon"],
            "exact",
            names.get("fr", base["name"]),
            names.get("en", base["name"]),
            base_id,
            base=base_id,
            admin1=admin["fr"] if admin else base.get("admin1"),
        )

    def _place(self, kind: str, entry: dict[str, Any]) -> Place:
        if kind == "country":
            return self.country_place(entry["code"])
        if kind == "admin1":
            country = entry["country"]
            fr_of = (
                f"de {entry['fr']}"
                if entry["fr"][0].lower() not in "aeiouy"
                else f"d'{entry['fr']}"
            )
            return Place(
                2,
                country,
                entry["lat"],
                entry["lon"],
                "admin1",
                f"Province {fr_of}",
                f"{entry['en']} province",
                slug(entry["en"]),
                admin1=entry["fr"],
            )
        if kind == "region":
            return Place(
                2,
                entry["country"],
                entry["lat"],
                entry["lon"],
                "admin1",
                entry["fr"],
                entry["en"],
                slug(entry["en"]),
                admin1=None,
                admin1_set=tuple(entry.get("admin1", ())),
            )
        admin = self.admin1.get(_fkey(entry["admin1"]))
        return Place(
            4,
            entry["country"],
            entry["lat"],
            entry["lon"],
            "approximate",
            entry["fr"],
            entry["en"],
            slug(entry["en"]),
            admin1=admin["fr"] if admin else entry["admin1"],
        )

    def country_place(self, code: str) -> Place:
        entry = self.countries.get(code, {"fr": code, "en": code, "lat": 0.0, "lon": 0.0})
        return Place(
            1,
            code,
            entry["lat"],
            entry["lon"],
            "country",
            f"{entry['fr']} (lieu non précisé)",
            f"{entry['en']} (unspecified location)",
            slug(entry["en"]),
            in_scope=entry.get("in_scope", True),
        )

    def _directional(self, place: Place, kind: str, word: str, phrase: str) -> Place:
        """'l'ouest de l'Irak', 'north of Kirkuk': the place moved in that direction."""
        code, fr, en_adj, en_noun = _DIRS[word]
        if kind == "country":
            lat_min, lat_max, lon_min, lon_max = _BBOX.get(
                place.country, (place.lat - 2, place.lat + 2, place.lon - 2, place.lon + 2)
            )
            lat = (
                (lat_min + lat_max) / 2
                + ((lat_max - lat_min) * 0.3 if "n" in code else 0)
                - ((lat_max - lat_min) * 0.3 if "s" in code else 0)
            )
            lon = (
                (lon_min + lon_max) / 2
                + ((lon_max - lon_min) * 0.3 if "e" in code else 0)
                - ((lon_max - lon_min) * 0.3 if "w" in code else 0)
            )
            fr_country, en_country = _COUNTRY_OF.get(place.country, (place.name_fr, place.name_en))
            return replace(
                place,
                level=2,
                lat=round(lat, 2),
                lon=round(lon, 2),
                name_fr=f"{fr} de {fr_country}",
                name_en=f"{en_adj.capitalize()} {en_country}",
                slug=slug(f"{en_adj} {en_country}"),
                direction=code,
            )
        dlat, dlon = _OFFSET[code]
        of = "d'" if fold(place.name_fr[:1]) in "aeiouy" else "de "
        name_fr = f"Au {fr.lower()} {of}{place.name_fr}"
        return replace(
            place,
            level=3,
            lat=round(place.lat + dlat, 2),
            lon=round(place.lon + dlon, 2),
            precision="approximate",
            name_fr=name_fr,
            name_en=f"{en_noun.capitalize()} of {place.name_en}",
            slug=slug(f"{en_noun} of {place.name_en}"),
            # "northern Kirkuk", "le nord de Kirkouk" are in it; "north of", "au nord de" may not be
            admin1=place.admin1 if _INSIDE.search(fold(phrase)) else None,
        )

    def admin1_place(self, name: str) -> Place | None:
        """The province of that name (any spelling), as a place."""
        entry = self.admin1.get(_fkey(name))
        return self._place("admin1", entry) if entry else None

    def admin1_key(self, name: str | None) -> str | None:
        """The canonical province name for any spelling ('Kirkuk' -> 'Kirkouk')."""
        if not name:
            return None
        entry = self.admin1.get(_fkey(name))
        return entry["fr"] if entry else name


def compatible(a: Place, b: Place) -> bool:
    """Could two place mentions be the same incident's place?"""
    if a.country != b.country:
        return False
    if a.base and b.base:
        return a.base == b.base
    # the wider first; of two at one level, the direction ("l'est de la Syrie" holds the
    # province of Deir Ezzor, either way round)
    lo, hi = (a, b) if (a.level, not a.direction) <= (b.level, not b.direction) else (b, a)
    if lo.level == 1:
        return True
    if lo.direction:  # "l'ouest de l'Irak"
        if hi.direction:
            return hi.direction == lo.direction
        return _in_direction(hi, lo)
    if lo.admin1_set:  # a region
        return hi.admin1 in lo.admin1_set or hi.admin1_set == lo.admin1_set
    if lo.level == 2:  # a province
        return hi.admin1 == lo.admin1 or _km(hi, lo) < 60 and hi.admin1 is None
    return _km(hi, lo) < 60


def within(a: Place, b: Place, km: float) -> bool:
    """Are two places' points less than `km` apart?"""
    return _km(a, b) < km


def closeness(a: Place, b: Place) -> float:
    """Higher when two compatible places are closer (to pick between candidates)."""
    return -_km(a, b) + (1000 if a.base and a.base == b.base else 0)


_INSIDE = re.compile(
    r"\b(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?\s+(?!of\b)[a-z]"
    r"|\b(?:dans le|le|du) (?:nord|sud|centre)(?:-(?:est|ouest))? d|\b(?:dans l'|l')(?:est|ouest) d"
)


def _in_direction(place: Place, region: Place) -> bool:
    box = _BBOX.get(region.country)
    if not box:
        return True
    lat_mid, lon_mid = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
    code = region.direction or ""
    ok = True
    if "n" in code:
        ok &= place.lat > lat_mid - 0.3
    if "s" in code:
        ok &= place.lat < lat_mid + 0.3
    if "e" in code:
        ok &= place.lon > lon_mid - 0.3
    if "w" in code:
        ok &= place.lon < lon_mid + 0.3
    return ok


def _km(a: Place, b: Place) -> float:
    lat = math.radians((a.lat + b.lat) / 2)
    dy = (a.lat - b.lat) * 111.0
    dx = (a.lon - b.lon) * 111.0 * math.cos(lat)
    return math.hypot(dx, dy)


def _fkey(name: str) -> str:
    return " ".join(t for t, _, _ in name_tokens(name))


def _first(entry: tuple[str, ...], span: list[str]) -> str:
    return min((span.index(t), t) for t in entry)[1]


_PRO_IRAN = [  # ways of saying pro-Iran, normalised before actor matching
    (
        re.compile(
            r"\b(?:proches?|lies?|liees?|soutenue?s?|alignee?s?|affiliee?s?|fideles?"
            r"|inféodée?s?|backed|aligned|linked|allied|supported|loyal)\s+(?:a|de|par|sur"
            r"|to|by|with)\s+(?:l')?(?:iran|teheran)\b"
        ),
        "pro-iran",
    ),
    (
        re.compile(r"\b(?:iran|iranian|tehran)-(?:backed|aligned|linked|allied|supported)\b"),
        "pro-iran",
    ),
]


def actor_stem_spans(text: str) -> list[tuple[str, int, int]]:
    folded = fold(text)
    for pattern, repl in _PRO_IRAN:
        folded = pattern.sub(lambda m, r=repl: r.ljust(len(m.group())), folded)
    out = []
    for match in re.finditer(r"[^\W_]+", folded):
        token = match.group()
        if token in STOPWORDS or len(token) == 1:
            continue
        out.append((stem(token), match.start(), match.end()))
    return out


def actor_stems(text: str) -> list[str]:
    return [s for s, _, _ in actor_stem_spans(text)]


@cache
def _load(content: Path) -> Gazetteer:
    def read(name: str) -> list[dict[str, Any]]:
        path = content / name
        if not path.exists():
            path = DEFAULT_CONTENT / name
        data, _, problems = load_file(path, MAX_BYTES_LIST)
        return data if not problems and isinstance(data, list) else []

    bases = {b["id"]: b for b in read("bases.yaml") if isinstance(b, dict) and "id" in b}
    actors = {a["id"]: a for a in read("actors.yaml") if isinstance(a, dict) and "id" in a}
    gazetteer = Gazetteer(bases, actors)
    gazetteer._index(yaml.safe_load(PLACES_FILE.read_text("utf-8")))
    return gazetteer
