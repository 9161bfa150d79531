"""Every shard knows every word: each shard's word chunks padded with the words of all shards."""

from __future__ import annotations

import bisect
import functools
import gzip
import hashlib
import io
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import cbor2

from generator.site.search.kept import (
    FORMAT,
    MANIFEST,
    STORED,
    Store,
    keep,
    new_folder,
)
from generator.site.search.pagefind import (
    SIGNATURE,
    SearchIndexFailed,
    read,
    write,
)

WORDS = "words.json"  # a raw shard's words, per language


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
def words_of(bundle: Path) -> dict[str, dict[str, list[list[Any]]]]:
    """Per language, per word chunk: each word with the length of its entry in the chunk's
    CBOR, so padding can copy the entries as bytes instead of decoding them again."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    words: dict[str, dict[str, list[list[Any]]]] = {}
    for lang, info in entry["languages"].items():
        meta = read(bundle / f"pagefind.{info['hash']}.pf_meta")
        words[lang] = {
            c[2]: _lengths(gzip.decompress((bundle / "index" / f"{c[2]}.pf_index").read_bytes()))
            for c in meta[2]
        }
    return words


def _lengths(data: bytes) -> list[list[Any]]:
    """[word, bytes of its entry] for each entry of a word chunk, read by one decoder."""
    stream = io.BytesIO(data)
    stream.seek(len(SIGNATURE))
    if not data.startswith(SIGNATURE) or stream.read(1) != b"\x81":
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


def shard_words(bundle: Path) -> dict[str, set[str]]:
    """Per language, the words of one raw shard (its words file)."""
    words: dict[str, set[str]] = {}
    for lang, chunks in json.loads((bundle / WORDS).read_text("utf-8")).items():
        found = words.setdefault(lang, set())
        for listed in chunks.values():
            found.update(w for w, _ in listed)
    return words


def all_words(shards: Any) -> dict[str, tuple[list[str], list[bytes]]]:
    """Per language, every shard's words (`shard_words` of each) in Pagefind's order, with
    their sort keys."""
    every: dict[str, set[str]] = defaultdict(set)
    for words in shards:
        for lang, found in words.items():
            every[lang].update(found)
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
    body = data[len(SIGNATURE) :]
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


def pad(
    raw: Path,
    vocabulary: dict[str, tuple[list[str], list[bytes]]],
    store: Store,
    where: Path,
    key: str,
) -> Path:
    """The meta files and word chunks of `raw` with every word of `vocabulary` in its chunks
    (the ones it lacks, no pages): a folder of the metas, the entry file and the list of the
    stored chunks the shard's index/ holds."""
    out = new_folder(where)
    try:
        entry = json.loads((raw / "pagefind-entry.json").read_text("utf-8"))
        listed = json.loads((raw / WORDS).read_text("utf-8"))
        files = json.loads((raw / MANIFEST).read_text("utf-8"))
        stored: dict[str, str] = {}
        for lang, info in entry["languages"].items():
            meta = read(raw / f"pagefind.{info['hash']}.pf_meta")
            words, orders = vocabulary.get(lang, ([], []))
            chunks = listed.get(lang, {})
            names = [c[2] for c in meta[2]]  # [from, to, file name]
            starts = [0, *(bisect.bisect_left(orders, _order(chunks[n][0][0])) for n in names[1:])]
            ranges = []
            for i, name in enumerate(names):
                extra = words[starts[i] : starts[i + 1] if i + 1 < len(names) else len(words)]
                made = hashlib.sha256(f"{FORMAT}\0{files[f'index/{name}.pf_index']}\0".encode())
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
            info["hash"] = write(out, f"pagefind.{lang}_", 10, ".pf_meta", meta)[9:]
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        (out / "pagefind-entry.json").write_text(text, "utf-8")
        (out / STORED).write_text(json.dumps(stored, sort_keys=True), "utf-8")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return keep(out, where, key)


def _padded(path: Path, listed: list[list[Any]], extra: list[str]) -> bytes:
    """The chunk at `path` with the words of `extra` it lacks (entries with no pages)."""
    data = gzip.decompress(path.read_bytes())
    cut = _entries(data, listed)
    if cut is None:  # not as listed: decoded and encoded again
        cut = [(w[0], cbor2.dumps(w)) for w in cbor2.loads(data[len(SIGNATURE) :])[0]]
    have = {w for w, _ in cut}
    entries = [(_order(w), b) for w, b in cut]  # words differ: sorted by the first item only
    entries += [(_order(w), _no_pages(w)) for w in extra if w not in have]
    entries.sort()
    return SIGNATURE + b"\x81" + _array_header(len(entries)) + b"".join(b for _, b in entries)
