"""Which files the preview watches, and what each change requires (watchfiles, in threads)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click
import watchfiles

from .terminal import now

Changes = set[tuple[watchfiles.Change, str]]
Roots = tuple[list[Path], list[Path], list[Path]]  # content, theme (templates, catalogs), code
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".pyc", ".pyo", "~")


@dataclass
class Batch:
    """One group of file changes, sorted by what they require."""

    code: set[Path] = field(default_factory=set)
    theme: set[Path] = field(default_factory=set)
    content: set[Path] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.code or self.theme or self.content)


def sort(
    changes: Iterable[tuple[watchfiles.Change, str]],
    roots: Roots,
    settings_file: Path,
    output: Path,
) -> Batch:
    content, theme, code = roots
    settings_file, output = settings_file.resolve(), output.resolve()
    batch = Batch()
    for _, raw in changes:
        path = Path(raw)
        if ignored(path) or path.is_relative_to(output):
            continue
        if path == settings_file or any(path.is_relative_to(t) for t in theme):
            batch.theme.add(path)
        elif any(path.is_relative_to(c) for c in code):
            if path.suffix in (".py", ".json", ".yaml") or not path.suffix:
                batch.code.add(path)
        elif any(path.is_relative_to(c) for c in content):
            batch.content.add(path)
    return batch


def ignored(path: Path) -> bool:
    name = path.name
    return (
        name.startswith((".", "#"))
        or name.endswith(_IGNORED_SUFFIXES)
        or name == "4913"  # vim's probe file
        or "__pycache__" in path.parts
    )


class Watcher:
    """Threads that put every group of changes under the roots in one queue."""

    def __init__(self, stop: threading.Event):
        self.stop = stop
        self.events: queue.Queue[Changes] = queue.Queue()

    def start(self, roots: Roots, settings_file: Path) -> None:
        content, theme, code = roots
        every = sorted({*content, *theme, *code})
        recursive = [p for p in every if not any(p != q and p.is_relative_to(q) for q in every)]
        settings_dir = settings_file.resolve().parent
        self._thread(recursive, recursive=True)
        if not any(settings_dir.is_relative_to(p) for p in recursive):
            # the folder, not the file: editors save by replacing the file, which ends a watch
            self._thread([settings_dir], recursive=False)

    def next(self) -> Changes | None:
        """The changes seen since the last call, with what another thread saw in the same
        moment; None when nothing changed for a while (the caller's loop goes on)."""
        try:
            changes = self.events.get(timeout=0.5)
        except queue.Empty:
            return None
        while True:
            try:
                changes |= self.events.get(timeout=0.05)
            except queue.Empty:
                return changes

    def _thread(self, paths: list[Path], recursive: bool) -> None:
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
                    click.echo(f"{now()} stopped watching {paths}: {err}", err=True)

        threading.Thread(target=run, daemon=True, name="watch").start()
