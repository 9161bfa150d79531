"""Parsed records kept on disk between processes, so a second build skips the YAML parser.

What is kept: the data of each record file that parsed and passed its schema cleanly, keyed by
the file's path and (mtime in ns, size); files with problems are never kept, so every message
about them comes from the parser and the schema as before. Everything is keyed by a "salt":
a hash of the schemas and of the loader's and validator's code, so a change to any of them
starts an empty cache (the old one is deleted).

Storage: 64 shard files of `marshal` data (the fastest way CPython has to store plain dicts,
lists and strings; YAML's safe types are all it supports) under the cache folder, default
`.cache/chronology/` beside the content folder. Only changed shards are written back, through
a temporary file and a rename, so an editing session rewrites one small shard per edit.
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

SHARDS = 64
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
    """path -> (stamp, data) for clean record files, in shards loaded on first use."""

    def __init__(self, folder: Path, salt_value: str):
        self.root = folder
        self.folder = folder / f"parsed-{salt_value}"
        self._shards: dict[int, dict[str, tuple[int, int, Any]]] = {}
        self._dirty: set[int] = set()
        self._kept: set[Path] = set()  # the paths of the last keep()
        self.hits = self.misses = 0

    @staticmethod
    def _shard_of(key: str) -> int:
        return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS

    def _shard(self, n: int) -> dict[str, tuple[int, int, Any]]:
        shard = self._shards.get(n)
        if shard is None:
            shard = {}
            try:
                with open(self.folder / f"{n:02d}.marshal", "rb") as handle:
                    loaded = marshal.load(handle)
                if isinstance(loaded, dict):
                    shard = loaded
            except (OSError, EOFError, ValueError, TypeError):
                shard = {}
            self._shards[n] = shard
        return shard

    def get(self, path: Path, stamp: tuple[int, int]) -> tuple[bool, Any]:
        """(True, data) when `path` is here with this stamp, else (False, None)."""
        key = os.fspath(path)
        entry = self._shard(self._shard_of(key)).get(key)
        if entry is not None and entry[0] == stamp[0] and entry[1] == stamp[1]:
            self.hits += 1
            return True, entry[2]
        self.misses += 1
        return False, None

    def put(self, path: Path, stamp: tuple[int, int], data: Any) -> None:
        try:
            marshal.dumps(data, _MARSHAL_VERSION)  # refuses anything but plain data
        except ValueError:
            return
        key = os.fspath(path)
        n = self._shard_of(key)
        self._shard(n)[key] = (stamp[0], stamp[1], data)
        self._dirty.add(n)

    def keep(self, paths: set[Path]) -> None:
        """Forget files that are gone (only in the shards already loaded)."""
        if paths == self._kept:
            return
        self._kept = set(paths)
        live = {os.fspath(p) for p in paths}
        for n, shard in self._shards.items():
            stale = [key for key in shard if key not in live]
            for key in stale:
                del shard[key]
            if stale:
                self._dirty.add(n)

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
                target = self.folder / f"{n:02d}.marshal"
                temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                with open(temporary, "wb") as handle:
                    marshal.dump(self._shards[n], handle, _MARSHAL_VERSION)
                os.replace(temporary, target)
        except OSError:
            return  # a read-only or full disk: the cache is an optimisation, never a failure
        self._dirty.clear()
