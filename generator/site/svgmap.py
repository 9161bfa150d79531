"""Maps drawn at build time as SVG: no tile server, no script, no request outside the site.

The land is one static layer (`region.svg`, written once per build beside the stylesheet)
drawn from Natural Earth country outlines vendored in data/region.json; each page draws only
its own markers over it, in the same coordinates, so a page carries a few hundred bytes of map
rather than the outlines. The view is fixed (VIEW): a page's markers never move when other
records change, so pages that are not re-rendered stay aligned with the layer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.model import Chronology, Incident
from generator.site import i18n, urls

DATA = Path(__file__).with_name("data") / "region.json"
VIEW = (34.5, 29.0, 48.5, 38.0)  # west, south, east, north (degrees)
WIDTH = 700
LAYER_URL = "/theme/region.svg"  # written by write_layer(), under the output folder
LAYER_FILE = "theme/region.svg"

_WEST, _SOUTH, _EAST, _NORTH = VIEW
_COS = math.cos(math.radians((_SOUTH + _NORTH) / 2))
_K = WIDTH / ((_EAST - _WEST) * _COS)
HEIGHT = round((_NORTH - _SOUTH) * _K)

# Country labels: (code, lon, lat) where the name is written on the overview map.
LABELS = (
    ("IQ", 43.4, 32.6),
    ("SY", 38.4, 35.3),
    ("JO", 36.9, 30.6),
    ("IR", 47.3, 34.4),
    ("TR", 38.0, 37.75),
    ("SA", 41.5, 29.6),
    ("KW", 47.6, 29.35),
    ("LB", 35.3, 34.3),
)
FOCUS = ("IQ", "SY")  # drawn a shade darker: the chronology's two countries


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, scaled at the view's middle latitude: fine at this scale."""
    return (lon - _WEST) * _COS * _K, (_NORTH - lat) * _K


def inside(lon: float, lat: float) -> bool:
    return _WEST <= lon <= _EAST and _SOUTH <= lat <= _NORTH


def _clamped(lon: float, lat: float) -> tuple[float, float]:
    x, y = project(lon, lat)
    return min(max(x, 4.0), WIDTH - 4.0), min(max(y, 4.0), HEIGHT - 4.0)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["countries"]


@lru_cache(maxsize=64)
def country_path(code: str) -> str:
    """SVG path data of one country's outline, in map coordinates ('' if not vendored)."""
    parts = []
    for ring in _countries().get(code, {}).get("rings", []):
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def layer() -> str:
    """The standalone SVG of land and borders, shared by every map of the site."""
    shapes = []
    for code in _countries():
        css = "f" if code in FOCUS else "l"
        shapes.append(f'<path class="{css}" d="{country_path(code)}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">'
        "<style>.l{fill:#e9e6df}.f{fill:#ddd6c8}path{stroke:#fff;stroke-width:1.2;"
        "stroke-linejoin:round}</style>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#cfe3ef"/>' + "".join(shapes) + "</svg>\n"
    )


def write_layer(out) -> None:  # type: ignore[no-untyped-def]
    out.write(LAYER_FILE, layer())


# --- markers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marker:
    lon: float
    lat: float
    label: str  # accessible name and tooltip
    href: str | None
    count: int = 0  # shown inside the marker when > 0
    css: str = "base"  # base | place | vague | here
    radius: float = 5.0


def radius(count: int) -> float:
    return round(6 + 2.6 * math.log2(max(count, 1)), 1)


def _marker(m: Marker) -> str:
    x, y = _clamped(m.lon, m.lat)
    shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{m.radius}"/>'
    if m.count:
        size = 11 if m.count < 100 else 9
        shape += f'<text x="{x:.1f}" y="{y + size * 0.36:.1f}" font-size="{size}">{m.count}</text>'
    title = f"<title>{escape(m.label)}</title>"
    if m.href:
        return f'<a class="{m.css}" href={quoteattr(m.href)}>{title}{shape}</a>'
    return f'<g class="{m.css}">{title}{shape}</g>'


def _labels(lang: str, size: int) -> str:
    return "".join(
        f'<text class="country" x="{x:.0f}" y="{y:.0f}" font-size="{size}">'
        f"{escape(i18n.country(lang, code))}</text>"
        for code, x, y in ((c, *project(lon, lat)) for c, lon, lat in LABELS)
    )


def svg(
    markers: Iterable[Marker],
    lang: str,
    *,
    title: str,
    site: str = "",
    css: str = "map",
    ident: str = "map",
    extra: str = "",
    label_size: int = 13,
) -> str:
    """An inline <svg>: the shared land layer, country names, then the markers on top."""
    body = "".join(_marker(m) for m in markers)
    return (
        f'<svg class="{css}" viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{ident}-title" '
        f'role="group" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<image href="{escape(site + LAYER_URL)}" width="{WIDTH}" height="{HEIGHT}"/>'
        f'{extra}<g aria-hidden="true">{_labels(lang, label_size)}</g>{body}</svg>'
    )


# --- the maps of the site --------------------------------------------------------------------


def _n(lang: str, n: int) -> str:
    return f"{n} {i18n.word(lang, 'incident' if n == 1 else 'incidents')}"


def overview_markers(
    chron: Chronology, lang: str, link: Callable[[str], str]
) -> tuple[list[Marker], list[dict]]:
    """Markers for every base (with its count) and every place struck outside a base.

    Places are grouped by coordinates: a place with one incident links to it, a
    place with several links to its entry in the list of places on the bases page.
    Returns the markers (largest first, so small ones stay clickable on top) and the places.
    """
    markers = []
    for base_id, members in chron.by_base.items():
        counted = sum(1 for i in members if i.retracted is None)
        if not counted:
            continue
        base = chron.bases[base_id]
        markers.append(
            Marker(
                base.lon,
                base.lat,
                f"{base.title(lang)}{i18n.word(lang, 'colon')}{_n(lang, counted)}",
                link(urls.base(base_id, lang)),
                counted,
                "base",
                radius(counted),
            )
        )
    places = place_groups(chron)
    for n, place in enumerate(places, 1):
        members = place["incidents"]
        vague = place["precision"] in ("admin1", "country")
        href = (
            link(urls.incident(members[0].id, lang))
            if len(members) == 1
            else link(urls.bases(lang)) + f"#place-{n}"
        )
        markers.append(
            Marker(
                place["lon"],
                place["lat"],
                f"{place['name']}{i18n.word(lang, 'colon')}{_n(lang, len(members))}"
                + (f" ({i18n.word(lang, 'location.precision.' + place['precision'])})"),
                href,
                len(members) if len(members) > 1 else 0,
                "vague" if vague else "place",
                radius(len(members)) if len(members) > 1 else 5.0,
            )
        )
    markers.sort(key=lambda m: -m.radius)
    return markers, places


NEAR = 0.1  # degrees (about 10 km): places closer than this share one marker


def place_groups(chron: Chronology) -> list[dict]:
    """Incidents outside any base, grouped by place, each group's incidents newest first.

    Records naming the same place share a group even when their coordinates differ a little
    (each source places it its own way); groups closer than NEAR with the same precision are
    merged, so one spot named two ways gets one marker. A group sits at its members' mean
    position and keeps every name. Computed once per build.
    """
    cached = chron.__dict__.get("_place_groups")
    if cached is not None:
        return cached
    named: dict[tuple, list[Incident]] = {}
    for incident in chron.counted:
        if incident.base is None and incident.location is not None:
            loc = incident.location
            named.setdefault((loc.name, loc.country, loc.precision), []).append(incident)
    merged: list[dict] = []
    grid: dict[tuple, list[dict]] = {}  # cells of NEAR degrees -> groups there
    for (name, country, precision), members in sorted(named.items(), key=lambda kv: -len(kv[1])):
        lat = sum(i.location.lat for i in members) / len(members)  # type: ignore[union-attr]
        lon = sum(i.location.lon for i in members) / len(members)  # type: ignore[union-attr]
        cell = (int(lat // NEAR), int(lon // NEAR))
        near = [
            g
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for g in grid.get((cell[0] + dy, cell[1] + dx), [])
            if g["precision"] == precision
            and abs(g["lat"] - lat) < NEAR
            and abs(g["lon"] - lon) < NEAR
        ]
        if near:
            group = near[0]
            group["names"].append(name)
            group["incidents"] += members
            continue
        group = {
            "names": [name],
            "country": country,
            "lat": lat,
            "lon": lon,
            "precision": precision,
            "incidents": list(members),
        }
        merged.append(group)
        grid.setdefault(cell, []).append(group)
    for group in merged:
        group["incidents"].sort(key=lambda i: (i.date, i.id), reverse=True)
        group["name"] = " / ".join(group["names"])
    merged.sort(key=lambda g: (-len(g["incidents"]), g["name"]))
    chron.__dict__["_place_groups"] = merged
    return merged


def overview(chron: Chronology, lang: str, site: str = "", ident: str = "map") -> str:
    """The map of the bases and strike locations, computed once per build and language."""
    key = ("_overview_map", lang, site, ident)
    cached = chron.__dict__.get(key)
    if cached is None:
        markers, _ = overview_markers(chron, lang, lambda path: site + path)
        cached = chron.__dict__[key] = svg(
            markers, lang, title=i18n.word(lang, "map_title"), site=site, ident=ident
        )
    return cached


@lru_cache(maxsize=1024)
def locator(
    lon: float,
    lat: float,
    label: str,
    lang: str,
    *,
    precision: str = "exact",
    country: str | None = None,
    site: str = "",
) -> str:
    """A small map with one place on it; a vague place is drawn as what is known of it.
    Cached: every incident at a base has the same map (10,000 incidents, 40 bases)."""
    extra = ""
    if precision == "country" and country and country_path(country):
        extra = f'<path class="area" d="{country_path(country)}"/>'
        markers = [Marker(lon, lat, label, None, 0, "here vague", 9.0)]
    elif precision == "admin1":
        markers = [Marker(lon, lat, label, None, 0, "here vague", 40.0)]
    elif precision == "approximate":
        markers = [Marker(lon, lat, label, None, 0, "here approx", 14.0)]
    else:
        markers = [Marker(lon, lat, label, None, 0, "here", 12.0)]
    return svg(
        markers,
        lang,
        title=f"{i18n.word(lang, 'map')}{i18n.word(lang, 'colon')}{label}",
        site=site,
        css="map map-small",
        ident="locator",
        extra=extra,
        label_size=24,
    )


def incident_locator(incident: Incident, lang: str, site: str = "") -> str:
    if incident.base is not None:
        return locator(
            incident.base.lon, incident.base.lat, incident.base.title(lang), lang, site=site
        )
    loc = incident.location
    assert loc is not None
    return locator(
        loc.lon, loc.lat, loc.name, lang, precision=loc.precision, country=loc.country, site=site
    )
