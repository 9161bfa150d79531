"""Faults during a build: a build that fails or is killed leaves the published output/ as it
was; what a killed build leaves beside it is cleaned by the next build.

`chronology build` renders into `.output.building-<pid>` and swaps it in only at the end
(generator/build.py); Pelican is only ever pointed at that staging folder, so its own
DELETE_OUTPUT_DIRECTORY can never empty the published site.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build
from generator.folders import mark
from generator.records.problems import InvalidContent
from tests.conftest import MAKE_CORPUS

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

CHRONOLOGY = Path(sys.executable).parent / "chronology"


def tree_hash(folder: Path) -> str:
    """Names, modes, modification times and contents of everything under `folder`."""
    digest = hashlib.sha256(str(folder.stat().st_ino).encode())
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(folder)}|{info.st_mode}|{info.st_mtime_ns}|".encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def leftovers(parent: Path, name: str = "output") -> list[str]:
    """Folders builds left beside the output, but the spare (generator/recycle.py), kept on
    purpose: the site published before, which the next build starts from."""
    return sorted(
        p.name
        for p in parent.iterdir()
        if p.name.startswith(f".{name}.") and p.name != f".{name}.spare"
    )


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """output/ holding the real site, as a previous successful build left it."""
    output = tmp_path / "output"
    build(CONTENT, output, search_index=False)
    assert (output / "index.html").is_file()
    return output


# -- a build that fails -------------------------------------------------------------------------
def test_invalid_records_leave_output_untouched(published: Path, content_copy: Path) -> None:
    before = tree_hash(published)
    record = next((content_copy / "incidents" / "2023").glob("*.yaml"))
    record.write_text(record.read_text().replace("kind: ", "kind: kind: ", 1))
    with pytest.raises(InvalidContent):
        build(content_copy, published, search_index=False)
    assert tree_hash(published) == before
    assert leftovers(published.parent) == []


def test_crash_while_writing_pages_leaves_output_untouched(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after 20 pages are written (disk full, a template bug) changes nothing."""
    from generator.site.write.writer import PageWriter

    before = tree_hash(published)
    real_write = PageWriter.write
    calls = []

    def failing_write(self: PageWriter, relative: str, content: str | bytes) -> bool:
        calls.append(relative)
        if len(calls) > 20:
            raise OSError(28, "No space left on device")
        return real_write(self, relative, content)

    monkeypatch.setattr(PageWriter, "write", failing_write)
    with pytest.raises(OSError, match="No space left"):
        # reuse=False: render every page (a rebuild otherwise links unchanged pages from the
        # published site and writes fewer than 21 files)
        build(CONTENT, published, search_index=False, reuse=False)
    assert len(calls) == 21
    assert tree_hash(published) == before
    assert leftovers(published.parent) == []


def test_pelican_delete_output_directory_cannot_empty_the_site(
    published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even told to wipe its output first, Pelican only ever wipes the staging folder."""
    from generator.site.write.writer import PageWriter

    settings = tmp_path / "wipe.conf.py"
    settings.write_text(
        (ROOT / "pelican.conf.py").read_text().replace("__file__", repr(str(ROOT / "x.py")))
        + "\nDELETE_OUTPUT_DIRECTORY = True\n"
    )
    before = tree_hash(published)

    def failing_write(self: PageWriter, relative: str, content: str | bytes) -> bool:
        raise RuntimeError("template bug")

    monkeypatch.setattr(PageWriter, "write", failing_write)
    with pytest.raises(RuntimeError, match="template bug"):
        build(CONTENT, published, settings_file=settings, search_index=False)
    assert tree_hash(published) == before
    monkeypatch.undo()
    build(CONTENT, published, settings_file=settings, search_index=False)  # and it works
    assert (published / "index.html").is_file()


def test_failed_first_build_creates_no_output(tmp_path: Path, content_copy: Path) -> None:
    (content_copy / "bases.yaml").unlink()
    output = tmp_path / "site"
    with pytest.raises(InvalidContent):
        build(content_copy, output, search_index=False)
    assert not output.exists()
    assert leftovers(tmp_path, "site") == []


def test_successful_build_replaces_output_in_one_piece(published: Path) -> None:
    stale = published / "incidents" / "2001-01-01-gone-attack" / "index.html"
    stale.parent.mkdir()
    stale.write_text("a page of a deleted record")
    inode = published.stat().st_ino
    build(CONTENT, published, search_index=False)
    assert not stale.exists()  # the new site is exactly what this build wrote
    assert published.stat().st_ino != inode  # swapped in, not edited in place
    assert (published / "index.html").is_file()
    assert leftovers(published.parent) == []


def test_a_failure_in_the_recycled_folder_leaves_output_untouched(
    published: Path, content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third build starts from the spare (the site published before); failing midway, it
    changes nothing published, loses the spare, and the next build is whole again."""
    from generator.recycle import spare_of
    from generator.site.write.writer import PageWriter

    build(content_copy, published, search_index=False)
    build(content_copy, published, search_index=False)
    spare = spare_of(published)
    assert spare.is_dir()
    before = tree_hash(published)
    record = next((content_copy / "incidents" / "2023").glob("*.yaml"))
    text = record.read_text("utf-8")
    head, summary, tail = text.partition("\nsummary:\n")  # the summary's en, not a note's
    tail = tail.replace("\n  en: >-\n", "\n  en: >-\n    Edited.\n", 1)
    record.write_text(head + summary + tail, "utf-8")
    real_write = PageWriter.write

    def failing_write(self: PageWriter, relative: str, content: str | bytes) -> bool:
        if relative.startswith("en/incidents/"):
            raise OSError(28, "No space left on device")
        return real_write(self, relative, content)

    monkeypatch.setattr(PageWriter, "write", failing_write)
    with pytest.raises(OSError, match="No space left"):
        build(content_copy, published, search_index=False)
    assert tree_hash(published) == before
    assert leftovers(published.parent) == [] and not spare.exists()

    monkeypatch.setattr(PageWriter, "write", real_write)
    build(content_copy, published, search_index=False)
    page = published / "en" / "incidents" / record.stem / "index.html"
    assert "Edited." in page.read_text("utf-8")


def test_a_recycled_build_makes_its_search_index_afresh(
    published: Path, content_copy: Path, tmp_path: Path
) -> None:
    """Nothing of the spare's search index is kept for itself: after a build made in the
    spare, pagefind/ holds exactly the files of a clean build's index, and a file planted in
    the spare's pagefind/ is gone."""
    from generator.recycle import spare_of

    for _ in range(2):
        build(content_copy, published)
    assert spare_of(published).is_dir()
    planted = spare_of(published) / "pagefind" / "stale.pf_index"
    planted.write_bytes(b"left by an older build")
    build(content_copy, published)  # made in the spare
    clean = tmp_path / "clean"
    build(content_copy, clean, reuse=False)

    def files(site: Path) -> dict[str, bytes]:
        folder = site / "pagefind"
        return {
            str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()
        }

    assert files(published) and files(published) == files(clean)
    assert not (published / "pagefind" / "stale.pf_index").exists()


def test_swap_without_renameat2(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The three-rename fallback (no RENAME_EXCHANGE) ends in the same state."""
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    build(CONTENT, published, search_index=False)
    assert (published / "index.html").is_file()
    assert leftovers(published.parent) == []


# -- what a killed build leaves -----------------------------------------------------------------
def test_next_build_removes_a_dead_builds_staging(published: Path) -> None:
    pid = dead_pid()
    for kind in ("building", "old"):
        junk = published.parent / f".output.{kind}-{pid}"
        (junk / "incidents").mkdir(parents=True)
        (junk / "incidents" / "half.html").write_text("<p>half a page")
        mark(junk)  # as the killed build left it: its own folder (generator/folders.py)
    build(CONTENT, published, search_index=False)
    assert leftovers(published.parent) == []


def test_next_build_restores_output_a_kill_left_aside(tmp_path: Path, content_copy: Path) -> None:
    """Killed between the fallback swap's renames: output/ is missing, the site is in .old-."""
    output = tmp_path / "output"
    build(CONTENT, output, search_index=False)
    before = tree_hash(output)
    aside = tmp_path / f".output.old-{dead_pid()}"
    output.rename(aside)
    (content_copy / "actors.yaml").unlink()  # and the next build fails
    with pytest.raises(InvalidContent):
        build(content_copy, output, search_index=False)
    assert output.is_dir() and not aside.exists()
    assert tree_hash(output) == before  # the same folder, moved back, not a copy
    assert leftovers(tmp_path) == []


def test_staging_of_a_running_build_is_left_alone(published: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = published.parent / f".output.building-{sleeper.pid}"
        theirs.mkdir()
        (theirs / "page.html").write_text("being written")
        build(CONTENT, published, search_index=False)
        assert (theirs / "page.html").read_text() == "being written"
    finally:
        sleeper.kill()
        sleeper.wait(timeout=10)


@pytest.mark.slow
def test_sigkill_midway_leaves_output_untouched(tmp_path: Path, published: Path) -> None:
    """SIGKILL `chronology build` on 3000 records while it writes pages: output/ is as it was;
    the next build removes the dead build's staging folder and publishes normally."""
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "3000", str(corpus)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    before = tree_hash(published)
    process = subprocess.Popen(
        [str(CHRONOLOGY), "build", "--content", str(corpus / "content"), "--output", "output"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its render workers share its group: cleaned up below
    )
    staging = tmp_path / f".output.building-{process.pid}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            if staging.is_dir() and sum(1 for _ in staging.rglob("index.html")) >= 50:
                break
            time.sleep(0.05)
        assert process.poll() is None, process.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
        assert staging.is_dir(), "the build never started writing pages"
        os.kill(process.pid, signal.SIGKILL)  # midway: pages written, nothing swapped
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        _end_group(process.pid)

    assert tree_hash(published) == before
    assert leftovers(tmp_path) == [staging.name]  # what the kill left ...

    build(CONTENT, published, search_index=False)
    assert leftovers(tmp_path) == []  # ... the next build removed
    assert (published / "index.html").is_file()


def _end_group(pgid: int) -> None:
    """Kill what is left of the process group we started (orphaned render workers)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


# Stands in for a big build: pages are rendered by forked workers (CHRONOLOGY_PARALLEL_MIN=1,
# CHRONOLOGY_WORKERS=2) and every renderer, parent and child alike, records its pid and then
# takes its time, as one slice of a large corpus would.
_SLOW_PARALLEL_BUILD = """
import os, sys, time
from pathlib import Path
from generator.build import build
from generator.folders import mark
from generator.site.write.render import Renderer

marks = Path(sys.argv[3])

def render_slice(self, pages, out):
    (marks / str(os.getpid())).write_text(str(os.getppid()))
    time.sleep(60)

if sys.argv[4] == "render":
    Renderer.render_slice = render_slice
else:  # the parse workers of the loader
    import generator.records.cache as parse_cache

    def parse_many(job):
        (marks / str(os.getpid())).write_text(str(os.getppid()))
        time.sleep(60)

    parse_cache._parse_many = parse_many
    parse_cache.PARALLEL_PARSE_MIN = 1
build(Path(sys.argv[1]), Path(sys.argv[2]), search_index=False, reuse=False,
      CHRONOLOGY_PARALLEL_MIN=1, CHRONOLOGY_WORKERS=2, CHRONOLOGY_CACHE=False)
"""


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (killed, not yet reaped by its new parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("stage", ["render", "parse"])
def test_workers_die_with_a_sigkilled_build(tmp_path: Path, stage: str) -> None:
    """SIGKILL a build while its forked render (or parse) workers run: they do not live on
    as orphans."""
    marks = tmp_path / "marks"
    marks.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_PARALLEL_BUILD, str(CONTENT), "out", str(marks), stage],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the workers share its group: cleaned up below whatever happens
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while time.monotonic() < deadline and process.poll() is None and not workers:
            workers = [
                int(mark.name)
                for mark in marks.iterdir()
                if mark.name != str(process.pid) and mark.read_text() == str(process.pid)
            ]
            time.sleep(0.05)
        assert process.poll() is None, process.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
        assert workers, f"no {stage} worker started"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and any(_running(pid) for pid in workers):
            time.sleep(0.05)
        assert not [pid for pid in workers if _running(pid)], f"orphaned {stage} workers"
    finally:
        _end_group(process.pid)
