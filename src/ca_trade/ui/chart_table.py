"""A chart or the table behind it (or another view of the same data: a map, a timeline), one at
a time, as Our World in Data's grapher shows them.

The table's data grid (`st.dataframe`) brings ~1.6 MB of JavaScript to a new visitor the first
time one is drawn: with the chart shown first and the table drawn only when asked for, a page is
ready as soon as its charts are, and a page draws one chart of the data at a time. The choice is
held in the URL as `?tab=table` (a link without it opens the first view).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ca_trade.i18n import t
from ca_trade.ui.url_state import seed_choice, write_choice

# The URL parameter of every page's choice; each page holds its own choice (key), so leaving a
# page's table for another page opens that page's first view.
TAB_PARAM = "tab"
CHART, MAP, TIMELINE, TABLE = "chart", "map", "timeline", "table"


def chosen_tab(key: str, tabs: Sequence[str] = (CHART, TABLE)) -> str:
    """Show the choice among views of the same data (the first is the default); return it.

    Args:
        key: the page's widget key for the choice.
        tabs: the views offered, the default first.
    """
    # Words only: with icons, three views take two rows on a phone and push the map down.
    labels = {CHART: t("Chart"), MAP: t("Map"), TIMELINE: t("Timeline"), TABLE: t("Table")}
    seed_choice(key, tabs, tabs[0], TAB_PARAM)
    tab = st.segmented_control(
        t("Show"),
        tabs,
        format_func=labels.__getitem__,
        key=key,
        required=True,
        label_visibility="collapsed",
    )
    write_choice(key, tab, tabs[0], TAB_PARAM)
    return str(tab)
