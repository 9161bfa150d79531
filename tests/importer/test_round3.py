"""Round 3's reading rules, each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import GAZ, drafts


def test_a_month_only_publication_never_shows_a_day_of_the_month_before() -> None:
    for text in (
        "Un drone a visé dimanche la base d'Ain al-Asad, selon un responsable américain.",
        "Un drone a visé la base d'Ain al-Asad, selon un responsable américain.",
    ):
        (draft,) = drafts(text, published="2024-03", language="fr")
        assert draft.date.month == 3 and "date" in draft.review
        assert draft.date_window is not None
        assert draft.date_window[0] <= dt.date(2024, 2, 25)  # the days before stay possible


def test_the_day_a_war_began_is_background_not_an_incident() -> None:
    for text in (
        "The strike was the first on the capital's airport confirmed since the outbreak of "
        "the Israel-Hamas war on Oct. 7, triggered by a raid from Gaza.",
        "The attack was the first on the consulate in Erbil since the beginning of the "
        "Israel-Hamas war on Oct. 7.",
        "C'est la première attaque contre le consulat à Erbil depuis la guerre entre Israël "
        "et le Hamas le 7 octobre.",
    ):
        found = drafts(
            "Rockets struck the Ain al-Asad air base on Tuesday, US officials said.", text
        )
        assert dt.date(2023, 10, 7) not in [d.date for d in found]


def test_a_toll_of_strikes_in_two_countries_is_not_one_incident_s_toll() -> None:
    for text, language in (
        (
            "Des frappes américaines ont visé vendredi des entrepôts en Irak et en Syrie, qui "
            "ont fait au moins 30 morts, selon une ONG.",
            "fr",
        ),
        (
            "Washington a mené vendredi des frappes de représailles contre des groupes armés en "
            "Syrie et en Irak, qui ont fait au moins 30 morts.",
            "fr",
        ),
        (
            "The US military carried out airstrikes on Friday in Iraq and Syria, killing at "
            "least 30 people, a monitor said.",
            "en",
        ),
    ):
        found = drafts(text, language=language)
        assert found and all(d.killed.min is None for d in found)


def test_a_named_group_is_the_claimant_not_the_generic_label_describing_it() -> None:
    for text, language in (
        (
            "A drone struck the al-Tanf garrison on Monday. Kataib Hezbollah, one of the "
            "pro-Iran groups active in the region, claimed responsibility for the attack.",
            "en",
        ),
        (
            "Dans un message relayé par des milices pro-iraniennes, les Brigades du Hezbollah "
            "ont revendiqué lundi une attaque de drone contre la garnison d'al-Tanf.",
            "fr",
        ),
    ):
        (draft,) = drafts(text, language=language)
        assert draft.claimed_by == ["kataib-hezbollah"]


def test_a_loose_actor_name_does_not_swallow_the_next_one() -> None:
    found = GAZ.actors_in(
        "Sur des chaînes proches des factions armées pro-Iran, la Résistance islamique en "
        "Irak a revendiqué l'attaque."
    )
    assert [f.what for f in found] == ["pro-iran-iraqi-factions", "islamic-resistance-in-iraq"]


def test_rough_counts_in_dozens_and_tens() -> None:
    from generator.importer.casualties import figures

    def injured(text: str) -> tuple[int | None, int | None]:
        (figure,) = figures(text)
        return figure.range.min, figure.range.max

    assert injured("Une quarantaine de soldats ont été blessés.") == (40, None)
    assert injured("Au moins deux douzaines de soldats ont été blessés.") == (24, None)
    assert injured("Two dozen guards were wounded.") == (24, 24)
    assert injured("At least two dozen guards were wounded.") == (24, None)
    assert injured("Around two dozen guards were wounded.") == (None, None)


def test_an_uncertain_day_inside_another_s_window_is_one_incident() -> None:
    found = drafts(
        "Deux soldats américains ont été tués dans la nuit lors d'une attaque de drone contre "
        "un avant-poste américain en Jordanie.",
        "L'attaque de dimanche contre la tour 22 a aussi blessé trente militaires.",
        published="2024-03",
        language="fr",
    )
    assert [d.place.base for d in found] == ["tower-22"]


def test_two_weekdays_stay_two_incidents_inside_one_window() -> None:
    found = drafts(
        "Des frappes américaines ont tué mercredi trois combattants près de Jurf al-Sakhr.",
        "Mardi, une frappe américaine avait visé un véhicule près d'Abou Ghraib.",
        published="2024-03",
        language="fr",
    )
    assert len([d for d in found if d.kind == "strike"]) == 2


def test_strikes_in_two_countries_are_one_incident_in_each() -> None:
    for text, language in (
        (
            "Les États-Unis ont mené vendredi des frappes aériennes en Irak et en Syrie contre "
            "des groupes pro-iraniens.",
            "fr",
        ),
        ("The US military carried out airstrikes on Friday in Iraq and Syria.", "en"),
    ):
        found = drafts(text, language=language)
        assert sorted(d.place.country for d in found) == ["IQ", "SY"]
    (one,) = drafts(
        "The United States carried out an air strike in Syria on Sunday, in response to "
        "attacks against American forces in Syria and Iraq."
    )
    assert one.place.country == "SY"


def test_attaque_after_an_auxiliary_is_a_verb_not_counted_attacks() -> None:
    (draft,) = drafts(
        "Le groupe a affirmé jeudi que ses combattants avaient attaqué les miradors de la "
        "base d'al-Tanf avec des mitrailleuses.",
        language="fr",
    )
    assert draft.kind == "attack" and draft.place.base == "al-tanf"


def test_the_attack_recalled_after_strikes_does_not_take_their_day() -> None:
    found = drafts(
        "Un drone a visé dimanche une base américaine dans l'est de la Syrie, tuant deux "
        "combattants kurdes.",
        "L'attaque, revendiquée par la Résistance islamique en Irak, suit les frappes menées "
        "par les États-Unis dans la nuit de vendredi à samedi en Irak.",
        "Selon une ONG, l'attaque a visé un secteur de la base située sur le champ pétrolier "
        "d'al-Omar.",
        language="fr",
    )
    (attack,) = [d for d in found if d.kind == "attack"]
    assert attack.place.base == "green-village"


def test_one_us_serviceman_speaking_confirms() -> None:
    (draft,) = drafts(
        "Un militaire américain a indiqué que des roquettes avaient été tirées mardi contre "
        "la base d'al-Tanf.",
        "La Résistance islamique en Irak a revendiqué l'attaque.",
        language="fr",
    )
    assert draft.status == "confirmed"


def test_since_mid_month_is_a_range_not_an_incident_s_date() -> None:
    found = drafts(
        "Des roquettes ont été tirées mardi contre la base d'al-Tanf, selon un responsable "
        "américain.",
        "L'attaque a été revendiquée par la Résistance islamique en Irak, qui a mené des "
        "dizaines de frappes contre la coalition depuis la mi-octobre.",
        language="fr",
    )
    assert [d.date for d in found] == [dt.date(2024, 3, 5)]


def test_us_warplanes_are_the_agent_and_three_occasions_are_many_events() -> None:
    (strike,) = drafts("US warplanes struck a weapons depot near Albu Kamal on Friday.")
    assert strike.kind == "strike" and strike.claimed_by == ["united-states"]
    assert not drafts("US warplanes have bombed Syria on three occasions since October.")


def test_a_strike_on_militia_members_needs_no_named_agent() -> None:
    for text, language in (
        ("An air strike killed three members of Kataib Hezbollah near al-Qaim on Friday.", "en"),
        (
            "Une frappe a tué vendredi trois membres des Brigades du Hezbollah près d'al-Qaïm.",
            "fr",
        ),
    ):
        (strike,) = drafts(text, language=language)
        assert strike.kind == "strike" and strike.claimed_by == []
        assert strike.killed.min == 3
    assert not [
        d
        for d in drafts(
            "La riposte des groupes pro-iraniens contre les soldats américains ne s'est pas "
            "fait attendre.",
            language="fr",
        )
        if d.kind == "strike"
    ]


def test_a_site_struck_among_others_does_not_narrow_the_operation() -> None:
    (strike,) = drafts(
        "Des frappes aériennes américaines ont visé vendredi des positions de groupes armés "
        "dans l'ouest de l'Irak, notamment dans le secteur d'Al-Qaïm.",
        language="fr",
    )
    assert strike.place.level == 2 and strike.place.country == "IQ"


def test_the_use_of_a_weapon_against_a_base_is_an_attack() -> None:
    (attack,) = drafts(
        "Those incidents include the first use of a cruise missile against the al-Tanf "
        "garrison on Tuesday."
    )
    assert attack.kind == "attack" and attack.place.base == "al-tanf"
    assert attack.date == dt.date(2024, 3, 5)


def test_indefinite_plural_events_over_a_span_are_background() -> None:
    (attack,) = drafts(
        "Three rockets struck the al-Tanf garrison on Tuesday, a US official said.",
        "Since mid-January, there have been several rocket or drone assaults by militias "
        "against American forces elsewhere in Syria.",
    )
    assert attack.weapons == ["rocket"]


def test_came_under_attack_and_attacked_many_times() -> None:
    (attack,) = drafts(
        "A US base near al-Shaddadi came under a rocket attack on Tuesday, local sources said."
    )
    assert attack.kind == "attack" and attack.date == dt.date(2024, 3, 5)
    assert attack.place.base == "al-shaddadi"
    assert not drafts("US forces have come under attack at least 150 times in Iraq and Syria.")
    assert not drafts("US bases in Syria, including al-Shaddadi, have been targeted many times.")


def test_a_night_across_two_days_is_dated_by_its_first() -> None:
    from generator.importer.dates import find_dates

    for text, weekday, days in (
        ("Des frappes ont visé dans la nuit de lundi à mardi un dépôt.", 0, ()),
        ("Les frappes menées dans la nuit du 9 au 10 mars ont visé un dépôt.", None, (9,)),
        ("Jets struck a depot overnight Monday into Tuesday.", 0, ()),
    ):
        (mention,) = find_dates(text)
        assert (mention.weekday, mention.days) == (weekday, days)
    (strike,) = drafts(
        "Des avions américains ont frappé dans la nuit de lundi à mardi un dépôt près d'Albou "
        "Kamal.",
        language="fr",
    )
    assert strike.date == dt.date(2024, 3, 4)


def test_the_attack_as_subject_of_the_verb_is_the_one_told() -> None:
    found = drafts(
        "Cinq combattants kurdes ont été tués dans une attaque de drone qui a visé une base "
        "américaine dans l'est de la Syrie, a indiqué hier une ONG.",
        "L'attaque, revendiquée par la Résistance islamique en Irak, intervient après les "
        "frappes des États-Unis dans la nuit de vendredi à samedi contre des groupes armés en "
        "Syrie et en Irak.",
        "Selon cette ONG, l'attaque a visé une section où sont stationnées des forces "
        "spéciales sur cette base.",
        "La Résistance islamique en Irak a revendiqué l'attaque menée dimanche 3 mars contre "
        "la base d'al-Omar.",
        published="2024-03",
        language="fr",
    )
    assert [(d.date, d.place.base) for d in found if d.kind == "attack"] == [
        (dt.date(2024, 3, 3), "green-village")
    ]


def test_the_one_base_named_just_after_an_attack_is_its_place() -> None:
    found = drafts(
        "Des soldats américains ont été légèrement blessés mardi dans une attaque de drone en "
        "Syrie, selon un responsable.",
        "Plusieurs militaires ont été évacués de la base d'al-Shaddadi vers un hôpital.",
        language="fr",
    )
    assert [d.place.base for d in found] == ["al-shaddadi"]


def test_a_small_number_is_several() -> None:
    from generator.importer.casualties import figures

    for text in (
        "The drone exploded, injuring a small number of troops.",
        "Un petit nombre de soldats ont été blessés.",
        "A handful of soldiers were wounded.",
    ):
        (figure,) = figures(text)
        assert (figure.what, figure.range.min, figure.range.max) == ("injured", 2, None)


def test_a_group_telling_its_fighters_attacked_claims_it() -> None:
    found = drafts(
        "Le groupe, qui se fait appeler la Résistance islamique en Irak, une coalition de "
        "milices soutenues par l'Iran, a affirmé jeudi que ses combattants avaient attaqué la "
        "base d'al-Tanf.",
        "Dans un communiqué distinct, le groupe armé a affirmé avoir tiré des roquettes sur la "
        "base de Conoco.",
        language="fr",
    )
    assert sorted((d.place.base or "", tuple(d.claimed_by)) for d in found) == [
        ("al-tanf", ("islamic-resistance-in-iraq",)),
        ("conoco", ("islamic-resistance-in-iraq",)),
    ]


def test_attackers_are_counted_as_victims() -> None:
    from generator.importer.casualties import figures

    for text in ("L'un des assaillants a été tué.", "Two gunmen were killed in the clash."):
        (figure,) = figures(text)
        assert figure.what == "killed" and figure.range.min == figure.range.max


def test_troops_who_died_in_an_attack_were_its_target() -> None:
    for text, language in (
        (
            "Le dimanche 3 mars, deux militaires américains ont trouvé la mort dans une attaque "
            "de drone en Jordanie.",
            "fr",
        ),
        ("On Sunday, two American soldiers died in a drone attack in Jordan.", "en"),
    ):
        (attack,) = drafts(text, language=language)
        assert attack.kind == "attack" and attack.place.country == "JO"


def test_an_attack_told_right_after_a_recalled_one_is_the_same_recalled_event() -> None:
    found = drafts(
        "Les États-Unis ont frappé vendredi 1er mars des dépôts d'armes en Irak.",
        "Ces frappes répondent à l'attaque menée contre leurs troupes la semaine dernière.",
        "En effet, une attaque de drone en Jordanie a tué deux soldats américains.",
        language="fr",
    )
    assert [d.kind for d in found] == ["strike"]
