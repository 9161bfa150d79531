"""Bad input: every case in tests/bad_inputs/ is refused with its exact error, and a build on
it leaves the previous site untouched; plus the inputs too big to commit (50 MB, YAML bombs,
deep nesting), which must be refused fast and without exhausting memory or the C stack.

The catalogue convention (tests/bad_inputs/README.md): one file per case, named after it,
whose leading `# key: value` comment lines (or a `<file>.expect` sidecar, for files a comment
would change: empty, UTF-16) say

    # case: what the case shows
    # place: incidents/2023/<id>.yaml   where the file goes under content/ (repeatable)
    # remove: actors.yaml               a file of the minimal content to delete (optional)
    # expect: <line>                    each line `chronology validate` must print, exactly

An `expect` line is `content/<file>:<line>:<col>: error: <path>: <message> (<rule>)` as the
command prints it; `{today}` stands for today's date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.folders import mark

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "bad_inputs"
BOM = b"\xef\xbb\xbf"
KEYS = {"case", "place", "remove", "expect"}


@dataclass
class Case:
    file: Path
    description: str
    places: list[str]
    removes: list[str]
    expect: list[str]


def read_case(file: Path) -> Case:
    sidecar = file.with_name(file.name + ".expect")
    if sidecar.exists():
        header = sidecar.read_text("utf-8").splitlines()
    else:
        header = []
        for raw in file.read_bytes().removeprefix(BOM).split(b"\n"):
            key = raw[2:].partition(b": ")[0].decode("ascii", "replace")
            if not raw.startswith(b"# ") or key not in KEYS:
                break  # the header ends at the first line that is not `# <key>: <value>`
            header.append(raw[2:].decode("utf-8").rstrip("\r"))
    fields: dict[str, list[str]] = defaultdict(list)
    for line in header:
        key, _, value = line.partition(": ")
        assert key in KEYS, f"{file.name}: unknown header key {key!r} (known: {sorted(KEYS)})"
        fields[key].append(value)
    assert fields["case"] and fields["place"] and fields["expect"], f"{file.name}: incomplete"
    today = dt.date.today().isoformat()
    return Case(
        file,
        fields["case"][0],
        fields["place"],
        fields["remove"],
        [line.replace("{today}", today) for line in fields["expect"]],
    )


def case_files() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_file() and p.suffix not in (".expect", ".md"))


def minimal_project(root: Path) -> Path:
    """content/ with the real gazetteer, actors and settings, no records; seeds/ beside it."""
    content = root / "content"
    (content / "incidents").mkdir(parents=True)
    for name in ("bases.yaml", "actors.yaml", "chronology.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    # chronology.yaml names the outlines its maps draw, in the content folder
    shutil.copytree(ROOT / "content" / "region", content / "region")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return content


def install(case: Case, root: Path) -> None:
    minimal_project(root)
    for name in case.removes:
        (root / "content" / name).unlink()
    data = case.file.read_bytes()
    for place in case.places:
        target = root / "content" / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def previous_site(output: Path) -> None:
    """A stand-in for the site a previous build published."""
    (output / "incidents" / "x").mkdir(parents=True)
    (output / "index.html").write_text("<!DOCTYPE html><title>previous</title>")
    (output / "incidents" / "x" / "index.html").write_text("previous incident page")
    (output / "feed.xml").write_bytes(b"<feed/>")
    mark(output)  # made by a build (generator/folders.py): one it may replace


def tree_hash(folder: Path) -> str:
    """Names, contents and modification times of everything under `folder`, and its inode."""
    digest = hashlib.sha256(str(folder.stat().st_ino).encode())
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(folder)}|{info.st_mode}|{info.st_mtime_ns}|".encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail (not hang the suite) if the block takes longer: a YAML bomb expanded never ends."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output."))


# -- the catalogue ------------------------------------------------------------------------------
@pytest.mark.parametrize("file", case_files(), ids=lambda p: p.name)
def test_bad_input(file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = read_case(file)
    install(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    with within(20):
        result = runner.invoke(cli, ["validate", "--content", "content", "--format", "text"])
    assert result.exit_code == 1, result.output
    assert problem_lines(result.stderr) == case.expect, case.description

    output = tmp_path / "output"
    previous_site(output)
    before = tree_hash(output)
    with within(30):
        result = runner.invoke(cli, ["build", "--content", "content", "--output", "output"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert problem_lines(result.stderr) == case.expect
    assert "output was left as it was" in result.stderr
    assert tree_hash(output) == before
    assert leftovers(tmp_path) == []


def test_catalogue_covers_every_rule() -> None:
    """Removing the last case of a rule fails here, not silently."""
    rules = {
        line.rsplit("(", 1)[1].rstrip(")") for f in case_files() for line in read_case(f).expect
    }
    required = {
        "yaml-syntax", "tab", "duplicate-key", "yaml-alias", "encoding", "too-deep",
        "bad-value", "empty-file", "not-a-record", "wrong-type", "missing-field",
        "unknown-field", "not-allowed", "bad-format", "out-of-range", "duplicate-item",
        "empty", "impossible-date", "future-date", "before-start", "duplicate-id",
        "id-mismatch", "id-format", "wrong-folder", "unknown-base", "unknown-actor",
        "min-over-max", "quote-not-in-source", "unknown-seed", "missing-file",
        "merge-key", "before-incident", "unknown-country", "country-code", "bbox-order",
        "outlines",
    }  # fmt: skip
    assert required <= rules, f"no catalogue case for {sorted(required - rules)}"


def test_unknown_field_suggests_the_right_name() -> None:
    """The brief's own example, spelled out: a typo gets a did-you-mean and nothing else."""
    case = read_case(CASES / "unknown-field-typo.yaml")
    assert len(case.expect) == 1
    assert "unknown field 'casualities'; did you mean 'casualties'?" in case.expect[0]


# -- inputs too big or too slow to commit -----------------------------------------------------
def test_50_mb_record_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal_project(tmp_path)
    big = tmp_path / "content" / "incidents" / "2023" / "2023-10-18-ain-al-asad-attack.yaml"
    big.parent.mkdir()
    with big.open("wb") as out:  # real bytes, not a sparse file: a read would cost 50 MB
        chunk = b"summary: " + b"x" * (1 << 20) + b"\n"
        for _ in range(50):
            out.write(chunk)
    size = big.stat().st_size
    assert size > 50_000_000

    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(self: Path) -> bytes:
        assert self.resolve() != big.resolve(), "the 50 MB file was read"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    monkeypatch.chdir(tmp_path)
    tracemalloc.start()
    started = time.perf_counter()
    with within(20):
        result = CliRunner().invoke(cli, ["validate", "--content", "content", "--format", "text"])
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        "content/incidents/2023/2023-10-18-ain-al-asad-attack.yaml: error: "
        f"file is {size:,} bytes; a file here is at most 1,000,000 bytes (too-large)"
    ]
    assert seconds < 3
    assert peak < 10_000_000  # the file never entered memory


def test_50_mb_gazetteer_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    minimal_project(tmp_path)
    bases = tmp_path / "content" / "bases.yaml"
    with bases.open("ab") as out:
        out.write(b"#" * 50_000_000)
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", "--content", "content", "--format", "text"])
    assert time.perf_counter() - started < 3
    assert problem_lines(result.stderr) == [
        f"content/bases.yaml: error: file is {bases.stat().st_size:,} bytes; "
        "a file here is at most 20,000,000 bytes (too-large)"
    ]


def _bomb(levels: int, width: int = 10) -> str:
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 30])
def test_yaml_bomb_is_refused_fast_and_small(tmp_path: Path, levels: int) -> None:
    """10^30 strings if expanded; refused at the first alias, in milliseconds."""
    from generator.records.loader import load_file

    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(levels))
    tracemalloc.start()
    started = time.perf_counter()
    with within(10):
        data, _, problems = load_file(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert data is None
    assert [(p.line, p.column, p.rule) for p in problems] == [(2, 10, "yaml-alias")]
    assert seconds < 1
    assert peak < 5_000_000


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    from generator.records.loader import load_file

    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [*a]\n")
    assert [p.rule for p in load_file(path)[2]] == ["yaml-alias"]


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "[" * 60_000 + "]" * 60_000, "summary: " + "{a: " * 60_000, "- " * 60_000],
    ids=["unclosed-flow", "closed-flow", "flow-mappings", "compact-block"],
)
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, text: str) -> None:
    """libyaml's composer recursed until the C stack overflowed (a segfault, no Problem).

    Run in a child process so that a regression shows as a failed test, not a dead worker.
    """
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    code = (
        "import sys; from pathlib import Path; from generator.records.loader import load_file; "
        "p = load_file(Path(sys.argv[1]))[2]; print(*[(x.line, x.rule) for x in p])"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 0, f"loader crashed: {done.returncode} {done.stderr[-500:]}"
    assert done.stdout.strip() == "(1, 'too-deep')"
    assert time.perf_counter() - started < 10


def test_broken_gazetteer_is_one_problem_not_one_per_record(content_copy: Path) -> None:
    """With the 12 real records, a broken bases.yaml is reported once, not 12 times."""
    from generator.records.checks import load_chronology
    from generator.records.problems import InvalidContent

    bases = content_copy / "bases.yaml"
    bases.write_text(bases.read_text().replace("lat: 33.7856", "lat: north", 1))
    with pytest.raises(InvalidContent) as caught:
        load_chronology(content_copy)
    assert [(p.file.rsplit("/", 1)[-1], p.rule) for p in caught.value.problems] == [
        ("bases.yaml", "wrong-type")
    ]
    (content_copy / "actors.yaml").unlink()
    with pytest.raises(InvalidContent) as caught:
        load_chronology(content_copy)
    assert sorted(p.rule for p in caught.value.problems) == ["missing-file", "wrong-type"]


def test_real_content_is_valid() -> None:
    """The fixes above refuse no real record."""
    from generator.records.checks import load_chronology

    assert len(load_chronology(ROOT / "content").incidents) >= 12


def test_catalogue_files_are_small() -> None:
    """Nothing big is committed: big inputs are generated in tmp_path by the tests above."""
    assert all(f.stat().st_size < 20_000 for f in CASES.iterdir())
    assert os.path.isdir(CASES)
