"""`chronology new` and `chronology serve`, the editors' commands (thin: the work is in
prompts, places and drafts, and in the serve package)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from generator.cli_options import CONTENT, SETTINGS
from generator.editing import drafts
from generator.editing.converters import Word, check_words
from generator.editing.prompts import Asker, ask_draft, can_prompt
from generator.records import schema


@click.command("new")
@CONTENT
@click.option("--date", help="Day of the incident, YYYY-MM-DD.")
@click.option("--place", help="A base (id, name or alias from bases.yaml) or a place name.")
@click.option("--kind", help="What happened: a kind of the content folder's schema (attack…).")
@click.option("--country", help="For a place that is not a base: its ISO country code.")
@click.option("--admin1", help="For a place that is not a base: province / governorate.")
@click.option("--lat", help="For a place that is not a base: latitude.")
@click.option("--lon", help="For a place that is not a base: longitude.")
@click.option(
    "--precision",
    type=Word("location.precision"),
    default="approximate",
    show_default=True,
    help="For a place that is not a base: how precise the coordinates are.",
)
@click.option("--source-outlet", help="Who published the report (AFP, Le Monde…).")
@click.option("--source-url", help="Address of the article (http or https).")
@click.option("--source-title", help="Headline of the article.")
@click.option("--source-language", help="Language of the article (fr, en, ar…); default fr.")
@click.option("--source-published", help="Publication date of the article, YYYY-MM-DD.")
@click.option("--source-seed", help="File name under seeds/ when the article is stored there.")
@click.option("--quote", help="Verbatim sentence(s) from the article that support the record.")
@click.option(
    "--status",
    type=Word("status"),
    help="A status of the content folder's schema (left as a TODO when not given).",
)
@click.option(
    "--weapon",
    "weapons",
    multiple=True,
    type=Word("weapons"),
    help="What was used, a weapon of the content folder's schema; repeat for several (left "
    "as a TODO when not given).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write the record even if one on file looks like the same incident.",
)
def new(content: Path, force: bool, **options: Any) -> None:
    """Start a new incident record: the right file name and id, every field to fill in marked TODO.

    Asks for what is missing when run at a terminal. Example:

      chronology new --date 2023-10-18 --place "Ain al-Asad" --kind attack
      --source-outlet AFP --source-url https://… --quote "…"

    The kinds, statuses, weapons and precisions are those of the content folder's schema
    (its own schema/, else the bundled one, whose words the options list).
    """
    schema.use(content)  # its vocabularies, before any value is held to them
    check_words(click.get_current_context())
    bases = drafts.read_list(content, "bases.yaml", required=True)
    actors = [a["id"] for a in drafts.read_list(content, "actors.yaml", required=False)]
    start = drafts.chronology_start(content)
    draft = ask_draft(Asker(can_prompt()), options, content, bases, actors, start)
    if not force:
        drafts.refuse_look_alikes(content, draft)
    drafts.report(content, drafts.write(content, draft))


@click.command("serve")
@CONTENT
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where the preview is built (in place).",
)
@SETTINGS
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; requests must name it (or 127.0.0.1, localhost, [::1]).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port (0: any free port).",
)
@click.option("--search", is_flag=True, help="Also build the search index (slower rebuilds).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser.")
@click.option(
    "--watch-code",
    "code_dirs",
    multiple=True,
    hidden=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Code folders whose changes restart the server (default: the generator package).",
)
def serve(
    content: Path,
    output: Path,
    settings: Path | None,
    host: str,
    port: int,
    search: bool,
    open_browser: bool,
    code_dirs: tuple[Path, ...],
) -> None:
    """Preview the site at http://127.0.0.1:8000, rebuilt and reloaded on every change.

    Watches the records, seeds/, templates/, pelican.conf.py and the generator code. An
    invalid record shows its problems (file:line) in the browser and here until fixed.
    Stop with Ctrl-C.
    """
    from generator.editing.serve import Preview

    if not (content / "bases.yaml").is_file():
        raise click.UsageError(f"{content}/bases.yaml not found: is --content the records' folder?")
    from generator.folders import UnsafeOutput, check_place
    from generator.resources import THEME_DIR

    try:  # it writes pages into --output: never among the records or over the project
        templates = THEME_DIR / "templates"
        check_place(output, content=content, seeds=content.parent / "seeds", theme=templates)
    except UnsafeOutput as err:
        raise click.UsageError(str(err)) from None
    Preview(
        content=content,
        output=output,
        settings_file=settings,
        host=host,
        port=port,
        search=search,
        open_browser=open_browser,
        code_dirs=code_dirs,
    ).run()
