"""Round 14's reading rules (tuned on set Q after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.importer.dates import find_dates
from generator.importer.reader import read_article
from tests.importer.made_up import drafts


def test_hits_counted_on_one_day_are_one_raid_in_each_country() -> None:
    found = drafts(
        "Le vendredi 2 février, des avions américains ont frappé 85 fois dans sept sites "
        "en Syrie et en Irak.",
        published="2024-02-04",
        language="fr",
    )
    assert sorted((d.kind, d.place.country, d.date) for d in found) == [
        ("strike", "IQ", dt.date(2024, 2, 2)),
        ("strike", "SY", dt.date(2024, 2, 2)),
    ]


def test_hits_counted_with_no_day_are_still_many_events() -> None:
    found = drafts(
        "Depuis octobre, les avions américains ont frappé 85 fois en Syrie et en Irak.",
        published="2024-02-04",
        language="fr",
    )
    assert not [d for d in found if d.kind == "strike"]


def test_the_explosion_of_a_drone_on_a_base_is_an_attack_and_after_the_death_its_toll() -> None:
    (found,) = drafts(
        "Ce sont des représailles après la mort, le 28 janvier, de trois soldats américains "
        "dans l'explosion d'un drone sur une base en Jordanie.",
        published="2024-02-04",
        language="fr",
    )
    assert (found.kind, found.place.country, found.date) == ("attack", "JO", dt.date(2024, 1, 28))
    assert (found.killed.min, found.killed.max) == (3, 3)
    assert "drone" in found.weapons


def test_after_the_death_of_three_soldiers_is_the_toll_even_with_a_day_between() -> None:
    (found,) = drafts(
        "Ils ont manifesté après la mort, le 28 janvier, de trois soldats américains dans "
        "une attaque de drone contre une base en Jordanie.",
        published="2024-02-04",
        language="fr",
    )
    assert found.kind == "attack"
    assert (found.killed.min, found.killed.max) == (3, 3)


def test_a_drone_strike_the_us_carried_out_is_a_strike() -> None:
    (found,) = drafts(
        "Les États-Unis ont effectué une frappe de drone à Bagdad mercredi, tuant deux membres "
        "de la milice.",
        published="2024-02-14",
        language="fr",
    )
    assert (found.kind, found.date, found.claimed_by) == (
        "strike",
        dt.date(2024, 2, 14),
        ["united-states"],
    )


def test_a_month_a_monitoring_commenced_in_is_not_the_attack_s_date() -> None:
    (day,) = find_dates("It was the 108th attack since the monitoring commenced in October 2023.")
    assert day.role == "range"


def test_the_us_launching_strikes_on_counted_targets_in_two_countries_seeds_both() -> None:
    found = drafts(
        "Iraq has warned of disastrous consequences for the region, after the US launched air "
        "strikes on 85 targets used by militias in Iraq and Syria. And the US says they were "
        "just the beginning.",
        published="2024-02-03",
    )
    assert sorted((d.kind, d.place.country) for d in found) == [
        ("strike", "IQ"),
        ("strike", "SY"),
    ]


def test_a_strike_attributed_to_a_militia_is_no_us_strike() -> None:
    found = drafts(
        "Après la mort de trois soldats américains en Jordanie dans une frappe attribuée à une "
        "milice pro-iranienne, le président américain promet des représailles.",
        published="2024-01-30",
        language="fr",
    )
    assert not [d for d in found if d.kind == "strike"]


def test_soldiers_dead_in_an_attack_beside_us_troops_are_its_target() -> None:
    (found,) = drafts(
        "Ce camp, où sont basés 350 soldats américains, a fait la une avec la mort de trois "
        "militaires dans une attaque de drones dimanche par une milice.",
        published="2024-01-30",
        language="fr",
    )
    assert (found.kind, found.date) == ("attack", dt.date(2024, 1, 28))
    assert (found.killed.min, found.killed.max) == (3, 3)


def test_this_camp_at_the_head_of_a_sentence_is_the_base_just_named() -> None:
    found = drafts(
        "Tower 22 était une base discrète du désert jordanien.",
        "Ce camp a fait la une avec la mort de trois militaires dans une attaque de drones "
        "dimanche.",
        published="2024-01-30",
        language="fr",
    )
    assert [d.place.slug for d in found] == ["tower-22"]


def test_the_month_a_photograph_was_taken_is_no_event_s_date() -> None:
    days = find_dates(
        "Une photo de la base photographiée en octobre 2022 et qui a été attaquée le 28 janvier "
        "2024."
    )
    assert [d.role for d in days] == ["other", "event"]


def test_the_latest_of_these_attacks_on_a_day_is_one_attack() -> None:
    (found,) = drafts(
        "Depuis le 17 octobre, les forces américaines ont été attaquées au moins 12 fois en "
        "Irak, a déclaré le porte-parole du Pentagone.",
        "Il a déclaré que la dernière de ces attaques a eu lieu jeudi 26 octobre dans la région "
        "du Kurdistan, n'ayant causé aucune victime.",
        published="2023-10-27",
        language="fr",
    )
    assert (found.kind, found.date, found.place.country) == ("attack", dt.date(2023, 10, 26), "IQ")


LEAD = (
    "La nuit dernière, la base américaine de Tower 22, en Jordanie, a été frappée par une "
    "attaque de drone kamikaze"
)


def test_a_lead_that_repeats_the_headline_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f'<html lang="fr"><head><title>{LEAD}</title></head><body><article><h1>{LEAD}</h1>'
        f'<p class="lead">{LEAD}</p><p>{LEAD}.</p>'
        "<p>Selon les médias syriens, des installations de stockage ont été "
        "détruites. Le ministère américain de la Défense n'a pas confirmé ces informations, "
        "et aucun bilan n'a été donné.</p></article></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert [b.text for b in article.blocks if not b.heading][0].startswith(LEAD)


def test_last_night_may_have_run_past_midnight() -> None:
    (found,) = drafts(LEAD + ".", published="2024-08-10", language="fr")
    assert found.date == dt.date(2024, 8, 9)
    assert "date" in found.review and found.date_window == (
        dt.date(2024, 8, 9),
        dt.date(2024, 8, 10),
    )


def test_a_base_hit_by_three_drones_was_attacked() -> None:
    (found,) = drafts(
        "Jeudi, le site d'al-Tanf a été survolé puis frappé par trois drones.",
        published="2023-10-20",
        language="fr",
    )
    assert (found.kind, found.place.slug, found.weapons) == ("attack", "al-tanf", ["drone"])


def test_saying_it_was_behind_the_attack_is_a_claim() -> None:
    found = drafts(
        "Jeudi, la base Conoco a été touchée par deux missiles.",
        "Plus tard, la Résistance islamique en Irak a déclaré être à l'origine de l'attaque "
        "contre la base Conoco.",
        published="2023-10-20",
        language="fr",
    )
    assert [d.claimed_by for d in found] == [["islamic-resistance-in-iraq"]]


def test_in_iraq_and_neighbouring_syria_is_a_strike_in_each() -> None:
    found = drafts(
        "At least 34 people were killed in US airstrikes on Saturday in Iraq and neighbouring "
        "Syria.",
        published="2024-02-04",
    )
    assert sorted(d.place.country for d in found) == ["IQ", "SY"]


def test_a_dateline_with_its_country_in_brackets_is_no_event_s_day() -> None:
    found = drafts(
        "Washington [US], February 4: US airstrikes on Saturday hit militia sites in Iraq.",
        published="2024-02-04",
    )
    assert [d.date for d in found] == [dt.date(2024, 2, 3)]


def test_a_capital_that_denies_or_hosts_an_envoy_is_no_strike_s_place() -> None:
    (found,) = drafts(
        "On Saturday, US airstrikes hit militia sites in Iraq.",
        "Baghdad also denied it had coordinated with the United States on the strikes.",
        "Iraq will summon the US charge d'affaires in Baghdad over the strikes.",
        published="2024-02-04",
    )
    assert found.place.precision == "country"


def test_a_toll_a_country_gives_goes_to_its_own_strikes() -> None:
    found = drafts(
        "At least 34 people were killed in US airstrikes on Saturday in Iraq and Syria.",
        "The Iraqi government said the aggression had killed 16 people and injured 25 others.",
        published="2024-02-04",
    )
    tolls = {d.place.country: (d.killed.min, d.injured.min) for d in found}
    assert tolls == {"IQ": (16, 25), "SY": (None, None)}


def test_militants_who_had_launched_a_missile_recall_an_attack_they_do_not_date() -> None:
    found = drafts(
        "On Wednesday, a gunship fired on a vehicle carrying militants who had launched a "
        "missile at American troops in western Iraq, US officials said.",
        published="2023-11-22",
    )
    assert not [d for d in found if d.kind == "attack"]


def test_including_the_one_on_a_day_is_that_attack_there() -> None:
    found = drafts(
        "The strikes were in response to the attacks against U.S. forces by Iran-backed groups, "
        "including the one in Iraq on Nov. 21, which involved close-range ballistic missiles.",
        published="2023-11-22",
    )
    attacks = [d for d in found if d.kind == "attack"]
    assert [(d.date, d.place.country, d.weapons) for d in attacks] == [
        (dt.date(2023, 11, 21), "IQ", ["ballistic-missile"])
    ]


def test_the_two_ends_of_a_period_between_are_no_event_s_days() -> None:
    days = find_dates("La base a été touchée par des frappes entre le 24 octobre et le 2 décembre.")
    assert [d.role for d in days] == ["range", "range"]


def test_a_militia_killing_three_us_servicemen_on_a_day_is_the_attack() -> None:
    found = drafts(
        "The strike is part of a US retaliation for the Iraqi militia killing three US "
        "servicemen in a Jordan outpost on 28 January.",
        published="2024-02-09",
    )
    attacks = [d for d in found if d.kind == "attack"]
    assert [(d.date, d.place.country, d.killed.min) for d in attacks] == [
        (dt.date(2024, 1, 28), "JO", 3)
    ]


def test_the_day_the_dead_were_identified_is_not_the_attack_s() -> None:
    (day,) = find_dates("The Pentagon on Monday identified the three soldiers who were killed.")
    assert day.role == "speech"


def test_the_death_toll_was_seven_is_seven_killed() -> None:
    (found,) = drafts(
        "A drone attack hit the al-Omar base on Sunday; the SDF said the death toll was "
        "actually seven, with 18 others injured.",
        published="2024-02-05",
    )
    assert (found.killed.min, found.killed.max) == (7, 7)


def test_us_jets_that_attacked_a_facility_carried_out_a_strike() -> None:
    (found,) = drafts(
        "Two US Air Force F-16 jets overnight Friday attacked a weapons storage facility in "
        "eastern Syria used by Iran's proxy militias.",
        published="2023-10-27",
    )
    assert (found.kind, found.place.country, found.claimed_by) == (
        "strike",
        "SY",
        ["united-states"],
    )


def test_a_potential_attack_a_strike_thwarted_is_no_attack() -> None:
    found = drafts(
        "Late on Monday, a US airstrike thwarted a potential rocket attack on the Ain al-Asad "
        "air base in western Iraq.",
        published="2024-01-09",
    )
    assert [d.kind for d in found] == ["strike"]
