"""`chronology new` and `chronology serve` (generator.cli adds both when this module exists)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.cli import CONTENT, SETTINGS
from generator.editing import new as skeleton

_URL = re.compile(r"^https?://[^\s/?#][^\s]*$")


def can_prompt() -> bool:
    """Ask for what is missing only when someone is at a terminal to answer."""
    return sys.stdin.isatty()


# -- reading the lists new needs (not a full validation: that runs after writing) --------------
def _list(content: Path, name: str, required: bool) -> list[dict[str, Any]]:
    from generator.records.loader import load_file

    path = content / name
    if not path.exists():
        if required:
            raise click.UsageError(f"{path} not found: is --content the folder of the records?")
        return []
    data, _, problems = load_file(path)
    if problems:
        raise click.UsageError(
            f"{path} cannot be read:\n" + "\n".join(p.format() for p in problems)
        )
    return [item for item in data or [] if isinstance(item, dict) and "id" in item]


def _settings(content: Path) -> dict[str, Any]:
    from generator.records.loader import load_file

    path = content / "chronology.yaml"
    if not path.exists():
        return {}
    data, _, _ = load_file(path)
    return data if isinstance(data, dict) else {}


# -- converters: each turns what was typed into a value, or says what is wrong -------------------
def _date(start: dt.date | None) -> Callable[[str], dt.date]:
    def convert(text: str) -> dt.date:
        try:
            day = dt.date.fromisoformat(str(text).strip())
        except ValueError:
            raise click.BadParameter(
                f"'{text}' is not a date written YYYY-MM-DD (e.g. 2023-10-18)"
            ) from None
        if day > dt.date.today():
            raise click.BadParameter(f"{day} is in the future")
        if start and day < start:
            raise click.BadParameter(
                f"{day} is before the start of the chronology ({start}, in chronology.yaml)"
            )
        return day

    return convert


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def convert(text: str) -> str:
        value = str(text).strip().lower()
        if value not in choices:
            raise click.BadParameter(f"'{text}' is not one of: {', '.join(choices)}")
        return value

    return convert


def _country(text: str) -> str:
    value = str(text).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise click.BadParameter(f"'{text}' is not a two-letter ISO country code (IQ, SY…)")
    return value


def _coordinate(low: float, high: float, what: str) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            value = float(str(text).strip().replace(",", "."))
        except ValueError:
            raise click.BadParameter(f"'{text}' is not a number ({what})") from None
        if not low <= value <= high:
            raise click.BadParameter(f"{value} is outside {low}…{high} ({what})")
        return value

    return convert


def _url(text: str) -> str:
    value = str(text).strip()
    if value and not _URL.match(value):
        raise click.BadParameter(f"'{text}' is not an http:// or https:// address")
    return value


def _language(text: str) -> str:
    value = str(text).strip().lower()
    if not re.fullmatch(r"[a-z]{2}", value):
        raise click.BadParameter(f"'{text}' is not a two-letter language code (fr, en, ar…)")
    return value


def _text(what: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        value = skeleton.clean(str(text))
        if not value:
            raise click.BadParameter(f"{what} cannot be empty")
        return value

    return convert


class Asker:
    """Takes each value from its option, else asks at the terminal, else notes it as missing."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.missing: list[str] = []

    def __call__(
        self,
        option: str,
        value: Any,
        question: str,
        convert: Callable[[str], Any],
        default: str | None = None,
        required: bool = True,
    ) -> Any:
        if value is not None:
            try:
                return convert(value)
            except click.BadParameter as err:
                err.param_hint = option
                raise
        if self.interactive:
            return click.prompt(
                question,
                default=default if default is not None else (None if required else ""),
                value_proc=convert,
                show_default=bool(default),
            )
        if default is not None:
            return convert(default)
        if required:
            self.missing.append(option)
        return None

    def check(self, hint: str = "") -> None:
        if self.missing:
            raise click.UsageError(
                f"Missing {', '.join(self.missing)}: there is no terminal to ask on, so give "
                f"{'it' if len(self.missing) == 1 else 'them'} as option"
                f"{'' if len(self.missing) == 1 else 's'}{hint}. "
                "See `chronology new --help`."
            )


def _resolve_place(
    typed: str | None,
    bases: list[dict[str, Any]],
    ask: Asker,
    options: dict[str, Any],
) -> skeleton.Place | None:
    from generator.editing.places import find_base

    if typed is None:
        if not ask.interactive:
            ask.missing.append("--place")
            return None
        typed = click.prompt("Place (a base of bases.yaml, e.g. Ain al-Asad, or a place name)")
    by_id = {b["id"]: b for b in bases}
    while True:
        match = find_base(typed, bases)
        if match.base:
            base = match.base
            click.echo(f"  → base {base['id']} ({base.get('name', base['id'])})", err=True)
            return skeleton.Place(base_id=base["id"])
        if match.ambiguous and ask.interactive:
            click.echo(f"  '{typed}' fits several bases: {', '.join(match.ambiguous)}.", err=True)
            typed = click.prompt("Type the id of the base you mean")
            continue
        if match.ambiguous:
            raise click.BadParameter(
                f"'{typed}' fits several bases: {', '.join(match.ambiguous)}; give the id",
                param_hint="--place",
            )
        hint = ""
        if match.suggestions:
            names = [f"{by_id[i].get('name', i)} ({i})" for i in match.suggestions]
            hint = f"; did you mean {' or '.join(names)}?"
            if ask.interactive:
                first = match.suggestions[0]
                if click.confirm(
                    f"  '{typed}' is not in bases.yaml. Did you mean {names[0]}?", default=True
                ):
                    return skeleton.Place(base_id=first)
        free = ("--country", "--lat", "--lon")
        if not ask.interactive and any(options[o] is None for o in free):
            raise click.UsageError(
                f"'{typed}' is not a base of bases.yaml{hint} For a place that is not a base, "
                "also give --country (ISO code, e.g. IQ), --lat and --lon (and --admin1, the "
                "province, if known)."
            )
        if not slug_ok(typed):
            raise click.BadParameter(
                f"'{typed}' gives no usable id; write the place name in Latin letters",
                param_hint="--place",
            )
        click.echo(f"  → '{typed}' is not a base: a place with its own coordinates.", err=True)
        return skeleton.Place(
            name=typed,
            country=ask("--country", options["--country"], "Country (ISO code)", _country),
            admin1=ask(
                "--admin1",
                options["--admin1"],
                "Province / governorate (Enter if unknown)",
                lambda t: skeleton.clean(str(t)) or None,
                required=False,
            )
            or None,
            lat=ask("--lat", options["--lat"], "Latitude", _coordinate(-90, 90, "latitude")),
            lon=ask("--lon", options["--lon"], "Longitude", _coordinate(-180, 180, "longitude")),
            precision=options["--precision"],
        )


def slug_ok(name: str) -> bool:
    from slugify import slugify

    return bool(slugify(name))


@click.command("new")
@CONTENT
@click.option("--date", help="Day of the incident, YYYY-MM-DD.")
@click.option("--place", help="A base (id, name or alias from bases.yaml) or a place name.")
@click.option("--kind", help="attack (on US/coalition forces) or strike (by them).")
@click.option("--country", help="For a place that is not a base: ISO country code (IQ, SY).")
@click.option("--admin1", help="For a place that is not a base: province / governorate.")
@click.option("--lat", help="For a place that is not a base: latitude.")
@click.option("--lon", help="For a place that is not a base: longitude.")
@click.option(
    "--precision",
    type=click.Choice(skeleton.PRECISIONS),
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
    type=click.Choice(skeleton.STATUSES),
    help="confirmed, claimed or disputed (left as a TODO when not given).",
)
@click.option(
    "--weapon",
    "weapons",
    multiple=True,
    type=click.Choice(skeleton.WEAPONS),
    help="What was used; repeat for several (left as a TODO when not given).",
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
    """
    interactive = can_prompt()
    ask = Asker(interactive)
    bases = _list(content, "bases.yaml", required=True)
    actors = [a["id"] for a in _list(content, "actors.yaml", required=False)]
    start_text = _settings(content).get("start")
    try:
        start = dt.date.fromisoformat(str(start_text)) if start_text else None
    except ValueError:
        start = None

    if not interactive:  # say everything that is missing at once, before anything else
        for name in ("date", "place", "kind", "source_outlet", "quote"):
            if options[name] is None:
                ask.missing.append("--" + name.replace("_", "-"))
        ask.check()

    date = ask("--date", options["date"], "Date (YYYY-MM-DD)", _date(start))
    kind = ask("--kind", options["kind"], "Kind (attack or strike)", _choice(skeleton.KINDS))
    place = _resolve_place(
        options["place"],
        bases,
        ask,
        {
            "--country": options["country"],
            "--admin1": options["admin1"],
            "--lat": options["lat"],
            "--lon": options["lon"],
            "--precision": options["precision"],
        },
    )
    outlet = ask(
        "--source-outlet",
        options["source_outlet"],
        "Source: outlet (AFP, Le Monde…)",
        _text("outlet"),
    )
    url = ask(
        "--source-url",
        options["source_url"],
        "Source: address of the article (Enter if none)",
        _url,
        required=False,
    )
    language = ask(
        "--source-language",
        options["source_language"],
        "Source: language of the article",
        _language,
        default="fr",
    )
    quote = ask(
        "--quote",
        options["quote"],
        "Source: verbatim quote (one line here; you can extend it in the file)",
        _text("the quote"),
    )
    ask.check()
    published = None
    if options["source_published"]:
        try:
            published = dt.date.fromisoformat(options["source_published"]).isoformat()
        except ValueError:
            raise click.BadParameter(
                f"'{options['source_published']}' is not a date YYYY-MM-DD",
                param_hint="--source-published",
            ) from None
    seed = options["source_seed"]
    if seed and not (content.parent / "seeds" / seed).is_file():
        raise click.BadParameter(
            f"no stored article {content.parent / 'seeds' / seed}", param_hint="--source-seed"
        )

    draft = skeleton.Draft(
        date=date,
        kind=kind,
        place=place,
        source=skeleton.Source(
            outlet=outlet,
            quote=quote,
            language=language,
            url=url or None,
            title=skeleton.clean(options["source_title"] or "") or None,
            published=published,
            seed=seed,
        ),
        status=options["status"],
        weapons=list(dict.fromkeys(options["weapons"])),
        actors=actors,
    )
    alike = skeleton.look_alikes(content, draft)
    if alike and not force:
        from generator.records.problems import display_path

        for found, day in alike:
            click.echo(f"{display_path(found)}: {day}, {draft.kind}, same place", err=True)
        click.echo(
            f"Nothing was written: {len(alike)} record{'s' if len(alike) != 1 else ''} on file "
            f"(above) may be this incident (the same place and kind, dated within a day). Add "
            "a source to that record instead, or run again with --force to write a new one.",
            err=True,
        )
        sys.exit(1)
    path = write(content, draft)
    report(content, path)


def write(content: Path, draft: skeleton.Draft) -> Path:
    """Write the skeleton under a free id; never overwrites (another record may race us)."""
    while True:
        record_id = skeleton.free_id(content, draft.date, draft.place.slug, draft.kind)
        path = skeleton.record_path(content, record_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(skeleton.render(draft, record_id))
            return path
        except FileExistsError:
            continue


def report(content: Path, path: Path) -> None:
    """Validate what was written; say where it is, what is left to do and what comes next."""
    from generator.records.checks import load_chronology
    from generator.records.problems import InvalidContent, display_path

    shown = display_path(path)
    record_id = path.stem
    try:
        load_chronology(content)
        mine: list[Any] = []
        others = 0
    except InvalidContent as err:
        mine = [p for p in err.problems if Path(p.file).resolve() == path.resolve()]
        others = len(err.problems) - len(mine)
    click.echo(f"Wrote {shown}")
    if mine:
        for problem in mine:
            click.echo(problem.format(), err=True)
        click.echo(
            f"The new record has {len(mine)} problem{'s' if len(mine) != 1 else ''} to fix "
            "first (above); then run `chronology validate`.",
            err=True,
        )
        sys.exit(1)
    todos = skeleton.todo_lines(path.read_text("utf-8"))
    click.echo(
        f"It is valid, so the site builds with it; fill in the {len(todos)} lines marked TODO "
        f"(lines {', '.join(map(str, todos))}) and delete each TODO once done."
    )
    if others:
        click.echo(
            f"(Other records have {others} problem{'s' if others != 1 else ''}: "
            "run `chronology validate`.)",
            err=True,
        )
    click.echo(
        "Next: open the file in your editor, preview it with `make serve` at "
        f"http://127.0.0.1:8000/incidents/{record_id}/ , then run `chronology validate`."
    )


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
