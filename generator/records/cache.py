"""The parse cache: each record file read, parsed and schema-checked once while it is unchanged.

A file is keyed by the hash of its bytes (never its mtime); many uncached files are parsed in
forked worker processes (`FileCache.prefetch`). A process that builds again (the live server)
hashes a file again unless its inode, size, mtime and ctime are those it was hashed with and it
had been left alone for a while before (`FileCache.stamp`): any write, and any utime that puts
an mtime back, moves the ctime, which no user can set. What the cache holds is checked across
records by generator.records.checks and turned into model objects by generator.records.assemble.
"""

from __future__ import annotations

import marshal
import os
import stat
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

from generator.records.loader import (
    MAX_BYTES_LIST,
    YamlError,
    decode,
    digest,
    load_file,
    read_bytes,
)
from generator.records.problems import Problem, display_path
from generator.records.schema import schema


@dataclass
class ParsedFile:
    path: Path
    data: Any
    _text: str | None  # None: not kept in memory (a clean file), read again when needed
    problems: list[Problem]
    stamp: tuple[int, int]  # (blake2b of the bytes, size): the cache key; (0, 0) unreadable
    # The model object built from this file, reused while the file and the gazetteer it was
    # built against are unchanged: unchanged records keep their identity across rebuilds.
    built: tuple[Any, Any] | None = None  # (gazetteer key, model.Incident)
    # Problems of the cross-checks (references, dates...) of this file, and what they were
    # checked against: reused while neither the file nor that changed.
    checked: tuple[Any, list[Problem]] | None = None
    links: dict[str, Any] | None = None  # what the checks across records read of it
    root: Path | None = None  # the content folder (symbolic links may point inside it)

    @property
    def text(self) -> str:
        """The file's text. A clean file's text is not kept (the memory would grow with the
        chronology as its files do on disk): it is read again to locate a problem, and used
        only if its hash is the stamp's (else the problem has no line: never one pointing
        into other text)."""
        if self._text is not None:
            return self._text
        try:
            raw = read_bytes(self.path, max(self.stamp[1], MAX_BYTES_LIST), self.root)
            return decode(raw) if digest(raw) == self.stamp[0] else ""
        except (OSError, YamlError):
            return ""


@dataclass
class FileCache:
    """Parsed and schema-checked files by path; the live server keeps one across rebuilds.

    `disk` (optional) keeps clean files' data between processes (generator.diskcache);
    `workers` > 1 parses many uncached files at once in forked processes (`prefetch`).
    """

    entries: dict[Path, ParsedFile] = field(default_factory=dict)
    disk: Any = None  # generator.diskcache.DiskCache
    workers: int = 1
    lean: bool = False  # one build only: keep the model objects, not the parsed data
    paths: dict[str, Path] = field(default_factory=dict)  # see incident_files
    root: Path | None = None  # the content folder: symbolic links may not leave it
    _pending: Any = field(default=None, repr=False)  # (pool, results, paths) of prefetch
    inputs: Any = None  # the checks' inputs (checks.Inputs) at the last run
    # Per path: the file's status when it was hashed, and the stamp it hashed to (see stamp).
    hashed: dict[Path, tuple[tuple[int, ...], tuple[int, int]]] = field(
        default_factory=dict, repr=False
    )

    def stamp(self, path: Path, limit: int) -> tuple[int, int]:
        """The file's stamp (`_stamp`), hashed again unless its status is the one it had when it
        was last hashed. The status is kept only for a regular file whose last change (ctime)
        was SETTLED_NS before it was read: a file written again within a coarse timestamp tick
        of that read would show the same ctime (the "racy" case git's index guards against)."""
        started = time.time_ns()
        try:
            info = os.lstat(path)
        except OSError:
            return _stamp(path, limit, self.root)
        now = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        known = self.hashed.get(path)
        if known is not None and known[0] == now:
            return known[1]
        found = _stamp(path, limit, self.root)
        settled = info.st_ctime_ns < started - SETTLED_NS
        if found != (0, 0) and stat.S_ISREG(info.st_mode) and settled:
            self.hashed[path] = (now, found)
        else:
            self.hashed.pop(path, None)
        return found

    def get(
        self, path: Path, schema_name: str, limit: int, stamp: tuple[int, int] | None = None
    ) -> ParsedFile:
        if self._pending is not None:
            self._take(path)
        if stamp is None:
            stamp = self.stamp(path, limit)
        cached = self.entries.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached
        if self.disk is not None and stamp != (0, 0):
            # Checked, not trusted: the entry is the one put for this file's bytes (the key is
            # their hash), by this code against these schemas (the cache folder's salt), and
            # its shard file is whole (its seal); only data that passed the schema is put.
            found, data = self.disk.get(path, stamp)
            if found:
                parsed = ParsedFile(path, data, None, [], stamp, root=self.root)
                self.entries[path] = parsed
                return parsed
        parsed = self.entries[path] = _parse(path, schema_name, limit, self.root)
        if self.disk is not None and not parsed.problems and parsed.stamp != (0, 0):
            self.disk.put(path, parsed.stamp, parsed.data)  # the hash of the bytes parsed
        return parsed

    def prefetch(self, paths: list[Path], schema_name: str, limit: int) -> dict[Path, Any]:
        """Stamp every path; start parsing the uncached ones in worker processes when there
        are many. Returns the stamps, for `get`, which takes the workers' results as they
        come (in path order), so records are checked while the rest are being parsed.
        Parsing in workers gives the same ParsedFile as `get` would (same functions).
        """
        stamps = {path: self.stamp(path, limit) for path in paths}
        if self.workers < 2:
            return stamps
        todo = []
        for path, stamp in stamps.items():
            cached = self.entries.get(path)
            if cached is not None and cached.stamp == stamp:
                continue
            if self.disk is not None and stamp != (0, 0) and self.disk.has(path, stamp):
                continue
            todo.append(path)
        if len(todo) < PARALLEL_PARSE_MIN:
            return stamps
        import multiprocessing

        chunk = max(1, min(250, len(todo) // (self.workers * 4)))
        jobs = [
            (todo[i : i + chunk], schema_name, limit, self.root) for i in range(0, len(todo), chunk)
        ]
        from generator.children import die_with_parent

        pool = multiprocessing.get_context("fork").Pool(
            self.workers, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        self._pending = (pool, pool.imap(_parse_many, jobs), set(todo))
        return stamps

    def _take(self, path: Path) -> None:
        """Store the workers' results up to the one for `path`."""
        pool, results, waiting = self._pending
        while path in waiting:
            try:
                batch = next(results)
            except StopIteration:
                self.finish()
                return
            for parsed in batch:
                if type(parsed) is tuple:
                    where, stamp, blob = parsed
                    parsed = ParsedFile(where, marshal.loads(blob), None, [], stamp, root=self.root)
                    if self.disk is not None and stamp != (0, 0):
                        self.disk.put_blob(where, stamp, blob)
                waiting.discard(parsed.path)
                self.entries[parsed.path] = parsed

    def finish(self) -> None:
        """End the parse workers (after the last result, or when the run stops early)."""
        if self._pending is not None:
            pool = self._pending[0]
            self._pending = None
            pool.terminate()
            pool.join()


SETTLED_NS = 2_000_000_000  # longer than any file system's timestamp tick
PARALLEL_PARSE_MIN = 500  # below this many files to parse, forking costs more than it saves


def _stamp(path: Path, limit: int, root: Path | None) -> tuple[int, int]:
    """The cache key of a file: a hash of its bytes (a same-size edit with its mtime put back,
    as git checkout or rsync -t do, is a new key), and its size."""
    try:
        data = read_bytes(path, limit, root)
    except (OSError, YamlError):
        return (0, 0)  # never cached: parsing it reports why
    return (digest(data), len(data))


def _parse(path: Path, schema_name: str, limit: int, root: Path | None) -> ParsedFile:
    raw = None
    with suppress(OSError, YamlError):  # if not, load_file reads it again and says why
        raw = read_bytes(path, limit, root)
    stamp = (digest(raw), len(raw)) if raw is not None else (0, 0)
    data, text, problems = load_file(path, limit, root, raw)
    if not problems:
        problems = schema(schema_name).problems(data, text, display_path(path))
    if problems:  # keep the text of a file with problems: its messages were located in it
        return ParsedFile(path, data, text, problems, stamp, root=root)
    return ParsedFile(path, _compact(data), None, problems, stamp, root=root)


def _compact(value: Any) -> Any:
    """The same data, with every mapping key and every short text interned: one object per
    distinct key or value ("id", "attack", a base id, a day...) across all the records, not
    one per record (a third less memory). Only for clean data (plain dicts, lists, str)."""
    kind = type(value)
    if kind is dict:
        return {(intern(k) if type(k) is str else k): _compact(v) for k, v in value.items()}
    if kind is list:
        return [_compact(v) for v in value]
    if kind is str and len(value) <= 40:
        return intern(value)
    return value


def _parse_many(job: tuple[list[Path], str, int, Path | None]) -> list[Any]:
    """Parse in a worker process. Clean data goes back as marshal bytes, which keep strings
    interned and load faster than pickle's; the rest (problems) as ParsedFile."""
    files, schema_name, limit, root = job
    out: list[Any] = []
    for path in files:
        parsed = _parse(path, schema_name, limit, root)
        if not parsed.problems:
            try:
                out.append((path, parsed.stamp, marshal.dumps(parsed.data)))
                continue
            except ValueError:  # not plain data: send it as it is
                pass
        out.append(parsed)
    return out
