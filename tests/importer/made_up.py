"""Drafts of made-up sentences, for the tests of the reading rules (round 3 and round 4)."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article, Block
from generator.importer.extract import DraftIncident, Extraction, extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.published import Published, option

GAZ = Gazetteer.load()
TODAY = dt.date(2026, 1, 1)


def extraction(
    *paragraphs: str, published: Published | None = None, language: str = "en"
) -> Extraction:
    """What the importer reads in an article of these paragraphs, its publication date found
    as `published` says (an option, a date line, or none)."""
    article = Article(
        [Block(p) for p in paragraphs], "\n".join(paragraphs), "text", language=language
    )
    article.set_published(published)
    return extract(article, GAZ, TODAY)


def drafts(
    *paragraphs: str, published: str | None = "2024-03-06", language: str = "en"
) -> list[DraftIncident]:
    given = option(published) if published else None
    return extraction(*paragraphs, published=given, language=language).incidents
