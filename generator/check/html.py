"""Validate the HTML of every page with the Nu HTML Checker (vnu.jar), in one run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.records.problems import Problem

from .report import page_problem

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_JAR = REPO_ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP_HINT = "run tools/setup.sh --test to install it"


class ToolMissing(RuntimeError):
    """Java or vnu.jar is not installed."""


class ValidatorFailed(RuntimeError):
    """vnu.jar ran but did not produce a report."""


def find_vnu() -> tuple[str, Path]:
    """The java executable and the vnu.jar to run (``$VNU_JAR`` overrides the jar)."""
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    if not jar.is_file():
        raise ToolMissing(f"the Nu HTML Checker is missing ({jar} not found): {SETUP_HINT}")
    java = shutil.which("java")
    if java is None:
        raise ToolMissing(f"java is missing (needed by the Nu HTML Checker): {SETUP_HINT}")
    return java, jar


def command(java: str, jar: Path, pages: list[str]) -> list[str]:
    """vnu.jar on the given pages (paths relative to the site, the working directory)."""
    return [
        java,
        "-Xss4m",  # deep documents otherwise overflow the parser's stack
        "-jar",
        str(jar),
        "--errors-only",
        "--no-langdetect",  # only yields warnings, which --errors-only drops anyway
        "--exit-zero-always",  # errors are in the report; a non-zero exit is a failure
        "--stdout",
        "--format",
        "json",
        "--",
        *pages,
    ]


def batches(pages: list[str], budget: int) -> list[list[str]]:
    """The pages in runs whose command line stays under ``budget`` bytes."""
    runs: list[list[str]] = [[]]
    size = 0
    for page in pages:
        cost = len(os.fsencode(page)) + 1
        if runs[-1] and size + cost > budget:
            runs.append([])
            size = 0
        runs[-1].append(page)
        size += cost
    return [run for run in runs if run]


def validate(site_dir: str | Path, pages: list[str]) -> list[Problem]:
    """One ``html`` problem per error vnu.jar finds in ``pages`` (relative to ``site_dir``).

    The pages are named one by one (those the link check found, inside the site): given a
    folder, vnu.jar would follow symbolic links out of it and round loops.
    """
    root = Path(site_dir).resolve()
    java, jar = find_vnu()
    problems: list[Problem] = []
    budget = max(os.sysconf("SC_ARG_MAX") // 4, 64 * 1024)  # leaves room for the environment
    for run_pages in batches(pages, budget):
        run = subprocess.run(
            command(java, jar, run_pages), cwd=root, capture_output=True, text=True, check=False
        )
        try:
            if run.returncode != 0:
                raise ValueError(f"exit status {run.returncode}")
            messages = json.loads(run.stdout)["messages"]
        except (ValueError, KeyError, TypeError) as error:
            detail = (run.stderr or run.stdout).strip()[-2000:]
            raise ValidatorFailed(f"the Nu HTML Checker failed ({error}): {detail}") from error
        problems.extend(to_problem(message, root) for message in messages)
    return problems


def page_of(url: str | None, root: Path) -> str:
    """The page path relative to the site directory of a vnu ``file:`` URL."""
    if not url:
        return ""
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def to_problem(message: dict, root: Path) -> Problem:
    line = message.get("lastLine") or message.get("firstLine")
    # vnu gives a range; its first column is on the reported line unless the range starts above
    starts_above = message.get("firstLine") not in (None, line)
    column = message.get("lastColumn" if starts_above else "firstColumn")
    text = str(message.get("message", "")).strip() or "(no message)"
    if message.get("type") != "error":
        text = f"{message.get('type', 'message')}: {text}"
    reason = f"line {line}: {text}" if line else text
    return page_problem("html", page_of(message.get("url"), root), "", reason, line, column)
