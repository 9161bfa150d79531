"""Options several commands share, declared once.

A module of its own so that commands living beside their stage (`generator/editing/`,
`generator/archive.py`) can use them without importing `generator.cli`, which imports them
back through its lazy command group.
"""

from __future__ import annotations

from pathlib import Path

import click

CONTENT = click.option(
    "--content",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder of records (incidents/, bases.yaml, actors.yaml).",
)
SEEDS = click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the stored articles that quotes are checked against "
    "(default: seeds/ beside the content folder).",
)
SETTINGS = click.option(
    "--settings",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Pelican settings file (default: ./pelican.conf.py).",
)
