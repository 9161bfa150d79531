"""Parsed records kept on disk between processes, so a second build skips the YAML parser.

What is kept: the data of each record file that parsed and passed its schema cleanly, keyed by
the file's path relative to the content folder (a copy or fresh clone of the project with its
`.cache` restored hits it) and (blake2b of its bytes, size): never by mtime, which git checkout
and rsync -t set back. Files with problems are never kept, so every message about them comes
from the parser and the schema as before. Everything is keyed by a "salt":
a hash of the schemas and of the loader's and validator's code, so a change to any of them
starts an empty cache (the old one is deleted).

Storage: one shard file of `marshal` data (the fastest way CPython has to store plain
dicts, lists and strings; YAML's safe types are all it supports) per folder and month of
the records' names, under the cache folder, default `.cache/chronology/` beside the content
folder. Only changed shards are written back, through a temporary file and a rename, so an
editing session rewrites one small shard per edit.

Every cache file (these shards, the page keys of generator/site/incremental/reuse.py, the compiled
templates of generator/site/write/rendering.py) is sealed: a blake2b checksum of its bytes ahead of
them. A file whose checksum does not match (flipped bits, a same-length edit) is discarded with
a warning and rebuilt; a cache is never a reason for a build to fail or publish wrong data.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import shutil
import sys
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Any

from generator.files import write_atomic

_MARSHAL_VERSION = 4
_SEAL = b"chronology-cache-1\n"
_SUM = 32  # bytes of blake2b


def seal(payload: bytes) -> bytes:
    """The bytes of a cache file: a marker, the checksum of `payload`, `payload`."""
    return _SEAL + hashlib.blake2b(payload, digest_size=_SUM).digest() + payload


def unseal(blob: bytes, where: os.PathLike[str] | str) -> bytes | None:
    """The payload of a sealed cache file, or None (with a warning) if it was changed."""
    head = len(_SEAL) + _SUM
    payload = blob[head:]
    sealed = blob[: len(_SEAL)] == _SEAL and len(blob) >= head
    if sealed and hashlib.blake2b(payload, digest_size=_SUM).digest() == blob[len(_SEAL) : head]:
        return payload
    logging.getLogger("chronology").warning(
        "cache file %s is corrupt (its checksum does not match); discarded, it will be rebuilt",
        os.fspath(where),
    )
    return None


def read_sealed(path: Path) -> bytes | None:
    """The payload of the cache file at `path`; None if missing, unreadable or corrupt (a
    corrupt file is removed, so the warning is given once)."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    payload = unseal(blob, path)
    if payload is None:
        with suppress(OSError):
            os.unlink(path)
    return payload


def write_sealed(path: Path, payload: bytes) -> None:
    """Write a cache file through a temporary file and a rename (raises OSError)."""
    write_atomic(path, seal(payload), durable=False)


# The code whose change must empty the parse cache. A file missing here is a packaging fault,
# so it raises rather than being hashed as "missing" (which would keep stale entries).
_CODE = ("records/loader.py", "records/schema.py", "records/cache.py", "diskcache.py")


def salt(schema_dir: Path) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())
    here = Path(__file__).resolve().parent
    for path in [*(here / name for name in _CODE), *sorted(schema_dir.glob("*.json"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        import yaml

        digest.update(yaml.__version__.encode())
    except ImportError:  # pragma: no cover
        pass
    return digest.hexdigest()


class DiskCache:
    """path -> (stamp, data) for clean record files, in shards loaded on first use. Each
    record's data stays marshalled (compact bytes) until get() hands it out.

    An entry handed out by get() leaves the loaded shard (its data now belongs to the caller,
    which may let it go: a one-shot build keeps only the model). Saving a changed shard
    therefore reads it from disk again and applies what changed (put, gone).
    """

    def __init__(self, folder: Path, salt_value: str, content: Path | None = None):
        self.root = folder
        # Keys are paths relative to the content folder: the same in a copy of the project.
        self._prefixes = (
            tuple({os.fspath(content) + os.sep, os.fspath(content.absolute()) + os.sep})
            if content is not None
            else ()
        )
        self.folder = folder / f"parsed-{salt_value}"
        self._shards: dict[int, dict[str, tuple[int, int, Any]]] = {}
        self._puts: dict[int, dict[str, tuple[int, int, Any]]] = {}
        self._live: set[str] | None = None  # every record file of the last retain_only()
        self._kept: set[Path] = set()
        self._dirty: set[int] = set()
        self.hits = self.misses = 0

    @staticmethod
    def _shard_of(key: str) -> int:
        # Records are read in path order (incidents/2024/2024-03-...): one shard per folder
        # and month of the file name, so a build holds one shard at a time, not all of them.
        folder, _, name = key.rpartition("/")
        return zlib.crc32(f"{folder}/{name[:7]}".encode("utf-8", "surrogatepass"))

    def _key(self, path: Path) -> str:
        key = os.fspath(path)
        for prefix in self._prefixes:
            if key.startswith(prefix):
                return key[len(prefix) :]
        return key

    def _read(self, n: int) -> dict[str, tuple[int, int, Any]]:
        payload = read_sealed(self.folder / f"{n:08x}.marshal")
        if payload is None:
            return {}
        try:
            loaded = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, path: Path, stamp: tuple[int, int]) -> tuple[bool, Any]:
        """(True, data) when `path` is here with this stamp, else (False, None)."""
        key = self._key(path)
        n = self._shard_of(key)
        shard = self._shards.get(n)
        if shard is None:
            shard = self._shards[n] = self._read(n)
        entry = shard.pop(key, None) or self._puts.get(n, {}).get(key)
        if not shard:
            self._shards[n] = shard = {}  # all handed out: let the emptied dict's memory go
        if entry is not None and entry[0] == stamp[0] and entry[1] == stamp[1]:
            self.hits += 1
            return True, marshal.loads(entry[2])
        self.misses += 1
        return False, None

    def has(self, path: Path, stamp: tuple[int, int]) -> bool:
        """Whether get() would find `path` with this stamp (nothing is handed out)."""
        key = self._key(path)
        n = self._shard_of(key)
        shard = self._shards.get(n)
        if shard is None:
            shard = self._shards[n] = self._read(n)
        entry = shard.get(key) or self._puts.get(n, {}).get(key)
        return entry is not None and entry[0] == stamp[0] and entry[1] == stamp[1]

    def put(self, path: Path, stamp: tuple[int, int], data: Any) -> None:
        try:
            blob = marshal.dumps(data, _MARSHAL_VERSION)  # refuses anything but plain data
        except ValueError:
            return
        self.put_blob(path, stamp, blob)

    def put_blob(self, path: Path, stamp: tuple[int, int], blob: bytes) -> None:
        """put() of data already marshalled (as the parse workers send it)."""
        key = self._key(path)
        n = self._shard_of(key)
        self._puts.setdefault(n, {})[key] = (stamp[0], stamp[1], blob)
        self._dirty.add(n)

    def retain_only(self, paths: set[Path]) -> None:
        """The files that exist: the others are dropped from the shards saved next."""
        if paths == self._kept:
            return
        self._kept = set(paths)
        live = {self._key(p) for p in paths}
        if self._live is not None and self._live - live:  # files went away
            self._dirty.update(self._shard_of(key) for key in self._live - live)
        self._live = live

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                for old in self.root.glob("parsed-*"):  # caches of older code or schemas
                    if old != self.folder:
                        shutil.rmtree(old, ignore_errors=True)
            for n in sorted(self._dirty):
                shard = self._read(n)
                shard.update(self._puts.get(n, {}))
                if self._live is not None:
                    shard = {k: v for k, v in shard.items() if k in self._live}
                write_sealed(
                    self.folder / f"{n:08x}.marshal", marshal.dumps(shard, _MARSHAL_VERSION)
                )
        except OSError:
            return  # a read-only or full disk: the cache is an optimisation, never a failure
        self._dirty.clear()
        self._puts.clear()
