"""The estimate in words: always named an estimate, with its pairs, share, formula and range."""

from __future__ import annotations

import pytest

from ca_trade.data import TradeData, load_trade_data
from ca_trade.estimate import ChainEstimate, chain_estimates
from ca_trade.flows import turnover_candidates
from ca_trade.i18n import language
from ca_trade.paths import PROJECT_ROOT
from ca_trade.present.common import country_names
from ca_trade.present.estimate import (
    estimate_metric,
    estimate_text,
    estimates_table,
    method_note,
)

NBSP, NARROW = "\u00a0", "\u202f"


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NARROW, " ")


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(PROJECT_ROOT / "data")


@pytest.fixture(scope="module")
def estimate(data: TradeData) -> ChainEstimate:
    candidates = turnover_candidates(data.trade_flows, data.countries)
    return chain_estimates(candidates, data.countries, data.trade_totals, data.sources)[0]


def test_metric_in_english(estimate: ChainEstimate) -> None:
    with language("en"):
        metric = estimate_metric(estimate)
    assert (metric.label, metric.value) == ("Estimate for 2025, not official", "≈ $12.7bn")


def test_text_in_english(estimate: ChainEstimate, data: TradeData) -> None:
    with language("en"):
        text = estimate_text(estimate, country_names(data.countries))
    assert text == (
        "Estimate, not official data: 2025 ≈ $12.7bn (range $11.7bn to $14.9bn). It carries the "
        "official 2024 total ($11.5bn) forward by the change in the 2 pairs that the same side "
        "reports for full years in both 2024 and 2025 (Kazakhstan – Kyrgyzstan, Kazakhstan – "
        "Uzbekistan); they make up 70% of the 2024 pair sum. Formula: $11.5bn × 6,300 ÷ 5,700 = "
        "$12.7bn (sums of the matched pairs, USD million)."
    )


def test_text_in_russian(estimate: ChainEstimate, data: TradeData) -> None:
    with language("ru"):
        text = plain(estimate_text(estimate, country_names(data.countries)))
        metric = estimate_metric(estimate)
    assert text.startswith("Оценка, а не официальные данные: 2025 г. ≈ 12,7 млрд $")
    assert "(диапазон от 11,7 млрд $ до 14,9 млрд $)" in text
    assert "Казахстан – Кыргызстан, Казахстан – Узбекистан" in text
    assert "11,5 млрд $ × 6 300 ÷ 5 700 = 12,7 млрд $" in text
    assert metric.label == "Оценка за 2025 г., не официальная"


def test_not_enough_data_is_said(estimate: ChainEstimate, data: TradeData) -> None:
    step = estimate.links[0]
    thin = ChainEstimate(
        year=2025,
        official_year=2024,
        official_usd_bn=11.5,
        links=(
            type(step)(
                **{**step.__dict__, "matched": step.matched[:1], "sufficient": False},
            ),
        ),
        value_usd_bn=None,
        low_usd_bn=None,
        high_usd_bn=None,
    )
    with language("en"):
        assert estimate_metric(thin).value == "Not enough data"
        text = estimate_text(thin, country_names(data.countries))
    assert text.startswith(
        "Not enough partner data to estimate 2025. Pairs reported by the same side in both 2024 "
        "and 2025: 1 (70% of the 2024 pair sum)"
    )
    assert estimates_table([thin], {}).empty


def test_method_note_names_margins_and_threshold() -> None:
    with language("en"):
        note = method_note()
    assert "±5%" in note
    assert "up to 10% above" in note
    assert "fewer than 2 matched pairs or less than 50%" in note


def test_table_row_for_the_csv(estimate: ChainEstimate, data: TradeData) -> None:
    with language("en"):
        table = estimates_table([estimate], country_names(data.countries))
    (row,) = table.to_dict("records")
    assert row["year"] == 2025
    assert row["series"] == "estimate"
    assert row["value_usd_bn"] == pytest.approx(11.5 * 6300 / 5700)
    assert row["low_usd_bn"] == pytest.approx(11.5 * 6200 / 6100)
    assert row["speaker"] == "Estimate for 2025, not official"
