"""Records on disk -> validated Chronology, or every problem found, in one run.

Stage order: read each file (generator.loader) -> check it against its JSON Schema
(generator.schema) -> cross-check the collection (ids, references, dates, quotes) ->
build the model (generator.model). A site is never built from an invalid record:
`load_chronology` raises InvalidContent with every problem instead.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

from generator import evidence, model
from generator.loader import MAX_BYTES, MAX_BYTES_LIST, YamlError, load_file, locate, read_text
from generator.problems import InvalidContent, Problem, display_path
from generator.schema import format_path, schema

_ID_TAIL = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<place>.+)-(?P<kind>attack|strike)(-\d+)?$")
_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‹": '"',
        "›": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """What 'verbatim' tolerates: any run of whitespace is one space; curly quotes are straight."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass
class ParsedFile:
    path: Path
    data: Any
    _text: str | None  # None: not kept in memory (a clean file), read again when needed
    problems: list[Problem]
    stamp: tuple[int, int]  # (mtime_ns, size): the cache key
    # The model object built from this file, reused while the file and the gazetteer it was
    # built against are unchanged: unchanged records keep their identity across rebuilds.
    built: tuple[Any, Any] | None = None  # (gazetteer key, model.Incident)
    # Problems of the cross-checks (references, dates...) of this file, and what they were
    # checked against: reused while neither the file nor that changed.
    checked: tuple[Any, list[Problem]] | None = None

    @property
    def text(self) -> str:
        """The file's text. A clean file's text is not kept (8 KB a record, 400 MB for 50,000
        records): it is read again, unchanged since its stamp says so, to locate a problem."""
        if self._text is not None:
            return self._text
        try:
            return read_text(self.path, max(self.stamp[1], MAX_BYTES_LIST))
        except (OSError, YamlError):
            return ""


@dataclass
class FileCache:
    """Parsed and schema-checked files by path; the live server keeps one across rebuilds.

    `disk` (optional) keeps clean files' data between processes (generator.diskcache);
    `workers` > 1 parses many uncached files at once in forked processes (`prefetch`).
    """

    entries: dict[Path, ParsedFile] = field(default_factory=dict)
    disk: Any = None  # generator.diskcache.DiskCache
    workers: int = 1
    lean: bool = False  # one build only: keep the model objects, not the parsed data
    paths: dict[str, Path] = field(default_factory=dict)  # see incident_files
    _pending: Any = field(default=None, repr=False)  # (pool, results, paths) of prefetch

    def get(
        self, path: Path, schema_name: str, limit: int, stamp: tuple[int, int] | None = None
    ) -> ParsedFile:
        if self._pending is not None:
            self._take(path)
        if stamp is None:
            stamp = _stamp(path)
        cached = self.entries.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached
        if self.disk is not None and stamp != (0, 0):
            found, data = self.disk.get(path, stamp)
            if found:
                parsed = self.entries[path] = ParsedFile(path, data, None, [], stamp)
                return parsed
        parsed = self.entries[path] = _parse(path, schema_name, limit, stamp)
        if self.disk is not None and not parsed.problems and stamp != (0, 0):
            self.disk.put(path, stamp, parsed.data)
        return parsed

    def prefetch(self, paths: list[Path], schema_name: str, limit: int) -> dict[Path, Any]:
        """Stamp every path; start parsing the uncached ones in worker processes when there
        are many. Returns the stamps, for `get`, which takes the workers' results as they
        come (in path order), so records are checked while the rest are being parsed.
        Parsing in workers gives the same ParsedFile as `get` would (same functions).
        """
        stamps = {path: _stamp(path) for path in paths}
        if self.workers < 2:
            return stamps
        todo = []
        for path, stamp in stamps.items():
            cached = self.entries.get(path)
            if cached is not None and cached.stamp == stamp:
                continue
            if self.disk is not None and stamp != (0, 0) and self.disk.has(path, stamp):
                continue
            todo.append(path)
        if len(todo) < PARALLEL_PARSE_MIN:
            return stamps
        import multiprocessing

        chunk = max(1, min(250, len(todo) // (self.workers * 4)))
        jobs = [
            ([(p, stamps[p]) for p in todo[i : i + chunk]], schema_name, limit)
            for i in range(0, len(todo), chunk)
        ]
        from generator.children import die_with_parent

        pool = multiprocessing.get_context("fork").Pool(
            self.workers, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        self._pending = (pool, pool.imap(_parse_many, jobs), set(todo))
        return stamps

    def _take(self, path: Path) -> None:
        """Store the workers' results up to the one for `path`."""
        pool, results, waiting = self._pending
        while path in waiting:
            try:
                batch = next(results)
            except StopIteration:
                self.finish()
                return
            for parsed in batch:
                if type(parsed) is tuple:
                    where, stamp, blob = parsed
                    parsed = ParsedFile(where, marshal.loads(blob), None, [], stamp)
                    if self.disk is not None and stamp != (0, 0):
                        self.disk.put_blob(where, stamp, blob)
                waiting.discard(parsed.path)
                self.entries[parsed.path] = parsed

    def finish(self) -> None:
        """End the parse workers (after the last result, or when the run stops early)."""
        if self._pending is not None:
            pool = self._pending[0]
            self._pending = None
            pool.terminate()
            pool.join()


PARALLEL_PARSE_MIN = 500  # below this many files to parse, forking costs more than it saves


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
        return (info.st_mtime_ns, info.st_size)
    except OSError:
        return (0, 0)


def _parse(path: Path, schema_name: str, limit: int, stamp: tuple[int, int]) -> ParsedFile:
    data, text, problems = load_file(path, limit)
    if not problems:
        problems = schema(schema_name).problems(data, text, display_path(path))
    if problems:  # keep the text of a file with problems: its messages were located in it
        return ParsedFile(path, data, text, problems, stamp)
    return ParsedFile(path, _compact(data), None, problems, stamp)


def _compact(value: Any) -> Any:
    """The same data, with every mapping key and every short text interned: one object per
    distinct key or value ("id", "attack", a base id, a day...) across all the records, not
    one per record (a third less memory). Only for clean data (plain dicts, lists, str)."""
    kind = type(value)
    if kind is dict:
        return {(intern(k) if type(k) is str else k): _compact(v) for k, v in value.items()}
    if kind is list:
        return [_compact(v) for v in value]
    if kind is str and len(value) <= 40:
        return intern(value)
    return value


def _parse_many(job: tuple[list[tuple[Path, tuple[int, int]]], str, int]) -> list[Any]:
    """Parse in a worker process. Clean data goes back as marshal bytes, which keep strings
    interned and load faster than pickle's; the rest (problems) as ParsedFile."""
    files, schema_name, limit = job
    out: list[Any] = []
    for path, stamp in files:
        parsed = _parse(path, schema_name, limit, stamp)
        if not parsed.problems:
            try:
                out.append((path, stamp, marshal.dumps(parsed.data)))
                continue
            except ValueError:  # not plain data: send it as it is
                pass
        out.append(parsed)
    return out


def incident_files(content: Path, known: dict[str, Path] | None = None) -> Iterator[Path]:
    """Every file under content/incidents/, in a stable order. `known` (kept by the caller
    across runs) hands back the same Path object for the same file: cheaper than a new one."""
    root = content / "incidents"
    known = {} if known is None else known
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.startswith("."):
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
        try:
            return self._run()
        finally:
            self.cache.finish()  # the parse workers prefetch started, if any

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
        paths = list(incident_files(self.content, self.cache.paths))
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
        models = _models(bases, actors) if self.cache.lean and sound else None
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
                parsed.built = (gazetteer, _incident(parsed, self.content, *models))
                parsed.data = None
        for stale in set(self.cache.entries) - live_paths:
            if stale.parent != self.content:
                del self.cache.entries[stale]
        if len(self.cache.paths) > len(paths):
            self.cache.paths = {os.fspath(p): p for p in paths}
        if self.cache.disk is not None:
            self.cache.disk.keep(live_paths | set(self.cache.entries))
            self.cache.disk.save()

        if statements_file is not None:
            for n, statement in enumerate(statements_file.data or []):
                self._check_date(statements_file, (n,), statement, start)
                self._check_sources(statements_file, (n,), statement["sources"])
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
        return build(
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
        self._check_sources(parsed, (), record["sources"])
        for n, correction in enumerate(record.get("corrections", [])):
            if _date(correction["date"]) is None:
                self.report(
                    parsed,
                    ("corrections", n, "date"),
                    f"'{correction['date']}' is not a day of the calendar",
                    "impossible-date",
                )

    def _check_sources(
        self, parsed: ParsedFile, at: tuple[str | int, ...], sources: list[dict[str, Any]]
    ) -> None:
        for n, source in enumerate(sources):
            if "published" in source and _date(source["published"]) is None:
                self.report(
                    parsed,
                    at + ("sources", n, "published"),
                    f"'{source['published']}' is not a day of the calendar",
                    "impossible-date",
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


def _suggest(value: str, known: dict[str, Any]) -> str:
    import difflib

    hint = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def load_chronology(content: Path, **options: Any) -> model.Chronology:
    """Validate every file under `content` and build the model; raises InvalidContent."""
    return Validator(Path(content), **options).run()


# -- building the model from valid data ---------------------------------------------------------
_source = evidence.source


def _models(
    bases_raw: dict[str, Any], actors_raw: dict[str, Any]
) -> tuple[dict[str, model.Base], dict[str, model.Actor]]:
    bases = {
        k: model.Base(
            id=k,
            name=b["name"],
            names=b.get("names", {}),
            aliases=tuple(b.get("aliases", ())),
            country=b["country"],
            admin1=b.get("admin1"),
            lat=b["lat"],
            lon=b["lon"],
            description=b.get("description", {}),
        )
        for k, b in bases_raw.items()
    }
    actors = {
        k: model.Actor(
            id=k,
            names=a.get("names") or {"fr": a["name"], "en": a["name"]},
            aliases=tuple(a.get("aliases", ())),
            description=a.get("description", {}),
        )
        for k, a in actors_raw.items()
    }
    return bases, actors


def _incident(
    parsed: ParsedFile,
    content: Path,
    bases: dict[str, model.Base],
    actors: dict[str, model.Actor],
) -> model.Incident:
    r = parsed.data
    loc = r.get("location")
    casualties = r["casualties"]
    return model.Incident(
        id=r["id"],
        date=dt.date.fromisoformat(r["date"]),
        date_precision=r["date_precision"],
        date_note=r.get("date_note"),
        kind=r["kind"],
        weapons=tuple(r["weapons"]),
        base=bases[r["base"]] if r.get("base") else None,
        location=evidence.location(loc) if loc else None,
        killed=model.Range(**casualties["killed"]),
        injured=model.Range(**casualties["injured"]),
        casualty_note=casualties.get("note"),
        claimed_by=tuple(actors[a] for a in r["claimed_by"]),
        attributed_to=tuple(actors[a] for a in r.get("attributed_to", [])),
        status=r["status"],
        summary=r["summary"],
        sources=tuple(_source(s) for s in r["sources"]),
        corrections=tuple(
            model.Correction(c["date"], c.get("kind", "correction"), c["text"])
            for c in r.get("corrections", [])
        ),
        retracted=model.Retraction(r["retracted"]["date"], r["retracted"]["reason"])
        if r.get("retracted")
        else None,
        file=parsed.path.relative_to(content).as_posix(),
        **evidence.extras(r),
    )


def build(
    content: Path,
    settings: dict[str, Any],
    bases_raw: dict[str, Any],
    actors_raw: dict[str, Any],
    records: list[ParsedFile],
    statements_raw: list[dict[str, Any]],
    gazetteer: Any = None,
    models: tuple[dict[str, model.Base], dict[str, model.Actor]] | None = None,
) -> model.Chronology:
    bases, actors = models or _models(bases_raw, actors_raw)
    incidents = []
    for parsed in records:
        if gazetteer is not None and parsed.built and parsed.built[0] == gazetteer:
            incidents.append(parsed.built[1])
            continue
        incidents.append(_incident(parsed, content, bases, actors))
        parsed.built = (gazetteer, incidents[-1])
    statements = [
        model.Statement(
            id=s["id"],
            date=dt.date.fromisoformat(s["date"]),
            date_precision=s["date_precision"],
            date_note=s.get("date_note"),
            text=s["text"],
            sources=tuple(_source(x) for x in s["sources"]),
            **evidence.statement_extras(s),
        )
        for s in statements_raw or []
    ]
    return model.Chronology(incidents, bases, actors, statements, dict(settings))
