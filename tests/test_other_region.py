"""Another chronology is one content folder away: a made-up one of Chad and Cameroon
(tests/fixtures/other_region), built by the real `chronology build` with no code change,
has its own pages, country names, map and region, and nothing of the Iraq chronology."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.cli import cli
from generator.records.problems import display_path
from generator.resources import SCHEMA_DIR

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "other_region"
INCIDENTS = (
    "2024-03-02-camp-baobab-attack",
    "2024-03-15-camp-harmattan-attack",
    "2024-04-10-chad-strike",
    "2024-04-20-mora-road-attack",
)
BASES = {"camp-baobab": ("Tchad", "Chad"), "camp-harmattan": ("Cameroun", "Cameroon")}
LANGS = (("fr", ""), ("en", "/en"))
IRAQ_WORDS = ("irak", "iraq", "syrie", "syria", "bagdad", "baghdad")
# The words of another chronology's own schema (own_vocabulary), each with its catalog words.
OWN_WORDS = {
    "fr": {
        "raid": "raid",
        "raids": "raids",
        "kind.raid": "Raid",
        "tally_what.raid": "raids",
        "rumoured": "rumeur",
        "status.rumoured": "Rumeur",
        "weapon.catapult": "catapulte",
    },
    "en": {
        "raid": "raid",
        "raids": "raids",
        "kind.raid": "Raid",
        "tally_what.raid": "raids",
        "rumoured": "rumoured",
        "status.rumoured": "Rumoured",
        "weapon.catapult": "catapult",
    },
}
DROPPED_WEAPON = "gunship"  # a bundled weapon the own schema leaves out


def own_vocabulary(content: Path) -> Path:
    """`content` given schemas of its own: the bundled ones with a kind (raid), a weapon
    (catapult) and a status (rumoured) the bundled vocabulary lacks, less one bundled weapon
    (gunship), and the catalog words of the new values. Returns `content`."""
    shutil.copytree(SCHEMA_DIR, content / "schema")
    path = content / "schema" / "incident.schema.json"
    data = json.loads(path.read_text("utf-8"))
    props = data["properties"]
    props["kind"]["enum"].append("raid")
    props["status"]["enum"].append("rumoured")
    weapons = props["weapons"]["items"]["enum"]
    weapons[:] = ["catapult", *(w for w in weapons if w != DROPPED_WEAPON)]
    path.write_text(json.dumps(data, indent=2), "utf-8")
    for lang, words in OWN_WORDS.items():
        po = content / "locale" / lang / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        entries = "".join(f'\nmsgid "{k}"\nmsgstr "{v}"\n' for k, v in words.items())
        po.write_text(f'msgid ""\nmsgstr ""\n{entries}', "utf-8")
    return content


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text("utf-8"), "lxml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the fixture: content/ with seeds/ beside it."""
    shutil.copytree(FIXTURE, tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("other-region")
    shutil.copytree(FIXTURE, root / "project")
    output = root / "output"
    content = root / "project" / "content"
    result = CliRunner().invoke(cli, ["build", "--content", str(content), "--output", str(output)])
    assert result.exit_code == 0, result.output
    return output


def test_every_incident_base_and_month_has_its_page_in_both_languages(site: Path) -> None:
    for _, prefix in LANGS:
        urls = [f"{prefix}/incidents/{i}/" for i in INCIDENTS]
        urls += [f"{prefix}/bases/{b}/" for b in BASES]
        urls += [f"{prefix}/2024/03/", f"{prefix}/2024/04/", f"{prefix}/"]
        for url in urls:
            assert (site / url.strip("/") / "index.html").is_file(), url
        month = page(site, f"{prefix}/2024/04/").select_one("main")
        assert month.select(f'a[href="{prefix}/incidents/2024-04-20-mora-road-attack/"]')


def test_country_names_come_in_each_language(site: Path) -> None:
    for n, (lang, prefix) in enumerate(LANGS):
        for base_id, names in BASES.items():
            facts = page(site, f"{prefix}/bases/{base_id}/").select_one("main dl")
            assert names[n] in facts.get_text(" "), (lang, base_id)
        # A place known only to its country: "quelque part au Tchad", "somewhere in Chad".
        where = page(site, f"{prefix}/incidents/2024-04-10-chad-strike/")
        text = " ".join(where.select_one("main").get_text(" ").split())
        assert ("quelque part au Tchad", "somewhere in Chad")[n] in text
        labels = [t.get_text() for t in where.select("svg.map-small text.country")]
        assert labels == [["Tchad", "Cameroun", "Nigeria"], ["Chad", "Cameroon", "Nigeria"]][n]


def test_the_map_draws_its_own_region(site: Path) -> None:
    layer = (site / "theme" / "region.svg").read_text("utf-8")
    # The three hand-drawn outlines, the two covered countries a shade darker; no Iraq.
    assert re.findall(r'<path class="(\w)"', layer) == ["f", "f", "l"]
    for lang, prefix in LANGS:
        svg = page(site, f"{prefix}/bases/").select_one("svg.map")
        _, _, width, height = map(float, svg["viewbox"].split())
        assert f'viewBox="0 0 {width:.0f} {height:.0f}"' in layer  # the page's own frame
        circles = svg.select("circle")
        assert len(circles) == 4, lang  # two camps, two places outside them
        for circle in circles:
            # inside the view, and not pushed to its edge (where an outside point is clamped)
            assert 4 < float(circle["cx"]) < width - 4 and 4 < float(circle["cy"]) < height - 4
        assert svg.select_one(f'a[href="{prefix}/bases/camp-baobab/"]')
        credit = page(site, f"{prefix}/bases/").select_one("figure.map-figure figcaption small")
        said = {
            "fr": "Contours dessinés à la main pour cet essai.",
            "en": "Outlines drawn by hand for this test.",
        }
        assert credit.get_text() == said[lang]  # its own outlines' credit, not another's


def test_nothing_of_the_iraq_chronology_is_in_the_output(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace").lower()
        found = [word for word in IRAQ_WORDS if word in text]
        assert not found, (path.relative_to(site), found)


def test_a_place_outside_the_chronologys_countries_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = project / "content/incidents/2024/2024-04-20-mora-road-attack.yaml"
    record.write_text(record.read_text("utf-8").replace("country: CM", "country: NG"), "utf-8")
    bases = project / "content/bases.yaml"
    bases.write_text(bases.read_text("utf-8").replace("country: TD", "country: NE"), "utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["validate", "--content", "content"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    covered = "is not one of the chronology's countries (TD, CM, set in chronology.yaml)"
    assert lines == [
        f"{display_path(bases)}:5:12: error: [0].country: country 'NE' {covered}; fix the code "
        "or add it there (unknown-country)",
        f"{display_path(record)}:11:12: error: location.country: country 'NG' {covered}; fix "
        "the code or add it there (unknown-country)",
    ]


def test_a_statement_counts_a_kind_of_the_chronologys_own_schema(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.records import schema as schemas
    from tests.conftest import CONTENT

    statements = project / "content/statements.yaml"
    said = statements.read_text("utf-8")
    monkeypatch.chdir(project)

    def validate(kind: str) -> list[str]:
        statements.write_text(said.replace("kind: attack", f"kind: {kind}"), "utf-8")
        result = CliRunner().invoke(cli, ["validate", "--content", "content"])
        assert result.exit_code == (0 if kind == "raid" else 1), result.output
        return [line for line in result.output.splitlines() if ": error: " in line]

    try:
        bundled = validate("ambush")  # the bundled kinds: attack, strike
        own_vocabulary(project / "content")
        assert validate("raid") == []
        refused = validate("ambush")
    finally:
        schemas.use(CONTENT)  # later tests in this process read the project's schemas again
    where = f"{display_path(statements)}:5:11: error: [0].tally.kind: expected one of"
    assert bundled == [f'{where} attack, strike, got "ambush" (not-allowed)']
    assert refused == [f'{where} attack, strike, raid, got "ambush" (not-allowed)']


def test_which_kind_answers_which_is_the_chronologys_own(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`responds_to` follows the schema's `x-answers`: with its own schema letting a raid
    answer an attack, a raid's link is sound, and the refusal names the kinds it declares."""
    from generator.records import schema as schemas
    from tests.conftest import CONTENT

    record = project / "content/incidents/2024/2024-04-10-chad-strike.yaml"
    text = record.read_text("utf-8")
    monkeypatch.chdir(project)

    def links(kind: str) -> list[str]:
        linked = text.replace("kind: strike", f"kind: {kind}").replace(
            "claimed_by: []", "claimed_by: []\nresponds_to: [2024-03-15-camp-harmattan-attack]"
        )
        record.write_text(linked, "utf-8")
        result = CliRunner().invoke(cli, ["validate", "--content", "content"])
        return [
            line.split(": error: ", 1)[1]
            for line in result.output.splitlines()
            if ": error: " in line
        ]

    try:
        bundled = links("attack")
        content = own_vocabulary(project / "content")
        path = content / "schema" / "incident.schema.json"
        data = json.loads(path.read_text("utf-8"))
        data["properties"]["responds_to"]["x-answers"] = {"strike": ["attack"], "raid": ["attack"]}
        path.write_text(json.dumps(data, indent=2), "utf-8")
        raid = links("raid")
        attack = links("attack")
    finally:
        schemas.use(CONTENT)

    def link_rule(found: list[str]) -> list[str]:
        return [m.removeprefix("responds_to[0]: ") for m in found if m.startswith("responds_to[0]")]

    assert link_rule(bundled) == [
        "only a strike responds to attacks; use related for other links (responds-to-not-strike)"
    ]
    assert any("(unsupported-field)" in m for m in raid)  # the raid's record was checked
    assert link_rule(raid) == []
    assert link_rule(attack) == [
        "only a strike or a raid responds to attacks; use related for other links "
        "(responds-to-not-strike)"
    ]
