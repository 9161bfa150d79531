"""Issue 13 item 17 (import part): a draft of an incident already on file (same kind and
place, date within a day) is reported, not written, unless --force."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.importer.cli import import_cmd

from .conftest import ROOT

ARTICLE = (
    ROOT / "tests" / "importer" / "fixtures" / "fresh" / "a" / "a13_fr_tunisiedirect_kirkouk.txt"
)


def test_a_recorded_incident_is_not_drafted_again_without_force(project: Path) -> None:
    out = project / "content" / "incidents"
    (out / "2023").mkdir(parents=True)
    existing = ROOT / "content" / "incidents" / "2023" / "2023-12-03-kirkuk-strike.yaml"
    # on file a day later than the article says (a late report): same kind and place
    text = existing.read_text("utf-8").replace("date: 2023-12-03", "date: 2023-12-04", 1)
    (out / "2023" / "2023-12-04-kirkuk-strike.yaml").write_text(text, encoding="utf-8")
    before = sorted(p.name for p in out.rglob("*strike*.yaml"))
    run = CliRunner().invoke(
        import_cmd, [str(ARTICLE), "--out", str(out), "--published", "2023-12-04"]
    )
    assert run.exit_code == 0, run.output
    assert "not written 2023-12-03-kirkuk-strike" in run.output  # the record's id
    assert "--force" in run.output
    assert sorted(p.name for p in out.rglob("*strike*.yaml")) == before
    forced = CliRunner().invoke(
        import_cmd, [str(ARTICLE), "--out", str(out), "--published", "2023-12-04", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert len(list(out.rglob("*strike*.yaml"))) == len(before) + 1
