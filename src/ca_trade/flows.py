"""Bilateral trade among the five: pair values by the reporter rule, mirrors, coverage; pure pandas.

Values are turnover (exports plus imports), USD million, current prices. A source may state a
pair's turnover, or give the two directions (export and import) from which turnover is derived.

The reporter rule picks one value per pair and year. For the pair (A, B), in this order:

1. the report of whichever of A and B ranks higher in `countries.reporter_priority`;
2. else the report of the other (a mirror value);
3. else a figure whose source does not say whose statistics it is (reporter UNSPECIFIED).

A country without a priority (Turkmenistan, which publishes no partner data) is never used as
the reporter: its pairs always take the partner's figures. Where one reporter gives several
values for a year, a stated turnover beats a derived one, then exact beats approximate beats
lower bound ("more than"), then the more precise figure (more significant digits) beats a rounded
one, then the row earlier in the file.

Only full-year values (12 months) enter the rule. Partial-year values are kept apart and are
always labelled with the months they cover.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from itertools import combinations, groupby
from typing import Any

import pandas as pd

from ca_trade.progress import FULL_YEAR_MONTHS

UNSPECIFIED = "UNSPECIFIED"
STATED = "stated"
DERIVED = "derived"
QUALIFIER_RANK = {"exact": 0, "approximate": 1, "lower_bound": 2}

# Coverage of one pair in one year, from most to least complete.
BOTH_SIDES = "both_sides"
ONE_SIDE = "one_side"
UNSPECIFIED_ONLY = "unspecified_only"
PARTIAL_ONLY = "partial_only"
COVERAGE_ORDER = (BOTH_SIDES, ONE_SIDE, UNSPECIFIED_ONLY, PARTIAL_ONLY)

# A reporter's values for one pair, year and months are ranked among themselves.
GROUP = ("year", "months", "country_a", "country_b", "reporter")
CANDIDATE_COLUMNS = [*GROUP, "value_usd_m", "qualifier", "basis", "flow_ids", "source_ids", "rank"]
# What a pair's row in `pair_values` takes from the chosen candidate.
CHOSEN = ("qualifier", "flow_ids", "source_ids")


def country_order(countries: pd.DataFrame) -> list[str]:
    """Return the ISO3 codes in the order of countries.csv."""
    return [str(code) for code in countries["iso3"]]


def country_pairs(countries: pd.DataFrame) -> list[tuple[str, str]]:
    """Return every unordered pair of countries (10 for five), in countries.csv order."""
    return list(combinations(country_order(countries), 2))


def reporter_priority(countries: pd.DataFrame) -> dict[str, int]:
    """Return ISO3 -> rank in the reporter rule (1 = preferred), for countries that have one."""
    ranked = countries[countries["reporter_priority"].notna()]
    return {str(row["iso3"]): int(row["reporter_priority"]) for row in ranked.to_dict("records")}


def significant_digits(value: float) -> int:
    """Return how many significant digits a figure is stated with (4000 -> 1, 776.3 -> 4)."""
    if value == 0 or not math.isfinite(value):
        return 0
    text = f"{abs(value):.12g}".split("e")[0]  # the digits, without any exponent
    if "." in text:
        return len(text.replace(".", "").lstrip("0"))
    return len(text.lstrip("0").rstrip("0"))


def _weakest(qualifiers: list[str]) -> str:
    """Return the qualifier of a sum: the least certain of its parts."""
    return max(qualifiers, key=lambda q: QUALIFIER_RANK.get(q, len(QUALIFIER_RANK)))


def _canonical(country: str, partner: str, order: list[str]) -> tuple[str, str]:
    """Return the pair in countries.csv order."""
    return (country, partner) if order.index(country) < order.index(partner) else (partner, country)


def _rank_key(row: Mapping[str, Any]) -> tuple[int, int, int, int]:
    """Sort key of one candidate among a reporter's values: lower is preferred."""
    return (
        0 if row["basis"] == STATED else 1,
        QUALIFIER_RANK.get(str(row["qualifier"]), len(QUALIFIER_RANK)),
        -significant_digits(float(row["value_usd_m"])),
        int(row["position"]),
    )


def turnover_candidates(flows: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Return every turnover value available, stated or derived from its two directions.

    A derived value sums one reporter's export and import of the same pair, year and months
    (each direction taken as the reporter's preferred row for it, by the same ranking).

    Returns one row per candidate: year, months, country_a, country_b (countries.csv order),
    reporter, value_usd_m (USD million), qualifier, basis ('stated' or 'derived'), flow_ids and
    source_ids (';'-joined), and rank (0 = the reporter's preferred value for that pair, year
    and months).
    """
    order = country_order(countries)
    rows: list[dict[str, Any]] = []
    directions: dict[tuple[int, int, str, str, str], list[dict[str, Any]]] = {}
    for position, flow in enumerate(flows.to_dict("records")):
        country, partner = str(flow["country"]), str(flow["partner"])
        a, b = _canonical(country, partner, order)
        base: dict[str, Any] = {
            "year": int(flow["year"]),
            "months": int(flow["months"]),
            "country_a": a,
            "country_b": b,
            "reporter": str(flow["reporter"]),
            "value_usd_m": float(flow["value_usd_m"]),
            "qualifier": str(flow["qualifier"]),
            "flow_ids": str(flow["flow_id"]),
            "source_ids": str(flow["source_id"]),
            "position": position,
        }
        if flow["flow"] == "turnover":
            rows.append({**base, "basis": STATED})
            continue
        exporter, importer = (country, partner) if flow["flow"] == "export" else (partner, country)
        key = (base["year"], base["months"], base["reporter"], exporter, importer)
        directions.setdefault(key, []).append({**base, "basis": STATED})
    for (year, months, reporter, exporter, importer), there in directions.items():
        back = directions.get((year, months, reporter, importer, exporter))
        if back is None or order.index(exporter) > order.index(importer):
            continue  # one direction only, or this pair was summed from the other direction
        first = min(there, key=_rank_key)
        second = min(back, key=_rank_key)
        sources = list(dict.fromkeys([first["source_ids"], second["source_ids"]]))
        rows.append(
            {
                **first,
                "value_usd_m": first["value_usd_m"] + second["value_usd_m"],
                "qualifier": _weakest([first["qualifier"], second["qualifier"]]),
                "basis": DERIVED,
                "flow_ids": f"{first['flow_ids']};{second['flow_ids']}",
                "source_ids": ";".join(sources),
                "position": max(first["position"], second["position"]),
            }
        )

    def group_of(row: dict[str, Any]) -> list[Any]:
        return [row[k] for k in GROUP]

    ranked = [
        {**row, "rank": rank}
        for _, group in groupby(sorted(rows, key=group_of), key=group_of)
        for rank, row in enumerate(sorted(group, key=_rank_key))
    ]
    return pd.DataFrame(ranked, columns=CANDIDATE_COLUMNS)


def reporter_choices(country_a: str, country_b: str, priority: Mapping[str, int]) -> list[str]:
    """Return the reporters the rule accepts for a pair, in order of preference.

    The higher-priority country of the pair, then the other if it has a priority, then
    UNSPECIFIED. A country without a priority is never accepted.
    """
    ranked = sorted(
        (country for country in (country_a, country_b) if country in priority),
        key=lambda country: priority[country],
    )
    return [*ranked, UNSPECIFIED]


def _preferred(candidates: pd.DataFrame) -> pd.DataFrame:
    """Keep each reporter's preferred value (rank 0)."""
    return candidates[candidates["rank"] == 0]


def pair_values(candidates: pd.DataFrame, countries: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the value of every pair in `year` by the reporter rule, gaps included.

    `candidates` is `turnover_candidates`. Returns one row per pair (10 for five countries), in
    countries.csv order, with columns: country_a, country_b; value_usd_m (USD million, full
    year; NaN where there is none), reporter, qualifier, basis, flow_ids, source_ids (None where
    no value); first_choice (whether the reporter is the rule's first choice for the pair);
    partial_value_usd_m, partial_months, partial_reporter, partial_qualifier, partial_flow_ids,
    partial_source_ids: the longest partial-year value of a pair that has no full-year value, by
    the same reporter order (NaN/None otherwise). Partial values are never put in value_usd_m.
    """
    priority = reporter_priority(countries)
    of_year = _preferred(candidates[candidates["year"] == year]).to_dict("records")
    by_pair: dict[tuple[str, str], list[dict[Hashable, Any]]] = {}
    for candidate in of_year:
        by_pair.setdefault((str(candidate["country_a"]), str(candidate["country_b"])), []).append(
            candidate
        )
    rows: list[dict[str, Any]] = []
    for a, b in country_pairs(countries):
        pair = by_pair.get((a, b), [])
        choices = reporter_choices(a, b, priority)
        row: dict[str, Any] = {"country_a": a, "country_b": b, "value_usd_m": math.nan}
        row |= dict.fromkeys(["reporter", "qualifier", "basis", "flow_ids", "source_ids"])
        row["first_choice"] = None
        row |= {"partial_value_usd_m": math.nan, "partial_months": None, "partial_reporter": None}
        row |= {f"partial_{field}": None for field in CHOSEN}
        full = [c for c in pair if c["months"] == FULL_YEAR_MONTHS]
        chosen = next((c for r in choices for c in full if c["reporter"] == r), None)
        partial = [c for c in pair if c["months"] < FULL_YEAR_MONTHS and c["reporter"] in choices]
        if chosen is not None:
            row |= {field: chosen[field] for field in (*CHOSEN, "reporter", "basis")}
            row["value_usd_m"] = float(chosen["value_usd_m"])
            row["first_choice"] = chosen["reporter"] == choices[0]
        elif partial:
            best = min(
                partial, key=lambda r: (-int(r["months"]), choices.index(str(r["reporter"])))
            )
            row |= {f"partial_{field}": best[field] for field in (*CHOSEN, "reporter")}
            row["partial_value_usd_m"] = float(best["value_usd_m"])
            row["partial_months"] = int(best["months"])
        rows.append(row)
    return pd.DataFrame(rows)


def pair_matrix(
    pairs: pd.DataFrame, countries: pd.DataFrame, column: str = "value_usd_m"
) -> pd.DataFrame:
    """Return a symmetric country x country matrix (ISO3, countries.csv order) of `column` from
    `pair_values` output; NaN on the diagonal and for gaps."""
    order = country_order(countries)
    matrix = pd.DataFrame(math.nan, index=order, columns=order, dtype="float64")
    for row in pairs.to_dict("records"):
        value = float(row[column])
        matrix.loc[row["country_a"], row["country_b"]] = value
        matrix.loc[row["country_b"], row["country_a"]] = value
    return matrix


def side_values(candidates: pd.DataFrame, countries: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return what each country (index) reports of its trade with each partner (columns) in
    `year`, full year, USD million; NaN where it gave none. Turkmenistan's rare figures too."""
    order = country_order(countries)
    matrix = pd.DataFrame(math.nan, index=order, columns=order, dtype="float64")
    rows = _preferred(candidates)
    rows = rows[(rows["year"] == year) & (rows["months"] == FULL_YEAR_MONTHS)]
    for row in rows.to_dict("records"):
        reporter = str(row["reporter"])
        if reporter not in order:
            continue
        partner = row["country_b"] if row["country_a"] == reporter else row["country_a"]
        matrix.loc[reporter, partner] = float(row["value_usd_m"])
    return matrix


def mirror_asymmetry(candidates: pd.DataFrame, countries: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return each pair's value as reported by each side in `year`, and the gap between them.

    Returns:
        One row per pair (countries.csv order): country_a, country_b, by_a_usd_m, by_b_usd_m
        (USD million, NaN where that side gave no full-year value), difference_usd_m
        (by_b - by_a) and relative_difference (difference / mean of the two, a fraction;
        NaN unless both sides report).
    """
    sides = side_values(candidates, countries, year).to_numpy(dtype="float64")
    order = country_order(countries)
    rows: list[tuple[str, str, float, float, float, float]] = []
    for a, b in country_pairs(countries):
        by_a = float(sides[order.index(a), order.index(b)])
        by_b = float(sides[order.index(b), order.index(a)])
        both = not (math.isnan(by_a) or math.isnan(by_b))
        mean = (by_a + by_b) / 2 if both else math.nan
        relative = (by_b - by_a) / mean if both and mean > 0 else math.nan
        rows.append((a, b, by_a, by_b, by_b - by_a if both else math.nan, relative))
    columns = ["country_a", "country_b", "by_a_usd_m", "by_b_usd_m", "difference_usd_m"]
    return pd.DataFrame(rows, columns=[*columns, "relative_difference"])


def country_totals(pairs: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Return each country's trade with the other four: the sum of its pairs' rule values.

    Returns:
        One row per country (countries.csv order): iso3, value_usd_m (USD million, sum over
        the pairs with a full-year value; NaN if none has), pairs_with_data and pairs (the
        number of partners with a value, and of partners in all).
    """
    rows: list[tuple[str, float, int, int]] = []
    for iso3 in country_order(countries):
        mine = pairs[(pairs["country_a"] == iso3) | (pairs["country_b"] == iso3)]
        known = mine["value_usd_m"].dropna()
        total = float(known.sum()) if len(known) else math.nan
        rows.append((iso3, total, len(known), len(mine)))
    return pd.DataFrame(rows, columns=["iso3", "value_usd_m", "pairs_with_data", "pairs"])


def cited_country_totals(totals: pd.DataFrame, countries: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return officially cited full-year figures of one country's trade with the other four.

    `totals` is the trade_totals frame (scopes such as 'KAZ_CA'). Returns columns iso3,
    value_usd_m (USD million), qualifier, source_id: one row per country that has such a figure
    for `year` (the last by total_id where several exist).
    """
    scopes = {f"{iso3}_CA": iso3 for iso3 in country_order(countries)}
    rows = totals[
        totals["scope"].isin(list(scopes))
        & (totals["year"] == year)
        & (totals["months"] == FULL_YEAR_MONTHS)
    ].sort_values(["scope", "total_id"])
    last = rows.drop_duplicates("scope", keep="last")
    return pd.DataFrame(
        {
            "iso3": [scopes[str(scope)] for scope in last["scope"]],
            "value_usd_m": (last["value_usd_bn"].astype(float) * 1000).to_list(),
            "qualifier": last["qualifier"].astype(str).to_list(),
            "source_id": last["source_id"].astype(str).to_list(),
        }
    )


def pair_series(candidates: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Return every pair's full-year value by the reporter rule, for every year with any data.

    Returns:
        Long frame: year plus the columns of `pair_values` (without the partial-year ones),
        one row per pair and year, NaN values where the pair has no full-year value that year.
    """
    years = flow_years(candidates)
    frames = [pair_values(candidates, countries, year).assign(year=year) for year in years]
    if not frames:
        return pd.DataFrame(columns=["year", "country_a", "country_b", "value_usd_m"])
    series = pd.concat(frames, ignore_index=True)
    keep = [column for column in series.columns if not column.startswith("partial_")]
    return series[["year", *[c for c in keep if c != "year"]]]


def flow_years(candidates: pd.DataFrame) -> list[int]:
    """Return the years with at least one value (full or partial year), ascending."""
    return sorted({int(year) for year in candidates["year"]})


def most_complete_year(series: pd.DataFrame) -> int:
    """Return the year in which the most pairs of `pair_series` have a full-year value (the
    latest on ties); ValueError if there are no values at all."""
    if series.empty:
        raise ValueError("the data hold no bilateral values")
    counts = series.groupby("year")["value_usd_m"].count()
    return int(max(counts.index, key=lambda year: (int(counts[year]), int(year))))


def coverage(candidates: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Return, for every pair and year, which values exist: the data-coverage grid.

    Returns:
        One row per pair and year that has any value: year, country_a, country_b, status
        (both_sides, one_side, unspecified_only or partial_only), full_reporters (';'-joined
        reporters with a full-year value) and partial_months (the longest partial period,
        or None). Pairs and years without any value have no row: they are gaps.
    """
    rows: list[tuple[Any, ...]] = []
    grouped = candidates.groupby(["year", "country_a", "country_b"], sort=True)
    for (year, a, b), group in grouped:
        full = group[group["months"] == FULL_YEAR_MONTHS]
        reporters = sorted(set(full["reporter"].astype(str)))
        sides = {a, b} & set(reporters)
        # From most to least complete: both sides, one side, an unnamed reporter, part-year only.
        status = UNSPECIFIED_ONLY if reporters else PARTIAL_ONLY
        status = (BOTH_SIDES if len(sides) == 2 else ONE_SIDE) if sides else status
        partial = group[group["months"] < FULL_YEAR_MONTHS]["months"]
        longest = int(partial.max()) if len(partial) else None
        rows.append((int(str(year)), str(a), str(b), status, ";".join(reporters), longest))
    columns = ["year", "country_a", "country_b", "status", "full_reporters", "partial_months"]
    return pd.DataFrame(rows, columns=columns)


def year_values_table(
    flows: pd.DataFrame, sources: pd.DataFrame, pairs: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Return every row of trade_flows for `year`, with its source and whether the rule used it.

    `pairs` is `pair_values` for the same year. Returns columns flow_id, country, partner, flow,
    months, value_usd_m (USD million), reporter, qualifier, used (True if the value is in the
    matrix, alone or as part of a derived turnover), partial_shown (True if it is the partial
    value shown for a gap), source_title, source_url, note. Sorted by pair, full year first, the
    value used first, then by reporter, turnover before exports and imports.
    """
    used = {flow_id for ids in pairs["flow_ids"].dropna() for flow_id in str(ids).split(";")}
    partial = {
        flow_id for ids in pairs["partial_flow_ids"].dropna() for flow_id in str(ids).split(";")
    }
    of_year = flows[flows["year"] == year].merge(
        sources[["source_id", "title", "url"]], on="source_id", how="left"
    )
    columns = ["flow_id", "country", "partner", "flow", "months", "value_usd_m", "reporter"]
    types = dict.fromkeys([*columns, "qualifier"], str) | {"months": int, "value_usd_m": float}
    table = of_year[[*columns, "qualifier"]].astype(types)
    table = table.assign(
        used=of_year["flow_id"].isin(list(used)),
        partial_shown=of_year["flow_id"].isin(list(partial)),
        source_title=of_year["title"].astype(str),
        source_url=of_year["url"].astype(str),
        note=of_year["note"].fillna("").astype(str),
    )
    pair_key = table.apply(lambda r: "-".join(sorted([r["country"], r["partner"]])), axis=1)
    return (
        table.assign(_pair=pair_key, _full=table["months"] < FULL_YEAR_MONTHS)
        .sort_values(
            ["_pair", "_full", "used", "reporter", "flow"],
            ascending=[True, True, False, True, False],
            kind="stable",
        )
        .drop(columns=["_pair", "_full"])
        .reset_index(drop=True)
    )
