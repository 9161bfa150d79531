"""Issue 16 item 1: the publication date from the article itself, `--published YYYY-MM`,
`--url`, and never the day of the import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.importer.cli import import_cmd
from generator.importer.extract import extract
from generator.importer.gazetteer import Gazetteer
from generator.importer.html import parse_html
from generator.importer.published import from_line, from_url, option
from generator.importer.reader import read_article
from generator.records.loader import parse

from .conftest import ROOT

TODAY = dt.date(2026, 12, 2)
FRESH = ROOT / "tests" / "importer" / "fixtures" / "fresh"
BODY = (
    "<p>Des roquettes ont été tirées dimanche soir du nord de l'Irak vers une base de la "
    "coalition internationale en Syrie, ont annoncé les forces de sécurité irakiennes.</p>"
    "<p>Il s'agit de la première attaque d'envergure après plusieurs semaines d'accalmie, "
    "selon un responsable américain.</p>"
)


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        (
            "https://www.thenationalnews.com/mena/iraq/2024/01/24/us-iraq-strikes/",
            "2024-01-24",
            "day",
        ),
        ("https://fr.sputniknews.africa/20231024/deux-bases-1063041659.html", "2023-10-24", "day"),
        ("https://www.reuters.com/world/three-us-troops-killed-2024-01-28/", "2024-01-28", "day"),
        ("https://www.i24news.tv/fr/actu/1703567812-les-etats-unis-frappent", "2023-12-26", "day"),
        ("https://worldofribbit.blogspot.com/2023/11/us-gunship.html", "2023-11-01", "month"),
    ],
)
def test_a_date_in_the_address(url: str, expected: str, precision: str) -> None:
    found = from_url(url, TODAY)
    assert found is not None and (found.date.isoformat(), found.precision) == (expected, precision)


def test_no_date_in_the_address_and_none_in_the_future() -> None:
    assert from_url("https://labass.net/?p=80485", TODAY) is None
    assert from_url("https://example.com/2031/01/02/later", TODAY) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("22.04.2024, 08:03", "2024-04-22"),
        ("October. 28, 2023 08:44. by Hyoun-Soo Kim kimhs@donga.com.", "2023-10-28"),
        ("January 23, 2024 - 5:47 pm", "2024-01-23"),
        ("24 janvier 2024, 00h40 GMT Mis à jour il y a 38 minutes", "2024-01-24"),
        ("Publié le 5 août 2024 à 19h30", "2024-08-05"),
    ],
)
def test_a_date_line_under_the_headline(line: str, expected: str) -> None:
    found = from_line(line, TODAY)
    assert found is not None and found.date.isoformat() == expected


def test_pasted_text_with_a_date_line_is_dated_and_the_line_is_not_body() -> None:
    article = read_article(FRESH / "a" / "a09_fr_watson_zummar.txt")
    assert article.published == dt.date(2024, 4, 22)
    assert not any(p.startswith("22.04.2024") for p in article.paragraphs)


def test_itemprop_and_the_canonical_address_date_a_page() -> None:
    page = (
        '<html><body><span itemprop="datePublished">2024-04-22</span>'
        f"<article>{BODY}</article></body></html>"
    )
    assert parse_html(page.encode()).published == dt.date(2024, 4, 22)
    page = (
        '<html><head><link rel="canonical" href="https://infos.fr/en-direct/2024/04/22/x/">'
        f"</head><body><article>{BODY}</article></body></html>"
    )
    article = parse_html(page.encode())
    assert article.published == dt.date(2024, 4, 22) and "address" in (article.published_how or "")


def test_published_takes_a_month_and_refuses_other_forms() -> None:
    assert option("2024-01").precision == "month"
    assert option("2024-01-24").precision == "day"
    with pytest.raises(ValueError, match="YYYY-MM"):
        option("24/01/2024")


def test_a_month_only_publication_gives_a_window_holding_the_day() -> None:
    article = read_article(FRESH / "a" / "a06_en_amu_zummar.txt")
    article.set_published(option("2024-04"))
    (draft,) = [
        d for d in extract(article, Gazetteer.load(), TODAY).incidents if d.kind == "attack"
    ]
    assert draft.date_precision == "approximate" and "date" in draft.review
    assert draft.date_window is not None
    assert draft.date_window[0] <= dt.date(2024, 4, 21) <= draft.date_window[1]


def test_without_any_date_the_draft_is_never_the_day_of_the_import() -> None:
    article = read_article(FRESH / "a" / "a12_fr_ordo_noel.txt")
    assert article.published is None
    for draft in extract(article, Gazetteer.load(), TODAY).incidents:
        assert draft.date != TODAY and draft.date_precision == "approximate"
        assert "date" in draft.review and draft.date_window is not None
        assert draft.date_window[1] == TODAY  # a bound, never the day shown


def test_the_url_option_dates_a_pasted_article(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    article = FRESH / "a" / "a13_fr_tunisiedirect_kirkouk.txt"
    result = CliRunner().invoke(
        import_cmd,
        [str(article), "--out", str(out), "--url", "https://example.org/2023/12/04/frappe/"],
    )
    assert result.exit_code == 0, result.output
    (record,) = [p for p in out.rglob("*strike*.yaml")]
    data = parse(record.read_text("utf-8"))
    assert data["date"] == "2023-12-03" and data["date_precision"] == "day"
    assert data["sources"][0]["url"] == "https://example.org/2023/12/04/frappe/"
    assert data["sources"][0]["published"] == "2023-12-04"


def test_month_published_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    article = FRESH / "a" / "a13_fr_tunisiedirect_kirkouk.txt"
    result = CliRunner().invoke(
        import_cmd, [str(article), "--out", str(out), "--published", "2023-12"]
    )
    assert result.exit_code == 0, result.output
    assert "only the publication month is known" in result.output
    (record,) = [p for p in out.rglob("*strike*.yaml")]
    data = parse(record.read_text("utf-8"))
    assert data["date_precision"] == "approximate" and "published" not in data["sources"][0]


@pytest.mark.parametrize("published", ["2024-08", "2024-08-14", None])
def test_a_windowed_draft_says_what_it_shows(tmp_path: Path, published: str | None) -> None:
    """A record with a window shows its first day (the schema's contract): its note may
    give a guess, never claim the record shows another day."""
    article = tmp_path / "article.txt"
    article.write_text(
        "A drone attacked the Ain al-Asad air base on Sunday, Iraqi security sources said.\n"
        "Rockets were also fired at the al-Tanf garrison, the sources said.\n",
        "utf-8",
    )
    out = tmp_path / "drafts"
    options = ["--published", published] if published else []
    result = CliRunner().invoke(import_cmd, [str(article), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    windowed = 0
    for path in out.rglob("*.yaml"):
        data = parse(path.read_text("utf-8"))
        if "date_window" not in data:
            continue
        windowed += 1
        assert data["date"] == data["date_window"]["from"]
        note = " ".join(data["date_note"].split())
        assert "shows" not in note and "is shown" not in note, note
        assert data["date_window"]["from"] in note and data["date_window"]["to"] in note, note
    assert windowed


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sunday, 11/12/2023", dt.date(2023, 11, 12)),  # month first: 12 November, a Sunday
        ("Monday, 11/12/2023", dt.date(2023, 12, 11)),  # day first: 11 December, a Monday
        ("dimanche 12/11/2023", dt.date(2023, 11, 12)),
        ("Friday, 11/12/2023", None),  # neither reading is a Friday: no anchor
        ("22/04/2024", dt.date(2024, 4, 22)),
    ],
)
def test_a_printed_weekday_settles_a_numeric_date_line(line: str, expected: dt.date | None) -> None:
    found = from_line(line, TODAY)
    assert (found.date if found else None) == expected
