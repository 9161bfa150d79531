"""Fixtures of the link checker tests: HTML trees in tmp_path, HTTP servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
{body}
</body></html>
"""


def page(body: str, title: str = "t") -> str:
    return PAGE.format(title=title, body=body)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write {relative path: content} under tmp_path/site; .html strings get wrapped in PAGE
    unless they already start with a doctype."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                if rel.endswith(".html") and not content.lstrip().lower().startswith("<!doctype"):
                    content = page(content)
                path.write_text(content, encoding="utf-8")
        return root

    return make


class Server:
    """A threaded HTTP server on 127.0.0.1 answering the canned routes of ``Handler``."""

    def __init__(self) -> None:
        self.hits: Counter[tuple[str, str]] = Counter()  # (method, path) -> count
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.stop = threading.Event()
        self.trickle_every = 0.1  # seconds between bytes of /trickle
        self.sent = 0  # body bytes of /huge written
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def count(self, path: str, method: str | None = None) -> int:
        with self.lock:
            return sum(n for (m, p), n in self.hits.items() if p == path and method in (None, m))


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def send(self, code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def trickle(self, data: bytes) -> None:
            """Send ``data`` one byte per ``server.trickle_every`` seconds, until teardown."""
            with contextlib.suppress(OSError):
                for byte in data:
                    if server.stop.wait(server.trickle_every):
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            self.close_connection = True

        def do_HEAD(self) -> None:
            self.route()

        def do_GET(self) -> None:
            self.route()

        def route(self) -> None:
            path = self.path.partition("?")[0]
            with server.lock:
                server.hits[(self.command, path)] += 1
                hits = server.hits[("HEAD", path)] + server.hits[("GET", path)]
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                self.answer(path, hits)
            finally:
                with server.lock:
                    server.in_flight -= 1

        def answer(self, path: str, hits: int) -> None:
            parts = path.strip("/").split("/")
            if path.startswith("/ok"):
                self.send(200, body=b"ok")
            elif path == "/missing":
                self.send(404)
            elif path == "/gone":
                self.send(410)
            elif path == "/error":
                self.send(500)
            elif path == "/slow":
                server.stop.wait(3)  # longer than the client's timeout; ends at teardown
                self.send(200)
            elif parts[0] == "redirect":  # /redirect/N -> /redirect/N-1 ... -> /ok
                n = int(parts[1])
                self.send(302, {"Location": f"/redirect/{n - 1}" if n > 1 else "/ok"})
            elif parts[0] == "absolute-redirect":
                self.send(301, {"Location": f"{server.url}/ok"})
            elif parts[0] == "redirect-missing":
                self.send(301, {"Location": "/missing"})
            elif parts[0] == "loop":  # /loop/a <-> /loop/b
                self.send(302, {"Location": "/loop/b" if parts[1] == "a" else "/loop/a"})
            elif path == "/cookie-wall":  # redirects to itself once, setting a cookie
                if "seen=1" in (self.headers.get("Cookie") or ""):
                    self.send(200)
                else:
                    self.send(302, {"Location": "/cookie-wall", "Set-Cookie": "seen=1; Path=/"})
            elif parts[0] == "chain":  # /chain/N -> /chain/N+1 forever, each URL new
                self.send(302, {"Location": f"/chain/{int(parts[1]) + 1}"})
            elif path == "/rate-limited":  # 429 with Retry-After: 1 the first time
                if hits == 1:
                    self.send(429, {"Retry-After": "1"})
                else:
                    self.send(200)
            elif path == "/rate-limited-long":
                self.send(429, {"Retry-After": "3600"})
            elif path == "/flaky":  # 503 the first time
                self.send(503 if hits == 1 else 200)
            elif path == "/no-head":
                self.send(405 if self.command == "HEAD" else 200, {"Allow": "GET"})
            elif path == "/trickle":  # headers one byte at a time, for ever (until teardown)
                self.trickle(b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 100_000)
            elif parts[0] == "sleep":  # /sleep/N: headers after N seconds (or at teardown)
                server.stop.wait(float(parts[1]))
                with contextlib.suppress(OSError):  # the client may have given up
                    self.send(200)
            elif path == "/to-file":
                self.send(302, {"Location": "file:///etc/passwd"})
            elif parts[0] == "to":  # /to/HOST: a redirect to this server spelt as HOST
                port = server.httpd.server_address[1]
                self.send(302, {"Location": f"http://{parts[1]}:{port}/ok"})
            elif path == "/huge":  # 10 GB of body, as long as the client reads
                if self.command == "HEAD":
                    self.send(405)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(10**10))
                self.end_headers()
                chunk = b"\0" * 65536
                with contextlib.suppress(OSError):
                    for _ in range(10**10 // len(chunk)):
                        if server.stop.is_set():
                            break
                        self.wfile.write(chunk)
                        with server.lock:
                            server.sent += len(chunk)
            elif parts[0] == "busy":  # slow enough for requests to overlap
                time.sleep(0.3)
                self.send(200)
            else:
                self.send(404)

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.stop.set()
        srv.httpd.shutdown()
        srv.httpd.server_close()
        srv.thread.join(timeout=5)
