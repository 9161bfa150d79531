"""Shards kept in the cache: their keys, their files checked by hash before use, the store of
padded word chunks, and the published index brought up to date by hard links."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from generator.site.search.pagefind import (
    OPTIONS,
    version,
)
from generator.site.search.shards import (
    PageHashes,
)

FORMAT = "4"  # what this module keeps in a shard's folder: part of the key too

_KEEP_DATA = ("pagefind-entry.json", "index", "filter", "fragment")  # what mergeIndex reads

_KEEP_LOADER = ("pagefind.js", "pagefind-worker.js")  # plus wasm.*: the first shard loads them

MANIFEST = "files.json"

STORED = "chunks.json"  # a padded shard's word chunks: name in index/ -> file in the store

CHUNKS = "chunks"  # the store of padded word chunks


def shard_key(site: Path, pages: list[str], hashes: PageHashes | None = None) -> str:
    """A hash of the shard's pages (names and bytes), the Pagefind version and the options."""
    hashes = hashes or PageHashes(None)
    digest = hashlib.sha256(f"{version()}\0{' '.join(OPTIONS)}\0{FORMAT}\0".encode())
    for page in sorted(pages):
        digest.update(page.encode() + b"\0" + hashes.of(site, page))
    return digest.hexdigest()[:32]


def new_folder(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".new-", dir=where))


def keep(out: Path, where: Path, key: str) -> Path:
    """List `out`'s files with their hashes, then move it to its key in `where`."""
    write_manifest(out)
    final = where / key
    try:
        os.rename(out, final)
    except OSError:  # another build kept the same bundle first: use ours
        return out
    return final


# -- the cache ------------------------------------------------------------------------------------
def _files(bundle: Path) -> dict[str, str]:
    found = {}
    for top, _, names in os.walk(bundle):
        relative = os.path.relpath(top, bundle)
        for name in names:
            if name != MANIFEST:
                key = name if relative == "." else f"{relative}/{name}"
                with open(os.path.join(top, name), "rb") as handle:
                    found[key] = hashlib.file_digest(handle, "sha256").hexdigest()
    return found


def write_manifest(bundle: Path) -> None:
    (bundle / MANIFEST).write_text(json.dumps(_files(bundle), sort_keys=True), "utf-8")


def intact(bundle: Path, checked: PageHashes) -> bool:
    """Every file of the kept `bundle`'s list is there with the hash it was kept with (read
    again unless its inode, size and time are those it was last checked with)."""
    try:
        expected = json.loads((bundle / MANIFEST).read_text("utf-8"))
        if not isinstance(expected, dict) or not expected:
            return False
        root, name = os.fspath(bundle.parent), bundle.name
        return all(
            checked.check(root, f"{name}/{rel}", digest) is not None
            for rel, digest in expected.items()
        )
    except (OSError, ValueError):
        return False


class Store:
    """Padded word chunks, gzipped as Pagefind writes them, named `key-sha-pagefindname` (a
    language code may hold a dash, so the name is cut at the first two): the
    key of what made the chunk, the hash of the file (checked before use), its name in a
    bundle."""

    def __init__(self, folder: Path, checked: PageHashes):
        self.folder, self.checked = folder, checked
        folder.mkdir(parents=True, exist_ok=True)
        self.names = {
            n.split("-")[0]: n for n in os.listdir(folder) if n.count("-") >= 2 and n[0] != "."
        }
        self.made: set[str] = set()  # written by this build: no need to check them
        self.used: set[str] = set()

    def get(self, key: str) -> str | None:
        name = self.names.get(key)
        if name is None or name in self.made:
            return name
        try:
            digest = self.checked.of(self.folder.parent, f"{self.folder.name}/{name}").hex()
        except OSError:
            digest = ""
        if digest[:32] == name.split("-")[1]:
            return name
        (self.folder / name).unlink(missing_ok=True)  # damaged: made again
        del self.names[key]
        return None

    def put(self, key: str, lang: str, data: bytes) -> str:
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        name = f"{key}-{hashlib.sha256(packed).hexdigest()[:32]}-{lang}_"
        name += hashlib.sha256(data).hexdigest()[:7]
        temporary = self.folder / f".{name}-{os.getpid()}"
        temporary.write_bytes(packed)
        os.replace(temporary, self.folder / name)
        self.names[key] = name
        self.made.add(name)
        return name


def stored_intact(padded: Path, store: Store) -> bool:
    """The stored chunks a kept padded shard lists are there, as they were kept."""
    try:
        kept = json.loads((padded / STORED).read_text("utf-8"))
        chunks = list(kept.values()) if isinstance(kept, dict) else []
    except (OSError, ValueError):
        return False
    store.used.update(chunks)
    return all(store.get(name.split("-")[0]) == name for name in chunks)


def prune(cache: Path, live: set[str], store: Store) -> None:
    """Keep the shards and chunks of this build (and those of the builds just before it, the
    key list of the last three builds): editing back and forth stays cheap, the cache stays
    bounded."""
    history = cache / "recent.json"
    try:
        recent = [set(k) for k in json.loads(history.read_text("utf-8"))][-2:]
    except (OSError, ValueError, TypeError):
        recent = []
    recent.append(live | store.used)
    keep = set().union(*recent) | {CHUNKS}
    history.write_text(json.dumps([sorted(k) for k in recent]), "utf-8")
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep and not entry.name.startswith(".new-"):
            shutil.rmtree(entry, ignore_errors=True)
    for name in list(store.names.values()):
        if name not in keep:
            (store.folder / name).unlink(missing_ok=True)


def plan(
    raw: Path, padded: Path, store: Store, name: str, loader: bool
) -> dict[str, tuple[str, int | None]]:
    """The files of shard `name` in the site (relative to pagefind/) -> the kept file each is:
    pages' fragments and filters as Pagefind made them, metas and word chunks padded; the
    first shard also carries Pagefind's loader and wasm files. With each, its inode when the
    check of the kept files read it."""
    plan: dict[str, tuple[str, int | None]] = {}
    known = store.checked.new
    here, there, kept_in = os.fspath(raw), os.fspath(padded), os.fspath(store.folder)
    for rel in json.loads((raw / MANIFEST).read_text("utf-8")):
        top = rel.partition("/")[0]
        if top in _KEEP_DATA[2:] or (loader and (rel in _KEEP_LOADER or rel.startswith("wasm."))):
            plan[f"{name}/{rel}"] = (f"{here}/{rel}", known.get(f"{raw.name}/{rel}", [None])[0])
    for rel in json.loads((padded / MANIFEST).read_text("utf-8")):
        if rel != STORED:
            plan[f"{name}/{rel}"] = (f"{there}/{rel}", known.get(f"{padded.name}/{rel}", [None])[0])
    for rel, kept in json.loads((padded / STORED).read_text("utf-8")).items():
        plan[f"{name}/{rel}"] = (f"{kept_in}/{kept}", None)
    return plan


def sync(
    target: Path, plan: dict[str, tuple[str, int | None]], keep: frozenset[str] = frozenset()
) -> None:
    """Make `target` hold exactly the files of `plan` (and those named in `keep`), as hard
    links to them. A file already linked to its source stays; a changed one is replaced in
    one step (a reader never finds it missing), and only then are the files no longer planned
    unlinked, never written through (a recycled site shares its files with the published one
    and with the cache)."""
    target.mkdir(parents=True, exist_ok=True)
    device = os.stat(target).st_dev
    if plan and os.stat(next(iter(plan.values()))[0]).st_dev != device:  # copies, not links
        plan = {relative: (source, -1) for relative, (source, _) in plan.items()}
    root = os.fspath(target)
    made: set[str] = set()
    for relative, (source, inode) in plan.items():
        path = f"{root}/{relative}"
        if inode is None:
            with contextlib.suppress(OSError):
                there = os.stat(source)
                inode = there.st_ino if there.st_dev == device else None
        with contextlib.suppress(OSError):
            here = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(here.st_mode) and here.st_ino == inode and here.st_dev == device:
                continue  # already this file
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        temporary = f"{parent}/.{os.path.basename(path)}.{os.getpid()}"
        _link(source, temporary)
        os.replace(temporary, path)

    def prune(folder: str, prefix: str) -> bool:  # True if the folder is left empty
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if prune(entry.path, relative + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif relative in plan or relative in keep:
                    empty = False
                else:
                    os.unlink(entry.path)
        return empty

    prune(root, "")


def _link(source: str | Path, dest: str | Path) -> None:
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)
