"""Flow charts by country and pair: totals, pairs over time, what each side reports, coverage.

Throughout, `names` maps ISO3 to a country name and values are USD million.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.annotations import fit_margins
from ca_trade.charts.flows import (
    FLOW_CHART_HEIGHT_PX,
    HOVER,
    VALUE_TICKS,
    legend_above,
    qualified_m,
)
from ca_trade.charts.theme import GRID, INK, PALETTE, styled
from ca_trade.flows import BOTH_SIDES, COVERAGE_ORDER, ONE_SIDE, PARTIAL_ONLY, UNSPECIFIED_ONLY
from ca_trade.format import format_percent, format_usd_m
from ca_trade.i18n import t
from ca_trade.present.flows import months_label, pair_label, reporter_name

# Okabe-Ito without yellow, which is too pale for lines and text on white.
LINE_COLOURS = tuple(colour for colour in PALETTE if colour != "#F0E442")
PAIR_SYMBOLS = (
    *("circle", "square", "diamond", "triangle-up", "triangle-down"),
    *("pentagon", "hexagon", "star", "cross", "x"),
)
COVERAGE_STYLE = {
    BOTH_SIDES: ("square", PALETTE[2]),
    ONE_SIDE: ("circle", PALETTE[0]),
    UNSPECIFIED_ONLY: ("circle-open", PALETTE[3]),
    PARTIAL_ONLY: ("diamond-open", PALETTE[5]),
}


def _marker(symbol: str, size: int, colour: str, edge: str) -> dict[str, object]:
    """Return a plotly marker with an outline."""
    return {"symbol": symbol, "size": size, "color": colour, "line": {"color": edge, "width": 1}}


def country_totals_figure(
    totals: pd.DataFrame, cited: pd.DataFrame, names: Mapping[str, str], title: str
) -> go.Figure:
    """Draw each country's trade with the other four, against the figures officials cite.

    `totals` is `flows.country_totals`, `cited` `flows.cited_country_totals`. Bars are labelled
    with the value and the number of partners with data; diamonds are the cited totals.
    """
    ordered = totals.sort_values("value_usd_m", ascending=True, na_position="first")
    # Per country: its name and how many of its partners have data.
    words = {
        str(row["iso3"]): {
            "country": names.get(str(row["iso3"]), str(row["iso3"])),
            "known": int(row["pairs_with_data"]),
            "all": int(row["pairs"]),
        }
        for row in ordered.to_dict("records")
    }
    # The number of partners with data sits under the name, so a gap is never hidden in a sum.
    category = {
        code: t("{country}<br><span style='font-size:11px'>{known} of {all} partners</span>", **w)
        for code, w in words.items()
    }
    texts = [
        format_usd_m(float(value)) if not math.isnan(float(value)) else t("no full-year value")
        for value in ordered["value_usd_m"]
    ]
    hover = [
        t("{country}: {amount}, sum of {known} of {all} pairs", amount=text, **words[str(code)])
        for code, text in zip(ordered["iso3"], texts, strict=True)
    ]
    bars = go.Bar(
        x=ordered["value_usd_m"].fillna(0),
        y=[category[str(code)] for code in ordered["iso3"]],
        orientation="h",
        name=t("Sum of the pairs shown in the matrix"),
        marker={"color": PALETTE[0]},
        text=texts,
        textposition="auto",
        insidetextanchor="start",
        cliponaxis=False,
        hovertext=hover,
        hovertemplate=HOVER,
    )
    figure = go.Figure(bars)
    if not cited.empty:
        cited_hover = [
            t(
                "{country}: {amount} cited by officials",
                country=words[str(row["iso3"])]["country"],
                amount=qualified_m(float(row["value_usd_m"]), row["qualifier"]),
            )
            for row in cited.to_dict("records")
        ]
        figure.add_scatter(
            x=cited["value_usd_m"],
            y=[category[str(code)] for code in cited["iso3"]],
            mode="markers",
            name=t("Total cited by officials"),
            marker=_marker("diamond", 13, PALETTE[1], INK),
            hovertext=cited_hover,
            hovertemplate=HOVER,
        )
    top = max([*totals["value_usd_m"].fillna(0), *cited["value_usd_m"], 1.0])
    figure.update_xaxes(title_text=t("USD million"), range=[0, top * 1.35], tickformat=VALUE_TICKS)
    figure.update_yaxes(title_text=None, ticksuffix=" ")
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX, showlegend=True, bargap=0.35)
    legend_above(figure, top_margin_px=100)
    fit_margins(figure, left=122, bottom=48, right=20)
    return styled(figure, title)


def pair_series_figure(
    series: pd.DataFrame,
    selected: Sequence[tuple[str, str]],
    all_pairs: Sequence[tuple[str, str]],
    names: Mapping[str, str],
    title: str,
    log_scale: bool = False,
) -> go.Figure:
    """Draw the full-year value of each selected pair over time, gaps left as gaps.

    `series` is `flows.pair_series`; a pair's place in `all_pairs` fixes its colour and marker
    symbol, so colour is never the only cue.
    """
    figure = go.Figure()
    years = sorted({int(year) for year in series["year"]})
    for a, b in selected:
        index = list(all_pairs).index((a, b))
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        of_pair = series[(series["country_a"] == a) & (series["country_b"] == b)]
        rows = of_pair.set_index("year").reindex(years)
        label = pair_label(a, b, names)
        hover = [
            t(
                "{pair}, {year}: {amount}, reported by {reporter}",
                pair=label,
                year=year,
                amount=qualified_m(float(row["value_usd_m"]), row["qualifier"]),
                reporter=reporter_name(row["reporter"], names),
            )
            if not math.isnan(float(row["value_usd_m"]))
            else ""
            for year, row in zip(years, rows.to_dict("records"), strict=True)
        ]
        figure.add_scatter(
            x=years,
            y=rows["value_usd_m"],
            mode="lines+markers",
            name=label,
            connectgaps=False,
            line={"color": colour, "width": 2},
            marker={"symbol": PAIR_SYMBOLS[index % len(PAIR_SYMBOLS)], "size": 9, "color": colour},
            hovertext=hover,
            hovertemplate=HOVER,
        )
    figure.update_xaxes(title_text=t("Year"), tickformat="d", showgrid=False)
    figure.update_yaxes(
        title_text=t("USD million, log scale") if log_scale else t("USD million"),
        type="log" if log_scale else "linear",
        rangemode="tozero",
        dtick=1 if log_scale else None,
        tickformat=VALUE_TICKS,
    )
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX, hovermode="closest")
    legend_above(figure, top_margin_px=120)
    fit_margins(figure, left=64, bottom=43)
    return styled(figure, title)


def asymmetry_figure(asymmetry: pd.DataFrame, names: Mapping[str, str], title: str) -> go.Figure:
    """Draw what each side reports for every pair: two markers joined by a line (a dumbbell).

    `asymmetry` is `flows.mirror_asymmetry`. Log value axis; the gap between the two sides is
    written under each pair's name, so it needs no room right of the plot.
    """
    rows = asymmetry[asymmetry[["by_a_usd_m", "by_b_usd_m"]].notna().any(axis=1)]
    records = rows.to_dict("records")
    labels = [
        t(
            "{pair}<br><span style='font-size:11px'>{gap}</span>",
            pair=pair_label(str(r["country_a"]), str(r["country_b"]), names),
            gap=t("gap {gap}", gap=format_percent(abs(float(r["relative_difference"])), 0))
            if not math.isnan(float(r["relative_difference"]))
            else t("one side only"),
        )
        for r in records
    ]
    figure = go.Figure()
    for record, label in zip(records, labels, strict=True):
        both = [v for v in (record["by_a_usd_m"], record["by_b_usd_m"]) if not math.isnan(v)]
        line = {"color": GRID, "width": 6}
        figure.add_scatter(
            x=both,
            y=[label] * len(both),
            mode="lines",
            line=line,
            hoverinfo="skip",
            showlegend=False,
        )
    for side, symbol, colour, name in (
        ("a", "circle", PALETTE[0], t("Reported by the first-named country")),
        ("b", "diamond", PALETTE[5], t("Reported by the second-named country")),
    ):
        column = f"by_{side}_usd_m"
        present = [
            (r, label)
            for r, label in zip(records, labels, strict=True)
            if not math.isnan(r[column])
        ]
        hover = [
            t(
                "{country} reports {amount}",
                country=names.get(str(r[f"country_{side}"]), str(r[f"country_{side}"])),
                amount=format_usd_m(float(r[column])),
            )
            for r, _ in present
        ]
        figure.add_scatter(
            x=[r[column] for r, _ in present],
            y=[label for _, label in present],
            mode="markers",
            name=name,
            marker=_marker(symbol, 12, colour, "white"),
            hovertext=hover,
            hovertemplate=HOVER,
        )
    figure.update_xaxes(
        title_text=t("USD million, log scale"), type="log", dtick=1, tickformat=VALUE_TICKS
    )
    figure.update_yaxes(autorange="reversed", ticksuffix=" ")
    figure.update_layout(height=max(300, 52 * len(rows) + 180))
    legend_above(figure, top_margin_px=110)
    fit_margins(figure, left=217, bottom=43)
    return styled(figure, title)


def _coverage_hover(row: Mapping[Hashable, Any], names: Mapping[str, str]) -> str:
    """Return the hover text of one cell of the coverage grid."""
    pair = pair_label(str(row["country_a"]), str(row["country_b"]), names)
    parts = [t("{pair}, {year}", pair=pair, year=int(row["year"]))]
    reporters = [reporter_name(c, names) for c in str(row["full_reporters"]).split(";") if c]
    if reporters:
        parts.append(t("Full year reported by: {reporters}", reporters=", ".join(reporters)))
    if row["partial_months"] is not None and not pd.isna(row["partial_months"]):
        months = months_label(int(row["partial_months"]))
        parts.append(t("Part of the year: {months}", months=months))
    return "<br>".join(parts)


def coverage_figure(
    grid: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    names: Mapping[str, str],
    selected_year: int,
    title: str,
) -> go.Figure:
    """Draw which values exist for each pair (y) and year (x); an empty cell is a gap.

    `grid` is `flows.coverage`; `pairs` every pair in display order; `selected_year` is
    highlighted. Each kind of coverage has its own marker shape and colour.
    """
    status_names = {
        BOTH_SIDES: t("Both sides report a full year"),
        ONE_SIDE: t("One side reports a full year"),
        UNSPECIFIED_ONLY: t("Full year, reporter not named"),
        PARTIAL_ONLY: t("Part of the year only"),
    }
    # ISO codes on the axis: full names would leave a phone-wide grid no room (hover names them).
    labels = [f"{a}–{b}" for a, b in pairs]
    figure = go.Figure()
    years = sorted({int(y) for y in grid["year"]}) or [selected_year]
    figure.add_vrect(
        x0=selected_year - 0.5,
        x1=selected_year + 0.5,
        fillcolor=GRID,
        opacity=0.6,
        layer="below",
        line_width=0,
    )
    for status in COVERAGE_ORDER:
        records = grid[grid["status"] == status].to_dict("records")
        symbol, colour = COVERAGE_STYLE[status]
        figure.add_scatter(
            x=[r["year"] for r in records],
            y=[f"{r['country_a']}–{r['country_b']}" for r in records],
            mode="markers",
            name=status_names[status],
            marker={
                "symbol": symbol,
                "size": 11,
                "color": colour,
                "line": {"color": colour, "width": 2},
            },
            hovertext=[_coverage_hover(r, names) for r in records],
            hovertemplate=HOVER,
        )
    figure.update_xaxes(
        title_text=t("Year"),
        dtick=1,
        range=[min(years) - 0.5, max(years) + 0.5],
        showgrid=True,
        tickangle=-90,
    )
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
        showgrid=True,
        ticksuffix=" ",
        range=[len(labels) - 0.5, -0.5],
    )
    # One entry a line at every width (a row wraps on a phone only, and plotly then grows the
    # margin and draws the grid again).
    legend = {"orientation": "v", "y": -0.2}
    figure.update_layout(height=520, legend=legend, hovermode="closest")
    fit_margins(figure, left=77, bottom=151)
    return styled(figure, title)
