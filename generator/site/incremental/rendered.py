"""Rendered pages kept in the build cache by key, so that a build into an empty folder (a
fresh clone of the project with its `.cache` restored, as CI has it) writes them instead of
rendering them again.

A page's key (generator/site/incremental/reuse.py) covers everything its bytes depend on: the
versions (content hashes) of the records it shows, under the fingerprint of the code,
templates, catalogs, schema, settings and gazetteer, which is the store's header. The pages
are kept in segments.py's store, each with a blake2b of its bytes: never trusted, checked.
"""

from __future__ import annotations

import threading
import time
from contextlib import suppress
from pathlib import Path

from generator.site.incremental.segments import Segments, digest

LARGEST = 1 << 20  # bytes: the downloads change with every record (parts.py keeps theirs)


def _place(relative: str, page_key: bytes) -> bytes:
    """A file's key in the store: its path with its page key (files may share a page key:
    the downloads are made from the same records)."""
    return digest(relative.encode("utf-8", "surrogatepass") + b"\0" + page_key)


class RenderedPages:
    def __init__(self, folder: Path, fingerprint: bytes):
        self.store = Segments(folder, fingerprint)
        self.taken = 0  # pages used (counted by the caller)
        self.added = 0  # pages kept by this build
        self.seconds = 0.0  # spent keeping them (in a thread, beside the search step)
        self._thread: threading.Thread | None = None

    @property
    def empty(self) -> bool:
        return not self.store.entries

    def page(self, relative: str, page_key: bytes) -> bytes | None:
        """The file kept for output/`relative` under `page_key`, if its bytes are intact."""
        return self.store.get(_place(relative, page_key))

    def close(self) -> None:
        self.store.close()

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
        """Add what the store lacks of `site`'s files; it then holds these keys only."""
        started = time.perf_counter()
        for relative, page_key in sorted(keys.items()):
            place = _place(relative, page_key)
            if self.store.keep(place):
                continue
            try:
                with open(site / relative, "rb") as handle:
                    data = handle.read(LARGEST + 1)
            except OSError:
                continue
            if len(data) <= LARGEST:
                self.store.put(place, data)
                self.added += 1
        self.store.commit()
        self.seconds = time.perf_counter() - started
