"""`chronology serve`, driven as an editor following EDITING.md would: add an incident with
`chronology new`, preview it live, edit it, make a mistake, fix it, publish with the build.

The server runs as a real process on 127.0.0.1 (any free port) on a copy of the project
(content/, seeds/, templates/, pelican.conf.py); pages are fetched with httpx. Every wait is
a bounded poll.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.editing import cli as editing_cli
from generator.editing.serve import Preview, error_page, inject, version_of
from generator.records.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
CHRONOLOGY = Path(sys.executable).with_name("chronology")
DEADLINE = 20.0  # seconds: the longest any single wait may take

pytestmark = pytest.mark.xdist_group("serve")


def until(what: str, check: Callable[[], object], timeout: float = DEADLINE) -> object:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < end:
        try:
            last = check()
        except httpx.HTTPError as err:  # the server is restarting
            last = err
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


class Server:
    """`chronology serve --port 0` in its own process group, its output collected."""

    def __init__(self, project: Path, *extra: str):
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [str(CHRONOLOGY), "serve", "--port", "0", "--content", "content"]
            + ["--output", "output", *extra],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # pgid == pid: whatever it starts stays findable
            env={**os.environ, "SITEURL": "https://wrong.example"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        line = until("the server's address", self._started)
        self.url = re.search(r"http://\S+", str(line)).group(0).rstrip("/")
        self.http = httpx.Client(base_url=self.url, timeout=5)

    def _started(self) -> str | None:
        if self.process.poll() is not None:
            raise AssertionError("the server stopped:\n" + "\n".join(self.lines))
        return self.said(r"Serving .* on (http://\S+)")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def said(self, pattern: str) -> str | None:
        return next((line for line in self.lines if re.search(pattern, line)), None)

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path)

    def version(self) -> str:
        return self.get("/__reload").text

    def stop(self) -> None:
        self.http.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                raise


def group_members(pgid: int) -> list[int]:
    """Live processes of process group `pgid` (zombies excluded), from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("content", "seeds", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "plugin.py").write_text("VALUE = 1\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(editing_cli, "can_prompt", lambda: False)
    yield tmp_path


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_an_editor_adds_previews_breaks_fixes_and_publishes_an_incident(project: Path) -> None:
    # 1. add: `chronology new` writes the skeleton
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "--date",
            "2024-08-06",
            "--place",
            "Ain al-Asad",
            "--kind",
            "attack",
            "--source-outlet",
            "AFP",
            "--source-url",
            "https://example.org/attaque",
            "--quote",
            "Une attaque a visé la base.",
            "--force",  # 2024-08-05 looks alike (tests/editing/test_new_duplicates.py)
        ],
    )
    assert result.exit_code == 0, result.output
    record = project / "content/incidents/2024/2024-08-06-ain-al-asad-attack.yaml"
    shown = "content/incidents/2024/2024-08-06-ain-al-asad-attack.yaml"
    page = "/en/incidents/2024-08-06-ain-al-asad-attack/"

    server = Server(project, "--watch-code", str(project / "code"))
    try:
        pid = server.process.pid
        # 2. preview: the new page is there, with the reload script (served, not built)
        response = server.get(page)
        assert response.status_code == 200, "\n".join(server.lines)
        assert "TODO: summary in English" in response.text
        first = server.version()
        assert version_of(response.text) == first
        assert (
            "__livereload.js"
            not in (project / "output" / page.strip("/") / "index.html").read_text()
        )
        assert 'href="https://wrong.example' not in response.text  # SITEURL is the preview's
        assert server.said(f"{shown}: still marked TODO")
        assert "location.reload" in server.get("/__livereload.js").text

        # 3. edit: the page shows the edit (only what changed is rebuilt)
        text = record.read_text().replace(
            "TODO: summary in English: what, where, casualties, who says so.",
            "A drone attack targeted Ain al-Asad air base.",
        )
        record.write_text(text)
        # the reload signal (a new version) comes once the whole rebuild is written
        until("the rebuild after the edit", lambda: server.version() != first)
        assert "A drone attack targeted" in server.get(page).text
        # its log line is read from the server's output by another thread: it may come later
        rebuilt = until(
            "the rebuild's log line",
            lambda: server.said(r"2024-08-06-ain-al-asad-attack\.yaml changed: built"),
        )
        total = re.search(r"(\d+) of (\d+) pages rendered", str(rebuilt))
        assert total and 0 < int(total[1]) < int(total[2]), rebuilt

        # 4. a mistake: every HTML page shows the problem with file:line, until fixed
        record.write_text(text.replace("kind: attack", "kind: atack"))
        line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("kind:"))
        broken = until("the error page", lambda: server.get(page).status_code == 500 or None)
        assert broken
        for url in (page, "/", "/en/bases/"):
            response = server.get(url)
            assert response.status_code == 500
            assert f"{shown}:{line}:" in response.text and "did you mean" in response.text
            assert "__livereload.js" in response.text  # it reloads by itself once fixed
        assert server.get("/theme/style.css").status_code == 200  # not HTML: still served
        assert until("the problem in the terminal", lambda: server.said(f"{shown}:{line}:"))
        validate = CliRunner().invoke(cli, ["validate"])  # the same list, from the CLI
        assert validate.exit_code == 1 and f"{shown}:{line}:" in validate.output

        # 5. fixed: the page is back
        record.write_text(text)
        until("the fixed page", lambda: server.get(page).status_code == 200)
        assert "A drone attack targeted" in server.get(page).text

        # 6. a template change re-renders every page (fresh BuildState)
        # (the reload signal, a new version, comes once the whole build is written)
        layout = project / "templates/layout.html"
        before = server.version()
        layout.write_text(layout.read_text().replace("<main id=", "<main data-edited id="))
        until("the rebuild after the template edit", lambda: server.version() != before)
        for url in (page, "/en/bases/", "/"):
            assert "data-edited" in server.get(url).text, url
        assert until(
            "the template rebuild's log line",
            lambda: server.said(
                r"templates/layout\.html changed: built .* (\d+) of \1 pages rendered"
            ),
        )

        # 7. code that does not load: said, and the previous process keeps serving
        code = project / "code/plugin.py"
        before = server.version()
        code.write_text("def broken(:\n")
        until("the code error", lambda: "does not load" in server.get(page).text)
        assert "SyntaxError" in server.get(page).text
        # 8. code that loads: the process re-executes itself (same pid, same port)
        code.write_text("VALUE = 2\n")
        until("the restart", lambda: server.said("restarted with the new code"))
        until("pages after the restart", lambda: server.get(page).status_code == 200)
        assert server.process.poll() is None and server.process.pid == pid
        assert server.version().split(".")[0] != before.split(".")[0]  # a new process
    finally:
        server.stop()

    # 9. stopped with SIGTERM: nothing is left behind
    assert server.process.returncode == 0, "\n".join(server.lines)
    assert group_members(pid) == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/", timeout=2)

    # 10. publish: the build has the page, without the preview's script
    result = CliRunner().invoke(cli, ["build", "--output", "public", "--no-search"])
    assert result.exit_code == 0, result.output
    built = (project / "public" / page.strip("/") / "index.html").read_text()
    assert "A drone attack targeted" in built and "__livereload" not in built


def test_served_pages_get_the_script_and_problems_their_place() -> None:
    page = inject(b"<html><body><p>x</p></body></html>", "abc.1")
    assert page.endswith(b'data-version="abc.1" defer></script></body></html>')
    assert inject(b"<p>no body</p>", "v").startswith(b"<p>no body</p><script")
    from generator.editing.serve import Failure

    body = error_page(
        Failure(
            "1 problem",
            "Fix it.",
            (Problem("content/x.yaml", 3, 5, "kind", "expected <attack>", "not-allowed"),),
        ),
        "v.2",
    ).decode()
    assert "content/x.yaml:3:5" in body and "expected &lt;attack&gt;" in body
    assert version_of(body) == "v.2"


def test_changes_are_sorted_by_what_they_require(project: Path) -> None:
    preview = Preview(content=Path("content"), output=Path("output"), code_dirs=[project / "code"])
    from watchfiles import Change

    def batch(*paths: str):  # noqa: ANN202
        return preview.sort({(Change.modified, str(project / p)) for p in paths})

    assert batch("content/incidents/2024/a.yaml").content
    assert batch("seeds/000.txt").content
    assert batch("templates/incident.html").theme and batch("pelican.conf.py").theme
    assert batch("code/plugin.py").code
    assert not batch("content/incidents/2024/.a.yaml.swp", "output/index.html")
    assert not batch("code/__pycache__/plugin.cpython-311.pyc")


def test_ctrl_c_stops_it_and_a_taken_port_is_explained(project: Path) -> None:
    server = Server(project)
    try:
        port = server.url.rsplit(":", 1)[1]
        assert server.http.get("/en", follow_redirects=False).headers["location"] == "/en/"
        missing = server.get("/incidents/2099-01-01-nowhere-attack/")
        assert missing.status_code == 404 and "__livereload.js" in missing.text
        assert server.http.head("/").status_code == 200
        second = subprocess.run(
            [str(CHRONOLOGY), "serve", "--port", port, "--output", "output2"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
        assert second.returncode == 1
        assert f"cannot listen on 127.0.0.1:{port}" in second.stderr
        assert "--port 8001" in second.stderr
    finally:
        server.http.close()
        server.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert server.process.wait(timeout=10) == 0
    assert group_members(server.process.pid) == []
