"""A JSON file of the outside URLs already checked, so that reruns do not ask again."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from generator.files import write_atomic

VERSION = 1
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``30m``, ``12h``, ``7d`` or ``2w``."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (examples: 3600, 30m, 12h, 7d)")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


@dataclass(frozen=True, slots=True)
class Status:
    """The outcome of checking one URL. Transient failures are not ``cacheable``."""

    ok: bool
    reason: str
    cacheable: bool = True


class Cache:
    """URL -> status and when it was checked; entries older than ``max_age`` are ignored."""

    def __init__(self, path: str | Path, max_age: float) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self.entries: dict[str, dict] = {}
        self.dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION and isinstance(data.get("urls"), dict):
                self.entries = data["urls"]
        except (OSError, ValueError, AttributeError):
            pass  # no cache yet, or an unreadable one: start afresh

    def get(self, url: str, now: float | None = None, inside: bool = False) -> Status | None:
        """The cached status; one made while inside addresses were allowed only if ``inside``."""
        entry = self.entries.get(url)
        if not isinstance(entry, dict) or (entry.get("inside") and not inside):
            return None
        now = time.time() if now is None else now
        try:
            if now - float(entry["checked"]) > self.max_age:
                return None
            return Status(bool(entry["ok"]), str(entry["reason"]))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, url: str, status: Status, now: float | None = None, inside: bool = False) -> None:
        """Store a status; ``inside``: checked while inside addresses were allowed."""
        checked = time.time() if now is None else now
        entry = {"ok": status.ok, "reason": status.reason, "checked": checked}
        if inside:
            entry["inside"] = True
        self.entries[url] = entry
        self.dirty = True

    def save(self) -> None:
        """Write the file atomically; expired entries are dropped."""
        if not self.dirty:
            return
        now = time.time()
        unexpired = {}
        for url, entry in self.entries.items():
            try:
                if now - float(entry["checked"]) <= self.max_age:
                    unexpired[url] = entry
            except (KeyError, TypeError, ValueError):
                continue
        text = json.dumps({"version": VERSION, "urls": unexpired}, indent=1, sort_keys=True)
        write_atomic(self.path, text + "\n")
        self.dirty = False
