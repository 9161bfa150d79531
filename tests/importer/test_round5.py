"""Round 5's reading rules, each on a made-up sentence.

Where the labelled sets disagree, "no injuries" still drafts nobody killed either (E and G
leave the dead unknown; A and tests/importer/labels do not). The two status conventions
round 5 kept are round 6's (tests/importer/test_round6.py).
"""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import drafts


def test_the_base_is_the_one_named_just_before() -> None:
    found = drafts(
        "US forces shot down a drone on Monday near the al-Tanf garrison, a US official said.",
        "A group calling itself the Islamic Resistance in Iraq, which has claimed many attacks "
        "in Iraq and Syria, said it carried out a drone attack targeting the base.",
    )
    (draft,) = found
    assert draft.place.base == "al-tanf"
    assert draft.claimed_by == ["islamic-resistance-in-iraq"]


def test_the_base_far_back_is_not_the_one_meant() -> None:
    (tanf, syria) = sorted(
        drafts(
            "Drones hit the al-Tanf garrison on Monday, a US official said.",
            "The official gave no further details.",
            "Iran denies any role.",
            "Washington has 900 troops in the country.",
            "On Tuesday rockets were fired at the base in eastern Syria, local sources said.",
        ),
        key=lambda d: d.date,
    )
    assert tanf.place.base == "al-tanf" and syria.place.base is None


def test_a_group_announcing_it_targeted_a_base_claims_it() -> None:
    for text, language in (
        (
            "The Islamic Resistance in Iraq announced on Monday that it had targeted the "
            "al-Tanf garrison.",
            "en",
        ),
        (
            "The Islamic Resistance in Iraq issued a statement on Monday announcing that "
            "resistance fighters attacked the al-Tanf garrison with drones.",
            "en",
        ),
        (
            "La Résistance islamique en Irak a annoncé lundi qu'elle avait visé la base "
            "d'al-Tanf avec des drones.",
            "fr",
        ),
    ):
        (draft,) = drafts(text, language=language)
        assert draft.claimed_by == ["islamic-resistance-in-iraq"], text
        assert draft.status == "claimed"


def test_the_group_s_statement_tells_a_claim() -> None:
    (draft,) = drafts(
        "The Islamic Resistance in Iraq said on Monday that the al-Tanf garrison had been hit.",
        "According to the group's statement, a drone attack hit the base directly.",
    )
    assert draft.claimed_by == ["islamic-resistance-in-iraq"]


def test_a_strike_ordered_by_the_president_is_the_us_s() -> None:
    (draft,) = drafts(
        "En représailles, le président Biden a ordonné lundi des frappes sur trois "
        "installations utilisées par le Kataib Hezbollah en Irak, a déclaré le secrétaire à "
        "la Défense.",
        language="fr",
    )
    assert draft.kind == "strike" and draft.claimed_by == ["united-states"]


def test_the_group_s_statement_goes_on_to_its_other_attacks() -> None:
    found = drafts(
        "The Islamic Resistance in Iraq announced on Monday that it had targeted the al-Tanf "
        "garrison with drones.",
        "Early Monday, its fighters also targeted a US base at the Conoco gas field.",
    )
    assert {d.place.base for d in found} == {"al-tanf", "conoco"}
    assert all(d.claimed_by == ["islamic-resistance-in-iraq"] for d in found)
    told = drafts(
        "The Islamic Resistance in Iraq announced on Monday that it had targeted the al-Tanf "
        "garrison with drones.",
        "Early Monday, drones also targeted a US base at the Conoco gas field, a US official said.",
    )
    (conoco,) = [d for d in told if d.place.base == "conoco"]
    assert conoco.claimed_by == [] and conoco.status == "confirmed"


def test_a_statement_on_the_attacks_claims_the_ones_just_told() -> None:
    found = drafts(
        "Drones hit the al-Tanf garrison on Monday.",
        "Rockets hit the Conoco base on Monday.",
        "The Islamic Resistance in Iraq said in two statements that the attacks were a response "
        "to the war in Gaza.",
    )
    assert len(found) == 2
    assert all(d.claimed_by == ["islamic-resistance-in-iraq"] for d in found)
    unclaimed = drafts(
        "Drones hit the al-Tanf garrison on Monday.",
        "The Islamic Resistance in Iraq claimed responsibility for most of the attacks since "
        "October.",
    )
    assert all(d.claimed_by == [] for d in unclaimed)


def _injured(text: str) -> list[tuple[int | None, int | None]]:
    from generator.importer.casualties import figures

    return [(f.range.min, f.range.max) for f in figures(text) if f.what == "injured"]


def test_more_than_a_number_is_at_least_the_next_one() -> None:
    assert _injured("Two were killed and more than 12 others were wounded.") == [(13, None)]
    assert _injured("Plus de 12 militaires ont été blessés.") == [(13, None)]
    assert _injured("At least 12 soldiers were wounded.") == [(12, None)]


def test_a_number_in_quotation_marks_still_counts() -> None:
    assert _injured('Officials said 12 troops suffered "minor injuries" in the attack.') == [
        (12, 12)
    ]
    assert _injured('The Pentagon said a "number" of troops were wounded.') == [(2, None)]


def test_two_groups_of_victims_in_one_sentence_add_up() -> None:
    assert _injured(
        "Several US service members were wounded, and one Iraqi soldier was wounded too."
    ) == [(3, None)]
    assert _injured(
        "Trois soldats américains ont été blessés et deux soldats irakiens ont été blessés."
    ) == [(5, 5)]
    # the same count told twice is not added up
    assert _injured("Three US soldiers were wounded; three soldiers were wounded in all.") == [
        (3, 3),
        (3, 3),
    ]


def test_minor_injuries_of_an_indefinite_plural_are_more_than_one() -> None:
    assert _injured("Des soldats de la coalition ont été légèrement blessés lundi.") == [(2, None)]
    assert _injured("Le personnel a été soigné pour des blessures légères.") == [(1, None)]
    assert _injured("A soldier suffered minor injuries.") == [(1, 1)]


def test_strikes_on_counted_sites_are_one_operation() -> None:
    found = drafts(
        "Three US soldiers were wounded in a drone attack on the Erbil air base on Monday.",
        "The Defense Secretary said that strikes were conducted by US forces on three "
        "facilities used by the militia in Iraq.",
    )
    (draft,) = [d for d in found if d.kind == "strike"]
    assert draft.place.country == "IQ" and draft.claimed_by == ["united-states"]
    found = drafts(
        "On Friday, US forces struck militia targets in Syria, the Pentagon said.",
        "The United States had carried out strikes on 85 targets at seven sites in Syria.",
    )
    assert [d.kind for d in found] == ["strike"]


def test_a_strike_by_a_us_drone_in_french() -> None:
    (draft,) = drafts(
        "Un commandant de la milice a été tué mardi à Bagdad par la frappe d'un drone américain.",
        language="fr",
    )
    assert draft.kind == "strike" and draft.claimed_by == ["united-states"]


def test_a_weekday_beside_its_date_is_one_day() -> None:
    (draft,) = drafts(
        "The Defense Secretary said the United States carried out two airstrikes in Syria on "
        "Sunday evening on March 3, 2024."
    )
    assert draft.kind == "strike" and draft.date == dt.date(2024, 3, 3)


def test_two_numbers_with_or_are_a_range() -> None:
    from generator.importer.casualties import figures

    def killed(text: str) -> list[tuple[int | None, int | None]]:
        return [(f.range.min, f.range.max) for f in figures(text) if f.what == "killed"]

    assert killed("The strikes killed 6 or 7 armed men.") == [(6, 7)]
    assert killed("Six ou sept combattants ont été tués.") == [(6, 7)]
    assert killed("Two soldiers were killed on 12 or 13 May.") == [(2, 2)]


def test_a_strike_that_targeted_a_camp_is_not_an_attack() -> None:
    found = drafts(
        "US forces carried out an airstrike in eastern Syria on Sunday, the Pentagon said.",
        "Local sources said that the strike targeted a camp west of Albu Kamal.",
    )
    assert [d.kind for d in found] == ["strike"]


def test_the_two_strikes_are_the_ones_just_told() -> None:
    (draft,) = drafts(
        "The Pentagon said US forces carried out two airstrikes in eastern Syria on Sunday.",
        "The two airstrikes killed 6 or 7 armed men.",
    )
    assert (draft.killed.min, draft.killed.max) == (6, 7)


def test_a_country_a_group_is_linked_to_is_not_the_place() -> None:
    (draft,) = drafts(
        "Des frappes ont été lancées par les États-Unis ce lundi 4 mars 2024 contre deux sites "
        "liés à l'Iran.",
        "Les sites se trouvent en Syrie.",
        language="fr",
    )
    assert draft.kind == "strike" and draft.place.country == "SY"
    assert draft.date == dt.date(2024, 3, 4)


def test_a_dozen_attacks_are_many_events() -> None:
    found = drafts(
        "US F-16 jets struck two facilities in eastern Syria on Monday, the Pentagon said.",
        "Earlier this week militia groups claimed responsibility for more than a dozen "
        "small-scale strikes on U.S. bases in the region.",
    )
    assert [d.kind for d in found] == ["strike"]


def test_troops_treated_for_injuries_after_an_attack_were_its_target() -> None:
    (draft,) = drafts(
        "Eight U.S. troops are being treated for traumatic brain injuries after a drone attack "
        "in northeastern Syria on Monday."
    )
    assert draft.kind == "attack" and draft.date == dt.date(2024, 3, 4)
    assert draft.weapons == ["drone"] and (draft.injured.min, draft.injured.max) == (8, 8)


def test_a_chronology_entry_takes_the_month_of_the_date_before_it() -> None:
    from generator.importer.dates import chronology_days

    entries = chronology_days(
        [
            ("Le 10, à Bagdad, une frappe vise un centre.", False),
            ("Le 28, une attaque vise une base.", False),
            ("Le 2 avril 2024, les États-Unis ripostent.", False),
            ("Le 7, un commandant est tué.", False),
        ],
        title="10 mars-7 avril 2024",
    )
    assert {i: (d.days, d.month, d.year) for i, d in entries.items()} == {
        0: ((10,), 3, 2024),
        1: ((28,), 3, 2024),
        3: ((7,), 4, 2024),
    }
    assert chronology_days([("Le 10, une frappe vise un centre.", False)]) == {}


def test_a_chronology_entry_dates_its_incident() -> None:
    (draft,) = drafts(
        "Le 2 février 2024, le Pentagone annonce de nouvelles sanctions.",
        "Le 7, un commandant de la milice est tué à Bagdad par la frappe d'un drone américain.",
        published=None,
        language="fr",
    )
    assert draft.date == dt.date(2024, 2, 7) and draft.date_precision == "day"


def test_caused_the_death_of_counts_the_dead() -> None:
    from generator.importer.casualties import figures

    (figure,) = figures(
        "L'attaque d'une base militaire en Jordanie cause la mort de trois soldats américains."
    )
    assert figure.what == "killed" and (figure.range.min, figure.range.max) == (3, 3)


def test_a_toll_at_the_base_attacked_goes_to_the_attack_not_the_strike_in_focus() -> None:
    found = drafts(
        "Des drones ont visé lundi une base américaine dans l'est de la Syrie, a indiqué l'OSDH.",
        "L'attaque intervient après des frappes américaines dimanche en Irak.",
        "Cinq combattants présents sur la base d'Al-Omar ont été tués, selon l'OSDH.",
        language="fr",
    )
    (attack,) = [d for d in found if d.kind == "attack"]
    (strike,) = [d for d in found if d.kind == "strike"]
    assert (attack.killed.min, attack.killed.max) == (5, 5)
    assert not strike.killed.known


def test_another_victim_told_after_a_toll_is_one_more() -> None:
    (draft,) = drafts(
        "A militia commander was killed in Baghdad on Monday in a U.S. drone strike, a US "
        "official said.",
        "Another member of the faction was also killed and at least six others were wounded.",
    )
    assert (draft.killed.min, draft.killed.max) == (2, 2)
    assert (draft.injured.min, draft.injured.max) == (6, None)


def test_an_iraqi_military_official_is_not_a_us_speaker() -> None:
    (draft,) = drafts(
        "Two drones targeted the Ain al-Asad air base on Monday, two Iraqi security sources said.",
        "An Iraqi military official said defence systems downed one drone near the base.",
    )
    assert draft.status == "reported"
    (us,) = drafts(
        "Two drones targeted the Ain al-Asad air base on Monday, a US military official said."
    )
    assert us.status == "confirmed"


def test_another_strike_is_a_new_incident_dated_by_its_sentence() -> None:
    found = drafts(
        "US fighter jets struck two militia sites south of Baghdad on Tuesday, the officials said.",
        "The U.S. strike followed another, unplanned strike by an AC-130 gunship after the "
        "fighters fired missiles at Al-Asad Air Base late Monday evening.",
    )
    strikes = sorted((d for d in found if d.kind == "strike"), key=lambda d: d.date)
    assert [d.date for d in strikes] == [dt.date(2024, 3, 4), dt.date(2024, 3, 5)]
    assert strikes[0].weapons == ["gunship"]


def test_a_day_entry_before_a_printed_date_is_in_its_month_and_a_list_rolls_on() -> None:
    """ "Pékin, 14 mars ... Le 3, ...": a report looking back to the 3rd of that month, not of
    the next; in a list of entries, a smaller day after an entry is the next month's."""
    from generator.importer.dates import chronology_days

    looking_back = chronology_days(
        [
            ("Pékin, 14 mars 2024 : une base a été visée par un drone ce jour-là.", False),
            ("Le 3, une autre base a été attaquée par deux roquettes.", False),
        ]
    )
    assert {i: (d.days, d.month, d.year) for i, d in looking_back.items()} == {1: ((3,), 3, 2024)}
    listed = chronology_days(
        [
            ("Le 28, une attaque vise une base.", False),
            ("Le 2, une frappe vise un dépôt.", False),
        ],
        title="Chronologie, 20 mars 2024",
    )
    assert {i: (d.days, d.month) for i, d in listed.items()} == {0: ((28,), 3), 1: ((2,), 4)}
