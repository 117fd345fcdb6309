"""The floor app's one slider and one chart, shared by the floor apps."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def growth_slider_and_chart(
    slider_place: DeltaGenerator | None = None, chart_place: DeltaGenerator | None = None
) -> None:
    """Draw a growth slider and a chart of 11.5 growing at that rate, 2024-2040 (USD billion),
    where the script is or in the places given."""
    growth = (slider_place or st).slider("Growth, % a year", 0.0, 15.0, 4.0, 0.5, key="growth")
    years = list(range(2024, 2041))
    values = [11.5 * (1 + growth / 100) ** (year - 2024) for year in years]
    figure = go.Figure(go.Scatter(x=years, y=values))
    (chart_place or st).plotly_chart(figure, theme=None, key="chart")
