"""A content folder's own schemas decide its vocabularies: validation, the model, pages and
exports read them, and its own catalogs name the new values, so another chronology's weapons
or kinds need no code change."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.cli import cli
from generator.records import schema as schemas
from tests.conftest import CONTENT

RECORD = "incidents/2023/2023-10-18-ain-al-asad-attack.yaml"


@pytest.fixture
def own_schema(content_copy: Path) -> Iterator[Path]:
    """The content copy with a weapon of its own ("catapult") in its schema and one record."""
    path = content_copy / "schema" / "incident.schema.json"
    data = json.loads(path.read_text())
    data["properties"]["weapons"]["items"]["enum"].insert(0, "catapult")
    path.write_text(json.dumps(data, indent=2))
    record = content_copy / RECORD
    text = record.read_text()
    record.write_text(re.sub(r"(?m)^weapons:\n(  - .*\n)+", "weapons:\n  - catapult\n", text))
    assert "- catapult" in record.read_text()
    for lang, text in (("fr", "catapulte"), ("en", "catapult")):  # one word over the bundled
        own = content_copy / "locale" / lang / "LC_MESSAGES" / "messages.po"
        own.parent.mkdir(parents=True)
        own.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "weapon.catapult"\nmsgstr "{text}"\n')
    yield content_copy
    schemas.use(CONTENT)  # later tests in this process read the project's schemas again


def test_the_content_folders_schema_accepts_its_own_vocabulary(own_schema: Path) -> None:
    done = CliRunner().invoke(cli, ["validate", "--content", str(own_schema)])
    assert done.exit_code == 0, done.output
    assert "catapult" in schemas.schema("incident").raw["properties"]["weapons"]["items"]["enum"]


def test_without_its_schema_the_bundled_vocabulary_refuses_it(own_schema: Path) -> None:
    shutil.rmtree(own_schema / "schema")
    done = CliRunner().invoke(cli, ["validate", "--content", str(own_schema)])
    assert done.exit_code != 0
    assert re.search(r"2023-10-18-ain-al-asad-attack\.yaml:\d+:\d+: .*catapult", done.output)


def test_a_value_with_no_word_in_a_catalog_is_named(own_schema: Path) -> None:
    (own_schema / "locale" / "en" / "LC_MESSAGES" / "messages.po").unlink()
    done = CliRunner().invoke(cli, ["validate", "--content", str(own_schema)])
    assert done.exit_code != 0
    said = [line for line in done.output.splitlines() if "missing-word" in line]
    assert len(said) == 1 and re.search(
        r"chronology\.yaml:\d+:\d+: .*'en'.*weapon\.catapult", said[0]
    )


def test_the_site_carries_the_content_folders_vocabulary(own_schema: Path, tmp_path: Path) -> None:
    output = tmp_path / "site"
    done = CliRunner().invoke(
        cli, ["build", "--content", str(own_schema), "--output", str(output), "--no-search"]
    )
    assert done.exit_code == 0, done.output
    records = json.loads((output / "data" / "incidents.json").read_text())
    (mine,) = [r for r in records["incidents"] if r["id"] == "2023-10-18-ain-al-asad-attack"]
    assert mine["weapons"] == ["catapult"]
    for lang, prefix, text in (("fr", "", "catapulte"), ("en", "en/", "catapult")):
        page = (output / prefix / "incidents" / mine["id"] / "index.html").read_text()
        facts = BeautifulSoup(page, "html.parser").find("dl")
        assert text in facts.get_text(" "), lang
        assert "weapon.catapult" not in page  # never the key
    # the bundled words are still there under the content folder's one
    assert (
        "drone"
        in (output / "incidents" / "2023-10-21-ain-al-asad-attack" / "index.html").read_text()
    )


def test_the_chart_stacks_every_kind_of_the_schema(content_copy: Path) -> None:
    """A third kind in a content folder's schema gets its part of each month's bar and its
    count in the chart's summary (charts.py reads the kinds from the schema)."""
    from generator.site import charts

    path = content_copy / "schema" / "incident.schema.json"
    data = json.loads(path.read_text())
    data["properties"]["kind"]["enum"].append("raid")
    path.write_text(json.dumps(data, indent=2))
    try:
        schemas.use(content_copy)
        drawn = charts._draw([((2024, 1), (2, 1, 3)), ((2024, 2), (0, 0, 1))], "en")
    finally:
        schemas.use(CONTENT)
    assert drawn["svg"].count('class="raid"') == 2
    assert drawn["svg"].count('class="attack"') == 1
    assert "2 attacks, 1 strikes, 4 raids" in drawn["summary"]
