"""Round 11's reading rules (tuned on set N after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import drafts


def test_an_aside_between_dashes_that_tells_another_attack_is_not_read_with_its_sentence() -> None:
    found = drafts(
        "Un commandant du Kataib Hezbollah – une milice que Washington accuse de l’attaque qui "
        "a tué deux soldats américains en Syrie – a été tué dans une frappe de drone sur une "
        "voiture à Kirkouk mardi 5 mars.",
        language="fr",
    )
    assert [(d.kind, d.date, d.place.slug) for d in found] == [
        ("strike", dt.date(2024, 3, 5), "kirkuk")
    ]
    assert found[0].killed.min is None  # the soldiers of the aside are not its toll
    assert found[0].status != "confirmed"  # nor is Washington, named in the aside, its source


def test_an_aside_without_another_event_is_read_with_its_sentence() -> None:
    found = drafts(
        "On Tuesday, drones struck the base – Ain al-Asad, in western Iraq – and wounded two "
        "soldiers, a US official said."
    )
    assert [(d.kind, d.place.slug, d.injured.min) for d in found] == [("attack", "ain-al-asad", 2)]


def test_a_word_broken_at_a_line_end_still_names_the_united_states() -> None:
    found = drafts(
        "Les États- Unis ont mené mardi des frappes en Irak visant des milices pro- iraniennes.",
        language="fr",
    )
    assert [(d.kind, d.date) for d in found] == [("strike", dt.date(2024, 3, 5))]
    assert found[0].claimed_by == ["united-states"]


def test_one_count_for_two_kinds_of_attack_is_a_total() -> None:
    for language, sentence in [
        (
            "fr",
            "Depuis la mi-octobre, plus de 165 frappes de drones et tirs de roquettes ont visé "
            "les forces américaines en Irak et en Syrie.",
        ),
        (
            "en",
            "Since mid-October, more than 160 drone strikes and rocket attacks have targeted "
            "US forces in Iraq and Syria.",
        ),
    ]:
        assert drafts(sentence, language=language) == [], sentence


def test_struck_in_two_countries_gives_a_strike_in_each() -> None:
    found = drafts("US forces struck 85 targets in Syria and Iraq early Saturday.")
    assert sorted((d.kind, d.place.country) for d in found) == [
        ("strike", "IQ"),
        ("strike", "SY"),
    ]
