"""Drafts -> files: new records, or a citation added to a record that exists.

The only module of the importer that writes. Each draft becomes a record dict, is rendered
as YAML laid out like the hand-made records, parsed back and checked against the schema
before anything is written, and written atomically (temporary file + os.replace).

An incident that matches a record already there (one that cites this article already, or
one of the same date, kind and place) is never rewritten: the new source is appended as
text at the end of the record's `sources` block, so every byte an editor wrote (comments,
order, spacing) stays as it was. A source already cited (same seed, same URL or same
quote) is not added again, so importing an article twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importer.article import Article
from generator.importer.evidence import status_of
from generator.importer.extract import DraftIncident
from generator.importer.fold import fold, slug
from generator.importer.gazetteer import Gazetteer, Place, compatible
from generator.importer.summaries import summary
from generator.records.loader import YamlError, load_file, parse
from generator.records.schema import SCHEMA_DIR, schema
from generator.records.schema import use as use_schemas
from generator.records.text import normalise_quote
from generator.resources import schema_folder

DRAFT_COMMENT = "# draft from chronology import: review every field"
SCHEMA_FILE = SCHEMA_DIR / "incident.schema.json"
_WIDTH = 92
_CLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SEED_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\x85]")


class MergeError(Exception):
    """A record's text cannot take a new source safely; the editor adds it by hand."""


@dataclass
class Outcome:
    """What happened to one draft."""

    action: str  # new | cited | unchanged | skipped
    record_id: str
    path: Path | None
    draft: DraftIncident
    message: str = ""
    review: list[str] = field(default_factory=list)


@dataclass
class Existing:
    path: Path
    data: dict[str, Any]
    text: str


# -- records --------------------------------------------------------------------------------
def evidence_contract(schema_file: Path = SCHEMA_FILE) -> bool:
    """Does the record schema take `sources[].quotes` and `basis` (issue 14's contract)?"""
    try:
        data = json.loads(schema_file.read_text("utf-8"))
        item = data["properties"]["sources"]["items"]["properties"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return "quotes" in item and "basis" in data["properties"]


def quote_text(source: dict[str, Any]) -> str:
    """The source's (first) quote, in either layout."""
    if source.get("quotes"):
        first = source["quotes"][0]
        return str(first.get("text", "")) if isinstance(first, dict) else str(first)
    return str(source.get("quote", ""))


def source_of(
    article: Article,
    quote: str,
    seed: str | None,
    published: dt.date | None,
    quotes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The `sources` item citing this article (`quotes` with what each supports, when the
    schema takes them, else the single `quote`)."""
    out: dict[str, Any] = {
        "outlet": article.outlet or ("à préciser" if article.language == "fr" else "unknown")
    }
    if article.title:
        out["title"] = article.title
    if article.author:
        out["author"] = article.author
    if article.url:
        out["url"] = article.url
    when = published or (article.published if article.published_precision == "day" else None)
    if when:
        out["published"] = when.isoformat()
    out["language"] = article.language
    if seed:
        out["seed"] = seed
    if quotes is not None:
        out["quotes"] = quotes
    else:
        out["quote"] = quote
    return out


def record_of(
    draft: DraftIncident,
    record_id: str,
    source: dict[str, Any],
    gaz: Gazetteer,
    basis: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The record dict of a draft, keys in the order editors write them."""
    place = draft.place
    record: dict[str, Any] = {
        "id": record_id,
        "date": draft.date.isoformat(),
        "date_precision": draft.date_precision,
    }
    if draft.date_note:
        record["date_note"] = draft.date_note
    record["kind"] = draft.kind
    record["weapons"] = list(draft.weapons)
    if place.base:
        record["base"] = place.base
    else:
        record["base"] = None
        record["location"] = {
            "name": place.name_fr if source["language"] == "fr" else place.name_en,
            "admin1": place.admin1,
            "country": place.country,
            "lat": round(place.lat, 4),
            "lon": round(place.lon, 4),
            "precision": place.precision,
        }
    casualties: dict[str, Any] = {
        "killed": {"min": draft.killed.min, "max": draft.killed.max},
        "injured": {"min": draft.injured.min, "max": draft.injured.max},
    }
    if draft.casualty_note:
        casualties["note"] = draft.casualty_note
    record["casualties"] = casualties
    record["claimed_by"] = list(draft.claimed_by)
    if draft.attributed_to:
        record["attributed_to"] = list(draft.attributed_to)
    record["status"] = draft.status
    record["summary"] = summary(draft, gaz)
    if "quotes" in source:  # issue 14's contract: window, areas, status said by a force
        if draft.date_precision == "approximate":
            first, last = draft.date_window or (draft.date, draft.date)
            record["date"] = first.isoformat()
            record["date_window"] = {"from": first.isoformat(), "to": last.isoformat()}
        location = record.get("location")
        if location and location.get("precision") in ("admin1", "country"):
            location.pop("lat", None)
            location.pop("lon", None)
        record["status"] = status_of(draft, source["quotes"])
        if basis:
            record["basis"] = basis
    record["sources"] = [source]
    return record


def place_of_record(record: dict[str, Any], gaz: Gazetteer) -> Place | None:
    if record.get("base") and record["base"] in gaz.bases:
        return gaz.base_place(record["base"])
    loc = record.get("location")
    if not isinstance(loc, dict):
        return None
    precision = loc.get("precision", "exact")
    level = {"country": 1, "admin1": 2, "approximate": 3, "exact": 4}.get(precision, 3)
    return Place(
        level,
        loc.get("country", ""),
        float(loc.get("lat", 0)),
        float(loc.get("lon", 0)),
        precision,
        str(loc.get("name", "")),
        str(loc.get("name", "")),
        slug(str(loc.get("name", ""))),
        admin1=gaz.admin1_key(loc.get("admin1")),
    )


def same_place(a: Place, b: Place) -> bool:
    """The same place as far as matching records goes (stricter than `compatible`)."""
    if a.base or b.base:
        return a.base == b.base
    if a.country != b.country:
        return False
    if a.precision == "country" and b.precision == "country":
        return (a.direction or "") == (b.direction or "") or not (a.direction and b.direction)
    if a.precision == "admin1" and b.precision == "admin1":
        return bool(a.admin1) and fold(a.admin1 or "") == fold(b.admin1 or "")
    return (
        a.slug == b.slug
        or compatible(a, b)
        and a.level > 1
        and b.level > 1
        and abs(a.lat - b.lat) < 0.1
        and abs(a.lon - b.lon) < 0.1
    )


# -- YAML rendering -------------------------------------------------------------------------
def _plain(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # records keep dates plain; the project's loader reads them as text
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_style=None).rstrip(
        "\n"
    )
    if dumped.endswith("\n..."):
        dumped = dumped[: -len("\n...")]
    return dumped


def _folded_ok(text: str) -> bool:
    if not text or text != text.strip() or _UNSAFE.search(text) or "\t" in text:
        return False
    return all(p and p == p.strip() and "\n" not in p for p in text.split("\n"))


def _folded(text: str, indent: int) -> list[str]:
    """Lines of a `>-` block scalar holding `text` (paragraphs are its line breaks)."""
    width = max(40, _WIDTH - indent)
    lines: list[str] = []
    for n, paragraph in enumerate(text.split("\n")):
        if n:
            lines.append("")
        words = re.split(r"(?<=\S) (?=\S)", paragraph)
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    pad = " " * indent
    return [f"{pad}{line}" if line else "" for line in lines]


def _value_lines(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out += _value_lines(k, v, indent + 2)
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        out = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict):
                out += _item_lines(item, indent + 2, indent + 4)
            else:
                out.append(f"{pad}  - {_plain(item)}")
        return out
    if isinstance(value, str):
        single = _plain(value)
        if (
            len(pad) + len(key) + 2 + len(single) <= _WIDTH
            and "\n" not in single
            and "\n" not in value
        ):
            return [f"{pad}{key}: {single}"]
        if _folded_ok(value):
            return [f"{pad}{key}: >-", *_folded(value, indent + 2)]
        return [f"{pad}{key}: {single}"]
    return [f"{pad}{key}: {_plain(value)}"]


def _item_lines(item: dict[str, Any], dash: int, keys: int) -> list[str]:
    """A mapping as a block-sequence item: '- ' at column `dash`, keys at column `keys`."""
    lines: list[str] = []
    for n, (k, v) in enumerate(item.items()):
        block = _value_lines(k, v, keys)
        if n == 0:
            block[0] = " " * dash + "-" + " " * (keys - dash - 1) + block[0][keys:]
        lines += block
    return lines


def render(record: dict[str, Any], header: list[str]) -> str:
    """The record as YAML text; checked to parse back to the same data."""
    lines = list(header)
    for key, value in record.items():
        lines += _value_lines(key, value, 0)
    text = "\n".join(lines) + "\n"
    try:
        if parse(text) == record:
            return text
    except YamlError:
        pass
    body = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=_WIDTH)
    return "\n".join(header) + "\n" + body


def append_source(text: str, source: dict[str, Any]) -> str:
    """`text` with `source` added as the last item of its `sources` block, nothing else
    changed; raises MergeError when the layout does not allow it."""
    try:
        root = yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError as err:
        raise MergeError(f"the record does not parse: {err}") from None
    if not isinstance(root, yaml.MappingNode):
        raise MergeError("the record is not a mapping")
    node = next((v for k, v in root.value if k.value == "sources"), None)
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise MergeError("the record has no list of sources")
    if node.flow_style:
        raise MergeError("`sources` is written in flow style ([...]); add the source by hand")
    first, last = node.value[0], node.value[-1]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    dash = text.find("-", line_start, first.start_mark.index)
    if dash < 0 or not isinstance(first, yaml.MappingNode):
        raise MergeError("the sources are not a block list of mappings")
    dash_col = dash - line_start
    key_col = first.start_mark.column
    # the last line of the last item's own content: trailing blank lines, and comments no
    # deeper than its keys (they may introduce what follows), stay after the new item
    lines = text.split("\n")
    last_line = last.end_mark.line - (1 if last.end_mark.column == 0 else 0)
    last_line = min(last_line, len(lines) - 1)
    while last_line > last.start_mark.line:
        line = lines[last_line]
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and not (line.strip().startswith("#") and indent <= key_col):
            break
        last_line -= 1
    insert_at = sum(len(line) + 1 for line in lines[: last_line + 1])
    item = "\n".join(_item_lines(source, dash_col, key_col)) + "\n"
    prefix = ""
    if insert_at > len(text):  # the item ends the file, without a final line break
        insert_at, prefix = len(text), "\n"
    new_text = text[:insert_at] + prefix + item + text[insert_at:]
    try:
        before, after = parse(text), parse(new_text)
    except YamlError as err:
        raise MergeError(f"adding the source would break the YAML: {err}") from None
    expected = dict(before)
    expected["sources"] = [*before["sources"], source]
    if after != expected:
        raise MergeError("adding the source would change other fields; add it by hand")
    return new_text


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, *, expected: str | None = None) -> None:
    """Write `text` to `path` through a temporary file in the same folder.

    A new record is linked into place, so a file that appeared meanwhile is never
    overwritten. An existing record (`expected`: its text when it was read) is replaced
    only if it still holds that text just before the replacement, keeps its permissions,
    and is refused when it is a symbolic link or has other hard links (replacing it would
    silently cut it off from the file it shares). Raise MergeError, writing nothing, when
    any of these does not hold.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if expected is not None:
        if path.is_symlink():
            raise MergeError(
                f"{path.name} is a symbolic link; add the source to its target by hand"
            )
        info = path.stat()
        if info.st_nlink > 1:
            raise MergeError(
                f"{path.name} has {info.st_nlink - 1} other hard link(s); add the source by hand"
            )
        mode = stat.S_IMODE(info.st_mode)
    else:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), mode)
        if expected is None:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise MergeError(
                    f"{path.name} appeared while the import ran; not written"
                ) from None
            Path(tmp).unlink()
            return
        if path.read_text("utf-8") != expected:
            raise MergeError(f"{path.name} was changed while the import ran; run it again")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- the folder of records ------------------------------------------------------------------
class Store:
    """The records already in the output folder, and the writing of new ones."""

    def __init__(
        self, root: Path, gaz: Gazetteer, *, today: dt.date | None = None, force: bool = False
    ):
        self.root = root
        use_schemas(root.parent)  # drafts are checked against their content folder's schemas
        self.force = force  # write a draft even when a record looks like the same incident
        self.gaz = gaz
        self.today = today or dt.date.today()
        self.records: list[Existing] = []
        if root.is_dir():
            for path in sorted(root.glob("*/*.yaml")) + sorted(root.glob("*.yaml")):
                # The loader refuses links; a link to a regular file is still read here, so
                # that its incident is matched and the write refused (write_atomic).
                real = path.resolve() if path.is_symlink() else path
                if real is not path and not real.is_file():
                    continue
                data, text, problems = load_file(real)
                if not problems and isinstance(data, dict) and "id" in data:
                    self.records.append(Existing(path, data, text))
        self.start = _chronology_start(root)

    def header(self, folder: Path) -> list[str]:
        """The modeline of a record written in `folder`: the path from there to the schema
        (that of the content folder the records are in, else the project's), relative as in
        the hand-made records, so it holds wherever the project is checked out."""
        schema_file = schema_folder(self.root.parent) / "incident.schema.json"
        try:
            target = Path(os.path.relpath(schema_file.resolve(), folder.resolve())).as_posix()
        except ValueError:  # Windows: another drive, no relative path
            target = schema_file.resolve().as_uri()
        return [f"# yaml-language-server: $schema={target}", DRAFT_COMMENT]

    def ids(self) -> set[str]:
        return {str(r.data.get("id")) for r in self.records} | {r.path.stem for r in self.records}

    def match(
        self, draft: DraftIncident, source: dict[str, Any], claimed: set[Path]
    ) -> tuple[Existing | None, bool]:
        """(record, already cited) for the record this draft is about, if any."""
        place = draft.place
        candidates = [
            r for r in self.records if r.path not in claimed and r.data.get("kind") == draft.kind
        ]
        citing: list[tuple[tuple[int, float, int], Existing]] = []
        for record in candidates:
            if not _cites(record.data, source):
                continue
            other = place_of_record(record.data, self.gaz)
            if other is None or not compatible(place, other):
                continue
            same_day = record.data.get("date") == draft.date.isoformat()
            citing.append(
                (
                    (
                        0 if same_day else 1,
                        -_overlap(record.data, quote_text(source)),
                        _days_apart(record.data.get("date"), draft.date),
                    ),
                    record,
                )
            )
        if citing:
            return min(citing, key=lambda x: x[0])[1], True
        if draft.date_window is not None:
            return None, False  # an uncertain date is no reason to add to a record
        for record in candidates:
            if record.data.get("date") != draft.date.isoformat():
                continue
            other = place_of_record(record.data, self.gaz)
            if other is not None and same_place(place, other):
                return record, _cites(record.data, source)
        return None, False

    def twin(self, draft: DraftIncident, claimed: set[Path]) -> Existing | None:
        """A record already on file that looks like the same incident: same kind and place,
        the date within a day."""
        low, high = draft.date - dt.timedelta(days=1), draft.date + dt.timedelta(days=1)
        for record in self.records:
            if record.path in claimed or record.data.get("kind") != draft.kind:
                continue
            try:
                day = dt.date.fromisoformat(str(record.data.get("date")))
            except ValueError:
                continue
            if not low <= day <= high:
                continue
            other = place_of_record(record.data, self.gaz)
            if other is not None and same_place(draft.place, other):
                return record
        return None

    def save(
        self,
        draft: DraftIncident,
        article: Article,
        source: dict[str, Any],
        claimed: set[Path],
        review: list[str],
        basis: dict[str, Any] | None = None,
        evidence: list[str] | None = None,
    ) -> Outcome:
        """Write the draft, or add its source to the record it is about.

        `basis` (the contract's) goes into the record when the schema takes it; `evidence`
        lines (what each quote supports, why the rest is said) go into its header as
        comments when it does not.
        """
        record_found, cited = self.match(draft, source, claimed)
        if record_found is not None:
            claimed.add(record_found.path)
            record_id = str(record_found.data.get("id"))
            if cited:
                return Outcome(
                    "unchanged", record_id, record_found.path, draft, "already cites this article"
                )
            try:
                # the editor may have saved the record since the run began: start from the
                # text on disk now, never from the copy read at the start
                current = record_found.path.read_text("utf-8")
                if current != record_found.text:
                    record_found.text, record_found.data = current, parse(current)
                    if _cites(record_found.data, source):
                        return Outcome(
                            "unchanged",
                            record_id,
                            record_found.path,
                            draft,
                            "already cites this article",
                        )
                new_text = append_source(current, source)
            except (MergeError, YamlError, OSError, UnicodeDecodeError) as err:
                return Outcome("skipped", record_id, record_found.path, draft, str(err))
            problems = schema("incident").problems(
                parse(new_text), new_text, str(record_found.path)
            )
            if problems:
                return Outcome("skipped", record_id, record_found.path, draft, problems[0].message)
            try:
                write_atomic(record_found.path, new_text, expected=current)
            except (MergeError, OSError) as err:
                return Outcome("skipped", record_id, record_found.path, draft, str(err))
            record_found.text = new_text
            record_found.data = parse(new_text)
            return Outcome("cited", record_id, record_found.path, draft, "source added")
        if self.start and draft.date < self.start:
            return Outcome(
                "skipped",
                "",
                None,
                draft,
                f"{draft.date} is before the start of the chronology ({self.start})",
            )
        if draft.date > self.today:
            return Outcome("skipped", "", None, draft, f"{draft.date} is in the future")
        if not self.force and (twin := self.twin(draft, claimed)) is not None:
            return Outcome(
                "skipped",
                str(twin.data.get("id")),
                twin.path,
                draft,
                "looks like this record (same kind and place, date within a day); "
                "not written: check it, or import with --force to write the draft anyway",
            )
        base_id = f"{draft.date.isoformat()}-{draft.place.key()}-{draft.kind}"
        link = self.root / draft.date.strftime("%Y") / f"{base_id}.yaml"
        if link.is_symlink():  # the loader does not follow it: never write beside or over it
            return Outcome(
                "skipped",
                base_id,
                link,
                draft,
                f"{link.name} is a symbolic link (not read, not replaced); add the source to "
                "its target by hand",
            )
        record_id, used, n = base_id, self.ids(), 1
        while (
            record_id in used
            or (self.root / draft.date.strftime("%Y") / f"{record_id}.yaml").exists()
        ):
            n += 1
            record_id = f"{base_id}-{n}"
        record = record_of(draft, record_id, source, self.gaz, basis)
        path = self.root / draft.date.strftime("%Y") / f"{record_id}.yaml"
        header = self.header(path.parent) + [f"# review: {item}" for item in review]
        if "quotes" not in source:
            header += [f"# evidence: {_comment(line)}" for line in evidence or []]
        text = render(record, header)
        try:
            data = parse(text)
        except YamlError as err:
            return Outcome("skipped", record_id, None, draft, f"draft would be invalid: {err}")
        problems = schema("incident").problems(data, text, str(path))
        if problems:
            return Outcome(
                "skipped", record_id, None, draft, "draft would be invalid: " + problems[0].format()
            )
        try:
            write_atomic(path, text)
        except MergeError as err:
            return Outcome("skipped", record_id, None, draft, str(err))
        self.records.append(Existing(path, data, text))
        claimed.add(path)
        return Outcome("new", record_id, path, draft, "", review)


def _comment(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text).split())[:300]


def _cites(record: dict[str, Any], source: dict[str, Any]) -> bool:
    """Does the record already cite this article (same seed, URL or quote)?"""
    quote = normalise_quote(quote_text(source))
    for existing in record.get("sources") or []:
        if not isinstance(existing, dict):
            continue
        if normalise_quote(quote_text(existing)) == quote:
            return True
        if source.get("seed") and existing.get("seed") == source["seed"]:
            return True
        if source.get("url") and existing.get("url") == source["url"]:
            return True
    return False


def _overlap(record: dict[str, Any], quote: str) -> float:
    words = set(normalise_quote(quote).lower().split())
    best = 0.0
    for existing in record.get("sources") or []:
        if not isinstance(existing, dict):
            continue
        theirs = set(normalise_quote(quote_text(existing)).lower().split())
        if words and theirs:
            best = max(best, len(words & theirs) / len(words | theirs))
    return best


def _days_apart(value: Any, date: dt.date) -> int:
    try:
        return abs((dt.date.fromisoformat(str(value)) - date).days)
    except ValueError:
        return 10_000


def _chronology_start(root: Path) -> dt.date | None:
    settings = root.parent / "chronology.yaml"
    if not settings.is_file():
        return None
    data, _, problems = load_file(settings)
    if problems or not isinstance(data, dict) or not data.get("start"):
        return None
    try:
        return dt.date.fromisoformat(str(data["start"]))
    except ValueError:
        return None


def seed_name(file: Path, out_dir: Path, project_seeds: Path) -> str | None:
    """The file's name when it lives in the seeds/ folder the records are checked against."""
    parent = file.resolve().parent
    seeds = {project_seeds.resolve(), (out_dir.resolve().parent.parent / "seeds")}
    if parent in seeds and _SEED_NAME.match(file.name):
        return file.name
    return None
