"""Timeline (Gantt) of the projects from start to completion, with the current year marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.projects_map_key import STATUS_COLOURS
from ca_trade.charts.theme import GRID, INK, MUTED, styled
from ca_trade.i18n import t
from ca_trade.present.projects import status_label, type_label
from ca_trade.projects import STATUSES

# Pattern by status, so the bars do not rely on colour alone.
STATUS_PATTERNS = {
    "operational": "",
    "partially_operational": "/",
    "under_construction": "x",
    "planned": ".",
    "suspended": "-",
}
OPEN_ENDED_OPACITY = 0.35
ROW_HEIGHT_PX = 36
FRAME_HEIGHT_PX = 170
LABEL_MAX_CHARS = 46
BAR_WIDTH = 0.42  # of a row; the bar sits under the row's centre line, the name above it
YEARS_BEFORE_NOW = 20  # older starts are clipped at the left edge and labelled "since ..."


def short_label(name: str, limit: int = LABEL_MAX_CHARS) -> str:
    """Shorten a project name to `limit` characters for an axis label ('…' marks the cut)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def bar_marker(status: str, opacity: float | list[float]) -> dict[str, object]:
    """Return a bar's fill: colour and pattern by status (see `STATUS_PATTERNS`)."""
    colour = STATUS_COLOURS.get(status, MUTED)
    return {
        "color": colour,
        "opacity": opacity,
        "pattern": {
            "shape": STATUS_PATTERNS.get(status, ""),
            "bgcolor": colour,
            "fgcolor": "white",
            "size": 6,
            "solidity": 0.35,
        },
    }


def span_text(start: int, end: int | None) -> str:
    """Return a project's years for a hover text; one with no completion year says so."""
    if end is None:
        return t("from {start}; no completion year stated", start=start)
    return t("{start}–{end}", start=start, end=end)


def mark_now(
    figure: go.Figure, current_year: int, opacity: float, layer: str, **label: object
) -> None:
    """Shade the current year and label it 'now' (`label`: the annotation's place and font)."""
    figure.add_vrect(
        x0=current_year,
        x1=current_year + 1,
        fillcolor=INK,
        opacity=opacity,
        line_width=0,
        layer=layer,
    )
    figure.add_annotation(
        x=current_year + 0.5, text=t("{year}: now", year=current_year), showarrow=False, **label
    )


def timeline_span(rows: pd.DataFrame, current_year: int) -> tuple[int, int]:
    """Return the first and last year shown: from the earliest start (at most 20 years before
    `current_year`) to the latest completion or the current year, whichever is later.
    """
    starts = [int(y) for y in rows["start_year"].dropna()]
    ends = [int(y) for y in rows["end_year"].dropna()]
    first = min([*starts, current_year])
    last = max([*ends, *starts, current_year])
    return max(first, current_year - YEARS_BEFORE_NOW), last


def projects_timeline_figure(
    rows: pd.DataFrame,
    *,
    current_year: int,
    as_of_year: int | None = None,
    selected: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Return a Gantt chart: one bar per project from its start year to its completion year.

    A bar covers whole calendar years (2022-2030 runs from the start of 2022 to the end of
    2030). A project without a completion year runs, faded, to the right edge.

    `rows` come from `present.projects.named_timeline_rows`; `as_of_year`, the year of the
    statuses, is marked when it differs from `current_year`; `selected` is outlined. One bar
    trace per status present (`meta["status"]`), earliest start on top.
    """
    first, last = timeline_span(rows, current_year)
    right_edge = last + 1
    order = [str(pid) for pid in rows["project_id"]]
    labels = {}
    for row in rows.to_dict("records"):
        label = short_label(str(row["name"]))
        if int(row["start_year"]) < first:
            label = t("{name} (since {year})", name=label, year=int(row["start_year"]))
        labels[str(row["project_id"])] = label
    figure = go.Figure()
    for status in STATUSES:
        group = rows[rows["status"] == status]
        if group.empty:
            continue
        records = group.to_dict("records")
        bases, lengths, opacities, hovers, outlines = [], [], [], [], []
        for row in records:
            start = int(row["start_year"])
            end = right_edge - 1 if row["open_ended"] else int(row["end_year"])
            shown_start = max(start, first)
            bases.append(shown_start)
            lengths.append(max(end + 1 - shown_start, 0.3))
            opacities.append(OPEN_ENDED_OPACITY if row["open_ended"] else 1.0)
            span = span_text(start, None if row["open_ended"] else int(row["end_year"]))
            hovers.append(
                f"<b>{row['name']}</b><br>{type_label(str(row['type']))} · "
                f"{status_label(status)}<br>{span}"
            )
            outlines.append(3 if row["project_id"] == selected else 0.5)
        figure.add_bar(
            orientation="h",
            y=[str(r["project_id"]) for r in records],
            base=bases,
            x=lengths,
            width=BAR_WIDTH,
            offset=0.02,
            marker={**bar_marker(status, opacities), "line": {"color": INK, "width": outlines}},
            customdata=[str(r["project_id"]) for r in records],
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            name=status_label(status),
            meta={"role": "bars", "status": status},
        )
    figure.add_scatter(
        x=[first] * len(order),
        y=order,
        mode="text",
        text=[f"<b>{labels[pid]}</b>" if pid == selected else labels[pid] for pid in order],
        textposition="top right",
        textfont={"size": 12, "color": INK},
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
        meta={"role": "names"},
    )
    if rows["open_ended"].any():
        figure.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": MUTED, "opacity": OPEN_ENDED_OPACITY},
            name=t("Faded: no completion year stated"),
            hoverinfo="skip",
            meta={"role": "key_open_ended"},
        )
    mark_now(
        figure,
        current_year,
        0.08,
        "below",
        y=1,
        yref="paper",
        yanchor="bottom",
        yshift=22,
        font={"size": 12, "color": INK},
    )
    if as_of_year is not None and as_of_year != current_year and first <= as_of_year <= last:
        figure.add_vline(x=as_of_year + 0.5, line={"color": MUTED, "width": 1.5, "dash": "dash"})
        figure.add_annotation(
            x=as_of_year + 0.5,
            y=0,
            yref="paper",
            yanchor="top",
            xanchor="right",
            text=t("Statuses as of {year}", year=as_of_year),
            showarrow=False,
            font={"size": 11, "color": MUTED},
        )
    styled(figure, title if title is not None else t("Projects from start to completion"))
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.4, -0.9],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
    )
    figure.update_xaxes(
        range=[first, right_edge],
        dtick=5 if right_edge - first > 15 else 1,
        tick0=0,
        gridcolor=GRID,
        side="top",
    )
    figure.update_layout(
        barmode="overlay",
        bargap=0.3,
        height=FRAME_HEIGHT_PX + ROW_HEIGHT_PX * max(len(order), 1),
        legend={"y": -0.01, "yanchor": "top", "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 100, "b": 10},
        hovermode="closest",
    )
    return figure


SPAN_HEIGHT_PX = 96


def project_span_figure(
    start_year: int | None, completion_year: int | None, status: str, *, current_year: int
) -> go.Figure | None:
    """Return one project's timeline bar, for its card: start to completion (whole years), the
    current year shaded. None when the project has no start year.

    A project with no completion year runs, faded, to a few years after now.
    """
    if start_year is None:
        return None
    open_ended = completion_year is None
    end = max(current_year, start_year) + 3 if completion_year is None else completion_year
    first = min(start_year, current_year) - 1
    last = max(end, current_year) + 2
    figure = go.Figure(
        go.Bar(
            orientation="h",
            y=[0],
            base=[start_year],
            x=[end + 1 - start_year],
            width=0.6,
            marker=bar_marker(status, OPEN_ENDED_OPACITY if open_ended else 1.0),
            hovertext=[span_text(start_year, completion_year)],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            meta={"role": "span", "status": status},
        )
    )
    mark_now(figure, current_year, 0.12, "above", y=0.5, yshift=14, font={"size": 11, "color": INK})
    styled(figure, "")
    figure.update_yaxes(visible=False, range=[-0.5, 1])
    figure.update_xaxes(
        range=[first, last + 1], gridcolor=GRID, dtick=5 if last - first > 15 else 2
    )
    figure.update_layout(
        height=SPAN_HEIGHT_PX, margin={"l": 8, "r": 8, "t": 4, "b": 24}, showlegend=False
    )
    return figure
