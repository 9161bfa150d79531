"""A fresh clone with its `.cache` restored (CI's path) writes the pages the cache keeps by key
instead of rendering them, and publishes exactly what a clean build does; a damaged or
outdated cache costs renders, never a wrong page. Real builds (Pelican) into real folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build
from generator.folders import MARKER
from generator.site.incremental.parts import PARTS
from generator.site.incremental.reuse import NOT_BUILT, RENDERED, fingerprint

ROOT = Path(__file__).resolve().parent.parent
RECORD = "incidents/2023/2023-10-18-ain-al-asad-attack.yaml"
PAGE = "en/incidents/2023-10-18-ain-al-asad-attack/index.html"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


@pytest.fixture
def project(content_copy: Path) -> Path:
    return content_copy.parent  # content/ with seeds/ beside it, as a checkout has them


def fresh_clone(project: Path, where: Path) -> Path:
    """The project without its output, its `.cache` restored (as actions/cache does)."""
    shutil.copytree(project / "content", where / "content")
    shutil.copytree(project / "seeds", where / "seeds")
    shutil.copytree(project / ".cache", where / ".cache")
    return where


def build_stats(root: Path, output: Path | None = None) -> dict[str, object]:
    report = build(root / "content", output or root / "output", search_index=False)
    return report.stats


def test_a_restored_cache_writes_the_kept_pages_and_equals_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    first = build_stats(project)
    assert first["rendered"] == first["pages"]
    clean = snapshot(project / "output")

    clone = fresh_clone(project, tmp_path / "clone")
    restored = build_stats(clone)
    assert restored["reused_rendered"] >= restored["pages"] - 10  # all but what shows everything
    assert restored["rendered"] <= 10
    assert snapshot(clone / "output") == clean

    # An edited record in the clone: its pages are rendered and show the edit.
    record = clone / "content" / RECORD
    text = record.read_text("utf-8")
    assert "engaged two drones" in text
    record.write_text(text.replace("engaged two drones", "engaged 2 drones", 1), "utf-8")
    shutil.rmtree(clone / "output")
    edited = build_stats(clone)
    assert edited["rendered"] > restored["rendered"]
    assert restored["download_parts_made"] == 0  # every incident's part of the downloads kept
    assert edited["download_parts_made"] == 1  # the edited record's only
    assert "engaged 2 drones" in (clone / "output" / PAGE).read_text("utf-8")
    assert snapshot(clone / "output") == snapshot(
        build(clone / "content", tmp_path / "clean", search_index=False, reuse=False).output
    )


def test_damaged_kept_pages_and_parts_cost_renders_not_wrong_pages(
    project: Path, tmp_path: Path
) -> None:
    build_stats(project)
    clean = snapshot(project / "output")
    clone = fresh_clone(project, tmp_path / "clone")  # copies: the project's pages stay whole
    kept = sorted(p for p in (clone / ".cache" / "chronology" / RENDERED).iterdir())
    pages = [p for p in kept if len(p.name) == 32]
    assert len(pages) >= len(clean) // 2  # a file per page, named by its key
    for page in pages:  # flip a byte of every kept page, in place, sizes unchanged
        data = bytearray(page.read_bytes())
        data[len(data) // 2] ^= 0x55
        page.write_bytes(bytes(data))
    for segment in (clone / ".cache" / "chronology" / PARTS).glob("*.seg"):
        data = bytearray(segment.read_bytes())
        for at in range(0, len(data), 997):
            data[at] ^= 0x55
        segment.write_bytes(bytes(data))
    stats = build_stats(clone)
    assert stats["reused_rendered"] == 0
    assert stats["download_parts_made"] == len(
        list((clone / "content").rglob("incidents/*/*.yaml"))
    )
    assert snapshot(clone / "output") == clean


def test_kept_pages_are_links_to_the_pages_written_and_old_stores_are_cleared(
    project: Path,
) -> None:
    store = project / ".cache" / "chronology" / RENDERED
    store.mkdir(parents=True)
    (store / "index.marshal").write_bytes(b"the index of the earlier store")
    (store / "4242-0123456789ab.seg").write_bytes(b"an earlier segment")
    (store / "notes.txt").write_text("not the store's: left alone", "utf-8")
    build_stats(project)
    page = project / "output" / PAGE
    linked = [p for p in store.iterdir() if p.stat().st_ino == page.stat().st_ino]
    assert len(linked) == 1 and len(linked[0].name) == 32
    assert not (store / "index.marshal").exists()
    assert not (store / "4242-0123456789ab.seg").exists()
    assert (store / "notes.txt").read_text("utf-8") == "not the store's: left alone"


def test_other_templates_or_settings_do_not_take_kept_pages(project: Path, tmp_path: Path) -> None:
    build_stats(project)
    clone = fresh_clone(project, tmp_path / "clone")
    address = "https://example.org/other"
    other = build(clone / "content", clone / "output", search_index=False, SITEURL=address)
    assert other.stats["reused_rendered"] == 0
    assert address in (clone / "output" / PAGE).read_text("utf-8")
    (clone / "templates").mkdir()
    overrides = {"THEME_TEMPLATES_OVERRIDES": [str(clone / "templates")]}
    layout = (ROOT / "templates/layout.html").read_text("utf-8")
    marked = layout.replace('<footer class="site">', '<footer class="site"><p>MARK</p>')
    (clone / "templates" / "layout.html").write_text(marked, "utf-8")
    shutil.rmtree(clone / "output")
    again = build(clone / "content", clone / "output", search_index=False, **overrides)
    assert again.stats["reused_rendered"] == 0
    assert "MARK" in (clone / "output" / PAGE).read_text("utf-8")


def chronology_build(root: Path, output: Path) -> None:
    """`chronology build` as an editor or CI runs it: a process of its own."""
    command = [sys.executable, "-c", "from generator.cli import main; main()", "build"]
    command += ["--content", str(root / "content"), "--output", str(output), "--no-search"]
    subprocess.run(command, cwd=root, check=True, capture_output=True)


def test_an_edited_content_schema_is_not_answered_by_kept_pages(
    project: Path, tmp_path: Path
) -> None:
    """The content folder's schema/ shapes pages (the order of its statuses, here): a build
    after an edit of it equals a clean build, into the published folder and in a clone."""
    chronology_build(project, project / "output")
    before = snapshot(project / "output")
    incident_schema = project / "content" / "schema" / "incident.schema.json"
    raw = json.loads(incident_schema.read_text("utf-8"))
    raw["properties"]["status"]["enum"].reverse()
    incident_schema.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    clone = fresh_clone(project, tmp_path / "clone")
    chronology_build(project, tmp_path / "clean")
    expected = snapshot(tmp_path / "clean")
    assert expected != before  # the edit shows on some pages
    chronology_build(project, project / "output")
    assert snapshot(project / "output") == expected
    chronology_build(clone, clone / "output")
    assert snapshot(clone / "output") == expected


def test_a_build_imports_none_of_the_packages_its_cache_key_leaves_out(
    project: Path, tmp_path: Path
) -> None:
    """The pages' cache key hashes the generator's code but not NOT_BUILT: true only while a
    build, started as `chronology build` starts it, imports nothing from those packages."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.build import build\n"
        f"build(Path({str(project / 'content')!r}), Path({str(tmp_path / 'out')!r}),"
        " search_index=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('generator.')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(eval(run.stdout.strip().splitlines()[-1]))  # noqa: S307 - our own print
    assert "generator.site.plugin" in loaded  # it did build
    assert not {m for m in loaded if m.split(".")[1] in NOT_BUILT}


def test_a_change_to_the_importer_keeps_the_kept_pages_one_to_the_site_code_does_not(
    tmp_path: Path,
) -> None:
    code = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", code, ignore=shutil.ignore_patterns("__pycache__"))

    def key() -> bytes:
        return fingerprint({}, [code], None)

    before = key()
    with (code / "importer" / "mentions.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an importer rule changed\n")
    assert key() == before
    with (code / "site" / "context.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a page's context changed\n")
    assert key() != before
