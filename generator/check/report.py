"""Output of a check: one ``page: link: reason`` line per problem, GitHub workflow annotations,
or a JSON report. Text from pages and servers is hostile: it never starts a line of its own."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from generator.files import write_atomic

from .problem import Problem


def sort_key(problem: Problem) -> tuple:
    return (problem.page, problem.kind, problem.line or 0, problem.link, problem.reason)


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
    return [f"{_page(p.page)}: {visible(p.link)}: {visible(p.reason)}" for p in problems]


# GitHub's escaping of workflow commands (actions/toolkit, core/src/command.ts).
def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


TITLES = {"link": "broken link", "html": "invalid HTML", "file": "file not checked"}


def github_lines(problems: Iterable[Problem], site_dir: str | Path) -> list[str]:
    """One ``::error`` workflow command per problem, located in the file of the site."""
    lines = []
    for p in problems:
        file = Path(site_dir, p.page).as_posix() if p.page else Path(site_dir).as_posix()
        where = f"file={escape_property(file)}"
        if p.line:
            where += f",line={p.line}"
        message = f"{p.link}: {p.reason}" if p.link else p.reason
        # Newlines become %0A (a message of several lines); other controls, escapes.
        message = "\n".join(visible(part) for part in message.split("\n"))
        title = escape_property(TITLES.get(p.kind, p.kind))
        lines.append(f"::error {where},title={title}::{escape_data(message)}")
    return lines


def to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def write_json(path: str | Path, problems: Iterable[Problem]) -> None:
    write_atomic(path, to_json(problems))
