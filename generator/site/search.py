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

A shard's words padded with every shard's (see below) are kept chunk by chunk: a new word rewrites
the one chunk per shard and language its range holds. The published index is brought up to
date in place: in a recycled site only the shard files that changed are linked in again.

Pagefind's output is not the same from run to run: filter values, the filter list and the
languages are written in hash-map order. `canonical` sorts them and names the files again from
their content, so the same pages always give the same bytes (and gives fragments, whose names
are the results' ids, names long enough to stay apart across shards).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

GLOB = "{incidents,en/incidents}/*/index.html"  # the pages indexed (pages_of finds them)
BUNDLE = "pagefind"
LIST = "shards.json"
MAX_INCIDENTS = 1000  # per shard: about 230 MB of Pagefind memory (two pages per incident)
JOBS = 1  # Pagefind processes at once (each uses more than a core): the peak is JOBS shards
# Fewer, larger shards: every shard repeats the words of all (below), so the index grows with
# their number, and each Pagefind run costs about a second on top of its pages.
OPTIONS = ("--silent",)  # part of every shard's key
_FORMAT = "4"  # what this module keeps in a shard's folder: part of the key too
_KEEP_DATA = ("pagefind-entry.json", "index", "filter", "fragment")  # what mergeIndex reads
_KEEP_LOADER = ("pagefind.js", "pagefind-worker.js")  # plus wasm.*: the first shard loads them
_MANIFEST = "files.json"
_WORDS = "words.json"  # a raw shard's words, per language
_STORED = "chunks.json"  # a padded shard's word chunks: name in index/ -> file in the store
_CHUNKS = "chunks"  # the store of padded word chunks
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

    def __init__(
        self,
        cache: Path | None,
        stamps: dict[str, os.stat_result] | None = None,
        name: str = "pages.json",
    ):
        self.stamps = stamps or {}
        self.path = None if cache is None else cache / name
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

    def check(self, root: str, page: str, digest: str) -> int | None:
        """The inode of `page` if its sha256 is `digest` (hex), else None; read only when its
        stamp is not the one it was last checked with."""
        try:
            info = os.stat(f"{root}/{page}")
        except OSError:
            return None
        kept = self.old.get(page)
        if not (
            isinstance(kept, list)
            and len(kept) == 4
            and kept[0] == info.st_ino
            and kept[1] == info.st_size
            and kept[2] == info.st_mtime_ns
            and kept[3] == digest
        ):
            with open(f"{root}/{page}", "rb") as handle:
                if hashlib.file_digest(handle, "sha256").hexdigest() != digest:
                    return None
        self.new[page] = [info.st_ino, info.st_size, info.st_mtime_ns, digest]
        return info.st_ino

    def save(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.stem}-{os.getpid()}.json")
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
    checked = PageHashes(cache, name="files.json")  # the kept files, checked by their stamps
    scratch = (
        None if cache is not None else Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
    )
    where = cache if cache is not None else scratch
    assert where is not None
    raw: dict[str, Path] = {}
    for name in names:
        if cache is not None and _intact(cache / keys[name], checked):
            raw[name] = cache / keys[name]
        else:  # damaged, half-written or never made: built again
            shutil.rmtree(where / keys[name], ignore_errors=True)
    missing = [n for n in names if n not in raw]
    months: dict[str, int] = defaultdict(int)
    for incident in pages:
        months[incident[:8]] += 1
    running = threading.BoundedSemaphore(max(1, jobs))  # Pagefind processes at once
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs) + 1) as pool:  # one more: canonical
            made = pool.map(
                lambda n: _build(site, shards[n], pages, months, where, keys[n], running),
                missing,
            )
            raw.update(zip(missing, made, strict=True))
        vocabulary = _vocabulary(raw.values())
        words_key = hashlib.sha256(
            json.dumps({k: v[0] for k, v in vocabulary.items()}).encode()
        ).hexdigest()
        store = _Store(where / _CHUNKS, checked)
        used = set(keys.values())
        placed: dict[str, tuple[str, int | None]] = {}
        padded = {
            n: "w" + hashlib.sha256(f"{keys[n]}{words_key}".encode()).hexdigest()[:31]
            for n in names
        }
        used.update(padded.values())

        def pad(name: str) -> Path:
            bundle = where / padded[name]
            if _intact(bundle, checked) and _stored_intact(bundle, store):
                return bundle
            shutil.rmtree(bundle, ignore_errors=True)
            return _pad(raw[name], vocabulary, store, where, padded[name])

        with ThreadPoolExecutor(max_workers=2) as pool:  # gzip and hashing release the GIL
            bundles = dict(zip(names, pool.map(pad, names), strict=True))
        for position, name in enumerate(names):
            placed.update(_plan(raw[name], bundles[name], store, name, loader=position == 0))
        _sync(site / BUNDLE, placed)
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
            _prune(cache, used, store)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return {
        "search_seconds": time.perf_counter() - started,
        "search_shards": len(names),
        "search_shards_built": len(missing),
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
    where: Path,
    key: str,
    running: threading.BoundedSemaphore | None = None,
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
        out = _new_folder(where)
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
            (out / _WORDS).write_text(json.dumps(_words_of(out), ensure_ascii=False), "utf-8")
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        return _keep(out, where, key)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _new_folder(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".new-", dir=where))


def _keep(out: Path, where: Path, key: str) -> Path:
    """List `out`'s files with their hashes, then move it to its key in `where`."""
    _write_manifest(out)
    final = where / key
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
#
# A shard's words are cut in chunks (index/*.pf_index) at words that stay where Pagefind put
# them; a chunk padded with the vocabulary's words of its range is kept in a store under a key
# of the raw chunk and those words. A new word changes the one chunk per shard and language
# that its range holds (and the shard's meta file); every other chunk is the stored file.
def _words_of(bundle: Path) -> dict[str, dict[str, list[list[Any]]]]:
    """Per language, per word chunk: each word with the length of its entry in the chunk's
    CBOR, so padding can copy the entries as bytes instead of decoding them again."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    words: dict[str, dict[str, list[list[Any]]]] = {}
    for lang, info in entry["languages"].items():
        meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
        words[lang] = {
            c[2]: _lengths(gzip.decompress((bundle / "index" / f"{c[2]}.pf_index").read_bytes()))
            for c in meta[2]
        }
    return words


def _lengths(data: bytes) -> list[list[Any]]:
    """[word, bytes of its entry] for each entry of a word chunk, read by one decoder."""
    stream = io.BytesIO(data)
    stream.seek(len(_SIGNATURE))
    if not data.startswith(_SIGNATURE) or stream.read(1) != b"\x81":
        raise SearchIndexFailed("a word chunk that is not [[entries...]]")
    head = stream.read(1)[0]
    if not 0x80 <= head <= 0x9B:
        raise SearchIndexFailed("a word chunk that is not [[entries...]]")
    count = head - 0x80 if head < 0x98 else int.from_bytes(stream.read(1 << (head - 0x98)), "big")
    decoder = cbor2.CBORDecoder(stream)
    out = []
    for _ in range(count):
        at = stream.tell()
        word = decoder.decode()[0]
        out.append([word, stream.tell() - at])
    return out


def _vocabulary(bundles: Any) -> dict[str, tuple[list[str], list[bytes]]]:
    """Per language, every shard's words in Pagefind's order, with their sort keys."""
    every: dict[str, set[str]] = defaultdict(set)
    for bundle in bundles:
        for lang, chunks in json.loads((bundle / _WORDS).read_text("utf-8")).items():
            for listed in chunks.values():
                every[lang].update(w for w, _ in listed)
    out = {}
    for lang, words in sorted(every.items()):
        ordered = sorted(words, key=_order)
        out[lang] = (ordered, [_order(w) for w in ordered])
    return out


def _array_header(count: int, major: int = 0x80) -> bytes:
    """CBOR's head of an array (or, with major 0x60, a text) of `count` items."""
    if count < 24:
        return bytes([major + count])
    for code, size in ((24, 1), (25, 2), (26, 4)):
        if count < 256**size:
            return bytes([major + code]) + count.to_bytes(size, "big")
    raise SearchIndexFailed(f"a word chunk of {count} words")


@functools.cache  # the same words pad every shard
def _no_pages(word: str) -> bytes:
    """cbor2.dumps([word, [], []]), the entry of a word that no page of the shard holds."""
    text = word.encode("utf-8")
    return b"\x83" + _array_header(len(text), 0x60) + text + b"\x80\x80"


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


class _Store:
    """Padded word chunks, gzipped as Pagefind writes them, named `key-sha-pagefindname` (a
    language code may hold a dash, so the name is cut at the first two): the
    key of what made the chunk, the hash of the file (checked before use), its name in a
    bundle."""

    def __init__(self, folder: Path, checked: PageHashes):
        self.folder, self.checked = folder, checked
        folder.mkdir(parents=True, exist_ok=True)
        self.names = {
            n.split("-")[0]: n for n in os.listdir(folder) if n.count("-") >= 2 and n[0] != "."
        }
        self.made: set[str] = set()  # written by this build: no need to check them
        self.used: set[str] = set()

    def get(self, key: str) -> str | None:
        name = self.names.get(key)
        if name is None or name in self.made:
            return name
        try:
            digest = self.checked.of(self.folder.parent, f"{self.folder.name}/{name}").hex()
        except OSError:
            digest = ""
        if digest[:32] == name.split("-")[1]:
            return name
        (self.folder / name).unlink(missing_ok=True)  # damaged: made again
        del self.names[key]
        return None

    def put(self, key: str, lang: str, data: bytes) -> str:
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        name = f"{key}-{hashlib.sha256(packed).hexdigest()[:32]}-{lang}_"
        name += hashlib.sha256(data).hexdigest()[:7]
        temporary = self.folder / f".{name}-{os.getpid()}"
        temporary.write_bytes(packed)
        os.replace(temporary, self.folder / name)
        self.names[key] = name
        self.made.add(name)
        return name


def _pad(
    raw: Path,
    vocabulary: dict[str, tuple[list[str], list[bytes]]],
    store: _Store,
    where: Path,
    key: str,
) -> Path:
    """The meta files and word chunks of `raw` with every word of `vocabulary` in its chunks
    (the ones it lacks, no pages): a folder of the metas, the entry file and the list of the
    stored chunks the shard's index/ holds."""
    out = _new_folder(where)
    try:
        entry = json.loads((raw / "pagefind-entry.json").read_text("utf-8"))
        listed = json.loads((raw / _WORDS).read_text("utf-8"))
        files = json.loads((raw / _MANIFEST).read_text("utf-8"))
        stored: dict[str, str] = {}
        for lang, info in entry["languages"].items():
            meta = _read(raw / f"pagefind.{info['hash']}.pf_meta")
            words, orders = vocabulary.get(lang, ([], []))
            chunks = listed.get(lang, {})
            names = [c[2] for c in meta[2]]  # [from, to, file name]
            starts = [0, *(bisect.bisect_left(orders, _order(chunks[n][0][0])) for n in names[1:])]
            ranges = []
            for i, name in enumerate(names):
                extra = words[starts[i] : starts[i + 1] if i + 1 < len(names) else len(words)]
                made = hashlib.sha256(f"{_FORMAT}\0{files[f'index/{name}.pf_index']}\0".encode())
                made.update("\0".join(extra).encode())
                chunk_key = made.hexdigest()[:32]
                hit = store.get(chunk_key)
                if hit is None:
                    data = _padded(raw / "index" / f"{name}.pf_index", chunks[name], extra)
                    hit = store.put(chunk_key, lang, data)
                store.used.add(hit)
                pagefind_name = hit.split("-", 2)[2]
                stored[f"index/{pagefind_name}.pf_index"] = hit
                first = min(chunks[name][0][0], *extra[:1], key=_order)
                last = max(chunks[name][-1][0], *extra[-1:], key=_order)
                ranges.append([first, last, pagefind_name])
            for left, right in zip(ranges, ranges[1:], strict=False):
                left[1], right[0] = _prefixes(left[1], right[0])
            meta[2] = ranges
            info["hash"] = _write(out, f"pagefind.{lang}_", 10, ".pf_meta", meta)[9:]
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        (out / "pagefind-entry.json").write_text(text, "utf-8")
        (out / _STORED).write_text(json.dumps(stored, sort_keys=True), "utf-8")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return _keep(out, where, key)


def _padded(path: Path, listed: list[list[Any]], extra: list[str]) -> bytes:
    """The chunk at `path` with the words of `extra` it lacks (entries with no pages)."""
    data = gzip.decompress(path.read_bytes())
    cut = _entries(data, listed)
    if cut is None:  # not as listed: decoded and encoded again
        cut = [(w[0], cbor2.dumps(w)) for w in cbor2.loads(data[len(_SIGNATURE) :])[0]]
    have = {w for w, _ in cut}
    entries = [(_order(w), b) for w, b in cut]  # words differ: sorted by the first item only
    entries += [(_order(w), _no_pages(w)) for w in extra if w not in have]
    entries.sort()
    return _SIGNATURE + b"\x81" + _array_header(len(entries)) + b"".join(b for _, b in entries)


def _plan(
    raw: Path, padded: Path, store: _Store, name: str, loader: bool
) -> dict[str, tuple[str, int | None]]:
    """The files of shard `name` in the site (relative to pagefind/) -> the kept file each is:
    pages' fragments and filters as Pagefind made them, metas and word chunks padded; the
    first shard also carries Pagefind's loader and wasm files. With each, its inode when the
    check of the kept files read it."""
    plan: dict[str, tuple[str, int | None]] = {}
    known = store.checked.new
    here, there, kept_in = os.fspath(raw), os.fspath(padded), os.fspath(store.folder)
    for rel in json.loads((raw / _MANIFEST).read_text("utf-8")):
        top = rel.partition("/")[0]
        if top in _KEEP_DATA[2:] or (loader and (rel in _KEEP_LOADER or rel.startswith("wasm."))):
            plan[f"{name}/{rel}"] = (f"{here}/{rel}", known.get(f"{raw.name}/{rel}", [None])[0])
    for rel in json.loads((padded / _MANIFEST).read_text("utf-8")):
        if rel != _STORED:
            plan[f"{name}/{rel}"] = (f"{there}/{rel}", known.get(f"{padded.name}/{rel}", [None])[0])
    for rel, kept in json.loads((padded / _STORED).read_text("utf-8")).items():
        plan[f"{name}/{rel}"] = (f"{kept_in}/{kept}", None)
    return plan


def _sync(target: Path, plan: dict[str, tuple[str, int | None]]) -> None:
    """Make `target` hold exactly the files of `plan`, as hard links to them. A file already
    linked to its source stays; any other is unlinked, never written through (a recycled site
    shares its files with the published one and with the cache)."""
    target.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    device = os.stat(target).st_dev
    if plan and os.stat(next(iter(plan.values()))[0]).st_dev != device:  # copies, not links
        plan = {relative: (source, -1) for relative, (source, _) in plan.items()}

    def walk(folder: str, prefix: str) -> bool:  # True if the folder is left empty
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if walk(entry.path, relative + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                    continue
                planned = plan.get(relative)
                if planned is not None and entry.is_file(follow_symlinks=False):
                    inode = planned[1]
                    if inode is None:
                        with contextlib.suppress(OSError):
                            there = os.stat(planned[0])
                            inode = there.st_ino if there.st_dev == device else None
                    if inode == entry.inode():
                        done.add(relative)
                        empty = False
                        continue
                os.unlink(entry.path)
        return empty

    root = os.fspath(target)
    walk(root, "")
    made: set[str] = set()
    for relative, (source, _) in plan.items():
        if relative not in done:
            path = f"{root}/{relative}"
            parent = os.path.dirname(path)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            _link(source, path)


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


def _intact(bundle: Path, checked: PageHashes) -> bool:
    """Every file of the kept `bundle`'s list is there with the hash it was kept with (read
    again unless its inode, size and time are those it was last checked with)."""
    try:
        expected = json.loads((bundle / _MANIFEST).read_text("utf-8"))
        if not isinstance(expected, dict) or not expected:
            return False
        root, name = os.fspath(bundle.parent), bundle.name
        return all(
            checked.check(root, f"{name}/{rel}", digest) is not None
            for rel, digest in expected.items()
        )
    except (OSError, ValueError):
        return False


def _stored_intact(padded: Path, store: _Store) -> bool:
    """The stored chunks a kept padded shard lists are there, as they were kept."""
    try:
        kept = json.loads((padded / _STORED).read_text("utf-8"))
        chunks = list(kept.values()) if isinstance(kept, dict) else []
    except (OSError, ValueError):
        return False
    store.used.update(chunks)
    return all(store.get(name.split("-")[0]) == name for name in chunks)


def _prune(cache: Path, live: set[str], store: _Store) -> None:
    """Keep the shards and chunks of this build (and those of the builds just before it, the
    key list of the last three builds): editing back and forth stays cheap, the cache stays
    bounded."""
    history = cache / "recent.json"
    try:
        recent = [set(k) for k in json.loads(history.read_text("utf-8"))][-2:]
    except (OSError, ValueError, TypeError):
        recent = []
    recent.append(live | store.used)
    keep = set().union(*recent) | {_CHUNKS}
    history.write_text(json.dumps([sorted(k) for k in recent]), "utf-8")
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep and not entry.name.startswith(".new-"):
            shutil.rmtree(entry, ignore_errors=True)
    for name in list(store.names.values()):
        if name not in keep:
            (store.folder / name).unlink(missing_ok=True)


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
