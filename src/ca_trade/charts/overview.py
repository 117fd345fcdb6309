"""Overview chart: the official series, every cited figure, the goals, the required path, summits."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.annotations import fit_margins, with_cutoff, year_fraction
from ca_trade.charts.theme import GRID, INK, MUTED, PALETTE, styled, wrap_label
from ca_trade.estimate import ChainEstimate
from ca_trade.format import (
    format_full_date,
    format_month_year,
    format_percent,
    format_usd_bn,
    qualified,
)
from ca_trade.i18n import localized, t
from ca_trade.present.cutoff import cutoff_line_label, cutoff_note
from ca_trade.present.estimate import estimate_label, estimate_range
from ca_trade.progress import FULL_YEAR_MONTHS, HEADLINE_SCOPE, Goal, GoalAssessment, required_path
from ca_trade.release import DataCutoff

SERIES_COLOUR = PALETTE[0]
ESTIMATE_COLOUR = PALETTE[2]
GOAL_COLOUR = PALETTE[5]
EVENT_COLOUR = MUTED
OTHER_COLOUR = "#555555"
CHART_HEIGHT_PX = 560
HOVER = "%{hovertext}<extra></extra>"
# Cited figures by series ('partial': part of a year): symbol, colour, size.
MARKER_STYLES = {
    "headline": ("circle", SERIES_COLOUR, 10),
    "headline_soft": ("circle-open", SERIES_COLOUR, 10),
    "other": ("x-thin-open", OTHER_COLOUR, 9),
    "partial": ("square-open", OTHER_COLOUR, 8),
}
CITED_COLUMNS = ["year", "months", "value_usd_bn", "qualifier", "series", "speaker"]
CITED_COLUMNS += ["source_title", "source_url", "note"]
# A lower bound ("more than") points upwards, whatever the kind of figure.
LOWER_BOUND_SYMBOLS = {
    "circle": "triangle-up",
    "circle-open": "triangle-up-open",
    "x-thin-open": "y-up-open",
    "square-open": "arrow-bar-up-open",
}


def cited_figures(totals: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return every region-wide (CA5) figure with its source, one row per statement, by year:
    CITED_COLUMNS (speaker and note in the interface language where the data have it)."""
    regional = totals[totals["scope"] == HEADLINE_SCOPE]
    rows = regional.assign(
        speaker=localized(regional, "speaker"), note=localized(regional, "note")
    ).merge(sources[["source_id", "title", "url"]], on="source_id", how="left")
    cited = rows.rename(columns={"title": "source_title", "url": "source_url"})[CITED_COLUMNS]
    return cited.sort_values(["year", "series"], kind="stable").reset_index(drop=True)


def _grouped_markers(figures: pd.DataFrame) -> list[dict[str, Any]]:
    """Merge statements of the same year, value and qualifier into one marker naming them all."""
    groups: dict[tuple[int, float, str], list[dict[Hashable, Any]]] = {}
    for row in figures.to_dict("records"):
        key = (int(row["year"]), float(row["value_usd_bn"]), str(row["qualifier"]))
        groups.setdefault(key, []).append(row)
    markers = []
    for (year, value, qualifier), rows in groups.items():
        names = "<br>".join(f"• {localized(row, 'speaker')}" for row in rows)
        heading = t(
            "{year}: {amount}", year=year, amount=qualified(format_usd_bn(value), qualifier)
        )
        count = t("{count} statements", count=len(rows)) if len(rows) > 1 else ""
        hover = f"<b>{heading}</b> {count}<br>{names}"
        markers.append({"year": year, "value": value, "qualifier": qualifier, "hover": hover})
    return markers


def _marker_trace(
    figures: pd.DataFrame, name: str, symbol: str, colour: str, size: int
) -> go.Scatter:
    """One scatter trace of cited figures; a lower bound ('more than') points upwards."""
    markers = _grouped_markers(figures)
    lower = LOWER_BOUND_SYMBOLS.get(symbol, symbol)
    symbols = [lower if m["qualifier"] == "lower_bound" else symbol for m in markers]
    return go.Scatter(
        x=[m["year"] for m in markers],
        y=[m["value"] for m in markers],
        mode="markers",
        name=name,
        marker={
            "symbol": symbols,
            "size": size,
            "color": colour,
            "line": {"width": 1.5, "color": colour},
        },
        hovertext=[m["hover"] for m in markers],
        hovertemplate=HOVER,
    )


def progress_figure(
    figures: pd.DataFrame,
    line: pd.DataFrame,
    goals: Sequence[Goal],
    assessment: GoalAssessment,
    events: pd.DataFrame,
    estimates: Sequence[ChainEstimate] = (),
    cutoff: DataCutoff | None = None,
) -> go.Figure:
    """Draw the official series against the goals, with the required path and the summits.

    `figures` is `cited_figures`, `line` `progress.headline_line` (USD billion); the goal
    assessed is highlighted, with the path it requires until it is met. `events` are the
    Consultative Meetings; the `estimates` (`estimate.chain_estimates`) with a value are a marker
    of their own with their range. With `cutoff`, the chart is stamped with the data's cut-off.
    """
    figure = go.Figure()
    latest = assessment.latest
    target_year = assessment.target_year
    goal_value = assessment.goal.value_usd_bn
    path = None
    if not assessment.met:
        path = required_path(latest.year, latest.value_usd_bn, target_year, goal_value)
    full = figures[figures["months"] == FULL_YEAR_MONTHS]
    partial = figures[figures["months"] < FULL_YEAR_MONTHS]
    event_years = [year_fraction(d.date()) for d in pd.to_datetime(events["date"])]
    first_year = min([*full["year"].astype(int), *[int(y) for y in event_years], latest.year])
    end_year = max(target_year, latest.year + 1)

    if path is not None:
        figure.add_vrect(
            x0=latest.year,
            x1=target_year,
            fillcolor=GRID,
            opacity=0.45,
            layer="below",
            line_width=0,
            annotation={"text": t("Projection"), "font": {"color": MUTED, "size": 12}},
            annotation_position="top left",
        )

    for x in event_years:
        figure.add_vline(
            x=x, line={"color": EVENT_COLOUR, "width": 1, "dash": "dot"}, layer="below"
        )
    figure.add_scatter(
        x=event_years,
        y=[0] * len(event_years),
        mode="markers+text",
        name=t("Consultative Meeting (numbered as listed below)"),
        marker={"symbol": "star", "size": 11, "color": EVENT_COLOUR},
        text=[str(number) for number in range(1, len(event_years) + 1)],
        textposition="top center",
        textfont={"size": 11, "color": INK},
        hovertext=[
            "<b>{name}</b><br>{when}, {place}<br>{said}".format(
                name=localized(event, "name"),
                when=format_full_date(pd.Timestamp(event["date"]).date()),
                place=localized(event, "place"),
                said=wrap_label(localized(event, "trade_announcement"), 60),
            )
            for event in events.to_dict("records")
        ],
        hovertemplate=HOVER,
        cliponaxis=False,
    )

    for goal in goals:
        chosen = goal.target_id == assessment.goal.target_id
        start = year_fraction(goal.announced) if goal.announced else first_year
        amount = format_usd_bn(goal.value_usd_bn, 0)
        label = t(
            "{amount} goal ({when})",
            amount=amount,
            when=format_month_year(goal.announced) if goal.announced else goal.announced_year,
        )
        # On the line, the amount only: with its date, a phone-wide chart's label ran into the
        # estimate's range and the projection's label (the line starts at the announcement).
        short = t("{amount} goal", amount=amount)
        figure.add_scatter(
            x=[start, end_year],
            y=[goal.value_usd_bn, goal.value_usd_bn],
            mode="lines",
            name=label,
            line={
                "color": GOAL_COLOUR if chosen else MUTED,
                "width": 2.5 if chosen else 1.5,
                "dash": "dash" if chosen else "dot",
            },
            hovertemplate=t("{label}, announced by {speaker}", label=label, speaker=goal.speaker)
            + "<extra></extra>",
            showlegend=False,
        )
        figure.add_annotation(
            x=end_year,
            y=goal.value_usd_bn,
            xanchor="right",
            yanchor="bottom",
            text=f"<b>{short}</b>" if chosen else short,
            showarrow=False,
            font={"color": GOAL_COLOUR if chosen else MUTED, "size": 12},
        )

    if path is not None:
        growth = assessment.required_growth or 0.0
        figure.add_scatter(
            x=path["year"],
            y=path["value_usd_bn"],
            mode="lines+markers",
            name=t("Path needed: +{rate} a year", rate=format_percent(growth)),
            line={"color": GOAL_COLOUR, "width": 2, "dash": "dash"},
            marker={"symbol": "circle-open", "size": 6, "color": GOAL_COLOUR},
            hovertext=[
                t("{year}: {amount} needed", year=int(year), amount=format_usd_bn(value))
                for year, value in zip(path["year"], path["value_usd_bn"], strict=True)
            ],
            hovertemplate=HOVER,
        )

    figure.add_scatter(
        x=line["year"],
        y=line["value_usd_bn"],
        mode="lines",
        name=t("Official headline series"),
        line={"color": SERIES_COLOUR, "width": 3},
        hoverinfo="skip",
    )
    kinds = {
        "headline": t("Figure cited, in the series"),
        "headline_soft": t("Softer point (less certain)"),
        "other": t("Other figure, not in the series"),
        "partial": t("Part of a year only"),
    }
    for kind, name in kinds.items():
        cited = partial if kind == "partial" else full[full["series"] == kind]
        if kind == "headline" or not cited.empty:
            figure.add_trace(_marker_trace(cited, name, *MARKER_STYLES[kind]))
    figure.add_annotation(
        x=latest.year,
        y=latest.value_usd_bn,
        text=f"<b>{format_usd_bn(latest.value_usd_bn)}</b>",
        xanchor="right",
        yanchor="bottom",
        xshift=-6,
        yshift=4,
        showarrow=False,
        font={"color": SERIES_COLOUR, "size": 13},
    )

    shown = [e for e in estimates if e.value_usd_bn is not None]
    if shown:
        figure.add_trace(_estimate_trace(shown))
    values = full["value_usd_bn"].astype(float)
    top = max([*values, *(g.value_usd_bn for g in goals), *(e.high_usd_bn or 0.0 for e in shown)])
    # One entry a line at every width: as a row, a phone wraps it to more lines than a desktop, and
    # plotly grows the margin there and draws the chart again.
    legend = {"orientation": "v", "y": -0.3, "font": {"size": 12}}
    figure.update_layout(
        height=CHART_HEIGHT_PX, hovermode="closest", legend=legend, margin={"t": 50}
    )
    figure.update_xaxes(
        title_text=t("Year"),
        range=[first_year - 0.6, end_year + 0.4],
        dtick=2,
        showgrid=False,
        ticks="outside",
    )
    figure.update_yaxes(title_text=t("USD billion, current prices"), range=[0, top * 1.22])
    figure.update_yaxes(rangemode="tozero", linecolor=INK)
    fit_margins(figure, left=50, bottom=225, right=20)
    figure = styled(figure, t("Trade among the five, and the goals"))
    if cutoff is None:
        return figure
    return with_cutoff(figure, cutoff_note(cutoff), cutoff.sources_up_to, cutoff_line_label())


def _estimate_trace(estimates: Sequence[ChainEstimate]) -> go.Scatter:
    """The estimates as open diamonds with their range as error bars: unlike any cited figure."""
    values = [float(e.value_usd_bn or 0.0) for e in estimates]
    return go.Scatter(
        x=[e.year for e in estimates],
        y=values,
        mode="markers",
        name=t("Estimate, not official (bar: range)"),
        marker={
            "symbol": "diamond-open",
            "size": 13,
            "color": ESTIMATE_COLOUR,
            "line": {"width": 2.5, "color": ESTIMATE_COLOUR},
        },
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [
                float(e.high_usd_bn or v) - v for e, v in zip(estimates, values, strict=True)
            ],
            "arrayminus": [
                v - float(e.low_usd_bn or v) for e, v in zip(estimates, values, strict=True)
            ],
            "color": ESTIMATE_COLOUR,
            "thickness": 2,
            "width": 6,
        },
        hovertext=[
            "<b>{label}</b><br>≈ {amount}, {range}".format(
                label=estimate_label(e.year), amount=format_usd_bn(v), range=estimate_range(e) or ""
            )
            for e, v in zip(estimates, values, strict=True)
        ],
        hovertemplate=HOVER,
    )
