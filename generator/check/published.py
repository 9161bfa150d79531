"""Addresses that disappeared: every incident id the site lists as published
(`published-ids.json`, written by the build: generator/site/plumbing.py) must still have a
page in each language — the record's own, or the page saying it was removed or renamed."""

from __future__ import annotations

import json
from pathlib import Path

from generator.records.problems import Problem

from .report import page_problem

PUBLISHED = "published-ids.json"
LANG_PREFIXES = ("", "en/")


def missing(site_dir: Path) -> list[Problem]:
    try:
        listed = json.loads((site_dir / PUBLISHED).read_text("utf-8"))["incidents"]
    except FileNotFoundError:
        return []  # a site built without the list (or not by chronology build)
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [page_problem("link", PUBLISHED, "", f"cannot be read: {err}")]
    problems = []
    for incident_id in listed:
        for prefix in LANG_PREFIXES:
            address = f"/{prefix}incidents/{incident_id}/"
            if not (site_dir / address.strip("/") / "index.html").is_file():
                why = (
                    "published before, no page now: a record deleted or renamed without a redirect"
                )
                problems.append(page_problem("link", PUBLISHED, address, why))
    return problems
