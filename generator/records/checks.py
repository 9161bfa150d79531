"""The record stage run over a content folder: the model, or every problem.

Stage order: read and schema-check each file (records.cache, through records.loader and
records.schema) -> cross-check the collection (here) -> assemble the model
(records.assemble). A site is never built from an invalid record: `load_chronology`
raises InvalidContent with every problem instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import catalogs, fields, model
from generator.records import assemble, evidence, region
from generator.records import schema as schema_module
from generator.records.cache import FileCache, ParsedFile
from generator.records.loader import MAX_BYTES, MAX_BYTES_LIST, locate
from generator.records.problems import InvalidContent, Problem, display_path
from generator.records.rules import Inputs, RecordRules, earliest_day, parse_date
from generator.records.schema import format_path


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
        schema_module.use(content)  # a content folder with schemas of its own is read with them
        self.today = today or dt.date.today()
        self.seeds = seeds if seeds is not None else content.parent / "seeds"
        self.cache = cache or FileCache()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # printed, and never a reason to refuse the records

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
        for name in fields.coloured():  # the schema's colours, refused here as by the build
            try:
                fields.colours(name)
            except InvalidContent as bad:
                self.problems.extend(bad.problems)
        countries = region.covered(settings)
        area = region.load(
            settings,
            self.content,
            lambda at, message, rule: self.report(settings_file, at, message, rule),  # type: ignore[arg-type]
        )
        if bases_file is not None:
            for n, base in enumerate(bases_file.data or []):
                region.check_country(
                    base["country"],
                    countries,
                    (n, "country"),
                    lambda at, message, rule: self.report(bases_file, at, message, rule),
                )
        langs = settings.get("languages")
        for n, lang in enumerate(langs if isinstance(langs, list) else ()):
            if isinstance(lang, str) and catalogs.find(lang, self.content) is None:
                message = catalogs.missing(lang, self.content)
                self.report(settings_file, ("languages", n), message, catalogs.RULE)
            elif isinstance(lang, str):  # a value of the content folder's schema, unnamed
                for key in catalogs.unworded(lang, self.content):
                    message = f"the '{lang}' catalogs have no word '{key}' (a schema value's)"
                    self.report(settings_file, ("languages", n), message, catalogs.WORD_RULE)
        start = parse_date(settings.get("start")) if settings.get("start") else None
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
        # A broken bases.yaml/actors.yaml is reported once, not as every record's reference.
        inputs = Inputs(
            content=self.content,
            today=self.today,
            start=start,
            seeds=self.seeds,
            cwd=os.getcwd(),
            evidence=evidence.policy(settings),
            countries=countries,
            gazetteer=tuple((f.path, f.stamp) if f else None for f in (bases_file, actors_file)),
            bases=bases if bases_file is not None else None,
            actors=actors if actors_file is not None else None,
        )
        if inputs == self.cache.inputs:  # the last build's: each record compares it by identity
            inputs = self.cache.inputs
        self.cache.inputs = inputs
        rules = RecordRules(inputs, self.report)
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
            # The checks of an unchanged file against equal inputs find what they found last
            # time (records citing stored articles are always checked again: the articles
            # may have changed).
            if parsed.checked is not None and (
                parsed.checked[0] is inputs or parsed.checked[0] == inputs
            ):
                self.problems.extend(parsed.checked[1])
            else:
                before = len(self.problems)
                rules.incident(parsed)
                if not any("seed" in source for source in parsed.data["sources"]):
                    parsed.checked = (inputs, self.problems[before:])
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
            if parsed.links is None:  # kept while the file is unchanged (the live server)
                parsed.links = evidence.link_facts(parsed.data)
            links.append(
                (
                    parsed.links,
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
                rules.date(statements_file, (n,), statement, start)
                earliest = earliest_day(statement)
                rules.sources(statements_file, (n,), statement["sources"], earliest)
                for m, code in enumerate((statement.get("tally") or {}).get("country") or ()):
                    region.check_country(
                        code,
                        countries,
                        (n, "tally", "country", m),
                        lambda at, message, rule: self.report(statements_file, at, message, rule),
                    )
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
            area,
        )


def _by_id(parsed: ParsedFile | None) -> dict[str, Any]:
    """Items of a list file by id; the same dict object while the file is unchanged."""
    if parsed is None:
        return {}
    if parsed.built is None:
        parsed.built = (None, {item["id"]: item for item in parsed.data or []})
    return parsed.built[1]


def load_chronology(content: Path, **options: Any) -> model.Chronology:
    """Validate every file under `content` and build the model; raises InvalidContent."""
    return Validator(Path(content), **options).run()
