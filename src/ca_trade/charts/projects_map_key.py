"""How the projects map marks a project: symbol by type, colour, fill and dash by status, and
the key that explains them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import plotly.graph_objects as go

from ca_trade.charts.projects_map_trade import BORDER_COLOUR, NO_DATA_COLOUR, STEADY
from ca_trade.charts.theme import MUTED, PALETTE
from ca_trade.i18n import t
from ca_trade.present.projects import status_label, type_label

# Symbol by type; colour, fill and line dash by status, so colour is never the only cue.
TYPE_SYMBOLS = {
    "hydropower": "triangle-up",
    "water_energy": "hexagon",
    "gas": "circle",
    "power_transmission": "star",
    "rail": "square",
    "road": "diamond",
    "port": "pentagon",
    "hub": "hexagram",
}
STATUS_COLOURS = {
    "operational": PALETTE[2],  # bluish green
    "partially_operational": PALETTE[4],  # sky blue
    "under_construction": PALETTE[1],  # orange
    "planned": PALETTE[3],  # reddish purple
    "suspended": PALETTE[7],  # black
}
STATUS_FILLS = {
    "operational": "",
    "partially_operational": "-dot",
    "under_construction": "-open-dot",
    "planned": "-open",
    "suspended": "-open",
}
STATUS_DASHES = {
    "operational": "solid",
    "partially_operational": "longdash",
    "under_construction": "dash",
    "planned": "dot",
    "suspended": "dashdot",
}


def marker_symbol(project_type: str, status: str) -> str:
    """Return the plotly marker symbol of a project: shape by type, fill style by status."""
    return TYPE_SYMBOLS.get(project_type, "circle") + STATUS_FILLS.get(status, "")


def map_trace(
    role: str,
    lon: Iterable[float | None],
    lat: Iterable[float | None],
    meta: Mapping[str, str] | None = None,
    **options: Any,
) -> go.Scattergeo:
    """Return a map trace that draws `role` (its `meta["role"]`) with no legend entry; one
    with no `customdata` lets the pointer through to the traces below it."""
    steady: dict[str, Any] = STEADY if "customdata" in options else {"hoverinfo": "skip"}
    return go.Scattergeo(
        lon=list(lon), lat=list(lat), showlegend=False, meta={"role": role, **(meta or {})},
        **steady, **options, _validate=False,
    )  # fmt: skip


def key_trace(
    name: str, marker: dict[str, object], meta: dict[str, str], **extra: object
) -> go.Scattergeo:
    """Return an empty trace that only draws one entry of a legend."""
    options: dict[str, object] = {"mode": "markers", **extra}
    return go.Scattergeo(
        lon=[None], lat=[None], marker={"size": 11, **marker}, name=name,
        showlegend=True, hoverinfo="skip", meta=meta, **options,
    )  # fmt: skip


def legend_traces(types: list[str], statuses: list[str], has_gap: bool) -> list[go.Scattergeo]:
    """Return empty traces that only draw the key: statuses (colour, fill, dash) in the first
    legend, types (and the mark of missing trade data) in the second (`legend2`)."""
    keys = []
    for status in statuses:
        colour = STATUS_COLOURS[status]
        filled = STATUS_FILLS[status] in {"", "-dot"}
        symbol = "circle-x-open" if status == "suspended" else marker_symbol("gas", status)
        keys.append(
            key_trace(
                status_label(status),
                {
                    "symbol": symbol,
                    "color": colour,
                    "line": {"color": "white" if filled else colour, "width": 2},
                },
                {"role": "key_status", "status": status},
                mode="lines+markers",
                line={"color": colour, "dash": STATUS_DASHES[status], "width": 2.5},
            )
        )
    keys.extend(
        key_trace(
            type_label(project_type),
            {"symbol": TYPE_SYMBOLS.get(project_type, "circle"), "color": MUTED},
            {"role": "key_type", "type": project_type},
            legend="legend2",
        )
        for project_type in types
    )
    if has_gap:
        keys.append(
            key_trace(
                t("Trade data missing"),
                {
                    "symbol": "square",
                    "size": 13,
                    "color": NO_DATA_COLOUR,
                    "line": {"color": BORDER_COLOUR, "width": 1},
                },
                {"role": "key_no_data"},
                legend="legend2",
            )
        )
    return keys


def key_layout(
    narrow: bool, map_height: float, status_count: int, below: float = 0
) -> dict[str, object]:
    """Return the layout of the two legends below the map: statuses, then types.

    Wide, each legend is a row (statuses above types); narrow, each is a column, side by side,
    so that no entry is cut at the chart's edge.

    Args:
        narrow: whether the chart is phone-sized.
        map_height: the map's height in pixels (legend positions are fractions of it).
        status_count: how many statuses the first legend lists.
        below: pixels between the map and the key, taken by something else.
    """
    common: dict[str, object] = {
        "orientation": "v" if narrow else "h",
        "xanchor": "left",
        "yanchor": "top",
        "itemclick": False,
        "itemdoubleclick": False,
        "font": {"size": 12},
    }
    side = "top" if narrow else "left"
    if not narrow:
        # Fixed widths make a long row (Russian names) wrap instead of running off the edge.
        common |= {"entrywidth": 120, "entrywidthmode": "pixels"}
    status_y = -(4 + below) / map_height
    type_y = status_y if narrow else -(min(status_count, 1) * 20 + 16) / map_height
    return {
        "legend": {
            **common,
            "x": 0,
            "y": status_y,
            "title": {"side": side, "text": "<b>" + t("Status:") + "</b>"},
        },
        "legend2": {
            **common,
            "x": 0.5 if narrow else 0,
            "y": type_y,
            "title": {"side": side, "text": "<b>" + t("Type:") + "</b>"},
        },
    }
