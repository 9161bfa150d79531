"""Values derived from the model, kept beside it: the model itself stays read-only.

`model_cache(chron)` is the one place where the site keeps what it derives from a
Chronology: values computed once per build (the page plan, the list groups, the filters,
the chart), found by the model's identity and dropped with the model, and the `Memos` kept
across the builds of one process (the live server). The validator hands back the very same
Incident object while its record file is unchanged, so anything computed from one incident
alone (its row in the downloads, its date in the feeds) can be kept, keyed by the object's
identity, and reused until the record changes. The generator attaches one `Memos` per
BuildState to each new Chronology (`attach`); code that runs without one (a test calling
exports.write_all directly) gets a fresh one per model.
"""

from __future__ import annotations

import weakref
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


class ModelCache:
    """What one build derives from one model: each value computed once, on first use.
    No value may hold the model itself: the cache would then keep it alive."""

    def __init__(self) -> None:
        self.memos = Memos(persistent=False)  # replaced by the BuildState's (attach)
        self._values: dict[Hashable, Any] = {}

    def once(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        try:
            return self._values[key]
        except KeyError:
            value = self._values[key] = compute()
            return value

    def put(self, key: Hashable, value: Any) -> None:
        """A value known beforehand (the plan of an earlier model equal to this one)."""
        self._values[key] = value


# id(model) -> (a weak reference to it, its cache). A Chronology is a mutable dataclass
# (unhashable), so no WeakKeyDictionary: the reference's callback drops the entry instead.
_CACHES: dict[int, tuple[weakref.ref[Any], ModelCache]] = {}


def model_cache(chron: Any) -> ModelCache:
    slot = id(chron)
    hit = _CACHES.get(slot)
    if hit is not None and hit[0]() is chron:
        return hit[1]
    made = ModelCache()

    def drop(ref: weakref.ref[Any]) -> None:
        if _CACHES.get(slot, (None,))[0] is ref:
            del _CACHES[slot]

    _CACHES[slot] = (weakref.ref(chron, drop), made)
    return made


def attach(chron: Any, memos: Memos) -> None:
    model_cache(chron).memos = memos


def memos(chron: Any) -> Memos:
    return model_cache(chron).memos


def per_incident(chron: Any, name: str) -> IdentityMemo:
    return memos(chron).of(name)
