"""incidents.csv opened by a spreadsheet never runs a cell as a formula (CSV injection).

Records whose text fields start with =, +, -, @, a tab or a carriage return are built into a
real site; the CSV is read back with Python's csv module (the OWASP rule, cell by cell) and
converted by LibreOffice Calc, whose sheet must hold no formula at all.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.site.exports import inert

FORMULAS = [
    '=HYPERLINK("https://example.org/x","pwn")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def poison(content: Path) -> None:
    """Every free-text field that reaches the CSV starts with a formula in some record."""
    records = sorted((content / "incidents").rglob("*.yaml"))
    for n, path in enumerate(records):
        text = path.read_text("utf-8")
        data = yaml.safe_load(text)
        payload = FORMULAS[n % len(FORMULAS)]
        data["summary"] = {"fr": payload + " (fr)", "en": payload + " (en)"}
        location = data.get("location")
        if location and location.get("names"):
            location["names"] = {lang: payload + " " + lang for lang in location["names"]}
            location["name"] = location["names"]["fr"]
        path.write_text(text.splitlines()[0] + "\n" + yaml.safe_dump(data, allow_unicode=True))


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CONTENT, SEEDS

    top = tmp_path_factory.mktemp("csv-injection")
    shutil.copytree(CONTENT, top / "content")
    shutil.copytree(SEEDS, top / "seeds")
    poison(top / "content")
    build(top / "content", top / "output", search_index=False)
    return top / "output" / "data" / "incidents.csv"


def test_no_cell_starts_like_a_formula(csv_file: Path) -> None:
    rows = list(csv.reader(io.StringIO(csv_file.read_text("utf-8"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)  # the payloads got there
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert re.fullmatch(r"-?\d+(\.\d+)?", cell), cell


def test_numbers_stay_numbers_and_text_is_kept() -> None:
    assert inert("-1.5") == "-1.5" and inert("43.7") == "43.7"
    assert inert("=1+1") == "'=1+1" and inert("-2+3") == "'-2+3" and inert("\t=1") == "'\t=1"
    assert inert("Aïn al-Assad") == "Aïn al-Assad"


@pytest.mark.skipif(not shutil.which("soffice"), reason="tools/setup.sh --test installs it")
def test_libreoffice_reads_no_formula(csv_file: Path, tmp_path: Path) -> None:
    # 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at the first line
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile"]
        + ["--convert-to", "xlsx", "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path)]
        + [str(csv_file)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(tmp_path / "incidents.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<c " in sheet and "HYPERLINK" in strings  # the payloads were read, as text
    assert "<f" not in sheet, "a cell became a formula"
