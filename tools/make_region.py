"""Regenerate a chronology's map outlines (run by hand, never by the build).

    npm install --prefix /tmp/wa world-atlas
    .venv/bin/python tools/make_region.py /tmp/wa/node_modules/world-atlas/countries-50m.json

Reads world-atlas's TopoJSON of Natural Earth 1:50m admin-0 countries, keeps the countries that
reach into the clip box (--clip WEST SOUTH EAST NORTH, in degrees; wider than the map's view),
clips them to it, simplifies each ring (Douglas-Peucker, TOLERANCE degrees) and rounds
coordinates to 0.01° (about 1 km). Countries are keyed by their ISO 3166-1 alpha-2 code, from
their numeric code through CLDR (Babel). Writes content/region/region.json, or --out FILE.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from babel.core import get_global

CLIP = (31.5, 26.5, 51.5, 40.5)  # the first chronology's: Iraq, Syria and their neighbours
TOLERANCE = 0.02
OUT = Path(__file__).resolve().parents[1] / "content" / "region" / "region.json"


def alpha2(numeric: str | None, name: str) -> str | None:
    """ISO 3166-1 numeric (world-atlas ids) -> alpha-2; 'CY-N' for Natural Earth's N. Cyprus."""
    if name == "N. Cyprus":
        return "CY-N"
    codes = get_global("territory_aliases").get(numeric or "")
    return codes[0] if codes and len(codes[0]) == 2 else None


def decode(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points if not out else points[1:])
    return out


def clip(
    points: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the clip rectangle."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for n in range(first + 1, last):
            px, py = points[n]
            if norm == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, n
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def main(source: str, box: tuple[float, float, float, float], out_file: Path) -> None:
    topo = json.loads(Path(source).read_text())
    arcs = decode(topo)
    countries: dict[str, dict] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = alpha2(geometry.get("id"), name)
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                points = simplify(clip(ring(arcs, indexes), box), TOLERANCE)
                points = [(round(x, 2), round(y, 2)) for x, y in points]
                points = [p for n, p in enumerate(points) if n == 0 or p != points[n - 1]]
                if len(points) >= 4:
                    rings.append(points)
        if rings:
            countries[code] = {"name": name, "rings": rings}
    out = {
        "source": (
            "Natural Earth 1:50m admin-0 countries, via world-atlas 2.0.2 (countries-50m.json)"
        ),
        "clip": box,
        "countries": dict(sorted(countries.items())),
    }
    text = json.dumps(out, separators=(",", ":"))
    out_file.write_text(text + "\n")
    print(
        f"{len(countries)} countries, {sum(len(c['rings']) for c in countries.values())} rings, "
        f"{len(text)} bytes"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="world-atlas countries-50m.json")
    parser.add_argument("--clip", nargs=4, type=float, default=CLIP, metavar="DEG")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    main(args.source, tuple(args.clip), args.out)
