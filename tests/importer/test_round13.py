"""Round 13's reading rules (tuned on set P after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from generator.importer.dates import find_dates


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
