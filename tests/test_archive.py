"""`chronology archive` and `chronology check --archive`: content-addressed copies of the cited
articles, recorded in the records without touching anything else, and verified by hash."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE_BLOCK = re.compile(r"\n +archive:\n +sha256: [0-9a-f]{64}\n +captured: \S+\n +path: \S+")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def records(content: Path) -> dict[Path, str]:
    files = [*sorted((content / "incidents").rglob("*.yaml")), content / "statements.yaml"]
    return {f: f.read_text("utf-8") for f in files}


def test_every_cited_article_of_the_chronology_is_archived_and_matches() -> None:
    for path, text in records(ROOT / "content").items():
        for digest, stored in re.findall(
            r"sha256: ([0-9a-f]{64})\n +captured: \S+\n +path: (\S+)", text
        ):
            data = (ROOT / "content" / stored).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, path
        assert text.count("seed: ") == text.count("archive:"), path


def test_archive_adds_only_the_archive_blocks_and_is_idempotent(project: Path) -> None:
    before = records(project)
    for path, text in before.items():  # a chronology with no archive yet
        path.write_text(ARCHIVE_BLOCK.sub("", text), "utf-8")
    shutil.rmtree(project / "archive")
    bare = records(project)
    result = CliRunner().invoke(cli, ["archive", "--content", "content"])
    assert result.exit_code == 0, result.output
    after = records(project)
    for path in after:
        assert ARCHIVE_BLOCK.sub("", after[path]) == bare[path]  # nothing else changed
        assert after[path].count("archive:") == bare[path].count("seed: ")
    again = CliRunner().invoke(cli, ["archive", "--content", "content"])
    assert again.exit_code == 0 and again.output == ""
    assert records(project) == after
    copies = sorted((project / "archive").rglob("*.txt"))
    assert len(copies) == len(list((project.parent / "seeds").glob("*.txt")))
    for copy in copies:
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == copy.stem


def test_check_archive_reports_a_tampered_or_missing_copy(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body></body></html>'
    )
    ok = CliRunner().invoke(cli, ["check", str(site), "--archive", "content"])
    assert ok.exit_code == 0, ok.output
    copy = next((project / "archive").rglob("*.txt"))
    copy.write_bytes(copy.read_bytes() + b" ")
    tampered = CliRunner().invoke(cli, ["check", str(site), "--archive", "content"])
    assert tampered.exit_code == 1
    assert f"archive/{copy.parent.name}/{copy.name} does not match its SHA-256" in tampered.output
    copy.unlink()
    missing = CliRunner().invoke(cli, ["check", str(site), "--archive", "content"])
    assert missing.exit_code == 1 and "is missing" in missing.output
