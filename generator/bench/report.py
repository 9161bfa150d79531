"""The benchmark's tables: printed after each size, and written as Markdown to bench-results/."""

from __future__ import annotations

import math
import os
import platform
from typing import Any

TARGET_HUGO = 0.5  # our wall time / Hugo's, at 10,000 incidents
TARGET_PELICAN = 10.0  # Pelican's wall time / ours
TARGET_EDIT = 0.3  # seconds, one record edited in a live 10,000-incident site
TARGET_MEMORY = {10_000: 250, 50_000: 1024}  # MB, peak PSS of the whole process tree


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


OURS = ("ours (cold)", "ours (warm)", "ours (rebuild)", "ours (recycled)")


def build_table(size: dict[str, Any]) -> list[str]:
    builds = size["builds"]
    cold = builds.get("ours (cold)", {})
    lines = [
        "| build | wall s | CPU s | peak PSS MB (tree) | peak RSS MB (tree) | "
        "max RSS MB (1 process) | HTML pages | files | pages/s | wall ÷ ours cold |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in (*OURS, "hugo", "pelican"):
        row = builds.get(name)
        if not row:
            continue
        pages = row.get("html_pages")
        per_second = pages / row["wall"] if pages and row.get("wall") else None
        versus = row["wall"] / cold["wall"] if cold.get("wall") else None
        lines.append(
            f"| {name} | {_f(row['wall'])} | {_f(row['cpu'])} | {_f(row['peak_pss_mb'], 0)} | "
            f"{_f(row['peak_rss_mb'], 0)} | {_f(row['maxrss_mb'], 0)} | {_f(pages)} | "
            f"{_f(row.get('files'))} | {_f(per_second, 0)} | {_f(versus)} |"
        )
    return lines


def ratios(size: dict[str, Any]) -> list[str]:
    builds, n = size["builds"], size["incidents"]
    lines = []
    hugo, pelican = builds.get("hugo"), builds.get("pelican")
    for name in OURS:
        ours = builds.get(name)
        if not ours:
            continue
        parts = []
        if hugo:
            r = ours["wall"] / hugo["wall"]
            parts.append(f"ours ÷ Hugo = **{r:.2f}** (target ≤ {TARGET_HUGO}: {_ok(r <= 0.5)})")
        if pelican:
            r = pelican["wall"] / ours["wall"]
            parts.append(
                f"Pelican ÷ ours = **{r:.1f}×** (target ≥ {TARGET_PELICAN:g}×: {_ok(r >= 10)})"
            )
        limit = TARGET_MEMORY.get(n)
        if limit:
            pss = ours["peak_pss_mb"]
            parts.append(f"peak PSS {pss:.0f} MB (target ≤ {limit} MB: {_ok(pss <= limit)})")
        if parts:
            lines.append(f"- {name}: " + "; ".join(parts))
    search = builds.get("search index")
    if search:
        lines.append(
            f"- search index (Pagefind, on the built site, not in the times above): "
            f"{search['wall']:.2f} s wall, {search['cpu']:.2f} s CPU"
        )
    for name in OURS:
        stats = builds.get(name, {}).get("stats") or {}
        if stats:
            lines.append(
                f"- {name}, inside the build: load {_f(stats.get('load_seconds'))} s, "
                f"pages {_f(stats.get('render_seconds'))} s "
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
                label = name.removeprefix("ours (").removesuffix(")")
                entry[label] = math.log(r2["wall"] / r1["wall"]) / math.log(n2 / n1)
        if entry:
            out[f"{n1}->{n2}"] = entry
    return out


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"## Benchmark, {results['started']} ({m['cpus']} CPUs, {m['memory_mb']:,} MB, "
        f"Python {m['python']})",
        "",
        "Cold: fresh process, no on-disk cache, into a new folder (a full build). Warm: fresh "
        "process, the on-disk parse cache left by the cold build (.cache/ beside the content), "
        "into a new folder: every page rendered. Rebuild: `chronology build` again into the "
        "warm build's folder: the new site is made in a new folder, unchanged pages "
        "hard-linked from the published one, not rendered. Recycled: `chronology build` once "
        "more, the steady state of repeated builds (a CI runner keeping its workspace): the new "
        "site is made in the folder of the site published before the last one "
        "(.output.spare), whose unchanged pages stay in place (generator/recycle.py). "
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
