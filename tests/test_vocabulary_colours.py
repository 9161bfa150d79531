"""The colours of the kinds and statuses are declared in the schema (`x-colours`), and the
build writes them as theme/vocabulary.css: a chronology whose schema adds a kind gives it
its colour there, with no change to the style sheet."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.records import schema as schemas
from generator.records.problems import display_path
from generator.resources import SCHEMA_DIR
from tests.conftest import CONTENT, ROOT
from tests.test_other_region import own_vocabulary, project  # noqa: F401 - a fixture

LINK = '<link rel="stylesheet" href="/theme/vocabulary.css">'


def declared(field: str) -> dict[str, str]:
    data = json.loads((SCHEMA_DIR / "incident.schema.json").read_text("utf-8"))
    return data["properties"][field]["x-colours"]  # type: ignore[no-any-return]


def screen_and_print(css: str) -> tuple[str, str]:
    """(the rules for screens only, the others) of vocabulary.css."""
    found = re.search(r"@media not print \{\n(.*?)\n\}\n", css, re.S)
    assert found, css
    return found[1], css.replace(found[0], "")


def test_the_bundled_colours_come_from_the_schema(real_site: Path) -> None:
    screen, always = screen_and_print((real_site / "theme/vocabulary.css").read_text("utf-8"))
    kinds, statuses = declared("kind"), declared("status")
    assert set(kinds) == {"attack", "strike"} and len(statuses) == 4
    for kind, colour in kinds.items():
        assert f".kind-{kind} {{ background: {colour}; }}" in screen  # printed: outlined
        assert f".key-{kind} {{ border-radius: 2px; background: {colour}; }}" in always
        assert f"svg.chart .{kind} {{ fill: {colour}; }}" in always
    for status, colour in statuses.items():
        assert f".status-{status} {{ background: {colour}; }}" in screen
        assert f".status-box-{status} {{ border-color: {colour}; }}" in always
    style = (real_site / "theme/style.css").read_text("utf-8")
    assert not re.search(r"\.(kind|key|status(-box)?)-(attack|strike|confirmed|claimed)", style)


def test_every_page_with_a_badge_links_the_colours(real_site: Path) -> None:
    badged = 0
    for page in real_site.rglob("*.html"):
        html = page.read_text("utf-8")
        if re.search(r'class="(badge (kind|status)|key key)-', html):
            badged += 1
            assert LINK in html, page.relative_to(real_site)
    assert badged > 20


@pytest.fixture
def own_schema(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:  # noqa: F811
    """The other region's content folder with its own schema (a kind raid), run from the
    project folder; the schema file is yielded, to be given colours."""
    monkeypatch.chdir(project)
    try:
        yield own_vocabulary(project / "content") / "schema" / "incident.schema.json"
    finally:
        schemas.use(CONTENT)  # later tests in this process read the project's schemas again


# The catalog words a new value of each field needs.
WORDS = {"kind": ("{}", "{}s", "kind.{}", "tally_what.{}"), "status": ("{}", "status.{}")}


def colour(path: Path, field: str, given: dict[str, Any], value: str | None = None) -> None:
    """Colours given in the schema at `path`; `value`, if any, added to the vocabulary."""
    data = json.loads(path.read_text("utf-8"))
    data["properties"][field]["x-colours"] |= given
    if value is not None:
        data["properties"][field]["enum"].append(value)
        for po in path.parent.parent.glob("locale/*/LC_MESSAGES/messages.po"):
            entries = "".join(
                f'\nmsgid "{w.format(value)}"\nmsgstr "{value}"\n' for w in WORDS[field]
            )
            po.write_text(po.read_text("utf-8") + entries, "utf-8")
    path.write_text(json.dumps(data, indent=2), "utf-8")


def build() -> Any:
    return CliRunner().invoke(cli, ["build", "--content", "content", "--output", "output"])


def test_a_kind_of_the_chronologys_own_schema_gets_its_colour(own_schema: Path) -> None:
    colour(own_schema, "kind", {"raid": "#2f6f3e"})
    colour(own_schema, "status", {"rumoured": "#707070"})
    result = build()
    assert result.exit_code == 0, result.output
    screen, always = screen_and_print(Path("output/theme/vocabulary.css").read_text("utf-8"))
    assert ".kind-raid { background: #2f6f3e; }" in screen
    assert ".status-rumoured { background: #707070; }" in screen
    assert ".key-raid { border-radius: 2px; background: #2f6f3e; }" in always
    assert "svg.chart .raid { fill: #2f6f3e; }" in always
    assert ".kind-attack { background: #9b1c1c; }" in screen  # the bundled kinds keep theirs
    assert LINK in Path("output/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("field", "given", "value", "message"),
    [
        ("kind", {"raid": "green"}, None, "expected a colour written #rrggbb, got 'green'"),
        ("kind", {"raid": "#2f6f3"}, None, "expected a colour written #rrggbb, got '#2f6f3'"),
        ("kind", {"ambush": "#2f6f3e"}, None, "'ambush' is not a kind of the schema"),
        ("status", {"Rumoured_": "#707070"}, "Rumoured_", "'Rumoured_' names a CSS class"),
        ("kind", {"grid": "#2f6f3e"}, "grid", "'grid' is already a class of the pages"),
    ],
)
def test_a_bad_colour_is_refused_naming_the_schema(
    own_schema: Path, field: str, given: dict[str, str], value: str | None, message: str
) -> None:
    colour(own_schema, field, given, value)
    result = build()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    key = next(iter(given))
    where = f"{display_path(own_schema)}: error: properties.{field}.x-colours.{key}: {message}"
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(where), result.output
    assert errors[0].endswith("(schema-colour)")
    assert not Path("output/index.html").exists()  # nothing was built
    checked = CliRunner().invoke(cli, ["validate", "--content", "content"])
    assert checked.exit_code == 1, checked.output  # the editor's check says it too
    assert [line for line in checked.output.splitlines() if ": error: " in line] == errors


def test_a_build_into_the_same_folder_follows_a_new_colour(own_schema: Path) -> None:
    """Each build is its own process (as `chronology build` is; the preview starts again on
    a schema edit): the second, into the folder the first made, writes the new colour, and
    a third with nothing changed keeps the file."""

    def build_apart() -> str:
        done = subprocess.run(
            [sys.executable, "-c", "from generator.cli import main; main()", "build"]
            + ["--content", "content", "--output", "output", "--no-search"],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return Path("output/theme/vocabulary.css").read_text("utf-8")

    colour(own_schema, "kind", {"raid": "#2f6f3e"})
    assert ".kind-raid { background: #2f6f3e; }" in build_apart()
    colour(own_schema, "kind", {"raid": "#6f2f5e"})
    again = build_apart()
    assert ".kind-raid { background: #6f2f5e; }" in again and "#2f6f3e" not in again
    assert build_apart() == again
