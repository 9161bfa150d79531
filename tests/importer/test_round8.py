"""Round 8's reading rules, each on a made-up sentence."""

from __future__ import annotations

from tests.importer.made_up import drafts


def test_a_drone_that_slammed_into_a_base_is_an_attack() -> None:
    (attack,) = drafts(
        "On March 2, a drone slammed into an outpost in Jordan, killing two US soldiers."
    )
    assert attack.kind == "attack"
    assert attack.place.country == "JO"
    assert (attack.killed.min, attack.killed.max) == (2, 2)


def test_strikes_on_targets_in_two_countries_give_one_draft_per_country() -> None:
    found = drafts(
        "Le 4 mars, l'aviation des États-Unis a frappé plus de 40 cibles en Irak et en Syrie.",
        language="fr",
    )
    assert sorted(d.place.country for d in found) == ["IQ", "SY"]
    assert {d.kind for d in found} == {"strike"}


def test_a_reason_given_its_own_day_is_an_incident_on_that_day() -> None:
    found = drafts(
        "The March 3 strikes were in retaliation for the February 27 drone strike that "
        "killed two U.S. soldiers in Jordan."
    )
    (attack,) = [d for d in found if d.kind == "attack"]
    assert attack.date.isoformat() == "2024-02-27"
    assert attack.place.country == "JO"
    (strike,) = [d for d in found if d.kind == "strike"]
    assert strike.date.isoformat() == "2024-03-03"


def test_frappant_tells_the_strike_of_a_reprisal() -> None:
    found = drafts(
        "Le 4 mars, les États-Unis ont mené une vague de représailles, frappant une trentaine "
        "de positions en Irak et en Syrie.",
        language="fr",
    )
    assert sorted(d.place.country for d in found) == ["IQ", "SY"]
    assert {d.kind for d in found} == {"strike"}


def test_an_attack_on_a_militia_is_a_strike_on_it() -> None:
    (english,) = drafts(
        "A drone strike hit a pickup in Baghdad on Monday, killing two members of the Kataib "
        "Hezbollah militia."
    )
    assert english.kind == "strike"
    (french,) = drafts(
        "Lundi, trois combattants ont été tués lors d'une attaque de drone contre un entrepôt "
        "d'une milice pro-iranienne au sud de Bagdad.",
        language="fr",
    )
    assert french.kind == "strike"
    assert drafts("On Monday, officials blamed the attack on Iran-backed militants.") == []


def test_around_a_count_is_at_least_that_count() -> None:
    from generator.importer.casualties import figures

    (killed, injured) = figures("Four guards were killed and around 15 wounded in the attack.")
    assert (killed.range.min, killed.range.max) == (4, 4)
    assert (injured.range.min, injured.range.max) == (15, None)
    (french,) = figures("Environ 12 soldats ont été blessés.")
    assert (french.range.min, french.range.max) == (12, None)


def test_a_base_that_became_the_target_of_a_strike_was_attacked() -> None:
    (attack,) = drafts(
        "On Monday, a drone was shot down near the Conoco base.",
        "The base, which hosts U.S. troops, became the latest target of an airstrike.",
        "There were no reported casualties.",
    )
    assert attack.kind == "attack"
    assert (attack.killed.max, attack.injured.max) == (0, 0)


def test_militia_members_killed_in_a_drone_strike_were_struck() -> None:
    (strike,) = drafts(
        "Deux membres d'une milice pro-iranienne ont été tués ce lundi à Bagdad dans une frappe "
        "de drone.",
        language="fr",
    )
    assert (strike.kind, strike.weapons) == ("strike", ["drone"])
    assert (strike.killed.min, strike.killed.max) == (2, 2)


def test_the_sentence_after_a_us_officials_account_is_told_by_them() -> None:
    found = drafts(
        "Militants have attacked U.S. forces in Syria twice this week, U.S. defense officials "
        "said.",
        "In the latest attack on Tuesday, two drones were launched at the Conoco base.",
    )
    (conoco,) = [d for d in found if d.place.base == "conoco"]
    assert conoco.status == "confirmed"


def test_each_clause_with_its_own_base_is_its_own_attack() -> None:
    found = drafts(
        "On Tuesday, several drones were launched at the Ain al-Asad air base west of Baghdad, "
        "and a rocket was fired at a base where US troops are stationed near the Erbil airport."
    )
    assert sorted(d.place.base for d in found) == ["ain-al-asad", "erbil-air-base"]


def test_each_clause_keeps_its_own_weapons() -> None:
    found = drafts(
        "On Tuesday, a rocket was fired at troops in Hasakah province, and two drones were "
        "launched at the Conoco base and the al-Shaddadi base."
    )
    bases = {d.place.base: d.weapons for d in found if d.place.base}
    assert bases == {"conoco": ["drone"], "al-shaddadi": ["drone"]}


def test_no_casualties_in_both_countries_is_none_in_each() -> None:
    (attack,) = drafts(
        "U.S. forces in Iraq and Syria were attacked at the Conoco base on Tuesday, but there "
        "were no casualties."
    )
    assert (attack.killed.max, attack.injured.max) == (0, 0)


def test_a_toll_of_these_attacks_is_a_total_not_the_latest_attacks() -> None:
    found = drafts(
        "Drones struck the al-Harir base in Erbil on Monday, a US official said.",
        "At least 40 soldiers had been injured in these attacks prior to the Monday attack on "
        "the base.",
    )
    assert found and all(d.injured.min is None for d in found)
