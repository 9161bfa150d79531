"""The search pages of a hostile site, run in a real Chromium: no script from the records runs.

The site is tests/test_hostile.py's project (markup in base and actor names, summaries, place
names, sources) with payloads that set a window flag instead of only calling alert; Pagefind
takes filter values from the base link's text and titles from the page's h1, so these reach
the search page's filters and results. Searches, every filter opened and ticked, and crafted
?q= addresses, in both languages: no flag set, no dialog, and the hostile names shown as text.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
import yaml

from tests.browser.conftest import _Quiet
from tests.test_hostile import dump, hostile_project

pytestmark = pytest.mark.xdist_group("browser")

FLAG = "<img src=x onerror=\"window.pwned=(window.pwned||[]).concat('{}')\">"
SVG = '"><svg onload="window.pwned=(window.pwned||[]).concat(\'{}\')">'
WORDS = {
    "/search/": ["attaque", "pwn", "onerror", "script", "img"],
    "/en/search/": ["attack", "pwn", "onerror", "svg", "img"],
}
CRAFTED = [
    FLAG.format("q"),
    SVG.format("q-svg"),
    "</mark><img src=x onerror=alert('q-mark')>",
    "javascript:alert('q-js')",
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from generator.build import build

    root = tmp_path_factory.mktemp("hostile-search")
    content = hostile_project(root)
    bases = yaml.safe_load((content / "bases.yaml").read_text("utf-8"))
    for base in bases:
        if base["id"] == "hostile-base":
            base["names"] = {
                "fr": FLAG.format("base-fr") + " pwn",
                "en": SVG.format("base-en") + " pwn",
            }
    (content / "bases.yaml").write_text(dump(bases), "utf-8")
    actors = yaml.safe_load((content / "actors.yaml").read_text("utf-8"))
    for actor in actors:
        if actor["id"] == "hostile-actor":
            actor["names"] = {"fr": FLAG.format("actor-fr"), "en": FLAG.format("actor-en")}
    (content / "actors.yaml").write_text(dump(actors), "utf-8")
    for path in (content / "incidents").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        data["summary"] = {
            lang: f"{text} pwn {FLAG.format('summary-' + lang)}"
            for lang, text in data["summary"].items()
        }
        if "location" in data:
            data["location"]["name"] = FLAG.format("place") + " pwn"
        path.write_text(dump(data), "utf-8")
    output = root / "site"
    build(content, output)
    handler = functools.partial(_Quiet, directory=str(output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def tab(browser, hostile_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []  # type: ignore[attr-defined]

    def dialog(d):  # type: ignore[no-untyped-def]
        page.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()

    page.on("dialog", dialog)
    yield page
    context.close()


def _ran(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(300)  # onerror handlers fire once the broken image fails
    return [*(page.evaluate("window.pwned || []")), *page.dialogs]


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", ["/search/", "/en/search/"])
def test_searches_and_filters_run_no_script_from_the_records(tab, hostile_server, path):  # type: ignore[no-untyped-def]
    tab.goto(hostile_server + path)
    box = tab.locator("#search-input")
    box.wait_for()
    seen_results = 0
    for words in WORDS[path]:
        box.fill(words)
        _settle(tab)
        seen_results += tab.locator(".search-result-link").count()
        for group in tab.locator("#search details").all():
            if not group.evaluate("d => d.open"):
                group.locator("summary").click()  # opened as a reader would
        for check in tab.locator("#search details input[type=checkbox]").all():
            check.check()
            _settle(tab)
            check.uncheck()
            _settle(tab)
        assert _ran(tab) == [], f"{path} {words!r}: a script from the records ran"
    filters = tab.locator("#search details").all_inner_texts()
    results = tab.locator("#search .search-results").inner_text()
    # The payloads did reach the page, as text: the test saw what it had to see.
    assert seen_results > 0
    assert any("<img src=x onerror" in f or "<svg onload" in f for f in filters), filters
    assert "pwn" in results


@pytest.mark.parametrize("path", ["/search/", "/en/search/"])
@pytest.mark.parametrize("query", CRAFTED)
def test_a_crafted_search_address_runs_nothing(tab, hostile_server, path, query):  # type: ignore[no-untyped-def]
    from urllib.parse import quote

    tab.goto(f"{hostile_server}{path}?q={quote(query)}")
    tab.locator("#search[data-ready]").wait_for(state="attached")
    _settle(tab)
    assert _ran(tab) == []
    assert tab.locator("#search-input").input_value() == query
