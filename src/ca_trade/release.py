"""How current the data package is: the newest source's date and the latest official year; pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ca_trade.progress import latest_headline_total


@dataclass(frozen=True)
class DataCutoff:
    """How far the data reach, computed from the data themselves.

    Attributes:
        sources_up_to: publication date of the newest source in sources.csv: nothing published
            later was considered.
        latest_official_year: year of the latest official full-year regional (CA5) total.
    """

    sources_up_to: date
    latest_official_year: int


def data_cutoff(sources: pd.DataFrame, totals: pd.DataFrame) -> DataCutoff:
    """Return the data's cut-off: the newest source's date and the latest official year.

    Args:
        sources: the sources frame (`published` dates, some empty).
        totals: the trade_totals frame.

    Raises:
        ValueError: if no source has a publication date or there is no official total.
    """
    published = sources["published"].dropna()
    if published.empty:
        raise ValueError("no source in sources.csv has a publication date")
    latest = latest_headline_total(totals, sources)
    return DataCutoff(
        sources_up_to=pd.Timestamp(published.max()).date(),
        latest_official_year=latest.year,
    )


def release_notes(changelog: str, version: str) -> str | None:
    """Return the body of the changelog's section for `version` ('## 0.2.0 ...'), or None.

    Args:
        changelog: the text of data/CHANGELOG.md (Markdown, one '## <version>' heading per
            release).
        version: the release, as declared in datapackage.json.
    """
    lines = changelog.splitlines()
    for index, line in enumerate(lines):
        heading = line.removeprefix("## ").split(" ", 1)[0]
        if line.startswith("## ") and heading == version:
            body: list[str] = []
            for following in lines[index + 1 :]:
                if following.startswith("## "):
                    break
                body.append(following)
            return "\n".join(body).strip()
    return None
