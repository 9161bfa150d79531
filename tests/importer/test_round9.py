"""Round 9's reading rules, each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article, Block
from generator.importer.extract import extract
from generator.importer.published import from_line
from tests.importer.made_up import GAZ, TODAY, drafts


def test_the_day_of_a_ceremony_is_not_the_day_of_the_attack_it_recalls() -> None:
    found = drafts(
        "La cérémonie de transfert des restes de deux soldats américains tués dans l'attaque "
        "de drone sur une base en Jordanie, à Dover, le 4 mars 2024.",
        language="fr",
    )
    assert all(d.date.isoformat() != "2024-03-04" for d in found)
    english = drafts(
        "The dignified transfer of two soldiers killed in the drone attack on a base in Jordan, "
        "at Dover on March 4, 2024."
    )
    assert all(d.date.isoformat() != "2024-03-04" for d in english)


def test_where_part_of_the_toll_fell_is_not_the_place_of_the_strikes() -> None:
    (french,) = drafts(
        "Au moins 12 combattants ont été tués lundi par des frappes américaines sur l'est de "
        "la Syrie, dont quatre à Deir Ezzor, a indiqué l'OSDH.",
        language="fr",
    )
    assert french.place.slug == "eastern-syria"
    (english,) = drafts(
        "At least 12 fighters were killed on Monday in US strikes in eastern Syria, including "
        "four in Deir ez-Zor, the Observatory said."
    )
    assert english.place.slug == "eastern-syria"


def test_strikes_in_iraq_and_syria_after_those_in_syria_give_the_iraqi_one_too() -> None:
    found = drafts(
        "Au moins 12 combattants ont été tués lundi par des frappes américaines sur l'est de "
        "la Syrie, a indiqué l'OSDH.",
        'Le Centcom a confirmé avoir mené "des frappes aériennes en Irak et en Syrie".',
        language="fr",
    )
    assert sorted(d.place.country for d in found) == ["IQ", "SY"]
    (iraq,) = [d for d in found if d.place.country == "IQ"]
    assert iraq.kind == "strike"
    assert "date" in iraq.review  # dated by the strikes told just before, not by itself
    assert iraq.killed.min is None  # the toll is Syria's


def test_strikes_in_two_countries_recalled_are_no_new_incident() -> None:
    found = drafts(
        "A US drone strike killed a commander in Baghdad on Monday.",
        "It follows a series of US airstrikes in Iraq and Syria over the past weekend.",
    )
    assert [d.place.country for d in found] == ["IQ"]


def test_a_header_date_before_the_war_is_not_the_publication() -> None:
    paragraphs = [
        "US forces have been attacked 30 times since the Gaza war began, the Pentagon said.",
        "The US military on Sunday conducted strikes on two targets in eastern Syria.",
    ]
    article = Article([Block(p) for p in paragraphs], "\n".join(paragraphs), "text")
    article.set_published(from_line("DECEMBER 9, 2022", TODAY))  # the site's header
    assert article.published is not None
    extraction = extract(article, GAZ, TODAY)
    (strike,) = extraction.incidents
    assert strike.date >= dt.date(2023, 10, 7)
    assert "date" in strike.review
    assert any("2022-12-09" in note for note in extraction.notes)
