"""What every page does first: language, data, and a clear stop on bad data."""

from __future__ import annotations

import re

import streamlit as st

from ca_trade.data import DataError, TradeData
from ca_trade.i18n import t
from ca_trade.ui.cache import trade_data

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$-])")


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown's special characters escaped, so data shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def trade_data_or_stop() -> TradeData:
    """Return the data package, or show every problem found in it and stop this page."""
    try:
        return trade_data()
    except DataError as error:
        st.error(
            t("The data package could not be loaded. Nothing is shown rather than a part of it.")
            + "\n\n"
            + "\n".join(f"- {escape_markdown(str(problem))}" for problem in error.problems),
            icon=":material/error:",
        )
        st.stop()
        raise  # st.stop() raises; this line keeps the type checker informed
