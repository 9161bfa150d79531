"""Each incident's part of the downloads (incidents.json, .csv, .geojson: generator/site/exports.py)
kept in the build cache by its record's version, so that `chronology build` after an edit
encodes one record again, not every one.

An incident's part is made from its record and what the fingerprint covers (the gazetteer, the
region, the schema, the code, the settings: reuse.py), with the site's address and languages:
those are the store's header (segments.py), and the record's version (its path, the blake2b
of its bytes, its size) is the key. Parts are read and written one at a time, so the downloads
of a large chronology are never all in memory.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from generator.files import digest
from generator.site.incremental.segments import Segments

PARTS = "parts"  # the folder in the cache

Part = tuple[bytes, bytes, bytes]


class KeptParts:
    def __init__(
        self,
        folder: Path,
        fingerprint: bytes,
        site: str,
        langs: tuple[str, ...],
        versions: dict[int, Any],
    ):
        self.store = Segments(folder, (fingerprint, site, tuple(langs)))
        self.versions = versions  # id(Incident) -> its record's version (reuse.record_versions)
        self.made = 0
        self.asked = False

    def of(self, incident: Any, make: Callable[[], Part]) -> Part:
        """The kept part of `incident`, else `make()` (and kept)."""
        self.asked = True
        version = self.versions.get(id(incident))
        if version is None:
            self.made += 1
            return make()
        key = digest(repr(version).encode("utf-8", "surrogatepass"))
        data = self.store.get(key)
        if data is not None:
            found = marshal.loads(data)
            if isinstance(found, tuple) and len(found) == 3:
                return found
        part = make()
        self.made += 1
        self.store.put(key, marshal.dumps(part))
        return part

    def save(self) -> None:
        """Keep the parts of this build's records only; nothing changes if the downloads were
        not made (reused whole: reuse.py)."""
        if self.asked:
            with suppress(OSError):  # an optimisation: never a reason for a build to fail
                self.store.commit()
        else:
            self.store.close()


def kept_parts(
    state: Any, versions: dict[int, Any] | None, site: str, langs: tuple[str, ...]
) -> KeptParts | None:
    """The parts kept for `chronology build` (None: no published site to build from, as in
    the live server, which keeps them in memory: generator/site/memo.py)."""
    reuse = state.reuse
    if reuse is None or versions is None:
        return None
    return KeptParts(reuse.folder / PARTS, reuse.fingerprint, site, langs, versions)
