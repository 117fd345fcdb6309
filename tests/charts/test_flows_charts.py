"""Trade-flow charts as pure functions: every value labelled, gaps marked, units on axes."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.charts.flows import matrix_figure, rule_cell_texts, side_cell_texts
from ca_trade.charts.flows_chord import chord_figure, country_colours
from ca_trade.charts.flows_pairs import (
    COVERAGE_STYLE,
    asymmetry_figure,
    country_totals_figure,
    coverage_figure,
    pair_series_figure,
)
from ca_trade.flows import (
    cited_country_totals,
    country_pairs,
    country_totals,
    coverage,
    mirror_asymmetry,
    pair_matrix,
    pair_series,
    pair_values,
    side_values,
    turnover_candidates,
)

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
        "reporter_priority": pd.array([1, 3, 4, None, 2], dtype="Int64"),
    }
)
NAMES = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
ORDER = list(NAMES)
ROWS = [
    (2023, 12, "KAZ", "KGZ", "turnover", 1600, "KAZ", "exact"),
    (2023, 12, "KAZ", "KGZ", "turnover", 1317, "KGZ", "exact"),
    (2023, 12, "KAZ", "UZB", "turnover", 4400, "KAZ", "exact"),
    (2023, 12, "KGZ", "TJK", "turnover", 2.3, "KGZ", "exact"),
    (2023, 11, "TJK", "TKM", "turnover", 40, "TJK", "lower_bound"),
    (2022, 12, "KAZ", "UZB", "turnover", 5000, "KAZ", "exact"),
]
FLOWS = pd.DataFrame(
    {
        "flow_id": [f"f{i}" for i in range(len(ROWS))],
        "year": [r[0] for r in ROWS],
        "months": [r[1] for r in ROWS],
        "country": [r[2] for r in ROWS],
        "partner": [r[3] for r in ROWS],
        "flow": [r[4] for r in ROWS],
        "value_usd_m": [r[5] for r in ROWS],
        "reporter": [r[6] for r in ROWS],
        "qualifier": [r[7] for r in ROWS],
        "source_id": ["s1"] * len(ROWS),
    }
)
CANDIDATES = turnover_candidates(FLOWS, COUNTRIES)
VALUES = pair_values(CANDIDATES, COUNTRIES, 2023)


def annotation_texts(figure: go.Figure) -> list[str]:
    """Every annotation text of a figure."""
    return [str(a.text) for a in figure.layout.annotations]


def rule_matrix() -> go.Figure:
    """The reporter-rule matrix for 2023 of the in-test flows."""
    hover, notes = rule_cell_texts(VALUES, ORDER, NAMES, {"s1": "Source one"}, 2023)
    return matrix_figure(pair_matrix(VALUES, COUNTRIES), NAMES, hover, notes, "M", "", "")


def test_matrix_prints_every_value_marks_gaps_and_partial_years() -> None:
    texts = annotation_texts(rule_matrix())
    assert len(texts) == 25
    assert texts.count("1,600") == 2  # symmetric
    assert texts.count("4,400") == 2
    assert texts.count("2.3") == 2
    assert texts.count("—") == 5  # the diagonal
    assert texts.count("Jan–Nov<br>40") == 2
    assert texts.count("no data") == 25 - 5 - 2 * 4  # 6 pairs with nothing, both cells each


def test_matrix_hover_names_reporter_and_source_and_colour_is_log_scaled() -> None:
    figure = rule_matrix()
    (heatmap,) = figure.data
    kaz, kgz, uzb = ORDER.index("KAZ"), ORDER.index("KGZ"), ORDER.index("UZB")
    assert "Reported by Kazakhstan" in heatmap.hovertext[kaz][kgz]
    assert "Source one" in heatmap.hovertext[kaz][kgz]
    assert heatmap.z[kaz][uzb] == pytest.approx(math.log10(4400))
    assert heatmap.colorbar.title.text == "USD million"
    tjk, tkm = ORDER.index("TJK"), ORDER.index("TKM")
    assert math.isnan(heatmap.z[tjk][tkm])  # partial-year values never get a colour
    assert "Jan–Nov only" in heatmap.hovertext[tjk][tkm]


def test_side_matrix_is_not_symmetric() -> None:
    sides = side_values(CANDIDATES, COUNTRIES, 2023)
    hover, notes = side_cell_texts(sides, NAMES, 2023)
    figure = matrix_figure(sides, NAMES, hover, notes, "S", "", "")
    texts = annotation_texts(figure)
    assert "1,600" in texts
    assert "1,317" in texts
    kgz, kaz = ORDER.index("KGZ"), ORDER.index("KAZ")
    assert "Kyrgyzstan reports $1,317m" in figure.data[0].hovertext[kgz][kaz]


def test_chord_arcs_are_labelled_with_country_and_total() -> None:
    figure = chord_figure(VALUES, ORDER, NAMES, "C")
    texts = annotation_texts(figure)
    assert any("Kazakhstan" in text and "$6,000m" in text for text in texts)
    assert not any("Turkmenistan" in text for text in texts)  # no full-year value at all
    ribbons = [tr for tr in figure.data if " – " in str(tr.name)]
    assert len(ribbons) == 3


def test_chord_without_values_says_so() -> None:
    empty = pair_values(CANDIDATES, COUNTRIES, 1999)
    figure = chord_figure(empty, ORDER, NAMES, "C")
    assert annotation_texts(figure) == ["No full-year values for this year"]


def test_country_totals_show_gaps_and_cited_figures() -> None:
    totals = country_totals(VALUES, COUNTRIES)
    cited = pd.DataFrame(
        {"iso3": ["KAZ"], "value_usd_m": [8000.0], "qualifier": ["exact"], "source_id": ["s1"]}
    )
    figure = country_totals_figure(totals, cited, NAMES, "T")
    bars, diamonds = figure.data
    assert any("2 of 4 partners" in str(label) for label in bars.y)
    assert "no full-year value" in list(bars.text)
    assert diamonds.marker.symbol == "diamond"
    assert str(diamonds.y[0]).startswith("Kazakhstan")
    assert figure.layout.xaxis.title.text == "USD million"


def test_country_totals_without_cited_figures() -> None:
    totals = country_totals(VALUES, COUNTRIES)
    cited = cited_country_totals(
        pd.DataFrame(
            columns=[
                "total_id",
                "year",
                "months",
                "scope",
                "value_usd_bn",
                "qualifier",
                "source_id",
            ]
        ),
        COUNTRIES,
        2023,
    )
    figure = country_totals_figure(totals, cited, NAMES, "T")
    assert len(figure.data) == 1


def test_pair_series_leaves_gaps_and_gives_each_pair_its_own_symbol() -> None:
    series = pair_series(CANDIDATES, COUNTRIES)
    pairs = country_pairs(COUNTRIES)
    figure = pair_series_figure(series, [("KAZ", "UZB"), ("KAZ", "KGZ")], pairs, NAMES, "P")
    kaz_uzb, kaz_kgz = figure.data
    assert list(kaz_uzb.y) == [5000, 4400]
    assert math.isnan(kaz_kgz.y[0])  # no 2022 value: a gap, not a zero
    assert kaz_uzb.connectgaps is False
    assert kaz_uzb.marker.symbol != kaz_kgz.marker.symbol
    assert figure.layout.yaxis.title.text == "USD million"
    logged = pair_series_figure(series, [("KAZ", "UZB")], pairs, NAMES, "P", log_scale=True)
    assert logged.layout.yaxis.type == "log"
    assert logged.layout.yaxis.title.text == "USD million, log scale"


def test_asymmetry_shows_both_sides_and_the_gap() -> None:
    figure = asymmetry_figure(mirror_asymmetry(CANDIDATES, COUNTRIES, 2023), NAMES, "A")
    labels = [str(label) for trace in figure.data for label in trace.y]
    assert any("Kazakhstan – Kyrgyzstan" in x and "gap 19%" in x for x in labels)  # 283 / 1458.5
    assert any("Kazakhstan – Uzbekistan" in x and "one side only" in x for x in labels)
    first, second = (trace for trace in figure.data if trace.mode == "markers")
    assert list(first.x) == [1600, 4400, 2.3]  # Kazakhstan twice, then Kyrgyzstan
    assert list(second.x) == [1317]
    assert figure.layout.xaxis.type == "log"


def test_coverage_uses_a_distinct_shape_per_kind() -> None:
    figure = coverage_figure(
        coverage(CANDIDATES, COUNTRIES), country_pairs(COUNTRIES), NAMES, 2023, "G"
    )
    assert len({symbol for symbol, _ in COVERAGE_STYLE.values()}) == len(COVERAGE_STYLE)
    both = next(tr for tr in figure.data if tr.name == "Both sides report a full year")
    assert list(both.x) == [2023]
    partial = next(tr for tr in figure.data if tr.name == "Part of the year only")
    assert "Jan–Nov" in partial.hovertext[0]


def test_country_colours() -> None:
    colours = country_colours(ORDER)
    assert len(set(colours.values())) == 5
