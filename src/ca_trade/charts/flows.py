"""Trade-flows charts: the pair matrix and its cell texts, and what the other flow charts share.

Throughout, `names` maps ISO3 to a country name and values are USD million.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.annotations import fit_margins
from ca_trade.charts.theme import INK, MUTED, styled
from ca_trade.format import format_usd_m, format_usd_m_compact, qualified
from ca_trade.i18n import t
from ca_trade.present.flows import months_label, pair_label, reporter_name

MATRIX_SCALE = [[0.0, "#EAF3FA"], [0.5, "#6AAED6"], [1.0, "#08306B"]]
DARK_CELL = 0.55  # share of the colour scale above which cell text turns white
FLOW_CHART_HEIGHT_PX = 460
# Value ticks in full with group marks ('5,000', '5 000'), never SI prefixes ('5k').
VALUE_TICKS = ",~r"
CELL_CHARS = 8  # longest text that fits on one line of a matrix cell at phone width
HOVER = "%{hovertext}<extra></extra>"


def qualified_m(value: float, qualifier: object) -> str:
    """Return '$4,400m', 'about $1,700m' or 'more than $500m'."""
    return qualified(format_usd_m(value), qualifier)


def legend_above(figure: go.Figure, top_margin_px: int = 120) -> None:
    """Put the legend between the title and the plot, where no axis title can collide with it."""
    figure.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"t": top_margin_px},
        title={"y": 0.99, "yanchor": "top", "yref": "container"},
    )


def matrix_figure(
    matrix: pd.DataFrame,
    names: Mapping[str, str],
    hover: pd.DataFrame,
    notes: pd.DataFrame,
    title: str,
    row_title: str,
    column_title: str,
) -> go.Figure:
    """Draw a country x country heatmap, every cell labelled (colour is never the only cue).

    `matrix` is indexed by ISO3 (NaN for gaps); `hover` and `notes` have its shape: each cell's
    hover text and the short text shown in a gap ('' for 'no data'). Colour uses a log scale:
    values span three orders of magnitude.
    """
    rows, columns = [str(code) for code in matrix.index], [str(code) for code in matrix.columns]
    values = matrix.to_numpy(dtype="float64")
    known = values[~np.isnan(values)]
    logged = np.where(np.isnan(values), np.nan, np.log10(np.clip(values, 0.1, None)))
    low, high = (float(known.min()), float(known.max())) if known.size else (1.0, 10.0)
    zmin, zmax = math.log10(max(low, 0.1)), math.log10(max(high, 1.0))
    zmax = zmax if zmax > zmin else zmin + 1
    # Ticks at powers of ten; the unit is in the colour bar's title, so labels stay short.
    powers = range(math.floor(zmin), math.ceil(math.log10(high)) + 1)
    colorbar: dict[str, object] = {"title": {"text": t("USD million"), "side": "top"}}
    colorbar.update(orientation="h", y=-0.03, yanchor="top", x=0, xanchor="left")
    colorbar.update(thickness=10, len=0.8, tickvals=[float(p) for p in powers])
    colorbar.update(ticktext=[format_usd_m_compact(10.0**p) for p in powers])
    # Columns carry ISO codes: five full names do not fit side by side on a phone.
    y_labels = [names.get(code, code) for code in rows]
    heatmap = go.Heatmap(z=logged, x=columns, y=y_labels, zmin=zmin, zmax=zmax, xgap=2, ygap=2)
    heatmap.update(colorscale=MATRIX_SCALE, colorbar=colorbar)
    figure = go.Figure(heatmap.update(hovertext=hover.to_numpy(), hovertemplate=HOVER))
    gap_notes = notes.to_numpy()
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            value, size, colour = values[i, j], 12, MUTED
            if row == column:
                text = "—"
            elif math.isnan(value):
                text, size = str(gap_notes[i, j]) or t("no data"), 10
            else:
                text = format_usd_m_compact(float(value))
                colour = "white" if (logged[i, j] - zmin) / (zmax - zmin) > DARK_CELL else INK
            font = {"color": colour, "size": size}
            figure.add_annotation(x=column, y=y_labels[i], text=text, showarrow=False, font=font)
    figure.update_xaxes(title_text=column_title, side="top", showgrid=False, tickangle=0)
    figure.update_yaxes(title_text=row_title, autorange="reversed", showgrid=False, ticksuffix=" ")
    figure.update_layout(height=FLOW_CHART_HEIGHT_PX + 60, plot_bgcolor="#F7F7F7")
    fit_margins(figure, left=137, bottom=85)
    return styled(figure, title)


def rule_cell_texts(
    pairs: pd.DataFrame,
    order: Sequence[str],
    names: Mapping[str, str],
    source_titles: Mapping[str, str],
    year: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (hover, notes) for every cell of the reporter-rule matrix of `year`.

    `pairs` is `flows.pair_values` for the year; `source_titles` maps source_id to title. A gap's
    note names the partial-year value where one exists ('Jan–Nov only: 40'), else 'no data'.
    """
    hover = pd.DataFrame("", index=list(order), columns=list(order), dtype="object")
    notes = hover.copy()

    def titles(ids: object) -> str:
        return t(
            "Source: {titles}",
            titles="; ".join(source_titles.get(s, s) for s in str(ids).split(";")),
        )

    for row in pairs.to_dict("records"):
        a, b = str(row["country_a"]), str(row["country_b"])
        label = pair_label(a, b, names)
        heading = f"<b>{label}, {year}</b>"
        if not math.isnan(float(row["value_usd_m"])):
            amount = qualified_m(float(row["value_usd_m"]), row["qualifier"])
            reporter = t("Reported by {reporter}", reporter=reporter_name(row["reporter"], names))
            text, note = "<br>".join([heading, amount, reporter, titles(row["source_ids"])]), ""
        elif not math.isnan(float(row["partial_value_usd_m"])):
            months = months_label(int(row["partial_months"]))
            partial = t(
                "{months} only: {amount}, reported by {reporter}",
                months=months,
                amount=qualified_m(float(row["partial_value_usd_m"]), row["partial_qualifier"]),
                reporter=reporter_name(row["partial_reporter"], names),
            )
            sources = titles(row["partial_source_ids"])
            text = "<br>".join([heading, t("No full-year value."), partial, sources])
            # A matrix cell is narrow on a phone: a long month range breaks after its dash.
            note = t(
                "{months}<br>{amount}",
                months=months.replace("–", "–<br>") if len(months) > CELL_CHARS else months,
                amount=format_usd_m_compact(float(row["partial_value_usd_m"])),
            )
        else:
            text, note = t("{pair}, {year}: no value found", pair=label, year=year), t("no data")
        for first, second in ((a, b), (b, a)):
            hover.loc[first, second], notes.loc[first, second] = text, note
    return hover, notes


def side_cell_texts(
    sides: pd.DataFrame, names: Mapping[str, str], year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (hover, notes), shaped like `sides` (`flows.side_values`), for the each-side one."""
    hover = pd.DataFrame("", index=sides.index, columns=sides.columns, dtype="object")
    notes = hover.copy()
    for reporter in sides.index:
        for partner in sides.columns:
            value = float(sides.loc[reporter, partner])
            if reporter == partner:
                continue
            words = {"country": names.get(str(reporter), reporter), "year": year}
            words["partner"] = names.get(str(partner), partner)
            if math.isnan(value):
                hover.loc[reporter, partner] = t(
                    "{country} gives no full-year value for trade with {partner} in {year}", **words
                )
                notes.loc[reporter, partner] = t("no data")
            else:
                hover.loc[reporter, partner] = t(
                    "{country} reports {amount} of trade with {partner} in {year}",
                    amount=format_usd_m(value),
                    **words,
                )
    return hover, notes
