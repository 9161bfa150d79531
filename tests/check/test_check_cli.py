"""`chronology check` through click: exit codes, output lines, the --json report."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from generator.check import report
from generator.check.cli import check


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_clean_site_exits_0(make_site, runner) -> None:
    root = make_site({"index.html": '<a href="a.html">a</a>', "a.html": "<p>a</p>"})
    result = runner.invoke(check, [str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "2 pages, 1 links: no problems" in result.stderr


def test_problems_exit_1_with_one_line_each(make_site, runner, tmp_path) -> None:
    root = make_site(
        {
            "index.html": '<a href="gone.html">g</a><a href="#nope">n</a>',
            "sub/page.html": '<img src="../missing.png" alt="">',
        }
    )
    report_file = tmp_path / "out" / "report.json"
    result = runner.invoke(check, [str(root), "--json", str(report_file)])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "index.html: #nope: fragment #nope not found in index.html",
        "index.html: gone.html: not found: gone.html",
        "sub/page.html: ../missing.png: not found: missing.png",
    ]
    assert "3 problems" in result.stderr
    data = json.loads(report_file.read_text())
    assert isinstance(data, list) and len(data) == 3
    for entry in data:
        assert {"kind", "page", "link", "reason"} <= set(entry)
        assert entry["kind"] == "link"
    assert data[1] == {
        "kind": "link",
        "page": "index.html",
        "link": "gone.html",
        "reason": "not found: gone.html",
        "line": 4,
    }


def test_json_report_of_a_clean_site_is_an_empty_list(make_site, runner, tmp_path) -> None:
    root = make_site({"index.html": "<p>x</p>"})
    result = runner.invoke(check, [str(root), "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "r.json").read_text()) == []


def test_ignore_option(make_site, runner) -> None:
    root = make_site({"index.html": '<a href="gone.html">g</a><a href="old/x">o</a>'})
    result = runner.invoke(check, [str(root), "--ignore", "gone", "--ignore", "^old/"])
    assert result.exit_code == 0, result.output


def test_external_with_cache(make_site, runner, server, tmp_path) -> None:
    root = make_site({"index.html": f'<a href="{server.url}/missing" data-archive="A">m</a>'})
    cache = tmp_path / "cache.json"
    args = [
        str(root),
        "--external",
        "--allow-private",
        "--cache",
        str(cache),
        "--timeout",
        "1",
        "--retries",
        "0",
    ]
    result = runner.invoke(check, args)
    assert result.exit_code == 1
    assert result.stdout == f"index.html: {server.url}/missing: 404 Not Found (archived copy: A)\n"
    assert server.url + "/missing" in json.loads(cache.read_text())["urls"]
    hits = sum(server.hits.values())
    assert runner.invoke(check, args).exit_code == 1
    assert sum(server.hits.values()) == hits
    result = runner.invoke(check, [*args, "--no-cache"])
    assert result.exit_code == 1
    assert sum(server.hits.values()) > hits


def test_without_external_no_cache_is_written(make_site, runner, tmp_path) -> None:
    root = make_site({"index.html": '<a href="https://example.org/">x</a>'})
    cache = tmp_path / "cache.json"
    result = runner.invoke(check, [str(root), "--cache", str(cache)])
    assert result.exit_code == 0
    assert not cache.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["does-not-exist"],
        ["{site}", "--max-age", "soon"],
        ["{site}", "--ignore", "("],
        ["{site}", "--timeout", "-1"],
        ["{site}", "--no-such-option"],
        [],
    ],
)
def test_usage_errors_exit_2(make_site, runner, args) -> None:
    root = make_site({"index.html": "<p>x</p>"})
    result = runner.invoke(check, [a.format(site=root) for a in args])
    assert result.exit_code == 2, result.output


def test_missing_validator_is_a_clear_error(make_site, runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("VNU_JAR", str(tmp_path / "nowhere" / "vnu.jar"))
    root = make_site({"index.html": "<p>x</p>"})
    result = runner.invoke(check, [str(root), "--html"])
    assert result.exit_code == 2
    assert "tools/setup.sh --test" in result.stderr


def test_missing_java_is_a_clear_error(make_site, runner, tmp_path, monkeypatch) -> None:
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"")
    monkeypatch.setenv("VNU_JAR", str(jar))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    root = make_site({"index.html": "<p>x</p>"})
    result = runner.invoke(check, [str(root), "--html"])
    assert result.exit_code == 2
    assert "java is missing" in result.stderr
    assert "tools/setup.sh --test" in result.stderr


def test_help_has_an_example(runner) -> None:
    result = runner.invoke(check, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert check.name == "check"


def test_reports_are_written_atomically(tmp_path, monkeypatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report.write_json(
            target, [report.page_problem("link", "a.html", "b.html", "not found: b.html")]
        )
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_archive_findings_in_every_format(make_site, runner, tmp_path) -> None:
    root = make_site({"index.html": "<p>x</p>"})
    content = tmp_path / "content"
    record = content / "incidents" / "2023" / "a.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("sources:\n  - archive: {path: archive/ab/gone.txt, sha256: '00'}\n")
    missing = "archived copy archive/ab/gone.txt is missing"
    args = [str(root), "--archive", str(content), "--json", str(tmp_path / "r.json")]
    text = runner.invoke(check, [*args, "--format", "text"])
    assert text.exit_code == 1, text.output
    assert text.stdout.splitlines() == [f"incidents/2023/a.yaml: {missing}"]
    github = runner.invoke(check, [*args, "--format", "github"])
    assert github.stdout.splitlines() == [
        f"::error file={record.as_posix()},line=1,col=1,title=archive::{missing}"
    ]
    assert json.loads((tmp_path / "r.json").read_text()) == [
        {"kind": "archive", "page": record.as_posix(), "link": "", "reason": missing, "line": None}
    ]
