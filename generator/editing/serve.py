"""`chronology serve`: the site on http://127.0.0.1:8000, rebuilt and reloaded on every change.

One process, three parts:

* the builder (main thread) builds in place into the output folder with ONE BuildState kept
  across rebuilds, so an edited record re-renders only its own pages. Records are validated
  before anything is written; invalid records leave the pages as they were and put the
  preview in an error state instead.
* the watchers (threads, watchfiles) report changes to the records, seeds/, templates/,
  pelican.conf.py and the generator code. A record or seed change rebuilds incrementally; a
  template or settings change rebuilds with a fresh BuildState (every page re-rendered); a
  code change (generator/**, or the JSON Schemas, which are compiled once per process)
  re-executes the process in place (same pid, same listening socket, so the same port), after
  checking in a child process that the new code imports.
* the HTTP server (threads) serves the output folder. Into every HTML page it serves (never into
  the built files) it adds one script tag that polls /__reload and reloads the page when the
  build version changes. While the records are invalid, or a build or the new code failed,
  every HTML request gets an error page listing the problems (file:line), until fixed.
  It answers only requests naming the host it is bound to (a DNS-rebinding page must not read
  the drafts), never serves a file whose real path leaves the output folder (a symlink), and
  answers a path no file can have (a NUL byte, bytes that are not UTF-8) with 400.

Ctrl-C or SIGTERM stops the server and exits; the only child processes are the short code
check and pagefind (--search), both waited for or killed on the way out.
"""

from __future__ import annotations

import html
import ipaddress
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import click
import watchfiles

import generator
from generator import folders
from generator.records.problems import InvalidContent, Problem, display_path

RELOAD_PATH = "/__reload"
SCRIPT_PATH = "/__livereload.js"
FD_ENV = "CHRONOLOGY_SERVE_FD"  # the listening socket, handed to the re-executed process
POLL_MS = 500
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".pyc", ".pyo", "~")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")  # always answered, with --host
WILDCARDS = ("0.0.0.0", "::", "")  # every interface
# A Host header: a name or IPv4 address, or an IPv6 address in brackets; an optional port.
_HOST_HEADER = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::[0-9]{1,5})?")

LIVERELOAD_JS = f"""\
// Added by `chronology serve` to the pages it serves (not to the built files): reloads the page
// when the preview is rebuilt, and keeps asking while the server restarts.
(() => {{
  const seen = document.currentScript && document.currentScript.dataset.version;
  let busy = false;
  async function check() {{
    if (busy || document.hidden) return;
    busy = true;
    try {{
      const response = await fetch("{RELOAD_PATH}", {{ cache: "no-store" }});
      if (response.ok) {{
        const version = (await response.text()).trim();
        if (version && version !== seen) {{ location.reload(); return; }}
      }}
    }} catch (error) {{ /* the server is restarting: ask again */ }}
    busy = false;
  }}
  setInterval(check, {POLL_MS});
  document.addEventListener("visibilitychange", check);
}})();
"""


@dataclass(frozen=True)
class Failure:
    """Why the preview cannot show the site: shown on every HTML page until it is fixed."""

    title: str
    explanation: str
    problems: tuple[Problem, ...] = ()
    detail: str = ""  # a traceback, for template and code errors


@dataclass(frozen=True)
class Status:
    version: str
    failure: Failure | None = None


@dataclass
class Batch:
    """One group of file changes, sorted by what they require."""

    code: set[Path] = field(default_factory=set)
    theme: set[Path] = field(default_factory=set)
    content: set[Path] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.code or self.theme or self.content)


class Stop(BaseException):
    """Raised in the main thread by SIGTERM / SIGINT / SIGHUP (not an error: like Ctrl-C)."""


class Preview:
    def __init__(
        self,
        *,
        content: Path,
        output: Path,
        settings_file: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        search: bool = False,
        open_browser: bool = False,
        code_dirs: Iterable[Path] = (),
    ):
        from generator.resources import DEFAULT_SETTINGS
        from generator.site.incremental import BuildState

        self.content = Path(content)
        self.output = Path(output)
        self.settings_file = (
            Path(settings_file)
            if settings_file
            else (Path("pelican.conf.py") if Path("pelican.conf.py").exists() else DEFAULT_SETTINGS)
        )
        self.host, self.port = host, port
        self.search, self.open_browser = search, open_browser
        self.code_dirs = [Path(p) for p in code_dirs] or [Path(generator.__file__).parent]
        self.state = BuildState()
        self.boot = os.urandom(3).hex()  # a new process, a new version: pages reload
        self.builds = 0
        self.status = Status(f"{self.boot}.0")
        self.stop = threading.Event()
        self.events: queue.Queue[set[tuple[watchfiles.Change, str]]] = queue.Queue()
        self.httpd: ThreadingHTTPServer | None = None
        self.roots: tuple[list[Path], list[Path], list[Path]] | None = None
        self.restarted = False  # True in a process re-executed after a code change

    # -- paths ----------------------------------------------------------------------------------
    def _settings(self) -> dict[str, Any]:
        from generator.build import settings_for

        # SITEURL "" whatever the environment says: the preview's links stay on the preview.
        return settings_for(
            self.content,
            self.output,
            self.settings_file,
            CHRONOLOGY_STATE=self.state,
            SITEURL="",
            SEARCH_INDEX=self.search,  # no Pagefind bundle: the search pages say so
        )

    def watched(self) -> tuple[list[Path], list[Path], list[Path]]:
        """(content folders, theme folders, code folders) that exist."""
        from generator.resources import SCHEMA_DIR, THEME_DIR

        try:
            theme = Path(self._settings()["THEME"]) / "templates"
        except Exception:  # a broken pelican.conf.py: the first build reports it
            theme = THEME_DIR / "templates"
        content = [self.content, self.content.parent / "seeds"]
        code = [*self.code_dirs, SCHEMA_DIR]
        return (
            [p.resolve() for p in content if p.is_dir()],
            [theme.resolve()] if theme.is_dir() else [],
            [p.resolve() for p in code if p.is_dir()],
        )

    def sort(self, changes: Iterable[tuple[watchfiles.Change, str]]) -> Batch:
        content, theme, code = self.roots or self.watched()
        settings_file = self.settings_file.resolve()
        output = self.output.resolve()
        batch = Batch()
        for _, raw in changes:
            path = Path(raw)
            if _ignored(path) or path.is_relative_to(output):
                continue
            if path == settings_file or any(path.is_relative_to(t) for t in theme):
                batch.theme.add(path)
            elif any(path.is_relative_to(c) for c in code):
                if path.suffix in (".py", ".json", ".yaml") or not path.suffix:
                    batch.code.add(path)
            elif any(path.is_relative_to(c) for c in content):
                batch.content.add(path)
        return batch

    # -- building -------------------------------------------------------------------------------
    def build(self, reason: str, fresh: bool = False) -> None:
        from generator.build import run_pelican
        from generator.site.incremental import BuildState

        if not (self.output / "index.html").exists():
            fresh = True  # the output folder was emptied (make clean): write every page again
        if fresh:
            self.state = BuildState()
        started = time.perf_counter()
        try:
            run_pelican(self._settings())
            if self.search:
                from generator.site import search  # only the shards whose pages changed

                search.index(self.output, search.cache_folder(self.content, self._settings()))
        except InvalidContent as err:
            self.fail(
                Failure(
                    f"{len(err.problems)} problem{'s' if len(err.problems) != 1 else ''} "
                    "in the records",
                    "The preview was not rebuilt: fix the file below and save it; this page "
                    "reloads by itself. `chronology validate` prints the same list.",
                    tuple(err.problems),
                ),
            )
            return
        except Exception as err:  # a template or generator error: show it, keep serving
            self.state = BuildState()  # a half-done build: render everything next time
            self.fail(
                Failure(
                    f"The build failed: {type(err).__name__}",
                    "The records are valid, but a template, the settings or the generator "
                    "code raised an error. Fix it and save; this page reloads by itself.",
                    detail="".join(traceback.format_exception(err)),
                ),
            )
            return
        seconds = time.perf_counter() - started
        stats = self.state.stats
        changed = stats.get("written", 0) + stats.get("removed", 0)
        recovered = self.status.failure is not None
        if changed or recovered or fresh or self.builds == 0:
            self.bump(None)
        self.builds += 1
        click.echo(
            f"{_now()} {reason}: built in {seconds:.2f} s, {stats.get('rendered', 0)} of "
            f"{stats.get('pages', 0)} pages rendered, {stats.get('written', 0)} files written"
            + (f", {stats['removed']} removed" if stats.get("removed") else "")
            + (" (fixed: the site shows again)" if recovered else "")
        )

    def bump(self, failure: Failure | None) -> None:
        n = int(self.status.version.rsplit(".", 1)[1]) + 1
        self.status = Status(f"{self.boot}.{n}", failure)  # one assignment: threads see either

    def fail(self, failure: Failure) -> None:
        if failure != self.status.failure:
            self.bump(failure)
        click.echo(f"{_now()} {failure.title} (shown in the browser until fixed):", err=True)
        for problem in failure.problems:
            click.echo("  " + problem.format(), err=True)
        if failure.detail:
            click.echo(failure.detail.rstrip(), err=True)

    def report_todos(self, paths: Iterable[Path] | None = None) -> None:
        """Say which records still hold TODO placeholders (left by `chronology new`)."""
        from generator.editing.new import todo_lines

        entries = self.state.cache.entries
        wanted = None if paths is None else {p.resolve() for p in paths}
        for path, parsed in sorted(entries.items()):
            if wanted is not None and path.resolve() not in wanted:
                continue
            lines = todo_lines(parsed.text) if parsed.text else []
            if lines and path.suffix == ".yaml" and "incidents" in path.parts:
                click.echo(
                    f"  {display_path(path)}: still marked TODO on line"
                    f"{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
                )

    # -- code changes: re-execute in place --------------------------------------------------------
    def restart(self, changed: set[Path]) -> None:
        names = _names(changed)
        check = _preflight([p for p in changed if p.suffix == ".py" and p.exists()])
        if check:
            self.fail(
                Failure(
                    "The changed generator code does not load",
                    f"Changed: {names}. The preview keeps running the previous code (pages may "
                    "be stale) until the code loads again; then it restarts by itself.",
                    detail=check,
                )
            )
            return
        click.echo(f"{_now()} code changed ({names}): restarting the server (same port)")
        assert self.httpd is not None
        self.httpd.shutdown()
        self.stop.set()
        fd = self.httpd.socket.fileno()
        os.set_inheritable(fd, True)
        os.environ[FD_ENV] = str(fd)
        sys.stdout.flush()
        sys.stderr.flush()
        argv = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
        os.execv(sys.executable, [sys.executable, *argv[1:]])

    # -- serving ----------------------------------------------------------------------------------
    def listen(self) -> socket.socket:
        inherited = os.environ.pop(FD_ENV, None)
        if inherited:
            try:
                sock = socket.socket(fileno=int(inherited))
                os.set_inheritable(sock.fileno(), False)
                self.restarted = True
                return sock
            except (OSError, ValueError):
                pass
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            return socket.create_server((self.host, self.port), family=family, backlog=64)
        except OSError as err:
            raise click.ClickException(
                f"cannot listen on {self.host}:{self.port}: {err.strerror}"
                + (
                    "; another preview may be running: try --port 8001"
                    if err.errno in (98, 48)
                    else ""
                )
            ) from None

    def server(self, sock: socket.socket) -> ThreadingHTTPServer:
        handler = partial(Handler, directory=str(self.output.resolve()), preview=self)
        httpd = Server(sock.getsockname()[:2], handler, bind_and_activate=False)
        httpd.socket.close()
        httpd.socket = sock
        httpd.server_address = sock.getsockname()
        httpd.daemon_threads = True
        return httpd

    def url(self) -> str:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    def run(self) -> None:
        _quiet_pelican()
        wanted = ("SIGTERM", "SIGINT", "SIGHUP")  # SIGHUP: the terminal was closed
        signals = [getattr(signal, name) for name in wanted if hasattr(signal, name)]
        previous = {s: signal.getsignal(s) for s in signals}

        def stop(signum: int, frame: Any) -> None:
            for s in previous:  # a second signal during shutdown is ignored
                signal.signal(s, signal.SIG_IGN)
            raise Stop()

        for s in previous:
            signal.signal(s, stop)
        if (warning := exposure(self.host)) and not self.restarted:
            click.echo(warning, err=True)  # before the first build: seen at once
        self.output.mkdir(parents=True, exist_ok=True)
        folders.claim(self.output)  # a new folder is a build's: `chronology build` may replace it
        self.httpd = self.server(self.listen())
        serving = threading.Thread(target=self.httpd.serve_forever, daemon=True, name="http")
        try:
            self.start_watching()  # first: a change made during the first build is not missed
            self.build("restarted with the new code" if self.restarted else "first build")
            if self.status.failure is None:
                self.report_todos()
            serving.start()
            click.echo(f"Serving {self.content} on {self.url()} (Ctrl-C to stop)")
            if self.open_browser and not self.restarted:
                import webbrowser

                webbrowser.open(self.url())
            self.watch()
        except (Stop, KeyboardInterrupt):
            click.echo("Stopped.", err=True)
        finally:
            self.stop.set()
            if serving.is_alive():
                self.httpd.shutdown()
            self.httpd.server_close()

    def start_watching(self) -> None:
        self.roots = content, theme, code = self.watched()
        roots = sorted({*content, *theme, *code})
        recursive = [p for p in roots if not any(p != q and p.is_relative_to(q) for q in roots)]
        settings_dir = self.settings_file.resolve().parent
        self._watcher(recursive, recursive=True)
        if not any(settings_dir.is_relative_to(p) for p in recursive):
            # the folder, not the file: editors save by replacing the file, which ends a watch
            self._watcher([settings_dir], recursive=False)

    def watch(self) -> None:
        while True:
            try:
                changes = self.events.get(timeout=0.5)
            except queue.Empty:
                continue
            while True:  # what the other watcher saw in the same moment
                try:
                    changes |= self.events.get(timeout=0.05)
                except queue.Empty:
                    break
            batch = self.sort(changes)
            if batch.code:
                self.restart(batch.code)
            elif batch.theme:
                self.build(f"{_names(batch.theme)} changed", fresh=True)
            elif batch.content:
                self.build(f"{_names(batch.content)} changed")
                if self.status.failure is None:
                    self.report_todos(batch.content)

    def _watcher(self, paths: list[Path], recursive: bool) -> None:
        def run() -> None:
            try:
                for changes in watchfiles.watch(
                    *paths,
                    debounce=400,
                    step=40,
                    stop_event=self.stop,
                    recursive=recursive,
                    raise_interrupt=False,
                    rust_timeout=1000,
                ):
                    self.events.put(changes)
            except Exception as err:  # a watched folder vanished: say it, keep serving
                if not self.stop.is_set():
                    click.echo(f"{_now()} stopped watching {paths}: {err}", err=True)

        threading.Thread(target=run, daemon=True, name="watch").start()


class Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line on the terminal for a request that failed, not a traceback."""
        err = sys.exc_info()[1]
        if not isinstance(err, ConnectionError):  # the browser went away: nothing to say
            click.echo(f"{_now()} a request failed: {type(err).__name__}: {err}", err=True)


class Handler(SimpleHTTPRequestHandler):
    """Serves the output folder; adds the live-reload script and the error page to HTML."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        """The request line and headers, then the Host check (before any method runs)."""
        if not super().parse_request():
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1 or (not hosts and self.request_version != "HTTP/1.0"):
            self.refuse(HTTPStatus.BAD_REQUEST, "One Host header is required.")
            return False
        if hosts and not host_allowed(hosts[0], self.preview.host):
            # DNS rebinding: a page of another site whose name now points here would read the
            # preview (unpublished drafts); a browser always names the host it thinks it asks.
            names = sorted({*LOOPBACK_NAMES, self.preview.host} - set(WILDCARDS))
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
        status = self.preview.status
        path = urlsplit(self.path).path
        if "\0" in unquote(path, errors="strict"):  # answer() turns a non-UTF-8 path into 400
            raise ValueError("a NUL byte")
        if path == RELOAD_PATH:
            return self.send(HTTPStatus.OK, "text/plain", status.version.encode(), head)
        if path == SCRIPT_PATH:
            return self.send(HTTPStatus.OK, "text/javascript", LIVERELOAD_JS.encode(), head)
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


def exposure(host: str) -> str | None:
    """A warning when listening on `host` serves the preview beyond this machine."""
    if not exposed(host):
        return None
    return (
        f"warning: --host {host or '(all)'} lets every machine that can reach this one on the "
        "network read the preview, unpublished drafts included; the default, 127.0.0.1, "
        "keeps it on this machine."
    )


def script_tag(version: str) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-version="{version}" defer></script>'.encode()


def inject(page: bytes, version: str) -> bytes:
    """The page with the live-reload script before </body> (or at the end)."""
    tag = script_tag(version)
    at = page.lower().rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def _page(title: str, body: str, version: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · chronology serve</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "h1{color:#a00;font-size:1.5rem}li{margin:.6rem 0}code,pre{font:14px/1.4 ui-monospace,"
        "monospace}.where{font-weight:bold}pre{background:#f6f6f6;padding:1rem;overflow:auto}"
        ".rule{color:#666}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{body}{script_tag(version).decode()}</body></html>"
    ).encode()


def error_page(failure: Failure, version: str) -> bytes:
    items = []
    for p in failure.problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        field = f"<code>{html.escape(p.path)}</code>: " if p.path else ""
        items.append(
            f'<li><code class="where">{html.escape(where)}</code><br>{field}'
            f'{html.escape(p.message)} <span class="rule">({html.escape(p.rule)})</span></li>'
        )
    body = f"<p>{html.escape(failure.explanation)}</p>"
    if items:
        body += "<ol>" + "".join(items) + "</ol>"
    if failure.detail:
        body += f"<pre>{html.escape(failure.detail)}</pre>"
    return _page(failure.title, body, version)


def not_found_page(path: str, version: str) -> bytes:
    return _page(
        "Not found",
        f"<p>Nothing is built at <code>{html.escape(path)}</code> yet. This page reloads by "
        'itself when it is. <a href="/">Home</a></p>',
        version,
    )


def _names(paths: set[Path]) -> str:
    """The changed files worth naming: those still there (not editors' temporary files)."""
    shown = sorted(display_path(p) for p in paths if p.exists()) or sorted(
        display_path(p) for p in paths
    )
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def _query(raw: str) -> str:
    query = urlsplit(raw).query
    return f"?{query}" if query else ""


def _ignored(path: Path) -> bool:
    name = path.name
    return (
        name.startswith((".", "#"))
        or name.endswith(_IGNORED_SUFFIXES)
        or name == "4913"  # vim's probe file
        or "__pycache__" in path.parts
    )


def _preflight(files: list[Path]) -> str:
    """'' when the changed code compiles and the generator imports in a fresh interpreter."""
    code = (
        "import sys\n"
        "for name in sys.argv[1:]:\n"
        "    compile(open(name, encoding='utf-8').read(), name, 'exec')\n"
        "import generator.cli, generator.build, generator.site.plugin, generator.editing.serve\n"
        "from generator.records.schema import schema\n"
        "for kind in ('incident', 'bases', 'actors', 'statements', 'chronology'):\n"
        "    schema(kind)\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return "checking the new code took more than 60 s"
    return "" if done.returncode == 0 else (done.stderr or done.stdout or "failed")


def _quiet_pelican() -> None:
    """Pelican prints 'Done: Processed 0 articles…' after every run; not useful here."""
    try:
        from pelican.log import console

        console.quiet = True
    except (ImportError, AttributeError):
        pass


def _now() -> str:
    return time.strftime("%H:%M:%S")


def version_of(body: str) -> str | None:
    """The build version a served page was stamped with (for tests and tools)."""
    marker = 'data-version="'
    at = body.rfind(marker)
    return body[at + len(marker) : body.index('"', at + len(marker))] if at >= 0 else None
