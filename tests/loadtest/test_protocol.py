"""The load generator's pure parts: messages it sends and reads, slider moves, statistics."""

from __future__ import annotations

import math
import random

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from loadtest.protocol import (
    PageState,
    Slider,
    next_slider_value,
    origin,
    read_update,
    rerun_request,
    websocket_url,
)
from loadtest.server import is_loopback
from loadtest.stats import Sample, error_counts, percentile, start_offsets, summarise

GROWTH = Slider("$$ID-abc-growth", "growth", minimum=-5.0, maximum=20.0, step=0.1, default=4.5)


def encoded(message: ForwardMsg) -> bytes:
    return bytes(message.SerializeToString())


def test_websocket_url_refuses_what_is_not_http() -> None:
    with pytest.raises(ValueError, match="not an http"):
        websocket_url("ftp://127.0.0.1:8501")


def test_websocket_url_keeps_host_port_and_prefix() -> None:
    assert websocket_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert websocket_url("https://example.org/app/") == "wss://example.org/app/_stcore/stream"
    assert origin("http://127.0.0.1:8080/app/scenario") == "http://127.0.0.1:8080"


def test_only_loopback_is_a_target() -> None:
    assert is_loopback("http://127.0.0.1:8501")
    assert is_loopback("http://localhost:8501")
    assert is_loopback("http://[::1]:8501")
    assert not is_loopback("http://10.0.0.5:8501")
    assert not is_loopback("https://example.org")


def test_first_load_names_the_page_later_runs_send_the_slider() -> None:
    first = BackMsg()
    first.ParseFromString(rerun_request(page_name="scenario"))
    assert first.rerun_script.page_name == "scenario"
    assert first.rerun_script.page_script_hash == ""
    assert list(first.rerun_script.widget_states.widgets) == []

    later = BackMsg()
    later.ParseFromString(
        rerun_request(
            page_hash="h1",
            query_string="growth=5.5",
            widget_values={GROWTH.widget_id: 5.5},
            cached_hashes={"b", "a"},
        )
    )
    state = later.rerun_script
    assert (state.page_script_hash, state.query_string) == ("h1", "growth=5.5")
    assert list(state.cached_message_hashes) == ["a", "b"]
    [widget] = state.widget_states.widgets
    assert widget.id == GROWTH.widget_id
    assert list(widget.double_array_value.data) == [5.5]


def test_a_slider_element_is_remembered_by_its_key() -> None:
    message = ForwardMsg()
    slider = message.delta.new_element.slider
    slider.id = GROWTH.widget_id
    slider.query_param_key = "growth"
    slider.min, slider.max, slider.step = -5.0, 20.0, 0.1
    slider.default.append(4.5)
    state = PageState()
    assert read_update(encoded(message), state).finished is False
    assert state.sliders == {"growth": GROWTH}


def test_navigation_and_page_info_are_remembered() -> None:
    state = PageState()
    navigation = ForwardMsg()
    for path, page_hash in (("", "h0"), ("scenario", "h2")):
        page = navigation.navigation.app_pages.add()
        page.url_pathname, page.page_script_hash = path, page_hash
    navigation.navigation.page_script_hash = "h2"
    read_update(encoded(navigation), state)
    info = ForwardMsg()
    info.page_info_changed.query_string = "growth=6"
    read_update(encoded(info), state)
    assert state.page_hashes == {"": "h0", "scenario": "h2"}
    assert (state.page_hash, state.query_string) == ("h2", "growth=6")


def test_cacheable_messages_are_listed_for_the_next_run() -> None:
    message = ForwardMsg()
    message.hash = "abc"
    message.metadata.cacheable = True
    message.delta.new_element.markdown.body = "x"
    state = PageState()
    read_update(encoded(message), state)
    assert state.cached_hashes == {"abc"}


def test_an_exception_in_the_app_is_an_error() -> None:
    message = ForwardMsg()
    message.delta.new_element.exception.type = "KeyError"
    update = read_update(encoded(message), PageState())
    assert update.error == "exception in the app: KeyError"


def test_only_a_complete_run_ends_the_wait() -> None:
    def finished(status: int) -> ForwardMsg:
        message = ForwardMsg()
        message.script_finished = status  # type: ignore[assignment]
        return message

    state = PageState()
    assert read_update(encoded(finished(ForwardMsg.FINISHED_SUCCESSFULLY)), state).finished
    assert not read_update(encoded(finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN)), state).finished
    compile_error = read_update(encoded(finished(ForwardMsg.FINISHED_WITH_COMPILE_ERROR)), state)
    assert compile_error.finished
    assert compile_error.error == "the page failed to compile"


def test_a_page_that_does_not_exist_is_an_error() -> None:
    message = ForwardMsg()
    message.page_not_found.page_name = "nowhere"
    assert read_update(encoded(message), PageState()).error == "page not found: 'nowhere'"


def test_slider_moves_stay_on_the_grid_inside_the_range_and_always_move() -> None:
    rng = random.Random(1)
    value = GROWTH.default
    for _ in range(500):
        moved = next_slider_value(GROWTH, value, rng)
        assert moved != value
        assert GROWTH.minimum <= moved <= GROWTH.maximum
        assert abs(moved - value) <= 10 * GROWTH.step + 1e-9
        assert math.isclose(round(moved * 10), moved * 10, abs_tol=1e-6)
        value = moved
    edge = next_slider_value(GROWTH, GROWTH.maximum, random.Random(2))
    assert edge < GROWTH.maximum


def test_a_slider_with_one_position_cannot_move() -> None:
    stuck = Slider("id", "stuck", minimum=1.0, maximum=1.0, step=1.0, default=1.0)
    with pytest.raises(ValueError, match="nowhere to move"):
        next_slider_value(stuck, 1.0, random.Random(0))


def test_percentile_is_an_observed_value_by_nearest_rank() -> None:
    values = [float(n) for n in range(1, 21)]  # 1..20
    assert percentile(values, 0.50) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.99) == 20.0
    assert percentile(values[::-1], 0.95) == 19.0
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError, match="share"):
        percentile(values, 0)


def test_summary_counts_errors_apart_from_latencies() -> None:
    samples = [
        Sample("load", 2.0),
        Sample("slider", 0.2),
        Sample("slider", 0.4),
        Sample("slider", 30.0, error="timeout"),
        Sample("load", 1.0, error="connection failed: ConnectionRefusedError"),
        Sample("slider", 9.0, error="timeout"),
    ]
    load, slider = summarise(samples)
    assert (load.action, load.count, load.errors, load.p50) == ("load", 2, 1, 2.0)
    assert (slider.count, slider.errors, slider.p50, slider.worst) == (4, 2, 0.2, 0.4)
    assert error_counts(samples) == {
        "timeout": 2,
        "connection failed: ConnectionRefusedError": 1,
    }


def test_users_start_evenly_over_the_ramp() -> None:
    assert start_offsets(4, 10.0) == [0.0, 2.5, 5.0, 7.5]
    assert start_offsets(1, 0.0) == [0.0]
    with pytest.raises(ValueError, match="users"):
        start_offsets(0, 1.0)


def test_a_new_run_starts_a_new_page_drawing() -> None:
    state = PageState()
    element = ForwardMsg()
    element.hash = "e1"
    element.delta.new_element.markdown.body = "x"
    read_update(encoded(element), state)
    assert state.drawn == ["e1"]
    running = ForwardMsg()
    running.session_status_changed.script_is_running = True
    read_update(encoded(running), state)
    assert state.drawn == []
