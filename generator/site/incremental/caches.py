"""Where a build's caches live (CHRONOLOGY_CACHE), and the on-disk parse cache kept there."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def cache_folder(content: Path, settings: dict[str, Any]) -> Path | None:
    """CHRONOLOGY_CACHE is a folder, or False for none; by default .cache/chronology/ beside
    the content folder."""
    where = settings.get("CHRONOLOGY_CACHE")
    if where is False:
        return None
    return Path(where) if where else content.resolve().parent / ".cache" / "chronology"


def disk_cache(content: Path, settings: dict[str, Any]) -> Any:
    """The on-disk parse cache (generator.diskcache) in the cache folder; None without one."""
    from generator.diskcache import DiskCache, salt
    from generator.resources import schema_folder

    folder = cache_folder(content, settings)
    return None if folder is None else DiskCache(folder, salt(schema_folder(content)), content)
