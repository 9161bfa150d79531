"""The chronology's countries and map region: chronology.yaml `countries` and `region`.

`load` checks both (country codes CLDR knows, a view that is a box, an outline file inside
the content folder that reads as outlines) and builds what the maps draw; `check_country`
reports a base, place or count in a country the chronology does not cover.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale

from generator import model

Report = Callable[[tuple[str | int, ...], str, str], None]  # (path, message, rule)
SHAPE = '{"countries": {"IQ": {"rings": [[[lon, lat], ...], ...]}, ...}}'


def covered(settings: dict[str, Any]) -> tuple[str, ...] | None:
    """The codes of `countries`; None when it is not set (then any country is accepted)."""
    return tuple(settings["countries"]) if "countries" in settings else None


def check_country(
    code: str, countries: tuple[str, ...] | None, at: tuple[str | int, ...], report: Report
) -> None:
    if countries is not None and code not in countries:
        report(
            at,
            f"country '{code}' is not one of the chronology's countries "
            f"({', '.join(countries)}, set in chronology.yaml); fix the code or add it there",
            "unknown-country",
        )


def load(settings: dict[str, Any], content: Path, report: Report) -> model.Region:
    """The region the maps draw; its problems go to `report` (and the records are refused,
    so what is returned then is never drawn)."""
    known = Locale.parse("en").territories
    for n, code in enumerate(settings.get("countries") or ()):
        if code not in known:
            report(("countries", n), f"'{code}' is not a country code CLDR knows", "country-code")
    countries = covered(settings) or ()
    spec = settings.get("region")
    if spec is None:
        return model.Region(countries=countries)
    box = spec["bbox"]
    for low, high in (("west", "east"), ("south", "north")):
        if box[low] >= box[high]:
            report(
                ("region", "bbox", low),
                f"{low} ({box[low]}) must be less than {high} ({box[high]})",
                "bbox-order",
            )
    read = _outlines(content, spec["outlines"])
    if isinstance(read, str):
        report(("region", "outlines"), read, "outlines")
        return model.Region(countries=countries)
    outlines, digest = read
    return model.Region(
        bbox=(box["west"], box["south"], box["east"], box["north"]),
        countries=countries,
        labels=tuple(
            (code, at["lon"], at["lat"]) for code, at in (spec.get("labels") or {}).items()
        ),
        credit=tuple((spec.get("credit") or {}).items()),
        digest=digest,
        outlines=outlines,
    )


def _outlines(content: Path, name: str) -> tuple[dict[str, tuple[model.Ring, ...]], str] | str:
    """(outlines by country code, digest of the file), or what is wrong with the file."""
    path = content / name
    if not path.resolve().is_relative_to(content.resolve()):
        return f"'{name}' is outside the content folder; keep the outlines in it"
    try:
        data = path.read_bytes()
    except OSError as err:
        return f"cannot read '{name}' ({err.strerror}); the path is relative to the content folder"
    try:
        countries = json.loads(data)["countries"]
        outlines = {
            code: tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in c["rings"])
            for code, c in countries.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return f"'{name}' is not an outline file: expected {SHAPE}"
    return outlines, hashlib.blake2b(data, digest_size=16).hexdigest()
