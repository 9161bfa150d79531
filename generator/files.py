"""Small file helpers every stage shares: a file's stamp, the digest caches check bytes by, a
path relative to a folder, and a write that is all or nothing.

(Pages go through generator/site/write/writer.py, which writes thousands of files a build
with the same temporary-file-and-rename rule, tuned for that many.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path


def stamp(path: str) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, None if it is not there: what tells a file a build wrote
    from one replaced since (never a content key: see generator.records.loader.digest)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def digest(data: bytes) -> bytes:
    """blake2b of `data`: what the build cache's stores check a kept value against."""
    return hashlib.blake2b(data, digest_size=16).digest()


def relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder`, with forward slashes, as `path.relative_to(folder)` gives
    it: by the paths' text when `path` was made under `folder` (the record files are, by
    the thousand), else by pathlib (which raises ValueError for a path outside it)."""
    text, root = os.fspath(path), os.fspath(folder)
    if text.startswith(root + os.sep) and os.sep == "/" and root != ".":
        return text[len(root) + 1 :]
    return path.relative_to(folder).as_posix()


def write_atomic(path: str | Path, data: str | bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` so that it is either the old or the whole new content.

    The data goes to a temporary file in the same folder, flushed to disk (`durable`; a
    cache, which can be made again, skips that), which then replaces the target: an
    interrupted run leaves no half-written file behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 is for the temporary file only
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
