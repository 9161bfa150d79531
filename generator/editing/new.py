"""`chronology new`: a record skeleton with the right id and file name, valid but marked TODO.

The skeleton passes `chronology validate` (so the site, and the live preview, build with it),
but every value the editor still has to decide is marked with the word TODO: placeholder
summaries that show on the page, and TODO comments beside the fields to check. The
pre-commit hook `no-todo-in-records` refuses a record that still contains one.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from generator.fields import vocabulary

MODELINE = "# yaml-language-server: $schema=../../schema/incident.schema.json"
TODO = "TODO"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_WIDTH = 96


# The vocabularies are the schema's (generator.fields), read when asked: the schema in use
# is the content folder's own once `records.schema.use(content)` has run, never a copy.
def kinds() -> tuple[str, ...]:
    return vocabulary("kind")


def statuses() -> tuple[str, ...]:
    return vocabulary("status")


def weapons() -> tuple[str, ...]:
    return vocabulary("weapons")


def precisions() -> tuple[str, ...]:
    return vocabulary("location.precision")


def date_precisions() -> tuple[str, ...]:
    return vocabulary("date_precision")


def placeholder(words: tuple[str, ...], usual: str) -> str:
    """What a skeleton holds until the editor decides: `usual` when the schema in use has it,
    else its first word, so that the record stays valid under another schema."""
    return usual if usual in words else words[0]


@dataclass
class Place:
    """Either a base of bases.yaml (base_id) or a free location (name, country, lat, lon…)."""

    base_id: str | None = None
    name: str = ""
    country: str = ""
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "approximate"

    @property
    def slug(self) -> str:
        return self.base_id or slugify(self.name)


@dataclass
class Source:
    outlet: str
    quote: str
    language: str = "fr"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    seed: str | None = None


@dataclass
class Draft:
    date: dt.date
    kind: str
    place: Place
    source: Source
    status: str | None = None  # None: 'claimed' (new.placeholder), marked TODO
    weapons: list[str] = field(default_factory=list)  # []: ['unknown'], marked TODO
    actors: list[str] = field(default_factory=list)  # known actor ids, listed in a comment


def free_id(content: Path, date: dt.date, place_slug: str, kind: str) -> str:
    """YYYY-MM-DD-<place>-<kind>, with -2, -3… when a record already has that id."""
    base = f"{date.isoformat()}-{place_slug}-{kind}"
    taken = {p.stem for p in (content / "incidents").glob("*/*.yaml")}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def look_alikes(content: Path, draft: Draft) -> list[tuple[Path, str]]:
    """Records on file that may be the same incident as `draft`: the same kind and place (the
    same base, or a place of the same name in the same country), dated within a day of it.
    (path, date) of each; a file that cannot be read is not a match (validate reports it)."""
    found = []
    place = draft.place
    for path in sorted((content / "incidents").glob("*/*.yaml")):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
            day = dt.date.fromisoformat(str(data["date"]))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, ValueError):
            continue
        if data.get("kind") != draft.kind or abs((day - draft.date).days) > 1:
            continue
        location = data.get("location") or {}
        if place.base_id:
            same = data.get("base") == place.base_id
        else:
            same = (
                not data.get("base")
                and isinstance(location, dict)
                and slugify(str(location.get("name", ""))) == slugify(place.name)
                and location.get("country") == place.country
            )
        if same:
            found.append((path, day.isoformat()))
    return found


def record_path(content: Path, record_id: str) -> Path:
    return content / "incidents" / record_id[:4] / f"{record_id}.yaml"


def clean(text: str) -> str:
    """What may go into a YAML scalar: no tabs or control characters, no outer blanks."""
    return _CONTROL.sub(" ", text.replace("\t", " ").replace("\r\n", "\n")).strip()


def scalar(value: str) -> str:
    """A one-line YAML scalar: plain when YAML reads it back as the same string, else quoted
    (so 'NO', '2023-10-18' or 'a: b' stay strings)."""
    text = clean(value).replace("\n", " ")
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def block(text: str, indent: int) -> str:
    """A folded block scalar (>-) whose value, once folded, is `text` (paragraphs kept)."""
    pad = " " * indent
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", clean(text)) if p.strip()]
    lines: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            lines.append("")
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=_WIDTH,
                initial_indent=pad,
                subsequent_indent=pad,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return ">-\n" + "\n".join(lines)


def _number(value: float) -> str:
    return repr(round(float(value), 6))


def render(draft: Draft, record_id: str, today: dt.date | None = None) -> str:
    """The text of the new record file."""
    today = today or dt.date.today()
    place, source = draft.place, draft.source
    out = [
        MODELINE,
        f"# Started with `chronology new` on {today.isoformat()}. Each line flagged with the",
        "# to-do marker below holds a placeholder: put the right value, then delete the marker",
        "# (EDITING.md). The record is valid, so the preview builds, but the pre-commit hook",
        "# refuses it while a marker is left.",
        f"id: {record_id}",
        f"date: {draft.date.isoformat()}",
        f"date_precision: {placeholder(date_precisions(), 'day')}  "
        f"# {' | '.join(date_precisions())} (else say how in date_note)",
        "# date_note: How the date was worked out when the source does not print it.",
        f"kind: {draft.kind}",
        "weapons:",
    ]
    if draft.weapons:
        out += [f"  - {w}" for w in draft.weapons]
    else:
        words = weapons()
        offered = ", ".join(w for w in words if w != "unknown")
        offered += "; or unknown" if "unknown" in words else ""
        out += [f"  - {placeholder(words, 'unknown')}  # {TODO}: one or more of"] + [
            f"  #   {line}" for line in textwrap.wrap(offered, 80)
        ]
    if place.base_id:
        out.append(f"base: {scalar(place.base_id)}")
    else:
        out += [
            "base: null",
            "location:",
            f"  name: {scalar(place.name)}",
            f"  admin1: {scalar(place.admin1) if place.admin1 else 'null'}",
            f"  country: {scalar(place.country)}",
            f"  lat: {_number(place.lat or 0.0)}",
            f"  lon: {_number(place.lon or 0.0)}",
            f"  precision: {place.precision}  # {' | '.join(precisions())}",
        ]
    out += [
        f"casualties:  # {TODO}: min = what the sources establish, max = the highest reported;",
        "  # null = unknown. 'plusieurs' gives min 2, max null; 'aucune victime' gives 0 and 0.",
        "  killed:",
        "    min: null",
        "    max: null",
        "  injured:",
        "    min: null",
        "    max: null",
        "  # note: Who the casualties were, in the words of the source.",
    ]
    known = ", ".join(draft.actors[:6]) + (", …" if len(draft.actors) > 6 else "")
    out.append(f"claimed_by: []  # {TODO}: actors.yaml ids of those who claimed it themselves")
    if known:
        out.append(f"#   ({known})")
    out.append("# attributed_to: []  # ids of those blamed by someone else (not a claim)")
    if draft.status:
        out.append(f"status: {draft.status}")
    else:
        first = placeholder(statuses(), "claimed")
        out.append(f"status: {first}  # {TODO}: {' | '.join(statuses())} (see EDITING.md)")
    out += [
        "summary:",
        "  fr: " + block(f"{TODO}: résumé en français : quoi, où, bilan, selon qui.", 4),
        "  en: " + block(f"{TODO}: summary in English: what, where, casualties, who says so.", 4),
        "sources:",
        f"  - outlet: {scalar(source.outlet)}",
    ]
    if source.title:
        out.append(f"    title: {scalar(source.title)}")
    if source.url:
        out.append(f"    url: {scalar(source.url)}")
    out.append(
        "    # archive_url: https://web.archive.org/web/… (save the page there, paste the link)"
    )
    if source.published:
        out.append(f"    published: {source.published}")
    out.append(f"    language: {source.language}")
    if source.seed:
        out.append(f"    seed: {scalar(source.seed)}")
    out.append("    quote: " + block(source.quote, 6))
    return "\n".join(out) + "\n"


def todo_lines(text: str) -> list[int]:
    """1-based numbers of the lines that still say TODO."""
    return [n for n, line in enumerate(text.splitlines(), 1) if TODO in line]


def data_of(draft: Draft, record_id: str) -> dict[str, Any]:
    """The record `render` writes, as data (what the file must load back to)."""
    place, source = draft.place, draft.source
    record: dict[str, Any] = {
        "id": record_id,
        "date": draft.date.isoformat(),
        "date_precision": placeholder(date_precisions(), "day"),
        "kind": draft.kind,
        "weapons": draft.weapons or [placeholder(weapons(), "unknown")],
    }
    if place.base_id:
        record["base"] = place.base_id
    else:
        record["base"] = None
        record["location"] = {
            "name": clean(place.name).replace("\n", " "),
            "admin1": clean(place.admin1).replace("\n", " ") if place.admin1 else None,
            "country": place.country,
            "lat": round(float(place.lat or 0.0), 6),
            "lon": round(float(place.lon or 0.0), 6),
            "precision": place.precision,
        }
    record["casualties"] = {
        "killed": {"min": None, "max": None},
        "injured": {"min": None, "max": None},
    }
    record["claimed_by"] = []
    record["status"] = draft.status or placeholder(statuses(), "claimed")
    src: dict[str, Any] = {"outlet": clean(source.outlet).replace("\n", " ")}
    for key in ("title", "url"):
        if getattr(source, key):
            src[key] = clean(getattr(source, key)).replace("\n", " ")
    if source.published:
        src["published"] = source.published
    src["language"] = source.language
    if source.seed:
        src["seed"] = clean(source.seed)
    src["quote"] = "\n".join(
        " ".join(p.split()) for p in re.split(r"\n\s*\n", clean(source.quote)) if p.strip()
    )
    record["sources"] = [src]
    return record
