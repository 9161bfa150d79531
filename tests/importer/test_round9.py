"""Round 9's reading rules, each on a made-up sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.importer.extract import extract
from generator.importer.html import parse_html
from generator.importer.published import from_line
from generator.importer.reader import read_article
from generator.model import Range
from tests.importer.made_up import GAZ, TODAY, drafts, extraction

FIXTURES = Path(__file__).parent / "fixtures"


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
    header = from_line("DECEMBER 9, 2022", TODAY)  # the site's header
    assert header is not None
    read = extraction(
        "US forces have been attacked 30 times since the Gaza war began, the Pentagon said.",
        "The US military on Sunday conducted strikes on two targets in eastern Syria.",
        published=header,
    )
    (strike,) = read.incidents
    assert strike.date >= dt.date(2023, 10, 7)
    assert "date" in strike.review
    assert any("2022-12-09" in note for note in read.notes)


def test_two_days_leading_a_sentence_are_an_attack_each_day() -> None:
    found = drafts(
        "A drone struck the Harir air base in northern Iraq on November 3.",
        "Officials said the damage was limited.",
        "The base had been hit before.",
        "Nobody has claimed the attacks.",
        "On November 9 and 11, the base was also attacked by a drone.",
    )
    assert [(d.date.isoformat(), d.place.slug) for d in found] == [
        ("2023-11-03", "al-harir"),
        ("2023-11-09", "al-harir"),  # "the base": the one base the article names
        ("2023-11-11", "al-harir"),
    ]
    french = drafts(
        "Les 9 et 11 novembre, la base d'Aïn al-Assad a été visée par un drone.", language="fr"
    )
    assert [d.date.isoformat() for d in french] == ["2023-11-09", "2023-11-11"]


def test_the_base_as_the_subject_hit_is_the_base_named_before() -> None:
    found = drafts(
        "Une attaque de drone a visé la base d'Aïn al-Assad le 3 novembre.",
        "Le 9 novembre, la base a été de nouveau visée par un drone.",
        language="fr",
    )
    assert [d.place.slug for d in found] == ["ain-al-asad", "ain-al-asad"]


def test_a_drone_that_a_frappe_a_base_is_an_attack() -> None:
    (attack,) = drafts("Un drone a frappé la base d'Aïn al-Assad le 3 novembre.", language="fr")
    assert (attack.kind, attack.place.slug) == ("attack", "ain-al-asad")
    (strike,) = drafts(
        "Les États-Unis ont frappé lundi des positions des Brigades du Hezbollah en Irak.",
        language="fr",
    )
    assert strike.kind == "strike"


def test_a_second_strike_is_one_more_of_the_strikes_just_told() -> None:
    found = drafts(
        "Une frappe américaine a visé mardi un site à Hilla.",
        "Quatre personnes ont été blessées dans une deuxième frappe à Wassit, dans le sud du pays.",
        language="fr",
    )
    assert [(d.kind, d.place.slug) for d in found] == [("strike", "hillah"), ("strike", "wasit")]
    (wasit,) = [d for d in found if d.place.slug == "wasit"]
    assert (wasit.injured.min, wasit.injured.max) == (4, 4)
    assert (wasit.claimed_by, wasit.status) == (["united-states"], "confirmed")  # Hilla's
    assert drafts("Quatre personnes ont été blessées dans une deuxième frappe à Wassit.") == []


def test_a_drone_that_coute_la_vie_to_us_soldiers_in_the_jordanian_desert() -> None:
    (attack,) = drafts(
        "La frappe de drone survenue le 28 janvier qui a coûté la vie à trois militaires "
        "américains dans le désert jordanien est une des raisons de cette réplique.",
        language="fr",
    )
    assert (attack.kind, attack.place.country) == ("attack", "JO")
    assert (attack.killed.min, attack.killed.max) == (3, 3)
    (strike,) = drafts(
        "Le 30 juillet, une frappe américaine a coûté la vie à quatre combattants près de Hilla.",
        language="fr",
    )
    assert (strike.kind, strike.killed.min, strike.killed.max) == ("strike", 4, 4)


def test_a_drone_they_were_preparing_to_launch_is_no_attack() -> None:
    found = drafts(
        "The U.S. conducted a drone strike near Kirkuk on Dec. 3.",
        "Five militants were killed and the drone they were preparing to launch at U.S. "
        "forces was destroyed, the Pentagon said.",
    )
    assert [d.kind for d in found] == ["strike"]
    assert (found[0].killed.min, found[0].killed.max) == (5, 5)


def test_a_base_named_to_say_where_another_is_is_not_hit() -> None:
    (attack,) = drafts(
        'On Sunday, the Resistance said that "the US Harir base near Erbil airport was '
        'attacked with a drone."'
    )
    assert attack.place.slug == "al-harir"


def test_a_byline_that_ends_with_its_date_dates_the_article() -> None:
    page = (
        b"<html><head><title>Rockets</title>"
        b'<link rel="canonical" href="https://blog.example.org/2024/04/rockets.html"></head>'
        b"<body><article><h1>Five rockets fired at a US base</h1>"
        b'<p class="byline">By Jane Doe<br>Daily Mail<br>Apr 21, 2024</p>'
        b"<p>At least five rockets were launched towards a U.S. military base in Syria on "
        b"Sunday, two Iraqi security sources said.</p>"
        b"<p>The attack against U.S. forces is the first since early February, when the "
        b"Iran-backed groups in Iraq stopped their attacks against U.S. troops.</p>"
        b"<p>A rocket launcher fixed on the back of a small truck had been parked in the "
        b"border town, a senior army officer said.</p></article></body></html>"
    )
    article = parse_html(page)
    assert article.published == dt.date(2024, 4, 21)  # not only the address's month
    assert from_line("Par Jean Dupont AFP 3 février 2024", TODAY) is not None
    assert from_line("By Jane Doe, staff writer", TODAY) is None


def test_a_strike_nobody_can_confirm_is_no_incident() -> None:
    found = drafts(
        "At least five rockets were launched towards a U.S. military base in northeastern "
        "Syria on Sunday, two Iraqi security sources said.",
        "'We can't confirm that the truck was bombed by U.S. warplanes unless we investigate "
        "it,' said a military official on condition of anonymity because of the sensitivity "
        "of the incident.",
    )
    assert [d.kind for d in found] == ["attack"]
    assert found[0].status != "disputed"  # the doubt is about the strike, not the rockets


def test_a_strike_recalled_a_week_before_is_no_incident_and_gives_no_toll() -> None:
    found = drafts(
        "The attack on Monday night targeted the Ain al-Asad airbase, injuring at least 5 U.S. "
        "personnel.",
        "It comes just a week after U.S. forces carried out an airstrike against pro-Iranian "
        "fighters, killing at least 4 people.",
    )
    assert [d.kind for d in found] == ["attack"]
    assert found[0].killed.min is None  # the 4 are the strike's


def test_a_weekday_tells_which_of_day_and_month_comes_first() -> None:
    (strike,) = drafts(
        "Two US F-15s struck a weapons storage building in eastern Syria on Wednesday "
        "(11/8/23), the Pentagon said."
    )
    assert strike.date == dt.date(2023, 11, 8)  # 11 August 2023 was a Friday
    (french,) = drafts(
        "Des F-15 américains ont frappé un entrepôt d'armes dans l'est de la Syrie mercredi "
        "8/11/2023.",
        language="fr",
    )
    assert french.date == dt.date(2023, 11, 8)


def test_the_airstrikes_that_have_occurred_are_no_new_incident() -> None:
    found = drafts(
        "US F-15s struck a weapons storage building in eastern Syria on Nov. 8, the Pentagon said.",
        "The facility is thought to have housed weapons used in many of the airstrikes that "
        "have occurred against the US military in the region, an official said Wednesday.",
    )
    assert [d.kind for d in found] == ["strike"]


def test_the_day_of_a_quoted_post_dates_an_article_that_has_none() -> None:
    read = extraction(
        "On Sunday, at least five rockets were launched from Iraq at a U.S. military base in "
        "northeastern Syria.",
        "At least five rockets were launched towards a #US base, two sources told #Reuters. "
        "pic.twitter.com/abc — World News (@worldnews) April 21, 2024",
    )
    (attack,) = read.incidents
    assert attack.date == dt.date(2024, 4, 21)
    assert "date" in attack.review  # the article itself may be later than the post
    assert any("post" in note for note in read.notes)


def test_two_other_militiamen_are_two_more_than_those_told() -> None:
    (strike,) = drafts(
        "A Thursday drone strike in Baghdad killed two commanders of an Iraqi militia.",
        "Accounts linked to the militia said that two other militiamen were killed in the "
        "drone strike.",
    )
    assert (strike.killed.min, strike.killed.max) == (4, 4)
    (total,) = drafts(
        "At least four militia fighters were killed in a drone strike in Baghdad on Thursday.",
        "Rockets hit a vehicle, killing a commander and one of his aides. Two other members "
        "of the group were killed in the strike.",
    )
    assert total.killed.min == 4  # the first figure was the total


def test_us_troops_in_the_next_clause_are_not_the_drone_strikes_target() -> None:
    (strike,) = drafts(
        "The U.S. conducted a drone strike in Iraq on Dec. 3, as the American troops there "
        "continue to be targeted by Iranian-backed militants, U.S. officials said."
    )
    assert (strike.kind, strike.weapons) == ("strike", ["drone"])


def test_a_day_weeks_after_a_date_line_keeps_its_year_flagged() -> None:
    read = extraction(
        "28 January 2024",
        "A drone attack on Tower 22 in Jordan killed three U.S. soldiers.",
        "The U.S. began retaliatory strikes on 2 February, hitting sites in Iraq and Syria.",
        published=from_line("28 January 2024", TODAY),  # read from the text
    )
    strikes = [d for d in read.incidents if d.kind == "strike"]
    assert {d.date for d in strikes} == {dt.date(2024, 2, 2)}  # not 2023
    assert all("date" in d.review for d in strikes)


def test_both_bases_speaks_of_the_two_attacks_just_told() -> None:
    # "The first attack targeted ... al-Tanf garrison ..., while the second attack hit the
    # Green Village base", then "The Syrian Observatory ... confirmed that both bases were hit"
    article = read_article(FIXTURES / "fresh" / "g" / "g07_en_southfront_omar.txt")
    attacks = [d for d in extract(article, GAZ, TODAY).incidents if d.kind == "attack"]
    assert sorted(d.place.slug for d in attacks) == ["al-tanf", "green-village"]
    assert {d.status for d in attacks} == {"reported"}  # not only the group's claim


def test_no_casualties_in_attacks_counted_on_a_day_is_none_in_each() -> None:
    found = drafts(
        "U.S. forces in Iraq and Syria were attacked four times on November 23 with missiles "
        "and drones, but there were no casualties or damage to infrastructure.",
        "In Iraq, several drones were launched at the Ain al-Asad air base, and a drone was "
        "launched at the Harir base.",
    )
    hurt = {d.place.slug: (d.killed, d.injured) for d in found}
    assert hurt["ain-al-asad"] == (Range(0, 0), Range(0, 0))
    assert hurt["al-harir"] == (Range(0, 0), Range(0, 0))
