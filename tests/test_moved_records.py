"""A deleted or renamed record keeps its address (issue 13, item 17): the site lists every
incident id it has published (published-ids.json), the next build writes a page in both
languages for each id whose record is gone — sending readers on only to the record it was
renamed to — and `chronology check` reports a listed id that has no page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from generator.build import build

CHRONOLOGY = Path(sys.executable).parent / "chronology"
DELETED = "2023-10-18-al-harir-attack"
OLD, NEW = "2023-12-03-kirkuk-strike", "2023-12-03-kirkuk-airbase-strike"


def page(site: Path, incident_id: str, prefix: str = "") -> BeautifulSoup:
    path = site / prefix / "incidents" / incident_id / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def check(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHRONOLOGY), "check", str(site)], capture_output=True, text=True, timeout=300
    )


def test_deleted_and_renamed_records_keep_their_addresses(
    tmp_path: Path, content_copy: Path
) -> None:
    output = tmp_path / "output"
    build(content_copy, output, search_index=False)
    first = json.loads((output / "published-ids.json").read_text())["incidents"]
    assert DELETED in first and OLD in first

    year = content_copy / "incidents" / "2023"
    (year / f"{DELETED}.yaml").unlink()
    text = (year / f"{OLD}.yaml").read_text("utf-8").replace(f"id: {OLD}", f"id: {NEW}")
    (year / f"{NEW}.yaml").write_text(text, "utf-8")
    (year / f"{OLD}.yaml").unlink()
    for _ in range(2):  # and the list travels on to the build after
        build(content_copy, output, search_index=False)
        listed = json.loads((output / "published-ids.json").read_text())["incidents"]
        assert {DELETED, OLD, NEW} <= set(listed)

        for prefix, lang in (("", "fr"), ("en", "en")):
            renamed = page(output, OLD, prefix)
            assert renamed.html["lang"] == lang
            target = f"/{prefix + '/' if prefix else ''}incidents/{NEW}/"
            assert renamed.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={target}"
            assert renamed.select_one(f'main a[href="{target}"]')
            assert renamed.select_one('meta[name="robots"][content="noindex"]')

            deleted = page(output, DELETED, prefix)
            assert not deleted.select_one('meta[http-equiv="refresh"]')  # sent nowhere
            assert DELETED in deleted.get_text()
            hrefs = [a["href"] for a in deleted.select("main a")]
            same_day = f"/{prefix + '/' if prefix else ''}incidents/2023-10-18-ain-al-asad-attack/"
            assert same_day in hrefs and f"/{prefix + '/' if prefix else ''}2023/10/" in hrefs
        assert (output / "incidents" / NEW / "index.html").is_file()

    run = check(output)
    assert run.returncode == 0, run.stdout + run.stderr  # every link of those pages resolves

    (output / "en" / "incidents" / DELETED / "index.html").unlink()
    run = check(output)
    assert run.returncode == 1
    assert f"/en/incidents/{DELETED}/" in run.stdout + run.stderr
    assert "published before, no page now" in run.stdout + run.stderr
