"""The sidebar's statement of how current the data are: release, cut-off, what changed."""

from __future__ import annotations

import streamlit as st

from ca_trade.data import DataError, read_changelog, read_descriptor
from ca_trade.i18n import t
from ca_trade.paths import data_dir
from ca_trade.present.cutoff import cutoff_note, data_version_label
from ca_trade.release import data_cutoff, release_notes
from ca_trade.ui.cache import trade_data


def data_status() -> None:
    """Show the data version, the cut-off and the release's changes in the sidebar.

    Shows nothing when the package cannot be loaded: the page itself then says why.
    """
    try:
        data = trade_data()
        version = str(read_descriptor(data_dir()).get("version", ""))
    except DataError:
        return
    cutoff = data_cutoff(data.sources, data.trade_totals)
    sidebar = st.sidebar
    sidebar.caption(f"{data_version_label(version)}  \n{cutoff_note(cutoff)}")
    notes = release_notes(read_changelog(), version)
    if notes:
        with sidebar.expander(t("What changed in this data release")):
            st.caption(t("In English, as recorded in the data's CHANGELOG."))
            st.markdown(notes)


def cutoff_caption() -> None:
    """Show the cut-off in small type under a page's title (the sidebar is hidden on phones)."""
    try:
        data = trade_data()
    except DataError:
        return
    st.markdown(f":small[{cutoff_note(data_cutoff(data.sources, data.trade_totals))}]")
