"""Trade-flows charts: pair matrix, chord diagram, country totals, pair series, mirrors, coverage."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.theme import GRID, INK, MUTED, PALETTE, styled
from ca_trade.flows import (
    BOTH_SIDES,
    COVERAGE_ORDER,
    ONE_SIDE,
    PARTIAL_ONLY,
    UNSPECIFIED_ONLY,
)
from ca_trade.format import format_percent, format_usd_m, format_usd_m_compact, qualified
from ca_trade.i18n import t
from ca_trade.present.flows import months_label, pair_label, reporter_name

# Okabe-Ito without yellow, which is too pale for lines and text on white.
LINE_COLOURS = tuple(colour for colour in PALETTE if colour != "#F0E442")
PAIR_SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "pentagon",
    "hexagon",
    "star",
    "cross",
    "x",
)
MATRIX_SCALE = [[0.0, "#EAF3FA"], [0.5, "#6AAED6"], [1.0, "#08306B"]]
DARK_CELL = 0.55  # share of the colour scale above which cell text turns white
FLOW_CHART_HEIGHT_PX = 460
# Value ticks in full with group marks ('5,000', '5 000'), never SI prefixes ('5k').
VALUE_TICKS = ",~r"
CELL_CHARS = 8  # longest text that fits on one line of a matrix cell at phone width


def _qualified_m(value: float, qualifier: object) -> str:
    """Return '$4,400m', 'about $1,700m' or 'more than $500m'."""
    return qualified(format_usd_m(value), qualifier)


# Five Okabe-Ito colours far apart from each other (no two blues), one per country.
COUNTRY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")


def country_colours(order: Sequence[str]) -> dict[str, str]:
    """Return one Okabe-Ito colour per country, fixed by its place in countries.csv."""
    return {iso3: COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i, iso3 in enumerate(order)}


def legend_above(figure: go.Figure, top_margin_px: int = 120) -> None:
    """Put the legend between the title and the plot, where no axis title can collide with it."""
    figure.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"t": top_margin_px},
        title={"y": 0.99, "yanchor": "top", "yref": "container"},
    )


def _log_ticks(values: Sequence[float]) -> tuple[list[float], list[str]]:
    """Return tick positions (log10) and labels spanning `values` (USD million, the unit is in
    the colour bar's title, so the labels stay short in every language).
    """
    low = math.floor(math.log10(max(min(values), 0.1)))
    high = math.ceil(math.log10(max(values)))
    powers = list(range(low, high + 1))
    return [float(p) for p in powers], [format_usd_m_compact(10.0**p) for p in powers]


def matrix_figure(
    matrix: pd.DataFrame,
    names: Mapping[str, str],
    hover: pd.DataFrame,
    notes: pd.DataFrame,
    title: str,
    row_title: str,
    column_title: str,
) -> go.Figure:
    """Draw a country x country heatmap of USD million, every cell labelled.

    Args:
        matrix: values, USD million; index = rows, columns = columns (ISO3); NaN for gaps.
        names: ISO3 -> country name (rows; columns show the ISO3 code).
        hover: same shape as `matrix`: the hover text of each cell.
        notes: same shape: a short text shown in a gap cell (e.g. a partial-year value), or ''.
        title: chart title.
        row_title: title of the row axis (e.g. 'Reporting country'), or '' for none.
        column_title: title of the column axis (e.g. 'Partner'), or '' for none.

    Returns:
        The figure. Colour uses a log scale (values span three orders of magnitude); the value
        is printed in each cell, so colour is never the only cue.
    """
    rows = [str(code) for code in matrix.index]
    columns = [str(code) for code in matrix.columns]
    values = matrix.to_numpy(dtype="float64")
    known = values[~np.isnan(values)]
    logged = np.where(np.isnan(values), np.nan, np.log10(np.clip(values, 0.1, None)))
    low, high = (float(known.min()), float(known.max())) if known.size else (1.0, 10.0)
    zmin, zmax = math.log10(max(low, 0.1)), math.log10(max(high, 1.0))
    if zmax <= zmin:
        zmax = zmin + 1
    tickvals, ticktext = _log_ticks([low, high])
    # Columns carry ISO codes: five full names do not fit side by side on a phone.
    x_labels = columns
    y_labels = [names.get(code, code) for code in rows]
    figure = go.Figure(
        go.Heatmap(
            z=logged,
            x=x_labels,
            y=y_labels,
            zmin=zmin,
            zmax=zmax,
            colorscale=MATRIX_SCALE,
            hovertext=hover.to_numpy(),
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": t("USD million"), "side": "top"},
                "tickvals": tickvals,
                "ticktext": ticktext,
                "orientation": "h",
                "y": -0.03,
                "yanchor": "top",
                "thickness": 10,
                "len": 0.8,
                "x": 0,
                "xanchor": "left",
            },
        )
    )
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            value = values[i, j]
            if row == column:
                text, colour = "—", MUTED
            elif math.isnan(value):
                text = str(notes.to_numpy()[i, j]) or t("no data")
                colour = MUTED
            else:
                share = (logged[i, j] - zmin) / (zmax - zmin)
                text = format_usd_m_compact(float(value))
                colour = "white" if share > DARK_CELL else INK
            figure.add_annotation(
                x=x_labels[j],
                y=y_labels[i],
                text=text,
                showarrow=False,
                font={"color": colour, "size": 12 if not math.isnan(value) else 10},
            )
    figure.update_xaxes(title_text=column_title, side="top", showgrid=False, tickangle=0)
    figure.update_yaxes(title_text=row_title, autorange="reversed", showgrid=False, ticksuffix=" ")
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX + 60, plot_bgcolor="#F7F7F7")
    return styled(figure, title)


def _arc(start: float, end: float, radius: float, steps: int = 24) -> list[tuple[float, float]]:
    """Return points along a circle arc from angle `start` to `end` (radians)."""
    return [
        (radius * math.cos(a), radius * math.sin(a))
        for a in np.linspace(start, end, max(2, int(steps * abs(end - start) / 0.5) + 2))
    ]


def _bezier(
    start: tuple[float, float], end: tuple[float, float], steps: int = 24
) -> list[tuple[float, float]]:
    """Return a quadratic Bezier curve from `start` to `end` bending through the centre."""
    return [
        ((1 - s) ** 2 * start[0] + (s**2) * end[0], (1 - s) ** 2 * start[1] + (s**2) * end[1])
        for s in np.linspace(0, 1, steps)
    ]


def chord_figure(
    pairs: pd.DataFrame, order: Sequence[str], names: Mapping[str, str], title: str
) -> go.Figure:
    """Draw a chord diagram: each country an arc as long as its trade with the others.

    Args:
        pairs: output of `flows.pair_values`: country_a, country_b, value_usd_m (USD million,
            NaN for gaps), reporter.
        order: ISO3 codes around the circle.
        names: ISO3 -> country name.
        title: chart title.

    Returns:
        The figure: a ribbon per pair with a value, as wide at each end as the pair's trade.
        Arcs are labelled with the country and its total, so colour is never the only cue.
    """
    known = pairs[pairs["value_usd_m"].notna()]
    totals = {
        iso3: float(
            known[(known["country_a"] == iso3) | (known["country_b"] == iso3)]["value_usd_m"].sum()
        )
        for iso3 in order
    }
    partners = {
        iso3: int(((known["country_a"] == iso3) | (known["country_b"] == iso3)).sum())
        for iso3 in order
    }
    grand = sum(totals.values())
    colours = country_colours(order)
    figure = go.Figure()
    if grand <= 0:
        figure.add_annotation(text=t("No full-year values for this year"), showarrow=False)
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return styled(figure, title)
    gap = 0.06
    scale = (2 * math.pi - gap * len(order)) / grand
    starts: dict[str, float] = {}
    angle = math.pi / 2
    for iso3 in order:
        starts[iso3] = angle
        angle -= totals[iso3] * scale + gap
    cursor = dict(starts)
    segments: dict[tuple[str, str], tuple[float, float]] = {}
    for iso3 in order:
        for partner in order:
            if partner == iso3:
                continue
            a, b = sorted((iso3, partner), key=list(order).index)
            row = known[(known["country_a"] == a) & (known["country_b"] == b)]
            if row.empty:
                continue
            width = float(row["value_usd_m"].iloc[0]) * scale
            segments[(iso3, partner)] = (cursor[iso3], cursor[iso3] - width)
            cursor[iso3] -= width
    for record in known.sort_values("value_usd_m", ascending=False).to_dict("records"):
        a, b = str(record["country_a"]), str(record["country_b"])
        a1, a2 = segments[(a, b)]
        b1, b2 = segments[(b, a)]
        outline = [
            *_arc(a1, a2, 1.0),
            *_bezier((math.cos(a2), math.sin(a2)), (math.cos(b1), math.sin(b1))),
            *_arc(b1, b2, 1.0),
            *_bezier((math.cos(b2), math.sin(b2)), (math.cos(a1), math.sin(a1))),
        ]
        larger = a if totals[a] >= totals[b] else b
        label = t(
            "{pair}: {amount}",
            pair=pair_label(a, b, names),
            amount=_qualified_m(float(record["value_usd_m"]), record["qualifier"]),
        )
        figure.add_trace(
            go.Scatter(
                x=[p[0] for p in outline],
                y=[p[1] for p in outline],
                fill="toself",
                fillcolor=_with_alpha(colours[larger], 0.45),
                line={"color": _with_alpha(colours[larger], 0.9), "width": 0.5},
                mode="lines",
                name=label,
                hoveron="fills",
                showlegend=False,
            )
        )
    for iso3 in order:
        if totals[iso3] <= 0:
            continue
        start, end = starts[iso3], starts[iso3] - totals[iso3] * scale
        outer = _arc(start, end, 1.1)
        inner = _arc(end, start, 1.02)
        band = [*outer, *inner]
        figure.add_trace(
            go.Scatter(
                x=[p[0] for p in band],
                y=[p[1] for p in band],
                fill="toself",
                fillcolor=colours[iso3],
                line={"color": colours[iso3], "width": 0.5},
                mode="lines",
                name=t(
                    "{country}: {amount} with the other four",
                    country=names.get(iso3, iso3),
                    amount=format_usd_m(totals[iso3]),
                ),
                hoveron="fills",
                showlegend=False,
            )
        )
        middle = (start + end) / 2
        figure.add_annotation(
            x=1.2 * math.cos(middle),
            y=1.2 * math.sin(middle),
            text=f"<b>{names.get(iso3, iso3)}</b><br>{format_usd_m(totals[iso3])}"
            + (
                "<br>" + t("{known} of {all} partners", known=partners[iso3], all=len(order) - 1)
                if partners[iso3] < len(order) - 1
                else ""
            ),
            showarrow=False,
            xanchor="left"
            if math.cos(middle) > 0.2
            else "right"
            if math.cos(middle) < -0.2
            else "center",
            yanchor="bottom"
            if math.sin(middle) > 0.2
            else "top"
            if math.sin(middle) < -0.2
            else "middle",
            font={"size": 11},
        )
    figure.update_xaxes(visible=False, range=[-2.2, 2.2], fixedrange=True)
    figure.update_yaxes(
        visible=False, range=[-1.6, 1.6], scaleanchor="x", scaleratio=1, fixedrange=True
    )
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX - 40, hovermode="closest", dragmode=False)
    return styled(figure, title)


def _with_alpha(colour: str, alpha: float) -> str:
    """Return '#RRGGBB' as an rgba() string with the given opacity."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def country_totals_figure(
    totals: pd.DataFrame, cited: pd.DataFrame, names: Mapping[str, str], title: str
) -> go.Figure:
    """Draw each country's trade with the other four, against the figures officials cite.

    Args:
        totals: output of `flows.country_totals` (iso3, value_usd_m, pairs_with_data, pairs).
        cited: output of `flows.cited_country_totals` (iso3, value_usd_m, qualifier).
        names: ISO3 -> country name.
        title: chart title.

    Returns:
        Horizontal bars (sum of the pairs, USD million), labelled with the value and the number
        of partners with data; diamonds for officially cited totals.
    """
    ordered = totals.sort_values("value_usd_m", ascending=True, na_position="first")
    # The number of partners with data sits under the name, so a gap is never hidden in a sum.
    category = {
        str(row["iso3"]): t(
            "{country}<br><span style='font-size:11px'>{known} of {all} partners</span>",
            country=names.get(str(row["iso3"]), str(row["iso3"])),
            known=int(row["pairs_with_data"]),
            all=int(row["pairs"]),
        )
        for row in ordered.to_dict("records")
    }
    labels = [category[str(code)] for code in ordered["iso3"]]
    texts = [
        format_usd_m(float(value)) if not math.isnan(float(value)) else t("no full-year value")
        for value in ordered["value_usd_m"]
    ]
    figure = go.Figure(
        go.Bar(
            x=ordered["value_usd_m"].fillna(0),
            y=labels,
            orientation="h",
            name=t("Sum of the pairs shown in the matrix"),
            marker={"color": PALETTE[0]},
            text=texts,
            textposition="auto",
            insidetextanchor="start",
            cliponaxis=False,
            hovertext=[
                t(
                    "{country}: {amount}, sum of {known} of {all} pairs",
                    country=names.get(str(row["iso3"]), str(row["iso3"])),
                    amount=text,
                    known=int(row["pairs_with_data"]),
                    all=int(row["pairs"]),
                )
                for row, text in zip(ordered.to_dict("records"), texts, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if not cited.empty:
        figure.add_trace(
            go.Scatter(
                x=cited["value_usd_m"],
                y=[category[str(code)] for code in cited["iso3"]],
                mode="markers",
                name=t("Total cited by officials"),
                marker={
                    "symbol": "diamond",
                    "size": 13,
                    "color": PALETTE[1],
                    "line": {"color": INK, "width": 1},
                },
                hovertext=[
                    t(
                        "{country}: {amount} cited by officials",
                        country=names.get(str(row["iso3"]), str(row["iso3"])),
                        amount=_qualified_m(float(row["value_usd_m"]), row["qualifier"]),
                    )
                    for row in cited.to_dict("records")
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    top = max([*totals["value_usd_m"].fillna(0), *cited["value_usd_m"], 1.0])
    figure.update_xaxes(
        title_text=t("USD million"),
        range=[0, top * 1.35],
        rangemode="tozero",
        tickformat=VALUE_TICKS,
    )
    figure.update_yaxes(title_text=None, ticksuffix=" ")
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX, showlegend=True, bargap=0.35)
    legend_above(figure, top_margin_px=100)
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

    Args:
        series: output of `flows.pair_series` (year, country_a, country_b, value_usd_m,
            reporter, qualifier).
        selected: the pairs to draw.
        all_pairs: every pair, which fixes each pair's colour and marker symbol.
        names: ISO3 -> country name.
        title: chart title.
        log_scale: whether the value axis is logarithmic.

    Returns:
        One line per pair (USD million against year), with its own colour and marker symbol,
        and a label at its last point.
    """
    figure = go.Figure()
    years = sorted({int(year) for year in series["year"]})
    for a, b in selected:
        index = list(all_pairs).index((a, b))
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        rows = (
            series[(series["country_a"] == a) & (series["country_b"] == b)]
            .set_index("year")
            .reindex(years)
        )
        label = pair_label(a, b, names)
        hover = [
            t(
                "{pair}, {year}: {amount}, reported by {reporter}",
                pair=label,
                year=year,
                amount=_qualified_m(float(row["value_usd_m"]), row["qualifier"]),
                reporter=reporter_name(row["reporter"], names),
            )
            if not math.isnan(float(row["value_usd_m"]))
            else ""
            for year, row in zip(years, rows.to_dict("records"), strict=True)
        ]
        figure.add_trace(
            go.Scatter(
                x=years,
                y=rows["value_usd_m"],
                mode="lines+markers",
                name=label,
                connectgaps=False,
                line={"color": colour, "width": 2},
                marker={
                    "symbol": PAIR_SYMBOLS[index % len(PAIR_SYMBOLS)],
                    "size": 9,
                    "color": colour,
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
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
    return styled(figure, title)


def asymmetry_figure(asymmetry: pd.DataFrame, names: Mapping[str, str], title: str) -> go.Figure:
    """Draw what each side reports for every pair: two markers joined by a line (a dumbbell).

    Args:
        asymmetry: output of `flows.mirror_asymmetry` (by_a_usd_m, by_b_usd_m, USD million,
            relative_difference a fraction).
        names: ISO3 -> country name.
        title: chart title.

    Returns:
        The figure, log value axis (USD million); the gap between the two sides is written
        under each pair's name.
    """
    rows = asymmetry[asymmetry[["by_a_usd_m", "by_b_usd_m"]].notna().any(axis=1)]
    # The gap is written under each pair's name, so it needs no room right of the plot.
    category = {
        (str(r["country_a"]), str(r["country_b"])): t(
            "{pair}<br><span style='font-size:11px'>{gap}</span>",
            pair=pair_label(str(r["country_a"]), str(r["country_b"]), names),
            gap=t("gap {gap}", gap=format_percent(abs(float(r["relative_difference"])), 0))
            if not math.isnan(float(r["relative_difference"]))
            else t("one side only"),
        )
        for r in rows.to_dict("records")
    }
    labels = list(category.values())
    figure = go.Figure()
    for record, label in zip(rows.to_dict("records"), labels, strict=True):
        both = [v for v in (record["by_a_usd_m"], record["by_b_usd_m"]) if not math.isnan(v)]
        figure.add_trace(
            go.Scatter(
                x=both,
                y=[label] * len(both),
                mode="lines",
                line={"color": GRID, "width": 6},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for side, symbol, colour, name in (
        ("a", "circle", PALETTE[0], t("Reported by the first-named country")),
        ("b", "diamond", PALETTE[5], t("Reported by the second-named country")),
    ):
        column = f"by_{side}_usd_m"
        present = rows[rows[column].notna()]
        figure.add_trace(
            go.Scatter(
                x=present[column],
                y=[
                    category[(str(r["country_a"]), str(r["country_b"]))]
                    for r in present.to_dict("records")
                ],
                mode="markers",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 12,
                    "color": colour,
                    "line": {"color": "white", "width": 1},
                },
                hovertext=[
                    t(
                        "{country} reports {amount}",
                        country=names.get(str(r[f"country_{side}"]), str(r[f"country_{side}"])),
                        amount=format_usd_m(float(r[column])),
                    )
                    for r in present.to_dict("records")
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.update_xaxes(
        title_text=t("USD million, log scale"), type="log", dtick=1, tickformat=VALUE_TICKS
    )
    figure.update_yaxes(autorange="reversed", ticksuffix=" ")
    figure.update_layout(height=max(300, 52 * len(rows) + 180))
    legend_above(figure, top_margin_px=110)
    return styled(figure, title)


COVERAGE_STYLE = {
    BOTH_SIDES: ("square", PALETTE[2]),
    ONE_SIDE: ("circle", PALETTE[0]),
    UNSPECIFIED_ONLY: ("circle-open", PALETTE[3]),
    PARTIAL_ONLY: ("diamond-open", PALETTE[5]),
}


def coverage_figure(
    grid: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    names: Mapping[str, str],
    selected_year: int,
    title: str,
) -> go.Figure:
    """Draw which values exist for each pair and year; an empty cell is a gap.

    Args:
        grid: output of `flows.coverage` (year, country_a, country_b, status, full_reporters,
            partial_months).
        pairs: every pair, in display order.
        names: ISO3 -> country name.
        selected_year: the year shown above, highlighted.
        title: chart title.

    Returns:
        The figure: x = year, y = pair; a marker shape and colour per kind of coverage.
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
        rows = grid[grid["status"] == status]
        symbol, colour = COVERAGE_STYLE[status]
        hover = []
        for row in rows.to_dict("records"):
            reporters = [
                reporter_name(code, names) for code in str(row["full_reporters"]).split(";") if code
            ]
            parts = [
                t(
                    "{pair}, {year}",
                    pair=pair_label(str(row["country_a"]), str(row["country_b"]), names),
                    year=int(row["year"]),
                )
            ]
            if reporters:
                parts.append(
                    t("Full year reported by: {reporters}", reporters=", ".join(reporters))
                )
            if row["partial_months"] is not None and not pd.isna(row["partial_months"]):
                parts.append(
                    t("Part of the year: {months}", months=months_label(int(row["partial_months"])))
                )
            hover.append("<br>".join(parts))
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=[f"{r['country_a']}–{r['country_b']}" for r in rows.to_dict("records")],
                mode="markers",
                name=status_names[status],
                marker={
                    "symbol": symbol,
                    "size": 11,
                    "color": colour,
                    "line": {"color": colour, "width": 2},
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
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
    figure.update_layout(height=520, legend={"y": -0.2}, hovermode="closest")
    return styled(figure, title)


def rule_cell_texts(
    pairs: pd.DataFrame,
    order: Sequence[str],
    names: Mapping[str, str],
    source_titles: Mapping[str, str],
    year: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the hover text and the gap note of every cell of the reporter-rule matrix.

    Args:
        pairs: output of `flows.pair_values` for `year`.
        order: ISO3 codes of the matrix rows and columns.
        names: ISO3 -> country name.
        source_titles: source_id -> title.
        year: the year shown.

    Returns:
        (hover, notes): frames indexed and labelled by ISO3 like the matrix. A gap's note names
        the partial-year value where one exists ('Jan–Nov only: 40'), else 'no data'.
    """
    hover = pd.DataFrame("", index=list(order), columns=list(order), dtype="object")
    notes = pd.DataFrame("", index=list(order), columns=list(order), dtype="object")
    for row in pairs.to_dict("records"):
        a, b = str(row["country_a"]), str(row["country_b"])
        label = pair_label(a, b, names)
        titles = "; ".join(
            source_titles.get(source, source) for source in str(row["source_ids"]).split(";")
        )
        if not math.isnan(float(row["value_usd_m"])):
            text = "<br>".join(
                [
                    f"<b>{label}, {year}</b>",
                    _qualified_m(float(row["value_usd_m"]), row["qualifier"]),
                    t("Reported by {reporter}", reporter=reporter_name(row["reporter"], names)),
                    t("Source: {titles}", titles=titles),
                ]
            )
            note = ""
        elif not math.isnan(float(row["partial_value_usd_m"])):
            months = months_label(int(row["partial_months"]))
            partial_titles = "; ".join(
                source_titles.get(source, source)
                for source in str(row["partial_source_ids"]).split(";")
            )
            text = "<br>".join(
                [
                    f"<b>{label}, {year}</b>",
                    t("No full-year value."),
                    t(
                        "{months} only: {amount}, reported by {reporter}",
                        months=months,
                        amount=_qualified_m(
                            float(row["partial_value_usd_m"]), row["partial_qualifier"]
                        ),
                        reporter=reporter_name(row["partial_reporter"], names),
                    ),
                    t("Source: {titles}", titles=partial_titles),
                ]
            )
            # A matrix cell is narrow on a phone: a long month range breaks after its dash.
            note = t(
                "{months}<br>{amount}",
                months=months.replace("–", "–<br>") if len(months) > CELL_CHARS else months,
                amount=format_usd_m_compact(float(row["partial_value_usd_m"])),
            )
        else:
            text = t("{pair}, {year}: no value found", pair=label, year=year)
            note = t("no data")
        for first, second in ((a, b), (b, a)):
            hover.loc[first, second] = text
            notes.loc[first, second] = note
    return hover, notes


def side_cell_texts(
    sides: pd.DataFrame, names: Mapping[str, str], year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the hover text and gap note of every cell of the each-side matrix.

    Args:
        sides: output of `flows.side_values` (reporter x partner, USD million).
        names: ISO3 -> country name.
        year: the year shown.

    Returns:
        (hover, notes), shaped like `sides`.
    """
    hover = pd.DataFrame("", index=sides.index, columns=sides.columns, dtype="object")
    notes = pd.DataFrame("", index=sides.index, columns=sides.columns, dtype="object")
    values = sides.to_numpy(dtype="float64")
    for i, reporter in enumerate(sides.index):
        for j, partner in enumerate(sides.columns):
            if reporter == partner:
                continue
            value = values[i, j]
            country, other = names.get(str(reporter), reporter), names.get(str(partner), partner)
            if math.isnan(value):
                hover.loc[reporter, partner] = t(
                    "{country} gives no full-year value for trade with {partner} in {year}",
                    country=country,
                    partner=other,
                    year=year,
                )
                notes.loc[reporter, partner] = t("no data")
            else:
                hover.loc[reporter, partner] = t(
                    "{country} reports {amount} of trade with {partner} in {year}",
                    country=country,
                    amount=format_usd_m(float(value)),
                    partner=other,
                    year=year,
                )
    return hover, notes
