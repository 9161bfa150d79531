"""Quote text as 'verbatim' compares it: what the validator and the importer both apply."""

from __future__ import annotations

import re

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‹": '"',
        "›": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """What 'verbatim' tolerates: any run of whitespace is one space; curly quotes are straight."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()
