"""Pasted text -> Article. No I/O: the caller hands over the decoded text."""

from __future__ import annotations

from generator.importer.article import Article
from generator.importer.clean import Line, agency_in_text, clean_lines, detect_language
from generator.importer.dates import parse_when


def parse_text(text: str) -> Article:
    """Clean a pasted article: one paragraph per line, the first headline-like line is the title."""
    cleaned = clean_lines([Line(line) for line in text.splitlines()], find_title=True)
    body = " ".join(b.text for b in cleaned.blocks if not b.heading)
    language = detect_language(body) or "fr"
    published = parse_when(cleaned.published_text, language) if cleaned.published_text else None
    return Article(
        blocks=cleaned.blocks,
        raw_text=text,
        format="text",
        title=cleaned.title,
        outlet=cleaned.outlet or agency_in_text(body),
        author=cleaned.author,
        published=published,
        language=language,
        notes=cleaned.notes,
    )
