"""Download rows under charts and tables: files are rendered on the server only when clicked."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date
from typing import TypeAlias, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse, DeferredFileResponsePayload
from streamlit.runtime.backend_operation_handler import DeferredFileHandler

from ca_trade.export import (
    ExportBusy,
    ImageFormat,
    ImageRenderer,
    chromium_path,
    figure_html,
    frame_csv,
    safe_filename,
    with_attribution,
)
from ca_trade.i18n import current_language, language, t
from ca_trade.ui.common import small_markdown

_IMAGE_MIME: dict[ImageFormat, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}


_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def image_renderer() -> ImageRenderer:
    """The process's one warm image renderer, shared by all sessions."""
    return ImageRenderer()


async def _make_file(
    self: DeferredFileHandler, request: BackendOperationRequest, session_id: str
) -> BackendOperationResponse:
    """Streamlit's handling of a download click, except that a click refused because the image
    queue is full shows its `ExportBusy` message (try again) under the button, in the user's
    language, where Streamlit would show "Failed to generate file for download"."""
    del session_id
    file_id = request.deferred_file.file_id
    try:
        url = await asyncio.to_thread(self._get_media_file_mgr().execute_deferred, file_id)
    except Exception as error:
        if isinstance(error.__cause__, ExportBusy):
            message = str(error.__cause__)
        else:
            _log.exception("The file of download %s could not be made", file_id)
            message = "Failed to generate file for download"
        return BackendOperationResponse(request_id=request.request_id, error_msg=message)
    return BackendOperationResponse(
        request_id=request.request_id, deferred_file=DeferredFileResponsePayload(url=url)
    )


DeferredFileHandler.handle = _make_file  # type: ignore[method-assign]


ChartFigure: TypeAlias = go.Figure | Callable[[], go.Figure]

Shown = TypeVar("Shown", go.Figure, pd.DataFrame)


def _now(shown: Shown | Callable[[], Shown]) -> Shown:
    """The figure or table itself, made now if it was passed as a function (made on click)."""
    return shown() if callable(shown) else shown


def _file_builder(
    figure: ChartFigure, sources: str, file_format: ImageFormat | str
) -> Callable[[], bytes]:
    """Return a builder of one export file, run in this run's language when the user clicks.

    Clicks are served on another thread, so the language is carried over explicitly.
    """
    lang = current_language()

    def build() -> bytes:
        with language(lang):
            stamped = with_attribution(_now(figure), sources, date.today())
            if file_format == "html":
                return figure_html(stamped)
            return image_renderer().render(stamped, _image_format(file_format))

    return build


def images_unavailable() -> str:
    """Say that image files cannot be made on this server, what works instead, how to enable."""
    return t(
        "PNG, SVG and PDF files are made on the server with Chromium, which is not installed "
        "here. The HTML and CSV files and the camera button on the chart work without it. "
        "To enable them, install Chromium (Debian: `apt-get install chromium`) or set "
        "`BROWSER_PATH` to a Chromium or Chrome program, then restart the app."
    )


def _image_format(name: str) -> ImageFormat:
    """Narrow a format name to an image format."""
    for image_format in _IMAGE_MIME:
        if image_format == name:
            return image_format
    raise ValueError(f"not an image format: {name}")


ChartData = pd.DataFrame | Callable[[], pd.DataFrame]


def chart_downloads(
    figure: ChartFigure, title: str, data: ChartData, sources: str, key: str
) -> None:
    """Show PNG, SVG, PDF, HTML and CSV downloads for one chart and the data behind it.

    Args:
        figure: the chart as shown on screen, or a function returning it (called on click).
        title: the chart's title, which names the files.
        data: the values the chart shows, for the CSV, or a function returning them (called on
            click only).
        sources: the source line printed under exported images.
        key: unique widget key prefix.
    """
    with st.popover(t("Download"), icon=":material/download:"):
        if chromium_path() is None:
            small_markdown(images_unavailable())
        elif image_renderer().busy:
            small_markdown(t("The server is busy making other images. Try again in a minute."))
        else:
            for image_format, mime in _IMAGE_MIME.items():
                st.download_button(
                    image_format.upper(),
                    data=_file_builder(figure, sources, image_format),
                    file_name=safe_filename(title, image_format),
                    mime=mime,
                    key=f"{key}_{image_format}",
                    on_click="ignore",
                    width="stretch",
                )
        st.download_button(
            t("HTML (interactive)"),
            data=_file_builder(figure, sources, "html"),
            file_name=safe_filename(title, "html"),
            mime="text/html",
            key=f"{key}_html",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            t("Data (CSV)"),
            data=lambda: frame_csv(_now(data)),
            file_name=safe_filename(title, "csv"),
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            width="stretch",
        )
