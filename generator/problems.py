"""Problems are data; formatting is separate (yamllint's LintProblem, MkDocs' collect-then-fail)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, located as precisely as we can."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    path: str  # field path, e.g. "sources[1].url"; "" for the whole file
    message: str  # what was expected and what was found
    rule: str  # short machine name, e.g. "unknown-field"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f"{self.path}: " if self.path else ""
        return f"{where}: error: {field}{self.message} ({self.rule})"

    def format_github(self) -> str:
        """The same problem as a GitHub Actions workflow command (annotates the diff)."""
        field = f"{self.path}: " if self.path else ""
        return (
            f"::error file={self.file},line={max(self.line, 1)},col={max(self.column, 1)},"
            f"title={self.rule}::{field}{self.message}"
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
