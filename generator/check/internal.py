"""Resolve internal links against the files of the site, as a web server serving it would."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .links import HTML_SUFFIXES

INDEX = "index.html"


@dataclass(slots=True)
class Tree:
    """Every file and directory under the site directory, as relative ``/``-separated paths."""

    files: set[str]
    dirs: set[str]  # the root is ""

    @classmethod
    def scan(cls, site_dir: str | Path) -> Tree:
        root = os.fspath(site_dir)
        files: set[str] = set()
        dirs: set[str] = {""}
        stack = [("", root)]
        seen = {os.path.realpath(root)}
        while stack:
            rel, path = stack.pop()
            with os.scandir(path) as entries:
                for entry in entries:
                    name = entry.name if not rel else f"{rel}/{entry.name}"
                    if entry.is_dir():
                        dirs.add(name)
                        if entry.is_symlink():  # followed, once: a server follows it too
                            real = os.path.realpath(entry.path)
                            if real in seen:
                                continue
                            seen.add(real)
                        stack.append((name, entry.path))
                    elif entry.is_file():
                        files.add(name)
        return cls(files, dirs)

    def pages(self) -> list[str]:
        """The HTML pages, sorted."""
        return sorted(f for f in self.files if f.lower().endswith(HTML_SUFFIXES))

    def locate(self, segments: tuple[str, ...]) -> tuple[str | None, str]:
        """The file a server sends for a path, or None and why it is missing.

        ``dir/`` is ``dir/index.html``; ``dir`` without the slash too (servers redirect);
        ``file/`` is not the file.
        """
        *parents, name = segments
        folder = "/".join(parents)
        if name == "":
            if folder in self.dirs:
                index = f"{folder}/{INDEX}" if folder else INDEX
                if index in self.files:
                    return index, ""
                return None, f"directory without {INDEX}: {folder or '.'}/"
            return None, f"not found: {folder}/"
        path = f"{folder}/{name}" if folder else name
        if path in self.files:
            return path, ""
        if path in self.dirs:
            index = f"{path}/{INDEX}"
            if index in self.files:
                return index, ""
            return None, f"directory without {INDEX}: {path}/"
        return None, f"not found: {path}"


def fragment_found(fragment: str, ids: Iterable[str] | Mapping[str, object]) -> bool:
    """Whether a browser finds ``#fragment`` in a page with these ids.

    As in the HTML standard: the empty fragment and ``top`` are the top of the page, the
    fragment is tried as written and percent-decoded, and a text directive (``:~:``) is not
    an id.
    """
    fragment = fragment.partition(":~:")[0]
    if not fragment or fragment in ids:
        return True
    decoded = unquote(fragment)
    if decoded in ids:
        return True
    return decoded.lower() == "top"


def is_page(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)
