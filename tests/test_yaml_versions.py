"""The loader's depth rule holds under both libyaml behaviours.

PyYAML up to 6.0.3 lets libyaml nest without limit (the loader's own event count refuses it);
6.0.4 bundles a libyaml whose scanner stops deep flow nesting itself. Each version is
installed into a folder of its own and the loader runs on it in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

UV = ROOT / ".tools" / "uv" / "bin" / "uv"
CASES = {
    "unclosed-flow": "[" * 200_000,
    "closed-flow": "[" * 60_000 + "]" * 60_000,
    "flow-mappings": "summary: " + "{a: " * 60_000,
    "compact-block": "- " * 60_000,
}
PROBE = """
import sys, yaml
from pathlib import Path
from generator.records.loader import load_file
print(yaml.__version__, yaml.__with_libyaml__)
for path in sys.argv[1:]:
    print(*[(p.line, p.rule) for p in load_file(Path(path))[2]])
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["6.0.3", "6.0.4"])
def pyyaml(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    target = tmp_path_factory.mktemp("pyyaml")
    subprocess.run(
        [UV, "pip", "install", "--quiet", "--python", sys.executable, "--target", target]
        + ["--no-deps", "--only-binary", ":all:", f"pyyaml=={request.param}"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return request.param, target


def test_deep_nesting_is_too_deep_with_either_libyaml(
    pyyaml: tuple[str, Path], tmp_path: Path
) -> None:
    version, target = pyyaml
    paths = []
    for name, text in CASES.items():
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_text(text)
    env = {**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-800:]
    loaded, *results = done.stdout.splitlines()
    assert loaded == f"{version} True", "that PyYAML, with its C loader (libyaml)"
    assert results == ["(1, 'too-deep')"] * len(CASES)
