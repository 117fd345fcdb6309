"""The floor app benchmarks compare against: a bare Streamlit page with one slider and one chart."""

from __future__ import annotations

from bench.floor_chart import growth_slider_and_chart

growth_slider_and_chart()
