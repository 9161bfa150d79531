"""The one way out: every page of the chronology reaches the output folder through here.

A page is written only when its bytes change (so an incremental rebuild touches only what
changed, and file watchers and rsync see only real changes); writes go through a temporary
file and a rename, so a reader or a killed build never sees half a page.
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

    def target(self, relative: str) -> Path:
        # sanitised_join refuses paths that would leave the output folder ('..', absolute).
        return Path(sanitised_join(str(self.output), relative))

    def write(self, relative: str, content: str | bytes) -> bool:
        """Write `content` to output/`relative` unless it is already there; True if written."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self.target(relative)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                self.unchanged += 1
                return False
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        self.written.append(relative)
        return True

    def remove(self, relative: str) -> None:
        """Delete a page that no longer exists (a deleted record), and its empty folders."""
        target = self.target(relative)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
