"""Pasted text -> Article. No I/O: the caller hands over the decoded text."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article
from generator.importer.clean import Line, agency_in_text, clean_lines, detect_language
from generator.importer.published import from_line, from_metadata


def parse_text(text: str) -> Article:
    """Clean a pasted article: one paragraph per line, the first headline-like line is the title."""
    cleaned = clean_lines([Line(line) for line in text.splitlines()], find_title=True)
    body = " ".join(b.text for b in cleaned.blocks if not b.heading)
    language = detect_language(body) or "fr"
    today = dt.date.today()
    text_date = cleaned.published_text
    found = (
        (from_line(text_date, today) or from_metadata(text_date, language, today))
        if text_date
        else None
    )
    article = Article(
        blocks=cleaned.blocks,
        raw_text=text,
        format="text",
        title=cleaned.title,
        outlet=cleaned.outlet or agency_in_text(body),
        author=cleaned.author,
        language=language,
        notes=cleaned.notes,
    )
    article.set_published(found)
    return article
