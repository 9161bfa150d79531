"""Builds on real file systems that say no (issue 13, item 16): an output folder that is a
mount point (a Docker volume: EBUSY on any rename of it), a full disk, a read-only parent.

Each file system is a real tmpfs mounted for the test (root only: skipped elsewhere) and
unmounted after it; the command is the real `chronology build`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.folders import MARKER

ROOT = Path(__file__).resolve().parent.parent
CHRONOLOGY = Path(sys.executable).parent / "chronology"


@contextmanager
def tmpfs(where: Path, *options: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(("size=8m", *options)), "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def chronology_build(output: Path, content: Path = ROOT / "content") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(CHRONOLOGY),
            "build",
            "--no-search",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_output_that_is_a_mount_point_is_built_inside(tmp_path: Path) -> None:
    """Renaming a mount point fails with EBUSY: the site is moved into it instead, every time,
    and the result is the same site as an ordinary folder gets."""
    plain = tmp_path / "plain"
    assert chronology_build(plain).returncode == 0
    with tmpfs(tmp_path / "volume") as volume:
        assert os.path.ismount(volume)
        for _ in range(3):  # the first fills an empty volume, the next replace a site
            run = chronology_build(volume)
            assert run.returncode == 0, run.stderr
            assert "Traceback" not in run.stderr
            assert os.path.ismount(volume)  # still the volume, not a folder renamed over it
            assert tree(volume) == tree(plain)
            assert not list(volume.glob(".chronology-old-*"))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plain", "volume"]


def test_a_mount_point_holding_other_files_is_refused(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "volume") as volume:
        (volume / "database.sqlite").write_bytes(b"someone's data")
        run = chronology_build(volume)
        assert run.returncode == 1
        assert "did not make" in run.stderr
        assert (volume / "database.sqlite").read_bytes() == b"someone's data"


def test_a_full_disk_is_said_and_leaves_the_site_as_it_was(
    tmp_path: Path, content_copy: Path
) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        output = disk / "output"
        assert chronology_build(output, content_copy).returncode == 0
        before = tree(output)
        filler = disk / "filler"
        subprocess.run(
            ["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True, check=False
        )
        (content_copy / "bases.yaml").touch()  # every page again: it needs room
        run = chronology_build(output, content_copy)
        assert run.returncode == 1
        assert "Traceback" not in run.stderr, run.stderr
        assert "could not write the site: the disk is full" in run.stderr, run.stderr
        assert f"{output} was left as it was" in run.stderr
        assert tree(output) == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "output"]  # nothing left
        filler.unlink()
        assert chronology_build(output, content_copy).returncode == 0  # and then it works
        assert (output / MARKER).is_file()


def test_a_read_only_parent_is_said(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro") as read_only:
        run = chronology_build(read_only / "output")
        assert run.returncode == 1
        assert "Traceback" not in run.stderr, run.stderr
        assert "could not write the site: the file system is read-only" in run.stderr
        assert list(read_only.iterdir()) == []
