"""A reference for the Scenario page: the floor app's slider and chart in a fragment, on a page
holding as many controls of each kind as /scenario draws for a new visitor, none of them used.

A growth step here re-runs the fragment only, as on /scenario, so its cost above the floor app is
what Streamlit spends on a page of that size and kind, before the Scenario page does any work.
"""

from __future__ import annotations

import streamlit as st

from bench.floor_chart import growth_slider_and_chart

CHOICES = ["first", "second", "third"]

st.set_page_config(layout="wide")  # as the dashboard

st.title("A page with the Scenario page's controls")
st.markdown("An introduction of two lines, as the Scenario page has. " * 4)
with st.expander("Base year, observed trend, and which projects count"):
    columns = st.columns(2)
    columns[0].selectbox("Base year", CHOICES, key="base_year")
    columns[1].selectbox("Trend from", CHOICES, key="trend_from")
    st.radio("Start from", CHOICES, key="base", horizontal=True)
    st.markdown("A sentence on the trend observed.")
    with st.popover("Projects counted"):
        for group in range(3):
            st.toggle(f"Group {group}", value=True, key=f"group_{group}")
        for project in range(5):
            st.checkbox(f"Project {project}", value=True, key=f"project_{project}")
for closed in ("Charts", "Assumptions", "Method"):
    st.expander(closed)
preset, note = st.columns([2, 3])
preset.selectbox("Preset", CHOICES, key="preset")
note.markdown("A note on the preset chosen.")
with st.container(border=True):
    growth_slot, target_slot = st.columns(2)
    target_slot.slider("Target year", 2025, 2040, 2030, key="target_year")
    st.radio("Goal", [15, 20, 22], key="goal", horizontal=True)
    st.markdown("Captions of the goals.")
    delay, effects = st.columns(2)
    delay.slider("Delay, years", 0, 10, 0, key="delay")
    effects.toggle("Count the projects' effects", value=True, key="effects")
metrics = st.columns(3)
for number in range(6):
    metrics[number % 3].metric(f"Metric {number}", f"{number}.5", help="Help.", border=True)
st.markdown("**A sentence that sums the projection up.**")
chart_slot = st.container()
# As on /scenario, a growth step re-runs a fragment that fills places the page's run drew.
st.fragment(growth_slider_and_chart)(growth_slot, chart_slot)
with st.popover("Download"):
    for kind in ("PNG", "SVG", "PDF", "CSV", "Excel"):
        st.download_button(kind, data="x", key=f"chart_{kind}", on_click="ignore")
st.markdown("A note under the chart.")
st.subheader("Share and download")
st.markdown("**Share this scenario.** A line of text:")
st.markdown("[a link](https://localhost/)")
with st.container(horizontal=True):
    st.download_button("Parameters (JSON)", data="{}", key="json", on_click="ignore")
    with st.popover("Report"):
        for kind in ("PDF", "HTML"):
            st.download_button(kind, data="x", key=f"report_{kind}", on_click="ignore")
