"""Set-up that a fresh machine repeats: pinned actions, locked packages, the canary."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def test_every_action_is_pinned_by_commit_with_its_version_named() -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOW.read_text())
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), (action, comment)


def test_the_workflow_caches_on_the_locks_and_runs_the_weekly_jobs() -> None:
    data = yaml.safe_load(WORKFLOW.read_text())
    triggers = data.pop(True)  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"]
    jobs = data["jobs"]
    build = jobs["build"]["steps"]
    keys = [s["with"]["key"] for s in build if s.get("uses", "").startswith("actions/cache@")]
    assert any("uv.lock" in k and "package-lock.json" in k for k in keys)
    assert any("content/**" in k for k in keys)  # the build caches, by content
    canary = [s.get("run", "") for s in jobs["canary"]["steps"]]
    assert any("make test-latest" in r for r in canary)
    external = [s.get("run", "") for s in jobs["external-links"]["steps"]]
    assert any("chronology check output --external" in r for r in external)
    for job in ("canary", "external-links"):
        assert any(
            s.get("uses", "").startswith("actions/upload-artifact@") for s in jobs[job]["steps"]
        )
    assert "--bench" not in WORKFLOW.read_text() and "bench" not in str(build)


def test_the_lock_covers_every_declared_package_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    locked = {p["name"]: p for p in lock["package"]}
    declared = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        declared += extra
    for requirement in declared:
        name = re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in locked, name
    for package in locked.values():
        if package["source"].get("registry"):
            files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
            assert files and all(f["hash"].startswith("sha256:") for f in files), package["name"]
    npm = (ROOT / "tools" / "npm" / "package-lock.json").read_text()
    assert '"vnu-jar"' in npm and '"axe-core"' in npm and "integrity" in npm
    uv = (ROOT / "tools" / "uv-requirements.txt").read_text()
    assert re.search(r"^uv==[\d.]+ \\$", uv, re.M) and "--hash=sha256:" in uv


def test_setup_installs_from_the_locks_only() -> None:
    setup = (ROOT / "tools" / "setup.sh").read_text()
    assert "uv sync" in setup and "--locked" in setup
    assert "npm ci" in setup and "npm install" not in setup
    assert "--require-hashes" in setup
    assert "pip install -q -e" not in setup


def test_the_set_up_leaves_bytecode_so_no_command_compiles_its_imports() -> None:
    """Where PYTHONDONTWRITEBYTECODE is set, Python never caches what it compiles: without the
    bytecode tools/setup.sh writes, every command would compile all its imports again."""
    import importlib.util

    import jinja2
    import pelican

    import generator.build

    for module in (pelican, jinja2, generator.build):
        compiled = importlib.util.cache_from_source(module.__file__)
        assert Path(compiled).is_file(), compiled
