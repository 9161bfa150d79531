"""The builder of the preview: what to rebuild after a change, and the process that runs it all.

It builds in place into the output folder with ONE BuildState kept across rebuilds, so an
edited record re-renders only its own pages. Records are validated before anything is written;
invalid records leave the pages as they were and put the preview in an error state instead. A
record or seed change rebuilds incrementally; a template or settings change rebuilds with a
fresh BuildState (every page re-rendered); a code change (generator/**, or the JSON Schemas,
which are compiled once per process) re-executes the process in place.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import traceback
from collections.abc import Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
import watchfiles

import generator
from generator import catalogs, folders
from generator.records.problems import InvalidContent, display_path

from . import reexec, watch
from .http import exposure, make_server, url_of
from .pages import Failure, Status
from .terminal import names, now


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
        self.watcher = watch.Watcher(self.stop)
        self.httpd: ThreadingHTTPServer | None = None
        self.roots: watch.Roots | None = None
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

    def watched(self) -> watch.Roots:
        """(content folders, theme folders, code folders) that exist; and the content's own
        catalogs folder, inside the content folder's watch, even before it is made."""
        from generator.resources import THEME_DIR, schema_folder

        try:
            theme = Path(self._settings()["THEME"]) / "templates"
        except Exception:  # a broken pelican.conf.py: the first build reports it
            theme = THEME_DIR / "templates"
        content = [self.content, self.content.parent / "seeds"]
        code = [*self.code_dirs, schema_folder(self.content)]  # a schema edit re-executes
        own, bundled = catalogs.folders(self.content)  # a catalog edit: every page, afresh
        return (
            [p.resolve() for p in content if p.is_dir()],
            [p.resolve() for p in (theme, bundled, own) if p.is_dir() or p == own],
            [p.resolve() for p in code if p.is_dir()],
        )

    def sort(self, changes: Iterable[tuple[watchfiles.Change, str]]) -> watch.Batch:
        return watch.sort(changes, self.roots or self.watched(), self.settings_file, self.output)

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
            f"{now()} {reason}: built in {seconds:.2f} s, {stats.get('rendered', 0)} of "
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
        click.echo(f"{now()} {failure.title} (shown in the browser until fixed):", err=True)
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
        changed_names = names(changed)
        check = reexec.preflight([str(p) for p in changed if p.suffix == ".py" and p.exists()])
        if check:
            self.fail(
                Failure(
                    "The changed generator code does not load",
                    f"Changed: {changed_names}. The preview keeps running the previous code "
                    "(pages may be stale) until the code loads again; then it restarts by "
                    "itself.",
                    detail=check,
                )
            )
            return
        click.echo(f"{now()} code changed ({changed_names}): restarting the server (same port)")
        assert self.httpd is not None
        self.httpd.shutdown()
        self.stop.set()
        reexec.reexec(self.httpd.socket)

    # -- serving ----------------------------------------------------------------------------------
    def listen(self) -> socket.socket:
        sock, self.restarted = reexec.listen(self.host, self.port)
        return sock

    def url(self) -> str:
        assert self.httpd is not None
        return url_of(self.httpd)

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
        self.httpd = make_server(self.listen(), self.output, self)
        serving = threading.Thread(target=self.httpd.serve_forever, daemon=True, name="http")
        try:
            # watching first: a change made during the first build is not missed
            self.roots = self.watched()
            self.watcher.start(self.roots, self.settings_file)
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

    def watch(self) -> None:
        while True:
            changes = self.watcher.next()
            if changes is None:
                continue
            batch = self.sort(changes)
            if batch.code:
                self.restart(batch.code)
            elif batch.theme:
                self.build(f"{names(batch.theme)} changed", fresh=True)
            elif batch.content:
                self.build(f"{names(batch.content)} changed")
                if self.status.failure is None:
                    self.report_todos(batch.content)


def _quiet_pelican() -> None:
    """Pelican prints 'Done: Processed 0 articles…' after every run; not useful here."""
    try:
        from pelican.log import console

        console.quiet = True
    except (ImportError, AttributeError):
        pass
