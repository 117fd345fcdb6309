"""The chord diagram of trade between the five countries (values USD million)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.flows import FLOW_CHART_HEIGHT_PX, qualified_m
from ca_trade.charts.theme import styled
from ca_trade.format import format_usd_m
from ca_trade.i18n import t
from ca_trade.present.flows import pair_label

# Five Okabe-Ito colours far apart from each other (no two blues), one per country.
COUNTRY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")
GAP_RADIANS = 0.06  # between two countries' arcs

Point = tuple[float, float]


def country_colours(order: Sequence[str]) -> dict[str, str]:
    """Return one Okabe-Ito colour per country, fixed by its place in countries.csv."""
    return {iso3: COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i, iso3 in enumerate(order)}


def _arc(start: float, end: float, radius: float, steps: int = 24) -> list[Point]:
    """Return points along a circle arc from angle `start` to `end` (radians)."""
    count = max(2, int(steps * abs(end - start) / 0.5) + 2)
    return [(radius * math.cos(a), radius * math.sin(a)) for a in np.linspace(start, end, count)]


def _bezier(start: float, end: float, steps: int = 24) -> list[Point]:
    """Return a quadratic Bezier curve between two angles of the unit circle, through its centre."""
    x0, y0, x1, y1 = math.cos(start), math.sin(start), math.cos(end), math.sin(end)
    return [
        ((1 - s) ** 2 * x0 + s**2 * x1, (1 - s) ** 2 * y0 + s**2 * y1)
        for s in np.linspace(0, 1, steps)
    ]


def _with_alpha(colour: str, alpha: float) -> str:
    """Return '#RRGGBB' as an rgba() string with the given opacity."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _shape(outline: list[Point], fill: str, line: str, name: str) -> go.Scatter:
    """Return a filled outline whose hover names it."""
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    return go.Scatter(
        x=xs, y=ys, fill="toself", fillcolor=fill, line={"color": line, "width": 0.5},
        mode="lines", name=name, hoveron="fills", showlegend=False,
    )  # fmt: skip


def _anchor(position: float, before: str, middle: str, after: str) -> str:
    """Return the side of a label that faces the circle, for a cosine or sine `position`."""
    return after if position > 0.2 else before if position < -0.2 else middle


def chord_figure(
    pairs: pd.DataFrame, order: Sequence[str], names: Mapping[str, str], title: str
) -> go.Figure:
    """Draw a chord diagram: each country an arc as long as its trade with the others.

    `pairs` is `flows.pair_values`; `order` the ISO3 codes around the circle. Each pair with a
    value is a ribbon as wide at each end as its trade; arcs are labelled with the country and
    its total, so colour is never the only cue.
    """
    known = pairs[pairs["value_usd_m"].notna()]
    involved = {i: (known["country_a"] == i) | (known["country_b"] == i) for i in order}
    totals = {i: float(known[involved[i]]["value_usd_m"].sum()) for i in order}
    partners = {i: int(involved[i].sum()) for i in order}
    grand = sum(totals.values())
    colours = country_colours(order)
    figure = go.Figure()
    if grand <= 0:
        figure.add_annotation(text=t("No full-year values for this year"), showarrow=False)
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return styled(figure, title)
    scale = (2 * math.pi - GAP_RADIANS * len(order)) / grand
    starts: dict[str, float] = {}
    angle = math.pi / 2
    for iso3 in order:
        starts[iso3] = angle
        angle -= totals[iso3] * scale + GAP_RADIANS
    # Each country's arc is cut into one segment per partner, in the order of `order`.
    cursor = dict(starts)
    segments: dict[tuple[str, str], tuple[float, float]] = {}
    value_of: dict[tuple[str, str], float] = {}
    for record in known.to_dict("records"):
        a, b = str(record["country_a"]), str(record["country_b"])
        value_of[(a, b)] = value_of[(b, a)] = float(record["value_usd_m"])
    for iso3 in order:
        for partner in (p for p in order if (iso3, p) in value_of):
            width = value_of[(iso3, partner)] * scale
            segments[(iso3, partner)] = (cursor[iso3], cursor[iso3] - width)
            cursor[iso3] -= width
    for record in known.sort_values("value_usd_m", ascending=False).to_dict("records"):
        a, b = str(record["country_a"]), str(record["country_b"])
        (a1, a2), (b1, b2) = segments[(a, b)], segments[(b, a)]
        outline = [*_arc(a1, a2, 1.0), *_bezier(a2, b1), *_arc(b1, b2, 1.0), *_bezier(b2, a1)]
        colour = colours[a if totals[a] >= totals[b] else b]
        amount = qualified_m(float(record["value_usd_m"]), record["qualifier"])
        label = t("{pair}: {amount}", pair=pair_label(a, b, names), amount=amount)
        figure.add_trace(
            _shape(outline, _with_alpha(colour, 0.45), _with_alpha(colour, 0.9), label)
        )
    for iso3 in order:
        if totals[iso3] <= 0:
            continue
        start, end = starts[iso3], starts[iso3] - totals[iso3] * scale
        country, total = names.get(iso3, iso3), format_usd_m(totals[iso3])
        label = t("{country}: {amount} with the other four", country=country, amount=total)
        band = [*_arc(start, end, 1.1), *_arc(end, start, 1.02)]
        figure.add_trace(_shape(band, colours[iso3], colours[iso3], label))
        text = f"<b>{country}</b><br>{total}"
        if partners[iso3] < len(order) - 1:
            text += "<br>" + t(
                "{known} of {all} partners", known=partners[iso3], all=len(order) - 1
            )
        middle = (start + end) / 2
        x, y = math.cos(middle), math.sin(middle)
        figure.add_annotation(
            x=1.2 * x,
            y=1.2 * y,
            text=text,
            showarrow=False,
            font={"size": 11},
            xanchor=_anchor(x, "right", "center", "left"),
            yanchor=_anchor(y, "top", "middle", "bottom"),
        )
    figure.update_xaxes(visible=False, range=[-2.2, 2.2], fixedrange=True)
    figure.update_yaxes(
        visible=False, range=[-1.6, 1.6], scaleanchor="x", scaleratio=1, fixedrange=True
    )
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX - 40, hovermode="closest", dragmode=False)
    return styled(figure, title)
