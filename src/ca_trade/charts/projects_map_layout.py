"""Where things go on the projects map: named views, frames that fill the chart, markers spread
so that none hides another, country names placed clear of markers and of each other, and route
points dense enough to click anywhere along a line. Pure geometry, no words.

Screen positions use plotly's Mercator projection: x is the longitude in radians, y is
ln(tan(pi/4 + latitude/2)); a frame (longitude and latitude ranges) is scaled to fit the chart's
box, so one radian spans `px_per_radian` pixels in both directions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ca_trade.projects import map_positions


@dataclass(frozen=True)
class Frame:
    """A rectangle of the map in degrees: longitude (west, east) and latitude (south, north)."""

    lon: tuple[float, float]
    lat: tuple[float, float]

    def contains(self, lon: float, lat: float) -> bool:
        """Whether the point (degrees) lies inside the frame."""
        return self.lon[0] <= lon <= self.lon[1] and self.lat[0] <= lat <= self.lat[1]


@dataclass(frozen=True)
class Box:
    """The chart's map area in pixels."""

    width: float
    height: float


# What each named view must show (degrees). Country views frame the country; the others frame
# the places where projects crowd or cross a border.
VIEWS: dict[str, Frame] = {
    "region": Frame((46.0, 88.0), (35.0, 55.5)),
    "fergana": Frame((69.0, 74.6), (39.6, 42.5)),
    "caspian": Frame((48.5, 56.5), (36.5, 47.8)),
    "china_border": Frame((72.5, 84.0), (39.0, 47.5)),
    "south": Frame((60.0, 74.0), (30.5, 40.5)),
    "KAZ": Frame((46.5, 87.5), (40.5, 55.5)),
    "KGZ": Frame((69.2, 80.3), (39.1, 43.3)),
    "TJK": Frame((67.3, 75.2), (36.6, 41.1)),
    "TKM": Frame((52.4, 66.7), (35.1, 42.8)),
    "UZB": Frame((55.9, 73.2), (37.1, 45.6)),
}
DEFAULT_VIEW = "region"
# The map's box on a desktop (the content's width at a 1400 px window, so the map fills it
# there; a narrower window draws it smaller, a wider one leaves bands at the sides) and on a
# phone (375 px).
WIDE_BOX = Box(1240.0, 620.0)
NARROW_BOX = Box(343.0, 460.0)
# Markers are spread for the narrowest wide window the page expects (a 1024 px window, where
# the chart is 864 px wide), so they stay apart on any wider one: distances grow with the
# width, marker sizes do not.
WIDE_LAYOUT_WIDTH = 840.0
MARKER_GAP_PX = 16.0  # centre to centre; markers are 13 px across
# A group that would need a ring wider than this is drawn as one numbered marker instead.
MAX_RING_RADIUS_PX = 36.0
LABEL_CLEARANCE_PX = 3.0
ZOOM_STEP = 1.6
PAN_STEP = 0.25  # of the frame's span


def mercator_y(lat: float) -> float:
    """Return the Mercator y of a latitude in degrees (radians of the projection)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def mercator_lat(y: float) -> float:
    """Return the latitude in degrees of a Mercator y (inverse of `mercator_y`)."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def fit_frame(wanted: Frame, box: Box) -> Frame:
    """Return `wanted` widened, about its centre, to the shape of `box`, so the map fills it.

    Plotly draws a frame as large as fits the box and leaves the rest blank; a frame of the
    box's shape fills the box.
    """
    x0, x1 = math.radians(wanted.lon[0]), math.radians(wanted.lon[1])
    y0, y1 = mercator_y(wanted.lat[0]), mercator_y(wanted.lat[1])
    shape = box.width / box.height
    if (x1 - x0) / (y1 - y0) < shape:
        half = (y1 - y0) * shape / 2
        centre = (x0 + x1) / 2
        x0, x1 = centre - half, centre + half
    else:
        half = (x1 - x0) / shape / 2
        centre = (y0 + y1) / 2
        y0, y1 = centre - half, centre + half
    return Frame(
        (round(math.degrees(x0), 4), round(math.degrees(x1), 4)),
        (round(mercator_lat(y0), 4), round(mercator_lat(y1), 4)),
    )


def zoomed_frame(
    frame: Frame, zoom: int, pan_x: int, pan_y: int, centre: tuple[float, float] | None = None
) -> Frame:
    """Return `frame` zoomed in `zoom` steps (out if negative) and moved by whole pan steps.

    Args:
        frame: the view's frame.
        zoom: zoom steps; each divides the span by `ZOOM_STEP`.
        pan_x: steps east (west if negative), each a quarter of the zoomed span.
        pan_y: steps north (south if negative).
        centre: (longitude, latitude) to centre on, degrees; the frame's centre where None.
    """
    x0, x1 = math.radians(frame.lon[0]), math.radians(frame.lon[1])
    y0, y1 = mercator_y(frame.lat[0]), mercator_y(frame.lat[1])
    factor = ZOOM_STEP**-zoom
    width, height = (x1 - x0) * factor, (y1 - y0) * factor
    mid_x = (x0 + x1) / 2 if centre is None else math.radians(centre[0])
    mid_y = (y0 + y1) / 2 if centre is None else mercator_y(centre[1])
    cx = mid_x + pan_x * PAN_STEP * width
    cy = mid_y + pan_y * PAN_STEP * height
    north = min(cy + height / 2, mercator_y(84.0))
    return Frame(
        (round(math.degrees(cx - width / 2), 4), round(math.degrees(cx + width / 2), 4)),
        (round(mercator_lat(north - height), 4), round(mercator_lat(north), 4)),
    )


def px_per_radian(frame: Frame, box: Box) -> float:
    """Return how many pixels one radian of the projection spans when `frame` fits `box`."""
    dx = math.radians(frame.lon[1] - frame.lon[0])
    dy = mercator_y(frame.lat[1]) - mercator_y(frame.lat[0])
    return min(box.width / dx, box.height / dy)


def to_pixels(lon: float, lat: float, frame: Frame, scale: float) -> tuple[float, float]:
    """Return the point's position in pixels from the frame's north-west corner."""
    x = (math.radians(lon) - math.radians(frame.lon[0])) * scale
    y = (mercator_y(frame.lat[1]) - mercator_y(lat)) * scale
    return x, y


def to_degrees(x: float, y: float, frame: Frame, scale: float) -> tuple[float, float]:
    """Return the (longitude, latitude) in degrees of a pixel position (inverse of `to_pixels`)."""
    lon = math.degrees(math.radians(frame.lon[0]) + x / scale)
    lat = mercator_lat(mercator_y(frame.lat[1]) - y / scale)
    return lon, lat


@dataclass(frozen=True)
class Placed:
    """Where a marker is drawn (degrees); `moved` when that is away from its true point."""

    key: str
    lon: float
    lat: float
    moved: bool
    cluster: str | None = None  # key of the first member, where drawn as one numbered marker


def _components(count: int, links: Iterable[Sequence[int]]) -> list[list[int]]:
    """Return the indices 0 .. count - 1 grouped so that the members of every link share a group,
    each group in ascending order, the groups sorted."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        for j in link[1:]:
            parent[root(j)] = root(link[0])
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values())


def _groups_of(points: Sequence[tuple[float, float]], gap: float) -> list[list[int]]:
    """Return the indices of `points` joined wherever two lie closer than `gap` (single link)."""
    pairs = itertools.combinations(range(len(points)), 2)
    return _components(
        len(points), [(i, j) for i, j in pairs if math.dist(points[i], points[j]) < gap]
    )


def ring_radius(count: int, gap: float) -> float:
    """Return the radius (pixels) of a ring of `count` markers `gap` apart."""
    return max(gap / (2 * math.sin(math.pi / count)), gap * 0.6) if count > 1 else 0.0


def _ring(
    members: list[int], anchors: Sequence[tuple[float, float]], gap: float
) -> dict[int, tuple[float, float]]:
    """Return ring positions (pixels) for a group: around the members' centre, one `gap` apart,
    each member in the slot that follows the direction of its true point from the centre."""
    n = len(members)
    cx = sum(anchors[i][0] for i in members) / n
    cy = sum(anchors[i][1] for i in members) / n
    if n == 1:
        return {members[0]: anchors[members[0]]}
    radius = ring_radius(n, gap)
    ordered = sorted(
        members,
        key=lambda i: (
            round(math.atan2(anchors[i][1] - cy, anchors[i][0] - cx), 6)
            if math.hypot(anchors[i][0] - cx, anchors[i][1] - cy) > 0.5
            else -math.pi,
            i,
        ),
    )
    start = -math.pi / 2
    return {
        member: (
            cx + radius * math.cos(start + 2 * math.pi * slot / n),
            cy + radius * math.sin(start + 2 * math.pi * slot / n),
        )
        for slot, member in enumerate(ordered)
    }


def spread_markers(
    points: Sequence[tuple[str, float, float]],
    frame: Frame,
    scale: float,
    gap: float = MARKER_GAP_PX,
    max_ring: float = MAX_RING_RADIUS_PX,
) -> list[Placed]:
    """Spread markers that would overlap on screen around their common centre.

    Markers closer than `gap` pixels form a group drawn as a ring around the group's centre;
    a group too large for a ring of radius `max_ring` is drawn as one numbered marker (a
    cluster) at its centre instead. Rings and clusters that then touch other markers merge with
    them and are drawn again, until every two markers are at least `gap` apart. The result
    depends only on the input (same order, same positions), so a view always looks the same.

    `points` are (unique key, longitude, latitude) in degrees, `scale` pixels per radian (see
    `px_per_radian`), `gap` the least distance in pixels between two markers' centres. Returns
    one `Placed` per point, in input order.
    """
    anchors = [to_pixels(lon, lat, frame, scale) for _, lon, lat in points]
    groups = _groups_of(anchors, gap)
    drawn: dict[int, tuple[float, float]] = {}
    clustered: dict[int, str] = {}
    for _ in range(len(points) + 1):
        drawn = {}
        clustered = {}
        for members in groups:
            if ring_radius(len(members), gap) <= max_ring:
                drawn.update(_ring(members, anchors, gap))
                continue
            centre = (
                sum(anchors[i][0] for i in members) / len(members),
                sum(anchors[i][1] for i in members) / len(members),
            )
            drawn.update(dict.fromkeys(members, centre))
            clustered.update(dict.fromkeys(members, points[members[0]][0]))
        positions = [drawn[i] for i in range(len(points))]
        merged = _merge_touching(groups, positions, gap)
        if len(merged) == len(groups):
            break
        groups = merged
    placed = []
    for i, (key, lon, lat) in enumerate(points):
        x, y = drawn[i]
        shown_lon, shown_lat = to_degrees(x, y, frame, scale)
        shifted = math.hypot(x - anchors[i][0], y - anchors[i][1]) > 0.5
        moved = shifted and i not in clustered
        placed.append(
            Placed(
                key=key,
                lon=shown_lon if shifted or i in clustered else lon,
                lat=shown_lat if shifted or i in clustered else lat,
                moved=moved,
                cluster=clustered.get(i),
            )
        )
    return placed


def _merge_touching(
    groups: list[list[int]], positions: Sequence[tuple[float, float]], gap: float
) -> list[list[int]]:
    """Return `groups` with any two merged whose drawn markers lie closer than `gap`."""
    return _components(len(positions), [*groups, *_groups_of(positions, gap - 1e-6)])


@dataclass(frozen=True)
class LabelSpot:
    """Where a name is drawn: the centre of its text, in degrees."""

    key: str
    lon: float
    lat: float


def place_labels(
    labels: Sequence[tuple[str, float, float, float, float]],
    markers: Sequence[tuple[float, float]],
    frame: Frame,
    scale: float,
    marker_radius: float = MARKER_GAP_PX / 2,
) -> list[LabelSpot]:
    """Place names so that none overlaps another, covers a marker or leaves the map.

    Each name tries its own point first, then spots above, below, left and right of it, a
    little and then farther away; a name with no free spot is left out.

    `labels` are (key, longitude, latitude, width px, height px) in priority order, `markers`
    (longitude, latitude) of every marker drawn, `frame` of the chart's shape (see `fit_frame`),
    `marker_radius` the pixels around a marker a name keeps clear of. Returns the names placed,
    in input order.
    """
    dots = [to_pixels(lon, lat, frame, scale) for lon, lat in markers]
    width_px = math.radians(frame.lon[1] - frame.lon[0]) * scale
    height_px = (mercator_y(frame.lat[1]) - mercator_y(frame.lat[0])) * scale
    taken: list[tuple[float, float, float, float]] = []
    spots = []
    steps = [(0, 0), (0, -1), (0, 1), (-1, 0), (1, 0), (0, -2), (0, 2), (-1, -1), (1, -1),
             (-1, 1), (1, 1), (-2, 0), (2, 0), (0, -3), (0, 3)]  # fmt: skip
    for key, lon, lat, width, height in labels:
        x, y = to_pixels(lon, lat, frame, scale)
        for sx, sy in steps:
            cx, cy = x + sx * width * 0.6, y + sy * height * 1.3
            rect = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if rect[0] < 2 or rect[1] < 2 or rect[2] > width_px - 2 or rect[3] > height_px - 2:
                continue
            if any(_rects_meet(rect, other) for other in taken):
                continue
            if any(_rect_meets_circle(rect, dot, marker_radius) for dot in dots):
                continue
            taken.append(rect)
            spot_lon, spot_lat = to_degrees(cx, cy, frame, scale)
            spots.append(LabelSpot(key=key, lon=spot_lon, lat=spot_lat))
            break
    return spots


def _rects_meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two rectangles (x0, y0, x1, y1), each grown by the clearance, overlap."""
    pad = LABEL_CLEARANCE_PX
    return a[0] - pad < b[2] and b[0] - pad < a[2] and a[1] - pad < b[3] and b[1] - pad < a[3]


def _rect_meets_circle(
    rect: tuple[float, float, float, float], centre: tuple[float, float], radius: float
) -> bool:
    """Whether a rectangle (x0, y0, x1, y1) and a circle overlap."""
    nearest_x = min(max(centre[0], rect[0]), rect[2])
    nearest_y = min(max(centre[1], rect[1]), rect[3])
    return math.hypot(centre[0] - nearest_x, centre[1] - nearest_y) < radius


def densify(segment: Sequence[tuple[float, float]], step_deg: float) -> list[tuple[float, float]]:
    """Return points along a polyline (degrees) no farther apart than `step_deg`, ends included."""
    if not segment:
        return []
    dense = [segment[0]]
    for (lon0, lat0), (lon1, lat1) in itertools.pairwise(segment):
        pieces = max(1, math.ceil(math.hypot(lon1 - lon0, lat1 - lat0) / step_deg))
        dense += [
            (lon0 + (lon1 - lon0) * k / pieces, lat0 + (lat1 - lat0) * k / pieces)
            for k in range(1, pieces + 1)
        ]
    return dense


def smallest_view_containing(points: Sequence[tuple[float, float]]) -> str:
    """Return the named view of least area that shows every point (degrees), else the region."""

    def area(frame: Frame) -> float:
        return (frame.lon[1] - frame.lon[0]) * (frame.lat[1] - frame.lat[0])

    fitting = [
        (area(frame), view)
        for view, frame in VIEWS.items()
        if points and all(frame.contains(lon, lat) for lon, lat in points)
    ]
    return min(fitting)[1] if fitting else DEFAULT_VIEW


@dataclass(frozen=True)
class MapView:
    """What part of the map a figure shows: a named view, zoomed and moved in whole steps, for a
    wide (desktop) or a narrow (phone) chart."""

    name: str = DEFAULT_VIEW
    narrow: bool = False
    zoom: int = 0
    pan_x: int = 0
    pan_y: int = 0
    centre: tuple[float, float] | None = None

    @property
    def box(self) -> Box:
        """The map's area on screen, in pixels."""
        return NARROW_BOX if self.narrow else WIDE_BOX

    def frame(self) -> Frame:
        """The longitude and latitude ranges drawn, of the box's shape."""
        fitted = fit_frame(VIEWS.get(self.name, VIEWS[DEFAULT_VIEW]), self.box)
        return zoomed_frame(fitted, self.zoom, self.pan_x, self.pan_y, self.centre)

    def layout_scale(self) -> float:
        """Pixels per radian used to keep markers and names apart: the smallest the chart is
        expected to show (a narrow phone, or the narrowest desktop window)."""
        frame = self.frame()
        if self.narrow:
            return px_per_radian(frame, self.box)
        return px_per_radian(frame, Box(WIDE_LAYOUT_WIDTH, self.box.height))


def marker_positions(projects: pd.DataFrame, routes: pd.DataFrame, view: MapView) -> pd.DataFrame:
    """Return where each project's marker is drawn in `view`, spread so none hides another.

    Returns the columns of `projects.map_positions` (true point) plus shown_lon, shown_lat
    (where the marker is drawn, degrees), moved (bool: drawn away from its true point, joined to
    it by a leader line) and cluster (the key of its cluster's first member where it is drawn
    inside one numbered marker, else None).
    """
    placed = map_positions(projects, routes)
    points = placed[["project_id", "longitude", "latitude"]].itertuples(index=False, name=None)
    spots = spread_markers(list(points), view.frame(), view.layout_scale())
    return placed.assign(
        shown_lon=[spot.lon for spot in spots],
        shown_lat=[spot.lat for spot in spots],
        moved=[spot.moved for spot in spots],
        cluster=pd.Series([spot.cluster for spot in spots], index=placed.index, dtype="object"),
    ).astype({"shown_lon": "float64", "shown_lat": "float64", "moved": "bool"})


def view_for_project(project_id: str, projects: pd.DataFrame, routes: pd.DataFrame) -> str:
    """Return the smallest named view that shows the project's marker and its whole route."""
    own_route = routes[routes["project_id"] == project_id]
    marker = map_positions(projects[projects["project_id"] == project_id], routes)
    points = pd.concat([own_route, marker])[["longitude", "latitude"]].astype(float)
    return smallest_view_containing(list(points.itertuples(index=False, name=None)))
