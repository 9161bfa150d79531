"""Which folders a build may replace or delete: only those it made itself.

A build marks every folder it makes (its staging folder, so the published site and the
recycled one too) with a small file, MARKER; nothing is removed, reused or swapped away
without it. And the output may never be, hold or lie inside the records, the stored
articles or the theme, nor be or hold the project or the current folder: `--output content`
or `--output .` are refused before anything is touched.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

MARKER = ".chronology-site"
_MARKER_TEXT = (
    "This folder was made by `chronology build`; the next build may replace or delete it.\n"
)


class UnsafeOutput(Exception):
    """An output folder the build must not write to, replace or delete (the message says why)."""


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def claim(folder: Path) -> None:
    """Mark `folder` as a build's if it is empty (a new output) and not marked yet; a folder
    holding anything else stays unmarked, so `chronology build` will not replace it."""
    if not is_marked(folder) and _is_empty(folder):
        mark(folder)


def is_marked(folder: Path) -> bool:
    marker = folder / MARKER
    return not marker.is_symlink() and marker.is_file()


def _is_empty(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def remove(folder: Path) -> bool:
    """Delete `folder` if the build made it (or it is empty); False (and a warning) when it
    holds anything else, which is then left exactly as it is."""
    if not os.path.lexists(folder):
        return True
    if folder.is_symlink() or not folder.is_dir():
        log.warning("%s was left in place: it is not a folder made by chronology build", folder)
        return False
    if is_marked(folder):
        shutil.rmtree(folder, ignore_errors=True)
        return not folder.exists()
    if _is_empty(folder):
        folder.rmdir()
        return True
    log.warning(
        "%s was left in place: it has no %s file, so chronology build did not make it",
        folder,
        MARKER,
    )
    return False


def project_roots(*starts: Path) -> set[Path]:
    """The folders holding a project: the nearest folder above each start with `.git` or
    `pyproject.toml`."""
    roots = set()
    for start in starts:
        for folder in (start, *start.parents):
            if (folder / ".git").exists() or (folder / "pyproject.toml").exists():
                roots.add(folder)
                break
    return roots


def check_output(
    output: Path,
    *,
    content: Path,
    seeds: Path | None = None,
    theme: Path | None = None,
    settings_file: Path | None = None,
) -> None:
    """Raise UnsafeOutput if building into `output` could overwrite or delete anything that is
    not a site this tool built."""
    output = output.resolve()
    check_place(output, content=content, seeds=seeds, theme=theme, settings_file=settings_file)
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UnsafeOutput(f"--output {output} is not a folder: nothing was changed.")
    if output.is_dir() and not _ours(output):
        raise UnsafeOutput(
            f"--output {output} already holds files that chronology build did not make "
            f"(it has no {MARKER} file), and a build replaces that folder whole: nothing was "
            "changed. Build into a new or empty folder, or move that one away first."
        )


def check_place(
    output: Path,
    *,
    content: Path,
    seeds: Path | None = None,
    theme: Path | None = None,
    settings_file: Path | None = None,
) -> None:
    """Raise UnsafeOutput if `output` is, holds or lies inside the records, the stored articles
    or the templates, or is or holds the project or the current folder."""
    output = output.resolve()
    kept = {"content folder": content.resolve()}
    if seeds is not None:
        kept["folder of stored articles"] = seeds.resolve()
    if theme is not None:
        kept["templates folder"] = theme.resolve()
    for what, folder in kept.items():  # neither it, nor above it, nor inside it
        if output == folder or folder.is_relative_to(output) or output.is_relative_to(folder):
            raise UnsafeOutput(
                f"--output {output} {_relation(output, folder)} the {what} ({folder}): "
                "the build replaces its output folder whole, so it would lose those files. "
                "Choose a folder of its own, such as output/."
            )
    cwd = Path.cwd().resolve()
    above = [("current folder", cwd)]
    starts = [cwd, kept["content folder"]]
    if settings_file is not None:
        above.append(("folder of the settings file", settings_file.resolve().parent))
        starts.append(settings_file.resolve().parent)
    above = [("project folder", root) for root in project_roots(*starts)] + above
    for what, folder in above:  # neither it nor above it (inside it is fine)
        if output == folder or folder.is_relative_to(output):
            raise UnsafeOutput(
                f"--output {output} {_relation(output, folder)} the {what} ({folder}): "
                "the build replaces its output folder whole. "
                "Choose a folder of its own, such as output/."
            )


def _ours(folder: Path) -> bool:
    """Made by a build: marked, empty, or holding only what a build killed while moving a new
    site into a mount point left (generator/build.py: move_inside)."""
    if is_marked(folder):
        return True
    return all(
        entry.name.startswith(".chronology-old-") and is_marked(Path(entry.path))
        for entry in os.scandir(folder)
    )


def _relation(output: Path, folder: Path) -> str:
    if output == folder:
        return "is"
    if folder.is_relative_to(output):
        return "holds"
    return "lies inside"
