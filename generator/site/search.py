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
import stat
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
JOBS = 2  # Pagefind processes at once: the peak is JOBS shards, not the corpus
OPTIONS = ("--silent",)  # part of every shard's key
_FORMAT = "3"  # what this module keeps in a shard's folder: part of the key too
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
    from generator.site.incremental import cache_folder as _cache_folder

    where = _cache_folder(content, settings)
    return None if where is None else where / "search"


# -- which pages go in which shard ----------------------------------------------------------------
def pages_of(site: Path, stamps: dict[str, os.stat_result] | None = None) -> dict[str, list[str]]:
    """incident id -> its pages (paths relative to `site`), French and English; each page's
    stat in `stamps` if given."""
    found: dict[str, list[str]] = {}
    for folder in ("incidents", "en/incidents"):
        top = site / folder
        if not top.is_dir():
            continue
        with os.scandir(top) as entries:
            for entry in entries:
                page = f"{folder}/{entry.name}/index.html"
                if not entry.is_dir(follow_symlinks=False):
                    continue
                try:
                    info = os.stat(site / page, follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found.setdefault(entry.name, []).append(page)
                    if stamps is not None:
                        stamps[page] = info
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


class PageHashes:
    """sha256 of each page, kept in the cache beside the shards. A kept hash is used only
    while the file's inode, size and modification time are the ones it was taken with (the
    build writes a changed page as a new file, so a new inode); otherwise the page is read."""

    def __init__(self, cache: Path | None, stamps: dict[str, os.stat_result] | None = None):
        self.stamps = stamps or {}
        self.path = None if cache is None else cache / "pages.json"
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text("utf-8"))
                self.old = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.old = {}

    def of(self, site: Path, page: str) -> bytes:
        info = self.stamps.get(page) or os.stat(site / page)
        stamp = [info.st_ino, info.st_size, info.st_mtime_ns]
        kept = self.old.get(page)
        if isinstance(kept, list) and len(kept) == 4 and kept[:3] == stamp:
            digest = bytes.fromhex(kept[3])
        else:
            with open(site / page, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").digest()
        self.new[page] = [*stamp, digest.hex()]
        return digest

    def save(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".pages-{os.getpid()}.json")
            temporary.write_text(json.dumps(self.new), "utf-8")
            os.replace(temporary, self.path)


def shard_key(site: Path, pages: list[str], hashes: PageHashes | None = None) -> str:
    """A hash of the shard's pages (names and bytes), the Pagefind version and the options."""
    hashes = hashes or PageHashes(None)
    digest = hashlib.sha256(f"{version()}\0{' '.join(OPTIONS)}\0{_FORMAT}\0".encode())
    for page in sorted(pages):
        digest.update(page.encode() + b"\0" + hashes.of(site, page))
    return digest.hexdigest()[:32]


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
    target = site / BUNDLE
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    temporary: list[Path] = []  # bundles made for this build only (no cache)
    raw: dict[str, Path] = {}
    unchecked: set[str] = set()  # kept shards whose files are checked only if padded again
    for name in names:
        if cache is not None and _words_kept(cache / keys[name]):
            raw[name] = cache / keys[name]
            unchecked.add(name)
    missing = [n for n in names if n not in raw]
    months: dict[str, int] = defaultdict(int)
    for incident in pages:
        months[incident[:8]] += 1
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:  # each a Pagefind process
        made = pool.map(lambda n: _build(site, shards[n], pages, months, cache, keys[n]), missing)
        raw.update(zip(missing, made, strict=True))
    built = len(missing)
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
                if name in unchecked and _cached(cache, keys[name]) is None:  # damaged
                    raw[name] = _build(site, shards[name], pages, months, cache, keys[name])
                    built += 1
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
        hashes.save()
        _prune(cache, used)
    return {
        "search_seconds": time.perf_counter() - started,
        "search_shards": len(names),
        "search_shards_built": built,
    }


_SAFE = re.compile(r"[a-z0-9][a-z0-9-]*")  # ids as the schema has them: nothing a glob reads


def _pattern(members: list[str], months: dict[str, int]) -> str | None:
    """A Pagefind glob for exactly these incidents' pages: whole months as `YYYY-MM-*`, other
    ids by name; None if an id is not plain enough to stand in a glob."""
    if not all(_SAFE.fullmatch(i) for i in members):
        return None
    by_month: dict[str, list[str]] = defaultdict(list)
    for incident in members:
        by_month[incident[:8]].append(incident)
    parts = []
    for month, ids in sorted(by_month.items()):
        whole = _DATED.match(month + "01") and len(ids) == months.get(month)
        parts += [f"{month}*"] if whole else sorted(ids)
    return "{incidents,en/incidents}/{" + ",".join(parts) + "}/index.html"


def _build(
    site: Path,
    members: list[str],
    pages: dict[str, list[str]],
    months: dict[str, int],
    cache: Path | None,
    key: str,
) -> Path:
    """Run Pagefind on the shard's pages; the canonical bundle, in the cache if any. The pages
    are chosen by a glob in the site itself (a copy of the tree costs one folder per page)."""
    pattern = _pattern(members, months)
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
        out = _new_folder(cache, site.parent)
        try:
            command = [str(executable()), "--site", str(work or site), "--output-path", str(out)]
            if pattern is not None:
                command += ["--glob", pattern]
            run = subprocess.run([*command, *OPTIONS], capture_output=True, text=True, check=False)
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
        if work is not None:
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
def _words_of(bundle: Path) -> dict[str, dict[str, list[list[Any]]]]:
    """Per language, per word chunk: each word with the length of its entry in the chunk's
    CBOR, so padding can copy the entries as bytes instead of decoding them again."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    words: dict[str, dict[str, list[list[Any]]]] = {}
    for lang, info in entry["languages"].items():
        meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
        words[lang] = {
            c[2]: [
                [w[0], len(cbor2.dumps(w))] for w in _read(bundle / "index" / f"{c[2]}.pf_index")[0]
            ]
            for c in meta[2]
        }
    return words


def _vocabulary(bundles: Any) -> dict[str, list[str]]:
    every: dict[str, set[str]] = defaultdict(set)
    for bundle in bundles:
        for lang, chunks in json.loads((bundle / _WORDS).read_text("utf-8")).items():
            for listed in chunks.values():
                every[lang].update(w for w, _ in listed)
    return {lang: sorted(words, key=_order) for lang, words in sorted(every.items())}


def _array_header(count: int) -> bytes:
    if count < 24:
        return bytes([0x80 + count])
    for code, size in ((0x98, 1), (0x99, 2), (0x9A, 4)):
        if count < 256**size:
            return bytes([code]) + count.to_bytes(size, "big")
    raise SearchIndexFailed(f"a word chunk of {count} words")


def _entries(data: bytes, listed: list[list[Any]]) -> list[tuple[str, bytes]] | None:
    """The chunk's entries as (word, bytes), cut by the lengths `listed`; None if they do not
    add up (then the chunk is decoded instead)."""
    body = data[len(_SIGNATURE) :]
    if not body or body[0] != 0x81:  # [ [entries...] ]
        return None
    header = _array_header(len(listed))
    if body[1 : 1 + len(header)] != header:
        return None
    at, out = 1 + len(header), []
    for word, length in listed:
        out.append((word, body[at : at + length]))
        at += length
    return out if at == len(body) else None


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
        listed = json.loads((raw / _WORDS).read_text("utf-8"))
        for lang, info in entry["languages"].items():
            meta_path = out / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_path)
            chunks: list[list[tuple[str, bytes]]] = []
            for _, _, name in meta[2]:  # [from, to, file name]
                path = out / "index" / f"{name}.pf_index"
                data = gzip.decompress(path.read_bytes())
                cut = _entries(data, listed.get(lang, {}).get(name, []))
                if cut is None:  # not as listed: decoded and encoded again
                    cut = [(w[0], cbor2.dumps(w)) for w in cbor2.loads(data[len(_SIGNATURE) :])[0]]
                chunks.append(cut)
                path.unlink()
            have = {w for chunk in chunks for w, _ in chunk}
            firsts = [_order(chunk[0][0]) for chunk in chunks[1:]]
            for word in vocabulary.get(lang, []):
                if word not in have:
                    index = bisect.bisect_right(firsts, _order(word))
                    chunks[index].append((word, cbor2.dumps([word, [], []])))
            ranges = []
            for chunk in chunks:
                chunk.sort(key=lambda w: _order(w[0]))
                body = b"\x81" + _array_header(len(chunk)) + b"".join(b for _, b in chunk)
                name = _write_raw(out / "index", f"{lang}_", 7, ".pf_index", body)
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
    found = {}
    for top, _, names in os.walk(bundle):
        relative = os.path.relpath(top, bundle)
        for name in names:
            if name != _MANIFEST:
                key = name if relative == "." else f"{relative}/{name}"
                with open(os.path.join(top, name), "rb") as handle:
                    found[key] = hashlib.file_digest(handle, "sha256").hexdigest()
    return found


def _write_manifest(bundle: Path) -> None:
    (bundle / _MANIFEST).write_text(json.dumps(_files(bundle), sort_keys=True), "utf-8")


def _words_kept(bundle: Path) -> bool:
    """The kept shard's word list is there with the hash it was kept with."""
    try:
        expected = json.loads((bundle / _MANIFEST).read_text("utf-8"))
        with open(bundle / _WORDS, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return isinstance(expected, dict) and expected.get(_WORDS) == digest
    except (OSError, ValueError):
        return False


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
    return _write_raw(folder, prefix, length, suffix, cbor2.dumps(value))


def _write_raw(folder: Path, prefix: str, length: int, suffix: str, body: bytes) -> str:
    data = _SIGNATURE + body
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
