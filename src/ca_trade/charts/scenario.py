"""Scenario charts: the projected path with its band, what the projects add, when they land.

Pure functions: frames from `ca_trade.scenario` in, `go.Figure` out, styled by the one template.
Every amount is USD billion a year, current prices. Colour is never the only cue: lines differ
by dash, areas by pattern, markers by symbol, and every trace is named in the legend or a label.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.theme import GRID, INK, MUTED, PALETTE, styled, wrap_label
from ca_trade.format import format_number, format_usd_bn
from ca_trade.i18n import localized, t
from ca_trade.present.projects import type_label
from ca_trade.progress import Goal
from ca_trade.scenario import GROUP_PREFIX, group_columns, start_year

TOTAL_COLOUR = PALETTE[0]
HISTORY_COLOUR = INK
GOAL_COLOUR = PALETTE[5]
BAND_FILL = "rgba(0, 114, 178, 0.16)"
CHART_HEIGHT_PX = 500
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
# Projects of one group share a colour; the fill pattern tells them apart.
PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")
LABEL_WIDTH = 30  # characters per line of a project name on the timeline's axis
PAIR_PARAMETER_PREFIX = "pair.trade_2023."  # then the pair's ISO3 codes: 'kaz_uzb'


def group_label(group: str) -> str:
    """Return the reader-facing name of a project group (the project `type`)."""
    return type_label(group)


def parameter_label(parameter: str, country_names: Mapping[str, str] | None = None) -> str:
    """Return the reader-facing name of an assumption parameter (e.g. 'hydro.generation_full').

    Args:
        parameter: the parameter, as in the assumptions table.
        country_names: country name by ISO3 code (in the current language), for the pair of a
            pair-trade parameter ('pair.trade_2023.kaz_uzb'); without it the codes are shown.
    """
    if parameter.startswith(PAIR_PARAMETER_PREFIX):
        codes = parameter.removeprefix(PAIR_PARAMETER_PREFIX).upper().split("_")
        names = country_names or {}
        pair = (
            " – ".join(names.get(code, code) for code in codes)
            if names
            else "–".join(codes)  # codes alone: 'KAZ–UZB'
        )
        return t("Trade of the pair {pair} in 2023", pair=pair)
    labels = {
        "corridor.days_saved": t("Days saved per shipment"),
        "effect.ramp_years": t("Years to reach the full effect"),
        "freight.additionality": t("Share of the added tonnage that is new trade"),
        "freight.intraregional_share": t("Share of the tonnage traded among the five"),
        "freight.value_per_tonne": t("Value of a tonne of freight"),
        "gas.domestic_projects_effect": t("Own effect of a domestic gas project"),
        "gas.line_d_offtake_tjk": t("Gas Tajikistan takes from Line D"),
        "gas.price_intraregional": t("Gas price within the region"),
        "gas.transit_projects_effect": t("Own effect of a transit gas project"),
        "gas.volume_new_tkm_uzb": t("Additional Turkmen gas for Uzbekistan"),
        "gas.volume_tkm_kaz_intended": t("Turkmen gas for Kazakhstan"),
        "gas.volume_tkm_uzb_contract": t("Existing Turkmen gas contract with Uzbekistan"),
        "hub.border_time_cut": t("Cut in border time at the hub"),
        "hub.intraregional_effect": t("Own effect of a hub trading outside the region"),
        "hub.share_of_pair_trade_via_crossing": t("Share of the pair's trade crossing at the hub"),
        "hub.turnover_default": t("Trade a hub adds at maturity"),
        "hydro.generation_current_stage": t("Output before completion"),
        "hydro.generation_full": t("Annual output at full operation"),
        "hydro.regional_export_share": t("Share of the output sold within the region"),
        "hydro.regional_export_share_pre_completion": t(
            "Share sold within the region before completion"
        ),
        "port.intraregional_effect": t("Own effect of a port"),
        "power.displacement_kgz_imports": t("Kyrgyz imports that new output can replace"),
        "power.displacement_tjk_existing": t("Existing Tajik exports displaced"),
        "power.kgz_imports_intraregional_share": t("Share of Kyrgyz imports bought in the region"),
        "power.price_contract": t("Contract price of electricity"),
        "power.price_default_uncontracted": t("Price of electricity (no contract published)"),
        "power.price_indexation": t("Yearly indexation of the contract price"),
        "power.price_kgz_imports": t("Price of the Kyrgyz imports displaced"),
        "power.price_tjk_uzb_2022": t("Price of existing Tajik sales to Uzbekistan"),
        "power.transmission_effect": t("Own effect of a power line"),
        "rail.additional_cargo": t("Cargo added by the line"),
        "rail.cargo_capacity": t("Cargo the line is to carry"),
        "tf.elasticity_importer_border_time": t("Trade rise per 10% cut in border time"),
        "tf.trade_loss_per_day": t("Trade lost per day of delay"),
    }
    return labels.get(parameter, parameter)


def applies_to_label(applies_to: str, names: Mapping[str, str]) -> str:
    """Return what an assumption row applies to: a project's name, a group's name, or all."""
    if applies_to == "all":
        return t("all projects")
    if applies_to in names:
        return names[applies_to]
    return group_label(applies_to)


@dataclass(frozen=True)
class AssumptionInput:
    """What the page needs to show one default assumption as a number input.

    Attributes:
        assumption_id: the row's id, also the widget key and URL parameter.
        section: the project group it belongs to, or 'all' for shared parameters.
        label: parameter, what it applies to, and unit.
        help: default value, basis (sourced, or illustrative with its range) and the row's note.
        value: the default value, in the row's unit.
        step: the input's step.
        number_format: printf format of the input.
        max_value: 1 for shares, else None.
    """

    assumption_id: str
    section: str
    label: str
    help: str
    value: float
    step: float
    number_format: str
    max_value: float | None


def _plain_number(value: float) -> str:
    """Return a number with up to four decimals and no trailing zeros, in the current language."""
    text = format_number(value, 4)
    return text.rstrip("0").rstrip(".,") if any(c in text for c in ".,") else text


def _input_step(value: float, high: float, unit: str) -> tuple[float, str]:
    """Return a number input's step and printf format for an assumption's value."""
    if unit.startswith("share"):
        return 0.01, "%.2f"
    text = f"{value:.6f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    if decimals:
        return 10.0**-decimals, f"%.{decimals}f"
    reference = max(abs(value), 0.0 if math.isnan(high) else abs(high))
    step = 10.0 ** max(0, math.floor(math.log10(reference)) - 1) if reference >= 100 else 1.0
    return step, "%.0f"


def assumption_inputs(
    defaults: pd.DataFrame,
    names: Mapping[str, str],
    types: Mapping[str, str],
    *,
    country_names: Mapping[str, str] | None = None,
) -> list[AssumptionInput]:
    """Describe each default assumption as a number input, ordered by section then file order.

    Args:
        defaults: the default rows of the assumptions table.
        names: project name by project id.
        types: project group (type) by project id.
        country_names: country name by ISO3 code, for pair-trade parameters.

    The unit and the note are read through `localized` (a `unit_ru`, `note_ru` column in the
    data translates them; without one they are shown as written).
    """
    inputs: list[AssumptionInput] = []
    records: list[dict[Hashable, Any]] = defaults.to_dict("records")
    for record in records:
        applies_to = str(record["applies_to"])
        value = float(record["value"])
        low = float(record["low"]) if pd.notna(record["low"]) else math.nan
        high = float(record["high"]) if pd.notna(record["high"]) else math.nan
        unit = str(record["unit"])
        step, number_format = _input_step(value, high, unit)
        if record["basis"] == "sourced":
            basis = t("sourced")
        elif math.isnan(low) and math.isnan(high):
            basis = t("illustrative")  # no range: nothing to print but dashes
        else:
            basis = t(
                "illustrative, range {low} to {high}",
                low=_plain_number(low) if not math.isnan(low) else "–",
                high=_plain_number(high) if not math.isnan(high) else "–",
            )
        note = localized(record, "note")
        inputs.append(
            AssumptionInput(
                assumption_id=str(record["assumption_id"]),
                section=types.get(applies_to, applies_to),
                label=t(
                    "{parameter}, {target} [{unit}]",
                    parameter=parameter_label(str(record["parameter"]), country_names),
                    target=applies_to_label(applies_to, names),
                    unit=localized(record, "unit"),
                ),
                help=t("Default {value} ({basis}).", value=_plain_number(value), basis=basis)
                + (f" {note}" if note else ""),
                value=value,
                step=step,
                number_format=number_format,
                max_value=1.0 if unit.startswith("share") else None,
            )
        )
    order = {section: i for i, section in enumerate(_section_order({i.section for i in inputs}))}
    return sorted(inputs, key=lambda item: order[item.section])


SECTION_ORDER = (
    "hydropower",
    "gas",
    "rail",
    "road",
    "hub",
    "power_transmission",
    "port",
    "water_energy",
    "all",
)


def _section_order(sections: set[str]) -> list[str]:
    """Return the sections: the groups with effects first, shared parameters last."""
    return sorted(
        sections,
        key=lambda s: (SECTION_ORDER.index(s) if s in SECTION_ORDER else len(SECTION_ORDER) - 1, s),
    )


def section_label(section: str) -> str:
    """Return the heading of an assumptions section: a group's name, or 'Shared'."""
    return t("Shared by several projects") if section == "all" else group_label(section)


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Break a long text into lines of about `width` characters."""
    return wrap_label(text, width)


def _usd_template(field: str = "y") -> str:
    """Return a hover template of an amount in USD billion in the current language."""
    return t("${value}bn", value=f"%{{{field}:.2f}}")


def format_effect(value_usd_bn: float) -> str:
    """Format a project's effect in USD billion: two decimals, three below $0.01bn."""
    decimals = 3 if 0 < abs(value_usd_bn) < 0.01 else 2
    return format_usd_bn(value_usd_bn, decimals)


def _year_line(year: int) -> dict[str, object]:
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


def _empty_figure(text: str, title: str, height: int) -> go.Figure:
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
    traces: list[go.Scatter] = []
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
    traces.append(
        go.Scatter(
            x=years,
            y=path["high"],
            mode="lines",
            line={"width": 0},
            name=t("High end of the band"),
            showlegend=False,
            hovertemplate=t("High: {amount}", amount=_usd_template()) + "<extra></extra>",
        )
    )
    traces.append(
        go.Scatter(
            x=years,
            y=path["low"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=BAND_FILL,
            name=t("Low–high band"),
            hovertemplate=t("Low: {amount}", amount=_usd_template()) + "<extra></extra>",
        )
    )
    effects = path[group_columns(path)].sum(axis=1)
    if bool((effects.abs() > 1e-12).any()):
        traces.append(
            go.Scatter(
                x=years,
                y=path["organic"],
                mode="lines",
                name=t("Organic growth alone"),
                line={"color": TOTAL_COLOUR, "width": 1.5, "dash": "dot"},
                hovertemplate=t("Organic growth alone: {amount}", amount=_usd_template())
                + "<extra></extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=years,
            y=path["total"],
            mode="lines+markers",
            name=t("Projected trade (central)"),
            line={"color": TOTAL_COLOUR, "width": 3},
            marker={"size": 5, "color": TOTAL_COLOUR},
            hovertemplate=t("Projected: {amount}", amount=_usd_template()) + "<extra></extra>",
        )
    )
    traces.append(
        go.Scatter(
            x=history["year"].astype(int).tolist(),
            y=history["value_usd_bn"].astype(float).tolist(),
            mode="lines+markers",
            name=t("Official figures (headline series)"),
            line={"color": HISTORY_COLOUR, "width": 2},
            marker={"symbol": "square", "size": 8, "color": HISTORY_COLOUR},
            hovertemplate=t("Official: {amount}", amount=_usd_template()) + "<extra></extra>",
        )
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
    shapes.append(_year_line(target_year))
    notes.append(
        {
            "x": target_year,
            "y": 0.93,
            "xref": "x",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "top",
            "xshift": 4,
            "text": t("Target year {year}", year=target_year),
            "showarrow": False,
            "font": {"color": INK, "size": 12},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
    )
    if reached_year is not None:
        value = float(path.loc[path["year"] == reached_year, "total"].iloc[0])
        traces.append(
            go.Scatter(
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
        "margin": {"t": 50},
        "shapes": shapes,
        "annotations": notes,
        "xaxis": {
            "title": {"text": t("Year")},
            "range": [first_year - 0.5, horizon + 0.5],
            "tickformat": "d",
            "nticks": 10,
            "showgrid": False,
            "ticks": "outside",
        },
        "yaxis": {
            "title": {"text": t("USD billion a year, current prices")},
            "range": [0, top * 1.08],
            "linecolor": INK,
        },
    }
    return styled(go.Figure(data=traces, layout=layout), t("Projected trade and the goals"))


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
        return _empty_figure(note, title, 260)
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
                name=_wrap(name, 40),
                legendgroup=group,
                legendgrouptitle={"text": group_label(group)},
                line={"color": colour, "width": 1},
                fillcolor=colour,
                fillpattern={
                    "shape": PATTERNS[index % len(PATTERNS)],
                    "fgcolor": "white",
                    "solidity": 0.3,
                },
                hovertemplate=t(
                    "{project} ({group}): {amount}",
                    project=name,
                    group=group_label(group),
                    amount="+" + _usd_template(),
                )
                + "<extra></extra>",
            )
        )
    at_target = totals.get(target_year, 0.0)
    top = max(totals.values())
    layout = {
        "shapes": [_year_line(target_year)],
        "annotations": [
            {
                "x": target_year,
                "y": at_target,
                "xref": "x",
                "yref": "y",
                "text": t(
                    "{year}: {amount} added",
                    year=target_year,
                    amount="+" + format_usd_bn(at_target, 2),
                ),
                "showarrow": True,
                "arrowhead": 2,
                "ax": -40,
                "ay": -30,
                "font": {"color": INK, "size": 12},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        ],
        "height": 420,
        "hovermode": "x unified",
        "legend": {"y": -0.3, "font": {"size": 12}, "groupclick": "toggleitem"},
        "margin": {"t": 50},
        "xaxis": {
            "title": {"text": t("Year")},
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
        return _empty_figure(note, title, 220)
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
                else _wrap(t("Lands after the target year (grey, open symbols)"), 36),
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
                text=["+" + format_effect(float(r["full_effect_usd_bn"])) for r in part],
                textposition="middle right",
                textfont={"size": 12, "color": INK if by_target else MUTED},
                name=_wrap(t("Full effect, USD billion a year"), 36),
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
            "text": _wrap(str(r["project"]), 38),
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
        "shapes": [_year_line(target_year)],
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
