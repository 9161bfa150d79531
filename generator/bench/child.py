"""What the benchmark runs in a fresh process: `python -m generator.bench.child MODE ...`.

    build CONTENT OUTPUT          `chronology build --no-search` (generator.build)
    build-search CONTENT OUTPUT   `chronology build`, the search index included
    incremental CONTENT OUTPUT    a long-lived process, as the live server: one BuildState kept,
                                  run_pelican(settings_for(...)) again after each edit, writing
                                  in place into OUTPUT

Each prints one JSON object, on the last line of its output.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def build(content: Path, output: Path, search: bool = False) -> dict[str, Any]:
    from generator.build import build as build_site

    report = build_site(content, output, search_index=search, SEARCH_INDEX=search)
    return {"seconds": report.seconds, "stats": _plain(report.stats)}


def build_search(content: Path, output: Path) -> dict[str, Any]:
    return build(content, output, search=True)


def _plain(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}


def _rebuild(content: Path, output: Path, state: Any) -> tuple[float, dict[str, Any]]:
    from generator.build import run_pelican, settings_for

    started = time.perf_counter()
    run_pelican(settings_for(content, output, CHRONOLOGY_STATE=state))
    return time.perf_counter() - started, dict(state.stats)


def _step(name: str, seconds: float, stats: dict[str, Any]) -> dict[str, Any]:
    written = list(stats.get("written_files", []))
    return {
        "step": name,
        "seconds": seconds,
        "rendered": stats.get("rendered"),
        "written": stats.get("written"),
        "removed": stats.get("removed"),
        "load_seconds": stats.get("load_seconds"),
        "render_seconds": stats.get("render_seconds"),
        "written_files": written[:50],
    }


def edited(text: str, word: str) -> str:
    """The record with one more sentence in its English summary (keeps it valid YAML)."""
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line.startswith("  en: "):
            lines[n] = line.rstrip("\n") + f" {word}\n"
            return "".join(lines)
    raise ValueError("no English summary line in the record")


def incremental(content: Path, output: Path) -> dict[str, Any]:
    from generator.site.incremental import BuildState

    output.mkdir(parents=True, exist_ok=True)
    state = BuildState()
    steps = []
    seconds, stats = _rebuild(content, output, state)
    steps.append(_step("first build (in process, into an empty folder)", seconds, stats))
    seconds, stats = _rebuild(content, output, state)
    steps.append(_step("rebuild, nothing changed", seconds, stats))

    records = sorted((content / "incidents").rglob("*.yaml"))
    record = records[len(records) // 2]
    original = record.read_bytes()
    try:
        for n, word in enumerate(("Edited.", "Edited again.")):
            record.write_text(edited(original.decode("utf-8"), word), "utf-8")
            seconds, stats = _rebuild(content, output, state)
            steps.append(_step(f"edit one summary ({n + 1})", seconds, stats))
    finally:
        record.write_bytes(original)
    seconds, stats = _rebuild(content, output, state)
    steps.append(_step("edit undone", seconds, stats))
    return {"record": str(record.relative_to(content)), "steps": steps}


def main(argv: list[str]) -> None:
    mode, content, output = argv[0], Path(argv[1]), Path(argv[2])
    modes = {"build": build, "build-search": build_search, "incremental": incremental}
    result = modes[mode](content, output)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
