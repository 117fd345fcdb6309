"""Figures and frames to downloadable bytes: PNG, SVG, PDF, HTML, CSV and the data zip.

Images are rendered by kaleido in the system Chromium. One renderer is started per process
and kept warm; calls go through a lock, since the renderer is not thread-safe (concurrent
callers can receive each other's images).
"""

from __future__ import annotations

import atexit
import dataclasses
import io
import json
import os
import re
import shutil
import threading
import unicodedata
import warnings
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ca_trade.data import package_files
from ca_trade.i18n import t
from ca_trade.paths import TOPOJSON_DIR

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_WIDTH_PX = 1200
IMAGE_HEIGHT_PX = 700
PNG_SCALE = 2
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def chromium_path() -> str | None:
    """Return the Chromium kaleido will use ($BROWSER_PATH first), or None where none is installed."""
    return (
        os.environ.get("BROWSER_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


class ImageRenderer:
    """A warm kaleido renderer shared by every session of the process, one call at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = False

    def _start(self) -> None:
        import kaleido

        # Basemap files from the repository: maps render with no network.
        pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        # Close the browser before the interpreter removes its profile folder.
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        self._started = True

    def render(
        self,
        figure: go.Figure,
        image_format: ImageFormat,
        width: int = IMAGE_WIDTH_PX,
        height: int = IMAGE_HEIGHT_PX,
    ) -> bytes:
        """Render `figure` as PNG (at twice the pixel size), SVG or PDF of `width` x `height` px."""
        scale = PNG_SCALE if image_format == "png" else 1
        with self._lock, warnings.catch_warnings():
            # plotly passes browser options that a running server already has: harmless.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            if not self._started:
                self._start()
            image: bytes = figure.to_image(
                format=image_format, width=width, height=height, scale=scale
            )
        return image


def with_attribution(figure: go.Figure, source_line: str, as_of: date) -> go.Figure:
    """Return a copy of `figure` with a source line and the date, so it stands alone in a report."""
    framed = go.Figure(figure)
    note = t(
        "Source: {sources}. Central Asia Trade Target, {date}.",
        sources=source_line,
        date=as_of.isoformat(),
    )
    bottom = max(int(framed.layout.margin.b or 0), 90)
    framed.add_annotation(
        text=note,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-bottom + 12,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        align="left",
        font={"size": 10, "color": "#6B6F7B"},
    )
    framed.update_layout(margin={"b": bottom})
    return framed


def _basemap_names(figure: go.Figure) -> list[str]:
    """Return the basemap files (e.g. 'asia_50m') plotly.js would fetch to draw `figure`."""
    if not any(trace.type in {"scattergeo", "choropleth"} for trace in figure.data):
        return []
    geo = figure.layout.geo
    return [f"{geo.scope or 'world'}_{int(geo.resolution or 110)}m"]


def figure_html(figure: go.Figure) -> bytes:
    """Return a self-contained interactive HTML page: plotly.js and any basemap are inlined.

    plotly.js looks in `window.PlotlyGeoAssets.topojson` before fetching a basemap, so a map
    in the file draws with no network.
    """
    html: str = figure.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    basemaps = ",".join(
        f'"{name}":' + (TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8")
        for name in _basemap_names(figure)
    )
    if basemaps:
        assets = f"<script>window.PlotlyGeoAssets={{topojson:{{{basemaps}}}}};</script>"
        html = html.replace("<head>", "<head>" + assets, 1)
    return html.encode("utf-8")


_TRACE_COLUMNS = ("x", "y", "z", "lon", "lat", "locations", "labels", "values", "text")


def figure_data(figure: go.Figure) -> pd.DataFrame:
    """Return the values a figure plots, one row per point, with the trace's name.

    A generic fallback for a chart's CSV where the page has no tidier frame at hand.
    """
    parts: list[pd.DataFrame] = []
    for index, trace in enumerate(figure.data):
        columns = {
            name: list(trace[name])
            for name in _TRACE_COLUMNS
            if name in trace and trace[name] is not None and not isinstance(trace[name], str)
        }
        lengths = {len(v) for v in columns.values()}
        if len(lengths) != 1:
            continue
        part = pd.DataFrame(columns).dropna(how="all")
        part.insert(0, "series", trace.name or f"trace {index + 1}")
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"series": []})


def _escape_cell(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula; numbers stay numbers."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_PREFIXES)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Return `frame` as CSV that Excel opens correctly (UTF-8 with BOM), formulas escaped."""
    escaped = frame.map(_escape_cell)
    return escaped.to_csv(index=False).encode("utf-8-sig")


def safe_filename(title: str, extension: str) -> str:
    """Return a portable file name from a title: ASCII letters, digits, '-' and '_' only."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:80] or "chart"
    return f"{stem}.{extension.lstrip('.')}"


def parameters_json(parameters: Any) -> bytes:
    """Return a dataclass of parameters (e.g. ScenarioParams) as indented JSON; sets sorted."""

    def plain(value: Any) -> Any:
        if isinstance(value, set | frozenset):
            return sorted(value)
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in sorted(value.items())}
        return value

    fields = {
        field.name: plain(getattr(parameters, field.name))
        for field in dataclasses.fields(parameters)
    }
    return json.dumps(fields, indent=2, ensure_ascii=False).encode("utf-8")


def package_readme(descriptor: Mapping[str, Any], as_of: date) -> str:
    """Return the README of the data download: what each file holds, how to cite, the licence."""
    licences = ", ".join(
        f"{item.get('title', item['name'])} ({item.get('path', '')})"
        for item in descriptor.get("licenses", [])
    )
    files = "\n".join(
        f"- `{r['path']}`: {r.get('description', '')}" for r in descriptor["resources"]
    )
    return "\n".join(
        [
            f"# {descriptor.get('title', descriptor.get('name', ''))}",
            "",
            descriptor.get("description", ""),
            "",
            "## Files",
            "",
            files,
            "",
            "`datapackage.json` describes every file (fields, units, constraints, links between files)",
            "as a Frictionless Data Package: `frictionless validate datapackage.json` checks it.",
            "",
            "## How to cite",
            "",
            f"Central Asia Trade Target data package, version {descriptor.get('version', '')}, "
            f"downloaded {as_of.isoformat()}. Cite the original source of each figure as well: "
            "every row names its `source_id`, listed with its URL in `sources.csv`.",
            "",
            "## Licence",
            "",
            f"{licences}. The figures themselves are facts reported by the sources named in `sources.csv`.",
            "",
        ]
    )


def data_zip(folder: Path, readme: str) -> bytes:
    """Return a zip of the data package in `folder` and `readme`: datapackage.json and the files
    it describes, nothing else that happens to be in the folder.

    Raises:
        DataError: the descriptor is malformed or a resource leaves the folder.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in sorted(package_files(folder).items()):
            archive.write(path, arcname=name)
        archive.writestr("README.md", readme)
    return buffer.getvalue()
