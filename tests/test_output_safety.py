"""`chronology build --output` never loses an editor's files (issue 13, item 1).

The build replaces its output folder whole, and keeps the site before it as a recycled folder
(`.output.spare`): so the output may not be the records, the stored articles, the project or
the current folder (nor hold them), a recycled folder is taken only once the records are known
valid, and no folder is removed or reused unless a build made it (its `.chronology-site` file).
Each test runs the real command in a project folder of its own and checks every file is there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build
from generator.folders import MARKER
from generator.records.problems import InvalidContent

ROOT = Path(__file__).resolve().parent.parent
CHRONOLOGY = Path(sys.executable).parent / "chronology"


def files_of(folder: Path) -> dict[str, str]:
    """Every file under `folder` (including .git) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder as an editor has it: a git repository with content/ and seeds/."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "notes.txt").write_text("an editor's notes\n")
    return folder


def chronology(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHRONOLOGY), "build", "--no-search", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("output", "says"),
    [
        ("content", "is the content folder"),
        (".", "holds the content folder"),
        ("content/site", "lies inside the content folder"),
        ("content/incidents", "lies inside the content folder"),
        ("seeds", "is the folder of stored articles"),
        ("..", "holds the content folder"),
    ],
)
def test_an_output_over_the_editors_files_is_refused_twice_over(
    project: Path, output: str, says: str
) -> None:
    before = files_of(project)
    for _ in range(2):  # the case: the second run deleted every record
        run = chronology(project, "--content", "content", "--output", output)
        assert run.returncode == 1, run.stdout + run.stderr
        assert says in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert "Choose a folder of its own" in run.stderr
    assert files_of(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]  # nothing beside


def test_the_current_folder_and_the_project_folder_are_refused(project: Path) -> None:
    """From a subfolder: `--output ..` is the project (with .git), `--output .` the current
    folder; content given from elsewhere, so only those rules can refuse them."""
    work = project / "drafts"
    work.mkdir()
    (work / "draft.md").write_text("half an article\n")
    outside = project.parent / "records"
    shutil.copytree(project / "content", outside / "content")
    shutil.copytree(project / "seeds", outside / "seeds")
    before = files_of(project)
    for output, says in ((".", "is the current folder"), ("..", "is the project folder")):
        run = chronology(work, "--content", str(outside / "content"), "--output", output)
        assert run.returncode == 1 and says in run.stderr, run.stderr
    assert files_of(project) == before


def test_a_folder_the_build_did_not_make_is_refused(project: Path) -> None:
    photos = project / "photos"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(b"\xff\xd8 a photo")
    run = chronology(project, "--output", "photos")
    assert run.returncode == 1
    assert "already holds files that chronology build did not make" in run.stderr
    assert (photos / "a.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert sorted(p.name for p in photos.iterdir()) == ["a.jpg"]


def test_an_empty_folder_and_the_builds_own_site_are_built_into(project: Path) -> None:
    (project / "site").mkdir()
    for _ in range(3):  # the third build starts from the recycled folder
        run = chronology(project, "--output", "site")
        assert run.returncode == 0, run.stderr
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / MARKER).is_file()
    assert (project / ".site.spare" / MARKER).is_file()


def test_a_spare_folder_the_build_did_not_make_is_neither_taken_nor_deleted(
    tmp_path: Path, content_copy: Path
) -> None:
    output = tmp_path / "output"
    build(content_copy, output, search_index=False)
    spare = tmp_path / ".output.spare"
    spare.mkdir()
    (spare / "thesis.txt").write_text("someone's work, in an unlucky folder name")
    build(content_copy, output, search_index=False)
    build(content_copy, output, search_index=False)
    assert (spare / "thesis.txt").read_text() == "someone's work, in an unlucky folder name"
    assert not (output / "thesis.txt").exists()
    assert (output / "index.html").is_file()


def test_invalid_records_leave_the_recycled_folder_in_place(
    tmp_path: Path, content_copy: Path
) -> None:
    """The recycled folder is taken only once the records are valid: a failed validation
    leaves it exactly where it was (it used to be taken, then deleted)."""
    output = tmp_path / "output"
    build(content_copy, output, search_index=False)
    build(content_copy, output, search_index=False)
    spare = tmp_path / ".output.spare"
    before = files_of(spare)
    (content_copy / "bases.yaml").write_text("- not: [valid\n")
    with pytest.raises(InvalidContent):
        build(content_copy, output, search_index=False)
    assert files_of(spare) == before


def test_leftovers_named_like_a_builds_are_kept_unless_a_build_made_them(
    tmp_path: Path, content_copy: Path
) -> None:
    output = tmp_path / "output"
    build(content_copy, output, search_index=False)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    theirs = tmp_path / f".output.building-{child.pid}"  # a dead pid, but not our folder
    theirs.mkdir()
    (theirs / "keep.txt").write_text("not a build's")
    build(content_copy, output, search_index=False)
    assert (theirs / "keep.txt").read_text() == "not a build's"
    os.unlink(theirs / "keep.txt")


@pytest.mark.parametrize("output", ["content", ".", "seeds", "content/incidents"])
def test_serve_never_writes_among_the_records(project: Path, output: str) -> None:
    before = files_of(project)
    run = subprocess.run(
        [str(CHRONOLOGY), "serve", "--port", "0", "--output", output],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2, run.stdout + run.stderr  # a usage error, before serving
    assert "Choose a folder of its own" in run.stderr and "Traceback" not in run.stderr
    assert files_of(project) == before
