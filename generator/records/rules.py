"""What one record must satisfy beyond its schema: ids, folders, dates, references, quotes.

`Inputs` holds everything these checks read besides the record itself, and nothing else
reaches them (they see `self.inputs`, never the validator). That is what makes the
validator's cache of each file's results safe: a result is reused only for equal Inputs,
so an input added for a new check is, by being a field here, part of the key. The few
fields kept out of the comparison (the parsed bases and actors) are there through the
stamps of their files (`gazetteer`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.files import relative
from generator.records import evidence, region
from generator.records.cache import ParsedFile
from generator.records.problems import display_path
from generator.records.text import normalise_quote

Report = Callable[[ParsedFile, tuple[str | int, ...], str, str], None]


_COUNTER = re.compile(r"-[0-9]+\Z")  # the -2, -3... of a second record of that day and place


def _id_reads(record_id: str, date: str, kind: str) -> bool:
    """Whether an id reads <date>-<place>-<kind>[-n]; the kind is any of the schema's (the
    record has passed it), so another chronology's kinds need no change here. Plain string
    tests: a pattern made of each record's kind would be compiled for each record."""
    head, tail = f"{date}-", f"-{kind}"
    return any(
        len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail)
        for name in (record_id, _COUNTER.sub("", record_id))
    )


@dataclass(frozen=True)
class Inputs:
    content: Path
    today: dt.date
    start: dt.date | None  # chronology.yaml's start
    seeds: Path  # where the stored articles that quotes are checked against are
    cwd: str  # problems name files relative to it
    evidence: evidence.Policy  # what the evidence rules read of chronology.yaml
    countries: tuple[str, ...] | None  # chronology.yaml's countries (None: any)
    gazetteer: tuple[Any, ...]  # the stamps of bases.yaml and actors.yaml
    # None when its file is broken: reported once, not as every record's reference
    bases: dict[str, Any] | None = field(default=None, compare=False)
    actors: dict[str, Any] | None = field(default=None, compare=False)


class RecordRules:
    """The checks of records against `inputs`; problems go to `report`."""

    def __init__(self, inputs: Inputs, report: Report):
        self.inputs = inputs
        self._report = report
        self._seed_text: dict[str, str | None] = {}
        self._incidents = inputs.content / "incidents"

    def date(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        record: dict[str, Any],
        start: dt.date | None,
    ) -> dt.date | None:
        date = parse_date(record["date"])
        if date is None:
            self._report(
                parsed,
                at + ("date",),
                f"'{record['date']}' is not a day of the calendar",
                "impossible-date",
            )
        elif date > self.inputs.today:
            self._report(
                parsed,
                at + ("date",),
                f"{date} is in the future (today is {self.inputs.today})",
                "future-date",
            )
        elif start and date < start:
            self._report(
                parsed,
                at + ("date",),
                f"{date} is before the start of the chronology ({start}, set in chronology.yaml)",
                "before-start",
            )
        return date

    def incident(self, parsed: ParsedFile) -> None:
        """Every check of one incident record, the evidence rules (records.evidence) too."""
        record = parsed.data
        bases, actors, start = self.inputs.bases, self.inputs.actors, self.inputs.start
        evidence.check_record(
            record,
            self.inputs.evidence,
            actors,
            lambda at, message, rule: self._report(parsed, at, message, rule),
        )
        record_id = record["id"]
        if record_id != parsed.path.stem:
            self._report(
                parsed,
                ("id",),
                f"id '{record_id}' must equal the file name "
                f"'{parsed.path.stem}'; rename the file or fix the id",
                "id-mismatch",
            )
        if not _id_reads(str(record_id), str(record["date"]), str(record["kind"])):
            self._report(
                parsed,
                ("id",),
                f"id '{record_id}' must read {record['date']}-<place>-"
                f"{record['kind']} (date and kind of the record)",
                "id-format",
            )
        folder = relative(parsed.path, self._incidents).rpartition("/")[0] or "."
        if folder != record["date"][:4]:
            where = f"incidents/{folder}/" if folder != "." else "incidents/"
            self._report(
                parsed,
                ("date",),
                f"record of {record['date'][:4]} filed under "
                f"{where}; move it to incidents/{record['date'][:4]}/",
                "wrong-folder",
            )
        self.date(parsed, (), record, start)
        base = record.get("base")
        if base is not None and bases is not None and base not in bases:
            self._report(
                parsed,
                ("base",),
                f"unknown base '{base}'; known bases are in bases.yaml" + _suggest(base, bases),
                "unknown-base",
            )
        if record.get("location"):
            region.check_country(
                record["location"]["country"],
                self.inputs.countries,
                ("location", "country"),
                lambda at, message, rule: self._report(parsed, at, message, rule),
            )
        for role in ("claimed_by", "attributed_to"):
            for n, actor in enumerate(record.get(role, [])):
                if actors is not None and actor not in actors:
                    self._report(
                        parsed,
                        (role, n),
                        f"unknown actor '{actor}'; known actors are "
                        "in actors.yaml" + _suggest(actor, actors),
                        "unknown-actor",
                    )
        for what in ("killed", "injured"):
            low, high = record["casualties"][what]["min"], record["casualties"][what]["max"]
            if low is not None and high is not None and low > high:
                self._report(
                    parsed,
                    ("casualties", what, "min"),
                    f"min ({low}) is greater than max ({high})",
                    "min-over-max",
                )
        earliest = earliest_day(record)
        self.sources(parsed, (), record["sources"], earliest)
        for n, correction in enumerate(record.get("corrections", [])):
            self._day(parsed, ("corrections", n, "date"), correction["date"], earliest)
        if record.get("retracted"):
            self._day(parsed, ("retracted", "date"), record["retracted"]["date"], earliest)

    def _day(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        value: str,
        earliest: tuple[dt.date, str] | None,
    ) -> None:
        """A date about an incident (a correction, a retraction, a source's publication): a
        day of the calendar, not in the future (a correction dated 2099 would head the feeds
        for ever), not before the incident it is about."""
        day = parse_date(value)
        if day is None:
            self._report(parsed, at, f"'{value}' is not a day of the calendar", "impossible-date")
        elif day > self.inputs.today:
            self._report(
                parsed, at, f"{day} is in the future (today is {self.inputs.today})", "future-date"
            )
        elif earliest is not None and day < earliest[0]:
            self._report(
                parsed,
                at,
                f"{day} is before the {earliest[1]} ({earliest[0]})",
                "before-incident",
            )

    def sources(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        sources: list[dict[str, Any]],
        earliest: tuple[dt.date, str] | None,
    ) -> None:
        for n, source in enumerate(sources):
            if "published" in source:
                self._day(parsed, at + ("sources", n, "published"), source["published"], earliest)
            if "seed" not in source:
                continue
            seed_text = self._seed(source["seed"])
            if seed_text is None:
                self._report(
                    parsed,
                    at + ("sources", n, "seed"),
                    f"no stored article '{source['seed']}' in {display_path(self.inputs.seeds)}/",
                    "unknown-seed",
                )
            else:
                for where, text in evidence.passages(source):
                    if normalise_quote(text) not in seed_text:
                        self._report(
                            parsed,
                            at + ("sources", n, *where),
                            "quote not found verbatim in "
                            f"seeds/{source['seed']}; copy it from the article (whitespace "
                            "and curly quotes may differ, nothing else)",
                            "quote-not-in-source",
                        )

    def _seed(self, name: str) -> str | None:
        if name not in self._seed_text:  # read once per run
            path = self.inputs.seeds / name
            ok = ".." not in Path(name).parts and path.is_file()
            self._seed_text[name] = (
                normalise_quote(path.read_text("utf-8", "replace")) if ok else None
            )
        return self._seed_text[name]


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def earliest_day(record: dict[str, Any]) -> tuple[dt.date, str] | None:
    """The first day something written about `record` can be dated (and what it is), from its
    date and date_precision (a month's record may be from any day of it); None if unknown."""
    day = parse_date(record["date"])
    if day is None:
        return None
    precision = record.get("date_precision", "day")
    if precision == "month":
        return day.replace(day=1), "month of the incident"
    if precision == "approximate":  # "inferred within a few days"
        return day - dt.timedelta(days=7), "earliest day of the incident"
    return day, "incident"


def _suggest(value: str, known: dict[str, Any]) -> str:
    import difflib

    hint = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""
