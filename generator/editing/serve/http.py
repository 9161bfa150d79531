"""The preview's HTTP server: the output folder, with the live-reload script added to every HTML
page it serves (never to the built files) and, while the site cannot be shown, the error page.

It answers only requests naming the host it is bound to (a DNS-rebinding page must not read
the drafts), never serves a file whose real path leaves the output folder (a symlink), and
answers a path no file can have (a NUL byte, bytes that are not UTF-8) with 400.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, unquote, urlsplit

import click

from .pages import (
    RELOAD_PATH,
    SCRIPT_PATH,
    Status,
    error_page,
    inject,
    livereload_js,
    not_found_page,
)
from .terminal import now

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")  # always answered, with --host
WILDCARDS = ("0.0.0.0", "::", "")  # every interface
# A Host header: a name or IPv4 address, or an IPv6 address in brackets; an optional port.
_HOST_HEADER = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::[0-9]{1,5})?")


class Live(Protocol):
    """What the server reads of the preview on every request."""

    host: str
    status: Status


def make_server(sock: socket.socket, directory: Path, live: Live) -> ThreadingHTTPServer:
    """A threaded server on an already listening socket (perhaps inherited across a restart)."""
    handler = partial(Handler, directory=str(directory.resolve()), live=live)
    httpd = Server(sock.getsockname()[:2], handler, bind_and_activate=False)
    httpd.socket.close()
    httpd.socket = sock
    httpd.server_address = sock.getsockname()
    httpd.daemon_threads = True
    return httpd


def url_of(httpd: ThreadingHTTPServer) -> str:
    host, port = httpd.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}/"


class Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line on the terminal for a request that failed, not a traceback."""
        err = sys.exc_info()[1]
        if not isinstance(err, ConnectionError):  # the browser went away: nothing to say
            click.echo(f"{now()} a request failed: {type(err).__name__}: {err}", err=True)


class Handler(SimpleHTTPRequestHandler):
    """Serves the output folder; adds the live-reload script and the error page to HTML."""

    def __init__(self, *args: Any, live: Live, **kwargs: Any):
        self.live = live
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        """The request line and headers, then the Host check (before any method runs)."""
        if not super().parse_request():
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1 or (not hosts and self.request_version != "HTTP/1.0"):
            self.refuse(HTTPStatus.BAD_REQUEST, "One Host header is required.")
            return False
        if hosts and not host_allowed(hosts[0], self.live.host):
            # DNS rebinding: a page of another site whose name now points here would read the
            # preview (unpublished drafts); a browser always names the host it thinks it asks.
            names = sorted({*LOOPBACK_NAMES, self.live.host} - set(WILDCARDS))
            self.refuse(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"This preview answers only requests for {', '.join(names)}.",
            )
            return False
        return True

    def refuse(self, code: HTTPStatus, text: str) -> None:
        """A short plain-text answer, and the connection closed (nothing of the site)."""
        body = text.encode() + b"\n"
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def inside(self, target: Path) -> bool:
        """Whether the file `target` names, symlinks followed, is in the output folder."""
        return Path(os.path.realpath(target)).is_relative_to(os.path.realpath(self.directory))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_HEAD(self) -> None:
        self.answer(head=True)

    def do_GET(self) -> None:
        self.answer(head=False)

    def answer(self, head: bool) -> None:
        try:
            self.respond(head)
        except (ValueError, UnicodeError):  # a path no file can have (NUL, lone surrogates)
            self.send(HTTPStatus.BAD_REQUEST, "text/plain", b"Bad path.\n", head)

    def respond(self, head: bool) -> None:
        status = self.live.status
        path = urlsplit(self.path).path
        if "\0" in unquote(path, errors="strict"):  # answer() turns a non-UTF-8 path into 400
            raise ValueError("a NUL byte")
        if path == RELOAD_PATH:
            return self.send(HTTPStatus.OK, "text/plain", status.version.encode(), head)
        if path == SCRIPT_PATH:
            return self.send(HTTPStatus.OK, "text/javascript", livereload_js(), head)
        target = Path(self.translate_path(self.path))
        if not self.inside(target) or (target.is_dir() and not self.inside(target / "index.html")):
            # a symlink out of the site: as if nothing were there
            return self.send(
                HTTPStatus.NOT_FOUND, "text/html", not_found_page(path, status.version), head
            )
        if target.is_dir() and not path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", quote(path + "/") + _query(self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if target.is_dir():
            target = target / "index.html"
        wants_html = (
            path.endswith("/")
            or target.suffix in (".html", ".htm")
            or (not target.suffix and "text/html" in self.headers.get("Accept", ""))
        )
        if wants_html and status.failure is not None:
            body = error_page(status.failure, status.version)
            return self.send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html", body, head)
        if target.suffix in (".html", ".htm") and target.is_file():
            body = inject(target.read_bytes(), status.version)
            return self.send(HTTPStatus.OK, "text/html", body, head)
        if wants_html and not target.exists():
            body = not_found_page(path, status.version)
            return self.send(HTTPStatus.NOT_FOUND, "text/html", body, head)
        if head:
            return super().do_HEAD()
        return super().do_GET()

    def send(self, code: HTTPStatus, kind: str, body: bytes, head: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def host_allowed(header: str, bound: str) -> bool:
    """Whether a request's Host header names this server: a loopback name, the --host given,
    or, when bound to every interface, any IP address (DNS rebinding needs a name)."""
    match = _HOST_HEADER.fullmatch(header.strip().lower())
    if match is None:
        return False
    name = _canonical(match["v6"] or match["name"])
    if match["v6"] and not _is_address(name):
        return False
    if name in {_canonical(n) for n in (*LOOPBACK_NAMES, bound)}:
        return True
    return _canonical(bound) in WILDCARDS and _is_address(name)


def exposed(host: str) -> bool:
    """Whether listening on `host` lets other machines in (anything but loopback)."""
    name = _canonical(host)
    if name == "localhost":
        return False
    return not (_is_address(name) and ipaddress.ip_address(name).is_loopback)


def exposure(host: str) -> str | None:
    """A warning when listening on `host` serves the preview beyond this machine."""
    if not exposed(host):
        return None
    return (
        f"warning: --host {host or '(all)'} lets every machine that can reach this one on the "
        "network read the preview, unpublished drafts included; the default, 127.0.0.1, "
        "keeps it on this machine."
    )


def _canonical(host: str) -> str:
    """'[::1]', '0:0::1' -> '::1'; 'LocalHost.' -> 'localhost'."""
    name = host.strip().strip("[]").lower().rstrip(".")
    return str(ipaddress.ip_address(name)) if _is_address(name) else name


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _query(raw: str) -> str:
    query = urlsplit(raw).query
    return f"?{query}" if query else ""
