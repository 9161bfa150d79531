"""The data files under /data/: built from the same records as the pages, and well formed."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from generator.records.checks import load_chronology
from generator.site import exports

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chron():  # type: ignore[no-untyped-def]
    return load_chronology(ROOT / "content")


@pytest.fixture(scope="module")
def document(real_site: Path) -> dict:
    return json.loads((real_site / "data" / "incidents.json").read_text(encoding="utf-8"))


def test_json_has_every_incident_with_its_evidence(document, chron):  # type: ignore[no-untyped-def]
    assert document["license"] == "CC-BY-4.0"
    records = document["incidents"]
    assert document["count"] == len(records) == len(chron.incidents)
    assert [r["id"] for r in records] == [i.id for i in chron.incidents]
    for record, incident in zip(records, chron.incidents, strict=True):
        assert record["date"] == incident.date.isoformat()
        assert record["kind"] == incident.kind and record["status"] == incident.status
        assert record["summary"] == incident.summary
        assert [s["quote"] for s in record["sources"]] == [s.quote for s in incident.sources]
        assert record["location"]["latitude"] == incident.lat
        assert record["location"]["longitude"] == incident.lon
        assert record["killed"] == {"min": incident.killed.min, "max": incident.killed.max}
        assert record["url"] == {
            "fr": f"/incidents/{incident.id}/",
            "en": f"/en/incidents/{incident.id}/",
        }


def test_csv_round_trips_to_the_same_records(real_site: Path, document):  # type: ignore[no-untyped-def]
    text = (real_site / "data" / "incidents.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == exports.FIELDNAMES
    rows = list(reader)
    records = document["incidents"]
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row == {name: str(cell) for name, cell in exports.row(record).items()}
        # ... and back to the record's values, with nothing lost in the text
        assert row["id"] == record["id"]
        assert row["event_date"] == record["date"] and int(row["year"]) == int(record["date"][:4])
        # a place known only to its province or country has no point: empty cells
        assert (float(row["latitude"]) if row["latitude"] else None) == record["location"][
            "latitude"
        ]
        assert (float(row["longitude"]) if row["longitude"] else None) == record["location"][
            "longitude"
        ]
        killed = record["killed"]["min"]
        assert (int(row["fatalities"]) if row["fatalities"] else None) == killed
        assert row["sub_event_type"].split("; ") == record["weapons"]
        assert (
            row["notes"] == record["summary"]["en"] and row["notes_fr"] == record["summary"]["fr"]
        )
        claimants = [a["name"] for a in record["claimed_by"]]
        assert (row["actor1"].split("; ") if row["actor1"] else []) == claimants


def test_csv_keeps_acled_names_where_they_mean_the_same() -> None:
    for name in (
        "event_date",
        "year",
        "event_type",
        "sub_event_type",
        "actor1",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ):
        assert name in exports.FIELDNAMES


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def test_geojson_is_an_rfc7946_feature_collection(real_site: Path, document):  # type: ignore[no-untyped-def]
    collection = json.loads((real_site / "data" / "incidents.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 §4: WGS 84 only, no crs member
    features = collection["features"]
    assert len(features) == len(document["incidents"])
    west, south, east, north = collection["bbox"]
    assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90
    for feature, record in zip(features, document["incidents"], strict=True):
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str) and feature["id"] == record["id"]
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if record["location"]["latitude"] is None:  # known only to its province or country
            assert geometry is None  # RFC 7946 §3.2: an unlocated feature
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]  # RFC 7946 §3.1.1: longitude, then latitude
        assert _is_number(lon) and _is_number(lat)
        assert (lon, lat) == (record["location"]["longitude"], record["location"]["latitude"])
        assert west <= lon <= east and south <= lat <= north
    # Longitude first: Aïn al-Assad lies at 42.4°E, 33.8°N.
    ain = next(f for f in features if f["properties"]["base"] == "ain-al-asad")
    assert ain["geometry"]["coordinates"] == [42.4412, 33.7856]


def test_exports_carry_no_build_time(chron, tmp_path: Path) -> None:
    """Same records, same bytes: an unchanged chronology leaves the files untouched."""
    from generator.site.write.writer import PageWriter

    out = PageWriter(tmp_path)
    exports.write_all(chron, out, {})
    again = PageWriter(tmp_path)
    exports.write_all(chron, again, {})
    assert again.written == [] and again.unchanged == len(out.written)
