"""Publishing the archived copies of the sources (PUBLISH_ARCHIVED_COPIES, off by default).

Stored copies are third-party text: a site publishes them only when it has the right to, so
the default build writes none and the pages show the copy's date and SHA-256 without a link.
When the setting is on, every copy is read once, checked against the SHA-256 its record gives
(a copy that changed since it was archived is refused, never published as the source), and
written as /sources/<sha256>.txt: always plain text, so a stored web page cannot run on the
site.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.model import Chronology
from generator.records.problems import InvalidContent, Problem
from generator.site import urls
from generator.site.write.writer import PageWriter

SETTING = "PUBLISH_ARCHIVED_COPIES"


def published(settings: dict[str, Any]) -> bool:
    return bool(settings.get(SETTING, False))


def collect(chron: Chronology, content: Path, settings: dict[str, Any]) -> dict[str, bytes]:
    """sha256 -> the bytes of every archived copy the site publishes (none when it is off).

    Raises InvalidContent, naming the record, for a copy that is missing or altered."""
    if not published(settings):
        return {}
    copies: dict[str, bytes] = {}
    problems: list[Problem] = []
    records = [(i.file, i.sources) for i in chron.incidents]
    records += [("statements.yaml", s.sources) for s in chron.statements]
    for file, sources in records:
        for n, source in enumerate(sources):
            archive = source.archive
            if archive is None or archive.sha256 in copies:
                continue
            where = content / archive.path
            data = where.read_bytes() if where.is_file() and ".." not in where.parts else None
            if data is None or hashlib.sha256(data).hexdigest() != archive.sha256:
                problems.append(
                    Problem(
                        file,
                        0,
                        0,
                        f"sources[{n}].archive",
                        f"the archived copy {archive.path} is "
                        + ("missing" if data is None else "not the one its SHA-256 names")
                        + f" ({SETTING} publishes only copies that match their hash)",
                        "archive-hash",
                    )
                )
            else:
                copies[archive.sha256] = data
    if problems:
        raise InvalidContent(problems)
    return copies


def write_all(copies: dict[str, bytes], out: PageWriter) -> None:
    for digest, data in copies.items():
        out.write(urls.archived_copy(digest).lstrip("/"), data)
