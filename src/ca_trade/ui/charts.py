"""Showing a chart in the page: the same figure that is exported, with offline map files."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ca_trade.i18n import current_language

# Relative to the page: keeps working under --server.baseUrlPath and on sub-pages.
TOPOJSON_URL = "app/static/topojson/"


def chart_config(filename: str) -> dict[str, Any]:
    """Return plotly's config: offline basemap, language, and a named toolbar download."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "locale": current_language(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def show_chart(figure: go.Figure, key: str, filename: str) -> None:
    """Render `figure` without Streamlit's theme, so the screen matches the export."""
    st.plotly_chart(figure, theme=None, key=key, config=chart_config(filename), width="stretch")
