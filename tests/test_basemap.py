"""The projects map's basemap: built from the vendored source by scripts/basemap.py, cut to a box
that holds every named view, with the seas of the world ocean rebuilt inside it."""

from __future__ import annotations

import json
from types import ModuleType

import pytest

from ca_trade.charts.projects_map_layout import VIEWS, MapView
from ca_trade.paths import TOPOJSON_DIR
from tests.scripts import load_script


@pytest.fixture(scope="module")
def basemap() -> ModuleType:
    return load_script("basemap")


def test_the_served_basemap_is_what_the_script_builds(basemap: ModuleType) -> None:
    assert (TOPOJSON_DIR / "asia_50m.json").read_text(encoding="utf-8") == basemap.built_text()
    assert basemap.main(["--check"]) == 0


def test_every_named_view_lies_inside_the_basemap() -> None:
    served = json.loads((TOPOJSON_DIR / "asia_50m.json").read_text(encoding="utf-8"))
    west, south, east, north = served["bbox"]
    assert (west, south, east, north) == (31, 17, 103, 63.75)
    for name in VIEWS:
        for narrow in (False, True):
            frame = MapView(name, narrow).frame()
            assert west < frame.lon[0] < frame.lon[1] < east, (name, narrow)
            assert south < frame.lat[0] < frame.lat[1] < north, (name, narrow)


def test_only_the_layers_the_map_draws_are_kept(basemap: ModuleType) -> None:
    served = json.loads((TOPOJSON_DIR / "asia_50m.json").read_text(encoding="utf-8"))
    kept = {name for name, layer in served["objects"].items() if layer["geometries"]}
    assert kept == set(basemap.DRAWN) == {"ocean", "land", "lakes", "countries", "coastlines"}
    countries = {g.get("id") for g in served["objects"]["countries"]["geometries"]}
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "IRN", "CHN"} <= countries


def test_a_hole_across_the_box_leaves_the_rest_as_one_clockwise_ring(
    basemap: ModuleType,
) -> None:
    box = basemap.Frame((0.0, 10.0), (0.0, 10.0))
    # Land over the northern half and beyond, wound anticlockwise as a hole.
    hole = [(-5.0, 5.0), (15.0, 5.0), (15.0, 20.0), (-5.0, 20.0), (-5.0, 5.0)]
    (sea,) = basemap.outside_rings([hole], box)
    assert sea[0] == sea[-1]
    assert basemap._area(sea[:-1]) == pytest.approx(-2 * 50.0)  # clockwise: d3's inside
    assert set(sea) >= {(0.0, 5.0), (10.0, 5.0), (0.0, 0.0), (10.0, 0.0)}
    assert all(0 <= x <= 10 and 0 <= y <= 5 for x, y in sea)
    # A strip of the same land crossing the box to the south splits the sea in two.
    strip = [(-5, 5), (3, 5), (3, -1), (6, -1), (6, 5), (15, 5), (15, 20), (-5, 20), (-5, 5)]
    seas = basemap.outside_rings([[(float(x), float(y)) for x, y in strip]], box)
    assert sorted(round(basemap._area(s[:-1]), 6) for s in seas) == [-2 * 20.0, -2 * 15.0]
