"""The evidence rules (records/evidence.py): each refuses what it should, with file:line:col,
and the contract is declared once (the schema) and documented (EDITING.md)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import fields
from generator.cli import cli
from generator.records import evidence
from tests.test_bad_inputs import case_files, read_case

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
GUIDE = (ROOT / "EDITING.md").read_text("utf-8")


def documented_rules() -> set[str]:
    """The rule names of EDITING.md's "Evidence rules" table (first column, in backticks)."""
    section = GUIDE.split("### Evidence rules", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.M))


def test_every_evidence_rule_is_documented_and_exists() -> None:
    rules = documented_rules()
    source = (ROOT / "generator" / "records" / "evidence.py").read_text("utf-8")
    assert rules == set(re.findall(r'"([a-z]+(?:-[a-z]+)+)",\n', source)) - {"unknown-actor"}


def test_every_evidence_rule_but_one_has_a_catalogue_case() -> None:
    """One file per rule in tests/bad_inputs/; responds-to-later needs two records (below)."""
    found = {
        line.rsplit("(", 1)[1].rstrip(")") for f in case_files() for line in read_case(f).expect
    }
    assert documented_rules() - {"responds-to-later"} <= found


def project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return content


def validate(content: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(content.parent)
    result = CliRunner().invoke(cli, ["validate", "--content", "content", "--format", "text"])
    return result.exit_code, [line for line in result.output.splitlines() if ": error: " in line]


def test_a_strike_cannot_answer_a_later_attack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = project(tmp_path)
    strike = content / "incidents/2023/2023-11-21-iraq-strike.yaml"
    text = strike.read_text("utf-8")
    strike.write_text(
        text.replace("  - 2023-11-21-ain-al-asad-attack", "  - 2023-12-06-ain-al-asad-attack")
    )
    code, lines = validate(content, monkeypatch)
    line = text.splitlines().index("  - 2023-11-21-ain-al-asad-attack") + 1
    assert code == 1
    assert lines == [
        f"content/incidents/2023/2023-11-21-iraq-strike.yaml:{line}:5: error: responds_to[0]: "
        "'2023-12-06-ain-al-asad-attack' (2023-12-06) is later than this strike (2023-11-21) "
        "(responds-to-later)"
    ]


def test_deleting_an_answered_attack_is_refused_at_the_strike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = project(tmp_path)
    (content / "incidents/2023/2023-11-21-ain-al-asad-attack.yaml").unlink()
    code, lines = validate(content, monkeypatch)
    assert code == 1
    assert {line.split(":")[0] for line in lines} == {
        "content/incidents/2023/2023-11-21-iraq-strike.yaml",
        "content/incidents/2023/2023-11-22-iraq-strike.yaml",
    }
    assert all(line.endswith("(responds-to-unknown)") for line in lines)


def test_legacy_quotes_are_read_unless_the_chronology_refuses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record in the old contract (one `quote` a source) is migration input: read, shown as
    not tied to fields, and refused once chronology.yaml says legacy_quotes: refuse."""
    content = project(tmp_path)
    record = content / "incidents/2024/2024-07-16-iraq-attack.yaml"
    data = yaml.safe_load(record.read_text("utf-8"))
    source = data["sources"][0]
    source["quote"] = source.pop("quotes")[0]["text"]
    data.pop("basis")
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert validate(content, monkeypatch) == (0, [])
    settings = content / "chronology.yaml"
    settings.write_text(settings.read_text("utf-8") + "legacy_quotes: refuse\n", "utf-8")
    code, lines = validate(content, monkeypatch)
    assert code == 1
    rules = sorted(line.rsplit("(", 1)[1].rstrip(")") for line in lines)
    # date, place, kind and status: the fields that record asserts
    assert rules == ["legacy-quote"] + ["unsupported-field"] * 4


def test_the_fields_a_quote_supports_are_declared_once() -> None:
    """The field list lives in the incident schema; the statements' source is the same shape."""
    incident = json.loads((CONTENT / "schema/incident.schema.json").read_text())
    statements = json.loads((CONTENT / "schema/statements.schema.json").read_text())
    assert fields.supportable() == tuple(incident["$defs"]["field"]["enum"])
    assert incident["properties"]["basis"]["propertyNames"] == {"$ref": "#/$defs/field"}
    assert incident["$defs"]["quote"]["properties"]["supports"]["items"] == {
        "$ref": "#/$defs/field"
    }
    for name in ("field", "quote", "basis_entry"):
        assert statements["$defs"][name] == incident["$defs"][name], name
    assert (
        statements["items"]["properties"]["sources"]["items"]
        == incident["properties"]["sources"]["items"]
    )


def test_asserted_fields_are_the_fields_of_the_contract() -> None:
    """Every field the rules can ask a quote for is one a quote can say it supports."""
    data = yaml.safe_load((CONTENT / "incidents/2023/2023-11-21-iraq-strike.yaml").read_text())
    assert {name for name, _, _ in evidence.asserted(data)} <= set(fields.supportable())
