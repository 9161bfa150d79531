"""Issue 13 item 14: deep nesting in linear time, deep JSON-LD and control characters do
not stop a batch, and a declared charset that does not fit the bytes is flagged."""

from __future__ import annotations

import time
from pathlib import Path

from generator.importer.drafts import quote_text
from generator.importer.published import option
from generator.importer.run import import_files
from generator.records.loader import parse

PARAGRAPHS = (
    "<p>Une attaque de drone a visé mercredi la base d'Aïn al-Assad, dans l'ouest de "
    "l'Irak, sans faire de victimes, a indiqué un responsable américain à l'AFP.</p>"
    "<p>La Résistance islamique en Irak a revendiqué l'attaque dans un communiqué publié "
    "sur Telegram, selon lequel deux drones ont été lancés contre la base.</p>"
)
PUBLISHED = option("2024-01-10")


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        f"<!DOCTYPE html><html lang='fr'><head>{head}<title>Irak</title></head>"
        f"<body>{body}</body></html>"
    )


def run(project: Path, *files: Path):  # noqa: ANN201 - the results of import_files
    return import_files(list(files), project / "content" / "incidents", published=PUBLISHED)


def test_twenty_thousand_nested_divs_in_linear_time(project: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text(page("<div>" * 20_000 + PARAGRAPHS + "</div>" * 20_000), encoding="utf-8")
    started = time.perf_counter()
    (result,) = run(project, deep)
    elapsed = time.perf_counter() - started
    assert result.error is None and result.outcomes, result.line()
    assert elapsed < 20, elapsed  # 80 s before, with the time growing with depth squared


def test_deep_json_ld_and_an_escape_do_not_stop_the_batch(project: Path, tmp_path: Path) -> None:
    jsonld = tmp_path / "jsonld.html"
    script = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    jsonld.write_text(page("<article>" + PARAGRAPHS + "</article>", script), encoding="utf-8")
    escape = tmp_path / "escape.txt"
    escape.write_text(
        "Attaque en Irak\nUne attaque de drone a visé mercredi la base d'Aïn al-Assad, "
        "\x1b[31msans faire de victimes\x1b[0m, a indiqué un responsable américain à l'AFP.\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.html"
    good.write_text(page("<article>" + PARAGRAPHS + "</article>"), encoding="utf-8")
    results = run(project, jsonld, escape, good)
    assert [r.error for r in results] == [None, None, None], [r.line() for r in results]
    assert all(r.outcomes for r in results)
    assert any("control character" in item for item in results[1].review)
    written = [o.path for o in results[1].outcomes if o.path]
    assert written and "\x1b" not in written[0].read_text("utf-8")
    source = parse(written[0].read_text("utf-8"))["sources"][0]
    assert "sans faire de victimes" in quote_text(source)


def test_a_charset_that_does_not_fit_the_bytes_is_flagged(project: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.html"
    latin.write_bytes(page("<article>" + PARAGRAPHS + "</article>").encode("latin-1"))
    declared = tmp_path / "declared.html"
    declared.write_bytes(
        page("<article>" + PARAGRAPHS + "</article>", '<meta charset="iso-8859-1">').encode()
    )
    first, second = run(project, latin, declared)
    assert any("declares UTF-8 but its bytes are not UTF-8" in r for r in first.review)
    assert any("declares ISO-8859-1 but its bytes are UTF-8" in r for r in second.review)
    for result in (first, second):
        assert result.article is not None
        assert "Aïn al-Assad" in " ".join(result.article.paragraphs)
