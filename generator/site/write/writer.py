"""The one way out: every page of the chronology reaches the output folder through here.

A page is written only when its bytes change (so an incremental rebuild touches only what
changed, and file watchers and rsync see only real changes); writes go through a temporary
file and a rename, so a reader or a killed build never sees half a page.

Tens of thousands of pages go through here per build, so this uses plain os calls (pathlib
costs several times more per file), creates each folder once, and skips the comparison with
the file on disk when the build started from an empty folder (`fresh`: nothing to compare).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pelican.utils import sanitised_join

from generator.files import digest, stamp
from generator.folders import MARKER


@dataclass
class PageWriter:
    output: Path
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    fresh: bool = False  # the output folder was empty when the build began
    # relative path -> (size, mtime_ns, content) of files written with remember=True: when
    # the very same content object comes again and the file's stat has not moved, the file
    # is known to hold it, without reading it back (the large downloads, on every rebuild).
    known: dict[str, tuple[int, int, object]] = field(default_factory=dict, repr=False)
    reused: set[str] = field(default_factory=set, repr=False)  # see link() and leave()
    # Every file this writer put in the folder, or found there already right (see leave());
    # a recycled folder (generator/build.py) loses the files that are not in it.
    touched: set[str] = field(default_factory=set, repr=False)
    background: bool = False  # write_kept of big files in a thread (see _write, finish)
    # relative path -> (size, digest) of each file written, when the build keeps its pages
    # (generator/site/incremental/rendered.py): so it need not read them back.
    digests: dict[str, tuple[int, bytes]] | None = None
    _pending: list[Any] = field(default_factory=list, repr=False)
    _folders: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._root = os.fspath(self.output)

    @classmethod
    def into(
        cls, output: Path, known: dict[str, tuple[int, int, object]] | None = None
    ) -> PageWriter:
        """A writer for `output`, fresh when the folder is empty or does not exist yet;
        `known` is kept by the caller across builds into the same folder (see `write`)."""
        try:
            with os.scandir(output) as entries:  # the build's marker aside (generator/folders.py)
                fresh = next((e for e in entries if e.name != MARKER), None) is None
        except FileNotFoundError:
            fresh = True
        if known is None:
            known = {}
        elif fresh:
            known.clear()
        return cls(output, fresh=fresh, known=known)

    def fork(self) -> PageWriter:
        """A writer for a worker process: same folder, its own list of what it wrote."""
        digests = None if self.digests is None else {}
        return PageWriter(
            self.output, fresh=self.fresh, digests=digests, _folders=set(self._folders)
        )

    def _path(self, relative: str) -> str:
        if relative.startswith("/") or ".." in relative or "\\" in relative:
            # sanitised_join refuses paths that would leave the output folder ('..', absolute).
            return sanitised_join(self._root, relative)
        return f"{self._root}/{relative}"

    def target(self, relative: str) -> Path:
        return Path(self._path(relative))

    def write(self, relative: str, content: str | bytes) -> bool:
        """Write `content` to output/`relative` unless it is already there; True if written."""
        return self._write(relative, content, False)

    def leave(self, relative: str) -> None:
        """output/`relative` is already what this build would write there: leave it."""
        self.touched.add(relative)
        self.reused.add(relative)

    def write_kept(self, relative: str, content: str | Data) -> bool:
        """Like write(), for content the caller keeps and may pass again, the very same
        object, next build: then the file is not read back to be compared (see `known`)."""
        return self._write(relative, content, True)

    @contextmanager
    def stream(self, relative: str) -> Iterator[BinaryIO]:
        """A file to write output/`relative` piece by piece (nothing held in memory); where
        the folder is not fresh, it replaces the file only if the bytes differ."""
        self.touched.add(relative)
        target = self._path(relative)
        folder, _, name = target.rpartition("/")
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        temporary = f"{folder}/.{name}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as handle:
                yield handle
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise
        if not self.fresh and _same_bytes(temporary, target):
            os.unlink(temporary)
            self.unchanged += 1
            return
        os.replace(temporary, target)
        self.written.append(relative)

    def link(self, relative: str, source: str) -> bool:
        """Put the file `source` (a page of the published site) at output/`relative`: a hard
        link (no copy, no new inode), a copy where links are refused. In a folder that is not
        fresh, the link is made beside the file and renamed over it."""
        target = self._path(relative)
        if not self.fresh and _same_file(source, target):
            self.leave(relative)  # rename() would do nothing, and leave the new link behind
            return True
        folder, _, name = target.rpartition("/")
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        made = target if self.fresh else f"{folder}/.{name}.{os.getpid()}.link"
        if not _link_or_copy(source, made):
            return False
        if made != target:
            os.replace(made, target)
        self.reused.add(relative)
        self.touched.add(relative)
        return True

    def restore(self, relative: str, content: bytes) -> None:
        """Write a file an earlier build made, kept by its key (incremental/rendered.py):
        taken, as a linked one is, so nothing makes it again."""
        self.write(relative, content)
        self.reused.add(relative)

    def taken(self, relative: str) -> bool:
        """True if output/`relative` came from the published site or was already there
        (see `link` and `leave`)."""
        return relative in self.reused

    def _write(self, relative: str, content: str | Data, remember: bool) -> bool:
        self.touched.add(relative)
        target = self._path(relative)
        compare = not self.fresh
        if remember and compare:
            seen = self.known.get(relative)
            if seen is not None and stamp(target) == seen[:2]:
                # The file holds what was written last time: compare in memory, not on disk.
                if seen[2] is content or seen[2] == content:
                    self.unchanged += 1
                    return False
                compare = False
        data = content.encode("utf-8") if isinstance(content, str) else content
        size = sum(map(len, data)) if isinstance(data, list) else len(data)
        folder, _, name = target.rpartition("/")
        if compare:
            try:
                if os.stat(target).st_size == size:
                    with open(target, "rb") as handle:
                        joined = b"".join(data) if isinstance(data, list) else data
                        if handle.read() == joined:
                            self.unchanged += 1
                            if remember:
                                self._remember(relative, target, content)
                            return False
            except (FileNotFoundError, NotADirectoryError):
                pass
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        self.written.append(relative)
        if self.digests is not None and isinstance(data, bytes):
            self.digests[relative] = (size, digest(data))
        if remember and self.background and size >= BACKGROUND_BYTES:
            # The downloads (the largest files): written by a thread while pages render (file writes
            # release the GIL); finish() waits for it.
            thread = _Commit(self, relative, target, data, content)
            thread.start()
            self._pending.append(thread)
            return True
        self._commit(relative, target, data, content if remember else None)
        return True

    def _commit(self, relative: str, target: str, data: Data, kept: object) -> None:
        folder, _, name = target.rpartition("/")
        temporary = f"{folder}/.{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(temporary, "wb") as handle:
            if isinstance(data, list):
                _write_pieces(handle.fileno(), data)
            else:
                handle.write(data)
        os.replace(temporary, target)
        if kept is not None:
            self._remember(relative, target, kept)

    def finish(self) -> None:
        """Wait for the files being written in the background; raise what failed there."""
        pending, self._pending = self._pending, []
        failure = None
        for thread in pending:
            thread.join()
            failure = failure or thread.failure
        if failure is not None:
            raise failure

    def _remember(self, relative: str, target: str, content: object) -> None:
        stat = stamp(target)
        if stat is not None:
            self.known[relative] = (*stat, content)

    def remove(self, relative: str) -> None:
        """Delete a page that no longer exists (a deleted record), and its empty folders."""
        target = self.target(relative)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.output and folder.is_dir() and not any(folder.iterdir()):
            self._folders.discard(os.fspath(folder))
            folder.rmdir()
            folder = folder.parent


BACKGROUND_BYTES = 1 << 20
Data = bytes | list[bytes]  # a file's bytes, or its pieces in order (see _write_pieces)


class _Commit(threading.Thread):
    def __init__(self, writer: PageWriter, relative: str, target: str, data: Data, kept: object):
        super().__init__(daemon=True)
        self.args_ = (relative, target, data, kept)
        self.writer = writer
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            self.writer._commit(*self.args_)
        except BaseException as err:  # noqa: BLE001 - raised again by PageWriter.finish
            self.failure = err


def _link_or_copy(source: str, target: str) -> bool:
    """A new file at `target` (never written through: it may be another tree's link)."""
    for _ in range(2):
        try:
            os.link(source, target)
            return True
        except FileExistsError:  # left by a killed build: a name, not a file to write into
            with suppress(OSError):
                os.unlink(target)
        except OSError:
            try:
                with suppress(FileNotFoundError):
                    os.unlink(target)
                shutil.copyfile(source, target)
                return True
            except OSError:
                return False
    return False


_IOV_MAX = os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") else 16


def _write_pieces(fd: int, pieces: list[bytes]) -> None:
    """Write the pieces as one file, a batch of them per writev() call (no joined copy)."""
    if not hasattr(os, "writev"):
        os.write(fd, b"".join(pieces))
        return
    for start in range(0, len(pieces), _IOV_MAX):
        batch = pieces[start : start + _IOV_MAX]
        done = os.writev(fd, batch)
        rest = b"".join(batch)[done:] if done < sum(map(len, batch)) else b""
        while rest:  # a short write (a signal, a full disk on the next call raises)
            rest = rest[os.write(fd, rest) :]


def _same_bytes(a: str, b: str) -> bool:
    """The two files hold the same bytes (read in chunks: the downloads are tens of MB)."""
    try:
        if os.stat(a).st_size != os.stat(b).st_size:
            return False
        with open(a, "rb") as one, open(b, "rb") as other:
            while True:
                chunk = one.read(1 << 20)
                if chunk != other.read(1 << 20):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samestat(os.stat(a), os.stat(b))
    except OSError:
        return False
