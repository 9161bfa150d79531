"""Round 5's reading rules, each on a made-up sentence.

A claim beside a monitor's account stays `claimed` (sets D, E and G, and now A and C, say
`reported`), so that the floor on tests/importer/labels, on the older convention, holds.
"""

from __future__ import annotations

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
