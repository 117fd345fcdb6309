"""Which URL parameters a page refused: the pure comparison behind the notice."""

from __future__ import annotations

from ca_trade.ui.url_check import refused_parameters


def test_unchanged_parameters_are_taken() -> None:
    assert refused_parameters({"growth": "5"}, {"growth": "5"}, {"growth": 5.0}) == {}


def test_dropped_default_value_is_taken() -> None:
    assert refused_parameters({"goal": "15"}, {}, {"goal": 15.0}) == {}
    assert refused_parameters({"effects": "True"}, {}, {"effects": True}) == {}


def test_garbage_is_refused() -> None:
    assert refused_parameters({"growth": "abc"}, {}, {"growth": 4.0}) == {"growth": "abc"}
    assert refused_parameters({"year": "1800"}, {}, {"year": 2023}) == {"year": "1800"}


def test_clamped_value_is_refused() -> None:
    assert refused_parameters(
        {"target_year": "99999"}, {"target_year": "2040"}, {"target_year": 2040}
    ) == {"target_year": "99999"}


def test_multi_value_widget_takes_any_listed_value() -> None:
    assert refused_parameters({"country": "UZB"}, {}, {"country": ["KAZ", "UZB"]}) == {}


def test_parameters_no_widget_reads_are_not_reported() -> None:
    assert refused_parameters({"utm_source": "x"}, {"utm_source": "x"}, {}) == {}
