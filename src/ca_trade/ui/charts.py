"""Showing a chart in the page: the same figure that is exported, with offline map files."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ca_trade.i18n import current_language, plotly_locale, t
from ca_trade.ui.downloads import ChartData, chart_downloads

# Relative to the page: keeps working under --server.baseUrlPath and on sub-pages.
TOPOJSON_URL = "app/static/topojson/"


def chart_config(filename: str) -> dict[str, Any]:
    """Return plotly's config: offline basemap, language, and a named toolbar download."""
    lang = current_language()
    config: dict[str, Any] = {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    locale = plotly_locale(lang)
    if locale is not None:
        config["locale"] = lang
        config["locales"] = {lang: locale}
    return config


def show_chart(
    figure: go.Figure,
    key: str,
    filename: str,
    data: ChartData,
    sources: str | None = None,
) -> None:
    """Render `figure` without Streamlit's theme (the screen matches the export), with downloads.

    Args:
        figure: the chart.
        key: unique widget key.
        filename: stem of downloaded files.
        data: the values behind the chart, for its CSV, or a function returning them (called
            on click).
        sources: source line printed on exported images; default: the data package.
    """
    st.plotly_chart(figure, theme=None, key=key, config=chart_config(filename), width="stretch")
    chart_downloads(
        figure,
        title=filename,
        data=data,
        sources=sources
        or t("Central Asia Trade Target data package (sources.csv lists every source)"),
        key=f"{key}_download",
    )
