"""Any text in, no crash out: drafts stay consistent whatever the article looks like."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.fields import vocabulary
from generator.importer.article import ArticleError
from generator.importer.extract import extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.text import parse_text
from generator.records.text import normalise_quote

GAZ = Gazetteer.load()
PIECES = [
    "Une attaque de drone a visé mercredi la base d'Aïn al-Assad",
    "sans faire de victimes",
    "a indiqué un responsable américain",
    "Des frappes américaines ont tué au moins huit combattants",
    "le 3 décembre",
    "lundi 5 août",
    "Three U.S. soldiers were killed",
    "in a drone attack on",
    "Tower 22",
    "the Pentagon said it could not confirm",
    "revendiquée par la Résistance islamique",
    "en Irak",
    "in Syria",
    "au moins 78 attaques depuis le 17 octobre",
    "Lire aussi",
    "Facebook",
    "«",
    "»",
    ",",
    ".",
    "\n",
    "\n\n",
    "plusieurs Américains ont été blessés",
    "Hier, mardi,",
    "la seconde",
    "La frappe",
    "Rockets were fired at",
    "Erbil",
    "no one was hurt",
    "2 500",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=12), min_size=1, max_size=40),
    st.one_of(st.none(), st.dates(dt.date(2023, 10, 1), dt.date(2025, 12, 31))),
)
def test_extraction_never_crashes_and_quotes_stay_verbatim(
    parts: list[str], published: dt.date | None
) -> None:
    text = " ".join(parts)
    try:
        article = parse_text(text)
    except ArticleError:
        return
    article.published = published
    for draft in extract(article, GAZ, dt.date(2026, 1, 1)).incidents:
        assert normalise_quote(draft.quote) in normalise_quote(text)
        assert draft.date <= dt.date(2026, 1, 1)
        for rng in (draft.killed, draft.injured):
            assert rng.min is None or rng.max is None or rng.min <= rng.max
        assert draft.weapons and draft.status in vocabulary("status")
