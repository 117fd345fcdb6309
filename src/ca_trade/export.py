"""Figures and frames to downloadable bytes: PNG, SVG, PDF, HTML, CSV and the data zip.

Images are rendered by kaleido in the system Chromium. One renderer is started per process
and kept warm; calls go through a lock, since the renderer is not thread-safe (concurrent
callers can receive each other's images), and a bounded queue (`ExportBusy` past it).
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
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go

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


class ExportBusy(RuntimeError):
    """The image queue is full; `str()` is the message for the user (try again shortly)."""


# Deferred downloads run on the server's small shared thread pool: a bounded queue keeps
# image exports from occupying all of it (other users' downloads and tables use it too).
MAX_WAITING_EXPORTS = 3
Draw = Callable[[Mapping[str, Any], Mapping[str, Any]], bytes]


# The process has one kaleido browser (a singleton in kaleido), which is not thread-safe.
_kaleido_lock = threading.Lock()


@cache
def _start_kaleido() -> None:
    """Start the process's kaleido browser once and close it before the interpreter exits."""
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    # Close the browser before the interpreter removes its profile folder.
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)


def draw_with_kaleido(figure: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """Draw a figure dict with the warm kaleido browser, one call at a time in the process.

    kaleido is called directly, not through `figure.to_image`, so no warning filters (state
    shared by every thread of the process) need changing around the call.
    """
    import kaleido

    with _kaleido_lock:
        _start_kaleido()
        # Basemap files from the repository: maps render with no network.
        image: bytes = kaleido.calc_fig_sync(
            dict(figure), opts=dict(options), topojson=TOPOJSON_DIR.as_uri() + "/"
        )
    return image


class ImageRenderer:
    """Image exports for every session of the process, through a bounded queue.

    At most `max_waiting` calls wait behind the one being drawn; a call beyond that raises
    `ExportBusy` at once instead of holding a server thread.
    """

    def __init__(
        self, max_waiting: int = MAX_WAITING_EXPORTS, draw: Draw = draw_with_kaleido
    ) -> None:
        self._count_lock = threading.Lock()
        self._capacity = max_waiting + 1
        self._queued = 0
        self._draw = draw

    @property
    def busy(self) -> bool:
        """Whether a call now would be refused with `ExportBusy`."""
        with self._count_lock:
            return self._queued >= self._capacity

    def render(
        self,
        figure: go.Figure,
        image_format: ImageFormat,
        width: int = IMAGE_WIDTH_PX,
        height: int = IMAGE_HEIGHT_PX,
    ) -> bytes:
        """Render `figure` as PNG (at twice the pixel size), SVG or PDF of `width` x `height` px.

        Raises:
            ExportBusy: the queue is full.
        """
        with self._count_lock:
            if self._queued >= self._capacity:
                raise ExportBusy(
                    t("The server is busy making other images. Try again in a minute.")
                )
            self._queued += 1
        try:
            options = {
                "format": image_format,
                "width": width,
                "height": height,
                "scale": PNG_SCALE if image_format == "png" else 1,
            }
            return self._draw(figure.to_dict(), options)
        finally:
            with self._count_lock:
                self._queued -= 1


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
    title = descriptor.get("title", descriptor.get("name", ""))
    return f"""# {title}

{descriptor.get("description", "")}

## Files

{files}

`datapackage.json` describes every file (fields, units, constraints, links between files)
as a Frictionless Data Package: `frictionless validate datapackage.json` checks it.

## How to cite

Central Asia Trade Target data package, version {descriptor.get("version", "")}, \
downloaded {as_of.isoformat()}. Cite the original source of each figure as well: \
every row names its `source_id`, listed with its URL in `sources.csv`.

## Licence

{licences}. The figures themselves are facts reported by the sources named in `sources.csv`.
"""


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
