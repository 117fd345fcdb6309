"""The Overview chart as a pure function: traces, labels, units, and what it leaves out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.charts.overview import (
    cited_figures,
    progress_figure,
    year_fraction,
)
from ca_trade.estimate import ChainEstimate
from ca_trade.i18n import language
from ca_trade.progress import Goal, assess_goal, headline_line
from ca_trade.release import DataCutoff

NBSP = "\u00a0"


def plain(text: str) -> str:
    """Text with CLDR's non-breaking spaces (U+00A0, narrow U+202F) as plain spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


SOURCES = pd.DataFrame(
    {"source_id": ["s1", "s2"], "title": ["One", "Two"], "url": ["https://a.org", "https://b.org"]}
)
TOTALS = pd.DataFrame(
    {
        "total_id": ["a", "b", "c", "d", "e", "f"],
        "year": [2018, 2022, 2023, 2023, 2024, 2025],
        "months": [12, 12, 12, 12, 12, 6],
        "scope": ["CA5"] * 6,
        "value_usd_bn": [5.7, 10.0, 11.0, 11.0, 11.5, 6.0],
        "qualifier": ["exact", "lower_bound", "exact", "exact", "exact", "exact"],
        "series": ["headline", "headline_soft", "headline", "headline", "headline", "other"],
        "speaker": ["A", "B", "C", "D", "E", "F"],
        "source_id": ["s1", "s2", "s1", "s2", "s1", "s2"],
        "note": [None] * 6,
    }
)
EVENTS = pd.DataFrame(
    {
        "name": ["Sixth meeting", "Seventh meeting"],
        "date": pd.to_datetime(["2024-08-09", "2025-11-16"]),
        "place": ["Astana", "Tashkent"],
        "trade_announcement": ["Goal of $15bn.", "Goal of $20bn."],
    }
)
GOALS = [
    Goal("g15", 15.0, 2024, "Speaker", None, "s1", base_year=2023, announced=date(2024, 8, 9)),
    Goal("g20", 20.0, 2025, "Speaker", None, "s1", base_year=2024, announced=date(2025, 11, 16)),
]


def figure_for(
    goal: Goal,
    target_year: int,
    events: pd.DataFrame = EVENTS,
    estimates: Sequence[ChainEstimate] = (),
    cutoff: DataCutoff | None = None,
) -> go.Figure:
    """The chart for one goal and target year on the in-test frames (`goal` among GOALS)."""
    goals = GOALS if goal in GOALS else [goal]
    assessment = assess_goal(TOTALS, SOURCES, goal, target_year)
    figures, line = cited_figures(TOTALS, SOURCES), headline_line(TOTALS)
    return progress_figure(figures, line, goals, assessment, events, estimates, cutoff)


def named(figure: go.Figure, starts: str) -> list[go.Scatter]:
    """Traces whose name starts with `starts`."""
    return [tr for tr in figure.data if str(tr.name or "").startswith(starts)]


def test_identical_statements_share_one_marker_that_names_both() -> None:
    (firm,) = named(figure_for(GOALS[0], 2030), "Figure cited, in the series")
    assert list(firm.x) == [2018, 2023, 2024]
    assert "2 statements" in firm.hovertext[1]
    assert "• C" in firm.hovertext[1]
    assert "• D" in firm.hovertext[1]


def test_lower_bound_points_up_and_says_more_than() -> None:
    (soft,) = named(figure_for(GOALS[0], 2030), "Softer point")
    assert list(soft.marker.symbol) == ["triangle-up-open"]
    assert "more than $10.0bn" in soft.hovertext[0]


def test_partial_year_is_its_own_labelled_trace_never_on_the_line() -> None:
    figure = figure_for(GOALS[0], 2030)
    (partial,) = named(figure, "Part of a year only")
    assert list(partial.x) == [2025]
    (line,) = named(figure, "Official headline series")
    assert 2025 not in list(line.x)


def test_required_path_is_dashed_apart_from_history_over_a_shaded_projection() -> None:
    figure = figure_for(GOALS[1], 2030)
    (path,) = named(figure, "Path needed")
    assert path.line.dash == "dash"
    assert path.name == "Path needed: +9.7% a year"
    assert path.y[-1] == 20
    (band,) = [shape for shape in figure.layout.shapes if shape.type == "rect"]
    assert (band.x0, band.x1) == (2024, 2030)
    assert any(a.text == "Projection" for a in figure.layout.annotations)


def test_met_goal_draws_no_path_and_no_projection() -> None:
    met = Goal("g10", 10.0, 2020, "Speaker", None, "s1", base_year=2018)
    figure = figure_for(met, 2030)
    assert named(figure, "Path needed") == []
    assert [s for s in figure.layout.shapes if s.type == "rect"] == []


def test_chosen_goal_is_highlighted_by_width_dash_and_bold_label() -> None:
    figure = figure_for(GOALS[1], 2030)
    goal_lines = [tr for tr in figure.data if tr.showlegend is False and tr.mode == "lines"]
    chosen = [tr for tr in goal_lines if tr.y[0] == 20]
    other = [tr for tr in goal_lines if tr.y[0] == 15]
    assert chosen[0].line.dash == "dash"
    assert other[0].line.dash == "dot"
    assert chosen[0].line.width > other[0].line.width
    labels = [a.text for a in figure.layout.annotations]
    assert "<b>$20bn goal</b>" in labels
    assert "$15bn goal" in labels


def test_meetings_are_numbered_stars_at_their_dates() -> None:
    (stars,) = named(figure_for(GOALS[0], 2030), "Consultative Meeting")
    assert list(stars.text) == ["1", "2"]
    assert stars.marker.symbol == "star"
    assert stars.x[0] == pytest.approx(year_fraction(date(2024, 8, 9)))
    assert "Astana" in stars.hovertext[0]


def test_axes_carry_units_and_start_at_zero() -> None:
    figure = figure_for(GOALS[0], 2030)
    assert figure.layout.yaxis.title.text == "USD billion, current prices"
    assert figure.layout.yaxis.range[0] == 0
    assert figure.layout.xaxis.title.text == "Year"
    assert figure.layout.xaxis.range[1] > 2030


def test_year_fraction() -> None:
    assert year_fraction(date(2024, 1, 1)) == 2024
    assert year_fraction(date(2024, 7, 2)) == pytest.approx(2024.5, abs=0.01)


def test_a_figure_built_in_russian_is_russian_throughout() -> None:
    events = EVENTS.assign(
        name_ru=["Шестая встреча", "Седьмая встреча"], place_ru=["Астана", "Ташкент"]
    )
    with language("ru"):
        figure = figure_for(GOALS[0], 2030, events)
    layout = figure.layout
    assert layout.separators == f",{NBSP}"  # decimal comma, non-breaking space between groups
    assert layout.title.text == "Взаимная торговля пяти стран и цели"
    assert layout.xaxis.title.text == "Год"
    assert layout.yaxis.title.text == "Млрд $, в текущих ценах"
    (line,) = named(figure, "Основной официальный ряд")
    assert list(line.y) == [5.7, 11.0, 11.5]
    (firm,) = named(figure, "Приведённая цифра, в ряду")
    assert "(заявлений: 2)" in firm.hovertext[1]
    (path_trace,) = named(figure, "Необходимая траектория: +")
    assert plain(path_trace.name).endswith("% в год")
    labels = [plain(a.text) for a in layout.annotations]
    assert "<b>Цель 15 млрд $</b>" in labels  # the amount on the line, its date in the hover
    hovers = [plain(str(tr.hovertemplate)) for tr in figure.data if tr.showlegend is False]
    assert any(h.startswith("Цель 15 млрд $ (авг. 2024 г.)") for h in hovers)
    assert "<b>11,5 млрд $</b>" in labels
    (meetings,) = named(figure, "Консультативная встреча")
    assert "Шестая встреча" in meetings.hovertext[0]
    assert "9 августа 2024 г., Астана" in plain(meetings.hovertext[0])
    english = [
        str(trace.name) for trace in figure.data if re.search("[A-Za-z]{3}", str(trace.name))
    ]
    assert english == []


def test_an_estimate_is_a_distinct_marker_with_its_range() -> None:
    estimate = ChainEstimate(
        year=2025,
        official_year=2024,
        official_usd_bn=11.5,
        links=(),
        value_usd_bn=12.7,
        low_usd_bn=11.7,
        high_usd_bn=14.9,
    )
    none = replace(estimate, year=2026, value_usd_bn=None, low_usd_bn=None, high_usd_bn=None)
    with language("en"):
        figure = figure_for(GOALS[0], 2030, estimates=[estimate, none])
    (trace,) = named(figure, "Estimate, not official")
    assert list(trace.x) == [2025]
    assert list(trace.y) == [12.7]
    assert trace.marker.symbol == "diamond-open"
    assert list(trace.error_y.array) == pytest.approx([2.2])
    assert list(trace.error_y.arrayminus) == pytest.approx([1.0])
    assert "Estimate for 2025, not official" in trace.hovertext[0]
    assert figure.layout.yaxis.range[1] >= 14.9


def test_a_cutoff_stamps_the_note_and_a_line_at_its_date() -> None:
    cutoff = DataCutoff(sources_up_to=date(2026, 3, 21), latest_official_year=2024)
    with language("en"):
        figure = figure_for(GOALS[0], 2030, cutoff=cutoff)
    assert "Sources up to 21 March 2026" in figure.layout.title.subtitle.text
    lines = [s for s in figure.layout.shapes if s.type == "line"]
    assert any(s.x0 == pytest.approx(year_fraction(date(2026, 3, 21))) for s in lines)
