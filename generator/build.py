"""Build a site: Pelican's run into a fresh folder, then swap it in for the published one.

A build that fails, or is killed, leaves the previous output folder exactly as it was: pages
are written into a sibling staging folder, and only a fully successful build replaces the
output, with one atomic exchange of the two folders (renameat2 RENAME_EXCHANGE on Linux).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from generator import folders, recycle
from generator import settings as chronology_settings
from generator.resources import DEFAULT_SETTINGS, THEME_DIR


@dataclass
class BuildReport:
    output: Path
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)


def settings_for(
    content: Path, output: Path, settings_file: Path | None = None, **overrides: Any
) -> dict[str, Any]:
    """Pelican settings from pelican.conf.py, pointed at `content` and writing to `output`."""
    path = settings_path(settings_file)
    override = {
        "PATH": str(content.resolve()),
        "OUTPUT_PATH": str(output.resolve()),
        "CHRONOLOGY_SEEDS": str(content.resolve().parent / "seeds"),
        **overrides,
    }
    settings = read_settings(str(path), override=override)
    chronology_settings.check(settings, str(path))
    # Pelican told to empty its output (DELETE_OUTPUT_DIRECTORY) keeps the build's marker.
    settings["OUTPUT_RETENTION"] = [*settings.get("OUTPUT_RETENTION", ()), folders.MARKER]
    return settings


def settings_path(settings_file: Path | None = None) -> Path:
    """The settings file a build reads: the one given, else ./pelican.conf.py, else ours."""
    if settings_file is not None:
        return settings_file
    return Path("pelican.conf.py") if Path("pelican.conf.py").exists() else DEFAULT_SETTINGS


def run_pelican(settings: dict[str, Any]) -> None:
    """Pelican's own run: every generator's context first, then every output.

    Pelican ends with "Done: Processed 0 articles, 0 drafts…" (its own article machinery, which
    the chronology does not use): that line is dropped; anything else it prints is kept.
    """
    pelican = Pelican(settings)
    capture = console.capture()
    try:
        with capture:
            pelican.run()
    finally:
        printed = _PELICAN_SUMMARY.sub("", capture.get())
        if printed.strip():
            sys.stdout.write(printed)


_PELICAN_SUMMARY = re.compile(r"Done: Processed .*? seconds\.\n?", re.DOTALL)


def build(
    content: Path,
    output: Path,
    *,
    settings_file: Path | None = None,
    search_index: bool = True,
    public: bool = False,
    **overrides: Any,
) -> BuildReport:
    """Build `content` into `output` atomically; raises InvalidContent on bad records,
    folders.UnsafeOutput (before touching anything) for an output it must not replace, and
    SiteURLError for a bad SITEURL, or none when `public` (a site to publish) is asked."""
    from generator.site.incremental import BuildState

    started = time.perf_counter()
    output = output.resolve()
    seeds = overrides.get("CHRONOLOGY_SEEDS") or content.resolve().parent / "seeds"
    folders.check_output(
        output,
        content=content,
        seeds=Path(seeds),
        theme=THEME_DIR / "templates",
        settings_file=settings_path(settings_file),
    )
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")
    state = overrides.pop("CHRONOLOGY_STATE", None) or BuildState(keep=False)
    # Pages whose records did not change are hard-linked from the published site
    # (generator/site/incremental/reuse.py), or left in place in the recycled folder the
    # build starts from (generator/recycle.py), taken only once the records are known valid
    # (a failed validation leaves it where it is); reuse=False in the overrides renders
    # every page.
    overrides.setdefault("CHRONOLOGY_PUBLISHED", str(output))  # its ids stay (site/plumbing.py)
    recycler = None
    if overrides.pop("reuse", True):
        overrides.setdefault("CHRONOLOGY_REUSE_FROM", str(output))
        recycler = overrides["CHRONOLOGY_ON_VALID"] = recycle.Recycler(output, staging)
    settings = settings_for(content, staging, settings_file, CHRONOLOGY_STATE=state, **overrides)
    settings["SITEURL"] = site_url(settings.get("SITEURL") or "", public=public)
    state.stats["site_url"] = settings["SITEURL"]
    output.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(output)
    if not folders.remove(staging):
        raise folders.UnsafeOutput(f"{staging} is in the way, and this build did not make it.")
    staging.mkdir()
    try:
        folders.mark(staging)
    except OSError:  # a full disk: the empty folder (or its half-written marker) goes
        folders.remove(staging)
        raise
    try:
        run_pelican(settings)
        if recycler is not None and recycler.inventory is not None:
            if state.files is None:  # the chronology's generator did not run: keep nothing
                raise RuntimeError(f"{staging}: no list of the files this build made")
            found = recycler.inventory.result()
            state.stats["pruned"] = recycle.prune(staging, found, state.files)
        if state.reuse is not None:  # the pages are final: the cache keeps them meanwhile
            reuse = state.reuse
            reuse.rendered.keep_in_background(staging, reuse.new, reuse.written)
        if search_index:
            from generator.site import search

            if not state.keep:
                state.forget()
            release_memory()  # Pagefind runs beside this process: its peak adds to ours

            state.stats.update(search.index(staging, search.cache_folder(content, overrides)))
        else:  # a recycled folder keeps the index of the build it held
            shutil.rmtree(staging / "pagefind", ignore_errors=True)
        if state.reuse is not None:
            state.reuse.rendered.finish()  # it reads the pages where they are before the swap
            kept = state.reuse.rendered
            state.stats.update(pages_kept=kept.added, pages_kept_seconds=kept.seconds)
        swap_in(staging, output)
        if state.reuse is not None:
            if staging.exists() and recycle.keep_spare(staging, output):
                state.reuse.retire(recycle.spare_of(output))
            state.reuse.save(output, output)
    finally:
        if state.reuse is not None:
            state.reuse.rendered.finish()
        if recycler is not None and recycler.inventory is not None:
            recycler.inventory.join()
        folders.remove(staging)
    return BuildReport(output, time.perf_counter() - started, dict(state.stats))


class SiteURLError(ValueError):
    """A site address that is not an absolute http(s) URL, or none for a public build."""


def site_url(value: str, *, public: bool = False) -> str:
    """SITEURL checked: '' (a local preview, relative links) or http(s)://host[/path], without
    a trailing slash; a public build needs one (sitemap, feed and JSON-LD addresses)."""
    value = value.strip().rstrip("/")
    if not value:
        if public:
            raise SiteURLError(
                "a public build needs the site's address: give --site-url https://… "
                "(or set SITEURL); sitemap.xml, the feeds and the pages' JSON-LD carry it."
            )
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SiteURLError(
            f"site URL {value!r}: expected an absolute address such as https://example.org "
            "or https://example.org/chronology (http or https, no query or fragment)."
        )
    return value


def clean_leftovers(output: Path) -> None:
    """Remove what killed builds left beside `output`; put back an output a kill left aside.

    A build killed before its swap leaves `.output.building-<pid>`; the fallback swap, killed
    between its renames, can leave the previous site as `.output.old-<pid>` with no `output`.
    Folders of builds still running (their process is alive) are left alone.
    """
    for leftover in sorted(output.parent.glob(f".{output.name}.*-*")):
        kind, _, pid = leftover.name[len(output.name) + 2 :].rpartition("-")
        if kind not in ("building", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not output.exists():
            os.rename(leftover, output)
        else:
            folders.remove(leftover)  # only what a build made


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own name: a leftover of an earlier build in this process
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows: keep it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, output: Path) -> None:
    """Make `staging` the new `output` in one step; the old output ends up in `staging`.

    An output that is a mount point (a Docker volume) cannot be renamed (EBUSY): the new
    site is moved into it instead (see move_inside), which is not atomic."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    try:  # not Linux, or a filesystem without the call
        os.rename(output, old)
    except OSError as err:
        if err.errno != errno.EBUSY:
            raise
        move_inside(staging, output)
        return
    os.rename(staging, output)
    os.rename(old, staging)


def move_inside(staging: Path, output: Path) -> None:
    """Replace what `output` holds by what `staging` holds, entry by entry, keeping the folder
    itself: the old entries go into a folder inside it first (same file system, so renames),
    then the new ones come in (renamed, or copied from another file system), then the old
    ones are deleted. A reader may see a mixed site for that moment; a kill leaves the old
    site in `.chronology-old-<pid>` inside it, which the next build removes."""
    for stale in output.glob(".chronology-old-*"):
        folders.remove(stale)
    old = output / f".chronology-old-{os.getpid()}"
    old.mkdir()
    folders.mark(old)
    for entry in os.listdir(output):
        if entry != old.name:
            os.replace(output / entry, old / entry)
    shutil.move(staging / folders.MARKER, output / folders.MARKER)  # first: output stays ours
    for entry in os.listdir(staging):
        shutil.move(staging / entry, output / entry)
    folders.remove(old)


def release_memory() -> None:
    """Give back to the system what the pages' rendering freed: CPython keeps freed memory
    in its allocator's arenas and glibc's heap otherwise, so the process stays at its peak."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(None).malloc_trim(0)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
