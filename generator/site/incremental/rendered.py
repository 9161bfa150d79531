"""Rendered pages kept in the build cache by key, so that a build into an empty folder (a
fresh clone of the project with its `.cache` restored, as CI has it) writes them instead of
rendering them again.

A page's key (generator/site/incremental/reuse.py) covers everything its bytes depend on: the
versions (content hashes) of the records it shows and a fingerprint of the code, templates,
catalogs, settings and gazetteer. The store keeps, for each key of the last build, the page's
bytes compressed in a segment file, with a blake2b of the bytes: a page is used only if its
bytes decompress and hash to it (never trusted: a damaged segment costs a render, not a wrong
page). Each build adds the pages it rendered as one new segment; the index keeps only the last
build's keys, and segments are rewritten once most of their bytes are no longer used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import threading
import zlib
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from generator.diskcache import read_sealed, write_sealed

INDEX = "index.marshal"
LARGEST = 1 << 20  # bytes: the downloads change with every record; not worth keeping
_LEVEL = 1  # zlib: pages are repetitive markup, and the store is written during a build


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _entry(relative: str, page_key: bytes) -> bytes:
    """A file's place in the store: its path with its key (files may share a key: the
    downloads are made from the same records)."""
    return _digest(relative.encode("utf-8", "surrogatepass") + b"\0" + page_key)


class RenderedPages:
    """The store in `folder`: key -> (segment, offset, length, digest of the page's bytes),
    for pages made under `fingerprint` (what shapes a page besides the records: reuse.py)."""

    def __init__(self, folder: Path, fingerprint: bytes):
        self.folder, self.fingerprint = folder, fingerprint
        loaded: Any = None
        payload = read_sealed(folder / INDEX)
        with suppress(EOFError, ValueError, TypeError):
            loaded = marshal.loads(payload) if payload is not None else None
        same = isinstance(loaded, dict) and loaded.get("fingerprint") == fingerprint
        entries = loaded.get("entries") if same else None  # type: ignore[union-attr]
        self.entries: dict[bytes, tuple[str, int, int, bytes]] = (
            entries if isinstance(entries, dict) else {}
        )
        self.taken = 0  # pages used (counted by the caller)
        self._open: dict[str, Any] = {}  # segment -> its open file, while pages are taken
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def page(self, relative: str, page_key: bytes) -> bytes | None:
        """The file kept for output/`relative` under `page_key`, if its bytes are intact."""
        entry = self.entries.get(_entry(relative, page_key))
        if entry is None:
            return None
        try:
            segment, offset, length, digest = entry
            handle = self._open.get(segment)
            if handle is None:
                handle = self._open[segment] = open(self.folder / segment, "rb")  # noqa: SIM115
            data = zlib.decompress(os.pread(handle.fileno(), length, offset))
        except (OSError, zlib.error, ValueError, TypeError):
            return None
        return data if _digest(data) == digest else None

    def close(self) -> None:
        for handle in self._open.values():
            handle.close()
        self._open.clear()

    def keep_in_background(self, site: Path, keys: dict[str, bytes]) -> None:
        """Start adding the files of `site` whose key (relative path -> key) the store lacks;
        `finish` waits for it. The files are final: the build only reads them from here on."""
        self._thread = threading.Thread(target=self._keep, args=(site, dict(keys)), daemon=True)
        self._thread.start()

    def finish(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _keep(self, site: Path, keys: dict[str, bytes]) -> None:
        with suppress(OSError):  # an optimisation: never a reason for a build to fail
            self.keep(site, keys)

    def keep(self, site: Path, keys: dict[str, bytes]) -> None:
        """Add what the store lacks of `site`'s files, and forget every key not in `keys`."""
        self.close()
        places = {relative: _entry(relative, k) for relative, k in keys.items()}
        live = set(places.values())
        entries = {k: v for k, v in self.entries.items() if k in live}
        new = [(r, places[r]) for r in sorted(places) if places[r] not in entries]
        self.folder.mkdir(parents=True, exist_ok=True)
        if new:
            entries.update(self._segment(site, new))
        entries = self._compacted(entries)
        index = {"fingerprint": self.fingerprint, "entries": entries}
        write_sealed(self.folder / INDEX, marshal.dumps(index))
        self.entries = entries
        used = {segment for segment, *_ in entries.values()} | {INDEX}
        for name in os.listdir(self.folder):
            if name not in used and name.endswith(".pages"):  # only what the store made
                with suppress(OSError):
                    os.unlink(self.folder / name)

    def _segment(
        self, site: Path, files: Iterable[tuple[str, bytes]]
    ) -> dict[bytes, tuple[str, int, int, bytes]]:
        name = f"{os.getpid()}-{os.urandom(6).hex()}.pages"
        temporary = self.folder / f".{name}"
        added: dict[bytes, tuple[str, int, int, bytes]] = {}
        offset = 0
        with open(temporary, "wb") as out:
            for relative, page_key in files:
                try:
                    with open(site / relative, "rb") as handle:
                        data = handle.read(LARGEST + 1)
                except OSError:
                    continue
                if len(data) > LARGEST:
                    continue
                packed = zlib.compress(data, _LEVEL)
                out.write(packed)
                added[page_key] = (name, offset, len(packed), _digest(data))
                offset += len(packed)
        os.replace(temporary, self.folder / name)
        return added

    def _compacted(
        self, entries: dict[bytes, tuple[str, int, int, bytes]]
    ) -> dict[bytes, tuple[str, int, int, bytes]]:
        """The entries, with the segments that are mostly unused bytes rewritten as one."""
        used: dict[str, int] = {}
        for segment, _, length, _ in entries.values():
            used[segment] = used.get(segment, 0) + length
        sparse = set()
        for segment, size in used.items():
            try:
                if size * 2 < os.path.getsize(self.folder / segment):
                    sparse.add(segment)
            except OSError:
                sparse.add(segment)
        if not sparse:
            return entries
        name = f"{os.getpid()}-{os.urandom(6).hex()}.pages"
        temporary = self.folder / f".{name}"
        moved: dict[bytes, tuple[str, int, int, bytes]] = {}
        offset = 0
        with open(temporary, "wb") as out:
            for page_key, (segment, start, length, digest) in entries.items():
                if segment not in sparse:
                    continue
                try:
                    with open(self.folder / segment, "rb") as handle:
                        handle.seek(start)
                        packed = handle.read(length)
                except OSError:
                    continue  # lost: rendered again when asked for
                out.write(packed)
                moved[page_key] = (name, offset, length, digest)
                offset += length
        os.replace(temporary, self.folder / name)
        return {k: v for k, v in entries.items() if v[0] not in sparse} | moved
