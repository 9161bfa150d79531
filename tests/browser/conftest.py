"""A real site, served over HTTP on 127.0.0.1, and a real headless Chromium to read it.

The site is built once per session from content/ (with its Pagefind index); the browser is
Debian's chromium (never a downloaded one). Every browser test is in the xdist group
"browser", so one worker runs them all with one build, one server and one browser.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# One page of each type of the real site (French at the root, English under /en/).
PAGES = {
    "home": "/",
    "home-en": "/en/",
    "incident": "/incidents/2023-11-21-iraq-strike/",
    "incident-en": "/en/incidents/2023-10-18-ain-al-asad-attack/",
    "base": "/bases/ain-al-asad/",
    "bases": "/bases/",
    "month": "/2023/11/",
    "year": "/2023/",
    "actor": "/actors/islamic-resistance-in-iraq/",
    "weapon": "/en/weapons/drone/",
    "kind": "/kinds/attack/",
    "status": "/status/confirmed/",
    "archives": "/archives/",
    "about": "/about/",
    "about-en": "/en/about/",
    "search": "/search/",
    # the evidence views: a place known only to its province, a date window, an empty month
    "incident-province-en": "/en/incidents/2023-12-03-kirkuk-strike/",
    "incident-window": "/incidents/2023-10-18-baghdad-airport-attack/",
    "empty-month": "/2024/01/",
    "empty-month-en": "/en/2024/01/",
    "status-reported-en": "/en/status/reported/",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build

    output = tmp_path_factory.mktemp("browser-site") / "site"
    build(ROOT / "content", output)  # with the search index, as `chronology build` does
    return output


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (tools/setup.sh --test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    """A fresh desktop page; every request it makes must stay on the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def watch(request):  # type: ignore[no-untyped-def]
        if not (request.url.startswith(server) or request.url.startswith("data:")):
            outside.append(request.url)

    tab = context.new_page()
    tab.on("request", watch)
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert not outside, f"requests outside the site: {outside}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
