"""Full-text search over the incidents, in both languages, with Pagefind, built shard by shard.

Run by generator/build.py on the staging folder once Pelican has written every page (and by
`chronology serve --search` on its output). Only incident pages are indexed, and on them only
what carries data-pagefind-body; Pagefind makes one index per page language (<html lang>).

The incidents are split into shards by date (a year, or equal parts of it when a year holds
more than MAX_INCIDENTS: the peak memory of the step is bounded by that, not by the corpus).
Each shard is its own Pagefind bundle, built by Pagefind's binary in its own process from hard
links to the shard's pages, under pagefind/<shard>/; pagefind/shards.json lists them and the
search page merges them in the browser (templates/static/search.js, mergeIndex).

A shard's bundle is kept in the cache folder under a key made of the content of its pages, the
Pagefind version and this module's options, with a list of its files' hashes; a build whose
shard pages did not change copies it (after checking those hashes) instead of running Pagefind.

Pagefind's output is not the same from run to run: filter values, the filter list and the
languages are written in hash-map order. `canonical` sorts them and names the files again from
their content, so the same pages always give the same bytes (and gives fragments, whose names
are the results' ids, names long enough to stay apart across shards).
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

GLOB = "{incidents,en/incidents}/*/index.html"  # the pages indexed (pages_of finds them)
BUNDLE = "pagefind"
LIST = "shards.json"
MAX_INCIDENTS = 600  # per shard: about 140 MB of Pagefind memory (two pages per incident)
OPTIONS = ("--silent",)  # part of every shard's key
_FORMAT = "2"  # what this module keeps in a shard's folder: part of the key too
_KEEP_DATA = ("pagefind-entry.json", "index", "filter", "fragment")  # what mergeIndex reads
_KEEP_LOADER = ("pagefind.js", "pagefind-worker.js")  # plus wasm.*: the first shard loads them
_MANIFEST = "files.json"
_WORDS = "words.json"  # a raw shard's words, per language
_SIGNATURE = b"pagefind_dcd"
_DATED = re.compile(r"(\d{4})-(\d{2})-\d{2}")
_PARTS = (1, 2, 3, 4, 6, 12)  # a year split into this many runs of months


class SearchIndexFailed(RuntimeError):
    """Pagefind did not build the index."""


def executable() -> Path:
    from pagefind_bin import get_executable

    return Path(get_executable())


def version() -> str:
    from importlib.metadata import version as dist_version

    return dist_version("pagefind_bin")


def cache_folder(content: Path, settings: dict[str, Any]) -> Path | None:
    """Where shards are kept: search/ in the build's cache folder (None: no cache)."""
    from generator.site.generator import _cache_folder

    where = _cache_folder(content, settings)
    return None if where is None else where / "search"


# -- which pages go in which shard ----------------------------------------------------------------
def pages_of(site: Path) -> dict[str, list[str]]:
    """incident id -> its pages (paths relative to `site`), French and English."""
    found: dict[str, list[str]] = {}
    for folder in ("incidents", "en/incidents"):
        top = site / folder
        if not top.is_dir():
            continue
        with os.scandir(top) as entries:
            for entry in entries:
                page = f"{folder}/{entry.name}/index.html"
                if entry.is_dir(follow_symlinks=False) and (site / page).is_file():
                    found.setdefault(entry.name, []).append(page)
    return found


def shards_of(ids: list[str], limit: int = MAX_INCIDENTS) -> dict[str, list[str]]:
    """Shard name -> incident ids. A year is one shard, or `k` runs of months (k in _PARTS,
    the smallest that keeps each under `limit`); a month still over it is cut in fixed
    blocks of sorted ids. Names follow the calendar, so an edit moves no other incident."""
    years: dict[str, list[str]] = defaultdict(list)
    for incident in ids:
        dated = _DATED.match(incident)
        years[dated.group(1) if dated else "other"].append(incident)
    shards: dict[str, list[str]] = {}
    for year, members in sorted(years.items()):
        members.sort()
        if len(members) <= limit or year == "other":
            shards.update(_blocks(year, members, limit))
            continue
        months: dict[int, list[str]] = defaultdict(list)
        for incident in members:
            months[int(incident[5:7])].append(incident)
        for parts in _PARTS:
            span = 12 // parts
            runs = [
                [i for m in range(start, start + span) for i in months.get(m, [])]
                for start in range(1, 13, span)
            ]
            if all(len(run) <= limit for run in runs) or parts == 12:
                break
        for n, run in enumerate(runs, 1):
            if run:
                name = f"{year}-{n:02d}of{parts:02d}" if parts > 1 else year
                shards.update(_blocks(name, run, limit))
    return shards


def _blocks(name: str, members: list[str], limit: int) -> dict[str, list[str]]:
    if len(members) <= limit:
        return {name: members}
    return {
        f"{name}-b{n:03d}": members[start : start + limit]
        for n, start in enumerate(range(0, len(members), limit), 1)
    }


def shard_key(site: Path, pages: list[str]) -> str:
    """A hash of the shard's pages (names and bytes), the Pagefind version and the options."""
    digest = hashlib.sha256(f"{version()}\0{' '.join(OPTIONS)}\0{_FORMAT}\0".encode())
    for page in sorted(pages):
        with open(site / page, "rb") as handle:
            digest.update(page.encode() + b"\0" + hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:32]


# -- the index ------------------------------------------------------------------------------------
def index(site: Path, cache: Path | None = None, limit: int = MAX_INCIDENTS) -> dict[str, Any]:
    """Index the built site in `site`, reusing shards kept in `cache`; returns stats."""
    started = time.perf_counter()
    site = Path(site)
    pages = pages_of(site)
    shards = shards_of(list(pages), limit)
    names = sorted(shards)
    with ThreadPoolExecutor(max_workers=2) as pool:  # hashing releases the GIL
        keys = dict(
            zip(
                names,
                pool.map(
                    lambda n: shard_key(site, [p for i in shards[n] for p in pages[i]]), names
                ),
                strict=True,
            )
        )
    target = site / BUNDLE
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    temporary: list[Path] = []  # bundles made for this build only (no cache)
    raw: dict[str, Path] = {}
    built = 0
    for name in names:
        found = _cached(cache, keys[name]) if cache is not None else None
        if found is None:
            found = _build(site, [p for i in shards[name] for p in pages[i]], cache, keys[name])
            built += 1
        raw[name] = found
    if cache is None:
        temporary += raw.values()
    vocabulary = _vocabulary(raw.values())
    words_key = hashlib.sha256(json.dumps(vocabulary, sort_keys=True).encode()).hexdigest()
    used = set(keys.values())
    try:
        for position, name in enumerate(names):
            key = "w" + hashlib.sha256(f"{keys[name]}{words_key}".encode()).hexdigest()[:31]
            used.add(key)
            bundle = _cached(cache, key) if cache is not None else None
            if bundle is None:
                bundle = _pad(raw[name], vocabulary, cache, key)
                if cache is None:
                    temporary.append(bundle)
            _place(bundle, target / name, loader=position == 0)
    finally:
        for folder in temporary:
            shutil.rmtree(folder, ignore_errors=True)
    listing = {
        "pagefind": version(),
        "shards": [{"name": n, "path": f"{n}/", "incidents": len(shards[n])} for n in names],
    }
    (target / LIST).write_text(json.dumps(listing, indent=1, sort_keys=True) + "\n", "utf-8")
    if cache is not None:
        _prune(cache, used)
    return {
        "search_seconds": time.perf_counter() - started,
        "search_shards": len(names),
        "search_shards_built": built,
    }


def _build(site: Path, pages: list[str], cache: Path | None, key: str) -> Path:
    """Run Pagefind on hard links to `pages`; the canonical bundle, in the cache if any."""
    work = Path(tempfile.mkdtemp(prefix=".shard-", dir=site.parent))
    try:
        for page in pages:
            (work / page).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, work / page)
            except OSError:  # another file system, or no hard links: a copy
                shutil.copyfile(site / page, work / page)
        out = _new_folder(cache, site.parent)
        try:
            command = [str(executable()), "--site", str(work), "--output-path", str(out), *OPTIONS]
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            if run.returncode != 0 or not (out / "pagefind-entry.json").is_file():
                detail = (run.stderr or run.stdout).strip()[-2000:]
                raise SearchIndexFailed(f"pagefind failed (exit {run.returncode}): {detail}")
            canonical(out)
            (out / _WORDS).write_text(json.dumps(_words_of(out), ensure_ascii=False), "utf-8")
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        return _keep(out, cache, key)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _new_folder(cache: Path | None, beside: Path) -> Path:
    where = cache if cache is not None else beside
    where.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".new-", dir=where))


def _keep(out: Path, cache: Path | None, key: str) -> Path:
    """List `out`'s files with their hashes, then move it to its key in the cache."""
    _write_manifest(out)
    if cache is None:
        return out
    final = cache / key
    try:
        os.rename(out, final)
    except OSError:  # another build kept the same bundle first: use ours
        return out
    return final


# -- every shard knows every word ---------------------------------------------------------------
# Pagefind leaves out of a query a word its index does not hold, and for a word no indexed word
# begins with it takes the longest indexed word that begins the query's word ("aïn" -> "a").
# A shard that lacks a word the other shards hold would answer differently from one index over
# all pages. So every shard's word list gets the words of all shards (with no pages): each
# then decides as one index would, and the merged results are those of one index.
def _words_of(bundle: Path) -> dict[str, list[str]]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    words: dict[str, list[str]] = {}
    for lang, info in entry["languages"].items():
        meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
        words[lang] = [
            w[0] for c in meta[2] for w in _read(bundle / "index" / f"{c[2]}.pf_index")[0]
        ]
    return words


def _vocabulary(bundles: Any) -> dict[str, list[str]]:
    every: dict[str, set[str]] = defaultdict(set)
    for bundle in bundles:
        for lang, words in json.loads((bundle / _WORDS).read_text("utf-8")).items():
            every[lang].update(words)
    return {lang: sorted(words, key=_order) for lang, words in sorted(every.items())}


def _order(word: str) -> bytes:
    return word.encode("utf-8")  # Pagefind sorts words as Rust sorts strings: by UTF-8 bytes


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's get_prefixes: the shortest prefixes that tell two neighbouring chunks apart."""
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def _pad(raw: Path, vocabulary: dict[str, list[str]], cache: Path | None, key: str) -> Path:
    """`raw` with every word of `vocabulary` in its word chunks (the ones it lacks, no pages)."""
    out = _new_folder(cache, raw.parent)
    try:
        shutil.copytree(raw, out, dirs_exist_ok=True, copy_function=_link)
        for name in (_MANIFEST, _WORDS, "pagefind-entry.json"):
            (out / name).unlink(missing_ok=True)  # shared with `raw`: never written through
        entry = json.loads((raw / "pagefind-entry.json").read_text("utf-8"))
        for lang, info in entry["languages"].items():
            meta_path = out / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_path)
            chunks = []
            for _, _, name in meta[2]:  # [from, to, file name]
                chunks.append(_read(out / "index" / f"{name}.pf_index")[0])
                (out / "index" / f"{name}.pf_index").unlink()
            have = {w[0] for chunk in chunks for w in chunk}
            firsts = [_order(chunk[0][0]) for chunk in chunks[1:]]
            for word in vocabulary.get(lang, []):
                if word not in have:
                    chunks[bisect.bisect_right(firsts, _order(word))].append([word, [], []])
            ranges = []
            for chunk in chunks:
                chunk.sort(key=lambda w: _order(w[0]))
                name = _write(out / "index", f"{lang}_", 7, ".pf_index", [chunk])
                ranges.append([chunk[0][0], chunk[-1][0], name])
            for left, right in zip(ranges, ranges[1:], strict=False):
                left[1], right[0] = _prefixes(left[1], right[0])
            meta[2] = ranges
            meta_path.unlink()
            info["hash"] = _write(out, f"pagefind.{lang}_", 10, ".pf_meta", meta)[9:]
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        (out / "pagefind-entry.json").write_text(text, "utf-8")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return _keep(out, cache, key)


def _place(bundle: Path, into: Path, loader: bool) -> None:
    """The files the browser needs from `bundle`, hard-linked (or copied) into `into`."""
    keep = [*_KEEP_DATA, *(p.name for p in bundle.glob("pagefind.*.pf_meta"))]
    if loader:
        keep += [*_KEEP_LOADER, *(p.name for p in bundle.glob("wasm.*.pagefind"))]
    for name in keep:
        source = bundle / name
        if source.is_dir():
            shutil.copytree(source, into / name, copy_function=_link)
        elif source.is_file():
            into.mkdir(parents=True, exist_ok=True)
            _link(source, into / name)


def _link(source: str | Path, dest: str | Path) -> None:
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


# -- the cache ------------------------------------------------------------------------------------
def _files(bundle: Path) -> dict[str, str]:
    return {
        p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(bundle.rglob("*"))
        if p.is_file() and p.name != _MANIFEST
    }


def _write_manifest(bundle: Path) -> None:
    (bundle / _MANIFEST).write_text(json.dumps(_files(bundle), sort_keys=True), "utf-8")


def _cached(cache: Path, key: str) -> Path | None:
    """The kept bundle of `key` if every file is there with the hash it was kept with."""
    bundle = cache / key
    try:
        expected = json.loads((bundle / _MANIFEST).read_text("utf-8"))
        if isinstance(expected, dict) and expected and _files(bundle) == expected:
            return bundle
    except (OSError, ValueError):
        pass
    if bundle.exists():  # damaged or half-written: built again
        shutil.rmtree(bundle, ignore_errors=True)
    return None


def _prune(cache: Path, live: set[str]) -> None:
    """Keep the shards of this build (and those of the builds just before it, the key list of
    the last three builds): editing back and forth stays cheap, the cache stays bounded."""
    history = cache / "recent.json"
    try:
        recent = [set(k) for k in json.loads(history.read_text("utf-8"))][-2:]
    except (OSError, ValueError, TypeError):
        recent = []
    recent.append(live)
    keep = set().union(*recent)
    history.write_text(json.dumps([sorted(k) for k in recent]), "utf-8")
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep and not entry.name.startswith(".new-"):
            shutil.rmtree(entry, ignore_errors=True)


# -- the same bytes for the same pages ------------------------------------------------------------
def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise SearchIndexFailed(f"{path}: not a Pagefind data file")
    return cbor2.loads(data[len(_SIGNATURE) :])


def _write(folder: Path, prefix: str, length: int, suffix: str, value: Any) -> str:
    """Write `value` as Pagefind does (signature + CBOR, gzipped); the name is a hash of it."""
    data = _SIGNATURE + cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
    return name


def canonical(bundle: Path) -> None:
    """Sort what Pagefind writes in hash-map order and name those files from their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
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
            value = _read(path)  # [filter, [[value, [page numbers]]...]]
            value[1].sort(key=lambda v: v[0])
            path.unlink()
            filters.append([name, _write(bundle / "filter", f"{lang}_", 7, ".pf_filter", value)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{lang}_", 10, ".pf_meta", meta)[len("pagefind.") :]
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
