"""Print the table of first passes: each fresh set's one score on rules never tuned on it.

    .venv/bin/python tools/first_passes.py

Reads tests/importer/fresh_labels/<set>/FIRST_PASS_published.txt and FIRST_PASS_no_published.txt
(what `chronology import --score` printed when the set was scored once) and prints one row per
set, as README's importer section shows it: incidents and date (precision / recall), the sum of
the eight fields' F1, and the drafts wrongly dated without a flag.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "tests" / "importer" / "fresh_labels"
FIELDS = ("incidents", "date", "place", "kind", "weapons", "casualties", "claimant", "status")
_ROUND = re.compile(r"after round (\d+)")
# the rules C, D, E and G were scored on, from README (their files predate the header line)
_OLDER = {"c": "1", "d": "2", "e": "3", "g": "4"}
_TOTALS = re.compile(r"\((\d+) incidents found, (\d+) expected, (\d+) articles; (\d+) wrongly")


def score(path: Path) -> dict[str, object]:
    """The figures of one FIRST_PASS file."""
    text = path.read_text("utf-8")
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] in FIELDS:
            rows[parts[0]] = tuple(float(x) for x in parts[1:])
    found, expected, articles, wrong = map(int, _TOTALS.search(text).groups())
    first = text.splitlines()[0]
    round_ = _ROUND.search(first)
    return {
        "round": round_.group(1) if round_ else "",
        "rows": rows,
        "found": found,
        "expected": expected,
        "articles": articles,
        "wrong": wrong,
    }


def cells(s: dict[str, object]) -> list[str]:
    rows = s["rows"]
    pr = [f"{rows[f][0]:.2f} / {rows[f][1]:.2f}" for f in ("incidents", "date")]
    summed = sum(rows[f][2] for f in FIELDS)
    return [*pr, f"{summed:.2f}", f"{s['wrong']} of {s['found']}"]


def main() -> None:
    out = [
        "| set | rules | articles | incidents | date | summed F1 | wrongly dated, unflagged "
        "| without the date: incidents | date | summed F1 | unflagged |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for folder in sorted(p for p in LABELS.iterdir() if p.is_dir()):
        published = folder / "FIRST_PASS_published.txt"
        if not published.is_file():
            continue
        with_date = score(published)
        without = score(folder / "FIRST_PASS_no_published.txt")
        rules = f"round {with_date['round'] or _OLDER.get(folder.name, '?')}"
        out.append(
            "| "
            + " | ".join(
                [folder.name.upper(), rules, str(with_date["articles"]), *cells(with_date)]
                + cells(without)
            )
            + " |"
        )
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
