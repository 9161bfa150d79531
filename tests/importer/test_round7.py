"""Round 7's reading rules, each on a made-up sentence."""

from __future__ import annotations

from tests.importer.made_up import drafts


def test_a_second_mention_of_the_same_strike_does_not_take_its_toll() -> None:
    (strike,) = drafts(
        "The U.S. military conducted a drone strike on Friday, killing four suspected fighters "
        'near Kirkuk in what the U.S. side described as a "self-defense" strike.',
        published="2024-03-05",
    )
    assert (strike.killed.min, strike.killed.max) == (4, 4)


def test_reprisal_strikes_are_the_us_answer() -> None:
    (early,) = drafts(
        "Au moins 12 des 30 attaques contre des cibles américaines ont eu lieu après que les "
        "États-Unis ont lancé des frappes de représailles contre un dépôt d'armes en Syrie le "
        "12 novembre.",
        language="fr",
    )
    assert early.kind == "strike"
    (later,) = drafts(
        "La moitié des attaques contre des bases américaines ont suivi les frappes de "
        "représailles lancées contre un dépôt d'armes en Syrie le 12 novembre.",
        language="fr",
    )
    assert later.kind == "strike"


def test_an_attack_given_only_its_month_beside_a_dated_one_is_background() -> None:
    (draft,) = drafts(
        "Two drones struck the Rumalyn landing zone in Syria on Monday, a US official said.",
        "In March, rockets had been fired at the Conoco base.",
    )
    assert draft.place.name_en.startswith("Rumalyn")


def test_last_week_recalls_an_event_and_starts_no_incident() -> None:
    (draft,) = drafts(
        "Drones struck the al-Harir base in Erbil on Monday, a US official said.",
        "Last week, rockets were fired at the Ain al-Asad air base.",
    )
    assert draft.place.name_en.startswith("Harir")
    (draft,) = drafts(
        "Des drones ont visé lundi la base d'al-Harir à Erbil, a indiqué un responsable américain.",
        "Les forces américaines avaient mené la semaine dernière des frappes dans l'est de la "
        "Syrie.",
        language="fr",
    )
    assert draft.kind == "attack"


def test_a_long_subject_before_a_passive_verb_keeps_its_count() -> None:
    from generator.importer.casualties import figures

    (killed,) = figures(
        "Quatre combattants des Forces démocratiques syriennes (FDS, alliées de Washington) "
        "postés près du champ pétrolier d'Al-Omar dans l'est du pays ont été tués."
    )
    assert (killed.what, killed.range.min, killed.range.max) == ("killed", 4, 4)


def test_a_later_statement_names_the_group_that_claims() -> None:
    (attack,) = drafts(
        "Un groupe armé soutenu par l'Iran a revendiqué une attaque contre une base américaine "
        "en Syrie.",
        "La Résistance islamique en Irak a diffusé un texte affirmant que le groupe avait visé "
        "lundi la base de Conoco avec des drones.",
        language="fr",
    )
    assert attack.claimed_by == ["islamic-resistance-in-iraq"]


def test_a_us_spokesman_who_stresses_or_speaks_for_the_ministry_confirms() -> None:
    (stressed,) = drafts(
        "Des drones ont visé mardi la base d'Ain al-Assad en Irak, a souligné un porte-parole "
        "du CENTCOM.",
        language="fr",
    )
    assert stressed.status == "confirmed"
    (ministry,) = drafts(
        "Selon un porte-parole du ministère de la Défense américain, des roquettes ont été "
        "tirées mardi contre la base aérienne d'Ain al-Assad en Irak.",
        language="fr",
    )
    assert ministry.status == "confirmed"


def test_a_direction_from_the_capital_named_in_apposition_is_a_region() -> None:
    from tests.importer.made_up import GAZ

    for text in (
        "deux dépôts au nord de la capitale Bagdad",
        "north of the Iraqi capital, Baghdad",
    ):
        (found,) = GAZ.places_in(text)
        assert found.what.name_en == "North of Baghdad", text


def test_no_other_deaths_or_injuries_is_none_injured_beside_the_toll() -> None:
    (strike,) = drafts(
        "A US drone strike in Baghdad killed two militia commanders on Thursday, US officials "
        "said.",
        "No other deaths or injuries were reported.",
    )
    assert (strike.killed.min, strike.killed.max) == (2, 2)
    assert (strike.injured.min, strike.injured.max) == (0, 0)


def test_how_many_asks_and_counts_nobody() -> None:
    from generator.importer.casualties import figures

    assert figures("Officials did not say how many soldiers were wounded in the attack.") == []
    (several,) = figures("Many soldiers were wounded in the attack.")
    assert several.range.min == 3


def test_a_drone_strike_in_quotation_marks_is_still_the_strike_s_drone() -> None:
    (strike,) = drafts(
        'Mardi, une frappe "de drone" a visé un dépôt du Hachd al-Chaabi dans l\'est de Bagdad, '
        "a indiqué un responsable américain.",
        language="fr",
    )
    assert strike.kind == "strike" and strike.weapons == ["drone"]


def test_the_weapon_of_an_attack_recalled_after_following_is_not_this_one_s() -> None:
    (attack,) = drafts(
        "A drone struck the Rumalyn landing zone in Syria on Friday, a US official said.",
        "It is the second attack on US forces this week, following a rocket attack on another "
        "base that wounded two soldiers.",
    )
    assert attack.weapons == ["drone"]


def test_the_weapons_of_a_daily_campaign_are_not_the_incident_s() -> None:
    (attack,) = drafts(
        "A drone hit the Erbil air base on Monday, US officials said.",
        "Washington blames Iran for the near-daily barrage of rocket and drone attacks on its "
        "troops in Iraq and Syria.",
    )
    assert attack.weapons == ["drone"]


def test_the_us_losses_of_an_attack_recalled_do_not_confirm_this_one() -> None:
    (attack,) = drafts(
        "A drone hit a base housing US troops in the al-Omar oil field on Sunday, the Syrian "
        "Democratic Forces said.",
        "The Islamic Resistance in Iraq, the group behind the drone strike that killed three US "
        "troops in Jordan, claimed the attack.",
    )
    assert attack.status != "confirmed"


def test_washington_as_who_struck_is_not_a_us_speaker() -> None:
    (attack,) = drafts(
        "Un drone a visé dimanche la base d'al-Omar en Syrie, selon l'Observatoire syrien des "
        "droits de l'homme.",
        "Son directeur a déclaré qu'il s'agissait de la première attaque depuis les frappes "
        "menées par Washington au cours du week-end.",
        language="fr",
    )
    assert attack.status == "reported"


def test_attacks_a_leader_was_involved_in_by_some_account_are_the_reason() -> None:
    (strike,) = drafts(
        "A militia commander, involved according to Washington in attacks against its troops, "
        "was killed Thursday in Iraq by an American strike, a US defense official said."
    )
    assert strike.kind == "strike"


def test_troops_targeted_almost_daily_is_a_campaign_not_an_incident() -> None:
    (strike,) = drafts(
        "A US drone strike killed a militia commander in Baghdad on Thursday, a US official said.",
        "US troops in Iraq and Syria have been targeted almost daily by drones and rockets since "
        "October.",
    )
    assert strike.kind == "strike"


def test_the_strikes_an_attack_followed_are_recalled_not_reported() -> None:
    (attack,) = drafts(
        "A drone was shot down near the Ain al-Asad air base on Friday, a US official said.",
        "The attempted attack followed US strikes on two depots in eastern Syria used by "
        "Iran-backed groups.",
    )
    assert attack.kind == "attack"


def test_the_bombing_of_a_base_is_the_attack_on_it() -> None:
    (attack,) = drafts(
        "Le Pentagone a confirmé mardi que deux soldats américains avaient été blessés lors du "
        "bombardement de la base aérienne d'Ain al-Asad.",
        language="fr",
    )
    assert attack.kind == "attack"


def test_a_drone_that_struck_a_base_is_an_attack_not_a_us_strike() -> None:
    (attack,) = drafts(
        'A US official said on Monday that "an attack drone launched against US forces struck '
        'the Conoco base in Syria."'
    )
    assert attack.kind == "attack"
    (strike,) = drafts("US drones struck a militia depot near al-Qaim on Monday, CENTCOM said.")
    assert strike.kind == "strike"


def test_strikes_on_a_list_of_days_are_one_incident_a_day() -> None:
    found = drafts(
        "US forces have carried out strikes on Iran-linked depots in Syria on Oct. 27, "
        "Nov. 9 and Nov. 13.",
        published="2023-12-05",
    )
    assert [(d.kind, d.date.isoformat()) for d in found] == [
        ("strike", "2023-10-27"),
        ("strike", "2023-11-09"),
        ("strike", "2023-11-13"),
    ]
    (attack,) = drafts(
        "The strikes answered attacks on US forces, including the one on the al-Asad base "
        "on Jan. 20, on Jan. 24.",
        published="2024-01-25",
    )
    assert attack.kind == "attack"


def test_iran_in_the_name_of_its_guards_is_not_the_place() -> None:
    _, strike = drafts(
        "Des frappes américaines ont visé mardi un dépôt près d'Albu Kamal.",
        "Les forces américaines ont mené mercredi 8 novembre des frappes de précision sur des "
        "installations utilisées par le Corps des Gardiens de la révolution islamique d'Iran, a "
        "affirmé le Pentagone.",
        language="fr",
        published="2023-11-09",
    )
    assert strike.date.isoformat() == "2023-11-08" and strike.place.in_scope


def test_strikes_told_after_the_attack_they_answer_are_split_by_country() -> None:
    found = drafts(
        "Le 2 février, les États-Unis ripostent à l'attaque de fin janvier en "
        "bombardant sept positions des milices pro-iraniennes en Irak et en Syrie.",
        language="fr",
    )
    assert sorted(d.place.country for d in found if d.kind == "strike") == ["IQ", "SY"]


def test_several_attacks_on_one_base_in_one_day_are_one_incident() -> None:
    (attack,) = drafts(
        "La Résistance islamique en Irak a affirmé que ses combattants avaient mené deux "
        "attaques à quelques heures d'intervalle mardi contre la base d'Ain al-Asad.",
        language="fr",
    )
    assert attack.place.name_en == "Ain al-Asad Air Base"


def test_two_attacks_one_here_the_other_there_are_two_incidents() -> None:
    found = drafts(
        "Le groupe a revendiqué mardi deux attaques contre des bases américaines en Syrie, "
        "l'une contre la base de Conoco et l'autre contre la base d'al-Tanf.",
        language="fr",
    )
    assert sorted(d.place.name_en for d in found) == [
        "Al-Tanf Garrison",
        "Mission Support Site Conoco",
    ]


def test_an_attack_on_two_bases_joined_by_and_is_one_on_each() -> None:
    found = drafts(
        "On Wednesday, drones targeted the al-Harir air base and al-Asad base, US officials said."
    )
    assert sorted(d.place.name_en for d in found) == ["Ain al-Asad Air Base", "Harir Air Base"]


def test_missiles_dropped_on_a_base_and_explosions_inside_it_are_attacks() -> None:
    (dropped,) = drafts(
        "Selon une agence de presse, quatre missiles auraient été largués sur une base "
        "américaine du champ pétrolier d'Al-Omar, en Syrie, le 20 octobre.",
        language="fr",
    )
    assert dropped.kind == "attack"
    (heard,) = drafts(
        "Des habitants ont entendu le 20 octobre des explosions à l'intérieur de la base "
        "américaine de Conoco, en Syrie.",
        language="fr",
    )
    assert heard.kind == "attack"


def test_an_attack_on_a_base_and_a_town_joined_by_et_is_one_on_each() -> None:
    found = drafts(
        "Le 23 octobre, le groupe a revendiqué avoir lancé ses drones contre les forces "
        "américaines à Al-Tanf et Al-Malikiyah, en Syrie.",
        language="fr",
        published="2023-10-24",
    )
    assert len(found) == 2 and all(d.kind == "attack" for d in found)


def test_the_count_nearest_the_verb_is_its_subject() -> None:
    from generator.importer.casualties import figures

    (killed,) = figures("Several US officials said on Monday that two soldiers were killed.")
    assert (killed.what, killed.range.min, killed.range.max) == ("killed", 2, 2)


def test_a_toll_over_many_attacks_is_not_the_incident_s() -> None:
    found = drafts(
        "Drones hit the al-Tanf garrison on Monday, a US official said.",
        "According to the Pentagon, attacks in recent weeks have injured 40 US troops.",
    )
    assert all(not d.injured.known for d in found)
