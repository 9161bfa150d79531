"""Every module of the generator imports on its own, and the commands that live beside their
stage never import `generator.cli`, which loads them (an import cycle hidden by its laziness)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import generator
from generator.cli import LazyGroup

MODULES = sorted(m.name for m in pkgutil.walk_packages(generator.__path__, "generator."))
ROOT = Path(generator.__file__).parent
# A few at a time: each is a whole interpreter, on a machine that may be doing other work.
AT_ONCE = 2


def _import_alone(module: str) -> tuple[str, str]:
    """'' when `module` imports in a fresh interpreter, else what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return module, "" if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def test_the_walk_finds_the_modules_of_every_stage() -> None:
    for module in ("generator.editing.cli", "generator.check.cli", "generator.records.problems"):
        assert module in MODULES


def test_each_module_imports_alone_in_a_fresh_interpreter() -> None:
    with ThreadPoolExecutor(AT_ONCE) as pool:
        failed = {m: why for m, why in pool.map(_import_alone, MODULES) if why}
    assert failed == {}


def _imports_of(source: str, package: str) -> set[str]:
    """Every module a module of `package` imports, at its top or inside a function, named
    absolutely (`from .. import cli` in generator.editing is generator.cli)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = node.module or ""
            if node.level:
                base = ".".join([*parts[: len(parts) - node.level + 1], *filter(None, [base])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _lazily_loaded() -> list[Path]:
    """The files of generator/editing/ and of every module the command group loads on use."""
    files = set((ROOT / "editing").rglob("*.py"))
    for target in LazyGroup.lazy.values():
        module = target.split(":")[0]
        files.add(ROOT.joinpath(*module.split(".")[1:]).with_suffix(".py"))
    return sorted(files)


@pytest.mark.parametrize("path", _lazily_loaded(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_command_beside_its_stage_imports_generator_cli(path: Path) -> None:
    package = ".".join(("generator", *path.relative_to(ROOT).parent.parts))
    assert "generator.cli" not in _imports_of(path.read_text("utf-8"), package)


@pytest.mark.parametrize(
    "source",
    [
        "from generator.cli import CONTENT",
        "import generator.cli as commands",
        "def new():\n    from generator import cli",
        "from .. import cli",
    ],
)
def test_every_way_of_importing_generator_cli_is_seen(source: str) -> None:
    assert "generator.cli" in _imports_of(source, "generator.editing")
