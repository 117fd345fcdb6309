"""The trade of each country pair the time method uses, read from trade_flows by the reporter rule.

The model's pair parameters (`pair.trade.<a>_<b>`, USD million a year) are not repeated in
assumptions.csv: each is the pair's latest full-year value by the reporter rule of
`ca_trade.flows`, so a new year of data moves the model without an edit.
"""

from __future__ import annotations

import pandas as pd

from ca_trade.flows import pair_values, turnover_candidates
from ca_trade.scenario.formulas import PAIR_PREFIX

# Old links named the pair parameters after the year they used to be fixed at.
OLD_PAIR_PREFIX = "pair.trade_2023."
PAIR_UNIT = "USD million ({year})"


def pair_unit_year(unit: str) -> int | None:
    """Return the year of a pair row's unit (`PAIR_UNIT`), or None for any other unit."""
    head, tail = PAIR_UNIT.split("{year}")
    year = unit.removeprefix(head).removesuffix(tail)
    return int(year) if unit.startswith(head) and unit.endswith(tail) and year.isdigit() else None


def pair_trade_assumptions(flows: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Return one default assumption row per pair with a full-year value: its latest one.

    Returns:
        Rows in the assumptions schema: assumption_id `pair.trade.<a>_<b>.all`, parameter
        `pair.trade.<a>_<b>` (ISO3 codes in lower case, sorted), applies_to 'all', value in USD
        million, no range, the unit with the year, basis 'sourced', the first source of the
        value, and a note naming the year and the reporter. No translated unit (`unit_ru`):
        the presentation writes it from the year (`pair_unit_year`).
    """
    candidates = turnover_candidates(flows, countries)
    latest: dict[str, dict[str, object]] = {}
    for year in sorted(set(candidates["year"].astype(int))):
        values = pair_values(candidates, countries, year).dropna(subset=["value_usd_m"])
        for row in values.to_dict("records"):
            codes = sorted((str(row["country_a"]).lower(), str(row["country_b"]).lower()))
            parameter = f"{PAIR_PREFIX}{codes[0]}_{codes[1]}"
            latest[parameter] = {
                "assumption_id": f"{parameter}.all",
                "parameter": parameter,
                "applies_to": "all",
                "value": float(row["value_usd_m"]),
                "low": float("nan"),
                "high": float("nan"),
                "unit": PAIR_UNIT.format(year=year),
                "basis": "sourced",
                "is_default": True,
                "source_id": str(row["source_ids"]).split(";")[0],
                "note": f"Trade of the pair in {year} by the reporter rule ({row['reporter']}'s "
                "figure), from trade_flows.csv. Pair baseline for the time method.",
            }
    return pd.DataFrame(list(latest.values()))


def with_pair_trade(
    assumptions: pd.DataFrame, flows: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """Return the assumptions with the pairs' trade appended (see `pair_trade_assumptions`).

    Raises:
        ValueError: if the assumptions already hold a pair-trade row (it would be used twice).
    """
    stated = assumptions["parameter"].astype(str).str.startswith(PAIR_PREFIX)
    if stated.any():
        ids = ", ".join(assumptions.loc[stated, "assumption_id"].astype(str))
        raise ValueError(f"assumptions: pair trade is read from trade_flows, not stated: {ids}")
    pairs = pair_trade_assumptions(flows, countries)
    combined = pd.concat(
        [assumptions, pairs.reindex(columns=assumptions.columns)], ignore_index=True
    )
    return combined.astype(assumptions.dtypes.to_dict())
