"""PUBLISH_ARCHIVED_COPIES: stored copies of third-party articles reach the site only when the
setting is on, only as plain text, and only when they still match the SHA-256 their record gives."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.build import build
from generator.cli import cli
from generator.records.problems import InvalidContent

INCIDENT = "incidents/2023-10-18-ain-al-asad-attack/index.html"


def archive_spans(site: Path, page: str = INCIDENT) -> list:
    soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
    spans = soup.select("span.archive-copy")
    assert spans, "the page names no archived copy"
    return spans


def test_by_default_no_copy_is_published_and_the_hash_is_shown_unlinked(real_site: Path) -> None:
    assert not (real_site / "sources").exists()
    for span in archive_spans(real_site) + archive_spans(real_site, "en/" + INCIDENT):
        assert span.find("a") is None
        assert "SHA-256" in span.get_text()


def test_published_copies_are_the_archived_bytes_linked_from_both_languages(
    content_copy: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(content_copy, site, search_index=False, PUBLISH_ARCHIVED_COPIES=True)
    published = sorted((site / "sources").iterdir())
    stored = sorted((content_copy / "archive").rglob("*.txt"))
    assert len(published) == len(stored) > 0
    for copy in published:
        assert copy.suffix == ".txt"  # never .html: a stored page cannot run on the site
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == copy.stem
    for page in (INCIDENT, "en/" + INCIDENT):
        for span in archive_spans(site, page):
            link = span.find("a")
            assert link is not None and link["href"].startswith("/sources/")
            target = site / link["href"].lstrip("/")
            assert target.is_file(), link["href"]
            assert link["href"].removeprefix("/sources/").removesuffix(".txt")[:12] in span.text
    checked = CliRunner().invoke(cli, ["check", str(site)])
    assert checked.exit_code == 0, checked.output


def test_an_altered_copy_is_refused_naming_its_record(content_copy: Path, tmp_path: Path) -> None:
    copy = sorted((content_copy / "archive").rglob("*.txt"))[0]
    copy.write_bytes(copy.read_bytes() + b"\nUne phrase ajoutee apres l'archivage.\n")
    site = tmp_path / "site"
    with pytest.raises(InvalidContent) as refused:
        build(content_copy, site, search_index=False, PUBLISH_ARCHIVED_COPIES=True)
    problems = refused.value.problems
    assert problems and all(p.rule == "archive-hash" for p in problems)
    assert any(p.file.startswith("incidents/") or p.file == "statements.yaml" for p in problems)
    assert "not the one its SHA-256 names" in problems[0].message
    assert not (site / "sources").exists()
    # Off, the same content builds: nothing of the copy is published, so nothing is asserted.
    build(content_copy, site, search_index=False)
    assert not (site / "sources").exists()
