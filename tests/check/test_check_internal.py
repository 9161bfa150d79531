"""Offline checks: internal links, assets and fragments, against small trees in tmp_path."""

from __future__ import annotations

import pytest

from generator.check import check_site, run_check
from generator.check import runner as runner_module

# Every page of this tree is linked to from index.html in ways that must all work.
GOOD = {
    "index.html": """
<header id="top-bar"><a href="#">top</a> <a href="#top">top</a> <a href="">self</a></header>
<a href="?q=1">query</a> <a href="index.html?x=1#main">query and fragment</a>
<main id="main"><a name="legacy"></a><a href="#legacy">legacy anchor</a></main>
<a href="/docs/">docs dir</a> <a href="/docs">docs without slash</a>
<a href="docs/">relative dir</a>
<a href="docs">relative dir without slash</a> <a href="./docs/index.html#intro">explicit index</a>
<a href="/">root</a> <a href=".">dot</a> <a href="./">dot slash</a>
<a href="caf%C3%A9.html">percent-encoded</a> <a href="café.html">raw non-ASCII</a>
<a href="my%20page.html">encoded space</a> <a href="caf%c3%a9.html#%C3%A9t%C3%A9">encoded id</a>
<a href="café.html#été">raw id</a> <a href="a+b.html">plus stays a plus</a>
<a href="  docs/page.html  ">spaces around</a> <a href="docs//page.html">double slash</a>
<a href="doc.pdf#page=2">fragment of a non-HTML file</a>
<a href="docs/page.html#:~:text=hello">text fragment</a>
<a href="mailto:someone@example.org">mail</a> <a href="tel:+33100000000">phone</a>
<a href="javascript:void(0)">script</a> <a href="JavaScript:history.back()">script</a>
<a href="data:text/plain,hello">data</a> <a href="ftp://ftp.example.org/x">ftp</a>
<a href="https://example.org/page">outside, offline</a>
<a href="//cdn.example.org/x.js">protocol-relative</a>
<a>no href</a> <a href="docs/page.html#section-2">id in other page</a>
<link rel="stylesheet" href="style.css?v=3"><script src="/app.js"></script>
<link rel="preconnect" href="https://fonts.example.org"><link rel="dns-prefetch" href="//x.example">
<img src="img/a.png" srcset="img/a.png 1x, img/b,c.png 2x" alt="">
<picture><source srcset="img/a.png 100w,img/b,c.png 200w" sizes="50vw">
<img src="img/a.png" alt=""></picture>
<img src="data:image/png;base64,iVBORw0KGgo="
  srcset="data:image/png;base64,AAA=, img/b,c.png 2x" alt="">
<video src="img/a.png" poster="img/a.png"></video>
<svg><use href="#icon"></use><symbol id="icon"></symbol></svg>
<a href="sub/">sub</a>
""",
    "docs/index.html": """<h2 id="intro">Intro</h2><a href="../">up</a> <a href="..">up</a>
<a href="../index.html#main">back</a> <a href="page.html">sibling</a>""",
    "docs/page.html": '<h2 id="section-2"></h2><a href="/docs/">d</a><a href="../café.html">c</a>',
    "café.html": '<p id="été">été</p>',
    "my page.html": "<p>space</p>",
    "a+b.html": "<p>plus</p>",
    "doc.pdf": b"%PDF-1.4",
    "style.css": "body{}",
    "app.js": "",
    "img/a.png": b"png",
    "img/b,c.png": b"png",
    "sub/index.html": """<base href="/docs/"><a href="page.html">page via base</a>
<a href="#intro">fragment via base (docs/index.html)</a> <a href="../sub/">back</a>""",
    "redirect.html": '<meta http-equiv="refresh" content="0; url=\'docs/page.html\'">',
    "abs.html": '<base href="https://elsewhere.example/"><a href="missing.html">outside now</a>',
}


def problems(root, **kwargs) -> set[tuple[str, str, str]]:
    found = check_site(root, **kwargs)
    triples = [(p.file, p.path, p.message) for p in found]
    assert len(triples) == len(set(triples)), f"reported more than once: {triples}"
    assert all(p.rule == "link" for p in found)
    return set(triples)


def test_links_a_reader_can_follow_are_not_reported(make_site) -> None:
    root = make_site(GOOD)
    assert problems(root) == set()


def test_each_broken_link_is_reported_once_with_its_reason(make_site) -> None:
    root = make_site(
        {
            "index.html": """
<a href="nope.html">missing page</a> <a href="nope.html">same again, reported once</a>
<a href="/missing/">missing dir</a> <a href="noindex/">dir without index</a>
<a href="/noindex">dir without index, no slash</a>
<a href="#missing">missing fragment here</a> <a href="other.html#nope">missing elsewhere</a>
<a href="../../x.html">above the root</a> <a href="/../x.html">above the root too</a>
<img src="img/missing.png" srcset="img/ok.png 1x, img/gone.png 2x" alt="">
<a href="other.html/">trailing slash on a file</a> <a href="Other.html">wrong case</a>
<a href="other">no extension assumed</a> <a href="http://[::1">invalid URL</a>
<a href="/sub/page.html#gone">root-relative, missing fragment</a>
<a href="caf%C3%A8.html">wrong encoded name</a> <link rel="stylesheet" href="missing.css">
<script src="js/missing.js"></script> <a name="here"></a><a href="#Here">ids are case-sensitive</a>
""",
            "other.html": '<p id="present">x</p>',
            "café.html": "<p>x</p>",
            "img/ok.png": b"png",
            "noindex/readme.txt": "x",
            "sub/page.html": '<p id="there">x</p>',
            "sub/base.html": '<base href="/"><a href="#sub-only">resolves to the home page</a>'
            '<p id="sub-only"></p><a href="page.html">resolves to /page.html</a>',
            "sub/refresh.html": '<meta http-equiv="refresh" content="3;URL=gone.html">',
        }
    )
    assert problems(root) == {
        ("index.html", "nope.html", "not found: nope.html"),
        ("index.html", "/missing/", "not found: missing/"),
        ("index.html", "noindex/", "directory without index.html: noindex/"),
        ("index.html", "/noindex", "directory without index.html: noindex/"),
        ("index.html", "#missing", "fragment #missing not found in index.html"),
        ("index.html", "other.html#nope", "fragment #nope not found in other.html"),
        ("index.html", "../../x.html", "points above the site root"),
        ("index.html", "/../x.html", "points above the site root"),
        ("index.html", "img/missing.png", "not found: img/missing.png"),
        ("index.html", "img/gone.png", "not found: img/gone.png"),
        ("index.html", "other.html/", "not found: other.html/"),
        ("index.html", "Other.html", "not found: Other.html"),
        ("index.html", "other", "not found: other"),
        ("index.html", "http://[::1", "invalid URL (Invalid IPv6 URL)"),
        ("index.html", "/sub/page.html#gone", "fragment #gone not found in sub/page.html"),
        ("index.html", "caf%C3%A8.html", "not found: cafè.html"),
        ("index.html", "missing.css", "not found: missing.css"),
        ("index.html", "js/missing.js", "not found: js/missing.js"),
        ("index.html", "#Here", "fragment #Here not found in index.html"),
        ("sub/base.html", "#sub-only", "fragment #sub-only not found in index.html"),
        ("sub/base.html", "page.html", "not found: page.html"),
        ("sub/refresh.html", "gone.html", "not found: sub/gone.html"),
    }


def test_problems_carry_the_line_and_are_sorted(make_site) -> None:
    root = make_site(
        {
            "b.html": '<!doctype html>\n<title>b</title>\n\n<a href="x.html">x</a>\n',
            "a.html": '<!doctype html>\n<title>a</title>\n<a href="y.html">y</a>\n',
        }
    )
    found = check_site(root)
    assert [(p.file, p.line) for p in found] == [("a.html", 3), ("b.html", 4)]


def test_pages_without_a_charset_are_read_as_utf8(make_site) -> None:
    root = make_site(
        {
            "index.html": '<!doctype html><title>x</title><a href="é.html#ü">x</a>'.encode(),
            "é.html": '<!doctype html><title>x</title><p id="ü">'.encode(),
        }
    )
    assert problems(root) == set()


def test_a_declared_charset_is_honoured(make_site) -> None:
    html = '<!doctype html><meta charset="iso-8859-1"><title>x</title><a href="é.html">x</a>'
    root = make_site({"index.html": html.encode("latin-1"), "é.html": "<p>x</p>"})
    assert problems(root) == set()


def test_unparseable_and_empty_pages_do_not_stop_the_check(make_site) -> None:
    root = make_site({"empty.html": b"", "binary.html": b"\x00\xff\x00", "ok.html": "<p>x</p>"})
    assert problems(root) == set()


def test_ignore_patterns_apply_to_internal_and_outside_links(make_site) -> None:
    root = make_site({"index.html": '<a href="drafts/x.html">d</a><a href="y.html">y</a>'})
    assert problems(root, ignore=[r"^drafts/"]) == {("index.html", "y.html", "not found: y.html")}


def test_site_url_links_are_checked_as_internal(make_site) -> None:
    root = make_site(
        {
            "index.html": '<a href="https://chronology.example/about/">ok</a>'
            '<a href="https://chronology.example/gone/">gone</a>'
            '<a href="https://chronology.example">home</a>',
            "about/index.html": "<p>about</p>",
        }
    )
    assert problems(root, site_url="https://chronology.example") == {
        ("index.html", "https://chronology.example/gone/", "not found: gone/")
    }


def test_symlinked_directories_inside_the_site_are_followed(make_site) -> None:
    root = make_site({"index.html": '<a href="linked/#x">l</a>', "real/index.html": "<p id=x>"})
    (root / "linked").symlink_to("real")
    assert problems(root) == set()


def test_counts(make_site) -> None:
    root = make_site({"index.html": '<a href="a.html">a</a><img src="b.png" alt="">', "a.html": ""})
    result = run_check(root)
    assert (result.pages, result.links, len(result.problems)) == (2, 2, 1)


def test_worker_processes_find_the_same_problems(make_site, monkeypatch) -> None:
    files = {f"p{i}.html": f'<a href="p{i + 1}.html#s">n</a><p id="s"></p>' for i in range(40)}
    files["p7.html"] = '<a href="p8.html#nope">n</a>'
    root = make_site(files)
    serial = check_site(root, jobs=1)
    pools = []

    class Pool(runner_module.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(runner_module, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(runner_module, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(runner_module, "CHUNK", 7)
    parallel = check_site(root, jobs=2)
    assert len(pools) == 1
    assert parallel == serial
    assert {(p.file, p.path, p.message) for p in serial} == {
        ("p6.html", "p7.html#s", "fragment #s not found in p7.html"),
        ("p7.html", "p8.html#nope", "fragment #nope not found in p8.html"),
        ("p39.html", "p40.html#s", "not found: p40.html"),
    }


def test_not_a_directory(tmp_path) -> None:
    with pytest.raises(NotADirectoryError):
        check_site(tmp_path / "nope")
