"""The command run from a folder without records says so, and never prints a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli


@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_a_missing_content_folder_is_named(command: str, tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, [command])
    finally:
        os.chdir(here)
    assert result.exit_code == 2
    assert "'--content': Directory 'content' does not exist" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "output").exists()
