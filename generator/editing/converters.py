"""What an editor types for `chronology new`, turned into a value or refused with the reason.

Each converter serves both an option's value and an answer typed at the prompt (click's
`value_proc`), so the two are held to the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import click

from generator import fields
from generator.editing.new import clean

_URL = re.compile(r"^https?://[^\s/?#][^\s]*$")


def date(start: dt.date | None) -> Callable[[str], dt.date]:
    """A day written YYYY-MM-DD, not in the future nor before the chronology's `start`."""

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


def choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def convert(text: str) -> str:
        value = str(text).strip().lower()
        if value not in choices:
            raise click.BadParameter(f"'{text}' is not one of: {', '.join(choices)}")
        return value

    return convert


class Word(click.ParamType):
    """An option's word of a vocabulary of the incident schema (`fields.vocabulary(field)`).

    click converts the options before `chronology new` has read the content folder's
    schema (records.schema.use), so the word is held to that schema's vocabulary by `check`,
    from the command, with click's own error; the help lists the schema in use then."""

    name = "word"

    def __init__(self, field: str):
        self.field = field

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return f"[{'|'.join(fields.vocabulary(self.field))}]"

    def check(self, value: str, param: click.Parameter, ctx: click.Context) -> None:
        words = fields.vocabulary(self.field)
        if value not in words:
            allowed = ", ".join(repr(w) for w in words)
            self.fail(f"{value!r} is not one of {allowed}.", param, ctx)


def check_words(ctx: click.Context) -> None:
    """Hold every `Word` option of the command to the vocabulary of the schema now in use."""
    for param in ctx.command.params:
        if not isinstance(param.type, Word):
            continue
        value: Any = ctx.params.get(param.name or "")
        for word in value if param.multiple else (value,):
            if word is not None:
                param.type.check(word, param, ctx)


def _two_letters(text: str, value: str, what: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise click.BadParameter(f"'{text}' is not a two-letter {what}")
    return value


def country(examples: tuple[str, ...] = ()) -> Callable[[str], str]:
    """A two-letter ISO country code, in capitals; a wrong one is told `examples` (the
    chronology's countries: validate refuses any other)."""
    what = f"ISO country code ({', '.join(examples)}…)" if examples else "ISO country code"

    def convert(text: str) -> str:
        return _two_letters(text, str(text).strip().upper(), what)

    return convert


def coordinate(low: float, high: float, what: str) -> Callable[[str], float]:
    """A number in `low`…`high`; a decimal comma is accepted (as typed in French)."""

    def convert(text: str) -> float:
        try:
            value = float(str(text).strip().replace(",", "."))
        except ValueError:
            raise click.BadParameter(f"'{text}' is not a number ({what})") from None
        if not low <= value <= high:
            raise click.BadParameter(f"{value} is outside {low}…{high} ({what})")
        return value

    return convert


def url(text: str) -> str:
    """An http(s) address, or '' for none."""
    value = str(text).strip()
    if value and not _URL.match(value):
        raise click.BadParameter(f"'{text}' is not an http:// or https:// address")
    return value


def language(text: str) -> str:
    return _two_letters(text, str(text).strip().lower(), "language code (fr, en, ar…)")


def text(what: str) -> Callable[[str], str]:
    """A text that cannot be left empty, cleaned of what a YAML scalar may not hold."""

    def convert(typed: str) -> str:
        value = clean(str(typed))
        if not value:
            raise click.BadParameter(f"{what} cannot be empty")
        return value

    return convert


def optional_text(typed: str) -> str | None:
    return clean(str(typed)) or None


def published(typed: str | None) -> str | None:
    """A publication date YYYY-MM-DD, or None when not given."""
    if not typed:
        return None
    try:
        return dt.date.fromisoformat(typed).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{typed}' is not a date YYYY-MM-DD") from None
