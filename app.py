"""Entry point: page configuration, interface language, and the navigation between pages."""

from __future__ import annotations

import streamlit as st

from ca_trade.i18n import t
from ca_trade.paths import STATIC_DIR
from ca_trade.ui.language import choose_language

st.set_page_config(
    page_title="Central Asia Trade Target",
    page_icon=str(STATIC_DIR / "favicon.png"),
    layout="wide",
    initial_sidebar_state="auto",
)
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
        st.Page(f"{PAGES_DIR}/flows.py", title=t("Trade flows"), url_path="flows"),
        st.Page(f"{PAGES_DIR}/scenario.py", title=t("Scenario"), url_path="scenario"),
        st.Page(f"{PAGES_DIR}/projects.py", title=t("Projects"), url_path="projects"),
    ]
)
navigation.run()
