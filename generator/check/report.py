"""Output of a check: one ``page: link: reason`` line per problem, or a JSON report."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .problem import Problem


def sort_key(problem: Problem) -> tuple:
    return (problem.page, problem.kind, problem.line or 0, problem.link, problem.reason)


def text_lines(problems: Iterable[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that it is either the old or the whole new content.

    The text goes to a temporary file in the same directory, flushed to disk, which then
    replaces the target: an interrupted run leaves no half-written file behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 is for the temporary file only
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_json(path: str | Path, problems: Iterable[Problem]) -> None:
    write_atomic(path, to_json(problems))
