"""Maps drawn at build time as SVG: no tile server, no script, no request outside the site.

The land is one static layer (`region.svg`, written once per build beside the stylesheet)
drawn from the country outlines of the chronology's region (chronology.yaml `region`, read
into generator.model.Region); each page draws only its own markers over it, in the same
coordinates, so a page carries a few hundred bytes of map rather than the outlines. The view
is the region's fixed box: a page's markers never move when other records change, so pages
that are not re-rendered stay aligned with the layer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from generator.model import Chronology, Incident, Location, Region
from generator.site import i18n, urls
from generator.site.memo import model_cache

WIDTH = 700
LAYER_URL = "/theme/region.svg"  # written by write_layer(), under the output folder
LAYER_FILE = "theme/region.svg"


@dataclass(frozen=True)
class Frame:
    """A region's map coordinates: equirectangular, scaled at the view's middle latitude
    (fine at the scale of a few countries), WIDTH pixels wide."""

    west: float
    south: float
    east: float
    north: float
    cos: float
    k: float  # pixels per degree of latitude
    height: int


@lru_cache(maxsize=8)
def frame(region: Region) -> Frame:
    west, south, east, north = region.bbox
    cos = math.cos(math.radians((south + north) / 2))
    k = WIDTH / ((east - west) * cos)
    return Frame(west, south, east, north, cos, k, round((north - south) * k))


def project(region: Region, lon: float, lat: float) -> tuple[float, float]:
    f = frame(region)
    return (lon - f.west) * f.cos * f.k, (f.north - lat) * f.k


def inside(region: Region, lon: float, lat: float) -> bool:
    f = frame(region)
    return f.west <= lon <= f.east and f.south <= lat <= f.north


def _clamped(region: Region, lon: float, lat: float) -> tuple[float, float]:
    x, y = project(region, lon, lat)
    return min(max(x, 4.0), WIDTH - 4.0), min(max(y, 4.0), frame(region).height - 4.0)


@lru_cache(maxsize=256)
def country_path(region: Region, code: str) -> str:
    """SVG path data of one country's outline, in map coordinates ('' if not in the file)."""
    parts = []
    for ring in region.outlines.get(code, ()):
        points = [project(region, lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=8)
def layer(region: Region) -> str:
    """The standalone SVG of land and borders, shared by every map of the site."""
    width, height = WIDTH, frame(region).height
    shapes = []
    for code in region.outlines:
        css = "f" if code in region.countries else "l"
        shapes.append(f'<path class="{css}" d="{country_path(region, code)}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        "<style>.l{fill:#e9e6df}.f{fill:#ddd6c8}path{stroke:#fff;stroke-width:1.2;"
        "stroke-linejoin:round}</style>"
        f'<rect width="{width}" height="{height}" fill="#cfe3ef"/>' + "".join(shapes) + "</svg>\n"
    )


@lru_cache(maxsize=256)
def country_anchor(region: Region, code: str) -> tuple[float, float]:
    """(lon, lat) of the middle of a country's largest outline: where a place known only to
    the country is marked "somewhere in ..." (never a position of the incident)."""
    f = frame(region)
    middle = ((f.west + f.east) / 2, (f.south + f.north) / 2)
    rings = region.outlines.get(code) or ((middle,),)
    ring = max(rings, key=len)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def anchor(region: Region, loc: Location) -> tuple[float, float]:
    """Where a map draws a place: its point, its province's area, or its country's middle."""
    if loc.lat is not None and loc.lon is not None:
        return loc.lon, loc.lat
    if loc.area is not None:
        return loc.area.lon, loc.area.lat
    return country_anchor(region, loc.country)


def somewhere(lang: str, loc: Location) -> str:
    """'somewhere in Kirkuk province' / 'quelque part en Irak': what a vague marker says."""
    if loc.precision == "admin1":
        where = loc.admin1_title(lang) or loc.title(lang)
        return i18n.word(lang, "somewhere_in_admin1").format(where)
    return i18n.word(lang, "somewhere_in_country").format(i18n.country_in(lang, loc.country))


def km_to_px(region: Region, km: float) -> float:
    return km / 111.2 * frame(region).k  # one degree of latitude is about 111.2 km


def write_layer(out, region: Region) -> None:  # type: ignore[no-untyped-def]
    out.write(LAYER_FILE, layer(region))


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
    text: str = ""  # a visible label beside the marker ("somewhere in ...")


def radius(count: int) -> float:
    return round(6 + 2.6 * math.log2(max(count, 1)), 1)


def _marker(region: Region, m: Marker) -> str:
    x, y = _clamped(region, m.lon, m.lat)
    shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{m.radius}"/>'
    if m.count:
        size = 11 if m.count < 100 else 9
        shape += f'<text x="{x:.1f}" y="{y + size * 0.36:.1f}" font-size="{size}">{m.count}</text>'
    # "somewhere in ...", written on the map beside the marker (not inside its link)
    where = (
        f'<text class="where" x="{x:.1f}" y="{y - m.radius - 4:.1f}" aria-hidden="true">'
        f"{escape(m.text)}</text>"
        if m.text
        else ""
    )
    title = f"<title>{escape(m.label)}</title>"
    if m.href:
        return f'<a class="{m.css}" href={quoteattr(m.href)}>{title}{shape}</a>{where}'
    return f'<g class="{m.css}">{title}{shape}</g>{where}'


def _labels(region: Region, lang: str, size: int) -> str:
    return "".join(
        f'<text class="country" x="{x:.0f}" y="{y:.0f}" font-size="{size}">'
        f"{escape(i18n.country(lang, code))}</text>"
        for code, x, y in ((c, *project(region, lon, lat)) for c, lon, lat in region.labels)
    )


def svg(
    region: Region,
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
    body = "".join(_marker(region, m) for m in markers)
    width, height = WIDTH, frame(region).height
    return (
        f'<svg class="{css}" viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title" '
        f'role="group" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<image href="{escape(site + LAYER_URL)}" width="{width}" height="{height}"/>'
        f'{extra}<g aria-hidden="true">{_labels(region, lang, label_size)}</g>{body}</svg>'
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
        where = somewhere(lang, members[0].location) if vague else ""
        markers.append(
            Marker(
                place["lon"],
                place["lat"],
                f"{where or place['titles'][lang]}{i18n.word(lang, 'colon')}"
                f"{_n(lang, len(members))}"
                + (f" ({i18n.word(lang, 'location.precision.' + place['precision'])})"),
                href,
                len(members) if len(members) > 1 else 0,
                "vague" if vague else "place",
                max(radius(len(members)), 9.0)
                if vague
                else radius(len(members))
                if len(members) > 1
                else 5.0,
                where,
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
    return model_cache(chron).once("place-groups", lambda: _place_groups(chron))


def _place_groups(chron: Chronology) -> list[dict]:
    named: dict[tuple, list[Incident]] = {}
    for incident in chron.counted:
        if incident.base is None and incident.location is not None:
            loc = incident.location
            # A vague place is grouped by what is known of it (the province, the country),
            # not by the editor's wording.
            name = loc.admin1 or loc.name if loc.precision == "admin1" else loc.name
            if loc.precision == "country":
                name = ""
            named.setdefault((name, loc.country, loc.precision), []).append(incident)
    merged: list[dict] = []
    grid: dict[tuple, list[dict]] = {}  # cells of NEAR degrees -> groups there
    for (name, country, precision), members in sorted(named.items(), key=lambda kv: -len(kv[1])):
        points = [anchor(chron.region, i.location) for i in members]  # type: ignore[arg-type]
        lat = sum(p[1] for p in points) / len(points)
        lon = sum(p[0] for p in points) / len(points)
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
        group["titles"] = {
            lang: somewhere(lang, group["incidents"][0].location)
            if precision_is_vague(group["precision"])
            else " / ".join(
                next(i.place(lang) for i in group["incidents"] if i.location.name == name)
                for name in group["names"]
            )
            for lang in chron.languages
        }
        group["name"] = group["titles"][urls.DEFAULT_LANG]
    merged.sort(key=lambda g: (-len(g["incidents"]), g["name"]))
    return merged


def precision_is_vague(precision: str) -> bool:
    return precision in ("admin1", "country")


def overview(chron: Chronology, lang: str, site: str = "", ident: str = "map") -> str:
    """The map of the bases and strike locations, computed once per build and language."""

    def draw() -> str:
        markers, _ = overview_markers(chron, lang, lambda path: site + path)
        return svg(
            chron.region, markers, lang, title=i18n.word(lang, "map_title"), site=site, ident=ident
        )

    return model_cache(chron).once(("overview-map", lang, site, ident), draw)


@lru_cache(maxsize=1024)
def locator(
    region: Region,
    lon: float,
    lat: float,
    label: str,
    lang: str,
    *,
    precision: str = "exact",
    country: str | None = None,
    site: str = "",
    radius_px: float = 40.0,
    text: str = "",
) -> str:
    """A small map with one place on it; a vague place is drawn as what is known of it: the
    country shaded, or the province's circle, with "somewhere in ..." written on it and no
    point. Cached: every incident at a base has the same map (10,000 incidents, 40 bases)."""
    extra = ""
    if precision == "country" and country and country_path(region, country):
        extra = f'<path class="area" d="{country_path(region, country)}"/>'
        markers = [Marker(lon, lat, label, None, 0, "here vague country", 0.0, text)]
    elif precision == "admin1":
        markers = [Marker(lon, lat, label, None, 0, "here vague", radius_px, text)]
    elif precision == "approximate":
        markers = [Marker(lon, lat, label, None, 0, "here approx", 14.0)]
    else:
        markers = [Marker(lon, lat, label, None, 0, "here", 12.0)]
    return svg(
        region,
        markers,
        lang,
        title=f"{i18n.word(lang, 'map')}{i18n.word(lang, 'colon')}{label}",
        site=site,
        css="map map-small",
        ident="locator",
        extra=extra,
        label_size=24,
    )


def incident_locator(region: Region, incident: Incident, lang: str, site: str = "") -> str:
    if incident.base is not None:
        return locator(
            region, incident.base.lon, incident.base.lat, incident.base.title(lang), lang, site=site
        )
    loc = incident.location
    assert loc is not None
    lon, lat = anchor(region, loc)
    vague = precision_is_vague(loc.precision)
    return locator(
        region,
        lon,
        lat,
        somewhere(lang, loc) if vague else loc.title(lang),
        lang,
        precision=loc.precision,
        country=loc.country,
        site=site,
        radius_px=round(km_to_px(region, loc.area.radius_km), 1) if loc.area else 40.0,
        text=somewhere(lang, loc) if vague else "",
    )
