"""Issue 16 items 2-3, on short texts: what another clause recalls is not attached,
background is no incident, a strike is found without a named agent."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article, Block
from generator.importer.extract import DraftIncident, extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.reader import read_article

from .conftest import FIXTURES

GAZ = Gazetteer.load()
SET_A = FIXTURES / "fresh" / "a"  # the tuned set (never the frozen one)


def drafts(*paragraphs: str, published: dt.date = dt.date(2024, 8, 5)) -> list[DraftIncident]:
    text = "\n".join(paragraphs)
    article = Article([Block(p) for p in paragraphs], text, "text", published=published)
    return extract(article, GAZ, dt.date(2026, 1, 1)).incidents


def test_a_dateline_is_not_the_place() -> None:
    (strike,) = drafts(
        "DAMASCUS, Syria (North Press) – On Monday, the U.S. Central Command (CENTCOM) "
        "announced the killing of five militants in Iraq in a drone attack conducted within "
        "the framework of self-defense.",
        published=dt.date(2023, 12, 4),
    )
    assert strike.place.country == "IQ"


def test_a_strike_recalled_beside_an_attack_is_not_at_the_attacked_base() -> None:
    article = read_article(SET_A / "a11_fr_almanar_asad.txt")
    article.published = dt.date(2024, 8, 5)
    found = extract(article, GAZ, dt.date(2026, 1, 1)).incidents
    strikes = [d for d in found if d.kind == "strike"]
    assert strikes and all(d.place.base is None for d in strikes)
    assert any(d.kind == "attack" and d.place.base == "ain-al-asad" for d in found)


def test_background_tells_no_incident() -> None:
    assert not drafts(
        "Les groupes pro-Iran ont repris les tirs de roquettes et les frappes de drones contre "
        "les troupes américaines stationnées en Irak et en Syrie."
    )


def test_a_strike_answering_the_attack_needs_no_named_agent() -> None:
    article = read_article(SET_A / "a06_en_amu_zummar.txt")
    article.published = dt.date(2024, 4, 22)
    found = extract(article, GAZ, dt.date(2026, 1, 1)).incidents
    assert sorted(d.kind for d in found) == ["attack", "strike"]


def test_today_inside_a_quotation_does_not_split_a_strike() -> None:
    found = drafts(
        "The United States conducted airstrikes on two facilities in eastern Syria in the "
        "early morning of Friday, the Pentagon said.",
        "A senior U.S. official said: \"(In today's attack) two F-16 fighter jets struck the "
        'arsenal of the IRGC in Bukamal, Syria."',
        published=dt.date(2023, 10, 28),
    )
    assert [(d.kind, d.date) for d in found] == [("strike", dt.date(2023, 10, 27))]
