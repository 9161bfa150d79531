"""A source's verbatim quote as HTML: one escaped paragraph per passage.

EDITING.md lets a quote hold several passages separated by a blank line. In the folded block
(`quote: >-`) EDITING.md shows, YAML turns that blank line into one line break and the other
line breaks into spaces; in a literal block (`|`) or a quoted string the blank line stays
two line breaks and single ones only wrap the text. So: when the text has a blank line, the
passages are what it separates (single line breaks are spaces); otherwise each line is one.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PASSAGE = Markup("<p>{}</p>")  # format() escapes the text: a quote is never markup


def split(text: str) -> list[str]:
    """The passages of a quote, each with its whitespace runs made single spaces."""
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]


def passages(text: str) -> Markup:
    """The quote's passages, each in its own <p>, escaped."""
    return Markup("").join(_PASSAGE.format(part) for part in split(text))
