"""The check's problems: made from what was found on a page, and written as one
``page: link: reason`` line each, GitHub workflow annotations, or a JSON report. Text from
pages and servers is hostile: it never starts a line of its own."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from generator.files import write_atomic
from generator.records.problems import Problem, github_command

# A broken link, an HTML validity error, or a file of the site that could not be checked
# (unreadable, unparseable past a line, a symbolic link that is broken or leads out of it).
Rule = Literal["link", "html", "file"]
TITLES = {"link": "broken link", "html": "invalid HTML", "file": "file not checked"}


def page_problem(
    rule: Rule,
    page: str,
    link: str,
    reason: str,
    line: int | None = None,
    column: int | None = None,
) -> Problem:
    """A problem of ``page`` (relative to the site folder) with ``link`` as written in it
    ("" for ``html`` and ``file``), where the parser or validator placed it, when it did."""
    return Problem(page, line or 0, column or 0, link, reason, rule)


def sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.rule, problem.line, problem.path, problem.message)


def visible(text: str) -> str:
    """``text`` with control, format and line-separating characters written as escapes
    (``\\n``, ``\\x1b``, ``\\u202e``): one line, shown as it is, whatever a page holds."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _page(path: str) -> str:
    # A line starting with "::" is a workflow command under GitHub Actions (whitespace before
    # it is ignored): such a file name is shown as ./NAME.
    shown = visible(path)
    return f"./{shown}" if shown.lstrip().startswith(":") else shown


def text_lines(problems: Iterable[Problem]) -> list[str]:
    return [f"{_page(p.file)}: {visible(p.path)}: {visible(p.message)}" for p in problems]


def github_lines(problems: Iterable[Problem], site_dir: str | Path) -> list[str]:
    """One ``::error`` workflow command per problem, located in the file of the site."""
    lines = []
    for p in problems:
        where: dict[str, object] = {
            "file": Path(site_dir, p.file).as_posix() if p.file else Path(site_dir).as_posix()
        }
        if p.line:
            where["line"] = p.line
            if p.column:
                where["col"] = p.column
        message = f"{p.path}: {p.message}" if p.path else p.message
        # Newlines become %0A (a message of several lines); other controls, escapes.
        message = "\n".join(visible(part) for part in message.split("\n"))
        lines.append(github_command("error", message, **where, title=TITLES.get(p.rule, p.rule)))
    return lines


def as_json(problem: Problem) -> dict[str, Any]:
    """The report's entry: {kind, page, link, reason, line}, and the column when known."""
    entry: dict[str, Any] = {
        "kind": problem.rule,
        "page": problem.file,
        "link": problem.path,
        "reason": problem.message,
        "line": problem.line or None,
    }
    if problem.column:
        entry["column"] = problem.column
    return entry


def to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([as_json(p) for p in problems], indent=2, ensure_ascii=False) + "\n"


def write_json(path: str | Path, problems: Iterable[Problem]) -> None:
    write_atomic(path, to_json(problems))
