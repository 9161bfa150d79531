"""Round 10's reading rules (tuned on set M after its first pass), each on a made-up sentence."""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import drafts


def test_the_reason_of_a_strike_keeps_its_own_day_and_toll() -> None:
    found = drafts(
        "March 5, 2024: The United States has begun strikes on 40 targets in Syria and Iraq in "
        "retaliation for the drone attack on a US military base last Sunday, which killed "
        "two soldiers and injured 30."
    )
    strikes = [d for d in found if d.kind == "strike"]
    assert strikes and all(d.date == dt.date(2024, 3, 5) for d in strikes)
    assert all(d.injured.min is None and d.killed.min is None for d in strikes)
    (attack,) = [d for d in found if d.kind == "attack"]
    assert attack.date == dt.date(2024, 3, 3)  # the Sunday before
    assert (attack.killed.min, attack.injured.min) == (2, 30)


def test_a_reason_with_no_day_of_its_own_is_still_no_incident() -> None:
    found = drafts(
        "On Tuesday, the United States struck two sites in Syria in retaliation for the "
        "attacks on its forces."
    )
    assert [d.kind for d in found] == ["strike"]
    assert found[0].date == dt.date(2024, 3, 5)
