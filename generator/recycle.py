"""The site published before the last one, kept to build the next one in.

A build writes a whole new site beside the published one and swaps the two folders
(generator/build.py). Making that new folder from nothing costs one directory per page and
deleting the old site one unlink per file: 40,000 file-system calls for an unchanged
10,000-incident site, most of a rebuild's time. So the old site is not deleted: it is
renamed `.output.spare`, and the next build starts from it. Its pages whose keys are still
right stay where they are (generator/site/incremental/reuse.py), the others are replaced (a new file
renamed over the old name, never written through: the spare shares files with the published
site), and whatever a clean build would not hold is removed, found by walking the folder in
a thread while the build runs.

Only the published site is ever served; a build killed at any point leaves it untouched and
leaves a staging folder that the next build deletes (build.clean_leftovers).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from generator import folders

# Folders that other steps fill on each build: Pelican's copy of the theme's static files, the
# search index. The theme is made afresh; the search index is kept, and the search step makes
# it hold exactly its files (generator/site/search/kept.py links in only the shard files that
# changed), or the build removes it when it makes none.
REMADE = ("theme", "pagefind")
EMPTIED = ("theme",)


def spare_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


class Recycler:
    """Called by the chronology's generator once every record is known valid (never before:
    a build that fails validation leaves the spare where it is): moves the spare site into
    place as the staging folder and starts listing its files. Settings to add come back."""

    def __init__(self, output: Path, staging: Path):
        self.output, self.staging = output, staging
        self.inventory: Inventory | None = None

    def __call__(self) -> dict[str, str]:
        spare = spare_of(self.output)
        if not folders.is_marked(spare) or os.listdir(self.staging) != [folders.MARKER]:
            return {}  # no spare, one this tool did not make, or a staging already written to
        os.unlink(self.staging / folders.MARKER)
        self.staging.rmdir()
        try:
            os.rename(spare, self.staging)
        except OSError:
            self.staging.mkdir()
            folders.mark(self.staging)
            return {}
        for name in EMPTIED:
            shutil.rmtree(self.staging / name, ignore_errors=True)
        self.inventory = Inventory(self.staging)
        self.inventory.start()
        return {"CHRONOLOGY_RECYCLED": str(spare)}


def keep_spare(old_site: Path, output: Path) -> bool:
    """After the swap: keep the previous site (now at `old_site`) as the next spare."""
    spare = spare_of(output)
    if os.path.lexists(spare) or not folders.is_marked(old_site):
        return False
    try:
        os.rename(old_site, spare)
    except OSError:
        return False
    return True


class Inventory(threading.Thread):
    """Every file of a folder (relative paths), listed in a thread (directory reads release
    the GIL: the walk costs the build almost nothing on a second core)."""

    def __init__(self, root: Path):
        super().__init__(daemon=True)
        self.root = os.fspath(root)
        self.files: list[str] = []
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            self.files = list(_files(self.root, ""))
        except BaseException as err:  # noqa: BLE001 - raised again by result()
            self.failure = err

    def result(self) -> list[str]:
        self.join()
        if self.failure is not None:
            raise self.failure
        return self.files


def _files(root: str, prefix: str) -> Iterable[str]:
    """The files under `root`, but not in the REMADE folders (prune never removes those: their
    steps make them hold exactly their files, and the search index is half of a site's files)."""
    with os.scandir(f"{root}/{prefix}" if prefix else root) as entries:
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if prefix or entry.name not in REMADE:
                    yield from _files(root, relative + "/")
            else:
                yield relative


def prune(root: Path, found: Iterable[str], expected: set[str]) -> int:
    """Delete the files of `found` that this build did not make or keep (records deleted
    since, files a build killed long ago left), and the folders they leave empty."""
    removed = 0
    base = os.fspath(root)
    for relative in found:
        if (
            relative in expected
            or relative == folders.MARKER
            or relative.partition("/")[0] in REMADE
        ):
            continue
        path = f"{base}/{relative}"
        with suppress(FileNotFoundError):  # a temporary file since renamed
            os.unlink(path)
            removed += 1
        folder = os.path.dirname(path)
        while folder != base:
            try:
                os.rmdir(folder)  # only if empty
            except OSError:
                break
            folder = os.path.dirname(folder)
    return removed
