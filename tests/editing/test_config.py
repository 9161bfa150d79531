"""The editors' tooling around the records: IDE schema mapping, pre-commit hooks, CI workflow."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.editing import new as skeleton

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


# -- IDEs: the Red Hat YAML extension validates and completes records through the schemas ---------
def test_vscode_maps_every_content_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    covered: set[Path] = set()
    for schema, globs in mapping.items():
        schema_path = ROOT / schema
        assert schema_path.is_file(), schema
        json.loads(schema_path.read_text())
        for pattern in globs:
            matched = set(ROOT.glob(pattern))
            assert matched, f"{pattern} matches no file"
            covered |= matched
    records = set(CONTENT.glob("incidents/**/*.yaml"))
    lists = {CONTENT / f"{n}.yaml" for n in ("bases", "actors", "statements", "chronology")}
    assert records | {p for p in lists if p.exists()} <= covered


def test_every_record_names_its_schema_on_its_first_line() -> None:
    for path in CONTENT.glob("incidents/*/*.yaml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first == skeleton.MODELINE, path
        target = first.split("$schema=")[1]
        assert (path.parent / target).resolve() == CONTENT / "schema/incident.schema.json"
    for name in ("bases", "actors", "statements", "chronology"):
        path = CONTENT / f"{name}.yaml"
        if path.exists():
            first = path.read_text("utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json", path


def test_every_field_of_a_record_is_described_for_hover_help() -> None:
    schema = json.loads((CONTENT / "schema/incident.schema.json").read_text())
    missing = []

    def walk(node: dict, at: str) -> None:
        for key, sub in node.get("properties", {}).items():
            if "description" not in sub:
                missing.append(f"{at}{key}")
            walk(sub, f"{at}{key}.")
        if isinstance(node.get("items"), dict):
            walk(node["items"], at.rstrip(".") + "[].")

    walk(schema, "")
    assert missing == []


def _fields(node: dict, at: str = "") -> list[tuple[str, str, dict]]:
    """(path, name, schema) of every field under `node`, list items included."""
    found = []
    for key, sub in node.get("properties", {}).items():
        found.append((f"{at}{key}", key, sub))
        found += _fields(sub, f"{at}{key}.")
    if isinstance(node.get("items"), dict):
        found += _fields(node["items"], at.rstrip(".") + "[].")
    return found


SCHEMAS = sorted((CONTENT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name.split(".")[0])
def test_every_field_an_editor_types_shows_valid_examples(path: Path) -> None:
    """Hover help shows what to write: every free-text, formatted or numeric field (ids, dates,
    coordinates, citations) has examples, and every example passes its own field's rules."""
    from jsonschema import Draft202012Validator

    missing, invalid = [], []
    for at, name, sub in _fields(json.loads(path.read_text())):
        for example in sub.get("examples", []):
            if not Draft202012Validator(sub).is_valid(example):
                invalid.append(f"{at}: {example!r}")
        types = sub.get("type") if isinstance(sub.get("type"), list) else [sub.get("type")]
        typed = "properties" not in sub and ("string" in types or "number" in types)
        if typed and name not in ("fr", "en") and "examples" not in sub:
            missing.append(at)
    assert missing == [] and invalid == [], (missing, invalid)


def test_archive_url_examples_are_archived_copies() -> None:
    for name in ("incident", "statements"):
        schema = json.loads((CONTENT / f"schema/{name}.schema.json").read_text())
        fields = {at: sub for at, _, sub in _fields(schema)}
        archive = next(sub for at, sub in fields.items() if at.endswith("sources[].archive_url"))
        assert archive["examples"], name
        for example in archive["examples"]:
            assert re.fullmatch(r"https://web\.archive\.org/web/\d{14}/https?://\S+", example), (
                name,
                example,
            )


def test_actor_ids_are_described_as_actor_page_addresses() -> None:
    from generator.site import urls

    schema = json.loads((CONTENT / "schema/actors.schema.json").read_text())
    described = schema["items"]["properties"]["id"]["description"]
    assert "/bases/" not in described
    assert urls.actor("<id>", urls.DEFAULT_LANG) in described


# -- pre-commit ----------------------------------------------------------------------------------
def hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}


def test_pre_commit_validates_records_and_formats_code() -> None:
    found = hooks()
    assert {"chronology-validate", "no-todo-in-records", "ruff", "ruff-format"} <= set(found)
    validate = found["chronology-validate"]
    assert shlex.split(validate["entry"])[1:] == ["validate"]
    assert validate["pass_filenames"] is False
    assert re.search(validate["files"], "content/incidents/2023/x.yaml")
    assert re.search(validate["files"], "seeds/000_x.txt")
    for hook_id in ("chronology-validate", "ruff", "ruff-format"):
        program = ROOT / shlex.split(found[hook_id]["entry"])[0]
        assert program.name in ("chronology", "ruff") and program.parent == ROOT / ".venv/bin"
    assert shlex.split(found["ruff-format"]["entry"])[1] == "format"


def test_the_validate_hook_passes_on_the_real_records() -> None:
    entry = shlex.split(hooks()["chronology-validate"]["entry"])
    program = Path(sys.executable).with_name(Path(entry[0]).name)
    done = subprocess.run([program, *entry[1:]], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_todo_hook_refuses_a_fresh_skeleton_but_no_real_record() -> None:
    hook = hooks()["no-todo-in-records"]
    assert hook["language"] == "pygrep"
    pattern = re.compile(hook["entry"])
    files = re.compile(hook["files"])
    assert files.search("content/incidents/2024/2024-08-06-x-attack.yaml")
    draft = skeleton.Draft(
        date=dt.date(2024, 8, 6),
        kind="attack",
        place=skeleton.Place(base_id="ain-al-asad"),
        source=skeleton.Source(outlet="AFP", quote="q"),
        status="confirmed",
        weapons=["drone"],
    )
    text = skeleton.render(draft, "2024-08-06-ain-al-asad-attack")
    hits = [n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    assert hits == skeleton.todo_lines(text) and len(hits) >= 4
    for path in CONTENT.glob("incidents/*/*.yaml"):
        assert not pattern.search(path.read_text("utf-8")), path


# -- CI: the workflow runs what .ci/run runs, then builds, checks and deploys ----------------------
def ci_commands() -> list[str]:
    """The commands of .ci/run, without comments and shell set-up."""
    commands = []
    for line in (ROOT / ".ci/run").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "set ", "cd ")):
            continue
        commands.append(line)
    return commands


def make_targets() -> dict[str, list[str]]:
    targets: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "Makefile").read_text().splitlines():
        if match := re.match(r"^([a-z][\w-]*):", line):
            current = match[1]
            targets[current] = []
        elif line.startswith("\t") and current:
            targets[current].append(line.strip())
    return targets


def workflow() -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_workflow_runs_the_same_commands_as_ci_run() -> None:
    commands = ci_commands()
    assert commands == ["make test"]
    build = workflow()["jobs"]["build"]
    runs = [step["run"].strip() for step in build["steps"] if "run" in step]
    position = [runs.index(c) for c in commands]  # every .ci/run command, in the same order
    assert position == sorted(position)
    uses = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    targets = make_targets()
    for command in commands:  # each `make X` names a target of the Makefile
        if command.startswith("make "):
            assert command.split()[1] in targets


def test_the_workflow_publishes_a_checked_build_with_the_public_siteurl() -> None:
    data = workflow()
    assert {"push", "pull_request"} <= set(data["on"])
    steps = data["jobs"]["build"]["steps"]
    runs = [s.get("run", "").strip() for s in steps]
    html = next(
        s for s, r in zip(steps, runs, strict=True) if r.startswith(".venv/bin/chronology build")
    )
    assert "SITEURL" in html["env"] and "steps.pages.outputs.base_url" in html["env"]["SITEURL"]
    # it builds into output/ (the default), the folder that is checked and uploaded
    assert "--output" not in html["run"] and '--site-url "$SITEURL"' in html["run"]
    check = next(s for s in steps if s.get("run", "").startswith(".venv/bin/chronology check"))
    assert shlex.split(check["run"])[1:4] == ["check", "output", "--html"]
    assert steps.index(html) < steps.index(check)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "output"
    assert steps.index(check) < steps.index(upload)
    assert make_targets()["html"][-1].endswith("chronology build")  # the same build, locally
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "refs/heads/main" in deploy["if"]


def test_the_workflow_python_satisfies_the_project() -> None:
    setup = next(
        s
        for s in workflow()["jobs"]["build"]["steps"]
        if s.get("uses", "").startswith("actions/setup-python")
    )
    wanted = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text())
    assert wanted
    version = tuple(int(x) for x in str(setup["with"]["python-version"]).split("."))
    assert version >= (int(wanted[1]), int(wanted[2]))


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", ".github/workflows/site.yml"])
def test_config_files_are_plain_yaml(path: str) -> None:
    text = (ROOT / path).read_text()
    assert "\t" not in text
    yaml.safe_load(text)


def test_the_workflow_refuses_todo_placeholders_like_the_hook(tmp_path: Path) -> None:
    step = next(s for s in workflow()["jobs"]["build"]["steps"] if "TODO" in s.get("name", ""))
    script = step["run"].replace("content/incidents", str(tmp_path))
    record = tmp_path / "2024" / "2024-08-06-x-attack.yaml"
    record.parent.mkdir()
    record.write_text("status: claimed  # TODO: check\n")
    assert subprocess.run(["bash", "-c", script], capture_output=True).returncode == 1
    record.write_text("status: claimed\nsummary: TODOS and todo are words\n")
    assert subprocess.run(["bash", "-c", script], capture_output=True).returncode == 0
    assert re.search(hooks()["no-todo-in-records"]["entry"], "x  # TODO: y")
