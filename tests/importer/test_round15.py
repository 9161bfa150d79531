"""Round 15's reading rules (tuned on set R after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from generator.importer.dates import find_dates
from tests.importer.made_up import drafts


def test_its_fighters_conducted_a_drone_strike_is_the_resistance_s_claim() -> None:
    found = drafts(
        "The Islamic Resistance in Iraq said on Monday it attacked the Conoco base in Syria.",
        "The Resistance also announced that its fighters conducted a drone strike on the "
        "US military's Al-Malikiyah base in Syria.",
        published="2023-10-23",
    )
    (malikiyah,) = [d for d in found if d.place and d.place.name_en == "Al-Malikiyah"]
    assert malikiyah.claimed_by == ["islamic-resistance-in-iraq"]
    assert malikiyah.status == "claimed"


def test_the_us_military_s_base_is_where_not_who_speaks() -> None:
    (found,) = drafts(
        "The Islamic Resistance in Iraq said it had targeted the US military's Al-Malikiyah "
        "base in Syria with a drone on Monday.",
        published="2023-10-23",
    )
    assert found.status == "claimed"


def test_a_wire_dateline_with_a_colon_is_the_day_filed() -> None:
    found = drafts(
        "DAMASCUS, Feb 3 : The toll of the U.S. airstrikes in eastern Syria has risen to 23, "
        "a war monitor said.",
        "The United States on Friday carried out airstrikes in Syria in retaliation for a "
        "drone attack that killed three U.S. soldiers in Jordan on Jan. 28.",
        published=None,
    )
    assert {d.date for d in found if d.kind == "strike"} == {dt.date(2024, 2, 2)}


def test_since_hamas_s_october_7_is_the_war_s_first_day_not_an_attack_s() -> None:
    (date,) = find_dates("This marks the 144th attack on US troops since Hamas’s Oct. 7, 2023.")
    assert date.role == "range"


def test_victims_set_beside_the_wounded_are_the_dead() -> None:
    (found,) = drafts(
        "Ce dimanche 28 janvier, en Jordanie, une attaque au drone a fait trois victimes "
        "américaines ainsi qu'une trentaine de blessés.",
        published="2024-01-29",
        language="fr",
    )
    assert (found.killed.min, found.killed.max) == (3, 3)
    assert found.injured.min == 30


def test_victims_alone_are_still_killed_or_injured_unknown_which() -> None:
    (found,) = drafts(
        "Dimanche, en Jordanie, une attaque au drone contre une base a fait trois victimes.",
        published="2024-01-29",
        language="fr",
    )
    assert (found.killed.min, found.injured.min) == (None, None)


def test_the_islamic_resistance_in_iraq_names_no_place() -> None:
    (found,) = drafts(
        'In a statement shared by the Islamic Resistance in Iraq, it was stated: "Our '
        'mujahideen targeted the American occupation base Tel Baydar in Syria with drones."',
        published="2023-11-06",
    )
    assert found.place.country == "SY"


def test_the_organization_is_the_group_just_named() -> None:
    (found,) = drafts(
        "The umbrella organization of Iran-backed groups, known as the Islamic Resistance in "
        "Iraq, continues to target US bases.",
        "The organization announced that it had targeted the US base in Tal Baydar, west of "
        "Hasakah in northeastern Syria, using a kamikaze drone.",
        published="2023-11-06",
    )
    assert found.claimed_by == ["islamic-resistance-in-iraq"]


def test_sohr_is_the_syrian_observatory_another_source() -> None:
    (found,) = drafts(
        "The Islamic Resistance in Iraq said it had targeted the US base in Tal Baydar in "
        "Syria with a drone on Monday.",
        "SOHR stated that the drone that targeted the US base in Tal Baydar on Monday came "
        "from Iraq.",
        published="2023-11-06",
    )
    assert found.status == "reported"


def test_confirmed_in_the_morning_of_a_day_is_the_day_spoken() -> None:
    (date,) = find_dates(
        "Un responsable a confirmé dans la matinée de ce 26 décembre qu'une frappe avait visé "
        "un site à Hilla."
    )
    assert date.role == "speech"
