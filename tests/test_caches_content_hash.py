"""Caches that cannot lie (issue 12 item 5, issue 13 item 10): every cache key that stands for a
file is a hash of its bytes, every cache file carries a checksum, and a corrupt cache is
discarded with a warning. Real builds (Pelican) into real folders; pages read as published."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.records.problems import InvalidContent

ROOT = Path(__file__).resolve().parent.parent
RECORD = "incidents/2023/2023-10-18-ain-al-asad-attack.yaml"
PAGE = "en/incidents/2023-10-18-ain-al-asad-attack/index.html"


@pytest.fixture
def project(content_copy: Path) -> Path:
    return content_copy.parent  # content/ with seeds/ beside it, as a checkout has them


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and put the modification time back, as git
    checkout, rsync -t or touch -r do."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def run(root: Path, **settings: object) -> dict[str, object]:
    return build(root / "content", root / "output", search_index=False, **settings).stats


def test_a_same_size_edit_with_its_mtime_put_back_is_rebuilt_or_refused(project: Path) -> None:
    run(project)
    run(project)  # the parse cache and the page keys are warm
    record = project / "content" / RECORD
    page = (project / "output" / PAGE).read_text("utf-8")
    assert "engaged two drones" in page
    # A valid edit: the published page shows it.
    same_size_edit(record, "engaged two drones", "engaged tWo drones")
    stats = run(project)
    assert stats["rendered"] > 0
    now = (project / "output" / PAGE).read_text("utf-8")
    assert "engaged tWo drones" in now
    # An invalid edit: the build refuses it as validate does; the site stays as it was.
    same_size_edit(record, "kind: attack", "kind: attakk")
    with pytest.raises(InvalidContent) as err:
        run(project)
    assert "not-allowed" in {p.rule for p in err.value.problems}
    assert (project / "output" / PAGE).read_text("utf-8") == now


def test_an_edited_override_template_renders_every_page_again(project: Path) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    layout = (ROOT / "templates/layout.html").read_text("utf-8")
    assert '<footer class="site">' in layout
    (overrides / "layout.html").write_text(
        layout.replace('<footer class="site">', '<footer class="site"><p>MARK-ONE</p>'), "utf-8"
    )
    settings = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    run(project, **settings)
    pages = sorted((project / "output").rglob("*.html"))
    with_layout = [p for p in pages if "MARK-ONE" in p.read_text("utf-8")]
    assert len(with_layout) > 50
    same_size_edit(overrides / "layout.html", "MARK-ONE", "MARK-TWO")
    stats = run(project, **settings)
    assert stats["reused"] == 0
    for page in with_layout:
        text = page.read_text("utf-8")
        assert "MARK-TWO" in text and "MARK-ONE" not in text, page


def cache_files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((root / ".cache").rglob("*"))
        if p.is_file()
    }


def test_a_copy_of_the_project_with_its_cache_gets_hits(project: Path, tmp_path: Path) -> None:
    run(project)
    before = cache_files(project)
    assert any("/parsed-" in name for name in before)
    assert any("/templates-" in name for name in before)
    clone = tmp_path / "clone"  # as CI restores .cache into a fresh checkout elsewhere
    shutil.copytree(project / "content", clone / "content")
    shutil.copytree(project / "seeds", clone / "seeds")
    shutil.copytree(project / ".cache", clone / ".cache")
    for path in (clone / "content").rglob("*"):
        os.utime(path)  # a fresh clone: every file has a new mtime
    copied = cache_files(clone)
    run(clone)
    after = cache_files(clone)
    # Hits: no parsed shard and no compiled template was written again.
    changed = [
        name
        for name in after
        if ("/parsed-" in name or "/templates-" in name) and after[name] != copied.get(name)
    ]
    assert changed == []


def flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for n in range(20):  # 20 bits in the middle: the length is unchanged
        data[len(data) // 2 + n // 8] ^= 1 << (n % 8)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["parsed-", "templates-", "pages.marshal"])
def test_flipped_bits_in_a_cache_file_are_discarded_with_a_warning(
    project: Path, tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    run(project)
    run(project)  # pages.marshal now names the published site
    clean = {
        p.relative_to(project / "output"): p.read_bytes()
        for p in (project / "output").rglob("*.html")
    }
    targets = [p for p in (project / ".cache").rglob("*") if p.is_file() and kind in str(p)]
    assert targets
    for target in targets:
        flip(target)
    with caplog.at_level(logging.WARNING, logger="chronology"):
        run(project)  # not fatal
    warned = [r.getMessage() for r in caplog.records if "corrupt" in r.getMessage()]
    assert warned, f"no warning for {kind}"
    published = {
        p.relative_to(project / "output"): p.read_bytes()
        for p in (project / "output").rglob("*.html")
    }
    assert published == clean  # nothing wrong was published
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="chronology"):
        run(project)  # the cache was rebuilt: no warning again
    assert not [r for r in caplog.records if "corrupt" in r.getMessage()]


def test_the_live_server_reads_a_settled_file_once_and_still_sees_every_edit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that builds again (the live server) does not hash an unchanged record again,
    but a same-size edit with its mtime put back moves the ctime: it is hashed and shown."""
    from generator.build import run_pelican, settings_for
    from generator.records import cache
    from generator.site.incremental import BuildState

    content, output, state = project / "content", project / "output", BuildState()
    record = content / RECORD

    def rebuild() -> list[Path]:
        read: list[Path] = []
        real = cache.read_bytes

        def counted(path: Path, *args: object) -> bytes:
            read.append(Path(path))
            return real(path, *args)

        monkeypatch.setattr(cache, "read_bytes", counted)
        run_pelican(settings_for(content, output, CHRONOLOGY_STATE=state))
        return read

    # Just written (the copy): hashed on every rebuild until it has been left alone a while.
    assert record in rebuild()
    assert record in rebuild()
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # as if the copy were old
    rebuild()
    assert record not in rebuild()  # unchanged and settled: its stamp is the one kept

    same_size_edit(record, "engaged two drones", "engaged tWo drones")
    assert record in rebuild()
    assert "engaged tWo drones" in (output / PAGE).read_text("utf-8")
    same_size_edit(record, "engaged tWo drones", "engaged two drones")
    assert record in rebuild()
    assert "engaged two drones" in (output / PAGE).read_text("utf-8")
