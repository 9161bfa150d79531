"""The unit of a report: one problem found on one page."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal["link", "html", "file"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A broken link (kind ``link``), an HTML validity error (kind ``html``), or a file of the
    site that could not be checked (kind ``file``: unreadable, unparseable past a line, a
    symbolic link that is broken or leads out of the site).

    ``page`` is the page's path relative to the site directory, ``link`` the link as written
    in the page (empty for ``html``), ``reason`` a short human-readable explanation and
    ``line`` the line of the page where it occurs, when known.
    """

    kind: Kind
    page: str
    link: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
