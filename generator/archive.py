"""Content-addressed copies of the sources: `chronology archive` and `check --archive`.

`store` copies each stored article a record cites (its `seed`) to
content/archive/<first two hex digits>/<sha256>.txt and writes `archive: {sha256, captured,
path}` under that source in the record, inserted as text after the source's `seed:` line so
nothing else of the file changes. A copy already there is never rewritten; a record that
already has `archive` is left alone. No network: a source known only by its address is not
fetched (the site's only traffic is to package registries). `verify` recomputes every hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.records.loader import load_file

FOLDER = "archive"


@dataclass(frozen=True)
class Finding:
    file: str  # record or statements file, relative to the content folder
    message: str

    def format(self) -> str:
        return f"{self.file}: {self.message}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _relative(digest: str) -> str:
    return f"{FOLDER}/{digest[:2]}/{digest}.txt"


def _files(content: Path) -> list[Path]:
    files = sorted((content / "incidents").rglob("*.yaml"))
    if (content / "statements.yaml").exists():
        files.append(content / "statements.yaml")
    return files


_SEED = re.compile(r"^(?P<indent>[ ]+)(?:- )?seed: (?P<name>[A-Za-z0-9_.-]+)[ ]*$", re.M)


def store(content: Path, seeds: Path, today: dt.date | None = None) -> list[Finding]:
    """Archive every cited stored article; returns what was done, one finding a record."""
    captured = (today or dt.date.today()).isoformat()
    done: list[Finding] = []
    for path in _files(content):
        data, text, problems = load_file(path, 1 << 22)
        if problems or not text:
            continue
        items = data if isinstance(data, list) else [data]
        sources = [s for item in items for s in item.get("sources", [])]
        archived = {s["seed"] for s in sources if "seed" in s and "archive" in s}
        pieces, last, added = [], 0, 0
        for match in _SEED.finditer(text):
            name = match["name"]
            if name in archived or ".." in Path(name).parts:
                continue
            original = seeds / name
            if not original.is_file():
                continue
            body = original.read_bytes()
            digest = _sha256(body)
            copy = content / _relative(digest)
            if not copy.exists():
                copy.parent.mkdir(parents=True, exist_ok=True)
                partial = copy.with_suffix(".part")
                partial.write_bytes(body)
                partial.replace(copy)  # a copy is whole or absent
            elif _sha256(copy.read_bytes()) != digest:
                done.append(Finding(_shown(path, content), f"{copy} does not match its name"))
                continue
            indent = " " * (len(match["indent"]) + (2 if "- seed" in match[0] else 0))
            pieces += [
                text[last : match.end()],
                f"\n{indent}archive:\n{indent}  sha256: {digest}\n"
                f"{indent}  captured: {captured}\n{indent}  path: {_relative(digest)}",
            ]
            last = match.end()
            added += 1
        if added:
            pieces.append(text[last:])
            path.write_text("".join(pieces), "utf-8")
            done.append(Finding(_shown(path, content), f"{added} source(s) archived"))
    return done


def verify(content: Path) -> list[Finding]:
    """Every `archive` of every record: the copy exists and its SHA-256 is the recorded one."""
    problems: list[Finding] = []
    for path in _files(content):
        data, _, errors = load_file(path, 1 << 22)
        if errors:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            for source in item.get("sources", []):
                archive = source.get("archive")
                if not archive:
                    continue
                copy = content / archive["path"]
                where = _shown(path, content)
                if ".." in Path(archive["path"]).parts or not copy.is_file():
                    problems.append(Finding(where, f"archived copy {archive['path']} is missing"))
                elif _sha256(copy.read_bytes()) != archive["sha256"]:
                    problems.append(
                        Finding(
                            where, f"archived copy {archive['path']} does not match its SHA-256"
                        )
                    )
    return problems


def _shown(path: Path, content: Path) -> str:
    return path.relative_to(content).as_posix()


# -- the command ----------------------------------------------------------------------------
def _command() -> object:
    import click

    from generator.cli_options import CONTENT, SEEDS

    @click.command("archive")
    @CONTENT
    @SEEDS
    def archive(content: Path, seeds: Path | None) -> None:
        """Keep a content-addressed copy of each stored article a record cites, under
        content/archive/, and record `archive: {sha256, captured, path}` in the record.

        Example: chronology archive --content content
        """
        from generator.records.checks import load_chronology

        load_chronology(content, seeds=seeds)  # only a valid chronology is archived
        for finding in store(content, seeds or content.parent / "seeds"):
            click.echo(finding.format())
        problems = verify(content)
        for problem in problems:
            click.echo(problem.format(), err=True)
        click.get_current_context().exit(1 if problems else 0)

    return archive


def __getattr__(name: str) -> object:  # `archive` is made on first use (lazy command group)
    if name == "archive":
        return _command()
    raise AttributeError(name)
