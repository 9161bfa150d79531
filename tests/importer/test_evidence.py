"""Issue 16 item 5: drafts carry the evidence contract — each quote with the fields it
supports, a basis for what the importer inferred."""

from __future__ import annotations

from pathlib import Path

from generator.importer.drafts import evidence_contract
from generator.importer.evidence import basis_of, quotes_of
from generator.importer.extract import extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.reader import read_article
from generator.importer.run import import_files

from .conftest import FIXTURES

GAZ = Gazetteer.load()


def tower22():  # noqa: ANN201 - a DraftIncident
    article = read_article(FIXTURES / "en_reuters_tower22.html")
    return next(d for d in extract(article, GAZ).incidents if d.place.base == "tower-22")


def test_each_quote_says_what_it_supports_and_the_rest_has_a_basis() -> None:
    draft = tower22()
    quotes = quotes_of(draft, draft.evidence, GAZ)
    first = quotes[0]
    assert first["text"] == draft.quote
    assert {"place", "kind", "weapons", "killed", "injured"} <= set(first["supports"])
    # every quote is the article's own text
    article = read_article(FIXTURES / "en_reuters_tower22.html")
    assert all(q["text"] in article.quote_source for q in quotes)
    basis = basis_of(draft, quotes)
    # "Sunday" is counted from the publication date: inferred, with the reasoning
    assert basis["date"]["how"] == "inferred"
    assert "publication date" in basis["date"]["note"]["en"] and basis["date"]["note"]["fr"]
    # "at least 34": the open range is explained
    assert basis["injured"]["note"]["en"].startswith("At least 34")


def test_a_field_no_quote_states_is_never_said_to_be_supported() -> None:
    draft = tower22()
    for quote in quotes_of(draft, draft.evidence, GAZ):
        if "claimed_by" in quote["supports"]:
            assert "claim" in quote["text"].lower()


def test_drafts_show_the_evidence_under_the_schema_in_use(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    (result,) = import_files([FIXTURES / "en_reuters_tower22.html"], out)
    record = next(o.path for o in result.outcomes if o.path and "tower-22" in o.path.name)
    text = record.read_text("utf-8")
    if evidence_contract():
        assert "quotes:" in text and "supports:" in text and "basis:" in text
    else:  # the schema still takes one quote: the evidence is in the header, for review
        assert "# evidence: quote 1 supports" in text
        assert "# evidence: date inferred:" in text
