"""The search index: the same bytes from two clean builds, shards rebuilt only when their pages
change, a damaged cache never used, and Pagefind's data intact after it is made canonical."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import cbor2
import pytest

from generator.build import build
from generator.site import search
from generator.site.search import words as search_words

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "content"


def test_two_clean_builds_give_the_same_search_index(tmp_path: Path) -> None:
    first = build(CONTENT, tmp_path / "a", CHRONOLOGY_CACHE=str(tmp_path / "cache-a"))
    second = build(CONTENT, tmp_path / "b", CHRONOLOGY_CACHE=str(tmp_path / "cache-b"))
    assert first.stats["search_shards_built"] == second.stats["search_shards_built"] > 0
    a, b = tree(tmp_path / "a" / "pagefind"), tree(tmp_path / "b" / "pagefind")
    assert a == b
    assert tree(tmp_path / "a") == tree(tmp_path / "b")  # the whole site, search included


def test_canonical_keeps_every_filter_value_and_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(CONTENT, site, search_index=False)
    raw = tmp_path / "raw"
    command = [str(search.executable()), "--site", str(site), "--output-path", str(raw), "--silent"]
    subprocess.run(command, check=True)

    def filters(bundle: Path) -> dict[str, dict[str, list[int]]]:
        out = {}
        for path in (bundle / "filter").iterdir():
            name, values = cbor2.loads(gzip.decompress(path.read_bytes())[12:])
            out[path.name[:3] + name] = {value: pages for value, pages in values}
        return out

    before = filters(raw)
    fragments = tree(raw / "fragment")
    search.canonical(raw)
    assert filters(raw) == before and before
    assert sorted(tree(raw / "fragment").values()) == sorted(fragments.values())  # renamed only
    entry = json.loads((raw / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en", "fr"]
    for info in entry["languages"].values():
        assert (raw / f"pagefind.{info['hash']}.pf_meta").is_file()


def test_only_the_shard_of_an_edited_record_is_built_again(project: Path, tmp_path: Path) -> None:
    output, cache = tmp_path / "site", tmp_path / "cache"
    first = build(project, output, CHRONOLOGY_CACHE=str(cache))
    shards = json.loads((output / "pagefind" / "shards.json").read_text())["shards"]
    assert [s["name"] for s in shards] == ["2023", "2024"]
    assert first.stats["search_shards_built"] == 2
    again = build(project, output, CHRONOLOGY_CACHE=str(cache))
    assert again.stats["search_shards_built"] == 0
    record = sorted((project / "incidents" / "2024").glob("*.yaml"))[0]
    text = record.read_text("utf-8")
    edited = re.sub(r"(?m)^summary:\n  fr: >-\n", "summary:\n  fr: >-\n    Zanzibarique.\n", text)
    assert edited != text
    record.write_text(edited, "utf-8")
    third = build(project, output, CHRONOLOGY_CACHE=str(cache))
    assert third.stats["search_shards_built"] == 1
    clean = build(project, tmp_path / "clean", CHRONOLOGY_CACHE=str(tmp_path / "other"))
    assert tree(output / "pagefind") == tree(tmp_path / "clean" / "pagefind")
    assert clean.stats["search_shards_built"] == 2


def test_a_damaged_cached_shard_is_built_again(tmp_path: Path) -> None:
    output, cache = tmp_path / "site", tmp_path / "cache"
    build(CONTENT, output, CHRONOLOGY_CACHE=str(cache))
    good = tree(output / "pagefind")
    raws = [p for p in (cache / "search").iterdir() if (p / "words.json").is_file()]
    assert len(raws) == 2  # two shards as Pagefind made them
    chunks = sorted((cache / "search" / "chunks").iterdir())
    assert chunks  # their word chunks with every shard's words
    for damaged in [next(r.glob("fragment/*.pf_fragment")) for r in raws] + chunks[:1]:
        data = bytearray(damaged.read_bytes())  # one byte changed, same length
        data[len(data) // 2] ^= 0xFF
        damaged.unlink()  # the site and the other bundles share the kept file (a hard link)
        damaged.write_bytes(bytes(data))
    again = build(CONTENT, output, CHRONOLOGY_CACHE=str(cache))
    assert again.stats["search_shards_built"] == 2
    assert tree(output / "pagefind") == good


def test_shards_follow_the_calendar_and_stay_under_the_limit() -> None:
    ids = [f"2020-{m:02d}-{d:02d}-x-attack" for m in range(1, 13) for d in range(1, 29)]
    ids += ["2021-03-01-y-strike", "undated-record"]
    shards = search.shards_of(ids, limit=100)
    assert all(len(members) <= 100 for members in shards.values())
    assert sorted(i for m in shards.values() for i in m) == sorted(ids)
    assert "2021" in shards and "other" in shards
    assert "2020-01of04" in shards  # 336 in a year: four runs of three months (84 each)
    crowded = [f"2022-05-{d:02d}-z-attack-{n}" for d in range(1, 29) for n in range(10)]
    blocks = search.shards_of(crowded, limit=100)
    assert list(blocks)[0] == "2022-05of12-b001" and all(len(b) <= 100 for b in blocks.values())


def test_padding_copies_word_entries_as_they_were_written(tmp_path: Path) -> None:
    """The word list kept with a shard cuts each chunk at the right bytes, so padding copies
    entries without decoding them (and the result decodes to the same entries)."""
    build(CONTENT, tmp_path / "site", CHRONOLOGY_CACHE=str(tmp_path / "cache"))
    raws = [p for p in (tmp_path / "cache" / "search").iterdir() if (p / "words.json").exists()]
    assert raws
    for raw in raws:
        listed = json.loads((raw / "words.json").read_text("utf-8"))
        for chunks in listed.values():
            for name, words in chunks.items():
                data = gzip.decompress((raw / "index" / f"{name}.pf_index").read_bytes())
                cut = search_words._entries(data, words)
                assert cut is not None
                decoded = cbor2.loads(data[12:])[0]
                assert [cbor2.loads(b) for _, b in cut] == decoded
