"""Fixtures of the importer tests: a project folder with content/ and seeds/ side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LABELS = Path(__file__).resolve().parent / "labels"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/content/{bases,actors}.yaml with an empty incidents/, tmp/seeds/ beside it."""
    content = tmp_path / "content"
    (content / "incidents").mkdir(parents=True)
    for name in ("bases.yaml", "actors.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
