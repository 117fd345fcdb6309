"""A download click as Streamlit serves it: the file, or a message under the button."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import plotly.graph_objects as go
import pytest
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest, DeferredFileRequestPayload
from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse
from streamlit.runtime.backend_operation_handler import DeferredFileHandler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ca_trade.export import ImageRenderer
from ca_trade.i18n import language, t
from ca_trade.ui import downloads

BUSY = "The server is busy making other images. Try again in a minute."


def click(build: Callable[[], bytes]) -> BackendOperationResponse:
    """Click a download button whose file `build` makes, as the browser asks for it."""
    files = MediaFileManager(MemoryMediaFileStorage("/media"))
    file_id = files.add_deferred(build, "image/png", "button")
    request = BackendOperationRequest(
        request_id="click", deferred_file=DeferredFileRequestPayload(file_id=file_id)
    )
    return asyncio.run(DeferredFileHandler(lambda: files).handle(request, "session"))


def test_a_click_the_full_image_queue_refuses_says_busy_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(downloads, "image_renderer", lambda: ImageRenderer(max_waiting=-1))
    with language("ru"):
        build = downloads._file_builder(go.Figure(), "a source", "png")
        busy = t(BUSY)
    assert busy != BUSY
    response = click(build)
    assert (response.error_msg, response.HasField("deferred_file")) == (busy, False)


def test_any_other_failure_keeps_streamlits_message_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> bytes:
        raise ValueError("no file")

    with caplog.at_level(logging.ERROR, logger=downloads.__name__):
        response = click(broken)
    assert response.error_msg == "Failed to generate file for download"
    (logged,) = [r for r in caplog.records if r.name == downloads.__name__]
    assert logged.exc_info is not None
    assert isinstance(logged.exc_info[1].__cause__, ValueError)


def test_a_file_made_is_served() -> None:
    response = click(lambda: b"\x89PNG")
    assert response.error_msg == ""
    assert response.deferred_file.url.startswith("/media/")
