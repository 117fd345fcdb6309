"""A chart or the table behind it, one at a time, as Our World in Data's grapher shows them.

The table's data grid (`st.dataframe`) brings ~1.6 MB of JavaScript to a new visitor the first
time one is drawn: with the chart shown first and the table drawn only when asked for, a page is
ready as soon as its charts are. The choice is held in the URL as `?tab=table` (a link without it
opens the chart).
"""

from __future__ import annotations

import streamlit as st

from ca_trade.i18n import t
from ca_trade.ui.url_state import seed_choice, write_choice

TAB_KEY = "tab"
CHART, MAP, TABLE = "chart", "map", "table"


def table_chosen(chart: str = CHART) -> bool:
    """Show the choice between the chart and its table; return whether the table is chosen.

    Args:
        chart: the name of the chart side in the URL and its label's word ("map" on a map).
    """
    tabs = [chart, TABLE]
    labels = {
        CHART: ":material/bar_chart: " + t("Chart"),
        MAP: ":material/map: " + t("Map"),
        TABLE: ":material/table: " + t("Table"),
    }
    seed_choice(TAB_KEY, tabs, chart)
    tab = st.segmented_control(
        t("Show"),
        tabs,
        format_func=labels.__getitem__,
        key=TAB_KEY,
        required=True,
        label_visibility="collapsed",
    )
    write_choice(TAB_KEY, tab, chart)
    return tab == TABLE
