"""How the scenario is computed, in words, with the rates and values the user has set.

Every number in these texts comes from the settings or the assumptions in force, so the text
changes when they do (a trade loss of 2% per day is written '2% per day').
"""

from __future__ import annotations

from collections.abc import Mapping

from ca_trade.format import (
    fewest_decimals,
    format_growth,
    format_number,
    format_significant,
    format_usd_bn,
)
from ca_trade.i18n import t
from ca_trade.present.projects import type_label
from ca_trade.scenario import ScenarioParams


def _percent_per_day(values: Mapping[str, float]) -> str:
    """Return the trade loss per day in force: '1%' when one value applies everywhere, else each
    with what it applies to ('1% (Rail), 2% (Road)')."""
    rates = {key: t("{value}%", value=format_significant(value)) for key, value in values.items()}
    if len(set(rates.values())) <= 1:
        return next(iter(rates.values()), "–")
    return ", ".join(f"{rate} ({type_label(key)})" for key, rate in rates.items())


def _points(fraction: float) -> str:
    """Return a growth spread in percentage points without trailing zeros: 0.01 -> '1'."""
    points = fraction * 100
    return format_number(points, fewest_decimals(points))


def model_lines(
    params: ScenarioParams,
    target_year: int,
    band_at_target: tuple[float, float],
    base_name: str | None = None,
) -> list[str]:
    """Return the model's equations written with the settings in force, one line each.

    The first line (organic growth) is the one a page may follow with the base value's source.

    Args:
        params: the scenario settings (base year and value, growth, delay, band width).
        target_year: the year the band is quoted for.
        band_at_target: the low and high ends of the band in that year, USD billion a year.
        base_name: what the base value is (`present.estimate.base_name`); default: the official
            total of the base year.
    """
    width = _points(params.band_width)
    return [
        t(
            "Organic growth: organic(t) = B × (1 + g)^(t − {year}), with B = {base}, "
            "{base_name}, and g = {rate}.",
            year=params.base_year,
            base=format_usd_bn(params.base_value_usd_bn),
            base_name=base_name or t("the official total for {year}", year=params.base_year),
            rate=format_growth(params.growth),
        ),
        t("Total: total(t) = organic(t) + the sum of the counted projects' contributions."),
        t(
            "Ramp: a project's level rises in a straight line from the year its "
            "effect starts, level(t) = full × min(1, (t − start + 1) / ramp years), "
            "times a price index where a contract has one. Its contribution is "
            "level(t) − level({year}): what it already delivered by {year} is in the "
            "base value.",
            year=params.base_year,
        ),
        t(
            "Delay: start = completion year + {delay} years for projects due after "
            "{year}; projects already completed are not moved.",
            delay=params.delay_years,
            year=params.base_year,
        ),
        t(
            "Band: low uses g − {width} point and, for every project parameter, the "
            "end of its range that lowers the effect; high uses g + {width} point and "
            "the other ends. In {year}: {low} to {high}.",
            width=width,
            year=target_year,
            low=format_usd_bn(band_at_target[0]),
            high=format_usd_bn(band_at_target[1]),
        ),
    ]


def kind_lines(trade_loss_per_day: Mapping[str, float]) -> list[str]:
    """Return how each kind of project's effect is computed, one line per kind.

    Args:
        trade_loss_per_day: the trade lost per day of delay in force (percent), by what it
            applies to (a project type or id), as `scenario.effects.values_in_force` gives it.
    """
    return [
        t(
            "Hydropower: electricity sold within the region minus the intraregional "
            "imports it displaces; USD million a year = 10 × output (bn kWh) × share sold "
            "in the region × price (US cents/kWh), less the same product for what it "
            "displaces."
        ),
        t(
            "Gas: volume sold within the region (bcm a year) × price (USD per 1,000 m³) "
            "= USD million a year."
        ),
        t(
            "Rail and road with a cargo forecast: added cargo (Mt) × share traded among "
            "the five × share that is new trade × value per tonne (USD) = USD million a "
            "year."
        ),
        t(
            "Roads that speed up a pair's existing trade: the pair's trade × {rate} per day × "
            "days saved.",
            rate=_percent_per_day(trade_loss_per_day),
        ),
        t("Trade hubs: the hub's own trade increment at maturity."),
        t(
            "Transit pipelines and corridors, power lines, ports, domestic projects: 0. "
            "Transit and sales outside the region are not trade among the five, and power "
            "lines carry the plant sales already counted."
        ),
    ]


def band_help(params: ScenarioParams) -> str:
    """Return what the band's earliest and latest years assume, with its growth spread."""
    return t(
        "Earliest year: growth {width} point higher and every project parameter at the end of "
        "its range that raises trade. Latest year: the opposite.",
        width=_points(params.band_width),
    )
