"""The countries of the projects map shaded by their trade with the other four, and the note
that says which year shades them."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ca_trade.format import format_usd_bn_compact as format_bn
from ca_trade.i18n import t
from ca_trade.present.common import country_names

# A light, neutral ramp: the countries read as a backdrop and the coloured markers stay legible.
TRADE_COLOURSCALE = [[0.0, "#E6EAF0"], [0.5, "#BCC6D4"], [1.0, "#8896AB"]]
NO_DATA_COLOUR = "#FFFFFF"
BORDER_COLOUR = "#8C919B"
# Plotly dims the points it does not count as selected after a click: these keep every point as is.
STEADY = {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}}}


def colourbar_ticks(top: float, most: int = 5) -> list[float]:
    """Return round tick values from 0 to `top` (USD bn), at most `most` of them after 0."""
    if top <= 0:
        return [0.0]
    step = next(
        (
            base * 10**exponent
            for exponent in range(-2, 4)
            for base in (1, 2, 5)
            if top / (base * 10**exponent) <= most
        ),
        top,
    )
    count = int(top // step + 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


def trade_traces(
    country_trade: pd.DataFrame,
    names: Mapping[str, str],
    trade_year: int | None,
    shown_year: int | None = None,
) -> tuple[go.Choropleth | None, go.Choropleth | None]:
    """Return the shaded countries (USD bn) and the countries drawn as a gap; the colour bar
    says when `trade_year` is an earlier year than the one shown.

    Only a country whose trade with every partner is in the data is shaded: a sum over some
    partners is a lower bound, and shading it on the same scale would understate it.
    """
    complete = country_trade["complete"] & country_trade["value_usd_m"].notna()
    known = country_trade[complete]
    missing = country_trade[~complete]
    common = {
        "locationmode": "ISO-3",
        "marker": {"line": {"color": BORDER_COLOUR, "width": 0.8}},
        "hovertemplate": "%{text}<extra></extra>",
        **STEADY,
    }
    shaded = None
    if not known.empty and trade_year is not None:
        texts = [
            t(
                "<b>{country}</b><br>Trade with the other four countries in {year}: {value}",
                country=names.get(str(row["iso3"]), str(row["iso3"])),
                year=trade_year,
                value=format_bn(float(row["value_usd_m"]) / 1000),
            )
            for row in known.to_dict("records")
        ]
        values_bn = (known["value_usd_m"] / 1000).round(3)
        top = float(values_bn.max())
        ticks = colourbar_ticks(top)
        shaded = go.Choropleth(
            locations=list(known["iso3"]),
            z=list(values_bn),
            zmin=0,
            zmax=top if top > 0 else 1,
            colorscale=TRADE_COLOURSCALE,
            text=texts,
            colorbar={
                "title": {
                    "text": t("Trade with the other four, {year}", year=trade_year)
                    + (
                        "<br>" + t("the latest year with complete data")
                        if shown_year is not None and shown_year != trade_year
                        else ""
                    ),
                    "side": "top",
                },
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "len": 340,
                "lenmode": "pixels",
                "thickness": 10,
                "tickmode": "array",
                "tickvals": ticks,
                "ticktext": [format_bn(value) for value in ticks],
                "outlinewidth": 0,
            },
            name=t("Trade with the other four countries"),
            meta={"role": "trade"},
            **common,
        )
    gap = None
    if not missing.empty:
        texts = []
        for row in missing.to_dict("records"):
            if trade_year is None:
                detail = t("No trade data")
            elif int(row["partners_covered"]) == 0:
                detail = t("No trade data for {year}", year=trade_year)
            else:
                detail = t(
                    "Data for {covered} of {total} partners in {year}: at least {value}",
                    covered=row["partners_covered"],
                    total=row["partners_total"],
                    year=trade_year,
                    value=format_bn(float(row["value_usd_m"]) / 1000),
                )
            name = names.get(str(row["iso3"]), str(row["iso3"]))
            texts.append(f"<b>{name}</b><br>{detail}")
        gap = go.Choropleth(
            locations=list(missing["iso3"]),
            z=[0] * len(missing),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            showscale=False,
            text=texts,
            name=t("No or incomplete trade data"),
            showlegend=False,
            meta={"role": "no_trade_data"},
            **common,
        )
    return shaded, gap


def trade_shading_note(
    country_trade: pd.DataFrame, countries: pd.DataFrame, trade_year: int | None, year: int
) -> str:
    """Return a sentence saying which year shades the countries (`trade_year`, None where
    none does) when the page shows `year`, and which countries are left blank."""
    if trade_year is None:
        return t(
            "No year up to {year} has one country's trade with all four others, so no country "
            "is shaded.",
            year=year,
        )
    gaps = country_trade[~country_trade["complete"]]
    known = country_names(countries)
    names = ", ".join(known.get(str(code), str(code)) for code in gaps["iso3"])
    if trade_year == year:
        lead = t("Countries are shaded by their trade with the other four in {year}.", year=year)
    else:
        lead = t(
            "Countries are shaded by their trade with the other four in {trade_year}, the latest "
            "year up to {year} with complete data for at least one country.",
            trade_year=trade_year,
            year=year,
        )
    if gaps.empty:
        return lead
    return (
        lead
        + " "
        + t("Left blank, with no or incomplete data for that year: {names}.", names=names)
    )
