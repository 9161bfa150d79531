"""Round 7's reading rules, each on a made-up sentence."""

from __future__ import annotations

from tests.importer.made_up import drafts


def test_a_second_mention_of_the_same_strike_does_not_take_its_toll() -> None:
    (strike,) = drafts(
        "The U.S. military conducted a drone strike on Friday, killing four suspected fighters "
        'near Kirkuk in what the U.S. side described as a "self-defense" strike.',
        published="2024-03-05",
    )
    assert (strike.killed.min, strike.killed.max) == (4, 4)
