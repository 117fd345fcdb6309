"""Words of the chain-linked estimate: always named an estimate, with its method and range."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ca_trade.estimate import (
    APPROXIMATE_MARGIN,
    LOWER_BOUND_MARGIN,
    MIN_COVERAGE_SHARE,
    MIN_MATCHED_PAIRS,
    ChainEstimate,
    Link,
)
from ca_trade.format import format_number, format_percent, format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.flows import pair_label
from ca_trade.present.progress import Metric


def estimate_label(year: int) -> str:
    """Return the name of an estimate wherever it is shown: never 'official'."""
    return t("Estimate for {year}, not official", year=year)


def estimate_metric(estimate: ChainEstimate) -> Metric:
    """Return the estimate as a headline figure, or 'not enough data' where there is none."""
    if estimate.value_usd_bn is None:
        value = t("Not enough data")
    else:
        value = t("≈ {amount}", amount=format_usd_bn(estimate.value_usd_bn))
    return Metric(
        estimate_label(estimate.year),
        value,
        t(
            "Chain-linked from the latest official total over the pairs reported by the same "
            "side in both years. An estimate, not an official figure."
        ),
    )


def estimate_range(estimate: ChainEstimate) -> str | None:
    """Return the estimate's range in words ('range $11.7bn to $14.9bn'), or None."""
    if estimate.low_usd_bn is None or estimate.high_usd_bn is None:
        return None
    return t(
        "range {low} to {high}",
        low=format_usd_bn(estimate.low_usd_bn),
        high=format_usd_bn(estimate.high_usd_bn),
    )


def _formula(step: Link, start_usd_bn: float, result_usd_bn: float) -> str:
    """Return one link's arithmetic: '$11.5bn × 6,300 ÷ 5,700 = $12.7bn'."""
    current = sum(p.central.current_usd_m for p in step.matched)
    previous = sum(p.central.previous_usd_m for p in step.matched)
    return t(
        "{start} × {current} ÷ {previous} = {result}",
        start=format_usd_bn(start_usd_bn),
        current=format_number(current, 0),
        previous=format_number(previous, 0),
        result=format_usd_bn(result_usd_bn),
    )


def estimate_text(estimate: ChainEstimate, names: Mapping[str, str]) -> str:
    """Return what the estimate is, how it was made and how far it can be off, in words."""
    last = estimate.links[-1]
    if estimate.value_usd_bn is None:
        failed = next(step for step in estimate.links if not step.sufficient)
        return t(
            "Not enough partner data to estimate {year}. Pairs reported by the same side in both "
            "{previous} and {next}: {count} ({share} of the {previous} pair sum); at least "
            "{needed} pairs and {threshold} are needed.",
            year=estimate.year,
            count=len(failed.matched),
            share=format_percent(failed.coverage_share, 0),
            previous=failed.previous_year,
            next=failed.year,
            needed=MIN_MATCHED_PAIRS,
            threshold=format_percent(MIN_COVERAGE_SHARE, 0),
        )
    text = t(
        "Estimate, not official data: {year} ≈ {amount} ({range}). It carries the official "
        "{official_year} total ({official}) forward by the change in the {count} pairs that the "
        "same side reports for full years in both {previous} and {year} ({pairs}); they make up "
        "{share} of the {previous} pair sum.",
        year=estimate.year,
        amount=format_usd_bn(estimate.value_usd_bn),
        range=estimate_range(estimate) or "",
        official_year=estimate.official_year,
        official=format_usd_bn(estimate.official_usd_bn),
        count=len(last.matched),
        previous=last.previous_year,
        pairs=", ".join(pair_label(p.country_a, p.country_b, names) for p in last.matched),
        share=format_percent(last.coverage_share, 0),
    )
    if len(estimate.links) == 1:
        text += " " + t(
            "Formula: {formula} (sums of the matched pairs, USD million).",
            formula=_formula(last, estimate.official_usd_bn, estimate.value_usd_bn),
        )
    return text


def method_note() -> str:
    """Return how the estimate is made, its range and its threshold: the method in words."""
    return t(
        "Estimate method (chain-linking): estimate of a year = official total of the year before "
        "(further on, the estimate of the year before) × (sum of matched pairs in the year ÷ the "
        "same pairs the year before). A pair is matched "
        "when the same side reports a full-year value for it in both years; where both sides do, "
        "the side the reporter rule prefers gives the estimate and the other the range. The range "
        "also takes 'about' figures as within ±{approximate} and 'more than' figures as up to "
        "{lower_bound} above the figure (assumptions of the method). No estimate is made with "
        "fewer than {pairs} matched pairs or less than {share} of the previous year's pair sum: "
        "below that, the pairs left out outweigh those compared.",
        approximate=format_percent(APPROXIMATE_MARGIN, 0),
        lower_bound=format_percent(LOWER_BOUND_MARGIN, 0),
        pairs=MIN_MATCHED_PAIRS,
        share=format_percent(MIN_COVERAGE_SHARE, 0),
    )


def estimates_table(estimates: Sequence[ChainEstimate], names: Mapping[str, str]) -> pd.DataFrame:
    """Return the estimates as rows beside the cited figures, for the chart's CSV: their
    series is 'estimate', the speaker says it is not official, the note gives method and pairs."""
    shown = [e for e in estimates if e.value_usd_bn is not None]
    return pd.DataFrame(
        {
            "year": [e.year for e in shown],
            "months": [12 for _ in shown],
            "value_usd_bn": [e.value_usd_bn for e in shown],
            "low_usd_bn": [e.low_usd_bn for e in shown],
            "high_usd_bn": [e.high_usd_bn for e in shown],
            "qualifier": ["estimate" for _ in shown],
            "series": ["estimate" for _ in shown],
            "speaker": [estimate_label(e.year) for e in shown],
            "source_title": ["" for _ in shown],
            "source_url": ["" for _ in shown],
            "note": [estimate_text(e, names) for e in shown],
        }
    )


def base_name(base_year: int, estimate: ChainEstimate | None) -> str:
    """Return what a scenario's base is: the estimate with its range, when `estimate` is the base
    (its year is the base year), else the official total of the base year."""
    if estimate is None or estimate.value_usd_bn is None or estimate.year != base_year:
        return t("the official total for {year}", year=base_year)
    return t(
        "the estimate for {year}, not official ({range})",
        year=estimate.year,
        range=estimate_range(estimate) or "",
    )


def base_option(
    option: str, official_year: int, official_usd_bn: float, estimate: ChainEstimate | None
) -> str:
    """Return the name of a choice of base: 'official' (the latest official total, the default)
    or 'estimate' (named an estimate, with its value where there is one)."""
    if option == "official":
        return t(
            "Official total: {amount} in {year}",
            amount=format_usd_bn(official_usd_bn),
            year=official_year,
        )
    if estimate is None or estimate.value_usd_bn is None:
        return t("Estimate from partner data: not available")
    return t(
        "{label}: ≈ {amount}",
        label=estimate_label(estimate.year),
        amount=format_usd_bn(estimate.value_usd_bn),
    )


def estimate_base_note(estimate: ChainEstimate | None, official_year: int) -> str:
    """Return what the estimate base is, or why it cannot be chosen."""
    if estimate is None:
        return t(
            "No partner data after {year}, so there is no estimate to start from.",
            year=official_year,
        )
    if estimate.value_usd_bn is None:
        return estimate_text(estimate, {})
    return t(
        "The estimate, not an official figure, starts the projection in {year} ({range}); it is "
        "chain-linked from the official {official_year} total (see the Overview). The observed "
        "trend stays official.",
        year=estimate.year,
        range=estimate_range(estimate) or "",
        official_year=estimate.official_year,
    )
