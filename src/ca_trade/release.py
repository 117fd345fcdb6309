"""How current the data package is: the newest source's date and the latest official year; pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import takewhile

import pandas as pd

from ca_trade.progress import latest_headline_total


@dataclass(frozen=True)
class DataCutoff:
    """How far the data reach, computed from the data themselves."""

    sources_up_to: date  # the newest source's publication date: nothing later was considered
    latest_official_year: int  # of the latest official full-year regional (CA5) total


def data_cutoff(sources: pd.DataFrame, totals: pd.DataFrame) -> DataCutoff:
    """Return the data's cut-off: the newest source's date and the latest official year;
    ValueError if no source has a publication date or there is no official total."""
    published = sources["published"].dropna()
    if published.empty:
        raise ValueError("no source in sources.csv has a publication date")
    latest = latest_headline_total(totals, sources)
    return DataCutoff(pd.Timestamp(published.max()).date(), latest.year)


def release_notes(changelog: str, version: str) -> str | None:
    """Return the body of the section for `version` ('## 0.2.0 ...') of data/CHANGELOG.md's
    text, or None."""
    lines = changelog.splitlines()
    for index, line in enumerate(lines):
        heading = line.removeprefix("## ").split(" ", 1)[0]
        if line.startswith("## ") and heading == version:
            body = takewhile(lambda following: not following.startswith("## "), lines[index + 1 :])
            return "\n".join(body).strip()
    return None
