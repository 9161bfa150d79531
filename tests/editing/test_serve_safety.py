"""`chronology serve` against hostile requests: a real server process on 127.0.0.1 (a free
port) serving a copy of the project, sent real requests, the hostile ones over raw sockets.

- bytes no path can hold (%00, %ff) get a 400 answer, never a dropped connection or a
  traceback on the terminal;
- a symlink inside the output folder whose target lies outside it is never followed (one to
  a file, one to a folder), while a symlink that stays inside is served;
- only requests naming the bound host (127.0.0.1, localhost, [::1], --host) are answered: a
  DNS-rebinding page (Host: evil.example) gets 421 and none of the drafts;
- a --host that exposes the previews to the network is warned about.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.editing.serve import exposed, exposure, host_allowed
from tests.editing import test_serve

ROOT = Path(__file__).resolve().parents[2]
CHRONOLOGY = Path(sys.executable).with_name("chronology")
SECRET = "secret-token-4f1c9a"  # in a file beside the site, never to be served

pytestmark = pytest.mark.xdist_group("serve")


class Server(test_serve.Server):
    """The editing tests' `chronology serve --port 0` process, sent raw requests too."""

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    def raw(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        """Send `request` as is on a new connection; (status, headers, body) of the answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(request)
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        assert data, f"the server closed the connection without answering {request!r}"
        head, _, body = data.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(status_line.split()[1]), headers, body

    def get(self, path: str, host: str | None = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
        lines = [f"GET {path} HTTP/1.1"]
        if host is not None:
            lines.append(f"Host: {host}")
        lines.append("Connection: close")
        return self.raw(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def copy_project(root: Path) -> Path:
    for name in ("content", "seeds", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(SECRET + "\n")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    project = copy_project(tmp_path_factory.mktemp("serve-safety"))
    running = Server(project)
    output = project / "output"
    (output / "leak").symlink_to(project / "outside")  # a folder out of the site
    (output / "secret.txt").symlink_to(project / "outside" / "secret.txt")  # a file out of it
    (output / "passwd").symlink_to("/etc/passwd")
    (output / "same.html").symlink_to(output / "index.html")  # stays inside: served
    yield running
    running.stop()


def port_of(server: Server, host: str) -> str:
    return f"{host}:{server.port}"


@pytest.mark.parametrize(
    "path",
    ["/%00", "/a%00b/", "/en/%00/", "/index.html%00.txt", "/%ff", "/%c0%ae%c0%ae/", "/%ed%a0%80/"],
)
def test_bytes_no_path_can_hold_get_a_400_not_a_traceback(server: Server, path: str) -> None:
    status, headers, _ = server.get(path, host=port_of(server, "127.0.0.1"))
    assert status == 400 and headers["content-type"].startswith("text/plain"), status
    assert server.get("/", host=port_of(server, "127.0.0.1"))[0] == 200  # still serving
    assert not server.said("Traceback"), "\n".join(server.lines)


@pytest.mark.parametrize(
    "path", ["/leak/secret.txt", "/secret.txt", "/passwd", "/leak/", "/leak", "/%6ceak/secret.txt"]
)
def test_symlinks_out_of_the_site_are_not_followed(server: Server, path: str) -> None:
    status, _, body = server.get(path, host=port_of(server, "127.0.0.1"))
    assert status == 404, (status, body[:200])
    assert SECRET.encode() not in body and b"root:" not in body
    assert b'href="secret.txt"' not in body  # no listing of the folder either


def test_a_symlink_that_stays_inside_is_served(server: Server) -> None:
    status, headers, body = server.get("/same.html", host=port_of(server, "localhost"))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"__livereload.js" in body


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "127.0.0.1", "localhost:{port}", "LocalHost.", "[::1]:{port}", "[0::1]"],
)
def test_the_bound_host_names_are_answered(server: Server, host: str) -> None:
    status, _, body = server.get("/", host=host.format(port=server.port))
    assert status == 200 and b"__livereload.js" in body


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "evil.example:80",
        "127.0.0.1.evil.example:{port}",
        "localhost.evil.example",
        "[::1].evil.example",
        "",
        "127.0.0.1:{port}@evil.example",
    ],
)
def test_other_host_names_are_refused(server: Server, host: str) -> None:
    version = server.get("/__reload", host=port_of(server, "127.0.0.1"))[2]
    assert version
    for path in ("/", "/__reload", "/incidents/", "/data/incidents.csv"):
        status, _, body = server.get(path, host=host.format(port=server.port))
        assert status == 421, (host, path, status)
        assert version not in body and b"__livereload" not in body and b"incident" not in body
        assert b"<html" not in body.lower()


def test_requests_without_one_host_are_refused_as_http_1_1_says(server: Server) -> None:
    assert server.get("/", host=None)[0] == 400
    status, _, _ = server.raw(
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    )
    assert status == 400
    assert server.raw(b"GET / HTTP/1.0\r\n\r\n")[0] == 200  # HTTP/1.0 has no Host header


def test_the_host_given_is_answered_and_a_public_one_is_warned_about(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    named = Server(project, "--host", "localhost")
    try:
        assert named.get("/", host=f"localhost:{named.port}")[0] == 200
        assert named.get("/", host=f"evil.example:{named.port}")[0] == 421
        assert not named.said("network")
    finally:
        named.stop()
    bad_port = subprocess.run(
        [str(CHRONOLOGY), "serve", "--port", "99999"], cwd=project, capture_output=True, text=True
    )
    assert bad_port.returncode == 2 and "Traceback" not in bad_port.stderr
    assert "99999 is not in the range 0<=x<=65535" in bad_port.stderr
    # Not bound here (test servers stay on 127.0.0.1): what serve decides for such hosts.
    for host in ("0.0.0.0", "::", "192.168.1.5", "my-laptop.local"):
        assert exposed(host), host
    for host in ("127.0.0.1", "localhost", "::1"):
        assert not exposed(host) and exposure(host) is None, host
    assert "warning: --host 0.0.0.0" in (exposure("0.0.0.0") or "")
    assert host_allowed("192.168.1.5:8000", "0.0.0.0")  # an address cannot be rebound
    assert host_allowed("my-laptop.local:8000", "my-laptop.local")
    assert not host_allowed("evil.example:8000", "0.0.0.0")
    assert not host_allowed("my-laptop.local", "127.0.0.1")


def test_serving_to_the_network_is_warned_about_before_listening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.editing.serve import Preview

    def refuse(self: Preview) -> socket.socket:  # stop before binding: tests stay on 127.0.0.1
        raise RuntimeError("not listening in a test")

    monkeypatch.setattr(Preview, "listen", refuse)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    for host, warned in (("0.0.0.0", True), ("::", True), ("127.0.0.1", False)):
        preview = Preview(content=ROOT / "content", output=tmp_path / "output", host=host)
        try:
            with pytest.raises(RuntimeError):
                preview.run()
        finally:  # run() takes the signals for its own shutdown
            for number, handler in handlers.items():
                signal.signal(number, handler)
        err = capsys.readouterr().err
        assert ("unpublished drafts included" in err) is warned, (host, err)
        assert (f"--host {host} lets every machine" in err) is warned
