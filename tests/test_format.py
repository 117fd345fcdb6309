"""Numbers, amounts, rates and dates as people read them, in English and in Russian."""

from __future__ import annotations

from datetime import date

import pytest

from ca_trade.format import (
    MINUS,
    fewest_decimals,
    format_capacity,
    format_full_date,
    format_growth,
    format_length_km,
    format_month_year,
    format_number,
    format_percent,
    format_short_date,
    format_significant,
    format_usd_bn,
    format_usd_bn_compact,
    format_usd_m,
    format_usd_m_compact,
    number_marks,
    plotly_separators,
    qualified,
    usd_bn_hover,
)
from ca_trade.i18n import language

NBSP = "\u00a0"  # CLDR's group mark and unit space in Russian
NARROW_NBSP = "\u202f"  # CLDR's space before 'г.' in Russian dates


def test_the_minus_is_a_true_minus() -> None:
    assert MINUS == "\u2212"


@pytest.mark.parametrize(
    ("value", "signed", "english", "russian"),
    [
        (11.5, False, "$11.5bn", f"11,5{NBSP}млрд{NBSP}$"),
        (-0.3, False, "−$0.3bn", f"−0,3{NBSP}млрд{NBSP}$"),
        (0.3, True, "+$0.3bn", f"+0,3{NBSP}млрд{NBSP}$"),
        (-0.3, True, "−$0.3bn", f"−0,3{NBSP}млрд{NBSP}$"),
        (1234.5, False, "$1,234.5bn", f"1{NBSP}234,5{NBSP}млрд{NBSP}$"),
        (-0.04, True, "$0.0bn", f"0,0{NBSP}млрд{NBSP}$"),  # rounds to zero: no sign
    ],
)
def test_usd_bn(value: float, signed: bool, english: str, russian: str) -> None:
    assert format_usd_bn(value, signed=signed) == english
    with language("ru"):
        assert format_usd_bn(value, signed=signed) == russian


def test_usd_bn_decimals_and_compact() -> None:
    assert format_usd_bn(15, 0) == "$15bn"
    assert format_usd_bn(0.0038, 3) == "$0.004bn"
    assert format_usd_bn_compact(0.282) == "$0.28bn"
    assert format_usd_bn_compact(6.29) == "$6.29bn"
    assert format_usd_bn_compact(4.2) == "$4.2bn"
    assert format_usd_bn_compact(2.0) == "$2bn"
    assert format_usd_bn_compact(-0.5, signed=True) == "−$0.5bn"
    with language("ru"):
        assert format_usd_bn_compact(4.2) == f"4,2{NBSP}млрд{NBSP}$"


def test_fewest_decimals() -> None:
    assert [fewest_decimals(v) for v in (2.0, 4.2, 0.28, 0.2849)] == [0, 1, 2, 2]
    assert fewest_decimals(12.25, 1) == 1


def test_usd_m() -> None:
    assert format_usd_m(4400) == "$4,400m"
    assert format_usd_m(2.34) == "$2.3m"
    assert format_usd_m(-2.34) == "−$2.3m"
    assert format_usd_m(12, signed=True) == "+$12m"
    assert format_usd_m_compact(4400) == "4,400"
    assert format_usd_m_compact(2.34) == "2.3"
    with language("ru"):
        assert format_usd_m(4400) == f"4{NBSP}400{NBSP}млн{NBSP}$"
        assert format_usd_m(-2.34) == f"−2,3{NBSP}млн{NBSP}$"
        assert format_usd_m_compact(4400) == f"4{NBSP}400"


def test_number() -> None:
    assert format_number(4400.46) == "4,400.5"
    assert format_number(3, 0) == "3"
    assert format_number(-1.25, 2) == "−1.25"
    assert format_number(1.2, 1, signed=True) == "+1.2"
    with language("ru"):
        assert format_number(4400.46) == f"4{NBSP}400,5"
        assert format_number(-1.25, 2) == "−1,25"


def test_significant_digits_for_formulas() -> None:
    assert format_significant(13.1) == "13.1"
    assert format_significant(0.000125) == "0.000125"
    assert format_significant(1234567) == "1.23457e+06"
    assert format_significant(-2.5) == "−2.5"
    with language("ru"):
        assert format_significant(13.1) == "13,1"


@pytest.mark.parametrize(
    ("fraction", "signed", "english", "russian"),
    [
        (0.045, False, "4.5%", f"4,5{NBSP}%"),
        (0.0453, False, "4.5%", f"4,5{NBSP}%"),
        (-0.01, False, "−1.0%", f"−1,0{NBSP}%"),
        (0.045, True, "+4.5%", f"+4,5{NBSP}%"),
        (0.0, True, "0.0%", f"0,0{NBSP}%"),
    ],
)
def test_percent(fraction: float, signed: bool, english: str, russian: str) -> None:
    assert format_percent(fraction, signed=signed) == english
    with language("ru"):
        assert format_percent(fraction, signed=signed) == russian


def test_growth_is_always_signed() -> None:
    assert format_growth(0.0453) == "+4.5% a year"
    assert format_growth(-0.012) == "−1.2% a year"
    assert format_growth(0.0) == "0.0% a year"
    with language("ru"):
        assert format_growth(0.0453) == f"+4,5{NBSP}% в год"
        assert format_growth(-0.012) == f"−1,2{NBSP}% в год"


def test_qualified_amounts() -> None:
    assert qualified("$1.7bn", "approximate") == "about $1.7bn"
    assert qualified("$500m", "lower_bound") == "more than $500m"
    assert qualified("$11.0bn", "exact") == "$11.0bn"
    with language("ru"):
        assert qualified(format_usd_bn(1.7), "approximate") == f"около 1,7{NBSP}млрд{NBSP}$"
        assert qualified("500", "lower_bound") == "более 500"


def test_capacity_and_length() -> None:
    assert format_capacity(1860, "MW") == "1,860 MW"
    assert format_capacity(30, "bcm_per_year") == "30 bcm/yr"
    assert format_capacity(1.5, "mt_per_year") == "1.5 Mt/yr"
    assert format_capacity(3, "berths") == "3 berths"  # a unit without a text of its own
    assert format_capacity(None, "MW") is None
    assert format_capacity(5, None) is None
    assert format_length_km(1833) == "1,833 km"
    assert format_length_km(12.5) == "12.5 km"
    assert format_length_km(None) is None
    with language("ru"):
        assert format_capacity(1860, "MW") == f"1{NBSP}860{NBSP}МВт"
        assert format_length_km(1833) == f"1{NBSP}833{NBSP}км"


def test_dates_follow_the_language() -> None:
    day = date(2024, 8, 9)
    assert (format_full_date(day), format_short_date(day)) == ("9 August 2024", "9 Aug 2024")
    assert format_month_year(day) == "Aug 2024"
    with language("ru"):
        assert format_full_date(day) == f"9 августа 2024{NARROW_NBSP}г."
        assert format_short_date(day) == f"9 авг. 2024{NARROW_NBSP}г."
        assert format_month_year(day) == f"авг. 2024{NARROW_NBSP}г."


def test_plotly_number_settings() -> None:
    assert number_marks() == (".", ",")
    assert plotly_separators() == ".,"
    assert usd_bn_hover() == "$%{y:.2f}bn"
    assert usd_bn_hover("x", 1) == "$%{x:.1f}bn"
    with language("ru"):
        assert number_marks() == (",", NBSP)
        assert plotly_separators() == f",{NBSP}"
        assert usd_bn_hover() == f"%{{y:.2f}}{NBSP}млрд{NBSP}$"
