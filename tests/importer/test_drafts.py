"""Writing drafts: valid records, idempotent runs, citations added without touching a byte."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from generator.importer.drafts import MergeError, append_source, render
from generator.importer.published import option
from generator.importer.run import import_files
from generator.records.checks import load_chronology
from generator.records.loader import parse

from .conftest import FIXTURES, ROOT, snapshot

HAND_MADE = """\
# yaml-language-server: $schema=../../schema/incident.schema.json
# Checked by Claire on 2023-12-08 against the Centcom statement.
id:   2023-12-06-ain-al-asad-attack   # the id is the file name
date: 2023-12-06
date_precision: day
kind: attack
base: ain-al-asad
weapons: [drone]
casualties:
  killed: {min: 0, max: 0}
  injured: {min: 0, max: 0}
claimed_by: [islamic-resistance-in-iraq]
status: confirmed
summary:
  fr: "Attaque de drone contre Aïn al-Assad, sans victime."
  en: 'Drone attack on Ain al-Asad, no casualties.'
sources:
    -   outlet: Reuters   # wire copy
        language: en
        url: https://www.reuters.com/example/ain-al-asad-2023-12-06
        quote: >-
          A drone attack targeted Ain al-Asad air base on Wednesday,
          causing no casualties.
    # keep the Reuters item first
corrections:
  - date: 2023-12-08
    kind: update
    text: {fr: "Revendication ajoutée.", en: "Claim added."}
"""


def seeds_of(project: Path) -> list[Path]:
    return sorted((project / "seeds").glob("*.txt"))


def test_seeds_into_an_empty_folder_pass_the_collection_validator(project: Path) -> None:
    out = project / "content" / "incidents"
    results = import_files(seeds_of(project), out)
    assert all(r.error is None for r in results)
    written = sorted(out.rglob("*.yaml"))
    outcomes = [o for r in results for o in r.outcomes]
    assert len(written) == sum(o.action == "new" for o in outcomes) >= 10
    # a draft held back is only ever a possible duplicate of one already written
    assert all(
        o.message.startswith("looks like this record") for o in outcomes if o.action == "skipped"
    )
    chronology = load_chronology(project / "content")
    assert len(chronology.incidents) == len(written)
    first = written[0].read_text("utf-8").splitlines()
    assert first[0] == "# yaml-language-server: $schema=" + relative_schema(
        written[0], ROOT / "content" / "schema" / "incident.schema.json"
    )
    assert first[1] == "# draft from chronology import: review every field"
    for path in written:
        source = parse(path.read_text("utf-8"))["sources"][0]
        assert source["seed"].endswith(".txt") and source["language"] == "fr"


def test_modeline_is_relative_inside_a_content_folder(project: Path) -> None:
    shutil.copytree(ROOT / "content" / "schema", project / "content" / "schema")
    out = project / "content" / "incidents"
    import_files(seeds_of(project)[:1], out)
    first = next(out.rglob("*.yaml")).read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/incident.schema.json"


def relative_schema(record: Path, schema: Path) -> str:
    return Path(os.path.relpath(schema.resolve(), record.parent.resolve())).as_posix()


def test_modeline_outside_a_content_folder_is_relative_to_the_project_schema(
    project: Path,
) -> None:
    """`chronology import --out DIR` with DIR elsewhere: the modeline leads from each written
    file to content/schema/incident.schema.json by a relative path, as in content/."""
    from click.testing import CliRunner

    from generator.cli import cli

    out = project / "elsewhere" / "drafts"
    result = CliRunner().invoke(cli, ["import", str(seeds_of(project)[0]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(out.rglob("*.yaml"))
    assert written
    schema = ROOT / "content" / "schema" / "incident.schema.json"
    for path in written:
        first = path.read_text("utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert first != target and not Path(target).is_absolute(), first
        assert target == relative_schema(path, schema)
        assert (path.parent / target).resolve() == schema.resolve()


def test_importing_twice_changes_nothing(project: Path) -> None:
    out = project / "content" / "incidents"
    files = [*seeds_of(project), FIXTURES / "fr_lemonde_bagdad.html"]
    import_files(files, out)
    before = snapshot(out)
    results = import_files(files, out)
    assert snapshot(out) == before
    assert {o.action for r in results for o in r.outcomes} <= {"unchanged", "skipped"}


def test_known_incident_gets_the_citation_and_keeps_every_editor_byte(project: Path) -> None:
    out = project / "content" / "incidents"
    record = out / "2023" / "2023-12-06-ain-al-asad-attack.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(HAND_MADE, encoding="utf-8")
    seed_000 = seeds_of(project)[0]
    # with its publication date: without one, the weekday is a window and nothing is added
    results = import_files([seed_000], out, published=option("2023-12-06"))
    actions = {o.record_id: o.action for o in results[0].outcomes}
    assert actions["2023-12-06-ain-al-asad-attack"] == "cited"
    new = record.read_text("utf-8")
    diff = [
        line for line in difflib.ndiff(HAND_MADE.splitlines(), new.splitlines()) if line[:1] in "+-"
    ]
    assert diff and all(line.startswith("+ ") for line in diff)  # lines added, none changed
    added = "\n".join(line[2:] for line in diff)
    assert added.startswith("    -   outlet: AFP")  # the editor's own indentation
    assert new.index("seed: 000_") < new.index("# keep the Reuters item first")
    data = parse(new)
    assert [s.get("seed") for s in data["sources"]] == [None, seed_000.name]
    assert data["corrections"][0]["text"]["en"] == "Claim added."
    load_chronology(project / "content")
    # and again: the article is cited already, nothing moves
    import_files([seed_000], out, published=option("2023-12-06"))
    import_files([seed_000], out)
    assert record.read_text("utf-8") == new


def test_an_article_already_cited_by_quote_is_not_added_again(project: Path) -> None:
    out = project / "content" / "incidents"
    import_files(seeds_of(project)[:1], out)
    path = next(p for p in out.rglob("*ain-al-asad-attack.yaml"))
    text = path.read_text("utf-8")
    # the same article saved elsewhere (no seed, same quote) is the same source
    other = project / "copy.txt"
    shutil.copy(seeds_of(project)[0], other)
    results = import_files([other], out)
    assert path.read_text("utf-8") == text
    assert "unchanged" in {o.action for o in results[0].outcomes}


def test_records_of_an_editor_are_matched_across_a_corrected_date(project: Path) -> None:
    """An editor fixed the inferred date and renamed the file: the article is cited there,
    so importing it again does not bring the wrong date back."""
    out = project / "content" / "incidents"
    seed_002 = seeds_of(project)[2]
    import_files([seed_002], out)
    for path in sorted(out.rglob("2023-10-1*.yaml")):
        text = path.read_text("utf-8").replace("2023-10-1", "2023-11-2")
        path.unlink()
        record_id = parse(text)["id"]
        (out / "2023" / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    before = snapshot(out)
    import_files([seed_002], out)
    assert snapshot(out) == before


def test_render_round_trips_awkward_text() -> None:
    record = {
        "id": "x",
        "note": "a: b # c",
        "quote": "« Ligne » — un, deux : trois " * 6,
        "two": "First paragraph.\nSecond one, after a line break.",
        "empty": [],
        "n": None,
        "d": "2024-01-02",
        "nested": {"min": 0, "max": None},
    }
    text = render(record, ["# header"])
    assert text.startswith("# header\n")
    assert parse(text) == record


def test_flow_style_sources_are_left_to_the_editor() -> None:
    text = "id: x\nsources: [{outlet: AFP, language: fr, quote: q}]\n"
    with pytest.raises(MergeError, match="flow style"):
        append_source(text, {"outlet": "AFP", "language": "fr", "quote": "r"})


def test_append_at_end_of_file_without_newline() -> None:
    text = "id: x\nsources:\n  - outlet: AFP\n    language: fr\n    quote: q"
    new = append_source(text, {"outlet": "Reuters", "language": "en", "quote": "r"})
    assert new.startswith(text)
    assert parse(new)["sources"][1] == {"outlet": "Reuters", "language": "en", "quote": "r"}


def test_no_temporary_files_are_left(project: Path) -> None:
    out = project / "content" / "incidents"
    import_files(seeds_of(project), out)
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def test_seeds_already_recorded_in_the_real_content_change_nothing(content_copy: Path) -> None:
    """The hand-made records cite the five seeds: importing them again touches no file,
    even where the importer cannot infer the date the editor found."""
    before = snapshot(content_copy)
    results = import_files(
        sorted((content_copy.parent / "seeds").glob("*.txt")), content_copy / "incidents"
    )
    assert snapshot(content_copy) == before
    assert {o.action for r in results for o in r.outcomes} == {"unchanged"}


def test_html_article_in_the_seeds_folder(project: Path) -> None:
    """An HTML seed is cited with its file name when the quote is verbatim in the file."""
    shutil.copy(FIXTURES / "fr_lemonde_bagdad.html", project / "seeds" / "lemonde.html")
    out = project / "content" / "incidents"
    (result,) = import_files([project / "seeds" / "lemonde.html"], out)
    assert len(result.outcomes) == 3
    sources = [parse(p.read_text("utf-8"))["sources"][0] for p in out.rglob("*.yaml")]
    assert {s.get("seed") for s in sources} == {"lemonde.html"}
    assert {s["url"] for s in sources} == {
        "https://www.lemonde.fr/international/article/2024/02/08/"
        "irak-un-commandant-des-brigades-du-hezbollah-tue_6215432_3210.html"
    }
    load_chronology(project / "content")
