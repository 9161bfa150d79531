"""Finding a base from what an editor types (id, name or any alias, accents and case folded),
and the place of a new record: that base, or a place of its own with its coordinates."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click
from slugify import slugify

from generator.editing import converters
from generator.editing import new as skeleton

if TYPE_CHECKING:
    from generator.editing.prompts import Asker

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Aïn Al-Assad' -> 'ain al assad': no accents, no case, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub(" ", bare).strip()


def _spellings(base: dict[str, Any]) -> Iterable[str]:
    yield base["id"]
    yield base.get("name", "")
    yield from (base.get("names") or {}).values()
    yield from base.get("aliases") or ()


@dataclass(frozen=True)
class Match:
    """What a typed place resolved to: one base, or nothing (with close spellings to suggest)."""

    base: dict[str, Any] | None
    ambiguous: tuple[str, ...] = ()  # ids of every base the spelling fits, when more than one
    suggestions: tuple[str, ...] = ()  # ids of bases spelled closely, when none fits


def find_base(typed: str, bases: list[dict[str, Any]]) -> Match:
    key = fold(typed)
    if not key:
        return Match(None)
    hits = [b for b in bases if any(fold(s) == key for s in _spellings(b) if s)]
    ids = tuple(dict.fromkeys(b["id"] for b in hits))
    if len(ids) == 1:
        return Match(hits[0])
    if len(ids) > 1:
        return Match(None, ambiguous=ids)
    by_spelling = {fold(s): b["id"] for b in bases for s in _spellings(b) if s}
    close = difflib.get_close_matches(key, list(by_spelling), n=3, cutoff=0.75)
    return Match(None, suggestions=tuple(dict.fromkeys(by_spelling[c] for c in close)))


def resolve_place(
    typed: str | None,
    bases: list[dict[str, Any]],
    ask: Asker,
    options: dict[str, Any],
    countries: tuple[str, ...] = (),
) -> skeleton.Place | None:
    """The base `typed` names (asking which when it fits several, offering close spellings),
    else a place of its own whose country and coordinates come from `options` or are asked
    (`countries`, the chronology's, are given as examples)."""
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
        break
    hint = ""
    if match.suggestions:
        names = [f"{by_id[i].get('name', i)} ({i})" for i in match.suggestions]
        hint = f"; did you mean {' or '.join(names)}?"
        if ask.interactive and click.confirm(
            f"  '{typed}' is not in bases.yaml. Did you mean {names[0]}?", default=True
        ):
            return skeleton.Place(base_id=match.suggestions[0])
    free = ("--country", "--lat", "--lon")
    if not ask.interactive and any(options[o] is None for o in free):
        raise click.UsageError(
            f"'{typed}' is not a base of bases.yaml{hint} For a place that is not a base, "
            f"also give --country (ISO code, e.g. {(countries or ('FR',))[0]}), --lat and "
            "--lon (and --admin1, the province, if known)."
        )
    if not slugify(typed):  # the record's id is made of it
        raise click.BadParameter(
            f"'{typed}' gives no usable id; write the place name in Latin letters",
            param_hint="--place",
        )
    click.echo(f"  → '{typed}' is not a base: a place with its own coordinates.", err=True)
    return skeleton.Place(
        name=typed,
        country=ask(
            "--country",
            options["--country"],
            "Country (ISO code)",
            converters.country(countries),
        ),
        admin1=ask(
            "--admin1",
            options["--admin1"],
            "Province / governorate (Enter if unknown)",
            converters.optional_text,
            required=False,
        )
        or None,
        lat=ask("--lat", options["--lat"], "Latitude", converters.coordinate(-90, 90, "latitude")),
        lon=ask(
            "--lon",
            options["--lon"],
            "Longitude",
            converters.coordinate(-180, 180, "longitude"),
        ),
        precision=options["--precision"],
    )
