"""Asking for what `chronology new` was not given: from its option, else at the terminal."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.editing import converters, drafts
from generator.editing import new as skeleton
from generator.editing.places import resolve_place

# What a record cannot be started without: said all at once when there is no terminal.
REQUIRED = ("date", "place", "kind", "source_outlet", "quote")


def can_prompt() -> bool:
    """Ask for what is missing only when someone is at a terminal to answer."""
    return sys.stdin.isatty()


def option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


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
            return self.given(option, value, convert)
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

    @staticmethod
    def given(option: str, value: Any, convert: Callable[[Any], Any]) -> Any:
        """An option's value converted; a wrong one is reported under the option's name."""
        try:
            return convert(value)
        except click.BadParameter as err:
            err.param_hint = option
            raise

    def check(self, hint: str = "") -> None:
        if self.missing:
            raise click.UsageError(
                f"Missing {', '.join(self.missing)}: there is no terminal to ask on, so give "
                f"{'it' if len(self.missing) == 1 else 'them'} as option"
                f"{'' if len(self.missing) == 1 else 's'}{hint}. "
                "See `chronology new --help`."
            )


def kind_question() -> str:
    """'Kind (attack or strike)': the kinds of the schema in use."""
    kinds = skeleton.kinds()
    return f"Kind ({' or '.join(filter(None, (', '.join(kinds[:-1]), kinds[-1])))})"


def ask_draft(
    ask: Asker,
    options: dict[str, Any],
    content: Path,
    bases: list[dict[str, Any]],
    actors: list[str],
    start: dt.date | None,
) -> skeleton.Draft:
    """The new record's values from the options of `chronology new`, asking for the rest."""
    if not ask.interactive:  # say everything that is missing at once, before anything else
        ask.missing.extend(option_name(n) for n in REQUIRED if options[n] is None)
        ask.check()
    date = ask("--date", options["date"], "Date (YYYY-MM-DD)", converters.date(start))
    kind = ask("--kind", options["kind"], kind_question(), converters.choice(skeleton.kinds()))
    free = ("country", "admin1", "lat", "lon", "precision")
    given = {option_name(n): options[n] for n in free}
    place = resolve_place(options["place"], bases, ask, given, drafts.chronology_countries(content))
    outlet = ask(
        "--source-outlet",
        options["source_outlet"],
        "Source: outlet (AFP, Le Monde…)",
        converters.text("outlet"),
    )
    url = ask(
        "--source-url",
        options["source_url"],
        "Source: address of the article (Enter if none)",
        converters.url,
        required=False,
    )
    language = ask(
        "--source-language",
        options["source_language"],
        "Source: language of the article",
        converters.language,
        default="fr",
    )
    quote = ask(
        "--quote",
        options["quote"],
        "Source: verbatim quote (one line here; you can extend it in the file)",
        converters.text("the quote"),
    )
    ask.check()
    published = ask.given("--source-published", options["source_published"], converters.published)
    seed = options["source_seed"]
    if seed and not (content.parent / "seeds" / seed).is_file():
        raise click.BadParameter(
            f"no stored article {content.parent / 'seeds' / seed}", param_hint="--source-seed"
        )
    return skeleton.Draft(
        date=date,
        kind=kind,
        place=place,
        source=skeleton.Source(
            outlet=outlet,
            quote=quote,
            language=language,
            url=url or None,
            title=converters.optional_text(options["source_title"] or ""),
            published=published,
            seed=seed,
        ),
        status=options["status"],
        weapons=list(dict.fromkeys(options["weapons"])),
        actors=actors,
    )
