"""Round 6's reading rules, each on a made-up sentence.

Status follows the schema in every labelled set now (tests/importer/labels brought to it):
`confirmed` only when the US, the coalition or the force struck says it, `claimed` when only
a claim supports it, `reported` otherwise, including an article that names no source.
"""

from __future__ import annotations

import datetime as dt

from tests.importer.made_up import drafts


def test_an_attack_told_with_no_source_is_reported_not_confirmed() -> None:
    (draft,) = drafts("Two rockets hit the Ain al-Asad air base on Monday.")
    assert draft.status == "reported"


def test_a_claim_backed_by_a_monitor_is_reported() -> None:
    (draft,) = drafts(
        "Rockets hit the Conoco base in eastern Syria on Monday, the Syrian Observatory for "
        "Human Rights said.",
        "The Islamic Resistance in Iraq claimed the attack on Telegram.",
    )
    assert draft.claimed_by == ["islamic-resistance-in-iraq"]
    assert draft.status == "reported"


def test_a_claim_alone_is_claimed_and_a_us_official_confirms() -> None:
    (claimed,) = drafts(
        "The Islamic Resistance in Iraq said it attacked the Ain al-Asad air base with drones "
        "on Monday."
    )
    assert claimed.status == "claimed"
    (confirmed,) = drafts("Drones hit the al-Tanf garrison on Monday, a US official said.")
    assert confirmed.status == "confirmed"


def test_the_gazetteer_knows_the_usual_spellings() -> None:
    from tests.importer.made_up import GAZ

    for text, city, admin1 in (
        ("a strike on Jurf al-Sakhr", "Jurf al-Sakhar", "Babil"),
        ("des frappes sur Jurf al Saqr", "Jurf al-Sakhar", "Babil"),
        ("near Al-Qa'im", "Al-Qaim", "Anbar"),
        ("a drone over al-Malikiyah", "Al-Malikiyah", "Hassaké"),
    ):
        (found,) = GAZ.places_in(text)
        assert (found.what.name_en, found.what.admin1) == (city, admin1), text


def test_the_operation_is_the_event_just_told() -> None:
    (strike,) = drafts(
        "US forces carried out air strikes on several militia depots in Iraq.",
        "The Pentagon said on Tuesday that the operation killed a number of fighters.",
        published="2024-03-06",
    )
    assert strike.kind == "strike" and strike.killed.min == 2
    assert strike.date.isoformat() == "2024-03-05"  # the day the Pentagon spoke, flagged
    assert "date" in strike.review


def test_a_doubt_about_civilians_does_not_dispute_the_strike() -> None:
    (strike,) = drafts(
        "US forces struck a militia headquarters in western Iraq on Monday, the Pentagon said.",
        "The Pentagon added that there was no indication that the strike harmed any civilians.",
    )
    assert strike.status == "confirmed"


def test_the_towns_told_after_the_strike_give_its_province() -> None:
    (strike,) = drafts(
        "US forces struck two sites in eastern Syria on Sunday, the Pentagon said.",
        "The defence secretary said the strikes hit a depot near the towns of Abu Kamal and "
        "Mayadin.",
    )
    assert (strike.place.admin1, strike.place.level) == ("Deir Ezzor", 2)


def test_one_town_among_others_leaves_the_country() -> None:
    (strike,) = drafts(
        "Des frappes américaines ont visé vendredi des positions de groupes armés dans l'ouest "
        "de l'Irak, notamment dans le secteur d'Al-Qaïm, selon deux sources sécuritaires.",
        language="fr",
    )
    assert strike.place.admin1 is None


def test_a_province_lies_within_its_direction_either_way_round() -> None:
    from generator.importer.gazetteer import compatible
    from tests.importer.made_up import GAZ

    province = GAZ.admin1_place("Deir ez-Zor")
    (east,) = [f.what for f in GAZ.places_in("in eastern Syria")]
    assert province is not None
    assert compatible(province, east) and compatible(east, province)


def test_a_strike_no_one_claims_is_reported_not_claimed() -> None:
    (strike,) = drafts(
        "Une frappe a tué trois membres d'une milice près de Bagdad lundi, selon des sources "
        "sécuritaires irakiennes.",
        language="fr",
    )
    assert strike.kind == "strike" and strike.claimed_by == []
    assert strike.status == "reported"


def test_a_day_without_its_year_after_the_dates_pinned_is_not_a_year_back() -> None:
    """No publication date: '2 February' after '28 January 2024' is the February after."""
    found = drafts(
        "On 28 January 2024, a drone struck Tower 22 in Jordan, killing three US soldiers, the "
        "Pentagon said.",
        "The US military carried out strikes on militia sites in Iraq and Syria on 2 February, "
        "the Pentagon said.",
        published=None,
    )
    strikes = [d for d in found if d.kind == "strike"]
    assert strikes and {d.date.isoformat() for d in strikes} == {"2024-02-02"}


def test_last_tuesday_said_on_a_tuesday_is_a_week_before() -> None:
    for text, language in (
        (
            "Last Tuesday, the Pentagon said US forces carried out a strike on fighters in Babil "
            "province.",
            "en",
        ),
        (
            "Mardi dernier, le Pentagone a annoncé une frappe américaine contre des combattants "
            "dans la province de Babil.",
            "fr",
        ),
    ):
        (strike,) = drafts(text, published="2024-08-06", language=language)  # a Tuesday
        assert strike.date.isoformat() == "2024-07-30", text
    (strike,) = drafts(
        "Last Tuesday, US forces carried out a strike on fighters in Babil province.",
        published="2024-08-08",  # a Thursday: two days before
    )
    assert strike.date.isoformat() == "2024-08-06"


_THAT_DAY = (
    "Washington, 12 mars (Agence) Des responsables américains ont déclaré le 11 qu'une base "
    "américaine dans l'est de la Syrie avait été visée par un drone ce jour-là.",
    "Le 7, une base aérienne dans l'ouest de l'Irak a été visée par des roquettes.",
)


def test_the_day_told_with_that_day_is_the_events_and_the_next_day_alone_its_months() -> None:
    """'ont déclaré le 11 que ... ce jour-là' dates the attack the 11th, not the dateline's
    12th; 'Le 7' after it is in March, not April (the 11th is no entry of a list)."""
    for published in ("2024-03-12", None):
        found = drafts(*_THAT_DAY, published=published, language="fr")
        attacks = sorted(d.date.isoformat()[5:] for d in found if d.kind == "attack")
        assert attacks == ["03-07", "03-11"], published


def test_a_wire_dateline_with_its_date_is_not_the_events_day() -> None:
    found = drafts(
        "Washington, Feb 9 (IANS) US forces struck a militia commander in Baghdad on "
        "Wednesday, the Pentagon said, after the deadly attack on US troops in Jordan in late "
        "January.",
        "The strike answered a drone attack on a US base in Jordan on January 28, in which three "
        "US soldiers were killed.",
        published=None,
    )
    attacks = [d for d in found if d.kind == "attack"]
    assert [d.date.isoformat() for d in attacks] == ["2024-01-28"]  # one: late January is it


def test_the_dateline_forms_of_the_wires() -> None:
    from generator.importer import lexicon as lx

    for line in ("Washington, Feb 8 (IANS) ", "Agence Xinhua, Pékin, 10 août (Xinhua) "):
        match = lx.DATELINE.match(line + "Des responsables ont déclaré")
        assert match is not None and match.group() == line
    assert lx.DATELINE.match("Mr Smith, the envoy (AP) said") is None


def test_a_day_weeks_after_the_publication_date_is_flagged_with_its_year_unknown() -> None:
    """'Date: 28 January 2024' read as the publication date, then 'on 2 February': the year
    before is shown, flagged, the window holding the February after."""
    found = drafts(
        "The US military carried out strikes on militia sites in Iraq and Syria on 2 February, "
        "the Pentagon said.",
        published="2024-01-28",
    )
    assert found
    for strike in found:
        assert "date" in strike.review and strike.date_window is not None
        low, high = strike.date_window
        assert low <= dt.date(2024, 2, 2) <= high


def test_the_day_they_spoke_is_the_events_when_they_say_that_day() -> None:
    from generator.importer.dates import find_dates

    (said,) = find_dates("US officials said on Friday that a drone attacked the base that day.")
    assert (said.text, said.role) == ("Friday", "event")
    (said,) = find_dates("US officials said on Friday that a drone attacked the base.")
    assert said.role == "speech"
