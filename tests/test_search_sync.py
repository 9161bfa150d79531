"""Bringing the published pagefind/ folder up to date (generator/site/search/kept.py `sync`),
while a reader may be loading the search page: the listing and every planned file are always
there, a changed file is replaced in one step, and only then do the files no longer planned go."""

from __future__ import annotations

import threading
from pathlib import Path

from generator.site.search.kept import sync


def sources(folder: Path, files: dict[str, str]) -> dict[str, tuple[str, int | None]]:
    plan: dict[str, tuple[str, int | None]] = {}
    for name, text in files.items():
        path = folder / name.replace("/", "_")
        path.write_text(text, "utf-8")
        plan[name] = (str(path), None)
    return plan


def test_sync_keeps_the_listing_replaces_changed_files_and_removes_the_rest(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = tmp_path / "pagefind"
    first = sources(tmp_path / "a", {"2024/entry.json": "one", "2024/old.pf": "old"})
    sync(target, first)
    (target / "shards.json").write_text("listing", "utf-8")
    kept = (target / "2024" / "entry.json").stat().st_ino
    second = sources(tmp_path / "b", {"2024/entry.json": "two", "2024/new.pf": "new"})
    second["2024/entry.json"] = first["2024/entry.json"]  # the same file: left as it is
    sync(target, second, keep=frozenset({"shards.json"}))
    assert (target / "shards.json").read_text("utf-8") == "listing"
    assert (target / "2024" / "entry.json").stat().st_ino == kept
    assert (target / "2024" / "new.pf").read_text("utf-8") == "new"
    assert not (target / "2024" / "old.pf").exists()
    assert sorted(p.name for p in target.rglob("*")) == [
        "2024",
        "entry.json",
        "new.pf",
        "shards.json",
    ]


def test_a_reader_never_finds_the_listing_or_a_planned_file_missing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = tmp_path / "pagefind"
    plans = [
        sources(tmp_path / "a", {"2024/entry.json": "a", "2023/entry.json": "a"}),
        sources(tmp_path / "b", {"2024/entry.json": "b", "2023/entry.json": "b"}),
    ]
    sync(target, plans[0])
    (target / "shards.json").write_text("listing", "utf-8")
    missing: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            for name in ("shards.json", "2024/entry.json", "2023/entry.json"):
                try:
                    (target / name).read_bytes()
                except FileNotFoundError:
                    missing.append(name)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(50):
            sync(target, plans[n % 2], keep=frozenset({"shards.json"}))
    finally:
        done.set()
        reader.join()
    assert missing == []
