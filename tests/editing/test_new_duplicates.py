"""`chronology new` with the answers of an incident already on file (issue 13, item 17): it
names the look-alike records and writes nothing, unless --force (same kind, same place, dates
within a day; another kind, another place or two days apart is a new incident)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.editing import cli as editing_cli

ON_FILE = "content/incidents/2023/2023-10-18-ain-al-asad-attack.yaml"


@pytest.fixture
def project(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(content_copy.parent)
    monkeypatch.setattr(editing_cli, "can_prompt", lambda: False)
    return content_copy.parent


def run(date: str, place: str = "Ain al-Asad", kind: str = "attack", *more: str):
    args = ["new", "--date", date, "--place", place, "--kind", kind, "--source-outlet", "AFP"]
    args += ["--quote", "Une attaque de drone a visé la base.", *more]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def records(project: Path) -> set[str]:
    return {p.name for p in (project / "content" / "incidents").rglob("*.yaml")}


@pytest.mark.parametrize("date", ["2023-10-17", "2023-10-18", "2023-10-19"])
def test_the_same_incident_is_not_written_twice(project: Path, date: str) -> None:
    assert (project / ON_FILE).is_file()
    before = records(project)
    result = run(date, "aïn AL ASSAD")
    assert result.exit_code == 1
    assert f"{ON_FILE}: 2023-10-18, attack, same place" in result.output
    assert "Nothing was written" in result.output and "--force" in result.output
    assert records(project) == before


def test_force_writes_it_anyway(project: Path) -> None:
    result = run("2023-10-18", "Ain al-Asad", "attack", "--force")
    assert result.exit_code == 0, result.output
    assert "2023-10-18-ain-al-asad-attack-2.yaml" in records(project)


@pytest.mark.parametrize(
    ("date", "place", "kind"),
    [
        ("2023-10-23", "Ain al-Asad", "attack"),  # two days after the last one
        ("2023-10-18", "Ain al-Asad", "strike"),  # another kind
        ("2023-10-18", "Tower 22", "attack"),  # another base
    ],
)
def test_another_incident_is_written(project: Path, date: str, place: str, kind: str) -> None:
    result = run(date, place, kind)
    assert "Nothing was written" not in result.output
    assert any(name.startswith(date) and kind in name for name in records(project) - {ON_FILE})
