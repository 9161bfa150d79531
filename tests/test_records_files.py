"""Files that are not plain records, folders that cannot be read, and log injection: what
`chronology validate` and `chronology build` do with them (issue 13, items 5, 6 and 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.records.loader import YamlError, read_bytes
from generator.records.problems import Problem, github_command

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "content/incidents/2023/2023-10-18-ain-al-asad-attack.yaml"
PLACE = "incidents/2023/2023-10-18-ain-al-asad-attack.yaml"


def project(root: Path) -> Path:
    content = root / "content"
    (content / "incidents").mkdir(parents=True)
    for name in ("bases.yaml", "actors.yaml", "chronology.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    # chronology.yaml names the outlines its maps draw, in the content folder
    shutil.copytree(ROOT / "content" / "region", content / "region")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    (content / "incidents/2023").mkdir()
    return content


def validate(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from generator.cli import main; main()",
            "validate",
            "--content",
            "content",
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GITHUB_ACTIONS": "", **(env or {})},
    )


def test_a_link_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    content = project(tmp_path)
    (content / PLACE).symlink_to("/dev/zero")
    run = validate(tmp_path, "--format", "text")
    assert run.returncode == 1
    assert f"content/{PLACE}: error: file is a symbolic link to something outside" in run.stderr
    with pytest.raises(YamlError, match="not a regular file"):
        read_bytes(Path("/dev/zero"), 1000)  # never a read without limit


def test_a_link_to_a_secret_prints_none_of_it(tmp_path: Path) -> None:
    secret = tmp_path / "token.txt"
    secret.write_text("ghp_SECRETTOKEN1234567890 not yaml: [")
    content = project(tmp_path)
    (content / PLACE).symlink_to(secret)
    run = validate(tmp_path, "--format", "text")
    assert run.returncode == 1
    assert "SECRET" not in run.stderr + run.stdout
    assert "(symlink)" in run.stderr


def test_a_link_to_a_valid_record_outside_content_is_not_published(tmp_path: Path) -> None:
    from generator.build import build
    from generator.records.problems import InvalidContent

    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(RECORD, outside)
    content = project(tmp_path)
    (content / PLACE).symlink_to(outside)
    assert validate(tmp_path).returncode == 1
    with pytest.raises(InvalidContent) as err:
        build(content, tmp_path / "output", search_index=False)
    assert [p.rule for p in err.value.problems] == ["symlink"]
    assert not (tmp_path / "output").exists()


def test_a_link_inside_content_is_read(tmp_path: Path) -> None:
    content = project(tmp_path)
    shutil.copy(RECORD, content / "kept.yaml.txt")
    (content / PLACE).symlink_to(content / "kept.yaml.txt")
    run = validate(tmp_path)
    assert run.returncode == 0, run.stderr
    assert "1 incidents" in run.stdout


def test_a_fifo_named_like_a_record_does_not_block(tmp_path: Path) -> None:
    content = project(tmp_path)
    os.mkfifo(content / PLACE)
    run = validate(tmp_path, "--format", "text")  # timeout=60 fails the test if it blocks
    assert run.returncode == 1
    assert f"content/{PLACE}: error: not a regular file" in run.stderr
    assert "(not-a-file)" in run.stderr


def test_an_unreadable_year_folder_is_a_problem_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as below where the tests run as root (who reads any folder): the folder's
    listing fails as it does for another user."""
    from generator.records.checks import Validator

    content = project(tmp_path)
    shutil.copy(RECORD, content / PLACE)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(os.fspath(path)).name == "2023":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    validator = Validator(content)
    with pytest.raises(Exception) as err:
        validator.run()
    assert [(p.rule, Path(p.file).name) for p in err.value.problems] == [("io", "2023")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_year_folder_is_a_problem(tmp_path: Path) -> None:
    content = project(tmp_path)
    shutil.copy(RECORD, content / PLACE)
    (content / "incidents/2023").chmod(0)
    try:
        run = validate(tmp_path, "--format", "text")
    finally:
        (content / "incidents/2023").chmod(0o755)
    assert run.returncode == 1
    assert "content/incidents/2023: error: cannot read this folder" in run.stderr
    assert "(io)" in run.stderr


def test_a_linked_year_folder_is_a_problem(tmp_path: Path) -> None:
    content = project(tmp_path)
    real = tmp_path / "records-2023"
    real.mkdir()
    shutil.copy(RECORD, real / RECORD.name)
    (content / "incidents/2023").rmdir()
    (content / "incidents/2023").symlink_to(real)
    run = validate(tmp_path, "--format", "text")
    assert run.returncode == 1
    assert "content/incidents/2023: error: folder is a symbolic link" in run.stderr


def test_a_hidden_record_is_a_warning(tmp_path: Path) -> None:
    content = project(tmp_path)
    shutil.copy(RECORD, content / PLACE)
    hidden = content / "incidents/2023/.2023-10-21-ain-al-asad-attack.yaml"
    shutil.copy(RECORD, hidden)
    (content / "incidents/2023/.DS_Store").write_bytes(b"\0")
    run = validate(tmp_path, "--format", "text")
    assert run.returncode == 0, run.stderr
    assert "all valid" in run.stdout
    assert f"{hidden.relative_to(tmp_path)}: warning: skipped" in run.stderr
    assert "DS_Store" not in run.stderr  # not named like a record


HOSTILE_KEY = '"x\\n::warning file=README.md,line=1::forged\\r\\n::add-mask::%0A": 1\n'


def test_a_key_cannot_forge_a_workflow_command(tmp_path: Path) -> None:
    content = project(tmp_path)
    text = RECORD.read_text("utf-8").replace(
        "status: confirmed\n", "status: confirmed\n" + HOSTILE_KEY
    )
    (content / PLACE).write_text(text, "utf-8")
    for args, env in (
        (["--format", "github"], {}),
        (["--format", "auto"], {"GITHUB_ACTIONS": "true"}),
        (["--format", "text"], {}),
    ):
        run = validate(tmp_path, *args, env=env)
        assert run.returncode == 1
        lines = (run.stdout + run.stderr).splitlines()
        commands = [line for line in lines if line.startswith("::")]
        if args[1] == "text":
            assert commands == []
            assert "unknown field 'x\\n::warning file=README.md,line=1::forged\\r\\n" in run.stderr
        else:
            assert len(commands) == 1 and commands[0].startswith("::error file=content/")
            assert "%250A" in commands[0]  # % itself is escaped: no %0A from the record
        assert not any(
            "::warning" in line and not line.startswith(("::error", "content/")) for line in lines
        )


def test_properties_are_escaped_as_github_documents() -> None:
    line = github_command("error", "a%b\r\nc", file="a,b:c.yaml", title="t")
    assert line == "::error file=a%2Cb%3Ac.yaml,title=t::a%25b%0D%0Ac"
    problem = Problem("x\n::y.yaml", 2, 3, "", "m", "r")
    assert problem.format_github().count("\n") == 0 and problem.format().count("\n") == 0
