"""Exports: bytes are what they claim, images have the asked size, CSVs are safe for Excel."""

from __future__ import annotations

import io
import json
import struct
import threading
import time
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.export import (
    MAX_WAITING_EXPORTS,
    ExportBusy,
    ImageRenderer,
    figure_html,
    frame_csv,
    package_readme,
    parameters_json,
    safe_filename,
    with_attribution,
)
from ca_trade.i18n import language
from ca_trade.paths import PROJECT_ROOT
from ca_trade.scenario import ScenarioParams


@pytest.fixture(scope="module")
def renderer() -> ImageRenderer:
    return ImageRenderer()


def png_size(image: bytes) -> tuple[int, int]:
    """Return (width, height) in pixels from a PNG's IHDR chunk."""
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", image[16:24])
    return width, height


def bar(value: float) -> go.Figure:
    return go.Figure(go.Bar(x=["a"], y=[value]), layout={"title": {"text": f"value {value}"}})


@pytest.mark.chromium
def test_png_has_signature_and_requested_size(renderer: ImageRenderer) -> None:
    image = renderer.render(bar(1), "png", width=600, height=400)
    assert png_size(image) == (1200, 800)  # rendered at twice the pixel size for print


@pytest.mark.chromium
def test_svg_and_pdf_are_what_they_claim(renderer: ImageRenderer) -> None:
    svg = renderer.render(bar(1), "svg", width=600, height=400)
    assert b"<svg" in svg[:500]
    assert b'width="600"' in svg[:2000]
    pdf = renderer.render(bar(1), "pdf", width=600, height=400)
    assert pdf.startswith(b"%PDF")


@pytest.mark.chromium
def test_concurrent_exports_each_get_their_own_image() -> None:
    values = [float(v) for v in range(1, 9)]
    renderer = ImageRenderer(max_waiting=len(values))
    with ThreadPoolExecutor(max_workers=8) as pool:
        images = list(pool.map(lambda v: renderer.render(bar(v), "svg", 400, 300), values))
    for value, image in zip(values, images, strict=True):
        assert f"value {value}".encode() in image


def test_exports_past_the_queue_bound_are_refused_at_once() -> None:
    """A burst holds at most MAX_WAITING_EXPORTS + 1 threads; the rest are told to retry."""
    release = threading.Event()
    drawing = threading.Semaphore(0)

    def slow_draw(figure: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
        drawing.release()
        release.wait(timeout=10)
        return str(options["format"]).encode()

    renderer = ImageRenderer(draw=slow_draw)
    capacity = MAX_WAITING_EXPORTS + 1
    with ThreadPoolExecutor(max_workers=capacity) as pool:
        held = [pool.submit(renderer.render, bar(v), "png") for v in range(capacity)]
        for _ in range(capacity):
            assert drawing.acquire(timeout=10)
        assert renderer.busy
        started = time.monotonic()
        with pytest.raises(ExportBusy, match=r"busy making other images\. Try again"):
            renderer.render(bar(0), "svg")
        assert time.monotonic() - started < 0.5
        release.set()
        assert [future.result(timeout=10) for future in held] == [b"png"] * capacity
    assert not renderer.busy
    assert renderer.render(bar(0), "pdf") == b"pdf"  # the queue is free again


def test_busy_message_is_in_the_users_language() -> None:
    def always_busy(figure: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
        raise AssertionError("a full queue never draws")

    renderer = ImageRenderer(max_waiting=-1, draw=always_busy)
    with language("ru"), pytest.raises(ExportBusy, match="Сервер занят"):
        renderer.render(bar(0), "png")


def test_export_threads_leave_other_threads_warning_filters_alone() -> None:
    """Warning filters are one list for the process: an export that saved and restored them
    around its call would undo what another thread set meanwhile, or leak its own filter."""
    other_thread_inside = threading.Event()
    export_done = threading.Event()

    def draw(figure: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
        assert other_thread_inside.wait(timeout=10)
        return b"image"

    renderer = ImageRenderer(draw=draw)
    before = list(warnings.filters)
    with ThreadPoolExecutor(max_workers=1) as pool:
        export = pool.submit(renderer.render, bar(1), "png")
        export.add_done_callback(lambda _: export_done.set())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            other_thread_inside.set()
            assert export_done.wait(timeout=10)
        assert export.result() == b"image"
    assert warnings.filters == before


@pytest.mark.chromium
def test_map_export_contains_the_basemap_offline(renderer: ImageRenderer) -> None:
    figure = go.Figure(go.Choropleth(locations=["KAZ", "UZB"], z=[1, 2], locationmode="ISO-3"))
    figure.update_geos(scope="asia", resolution=50, showcountries=True, fitbounds="locations")
    svg = renderer.render(figure, "svg", 600, 400).decode("utf-8")
    # Country outlines come from the vendored basemap: without it the geo layer is empty.
    assert svg.count('class="choroplethlocation"') == 2
    assert "countries" in svg


def test_attribution_adds_source_and_date() -> None:
    framed = with_attribution(bar(1), "Kazinform", date(2026, 11, 28))
    texts = [a.text for a in framed.layout.annotations]
    assert any("Kazinform" in text and "2026-11-28" in text for text in texts)
    assert not bar(1).layout.annotations  # the original is untouched


def test_html_is_self_contained_and_inlines_the_basemap() -> None:
    figure = go.Figure(go.Scattergeo(lon=[69.8], lat=[38.7]))
    figure.update_geos(scope="asia", resolution=50)
    html = figure_html(figure).decode("utf-8")
    assert "cdn.plot.ly" not in html.split("PlotlyGeoAssets")[0]
    assert '"asia_50m":{"type":"Topology"' in html.replace(" ", "")
    assert "<script src=" not in html


def test_csv_escapes_formulas_and_keeps_numbers_and_cyrillic() -> None:
    frame = pd.DataFrame(
        {"name": ["=HYPERLINK(1)", "+cmd", "@x", "Казахстан", "-3"], "value": [1.5, -2, 3, 4, 5]}
    )
    text = frame_csv(frame)
    assert text.startswith(b"\xef\xbb\xbf")
    rows = pd.read_csv(io.BytesIO(text), encoding="utf-8-sig")
    assert rows["name"].tolist() == ["'=HYPERLINK(1)", "'+cmd", "'@x", "Казахстан", "-3"]
    assert rows["value"].tolist() == [1.5, -2, 3, 4, 5]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Trade matrix 2023", "trade-matrix-2023.csv"),
        ("../../etc/passwd", "etc-passwd.csv"),
        ("Торговля 2023", "2023.csv"),
        ("", "chart.csv"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, "csv") == expected


def test_package_readme_names_files_citation_and_licence() -> None:
    descriptor = json.loads(
        (PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")
    )
    readme = package_readme(descriptor, date(2026, 11, 28))
    for expected in (
        "`trade_totals.csv`",
        "How to cite",
        "Creative Commons Attribution 4.0",
        "2026-11-28",
        "sources.csv",
    ):
        assert expected in readme


def test_parameters_json_round_trips_a_scenario() -> None:
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        disabled_types=frozenset({"rail", "gas"}),
        assumption_overrides={"hydro.generation_full.rogun_hpp": 15.0},
    )
    fields = json.loads(parameters_json(params))
    assert fields["growth"] == 0.05
    assert fields["disabled_types"] == ["gas", "rail"]
    assert fields["assumption_overrides"] == {"hydro.generation_full.rogun_hpp": 15.0}
