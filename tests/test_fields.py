"""Each field and vocabulary is declared once (generator/fields.py reads the incident schema).

The main test works as a maintainer adding a field would: in a temporary copy of the
project it changes only the schema, the catalogs and one record, builds the site with the
copy's own (unchanged) code, and finds the field on the incident page, in the list rows,
in incidents.json and in incidents.csv; then it edits the field under the live server's way
of rebuilding and compares that output with a clean build, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from generator import fields
from generator.editing import new
from generator.model import Incident
from generator.records.schema import schema
from generator.site import exports

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = schema("incident").raw["properties"]

# The schema's fields the model holds under other names (the rest are attributes by name).
MODELLED_AS = {"casualties": ("killed", "injured", "casualty_note"), "weapons": ("weapons",)}
# The CSV columns of each field the CSV carries (exports.NOT_IN_CSV says why the rest is not).
CSV_CARRIES = {
    "id": ("id",),
    "date": ("event_date", "year"),
    "date_precision": ("time_precision",),
    "date_note": ("date_note",),
    "kind": ("event_type",),
    "weapons": ("sub_event_type",),
    "base": ("base_id", "location", "latitude", "longitude"),
    "location": ("location", "admin1", "country", "latitude", "longitude", "geo_precision"),
    "casualties": (
        "fatalities",
        "fatalities_max",
        "injured",
        "injured_max",
        "casualty_note",
        "casualty_note_fr",
    ),
    "claimed_by": ("actor1", "actor1_ids"),
    "attributed_to": ("assoc_actor_1",),
    "status": ("status",),
    "responds_to": ("responds_to",),
    "summary": ("notes", "notes_fr"),
    "retracted": ("retracted",),
}


def test_every_schema_field_reaches_the_model_and_the_csv_or_says_why_not() -> None:
    attributes = set(Incident.__dataclass_fields__)
    plain = {f.name for f in fields.plain()}
    for name in PROPERTIES:
        held = MODELLED_AS.get(name, (name,))
        assert name in plain or set(held) <= attributes, f"{name}: not in the model"
        if name in plain:
            continue
        assert (name in CSV_CARRIES) != (name in exports.NOT_IN_CSV), (
            f"{name}: the CSV must carry it or exports.NOT_IN_CSV say why not (not both)"
        )
        for column in CSV_CARRIES.get(name, ()):
            assert column in exports.FIELDNAMES, column


def test_the_vocabularies_are_the_schema_s_own() -> None:
    assert new.kinds() == fields.vocabulary("kind") == tuple(PROPERTIES["kind"]["enum"])
    assert tuple(PROPERTIES["status"]["enum"]) == new.statuses()
    assert "reported" in new.statuses()  # the copy this replaced had lost it
    assert tuple(PROPERTIES["weapons"]["items"]["enum"]) == new.weapons()
    precisions = PROPERTIES["location"]["properties"]["precision"]["enum"]
    assert tuple(precisions) == new.precisions()
    from generator.importer import lexicon, summaries

    # The importer's phrases are per weapon of the vocabulary, never of another list.
    assert {name for name, _ in lexicon.WEAPONS} <= set(new.weapons())
    for table in (v for v in vars(summaries).values() if isinstance(v, dict)):
        if set(table) & set(new.weapons()):
            assert set(table) <= set(new.weapons()) | {"default"}, sorted(table)


def test_a_new_skeleton_offers_every_status_and_weapon_of_the_schema() -> None:
    draft = new.Draft(
        date=dt.date(2024, 1, 2),
        kind="attack",
        place=new.Place(base_id="ain-al-asad"),
        source=new.Source(outlet="AFP", quote="Une attaque."),
    )
    text = new.render(draft, "2024-01-02-ain-al-asad-attack")
    assert " | ".join(new.statuses()) in text
    offered = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert all(w in offered for w in new.weapons())


# --- a made-up field, in a temporary copy of the project ---------------------------------

FIELD = "weather"
LABELS = {"fr": "Météo", "en": "Weather"}
MEANINGS = {"fr": "le temps qu'il faisait", "en": "the weather at the time"}
VALUE = {"fr": "vent de sable", "en": "sandstorm"}
EDITED = {"fr": "ciel clair", "en": "clear sky"}

# Builds in the copy, with the copy's code: a live state kept across an edit of the field,
# then a clean build of the same content (the comparison of tests/test_incremental.py).
DRIVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator.build import run_pelican, settings_for
    from generator.site.incremental import BuildState

    content, live, clean, record, edited = map(Path, sys.argv[1:6])
    state = BuildState()
    live.mkdir(parents=True)
    run_pelican(settings_for(content, live, CHRONOLOGY_STATE=state))
    (live.parent / "first").mkdir()
    run_pelican(settings_for(content, live.parent / "first", CHRONOLOGY_STATE=BuildState()))
    record.write_text(edited.read_text("utf-8"), "utf-8")
    run_pelican(settings_for(content, live, CHRONOLOGY_STATE=state))
    clean.mkdir()
    run_pelican(settings_for(content, clean, CHRONOLOGY_STATE=BuildState(),
                             CHRONOLOGY_CACHE=False, CHRONOLOGY_PUBLISHED=str(live)))
    """
)


def _add_catalog_words(copy: Path) -> None:
    """The field's words in each catalog (locale/<lang>/LC_MESSAGES/messages.po)."""
    for lang in LABELS:
        po = copy / "locale" / lang / "LC_MESSAGES" / "messages.po"
        with po.open("a", encoding="utf-8") as out:
            for key, text in ((f"field.{FIELD}", LABELS), (f"column.{FIELD}", MEANINGS)):
                out.write(f'\nmsgid "{key}"\nmsgstr "{text[lang]}"\n')


def _project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".cache", "_data")
    for name in ("generator", "templates", "content", "seeds", "locale"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, copy / name, ignore=skip)
    shutil.copy(ROOT / "pelican.conf.py", copy)
    return copy


def _with_field(text: str, value: dict[str, str]) -> str:
    block = f"{FIELD}:\n  fr: {value['fr']}\n  en: {value['en']}\n"
    return text.replace("\nsummary:", "\n" + block + "summary:", 1)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_made_up_field_is_one_schema_entry_and_its_words(tmp_path: Path) -> None:
    copy = _project_copy(tmp_path)
    incident_schema = copy / "content" / "schema" / "incident.schema.json"
    raw = json.loads(incident_schema.read_text("utf-8"))
    raw["properties"][FIELD] = {
        "$ref": "#/$defs/bilingual",
        "description": "The weather at the time, in French and English.",
        "x-shown": ["page", "list", "export"],
    }
    incident_schema.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    _add_catalog_words(copy)
    record = copy / "content" / "incidents" / "2023" / "2023-10-18-ain-al-asad-attack.yaml"
    record.write_text(_with_field(record.read_text("utf-8"), VALUE), "utf-8")
    edited = tmp_path / "edited.yaml"
    text = record.read_text("utf-8")
    edited.write_text(text.replace(VALUE["en"], EDITED["en"]).replace(VALUE["fr"], EDITED["fr"]))
    env = {**os.environ, "PYTHONPATH": str(copy)}
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            DRIVER,
            str(copy / "content"),
            str(out / "live"),
            str(out / "clean"),
            str(record),
            str(edited),
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    first = out / "first"
    page = BeautifulSoup(
        (first / "en/incidents/2023-10-18-ain-al-asad-attack/index.html").read_text("utf-8"),
        "html.parser",
    )
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select("dl.facts dt")
    }
    assert facts.get("Weather") == "sandstorm"
    french = BeautifulSoup(
        (first / "incidents/2023-10-18-ain-al-asad-attack/index.html").read_text("utf-8"),
        "html.parser",
    )
    assert "vent de sable" in french.select_one("dl.facts").get_text()
    month = BeautifulSoup((first / "en/2023/10/index.html").read_text("utf-8"), "html.parser")
    rows = [li.get_text(" ", strip=True) for li in month.select("li.incident")]
    assert any("Weather: sandstorm" in row for row in rows), rows
    data = json.loads((first / "data/incidents.json").read_text("utf-8"))
    by_id = {r["id"]: r for r in data["incidents"]}
    assert by_id["2023-10-18-ain-al-asad-attack"][FIELD] == VALUE
    with (first / "data/incidents.csv").open(encoding="utf-8", newline="") as f:
        table = {r["id"]: r for r in csv.DictReader(f)}
    assert table["2023-10-18-ain-al-asad-attack"][FIELD] == "sandstorm"
    assert table["2023-10-18-ain-al-asad-attack"][FIELD + "_fr"] == "vent de sable"
    about = (first / "en/about/index.html").read_text("utf-8")
    assert MEANINGS["en"] in about  # the CSV column's meaning, from the catalog

    live, clean = _snapshot(out / "live"), _snapshot(out / "clean")
    differ = sorted(k for k in set(live) | set(clean) if live.get(k) != clean.get(k))
    assert not differ, f"the live rebuild after the edit differs from a clean build: {differ}"
    assert b"clear sky" in live["en/2023/10/index.html"]
