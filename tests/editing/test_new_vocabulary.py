"""`chronology new` offers and accepts the words of the content folder's schema, not the
bundled one's: another chronology's weapons, statuses and kinds need no code change."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from generator.cli import cli
from generator.editing import cli as editing_cli
from generator.records import schema as schemas
from generator.records.loader import load_file
from tests.conftest import CONTENT
from tests.test_other_region import DROPPED_WEAPON, FIXTURE, own_vocabulary

OPTIONS = [
    "--content",
    "content",
    "--date",
    "2024-04-02",
    "--place",
    "Camp Baobab",
    "--source-outlet",
    "Made-up Wire",
    "--source-url",
    "https://example.org/2024/04/02/raid.html",
    "--quote",
    "Le camp Baobab a été visé.",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The other region's project, its content folder with schemas of its own, no terminal."""
    shutil.copytree(FIXTURE, tmp_path / "project")
    own_vocabulary(tmp_path / "project" / "content")
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setattr(editing_cli, "can_prompt", lambda: False)
    yield tmp_path / "project"
    schemas.use(CONTENT)  # later tests in this process read the project's schemas again


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_new_writes_the_content_folders_own_words_and_validate_accepts_them(
    project: Path,
) -> None:
    done = run("new", *OPTIONS, "--kind", "raid", "--weapon", "catapult", "--status", "rumoured")
    assert done.exit_code == 0, done.output
    path = project / "content/incidents/2024/2024-04-02-camp-baobab-raid.yaml"
    data, _, problems = load_file(path)
    assert problems == []
    assert (data["kind"], data["weapons"], data["status"]) == ("raid", ["catapult"], "rumoured")
    checked = run("validate", "--content", "content")
    assert checked.exit_code == 0, checked.output
    assert "5 incidents" in checked.output


def test_the_skeleton_offers_the_content_folders_own_words(project: Path) -> None:
    done = run("new", *OPTIONS, "--kind", "attack")
    assert done.exit_code == 0, done.output
    text = (project / "content/incidents/2024/2024-04-02-camp-baobab-attack.yaml").read_text()
    (status,) = [line for line in text.splitlines() if line.startswith("status:")]
    assert status.endswith("confirmed | claimed | reported | disputed | rumoured (see EDITING.md)")
    offered = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "catapult" in offered and DROPPED_WEAPON not in offered


def test_a_weapon_only_the_bundled_schema_has_is_refused_naming_the_allowed_ones(
    project: Path,
) -> None:
    done = run("new", *OPTIONS, "--kind", "attack", "--weapon", DROPPED_WEAPON)
    assert done.exit_code == 2
    message = " ".join(done.output.split())
    assert f"Invalid value for '--weapon': '{DROPPED_WEAPON}' is not one of 'catapult', " in message
    assert "'drone'" in message and "'unknown'." in message
    assert not (project / "content/incidents/2024/2024-04-02-camp-baobab-attack.yaml").exists()


def test_a_kind_the_content_folders_schema_lacks_is_refused(project: Path) -> None:
    done = run("new", *OPTIONS, "--kind", "ambush")
    assert done.exit_code == 2
    assert "'ambush' is not one of: attack, strike, raid" in done.output


def test_the_bundled_schema_still_refuses_the_other_words(project: Path) -> None:
    shutil.rmtree(project / "content" / "schema")
    done = run("new", *OPTIONS, "--kind", "attack", "--status", "rumoured")
    assert done.exit_code == 2
    assert "'rumoured' is not one of 'confirmed', 'claimed', 'reported', 'disputed'." in (
        " ".join(done.output.split())
    )


def test_a_place_of_its_own_is_asked_for_a_country_of_the_chronology(project: Path) -> None:
    options = [o if o != "Camp Baobab" else "Route de Bol" for o in OPTIONS]
    done = run("new", *options, "--kind", "attack")
    assert done.exit_code == 2
    assert "also give --country (ISO code, e.g. TD)" in " ".join(done.output.split())
    done = run(
        "new", *options, "--kind", "attack", "--country", "Tchad", "--lat", "13.4", "--lon", "14.1"
    )
    assert done.exit_code == 2
    said = " ".join(done.output.split())
    assert "'Tchad' is not a two-letter ISO country code (TD, CM…)" in said


def test_a_record_of_the_content_folders_own_kind_is_published_with_its_key(
    project: Path,
) -> None:
    """The skeleton of a kind only this chronology has builds, and the monthly chart's legend
    names every kind of its schema, the new one included, in each language."""
    done = run("new", *OPTIONS, "--kind", "raid", "--weapon", "catapult", "--status", "rumoured")
    assert done.exit_code == 0, done.output
    built = run("build", "--content", "content", "--output", "site", "--no-search")
    assert built.exit_code == 0, built.output
    for home in (project / "site/index.html", project / "site/en/index.html"):
        legend = BeautifulSoup(home.read_text("utf-8"), "lxml").select_one("figure ul.legend")
        assert legend is not None, home
        keys = [span["class"][-1] for span in legend.select("span.key")]
        assert keys == ["key-attack", "key-strike", "key-raid"]
        assert legend.get_text(" ", strip=True).endswith("raids")  # the catalog's word
