"""Date expressions and how they resolve, with and without a publication date."""

from __future__ import annotations

import datetime as dt

from generator.importer.dates import DateContext, find_dates

TODAY = dt.date(2026, 1, 1)


def context(*sentences: str, published: dt.date | None = None, war: bool = True) -> DateContext:
    mentions = [m for s in sentences for m in find_dates(s)]
    return DateContext(mentions, published, war, TODAY)


def resolve(ctx: DateContext, sentence: str) -> tuple[dt.date, str]:
    found = ctx.resolve(find_dates(sentence)[0])[0]
    return found.date, found.precision


def test_weekday_against_publication_date() -> None:
    ctx = context("mercredi", published=dt.date(2023, 12, 7))  # a Thursday
    assert resolve(ctx, "Mercredi matin, un drone") == (dt.date(2023, 12, 6), "day")
    assert resolve(ctx, "Hier, des roquettes") == (dt.date(2023, 12, 6), "day")
    assert resolve(ctx, "on Thursday") == (dt.date(2023, 12, 7), "day")
    assert resolve(ctx, "au cours des dernières 24 heures")[1] == "approximate"


def test_day_and_month_take_the_year_of_publication() -> None:
    ctx = context(published=dt.date(2024, 1, 5))
    assert resolve(ctx, "Le 3 décembre, la coalition") == (dt.date(2023, 12, 3), "day")
    assert resolve(ctx, "on Dec. 28") == (dt.date(2023, 12, 28), "day")


def test_weekday_with_day_and_month_pins_the_year() -> None:
    ctx = context("une attaque lundi 5 août.", "lundi")
    assert resolve(ctx, "lundi 5 août") == (dt.date(2024, 8, 5), "day")
    assert resolve(ctx, "blessés lundi") == (dt.date(2024, 8, 5), "day")
    assert resolve(ctx, "Deux attaques, les 16 et 25 juillet.")[0] == dt.date(2024, 7, 16)
    assert [r.date for r in ctx.resolve(find_dates("les 16 et 25 juillet")[0])] == [
        dt.date(2024, 7, 16),
        dt.date(2024, 7, 25),
    ]


def test_weekday_after_a_dated_event_without_publication_date() -> None:
    ctx = context("Le 3 décembre, la coalition avait mené une frappe", "Mercredi matin, un drone")
    assert ctx.basis == "inferred"
    assert resolve(ctx, "Mercredi matin") == (dt.date(2023, 12, 6), "approximate")
    note = ctx.resolve(find_dates("Mercredi matin")[0])[0].note
    assert "3 décembre" in note and "check" in note


def test_weekdays_of_one_article_fall_in_one_week_after_the_campaign_start() -> None:
    ctx = context(
        "visée samedi par une attaque", "cinq attaques depuis mercredi", "le Hamas le 7 octobre"
    )
    assert resolve(ctx, "samedi") == (dt.date(2023, 10, 21), "approximate")


def test_english_expressions() -> None:
    found = find_dates(
        "On Jan. 20, a barrage struck; since Oct. 17 there were more, "
        "officials said on Sunday, and late Tuesday two drones came."
    )
    assert [(m.text, m.role) for m in found] == [
        ("Jan. 20", "event"),
        ("Oct. 17", "range"),
        ("Sunday", "speech"),
        ("Tuesday", "event"),
    ]


def test_speech_and_range_roles() -> None:
    found = find_dates(
        "Les deux responsables ont déclaré mardi soir à Reuters que la base "
        "attaquée depuis le 17 octobre"
    )
    assert [(m.text, m.role) for m in found] == [("mardi", "speech"), ("le 17 octobre", "range")]


def test_nothing_to_anchor_a_weekday() -> None:
    """No date anywhere: a window from the campaign's start to the import, flagged; the
    draft never shows the day of the import."""
    ctx = context("mercredi", war=False)
    assert ctx.now is None
    (found,) = ctx.resolve(find_dates("mercredi")[0])
    assert found.precision == "approximate" and found.date == dt.date(2023, 10, 18)
    assert found.window == (dt.date(2023, 10, 18), TODAY)
    assert "Date unknown" in found.note


def test_a_guessed_year_is_approximate() -> None:
    ctx = context("après une attaque contre la même base le 16 juillet", war=False)
    found = ctx.resolve(find_dates("le 16 juillet")[0])[0]
    assert found.precision == "approximate" and "Check the year" in found.note


def test_a_month_only_publication_shows_a_day_of_that_month() -> None:
    # published some day of March 2024: "dimanche" is a Sunday of March, or of the six
    # days before it; the day shown is never one of February
    mentions = find_dates("Un drone a visé dimanche une base")
    ctx = DateContext(mentions, dt.date(2024, 3, 1), True, TODAY, month_only=True)
    (found,) = ctx.resolve(mentions[0])
    assert found.date == dt.date(2024, 3, 3) and found.precision == "approximate"
    assert found.window == (dt.date(2024, 2, 25), dt.date(2024, 3, 31))
