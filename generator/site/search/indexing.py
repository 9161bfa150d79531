"""The search step: find the shards, reuse the kept ones, run Pagefind on the others, pad
them, and bring pagefind/ of the site up to date."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.site.search.kept import (
    CHUNKS,
    Store,
    intact,
    keep,
    new_folder,
    plan,
    prune,
    shard_key,
    stored_intact,
    sync,
)
from generator.site.search.pagefind import (
    OPTIONS,
    SearchIndexFailed,
    canonical,
    executable,
    version,
)
from generator.site.search.shards import (
    MAX_INCIDENTS,
    PageHashes,
    glob_for,
    pages_of,
    shards_of,
)
from generator.site.search.words import WORDS, all_words, pad, shard_words, words_of

BUNDLE = "pagefind"

LIST = "shards.json"

JOBS = 1  # Pagefind processes at once (each uses more than a core): the peak is JOBS shards


def cache_folder(content: Path, settings: dict[str, Any]) -> Path | None:
    """Where shards are kept: search/ in the build's cache folder (None: no cache)."""
    from generator.site.incremental import cache_folder as _cache_folder

    where = _cache_folder(content, settings)
    return None if where is None else where / "search"


# -- the index ------------------------------------------------------------------------------------
def index(
    site: Path, cache: Path | None = None, limit: int = MAX_INCIDENTS, jobs: int = JOBS
) -> dict[str, Any]:
    """Index the built site in `site`, reusing shards kept in `cache`; returns stats."""
    started = time.perf_counter()
    site = Path(site)
    stamps: dict[str, os.stat_result] = {}
    pages = pages_of(site, stamps)
    shards = shards_of(list(pages), limit)
    names = sorted(shards)
    hashes = PageHashes(cache, stamps)
    with ThreadPoolExecutor(max_workers=2) as pool:  # hashing releases the GIL
        found_keys = pool.map(
            lambda n: shard_key(site, [p for i in shards[n] for p in pages[i]], hashes), names
        )
        keys = dict(zip(names, found_keys, strict=True))
    checked = PageHashes(cache, name="files.json")  # the kept files, checked by their stamps
    scratch = (
        None if cache is not None else Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
    )
    where = cache if cache is not None else scratch
    assert where is not None
    raw: dict[str, Path] = {}
    for name in names:
        if cache is not None and intact(cache / keys[name], checked):
            raw[name] = cache / keys[name]
        else:  # damaged, half-written or never made: built again
            shutil.rmtree(where / keys[name], ignore_errors=True)
    missing = [n for n in names if n not in raw]
    months: dict[str, int] = defaultdict(int)
    for incident in pages:
        months[incident[:8]] += 1
    running = threading.BoundedSemaphore(max(1, jobs))  # Pagefind processes at once
    try:
        with (
            ThreadPoolExecutor(max_workers=max(1, jobs) + 1) as pool,  # one more: canonical
            ThreadPoolExecutor(max_workers=1) as reader,
        ):
            made = pool.map(
                lambda n: _build_shard(site, shards[n], pages, months, where, keys[n], running),
                missing,
            )
            kept_words = reader.map(shard_words, list(raw.values()))  # while Pagefind runs
            raw.update(zip(missing, made, strict=True))
            vocabulary = all_words([*kept_words, *map(shard_words, (raw[n] for n in missing))])
        words_key = hashlib.sha256(
            json.dumps({k: v[0] for k, v in vocabulary.items()}).encode()
        ).hexdigest()
        store = Store(where / CHUNKS, checked)
        used = set(keys.values())
        placed: dict[str, tuple[str, int | None]] = {}
        padded = {
            n: "w" + hashlib.sha256(f"{keys[n]}{words_key}".encode()).hexdigest()[:31]
            for n in names
        }
        used.update(padded.values())

        def padded_shard(name: str) -> Path:
            bundle = where / padded[name]
            if intact(bundle, checked) and stored_intact(bundle, store):
                return bundle
            shutil.rmtree(bundle, ignore_errors=True)
            return pad(raw[name], vocabulary, store, where, padded[name])

        with ThreadPoolExecutor(max_workers=2) as pool:  # gzip and hashing release the GIL
            bundles = dict(zip(names, pool.map(padded_shard, names), strict=True))
        for position, name in enumerate(names):
            placed.update(plan(raw[name], bundles[name], store, name, loader=position == 0))
        sync(site / BUNDLE, placed, keep=frozenset({LIST}))  # replaced below, never missing
        listing = {
            "pagefind": version(),
            "shards": [{"name": n, "path": f"{n}/", "incidents": len(shards[n])} for n in names],
        }
        text = json.dumps(listing, indent=1, sort_keys=True) + "\n"
        temporary = site / BUNDLE / f".{LIST}-{os.getpid()}"
        temporary.write_text(text, "utf-8")
        os.replace(temporary, site / BUNDLE / LIST)  # never written through: the spare shares it
        if cache is not None:
            hashes.save()
            checked.save()
            prune(cache, used, store)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return {
        "search_seconds": time.perf_counter() - started,
        "search_shards": len(names),
        "search_shards_built": len(missing),
    }


def _build_shard(
    site: Path,
    members: list[str],
    pages: dict[str, list[str]],
    months: dict[str, int],
    where: Path,
    key: str,
    running: threading.BoundedSemaphore | None = None,
) -> Path:
    """Run Pagefind on the shard's pages; the canonical bundle, in the cache if any. The pages
    are chosen by a glob in the site itself (a copy of the tree costs one folder per page)."""
    pattern = glob_for(members, months)
    work = None
    if pattern is None:  # hard links in a folder of their own
        work = Path(tempfile.mkdtemp(prefix=".shard-", dir=site.parent))
        for page in (p for i in members for p in pages[i]):
            (work / page).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, work / page)
            except OSError:  # another file system, or no hard links: a copy
                shutil.copyfile(site / page, work / page)
    try:
        out = new_folder(where)
        try:
            command = [str(executable()), "--site", str(work or site), "--output-path", str(out)]
            if pattern is not None:
                command += ["--glob", pattern]
            with running or contextlib.nullcontext():
                run = subprocess.run(
                    [*command, *OPTIONS], capture_output=True, text=True, check=False
                )
            if run.returncode != 0 or not (out / "pagefind-entry.json").is_file():
                detail = (run.stderr or run.stdout).strip()[-2000:]
                raise SearchIndexFailed(f"pagefind failed (exit {run.returncode}): {detail}")
            canonical(out)
            (out / WORDS).write_text(json.dumps(words_of(out), ensure_ascii=False), "utf-8")
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        return keep(out, where, key)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
