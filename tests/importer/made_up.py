"""Drafts of made-up sentences, for the tests of the reading rules (round 3 and round 4)."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article, Block
from generator.importer.extract import DraftIncident, extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.published import option

GAZ = Gazetteer.load()
TODAY = dt.date(2026, 1, 1)


def drafts(
    *paragraphs: str, published: str | None = "2024-03-06", language: str = "en"
) -> list[DraftIncident]:
    article = Article(
        [Block(p) for p in paragraphs], "\n".join(paragraphs), "text", language=language
    )
    if published:
        article.set_published(option(published))
    return extract(article, GAZ, TODAY).incidents
