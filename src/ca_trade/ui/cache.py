"""The app's only caches: the validated data package, keyed on the files' versions."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ca_trade.data import TradeData, data_version, load_trade_data
from ca_trade.paths import data_dir


@st.cache_data(show_spinner=False, max_entries=4)
def _trade_data_for(folder: str, version: tuple[tuple[str, int, int], ...]) -> TradeData:
    """Load the package once per (folder, file versions); a DataError is not cached."""
    del version  # part of the cache key only: an edited file loads afresh
    return load_trade_data(Path(folder))


def trade_data() -> TradeData:
    """Return the validated data package, reloading when a file in the folder changes."""
    folder = data_dir()
    return _trade_data_for(str(folder), data_version(folder))
