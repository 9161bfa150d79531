"""Issue 16, rules worked out on sets A and C after C's first pass (never on set F): an
attack named as a reason is no incident, an air raid's ordnance on a militia base is the
strike, US aircraft "targeting" a militia camp strike it, a passive strike's agent after the
verb, Gaza's toll is not an attack's casualties, "une vingtaine de blessés" is 20 or more."""

from __future__ import annotations

import datetime as dt

from generator.importer.article import Article, Block
from generator.importer.casualties import Range, figures
from generator.importer.extract import DraftIncident, extract
from generator.importer.gazetteer import Gazetteer

GAZ = Gazetteer.load()


def drafts(*paragraphs: str, published: dt.date) -> list[DraftIncident]:
    text = "\n".join(paragraphs)
    article = Article([Block(p) for p in paragraphs], text, "text", published=published)
    return extract(article, GAZ, dt.date(2026, 1, 1)).incidents


def test_an_attack_blamed_on_the_target_is_no_attack() -> None:
    found = drafts(
        "The U.S. military has carried out a strike in Baghdad against an Iraqi militia leader "
        "it blames for attacks against U.S. forces in the country, killing him, a U.S. "
        "official said Thursday.",
        published=dt.date(2024, 1, 4),
    )
    assert [d.kind for d in found] == ["strike"]


def test_attacks_a_strike_answers_are_no_attack() -> None:
    found = drafts(
        "« Les forces armées américaines ont conduit des frappes de précision aujourd'hui sur "
        "des installations dans l'est de la Syrie utilisées par le Corps des Gardiens de la "
        "révolution islamique d'Iran, en réponse aux attaques continues contre le personnel "
        "américain en Irak et en Syrie », a déclaré Lloyd Austin.",
        published=dt.date(2023, 11, 12),
    )
    assert [d.kind for d in found] == ["strike"]


def test_missiles_of_an_air_raid_on_the_militia_base_are_the_strike() -> None:
    found = drafts(
        "L'armée américaine a mené mardi soir une frappe au sud de Bagdad, selon un "
        "responsable américain.",
        "Selon lui, les explosions ont été causées par un « raid aérien : quatre ou cinq "
        "missiles ont touché la base », située dans la province de Babylone.",
        published=dt.date(2024, 7, 30),
    )
    assert [d.kind for d in found] == ["strike"]


def test_us_aircraft_targeting_a_militia_camp_strike_it() -> None:
    found = drafts(
        "Des avions américains ont pris pour cible un camp d'entraînement de milices "
        "pro-iraniennes près de la ville de Mayadeen, jeudi 26 octobre.",
        published=dt.date(2023, 10, 27),
    )
    assert [d.kind for d in found] == ["strike"]
    assert found[0].claimed_by == ["united-states"]


def test_a_passive_strike_with_its_agent_after_the_verb_keeps_its_printed_date() -> None:
    (strike,) = drafts(
        "Des frappes ont été lancées par les États-Unis ce dimanche 12 novembre 2023 contre "
        "deux sites liés à l'Iran en Syrie.",
        published=dt.date(2023, 11, 13),
    )
    assert strike.kind == "strike"
    assert strike.date == dt.date(2023, 11, 12)


def test_the_toll_of_the_war_in_gaza_is_not_the_attacks() -> None:
    (attack,) = drafts(
        "La Résistance islamique en Irak a revendiqué mercredi 6 décembre l'attaque contre la "
        "base aérienne d'Aïn al-Assad.",
        "Le groupe a indiqué que la frappe de drone répond au soutien américain à la guerre "
        "menée par Israël contre les Palestiniens dans la bande de Gaza, qui a tué au moins "
        "16 248 personnes. 43 616 autres personnes ont été blessées.",
        published=dt.date(2023, 12, 6),
    )
    assert attack.place.base == "ain-al-asad"
    assert not attack.killed.known
    assert attack.injured.min is None or attack.injured.min < 100


def test_about_twenty_injured_is_twenty_or_more() -> None:
    (found,) = figures("qui a aussi fait état d'une vingtaine de blessés")
    assert (found.what, found.range) == ("injured", Range(20, None))
    (found,) = figures("et une vingtaine d'autres ont été blessés")
    assert (found.what, found.range) == ("injured", Range(20, None))


def test_an_attack_recalled_as_last_month_starts_no_incident() -> None:
    found = drafts(
        "L'armée américaine a déclaré mercredi 7 février qu'un commandant du Kataib Hezbollah "
        "a été tué dans une frappe américaine menée à Bagdad.",
        "Trois soldats américains ont été tués le mois dernier dans une attaque au drone près "
        "de la frontière entre la Jordanie et la Syrie.",
        published=dt.date(2024, 2, 7),
    )
    assert [d.kind for d in found] == ["strike"]


def test_two_strikes_on_one_day_are_one_operation() -> None:
    found = drafts(
        "The United States carried out two air strikes in Syria against Iranian targets on "
        "Sunday, as a response to a series of attacks against American forces.",
        "Since the Hamas terror attack on Israel, Iranian proxy groups began targeting US "
        "bases in the region.",
        published=dt.date(2023, 11, 12),
    )
    assert [(d.kind, d.date, d.place.country) for d in found] == [
        ("strike", dt.date(2023, 11, 12), "SY")
    ]


def test_the_day_an_attack_is_announced_is_not_its_day() -> None:
    (attack,) = drafts(
        "Sept combattants des Forces démocratiques syriennes ont été tués dans une attaque de "
        "drone menée dimanche contre une base américaine dans l'est de la Syrie, annonce ce "
        "lundi 5 février l'Observatoire syrien des droits de l'homme.",
        published=dt.date(2024, 2, 5),
    )
    assert attack.date == dt.date(2024, 2, 4)
