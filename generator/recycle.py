"""The site published before the last one, kept to build the next one in.

A build writes a whole new site beside the published one and swaps the two folders
(generator/build.py). Making that new folder from nothing costs one directory per page and
deleting the old site one unlink per file: 40,000 file-system calls for an unchanged
10,000-incident site, most of a rebuild's time. So the old site is not deleted: it is
renamed `.output.spare`, and the next build starts from it. Its pages whose keys are still
right stay where they are (generator/site/reuse.py), the others are replaced (a new file
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

# Folders that other steps fill afresh on each build: Pelican's copy of the theme's static
# files, the search index.
REMADE = ("theme", "pagefind")


def spare_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


def take_spare(output: Path, staging: Path) -> bool:
    """Move the spare site into place as the staging folder; False if there is none."""
    spare = spare_of(output)
    try:
        os.rename(spare, staging)
    except OSError:
        return False
    for name in REMADE:
        shutil.rmtree(staging / name, ignore_errors=True)
    return True


def keep_spare(old_site: Path, output: Path) -> bool:
    """After the swap: keep the previous site (now at `old_site`) as the next spare."""
    spare = spare_of(output)
    if spare.exists():
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
    with os.scandir(f"{root}/{prefix}" if prefix else root) as entries:
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                yield from _files(root, relative + "/")
            else:
                yield relative


def prune(root: Path, found: Iterable[str], expected: set[str]) -> int:
    """Delete the files of `found` that this build did not make or keep (records deleted
    since, files a build killed long ago left), and the folders they leave empty."""
    removed = 0
    base = os.fspath(root)
    for relative in found:
        if relative in expected or relative.partition("/")[0] in REMADE:
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
