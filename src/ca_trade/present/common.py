"""Words shared by several pages: how a figure is stated, and country names."""

from __future__ import annotations

import pandas as pd

from ca_trade.i18n import localized, t


def qualifier_label(qualifier: str) -> str:
    """Return how a source states a figure: 'exact', 'about' or 'more than'."""
    labels = {"exact": t("exact"), "approximate": t("about"), "lower_bound": t("more than")}
    return labels.get(qualifier, qualifier)


def country_names(countries: pd.DataFrame) -> dict[str, str]:
    """Return ISO3 -> the country's name in the current language, in countries.csv order."""
    return dict(zip(countries["iso3"].astype(str), localized(countries, "name"), strict=True))
