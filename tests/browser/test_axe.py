"""Accessibility: axe-core, injected into each page type, reports no violation at all."""

from __future__ import annotations

import json

import pytest

from .conftest import AXE, PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core is missing: npm install --prefix .tools axe-core")
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[dict]:  # type: ignore[no-untyped-def]
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
            }));
        }"""
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violation_on_any_page_type(browser, server, axe_source, artifacts, width):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    try:
        for name, path in PAGES.items():
            page.goto(server + path)
            if name == "search":  # the search box is drawn by Pagefind's script: check it too
                page.locator("#search-input").fill("drone")
                page.locator(".search-result-link").first.wait_for()
            problems = violations(page, axe_source)
            if problems:
                found[name] = problems
    finally:
        context.close()
    (artifacts / f"axe-{width}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_no_axe_violation_with_filters_applied(page, server, axe_source):  # type: ignore[no-untyped-def]
    page.goto(server + "/en/?kind=strike")
    page.locator(".filter-status a").wait_for()
    assert violations(page, axe_source) == []
