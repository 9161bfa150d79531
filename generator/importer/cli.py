"""`chronology import`: the click command (thin: the work is in run.py and score.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.importer.published import Published, option


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Published | None:
    if value is None:
        return None
    try:
        return option(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.argument(
    "files", nargs=-1, metavar="FILE...", type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/incidents"),
    show_default=True,
    help="Folder the drafts are written to (DIR/YYYY/<id>.yaml).",
)
@click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD|YYYY-MM",
    help="Publication date of the article(s) (or only its month), when the article does "
    "not carry it. Without it, and without a date in the article, undated weekdays are "
    "drafted as windows to check, never counted from the day of the import.",
)
@click.option(
    "--url",
    metavar="URL",
    help="The article's address (recorded as its url; a date in it dates the article).",
)
@click.option(
    "--score",
    "labels",
    metavar="LABELS",
    type=click.Path(exists=True, path_type=Path),
    help="Instead of importing: extract from the labelled articles in LABELS (a "
    "file or folder) and print per-field precision and recall.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write a draft even when a record already on file looks like the same incident "
    "(same kind and place, date within a day); without it such drafts are reported, not "
    "written.",
)
@click.option(
    "--no-published",
    is_flag=True,
    help="With --score: do not pass the labels' publication dates (as an import without "
    "--published: only what each article carries dates it).",
)
@click.option(
    "--details",
    is_flag=True,
    help="With --score: also list, per article, each wrong field of a paired draft (as "
    "drafted and as labelled), each draft that is no labelled incident and each incident "
    "missed.",
)
def _import(
    files: tuple[Path, ...],
    out: Path,
    published: Published | None,
    url: str | None,
    labels: Path | None,
    force: bool,
    no_published: bool,
    details: bool,
) -> None:
    """Turn news articles (HTML or text) into draft incident records.

    One draft per incident found is written to OUT (never over an existing record: an
    incident already recorded gets the article added to its sources instead). One line per
    article says what was found and what needs review. Exit status 1 if a file could not
    be read.

    Example: chronology import seeds/*.txt --out /tmp/drafts --published 2023-12-06
    """
    if labels is not None:
        from generator.importer.score import score_labels

        score = score_labels(labels, published=not no_published)
        click.echo(score.table())
        if details:
            click.echo("\n" + score.explained())
        return
    if not files:
        raise click.UsageError("give at least one FILE to import (or --score LABELS)")
    from generator.importer.run import import_files

    failed = False
    for result in import_files(list(files), out, published=published, url=url, force=force):
        click.echo(result.line(), err=bool(result.error))
        failed |= bool(result.error)
    if failed:
        sys.exit(1)


import_cmd = click.command("import")(_import)
