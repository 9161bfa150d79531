"""The checks across records (ids, references, dates, quotes): the model, or every problem.

Stage order: read and schema-check each file (records.cache, through records.loader and
records.schema) -> cross-check the collection (here) -> assemble the model
(records.assemble). A site is never built from an invalid record: `load_chronology`
raises InvalidContent with every problem instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import model
from generator.records import assemble, evidence
from generator.records.cache import FileCache, ParsedFile
from generator.records.loader import MAX_BYTES, MAX_BYTES_LIST, locate
from generator.records.problems import InvalidContent, Problem, display_path
from generator.records.schema import format_path
from generator.records.text import normalise_quote

_ID_TAIL = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<place>.+)-(?P<kind>attack|strike)(-\d+)?$")


def incident_files(
    content: Path,
    known: dict[str, Path] | None = None,
    skipped: list[Problem] | None = None,
) -> Iterator[Path]:
    """Every file under content/incidents/, in a stable order. `known` (kept by the caller
    across runs) hands back the same Path object for the same file: cheaper than a new one.
    What is not read goes into `skipped`: folders that cannot be read or are symbolic links
    (errors), hidden files named like records (warnings)."""
    root = content / "incidents"
    known = {} if known is None else known
    skipped = [] if skipped is None else skipped

    def unreadable(err: OSError) -> None:  # os.walk would skip the folder without a word
        if isinstance(err, FileNotFoundError) and Path(err.filename) == root:
            return  # no records yet
        where = display_path(Path(err.filename or root))
        skipped.append(
            Problem(
                where,
                0,
                0,
                "",
                f"cannot read this folder ({err.strerror}): its records "
                "would be left out; fix its permissions",
                "io",
            )
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames.sort()
        for name in [d for d in dirnames if os.path.islink(f"{dirpath}/{d}")]:
            dirnames.remove(name)  # never followed: it may lead out of the content folder
            skipped.append(
                Problem(
                    display_path(Path(dirpath) / name),
                    0,
                    0,
                    "",
                    "folder is a symbolic link; records are read from real folders only: "
                    "move the records here",
                    "symlink",
                )
            )
        for name in sorted(filenames):
            if name.startswith("."):
                if name.endswith((".yaml", ".yml")):
                    skipped.append(
                        Problem(
                            display_path(Path(dirpath) / name),
                            0,
                            0,
                            "",
                            "skipped: a name starting with '.' is a hidden file, not a "
                            "record; rename it if it is one",
                            "hidden-file",
                            "warning",
                        )
                    )
            else:
                full = f"{dirpath}/{name}"
                path = known.get(full)
                if path is None:
                    path = known[full] = Path(dirpath) / name
                yield path


class Validator:
    """Collects problems about one content folder; `run()` returns the model or raises."""

    def __init__(
        self,
        content: Path,
        *,
        today: dt.date | None = None,
        seeds: Path | None = None,
        cache: FileCache | None = None,
    ):
        self.content = content
        self.today = today or dt.date.today()
        self.seeds = seeds if seeds is not None else content.parent / "seeds"
        self.cache = cache or FileCache()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # printed, and never a reason to refuse the records
        self._seed_text: dict[str, str | None] = {}

    # -- helpers -------------------------------------------------------------------------------
    def report(
        self, parsed: ParsedFile, path: tuple[str | int, ...], message: str, rule: str
    ) -> None:
        text = parsed.text
        line, column = locate(text, path) if text else (0, 0)
        self.problems.append(
            Problem(display_path(parsed.path), line, column, format_path(path), message, rule)
        )

    def _list_file(self, name: str, schema_name: str, required: bool) -> ParsedFile | None:
        path = self.content / name
        if not path.exists():
            if required:
                self.problems.append(
                    Problem(
                        display_path(path),
                        0,
                        0,
                        "",
                        f"file is missing; every content folder needs {name}",
                        "missing-file",
                    )
                )
            return None
        parsed = self.cache.get(path, schema_name, MAX_BYTES_LIST)
        self.problems.extend(parsed.problems)
        return None if parsed.problems else parsed

    def _unique_ids(self, parsed: ParsedFile, what: str) -> None:
        seen: dict[str, int] = {}
        for n, item in enumerate(parsed.data or []):
            if item["id"] in seen:
                self.report(
                    parsed,
                    (n, "id"),
                    f"duplicate {what} id '{item['id']}' (also item {seen[item['id']] + 1})",
                    "duplicate-id",
                )
            seen.setdefault(item["id"], n)

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> model.Chronology:
        self.cache.root = self.content
        try:
            return self._run()
        finally:
            self.cache.finish()  # the parse workers prefetch started, if any
            for warning in self.warnings:
                logging.getLogger("chronology").warning(warning.format())

    def _run(self) -> model.Chronology:
        settings_file = self._list_file("chronology.yaml", "chronology", required=False)
        settings = settings_file.data if settings_file and settings_file.data else {}
        bases_file = self._list_file("bases.yaml", "bases", required=True)
        actors_file = self._list_file("actors.yaml", "actors", required=True)
        statements_file = self._list_file("statements.yaml", "statements", required=False)
        for parsed, what in (
            (bases_file, "base"),
            (actors_file, "actor"),
            (statements_file, "statement"),
        ):
            if parsed is not None:
                self._unique_ids(parsed, what)
        bases = _by_id(bases_file)
        actors = _by_id(actors_file)
        start = _date(settings.get("start")) if settings.get("start") else None
        if settings.get("start") and start is None and settings_file is not None:
            self.report(
                settings_file,
                ("start",),
                f"'{settings['start']}' is not a day of the calendar",
                "impossible-date",
            )

        records: list[ParsedFile] = []
        links: list[Any] = []  # (evidence.link_facts, report) of each record
        first_seen: dict[str, ParsedFile] = {}
        skipped: list[Problem] = []
        paths = list(incident_files(self.content, self.cache.paths, skipped))
        self.problems.extend(p for p in skipped if p.level == "error")
        self.warnings.extend(p for p in skipped if p.level != "error")
        live_paths = set(paths)
        # (a name ending in .yaml has the suffix .yaml: incident_files skips ".yaml" itself)
        records_paths = [p for p in paths if os.fspath(p).endswith(".yaml")]
        stamps = self.cache.prefetch(records_paths, "incident", MAX_BYTES)
        is_record = set(records_paths)
        against = (
            tuple((f.path, f.stamp) if f else None for f in (bases_file, actors_file)),
            start,
            self.today,
            self.seeds,
            os.getcwd(),  # problems name files relative to it
            evidence.key(settings),
        )
        # A one-shot build (FileCache.lean) turns each clean record into its model object at
        # once and lets its parsed data go: the data of every record is never all in memory.
        gazetteer = tuple(f.stamp if f else None for f in (bases_file, actors_file))
        # (Only when the gazetteer is sound: the records' references were checked against it.)
        sound = bases_file is not None and actors_file is not None and not self.problems
        models = assemble.bases_and_actors(bases, actors) if self.cache.lean and sound else None
        for path in paths:
            problems_before = len(self.problems)
            if path not in is_record:
                self.problems.append(
                    Problem(
                        display_path(path),
                        0,
                        0,
                        "",
                        "not a record: records are .yaml files",
                        "not-a-record",
                    )
                )
                continue
            parsed = self.cache.get(path, "incident", MAX_BYTES, stamps.get(path))
            if parsed.problems:
                self.problems.extend(parsed.problems)
                continue
            # The cross-checks of an unchanged file against an unchanged gazetteer, date and
            # seeds folder find what they found last time (records citing stored articles
            # are always checked again: the articles may have changed).
            if parsed.checked is not None and parsed.checked[0] == against:
                self.problems.extend(parsed.checked[1])
            else:
                before = len(self.problems)
                # A broken bases.yaml/actors.yaml is reported once, not as every record's
                # reference.
                self._check_incident(
                    parsed,
                    bases if bases_file is not None else None,
                    actors if actors_file is not None else None,
                    start,
                )
                evidence.check_record(
                    parsed.data,
                    settings,
                    actors if actors_file is not None else None,
                    lambda at, message, rule, p=parsed: self.report(p, at, message, rule),
                )
                if not any("seed" in source for source in parsed.data["sources"]):
                    parsed.checked = (against, self.problems[before:])
            record_id = parsed.data["id"]
            if record_id in first_seen:
                self.report(
                    parsed,
                    ("id",),
                    f"duplicate id '{record_id}', also used by "
                    f"{display_path(first_seen[record_id].path)}",
                    "duplicate-id",
                )
            else:
                first_seen[record_id] = parsed
            records.append(parsed)
            links.append(
                (
                    evidence.link_facts(parsed.data),
                    lambda at, message, rule, p=parsed: self.report(p, at, message, rule),
                )
            )
            if models is not None and len(self.problems) == problems_before:
                parsed.built = (gazetteer, assemble.incident(parsed, self.content, *models))
                parsed.data = None
        for stale in set(self.cache.entries) - live_paths:
            if stale.parent != self.content:
                del self.cache.entries[stale]
        if len(self.cache.paths) > len(paths):
            self.cache.paths = {os.fspath(p): p for p in paths}
        if self.cache.disk is not None:
            self.cache.disk.retain_only(live_paths | set(self.cache.entries))
            self.cache.disk.save()

        if statements_file is not None:
            for n, statement in enumerate(statements_file.data or []):
                self._check_date(statements_file, (n,), statement, start)
                earliest = _earliest(statement)
                self._check_sources(statements_file, (n,), statement["sources"], earliest)
                evidence.check_statement(
                    statement,
                    actors if actors_file is not None else None,
                    lambda at, message, rule, n=n: self.report(
                        statements_file, (n, *at), message, rule
                    ),
                )
        evidence.check_links(links)

        if self.problems:
            raise InvalidContent(self.problems)
        return assemble.assemble(
            self.content,
            settings,
            bases,
            actors,
            records,
            statements_file.data if statements_file else [],
            gazetteer,
            models,
        )

    def _check_date(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        record: dict[str, Any],
        start: dt.date | None,
    ) -> dt.date | None:
        date = _date(record["date"])
        if date is None:
            self.report(
                parsed,
                at + ("date",),
                f"'{record['date']}' is not a day of the calendar",
                "impossible-date",
            )
        elif date > self.today:
            self.report(
                parsed,
                at + ("date",),
                f"{date} is in the future (today is {self.today})",
                "future-date",
            )
        elif start and date < start:
            self.report(
                parsed,
                at + ("date",),
                f"{date} is before the start of the chronology ({start}, set in chronology.yaml)",
                "before-start",
            )
        return date

    def _check_incident(
        self,
        parsed: ParsedFile,
        bases: dict[str, Any] | None,
        actors: dict[str, Any] | None,
        start: dt.date | None,
    ) -> None:
        record = parsed.data
        record_id = record["id"]
        if record_id != parsed.path.stem:
            self.report(
                parsed,
                ("id",),
                f"id '{record_id}' must equal the file name "
                f"'{parsed.path.stem}'; rename the file or fix the id",
                "id-mismatch",
            )
        match = _ID_TAIL.match(record_id)
        if not match or match["date"] != record["date"] or match["kind"] != record["kind"]:
            self.report(
                parsed,
                ("id",),
                f"id '{record_id}' must read {record['date']}-<place>-"
                f"{record['kind']} (date and kind of the record)",
                "id-format",
            )
        folder = parsed.path.parent.relative_to(self.content / "incidents").as_posix()
        if folder != record["date"][:4]:
            where = f"incidents/{folder}/" if folder != "." else "incidents/"
            self.report(
                parsed,
                ("date",),
                f"record of {record['date'][:4]} filed under "
                f"{where}; move it to incidents/{record['date'][:4]}/",
                "wrong-folder",
            )
        self._check_date(parsed, (), record, start)
        base = record.get("base")
        if base is not None and bases is not None and base not in bases:
            self.report(
                parsed,
                ("base",),
                f"unknown base '{base}'; known bases are in bases.yaml" + _suggest(base, bases),
                "unknown-base",
            )
        for role in ("claimed_by", "attributed_to"):
            for n, actor in enumerate(record.get(role, [])):
                if actors is not None and actor not in actors:
                    self.report(
                        parsed,
                        (role, n),
                        f"unknown actor '{actor}'; known actors are "
                        "in actors.yaml" + _suggest(actor, actors),
                        "unknown-actor",
                    )
        for what in ("killed", "injured"):
            low, high = record["casualties"][what]["min"], record["casualties"][what]["max"]
            if low is not None and high is not None and low > high:
                self.report(
                    parsed,
                    ("casualties", what, "min"),
                    f"min ({low}) is greater than max ({high})",
                    "min-over-max",
                )
        earliest = _earliest(record)
        self._check_sources(parsed, (), record["sources"], earliest)
        for n, correction in enumerate(record.get("corrections", [])):
            self._check_day(parsed, ("corrections", n, "date"), correction["date"], earliest)
        if record.get("retracted"):
            self._check_day(parsed, ("retracted", "date"), record["retracted"]["date"], earliest)

    def _check_day(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        value: str,
        earliest: tuple[dt.date, str] | None,
    ) -> None:
        """A date about an incident (a correction, a retraction, a source's publication): a
        day of the calendar, not in the future (a correction dated 2099 would head the feeds
        for ever), not before the incident it is about."""
        day = _date(value)
        if day is None:
            self.report(parsed, at, f"'{value}' is not a day of the calendar", "impossible-date")
        elif day > self.today:
            self.report(
                parsed, at, f"{day} is in the future (today is {self.today})", "future-date"
            )
        elif earliest is not None and day < earliest[0]:
            self.report(
                parsed,
                at,
                f"{day} is before the {earliest[1]} ({earliest[0]})",
                "before-incident",
            )

    def _check_sources(
        self,
        parsed: ParsedFile,
        at: tuple[str | int, ...],
        sources: list[dict[str, Any]],
        earliest: tuple[dt.date, str] | None,
    ) -> None:
        for n, source in enumerate(sources):
            if "published" in source:
                self._check_day(
                    parsed, at + ("sources", n, "published"), source["published"], earliest
                )
            if "seed" not in source:
                continue
            seed_text = self._seed(source["seed"])
            if seed_text is None:
                self.report(
                    parsed,
                    at + ("sources", n, "seed"),
                    f"no stored article '{source['seed']}' in {display_path(self.seeds)}/",
                    "unknown-seed",
                )
            else:
                for where, text in evidence.passages(source):
                    if normalise_quote(text) not in seed_text:
                        self.report(
                            parsed,
                            at + ("sources", n, *where),
                            "quote not found verbatim in "
                            f"seeds/{source['seed']}; copy it from the article (whitespace "
                            "and curly quotes may differ, nothing else)",
                            "quote-not-in-source",
                        )

    def _seed(self, name: str) -> str | None:
        if name not in self._seed_text:
            path = self.seeds / name
            ok = ".." not in Path(name).parts and path.is_file()
            self._seed_text[name] = (
                normalise_quote(path.read_text("utf-8", "replace")) if ok else None
            )
        return self._seed_text[name]


def _by_id(parsed: ParsedFile | None) -> dict[str, Any]:
    """Items of a list file by id; the same dict object while the file is unchanged."""
    if parsed is None:
        return {}
    if parsed.built is None:
        parsed.built = (None, {item["id"]: item for item in parsed.data or []})
    return parsed.built[1]


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _earliest(record: dict[str, Any]) -> tuple[dt.date, str] | None:
    """The first day something written about `record` can be dated (and what it is), from its
    date and date_precision (a month's record may be from any day of it); None if unknown."""
    day = _date(record["date"])
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


def load_chronology(content: Path, **options: Any) -> model.Chronology:
    """Validate every file under `content` and build the model; raises InvalidContent."""
    return Validator(Path(content), **options).run()
