"""Which incident pages the index holds, and which shard each incident's pages go in."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import defaultdict
from pathlib import Path
from typing import Any

GLOB = "{incidents,en/incidents}/*/index.html"  # the pages indexed (pages_of finds them)

# Fewer, larger shards: every shard repeats the words of all (search/words.py), so the index
# grows with their number, and each Pagefind run has a start-up cost of its own; the limit keeps
# one run's memory bounded (it grows with the pages of the run).
MAX_INCIDENTS = 1000

_DATED = re.compile(r"(\d{4})-(\d{2})-\d{2}")

_PARTS = (1, 2, 3, 4, 6, 12)  # a year split into this many runs of months


# -- which pages go in which shard ----------------------------------------------------------------
def pages_of(site: Path, stamps: dict[str, os.stat_result] | None = None) -> dict[str, list[str]]:
    """incident id -> its pages (paths relative to `site`), French and English; each page's
    stat in `stamps` if given."""
    found: dict[str, list[str]] = {}
    root = os.fspath(site)  # paths as strings: a Path per page costs more than its stat
    for folder in ("incidents", "en/incidents"):
        top = f"{root}/{folder}"
        if not os.path.isdir(top):
            continue
        with os.scandir(top) as entries:
            for entry in entries:
                page = f"{folder}/{entry.name}/index.html"
                if not entry.is_dir(follow_symlinks=False):
                    continue
                try:
                    info = os.stat(f"{root}/{page}", follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found.setdefault(entry.name, []).append(page)
                    if stamps is not None:
                        stamps[page] = info
    return found


def shards_of(ids: list[str], limit: int = MAX_INCIDENTS) -> dict[str, list[str]]:
    """Shard name -> incident ids. A year is one shard, or `k` runs of months (k in _PARTS,
    the smallest that keeps each under `limit`); a month still over it is cut in fixed
    blocks of sorted ids. Names follow the calendar, so an edit moves no other incident."""
    years: dict[str, list[str]] = defaultdict(list)
    for incident in ids:
        dated = _DATED.match(incident)
        years[dated.group(1) if dated else "other"].append(incident)
    shards: dict[str, list[str]] = {}
    for year, members in sorted(years.items()):
        members.sort()
        if len(members) <= limit or year == "other":
            shards.update(_blocks(year, members, limit))
            continue
        months: dict[int, list[str]] = defaultdict(list)
        for incident in members:
            months[int(incident[5:7])].append(incident)
        for parts in _PARTS:
            span = 12 // parts
            runs = [
                [i for m in range(start, start + span) for i in months.get(m, [])]
                for start in range(1, 13, span)
            ]
            if all(len(run) <= limit for run in runs) or parts == 12:
                break
        for n, run in enumerate(runs, 1):
            if run:
                name = f"{year}-{n:02d}of{parts:02d}" if parts > 1 else year
                shards.update(_blocks(name, run, limit))
    return shards


def _blocks(name: str, members: list[str], limit: int) -> dict[str, list[str]]:
    if len(members) <= limit:
        return {name: members}
    return {
        f"{name}-b{n:03d}": members[start : start + limit]
        for n, start in enumerate(range(0, len(members), limit), 1)
    }


class PageHashes:
    """sha256 of each page, kept in the cache beside the shards. A kept hash is used only
    while the file's inode, size and modification time are the ones it was taken with (the
    build writes a changed page as a new file, so a new inode); otherwise the page is read."""

    def __init__(
        self,
        cache: Path | None,
        stamps: dict[str, os.stat_result] | None = None,
        name: str = "pages.json",
    ):
        self.stamps = stamps or {}
        self.path = None if cache is None else cache / name
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text("utf-8"))
                self.old = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.old = {}

    def of(self, site: Path, page: str) -> bytes:
        info = self.stamps.get(page) or os.stat(site / page)
        stamp = [info.st_ino, info.st_size, info.st_mtime_ns]
        kept = self.old.get(page)
        if isinstance(kept, list) and len(kept) == 4 and kept[:3] == stamp:
            digest = bytes.fromhex(kept[3])
        else:
            with open(site / page, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").digest()
        self.new[page] = [*stamp, digest.hex()]
        return digest

    def check(self, root: str, page: str, digest: str) -> int | None:
        """The inode of `page` if its sha256 is `digest` (hex), else None; read only when its
        stamp is not the one it was last checked with."""
        try:
            info = os.stat(f"{root}/{page}")
        except OSError:
            return None
        kept = self.old.get(page)
        if not (
            isinstance(kept, list)
            and len(kept) == 4
            and kept[0] == info.st_ino
            and kept[1] == info.st_size
            and kept[2] == info.st_mtime_ns
            and kept[3] == digest
        ):
            with open(f"{root}/{page}", "rb") as handle:
                if hashlib.file_digest(handle, "sha256").hexdigest() != digest:
                    return None
        self.new[page] = [info.st_ino, info.st_size, info.st_mtime_ns, digest]
        return info.st_ino

    def save(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.stem}-{os.getpid()}.json")
            temporary.write_text(json.dumps(self.new), "utf-8")
            os.replace(temporary, self.path)


_SAFE = re.compile(r"[a-z0-9][a-z0-9-]*")  # ids as the schema has them: nothing a glob reads


def glob_for(members: list[str], months: dict[str, int]) -> str | None:
    """A Pagefind glob for exactly these incidents' pages: whole months as `YYYY-MM-*`, other
    ids by name; None if an id is not plain enough to stand in a glob."""
    if not all(_SAFE.fullmatch(i) for i in members):
        return None
    by_month: dict[str, list[str]] = defaultdict(list)
    for incident in members:
        by_month[incident[:8]].append(incident)
    parts = []
    for month, ids in sorted(by_month.items()):
        whole = _DATED.match(month + "01") and len(ids) == months.get(month)
        parts += [f"{month}*"] if whole else sorted(ids)
    return "{incidents,en/incidents}/{" + ",".join(parts) + "}/index.html"
