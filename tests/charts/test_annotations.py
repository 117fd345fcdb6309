"""The cut-off on a chart: a subtitle everywhere, a line on a year axis, the input untouched."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

from ca_trade.charts.annotations import (
    LINE_LABEL_PX,
    LINE_PAD_YEARS,
    SUBTITLE_LINE_PX,
    SUBTITLE_SPACE_PX,
    with_cutoff,
)

NOTE = "Sources up to 21 March 2026 · latest official regional total: 2024"


def year_chart(fixed_range: bool) -> go.Figure:
    figure = go.Figure(go.Scatter(x=[2018, 2023, 2024], y=[5.7, 11.0, 11.5]))
    figure.update_layout(title_text="Trade", margin_t=50)
    if fixed_range:
        figure.update_xaxes(range=[2017.5, 2024.5])
    return figure


def test_the_note_is_the_subtitle_and_the_input_is_not_changed() -> None:
    original = year_chart(fixed_range=False)
    stamped = with_cutoff(original, NOTE)
    # Two lines, each short enough for a phone-wide chart.
    assert stamped.layout.title.subtitle.text == (
        "Sources up to 21 March 2026 · latest official<br>regional total: 2024"
    )
    assert stamped.layout.margin.t == 50 + SUBTITLE_SPACE_PX + SUBTITLE_LINE_PX
    assert stamped.layout.shapes == ()
    assert (stamped.layout.title.yref, stamped.layout.title.y) == ("container", 1)
    assert original.layout.title.subtitle.text is None
    assert original.layout.margin.t == 50


def test_an_existing_subtitle_is_kept_above_the_note() -> None:
    figure = year_chart(fixed_range=False)
    figure.update_layout(title_subtitle_text="Goods only")
    stamped = with_cutoff(figure, "Sources up to 21 March 2026")
    assert stamped.layout.title.subtitle.text == "Goods only<br>Sources up to 21 March 2026"


def test_a_year_axis_gets_a_labelled_line_at_the_date() -> None:
    stamped = with_cutoff(year_chart(fixed_range=False), NOTE, date(2026, 3, 21), "Data cut-off")
    (line,) = stamped.layout.shapes
    assert line.x0 == line.x1 == pytest.approx(2026 + 79 / 365)
    (label,) = stamped.layout.annotations
    assert label.text == "Data cut-off"
    # Above the plot, ending at the line: clear of the goals' labels inside it on a phone.
    assert (label.y, label.yref, label.yanchor, label.xanchor) == (1, "y domain", "bottom", "right")
    assert label.textangle is None
    assert stamped.layout.margin.t == 50 + SUBTITLE_SPACE_PX + SUBTITLE_LINE_PX + LINE_LABEL_PX
    assert stamped.layout.xaxis.range is None


def test_a_fixed_range_is_widened_to_show_the_line() -> None:
    stamped = with_cutoff(year_chart(fixed_range=True), NOTE, date(2026, 3, 21), "cut-off")
    assert stamped.layout.xaxis.range == pytest.approx((2017.5, 2026 + 79 / 365 + LINE_PAD_YEARS))


def test_a_range_already_past_the_line_is_kept() -> None:
    figure = year_chart(fixed_range=True).update_xaxes(range=[2017.5, 2030.4])
    stamped = with_cutoff(figure, NOTE, date(2026, 3, 21), "cut-off")
    assert stamped.layout.xaxis.range == (2017.5, 2030.4)


def test_a_title_placed_by_the_chart_stays_where_it_is() -> None:
    figure = year_chart(fixed_range=False).update_layout(title_y=0.99, title_yref="container")
    assert with_cutoff(figure, NOTE).layout.title.y == 0.99
