"""Sharing a scenario: the link that reproduces it, its parameters as JSON, and the report."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from ca_trade.data import TradeData
from ca_trade.export import parameters_json
from ca_trade.i18n import t
from ca_trade.progress import Goal
from ca_trade.report_content import ReportScenario
from ca_trade.ui.report_download import report_download


def current_link() -> str:
    """Return the address of this view, with every setting in its URL parameters."""
    base = (st.context.url or "").split("?", 1)[0]
    query = urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    return f"{base}?{query}" if query else base


def share_scenario(data: TradeData, goals: Sequence[Goal], scenario: ReportScenario) -> None:
    """Show the share link, the parameters download and the report download for a scenario."""
    link = current_link()
    st.markdown(t("**Share this scenario.** The link reproduces every setting on this page:"))
    st.code(link, language=None, wrap_lines=True)
    columns = st.columns(2)
    with columns[0]:
        st.download_button(
            t("Parameters (JSON)"),
            # Made on click: the button does not change (nor is re-sent) on every growth step.
            data=lambda: parameters_json(scenario.params),
            file_name="central-asia-trade-scenario.json",
            mime="application/json",
            key="scenario_json",
            on_click="ignore",
            icon=":material/data_object:",
        )
    with columns[1]:
        report_download(data, goals, scenario, link)
