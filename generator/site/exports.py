"""Data downloads built from the same records as the pages (placeholder until the exports land)."""

from __future__ import annotations

from typing import Any

from generator.model import Chronology
from generator.site.writer import PageWriter


def write_all(chron: Chronology, out: PageWriter, settings: dict[str, Any]) -> None:
    return None
