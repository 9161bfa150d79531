"""The `chronology` command: thin click commands over the library (one function each)."""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path

import click

from generator.cli_options import CONTENT, SEEDS, SETTINGS
from generator.folders import UnsafeOutput
from generator.records.problems import InvalidContent


def report_problems(err: InvalidContent, fmt: str = "text") -> None:
    github = fmt == "github" or (fmt == "auto" and os.environ.get("GITHUB_ACTIONS") == "true")
    for problem in err.problems:
        click.echo(problem.format_github() if github else problem.format(), err=True)
    files = len({p.file for p in err.problems})
    click.echo(
        f"{err}: {len(err.problems)} in {files} file{'s' if files != 1 else ''}. "
        "Nothing was built. Fix them and run `chronology validate` again.",
        err=True,
    )


class LazyGroup(click.Group):
    """Commands that live next to their stage's code, imported only when called.

    (click's documented lazy-loading pattern: `chronology validate` does not pay for the
    importer's or the live server's imports.)
    """

    lazy = {
        "archive": "generator.archive:archive",
        "check": "generator.check.cli:check",
        "import": "generator.importer.cli:import_cmd",
        "new": "generator.editing.cli:new",
        "serve": "generator.editing.cli:serve",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            import importlib

            module, attribute = self.lazy[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="chronology")
@click.option("-v", "--verbose", is_flag=True, help="Show Pelican's progress messages.")
def cli(verbose: bool) -> None:
    """Build a sourced, checkable chronology site from YAML incident records."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )


@cli.command()
@CONTENT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "auto"]),
    default="auto",
    help="github: annotations for GitHub Actions (auto: when running there).",
)
@SEEDS
def validate(content: Path, fmt: str, seeds: Path | None) -> None:
    """Check every record; print each problem as file:line:column and exit 1 if any.

    Example: chronology validate --content content
    """
    from generator.records.checks import load_chronology

    try:
        chron = load_chronology(content, seeds=seeds)
    except InvalidContent as err:
        report_problems(err, fmt)
        sys.exit(1)
    click.echo(
        f"{content}: {len(chron.incidents)} incidents, {len(chron.bases)} bases, "
        f"{len(chron.actors)} actors, {len(chron.statements)} statements: all valid."
    )


@cli.command()
@CONTENT
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where the site is written.",
)
@SEEDS
@SETTINGS
@click.option("--no-search", is_flag=True, help="Skip the search index (faster previews).")
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="The public address of the site (https://…), used in sitemap.xml, feeds and "
    "JSON-LD; overrides the SITEURL setting. Without one the build is a local preview.",
)
@click.option(
    "--public",
    is_flag=True,
    help="A build to publish: refuse to build without a site URL.",
)
@click.option(
    "--previous",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The published site this build replaces, when it is not OUTPUT (a folder holding "
    "its published-ids.json, e.g. downloaded from the live site): every incident id it "
    "published keeps a page.",
)
def build(
    content: Path,
    output: Path,
    seeds: Path | None,
    settings: Path | None,
    no_search: bool,
    site_url: str | None,
    public: bool,
    previous: Path | None,
) -> None:
    """Validate the records and build the site into OUTPUT, replacing it only on success.

    Without a site URL (--site-url or the SITEURL setting) the site is a local preview: links
    are relative to the site's root, no sitemap.xml is written, and feeds and JSON-LD carry
    no absolute addresses. A site to publish is built with --site-url (and --public, which
    refuses to build without one).

    Example: chronology build --content content --output output --site-url https://example.org
    """
    from generator.build import SiteURLError
    from generator.build import build as build_site
    from generator.settings import SettingsError

    where = {"CHRONOLOGY_SEEDS": str(seeds.resolve())} if seeds else {}
    if site_url is not None:
        where["SITEURL"] = site_url
    if previous is not None:  # generator/site/plumbing.py reads its list of published ids
        where["CHRONOLOGY_PUBLISHED"] = str(previous.resolve())
    try:
        # SEARCH_INDEX tells the templates whether /pagefind/ will exist (templates/search.html)
        result = build_site(
            content,
            output,
            settings_file=settings,
            search_index=not no_search,
            SEARCH_INDEX=not no_search,
            public=public,
            **where,
        )
    except InvalidContent as err:
        report_problems(err)
        click.echo(f"{output} was left as it was.", err=True)
        sys.exit(1)
    except (UnsafeOutput, SiteURLError, SettingsError) as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(1)
    except OSError as err:  # a full disk, a read-only or vanished folder: said, not a traceback
        click.echo(f"Error: {written_nothing(err, output)}", err=True)
        sys.exit(1)
    pages, rendered = result.stats.get("pages", 0), result.stats.get("rendered", 0)
    click.echo(
        f"Built {pages} pages into {output} in {result.seconds:.1f} s "
        f"({rendered} rendered, {pages - rendered} unchanged)."
    )
    if not result.stats.get("site_url"):
        click.echo(
            "No site URL (--site-url or SITEURL): a local preview, with links from the site's "
            "root, no sitemap.xml, and no absolute addresses in feeds and JSON-LD. "
            "Build with --site-url https://… to publish."
        )


def written_nothing(err: OSError, output: Path) -> str:
    """What an OSError during a build means for the editor: what failed, where, what is left."""
    why = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
    }.get(err.errno or 0, err.strerror or str(err))
    where = f" ({err.filename})" if err.filename else ""
    return (
        f"could not write the site: {why}{where}. {output} was left as it was; "
        "free some space or choose a writable --output, then build again."
    )


def main() -> None:
    cli()
