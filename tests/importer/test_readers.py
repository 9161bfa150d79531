"""Reading articles: HTML body and metadata, pasted text cleaned without losing a sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer.article import ArticleError
from generator.importer.html import parse_html
from generator.importer.reader import read_article
from generator.importer.text import parse_text

from .conftest import FIXTURES, SEEDS


def seed(n: int) -> Path:
    return next(SEEDS.glob(f"{n:03d}_*.txt"))


def body(path: Path) -> str:
    return "\n".join(b.text for b in read_article(path).blocks)


def test_html_metadata_from_open_graph_json_ld_and_canonical() -> None:
    article = read_article(FIXTURES / "en_reuters_tower22.html")
    assert article.format == "html"
    assert article.title == (
        "Three US troops killed in drone attack in Jordan, Biden blames Iran-backed groups"
    )
    assert article.outlet == "Reuters"
    assert article.author == "Phil Stewart, Idrees Ali"
    assert article.published == dt.date(2024, 1, 28)
    assert article.url == (
        "https://www.reuters.com/world/middle-east/"
        "three-us-troops-killed-drone-attack-jordan-2024-01-28/"
    )
    assert article.language == "en"


def test_html_metadata_from_json_ld_only() -> None:
    article = read_article(FIXTURES / "en_ap_syria_strikes.html")
    assert article.published == dt.date(2023, 10, 27)
    assert article.author == "Lolita C. Baldor"
    assert article.outlet == "AP News"
    assert article.url == "https://apnews.com/article/us-strikes-syria-iran-attacks-0a1b2c3d"


def test_french_page_keeps_the_article_and_drops_the_junk() -> None:
    article = read_article(FIXTURES / "fr_lemonde_bagdad.html")
    assert article.language == "fr"
    assert article.outlet == "Le Monde"
    assert article.published == dt.date(2024, 2, 8)
    text = "\n".join(b.text for b in article.blocks)
    for kept in (
        "a été tué mercredi 7 février au soir dans une frappe de drone américaine",
        "Depuis la mi-octobre, plus de 165 attaques",
        "Washington accuse ce responsable d’avoir planifié",
    ):
        assert kept in text
    for dropped in (
        "Quelle honte",
        "Partager sur",
        "Lire aussi",
        "cookies",
        "Accueil",
        "AHMAD AL-RUBAYE",
        "réservée aux abonnés",
        "Tags",
        "Mentions légales",
        "Une attaque de plus",
    ):
        assert dropped not in text


def test_html_page_metadata_details() -> None:
    html = b"""<html lang="en-GB"><head><meta property="og:site_name" content="The Paper">
    <meta property="article:published_time" content="2024-03-02T23:30:00-05:00">
    <link rel="canonical" href="https://paper.example/a/1"></head><body><main>
    <article><h1>Rockets hit base</h1><p>Rockets hit a base housing US troops in Syria on
    Saturday, a US official said, adding that no one was hurt in the attack that evening.</p>
    <p>Read more: Other story</p><p>The Islamic Resistance in Iraq said it had fired the
    rockets at the base, which hosts US forces fighting the Islamic State group.</p>
    </article></main></body></html>"""
    article = parse_html(html)
    assert (article.title, article.outlet, article.url) == (
        "Rockets hit base",
        "The Paper",
        "https://paper.example/a/1",
    )
    assert article.published == dt.date(2024, 3, 2)  # the publisher's own day
    assert article.language == "en"
    assert [b.text[:7] for b in article.blocks] == ["Rockets", "The Isl"]


def test_html_without_an_article_is_refused() -> None:
    html = b"""<html><body><nav><a href="/">Home</a><a href="/world">World</a></nav>
    <div class="search">Search results for "Erbil": 0 results</div>
    <footer>Copyright 2024</footer></body></html>"""
    with pytest.raises(ArticleError, match="no article"):
        parse_html(html)


def test_text_seed_000_body_pasted_twice_keeps_each_sentence_once() -> None:
    text = body(seed(0))
    assert text.count("Mercredi matin") == 1
    assert "©Photo" not in text and "Lire aussi" not in text and "Commentaires" not in text
    assert "Marie de La Roche" not in text  # the byline went to the metadata
    article = read_article(seed(0))
    assert (article.outlet, article.author) == ("AFP", "Marie de La Roche Saint-André")
    assert "Washington a aussi bombardé à trois reprises en Syrie" in text


def test_text_seed_002_drops_hebrew_comments_and_credits() -> None:
    article = read_article(seed(2))
    text = "\n".join(b.text for b in article.blocks)
    assert article.title.startswith("Pour la première fois, les États-Unis attaquent")
    assert not any("\u0590" <= c <= "\u05ff" for c in text)
    for dropped in (
        "S’abonner",
        "guest",
        "Akismet",
        "Commentaires en ligne",
        "Crédit",
        "retirera d'office",
    ):
        assert dropped not in text
    assert "Les États-Unis disposent de 900 soldats en Syrie" in text


def test_text_seed_003_headline_twice_and_share_buttons() -> None:
    article = read_article(seed(3))
    text = "\n".join(b.text for b in article.blocks)
    assert article.title == (
        "New Drone Attack Targets US Troops in Iraq Amid Rising Tensions with Iran"
    )
    assert article.language == "fr"  # the body is French, the pasted headline English
    for dropped in ("Facebook", "Pinterest", "Leave a Comment", "Akismet"):
        assert dropped not in text
    assert "New Drone Attack" not in text


def test_text_seed_004_keeps_the_paragraph_after_the_read_also_box() -> None:
    text = body(seed(4))
    assert "Le Français le plus protégé" not in text
    assert "a revendiqué la responsabilité de la plupart des attaques" in text
    assert "Suivez la couverture complète" not in text


def test_every_sentence_of_the_seeds_survives_cleaning() -> None:
    """Only whole lines are dropped: each kept line is a line of the file, and every line
    that ends like a sentence and is not a duplicate is kept."""
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text("utf-8")
        kept = {b.text for b in read_article(path).blocks}
        for line in raw.splitlines():
            line = line.strip()
            if (
                len(line.split()) > 12
                and line.endswith((".", "»", '"', "”"))
                and "commentaire" not in line.lower()
                and "Akismet" not in line
            ):
                assert line in kept, (path.name, line[:60])


def test_text_published_line_is_read() -> None:
    article = parse_text(
        "Drone attack on base\nPublished August 5, 2024\n"
        "A drone attacked a base housing US troops in Iraq on Monday, "
        "officials said, and no one was hurt in the attack.\n"
    )
    assert article.published == dt.date(2024, 8, 5)
