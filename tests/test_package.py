"""The wheel, installed in a fresh virtual environment outside any checkout, is a working tool.

Built from a copy of the project's files (so the test writes nothing into the checkout), with
the locked dependencies (uv.lock), and run from folders that hold only records and articles.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, ROOT, SEEDS

UV = ROOT / ".tools" / "uv" / "bin" / "uv"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("package")]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def project_files() -> list[str]:
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    return [name for name in listed.splitlines() if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a new venv holding the wheel and the locked dependencies, nothing else."""
    assert UV.is_file(), "tools/setup.sh installs uv into .tools/uv"
    top = tmp_path_factory.mktemp("package")
    source = top / "source"
    for name in project_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    run(UV, "build", "--wheel", "--out-dir", top / "dist", "--quiet", cwd=source)
    (wheel,) = (top / "dist").glob("chronology-*.whl")
    locked = top / "requirements.txt"
    locked.write_text(
        run(UV, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-header", cwd=source)
    )
    venv = top / "venv"
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)
    run(UV, "venv", "--quiet", venv, cwd=top)
    run(UV, "pip", "install", "--quiet", "--require-hashes", "-r", locked, cwd=top, env=env)
    run(UV, "pip", "install", "--quiet", "--no-deps", wheel, cwd=top, env=env)
    return venv / "bin"


def clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def test_the_wheel_carries_no_checkout_path(installed: Path, tmp_path: Path) -> None:
    where = run(
        installed / "python",
        "-c",
        "import generator.resources as r;"
        " print(r.THEME_DIR, r.SCHEMA_DIR, r.DEFAULT_SETTINGS, r.LOCALE_DIR)",
        cwd=tmp_path,
        env=clean_env(),
    )
    assert str(ROOT) not in where
    assert "site-packages/generator/_data" in where
    assert "site-packages/generator/_data/locale" in where


def test_the_installed_tool_builds_a_site_from_a_folder_of_records(
    installed: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(CONTENT, project / "content", ignore=shutil.ignore_patterns("schema"))
    shutil.copytree(SEEDS, project / "seeds")
    assert "all valid" in run(installed / "chronology", "validate", cwd=project, env=clean_env())
    said = run(installed / "chronology", "build", cwd=project, env=clean_env())
    assert "Built" in said and "Processed 0 articles" not in said
    home = BeautifulSoup((project / "output" / "index.html").read_text(), "html.parser")
    assert home.find("html")["lang"] == "fr"
    assert home.find("a", class_="skip").get_text() == "Aller au contenu"  # the bundled catalog
    assert (project / "output" / "theme" / "style.css").is_file()
    assert list((project / "output" / "pagefind").rglob("pagefind-entry.json"))
    incidents = list((project / "output" / "incidents").glob("*/index.html"))
    assert len(incidents) == len(list((CONTENT / "incidents").rglob("*.yaml")))


def test_content_output_and_articles_can_be_anywhere(installed: Path, tmp_path: Path) -> None:
    records, articles, elsewhere = (
        tmp_path / "r" / "data",
        tmp_path / "a" / "stored",
        tmp_path / "w",
    )
    shutil.copytree(CONTENT, records)
    shutil.copytree(SEEDS, articles)
    elsewhere.mkdir()
    common = ("--content", records, "--seeds", articles)
    run(installed / "chronology", "validate", *common, cwd=elsewhere, env=clean_env())
    run(
        installed / "chronology",
        "build",
        *common,
        "--output",
        tmp_path / "site",
        "--no-search",
        cwd=elsewhere,
        env=clean_env(),
    )
    assert (tmp_path / "site" / "en" / "index.html").is_file()
    # without --seeds the articles are looked for beside the content folder, and missed
    done = subprocess.run(
        [installed / "chronology", "validate", "--content", records],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no stored article" in done.stderr


def test_the_installed_preview_has_its_pages_and_script(installed: Path, tmp_path: Path) -> None:
    """The preview's pages are package data: a wheel without them would fail on first error."""
    shown = run(
        installed / "python",
        "-c",
        "from generator.editing.serve import error_page, inject, Failure;"
        "print(error_page(Failure('T<b>', 'why'), '1').decode());"
        "print(inject(b'<html><body></body></html>', '1').decode())",
        cwd=tmp_path,
        env=clean_env(),
    )
    assert "T&lt;b&gt;" in shown and "__livereload.js" in shown
