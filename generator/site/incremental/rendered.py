"""Rendered pages kept in the build cache by key, so that a build into an empty folder (a
fresh clone of the project with its `.cache` restored, as CI has it) writes them instead of
rendering them again.

A page's key (generator/site/incremental/reuse.py) covers everything its bytes depend on: the
versions (content hashes) of the records it shows, under the fingerprint of the code,
templates, catalogs, schema, settings and gazetteer, which is the store's header.

Each kept page is a hard link to the file the build wrote (a copy where links are refused):
keeping a page costs a link (its hash was taken as it was written: generator/site/write/writer.py,
or, for a file this build did not write, one read), not a compressed copy. A sealed index
(generator/diskcache.py) gives each file's size and blake2b; a page is used only if it still
hashes to that: never trusted, checked. The build never writes through a file (pages are
replaced by a rename), so the link keeps what was written; a file changed in place by someone
else no longer matches its hash and is rendered again.
"""

from __future__ import annotations

import marshal
import os
import re
import shutil
import threading
import time
from contextlib import suppress
from pathlib import Path

from generator.diskcache import read_sealed, write_sealed
from generator.files import digest

LARGEST = 1 << 20  # bytes: the downloads change with every record (parts.py keeps theirs)

INDEX = "pages.marshal"

_NAME = re.compile(r"[0-9a-f]{32}")  # a kept page's file name: the hex of its place

# Left by the store of earlier versions (compressed segments) or by a killed build: removed
# when a build next keeps its pages.
_EARLIER = re.compile(r"(index\.marshal|\d+-[0-9a-f]{12}\.seg|\.\d+\.tmp)")

Entry = tuple[int, bytes]  # size, digest of the bytes


def _place(relative: str, page_key: bytes) -> bytes:
    """A file's key in the store: its path with its page key (files may share a page key:
    the downloads are made from the same records)."""
    return digest(relative.encode("utf-8", "surrogatepass") + b"\0" + page_key)


class RenderedPages:
    def __init__(self, folder: Path, fingerprint: bytes):
        self.folder, self.header = folder, fingerprint
        loaded = None
        payload = read_sealed(folder / INDEX)
        with suppress(EOFError, ValueError, TypeError):
            loaded = marshal.loads(payload) if payload is not None else None
        same = isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == fingerprint
        self.entries: dict[bytes, Entry] = loaded[1] if same and isinstance(loaded[1], dict) else {}
        self.taken = 0  # pages used (counted by the caller)
        self.added = 0  # pages kept by this build
        self.seconds = 0.0  # spent keeping them (in a thread, beside the search step)
        self._thread: threading.Thread | None = None

    @property
    def empty(self) -> bool:
        return not self.entries

    def page(self, relative: str, page_key: bytes) -> bytes | None:
        """The file kept for output/`relative` under `page_key`, if its bytes are intact."""
        place = _place(relative, page_key)
        entry = self.entries.get(place)
        if entry is None:
            return None
        try:
            with open(self.folder / place.hex(), "rb") as handle:
                data = handle.read(LARGEST + 1)
        except OSError:
            return None
        if len(data) != entry[0] or digest(data) != entry[1]:
            return None  # changed since it was kept: rendered again
        return data

    def close(self) -> None:
        """Nothing stays open between reads (kept for the callers' symmetry with parts)."""

    def keep_in_background(
        self, site: Path, keys: dict[str, bytes], written: dict[str, tuple[int, bytes]]
    ) -> None:
        """Start adding the files of `site` whose key (relative path -> key) the store lacks;
        `written` gives the size and digest of those this build wrote. `finish` waits for it.
        The files are final: the build only reads them from here on."""
        arguments = (site, dict(keys), written)
        self._thread = threading.Thread(target=self._keep, args=arguments, daemon=True)
        self._thread.start()

    def finish(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _keep(
        self, site: Path, keys: dict[str, bytes], written: dict[str, tuple[int, bytes]]
    ) -> None:
        with suppress(OSError):  # an optimisation: never a reason for a build to fail
            self.keep(site, keys, written)

    def keep(
        self,
        site: Path,
        keys: dict[str, bytes],
        written: dict[str, tuple[int, bytes]] | None = None,
    ) -> None:
        """Add what the store lacks of `site`'s files (`written`: size and digest of those
        this build wrote, else each is read); the store then holds these keys only."""
        written = written or {}
        started = time.perf_counter()
        self.folder.mkdir(parents=True, exist_ok=True)
        root, store = os.fspath(site), os.fspath(self.folder)
        temporary = f"{store}/.{os.getpid()}.tmp"
        used: dict[bytes, Entry] = {}
        present = {n for n in os.listdir(store) if _NAME.fullmatch(n)}
        for relative, page_key in sorted(keys.items()):
            place = _place(relative, page_key)
            name = place.hex()
            if place in self.entries and name in present:
                used[place] = self.entries[place]  # checked when it is used
                continue
            source = f"{root}/{relative}"
            try:
                entry = written.get(relative)
                if entry is None:
                    with open(source, "rb") as handle:
                        data = handle.read(LARGEST + 1)
                    entry = (len(data), digest(data))
                if entry[0] > LARGEST:
                    continue
                with suppress(FileNotFoundError):
                    os.unlink(temporary)
                try:
                    os.link(source, temporary)
                except OSError:  # another file system, or no hard links: a copy
                    shutil.copyfile(source, temporary)
                if os.stat(temporary).st_size != entry[0]:  # not the file written: not kept
                    continue
                os.replace(temporary, f"{store}/{name}")
            except OSError:
                continue
            used[place] = entry
            present.add(name)
            self.added += 1
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        write_sealed(self.folder / INDEX, marshal.dumps((self.header, used)))
        self.entries = used
        for name in os.listdir(store):
            stale = _NAME.fullmatch(name) and bytes.fromhex(name) not in used
            if stale or _EARLIER.fullmatch(name):
                with suppress(OSError):
                    os.unlink(f"{store}/{name}")
        self.seconds = time.perf_counter() - started
