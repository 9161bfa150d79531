"""Values derived from model objects, kept across the builds of one process (the live server).

The validator hands back the very same Incident object while its record file is unchanged,
so anything computed from one incident alone (its row in the downloads, its date in the
feeds) can be kept, keyed by the object's identity, and reused until the record changes.
The generator attaches one `Memos` per BuildState to each new Chronology (`attach`); code
that runs without one (a test calling exports.write_all directly) gets a fresh one per model.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any


class IdentityMemo:
    """compute(obj) per object (and extra key), while that very object is alive in the model.

    The object is kept with its value, so its id() cannot be reused by another object while
    the value is here; `forget_others()` drops the values of objects that left the model.
    """

    def __init__(self) -> None:
        self._values: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def get(self, obj: Any, compute: Callable[[Any], Any], *key: Hashable) -> Any:
        slot = (id(obj), *key)
        hit = self._values.get(slot)
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = compute(obj)
        self._values[slot] = (obj, value)
        return value

    def forget_others(self, live: set[int]) -> None:
        """Drop the values of every object whose id() is not in `live`."""
        self._values = {k: v for k, v in self._values.items() if k[0] in live}

    def __len__(self) -> int:
        return len(self._values)


class Memos:
    def __init__(self, persistent: bool = True) -> None:
        # persistent: kept for the next build (a live server). A one-shot build's Memos is not,
        # and code may then choose to keep nothing (the downloads are streamed to disk).
        self.persistent = persistent
        self.identity: dict[str, IdentityMemo] = {}
        self.stores: dict[str, dict[Any, Any]] = {}

    def of(self, name: str) -> IdentityMemo:
        memo = self.identity.get(name)
        if memo is None:
            memo = self.identity[name] = IdentityMemo()
        return memo

    def store(self, name: str) -> dict[Any, Any]:
        """A plain dict kept across builds, for values with their own keys."""
        return self.stores.setdefault(name, {})

    def forget_others(self, objects: Iterable[Any]) -> None:
        """Drop what was computed from any object but `objects` (the model's incidents now)."""
        live = {id(o) for o in objects}
        for memo in self.identity.values():
            memo.forget_others(live)


def attach(chron: Any, memos: Memos) -> None:
    chron.__dict__["_memos"] = memos


def memos(chron: Any) -> Memos:
    found = chron.__dict__.get("_memos")
    if found is None:
        found = chron.__dict__["_memos"] = Memos(persistent=False)
    return found


def per_incident(chron: Any, name: str) -> IdentityMemo:
    return memos(chron).of(name)
