"""How current the data are, at the top of every page: release, cut-off, what changed, and the
whole package as a zip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ca_trade.data import DataError, read_changelog, read_descriptor
from ca_trade.export import data_zip, package_readme
from ca_trade.i18n import t
from ca_trade.paths import data_dir
from ca_trade.present.cutoff import cutoff_note, data_version_label
from ca_trade.release import DataCutoff, data_cutoff, release_notes
from ca_trade.ui.cache import Version, data_key, trade_data
from ca_trade.ui.common import escape_markdown, small_markdown, small_note


@st.cache_data(show_spinner=False, max_entries=4)
def _release(folder: str, files: Version) -> tuple[str, DataCutoff, str | None]:
    """The package's version, cut-off and release notes, once per version of its files (they are
    shown on every re-run of every page); a DataError is not cached."""
    del files  # part of the cache key only
    data = trade_data()
    version = str(read_descriptor(Path(folder)).get("version", ""))
    notes = release_notes(read_changelog(Path(folder)), version)
    return version, data_cutoff(data.sources, data.trade_totals), notes


def _current_release() -> tuple[str, DataCutoff, str | None]:
    """The release of the data package in use (see `_release`)."""
    return _release(*data_key())


def _full_data_zip() -> bytes:
    """Zip every CSV of the package, datapackage.json and a README with citation and licence."""
    folder = data_dir()
    return data_zip(folder, package_readme(read_descriptor(folder), date.today()))


def data_status(where: DeltaGenerator) -> None:
    """Show the data version and cut-off in `where`, and a "Data" popover with the whole package
    as a zip and the release's changes (its content is sent to the browser only when opened).

    Shows no status when the package cannot be loaded (the page itself then says why).
    """
    try:
        version, cutoff, notes = _current_release()
    except DataError:
        version, notes = None, None
    if version is not None:
        # Small body-coloured text: a caption's grey fails WCAG contrast.
        small_markdown(
            f"{escape_markdown(data_version_label(version))} · "
            f"{escape_markdown(cutoff_note(cutoff))}",
            where.container(width="content"),  # a phone's whole row, then the buttons below
        )
    with where.popover(t("Data"), icon=":material/database:", key="data_menu"):
        st.download_button(
            t("Full data (zip)"),
            data=_full_data_zip,
            file_name="central-asia-trade-data.zip",
            mime="application/zip",
            key="full_data_zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            width="stretch",
        )
        small_note(
            t("Every CSV, the data package description and a README on citation and licence.")
        )
        if notes:
            heading = escape_markdown(t("What changed in this data release"))
            st.markdown(f"**{heading}**")
            small_note(t("In English, as recorded in the data's CHANGELOG."))
            st.markdown(notes)


def current_cutoff() -> DataCutoff:
    """Return the cut-off of the data in use, computed once per version of the files;
    DataError if the package cannot be loaded."""
    return _current_release()[1]
