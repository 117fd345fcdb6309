"""The floor app benchmarks compare against: a bare Streamlit page with one slider and one chart."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

growth = st.slider("Growth, % a year", 0.0, 15.0, 4.0, 0.5, key="growth")
years = list(range(2024, 2041))
values = [11.5 * (1 + growth / 100) ** (year - 2024) for year in years]
st.plotly_chart(go.Figure(go.Scatter(x=years, y=values)), theme=None, key="chart")
