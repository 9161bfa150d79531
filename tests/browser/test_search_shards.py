"""Search in shards gives readers what one index gives: the same results, in a real Chromium.

One site of the benchmark's corpus (../shared/bench/make_corpus.py), indexed twice: in shards
(the limit lowered so every year is its own bundle, merged in the browser by search.js) and as
one Pagefind bundle over the same pages (what the build made before shards). For French and
English queries, with and without accents, the search page lists the same pages; and the
sizes of the two are compared by the benchmark (at 10,000 incidents), not here.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.site import search
from tests.browser.conftest import _Quiet
from tests.conftest import MAKE_CORPUS

pytestmark = pytest.mark.xdist_group("browser")

ROOT = Path(__file__).resolve().parents[2]

# Common and rare words (a rare word is missing from most shards), accents or none, several
# words, a word found nowhere beside one found.
QUERIES = {
    "/search/": ["roquette", "aérienne", "aerienne", "tués", "tues", "Aïn", "ain", "Aïn al-Assad"]
    + ["Tower", "drone frappe", "xyzzy", "Tanf xyzzy"],
    "/en/search/": ["rocket", "Ain al-Asad", "Aïn", "ain", "Tower", "drone strike", "xyzzy"]
    + ["Tanf xyzzy"],
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server whose /search/ uses the shards and /single/search/ the one bundle."""
    if not MAKE_CORPUS.exists():
        pytest.skip("needs ../shared/bench/make_corpus.py")
    from generator.build import build

    root = tmp_path_factory.mktemp("shards")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "240", str(root)], check=True)
    output = root / "site"
    build(root / "content", output, search_index=False, CHRONOLOGY_CACHE=str(root / "cache"))
    stats = search.index(output, root / "cache", limit=15)  # 20 a year: two shards a year
    assert stats["search_shards"] > 12
    single = output / "single-index"
    run = [str(search.executable()), "--site", str(output), "--output-path", str(single)]
    subprocess.run([*run, "--glob", search.GLOB, "--silent"], check=True)
    (single / search.LIST).write_text(json.dumps({"shards": [{"path": "./"}]}), "utf-8")
    for lang in ("", "en/"):
        page = (output / lang / "search" / "index.html").read_text("utf-8")
        mine = output / "single" / lang / "search" / "index.html"
        mine.parent.mkdir(parents=True)
        mine.write_text(page.replace('data-bundle="/pagefind/"', 'data-bundle="/single-index/"'))
    handler = functools.partial(_Quiet, directory=str(output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", output
    finally:
        httpd.shutdown()
        httpd.server_close()


def results(page, url: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The status line and every result's address, "more" clicked until all are shown."""
    page.goto(url)
    page.locator("#search[data-ready]").wait_for(state="attached")
    page.locator("#search[data-shown]").wait_for(state="attached")  # the first results drawn
    more = page.locator(".search-more")
    while more.is_visible():
        count = page.locator(".search-result-link").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.search-result-link').length > {count}")
    links = page.locator(".search-result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return page.locator(".search-status").inner_text(), links


@pytest.mark.parametrize("path", list(QUERIES))
def test_shards_and_one_index_find_the_same_pages(browser, sites, path):  # type: ignore[no-untyped-def]
    server, _ = sites
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for words in QUERIES[path]:
            sharded = results(page, f"{server}{path}?q={quote(words)}")
            single = results(page, f"{server}/single{path}?q={quote(words)}")
            assert sharded[0] == single[0], words  # "N results for …"
            assert sorted(sharded[1]) == sorted(single[1]), words
            assert bool(sharded[1]) == (words != "xyzzy"), words  # the comparison means something
            prefix = "/en/incidents/" if path.startswith("/en/") else "/incidents/"
            assert all(link.startswith(prefix) for link in sharded[1])
    finally:
        context.close()
