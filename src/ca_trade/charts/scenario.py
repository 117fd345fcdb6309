"""Scenario chart: the projected path with its band, the official history and the goals.

Pure functions: frames from `ca_trade.scenario` in, `go.Figure` out, styled by the one template.
Every amount is USD billion a year, current prices. Colour is never the only cue: lines differ
by dash, areas by pattern, markers by symbol, and every trace is named in the legend or a label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.theme import GRID, INK, MUTED, PALETTE, styled
from ca_trade.format import format_usd_bn, usd_bn_hover
from ca_trade.i18n import t
from ca_trade.progress import Goal
from ca_trade.scenario.path import GROUP_PREFIX, group_columns

TOTAL_COLOUR = PALETTE[0]
HISTORY_COLOUR = INK
GOAL_COLOUR = PALETTE[5]
BAND_FILL = "rgba(0, 114, 178, 0.16)"
CHART_HEIGHT_PX = 500
PROJECTION_MARGIN_LEFT_PX = 60
PROJECTION_MARGIN_BOTTOM_PX = 130
GROUP_COLOURS = {
    "hydropower": PALETTE[0],
    "gas": PALETTE[1],
    "rail": PALETTE[2],
    "road": PALETTE[3],
    "hub": PALETTE[5],
    "power_transmission": PALETTE[4],
    "port": "#8C6D00",
    "water_energy": PALETTE[7],
}


def year_line(year: int) -> dict[str, object]:
    """Return a vertical dash-dot line at `year` across the plot, as a layout shape."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": year,
        "x1": year,
        "y0": 0,
        "y1": 1,
        "layer": "below",
        "line": {"color": INK, "width": 1.5, "dash": "dashdot"},
    }


def empty_figure(text: str, title: str, height: int) -> go.Figure:
    """Return a chart with no data and a note in its middle."""
    layout = {
        "height": height,
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "annotations": [
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": text,
                "showarrow": False,
                "font": {"size": 14, "color": MUTED},
            }
        ],
    }
    return styled(go.Figure(layout=layout), title)


def projection_figure(
    path: pd.DataFrame,
    history: pd.DataFrame,
    goals: Sequence[Goal],
    goal_usd_bn: float,
    target_year: int,
    reached_year: int | None,
) -> go.Figure:
    """Draw the projected path with its low-high band, the official history and the goals.

    Args:
        path: output of `ca_trade.scenario.project_path` (USD billion a year).
        history: the official headline figures (`progress.headline_line`): year, value_usd_bn.
        goals: the goals to draw as horizontal lines; the one equal to `goal_usd_bn` is marked.
        goal_usd_bn: the goal chosen, USD billion.
        target_year: the year by which the goal is to be reached (a vertical line).
        reached_year: first year the central path reaches the goal, or None.

    Returns:
        The figure: x = year, y = USD billion a year (current prices).
    """
    traces: list[dict[str, object]] = []
    years = path["year"].astype(int).tolist()
    base_year, horizon = years[0], years[-1]
    first_year = min([base_year, *history["year"].astype(int).tolist()])
    # Shapes and notes go in at once: plotly's add_hline/add_vline are slow.
    shapes: list[dict[str, object]] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": base_year,
            "x1": horizon + 0.5,
            "y0": 0,
            "y1": 1,
            "fillcolor": GRID,
            "opacity": 0.35,
            "layer": "below",
            "line": {"width": 0},
        }
    ]
    notes: list[dict[str, object]] = [
        {
            "x": base_year,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "top",
            "xshift": 4,
            "text": t("Projection: a model, not data"),
            "font": {"color": MUTED, "size": 12},
            "showarrow": False,
        }
    ]

    def line(name: str, y: list[float], hover: str, **style: object) -> None:
        """Add a line over the projected years (unless `style` gives x), with its hover text."""
        template = hover + "<extra></extra>"
        traces.append(
            dict(type="scatter", x=years, y=y, mode="lines", name=name, hovertemplate=template)
            | style
        )

    low, high = path["low"].tolist(), path["high"].tolist()
    # The band is one closed shape (its ends are in the central line's hover): plotly redraws it
    # much faster than two lines filled between, on every growth step.
    line(
        t("Low–high band"),
        [*high, *low[::-1]],
        "",
        x=[*years, *years[::-1]],
        line={"width": 0},
        fill="toself",
        fillcolor=BAND_FILL,
        hoverinfo="skip",
    )
    effects = path[group_columns(path)].sum(axis=1)
    if bool((effects.abs() > 1e-12).any()):
        line(
            t("Organic growth alone"),
            path["organic"].tolist(),
            t("Organic growth alone: {amount}", amount=usd_bn_hover()),
            line={"color": TOTAL_COLOUR, "width": 1.5, "dash": "dot"},
        )
    line(
        t("Projected trade (central)"),
        path["total"].tolist(),
        t(
            "Projected: {amount} (band {low} to {high})",
            amount=usd_bn_hover(),
            low=usd_bn_hover("customdata[0]"),
            high=usd_bn_hover("customdata[1]"),
        ),
        customdata=[[a, b] for a, b in zip(low, high, strict=True)],
        mode="lines+markers",
        line={"color": TOTAL_COLOUR, "width": 3},
        marker={"size": 5, "color": TOTAL_COLOUR},
    )
    line(
        t("Official figures (headline series)"),
        history["value_usd_bn"].astype(float).tolist(),
        t("Official: {amount}", amount=usd_bn_hover()),
        x=history["year"].astype(int).tolist(),
        mode="lines+markers",
        line={"color": HISTORY_COLOUR, "width": 2},
        marker={"symbol": "square", "size": 8, "color": HISTORY_COLOUR},
    )
    for goal in goals:
        chosen = math.isclose(goal.value_usd_bn, goal_usd_bn)
        label = t("{amount} goal", amount=format_usd_bn(goal.value_usd_bn, 0))
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": goal.value_usd_bn,
                "y1": goal.value_usd_bn,
                "layer": "below",
                "line": {
                    "color": GOAL_COLOUR if chosen else MUTED,
                    "width": 2.5 if chosen else 1,
                    "dash": "dash" if chosen else "dot",
                },
            }
        )
        notes.append(
            {
                "x": first_year - 0.4,
                "y": goal.value_usd_bn,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "bottom",
                "text": f"<b>{label}</b>" if chosen else label,
                "showarrow": False,
                "font": {"color": GOAL_COLOUR if chosen else MUTED, "size": 12},
            }
        )
    shapes.append(year_line(target_year))
    near_end = target_year > horizon - 3
    notes.append(
        {
            "x": target_year,
            "y": 0.93,
            "xref": "x",
            "yref": "paper",
            # Near the right edge the label goes left of its line, so it is not cut off.
            "xanchor": "right" if near_end else "left",
            "yanchor": "top",
            "xshift": -4 if near_end else 4,
            "text": t("Target year {year}", year=target_year),
            "showarrow": False,
            "font": {"color": INK, "size": 12},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
    )
    if reached_year is not None:
        value = float(path.loc[path["year"] == reached_year, "total"].iloc[0])
        traces.append(
            dict(
                type="scatter",
                x=[reached_year],
                y=[value],
                mode="markers",
                name=t("Goal reached ({year})", year=reached_year),
                marker={
                    "symbol": "star",
                    "size": 16,
                    "color": GOAL_COLOUR,
                    "line": {"color": INK, "width": 1},
                },
                hovertemplate=t("Goal reached in {year}", year=reached_year) + "<extra></extra>",
            )
        )
    top = max(float(path["high"].max()), *(g.value_usd_bn for g in goals))
    # One constructor call: adding traces and updating the layout piecemeal is several times
    # slower, and this runs on every slider move.
    layout = {
        "height": CHART_HEIGHT_PX,
        "hovermode": "x unified",
        "legend": {"y": -0.2, "font": {"size": 12}},
        # Margins that already fit the axis titles and the legend below (at 1400 px): plotly
        # draws once. From the template's narrow ones, automargin grows them and plotly draws
        # the chart a second time, on every update; the axes' automargin is off as well, since
        # measuring their labels for it took a quarter of the browser's work on a growth step.
        "margin": {"t": 50, "l": PROJECTION_MARGIN_LEFT_PX, "b": PROJECTION_MARGIN_BOTTOM_PX},
        "shapes": shapes,
        "annotations": notes,
        "xaxis": {
            "title": {"text": t("Year")},
            "range": [first_year - 0.5, horizon + 0.5],
            "tickformat": "d",
            "nticks": 10,
            "showgrid": False,
            "ticks": "outside",
            "automargin": False,
        },
        "yaxis": {
            "title": {"text": t("USD billion a year, current prices")},
            "range": [0, top * 1.08],
            "linecolor": INK,
            "automargin": False,
        },
    }
    # Not validated: it re-checks every attribute (~20 ms, a third of a growth step's run); the
    # tests validate this figure instead.
    figure = go.Figure({"data": traces, "layout": layout}, _validate=False)
    return styled(figure, t("Projected trade and the goals"))


def projection_table(path: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Return the values behind the projection chart, one row per year (USD billion a year).

    Columns: year, official_usd_bn (the headline figure, where there is one), organic_usd_bn,
    one `<group>_usd_bn` per project group, total_usd_bn, low_usd_bn, high_usd_bn.
    """
    table = path.rename(
        columns={
            **{c: f"{c.removeprefix(GROUP_PREFIX)}_usd_bn" for c in group_columns(path)},
            "organic": "organic_usd_bn",
            "total": "total_usd_bn",
            "low": "low_usd_bn",
            "high": "high_usd_bn",
        }
    )
    official = history.rename(columns={"value_usd_bn": "official_usd_bn"})[
        ["year", "official_usd_bn"]
    ]
    merged = official.merge(table, on="year", how="outer").sort_values("year")
    columns = [
        "year",
        "official_usd_bn",
        *[c for c in merged.columns if c not in {"year", "official_usd_bn"}],
    ]
    return merged[columns].reset_index(drop=True)
