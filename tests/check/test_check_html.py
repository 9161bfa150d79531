"""--html: the real Nu HTML Checker over a small tree, run once for the whole tree."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from generator.check import check_site
from generator.check import html as html_module
from generator.check.cli import check

VALID = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ok</title></head>
<body><p>fine</p></body></html>
"""
INVALID = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bad</title></head>
<body><div><span></div>
<p id="a" id="a">twice</p></body></html>
"""


def _jar_or_skip() -> None:
    try:
        html_module.find_vnu()
    except html_module.ToolMissing as error:
        pytest.skip(f"Nu HTML Checker not installed ({error})")


def test_one_invalid_page_among_valid_ones(make_site, monkeypatch) -> None:
    _jar_or_skip()
    runs = []
    real_run = subprocess.run

    def spy(cmd, *args, **kwargs):
        runs.append(cmd)
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(html_module.subprocess, "run", spy)
    root = make_site(
        {
            "index.html": VALID,
            "deep/er/ok.html": VALID,
            "deep/bad page é.html": INVALID,
            "notes.txt": "<not html",
        }
    )
    found = check_site(root, html=True)
    assert len(runs) == 1  # once for the whole tree, not once per page
    assert found, "vnu found nothing"
    assert {p.rule for p in found} == {"html"}
    assert {p.file for p in found} == {"deep/bad page é.html"}
    assert all(p.path == "" for p in found)
    reasons = [p.message for p in found]
    assert any("Duplicate attribute" in r and r.startswith("line 4: ") for r in reasons), reasons
    assert any("span" in r for r in reasons), reasons


def test_cli_html_lines_and_json(make_site, tmp_path) -> None:
    _jar_or_skip()
    root = make_site({"index.html": VALID, "bad.html": INVALID})
    out = tmp_path / "r.json"
    result = CliRunner().invoke(check, [str(root), "--html", "--json", str(out)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("bad.html: : line ") for line in lines)

    data = json.loads(out.read_text())
    assert {(d["kind"], d["page"], d["link"]) for d in data} == {("html", "bad.html", "")}


def test_failure_of_the_validator_is_reported(make_site, tmp_path, monkeypatch) -> None:
    if shutil.which("java") is None:
        pytest.skip("java not installed")
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"not a jar")
    monkeypatch.setenv("VNU_JAR", str(jar))
    root = make_site({"index.html": VALID})
    with pytest.raises(html_module.ValidatorFailed, match="Nu HTML Checker failed"):
        check_site(root, html=True)


def test_messages_map_to_pages(tmp_path) -> None:
    root = tmp_path / "site"
    message = {
        "type": "error",
        "url": f"file:{root}/a%20b/c%C3%A9.html",
        "lastLine": 3,
        "message": "Stray end tag “p”.",
    }
    problem = html_module.to_problem(message, root)
    assert (problem.rule, problem.file, problem.path) == ("html", "a b/cé.html", "")
    assert problem.message == "line 3: Stray end tag “p”."
    other = html_module.to_problem({"type": "non-document-error", "message": "IO"}, root)
    assert (other.file, other.message) == ("", "non-document-error: IO")


def test_the_validator_reads_no_page_through_a_link_out_of_the_site(make_site, tmp_path) -> None:
    _jar_or_skip()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.html").write_text(INVALID)
    root = make_site({"index.html": VALID, "bad.html": INVALID})
    (root / "out").symlink_to(outside)
    (root / "leak.html").symlink_to(outside / "leak.html")
    (root / "loop").symlink_to(".")  # vnu.jar given the folder went round it
    found = {(p.rule, p.file) for p in check_site(root, html=True)}
    assert found == {("html", "bad.html"), ("file", "out"), ("file", "leak.html")}


def test_many_pages_are_validated_in_runs_that_fit_a_command_line() -> None:
    pages = [f"p{i:03}.html" for i in range(300)]
    runs = html_module.batches(pages, 1000)
    assert [page for run in runs for page in run] == pages
    assert all(sum(len(p) + 1 for p in run) <= 1000 for run in runs) and len(runs) == 3


def test_annotations_and_the_json_report_place_invalid_html_at_its_column(
    make_site, tmp_path
) -> None:
    _jar_or_skip()
    root = make_site({"bad.html": INVALID})
    report = tmp_path / "report.json"
    args = [str(root), "--html", "--format", "github", "--json", str(report)]
    result = CliRunner().invoke(check, args)
    assert result.exit_code == 1, result.output
    # INVALID's line 3 is `<body><div><span></div>`: the <span> left open, the </div> too soon
    where = f"::error file={root.as_posix()}/bad.html,line=3,col="
    columns = {line.removeprefix(where).split(",")[0] for line in result.stdout.splitlines()}
    assert {"12", "18"} <= columns
    entries = json.loads(report.read_text())
    assert {(e["line"], e["column"]) for e in entries} >= {(3, 12), (3, 18)}
    assert all(e.keys() == {"kind", "page", "link", "reason", "line", "column"} for e in entries)


def test_a_range_over_several_lines_is_placed_on_the_line_reported(tmp_path) -> None:
    message = {"type": "error", "firstLine": 2, "firstColumn": 40, "lastLine": 3, "lastColumn": 5}
    problem = html_module.to_problem({**message, "message": "m"}, tmp_path)
    assert (problem.line, problem.column) == (3, 5)
    same_line = {"type": "error", "lastLine": 3, "firstColumn": 2, "lastColumn": 9, "message": "m"}
    assert html_module.to_problem(same_line, tmp_path).column == 2
