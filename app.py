"""Entry point: page configuration, the bar at the top of every page (data status, language),
and the navigation between pages.

There is no sidebar: the navigation sits in the page's header and the rest in one row above the
page, so a visitor's browser has less to draw before the first chart (and a Russian reader sees
"Русский" at once, without opening a menu)."""

from __future__ import annotations

import streamlit as st

from ca_trade.i18n import t
from ca_trade.paths import STATIC_DIR
from ca_trade.ui.data_status import data_status
from ca_trade.ui.language import choose_language, language_switch
from ca_trade.ui.url_check import show_refused_parameters, url_parameters

st.set_page_config(
    page_title="Central Asia Trade Target",
    page_icon=str(STATIC_DIR / "favicon.png"),
    layout="wide",
)
link_parameters = url_parameters()
choose_language()

PAGES_DIR = "src/ca_trade/ui/pages"
navigation = st.navigation(
    [
        st.Page(
            f"{PAGES_DIR}/overview.py",
            title=t("Overview"),
            icon=":material/flag:",
            url_path="",
            default=True,
        ),
        st.Page(
            f"{PAGES_DIR}/flows.py",
            title=t("Trade flows"),
            icon=":material/swap_horiz:",
            url_path="flows",
        ),
        st.Page(
            f"{PAGES_DIR}/scenario.py",
            title=t("Scenario"),
            icon=":material/tune:",
            url_path="scenario",
        ),
        st.Page(
            f"{PAGES_DIR}/projects.py",
            title=t("Projects"),
            icon=":material/map:",
            url_path="projects",
        ),
    ],
    position="top",
)
bar = st.container(horizontal=True, vertical_alignment="center", key="frame_bar")
data_status(bar)
bar.space("stretch")
language_switch(bar)
refused_notice = st.empty()
navigation.run()
show_refused_parameters(refused_notice, link_parameters)
