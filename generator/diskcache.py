"""Parsed records kept on disk between processes, so a second build skips the YAML parser.

What is kept: the data of each record file that parsed and passed its schema cleanly, keyed by
the file's path and (mtime in ns, size); files with problems are never kept, so every message
about them comes from the parser and the schema as before. Everything is keyed by a "salt":
a hash of the schemas and of the loader's and validator's code, so a change to any of them
starts an empty cache (the old one is deleted).

Storage: one shard file of `marshal` data (the fastest way CPython has to store plain
dicts, lists and strings; YAML's safe types are all it supports) per folder and month of
the records' names, under the cache folder, default `.cache/chronology/` beside the content
folder. Only changed shards are written back, through a temporary file and a rename, so an
editing session rewrites one small shard per edit.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sys
import zlib
from pathlib import Path
from typing import Any

_MARSHAL_VERSION = 4
_CODE = ("loader.py", "schema.py", "validate.py", "diskcache.py")


def salt(schema_dir: Path) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())
    here = Path(__file__).resolve().parent
    for path in [*(here / name for name in _CODE), *sorted(schema_dir.glob("*.json"))]:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode() + b"\0missing")
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

    def __init__(self, folder: Path, salt_value: str):
        self.root = folder
        self.folder = folder / f"parsed-{salt_value}"
        self._shards: dict[int, dict[str, tuple[int, int, Any]]] = {}
        self._puts: dict[int, dict[str, tuple[int, int, Any]]] = {}
        self._live: set[str] | None = None  # every record file of the last keep()
        self._kept: set[Path] = set()
        self._dirty: set[int] = set()
        self.hits = self.misses = 0

    @staticmethod
    def _shard_of(key: str) -> int:
        # Records are read in path order (incidents/2024/2024-03-...): one shard per folder
        # and month of the file name, so a build holds one shard at a time, not all of them.
        folder, _, name = key.rpartition("/")
        return zlib.crc32(f"{folder}/{name[:7]}".encode("utf-8", "surrogatepass"))

    def _read(self, n: int) -> dict[str, tuple[int, int, Any]]:
        try:
            with open(self.folder / f"{n:08x}.marshal", "rb") as handle:
                loaded = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, path: Path, stamp: tuple[int, int]) -> tuple[bool, Any]:
        """(True, data) when `path` is here with this stamp, else (False, None)."""
        key = os.fspath(path)
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
        key = os.fspath(path)
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
        key = os.fspath(path)
        n = self._shard_of(key)
        self._puts.setdefault(n, {})[key] = (stamp[0], stamp[1], blob)
        self._dirty.add(n)

    def keep(self, paths: set[Path]) -> None:
        """The files that exist: the others are dropped from the shards saved next."""
        if paths == self._kept:
            return
        self._kept = set(paths)
        live = {os.fspath(p) for p in paths}
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
                target = self.folder / f"{n:08x}.marshal"
                temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                with open(temporary, "wb") as handle:
                    marshal.dump(shard, handle, _MARSHAL_VERSION)
                os.replace(temporary, target)
        except OSError:
            return  # a read-only or full disk: the cache is an optimisation, never a failure
        self._dirty.clear()
        self._puts.clear()
