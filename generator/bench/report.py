"""The benchmark's tables: printed after each size, and written as Markdown to bench-results/."""

from __future__ import annotations

import math
import os
import platform
from typing import Any

# Targets of the search-included build (10,000 incidents unless said).
TARGET_DEFAULT = 1.0  # default cold build ÷ Hugo + Pagefind
TARGET_CI = 0.5  # default build with the caches restored ÷ Hugo + Pagefind
TARGET_EDIT_BUILD = {10_000: 3.0, 50_000: 10.0}  # s, `chronology build` after one edit
TARGET_EDIT = 0.3  # seconds, one record edited in a live 10,000-incident site
TARGET_MEMORY = {10_000: 400, 50_000: 1024}  # MB, peak PSS of the whole process tree
TARGET_INDEX = 1.10  # sharded index bytes ÷ one index's

DEFAULT = "ours, default (search), empty folder, no cache"
NO_SEARCH = "ours, --no-search, empty folder, no cache"
CI = "ours, default (search), empty folder, caches restored"
EDIT = "ours, default (search), into the published site, one record edited"
OURS = (DEFAULT, NO_SEARCH, CI, EDIT)
REFERENCES = ("Hugo 0.111", "Pagefind over Hugo's output", "Hugo + Pagefind", "pelican")


def machine() -> dict[str, Any]:
    memory = 0
    try:
        with open("/proc/meminfo") as handle:
            memory = int(handle.readline().split()[1]) // 1024
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpus": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_at_start": load,
    }


def _f(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _ok(good: bool) -> str:
    return "✓" if good else "✗"


def build_table(size: dict[str, Any]) -> list[str]:
    builds = size["builds"]
    both = builds.get("Hugo + Pagefind", {})
    lines = [
        "| build | wall s | CPU s | peak PSS MB (tree) | peak RSS MB (tree) | HTML pages | "
        "search step s | shards built / all | ÷ Hugo + Pagefind |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in (*OURS, *REFERENCES):
        row = builds.get(name)
        if not row:
            continue
        stats = row.get("stats") or {}
        versus = row["wall"] / both["wall"] if both.get("wall") else None
        shards = (
            f"{stats['search_shards_built']:.0f} / {stats['search_shards']:.0f}"
            if "search_shards" in stats
            else None
        )
        lines.append(
            f"| {name} | {_f(row['wall'])} | {_f(row.get('cpu'))} | "
            f"{_f(row.get('peak_pss_mb'), 0)} | {_f(row.get('peak_rss_mb'), 0)} | "
            f"{_f(row.get('html_pages'))} | {_f(stats.get('search_seconds'))} | {_f(shards)} | "
            f"{_f(versus)} |"
        )
    return lines


def ratios(size: dict[str, Any]) -> list[str]:
    builds, n = size["builds"], size["incidents"]
    both = builds.get("Hugo + Pagefind", {}).get("wall")
    lines = []

    def row(name: str) -> dict[str, Any]:
        return builds.get(name) or {}

    if both and row(DEFAULT):
        r = row(DEFAULT)["wall"] / both
        lines.append(
            f"- default cold build ÷ Hugo + Pagefind = **{r:.2f}** "
            f"(target ≤ {TARGET_DEFAULT}: {_ok(r <= TARGET_DEFAULT)})"
        )
    if both and row(CI):
        r = row(CI)["wall"] / both
        lines.append(
            f"- CI path (caches restored) ÷ Hugo + Pagefind = **{r:.2f}** "
            f"(target ≤ {TARGET_CI}: {_ok(r <= TARGET_CI)})"
        )
    limit = TARGET_EDIT_BUILD.get(n)
    if limit and row(EDIT):
        w = row(EDIT)["wall"]
        lines.append(
            f"- one record edited, search included: **{w:.2f} s** "
            f"(target ≤ {limit:g} s: {_ok(w <= limit)})"
        )
    limit = TARGET_MEMORY.get(n)
    if limit:
        peaks = [row(name).get("peak_pss_mb") or 0 for name in (DEFAULT, CI, EDIT)]
        peak = max(peaks)
        lines.append(
            f"- peak PSS of the whole tree, search included: **{peak:.0f} MB** "
            f"(target ≤ {limit} MB: {_ok(peak <= limit)})"
        )
    sizes = size.get("index_size") or {}
    if sizes.get("ratio"):
        r = sizes["ratio"]
        lines.append(
            f"- search index: shards {sizes['sharded_bytes'] / 1e6:.1f} MB, one index over the "
            f"same pages {sizes['single_bytes'] / 1e6:.1f} MB: **{r:.3f}×** "
            f"(target ≤ {TARGET_INDEX}: {_ok(r <= TARGET_INDEX)}); one index took "
            f"{sizes['single_index_wall']:.1f} s and {sizes['single_index_peak_pss_mb']:.0f} MB"
        )
    for name in OURS:
        stats = row(name).get("stats") or {}
        if stats:
            lines.append(
                f"- {name}, inside the build: load {_f(stats.get('load_seconds'))} s, "
                f"pages {_f(stats.get('render_seconds'))} s, search "
                f"{_f(stats.get('search_seconds'))} s "
                f"({_f(stats.get('pages'))} pages: {_f(stats.get('rendered'))} rendered, "
                f"{_f(stats.get('reused'))} reused; {_f(stats.get('written'))} files written)"
            )
    return lines


def incremental_table(size: dict[str, Any]) -> list[str]:
    inc = size.get("incremental")
    if not inc or not inc.get("steps"):
        return []
    lines = [
        "",
        f"Live rebuild (one process, BuildState kept, written in place; record "
        f"`{inc.get('record')}`):",
        "",
        "| step | seconds (median) | pages rendered | files written | runs |",
        "|---|---:|---:|---:|---|",
    ]
    for step in inc["steps"]:
        lines.append(
            f"| {step['step']} | {step['seconds']:.3f} | {_f(step.get('rendered'))} | "
            f"{_f(step.get('written'))} | {', '.join(f'{s:.3f}' for s in step['all_seconds'])} |"
        )
    edits = [s for s in inc["steps"] if s["step"].startswith("edit one summary")]
    if edits:
        worst = max(s["seconds"] for s in edits)
        files = edits[-1].get("written_files") or []
        lines.append("")
        lines.append(
            f"Edit of one record: {worst:.3f} s (target < {TARGET_EDIT} s: "
            f"{_ok(worst < TARGET_EDIT)}); files written: " + ", ".join(f"`{f}`" for f in files)
        )
    return lines


def checks_table(size: dict[str, Any]) -> list[str]:
    checks = size.get("checks") or {}
    lines = []
    if size.get("chronology_check") == "n/a":
        lines.append("- `chronology check`: n/a (not installed)")
    if not checks:
        return lines
    ours = checks.get("chronology check")
    lines += [
        "",
        "| link check of the built site | wall s | CPU s | peak RSS MB (tree) | it ÷ ours |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in checks.items():
        versus = row["wall"] / ours["wall"] if ours and ours.get("wall") else None
        lines.append(
            f"| {name} | {_f(row['wall'])} | {_f(row['cpu'])} | {_f(row['peak_rss_mb'], 0)} | "
            f"{_f(versus, 1)} |"
        )
    return lines


def size_section(size: dict[str, Any]) -> list[str]:
    lines = [
        f"### {size['incidents']:,} incidents ({size['rounds']} round(s), medians)",
        "",
        *build_table(size),
        "",
        *ratios(size),
        *incremental_table(size),
        *checks_table(size),
    ]
    return lines


def print_size(size: dict[str, Any]) -> None:
    print("\n".join(["", *size_section(size)]), flush=True)


def scaling(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    """How our build time grows: exponent of n between consecutive sizes (1.0 = linear)."""
    out = {}
    for a, b in zip(sizes, sizes[1:], strict=False):
        n1, n2 = a["incidents"], b["incidents"]
        entry = {}
        for name in OURS:
            r1, r2 = a["builds"].get(name), b["builds"].get(name)
            if r1 and r2 and r1.get("wall") and r2.get("wall"):
                entry[name] = math.log(r2["wall"] / r1["wall"]) / math.log(n2 / n1)
                if r1.get("peak_pss_mb") and r2.get("peak_pss_mb"):
                    growth = math.log(r2["peak_pss_mb"] / r1["peak_pss_mb"]) / math.log(n2 / n1)
                    entry[f"{name}, peak memory"] = growth
        if entry:
            out[f"{n1}->{n2}"] = entry
    return out


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"## Benchmark, {results['started']} ({m['cpus']} CPUs, {m['memory_mb']:,} MB, "
        f"Python {m['python']})",
        "",
        "Every build is a fresh process; the rows alternate with Hugo and Pagefind each round. "
        "Default: `chronology build` as the README, `make html`, CI and the Pages workflow run "
        "it (search index included) into an empty folder with no cache. --no-search: the same "
        "without the search step. Caches restored: the .cache/ folder a previous default build "
        "left beside the content (what a CI runner restores), into an empty folder. One record "
        "edited: `chronology build` into that published site after one summary is changed "
        "(pages reused, one search shard rebuilt). Hugo + Pagefind: Debian's Hugo into an empty "
        "folder, then Pagefind over all its pages; times added, peak the larger of the two. "
        "Peak memory: sampled from /proc over the whole process tree (PSS counts pages "
        "shared by forked workers once; RSS counts them in each).",
        "",
    ]
    for size in results["sizes"]:
        lines += size_section(size) + [""]
    if results.get("scaling"):
        lines.append("Growth of our build time with the number of incidents (1.00 = linear):")
        for span, entry in results["scaling"].items():
            parts = [f"{label} {exponent:.2f}" for label, exponent in entry.items()]
            lines.append(f"- {span}: " + ", ".join(parts))
        lines.append("")
    md = results.get("markdown")
    if md:
        lines += [
            f"### Markdown → HTML, {md['texts']:,} corpus summaries "
            f"({md['characters']:,} characters, {md['rounds']} round(s), medians)",
            "",
            "| converter | seconds | µs per text | ÷ cmarkgfm |",
            "|---|---:|---:|---:|",
        ]
        for name, row in sorted(md["converters"].items(), key=lambda kv: kv[1]["seconds"]):
            lines.append(
                f"| {name} | {row['seconds']:.3f} | {row['per_text_us']:.0f} | "
                f"{row['vs_cmarkgfm']:.1f} |"
            )
    return "\n".join(lines)
