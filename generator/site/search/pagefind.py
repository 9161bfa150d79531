"""Pagefind itself: its binary, its data files (signature + CBOR, gzipped), and the
canonical form of what it writes, so the same pages always give the same bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

OPTIONS = ("--silent",)  # part of every shard's key

SIGNATURE = b"pagefind_dcd"


class SearchIndexFailed(RuntimeError):
    """Pagefind did not build the index."""


def executable() -> Path:
    from pagefind_bin import get_executable

    return Path(get_executable())


def version() -> str:
    from importlib.metadata import version as dist_version

    return dist_version("pagefind_bin")


# -- the same bytes for the same pages ------------------------------------------------------------
def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexFailed(f"{path}: not a Pagefind data file")
    return cbor2.loads(data[len(SIGNATURE) :])


def write(folder: Path, prefix: str, length: int, suffix: str, value: Any) -> str:
    """Write `value` as Pagefind does (signature + CBOR, gzipped); the name is a hash of it."""
    return write_raw(folder, prefix, length, suffix, cbor2.dumps(value))


def write_raw(folder: Path, prefix: str, length: int, suffix: str, body: bytes) -> str:
    data = SIGNATURE + body
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
    return name


def canonical(bundle: Path) -> None:
    """Sort what Pagefind writes in hash-map order and name those files from their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        # Fragment names (the results' ids) hold 16 hex digits, not 7: ids stay apart across
        # shards, where Pagefind cannot see a collision (search.js matches results by id).
        renamed: dict[str, str] = {}
        for page in meta[1]:  # [fragment name, word count]
            if page[0] not in renamed:
                old_path = bundle / "fragment" / f"{page[0]}.pf_fragment"
                data = gzip.decompress(old_path.read_bytes())
                renamed[page[0]] = f"{lang}_{hashlib.sha256(data).hexdigest()[:16]}"
                old_path.rename(bundle / "fragment" / f"{renamed[page[0]]}.pf_fragment")
            page[0] = renamed[page[0]]
        filters = []
        for name, old in meta[3]:  # [version, pages, index chunks, filters, sorts]
            path = bundle / "filter" / f"{old}.pf_filter"
            value = read(path)  # [filter, [[value, [page numbers]]...]]
            value[1].sort(key=lambda v: v[0])
            path.unlink()
            filters.append([name, write(bundle / "filter", f"{lang}_", 7, ".pf_filter", value)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = write(bundle, f"pagefind.{lang}_", 10, ".pf_meta", meta)[len("pagefind.") :]
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
