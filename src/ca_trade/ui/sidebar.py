"""Downloads offered on every page: the full data package, with its README."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ca_trade.data import read_descriptor
from ca_trade.export import data_zip, package_readme
from ca_trade.i18n import t
from ca_trade.paths import data_dir


def _full_data_zip() -> bytes:
    """Zip every CSV of the package, datapackage.json and a README with citation and licence."""
    folder = data_dir()
    return data_zip(folder, package_readme(read_descriptor(folder), date.today()))


def full_data_download() -> None:
    """Show the 'full data' download in the sidebar; built only when clicked."""
    st.sidebar.download_button(
        t("Full data (zip)"),
        data=_full_data_zip,
        file_name="central-asia-trade-data.zip",
        mime="application/zip",
        key="full_data_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        help=t("Every CSV, the data package description and a README on citation and licence."),
        width="stretch",
    )
