"""A store of byte strings by key in the build cache, for what a build made and the next build
may take instead of making it again (parts.py: each incident's part of the downloads).

Values are appended to segment files, one per build that added any; a sealed index
(generator/diskcache.py) maps each key to its place and to a blake2b of its bytes. A value is
returned only if it hashes to that digest: a damaged segment costs a value made again, never
a wrong one. Values are stored as they are: a build reads every one of them, and decompressing
thousands of small values costs more than reading them whole. The index is kept for one
`header` (what else the values depend on, such as the fingerprint of code and templates) and
FORMAT; another starts empty.
`commit` keeps only the keys the build used, deletes the segments no key points into, and
rewrites those mostly unused.
"""

from __future__ import annotations

import marshal
import os
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO

from generator.diskcache import read_sealed, write_sealed
from generator.files import digest

INDEX = "index.marshal"
FORMAT = "raw-1"  # how values are stored, part of the index's header

Entry = tuple[str, int, int, bytes]  # segment, offset, length, digest of the bytes


class Segments:
    def __init__(self, folder: Path, header: Any):
        self.folder, self.header = folder, (FORMAT, header)
        loaded: Any = None
        payload = read_sealed(folder / INDEX)
        with suppress(EOFError, ValueError, TypeError):
            loaded = marshal.loads(payload) if payload is not None else None
        same = isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == self.header
        self.entries: dict[bytes, Entry] = loaded[1] if same and isinstance(loaded[1], dict) else {}
        self.used: dict[bytes, Entry] = {}  # the keys this build asked for or added
        self._open: dict[str, Any] = {}  # segment -> its open file, while values are read
        self._segment: tuple[str, BinaryIO] | None = None  # the one this build adds to
        self._offset = 0
        self._lock = threading.Lock()  # values are read and added from threads

    def get(self, key: bytes) -> bytes | None:
        """The value kept under `key`, if its bytes are intact (and then kept by `commit`)."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            segment, offset, length, expected = entry
            with self._lock:
                handle = self._open.get(segment)
                if handle is None:
                    handle = self._open[segment] = open(self.folder / segment, "rb")  # noqa: SIM115
            data = os.pread(handle.fileno(), length, offset)
        except (OSError, ValueError, TypeError):
            return None
        if digest(data) != expected:
            return None
        self.used[key] = entry
        return data

    def keep(self, key: bytes) -> bool:
        """Keep `key`'s value without reading it (it is known to be used); False: none."""
        entry = self.entries.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry is not None

    def put(self, key: bytes, data: bytes) -> None:
        with self._lock:
            if self._segment is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                name = f"{os.getpid()}-{os.urandom(6).hex()}.seg"
                self._segment = (name, open(self.folder / f".{name}", "wb"))  # noqa: SIM115
                self._offset = 0
            name, out = self._segment
            out.write(data)
            self.used[key] = (name, self._offset, len(data), digest(data))
            self._offset += len(data)

    def close(self) -> None:
        with self._lock:
            for handle in self._open.values():
                handle.close()
            self._open.clear()

    def commit(self) -> None:
        """Write the index of the keys used by this build; drop the rest (raises OSError)."""
        self.close()
        if self._segment is not None:
            name, out = self._segment
            out.close()
            os.replace(self.folder / f".{name}", self.folder / name)
            self._segment = None
        if not self.used and not self.entries:
            return
        entries = self._compacted(self.used)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_sealed(self.folder / INDEX, marshal.dumps((self.header, entries)))
        self.entries, self.used = entries, {}
        kept = {segment for segment, *_ in entries.values()}
        for name in os.listdir(self.folder):
            if name.endswith(".seg") and name not in kept:  # only what a store made
                with suppress(OSError):
                    os.unlink(self.folder / name)

    def _compacted(self, entries: dict[bytes, Entry]) -> dict[bytes, Entry]:
        """`entries`, with the segments that are mostly unused bytes rewritten as one."""
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
        name = f"{os.getpid()}-{os.urandom(6).hex()}.seg"
        moved: dict[bytes, Entry] = {}
        offset = 0
        sources: dict[str, int] = {}
        try:
            with open(self.folder / f".{name}", "wb") as out:
                for key, (segment, start, length, expected) in entries.items():
                    if segment not in sparse:
                        continue
                    try:
                        if segment not in sources:
                            sources[segment] = os.open(self.folder / segment, os.O_RDONLY)
                        value = os.pread(sources[segment], length, start)
                    except OSError:
                        continue  # lost: made again when asked for
                    out.write(value)
                    moved[key] = (name, offset, length, expected)
                    offset += length
        finally:
            for descriptor in sources.values():
                os.close(descriptor)
        os.replace(self.folder / f".{name}", self.folder / name)
        return {k: v for k, v in entries.items() if v[0] not in sparse} | moved
