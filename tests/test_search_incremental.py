"""The search index after an edit: a new word rewrites only the word chunks its range falls
in, a recycled site's index is brought up to date in place (same files as a clean build, the
unchanged ones left as they were), and a build without search publishes no stale index."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "content"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.pf_*")}


def add_word(project: Path, year: str, word: str) -> None:
    record = sorted((project / "incidents" / year).glob("*.yaml"))[0]
    text = record.read_text("utf-8")
    edited = re.sub(r"(?m)^summary:\n  fr: >-\n", f"summary:\n  fr: >-\n    {word}.\n", text)
    assert edited != text
    record.write_text(edited, "utf-8")


def test_a_new_word_rewrites_only_the_chunks_it_falls_in(project: Path, tmp_path: Path) -> None:
    output, cache = tmp_path / "site", tmp_path / "cache"
    for _ in range(3):  # the third build is made in the recycled folder of the first
        build(project, output, CHRONOLOGY_CACHE=str(cache))
    chunks = cache / "search" / "chunks"
    before = set(os.listdir(chunks))
    placed = inodes(output / "pagefind")
    add_word(project, "2024", "Zanzibarique")
    edited = build(project, output, CHRONOLOGY_CACHE=str(cache))
    assert edited.stats["search_shards_built"] == 1
    new = set(os.listdir(chunks)) - before
    # the edited shard's French chunk, and in the other shard the one French chunk whose
    # range takes the new word: nothing in English, nothing else in French
    assert len(new) == 2 and all(name.split("-")[2].startswith("fr_") for name in new)
    after = inodes(output / "pagefind")
    kept = [f for f in after if f.startswith("2023/") and "/fragment/" in f]
    assert kept and all(after[f] == placed.get(f) for f in kept)  # linked in place, untouched
    clean = build(project, tmp_path / "clean", CHRONOLOGY_CACHE=str(tmp_path / "other"))
    assert clean.stats["search_shards_built"] == 2
    assert tree(output / "pagefind") == tree(tmp_path / "clean" / "pagefind")


def test_a_stray_file_in_the_recycled_index_is_removed(project: Path, tmp_path: Path) -> None:
    output, cache = tmp_path / "site", tmp_path / "cache"
    build(project, output, CHRONOLOGY_CACHE=str(cache))
    spare = tmp_path / ".site.spare"
    build(project, output, CHRONOLOGY_CACHE=str(cache))
    assert (spare / "pagefind" / "shards.json").is_file()  # the next build starts from it
    (spare / "pagefind" / "2023" / "fragment" / "stray.pf_fragment").write_bytes(b"x")
    fragment = next((spare / "pagefind" / "2024" / "fragment").iterdir())
    fragment.unlink()  # a kept file replaced by another with other bytes
    fragment.write_bytes(b"not the fragment")
    build(project, output, CHRONOLOGY_CACHE=str(cache))
    clean = tmp_path / "clean"
    build(project, clean, CHRONOLOGY_CACHE=str(tmp_path / "other"))
    assert tree(output / "pagefind") == tree(clean / "pagefind")


def test_a_build_without_search_publishes_no_index(project: Path, tmp_path: Path) -> None:
    output, cache = tmp_path / "site", tmp_path / "cache"
    build(project, output, CHRONOLOGY_CACHE=str(cache))
    build(project, output, CHRONOLOGY_CACHE=str(cache))
    assert (tmp_path / ".site.spare" / "pagefind").is_dir()
    build(project, output, CHRONOLOGY_CACHE=str(cache), search_index=False)
    assert not (output / "pagefind").exists()
