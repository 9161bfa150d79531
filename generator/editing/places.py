"""Finding a base from what an editor types: id, name or any alias, accents and case folded."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Aïn Al-Assad' -> 'ain al assad': no accents, no case, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub(" ", bare).strip()


def _spellings(base: dict[str, Any]) -> Iterable[str]:
    yield base["id"]
    yield base.get("name", "")
    yield from (base.get("names") or {}).values()
    yield from base.get("aliases") or ()


@dataclass(frozen=True)
class Match:
    """What a typed place resolved to: one base, or nothing (with close spellings to suggest)."""

    base: dict[str, Any] | None
    ambiguous: tuple[str, ...] = ()  # ids of every base the spelling fits, when more than one
    suggestions: tuple[str, ...] = ()  # ids of bases spelled closely, when none fits


def find_base(typed: str, bases: list[dict[str, Any]]) -> Match:
    key = fold(typed)
    if not key:
        return Match(None)
    hits = [b for b in bases if any(fold(s) == key for s in _spellings(b) if s)]
    ids = tuple(dict.fromkeys(b["id"] for b in hits))
    if len(ids) == 1:
        return Match(hits[0])
    if len(ids) > 1:
        return Match(None, ambiguous=ids)
    by_spelling = {fold(s): b["id"] for b in bases for s in _spellings(b) if s}
    close = difflib.get_close_matches(key, list(by_spelling), n=3, cutoff=0.75)
    return Match(None, suggestions=tuple(dict.fromkeys(by_spelling[c] for c in close)))
