"""`python -m generator.bench`: the build an editor and CI run, search included, against Hugo
and Hugo + Pagefind, side by side.

    python -m generator.bench [--sizes 1000,10000,50000] [--repeat N] [--workdir DIR] ...

For each size, a deterministic corpus (../shared/bench/make_corpus.py) in the formats needed;
then, rotating the order each round, a fresh process each time: `chronology build` (search
included) into an empty folder with no cache; the same with --no-search; the same with the
caches a previous build left (the CI path); `chronology build` into that published site after
one record is edited; Hugo into an empty folder and Pagefind over Hugo's output. Medians over
the rounds, and ratios to Hugo + Pagefind (the machine is shared and noisy; only ratios of runs
made side by side mean something). Also: our search index against one Pagefind index over the
same pages (bytes), the live-server rebuild after one record is edited, `chronology check`
against linkchecker and htmlproofer on the 10,000-incident site, and Markdown converters.
Results go to bench-results/ as JSON and as a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.bench import markdown_bench, measure, report
from generator.bench.child import edited

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
VENV_BIN = Path(PY).parent


def _shared() -> Path:
    return (ROOT.parent / "shared" / "bench").resolve()


# -- corpora ------------------------------------------------------------------------------------
def corpus(bench: Path, workdir: Path, n: int, fmt: str) -> Path:
    """The corpus of `n` incidents in `fmt`, generated once (kept under workdir)."""
    script = bench / "make_corpus.py"
    digest = hashlib.sha256(script.read_bytes()).hexdigest()[:12]
    folder = workdir / "corpora" / f"{fmt}-{n}"
    stamp = folder / f".complete-{digest}"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  generating {n:,} incidents as {fmt}…", flush=True)
        subprocess.run([PY, str(script), str(n), str(folder), "--format", fmt], check=True)
        stamp.touch()
    return folder


# -- one run of each tool ---------------------------------------------------------------------
class Outputs:
    """A new, never-used folder for every run; all deleted together, later (`clear`).

    Deleting a site just before the next build slows that build down: on ext4 without a
    journal (this machine's /), creating a file skips every inode freed in the last 30 s,
    one by one, so a build right after deleting 40,000 files pays several seconds of system
    time for it. So nothing is deleted between runs; `clear` deletes, then waits 35 s.
    """

    def __init__(self, root: Path):
        self.root = root
        self.n = 0
        root.mkdir(parents=True, exist_ok=True)

    def new(self, name: str) -> Path:
        self.n += 1
        return self.root / f"{name}-{self.n}"

    def clear(self, wait: bool) -> None:
        if self.root.exists() and any(self.root.iterdir()):
            shutil.rmtree(self.root, ignore_errors=True)
            if wait:
                print("  (outputs deleted; waiting 35 s for the file system to settle)")
                time.sleep(35)
        self.root.mkdir(parents=True, exist_ok=True)


def _result(m: measure.Measured, output: Path | None, **extra: Any) -> dict[str, Any]:
    row = m.as_dict()
    if m.returncode != 0:
        print(f"    ! {' '.join(m.command[:3])}… exited {m.returncode}: {m.stderr[-800:]}")
    if output is not None and output.exists():
        row["html_pages"], row["files"] = measure.count_files(output)
    row.update(extra)
    return row


def run_ours(content: Path, output: Path, cache: bool, search: bool = False) -> dict[str, Any]:
    env = dict(os.environ)
    mode = "build-search" if search else "build"
    m = measure.run(
        [PY, "-m", "generator.bench.child", mode, str(content), str(output)],
        cwd=ROOT,
        env=env,
    )
    extra: dict[str, Any] = {"cache": "warm" if cache else "cold", "search": search}
    if m.returncode == 0:
        extra.update(_last_json(m.stdout))
    return _result(m, output, **extra)


def _last_json(stdout: str) -> dict[str, Any]:
    """The child's result: the last line of its output (Pelican prints before it)."""
    return json.loads(stdout.strip().splitlines()[-1])


def run_pagefind(site: Path, glob: str | None = None, into: Path | None = None) -> dict[str, Any]:
    """Pagefind's binary over a whole site (Hugo's), or over our pages as one index."""
    from generator.site import search

    command = [str(search.executable()), "--site", str(site), "--silent"]
    if glob:
        command += ["--glob", glob]
    if into:
        command += ["--output-path", str(into)]
    return _result(measure.run(command, cwd=ROOT), None)


def index_sizes(site: Path, workdir: Path) -> dict[str, Any]:
    """Bytes the browser can load: our shards against one Pagefind index over the same pages
    (Pagefind's own UI files left out of both: the search page does not use them)."""
    from generator.site import search

    single = workdir / "single-index"
    shutil.rmtree(single, ignore_errors=True)
    run = run_pagefind(site, search.GLOB, single)
    skip = ("pagefind-ui", "pagefind-modular", "pagefind-component", "pagefind-highlight")

    def size(folder: Path) -> int:
        files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(skip)]
        return sum(p.stat().st_size for p in files)

    sharded, one = size(site / search.BUNDLE), size(single)
    shutil.rmtree(single, ignore_errors=True)
    return {
        "sharded_bytes": sharded,
        "single_bytes": one,
        "ratio": sharded / one if one else None,
        "single_index_wall": run["wall"],
        "single_index_peak_pss_mb": run["peak_pss_mb"],
    }


def run_hugo(corpus_dir: Path, bench: Path, output: Path) -> dict[str, Any]:
    command = [
        "hugo",
        "--quiet",
        "-s",
        str(bench / "hugo-site"),
        "--contentDir",
        str(corpus_dir / "content"),
        "-d",
        str(output),
    ]
    return _result(measure.run(command), output)


def run_pelican(corpus_dir: Path, bench: Path, output: Path) -> dict[str, Any]:
    command = [
        str(VENV_BIN / "pelican"),
        str(corpus_dir / "content"),
        "-s",
        str(bench / "pelican-reference.conf.py"),
        "-o",
        str(output),
        "-q",
    ]
    return _result(measure.run(command, cwd=output.parent), output)


def run_incremental(content: Path, output: Path) -> dict[str, Any]:
    m = measure.run(
        [PY, "-m", "generator.bench.child", "incremental", str(content), str(output)],
        cwd=ROOT,
    )
    extra = _last_json(m.stdout) if m.returncode == 0 else {}
    return _result(m, None, **extra)


# -- link checkers ----------------------------------------------------------------------------
def chronology_check_available() -> bool:
    exe = VENV_BIN / "chronology"
    if not exe.exists():
        return False
    probe = subprocess.run([str(exe), "check", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


def run_chronology_check(site: Path) -> dict[str, Any]:
    return _result(measure.run([str(VENV_BIN / "chronology"), "check", str(site)], cwd=ROOT), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = """
import functools, sys
from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler
class Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allow")  # lets linkchecker go above 10 requests/s
        super().end_headers()
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[1])
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler).serve_forever()
"""


def run_linkchecker(site: Path, workdir: Path) -> dict[str, Any]:
    """Debian's linkchecker crawling the site over HTTP from its home page (internal links)."""
    config = workdir / "linkcheckerrc"
    config.write_text(
        "[checking]\nmaxrequestspersecond=100000\nthreads=4\n[output]\nstatus=0\nwarnings=0\n"
    )
    port = _free_port()
    server = subprocess.Popen(  # quiet: linkchecker hangs up on big files, the server complains
        [PY, "-c", SERVER, str(site), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        m = measure.run(["linkchecker", "-f", str(config), f"http://127.0.0.1:{port}/"])
    finally:
        server.terminate()
        server.wait()
    # linkchecker exits 1 when it finds broken links: that is a result, not a failure.
    tail = m.stdout.strip().splitlines()[-2:] if m.stdout.strip() else []
    return _result(m, None, summary=" ".join(tail))


def run_htmlproofer(site: Path) -> dict[str, Any]:
    command = [
        "htmlproofer",
        str(site),
        "--disable-external",
        "--root-dir",
        str(site),
        "--checks-to-ignore",
        "ImageCheck,ScriptCheck",
    ]
    m = measure.run(command)
    return _result(m, None, summary=(m.stdout.strip().splitlines() or [""])[-1])


# -- medians ----------------------------------------------------------------------------------
def median_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of every numeric field over the rounds; the rest from the last round."""
    if not rows:
        return {}
    out = dict(rows[-1])
    for key, value in rows[-1].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values = [r[key] for r in rows if isinstance(r.get(key), (int, float))]
            out[key] = statistics.median(values)
    out["runs"] = len(rows)
    out["walls"] = [round(r["wall"], 3) for r in rows if "wall" in r]
    return out


def rounds(
    units: dict[str, Callable[[], dict[str, Any]]], repeat: int
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Run every unit `repeat` times, rotating their order each round: (medians, every run)."""
    names = list(units)
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for r in range(repeat):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            print(f"  round {r + 1}/{repeat}: {name}…", flush=True)
            outcome = units[name]()
            for key, row in outcome.items() if _is_group(outcome) else [(name, outcome)]:
                results.setdefault(key, []).append(row)
    return {name: median_of(rows) for name, rows in results.items() if rows}, results


def _is_group(outcome: dict[str, Any]) -> bool:
    return bool(outcome) and all(isinstance(v, dict) for v in outcome.values())


def incremental_medians(rows: list[dict[str, Any]]) -> dict[str, Any]:
    steps: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for step in row.get("steps", []):
            steps.setdefault(step["step"], []).append(step)
    return {
        "record": rows[-1].get("record") if rows else None,
        "steps": [
            {
                **group[-1],
                "seconds": statistics.median(s["seconds"] for s in group),
                "all_seconds": [round(s["seconds"], 4) for s in group],
            }
            for group in steps.values()
        ],
    }


# -- one size ---------------------------------------------------------------------------------
def bench_size(n: int, args: argparse.Namespace, repeat: int) -> dict[str, Any]:
    bench, workdir = args.bench_dir, args.workdir
    print(f"\n== {n:,} incidents: {repeat} round(s) ==", flush=True)
    yaml_dir = corpus(bench, workdir, n, "yaml")
    content = yaml_dir / "content"
    cache_dir = yaml_dir / ".cache"
    outs = Outputs(workdir / "out")
    outs.clear(wait=True)  # the previous size's outputs (or an interrupted run's)
    units: dict[str, Callable[[], dict[str, Any]]] = {}

    last: dict[str, Path] = {}
    extras: dict[str, Any] = {}

    def ours() -> dict[str, Any]:
        """The issue's rows, in the order an editor and CI meet them."""
        shutil.rmtree(cache_dir, ignore_errors=True)
        group = {
            "ours, default (search), empty folder, no cache": run_ours(
                content, outs.new("ours-default"), cache=False, search=True
            )
        }
        # CI with its caches restored: the .cache/ that build left, into an empty folder.
        last["site"] = outs.new("ours-ci")
        group["ours, default (search), empty folder, caches restored"] = run_ours(
            content, last["site"], cache=True, search=True
        )
        records = sorted((content / "incidents").rglob("*.yaml"))
        record = records[len(records) // 2]
        original = record.read_bytes()
        try:
            record.write_text(edited(original.decode("utf-8"), "Edited."), "utf-8")
            group["ours, default (search), into the published site, one record edited"] = run_ours(
                content, last["site"], cache=True, search=True
            )
        finally:
            record.write_bytes(original)
        shutil.rmtree(cache_dir, ignore_errors=True)
        group["ours, --no-search, empty folder, no cache"] = run_ours(
            content, outs.new("ours-nosearch"), cache=False
        )
        if "index_size" not in extras:  # once: the bytes depend on the records only
            extras["index_size"] = index_sizes(last["site"], workdir)
        return group

    def hugo_and_pagefind() -> dict[str, Any]:
        out = outs.new("hugo")
        hugo = run_hugo(hugo_dir, bench, out)
        pagefind = run_pagefind(out)
        both = {
            "wall": hugo["wall"] + pagefind["wall"],
            "cpu": hugo["cpu"] + pagefind["cpu"],
            "peak_pss_mb": max(hugo["peak_pss_mb"], pagefind["peak_pss_mb"]),
            "peak_rss_mb": max(hugo["peak_rss_mb"], pagefind["peak_rss_mb"]),
            "html_pages": hugo.get("html_pages"),
        }
        return {
            "Hugo 0.111": hugo,
            "Pagefind over Hugo's output": pagefind,
            "Hugo + Pagefind": both,
        }

    units["ours"] = ours
    if args.references:
        hugo_dir = corpus(bench, workdir, n, "hugo-md")
        units["hugo"] = hugo_and_pagefind
        if args.pelican:
            pelican_dir = corpus(bench, workdir, n, "pelican-md")
            units["pelican"] = lambda: run_pelican(pelican_dir, bench, outs.new("pelican"))
    if args.incremental:
        units["incremental"] = lambda: run_incremental(content, outs.new("incremental"))
    medians, every = rounds(units, repeat)
    result: dict[str, Any] = {"incidents": n, "rounds": repeat, "builds": {}}
    for name, row in medians.items():
        if name != "incremental":
            result["builds"][name] = row
    if args.incremental:
        result["incremental"] = incremental_medians(every["incremental"])
    # The site the CI-path build left (search index included): its index against one index
    # over the same pages, and the link checkers all check that one.
    site = last["site"]
    result.update(extras)
    checks: dict[str, Callable[[], dict[str, Any]]] = {}
    if chronology_check_available():
        checks["chronology check"] = lambda: run_chronology_check(site)
    else:
        result["chronology_check"] = "n/a"
    if n in args.checker_sizes:
        if shutil.which("linkchecker"):
            checks["linkchecker"] = lambda: run_linkchecker(site, workdir)
        if shutil.which("htmlproofer"):
            checks["htmlproofer"] = lambda: run_htmlproofer(site)
    if checks and site.exists():
        result["checks"] = rounds(checks, args.checker_rounds)[0]
    return result  # the outputs stay until the next size begins (or the end)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="rounds per size (default 3, and 1 for 50,000 and more)",
    )
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--bench-dir", type=Path, default=_shared())
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--no-references", dest="references", action="store_false")
    parser.add_argument(
        "--pelican", action="store_true", help="also plain Pelican 4.12 (slow; not by default)"
    )
    parser.add_argument("--no-incremental", dest="incremental", action="store_false")
    parser.add_argument(
        "--checker-sizes",
        default="10000",
        help="sizes at which linkchecker and htmlproofer run (comma-separated; '' for none)",
    )
    parser.add_argument(
        "--checker-rounds",
        type=int,
        default=1,
        help="rounds of the link checkers (default 1: htmlproofer takes 7 minutes on the "
        "10,000-incident site, and the ratios are 40x and more)",
    )
    parser.add_argument("--no-markdown", dest="markdown", action="store_false")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.checker_sizes = {int(s) for s in args.checker_sizes.split(",") if s.strip()}
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    for tool in ("hugo", "linkchecker", "htmlproofer"):
        if args.references and not shutil.which(tool):
            print(f"note: {tool} is not installed (tools/setup.sh --bench installs it)")
    if args.references and not shutil.which("hugo"):
        args.references = False

    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": report.machine(),
        "sizes": [],
    }
    for n in sizes:
        repeat = args.repeat if args.repeat is not None else (1 if n >= 50_000 else 3)
        results["sizes"].append(bench_size(n, args, repeat))
        report.print_size(results["sizes"][-1])
    if args.markdown:
        n = max((s for s in sizes if s <= 10_000), default=min(sizes))
        content = corpus(args.bench_dir, args.workdir, n, "yaml") / "content"
        results["markdown"] = markdown_bench.run(content, args.repeat or 3)
    Outputs(args.workdir / "out").clear(wait=False)
    results["scaling"] = report.scaling(results["sizes"])
    text = report.render(results)
    print("\n" + text)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}", "latest"):
        (args.results / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
        (args.results / f"{name}.md").write_text(text + "\n")
    print(f"\nwritten: {args.results / f'bench-{stamp}.json'} and .md (and latest.*)")


if __name__ == "__main__":
    main()
