"""No module binds a module-level name twice.

A constant defined again further down a module silently replaces the first for every use above
it too: an importer pattern named like an earlier one once changed how date lists were read,
and only the scores showed it. Ruff's F811 sees functions and imports redefined, not plain
assignments, so this reads every module's top level.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*(ROOT / "generator").rglob("*.py"), *(ROOT / "tests").rglob("*.py")])


def bound_twice(source: str) -> list[str]:
    """The names the module's top level binds more than once (defs, classes, assignments)."""
    counts: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            counts[node.name] += 1
        elif isinstance(node, ast.Assign):
            counts.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            counts[node.target.id] += 1
    return sorted(name for name, n in counts.items() if n > 1)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_level_name_is_bound_twice(path: Path) -> None:
    assert bound_twice(path.read_text("utf-8")) == []


def test_the_check_finds_a_pattern_defined_again() -> None:
    source = (
        'import re\n_GAP = re.compile(r"a")\n\n'
        "def f():\n    return _GAP\n\n"
        '_GAP = re.compile(r"b")\n'
    )
    assert bound_twice(source) == ["_GAP"]
