"""The ``chronology check`` command."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import click

from generator.records.problems import Problem

from .cache import Cache, parse_duration
from .html import ToolMissing, ValidatorFailed
from .options import Options
from .report import github_lines, text_lines, visible, write_json
from .runner import run_check

DEFAULT_CACHE = Path(".cache") / "linkcheck.json"


class CannotCheck(click.ClickException):
    """The check could not run (missing tool, unreadable site): exit status 2, like usage."""

    exit_code = 2


def _patterns(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as error:
            raise click.BadParameter(f"{pattern!r}: {error}") from error
    return value


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@click.command("check")
@click.argument(
    "site_dir", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the problems as a JSON list of {kind, page, link, reason, line} "
    "(and column, when known).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["auto", "text", "github"]),
    default="auto",
    show_default=True,
    help="Problems as text lines, or as GitHub workflow annotations (auto: under GitHub Actions).",
)
@click.option("--external", is_flag=True, help="Also check outside URLs (source citations).")
@click.option("--html", is_flag=True, help="Also validate every page with the Nu HTML Checker.")
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="REGEX",
    callback=_patterns,
    help="Leave links matching this regular expression alone (repeatable).",
)
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_CACHE,
    show_default=True,
    help="Results of outside URLs, reused by later runs (with --external).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--max-age",
    default="7d",
    metavar="AGE",
    show_default=True,
    callback=_duration,
    help="How long a cached result stays valid: seconds, or 30m, 12h, 7d, 2w.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for an outside server.",
)
@click.option(
    "--url-deadline",
    default="60s",
    metavar="TIME",
    show_default=True,
    callback=_duration,
    help="Most time for one outside URL, all attempts and redirects included.",
)
@click.option(
    "--run-deadline",
    default="20m",
    metavar="TIME",
    show_default=True,
    callback=_duration,
    help="Most time for all outside URLs; those left are reported as not checked.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also check loopback, private and link-local addresses (a local test site).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Further attempts after a timeout, 429 or 5xx.",
)
@click.option(
    "--per-host",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Requests at once to one outside host.",
)
@click.option(
    "--site-url",
    metavar="URL",
    help="The site's own address: absolute links to it are checked as internal ones.",
)
@click.option(
    "--archive",
    "archive_of",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    metavar="CONTENT",
    help="Also verify the SHA-256 of every archived source copy of this content folder.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes parsing pages (default: one per CPU).",
)
def check(
    site_dir: Path,
    json_file: Path | None,
    output_format: str,
    external: bool,
    html: bool,
    ignore: tuple[str, ...],
    cache_file: Path,
    no_cache: bool,
    max_age: float,
    timeout: float,
    url_deadline: float,
    run_deadline: float,
    allow_private: bool,
    retries: int,
    per_host: int,
    site_url: str | None,
    archive_of: Path | None,
    jobs: int | None,
) -> None:
    """Check every HTML page under SITE_DIR for broken links and fragments.

    Prints one `page: link: reason` line per problem and exits with status 1 if there is
    any, 0 if there is none (2 when the check cannot run). Nothing leaves the machine unless
    --external is given; even then no loopback, private or link-local address is contacted
    unless --allow-private is given.

    \b
    Example:

        chronology check output --external --html --json .cache/check.json
    """
    start = time.perf_counter()
    cache = None if no_cache or not external else Cache(cache_file, max_age)
    options = Options(
        timeout=timeout,
        url_deadline=url_deadline,
        run_deadline=run_deadline,
        allow_private=allow_private,
        retries=retries,
        per_host=per_host,
    )
    try:
        result = run_check(
            site_dir,
            external=external,
            html=html,
            ignore=ignore,
            site_url=site_url,
            cache=cache,
            options=options,
            jobs=jobs,
            log=lambda message: click.echo(visible(message), err=True),
        )
    except (ToolMissing, ValidatorFailed, OSError) as error:
        raise CannotCheck(str(error)) from error
    problems = result.problems
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    lines = github_lines(problems, site_dir) if output_format == "github" else text_lines(problems)
    for line in lines:
        click.echo(line)
    if archive_of is not None:  # generator/archive.py: the copies match their hashes
        from generator.archive import verify

        broken = []
        for finding in verify(archive_of):  # escaped like the check's own lines
            where = (archive_of / finding.file).as_posix()
            problem = Problem(where, 0, 0, "", finding.message, "archive")
            github = output_format == "github"
            click.echo(problem.format_github() if github else visible(finding.format()))
            broken.append(problem)
        problems = [*problems, *broken]
    if json_file is not None:
        write_json(json_file, problems)
    outside = f", {result.external} outside URLs" if external else ""
    click.echo(
        f"{result.pages} pages, {result.links} links{outside}: "
        f"{len(problems) or 'no'} problem{'s' if len(problems) != 1 else ''}"
        f" ({time.perf_counter() - start:.1f} s)",
        err=True,
    )
    click.get_current_context().exit(1 if problems else 0)
