"""Map geometry: frames that fill the chart, markers spread apart, names placed clear."""

from __future__ import annotations

import itertools
import math

import pytest

from ca_trade.charts.projects_map import label_width_px
from ca_trade.charts.projects_map_layout import (
    MARKER_GAP_PX,
    NARROW_BOX,
    VIEWS,
    WIDE_BOX,
    Box,
    Frame,
    MapView,
    densify,
    fit_frame,
    marker_positions,
    mercator_lat,
    mercator_y,
    place_labels,
    px_per_radian,
    smallest_view_containing,
    spread_markers,
    to_degrees,
    to_pixels,
    view_for_project,
    zoomed_frame,
)
from ca_trade.data import TradeData
from ca_trade.present.common import country_names
from ca_trade.projects import filter_projects

TASHKENT = (69.28, 41.31)


def shape(frame: Frame) -> float:
    """Width over height of a frame on screen (Mercator)."""
    width = math.radians(frame.lon[1] - frame.lon[0])
    return width / (mercator_y(frame.lat[1]) - mercator_y(frame.lat[0]))


def test_mercator_round_trips() -> None:
    for lat in (-60.0, 0.0, 35.5, 55.0):
        assert mercator_lat(mercator_y(lat)) == pytest.approx(lat)
    frame = VIEWS["region"]
    scale = px_per_radian(frame, WIDE_BOX)
    x, y = to_pixels(*TASHKENT, frame, scale)
    assert to_degrees(x, y, frame, scale) == pytest.approx(TASHKENT)
    assert to_pixels(frame.lon[0], frame.lat[1], frame, scale) == pytest.approx((0, 0))


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("box", [WIDE_BOX, NARROW_BOX])
def test_every_view_is_widened_to_fill_the_box_and_keeps_what_it_must_show(
    view: str, box: Box
) -> None:
    fitted = fit_frame(VIEWS[view], box)
    assert shape(fitted) == pytest.approx(box.width / box.height, rel=1e-3)
    wanted = VIEWS[view]
    assert fitted.lon[0] <= wanted.lon[0] + 1e-3
    assert fitted.lon[1] >= wanted.lon[1] - 1e-3
    assert fitted.lat[0] <= wanted.lat[0] + 1e-3
    assert fitted.lat[1] >= wanted.lat[1] - 1e-3


def test_zoom_and_pan_move_the_frame_in_steps() -> None:
    frame = fit_frame(VIEWS["region"], WIDE_BOX)
    zoomed = zoomed_frame(frame, 2, 0, 0)
    span = frame.lon[1] - frame.lon[0]
    assert zoomed.lon[1] - zoomed.lon[0] == pytest.approx(span / 2.56, abs=1e-3)
    assert shape(zoomed) == pytest.approx(shape(frame), rel=1e-3)
    east = zoomed_frame(frame, 0, 1, 0)
    assert east.lon[0] - frame.lon[0] == pytest.approx(span / 4, abs=1e-3)
    centred = zoomed_frame(frame, 1, 0, 0, centre=TASHKENT)
    assert sum(centred.lon) / 2 == pytest.approx(TASHKENT[0], abs=1e-3)
    assert zoomed_frame(frame, 0, 0, 0) == frame


def test_markers_at_one_place_form_a_ring_and_distant_ones_stay() -> None:
    frame = fit_frame(VIEWS["region"], WIDE_BOX)
    scale = px_per_radian(frame, WIDE_BOX)
    points = [(f"p{i}", *TASHKENT) for i in range(5)] + [("far", 80.4, 44.2)]
    placed = spread_markers(points, frame, scale)
    assert [spot.key for spot in placed] == ["p0", "p1", "p2", "p3", "p4", "far"]
    far = placed[-1]
    assert (far.lon, far.lat, far.moved) == (80.4, 44.2, False)
    ring = [to_pixels(spot.lon, spot.lat, frame, scale) for spot in placed[:5]]
    centre = to_pixels(*TASHKENT, frame, scale)
    radii = [math.dist(point, centre) for point in ring]
    assert max(radii) - min(radii) < 0.01
    assert all(spot.moved and spot.cluster is None for spot in placed[:5])
    gaps = [math.dist(a, b) for a, b in itertools.combinations(ring, 2)]
    assert min(gaps) >= MARKER_GAP_PX - 1e-6
    # The same input draws the same picture.
    assert spread_markers(points, frame, scale) == placed


def test_a_crowd_too_big_for_a_ring_becomes_one_numbered_marker() -> None:
    frame = fit_frame(VIEWS["region"], NARROW_BOX)
    scale = px_per_radian(frame, NARROW_BOX)
    points = [(f"p{i:02}", TASHKENT[0] + i * 0.01, TASHKENT[1]) for i in range(20)]
    placed = spread_markers(points, frame, scale)
    assert {spot.cluster for spot in placed} == {"p00"}
    assert len({(spot.lon, spot.lat) for spot in placed}) == 1
    assert not any(spot.moved for spot in placed)


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("narrow", [False, True])
def test_no_two_bundled_markers_overlap_at_any_view(
    bundled: TradeData, view: str, narrow: bool
) -> None:
    map_view = MapView(name=view, narrow=narrow)
    shown = filter_projects(bundled.projects, year=2026)
    positions = marker_positions(shown, bundled.project_routes, map_view)
    frame = map_view.frame()
    scale = map_view.layout_scale()
    drawn = {
        (row["cluster"] or row["project_id"]): to_pixels(
            row["shown_lon"], row["shown_lat"], frame, scale
        )
        for row in positions.to_dict("records")
    }
    gaps = [math.dist(a, b) for a, b in itertools.combinations(drawn.values(), 2)]
    assert min(gaps) >= MARKER_GAP_PX - 1e-6


def test_names_avoid_markers_and_each_other_or_are_left_out() -> None:
    frame = fit_frame(VIEWS["region"], NARROW_BOX)
    scale = px_per_radian(frame, NARROW_BOX)
    labels = [
        ("UZB", 64.0, 41.5, 90.0, 17.0),
        ("KGZ", 66.0, 41.5, 90.0, 17.0),  # would sit on top of UZB
        ("OUT", 120.0, 41.5, 50.0, 17.0),  # outside the frame
    ]
    spots = place_labels(labels, [(64.0, 41.5)], frame, scale)
    assert [spot.key for spot in spots] == ["UZB", "KGZ"]
    boxes = []
    for spot, (_, _, _, width, height) in zip(spots, labels, strict=False):
        x, y = to_pixels(spot.lon, spot.lat, frame, scale)
        boxes.append((x - width / 2, y - height / 2, x + width / 2, y + height / 2))
        marker = to_pixels(64.0, 41.5, frame, scale)
        nearest = (min(max(marker[0], boxes[-1][0]), boxes[-1][2]),
                   min(max(marker[1], boxes[-1][1]), boxes[-1][3]))  # fmt: skip
        assert math.dist(marker, nearest) >= MARKER_GAP_PX / 2
    (a, b) = boxes
    assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_label_widths_grow_with_the_name(bundled: TradeData) -> None:
    names = country_names(bundled.countries)
    assert label_width_px(names["KGZ"]) > label_width_px("Kyrgyz")


def test_densified_routes_have_no_long_gaps() -> None:
    dense = densify([(63.8, 39.42), (69.6, 42.3), (80.4, 44.2)], 0.25)
    assert dense[0] == (63.8, 39.42)
    assert dense[-1] == pytest.approx((80.4, 44.2))
    steps = [math.dist(a, b) for a, b in itertools.pairwise(dense)]
    assert max(steps) <= 0.25 + 1e-9
    assert densify([], 0.25) == []


def test_zoom_to_picks_the_smallest_view_that_holds_the_project(bundled: TradeData) -> None:
    assert smallest_view_containing([TASHKENT, (72.34, 40.78)]) == "fergana"
    assert smallest_view_containing([(80.4, 44.2)]) == "china_border"
    assert smallest_view_containing([(10.0, 10.0)]) == "region"
    assert smallest_view_containing([]) == "region"
    assert view_for_project("rogun_hpp", bundled.projects, bundled.project_routes) == "TJK"
    assert view_for_project(
        "china_kyrgyzstan_uzbekistan_railway", bundled.projects, bundled.project_routes
    ) in {"KGZ", "china_border", "UZB", "region"}
