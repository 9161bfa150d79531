"""Incremental rebuilds are exact: after every edit, the live output equals a clean build.

One process keeps a BuildState across builds, as the live server does, and writes in place
into its output folder. After each change to the records (an edited summary, a record moved
to another base, a record added, a record deleted, a base renamed, a record broken then
fixed), the folder must hold exactly the files a clean build of the same content writes,
byte for byte. The clean builds go through the forked worker pool and a fresh state, the
live ones through the in-process path with the state kept: both paths are compared.

The corpus is the benchmark's (../shared/bench/make_corpus.py), so the test is skipped
where that folder is absent. No timing is asserted here; speed is the benchmark's job.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench.child import edited as with_en_summary  # one more sentence in `en`
from generator.build import run_pelican, settings_for
from generator.folders import MARKER
from generator.records.problems import InvalidContent
from generator.site import urls
from generator.site.incremental import BuildState
from tests.conftest import MAKE_CORPUS

ROOT = Path(__file__).resolve().parent.parent

INCIDENTS = 200

pytestmark = [
    pytest.mark.xdist_group("incremental"),
    pytest.mark.skipif(not MAKE_CORPUS.exists(), reason="needs ../shared/bench/make_corpus.py"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(INCIDENTS), str(folder)],
        check=True,
        capture_output=True,
    )
    return folder / "content"


@pytest.fixture
def content(corpus: Path, tmp_path: Path) -> Path:
    shutil.copytree(corpus, tmp_path / "site" / "content")
    return tmp_path / "site" / "content"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER  # chronology build's mark, not run_pelican's
    }


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


class Live:
    """The live server's way of building: one state, the same output folder every time."""

    def __init__(self, content: Path, output: Path):
        self.content, self.output, self.state = content, output, BuildState()
        output.mkdir(parents=True)
        self.clean_builds = 0

    def build(self) -> list[str]:
        run_pelican(settings_for(self.content, self.output, CHRONOLOGY_STATE=self.state))
        return sorted(self.state.stats["written_files"])

    def clean(self, **overrides: object) -> Path:
        """A clean build of the same content into a new folder (fresh state, worker pool)."""
        self.clean_builds += 1
        output = self.output.with_name(f"clean-{self.clean_builds}")
        output.mkdir()
        settings = {
            "CHRONOLOGY_STATE": BuildState(),
            "CHRONOLOGY_PARALLEL_MIN": 1,  # fork workers even for this small site
            "CHRONOLOGY_WORKERS": 2,
            "CHRONOLOGY_CACHE": False,  # parse every file again: no on-disk cache
            # the ids the compared site lists as published (and so keeps pages for, though
            # deleted: generator/site/plumbing.py), as a build replacing that site reads them
            "CHRONOLOGY_PUBLISHED": str(self.output),
            **overrides,
        }
        run_pelican(settings_for(self.content, output, **settings))
        return output

    def assert_same_as_clean(self, step: str, **overrides: object) -> None:
        clean = self.clean(**overrides)
        live, fresh = snapshot(self.output), snapshot(clean)
        missing = sorted(set(fresh) - set(live))
        extra = sorted(set(live) - set(fresh))
        differ = sorted(k for k in set(live) & set(fresh) if live[k] != fresh[k])
        assert not (missing or extra or differ), (
            f"after {step}: live output differs from a clean build: "
            f"missing {missing[:5]}, extra {extra[:5]}, different {differ[:5]}"
        )
        assert folders(self.output) == folders(clean), f"after {step}: empty folders left"
        shutil.rmtree(clean)


def record_files(content: Path) -> list[Path]:
    return sorted((content / "incidents").rglob("*.yaml"))


def a_base_record(content: Path, skip: int = 0) -> Path:
    found = [p for p in record_files(content) if "\nbase: " in p.read_text("utf-8")]
    return found[len(found) // 2 + skip]


def test_edit_add_delete_stay_equal_to_a_clean_build(content: Path, tmp_path: Path) -> None:
    live = Live(content, tmp_path / "live")
    live.build()
    live.assert_same_as_clean("the first build")

    # A summary edited: same pages, one text changed.
    record = a_base_record(content)
    record.write_text(with_en_summary(record.read_text("utf-8"), "Edited."), "utf-8")
    live.build()
    live.assert_same_as_clean("a summary edit")

    # The same record moved to another base: base pages, lists, feeds, maps change.
    text = record.read_text("utf-8")
    current = next(line for line in text.splitlines() if line.startswith("base: "))
    other = "base: tower-22" if current != "base: tower-22" else "base: al-tanf"
    record.write_text(text.replace(current, other), "utf-8")
    live.build()
    live.assert_same_as_clean("a record moved to another base")

    # A record added (a new id on an existing day, place and kind).
    source = a_base_record(content, skip=7)
    new_id = source.stem + "-9"
    added = source.with_name(new_id + ".yaml")
    added.write_text(
        source.read_text("utf-8").replace(f"id: {source.stem}\n", f"id: {new_id}\n"), "utf-8"
    )
    live.build()
    assert (live.output / "incidents" / new_id / "index.html").exists()
    live.assert_same_as_clean("a record added")

    # A record deleted: its pages go, and the folders they leave empty.
    gone = record_files(content)[5]
    gone.unlink()
    live.build()
    assert not (live.output / "incidents" / gone.stem).exists()
    live.assert_same_as_clean("a record deleted")

    # A base renamed in bases.yaml: every page that names it changes.
    bases = content / "bases.yaml"
    bases.write_text(
        bases.read_text("utf-8").replace("name: Tower 22", "name: Tower 22 (Jordan)"), "utf-8"
    )
    live.build()
    live.assert_same_as_clean("a base renamed")

    # A broken record stops the build and leaves the output as it was; fixed, all is well.
    before = snapshot(live.output)
    broken = record_files(content)[10]
    good = broken.read_text("utf-8")
    broken.write_text(good.replace("status: ", "status: bogus-"), "utf-8")
    with pytest.raises(InvalidContent):
        live.build()
    assert snapshot(live.output) == before
    broken.write_text(good, "utf-8")
    live.build()
    live.assert_same_as_clean("a record broken then fixed")

    # A fresh state in the same process, with the on-disk parse cache the builds left.
    live.assert_same_as_clean("everything, from the on-disk cache", CHRONOLOGY_CACHE=None)


def base_of(record: Path) -> str:
    return next(
        line.split(": ", 1)[1]
        for line in record.read_text("utf-8").splitlines()
        if line.startswith("base: ")
    )


def test_a_summary_edit_writes_only_the_files_that_show_it(content: Path, tmp_path: Path) -> None:
    live = Live(content, tmp_path / "live")
    live.build()
    assert live.build() == [], "a rebuild with nothing changed wrote files"

    by_age = sorted(
        (p for p in record_files(content) if "\nbase: " in p.read_text("utf-8")),
        key=lambda p: p.stem,
    )
    # The oldest record: not among the 50 latest of the site feed, but every base here has
    # fewer than 50 incidents, so its base feed carries it.
    oldest = by_age[0]
    oldest.write_text(with_en_summary(oldest.read_text("utf-8"), "Edited."), "utf-8")
    assert live.build() == sorted(
        [
            f"en/incidents/{oldest.stem}/index.html",
            f"en/bases/{base_of(oldest)}/feed.xml",
            "data/incidents.csv",
            "data/incidents.json",
        ]
    )
    # Rendered again: its two pages only, not the lists that show its row (a row shows no
    # summary) nor the pages that summarise everything (home, archives...).
    assert live.state.stats["rendered"] == 2
    # The latest record: the site feed carries it too.
    latest = by_age[-1]
    latest.write_text(with_en_summary(latest.read_text("utf-8"), "Edited."), "utf-8")
    assert live.build() == sorted(
        [
            f"en/incidents/{latest.stem}/index.html",
            "en/feed.xml",
            f"en/bases/{base_of(latest)}/feed.xml",
            "data/incidents.csv",
            "data/incidents.json",
        ]
    )
    live.assert_same_as_clean("two summary edits")

    # A source added: the home and About pages count the articles cited, so they change.
    before = articles_cited(live.output)
    text = oldest.read_text("utf-8")
    head, sources = text.split("\nsources:\n", 1)
    first = sources.split("\n- ", 1)[0]  # the first source's lines, "- outlet: ..." on
    added = first.replace("url: ", "url: https://example.org/one-more-article?from=", 1)
    oldest.write_text(f"{head}\nsources:\n{added}\n{sources}", "utf-8")
    written = live.build()
    assert {"index.html", "en/index.html", "about/index.html", "en/about/index.html"} <= set(
        written
    )
    assert articles_cited(live.output) == before + 1
    live.assert_same_as_clean("a source added")


def articles_cited(output: Path) -> int:
    """The number of articles the English home page says the chronology cites."""
    text = (output / "en" / "index.html").read_text("utf-8")
    return int(re.search(r"from (\d+) articles", text).group(1))


def test_a_rebuild_reuses_unchanged_pages_and_equals_a_clean_build(
    content: Path, tmp_path: Path
) -> None:
    """`chronology build` twice: the second links unchanged pages from the published site."""
    from generator.build import build

    published = tmp_path / "published"
    live = Live(content, tmp_path / "unused")  # for its clean builds only
    first = build(content, published, search_index=False).stats
    assert first["reused"] == 0

    again = build(content, published, search_index=False).stats
    assert again["reused"] >= again["pages"] - 10  # all but the pages that show everything
    live.output = published
    live.assert_same_as_clean("a rebuild with nothing changed")

    record = a_base_record(content)
    record.write_text(with_en_summary(record.read_text("utf-8"), "Edited."), "utf-8")
    edited = build(content, published, search_index=False).stats
    # Not reused: its pages, its neighbours', the lists that show it, the site-wide pages.
    assert edited["pages"] - 40 < edited["reused"] < again["reused"]
    live.assert_same_as_clean("a rebuild after a summary edit")

    bases = content / "bases.yaml"
    bases.write_text(bases.read_text("utf-8").replace("name: Tower 22", "name: Tower 22 (JO)"))
    assert build(content, published, search_index=False).stats["reused"] == 0
    live.assert_same_as_clean("a rebuild after a base was renamed")

    other = build(content, published, search_index=False, SITEURL="https://example.org/x").stats
    assert other["reused"] == 0  # other settings: every page again
    live.assert_same_as_clean("a rebuild with another SITEURL", SITEURL="https://example.org/x")


def test_builds_in_the_recycled_folder_equal_clean_builds(content: Path, tmp_path: Path) -> None:
    """From the third `chronology build` on, the site published two builds ago is the
    folder the new site is made in (generator/recycle.py): after edits, an added and a
    deleted record, a stray file and a tampered page in that folder, each published site
    equals a clean build, and no build writes through a file the published site shares."""
    from generator.build import build
    from generator.recycle import spare_of

    published = tmp_path / "published"
    spare = spare_of(published)
    live = Live(content, tmp_path / "unused")  # for its clean builds only
    live.output = published

    def rebuild(step: str) -> dict[str, object]:
        before = snapshot(published) if published.exists() else None
        stats = build(content, published, search_index=False).stats
        if before is not None:  # the previous site, untouched, is the next spare
            assert snapshot(spare) == before, f"{step}: a build changed the published files"
        live.assert_same_as_clean(step)
        return stats

    rebuild("first build")
    rebuild("second build (the first spare is kept)")
    assert spare.is_dir()
    stats = rebuild("nothing changed, built in the spare")
    assert stats["reused"] >= stats["pages"] - 10 and stats["pruned"] == 0

    records = record_files(content)
    records[5].write_text(with_en_summary(records[5].read_text("utf-8"), "Edited."), "utf-8")
    rebuild("a summary edit")
    source = a_base_record(content, skip=3)
    new_id = source.stem + "-9"
    source.with_name(new_id + ".yaml").write_text(
        source.read_text("utf-8").replace(f"id: {source.stem}\n", f"id: {new_id}\n"), "utf-8"
    )
    rebuild("a record added")
    records[7].unlink()
    stats = rebuild("a record deleted")

    (spare / "stray.html").write_text("not part of any build")
    page = next((spare / "incidents").rglob("index.html"))
    page.write_text(page.read_text("utf-8") + "<!-- tampered -->")  # a new mtime: not reused
    os.utime(spare / "index.html", ns=(1, 1))  # another mtime for an unchanged page
    stats = rebuild("a stray file and a tampered page in the spare")
    assert stats["pruned"] >= 1


def test_a_feed_that_no_longer_exists_is_removed_by_the_live_rebuild(
    content: Path, tmp_path: Path
) -> None:
    """Every record of a base moved to another: the base's own feeds are no longer made, and
    the live rebuild removes them, as a clean build would never write them."""
    live = Live(content, tmp_path / "live")
    live.build()
    by_base: dict[str, list[Path]] = {}
    for record in record_files(content):
        if "\nbase: " in record.read_text("utf-8"):
            by_base.setdefault(base_of(record), []).append(record)
    emptied = min(by_base, key=lambda b: len(by_base[b]))
    other = next(b for b in by_base if b != emptied)
    feed = live.output / urls.output_file(urls.base_feed(emptied, "fr"))
    assert feed.is_file()
    for record in by_base[emptied]:
        text = record.read_text("utf-8")
        record.write_text(text.replace(f"\nbase: {emptied}\n", f"\nbase: {other}\n"), "utf-8")
    live.build()
    assert not feed.exists()
    live.assert_same_as_clean("a base left with no record")
