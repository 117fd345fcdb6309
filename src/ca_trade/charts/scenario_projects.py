"""Scenario charts of the projects: what each adds to trade, and when each lands.

Pure functions: frames from `ca_trade.scenario` in, `go.Figure` out, styled by the one template.
Amounts are USD billion a year; a negative one (a project that displaces trade among the five)
is written with a true minus in labels and hovers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.scenario import GROUP_COLOURS, empty_figure, year_line
from ca_trade.charts.theme import INK, MUTED, styled, wrap_label
from ca_trade.format import format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.projects import type_label
from ca_trade.present.scenario import format_effect
from ca_trade.scenario.path import start_year

# Projects of one group share a colour; the fill pattern tells them apart.
PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")


def _moving_series(contributions: pd.DataFrame) -> list[tuple[str, str, list[int], list[float]]]:
    """Return (group, project_id, years, values) of each project whose contribution moves.

    Ordered by group (largest at the last year first), then by project likewise. Plain arrays
    rather than pandas grouping: this runs on every slider move.
    """
    ids = contributions["project_id"].to_numpy(dtype=object)
    groups = contributions["group"].to_numpy(dtype=object)
    years = contributions["year"].to_numpy(dtype="int64")
    values = contributions["contribution_usd_bn"].to_numpy(dtype="float64")
    series: list[tuple[str, str, list[int], list[float]]] = []
    for project_id in dict.fromkeys(ids.tolist()):
        rows = ids == project_id
        if not (abs(values[rows]) > 1e-12).any():
            continue
        order = years[rows].argsort()
        series.append(
            (
                str(groups[rows][0]),
                str(project_id),
                years[rows][order].tolist(),
                values[rows][order].tolist(),
            )
        )
    group_size: dict[str, float] = {}
    for group, _, _, ys in series:
        group_size[group] = group_size.get(group, 0.0) + ys[-1]
    series.sort(key=lambda item: (-group_size[item[0]], item[0], -item[3][-1], item[1]))
    return series


def contribution_figure(
    contributions: pd.DataFrame,
    names: Mapping[str, str],
    target_year: int,
    empty_note: str | None = None,
) -> go.Figure:
    """Stack what each counted project adds to trade, year by year, grouped by project group.

    Args:
        contributions: output of `ca_trade.scenario.project_contributions` (USD billion a year);
            projects whose contribution is zero throughout are left out.
        names: project name by project id.
        target_year: marked with a vertical line, with the total added in that year.
        empty_note: what to say when no project moves (default: none is counted).

    Returns:
        The figure: x = year, y = USD billion a year added to trade; one stacked area per
        project, named in the legend under its group.
    """
    title = t("What the projects add to trade")
    series = _moving_series(contributions)
    if not series:
        note = empty_note or t("No project effect is counted with these settings.")
        return empty_figure(note, title, 260)
    traces: list[go.Scatter] = []
    pattern_index: dict[str, int] = {}
    totals: dict[int, float] = {}
    for group, project_id, years, values in series:
        colour = GROUP_COLOURS.get(group, MUTED)
        index = pattern_index.get(group, 0)
        pattern_index[group] = index + 1
        name = names.get(project_id, project_id)
        for year, value in zip(years, values, strict=True):
            totals[year] = totals.get(year, 0.0) + value
        traces.append(
            go.Scatter(
                x=years,
                y=values,
                mode="lines",
                stackgroup="projects",
                name=wrap_label(name, 40),
                legendgroup=group,
                legendgrouptitle={"text": type_label(group)},
                line={"color": colour, "width": 1},
                fillcolor=colour,
                fillpattern={
                    "shape": PATTERNS[index % len(PATTERNS)],
                    "fgcolor": "white",
                    "solidity": 0.3,
                },
                # Per point, so a negative contribution is written '−$0.05bn', not '+$-0.05bn'.
                hovertext=[
                    t(
                        "{project} ({group}): {amount}",
                        project=name,
                        group=type_label(group),
                        amount=format_usd_bn(value, 2, signed=True),
                    )
                    for value in values
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    at_target = totals.get(target_year, 0.0)
    top = max(totals.values())
    layout = {
        "shapes": [year_line(target_year)],
        "annotations": [
            {
                "x": target_year,
                "y": at_target,
                "xref": "x",
                "yref": "y",
                "text": t(
                    "{year}: {amount} added",
                    year=target_year,
                    amount=format_usd_bn(at_target, 2, signed=True),
                ),
                "showarrow": True,
                "arrowhead": 2,
                # Near the right edge the note sits further left, so it is not cut off.
                "ax": -90 if target_year > max(totals) - 3 else -40,
                "ay": -30,
                "font": {"color": INK, "size": 12},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        ],
        "height": 460,
        "hovermode": "x unified",
        # Below the years, growing downwards: on a phone the legend wraps to many rows, which
        # would otherwise cover an axis title or scroll out of sight (the ticks say 'year').
        "legend": {
            "y": -0.22,
            "yanchor": "top",
            "maxheight": 600,
            "font": {"size": 12},
            "groupclick": "toggleitem",
        },
        "margin": {"t": 50},
        "xaxis": {
            "range": [min(totals) - 0.3, max(totals) + 0.3],
            "tickformat": "d",
            "showgrid": False,
            "ticks": "outside",
        },
        "yaxis": {
            "title": {"text": t("USD billion a year")},
            "range": [min(0.0, min(totals.values()) * 1.1), max(top * 1.2, 0.05)],
            "linecolor": INK,
        },
    }
    return styled(go.Figure(data=traces, layout=layout), title)


def contribution_table(contributions: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Return the values behind the contribution chart: year, project, group, USD billion a year."""
    table = contributions.copy()
    table.insert(2, "project", [names.get(p, p) for p in table["project_id"].astype(str)])
    return table.reset_index(drop=True)


def landing_table(
    effects: pd.DataFrame,
    shown: Sequence[str],
    names: Mapping[str, str],
    *,
    base_year: int,
    delay_years: int,
    target_year: int,
) -> pd.DataFrame:
    """Return when each shown project's effect starts and is full, with its full level.

    Args:
        effects: output of `ca_trade.scenario.project_effects` (central values).
        shown: the project ids to include (e.g. `projects_with_effect`), in any order.
        names: project name by project id.
        base_year: base year of the projection.
        delay_years: delay added to completions after the base year.
        target_year: the year by which the goal is to be reached.

    Returns:
        One row per project, by start year: project_id, project, group, completion_year,
        start_year (completion plus delay), full_year (last year of the ramp),
        full_effect_usd_bn (USD billion a year), by_target_year (whether it starts by then).
    """
    rows = effects[effects["project_id"].isin(list(shown)) & effects["counted"]]
    records = []
    for row in rows.to_dict("records"):
        completion = int(row["completion_year"])
        start = start_year(completion, base_year, delay_years)
        ramp = max(1, math.ceil(float(row["ramp_years"])))
        records.append(
            {
                "project_id": str(row["project_id"]),
                "project": names.get(str(row["project_id"]), str(row["project_id"])),
                "group": str(row["group"]),
                "completion_year": completion,
                "start_year": start,
                "full_year": start + ramp - 1,
                "full_effect_usd_bn": float(row["full_effect_usd_bn"]),
                "by_target_year": start <= target_year,
            }
        )
    columns = [
        "project_id",
        "project",
        "group",
        "completion_year",
        "start_year",
        "full_year",
        "full_effect_usd_bn",
        "by_target_year",
    ]
    table = pd.DataFrame(records, columns=columns)
    return table.sort_values(["start_year", "project"], kind="stable").reset_index(drop=True)


def timeline_figure(
    landings: pd.DataFrame, target_year: int, horizon_year: int, empty_note: str | None = None
) -> go.Figure:
    """Draw when each counted project lands and reaches its full effect, against the target year.

    Args:
        landings: output of `landing_table`.
        target_year: the year by which the goal is to be reached (a vertical line).
        horizon_year: last year projected.
        empty_note: what to say when no project is listed (default: none is counted).

    Returns:
        The figure: x = year; one row per project, named above its bar, from the start of its
        effect (circle) to its full level (diamond), labelled with the full effect in USD billion
        a year. Projects that start after the target year are grey with open symbols.
    """
    title = t("When the projects land")
    if landings.empty:
        note = empty_note or t("No project effect is counted with these settings.")
        return empty_figure(note, title, 220)
    records = landings.to_dict("records")
    rows = [str(r["project_id"]) for r in records]
    first = int(min(landings["start_year"].min(), landings["completion_year"].min()))
    left = min(first, target_year) - 0.8
    traces: list[go.Scatter] = []
    delayed = [r for r in records if r["start_year"] != r["completion_year"]]
    if delayed:
        traces.append(
            go.Scatter(
                x=[int(r["completion_year"]) for r in delayed],
                y=[str(r["project_id"]) for r in delayed],
                mode="markers",
                name=t("Completion year stated, before the delay"),
                marker={"symbol": "x-thin-open", "size": 11, "color": MUTED, "line": {"width": 2}},
                hovertemplate=t("Stated completion: %{x}") + "<extra></extra>",
            )
        )
    for by_target, symbol_start, symbol_full in (
        (True, "circle", "diamond"),
        (False, "circle-open", "diamond-open"),
    ):
        part = [r for r in records if bool(r["by_target_year"]) == by_target]
        if not part:
            continue
        xs: list[int | None] = []
        ys: list[str | None] = []
        for r in part:
            xs += [int(r["start_year"]), min(int(r["full_year"]), horizon_year), None]
            ys += [str(r["project_id"]), str(r["project_id"]), None]
        colours = [GROUP_COLOURS.get(str(r["group"]), MUTED) if by_target else MUTED for r in part]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": INK if by_target else MUTED, "width": 3},
                name=t("Ramp-up"),
                showlegend=False,
                hoverinfo="skip",
            )
        )
        hover = [
            t(
                "{project}: effect from {start}, full from {full} at {amount} a year",
                project=r["project"],
                start=int(r["start_year"]),
                full=int(r["full_year"]),
                amount=format_effect(float(r["full_effect_usd_bn"])),
            )
            for r in part
        ]
        traces.append(
            go.Scatter(
                x=[int(r["start_year"]) for r in part],
                y=[str(r["project_id"]) for r in part],
                mode="markers",
                marker={"symbol": symbol_start, "size": 12, "color": colours, "line": {"width": 2}},
                name=t("Effect starts")
                if by_target
                else wrap_label(t("Lands after the target year (grey, open symbols)"), 36),
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        traces.append(
            go.Scatter(
                x=[min(int(r["full_year"]), horizon_year) for r in part],
                y=[str(r["project_id"]) for r in part],
                mode="markers+text",
                marker={"symbol": symbol_full, "size": 12, "color": colours, "line": {"width": 2}},
                text=[format_effect(float(r["full_effect_usd_bn"]), signed=True) for r in part],
                textposition="middle right",
                textfont={"size": 12, "color": INK if by_target else MUTED},
                name=wrap_label(t("Full effect, USD billion a year"), 36),
                showlegend=by_target,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    # Names sit above their bars rather than on the axis, so a phone keeps the plot wide.
    names = [
        {
            "x": left,
            "y": str(r["project_id"]),
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": 9,
            "align": "left",
            "text": wrap_label(str(r["project"]), 38),
            "showarrow": False,
            "font": {"size": 12, "color": INK},
        }
        for r in records
    ]
    # Each row holds its name (up to three lines) above the bar: size the plot to fit them.
    most_lines = max(1 + str(note["text"]).count("<br>") for note in names)
    row_px = 36 + 16 * most_lines
    plot_px = row_px * (len(records) + 0.5)
    layout = {
        "height": int(plot_px) + 210,
        "hovermode": "closest",
        "shapes": [year_line(target_year)],
        "annotations": [
            *names,
            {
                "x": target_year,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "text": t("Target year {year}", year=target_year),
                "showarrow": False,
                "font": {"size": 12, "color": INK},
            },
        ],
        "legend": {"y": -40 / plot_px, "font": {"size": 12}},
        "margin": {"t": 70, "r": 60},
        "xaxis": {
            "range": [left, horizon_year + 1.5],
            "tickformat": "d",
            "ticks": "outside",
        },
        "yaxis": {
            "showgrid": False,
            "showticklabels": False,
            "categoryorder": "array",
            "categoryarray": rows,
            "range": [len(rows) - 0.4, -0.9],
        },
    }
    return styled(go.Figure(data=traces, layout=layout), title)
