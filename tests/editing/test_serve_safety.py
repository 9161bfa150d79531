"""`chronology serve` under hostile requests: a real server process on 127.0.0.1, raw sockets.

NUL bytes in the path, a symlink in the output that leads out of it, and a Host header of
another name (DNS rebinding: a web page whose name was made to point at 127.0.0.1 would read
the preview, drafts included) get a clean answer and nothing of what they aim at.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.editing.test_serve import ROOT, Server

pytestmark = pytest.mark.xdist_group("serve")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("serve-safety")
    for name in ("content", "seeds", "templates"):
        shutil.copytree(ROOT / name, top / name)
    shutil.copy(ROOT / "pelican.conf.py", top / "pelican.conf.py")
    return top


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[Server]:
    running = Server(project)  # one server for every request of this file
    try:
        yield running
    finally:
        running.stop()


def raw(server: Server, request: bytes) -> bytes:
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def host_of(server: Server) -> str:
    return urlsplit(server.url).netloc


@pytest.mark.parametrize("path", ["/%00", "/index.html%00.txt", "/%ed%a0%80/", "/en/%00/"])
def test_impossible_paths_get_a_400_not_a_dropped_connection(server: Server, path: str) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: {host_of(server)}\r\nConnection: close\r\n\r\n"
    answer = raw(server, request.encode())
    assert answer, "the connection was dropped"
    assert status(answer) == 400
    assert server.get("/").status_code == 200  # and the server goes on
    assert not server.said("Traceback")


def test_a_symlink_out_of_the_site_is_not_followed(server: Server, project: Path) -> None:
    secret = project / "secret.txt"
    secret.write_text("token=do-not-leak\n")
    output = project / "output"
    os.symlink(secret, output / "leak.txt")
    os.symlink(project, output / "leakdir")
    for path in ("/leak.txt", "/leakdir/secret.txt", "/leakdir/content/bases.yaml"):
        response = server.get(path)
        assert response.status_code == 404, path
        assert b"do-not-leak" not in response.content and b"bases" not in response.content[:200]
    os.symlink(output / "index.html", output / "inside.html")  # a link inside the site is fine
    assert server.get("/inside.html").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "localhost.evil.example"])
def test_another_host_name_is_refused(server: Server, host: str) -> None:
    answer = raw(server, f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    assert status(answer) == 421
    assert b"<html" not in answer


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", None])
def test_the_machine_own_names_are_served(server: Server, host: str | None) -> None:
    port = urlsplit(server.url).port
    named = host_of(server) if host is None else f"{host}:{port}"
    answer = raw(server, f"GET / HTTP/1.1\r\nHost: {named}\r\nConnection: close\r\n\r\n".encode())
    assert status(answer) == 200 and b"<html" in answer


def test_listening_on_every_interface_is_warned_about() -> None:
    from generator.editing.serve import exposure

    assert "warning: --host 0.0.0.0" in exposure("0.0.0.0")
    assert exposure("::") and exposure("127.0.0.1") is None and exposure("localhost") is None
