"""Round 13's reading rules (tuned on set P after its first pass), each on a made-up sentence
or on the fixture it was found in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.importer.dates import find_dates
from generator.importer.extract import extract
from generator.importer.published import option
from generator.importer.reader import read_article
from tests.importer.made_up import GAZ, TODAY, drafts

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_day_that_leads_what_the_media_reported_is_the_day_it_was_said() -> None:
    for sentence in [
        "Lundi, les médias américains ont rapporté que le président avait discuté d'une riposte.",
        "Mardi, la chaîne a rapporté que trois drones avaient visé la base.",
        "Mercredi, les responsables ont confirmé que la base avait été touchée.",
    ]:
        (day,) = find_dates(sentence)
        assert day.role == "speech", sentence


def test_a_day_that_leads_what_happened_is_still_the_event_s() -> None:
    (day,) = find_dates("Lundi, trois drones ont visé la base, a rapporté la chaîne.")
    assert day.role == "event"
    assert day.weekday == dt.date(2024, 1, 29).weekday()  # a Monday


def test_a_second_strike_at_another_place_is_an_incident_of_its_own() -> None:
    """p21: strikes on three sites, one at Hilla, "une deuxième frappe à Wassit" in a sentence
    that also names Washington (so the strike has an agent of its own)."""
    article = read_article(FIXTURES / "fresh" / "p" / "p21_fr_pressafrik_hilla.txt")
    article.set_published(option("2023-12-26"))
    strikes = [d for d in extract(article, GAZ, TODAY).incidents if d.kind == "strike"]
    assert sorted(d.place.slug for d in strikes) == ["hillah", "wasit"]


def test_has_hit_targets_in_two_countries_gives_a_strike_in_each() -> None:
    found = drafts("On Tuesday, the U.S. has hit 85 targets in Iraq and Syria, officials said.")
    assert sorted((d.kind, d.place.country) for d in found) == [
        ("strike", "IQ"),
        ("strike", "SY"),
    ]
