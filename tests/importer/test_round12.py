"""Round 12's reading rules (tuned on set O after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import drafts


def test_the_day_someone_attends_a_ceremony_for_the_dead_is_not_the_attack_s() -> None:
    found = drafts(
        "Le président américain assiste au transfert des dépouilles de trois militaires "
        "américains tués lors de l'attaque par drone de l'avant-poste militaire américain en "
        "Jordanie, à la base aérienne de Dover, le 2 février 2024.",
        language="fr",
    )
    assert all(d.date != dt.date(2024, 2, 2) for d in found)


def test_strikes_aimed_at_iranian_forces_in_two_countries_are_one_in_each() -> None:
    found = drafts(
        "Les Etats-Unis ont mené mardi des frappes visant des forces d'élite iraniennes et des "
        "groupes pro-iraniens en Irak et en Syrie.",
        language="fr",
    )
    assert sorted((d.kind, d.place.country) for d in found) == [
        ("strike", "IQ"),
        ("strike", "SY"),
    ]


def test_strikes_answering_attacks_on_us_forces_in_two_countries_are_not_put_in_both() -> None:
    found = drafts(
        "On Tuesday, the United States struck a militia headquarters near al-Qaim in "
        "retaliation for attacks targeting US forces in Iraq and Syria."
    )
    assert [(d.kind, d.place.country) for d in found] == [("strike", "IQ")]


def test_a_toll_told_for_strikes_in_two_countries_together_goes_to_neither() -> None:
    found = drafts(
        "39 dead in US airstrikes against Iran-backed militias in Iraq and Syria on Tuesday, "
        "according to Reuters.",
        "Of the 39 dead, Iraq's Popular Mobilization Forces said the US strikes killed 16.",
    )
    tolls = {d.place.country: (d.killed.min, d.killed.max) for d in found if d.kind == "strike"}
    assert tolls == {"IQ": (16, 16), "SY": (None, None)}
