"""A record's checks are cached across the live server's rebuilds, keyed by every input they
read (generator/records/rules.py Inputs): change one input, and the cached result is not
reused."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.records.cache import FileCache
from generator.records.checks import Validator
from generator.records.problems import InvalidContent

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    # Records citing a stored article are checked again on every run (the article may have
    # changed): here they cite none, so that what is tested is the cache.
    for record in (tmp_path / "content").rglob("*.yaml"):
        lines = record.read_text("utf-8").splitlines(keepends=True)
        record.write_text("".join(x for x in lines if not x.lstrip().startswith("seed:")))
    return tmp_path / "content"


def rules(content: Path, cache: FileCache, today: dt.date | None = None) -> set[str]:
    try:
        Validator(content, cache=cache, today=today).run()
    except InvalidContent as err:
        return {p.rule for p in err.problems}
    return set()


def test_a_cached_result_is_checked_again_when_chronology_yaml_changes(content: Path) -> None:
    cache = FileCache()
    assert rules(content, cache) == set()
    settings = content / "chronology.yaml"
    text = settings.read_text("utf-8")
    # Only this force's word now confirms: the confirmed records' own quotes say otherwise.
    settings.write_text(text.replace("forces: [", "forces: [nobody-else]\n# was: [", 1), "utf-8")
    assert "confirmed-needs-force-quote" in rules(content, cache)
    settings.write_text(text, "utf-8")
    assert rules(content, cache) == set()


def test_a_cached_result_is_checked_again_on_another_day(content: Path) -> None:
    cache = FileCache()
    assert rules(content, cache) == set()
    assert "future-date" in rules(content, cache, today=dt.date(2024, 1, 1))
