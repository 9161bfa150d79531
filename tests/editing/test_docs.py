"""EDITING.md tells the truth: its commands, options, examples and sample output are real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.records.checks import load_chronology
from generator.records.loader import load_file

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "EDITING.md").read_text("utf-8")
EXAMPLE = "content/incidents/2023/2023-10-21-ain-al-asad-attack.yaml"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.S)


def commands() -> list[list[str]]:
    """Every `chronology …` command line shown in the guide (code blocks and inline code)."""
    found = []
    text = GUIDE.replace("\\\n", " ")
    for line in re.findall(r"(?:^|[`$] ?)(chronology [^`\n]*)", text, flags=re.M):
        words = shlex.split(line.replace("…", "x"), comments=True)
        found.append(words[1:])
    return found


def test_every_command_and_option_in_the_guide_exists() -> None:
    seen = set()
    for words in commands():
        name = words[0]
        if not name.isalpha() or name == "x":  # prose: `.venv/bin/chronology …`
            continue
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, words
        options = {o for p in command.params for o in getattr(p, "opts", [])} | {"--help"}
        for word in words[1:]:
            if word.startswith("--"):
                assert word.split("=")[0] in options, (name, word)
        seen.add(name)
    assert {"new", "serve", "validate"} <= seen


def test_the_import_options_it_describes_exist() -> None:
    command = cli.get_command(click.Context(cli), "import")
    options = {o for p in command.params for o in getattr(p, "opts", [])}
    assert {"--out", "--published"} <= options


def test_the_worked_example_is_the_real_record() -> None:
    data = load_file(ROOT / EXAMPLE)[0]
    assert EXAMPLE in GUIDE
    assert data["status"] == "disputed" and data["date"] == "2023-10-21"
    assert data["claimed_by"] == ["islamic-resistance-in-iraq"]
    assert "date: 2023-10-21\ndate_precision: day\n" in GUIDE
    assert data["basis"]["date"]["how"] == "external" and "how: external" in GUIDE
    seed = data["sources"][0]["seed"]
    assert seed in GUIDE and (ROOT / "seeds" / seed).is_file()
    article = (ROOT / "seeds" / seed).read_text("utf-8").replace("’", "'")
    for quoted in ("la cinquième attaque en quatre jours", "aucune victime", "le 7 octobre"):
        assert quoted in article and quoted in GUIDE


def test_the_sample_validate_output_is_what_validate_prints(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_copy.parent)
    record = content_copy.parent / EXAMPLE
    record.write_text(record.read_text().replace("status: disputed", "status: disputé"))
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    for line in result.output.splitlines():
        assert line in GUIDE, line
    record.write_text((ROOT / EXAMPLE).read_text())
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0
    assert re.search(r"content: \d+ incidents, .*: all valid\.", GUIDE)


def test_the_yaml_examples_are_valid_record_fields(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_copy.parent)
    record = content_copy.parent / EXAMPLE
    base = yaml.safe_load(record.read_text())
    used = 0
    for block in blocks("yaml"):
        fragment = yaml.safe_load(block)
        if set(fragment) & {"corrections", "retracted", "sources"}:
            data = {**base, **fragment}
            record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
            load_chronology(content_copy)  # raises InvalidContent with the problems
            used += 1
    assert used >= 4


def test_the_problem_names_it_explains_are_the_ones_the_checks_use() -> None:
    table = GUIDE[GUIDE.index("| name | what it means") :]
    table = table[: table.index("\n\n")]
    first_column = [row.split("|")[1] for row in table.splitlines()[2:]]
    names = set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", " ".join(first_column)))
    code = "".join(p.read_text() for p in (ROOT / "generator").rglob("*.py"))
    for name in names:
        assert f'"{name}"' in code, name


def test_the_guide_links_to_its_own_sections() -> None:
    anchors = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.*)$", GUIDE, flags=re.M)
    }
    for target in re.findall(r"\]\(#([^)]+)\)", GUIDE):
        assert target in anchors, target


def test_the_interactive_transcript_matches_the_prompts() -> None:
    from generator.editing import cli as editing_cli
    from generator.editing import places, prompts

    source = "".join(Path(m.__file__).read_text() for m in (prompts, places))
    source += prompts.kind_question()  # worded from the schema's kinds
    transcript = re.search(r"```console\n\$ chronology new\n(.*?)```", GUIDE, flags=re.S)
    assert transcript
    for line in transcript.group(1).splitlines():
        question = line.split("): ")[0] + ")" if "): " in line else line.split(": ")[0]
        if question.startswith(("Date", "Kind", "Place", "Source")):
            assert question.split(" [")[0] in source, question
    assert isinstance(editing_cli.new, click.Command)
