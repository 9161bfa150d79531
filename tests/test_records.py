"""The records written from the five seed articles: complete, verbatim, and valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.records.checks import load_chronology
from generator.records.text import normalise_quote
from tests.conftest import CONTENT, SEEDS, SHARED

# Every incident the seeds describe (attacks and strikes), worked out by hand from the text.
# "reported": the article states it with no confirmation by the forces and no claim quoted.
EXPECTED = {
    "2023-10-17-syria-strike": ("strike", None, "reported"),
    "2023-10-17-syria-strike-2": ("strike", None, "reported"),
    "2023-10-17-syria-strike-3": ("strike", None, "reported"),
    "2023-10-18-baghdad-airport-attack": ("attack", None, "reported"),
    "2023-10-18-ain-al-asad-attack": ("attack", "ain-al-asad", "confirmed"),
    "2023-10-18-al-harir-attack": ("attack", "al-harir", "confirmed"),
    "2023-10-21-ain-al-asad-attack": ("attack", "ain-al-asad", "disputed"),
    "2023-11-21-ain-al-asad-attack": ("attack", "ain-al-asad", "reported"),
    "2023-11-21-iraq-strike": ("strike", None, "reported"),
    "2023-11-22-iraq-strike": ("strike", None, "confirmed"),
    "2023-12-03-kirkuk-strike": ("strike", None, "confirmed"),
    "2023-12-06-ain-al-asad-attack": ("attack", "ain-al-asad", "confirmed"),
    "2024-07-16-iraq-attack": ("attack", None, "reported"),
    "2024-07-25-iraq-attack": ("attack", None, "reported"),
    "2024-07-30-south-of-baghdad-strike": ("strike", None, "confirmed"),
    "2024-08-05-ain-al-asad-attack": ("attack", "ain-al-asad", "confirmed"),
}


def test_every_seed_incident_has_a_record_with_the_right_facts() -> None:
    chron = load_chronology(CONTENT)
    found = {i.id: (i.kind, i.base.id if i.base else None, i.status) for i in chron.incidents}
    assert found == EXPECTED


def test_every_quote_is_verbatim_in_its_seed() -> None:
    chron = load_chronology(CONTENT)
    cited = [s for i in chron.incidents for s in i.sources]
    cited += [s for st in chron.statements for s in st.sources]
    assert cited, "no sources at all"
    for source in cited:
        assert source.seed, f"{source.outlet}: seed sources carry their file name"
        text = normalise_quote((SEEDS / source.seed).read_text("utf-8"))
        for quote in source.quotes:
            assert normalise_quote(quote.text) in text, quote.text[:80]


def test_every_record_says_what_each_quote_supports() -> None:
    """The records of this chronology are held to the evidence rules: none is legacy."""
    chron = load_chronology(CONTENT)
    assert not [i.id for i in chron.incidents if i.legacy]
    for incident in chron.incidents:
        assert all(q.supports for s in incident.sources for q in s.quotes), incident.id


def test_every_seed_is_cited() -> None:
    chron = load_chronology(CONTENT)
    cited = {s.seed for i in chron.incidents for s in i.sources}
    assert cited == {p.name for p in Path(SEEDS).glob("*.txt")}


def test_seed_files_are_unchanged_copies_of_the_shared_articles() -> None:
    originals = SHARED / "seeds"
    if not originals.is_dir():
        pytest.skip(f"needs the shared articles in {originals}")
    for seed in SEEDS.glob("*.txt"):
        original = originals / seed.name
        assert original.exists(), f"{seed.name} is not one of the shared articles"
        assert seed.read_bytes() == original.read_bytes(), seed.name


def test_aggregate_figures_are_statements_with_citations_not_incidents() -> None:
    chron = load_chronology(CONTENT)
    texts = " ".join(s.text["fr"] for s in chron.statements)
    assert "78" in texts and "60" in texts and "175" in texts
    assert all(s.sources for s in chron.statements)
