"""Odd pages and odd trees: huge pages in linear time, deep nesting, symbolic links."""

from __future__ import annotations

import os
import time

from click.testing import CliRunner

from generator.check import check_site, links
from generator.check.cli import check


def found(root, **kwargs) -> set[tuple[str, str, str, str]]:
    return {(p.rule, p.file, p.path, p.message) for p in check_site(root, **kwargs)}


def interleaved(n: int) -> str:
    """Links and the ids they point to, interleaved: the case that was quadratic."""
    return "".join(
        f'<p id="i{i}"><a href="#i{i}">x</a> <a href="#i{i + 1}">y</a></p>' for i in range(n)
    )


def best_time(root, repeat: int = 3) -> float:
    """CPU seconds of the best of a few checks (in this process: jobs=1), so that other work
    on the machine counts little."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        problems = check_site(root, jobs=1)
        times.append(time.process_time() - start)
    assert len(problems) == 1  # the last "#i{n}" only
    return min(times)


def test_doubling_a_page_roughly_doubles_the_time(make_site, tmp_path) -> None:
    small = make_site({"small/index.html": interleaved(8_000)}) / "small"
    large = make_site({"large/index.html": interleaved(32_000)}) / "large"
    # Four times the page: 4x when linear, 16x when quadratic. Bound generous for busy machines.
    ratio = best_time(large) / best_time(small)
    assert ratio < 8, f"4x the links took {ratio:.1f}x the time"


def test_links_nested_deeper_than_256_levels_are_checked(make_site) -> None:
    deep = "<div>" * 1000 + '<a href="missing.html">x</a>' + "</div>" * 1000
    root = make_site({"index.html": deep + '<a href="after.html">y</a>'})
    assert found(root) == {
        ("link", "index.html", "missing.html", "not found: missing.html"),
        ("link", "index.html", "after.html", "not found: after.html"),
    }


def test_a_page_too_deep_to_parse_is_reported(make_site) -> None:
    deep = "<div>" * 3000 + '<a href="missing.html">x</a>' + "</div>" * 3000
    root = make_site({"index.html": deep, "other.html": '<a href="gone.html">x</a>'})
    problems = check_site(root)
    kinds = {(p.rule, p.file, p.path) for p in problems}
    assert ("link", "other.html", "gone.html") in kinds  # the rest of the site is checked
    (deep_problem,) = [p for p in problems if p.file == "index.html"]
    assert deep_problem.rule == "file"
    assert "nested more than 2048 deep" in deep_problem.message
    assert deep_problem.line > 0  # 0: where it stopped is unknown


def test_links_after_the_end_of_html_are_checked(make_site) -> None:
    root = make_site({"index.html": "<html><body></body></html>\n<a href='late.html'>x</a>"})
    assert found(root) == {("link", "index.html", "late.html", "not found: late.html")}


def test_a_page_too_large_is_reported_not_read(make_site, monkeypatch) -> None:
    monkeypatch.setattr(links, "MAX_PAGE_BYTES", 1000)
    root = make_site({"index.html": "<a href='missing.html'>x</a>" * 100, "ok.html": ""})
    assert found(root) == {("file", "index.html", "", "not checked: larger than 0 MiB")}


def test_symlink_loops_are_reported_and_the_check_goes_on(make_site) -> None:
    root = make_site({"index.html": '<a href="a.html">a</a><a href="nope.html">n</a>'})
    os.symlink("self", root / "self")
    os.symlink("b.html", root / "a.html")
    os.symlink("a.html", root / "b.html")
    os.symlink(".", root / "again")  # a directory loop: the site itself under another name
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")
    (root / "sub" / "index.html").write_text('<a href="up/again/sub/up/#top">t</a>')
    loop = "broken symbolic link (Too many levels of symbolic links)"
    assert found(root) == {
        ("link", "index.html", "a.html", loop),
        ("link", "index.html", "nope.html", "not found: nope.html"),
        ("file", "self", "", loop),
        ("file", "a.html", "", loop),
        ("file", "b.html", "", loop),
    }


def test_symlinks_out_of_the_site_are_not_followed(make_site, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text('<a href="secret-broken.html">s</a>')
    (outside / "passwd").write_text("root:x:0:0")
    root = make_site({"index.html": '<a href="out/">o</a><a href="pw.txt">p</a>'})
    os.symlink(outside, root / "out")
    os.symlink(outside / "passwd", root / "pw.txt")
    os.symlink(outside / "index.html", root / "leak.html")
    away = "symbolic link leading out of the site: not followed"
    assert found(root) == {
        ("link", "index.html", "out/", away),
        ("link", "index.html", "pw.txt", away),
        ("file", "out", "", away),
        ("file", "pw.txt", "", away),
        ("file", "leak.html", "", away),  # not parsed: its broken link is not reported
    }


def test_the_command_reports_file_problems(make_site) -> None:
    root = make_site({"index.html": ""})
    os.symlink("/etc/passwd", root / "passwd.html")
    result = CliRunner().invoke(check, [str(root)])
    assert result.exit_code == 1, result.output
    assert "passwd.html: : symbolic link leading out of the site: not followed" in result.output
    assert "root:" not in result.output
