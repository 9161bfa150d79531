"""Problems are data; formatting is separate (yamllint's LintProblem, MkDocs' collect-then-fail)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that would end or forge a line of a log (a key holding "\n::warning ...::"
# becomes a GitHub workflow command): shown as escapes in text messages.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line: control characters and line breaks as repr()-style escapes."""
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1], text)


def github_data(text: str) -> str:
    """Escape the message of a GitHub Actions workflow command (GitHub's own escaping of
    command values: `%`, CR and LF), so that no text can end the command or start another."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property (file=, title=...) of a workflow command: also `:` and `,`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(command: str, message: str, **properties: object) -> str:
    """`::command key=value,...::message` with every part escaped (annotations: error, warning,
    notice). One function for every command the tools print (validate, check)."""
    props = ",".join(f"{k}={github_property(str(v))}" for k, v in properties.items())
    return (
        f"::{command} {props}::{github_data(message)}"
        if props
        else (f"::{command}::{github_data(message)}")
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located as precisely as we can: a record that does not
    hold (`chronology validate`) or a page of the built site (`chronology check`, whose
    rules are `link`, `html` and `file`: a page that could not be checked)."""

    file: str  # a record as an editor would type it; a page relative to the site folder
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    path: str  # what in the file: a field path ("sources[1].url"), a link as written; or ""
    message: str  # what was expected and what was found
    rule: str  # short machine name, e.g. "unknown-field"
    level: str = "error"  # or "warning": printed, never a reason to refuse the records

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f"{self.path}: " if self.path else ""
        return printable(f"{where}: {self.level}: {field}{self.message} ({self.rule})")

    def format_github(self) -> str:
        """The same problem as a GitHub Actions workflow command (annotates the diff)."""
        field = f"{self.path}: " if self.path else ""
        return github_command(
            self.level,
            printable(f"{field}{self.message}"),
            file=self.file,
            line=max(self.line, 1),
            col=max(self.column, 1),
            title=self.rule,
        )


class InvalidContent(Exception):
    """Raised when records are invalid; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the records")


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working directory when inside it."""
    absolute = Path(path).absolute()
    cwd = Path.cwd()
    return str(absolute.relative_to(cwd)) if absolute.is_relative_to(cwd) else str(absolute)
