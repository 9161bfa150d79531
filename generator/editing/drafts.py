"""The content folder as `chronology new` sees it: the lists it offers, the record it writes
under a free id, and what it tells the editor about that record once written."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from generator.editing import new as skeleton
from generator.records.loader import load_file
from generator.records.problems import display_path


# Not a full validation (that runs on the written record): only what `new` needs to ask.
def read_list(content: Path, name: str, required: bool) -> list[dict[str, Any]]:
    """The items with an id of a list file (bases.yaml, actors.yaml) of the content folder."""
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


def chronology_start(content: Path) -> dt.date | None:
    """The first day chronology.yaml gives the chronology, if it gives a readable one."""
    path = content / "chronology.yaml"
    data = load_file(path)[0] if path.exists() else None
    start = data.get("start") if isinstance(data, dict) else None
    try:
        return dt.date.fromisoformat(str(start)) if start else None
    except ValueError:
        return None


def chronology_countries(content: Path) -> tuple[str, ...]:
    """The countries chronology.yaml says the chronology covers, if it says (else none)."""
    path = content / "chronology.yaml"
    data = load_file(path)[0] if path.exists() else None
    found = data.get("countries") if isinstance(data, dict) else None
    return tuple(str(c) for c in found) if isinstance(found, list) else ()


def refuse_look_alikes(content: Path, draft: skeleton.Draft) -> None:
    """Exit, naming them, when records on file may already be this incident."""
    alike = skeleton.look_alikes(content, draft)
    if not alike:
        return
    for found, day in alike:
        click.echo(f"{display_path(found)}: {day}, {draft.kind}, same place", err=True)
    click.echo(
        f"Nothing was written: {len(alike)} record{'s' if len(alike) != 1 else ''} on file "
        f"(above) may be this incident (the same place and kind, dated within a day). Add "
        "a source to that record instead, or run again with --force to write a new one.",
        err=True,
    )
    sys.exit(1)


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
    from generator.records.problems import InvalidContent

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
