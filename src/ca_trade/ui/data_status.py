"""The sidebar's statement of how current the data are: release, cut-off, what changed."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ca_trade.data import DataError, data_version, read_changelog, read_descriptor
from ca_trade.i18n import t
from ca_trade.paths import data_dir
from ca_trade.present.cutoff import cutoff_note, data_version_label
from ca_trade.release import DataCutoff, data_cutoff, release_notes
from ca_trade.ui.cache import trade_data
from ca_trade.ui.common import escape_markdown, small_markdown, small_note


@st.cache_data(show_spinner=False, max_entries=4)
def _release(
    folder: str, files: tuple[tuple[str, int, int], ...]
) -> tuple[str, DataCutoff, str | None]:
    """The package's version, cut-off and release notes, once per version of its files (they are
    shown on every re-run of every page); a DataError is not cached."""
    del files  # part of the cache key only
    data = trade_data()
    version = str(read_descriptor(Path(folder)).get("version", ""))
    notes = release_notes(read_changelog(Path(folder)), version)
    return version, data_cutoff(data.sources, data.trade_totals), notes


def _current_release() -> tuple[str, DataCutoff, str | None]:
    """The release of the data package in use (see `_release`)."""
    folder = data_dir()
    return _release(str(folder), data_version(folder))


def data_status() -> None:
    """Show the data version, the cut-off and the release's changes in the sidebar.

    Shows nothing when the package cannot be loaded: the page itself then says why.
    """
    try:
        version, cutoff, notes = _current_release()
    except DataError:
        return
    sidebar = st.sidebar
    # Small body-coloured text: a caption's grey on the sidebar's grey fails WCAG contrast.
    small_markdown(
        f"{escape_markdown(data_version_label(version))}  \n{escape_markdown(cutoff_note(cutoff))}",
        sidebar,
    )
    if notes:
        with sidebar.expander(t("What changed in this data release")):
            small_note(t("In English, as recorded in the data's CHANGELOG."))
            st.markdown(notes)


def current_cutoff() -> DataCutoff:
    """Return the cut-off of the data in use, computed once per version of the files;
    DataError if the package cannot be loaded."""
    return _current_release()[1]
