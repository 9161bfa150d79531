"""Finding incidents and their fields: general patterns, checked on seeds and fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.importer.article import Article, Block
from generator.importer.casualties import Range, figures
from generator.importer.extract import DraftIncident, extract
from generator.importer.gazetteer import Gazetteer, compatible
from generator.importer.numbers import value
from generator.importer.reader import read_article

from .conftest import FIXTURES, SEEDS

GAZ = Gazetteer.load()
TODAY = dt.date(2026, 1, 1)


def drafts(path: Path, published: dt.date | None = None) -> list[DraftIncident]:
    article = read_article(path)
    if published:
        article.published = published
    return extract(article, GAZ, TODAY).incidents


def text_article(
    *paragraphs: str, published: dt.date | None = None, language: str = "en"
) -> Article:
    raw = "\n".join(paragraphs)
    return Article(
        [Block(p) for p in paragraphs], raw, "text", published=published, language=language
    )


def test_places_fold_accents_case_and_transliteration() -> None:
    for text, base in (
        ("la base aérienne d’Aïn Al-Assad (Ain)", "ain-al-asad"),
        ("sur la base aérienne d’Al-Assad (Ain).", "ain-al-asad"),
        ("Ain al-Asad airbase", "ain-al-asad"),
        ("celle d’al-Harir, au Kurdistan d’Irak (nord)", "al-harir"),
        ("la base d'al-Chaddadi", "al-shaddadi"),
    ):
        assert GAZ.places_in(text)[0].what.base == base, text
    province = GAZ.places_in("dans la province de Kirkouk (nord)")[0].what
    assert (province.precision, province.admin1, province.country) == ("admin1", "Kirkouk", "IQ")
    assert GAZ.places_in("in Kirkuk province")[0].what.admin1 == "Kirkouk"
    country = GAZ.places_in("une attaque en Irak")[0].what
    assert (country.precision, country.country) == ("country", "IQ")
    west = GAZ.places_in("dans l’ouest de l’Irak")[0].what
    assert compatible(west, GAZ.base_place("ain-al-asad"))
    assert not compatible(west, GAZ.base_place("al-harir"))


def test_actors_through_aliases_and_paraphrase() -> None:
    def ids(text: str) -> list[str]:
        return [f.what for f in GAZ.actors_in(text)]

    assert ids("revendiquée par la « Résistance islamique en Irak »") == [
        "islamic-resistance-in-iraq"
    ]
    assert ids("des factions armées irakiennes proches de l’Iran") == ["pro-iran-iraqi-factions"]
    assert ids("Iran-backed militias") == ["pro-iran-iraqi-factions"]
    assert ids("les Brigades du Hezbollah ont exigé") == ["kataib-hezbollah"]


def test_numbers_and_casualties_in_words_and_digits() -> None:
    assert [
        value(w) for w in ("huit", "vingt-cinq", "quatre-vingt-dix", "twenty-one", "2 500")
    ] == [8, 25, 90, 21, 2500]

    def read(text: str) -> list[tuple[str, Range]]:
        return [(f.what, f.range) for f in figures(text)]

    assert read("Les cinq personnes ont été tuées.") == [("killed", Range(5, 5))]
    assert read("Plusieurs Américains ont été blessés") == [("injured", Range(2, None))]
    assert read("ont tué tôt mercredi au moins huit combattants") == [("killed", Range(8, None))]
    assert read("« Aucune victime et aucun dommage »") == [
        ("killed", Range(0, 0)),
        ("injured", Range(0, 0)),
    ]
    assert read("ce qui a mené à des blessures mineures") == [("injured", Range(1, None))]
    assert read("killed three U.S. troops and wounded more than 40") == [
        ("killed", Range(3, 3)),
        ("injured", Range(41, None)),
    ]
    assert read("a été tué mercredi 7 février") == []  # a date is not a count


def test_seed_000_attack_and_strike_with_their_fields() -> None:
    attack, strike = sorted(drafts(next(SEEDS.glob("000_*"))), key=lambda d: d.kind)
    assert (attack.kind, attack.place.base, attack.weapons) == ("attack", "ain-al-asad", ["drone"])
    assert attack.date == dt.date(2023, 12, 6) and attack.date_precision == "approximate"
    assert (attack.killed, attack.injured) == (Range(0, 0), Range(0, 0))
    assert attack.claimed_by == ["islamic-resistance-in-iraq"]
    assert attack.status == "confirmed"
    # '3 décembre' with no year and no publication date: the year is inferred, so flagged
    assert strike.date == dt.date(2023, 12, 3) and strike.date_precision == "approximate"
    assert strike.date_window is not None and strike.date_window[0] == dt.date(2023, 12, 3)
    assert (strike.place.admin1, strike.place.precision) == ("Kirkouk", "admin1")
    assert strike.killed == Range(5, 5) and strike.claimed_by == ["united-states"]
    assert strike.weapons == ["airstrike"]  # the drone in the sentence was the target's


def test_seed_003_pentagon_cannot_confirm_is_disputed() -> None:
    (attack,) = drafts(next(SEEDS.glob("003_*")))
    assert attack.status == "disputed"
    assert attack.date == dt.date(2023, 10, 21)


def test_seed_004_two_dates_two_incidents_and_a_recalled_strike() -> None:
    found = drafts(next(SEEDS.glob("004_*")))
    assert [(d.date.isoformat(), d.kind) for d in found] == [
        ("2024-07-16", "attack"),
        ("2024-07-25", "attack"),
        ("2024-07-30", "strike"),
        ("2024-08-05", "attack"),
    ]
    assert found[2].place.name_fr == "Au sud de Bagdad"
    assert found[3].injured == Range(2, None) and found[3].claimed_by == []


def test_aggregate_statements_are_not_incidents() -> None:
    assert drafts(FIXTURES / "en_iraq_talks.txt", dt.date(2024, 1, 27)) == []
    article = text_article(
        "Au total, Washington a recensé au moins 78 attaques menées depuis le 17 octobre "
        "contre ses troupes en Irak et en Syrie.",
        "Washington a aussi bombardé à trois reprises en Syrie des sites liés à l'Iran.",
        "De telles attaques étaient courantes au début de la guerre.",
        language="fr",
    )
    assert extract(article, GAZ, TODAY).incidents == []


def test_negated_and_threatened_attacks_are_not_incidents() -> None:
    article = text_article(
        "U.S. troops in Syria had not been attacked since April, officials said.",
        "Kataib Hezbollah threatened to attack U.S. forces at Ain al-Asad if the strikes "
        "continued.",
        published=dt.date(2024, 8, 1),
    )
    assert extract(article, GAZ, TODAY).incidents == []


def test_english_publication_date_resolves_weekdays() -> None:
    erbil, strike = drafts(FIXTURES / "en_afp_erbil.txt", dt.date(2023, 12, 26))
    assert (erbil.date, erbil.date_precision, erbil.place.base) == (
        dt.date(2023, 12, 25),
        "day",
        "erbil-air-base",
    )
    assert erbil.injured == Range(3, 3) and erbil.claimed_by == ["islamic-resistance-in-iraq"]
    assert (strike.date, strike.place.admin1) == (dt.date(2023, 12, 26), "Babil")
    assert (strike.killed, strike.injured) == (Range(1, 1), Range(18, 18))


def test_claims_counted_then_told_one_by_one() -> None:
    found = drafts(FIXTURES / "fr_syrie_conoco.txt", dt.date(2023, 10, 23))
    assert [(d.place.base, d.claimed_by, d.status) for d in found] == [
        ("conoco", ["islamic-resistance-in-iraq"], "reported"),
        ("green-village", ["islamic-resistance-in-iraq"], "reported"),
    ]


def test_quotes_are_verbatim_in_the_file() -> None:
    from generator.records.text import normalise_quote

    for path in sorted(SEEDS.glob("*.txt")):
        raw = normalise_quote(path.read_text("utf-8"))
        for draft in drafts(path):
            assert normalise_quote(draft.quote) in raw, (path.name, draft.quote[:60])


def test_conjoined_victims_are_added_up() -> None:
    def read(text: str) -> list[tuple[str, Range]]:
        return [(f.what, f.range) for f in figures(text)]

    assert read(
        "killed a U.S. contractor and wounded five service members and another contractor"
    ) == [("killed", Range(1, 1)), ("injured", Range(6, 6))]
    assert read("injuring several U.S. personnel and an Iraqi service member") == [
        ("injured", Range(3, None))
    ]
