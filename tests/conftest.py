"""Shared fixtures: the real site, built once per test session (per xdist worker)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEEDS = ROOT / "seeds"
# The source articles and the benchmark corpus generator: ../shared beside the checkout.
SHARED = ROOT.parent / "shared"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/ of the real content/, built by the real Pelican run (no search index)."""
    from generator.build import build

    output = tmp_path_factory.mktemp("real-site") / "output"
    build(CONTENT, output, search_index=False)
    return output


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of content/ with seeds/ beside it, as a project folder would have."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "content"
