"""How current the data are: the cut-off computed from the data, and a release's notes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ca_trade.release import DataCutoff, data_cutoff, release_notes

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c"],
        "title": ["A", "B", "C"],
        "url": ["https://a", "https://b", "https://c"],
        "published": pd.to_datetime(["2025-11-16", None, "2026-03-21"]),
    }
)
TOTALS = pd.DataFrame(
    {
        "total_id": ["t1", "t2", "t3"],
        "year": [2023, 2024, 2025],
        "months": [12, 12, 9],
        "scope": ["CA5", "CA5", "CA5"],
        "value_usd_bn": [11.0, 11.5, 9.0],
        "qualifier": ["exact", "exact", "exact"],
        "series": ["headline", "headline", "headline"],
        "source_id": ["a", "c", "c"],
    }
)


def test_cutoff_is_the_newest_publication_and_the_latest_full_year_total() -> None:
    # The nine-month 2025 figure is not an official full-year total.
    assert data_cutoff(SOURCES, TOTALS) == DataCutoff(date(2026, 3, 21), 2024)


def test_cutoff_follows_a_newer_source() -> None:
    newer = SOURCES.assign(published=pd.to_datetime(["2026-04-01", None, "2026-03-21"]))
    assert data_cutoff(newer, TOTALS).sources_up_to == date(2026, 4, 1)


def test_cutoff_without_any_dated_source_is_an_error() -> None:
    undated = SOURCES.assign(published=pd.to_datetime([None, None, None]))
    with pytest.raises(ValueError, match="publication date"):
        data_cutoff(undated, TOTALS)


CHANGELOG = """# Changes

Intro.

## 0.2.0 (2026-12-07)

- added two rows

## 0.1.0 (2026-11-28)

First release.
"""


def test_release_notes_are_the_section_of_the_version() -> None:
    assert release_notes(CHANGELOG, "0.2.0") == "- added two rows"
    assert release_notes(CHANGELOG, "0.1.0") == "First release."


def test_release_notes_of_an_unknown_version_are_none() -> None:
    assert release_notes(CHANGELOG, "0.2") is None
    assert release_notes("", "0.2.0") is None
