"""Words of how current the data are: the cut-off note on charts, pages and exports."""

from __future__ import annotations

from ca_trade.format import format_full_date
from ca_trade.i18n import t
from ca_trade.release import DataCutoff


def cutoff_note(cutoff: DataCutoff) -> str:
    """Return the one-line cut-off note, e.g. 'Sources up to 21 March 2026 · latest official
    regional total: 2024'."""
    return t(
        "Sources up to {date} · latest official regional total: {year}",
        date=format_full_date(cutoff.sources_up_to),
        year=cutoff.latest_official_year,
    )


def cutoff_line_label() -> str:
    """Return the label of the cut-off line on a chart with a time axis."""
    return t("Data cut-off")


def data_version_label(version: str) -> str:
    """Return the data release as shown above every page, e.g. 'Data version 0.2.0'."""
    return t("Data version {version}", version=version)
