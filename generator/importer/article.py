"""What the readers hand to the extractor: the article's text blocks and its metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.importer.published import Published


class ArticleError(Exception):
    """The file cannot be read as an article; the message says why, in an editor's words."""


@dataclass(frozen=True)
class Block:
    """One paragraph (or a heading: a short line without final punctuation) of the body."""

    text: str
    heading: bool = False


@dataclass
class Article:
    """A cleaned article: body blocks in reading order plus what is known about it."""

    blocks: list[Block]
    raw_text: str  # the decoded file, for checking that quotes are verbatim
    format: str  # "html" or "text"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None  # the day, or the month's first day (precision month)
    published_precision: str = "day"  # day | month
    published_how: str | None = None  # where the date was found, for the date notes
    published_source: str | None = None  # Published.source: option, address, line, metadata
    url: str | None = None
    language: str = "fr"
    notes: list[str] = field(default_factory=list)  # what cleaning removed, for the summary
    warnings: list[str] = field(default_factory=list)  # what the editor must check

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if not b.heading]

    @property
    def quote_source(self) -> str:
        """The text quotes must be verbatim in: the file for text, the article text for HTML."""
        if self.format == "text":
            return self.raw_text
        return "\n".join(b.text for b in self.blocks)

    def set_published(self, found: Published | None) -> None:
        if found is not None:
            self.published = found.date
            self.published_precision = found.precision
            self.published_how = found.how
            self.published_source = found.source

    def word_count(self) -> int:
        return sum(len(text.split()) for text in self.paragraphs)
