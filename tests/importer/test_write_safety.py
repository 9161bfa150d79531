"""Issue 13 item 3: an import never reverts an editor's save, keeps a record's mode, and
never replaces a symbolic or hard link with a copy."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from generator.importer.drafts import Store
from generator.importer.gazetteer import Gazetteer
from generator.importer.published import option
from generator.importer.run import import_file, import_files
from generator.records.loader import parse

from .test_drafts import HAND_MADE, seeds_of

PUBLISHED = option("2023-12-06")
RECORD = Path("2023") / "2023-12-06-ain-al-asad-attack.yaml"


def _record(project: Path) -> Path:
    path = project / "content" / "incidents" / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HAND_MADE, encoding="utf-8")
    return path


def test_a_save_made_during_the_run_is_kept(project: Path) -> None:
    out = project / "content" / "incidents"
    record = _record(project)
    gaz = Gazetteer.load(project / "content")
    store = Store(out, gaz, today=dt.date(2026, 1, 1))  # reads every record now
    # the editor saves the record while the import runs
    edited = HAND_MADE.replace("Claim added.", "Claim added by the editor.")
    record.write_text(edited, encoding="utf-8")
    result = import_file(
        seeds_of(project)[0], store, gaz, published=PUBLISHED, today=dt.date(2026, 1, 1)
    )
    assert any(o.action == "cited" for o in result.outcomes), result.line()
    text = record.read_text("utf-8")
    assert text.startswith(edited.rstrip("\n").rsplit("corrections:", 1)[0][:200])
    data = parse(text)
    assert data["corrections"][0]["text"]["en"] == "Claim added by the editor."
    assert len(data["sources"]) == 2


def test_the_record_keeps_its_mode_and_new_drafts_follow_the_umask(project: Path) -> None:
    record = _record(project)
    record.chmod(0o640)
    results = import_files(
        seeds_of(project)[:1], project / "content" / "incidents", published=PUBLISHED
    )
    assert {o.action for o in results[0].outcomes} >= {"cited"}
    assert stat.S_IMODE(record.stat().st_mode) == 0o640
    mask = os.umask(0)
    os.umask(mask)
    new = [o.path for o in results[0].outcomes if o.action == "new"]
    assert new and all(stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask for p in new)


def test_a_symbolic_link_is_not_replaced(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text(HAND_MADE, encoding="utf-8")
    link = project / "content" / "incidents" / RECORD
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    results = import_files(
        seeds_of(project)[:1], project / "content" / "incidents", published=PUBLISHED
    )
    skipped = [o for o in results[0].outcomes if o.action == "skipped"]
    assert skipped and "symbolic link" in skipped[0].message
    assert link.is_symlink() and target.read_text("utf-8") == HAND_MADE


def test_a_hard_link_is_not_split(project: Path) -> None:
    record = _record(project)
    twin = project / "shared-copy.yaml"
    os.link(record, twin)
    results = import_files(
        seeds_of(project)[:1], project / "content" / "incidents", published=PUBLISHED
    )
    skipped = [o for o in results[0].outcomes if o.action == "skipped"]
    assert skipped and "hard link" in skipped[0].message
    assert os.path.samefile(record, twin) and record.read_text("utf-8") == HAND_MADE
