"""`chronology build --previous DIR`: a runner that starts from a fresh clone (no output/ of the
last deploy) reads the live site's published-ids.json, so a record deleted since the last deploy
still keeps its page — and the deploy workflow does exactly that."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

CHRONOLOGY = Path(sys.executable).parent / "chronology"
WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "site.yml"
DELETED = "2023-10-18-al-harir-attack"


def chronology(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHRONOLOGY), *args], capture_output=True, text=True, timeout=600, cwd=cwd
    )


def test_a_fresh_build_keeps_the_pages_of_ids_the_live_site_published(
    tmp_path: Path, content_copy: Path
) -> None:
    project = content_copy.parent
    live = chronology("build", "--no-search", "--output", "live", cwd=project)
    assert live.returncode == 0, live.stderr
    # What the workflow downloads from the live site: its list of published ids, nothing else.
    (project / "previous-site").mkdir()
    shutil.copy(project / "live" / "published-ids.json", project / "previous-site")
    (content_copy / "incidents" / "2023" / f"{DELETED}.yaml").unlink()

    fresh = chronology(
        "build", "--no-search", "--output", "fresh", "--previous", "previous-site", cwd=project
    )
    assert fresh.returncode == 0, fresh.stderr
    listed = json.loads((project / "fresh" / "published-ids.json").read_text())["incidents"]
    assert DELETED in listed
    for prefix in ("", "en/"):
        kept = project / "fresh" / f"{prefix}incidents/{DELETED}/index.html"
        assert kept.is_file() and 'name="robots" content="noindex"' in kept.read_text("utf-8")

    forgetful = chronology("build", "--no-search", "--output", "forgetful", cwd=project)
    assert forgetful.returncode == 0, forgetful.stderr
    assert not (project / "forgetful" / "incidents" / DELETED).exists()

    missing = chronology("build", "--output", "x", "--previous", "nowhere", cwd=project)
    assert missing.returncode == 2 and "nowhere" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_the_deploy_builds_public_from_the_live_sites_published_ids() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    fetch = next(r for r in runs if "published-ids.json" in r)
    assert '"$SITEURL/published-ids.json" -o previous-site/published-ids.json' in fetch
    deploy = next(r for r in runs if r.startswith(".venv/bin/chronology build"))
    assert "--public" in deploy and "--previous previous-site" in deploy
    assert runs.index(fetch) < runs.index(deploy)
