"""The small pieces: URL classification, path joining, srcset and refresh parsing."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.internal import fragment_found
from generator.check.links import parse_html, refresh_url, srcset_urls
from generator.check.urls import SKIP, External, Internal, Invalid, classify, join

PAGE = ("a", "b", "page.html")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("x.html", Internal(("a", "b", "x.html"), None)),
        ("../x.html#f", Internal(("a", "x.html"), "f")),
        ("/x/", Internal(("x", ""), None)),
        ("/", Internal(("",), None)),
        ("#f", Internal(PAGE, "f")),
        ("", Internal(PAGE, None)),
        ("?q", Internal(PAGE, None)),
        ("../../..", Invalid("points above the site root")),
        ("%2e%2e/%2E%2E/x", Internal(("x",), None)),
        ("a%20b/c%C3%A9", Internal(("a", "b", "a b", "cé"), None)),
        (" \tx.html\n", Internal(("a", "b", "x.html"), None)),
        ("x\n.html", Internal(("a", "b", "x.html"), None)),
        ("HTTPS://Example.org/p?q=1#f", External("https://Example.org/p?q=1")),
        ("//cdn.example.org/x.js", External("https://cdn.example.org/x.js")),
        ("http://example.org:99999/", Invalid),
        ("http:///nohost", Invalid("invalid URL (no host)")),
        ("mailto:a@b.c", SKIP),
        ("tel:+1", SKIP),
        ("javascript:void(0)", SKIP),
        ("data:,x", SKIP),
        ("x:y", SKIP),
    ],
)
def test_classify(url: str, expected: object) -> None:
    result = classify(url, PAGE)
    if expected is Invalid:  # the wording of the error comes from urllib
        assert isinstance(result, Invalid) and result.reason.startswith("invalid URL (")
    else:
        assert result == expected


def test_external_base_makes_relative_links_external() -> None:
    assert classify("x.html#f", PAGE, "https://e.org/d/") == External("https://e.org/d/x.html")
    assert classify("/x", PAGE, "https://e.org/d/") == External("https://e.org/x")


def test_site_url_links_are_internal() -> None:
    site = "https://c.example/"
    assert classify("https://c.example/a/#f", PAGE, None, site) == Internal(("a", ""), "f")
    assert classify("https://c.example", PAGE, None, site) == Internal(("",), None)
    assert classify("https://other.example/", PAGE, None, site) == External(
        "https://other.example/"
    )


segment = st.sampled_from(["a", "b", "c.html", ".", "..", "", "%2e%2e", "d%20e"])


@given(st.lists(segment, min_size=1, max_size=8), st.lists(st.sampled_from("xyz"), max_size=3))
def test_join_agrees_with_normpath_when_inside_the_root(parts: list[str], base: list[str]) -> None:
    path = "/".join(parts)
    result = join(tuple(base), path)
    decoded = path.replace("%2e", ".").replace("%20", " ")
    full = "/" + "/".join(base) + "/" + decoded if not decoded.startswith("/") else decoded
    depth = 0
    escapes = False
    for part in full.split("/")[1:]:
        if part == "..":
            depth -= 1
            escapes = escapes or depth < 0
        elif part not in ("", "."):
            depth += 1
    if escapes:
        assert result is None
        return
    assert result is not None
    assert all(s not in (".", "..") for s in result)
    assert "/".join(result).rstrip("/") == posixpath.normpath(full).lstrip("/").rstrip(".")


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_classify_never_raises(url: str) -> None:
    classify(url, PAGE)
    classify(url, PAGE, "https://e.org/")


@settings(max_examples=100)
@given(st.binary(max_size=300))
def test_parsing_arbitrary_bytes_never_raises(data: bytes) -> None:
    parse_html(data, "x.html")


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png 100w,b.png 200w", ["a.png", "b.png"]),
        ("a,b.png 1x, c.png 2x", ["a,b.png", "c.png"]),
        ("data:image/png;base64,AA== 1x, b.png 2x", ["data:image/png;base64,AA==", "b.png"]),
        ("a.png, b.png", ["a.png", "b.png"]),
        (" , a.png (x, y) 1x , b.png", ["a.png", "b.png"]),
        ("", []),
    ],
)
def test_srcset(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


@pytest.mark.parametrize(
    ("content", "url"),
    [
        ("0; url=/x/", "/x/"),
        ("5;URL='x.html'", "x.html"),
        ('0; url="x.html"', "x.html"),
        ("3", None),
        ("0;https://e.org/", "https://e.org/"),
    ],
)
def test_refresh_url(content: str, url: str | None) -> None:
    assert refresh_url(content) == url


def test_fragments_as_a_browser_finds_them() -> None:
    ids = {"été", "a b", "x"}
    assert fragment_found("x", ids)
    assert fragment_found("%C3%A9t%C3%A9", ids)
    assert fragment_found("a%20b", ids)
    assert fragment_found("top", set()) and fragment_found("TOP", set())
    assert fragment_found(":~:text=hello", set())
    assert not fragment_found("X", ids)
    assert not fragment_found("missing", ids)


def test_parse_html_collects_ids_names_links_and_base() -> None:
    page = parse_html(
        b"""<!doctype html><html><head><base href="/b/"><base href="/ignored/">
<link rel="preconnect" href="https://x"><link rel="icon" href="i.png"></head>
<body><a name="n" href="a.html" data-archive="https://arch/a">a</a><p id="p"></p>
<img srcset="s1.png 1x, s2.png 2x" src="s.png"><meta http-equiv="Refresh" content="0;url=r.html">
</body></html>""",
        "x.html",
    )
    assert page.base == "/b/"
    assert page.ids == {"n", "p"}
    urls = [(url, archive) for url, _, archive in page.links]
    assert sorted(urls) == sorted(
        [
            ("i.png", None),
            ("a.html", "https://arch/a"),
            ("s1.png", None),
            ("s2.png", None),
            ("s.png", None),
            ("r.html", None),
        ]
    )
