"""Resolve internal links against the files of the site, as a web server serving it would."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .links import HTML_SUFFIXES

INDEX = "index.html"


@dataclass(slots=True)
class Tree:
    """Every file and directory under the site directory, as relative ``/``-separated paths.

    Symbolic links are followed only to what lies inside the site: a linked directory is an
    alias of the real one (read once, so that a loop ends); a link that is broken, loops or
    leads out of the site is not followed or read but listed in ``refused`` with the reason.
    """

    files: set[str]
    dirs: set[str]  # the root is ""
    refused: dict[str, str] = field(default_factory=dict)  # path -> why it is not checked
    # A symbolically linked directory inside the site -> the real directory it stands for.
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> list[tuple[str, str]]:
        return sorted(self.refused.items())

    @classmethod
    def scan(cls, site_dir: str | Path) -> Tree:
        root = os.fspath(site_dir)
        real_root = os.path.realpath(root)
        inside = real_root.rstrip(os.sep) + os.sep
        tree = cls(set(), {""})
        files, dirs, refused, aliases = tree.files, tree.dirs, tree.refused, tree.aliases
        stack = [("", root)]
        while stack:
            rel, path = stack.pop()
            try:
                with os.scandir(path) as it:
                    entries = list(it)
            except OSError as error:
                refused[rel or "."] = f"directory cannot be read ({error.strerror})"
                continue
            for entry in entries:
                name = entry.name if not rel else f"{rel}/{entry.name}"
                try:
                    if entry.is_symlink():
                        try:
                            real = os.path.realpath(entry.path, strict=True)
                        except OSError as error:  # dangling, or a loop of links
                            refused[name] = f"broken symbolic link ({error.strerror})"
                            continue
                        if real != real_root and not real.startswith(inside):
                            refused[name] = "symbolic link leading out of the site: not followed"
                            continue
                        if os.path.isdir(real):
                            dirs.add(name)
                            aliases[name] = os.path.relpath(real, real_root).replace(os.sep, "/")
                        elif os.path.isfile(real):
                            files.add(name)
                    elif entry.is_dir(follow_symlinks=False):
                        dirs.add(name)
                        stack.append((name, entry.path))
                    elif entry.is_file(follow_symlinks=False):
                        files.add(name)
                except OSError as error:
                    refused[name] = f"cannot be read ({error.strerror})"
        return tree

    def pages(self) -> list[str]:
        """The HTML pages, sorted."""
        return sorted(f for f in self.files if f.lower().endswith(HTML_SUFFIXES))

    def locate(self, segments: tuple[str, ...]) -> tuple[str | None, str]:
        """The file a server sends for a path, or None and why it is missing.

        ``dir/`` is ``dir/index.html``; ``dir`` without the slash too (servers redirect);
        ``file/`` is not the file.
        """
        if self.aliases:
            segments = self._unalias(segments)
        *parents, name = segments
        folder = "/".join(parents)
        if self.refused:
            for where in (folder, f"{folder}/{name}" if folder else name):
                if where in self.refused:
                    return None, self.refused[where]
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

    def _unalias(self, segments: tuple[str, ...]) -> tuple[str, ...]:
        """The path with its linked directories replaced by the real ones."""
        for _ in range(64):  # alias targets are real paths: one pass each, bounded anyway
            for i in range(1, len(segments) + 1):
                target = self.aliases.get("/".join(segments[:i]))
                if target is not None:
                    head = tuple(target.split("/")) if target != "." else ()
                    segments = head + (segments[i:] or ("",))  # "dir" is served as "dir/"
                    break
            else:
                return segments
        return segments


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
