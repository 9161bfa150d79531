"""`chronology new`: the skeleton an editor starts from (right id and file, valid, TODOs marked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.editing import cli as editing_cli
from generator.editing import new as skeleton
from generator.editing.places import find_base, fold
from generator.records.checks import load_chronology
from generator.records.loader import load_file

BASE_OPTIONS = [
    "--date",
    "2024-08-06",
    "--place",
    "aïn AL ASSAD",
    "--kind",
    "attack",
    "--source-outlet",
    "AFP",
    "--source-url",
    "https://example.org/2024/08/06/attaque.html",
    "--quote",
    "Une attaque de drone a visé la base d'Aïn al-Assad.",
    "--force",  # 2024-08-05's record on file looks alike (tests/editing/test_new_duplicates.py)
]


@pytest.fixture
def project(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (content/ + seeds/) as the working directory, no terminal attached."""
    monkeypatch.chdir(content_copy.parent)
    monkeypatch.setattr(editing_cli, "can_prompt", lambda: False)
    return content_copy.parent


def run(*args: str, input: str | None = None):  # noqa: A002 - click's name
    return CliRunner().invoke(cli, ["new", *args], input=input, catch_exceptions=False)


def test_writes_a_valid_skeleton_with_the_right_id_file_and_modeline(project: Path) -> None:
    result = run(*BASE_OPTIONS)
    assert result.exit_code == 0, result.output
    path = project / "content/incidents/2024/2024-08-06-ain-al-asad-attack.yaml"
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../schema/incident.schema.json"
    )
    assert "Wrote content/incidents/2024/2024-08-06-ain-al-asad-attack.yaml" in result.output
    assert "Next:" in result.output and "make serve" in result.output
    data, _, problems = load_file(path)
    assert problems == []
    assert data["id"] == path.stem and data["base"] == "ain-al-asad"
    assert data["sources"][0]["url"] == "https://example.org/2024/08/06/attaque.html"
    # valid as a whole: the site builds with it
    chron = load_chronology(project / "content")
    assert "2024-08-06-ain-al-asad-attack" in {i.id for i in chron.incidents}
    # ...and every placeholder is marked, on the page too (the summaries) and in the file
    assert data["summary"]["fr"].startswith("TODO") and data["summary"]["en"].startswith("TODO")
    marked = [line.split(":")[0].strip(" -") for line in text.splitlines() if "TODO" in line]
    assert marked == ["unknown  # TODO", "casualties", "claimed_by", "status", "TODO", "TODO"]
    lines = ", ".join(map(str, skeleton.todo_lines(text)))
    assert f"{len(marked)} lines marked TODO (lines {lines})" in result.output


def test_the_same_day_place_and_kind_get_2_then_3(project: Path) -> None:
    for expected in ("", "-2", "-3"):
        result = run(*BASE_OPTIONS)
        assert result.exit_code == 0, result.output
        path = project / f"content/incidents/2024/2024-08-06-ain-al-asad-attack{expected}.yaml"
        assert load_file(path)[0]["id"] == path.stem
    load_chronology(project / "content")  # no duplicate ids


def test_a_place_that_is_not_a_base_needs_coordinates(project: Path) -> None:
    options = [*BASE_OPTIONS]
    options[options.index("aïn AL ASSAD")] = "Jurf al-Sakhar"
    result = run(*options)
    assert result.exit_code == 2
    assert "'Jurf al-Sakhar' is not a base" in result.output
    assert "--country" in result.output and "--lat" in result.output

    result = run(
        *options, "--country", "iq", "--admin1", "Babil", "--lat", "32.87", "--lon", "44.12"
    )
    assert result.exit_code == 0, result.output
    data = load_file(project / "content/incidents/2024/2024-08-06-jurf-al-sakhar-attack.yaml")[0]
    assert data["base"] is None
    assert data["location"] == {
        "name": "Jurf al-Sakhar",
        "admin1": "Babil",
        "country": "IQ",
        "lat": 32.87,
        "lon": 44.12,
        "precision": "approximate",
    }


def test_a_misspelt_base_is_suggested(project: Path) -> None:
    options = [*BASE_OPTIONS]
    options[options.index("aïn AL ASSAD")] = "Ain al-Asadd"
    result = run(*options)
    assert result.exit_code == 2
    assert "did you mean Aïn al-Assad (ain-al-asad)?" in result.output


def test_without_a_terminal_it_names_every_missing_option_at_once(project: Path) -> None:
    result = run("--date", "2024-08-06")
    assert result.exit_code == 2
    assert "Missing --place, --kind, --source-outlet, --quote" in result.output
    assert "no terminal" in result.output
    assert not list((project / "content/incidents").glob("*/2024-08-06-*"))


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("06/08/2024", "is not a date written YYYY-MM-DD"),
        ("2023-10-01", "before the start of the chronology (2023-10-17"),
        ((dt.date.today() + dt.timedelta(days=2)).isoformat(), "is in the future"),
    ],
)
def test_a_wrong_date_is_refused_before_anything_is_written(
    project: Path, date: str, message: str
) -> None:
    options = [*BASE_OPTIONS]
    options[1] = date
    result = run(*options)
    assert result.exit_code == 2
    assert message in result.output and "--date" in result.output


def test_a_quote_not_in_the_stored_article_is_reported_with_its_line(project: Path) -> None:
    result = run(*BASE_OPTIONS, "--source-seed", "004_7d96a9abc72ce5d4.txt")
    assert result.exit_code == 1
    assert "2024-08-06-ain-al-asad-attack.yaml:" in result.output
    assert "quote-not-in-source" in result.output


def test_it_asks_at_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editing_cli, "can_prompt", lambda: True)
    answers = "\n".join(
        [
            "2024-13-01",  # not a date: asked again
            "2024-08-05",
            "frappe",  # not a kind: asked again
            "strike",
            "Ain al Asd",  # close to a base: offered
            "y",
            "AFP",
            "",  # no URL
            "",  # language: fr
            "« Deux roquettes ont visé la base. »",
        ]
    )
    result = run(input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "is not a date" in result.output and "is not one of: attack, strike" in result.output
    data = load_file(project / "content/incidents/2024/2024-08-05-ain-al-asad-strike.yaml")[0]
    assert data["kind"] == "strike" and data["base"] == "ain-al-asad"
    assert "url" not in data["sources"][0] and data["sources"][0]["language"] == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "NO",
        "2023-10-18",
        "a: b # c",
        "'quoted' and \"double\"",
        "- dash",
        "Aïn al-Assad, « guillemets »",
        "yes",
        "@at",
    ],
)
def test_values_are_written_so_that_yaml_reads_them_back_unchanged(
    text: str, tmp_path: Path
) -> None:
    draft = skeleton.Draft(
        date=dt.date(2024, 8, 6),
        kind="attack",
        place=skeleton.Place(name=f"x {text}", country="NO", admin1=text, lat=1.5, lon=-2),
        source=skeleton.Source(
            outlet=text,
            quote=f"{text}\n\nSecond paragraph:   spaced\tout.",
            title=text,
            url="https://example.org/a?b=c#d",
        ),
    )
    path = tmp_path / "r.yaml"
    path.write_text(skeleton.render(draft, "2024-08-06-x-attack"), "utf-8")
    data, _, problems = load_file(path)
    assert problems == []
    expected = skeleton.data_of(draft, "2024-08-06-x-attack")
    expected["summary"] = data["summary"]
    assert data == expected
    assert data["sources"][0]["quote"] == f"{text}\nSecond paragraph: spaced out."


def test_bases_are_found_by_id_name_or_alias_with_accents_and_case_folded() -> None:
    bases = yaml.safe_load((Path(__file__).parents[2] / "content/bases.yaml").read_text())
    for typed in ("ain-al-asad", "AÏN AL-ASSAD", "Ain Al Asad", "al-assad (ain)"):
        match = find_base(typed, bases)
        assert match.base is not None and match.base["id"] == "ain-al-asad", typed
    assert find_base("Nowhere", bases).base is None
    assert fold("Aïn  Al-Assad!") == "ain al assad"
    two = [{"id": "a", "aliases": ["Camp X"]}, {"id": "b", "aliases": ["camp x"]}]
    assert find_base("CAMP X", two).ambiguous == ("a", "b")


def test_the_status_help_names_every_status_of_the_schema() -> None:
    from generator.fields import vocabulary

    statuses = vocabulary("status")
    assert "reported" in statuses  # the fourth, which a hand-written list had left out
    shown = " ".join(CliRunner().invoke(cli, ["new", "--help"]).output.split())
    assert f"--status [{'|'.join(statuses)}] A status of the" in shown


def test_a_wrong_publication_date_is_named_by_its_option(project: Path) -> None:
    result = CliRunner().invoke(cli, ["new", *BASE_OPTIONS, "--source-published", "6 août"])
    assert result.exit_code == 2
    assert "--source-published" in result.output and "'6 août' is not a date" in result.output
    assert not (project / "content/incidents/2024/2024-08-06-ain-al-asad-attack.yaml").exists()
