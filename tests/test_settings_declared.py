"""The CHRONOLOGY_* settings are declared once (generator/settings.py): a misspelt or mistyped
one in pelican.conf.py stops the build with its name, and every one the code reads is declared."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.settings import BY_NAME

ROOT = Path(__file__).resolve().parent.parent
CHRONOLOGY = Path(sys.executable).parent / "chronology"


def build_with(project: Path, line: str) -> subprocess.CompletedProcess[str]:
    conf = project / "pelican.conf.py"  # a project with settings and theme of its own
    shutil.copy(ROOT / "pelican.conf.py", conf)
    if not (project / "templates").exists():
        shutil.copytree(ROOT / "templates", project / "templates")
    conf.write_text(conf.read_text("utf-8") + f"\n{line}\n", "utf-8")
    return subprocess.run(
        [str(CHRONOLOGY), "build", "--no-search", "--output", "site"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=project,
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "CHRONOLOGY_WORKER = 2",
            "unknown setting CHRONOLOGY_WORKER; did you mean CHRONOLOGY_WORKERS?",
        ),
        ("CHRONOLOGY_WORKERS = '2'", "CHRONOLOGY_WORKERS must be int"),
        ("CHRONOLOGY_WORKERS = True", "CHRONOLOGY_WORKERS must be int"),
    ],
)
def test_a_wrong_setting_stops_the_build_naming_it(
    content_copy: Path, line: str, said: str
) -> None:
    project = content_copy.parent
    assert build_with(project, "").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    result = build_with(project, line)
    assert result.returncode == 1
    assert said in result.stderr and "pelican.conf.py" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before  # the published site is left as it was


def test_a_declared_setting_is_taken(content_copy: Path) -> None:
    result = build_with(content_copy.parent, "CHRONOLOGY_WORKERS = 1\nCHRONOLOGY_CACHE = False")
    assert result.returncode == 0, result.stderr
    assert not (content_copy.parent / ".cache").exists()  # no cache: none written


def test_every_setting_the_code_reads_is_declared() -> None:
    used = set()
    for path in (ROOT / "generator").rglob("*.py"):
        used |= set(re.findall(r"CHRONOLOGY_[A-Z_]+[A-Z]", path.read_text("utf-8")))
    not_settings = {"CHRONOLOGY_SERVE_FD"}  # an environment variable of the live server
    assert used - not_settings - {"CHRONOLOGY_"} <= set(BY_NAME), used - set(BY_NAME)
