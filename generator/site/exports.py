"""Data downloads built with the site from the same records as the pages, under /data/.

- incidents.json: every incident with everything the page shows (both languages).
- incidents.csv: one row per incident; column names follow ACLED's where they mean the same.
- incidents.geojson: RFC 7946 FeatureCollection of Points (longitude, latitude), WGS 84.

The files carry no build time, so an unchanged chronology gives byte-identical files (and the
PageWriter leaves them alone). Retracted incidents stay in the files, marked `retracted`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from generator import fields
from generator.model import Chronology, Incident, Range, default_languages
from generator.site import i18n, memo, svgmap, urls
from generator.site.incremental.signatures import Same
from generator.site.write.writer import PageWriter

FOLDER = "data"
FILES = ("incidents.json", "incidents.csv", "incidents.geojson")
LICENSE = "CC-BY-4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LIST_SEPARATOR = "; "  # joins several values in one CSV cell

# The CSV's columns, in order; what each means is the catalogs' word `column.<name>` (the
# about page's table).
COLUMNS: tuple[str, ...] = (
    "id",
    "event_date",
    "year",
    "time_precision",
    "date_note",
    "event_type",
    "sub_event_type",
    "status",
    "actor1",
    "actor1_ids",
    "assoc_actor_1",
    "country",
    "admin1",
    "location",
    "base_id",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_max",
    "injured",
    "injured_max",
    "source",
    "source_url",
    "notes",
    "notes_fr",
    "retracted",
    "responds_to",
    "url",
    "url_en",
    "casualty_note",
    "casualty_note_fr",
)

# What of a record the CSV leaves out, and why (incidents.json carries all of it): every
# other field of the incident schema has its column(s) above or is a plain field below.
NOT_IN_CSV = {
    "date_window": "an approximate date's window: the CSV gives its first day and precision",
    "related": "links between incidents other than responds_to: in incidents.json",
    "basis": "how each field was established, per field and language: in incidents.json",
    "corrections": "the dated corrections, in both languages: in incidents.json",
    "sources": "one cell per source would not hold quotes and archives: outlets and"
    " addresses are in source and source_url, the rest in incidents.json",
}


def _plain_columns(name: str, translated: bool) -> list[tuple[str, str | None]]:
    """The CSV columns of a plain field (generator.fields): (column, language of its text);
    a text in each language takes two, English under the bare name as for notes."""
    return [(name, "en"), (name + "_fr", "fr")] if translated else [(name, None)]


def columns(lang: str) -> list[tuple[str, str]]:
    """(column, meaning in `lang`) of every CSV column, in order: the about page's table."""
    out = [(name, i18n.word(lang, "column." + name)) for name in COLUMNS]
    for f in fields.shown("export"):
        meaning = i18n.word(lang, "column." + f.name)
        for column, text_lang in _plain_columns(f.name, f.translated):
            out.append((column, f"{meaning} ({text_lang})" if text_lang else meaning))
    return out


FIELDNAMES = [name for name, _ in columns("en")]


def write_all(
    chron: Chronology,
    out: PageWriter,
    settings: dict[str, Any],
    part_of: Callable[[Incident, Callable[[], Part]], Part] | None = None,
) -> None:
    """The three downloads; `part_of(incident, make)` may give an incident's part kept from
    an earlier build (generator/site/incremental/parts.py), else it is made."""
    site, langs = settings.get("SITEURL", ""), chron.languages
    if all(out.taken(f"{FOLDER}/{name}") for name in FILES):  # reused: incremental/reuse.py
        svgmap.write_layer(out, chron.region)
        return
    if not memo.memos(chron).persistent:
        # A one-shot build: each incident's part is written as it is made and let go (the
        # files of a large chronology are never all in memory).
        def made(incident: Incident) -> Part:
            return _parts(record(incident, site, langs))

        if part_of is None:
            parts = map(made, chron.incidents)
        else:
            parts = (part_of(i, lambda i=i: made(i)) for i in chron.incidents)
        with (
            out.stream(f"{FOLDER}/incidents.json") as as_json,
            out.stream(f"{FOLDER}/incidents.csv") as as_csv,
            out.stream(f"{FOLDER}/incidents.geojson") as as_geojson,
        ):
            sinks = (as_json.write, as_csv.write, as_geojson.write)
            for n, piece in _pieces(parts, len(chron.incidents), _bbox(chron.incidents), site):
                sinks[n](piece)
        svgmap.write_layer(out, chron.region)
        return
    # The live server: each incident's part of the three files is made once and kept while
    # its record is unchanged (generator/site/memo.py); the files are put together from them.
    made = memo.per_incident(chron, "exports")
    parts = [
        made.get(i, lambda i: _parts(record(i, site, langs)), site, langs) for i in chron.incidents
    ]
    files = memo.memos(chron).store("export-files")
    last = files.get(site)
    if last is None or last[0] != Same(*parts):  # else: the very same bytes objects as before
        pieces: tuple[Pieces, Pieces, Pieces] = ([], [], [])
        for n, piece in _pieces(iter(parts), len(parts), _bbox(chron.incidents), site):
            pieces[n].append(piece)
        last = files[site] = (Same(*parts), *pieces)
    out.write_kept(f"{FOLDER}/incidents.json", last[1])
    out.write_kept(f"{FOLDER}/incidents.csv", last[2])
    out.write_kept(f"{FOLDER}/incidents.geojson", last[3])
    svgmap.write_layer(out, chron.region)  # the maps' land layer: a site-wide file


# One incident's part of each file: (JSON record, CSV line, GeoJSON feature) as UTF-8 (the
# files are put together as bytes: no string of the whole file to encode).
Part = tuple[bytes, bytes, bytes]
# A file as a list of pieces, not joined: PageWriter writes them with writev() in a thread
# that releases the GIL.
Pieces = list[bytes]
JSON, CSV, GEOJSON = 0, 1, 2


def _parts(r: dict[str, Any]) -> Part:
    as_json = json.dumps(r, ensure_ascii=False, indent=1)
    line = io.StringIO()
    _csv_writer(line).writerow(row(r))
    return (
        ("  " + as_json.replace("\n", "\n  ")).encode(),  # at depth 2 of incidents.json
        line.getvalue().encode(),
        json.dumps(feature(r), ensure_ascii=False, separators=(",", ":")).encode(),
    )


def _bbox(incidents: list[Incident]) -> list[float] | None:
    """[west, south, east, north] of the incidents' points (a vague place has none)."""
    lons = [i.lon for i in incidents if i.lon is not None]  # = record()'s location
    lats = [i.lat for i in incidents if i.lat is not None]
    return [min(lons), min(lats), max(lons), max(lats)] if lons else None


def _pieces(
    parts: Iterator[Part], count: int, bbox: list[float] | None, site: str
) -> Iterator[tuple[int, bytes]]:
    """(file, piece) of the three files, in the order each file is written: the only way
    the files are made, whether streamed or kept."""
    document = {
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": site + urls.about("en"),
        "count": count,
        "incidents": [],
    }
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    if bbox is not None:
        collection["bbox"] = bbox
    collection["features"] = []
    as_json = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    as_geojson = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    header = io.StringIO()
    _csv_writer(header).writeheader()
    if not count:
        yield from ((JSON, as_json.encode()), (CSV, header.getvalue().encode()))
        yield GEOJSON, (as_geojson + "\n").encode()
        return
    # Each document with its empty list opened: the parts go in it.
    yield JSON, as_json[: -len("]\n}\n")].encode() + b"\n"
    yield CSV, header.getvalue().encode()
    yield GEOJSON, as_geojson[: -len("]}")].encode()
    for n, part in enumerate(parts):
        if n:
            yield JSON, b",\n"
            yield GEOJSON, b","
        yield JSON, part[JSON]
        yield CSV, part[CSV]
        yield GEOJSON, part[GEOJSON]
    yield JSON, b"\n ]\n}\n"
    yield GEOJSON, b"]}\n"


def _range(r: Range) -> dict[str, int | None]:
    return {"min": r.min, "max": r.max}


def record(incident: Incident, site: str = "", langs: tuple[str, ...] = ()) -> dict[str, Any]:
    """One incident as plain data: the shape of incidents.json (the other files derive from it);
    `langs`: the site's languages (the schema's default if none)."""
    langs = langs or default_languages()
    base = incident.base
    loc = incident.location
    return {
        "id": incident.id,
        "date": incident.date.isoformat(),
        "date_precision": incident.date_precision,
        "date_note": incident.date_note,
        "kind": incident.kind,
        "weapons": list(incident.weapons),
        "status": incident.status,
        "base": {"id": base.id, "name": base.name} if base else None,
        "date_window": [d.isoformat() for d in incident.date_window]
        if incident.date_window
        else None,
        "location": {
            "name": incident.place("en"),
            "names": {lang: incident.place(lang) for lang in langs},
            "admin1": incident.admin1,
            "country": incident.country,
            "latitude": incident.lat,
            "longitude": incident.lon,
            "precision": loc.precision if loc else "exact",
        },
        "killed": _range(incident.killed),
        "injured": _range(incident.injured),
        "casualty_note": incident.casualty_note,
        "claim": incident.claim_state,  # claimed | nobody (a quote says so) | unreported
        "responds_to": list(incident.responds_to),
        "related": [{"id": other, "relation": how} for other, how in incident.related],
        "basis": {
            name: {"how": b.how, "note": dict(b.note)}
            | ({"source": {"url": b.source_url, "title": b.source_title}} if b.source_title else {})
            for name, b in incident.basis.items()
        },
        "claimed_by": [{"id": a.id, "name": a.title("en")} for a in incident.claimed_by],
        "attributed_to": [{"id": a.id, "name": a.title("en")} for a in incident.attributed_to],
        "summary": dict(incident.summary),
        "sources": [
            {
                k: v
                for k, v in (
                    ("outlet", s.outlet),
                    ("publisher", s.publisher),
                    ("wire", s.wire),
                    ("title", s.title),
                    ("author", s.author),
                    ("language", s.language),
                    ("published", s.published),
                    ("url", s.url),
                    ("archive_url", s.archive_url),
                    ("quote", s.quote),
                    (
                        "quotes",
                        [{"text": q.text, "supports": list(q.supports)} for q in s.quotes]
                        if not incident.legacy
                        else None,
                    ),
                )
                if v is not None
            }
            for s in incident.sources
        ],
        "corrections": [
            {"date": c.date, "kind": c.kind, "text": dict(c.text)} for c in incident.corrections
        ],
        "retracted": (
            {"date": incident.retracted.date, "reason": dict(incident.retracted.reason)}
            if incident.retracted
            else None
        ),
        "url": {lang: site + urls.incident(incident.id, lang) for lang in langs},
    } | {f.name: incident.extra.get(f.name) for f in fields.shown("export")}


# A spreadsheet takes a cell that starts with one of these for a formula (CSV injection:
# LibreOffice evaluates "=", Excel also "+", "-", "@"; a tab or carriage return may be trimmed
# away first): such a text cell gets a leading apostrophe, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def inert(cell: str) -> str:
    """`cell` as a spreadsheet will show it as text, never evaluate it; a plain number is
    left as it is. Also when spaces come first: an import that trims them sees the rest."""
    if cell.lstrip().startswith(_FORMULA_START) or cell.startswith(_FORMULA_START):
        return cell if _NUMBER.fullmatch(cell) else "'" + cell
    return cell


def _cell(value: str | float | None) -> str | float:
    """A cell as the CSV writes it: a number stays a number (written bare, so a spreadsheet
    reads -1.5 as one: it comes from the record's numbers, never from text); text is inert."""
    if value is None:
        return ""
    return value if isinstance(value, int | float) else inert(value)


def row(r: dict[str, Any]) -> dict[str, str | float]:
    """The CSV row of one record of incidents.json, every cell inert in a spreadsheet."""
    return {column: _cell(cell) for column, cell in _row(r).items()}


def _row(r: dict[str, Any]) -> dict[str, str | float | None]:
    loc = r["location"]
    note = r["casualty_note"]
    join = LIST_SEPARATOR.join
    return {
        "id": r["id"],
        "event_date": r["date"],
        "year": int(r["date"][:4]),
        "time_precision": r["date_precision"],
        "date_note": r["date_note"],
        "event_type": r["kind"],
        "sub_event_type": join(r["weapons"]),
        "status": r["status"],
        "actor1": join(a["name"] for a in r["claimed_by"]),
        "actor1_ids": join(a["id"] for a in r["claimed_by"]),
        "assoc_actor_1": join(a["name"] for a in r["attributed_to"]),
        "country": loc["country"],
        "admin1": loc["admin1"],
        "location": loc["name"],
        "base_id": r["base"]["id"] if r["base"] else "",
        "latitude": loc["latitude"],
        "longitude": loc["longitude"],
        "geo_precision": loc["precision"],
        "fatalities": r["killed"]["min"],
        "fatalities_max": r["killed"]["max"],
        "injured": r["injured"]["min"],
        "injured_max": r["injured"]["max"],
        "source": join(s["outlet"] for s in r["sources"]),
        "source_url": join(s["url"] for s in r["sources"] if s.get("url")),
        "notes": r["summary"].get("en", ""),
        "notes_fr": r["summary"].get("fr", ""),
        "retracted": r["retracted"]["date"] if r["retracted"] else "",
        "responds_to": join(r["responds_to"]),
        "url": r["url"]["fr"],
        "url_en": r["url"]["en"],
        "casualty_note": note.get("en") if isinstance(note, dict) else note,
        "casualty_note_fr": note.get("fr") if isinstance(note, dict) else None,
    } | dict(_plain_cells(r))


def _plain_cells(r: dict[str, Any]) -> Iterator[tuple[str, str | float | None]]:
    for f in fields.shown("export"):
        value = r.get(f.name)
        for column, text_lang in _plain_columns(f.name, f.translated):
            if value is None or isinstance(value, int | float):
                yield column, value
            elif isinstance(value, list):
                yield column, LIST_SEPARATOR.join(str(x) for x in value)
            else:
                yield column, f.value(value, text_lang or "en")


def _csv_writer(buffer: io.StringIO) -> csv.DictWriter[str]:
    # Every text cell in double quotes, numbers bare: whatever separators a spreadsheet is told
    # to use (";" in French locales), a cell's text stays in its cell, so "a;=1+1" cannot
    # start a new cell with a formula.
    return csv.DictWriter(
        buffer, fieldnames=FIELDNAMES, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )


def feature(r: dict[str, Any]) -> dict[str, Any]:
    loc = r["location"]
    return {
        "type": "Feature",
        "id": r["id"],
        "geometry": {
            "type": "Point",
            "coordinates": [loc["longitude"], loc["latitude"]],  # RFC 7946: longitude first
        }
        if loc["latitude"] is not None
        else None,  # a place known only to its province or country: no point (RFC 7946 3.2)
        "properties": {
            "id": r["id"],
            "date": r["date"],
            "date_precision": r["date_precision"],
            "kind": r["kind"],
            "status": r["status"],
            "weapons": r["weapons"],
            "place": loc["name"],
            "base": r["base"]["id"] if r["base"] else None,
            "country": loc["country"],
            "admin1": loc["admin1"],
            "geo_precision": loc["precision"],
            "killed_min": r["killed"]["min"],
            "killed_max": r["killed"]["max"],
            "injured_min": r["injured"]["min"],
            "injured_max": r["injured"]["max"],
            "claimed_by": [a["id"] for a in r["claimed_by"]],
            "retracted": r["retracted"] is not None,
            "url": r["url"]["fr"],
            "url_en": r["url"]["en"],
        },
    }
