"""The one way out: every page of the chronology reaches the output folder through here.

A page is written only when its bytes change (so an incremental rebuild touches only what
changed, and file watchers and rsync see only real changes); writes go through a temporary
file and a rename, so a reader or a killed build never sees half a page.

Tens of thousands of pages go through here per build, so this uses plain os calls (pathlib
costs several times more per file), creates each folder once, and skips the comparison with
the file on disk when the build started from an empty folder (`fresh`: nothing to compare).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import sanitised_join


@dataclass
class PageWriter:
    output: Path
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    fresh: bool = False  # the output folder was empty when the build began
    _folders: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._root = os.fspath(self.output)

    @classmethod
    def into(cls, output: Path) -> PageWriter:
        """A writer for `output`, fresh when the folder is empty or does not exist yet."""
        try:
            with os.scandir(output) as entries:
                fresh = next(entries, None) is None
        except FileNotFoundError:
            fresh = True
        return cls(output, fresh=fresh)

    def fork(self) -> PageWriter:
        """A writer for a worker process: same folder, its own list of what it wrote."""
        return PageWriter(self.output, fresh=self.fresh, _folders=set(self._folders))

    def _path(self, relative: str) -> str:
        if relative.startswith("/") or ".." in relative or "\\" in relative:
            # sanitised_join refuses paths that would leave the output folder ('..', absolute).
            return sanitised_join(self._root, relative)
        return f"{self._root}/{relative}"

    def target(self, relative: str) -> Path:
        return Path(self._path(relative))

    def write(self, relative: str, content: str | bytes) -> bool:
        """Write `content` to output/`relative` unless it is already there; True if written."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self._path(relative)
        folder, _, name = target.rpartition("/")
        if not self.fresh:
            try:
                if os.stat(target).st_size == len(data):
                    with open(target, "rb") as handle:
                        if handle.read() == data:
                            self.unchanged += 1
                            return False
            except (FileNotFoundError, NotADirectoryError):
                pass
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        temporary = f"{folder}/.{name}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
        self.written.append(relative)
        return True

    def remove(self, relative: str) -> None:
        """Delete a page that no longer exists (a deleted record), and its empty folders."""
        target = self.target(relative)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.output and folder.is_dir() and not any(folder.iterdir()):
            self._folders.discard(os.fspath(folder))
            folder.rmdir()
            folder = folder.parent
